"""Flask-Principal's permission checks: `Permission.require()` as a decorator or a `with`."""

from __future__ import annotations

from webwarden.model.module import identifier_words

_PERMISSION_WORDS = frozenset(
    {"permission", "permissions", "perm", "perms", "role", "roles", "admin", "need", "needs"}
)
"""Words of the name a project gives a Flask-Principal `Permission` (`admin_permission`,
`editor_perm`, `ROLE_ADMIN`)."""


def permission_require(name: str) -> bool:
    """`admin_permission.require`, `perms.editor_permission.require`: Flask-Principal's
    `Permission.require()`, which, as a decorator or a `with` block, raises
    `PermissionDenied` (or aborts with its `http_exception`) unless the identity has the
    permission's needs. Named by the permission object it is called on or the module
    holding it (`permissions.post_comment.require`, knowledge-repo's), or by the package
    itself (`flask_principal.Permission(...).require`)."""
    owner, _, tail = name.rpartition(".")
    if tail != "require" or not owner:
        return False
    if owner.startswith("flask_principal."):
        return True
    return any(_PERMISSION_WORDS.intersection(identifier_words(p)) for p in owner.split("."))
