"""Walk again only when a walk could find other files: for a check after the last one
(the last walk kept in memory by a daemon, in the project's cache by a one-shot check).

A walk lists every folder of the tree, a tenth of a second on the Django tree (a quarter
of a daemon's rescan after an edit). Which files it finds changes only when a folder's
entries change (a file made, removed or renamed changes its folder's modification time),
an ignore file is edited, or the configuration or the paths given change. So a check
looks at the stamps of the folders and ignore files the last walk looked at; when none
changed it keeps the files found, with their own stats read again (their content may
have changed: the caches tell by those). Anything it cannot vouch for (a problem the
walk reported, such as a broken link whose target may appear; a folder changed just
before the walk, on a file system with coarse timestamps) makes it walk again.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from webwarden.config import Config
from webwarden.discover.files import SourceFile
from webwarden.discover.walk import Discovery, Stamp, discover_stamped, holds
from webwarden.pickling import fast_pickling

RACY_NS = 2_000_000_000
"""A stamp this close before the walk began is not trusted (git's "racily clean" entries):
an entry added in the same tick of a coarse clock would leave the folder's time as it was."""


@dataclass(frozen=True, slots=True)
class Walk:
    """One walk: what it was asked, what it found and the stamps it found it by."""

    given: tuple[str, ...]
    """The paths walked, absolute, with the folder they were given from."""
    config: Config
    discovery: Discovery
    stamps: tuple[Stamp, ...]
    trusted: bool
    """Whether a later walk may be judged by the stamps (see `RACY_NS`)."""


def walk(paths: Sequence[Path], config: Config, last: Walk | None = None) -> Walk:
    """The files under `paths` (see `discover`): `last`'s, with new stats, when nothing
    since that walk can have changed which files a walk finds; else a new walk."""
    given = (os.getcwd(), *(os.path.abspath(p) for p in paths))
    if last is not None and last.given == given and last.config == config:
        kept = _files_again(last)
        if kept is not None:
            return dataclasses.replace(last, discovery=kept)
    started = time.time_ns()
    discovery, stamps = discover_stamped(paths, config)
    trusted = not discovery.problems and settled(stamps, started)
    return Walk(given, config, discovery, tuple(stamps), trusted)


def settled(stamps: Iterable[Stamp], started_ns: int) -> bool:
    """Whether no stamp changed within `RACY_NS` before `started_ns` (when what they
    stamp was read), so that a later change shows in them."""
    return all(stamp[1] < started_ns - RACY_NS for stamp in stamps)


def restated(file: SourceFile) -> SourceFile | None:
    """`file` with its stats as they are now; None when it is gone or no longer a
    regular file (a walk would not find it as it was)."""
    try:
        st = os.stat(file.abspath)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    if (st.st_size, st.st_mtime_ns, st.st_ino) == file.stats:
        return file
    return dataclasses.replace(file, size=st.st_size, mtime_ns=st.st_mtime_ns, inode=st.st_ino)


def _files_again(last: Walk) -> Discovery | None:
    """`last`'s files with their stats as they are now, or None when a walk is needed."""
    if not last.trusted or not all(map(holds, last.stamps)):
        return None
    files = []
    for file in last.discovery.files:
        now = restated(file)
        if now is None:
            return None
        files.append(now)
    return Discovery(files, [])


fast_pickling(globals())
