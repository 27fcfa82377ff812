"""Run a recursive reader again with room to recurse, when real code nests too deep.

The readers of a module (the taint lowering, the framework facts) recurse once per level
of nesting; an `elif` chain of some hundreds of branches or a `+` of some hundreds of
terms takes them past Python's default limit of 1,000 frames. Raising the limit for the
whole process would let such code overflow the C stack of the main thread (8 MiB), so a
reader that ran out is run once more in a thread of its own with a large stack and a
higher limit, while the calling thread waits.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

DEEP_LIMIT = 20_000
"""Frames the second try may use (a chain of several thousand branches or terms)."""
DEEP_STACK = 512 * 1024 * 1024
"""Its thread's stack: far more than `DEEP_LIMIT` frames take (reserved, not used)."""

_lock = threading.Lock()
_THREAD = "webwarden-deep"


def with_room(reader: Callable[[], T]) -> T:
    """`reader()`, run once more by `run_deep` if it runs out of recursion here."""
    try:
        return reader()
    except RecursionError:
        return run_deep(reader)


def run_deep(reader: Callable[[], T]) -> T:
    """`reader()` in a thread with a `DEEP_STACK` stack and a `DEEP_LIMIT` recursion limit;
    its exception (a `RecursionError` past even that) is raised here. Called from such a
    thread (a callee's analysis inside a deep one), `reader()` runs where it is."""
    if threading.current_thread().name == _THREAD:
        return reader()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(reader())
        except BaseException as exc:  # NOTE: handed to the caller as it is
            failure.append(exc)

    # NOTE: the limit is the interpreter's and the stack size applies to threads made
    # after it is set; both are restored before another caller may run.
    with _lock:
        limit, stack = sys.getrecursionlimit(), threading.stack_size()
        try:
            threading.stack_size(DEEP_STACK)
            sys.setrecursionlimit(max(limit, DEEP_LIMIT))
            worker = threading.Thread(target=run, name=_THREAD)
            worker.start()
            worker.join()
        except (ValueError, RuntimeError, MemoryError) as exc:
            # NOTE: a platform that cannot make such a thread: the reader ran out, as before.
            raise RecursionError("no room to recurse deeper here") from exc
        finally:
            threading.stack_size(stack)
            sys.setrecursionlimit(limit)
    if failure:
        raise failure[0]
    return outcome[0]
