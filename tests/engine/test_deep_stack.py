"""Readers that ran out of recursion run again with room to recurse."""

from __future__ import annotations

import sys
import threading

import pytest

from webwarden.deep_stack import DEEP_LIMIT, run_deep, with_room


def _depth(levels: int) -> int:
    return 0 if levels == 0 else 1 + _depth(levels - 1)


def test_a_reader_recurses_past_the_default_limit_and_the_limit_is_restored() -> None:
    before = sys.getrecursionlimit()
    with pytest.raises(RecursionError):
        _depth(before + 100)
    assert run_deep(lambda: _depth(before * 5)) == before * 5
    assert sys.getrecursionlimit() == before


def test_a_second_try_inside_a_deep_one_runs_in_place_without_waiting_on_itself() -> None:
    # A callee's analysis inside a deep analysis tries again too: it must not deadlock.
    assert run_deep(lambda: run_deep(lambda: _depth(3000))) == 3000


def test_past_even_the_deep_limit_the_recursion_error_reaches_the_caller() -> None:
    with pytest.raises(RecursionError):
        run_deep(lambda: _depth(DEEP_LIMIT * 2))


def test_a_platform_that_cannot_make_the_thread_leaves_the_recursion_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    limit, stack = sys.getrecursionlimit(), threading.stack_size()
    monkeypatch.setattr("webwarden.deep_stack.DEEP_STACK", 1)  # NOTE: below any minimum
    with pytest.raises(RecursionError, match="no room"):
        run_deep(lambda: _depth(10))
    assert (sys.getrecursionlimit(), threading.stack_size()) == (limit, stack)


def test_with_room_runs_the_reader_in_place_and_again_deep_only_when_it_runs_out() -> None:
    threads: list[str] = []

    def reader(levels: int) -> int:
        threads.append(threading.current_thread().name)
        return _depth(levels)

    assert with_room(lambda: reader(10)) == 10
    assert threads == [threading.current_thread().name]
    deep = sys.getrecursionlimit() * 3
    assert with_room(lambda: reader(deep)) == deep
    assert threads[1:] == [threading.current_thread().name, "webwarden-deep"]
