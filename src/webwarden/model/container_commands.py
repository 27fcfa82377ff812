"""Python programs a Dockerfile runs as its container's command.

`COPY start.py /` then `CMD /start.py` (or `ENTRYPOINT ["python3", "/app/start.py"]`
after `COPY . /app`): the file is the process the container starts. What it reads (the
environment, the files mounted into the container) the operator sets, who runs the
container and may run any command in it already; unless the program answers requests
itself, none reaches it.
"""

from __future__ import annotations

import json
import posixpath
import re
import shlex
from collections.abc import Callable, Iterable, Iterator

from webwarden.model.project import ProjectModel
from webwarden.parse import read_text

_DOCKERFILE = re.compile(r"(?:Dockerfile|Containerfile)(?:[._-][\w.-]*)?|[\w.-]+\.[dD]ockerfile")
_IGNORE_FILE = ".dockerignore"
_INSTRUCTION = re.compile(r"^\s*(COPY|ADD|CMD|ENTRYPOINT|WORKDIR)\s+(.*)$", re.IGNORECASE)
_MEMO = "container-programs"
_MAX_SIZE = 256 * 1024


def is_dockerfile(name: str) -> bool:
    """Whether a file's name makes it a Dockerfile: `Dockerfile` or `Containerfile`
    (what `docker build` and `podman build` read from a context by default), either with
    a suffix after `.`, `-` or `_` (`Dockerfile.prod`, `Dockerfile-dev`, podman's
    `Containerfile.in`), or `<name>.Dockerfile` (Docker's convention for several in one
    folder; `.dockerfile` too, the extension editors know). Not a Dockerfile's own ignore
    file (`web.Dockerfile.dockerignore`)."""
    return _DOCKERFILE.fullmatch(name) is not None and not name.endswith(_IGNORE_FILE)


def container_programs(project: ProjectModel) -> frozenset[str]:
    """The relpaths of the project's Python files some Dockerfile copies into its image
    and runs as the container's `CMD` or `ENTRYPOINT` (worked out once per project)."""
    return _from_dockerfiles(project, _MEMO, run_programs)


_COPIED_MEMO = "container-copied-files"


def container_copied_files(project: ProjectModel) -> frozenset[str]:
    """The relpaths of the project's files some Dockerfile copies into its image by their
    own name (`COPY app.py .`, `COPY requirements.txt app.py ./`), not as part of a
    folder (`COPY . /app`) nor from another stage (`COPY --from=build ...`): the
    programs of a container built for them (worked out once per project)."""
    return _from_dockerfiles(project, _COPIED_MEMO, copied_files)


def _from_dockerfiles(
    project: ProjectModel,
    memo: str,
    read: Callable[[str, str, set[str]], Iterable[str]],
) -> frozenset[str]:
    """The relpaths `read(text, context folder, project relpaths)` gives over every
    Dockerfile of the project, kept in the project's memo under `memo`."""
    known = project.memo.get(memo)
    if not isinstance(known, frozenset):
        relpaths = {file.relpath for file in project.files}
        found: set[str] = set()
        for file in project.files:
            if is_dockerfile(file.name) and file.size <= _MAX_SIZE:
                text = read_text(project.root / file.relpath, _MAX_SIZE, lenient=True)
                if isinstance(text, str):
                    found.update(read(text, posixpath.dirname(file.relpath), relpaths))
        known = project.memo[memo] = frozenset(found)
    return known


def copied_files(text: str, context: str, relpaths: set[str]) -> Iterator[str]:
    """The relpaths (among `relpaths`) the Dockerfile `text`, built from the folder
    `context`, names as sources of a `COPY` or `ADD` from its build context."""
    for instruction, argument in _instructions(text):
        if instruction not in {"COPY", "ADD"}:
            continue
        words = _words(argument)
        if any(word.startswith("--from") for word in words):
            continue
        sources = [word for word in words if not word.startswith("--")][:-1]
        for source in sources:
            origin = posixpath.normpath(posixpath.join(context, source))
            if origin in relpaths:
                yield origin


def run_programs(text: str, context: str, relpaths: set[str]) -> Iterator[str]:
    """The relpaths (among `relpaths`) of the `.py` files the Dockerfile `text`, built
    from the folder `context`, copies into its image and names in a `CMD` or
    `ENTRYPOINT`. A path is taken as the copies place it: a file copied to a folder
    (`COPY start.py /`, `COPY a.py b.py /app/`) or to a path of its own, and a folder's
    files under the target (`COPY . /app`)."""
    workdir = "/"
    copies: list[tuple[list[str], str]] = []
    commands: list[tuple[str, str]] = []
    for instruction, argument in _instructions(text):
        words = _words(argument)
        if instruction == "WORKDIR" and words:
            workdir = posixpath.join(workdir, words[0])
        elif instruction in {"COPY", "ADD"}:
            words = [w for w in words if not w.startswith("--")]
            if len(words) >= 2:
                copies.append((words[:-1], posixpath.join(workdir, words[-1])))
        elif instruction in {"CMD", "ENTRYPOINT"}:
            commands.extend((workdir, w) for w in words if w.endswith(".py"))
    for workdir, word in commands:
        target = posixpath.normpath(posixpath.join(workdir, word))
        for sources, destination in copies:
            found = _copied_from(target, sources, destination, context, relpaths)
            if found is not None:
                yield found


def _copied_from(
    target: str, sources: list[str], destination: str, context: str, relpaths: set[str]
) -> str | None:
    """The relpath of the file a copy of `sources` to `destination` puts at `target`."""
    destination = posixpath.normpath(destination)
    for source in sources:
        origin = posixpath.normpath(posixpath.join(context, source))
        origin = "" if origin == "." else origin
        placed_as = {destination, posixpath.join(destination, posixpath.basename(origin))}
        if target in placed_as and origin in relpaths:
            return origin
        if target.startswith(destination.rstrip("/") + "/"):
            inner = posixpath.join(origin, target[len(destination.rstrip("/")) + 1 :])
            if inner in relpaths:
                return inner
    return None


def _instructions(text: str) -> Iterator[tuple[str, str]]:
    """(instruction in upper case, its argument) of the Dockerfile's lines, with the
    lines a trailing `\\` continues joined."""
    logical = re.sub(r"\\[ \t]*\r?\n", " ", text)
    for line in logical.splitlines():
        match = _INSTRUCTION.match(line)
        if match is not None:
            yield match.group(1).upper(), match.group(2).strip()


def _words(argument: str) -> list[str]:
    """The words of an instruction's argument, in its exec form (`["python", "a.py"]`)
    or its shell form (`python a.py`)."""
    if argument.startswith("["):
        try:
            parsed = json.loads(argument)
        except ValueError:
            return []
        return [w for w in parsed if isinstance(w, str)] if isinstance(parsed, list) else []
    try:
        return shlex.split(argument)
    except ValueError:
        return argument.split()
