"""One remembered answer: what a process scanning one tree again (the daemon, `watch`)
asks for anew at each scan and gets the same for, kept with the key it was made for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LastAnswer(Generic[K, V]):
    """The answer last made and its key: asked with a key that `same` says is the kept
    one, the kept answer; otherwise a new one, which replaces it."""

    __slots__ = ("_kept", "_same")

    def __init__(self, same: Callable[[K, K], bool] | None = None) -> None:
        self._kept: tuple[K, V] | None = None
        self._same = same

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The answer for `key`, made by `make` unless it is the one kept."""
        kept = self._kept
        if kept is not None and (
            self._same(kept[0], key) if self._same is not None else kept[0] == key
        ):
            return kept[1]
        answer = make()
        self._kept = (key, answer)
        return answer

    def clear(self) -> None:
        """Forget the kept answer."""
        self._kept = None
