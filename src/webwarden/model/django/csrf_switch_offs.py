"""Where the project's own code turns Django's CSRF check off for the requests it handles.

`CsrfViewMiddleware` lets through unchecked a request whose `_dont_enforce_csrf_checks`
is true. A middleware of the project setting it (`setattr(request,
"_dont_enforce_csrf_checks", True)`, Label Studio's `DisableCSRF` for every view a
decorator of its own does not mark) exempts views the model cannot tell from the others:
with one in the project, no view's post is taken for checked.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from webwarden.model.module import FileContext

if TYPE_CHECKING:
    from webwarden.model.project import ProjectModel

CSRF_SWITCH_OFF_FACTS = "django-csrf-switch-offs"
NO_CHECKS = "_dont_enforce_csrf_checks"


def extract_csrf_switch_offs(ctx: FileContext) -> tuple[int, ...] | None:
    """The lines where the module sets `_dont_enforce_csrf_checks` to true on an object
    (`request._dont_enforce_csrf_checks = True`, or through `setattr`)."""
    if not ctx.holds(NO_CHECKS):
        return None
    lines = [
        node.lineno
        for node in ctx.nodes(ast.Assign, ast.Call)
        if isinstance(node, ast.Assign | ast.Call) and _switches_off(ctx, node)
    ]
    return tuple(lines) or None


def _switches_off(ctx: FileContext, node: ast.Assign | ast.Call) -> bool:
    if isinstance(node, ast.Assign):
        named = any(isinstance(t, ast.Attribute) and t.attr == NO_CHECKS for t in node.targets)
        return named and ctx.evaluate(node.value) is True
    if ctx.call_name(node) != "setattr" or len(node.args) != 3:
        return False
    return ctx.evaluate(node.args[1]) == NO_CHECKS and ctx.evaluate(node.args[2]) is True


def switches_off_csrf_checks(project: ProjectModel) -> bool:
    """Whether a module of the project outside test code turns the CSRF check of the
    requests it handles off (`extract_csrf_switch_offs`)."""
    return any(
        summary.facts.get(CSRF_SWITCH_OFF_FACTS) and not summary.is_test
        for summary in project.modules.values()
    )
