"""What the project's own view decorators put around a view.

`@is_manager` on a view, where `is_manager(func)` returns `wrapper`, and `wrapper` is
itself decorated (`@login_required def wrapper(request, ...)`) or tests the user before
calling `func` (`if request.user.is_staff: return func(request, ...)`): the view Django
calls is that wrapper, guarded as it is, whatever the outer decorator is named. A
module-level name bound to a decorator (`require_admin = require_permission(ADMIN)`, an
`alias`) is followed to the decorator it names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from webwarden.model.django.extract_views import ViewDef

_MAX_DEPTH = 4


def wrapper_guards(
    names: Iterable[str],
    named: Callable[[str], ViewDef | None],
    checks_user: Callable[[ViewDef], bool],
) -> tuple[list[str], bool]:
    """The decorators of the wrappers the project's decorators among `names` return, a
    few levels deep (`@base_check_required` on the wrapper of `@is_manager`), and whether
    one of those wrappers checks the user, itself or through the project's functions it
    hands the request to (`checks_user`: `if can_manage(request, obj): return func(...)`)."""
    found: list[str] = []
    checked = False
    pending = [(name, 0) for name in names]
    seen: set[str] = set()
    while pending:
        name, depth = pending.pop()
        if name in seen or depth >= _MAX_DEPTH or name.startswith("django."):
            continue
        seen.add(name)
        definition = named(name)
        if definition is None or definition.kind not in {"decorator", "alias"}:
            continue
        checked = checked or checks_user(definition)
        for decorator in definition.decorators:
            found.append(decorator.name)
            pending.append((decorator.name, depth + 1))
    return found, checked
