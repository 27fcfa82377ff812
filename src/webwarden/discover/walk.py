"""Walk the given paths: .gitignore and exclude patterns, virtualenvs, symlink loops."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from webwarden.config import Config, ConfigError
from webwarden.discover.files import FileKind, Problem, SourceFile, classify


@dataclass(slots=True)
class Discovery:
    """The result of a walk: files in a stable order, and what could not be listed."""

    files: list[SourceFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def of_kind(self, kind: FileKind) -> list[SourceFile]:
        """The files of one kind."""
        return [f for f in self.files if f.kind is kind]


def relative(path: Path, root: Path) -> str:
    """`path` relative to `root` in POSIX form (with `..` when it lies outside)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, root)).as_posix()


def _git_top(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def _read_gitignore(directory: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        lines = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines.splitlines())


@dataclass(slots=True)
class _Walker:
    config: Config
    root: Path
    discovery: Discovery
    exclude: pathspec.GitIgnoreSpec
    exclude_base: Path = Path("/")
    """Exclude patterns are matched relative to this: the root, or an explicitly given
    path that the patterns would exclude themselves (so that its contents are scanned)."""
    visited: set[tuple[int, int]] = field(default_factory=set)
    seen_files: set[tuple[int, int]] = field(default_factory=set)

    def excluded(
        self, path: Path, is_dir: bool, ignores: list[tuple[Path, pathspec.GitIgnoreSpec]]
    ) -> bool:
        rel = relative(path, self.exclude_base)
        probe = rel + "/" if is_dir else rel
        if not rel.startswith("..") and self.exclude.match_file(probe):
            return True
        if self.exclude.match_file(path.name + ("/" if is_dir else "")):
            return True
        for base, spec in ignores:
            try:
                sub = path.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(sub + "/" if is_dir else sub):
                return True
        return False

    def ancestor_ignores(self, start: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
        if not self.config.respect_gitignore:
            return []
        top = _git_top(start)
        if top is None:
            return []
        chain = [start, *start.parents]
        chain = chain[: chain.index(top) + 1] if top in chain else [start]
        ignores = []
        for directory in reversed(chain[1:]):
            spec = _read_gitignore(directory)
            if spec is not None:
                ignores.append((directory, spec))
        return ignores

    def add_file(self, path: Path, st: os.stat_result) -> None:
        # NOTE: the same file reached twice (through a symlink) is one file: same inode.
        identity = (st.st_dev, st.st_ino)
        if identity in self.seen_files:
            return
        self.seen_files.add(identity)
        rel = relative(path, self.root)
        parts = tuple(rel.split("/")[:-1])
        kind = classify(path.name, parts)
        self.discovery.files.append(SourceFile(path, rel, kind, st.st_size))

    def add_given_file(self, path: Path) -> None:
        try:
            st = path.stat()
        except OSError as exc:
            self.problem(path, _os_reason(exc, symlink=path.is_symlink()))
            return
        if stat.S_ISREG(st.st_mode):
            self.add_file(path, st)
        else:
            self.problem(path, "not a regular file")

    def problem(self, path: Path, reason: str) -> None:
        self.discovery.problems.append(Problem(relative(path, self.root), reason))

    def walk_dir(self, directory: Path, ignores: list[tuple[Path, pathspec.GitIgnoreSpec]]) -> None:
        try:
            st = directory.stat()
        except OSError as exc:
            self.problem(directory, _os_reason(exc))
            return
        key = (st.st_dev, st.st_ino)
        if key in self.visited:
            if directory.is_symlink():
                self.problem(directory, "symlink loop: the directory is already being scanned")
            return
        self.visited.add(key)
        if (directory / "pyvenv.cfg").exists():
            return
        if self.config.respect_gitignore and (spec := _read_gitignore(directory)) is not None:
            ignores = [*ignores, (directory, spec)]
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            self.problem(directory, _os_reason(exc))
            return
        for entry in entries:
            self.visit(Path(entry.path), ignores, entry)

    def visit(
        self,
        path: Path,
        ignores: list[tuple[Path, pathspec.GitIgnoreSpec]],
        entry: os.DirEntry[str] | None = None,
    ) -> None:
        try:
            st = entry.stat() if entry is not None else path.stat()
        except OSError as exc:
            self.problem(path, _os_reason(exc, symlink=path.is_symlink()))
            return
        is_dir = stat.S_ISDIR(st.st_mode)
        if self.excluded(path, is_dir, ignores):
            return
        if is_dir:
            self.walk_dir(path, ignores)
        elif stat.S_ISREG(st.st_mode):
            self.add_file(path, st)


def _os_reason(exc: OSError, *, symlink: bool = False) -> str:
    if symlink and exc.errno == 40:  # ELOOP
        return "symlink loop: the link resolves to itself"
    if symlink:
        return "broken symlink: the target does not exist"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read: {exc.strerror or exc}"


def discover(paths: Sequence[Path], config: Config) -> Discovery:
    """List the files under `paths` that webwarden should look at.

    Paths given explicitly are never excluded themselves; exclusion, `.gitignore` and the
    virtualenv check apply to what lies below them.
    """
    root = config.root
    discovery = Discovery()
    patterns = [*config.exclude, *config.extend_exclude]
    exclude = pathspec.GitIgnoreSpec.from_lines(patterns)
    walker = _Walker(config, root, discovery, exclude)
    for given in paths or [root]:
        path = given if given.is_absolute() else Path.cwd() / given
        path = Path(os.path.normpath(path))
        if not path.exists() and not path.is_symlink():
            raise ConfigError(f"{given}: no such file or directory")
        is_dir = path.is_dir()
        walker.exclude_base = root
        if walker.excluded(path, is_dir, []):
            walker.exclude_base = path
        ignores = walker.ancestor_ignores(path if is_dir else path.parent)
        if walker.excluded(path, is_dir, ignores):
            ignores = []
        if is_dir:
            walker.walk_dir(path, ignores)
        else:
            walker.add_given_file(path)
    discovery.files.sort(key=lambda f: f.relpath)
    discovery.problems.sort(key=lambda p: p.relpath)
    return discovery


def iter_python(discovery: Discovery) -> Iterator[SourceFile]:
    """The Python files of a discovery."""
    return iter(discovery.of_kind(FileKind.PYTHON))
