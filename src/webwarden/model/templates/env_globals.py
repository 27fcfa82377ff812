"""Names every template can read, and whether each holds the app's configuration.

`app.jinja_env.globals["version"] = version.__version__` and
`env.globals.update(key_fpr=config.JOURNALIST_KEY)` make a name every template can read
without any view passing it; so does a Django context processor, a function of a
`context_processors` module that returns a dict (`{"SITE_NAME": settings.SITE_NAME}`)
or one of another module a `TEMPLATES` setting names in its `context_processors`,
and a Flask one (`@app.context_processor`).
A constant, a module's or config object's upper-case or dunder attribute
(`config.JOURNALIST_KEY`, `settings.SITE_NAME`, `version.__version__`), a dunder name
(`__version__`), an upper-case name taken from a settings module (`from
myproject.settings import *`, then `{"STATIC_PREFIX": STATIC_PREFIX}`), Django's
settings object itself, an item of an app's `config` or of such a setting by a literal
key (`settings.HUBSPOT.get("FORM_ID")`), a dict of those under literal keys (`{"APIKEYS":
{"GOOGLE": settings.GOOGLE_API_KEY}}`), or the JSON of one of those is
what the operator or the code's author wrote: no request chooses it. Any other value (a function, a call's result, a lower-case
attribute, `request.COOKIES[...]`) may be anything.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.model.dict_items import Item, dict_call_items, display_items
from webwarden.model.flask_apps import APP_CLASS_NAMES, APP_CLASSES
from webwarden.model.module import FileContext, is_settings_path
from webwarden.model.templates.configured import configuration_item, configured_path
from webwarden.model.tree import own_returns, walk

_GLOBALS = "globals"
UNTOLD_GLOBALS = "*"
"""The name recorded for Jinja globals or a context processor's names that no one can
tell from the source (`env.globals.update(defaults)`, `return build_context()`)."""
FLASK_CONTEXT = frozenset(
    {"config", "request", "session", "g", "url_for", "get_flashed_messages", "current_app"}
    | {"current_user", "csrf_token", "moment", "babel", "_", "gettext", "ngettext"}
)
"""Names Flask (`request`, `session`, `g`, `config`, `url_for`, `get_flashed_messages`)
and its common extensions (Flask-Login's `current_user`, Flask-WTF's `csrf_token`,
Flask-Moment, Flask-Babel's translation functions) give every template."""


def config_globals(
    ctx: FileContext, values: list[tuple[str, ast.expr]]
) -> tuple[tuple[str, bool], ...]:
    """Each Jinja global the module sets (its `global_values`), with whether the value is
    configuration."""
    return tuple((key, configuration(ctx, value)) for key, value in values)


def flask_config_global(ctx: FileContext) -> tuple[tuple[str, bool], ...]:
    """`config`, when the module makes a Flask app (Flask's, or a library's subclass of
    it: `eve.Eve`, `APIFlask`) or defines its own app class (`class CmsApp(Flask)`,
    `class NewsApp(eve.Eve)`, made elsewhere): Flask sets the Jinja global `config` to
    `app.config`, which the operator writes."""
    if not any(ctx.mentions(name) for name in APP_CLASS_NAMES):
        return ()
    for node in ctx.nodes(ast.Call, ast.ClassDef):
        if isinstance(node, ast.Call) and ctx.call_name(node) in APP_CLASSES:
            return (("config", True),)
        if isinstance(node, ast.ClassDef) and any(
            ctx.qualified(base) in APP_CLASSES for base in node.bases
        ):
            return (("config", True),)
    return ()


_WEBPACK_GLOBALS = (("javascript_tag", True), ("stylesheet_tag", True), ("asset_url_for", True))
"""Flask-Webpack's globals: `javascript_tag("app_js")` writes `<script src="...">` for
the path the build's manifest gives the name (`stylesheet_tag` a `<link>`), text the
app's own build wrote; what a template hands them is judged apart, as an output of its
own, since a name holding `//` is written as given. The package's own templates mark it
`|safe`, the tags being a plain `str`."""


def webpack_globals(ctx: FileContext) -> tuple[tuple[str, bool], ...]:
    """Flask-Webpack's globals, when the module imports the extension (`from
    flask_webpack import Webpack`, or a subclass of it the project sets up)."""
    if not ctx.mentions("flask_webpack") or not ctx.names.imports("flask_webpack"):
        return ()
    return _WEBPACK_GLOBALS


def global_values(ctx: FileContext) -> list[tuple[str, ast.expr]]:
    """Each Jinja global the module sets (`globals["name"] = value`,
    `globals.update(name=value)` or a dict display), with the value's expression."""
    if not ctx.mentions(_GLOBALS):
        return []
    found: list[tuple[str, ast.expr]] = []
    for node in ctx.nodes(ast.Assign):
        assert isinstance(node, ast.Assign)  # noqa: S101 - nodes() of that type
        for target in node.targets:
            if isinstance(target, ast.Subscript) and _is_globals(target.value):
                key = ctx.evaluate(target.slice)
                found.append((key if isinstance(key, str) else UNTOLD_GLOBALS, node.value))
    for call in ctx.nodes(ast.Call):
        assert isinstance(call, ast.Call)  # noqa: S101 - nodes() of that type
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "update" and _is_globals(func.value):
            found.extend(_updated(ctx, call))
    return found


_DJANGO_JINJA_BACKENDS = frozenset({"django_jinja.backend.Jinja2", "django_jinja.jinja2.Jinja2"})


def django_jinja_constants(ctx: FileContext) -> tuple[tuple[str, bool], ...]:
    """Each name a settings module gives every Jinja template through django-jinja's
    `constants` option (`TEMPLATES = [{"BACKEND": "django_jinja.backend.Jinja2",
    "OPTIONS": {"constants": {"constants": constants, "SITE_URL": SITE_URL}}}]`), as
    configuration: values the settings module holds when the process starts (a module
    of the app's constants, a setting), which no request chooses."""
    if not (ctx.is_settings_module and ctx.mentions("django_jinja") and ctx.mentions("constants")):
        return ()
    found: list[tuple[str, bool]] = []
    for node in ctx.nodes(ast.Dict):
        assert isinstance(node, ast.Dict)  # noqa: S101 - nodes() of that type
        if ctx.evaluate(_item(ctx, node, "BACKEND")) not in _DJANGO_JINJA_BACKENDS:
            continue
        options = _item(ctx, node, "OPTIONS")
        constants = _item(ctx, options, "constants") if isinstance(options, ast.Dict) else None
        if isinstance(constants, ast.Dict):
            for key in constants.keys:
                name = ctx.evaluate(key) if key is not None else None
                if isinstance(name, str):
                    found.append((name, True))
    return tuple(found)


def _item(ctx: FileContext, node: ast.Dict, wanted: str) -> ast.expr | None:
    """The value a dict display gives the literal key `wanted`."""
    for key, value in zip(node.keys, node.values, strict=True):
        if key is not None and ctx.evaluate(key) == wanted:
            return value
    return None


def context_processor_globals(ctx: FileContext) -> tuple[tuple[str, bool], ...]:
    """Each name a context processor of the module returns, with whether the value is
    configuration: module-level functions of one parameter (the request) in a
    `context_processors` module or package, as Django names them, and Flask's, functions
    of no parameter the module registers (`@app.context_processor`,
    `@bp.app_context_processor`, `app.context_processor(inject)`), every `return` of
    which is a dict display, a `dict(key=value)` call or a local dict given only constant
    keys (`context["x"] = v`, `context.update(x=v)` or `context.update({"x": v})`). A
    processor returning anything else names keys no one can tell."""
    found: list[tuple[str, bool]] = []
    for function in _django_processors(ctx) + _flask_processors(ctx):
        items = _returned_items(ctx, function)
        if items is None:
            found.append((UNTOLD_GLOBALS, False))
        for key, item in items or ():
            value = _resolved(function, item)
            configured = configuration(ctx, value)
            if configured or _file_read_call(ctx, function, value) is None:
                found.append((key, configured))
            if not configured:
                found.extend(configured_keys(ctx, key, value))
    return tuple(found)


def configured_keys(ctx: FileContext, name: str, value: ast.expr) -> list[tuple[str, bool]]:
    """For a dict display given under `name` that is not configuration as a whole, each
    of its literal keys as `name.key` with whether its own value is
    (`{"analytics": {"api_key": settings.ANALYTICS_KEY, "uid": session_uid(request)}}`
    gives `analytics.api_key`, configuration, and `analytics.uid`, not): the template
    reads the dict item by item."""
    if not isinstance(value, ast.Dict):
        return []
    found: list[tuple[str, bool]] = []
    for key, item in zip(value.keys, value.values, strict=True):
        text = ctx.evaluate(key) if key is not None else None
        if isinstance(text, str) and text.isidentifier():
            found.append((f"{name}.{text}", configuration(ctx, item)))
    return found


def context_processor_file_reads(ctx: FileContext) -> tuple[tuple[str, str], ...]:
    """Each name a context processor of the module returns (as `context_processor_globals`
    finds them) whose value is what a function of the project returns given paths made
    of configuration and literals only (`credits = local_info.read_html(app.config[
    "LOCAL_DIR"] / "credits.html")`), with that function's qualified name: the operator's
    text when the function returns only the content of the file it is given (see
    `path_readers`), which the project step tells."""
    found: list[tuple[str, str]] = []
    for function in _django_processors(ctx) + _flask_processors(ctx):
        for key, item in _returned_items(ctx, function) or ():
            value = _resolved(function, item)
            called = None if configuration(ctx, value) else _file_read_call(ctx, function, value)
            if called is not None:
                found.append((key, called))
    return tuple(found)


def _file_read_call(ctx: FileContext, function: ast.FunctionDef, value: ast.expr) -> str | None:
    """The qualified name of the function `value` calls, when every argument it is given
    is a path made of configuration and literals (a local of the processor bound once to
    one counts: `credits_file = app.config["LOCAL_DIR"] / "credits.html"`); else None."""
    if not (isinstance(value, ast.Call) and value.args and not value.keywords):
        return None
    if not all(configured_path(ctx, _resolved(function, a)) for a in value.args):
        return None
    return ctx.qualified_here(value.func)


def _resolved(function: ast.FunctionDef, value: ast.expr) -> ast.expr:
    """The value a local of `function` (not a parameter) holds, when one plain
    assignment binds it and nothing else does; else `value` itself."""
    if not isinstance(value, ast.Name) or value.id in {a.arg for a in function.args.args}:
        return value
    assigned = [
        node.value
        for node in walk(function)
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and _is_name(node.targets[0], value.id)
    ]
    stores = sum(
        isinstance(node, ast.Name) and node.id == value.id and isinstance(node.ctx, ast.Store)
        for node in walk(function)
    )
    return assigned[0] if len(assigned) == 1 and stores == 1 else value


def context_processor_attributes(ctx: FileContext) -> tuple[tuple[str, str], ...]:
    """Each name a context processor of the module returns (as `context_processor_globals`
    finds them), with the attribute its value reads (`"site_id": config.site_id`), ""
    for a value of any other kind: the project step tells which read a number field."""
    found: list[tuple[str, str]] = []
    for function in _django_processors(ctx) + _flask_processors(ctx):
        given = {a.arg for a in function.args.args}
        for key, item in _returned_items(ctx, function) or ():
            found.append((key, _attribute_read(item, given)))
    return tuple(found)


def context_processor_functions(ctx: FileContext) -> tuple[tuple[str, str], ...]:
    """Each name a context processor of the module returns (as `context_processor_globals`
    finds them) whose value is a name or an attribute (`"markdown": misc.render_markdown`),
    with the qualified name it resolves to: as a Jinja global set to a function, the
    template calls it (`{{ markdown(post.body) }}`). Locals of the processor are left out."""
    found: list[tuple[str, str]] = []
    for function in _django_processors(ctx) + _flask_processors(ctx):
        bound = {n.id for n in walk(function) if isinstance(n, ast.Name) and _stored(n)} | {
            n.name for n in walk(function) if isinstance(n, ast.FunctionDef | ast.ClassDef)
        }
        for key, item in _returned_items(ctx, function) or ():
            root = item
            while isinstance(root, ast.Attribute):
                root = root.value
            if not isinstance(root, ast.Name) or root.id in bound:
                continue
            target = ctx.qualified_here(item)
            if target is not None:
                found.append((key, target))
    return tuple(found)


def _stored(name: ast.Name) -> bool:
    return isinstance(name.ctx, ast.Store)


def _attribute_read(item: ast.expr, given: set[str]) -> str:
    """The attribute `item` reads of an object the processor made or imported
    (`config.site_id`), "" for another value or one of what it was given (`request.path`:
    the request's, no model's)."""
    if not isinstance(item, ast.Attribute):
        return ""
    root: ast.expr = item
    while isinstance(root, ast.Attribute):
        root = root.value
    return item.attr if isinstance(root, ast.Name) and root.id not in given else ""


def named_processor_globals(ctx: FileContext) -> tuple[tuple[str, str, bool], ...]:
    """Each (function, name, configuration) a function of a module not named
    `context_processors` would give every Django template if a `TEMPLATES` setting lists
    it among its `context_processors` (`"site.tcp.orcid_domain"`): module-level functions
    of one parameter, every `return` of which is a dict whose keys can be told (see
    `context_processor_globals`). The template model keeps those the settings name."""
    if "context_processors" in ctx.relpath.removesuffix(".py").split("/"):
        return ()
    found: list[tuple[str, str, bool]] = []
    for statement in ctx.tree.body:
        if not (isinstance(statement, ast.FunctionDef) and len(statement.args.args) == 1):
            continue
        items = _returned_items(ctx, statement)
        found.extend((statement.name, key, configuration(ctx, item)) for key, item in items or ())
    return tuple(found)


def _django_processors(ctx: FileContext) -> list[ast.FunctionDef]:
    if "context_processors" not in ctx.relpath.removesuffix(".py").split("/"):
        return []
    return [
        statement
        for statement in ctx.tree.body
        if isinstance(statement, ast.FunctionDef) and len(statement.args.args) == 1
    ]


_FLASK_REGISTRARS = frozenset({"context_processor", "app_context_processor"})
"""Flask's `Flask.context_processor` and `Blueprint.app_context_processor` (and a
blueprint's own `context_processor`): each call of the function it is given returns a
dict merged into every template's context."""


def _flask_processors(ctx: FileContext) -> list[ast.FunctionDef]:
    """Module-level functions of no parameter that the module registers with Flask as
    context processors, by decorator or by a call."""
    if not ctx.mentions("context_processor"):
        return []
    registered = {
        argument.id
        for call in ctx.nodes(ast.Call)
        if isinstance(call, ast.Call) and _registers(call.func)
        for argument in call.args
        if isinstance(argument, ast.Name)
    }
    # NOTE: also those an app factory or a set-up function defines in its own body
    # (`def setup_views(app):` then `@app.context_processor def skeleton(): ...`).
    candidates = [
        inner
        for statement in ctx.tree.body
        for inner in (
            [statement, *statement.body] if isinstance(statement, ast.FunctionDef) else []
        )
    ]
    return [
        statement
        for statement in candidates
        if isinstance(statement, ast.FunctionDef)
        and not _has_parameters(statement.args)
        and (statement.name in registered or any(_registers(d) for d in statement.decorator_list))
    ]


def _registers(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr in _FLASK_REGISTRARS


def _has_parameters(arguments: ast.arguments) -> bool:
    return (
        bool(arguments.posonlyargs or arguments.args or arguments.vararg or arguments.kwonlyargs)
        or arguments.kwarg is not None
    )


def _returned_items(ctx: FileContext, function: ast.FunctionDef) -> list[Item] | None:
    """The (key, value) items of the dicts `function` returns: dict displays, or a local
    made one and given items only by constant keys (`context = {...}`, `context["x"] =
    v`, `context.update(x=v)`, then `return context`). None when some key cannot be told.
    The `return`s of helpers the processor defines inside (`def format_price(amount):`,
    then `return dict(format_price=format_price)`) give the helper's result, not the
    processor's."""
    ordered = sorted(own_returns(function), key=lambda n: (n.lineno, n.col_offset))
    returns = [n.value for n in ordered]
    if not returns:
        return None
    items: list[Item] = []
    for value in returns:
        if isinstance(value, ast.Dict):
            found = display_items(ctx, value)
        elif isinstance(value, ast.Call):
            found = dict_call_items(ctx, value)
        elif isinstance(value, ast.Name):
            found = _local_items(ctx, function, value.id)
        else:
            found = None
        if found is None:
            return None
        items.extend(found)
    return items


def _local_items(ctx: FileContext, function: ast.FunctionDef, local: str) -> list[Item] | None:
    """The items a local dict gets: made by a display, given constant keys. None when
    it is made otherwise, given a key that is not a constant, or used in any other way
    than being returned (handed to a call, it may gain any key)."""
    items: list[Item] = []
    accounted = 0
    for node in walk(function):
        found: list[Item] | None
        if isinstance(node, ast.Return) and _is_name(node.value, local):
            accounted += 1
            continue
        if isinstance(node, ast.Assign) and any(_is_name(t, local) for t in node.targets):
            display = node.value if len(node.targets) == 1 else None
            found = display_items(ctx, display) if isinstance(display, ast.Dict) else None
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Subscript) and _is_name(t.value, local) for t in node.targets
        ):
            target = node.targets[0]
            key = ctx.evaluate(target.slice) if isinstance(target, ast.Subscript) else None
            found = [(key, node.value)] if isinstance(key, str) and len(node.targets) == 1 else None
        elif isinstance(node, ast.Call) and _is_method_of(node.func, local, "update"):
            found = _update_items(ctx, node)
        else:
            continue
        if found is None:
            return None
        items.extend(found)
        accounted += 1
    mentions = sum(isinstance(n, ast.Name) and n.id == local for n in walk(function))
    return items if mentions == accounted else None


def _update_items(ctx: FileContext, call: ast.Call) -> list[Item] | None:
    """The items `context.update(x=v)` or `context.update({"x": v})` gives: keywords,
    and the items of one dict display with constant keys. None for any other argument
    (`update(defaults)`, `**extra`), which may add any key."""
    found = [(k.arg, k.value) for k in call.keywords if k.arg]
    if len(found) != len(call.keywords) or len(call.args) > 1:
        return None
    if call.args:
        display = call.args[0]
        shown = display_items(ctx, display) if isinstance(display, ast.Dict) else None
        if shown is None:
            return None
        found.extend(shown)
    return found


def _is_name(node: ast.expr | None, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _is_method_of(func: ast.expr, name: str, method: str) -> bool:
    return isinstance(func, ast.Attribute) and func.attr == method and _is_name(func.value, name)


def _is_globals(node: ast.expr) -> bool:
    """`app.jinja_env.globals`, `env.globals`: a Jinja environment's globals."""
    return isinstance(node, ast.Attribute) and node.attr == _GLOBALS


def _updated(ctx: FileContext, call: ast.Call) -> list[tuple[str, ast.expr]]:
    found = [(k.arg or UNTOLD_GLOBALS, k.value) for k in call.keywords]
    for argument in call.args:
        if not isinstance(argument, ast.Dict):
            found.append((UNTOLD_GLOBALS, argument))
            continue
        for key, value in zip(argument.keys, argument.values, strict=True):
            name = ctx.evaluate(key) if key is not None else None
            found.append((name if isinstance(name, str) else UNTOLD_GLOBALS, value))
    return found


Calls = Callable[[ast.Call], bool]
"""Judges a call `configuration` cannot: whether it is taken to give configuration (a
function of the project, on the condition that it returns only that)."""


def configuration(ctx: FileContext, value: ast.expr, calls: Calls | None = None) -> bool:
    """Whether `value` is a constant or configuration (see the module's docstring), or a
    test of any values (`"django_otp" in settings.INSTALLED_APPS`: `True` or `False`), or
    the items of configuration kept by `list`, `tuple`, `sorted` or `filter`; with
    `calls`, any other call it accepts."""
    if isinstance(value, ast.Constant | ast.Compare):
        return True
    if isinstance(value, ast.Name):
        # NOTE: Django's settings object itself (`{"settings": settings}`): what the
        # template reads of it (`settings.VERSION`) is a setting; a dunder name
        # (`__version__`) is the author's, as `version.__version__` is.
        return (
            ctx.qualified(value) == _DJANGO_SETTINGS
            or _dunder(value.id)
            or _settings_name(ctx, value)
        )
    if isinstance(value, ast.Call) and _dumps(ctx, value):
        return configuration(ctx, value.args[0], calls)
    kept = _kept_items(ctx, value)
    if kept is not None:
        return configuration(ctx, kept, calls)
    if isinstance(value, ast.Dict):
        # NOTE: `{"APIKEYS": {"GOOGLE": settings.GOOGLE_API_KEY, ...}}`: a dict of
        # settings under literal keys, which the template reads item by item.
        return all(
            key is not None
            and isinstance(ctx.evaluate(key), str)
            and configuration(ctx, item, calls)
            for key, item in zip(value.keys, value.values, strict=True)
        )
    if isinstance(value, ast.Attribute):
        attr = value.attr
        named = attr.isupper() or _dunder(attr)
        return named and _dotted(value.value)
    if isinstance(value, ast.ListComp | ast.SetComp | ast.GeneratorExp):
        return _picked_from_configuration(ctx, [value.elt], value.generators)
    if isinstance(value, ast.DictComp):
        return _picked_from_configuration(ctx, [value.key, value.value], value.generators)
    if isinstance(value, ast.Call) and _setting_by_name(ctx, value, calls):
        return True
    item = configuration_item(ctx, value)
    if item is None:
        return isinstance(value, ast.Call) and calls is not None and calls(value)
    config = item[0]
    return (isinstance(config, ast.Attribute) and config.attr == "config") or configuration(
        ctx, config, calls
    )


def _dumps(ctx: FileContext, call: ast.Call) -> bool:
    """`json.dumps(data)`, or a `dumps` of another JSON library (`orjson`, `ujson`,
    `simplejson`) or of the project's wrapper around one (`json_util.json.dumps(data)`):
    the text of `data` and no other."""
    called = ctx.call_name(call) or ""
    return bool(call.args) and (called == "json.dumps" or called.rpartition(".")[2] == "dumps")


_KEEPING = frozenset({"list", "tuple", "sorted"})
"""Builtins whose result holds the items of the one value they are given, no other."""


def _kept_items(ctx: FileContext, value: ast.expr) -> ast.expr | None:
    """`apps` of `list(apps)`, `sorted(apps)`, `filter(test, apps)`: the value whose
    items the call's result holds; None for any other expression."""
    if not isinstance(value, ast.Call) or any(isinstance(a, ast.Starred) for a in value.args):
        return None
    called = ctx.call_name(value)
    if called in _KEEPING and len(value.args) == 1:
        return value.args[0]
    if called == "filter" and len(value.args) == 2 and not value.keywords:
        return value.args[1]
    return None


_DJANGO_SETTINGS = "django.conf.settings"
_GETATTR = frozenset({"getattr", "builtins.getattr"})


def _setting_by_name(ctx: FileContext, call: ast.Call, calls: Calls | None) -> bool:
    """`getattr(settings, name)`, also with a default that is configuration: the setting
    a name given by the code (a literal, or a local or parameter: a simple tag's argument,
    which the template's author writes) picks of Django's settings object, or of an object
    a settings module of the project defines (`from shop.settings import shop_settings`,
    an app's settings with their defaults, as `shop_settings.BANNER` is read)."""
    if ctx.call_name(call) not in _GETATTR or call.keywords or not 2 <= len(call.args) <= 3:
        return False
    holder, name, *default = call.args
    if not isinstance(name, ast.Name | ast.Constant) or not isinstance(holder, ast.Name):
        return False
    qualified = ctx.qualified(holder) or ""
    module, _, last = qualified.rpartition(".")
    from_settings = (
        bool(module) and last != "*" and is_settings_path(module.replace(".", "/") + ".py")
    )
    if qualified != _DJANGO_SETTINGS and not from_settings:
        return False
    return all(configuration(ctx, each, calls) for each in default)


_PICKING = (ast.Name, ast.Attribute, ast.Subscript, ast.Constant, ast.Tuple, ast.expr_context)


def _picked_from_configuration(
    ctx: FileContext, parts: list[ast.expr], generators: list[ast.comprehension]
) -> bool:
    """`[code for code, _ in settings.LANGUAGES]`: a comprehension over configuration
    whose items are parts of what it iterates (its targets, their attributes or items
    by a literal key, tuples of those, literals), whatever its `if` leaves out."""
    if not all(configuration(ctx, g.iter) and not g.is_async for g in generators):
        return False
    bound = {node.id for g in generators for node in walk(g.target) if isinstance(node, ast.Name)}
    return all(
        isinstance(node, _PICKING)
        and (not isinstance(node, ast.Name) or node.id in bound)
        and (not isinstance(node, ast.Subscript) or isinstance(node.slice, ast.Constant))
        for part in parts
        for node in walk(part)
    )


def _settings_name(ctx: FileContext, name: ast.Name) -> bool:
    """An upper-case name the module takes from a settings module of the project:
    imported by name (`from myproject.settings import STATIC_PREFIX`), or bound by no
    scope of the module while every module it star-imports is one (`from
    myproject.settings import *`)."""
    if not name.id.isupper():
        return False
    qualified = ctx.qualified(name) or ""
    module, _, last = qualified.rpartition(".")
    if module and last == name.id:
        return is_settings_path(module.replace(".", "/") + ".py")
    stars = ctx.names.stars
    return (
        qualified == name.id
        and bool(stars)
        and ctx.scopes.binding_scope(name) is None
        and all(is_settings_path(star.replace(".", "/") + ".py") for star in stars)
    )


def _dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


_REQUEST_STATE = frozenset({"request", "session", "g"})


def _dotted(node: ast.expr) -> bool:
    """A module or object named from a variable, not the request's own state."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name) and node.id not in _REQUEST_STATE
