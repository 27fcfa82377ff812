"""Views switched off by a setting: the view's first act refuses every request unless
some settings are on (`if not (settings.DEV and settings.ENABLE_TEST_ENDPOINTS): raise
Http404`), and the settings ship off. Such a view (a test-only endpoint, a feature not
yet released) answers nothing in a deployment that keeps the defaults.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from webwarden.model.caller_checks import after_docstring
from webwarden.model.django.settings import SettingsModule
from webwarden.model.django.values import is_known
from webwarden.model.module import FileContext

_SETTINGS = "django.conf.settings."


def setting_gates(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> tuple[str, ...]:
    """The settings that must all be on for the view to go past its first statement:
    `if not settings.X: raise ...` (or `return ...`), `if not (settings.X and
    settings.Y): ...`; () when its first statement is no such refusal."""
    body = after_docstring(function.body)
    first = body[0] if body else None
    if not (
        isinstance(first, ast.If)
        and not first.orelse
        and isinstance(first.body[-1], ast.Raise | ast.Return)
        and isinstance(first.test, ast.UnaryOp)
        and isinstance(first.test.op, ast.Not)
    ):
        return ()
    tested = first.test.operand
    parts = (
        tested.values
        if isinstance(tested, ast.BoolOp) and isinstance(tested.op, ast.And)
        else [tested]
    )
    names = [_setting(ctx, part) for part in parts]
    return tuple(n for n in names if n) if all(names) else ()


def _setting(ctx: FileContext, node: ast.expr) -> str:
    qualified = ctx.qualified(node) if isinstance(node, ast.Attribute) else None
    if qualified is None or not qualified.startswith(_SETTINGS):
        return ""
    name = qualified[len(_SETTINGS) :]
    return name if name.isupper() and name.isidentifier() else ""


def switched_off(gates: Iterable[str], modules: Iterable[SettingsModule]) -> bool:
    """Whether one of the gates is off, as shipped, in every settings module judged (and
    there is one) but development and test ones, which may switch it on for their runs:
    the view refuses every request in a deployment."""
    every = list(modules)
    judged = [m for m in every if not m.role.is_development] or every
    return bool(judged) and any(all(_off(module, gate) for module in judged) for gate in gates)


def switched_off_settings(modules: Iterable[SettingsModule]) -> frozenset[str]:
    """The settings every settings module judged (and there is one) but development and
    test ones sets to `False` or `None` in its code (`SERVE_MEDIA = False`): what a
    URLconf adds only under such a setting (`if settings.SERVE_MEDIA:`) is served only
    where someone edits the settings to switch it on, and is judged there. Not one read
    from the environment (`os.environ.get("SERVE_MEDIA") == "1"`), which a deployment
    switches on unseen."""
    every = list(modules)
    judged = [m for m in every if not m.role.is_development] or every
    if not judged:
        return frozenset()
    return frozenset(
        name for name in judged[0].values if all(_written_off(module, name) for module in judged)
    )


def _written_off(module: SettingsModule, name: str) -> bool:
    values = [possibility.value for possibility in module.get(name)] if module.is_set(name) else []
    return bool(values) and all(value is False or value is None for value in values)


def _off(module: SettingsModule, name: str) -> bool:
    if not module.is_set(name):
        return False
    values = [possibility.shipped for possibility in module.get(name)]
    return all(is_known(value) and not value for value in values)
