"""CKAN's action layer, as its views and its extensions call it.

CKAN (a Flask application; its extensions use the same toolkit) reads and changes its
data through named actions: `get_action("package_update")(context, data_dict)` runs the
action function, and every action first calls `check_access(name, context, data_dict)`,
which runs the auth function of that name and raises `NotAuthorized` when it refuses
(`ckan.logic.get_action`, `ckan.logic.check_access`, re-exported by
`ckan.plugins.toolkit` and by the `ckantoolkit` shim; the auth functions are those of
`ckan/logic/auth/` and those plugins add). A view may also ask the auth function itself:
`toolkit.check_access("group_create", context)`.

Whether an auth function lets in a visitor who is not logged in is CKAN's rule
(`ckan.authz.is_authorized`): those of its `get` module (`package_show`, `group_list`,
...) do, though each may still refuse a private object; every other one refuses the
anonymous before it runs unless flagged `auth_allow_anonymous_access`, which CKAN's own
are only for signing up (`user_create`), asking for and following a password reset
(`user_update` lets in the holder of the e-mailed key, a credential in place of the
login), public files, and the datasets a site lets the anonymous create and edit
(`package_create`, `package_update`, only under its `ckan.auth.anon_create_dataset`
option, false by default: a policy of the site, not a check the view forgot). The
actions are told apart by CKAN's names: the `get` module's end in `_show`, `_list`,
`_search`, `_autocomplete` or `_count`, or ask whether the user follows something
(`am_following_dataset`); a few of them refuse all but sysadmins. An extension's action
and its auth function go by CKAN's default for plugins, which is to refuse the
anonymous: one flagged otherwise is the extension's own decision.

A context that skips the auth function (`{"ignore_auth": True}`), or names the site's
own user (`get_action("get_site_user")`, whom every auth function lets in), makes the
action no check: a function building either is taken to call its actions that way.

What a `*_show` or `*_list` action answers is stored data, the row (or rows) the
`data_dict` picks, not the dict it was handed.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

ACTION_GETTERS = frozenset(
    {"ckan.logic.get_action", "ckan.plugins.toolkit.get_action", "ckantoolkit.get_action"}
)
"""`get_action(name)`: the action function of that name, which checks access first."""
ACCESS_CHECKS = frozenset(
    {"ckan.logic.check_access", "ckan.plugins.toolkit.check_access", "ckantoolkit.check_access"}
)
"""`check_access(name, context, data_dict)`: runs the auth function, raises `NotAuthorized`."""
_READ_SUFFIXES = ("_show", "_list", "_search", "_autocomplete", "_count")
_READ_PREFIXES = ("am_following_",)
_STORED_SUFFIXES = ("_show", "_list")
_ADMITTING = frozenset(
    {"user_create", "user_reset", "request_reset", "file_owner_scan"}
    | {"permission_owns_file", "permission_read_file", "permission_download_file"}
)
"""CKAN's auth functions outside its `get` module that let in a visitor who is not
logged in: signing up, asking for a password reset, public files."""
_SYSADMIN_READS = frozenset(
    {"config_option_show", "config_option_list", "job_list", "job_show", "api_token_list"}
    | {"user_follower_list", "dataset_follower_list", "group_follower_list"}
    | {"organization_follower_list"}
)
"""Auth functions of CKAN's `get` module that refuse all but sysadmins (or the user the
tokens are of): the anonymous visitor among the others."""
_SKIPPING_AUTH = "ignore_auth"
_SITE_USER = "get_site_user"


def reads(action: str) -> bool:
    """Whether the action is one of CKAN's reads (its `get` module's names)."""
    return action.endswith(_READ_SUFFIXES) or action.startswith(_READ_PREFIXES)


def answers_stored(action: str) -> bool:
    """Whether the action answers the stored rows its `data_dict` picks (`resource_show`,
    `package_list`), not what it was handed."""
    return action.endswith(_STORED_SUFFIXES)


def refuses_anonymous(action: str) -> bool:
    """Whether the auth function of the action refuses a visitor who is not logged in."""
    if action in _ADMITTING:
        return False
    return action in _SYSADMIN_READS or not reads(action)


def action_called(ctx: FileContext, call: ast.Call) -> str | None:
    """The name of the action `call` runs: `get_action("package_update")(context, data)`,
    or a name bound to `get_action(...)` called (`update = toolkit.get_action(
    "package_patch")`, then `update(context, data)`)."""
    func: ast.expr | None = call.func
    if isinstance(func, ast.Name):
        func = ctx.scopes.made_by(func)
    return _named(ctx, func, ACTION_GETTERS) if isinstance(func, ast.Call) else None


def access_checked(ctx: FileContext, call: ast.Call) -> str | None:
    """The name of the action whose auth function `check_access(name, ...)` runs."""
    return _named(ctx, call, ACCESS_CHECKS)


def checks_access(ctx: FileContext, call: ast.Call) -> bool:
    """Whether `call` runs the auth function of an action that refuses the anonymous
    visitor (`check_access("group_create", context)`, `get_action("package_update")(...)`),
    in a function that neither skips it nor acts as the site's own user."""
    action = action_called(ctx, call) or access_checked(ctx, call)
    if action is None or not refuses_anonymous(action):
        return False
    function = ctx.scopes.enclosing_function(call)
    return not _bypasses_auth(ctx, function if function is not None else ctx.tree)


def mentions_actions(ctx: FileContext) -> bool:
    """Whether the module imports CKAN or its toolkit shim: a cheap screen."""
    return ctx.names.imports("ckan") or ctx.names.imports("ckantoolkit")


def _named(ctx: FileContext, call: ast.Call, names: frozenset[str]) -> str | None:
    if _resolved(ctx, call.func) not in names:
        return None
    name = ctx.evaluate(ctx.argument(call, 0, "action"))
    return name if isinstance(name, str) and name else None


def _resolved(ctx: FileContext, func: ast.expr) -> str | None:
    """The qualified name of `func`, also through a module name bound to it: CKAN's views
    write `get_action = logic.get_action` once and call `get_action(...)`."""
    if isinstance(func, ast.Name):
        bound = ctx.lookup(func)
        if isinstance(bound, ast.Name | ast.Attribute):
            return ctx.qualified(bound)
    return ctx.qualified(func)


def _bypasses_auth(ctx: FileContext, scope: ast.AST) -> bool:
    """Whether the function builds a context skipping the auth functions
    (`"ignore_auth"`) or asks for the site's own user (`"get_site_user"`)."""
    return any(
        isinstance(node, ast.Constant) and node.value in (_SKIPPING_AUTH, _SITE_USER)
        for node in ctx.subtree(scope)
    )
