"""Pausing Python's cycle collector while a run builds objects that die by refcount."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


class _Exit:
    """Whether the process ends once the command it runs is done (`exit_follows`)."""

    follows = False


def exit_follows() -> None:
    """Say that this process ends after its command: the collector, resumed after a
    pause, then leaves alone the objects alive at that point (they are frozen).

    NOTE: the first collection after a scan's pause walks every object the scan left
    alive (0.04-0.06 s on Django) only to find the nothing the command left behind;
    frozen objects are still freed by refcount as the process ends. Not for a resident
    process (the daemon), whose cycles must stay collectable.
    """
    _Exit.follows = True


@contextlib.contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector inside the block; resume it after if it was on.

    A scan allocates millions of short-lived AST nodes; the collector, triggered by the
    allocation count, re-scans every object alive (the results so far) each time, which
    costs a quarter of a cold scan's time. Trees and facts form no reference cycles, so
    reference counting frees them; the collector resumes afterwards for anything else.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if _Exit.follows:
                gc.freeze()
            gc.enable()
