"""Decorators that send `X-Frame-Options` on the views they wrap: flask-secure-headers.

`sh = Secure_Headers()` then `@sh.wrapper()` on a view sets the library's default policy
on its response, `X-Frame-Options: sameorigin` among it, unless the policy drops that
header: `sh.rewrite({"X-Frame-Options": None})` (or `update`) on the object, or the
decorator's own `@sh.wrapper({"X_Frame_Options": None})`. `sh.init_app(app)` sets the
same headers on every response of the app.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import TYPE_CHECKING

from webwarden.model.flask.app import extension_kind
from webwarden.model.flask.facts import AttributeFact

if TYPE_CHECKING:
    from webwarden.model.flask.index import Index
    from webwarden.model.flask.references import Namer

SECURE_HEADERS = "flask_secure_headers.Secure_Headers"
"""The class of flask-secure-headers (`flask_secure_headers.core.Secure_Headers`), as
`extension_kind` names it."""
FRAME_POLICY = "X_Frame_Options"
"""The policy's key for the header (written `X-Frame-Options` or `X_Frame_Options`)."""
_POLICY_METHODS = frozenset({"update", "rewrite"})


def policy_fact(namer: Namer, call: ast.Call, owner: str) -> AttributeFact | None:
    """`owner.rewrite({"X-Frame-Options": value, ...})` (or `update`) as the attribute
    `X_Frame_Options` set on `owner`; None for any other call."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _POLICY_METHODS:
        return None
    if len(call.args) != 1 or not isinstance(call.args[0], ast.Dict):
        return None
    policy = call.args[0]
    for key, value in zip(policy.keys, policy.values, strict=True):
        if isinstance(key, ast.Constant) and _frame_key(key.value):
            located = namer.ctx.location(call)
            return AttributeFact(owner, FRAME_POLICY, namer.value(value), located)
    return None


def frame_wrappers(index: Index) -> frozenset[str]:
    """The decorators (`pkg.views.sh.wrapper`) of every flask-secure-headers object of
    the project whose policy keeps `X-Frame-Options`."""
    dropped = {
        index.canonical(attribute.target)
        for _, facts in index.facts
        for attribute in facts.attributes
        if attribute.attribute == FRAME_POLICY and not isinstance(attribute.value, dict)
    }
    return frozenset(
        f"{ref}.wrapper"
        for ref, (fact, _) in index.extensions.items()
        if extension_kind(fact.kind) == SECURE_HEADERS and ref not in dropped
    )


def drops_frame_policy(given: Iterable[object]) -> bool:
    """Whether policies handed to `wrapper()` or `init_app()` drop `X-Frame-Options`
    (a key of it given anything but a dict of its options)."""
    return any(
        isinstance(policy, dict)
        and any(_frame_key(key) and not isinstance(value, dict) for key, value in policy.items())
        for policy in given
    )


def _frame_key(key: object) -> bool:
    return isinstance(key, str) and key.replace("-", "_").lower() == FRAME_POLICY.lower()
