"""pip requirements files: `-r`/`-c` includes, hashes, markers, extras, URL and VCS pins.

Local paths (`.`, `-e ./lib`) are the project's own code and are not dependencies to
audit; URL and VCS references are reported as unauditable rather than dropped. A
constraint (`-c`) that pins a package required without a version makes that the
installed version, declared at the constraint's line.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path, PurePosixPath

from webwarden.deps.model import Declaration, Dependency, Kind, Problem
from webwarden.deps.sources import names
from webwarden.deps.sources._pep508 import from_requirement, parse_requirement
from webwarden.deps.sources.interface import (
    Collected,
    DependencySource,
    DependencySourceError,
    display_path,
)
from webwarden.parse.requirement_lines import logical_lines

_OPTION_SPLIT = re.compile(r"\s+(?=--?[a-zA-Z])")
_INCLUDE = re.compile(
    r"^(?P<option>-r|--requirement|-c|--constraint|-e|--editable)(?:\s*=\s*|\s+|(?<=^-[rce]))(?P<value>\S.*)$"
)
_MOST_PROBLEMS = 5
"""More unparsable lines than this, and than requirements: not a requirements file (one
WW000 for the file rather than one per line of someone's prose)."""
_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://|git\+|hg\+|svn\+|bzr\+)")
_EGG = re.compile(r"#(?:.*&)?egg=(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)")
_ENV_VAR = re.compile(r"\$\{[A-Z0-9_]+\}|\{\{[^{}]*\}\}")
"""pip expands `${NAME}` from the environment it runs in, which a reader cannot know; a
project template's `{{ release }}` is filled in when the template is rendered."""
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_WHEEL = re.compile(r"/(?P<name>[A-Za-z0-9_.]+?)-\d[^/]*\.(?:whl|tar\.gz|zip)(?:$|#)")


_VCS = re.compile(r"^(?:git|hg|svn|bzr)\+[a-zA-Z][a-zA-Z0-9+.-]*://")


def _unauditable_name(reference: str) -> str:
    """The name an unauditable reference is reported by: its `#egg=` or wheel's name, else
    the last part of its path (a VCS repository's, without `.git` and `@revision`)."""
    if match := _EGG.search(reference):
        return match.group("name")
    if match := _WHEEL.search(reference):
        return match.group("name")
    location = reference.split("#")[0]
    if _VCS.match(location):
        location = _without_revision(location)
    return location.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git") or reference


def _without_revision(url: str) -> str:
    """`git+https://host/org/repo.git@feature/x` -> `git+https://host/org/repo.git`: pip
    takes what follows the last `@` of the path as the revision (a branch with a `/`, a
    tag, a commit); an `@` before the path is the login (`git+ssh://git@host/...`)."""
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return f"{scheme}://{host}{slash}{path.rsplit('@', 1)[0]}"


def _is_local_path(reference: str) -> bool:
    return reference.startswith((".", "/", "~", "file:")) or (
        "/" in reference and not _URL.match(reference) and "@" not in reference
    )


class RequirementsSource(DependencySource):
    """A pip requirements file and the files it includes."""

    format_name = "requirements"
    locale_text = True
    patterns = names.REQUIREMENTS

    def __init__(self, path: Path, root: Path, _seen: set[Path] | None = None) -> None:
        super().__init__(path, root)
        self._seen = _seen if _seen is not None else set()

    def collect(self) -> Collected:
        """Parse the file and, recursively, its `-r` and `-c` includes."""
        collected = Collected()
        constraints: dict[str, Dependency] = {}
        self._parse(self.path, collected, constraints, as_constraints=False)
        if constraints:
            collected.dependencies = [
                self._constrain(dep, constraints) for dep in collected.dependencies
            ]
        problems = len(collected.problems)
        if problems > _MOST_PROBLEMS and problems > len(collected.dependencies):
            first = collected.problems[0]
            reason = (
                f"not a requirements file: {len(collected.problems)} lines are not "
                f"requirements (first at line {first.line}: {first.reason})"
            )
            collected.problems = [dataclasses.replace(first, reason=reason)]
            collected.dependencies = []
        return collected

    @staticmethod
    def _constrain(dep: Dependency, constraints: dict[str, Dependency]) -> Dependency:
        pin = constraints.get(dep.key)
        if dep.kind is not Kind.RANGE or pin is None or pin.kind is not Kind.PINNED:
            return dep
        return dataclasses.replace(
            pin, name=dep.name, extras=dep.extras, marker=dep.marker or pin.marker
        )

    def _parse(
        self,
        path: Path,
        collected: Collected,
        constraints: dict[str, Dependency],
        *,
        as_constraints: bool,
    ) -> None:
        resolved = path.resolve()
        if resolved in self._seen:
            return
        self._seen.add(resolved)
        source = RequirementsSource(path, self.root, self._seen)
        text = source.read()
        lines = text.splitlines()
        for number, content in logical_lines(text):
            declared = source.declaration(lines, number)
            try:
                dep = self._line(path, content, declared, collected, constraints)
            except ValueError as exc:
                collected.problems.append(Problem(source.relpath, str(exc), number))
                continue
            if dep is None:
                continue
            if as_constraints:
                constraints[dep.key] = dep
            else:
                collected.dependencies.append(dep)

    def _line(
        self,
        path: Path,
        content: str,
        declared: Declaration,
        collected: Collected,
        constraints: dict[str, Dependency],
    ) -> Dependency | None:
        if include := _INCLUDE.match(content):
            option, value = include.group("option"), include.group("value").strip()
            if option in ("-e", "--editable"):
                return self._reference(value, declared)
            target = path.parent / value
            if not target.is_file():
                target = self._mounted(value) or target
            collected.included.append(target)  # NOTE: also when missing: it may appear
            if not target.is_file():
                raise ValueError(f"included file `{value}` not found")
            is_constraint = option in ("-c", "--constraint")
            try:
                self._parse(target, collected, constraints, as_constraints=is_constraint)
            except DependencySourceError as exc:
                collected.problems.append(Problem(display_path(target, self.root), exc.reason))
            return None
        if content.startswith("-"):
            return None  # NOTE: index, trusted-host, --pre ... change nothing we audit.
        requirement, *options = _OPTION_SPLIT.split(content)
        hashed = any(o.startswith("--hash") for o in options)
        if _URL.match(requirement) or _is_local_path(requirement):
            return self._reference(requirement, declared)
        if _ENV_VAR.search(requirement) and (name := _NAME.match(requirement)):
            spec, _, marker = requirement.partition(";")
            return Dependency(
                name.group(),
                Kind.UNAUDITABLE,
                declared,
                self.format_name,
                spec_text=spec.strip(),
                marker=marker.strip(),
            )
        parsed = parse_requirement(requirement)
        return from_requirement(parsed, declared, self.format_name, hashed=hashed)

    def _mounted(self, value: str) -> Path | None:
        """The tree's file an absolute include names from inside a container, which mounts
        or copies the checkout somewhere (`-r /workspace/api/requirements.txt` of a
        development container, `-r /app/requirements.txt` of a Docker image): the file at
        the longest tail of the path below the project's root; None for a relative path
        or when the tree has no such file."""
        parts = PurePosixPath(value).parts[1:]
        if not value.startswith("/") or ".." in parts:
            return None
        for start in range(len(parts)):
            candidate = self.root.joinpath(*parts[start:])
            if candidate.is_file():
                return candidate
        return None

    def _reference(self, reference: str, declared: Declaration) -> Dependency | None:
        reference = _OPTION_SPLIT.split(reference)[0]
        if not _URL.match(reference) or reference.startswith("file:"):
            return None  # NOTE: a local path is the project's own code, not a dependency.
        return Dependency(
            _unauditable_name(reference),
            Kind.UNAUDITABLE,
            declared,
            self.format_name,
            spec_text=reference,
        )
