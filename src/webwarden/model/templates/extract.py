"""The per-file step of the template model: one walk over a Python module.

Runs on modules that import Flask, Django or Jinja2, and on modules that assign
`TEMPLATES`, `MIDDLEWARE` or `REST_REGISTRATION` (Django settings often import nothing of Django).
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator

from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext
from webwarden.model.templates.app_classes import app_call, module_app_classes
from webwarden.model.templates.class_tables import returns_table
from webwarden.model.templates.configured_functions import configured_functions
from webwarden.model.templates.digest_globals import digest_functions
from webwarden.model.templates.env_globals import (
    config_globals,
    context_processor_attributes,
    context_processor_file_reads,
    context_processor_functions,
    context_processor_globals,
    django_jinja_constants,
    flask_config_global,
    global_values,
    named_processor_globals,
    webpack_globals,
)
from webwarden.model.templates.escaped_globals import escaped_functions
from webwarden.model.templates.extract_renders import class_renders, context_class, render_fact
from webwarden.model.templates.extract_setup import (
    LIBRARY_AUTOESCAPE,
    autoescape_choice,
    csrf_middleware,
    filter_definition,
    folder_fact,
    registered_filter,
    templates_setting,
)
from webwarden.model.templates.extract_wrappers import (
    TEMPLATE_ENDINGS,
    forwarder_fact,
    hands_request,
    names_template,
    wrapper_call_fact,
    wrapper_fact,
)
from webwarden.model.templates.facts import (
    ContextClassFact,
    FilterDefFact,
    FolderFact,
    PythonTemplateFacts,
    RenderFact,
    TemplatesSetting,
    WrapperCallFact,
    WrapperFact,
)
from webwarden.model.templates.field_subclasses import field_classes, field_uses, project_field
from webwarden.model.templates.file_globals import file_readers, template_global_functions
from webwarden.model.templates.flashed import flashed_messages
from webwarden.model.templates.generic_view_templates import GENERIC_VIEWS
from webwarden.model.templates.gettext_styles import gettext_styles
from webwarden.model.templates.layout_objects import layout_templates
from webwarden.model.templates.listener_cleaned import listener_cleaned
from webwarden.model.templates.manifest_globals import manifest_functions
from webwarden.model.templates.marking_helpers import marking_functions
from webwarden.model.templates.markup_methods import (
    class_methods,
    html_functions,
    markup_attributes,
    method_verdicts,
    returns_by_function,
    returns_markup,
    yields_by_function,
)
from webwarden.model.templates.markup_renderers import markup_fields, markup_renderers
from webwarden.model.templates.menus import menu_globals
from webwarden.model.templates.misaka_renderers import safer_markdown_functions
from webwarden.model.templates.number_fields import factory_class, number_attributes
from webwarden.model.templates.number_functions import number_functions, returned_values
from webwarden.model.templates.output_parts import output_summaries
from webwarden.model.templates.path_readers import path_readers
from webwarden.model.templates.registration_emails import SETTING as REGISTRATION_SETTING
from webwarden.model.templates.registration_emails import registration_email_renders
from webwarden.model.templates.request_attributes import request_attributes
from webwarden.model.templates.safe_marking import module_escapers
from webwarden.model.templates.sanitised_fields import (
    RICH_TEXT_ATTRIBUTE,
    cms_text_field,
    inherits_rich_text,
    mezzanine_field,
    proxy_field,
    sanitised_field,
)
from webwarden.model.templates.save_cleaned import save_cleaned
from webwarden.model.templates.search_highlights import highlight_encoders
from webwarden.model.templates.signal_receivers import receiver_verdicts
from webwarden.model.templates.url_methods import url_attributes, url_functions
from webwarden.model.templates.validated_columns import validator_cleaned

FACTS = "templates"
_SETTINGS_NAMES = frozenset({"TEMPLATES", "MIDDLEWARE", "MIDDLEWARE_CLASSES", REGISTRATION_SETTING})
_Function = ast.FunctionDef | ast.AsyncFunctionDef


_WORDS = (
    "render", "Template", "template", "Flask", "Blueprint", "Environment", "MIDDLEWARE",
    "filters", "jinja_options", "autoescape", "init_app", ".htm", "django_jinja",
    "AccountAdapter", REGISTRATION_SETTING, *GENERIC_VIEWS,
)  # fmt: skip
"""Words a module the extractor reads has (substring tests: 4x faster than one regex)."""
_TEMPLATE_FILE_WORDS = (".htm", ".jinja", ".j2")
"""Text of a template file's name (`.jinja` holds `.jinja2`)."""
_DATE_WORDS = ("strftime", "date_format", "dateformat")
"""Words of a module whose functions may return a date they formatted (no HTML at all)."""
_SANITISING_WORDS = ("clean", "saniti", "bleach", "nh3", "&lt;")
"""Words of a module that may build cleaned HTML in a local before returning it (`&lt;`:
HTML escaped by hand, `text.replace("<", "&lt;")`, see `html_escaping`)."""
_CLEANING_WORDS = (*_SANITISING_WORDS, *_DATE_WORDS)
"""Words a module outside Django whose functions may return cleaned HTML has."""
_ESCAPING_WORDS = ("escape", "format_html", "render", *_CLEANING_WORDS)
"""Words a module whose methods may return escaped HTML has (see `cleans_html`)."""
_CALLS = frozenset(
    {
        "render_template", "stream_template", "render_theme_template", "render", "stream", "render_to_response",
        "render_to_string", "TemplateResponse", "SimpleTemplateResponse", "Flask",
        "Blueprint", "Environment", "SandboxedEnvironment", "add_template_filter",
        "init_app",
    }
)  # fmt: skip
"""The last name of every call the extractor reads (checked before qualifying names)."""


def _called(node: ast.Call) -> str:
    function = node.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def _relevant(ctx: FileContext) -> bool:
    # NOTE: a cheap look at the text first; most modules of a big tree stop here.
    if not any(map(ctx.holds, _WORDS)):
        return False
    if any(ctx.names.imports(p) for p in ("flask", "django", "jinja2")):
        return True
    if ctx.holds("template_filter"):
        # NOTE: filters registered on an app the module is handed (`def init_filters(app)`
        # with `@app.template_filter("name")` inside), importing no framework itself.
        return True
    if any(map(ctx.holds, _TEMPLATE_FILE_WORDS)) or ctx.holds("AccountAdapter"):
        # NOTE: views that render only through the project's own wrapper or base class,
        # naming `.jinja` templates as often as `.html` ones (django-jinja); allauth's
        # account adapters, which send its e-mails (`allauth_emails`).
        return True
    return any(
        isinstance(node, ast.Assign | ast.AugAssign)
        and any(isinstance(t, ast.Name) and t.id in _SETTINGS_NAMES for t in _targets(node))
        for node in ctx.tree.body
    )


def _targets(node: ast.Assign | ast.AugAssign) -> list[ast.expr]:
    return list(node.targets) if isinstance(node, ast.Assign) else [node.target]


def _jinja_options(ctx: FileContext, node: ast.Assign) -> tuple[tuple[str, object], ...]:
    """`app.jinja_options = {...}` / `dict(Flask.jinja_options, ...)`: syntax options (and
    `autoescape`, also from `app.jinja_env.autoescape = ...`, as `autoescape_choice`)."""
    target = node.targets[0] if len(node.targets) == 1 else None
    if (
        isinstance(target, ast.Attribute)
        and target.attr == "autoescape"
        and isinstance(target.value, ast.Attribute)
        and target.value.attr == "jinja_env"
    ):
        return (("autoescape", autoescape_choice(ctx, node.value)),)
    if not (isinstance(target, ast.Attribute) and target.attr == "jinja_options"):
        return ()
    value = node.value
    pairs: list[tuple[str, ast.expr]] = []
    if isinstance(value, ast.Dict):
        pairs = [
            (k.value, v)
            for k, v in zip(value.keys, value.values, strict=True)
            if isinstance(k, ast.Constant) and isinstance(k.value, str)
        ]
    elif isinstance(value, ast.Call):
        pairs = [(k.arg, k.value) for k in value.keywords if k.arg is not None]
    found = []
    for name, expression in pairs:
        if name == "autoescape":
            found.append((name, autoescape_choice(ctx, expression)))
            continue
        constant = ctx.evaluate(expression)
        if isinstance(constant, str | bool):
            found.append((name, constant))
    return tuple(found)


def _nodes(ctx: FileContext, local_apps: frozenset[str]) -> list[ast.AST]:
    """The nodes the extractor reads, in source order: assignments, classes, decorated
    functions, the calls named in `_CALLS` and those that may make a Flask app
    (`app_classes.app_call`).

    NOTE: from the engine's type index, not a walk. Nodes that start at the same place
    are nested (`a(b)(c)`, `f().x = 1`); the index lists a node before the nodes inside
    it, and the only kinds read here that nest at one place are an `Assign` around a
    `Call`, so assignments go first and a stable sort keeps that order. The nodes the
    extractor passes over are left out before sorting (most of a module's calls).
    """
    functions = ctx.nodes(ast.FunctionDef, ast.AsyncFunctionDef)
    templated = _names_templates(ctx)
    found = [
        *ctx.nodes(ast.Assign, ast.ClassDef),
        *(node for node in functions if isinstance(node, _Function) and node.decorator_list),
        *(
            node
            for node in ctx.nodes(ast.Call)
            if isinstance(node, ast.Call)
            and (
                _called(node) in _CALLS
                or app_call(_called(node), local_apps)
                or (templated and names_template(node))
                or hands_request(ctx, node)
            )
        ),
    ]
    return sorted(found, key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0)))


def _forwarders(ctx: FileContext, visited: set[int]) -> Iterator[WrapperFact]:
    """The functions handing their `**kwargs` on to another (`forwarder_fact`), from the
    calls the extractor passed over that spread a `**name` (cheap: most calls spread none)."""
    for node in ctx.nodes(ast.Call):
        if (
            isinstance(node, ast.Call)
            and id(node) not in visited
            and any(k.arg is None and isinstance(k.value, ast.Name) for k in node.keywords)
            and (fact := forwarder_fact(ctx, node, ctx.call_name(node) or "")) is not None
        ):
            yield fact


def _names_templates(ctx: FileContext) -> bool:
    """Whether a string constant of the module ends like a template file's name: the
    screen before `names_template`, which looks for one among each call's arguments (a
    module's constants are fewer than its calls' arguments, and most name no template)."""
    return any(
        isinstance(value := node.value, str) and value.endswith(TEMPLATE_ENDINGS)
        for node in ctx.nodes(ast.Constant)
        if isinstance(node, ast.Constant)
    )


def _markup_attributes(
    ctx: FileContext,
) -> tuple[tuple[tuple[str, bool], ...], tuple[str, ...], tuple[tuple[str, str, bool], ...]]:
    """The attributes the classes of a Django module or of a SQLAlchemy models module
    define, and whether each is escaped HTML; and its top-level functions that return
    cleaned or escaped HTML; and the attributes class by class.

    NOTE: every module importing Django, whatever else it holds: a model field named like
    another class's escaped property must be seen to veto it; so too every module
    declaring columns, whose unvalidated column vetoes another model's cleaned one. The
    functions are read in any module naming a cleaning call: a Markdown helper need not
    import Django. A Wagtail models module may import Wagtail alone (its `Page` and
    `RichTextField`): a Django module too."""
    django = (
        ctx.names.imports("django")
        or ctx.names.imports("wagtail")
        or ctx.names.imports("mezzanine")
    )
    # NOTE: a Flask module rendering a template into a member of its own classes
    # (`self.detailed_msg = render_template_string(...)`): those members are judged too.
    members = ctx.holds("render_template") and ctx.names.imports("flask")
    words = _ESCAPING_WORDS if django or members else _CLEANING_WORDS
    holds = any(map(ctx.holds, words))
    # NOTE: a Django module's methods may return a table's item (`class_tables`), which
    # no word shows; its top-level functions are read only where a word is.
    returns = returns_by_function(ctx) if holds or (django and returns_table(ctx)) else None
    sanitises = any(map(ctx.holds, _SANITISING_WORDS))
    functions = (
        html_functions(ctx.tree, returns, read_locals=sanitises) if returns and holds else ()
    )
    if not (django or members or _sqlalchemy_models(ctx)):
        return (), functions, ()
    found: dict[str, bool] = {}
    by_class: list[tuple[str, str, bool]] = []

    def sanitised(value: ast.expr | None) -> bool:
        # NOTE: a field class of the project's is judged with every module read: taken
        # as clean here, and `field_uses` hands it to the project step (see `build`).
        return sanitised_field(ctx, value) or project_field(ctx, value) is not None

    yields = yields_by_function(ctx)
    listened = listener_cleaned(ctx, functions)
    for node in ctx.nodes(ast.ClassDef):
        # NOTE: a factory_boy factory's `answer = factory.Faker("text")` fills a test
        # row; it is no attribute of an object a template reads (see `factory_class`).
        if isinstance(node, ast.ClassDef) and not factory_class(ctx, node):
            cleaned = validator_cleaned(node, returns) if returns is not None else frozenset()
            cleaned |= save_cleaned(node, returns, functions) if django else frozenset()
            cleaned |= listened.get(id(node), frozenset())
            judged = markup_attributes(
                node,
                returns,
                sanitised,
                yields,
                cleaned,
                method_verdicts(ctx),
                members=members,
                proxy=functools.partial(proxy_field, ctx),
            )
            for name, markup in judged:
                found[name] = found.get(name, True) and markup
                by_class.append((node.name, name, markup))
            if django and inherits_rich_text(ctx, node):
                # NOTE: `content` is the mixin's field, declared in Mezzanine's code
                found[RICH_TEXT_ATTRIBUTE] = found.get(RICH_TEXT_ATTRIBUTE, True)
    for name, markup in receiver_verdicts(ctx, returns, returns_markup):
        found[name] = found.get(name, True) and markup
    return tuple(found.items()), functions, tuple(by_class)


def _rich_text_attributes(ctx: FileContext) -> tuple[str, ...]:
    """The attributes the module's classes declare as Mezzanine's rich text field, or
    inherit as one (`content` of its `RichText` mixin): cleaned unless the project's
    `RICHTEXT_FILTER_LEVEL` setting turns the cleaning off (see `sanitised_fields`)."""
    if not ctx.names.imports("mezzanine"):
        return ()
    found: set[str] = set()
    for node in ctx.nodes(ast.ClassDef):
        if not isinstance(node, ast.ClassDef):
            continue
        if inherits_rich_text(ctx, node):
            found.add(RICH_TEXT_ATTRIBUTE)
        for statement in node.body:
            if isinstance(statement, ast.Assign) and mezzanine_field(ctx, statement.value):
                found.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    return tuple(sorted(found))


def _cms_text_attributes(ctx: FileContext) -> tuple[str, ...]:
    """The attributes the module's classes declare as one of django CMS's text fields:
    cleaned unless the project's `TEXT_HTML_SANITIZE` setting turns the cleaning off
    (see `sanitised_fields`)."""
    if not (ctx.names.imports("djangocms_text_ckeditor") or ctx.names.imports("djangocms_text")):
        return ()
    found: set[str] = set()
    for node in ctx.nodes(ast.ClassDef):
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            if isinstance(statement, ast.Assign) and cms_text_field(ctx, statement.value):
                found.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    return tuple(sorted(found))


def _sqlalchemy_models(ctx: FileContext) -> bool:
    """A module that may declare SQLAlchemy models: it imports SQLAlchemy or
    Flask-SQLAlchemy, or calls a `Column` (`db.Column(...)` of the app's `db`)."""
    imported = ctx.names.imports("sqlalchemy") or ctx.names.imports("flask_sqlalchemy")
    return imported or ctx.holds("Column(")


def extract(ctx: FileContext) -> PythonTemplateFacts | None:
    """The template facts of one module (None when it has none)."""
    markup, cleaning, class_markup = _markup_attributes(ctx)
    rich_text = _rich_text_attributes(ctx)
    cms_text = _cms_text_attributes(ctx)
    django = ctx.names.imports("django")
    fields = (field_classes(ctx), field_uses(ctx)) if django else ((), ())
    # NOTE: search code rarely imports a framework or renders: read wherever it is.
    encoders = highlight_encoders(ctx)
    values = global_values(ctx)
    env_globals = (
        config_globals(ctx, values)
        + context_processor_globals(ctx)
        + flask_config_global(ctx)
        + webpack_globals(ctx)
        + menu_globals(ctx)
        + django_jinja_constants(ctx)
    )
    processors = named_processor_globals(ctx)
    processor_reads = context_processor_attributes(ctx)
    on_request = request_attributes(ctx)
    readers = file_readers(ctx)
    given_paths = path_readers(ctx)
    file_reads = context_processor_file_reads(ctx)
    global_functions = template_global_functions(ctx, values) + context_processor_functions(ctx)
    digests = digest_functions(ctx)
    escaped = escaped_functions(ctx) + safer_markdown_functions(ctx)
    manifests = manifest_functions(ctx)
    layouts = layout_templates(ctx)
    renderers = markup_renderers(ctx, cleaning)
    markup_declared = markup_fields(ctx, cleaning)
    numbers, others = number_attributes(ctx)
    results = returned_values(ctx)
    counting = number_functions(ctx, results)
    configuring = configured_functions(ctx, results)
    urls = url_attributes(ctx)
    url_builders = url_functions(ctx)
    flashes = flashed_messages(ctx)
    methods = class_methods(ctx)
    marking = marking_functions(ctx)
    styles = gettext_styles(ctx)
    outputs = output_summaries(ctx)
    if not _relevant(ctx):
        kept = (markup, encoders, env_globals, cleaning, on_request, readers, global_functions)
        if not any(
            (
                *kept,
                given_paths,
                file_reads,
                processors,
                processor_reads,
                digests,
                escaped,
                manifests,
                layouts,
                renderers,
                markup_declared,
                numbers,
                others,
                counting,
                configuring,
                urls,
                url_builders,
                flashes,
                methods,
                marking,
                styles,
                outputs,
                *fields,
            )
        ):
            return None
        return PythonTemplateFacts(
            markup_attributes=markup,
            class_markup=class_markup,
            rich_text_attributes=rich_text,
            cms_text_attributes=cms_text,
            highlight_encoders=encoders,
            config_globals=env_globals,
            html_functions=cleaning,
            request_attributes=on_request,
            file_readers=readers,
            path_readers=given_paths,
            processor_file_reads=file_reads,
            global_functions=global_functions,
            digest_functions=digests,
            escaped_functions=escaped,
            manifest_functions=manifests,
            layout_templates=layouts,
            markup_renderers=renderers,
            markup_fields=markup_declared,
            number_attributes=numbers,
            other_attributes=others,
            number_functions=counting,
            configured_functions=configuring,
            url_attributes=urls,
            url_functions=url_builders,
            field_classes=fields[0],
            field_uses=fields[1],
            named_processors=processors,
            processor_attributes=processor_reads,
            flashes=flashes,
            class_methods=methods,
            marking_functions=marking,
            gettext_styles=styles,
            output_summaries=outputs,
        )
    renders: list[RenderFact] = []
    classes: list[ContextClassFact] = []
    folders: list[FolderFact] = []
    filters: list[FilterDefFact] = []
    settings: list[TemplatesSetting] = []
    middleware: bool | None = None
    options: tuple[tuple[str, object], ...] = ()
    wrappers: list[WrapperFact] = []
    calls: list[WrapperCallFact] = []
    functions = {n.name: n for n in ctx.tree.body if isinstance(n, _Function)}
    # NOTE: once per module, not per filter: the filters of a module share its tables
    tables = (
        module_escapers(ctx.tree, ctx.evaluate, ctx.nodes(ast.ImportFrom))
        if functions
        else frozenset()
    )
    local_apps = module_app_classes(ctx)
    visited = _nodes(ctx, local_apps)
    for node in visited:
        if isinstance(node, ast.Call):
            name = ctx.call_name(node) or ""
            if (render := render_fact(ctx, node)) is not None:
                renders.append(render)
                # NOTE: the project step keeps the render or, when the project defines
                # the wrapper, reads this call of it (`RenderFact.wrapper`).
                if render.wrapper and (call := wrapper_call_fact(ctx, node, name)):
                    calls.append(call)
            elif (wrapper := wrapper_fact(ctx, node, name)) is not None:
                wrappers.append(wrapper)
            elif (names_template(node) or hands_request(ctx, node)) and (
                call := wrapper_call_fact(ctx, node, name)
            ):
                calls.append(call)
            elif (folder := folder_fact(ctx, node, name, local_apps)) is not None:
                folders.append(folder)
            elif (registered := registered_filter(ctx, node, functions, tables)) is not None:
                filters.append(registered)
            elif (endings := LIBRARY_AUTOESCAPE.get(name)) is not None:
                options = (*options, ("autoescape", endings))
        elif isinstance(node, ast.ClassDef):
            renders.extend(class_renders(ctx, node))
            if (inheritable := context_class(ctx, node)) is not None:
                classes.append(inheritable)
        elif isinstance(node, _Function):
            if (defined := filter_definition(ctx, node, functions, tables)) is not None:
                filters.append(defined)
        elif isinstance(node, ast.Assign):
            options = (*options, *_jinja_options(ctx, node))
            if (registered := registered_filter(ctx, node, functions, tables)) is not None:
                filters.append(registered)
    wrappers += _forwarders(ctx, {id(node) for node in visited})
    for statement in ctx.tree.body:
        if not isinstance(statement, ast.Assign | ast.AugAssign):
            continue
        names = {t.id for t in _targets(statement) if isinstance(t, ast.Name)}
        if "TEMPLATES" in names and isinstance(statement, ast.Assign):
            settings.extend(templates_setting(ctx, statement))
        if REGISTRATION_SETTING in names and isinstance(statement, ast.Assign):
            renders.extend(registration_email_renders(ctx, statement))
        if names & {"MIDDLEWARE", "MIDDLEWARE_CLASSES"}:
            found = csrf_middleware(ctx, statement)
            middleware = found if found is not None or middleware is None else middleware
    if options:
        folders = [
            FolderFact(f.kind, f.candidates, f.location, options, f.autoescape)
            if f.kind.startswith("flask")
            else f
            for f in folders
        ]
    python_only = (
        wrappers,
        calls,
        encoders,
        env_globals,
        cleaning,
        on_request,
        readers,
        layouts,
        numbers,
        others,
        counting,
        configuring,
        urls,
        markup_declared,
        digests,
        manifests,
        processors,
        flashes,
        marking,
        given_paths,
        file_reads,
        styles,
        outputs,
        *fields,
    )
    if not (renders or folders or filters or settings or middleware is not None or markup) and not (
        any(c.context for c in classes) or any(python_only) or global_functions or renderers
    ):
        return None
    return PythonTemplateFacts(
        renders=tuple(renders),
        context_classes=tuple(classes),
        folders=tuple(folders),
        filters=tuple(filters),
        templates_settings=tuple(settings),
        csrf_middleware=middleware,
        markup_attributes=markup,
        class_markup=class_markup,
        rich_text_attributes=rich_text,
        cms_text_attributes=cms_text,
        wrappers=tuple(wrappers),
        wrapper_calls=tuple(calls),
        highlight_encoders=encoders,
        config_globals=env_globals,
        html_functions=cleaning,
        request_attributes=on_request,
        file_readers=readers,
        global_functions=global_functions,
        layout_templates=layouts,
        markup_renderers=renderers,
        number_attributes=numbers,
        other_attributes=others,
        field_classes=fields[0],
        field_uses=fields[1],
        url_attributes=urls,
        url_functions=url_builders,
        number_functions=counting,
        configured_functions=configuring,
        markup_fields=markup_declared,
        digest_functions=digests,
        escaped_functions=escaped,
        manifest_functions=manifests,
        named_processors=processors,
        processor_attributes=processor_reads,
        flashes=flashes,
        class_methods=methods,
        marking_functions=marking,
        path_readers=given_paths,
        processor_file_reads=file_reads,
        gettext_styles=styles,
        output_summaries=outputs,
    )


EXTRACTORS.append(FactExtractor(FACTS, extract))
