"""What the permission classes of a REST framework view say about the rows it hands out
(WW731): whose class the view is, and whether a class it names judges the row itself."""

from __future__ import annotations

import ast

from webwarden.model.auth.owned_rows import last_name
from webwarden.rules.context import FileContext

_DRF_VIEWS = frozenset(
    {"ModelViewSet", "ReadOnlyModelViewSet", "GenericViewSet", "GenericAPIView"}
    | {"APIView", "ViewSet"}
    | {"RetrieveAPIView", "RetrieveUpdateAPIView", "RetrieveDestroyAPIView"}
    | {"RetrieveUpdateDestroyAPIView", "UpdateAPIView", "DestroyAPIView"}
)
_OBJECT_PERMISSIONS = frozenset(
    {"dry_rest_permissions.generics.DRYPermissions"}
    | {"dry_rest_permissions.generics.DRYObjectPermissions"}
)
"""dry-rest-permissions' classes that ask the fetched row itself (its model's
`has_object_read_permission(request)`, `has_object_write_permission(request)`) before a
REST framework view hands it out; not `DRYGlobalPermissions`, which asks the model only."""


def asks_the_object(ctx: FileContext, marks: list[ast.expr]) -> bool:
    """Whether a permission class among the view's marks judges the row it fetches."""
    return any(
        isinstance(node, ast.Name | ast.Attribute) and ctx.qualified(node) in _OBJECT_PERMISSIONS
        for mark in marks
        for node in ast.walk(mark)
    )


def drf_class(ctx: FileContext, base: ast.expr) -> bool:
    """A base class of REST framework's own (`ModelViewSet`, `RetrieveAPIView`, a model
    mixin), which sets no permission classes: a project's base class may set some, and
    other libraries' classes of those names (Wagtail's `ModelViewSet`) are no API views."""
    name = last_name(base)
    qualified = ctx.qualified(base) or ""
    return (name in _DRF_VIEWS or name.endswith("ModelMixin")) and qualified.startswith(
        "rest_framework."
    )
