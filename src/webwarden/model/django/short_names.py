"""Module names as the code writes them when a folder of apps is on `sys.path`.

A project that puts a folder of its packages on the path (`sys.path.insert(0,
os.path.join(BASE_DIR, "apps"))` in its settings) imports `mysite/apps/shop/views.py` as
`shop.views`, while webwarden names the file from its packages, `mysite.apps.shop.views`:
a URLconf's `from shop import views` names views that are there under a longer name.
"""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.last_answer import LastAnswer


class ShortNames:
    """The one module of the project whose dotted name ends with a shorter one."""

    def __init__(self, modules: Iterable[str]) -> None:
        """`modules`: the dotted names of every module of the project."""
        self._modules = frozenset(modules)
        self._by_tail: dict[str, set[str]] | None = None

    def full(self, module: str) -> str | None:
        """The module `module` stands for: itself when the project has it; else the only
        module whose name ends with `.module`; else None (none, or several: each app of a
        tree has its `views`, and the name says which of them it means no more than
        Python would find it)."""
        if module in self._modules:
            return module
        if self._by_tail is None:
            self._by_tail = _last_tails(self._modules)
        found = self._by_tail.get(module, ())
        return next(iter(found)) if len(found) == 1 else None


_LAST: LastAnswer[frozenset[str], dict[str, set[str]]] = LastAnswer()
"""The tails made last, with the names they were made of: a process scanning one tree
again (the daemon, `watch`) asks for the same ones each scan."""


def _last_tails(modules: frozenset[str]) -> dict[str, set[str]]:
    return _LAST.get(modules, lambda: _tails(modules))


def _tails(modules: Iterable[str]) -> dict[str, set[str]]:
    """Each proper tail of each name (`apps.shop.views`, `shop.views`, `views` of
    `mysite.apps.shop.views`) -> the names ending with it."""
    tails: dict[str, set[str]] = {}
    for module in modules:
        parts = module.split(".")
        for start in range(1, len(parts)):
            tails.setdefault(".".join(parts[start:]), set()).add(module)
    return tails
