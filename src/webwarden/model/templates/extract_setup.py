"""Where templates are loaded from and how: Flask folders, Jinja2 loaders and delimiters,
Django `TEMPLATES` and `MIDDLEWARE`, and the template filters a project defines."""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection, Iterator, Mapping
from functools import partial

from webwarden.analysis.constants import UNKNOWN
from webwarden.model.django.defaults import CSRF_MIDDLEWARE, DROP_IN_MIDDLEWARE
from webwarden.model.module import FileContext
from webwarden.model.scopes import parameter_defaults
from webwarden.model.templates.app_classes import makes_app
from webwarden.model.templates.env_globals import configuration
from webwarden.model.templates.extract_renders import template_argument, template_names
from webwarden.model.templates.facts import (
    CUSTOM_AUTOESCAPE,
    FilterDefFact,
    FolderFact,
    TemplatesSetting,
)
from webwarden.model.templates.marked_files import marked_file_call
from webwarden.model.templates.marking_helpers import returns_given
from webwarden.model.templates.markup_methods import filter_output
from webwarden.model.templates.number_lists import returns_number_list
from webwarden.model.templates.option_gates import option_literals
from webwarden.model.templates.paths import candidates, folder_path
from webwarden.model.templates.reserialised import reserialises_input
from webwarden.model.templates.safe_marking import (
    Function,
    marks_input_safe,
    marks_markdown_of_input,
    marks_through_methods,
    may_return_safe,
)
from webwarden.model.templates.script_filters import script_safe_output
from webwarden.model.templates.setting_gates import cleaning_setting
from webwarden.model.templates.url_filters import returns_percent_encoded
from webwarden.model.templates.url_methods import returns_built_url, returns_site_path

BLUEPRINTS = frozenset({"flask.Blueprint", "flask.blueprints.Blueprint"})
ENVIRONMENTS = frozenset(
    {"jinja2.Environment", "jinja2.environment.Environment", "jinja2.sandbox.SandboxedEnvironment"}
)
SYNTAX_OPTIONS = frozenset(
    {
        "block_start_string", "block_end_string", "variable_start_string",
        "variable_end_string", "comment_start_string", "comment_end_string",
        "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
    }
)  # fmt: skip
_SELECT_DEFAULT = ("html", "htm", "xml")
"""`jinja2.select_autoescape`'s default `enabled_extensions`."""
LIBRARY_AUTOESCAPE: Mapping[str, tuple[str, ...]] = {
    # baseframe (hasgeek's Flask base) sets `app.jinja_env.autoescape` in `init_app` to a
    # function of these endings: src/baseframe/blueprint.py `_select_jinja_autoescape`.
    "baseframe.baseframe.init_app": (
        ".html", ".htm", ".xml", ".xhtml", ".html.jinja", ".html.jinja2", ".xml.jinja",
        ".xml.jinja2", ".xhtml.jinja", ".xhtml.jinja2",
    ),
}  # fmt: skip
"""Extension setups that replace the Flask app's autoescape: the file endings escaped."""

_DJANGO_LIBRARY = frozenset({"django.template.Library", "django.template.library.Library"})
_DJANGO_BUILTIN_LIBRARIES = frozenset(
    {"django.template.defaulttags.register", "django.template.defaultfilters.register"}
)
"""The libraries of Django's own tags and filters, which every template has without
`{% load %}`: a project that imports one and registers on it (`from
django.template.defaulttags import register`, then `@register.filter`), in any module
imported at start-up, adds a filter to every template."""


def _tag_library(ctx: FileContext, register: ast.expr) -> bool:
    """Django's `template.Library()`, one of Django's built-in libraries imported
    (`_DJANGO_BUILTIN_LIBRARIES`), or a project's subclass of `Library` (Mezzanine's
    `mezzanine.template.Library`) made in a `templatetags` package, the only place
    Django loads tag libraries from."""
    origin = ctx.origin(register) or ""
    if origin in _DJANGO_LIBRARY or ctx.qualified(register) in _DJANGO_BUILTIN_LIBRARIES:
        return True
    return (
        origin.endswith(".Library")
        and _imported_maker(ctx, register)
        and "templatetags" in ctx.relpath.split("/")[:-1]
    )


def _imported_maker(ctx: FileContext, register: ast.expr) -> bool:
    """Whether what made `register` is named through an import (`template.Library()` with
    `from mezzanine import template`), not a class of the module's own: Askbot's `class
    template` in its tags module hands out django-jinja's library, whose filters are
    Jinja's."""
    made = ctx.scopes.made_by(register) if isinstance(register, ast.Name) else register
    func = made.func if isinstance(made, ast.Call) else None
    while isinstance(func, ast.Attribute):
        func = func.value
    return isinstance(func, ast.Name) and func.id in ctx.names.aliases


def _options(ctx: FileContext, keywords: list[ast.keyword]) -> tuple[tuple[str, object], ...]:
    found = []
    for keyword in keywords:
        if keyword.arg in SYNTAX_OPTIONS:
            value = ctx.evaluate(keyword.value)
            if isinstance(value, str | bool) or value is None:
                found.append((keyword.arg, value))
    return tuple(found)


def _autoescape(ctx: FileContext, node: ast.Call) -> object:
    value = ctx.keyword(node, "autoescape")
    if value is None:
        return False
    constant = ctx.evaluate(value)
    if constant is not UNKNOWN:
        return bool(constant)
    if isinstance(value, ast.Call) and (ctx.call_name(value) or "").endswith("select_autoescape"):
        return "select"
    return UNKNOWN


def autoescape_choice(ctx: FileContext, value: ast.expr) -> object:
    """What an `autoescape` given to Flask's environment escapes (`app.jinja_env.autoescape
    = value`, `app.jinja_options = {"autoescape": value}`): True or False for every
    template, the file endings of a `select_autoescape(...)`, or `CUSTOM_AUTOESCAPE`."""
    constant = ctx.evaluate(value)
    if isinstance(constant, bool):
        return constant
    if isinstance(value, ast.Name) and (bound := ctx.lookup(value)) is not None:
        value = bound
    if isinstance(value, ast.Call) and (ctx.call_name(value) or "").endswith("select_autoescape"):
        return _selected_endings(ctx, value)
    return CUSTOM_AUTOESCAPE


def _selected_endings(ctx: FileContext, call: ast.Call) -> object:
    """`select_autoescape(enabled_extensions, disabled_extensions, default_for_string,
    default)`: the endings it escapes (Jinja2 lowercases the name and tests
    `.{extension}`); True when `default=True` escapes every other name too."""
    enabled = ctx.argument(call, 0, "enabled_extensions")
    disabled = ctx.argument(call, 1, "disabled_extensions")
    default = ctx.argument(call, 3, "default")
    if default is not None:
        chosen = ctx.evaluate(default)
        if chosen is True and disabled is None:
            return True
        if chosen is not False:
            return CUSTOM_AUTOESCAPE
    extensions = _SELECT_DEFAULT if enabled is None else ctx.evaluate(enabled)
    if not (isinstance(extensions, tuple | list) and all(isinstance(e, str) for e in extensions)):
        return CUSTOM_AUTOESCAPE
    return tuple(f".{extension.lstrip('.').lower()}" for extension in extensions)


def loader_folders(ctx: FileContext, node: ast.expr | None) -> Iterator[str]:
    """Folders a Jinja2 loader reads (`FileSystemLoader`, `PackageLoader`, `ChoiceLoader`)."""
    if not isinstance(node, ast.Call):
        if isinstance(node, ast.Name) and (value := ctx.lookup(node)) is not None:
            yield from loader_folders(ctx, value)
        return
    name = (ctx.call_name(node) or "").rsplit(".", 1)[-1]
    argument = ctx.argument(node, 0, "searchpath" if name == "FileSystemLoader" else "loaders")
    if name == "FileSystemLoader":
        paths = argument.elts if isinstance(argument, ast.List | ast.Tuple) else [argument]
        for path in paths:
            yield from candidates(ctx, folder_path(ctx, path), module_relative=False)
    elif name == "PackageLoader":
        package = ctx.evaluate(ctx.argument(node, 0, "package_name"))
        folder = ctx.evaluate(ctx.argument(node, 1, "package_path"))
        if isinstance(package, str):
            sub = folder if isinstance(folder, str) else "templates"
            base = package.replace(".", "/")
            yield f"{base}/{sub}".strip("/")
            yield f"src/{base}/{sub}".strip("/")
    elif name in ("ChoiceLoader", "PrefixLoader") and argument is not None:
        items = argument.values if isinstance(argument, ast.Dict) else getattr(argument, "elts", [])
        for item in items:
            yield from loader_folders(ctx, item)


def folder_fact(
    ctx: FileContext, node: ast.Call, name: str, local_apps: frozenset[str] = frozenset()
) -> FolderFact | None:
    """The template folder an app (also of a subclass of Flask: `app_classes`),
    blueprint or Jinja2 environment reads."""
    location = ctx.location(node)
    app = makes_app(ctx, node, name, local_apps)
    if app or name in BLUEPRINTS:
        kind = "flask-app" if app else "flask-blueprint"
        served = _static_folders(ctx, node, app=app)
        given = ctx.keyword(node, "template_folder")
        if given is None and name in BLUEPRINTS:
            return FolderFact(kind, (), location, served=served) if served else None
        found = folder_path(ctx, given) if given is not None else None
        if given is None:
            found = folder_path(ctx, ast.Constant("templates"))
        elif ctx.evaluate(given) is None:
            return None
        folders = candidates(ctx, found, module_relative=True)
        return FolderFact(kind, folders, location, served=served)
    if name in ENVIRONMENTS:
        folders = tuple(dict.fromkeys(loader_folders(ctx, ctx.keyword(node, "loader"))))
        options = _options(ctx, node.keywords)
        return FolderFact("jinja-loader", folders, location, options, _autoescape(ctx, node))
    return None


def _static_folders(ctx: FileContext, node: ast.Call, *, app: bool) -> tuple[str, ...]:
    """The folders a Flask app's or blueprint's `static_folder` may be (an app's is
    `static` unless given; `None` turns it off, as a blueprint has none by default)."""
    given = ctx.keyword(node, "static_folder")
    if given is None:
        given = ast.Constant("static") if app else None
    if given is None or (isinstance(given, ast.Constant) and given.value is None):
        return ()
    return candidates(ctx, folder_path(ctx, given), module_relative=True)


def templates_setting(ctx: FileContext, node: ast.Assign) -> Iterator[TemplatesSetting]:
    """The entries of a module-level `TEMPLATES = [...]`."""
    if not isinstance(node.value, ast.List | ast.Tuple):
        return
    for entry in node.value.elts:
        if not isinstance(entry, ast.Dict):
            continue
        items = {
            k.value: v
            for k, v in zip(entry.keys, entry.values, strict=True)
            if isinstance(k, ast.Constant)
        }
        backend = ctx.evaluate(items.get("BACKEND"))
        dirs_node = items.get("DIRS")
        dirs = tuple(
            candidates(ctx, folder_path(ctx, d), module_relative=False)
            for d in (dirs_node.elts if isinstance(dirs_node, ast.List | ast.Tuple) else [])
        )
        autoescape: object = True
        where = None
        processors: tuple[str, ...] = ()
        environment: object = ""
        options = items.get("OPTIONS")
        told = options is None or isinstance(options, ast.Dict)
        if isinstance(options, ast.Dict):
            for key, value in zip(options.keys, options.values, strict=True):
                if key is None:
                    told = False  # NOTE: `**BASE_OPTIONS`: keys the display does not show
                if isinstance(key, ast.Constant) and key.value == "autoescape":
                    autoescape, where = ctx.evaluate(value), ctx.location(value)
                if isinstance(key, ast.Constant) and key.value == "environment":
                    environment = ctx.evaluate(value)
                if isinstance(key, ast.Constant) and key.value == "context_processors":
                    named = ctx.evaluate(value)
                    if isinstance(named, list | tuple):
                        processors = tuple(n for n in named if isinstance(n, str))
                    told = (
                        told and isinstance(named, list | tuple) and len(processors) == len(named)
                    )
        yield TemplatesSetting(
            backend if isinstance(backend, str) else "",
            ctx.location(entry),
            tuple(d for d in dirs if d),
            ctx.evaluate(items.get("APP_DIRS")) is True,
            autoescape,
            where,
            processors,
            told,
            name if isinstance(name := ctx.evaluate(items.get("NAME")), str) else "",
            environment if isinstance(environment, str) else "",
        )


def csrf_middleware(ctx: FileContext, node: ast.Assign | ast.AugAssign) -> bool | None:
    """Whether a `MIDDLEWARE` list (or an addition to it) includes CSRF middleware."""
    value = ctx.evaluate(node.value)
    if not isinstance(value, list | tuple):
        return None
    has = CSRF_MIDDLEWARE in value or any(
        DROP_IN_MIDDLEWARE.get(entry) == CSRF_MIDDLEWARE
        for entry in value
        if isinstance(entry, str)
    )
    return True if has else (None if isinstance(node, ast.AugAssign) else False)


def filter_definition(
    ctx: FileContext,
    function: Function,
    functions: Mapping[str, Function],
    tables: Collection[str] = (),
) -> FilterDefFact | None:
    """A function registered as a template filter or simple tag (`functions`: the module's
    own, by name, which the check of what it returns follows; `tables`: its escape
    tables and escaping Markdown parsers, see `module_escapers`)."""
    for decorator in function.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if not isinstance(target, ast.Attribute):
            continue
        name = function.name
        if call is not None:
            given = ctx.evaluate(ctx.argument(call, 0, "name"))
            name = given if isinstance(given, str) else name
        if target.attr in ("filter", "simple_tag") and _tag_library(ctx, target.value):
            kind = "filter" if target.attr == "filter" else "tag"
            # NOTE: `needs_autoescape` filters escape with `conditional_escape` themselves,
            # which Markdown rendered after it undoes for links (`[x](javascript:...)`);
            # one that never reads the `autoescape` it is given is judged by its body.
            declared = (
                call is not None and ctx.evaluate(ctx.keyword(call, "needs_autoescape")) is True
            )
            escapes = declared and reads_autoescape(function)
            marking = partial(
                marks_markdown_of_input if escapes else marks_input_safe, qualify=ctx.qualified
            )
            marker, raw = marking(function, functions, tables)
            judge = partial(_marks, marking, functions, tables)
            options, cleaning = (
                option_literals(function, judge) if marker and kind == "filter" else (None, None)
            )
            clean_setting = cleaning_setting(ctx, function, judge) if marker else ""
            context = call is not None and ctx.evaluate(ctx.keyword(call, "takes_context")) is True
            if context and kind == "tag" and function.args.args:
                # NOTE: the template's context, not a value the tag is given
                raw = tuple(r for r in raw if r != function.args.args[0].arg)
            keeps_safe = call is not None and ctx.evaluate(ctx.keyword(call, "is_safe")) is True
            cleans, returns_of = (
                filter_output(ctx, function, functions) if kind == "filter" else (False, "")
            )
            return FilterDefFact(
                name,
                ctx.location(function),
                "django",
                kind,
                bool(marker),
                marker,
                _template_params(function, skip=1 if context and kind == "tag" else 0),
                raw,
                raw_options=options,
                clean_options=cleaning,
                clean_setting=clean_setting,
                escapes_output=(
                    kind == "filter"
                    and not (declared or keeps_safe or marker)
                    and not may_return_safe(function)
                ),
                cleans_output=cleans,
                script_safe=kind == "filter" and script_safe_output(ctx, function),
                url_encodes=kind == "filter" and returns_percent_encoded(ctx, function),
                number_items=kind == "filter" and returns_number_list(function),
                returns_of=returns_of,
                returns_given=returns_given(ctx, function, returns_of) if returns_of else (),
                builds_url=kind == "filter"
                and (returns_built_url(ctx, function) or returns_site_path(ctx, function)),
                configuration=kind == "tag" and _returns_configuration(ctx, function),
                through=marks_through_methods(function, functions, ctx.qualified) if marker else (),
                renders=rendered_templates(ctx, function) if kind == "tag" else (),
                marks_file_of=marked_file_call(ctx, function) if marker else "",
                reserialises=kind == "filter" and reserialises_input(ctx, function),
                function=_qualified_function(ctx, function),
            )
        if target.attr == "inclusion_tag" and _tag_library(ctx, target.value):
            shown = ctx.evaluate(ctx.argument(call, 0, "filename")) if call else None
            if call is not None:
                given = ctx.evaluate(ctx.keyword(call, "name"))
                name = given if isinstance(given, str) else function.name
            return FilterDefFact(
                name,
                ctx.location(function),
                "django",
                "tag",
                renders=(shown,) if isinstance(shown, str) else (),
            )
        if target.attr in ("template_filter", "app_template_filter") or (
            target.attr == "filter" and _jinja_library(ctx, target.value)
        ):
            return _flask_filter(ctx, name, function, functions, tables)
    return None


def _marks(
    marking: Callable[[Function, Mapping[str, Function], Collection[str]], tuple[str, object]],
    functions: Mapping[str, Function],
    tables: Collection[str],
    function: Function,
) -> bool:
    """Whether `marking` finds `function` (a filter bound to one option) marks its input."""
    return bool(marking(function, functions, tables)[0])


def _jinja_library(ctx: FileContext, register: ast.expr) -> bool:
    """django-jinja's library (`@library.filter` with `from django_jinja import library`,
    or a name the module makes from it, as Askbot's `register`): its filters are Jinja's,
    registered with every Jinja environment of the project."""
    return isinstance(register, ast.Name) and ctx.names.imports("django_jinja")


def rendered_templates(ctx: FileContext, function: Function) -> tuple[str, ...]:
    """The templates a simple tag renders or loads (`template_argument`): given a
    constant, or a parameter whose default is one (`def fields_for(context, form,
    template="includes/form_fields.html")`)."""
    defaults = parameter_defaults(function.args)
    found: list[str] = []
    for node in ast.walk(function):
        given = template_argument(ctx, node) if isinstance(node, ast.Call) else None
        if isinstance(given, ast.Name) and given.id in defaults:
            given = defaults[given.id]
        found += template_names(ctx.evaluate(given)) if given is not None else ()
    return tuple(found)


def _returns_configuration(ctx: FileContext, function: Function) -> bool:
    """Every `return` of a simple tag gives a constant or configuration (`return
    settings.DOCS_URL`)."""
    returned = [node.value for node in ast.walk(function) if isinstance(node, ast.Return)]
    return bool(returned) and all(
        value is not None and (ctx.is_constant(value) or configuration(ctx, value))
        for value in returned
    )


def _flask_filter(
    ctx: FileContext,
    name: str,
    function: Function,
    functions: Mapping[str, Function],
    tables: Collection[str],
) -> FilterDefFact:
    skip = 1 if _passes_jinja_object(ctx, function) else 0
    marker, raw = marks_input_safe(function, functions, tables, skip=skip, qualify=ctx.qualified)
    params = _template_params(function, skip=skip)
    location = ctx.location(function)
    cleans, returns_of = filter_output(ctx, function, functions)
    return FilterDefFact(
        name,
        location,
        "flask",
        "filter",
        bool(marker),
        marker,
        params,
        raw,
        cleans_output=cleans,
        script_safe=script_safe_output(ctx, function),
        url_encodes=returns_percent_encoded(ctx, function),
        number_items=returns_number_list(function),
        returns_of=returns_of,
        returns_given=returns_given(ctx, function, returns_of) if returns_of else (),
        builds_url=returns_built_url(ctx, function),
        marks_file_of=marked_file_call(ctx, function) if marker else "",
        function=_qualified_function(ctx, function),
    )


def _qualified_function(ctx: FileContext, function: Function) -> str:
    """The qualified name of a module-level function, "" for a nested one."""
    if not any(statement is function for statement in ctx.tree.body):
        return ""
    return f"{ctx.module}.{function.name}" if ctx.module else function.name


_JINJA_PASSERS = frozenset(
    {"pass_context", "pass_eval_context", "pass_environment"}
    | {"contextfilter", "evalcontextfilter", "environmentfilter"}
    | {"contextfunction", "evalcontextfunction", "environmentfunction"}
)
"""Jinja's decorators (and their names before Jinja 3.0) that make the template engine
pass its context, evaluation context or environment as a filter's first argument."""


def _passes_jinja_object(ctx: FileContext, function: Function) -> bool:
    """`@evalcontextfilter def nl2br(eval_ctx, value)`: the first parameter is Jinja's
    own object, the filtered value the second."""
    for decorator in function.decorator_list:
        qualified = ctx.qualified(decorator) or ""
        if qualified.startswith("jinja2.") and qualified.rsplit(".", 1)[-1] in _JINJA_PASSERS:
            return True
    return False


def _template_params(function: Function, skip: int = 0) -> tuple[str, ...]:
    """The parameters a template fills, in order (`skip`: those it does not, a
    `takes_context` tag's context)."""
    names = [a.arg for a in function.args.args if a.arg not in ("self", "cls")]
    return tuple(names[skip:])


def registered_filter(
    ctx: FileContext,
    node: ast.AST,
    functions: Mapping[str, Function],
    tables: Collection[str] = (),
) -> FilterDefFact | None:
    """`env.filters["name"] = func`, `app.add_template_filter(func, "name")` (`tables` as
    for `filter_definition`)."""
    name: object = None
    func: ast.expr | None = None
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        if (
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Attribute)
            and target.value.attr == "filters"
        ):
            name, func = ctx.evaluate(target.slice), node.value
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "add_template_filter"
    ):
        func = ctx.argument(node, 0, "f")
        name = ctx.evaluate(ctx.argument(node, 1, "name"))
        if not isinstance(name, str) and isinstance(func, ast.Name):
            name = func.id
    if not isinstance(name, str) or not isinstance(func, ast.Name) or func.id not in functions:
        return None
    return _flask_filter(ctx, name, functions[func.id], functions, tables)


def reads_autoescape(function: Function) -> bool:
    """Whether a filter registered with `needs_autoescape` reads the `autoescape` flag
    Django gives it (`esc = conditional_escape if autoescape else ...`): the mark of one
    escaping its input itself. One that never reads it (declared and ignored) escapes
    only what its body escapes."""
    return any(
        isinstance(node, ast.Name) and node.id == "autoescape" and isinstance(node.ctx, ast.Load)
        for node in ast.walk(function)
    )
