"""Values the deployment's configuration supplies: the operator's text, not a visitor's.

A Django setting (`settings.BANNER_HTML`), a Flask app's config item
(`app.config["FOOTER_HTML"]`, `current_app.config[...]`), and the content of a file whose
path is made of such values and literals only (`(Path(app.config["USER_DIR"]) /
app.config["JS_EXTENSION"]).open().read()`): whoever runs the app chose them. So did the
author what a Django app's `AppConfig` holds (`apps.get_app_config("timeline").entries`),
set when the process started.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.model.module import FileContext
from webwarden.model.tree import mapping_get

_SETTINGS = "django.conf.settings."
_READS = frozenset({"read", "read_text"})
_OPENERS = frozenset({"open", "io.open", "codecs.open"})
_PATH_CALLS = frozenset({"pathlib.Path", "pathlib.PurePath", "os.path.join", "str"})


def operator_text(ctx: FileContext, value: ast.expr) -> bool:
    """Whether `value` is a configuration value or the content of a file it names, or
    Django's settings object itself (`{"settings": settings}`), every attribute of which
    a template reads is a setting."""
    if isinstance(value, ast.Name):
        return ctx.qualified(value) == _SETTINGS.removesuffix(".")
    return configuration(ctx, value) or _configured_file(ctx, value)


def configuration(ctx: FileContext, value: ast.expr) -> bool:
    """`settings.BANNER_HTML` (Django), `app.config["FOOTER"]` (Flask): a setting, named
    in capitals; or an item of a setting by a literal key (`settings.HUBSPOT["FORM_ID"]`,
    `settings.HUBSPOT.get("FORM_ID")`, `app.config.get("FOOTER")`)."""
    if isinstance(value, ast.Attribute) and value.attr.isupper():
        name = ctx.qualified(value)
        return name is not None and name.startswith(_SETTINGS)
    item = configuration_item(ctx, value)
    if item is None:
        return False
    container, key = item
    if isinstance(container, ast.Attribute) and container.attr == "config":
        return key.isupper()
    return configuration(ctx, container)


_GETATTR = frozenset({"getattr", "builtins.getattr"})


def setting_name(ctx: FileContext, value: ast.expr) -> str:
    """The name of the Django setting `value` reads whole: `settings.PAGE_SIZE`, or
    `getattr(settings, "PAGE_SIZE")` with no default; "" for any other value."""
    if isinstance(value, ast.Attribute):
        name = ctx.qualified(value) or ""
        setting = name.removeprefix(_SETTINGS)
        return setting if setting != name and setting.isupper() else ""
    if not (isinstance(value, ast.Call) and ctx.call_name(value) in _GETATTR):
        return ""
    if len(value.args) != 2 or value.keywords:
        return ""
    holder, name_node = value.args
    if ctx.qualified(holder) != _SETTINGS.removesuffix("."):
        return ""
    read = ctx.evaluate(name_node)
    return read if isinstance(read, str) and read.isupper() else ""


def configuration_item(ctx: FileContext, value: ast.expr) -> tuple[ast.expr, str] | None:
    """The mapping and the literal key of an item read from it (`config["KEY"]`,
    `config.get("KEY")`, `config.get("KEY", "default")` with a literal default), or
    `None`: when the mapping is configuration, so is the item."""
    if isinstance(value, ast.Subscript):
        key = ctx.evaluate(value.slice)
        return (value.value, key) if isinstance(key, str) else None
    lookup = mapping_get(value)
    if lookup is None:
        return None
    holder, args = lookup
    key = ctx.evaluate(args[0])
    if not isinstance(key, str) or not all(isinstance(a, ast.Constant) for a in args[1:]):
        return None
    return holder, key


def _configured_file(ctx: FileContext, value: ast.expr) -> bool:
    """`open(path).read()`, `Path(path).read_text()`, `path.open().read()` of a path made
    of configuration values and literals only, also `f.read()` of the file a `with`
    opened (`with path.open() as f:`)."""
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in _READS
    ):
        return False
    source = value.func.value
    if isinstance(source, ast.Name):
        source = _with_opened(ctx, source) or source
    if isinstance(source, ast.Call) and ctx.call_name(source) in _OPENERS and source.args:
        return configured_path(ctx, source.args[0])
    if (
        isinstance(source, ast.Call)
        and isinstance(source.func, ast.Attribute)
        and source.func.attr == "open"
    ):
        source = source.func.value
    return configured_path(ctx, source)


def _with_opened(ctx: FileContext, name: ast.Name) -> ast.expr | None:
    """The opening call (`path.open("r")`, `open(path)`) a `with` binds `name` to, when
    that is its only binding."""
    if len(ctx.scopes.values_of(name) or ()) != 1:
        return None
    scope = ctx.scopes.binding_scope(name)
    opened = [
        item.context_expr
        for node in ctx.nodes(ast.With, ast.AsyncWith)
        if isinstance(node, ast.With | ast.AsyncWith)
        for item in node.items
        if isinstance(item.optional_vars, ast.Name)
        and item.optional_vars.id == name.id
        and ctx.scopes.binding_scope(item.optional_vars) is scope
    ]
    return opened[0] if len(opened) == 1 else None


_MAX_HOPS = 4
"""Locals followed from a path to the value they hold (`path = settings.DIR / "a.html"`)."""


def configured_path(ctx: FileContext, node: ast.expr, hops: int = 0) -> bool:
    """Whether a file's path is made of configuration values and literals only
    (`settings.DIST_DIR + "/manifest.json"`, `os.path.join(settings.DIST_DIR, "a.json")`),
    also through a local holding one (`path = settings.BASE_DIR / "docs/intro.html"`,
    bound once, or last on the straight path to the read)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div | ast.Add):
        return configured_path(ctx, node.left, hops) and configured_path(ctx, node.right, hops)
    if isinstance(node, ast.Call) and ctx.call_name(node) in _PATH_CALLS:
        return bool(node.args) and all(configured_path(ctx, a, hops) for a in node.args)
    if isinstance(node, ast.Name) and hops < _MAX_HOPS and not configuration(ctx, node):
        held = ctx.lookup(node) or ctx.reaching_value(node)
        return held is not None and configured_path(ctx, held, hops + 1)
    return configuration(ctx, node)


_GET_APP_CONFIG = "django.apps.apps.get_app_config"


def app_registry_data(
    ctx: FileContext, value: ast.expr, assigned: Callable[[str], list[ast.expr]]
) -> bool:
    """An attribute of a Django app's `AppConfig`, looked up in the app registry by a
    literal label (`apps.get_app_config("resources").filters`, or `app.entries` of a
    local every assignment of which is such a call, `assigned` giving a local's values),
    or its `json.dumps(...)`: what the app's class or its `ready()` set once when the
    process started, before any request (the entries it loaded from the app's own
    files), as a setting is."""
    if isinstance(value, ast.Call) and ctx.call_name(value) == "json.dumps" and value.args:
        return app_registry_data(ctx, value.args[0], assigned)
    if not isinstance(value, ast.Attribute):
        return False
    holder = value.value
    if isinstance(holder, ast.Name):
        values = assigned(holder.id)
        return bool(values) and all(_app_config_lookup(ctx, each) for each in values)
    return _app_config_lookup(ctx, holder)


def _app_config_lookup(ctx: FileContext, node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and ctx.call_name(node) == _GET_APP_CONFIG
        and len(node.args) == 1
        and not node.keywords
        and isinstance(ctx.evaluate(node.args[0]), str)
    )
