"""Walk the given paths: .gitignore and exclude patterns, virtualenvs, symlink loops.

NOTE: the walk works on the `str` paths `os.scandir` hands out and builds relative paths
by joining names (pathlib parsing used to be most of a warm scan's discovery time); a
file's `Path` is made only when asked for (`SourceFile.path`). A path outside the base
it is made relative to takes the slow exact route (`relative`).
"""

from __future__ import annotations

import operator
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from webwarden.config import Config, ConfigError
from webwarden.discover.files import FileKind, Problem, SourceFile, classify
from webwarden.discover.patterns import PathMatcher
from webwarden.pickling import fast_pickling

_Ignore = tuple[PathMatcher, str]
"""A `.gitignore` and the path of the directory being walked relative to its folder
(`""` at the folder itself, else ending with `/`)."""
_NAME = operator.attrgetter("name")
Stamp = tuple[str, int, int]
"""A path with its modification time (ns) and inode, (path, 0, 0) when it is absent; or
with -1 and whether it exists, when only that matters (`presence_of`)."""


def stamp_of(path: str) -> Stamp:
    """`path` as it is now (following links)."""
    try:
        st = os.stat(path)
    except OSError:
        return (path, 0, 0)
    return (path, st.st_mtime_ns, st.st_ino)


def presence_of(path: str) -> Stamp:
    """Whether `path` exists, as a stamp (a `.git` folder changes with every commit)."""
    return (path, -1, int(os.path.exists(path)))


def holds(stamp: Stamp) -> bool:
    """Whether the path is still as `stamp` says."""
    if stamp[1] == -1:
        return stamp == presence_of(stamp[0])
    return stamp == stamp_of(stamp[0])


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


def _prefix(rel: str) -> str | None:
    """What to put before a name to get a child's relative path; None when the directory
    is not below the base (the child may then be the base itself or lie above it)."""
    if rel == ".":
        return ""
    return None if rel.startswith("..") else rel + "/"


def git_top(start: Path) -> Path | None:
    """The nearest folder from `start` up that holds `.git` (a directory, or a worktree's
    file), if any."""
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def _read_gitignore(directory: str | Path, stamps: list[Stamp] | None = None) -> PathMatcher | None:
    path = os.path.join(directory, ".gitignore")
    if stamps is not None:
        stamps.append(stamp_of(path))
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read()
    except OSError:
        return None
    return PathMatcher.from_lines(lines.splitlines())


def _is_venv(directory: str, names: list[str]) -> bool:
    # NOTE: the names are compared without case first so that a case-insensitive file
    # system answers as the `exists()` check alone would; only then is it made.
    listing = "\0" + "\0".join(names).lower() + "\0"
    return "\0pyvenv.cfg\0" in listing and os.path.exists(os.path.join(directory, "pyvenv.cfg"))


@dataclass(slots=True)
class _Walker:
    config: Config
    root: Path
    discovery: Discovery
    exclude: PathMatcher
    exclude_base: Path = Path("/")
    """Exclude patterns are matched relative to this: the root, or an explicitly given
    path that the patterns would exclude themselves (so that its contents are scanned)."""
    visited: set[tuple[int, int]] = field(default_factory=set)
    ancestors: set[tuple[int, int]] = field(default_factory=set)
    """The folders being walked, from the root down to the current one."""
    seen_files: set[tuple[int, int]] = field(default_factory=set)
    excluded_names: dict[str, bool] = field(default_factory=dict)
    stamps: list[Stamp] = field(default_factory=list)
    """The folders listed or looked into and the ignore files read, as they were then:
    what a later walk would have to find unchanged to find the same files."""

    def excluded(self, path: Path, is_dir: bool, ignores: list[tuple[Path, PathMatcher]]) -> bool:
        """Whether a path given on the command line would be excluded (the exact, slow way)."""
        rel = relative(path, self.exclude_base)
        probe = rel + "/" if is_dir else rel
        if not rel.startswith("..") and self.exclude.match(probe):
            return True
        if self.exclude.match(path.name + ("/" if is_dir else "")):
            return True
        for base, matcher in ignores:
            try:
                sub = path.relative_to(base).as_posix()
            except ValueError:
                continue
            if matcher.match(sub + "/" if is_dir else sub):
                return True
        return False

    def ancestor_ignores(self, start: Path) -> list[tuple[Path, PathMatcher]]:
        if not self.config.respect_gitignore:
            return []
        top = git_top(start)
        chain = [start, *start.parents]
        if top is not None:
            chain = chain[: chain.index(top) + 1]  # NOTE: git_top looked along this chain
        self.stamps += (presence_of(str(d / ".git")) for d in chain)
        if top is None:
            return []
        ignores = []
        for directory in reversed(chain[1:]):
            matcher = _read_gitignore(directory, self.stamps)
            if matcher is not None:
                ignores.append((directory, matcher))
        return ignores

    def add_file(
        self, path: str, name: str, rel: str, st: os.stat_result, folders: tuple[str, ...]
    ) -> None:
        """Add a file; `folders`: the parts of its folder's relative path."""
        # NOTE: the same file reached twice (through a symlink) is one file: same inode.
        identity = (st.st_dev, st.st_ino)
        if identity in self.seen_files:
            return
        self.seen_files.add(identity)
        kind = classify(name, folders)
        self.discovery.files.append(
            SourceFile(path, rel, kind, st.st_size, st.st_mtime_ns, st.st_ino)
        )

    def add_given_file(self, path: Path) -> None:
        try:
            st = path.stat()
        except OSError as exc:
            self.problem(relative(path, self.root), _os_reason(exc, symlink=path.is_symlink()))
            return
        if stat.S_ISREG(st.st_mode):
            rel = relative(path, self.root)
            self.add_file(str(path), path.name, rel, st, _folders(rel))
        else:
            self.problem(relative(path, self.root), "not a regular file")

    def problem(self, relpath: str, reason: str) -> None:
        self.discovery.problems.append(Problem(relpath, reason))

    def walk_given_dir(self, directory: Path, ignores: list[tuple[Path, PathMatcher]]) -> None:
        rel = relative(directory, self.root)
        try:
            st = directory.stat()
        except OSError as exc:
            self.problem(rel, _os_reason(exc))
            return
        inner = []
        for base, matcher in ignores:
            sub = directory.relative_to(base).as_posix()
            inner.append((matcher, "" if sub == "." else sub + "/"))
        self.walk_dir(str(directory), st, rel, relative(directory, self.exclude_base), inner)

    def walk_dir(
        self, directory: str, st: os.stat_result, rel: str, base_rel: str, ignores: list[_Ignore]
    ) -> None:
        """Walk one directory; `rel` is its path relative to the root, `base_rel` relative
        to the exclude base."""
        key = (st.st_dev, st.st_ino)
        if key in self.visited:
            # NOTE: a link to a folder scanned under its own path (Read the Docs' `fonts`
            # -> `font`) misses nothing, as a linked file does not; a link to a folder
            # that holds it would be walked forever.
            if key in self.ancestors and os.path.islink(directory):
                self.problem(rel, "symlink loop: the link leads back to a folder holding it")
            return
        self.visited.add(key)
        self.ancestors.add(key)
        self.stamps.append((directory, st.st_mtime_ns, st.st_ino))
        try:
            self._walk_contents(directory, rel, base_rel, ignores)
        finally:
            self.ancestors.discard(key)

    def _walk_contents(
        self, directory: str, rel: str, base_rel: str, ignores: list[_Ignore]
    ) -> None:
        try:
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=_NAME)
        except OSError as exc:
            if not os.path.exists(os.path.join(directory, "pyvenv.cfg")):
                self.problem(rel, _os_reason(exc))
            return
        names = [e.name for e in entries]
        if _is_venv(directory, names):
            return
        if self.config.respect_gitignore and ".gitignore" in names:
            matcher = _read_gitignore(directory, self.stamps)
            if matcher is not None:
                ignores = [*ignores, (matcher, "")]
        self.walk_entries(entries, rel, base_rel, ignores)

    def walk_entries(
        self, entries: list[os.DirEntry[str]], rel: str, base_rel: str, ignores: list[_Ignore]
    ) -> None:
        prefix = _prefix(rel)
        base_prefix = _prefix(base_rel)
        same_base = prefix is not None and base_prefix == prefix and self.exclude_base == self.root
        test_exclude = self.exclude.test
        # NOTE: with bare-name patterns only, a path is excluded exactly when one of its
        # parts is; the folders above were tested on the way down, so the name decides.
        test_path = not self.exclude.by_name
        excluded_names = self.excluded_names
        folders = tuple(prefix[:-1].split("/")) if prefix else ()
        for entry in entries:
            name = entry.name
            path = entry.path
            child = prefix + name if prefix is not None else relative(Path(path), self.root)
            try:
                st = entry.stat()
            except OSError as exc:
                self.problem(child, _os_reason(exc, symlink=os.path.islink(path)))
                continue
            is_dir = stat.S_ISDIR(st.st_mode)
            mark = "/" if is_dir else ""
            if base_prefix is None:
                base_child = relative(Path(path), self.exclude_base)
            else:
                base_child = child if same_base else base_prefix + name
            if test_path and not base_child.startswith("..") and test_exclude(base_child + mark):
                continue
            named = name + mark
            hit = excluded_names.get(named)
            if hit is None:
                hit = excluded_names[named] = bool(test_exclude(named))
            if hit or (ignores and any(matcher.test(sub + named) for matcher, sub in ignores)):
                continue
            if is_dir:
                inner = [(matcher, sub + named) for matcher, sub in ignores]
                self.walk_dir(path, st, child, base_child, inner)
            elif stat.S_ISREG(st.st_mode):
                self.add_file(
                    path, name, child, st, folders if prefix is not None else _folders(child)
                )


def _folders(relpath: str) -> tuple[str, ...]:
    return tuple(relpath.split("/")[:-1])


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
    return discover_stamped(paths, config)[0]


def discover_stamped(paths: Sequence[Path], config: Config) -> tuple[Discovery, list[Stamp]]:
    """`discover`, and the stamps of what the walk looked at (see `_Walker.stamps`)."""
    root = config.root
    discovery = Discovery()
    exclude = PathMatcher.from_lines([*config.exclude, *config.extend_exclude])
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
            walker.walk_given_dir(path, ignores)
        else:
            walker.add_given_file(path)
    own = _own_files(config)
    if own:
        discovery.files = [f for f in discovery.files if not own(f.abspath)]
    discovery.files.sort(key=lambda f: f.relpath)
    discovery.problems.sort(key=lambda p: p.relpath)
    return discovery, walker.stamps


def _own_files(config: Config) -> Callable[[str], bool] | None:
    """What webwarden writes itself, when it lies in the project (`-o report.json`, a
    `cache-dir` inside the tree): never audited, so a scan never reports on its own
    output, and a rerun does not see its previous report as a change."""
    root = os.path.normpath(config.root) + os.sep
    report = os.path.normpath(Path.cwd() / config.output) if config.output else ""
    cache = os.path.normpath(Path.cwd() / config.cache_dir) + os.sep if config.cache_dir else ""
    report = report if report.startswith(root) else ""
    cache = cache if cache.startswith(root) else ""
    if not (report or cache):
        return None
    return lambda path: path == report or (bool(cache) and path.startswith(cache))


def iter_python(discovery: Discovery) -> Iterator[SourceFile]:
    """The Python files of a discovery."""
    return iter(discovery.of_kind(FileKind.PYTHON))


fast_pickling(globals())
