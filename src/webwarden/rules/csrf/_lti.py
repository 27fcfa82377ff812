"""Views that run an LTI 1.3 launch with pylti1p3, which the platform posts to."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_LIBRARY = "pylti1p3."
_FLOW_CLASSES = ("MessageLaunch", "OIDCLogin")
"""pylti1p3's login initiation and launch (and their framework adapters,
`DjangoMessageLaunch`): the login stores a `state` and a nonce for this browser before
it redirects to the platform, and the launch refuses an `id_token` whose signature,
nonce or `state` (against that browser's cookie) does not check out."""


def runs_lti_flow(ctx: FileContext, node: ast.AST) -> bool:
    """The view makes pylti1p3's login initiation or launch object (the library's class,
    or a subclass it defines, as in `class Launch(MessageLaunch)`): the LMS posts both
    steps cross-site without the site's token, as the library's own examples exempt
    them, and a forged post gains no login the platform did not sign for this browser."""
    made = set(_local_subclasses(ctx, node))
    for inner in ast.walk(node):
        if not isinstance(inner, ast.Call):
            continue
        if isinstance(inner.func, ast.Name) and inner.func.id in made:
            return True
        if _flow_class(ctx.call_name(inner)):
            return True
    return False


def _local_subclasses(ctx: FileContext, node: ast.AST) -> list[str]:
    return [
        inner.name
        for inner in ast.walk(node)
        if isinstance(inner, ast.ClassDef)
        and any(_flow_class(ctx.qualified(base)) for base in inner.bases)
    ]


def _flow_class(name: str | None) -> bool:
    return (
        name is not None
        and name.startswith(_LIBRARY)
        and name.rsplit(".", 1)[-1].endswith(_FLOW_CLASSES)
    )
