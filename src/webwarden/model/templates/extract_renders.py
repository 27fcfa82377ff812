"""Views that render templates, with the names they put into the context.

`render_template("x.html", q=q)` (Flask), `render(request, "x.html", {"q": q})`,
`TemplateResponse`, `render_to_string`, `get_template("x").render(ctx)` and class-based
views' `template_name` with `get_context_data` / `extra_context`. Each context name
carries where its value comes from when that is request data (see `feeds`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TypeGuard

from webwarden.model.module import FileContext
from webwarden.model.render_wrappers import imported_render_wrapper
from webwarden.model.templates.allauth_emails import confirmation_email_renders
from webwarden.model.templates.api_view_renders import api_view_context
from webwarden.model.templates.collected_context import CollectedContext, parameters_of
from webwarden.model.templates.facts import ContextClassFact, ContextName, RenderFact
from webwarden.model.templates.feeds import Feeds, FunctionScope
from webwarden.model.templates.generic_view_templates import default_template_names
from webwarden.model.templates.library_context import library_names
from webwarden.model.templates.name_patterns import name_pattern
from webwarden.model.templates.reset_emails import reset_email_renders
from webwarden.model.templates.wagtail_pages import page_templates, wagtail_page
from webwarden.model.templates.widget_names import widget_class

# (template argument position, its keyword, arguments that are not context) of each
# Flask renderer; Flask-Themes2's `render_theme_template(theme, name, _fallback, **context)`
FLASK_RENDERERS: dict[str, tuple[int, str, frozenset[str]]] = {
    **dict.fromkeys(
        ("flask.render_template", "flask.templating.render_template", "flask.stream_template"),
        (0, "template_name_or_list", frozenset({"template_name_or_list"})),
    ),
    **dict.fromkeys(
        ("flask_themes2.render_theme_template", "flask_theme.render_theme_template"),
        (1, "template_name", frozenset({"theme", "template_name", "_fallback"})),
    ),
}
_FLASK_RENDER = "flask.render_template"
# (template argument position, context argument position) of each Django renderer
DJANGO_RENDERERS: dict[str, tuple[int, int]] = {
    "django.shortcuts.render": (1, 2),
    "django.shortcuts.render_to_response": (0, 1),
    "django.template.loader.render_to_string": (0, 1),
    "django.template.response.TemplateResponse": (1, 2),
    "django.template.response.SimpleTemplateResponse": (0, 1),
}
_DJANGO_SHORTCUTS = frozenset(
    {
        "django.shortcuts.render", "django.shortcuts.render_to_response",
        "django.template.loader.render_to_string",
    }
)  # fmt: skip
"""Django's renderers whose template gets the mapping handed to them and the context
processors' names only: not a `TemplateResponse`, whose `context_data` a decorator or a
middleware's `process_template_response` may still change."""
# The method a view class of each library renders with, `self.<method>(template, **context)`
# (Flask-AppBuilder's `BaseView.render_template`, Flask-Admin's `BaseView.render`): Flask's
# `render_template` with the library's own variables added.
VIEW_METHOD_RENDERERS = {"render_template": "flask_appbuilder", "render": "flask_admin"}
_RENDER_METHODS = frozenset({"stream", *VIEW_METHOD_RENDERERS})
"""Methods that may render a template: a loaded template's `render`/`stream`, or a view
class's own (`_loaded_template` and `_view_method_render` tell)."""
_LOADERS = frozenset({"get_template", "select_template"})
_VIEW_DECORATORS = frozenset({"route", "get", "post", "put", "patch", "delete"})
_FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


def function_ref(ctx: FileContext, node: ast.AST) -> str:
    """`pkg.mod.Class.method` for the function or class `node`."""
    parts = [getattr(node, "name", "<lambda>")]
    for holder in ctx.ancestors(node):
        if isinstance(holder, _FunctionNode | ast.ClassDef):
            parts.insert(0, holder.name)
    return ".".join([ctx.module, *parts]) if ctx.module else ".".join(parts)


def _is_view(function: _FunctionNode) -> bool:
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in _VIEW_DECORATORS:
            return True
    params = function.args.args
    first = params[1] if params and params[0].arg == "self" and len(params) > 1 else None
    return bool(params) and (
        params[0].arg == "request" or (first is not None and first.arg == "request")
    )


def template_names(value: object) -> tuple[str, ...]:
    """The template names a constant holds (a name, or a list tried in order)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return ()


def scope_feeds(ctx: FileContext, node: ast.AST) -> tuple[Feeds, ast.AST | None]:
    """The feeds of the function `node` is in (and that function, if any)."""
    function = ctx.scopes.enclosing_function(node)
    key = (scope_feeds, id(function))
    scope = ctx.memo.get(key)
    if not isinstance(scope, FunctionScope):
        # NOTE: a function renders or calls helpers many times; its walk is done once
        scope = FunctionScope.in_module(
            ctx, function, view=function is not None and _is_view(function)
        )
        ctx.memo[key] = scope
    return Feeds(ctx, scope), function


def _is_render(ctx: FileContext, call: ast.Call, name: str) -> bool:
    if name in FLASK_RENDERERS or name in DJANGO_RENDERERS or _wrapper(ctx, call, name):
        return True
    return isinstance(call.func, ast.Attribute) and call.func.attr in _RENDER_METHODS


def _wrapper(ctx: FileContext, call: ast.Call, name: str) -> bool:
    """`timed_render_template("x.html", q=q)`: an imported wrapper of Flask's
    `render_template` named for it (`imported_render_wrapper`), rendered as Flask's is,
    with a context taken to hold names the call does not show (the wrapper may add
    some); dropped by the project step when the project defines it (`RenderFact.wrapper`)."""
    return name not in FLASK_RENDERERS and imported_render_wrapper(ctx, call, name)


def _view_method_render(ctx: FileContext, call: ast.Call) -> bool:
    """`self.render_template("x.html", **context)` in a module importing Flask-AppBuilder,
    `self.render("x.html", ...)` in one importing Flask-Admin: their view classes' own."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return False
    library = VIEW_METHOD_RENDERERS.get(func.attr)
    return func.value.id == "self" and library is not None and ctx.names.imports(library)


def template_argument(ctx: FileContext, call: ast.Call) -> ast.expr | None:
    """The argument naming the template of a Django renderer's call (`render(request,
    name)`, `render_to_string(name)`) or a loader's (`get_template(name)`,
    `select_template(names)`); None for any other call."""
    name = ctx.call_name(call) or ""
    if name in DJANGO_RENDERERS:
        keyword = "template" if name.endswith("TemplateResponse") else "template_name"
        return ctx.argument(call, DJANGO_RENDERERS[name][0], keyword)
    if name.rsplit(".", 1)[-1] in _LOADERS:
        return ctx.argument(call, 0, "template_name")
    return None


def _template_names(ctx: FileContext, feeds: Feeds, node: ast.expr | None) -> tuple[str, ...]:
    """The template names an argument holds: a constant, the class's own attribute
    (`self.template_name`, see `_class_template`), or a local (not a parameter)
    every assignment of which is one (`template = "list.html"` in one branch,
    `template = "page.html"` in the other): the render writes one of them."""
    names = _named(ctx, node)
    if not names and isinstance(node, ast.Attribute) and _is_self(node.value):
        return _class_template(ctx, node)
    if names or not isinstance(node, ast.Name) or feeds.scope.node is None:
        return names
    if node.id in parameters_of(feeds):
        return ()
    found: list[str] = []
    for value in feeds.scope.assignments.get(node.id, []):
        each = _named(ctx, value)
        if not each:
            return ()
        found += [name for name in each if name not in found]
    return tuple(found)


def _named(ctx: FileContext, node: ast.expr | None) -> tuple[str, ...]:
    """The template names a value holds, or the pattern of those a name built around
    fixed text may be (`f"letters/{layout}.html"`: `letters/*.html`)."""
    names = template_names(ctx.evaluate(node))
    pattern = "" if names else name_pattern(ctx, node)
    return (pattern,) if pattern else names


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def _class_template(ctx: FileContext, node: ast.Attribute) -> tuple[str, ...]:
    """The template names of `self.template_name` in a method: those the enclosing class
    assigns the attribute in its body (`template_name = "generic/edit.html"`), which
    every subclass not setting its own renders."""
    owner = next((a for a in ctx.ancestors(node) if isinstance(a, ast.ClassDef)), None)
    if owner is None:
        return ()
    for statement in owner.body:
        if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            if any(isinstance(t, ast.Name) and t.id == node.attr for t in targets):
                return template_names(ctx.evaluate(statement.value))
    return ()


def render_fact(ctx: FileContext, call: ast.Call) -> RenderFact | None:
    """The render a call makes, if it renders a template file."""
    name = ctx.call_name(call) or ""
    if not _is_render(ctx, call, name):
        return None
    loaded = None
    view_method = _view_method_render(ctx, call)
    wrapper = name if _wrapper(ctx, call, name) else ""
    if wrapper:
        name = _FLASK_RENDER
    if name not in FLASK_RENDERERS and name not in DJANGO_RENDERERS and not view_method:
        loaded = _loaded_template(ctx, call)
        if loaded is None:
            return None
    feeds, function = scope_feeds(ctx, call)
    context = CollectedContext(ctx, feeds)
    if view_method:
        templates = _template_names(ctx, feeds, ctx.argument(call, 0, "template"))
        context.keywords([k for k in call.keywords if k.arg != "template"])
        framework = "flask"
    elif name in FLASK_RENDERERS:
        template_at, keyword, not_context = FLASK_RENDERERS[name]
        templates = _template_names(ctx, feeds, ctx.argument(call, template_at, keyword))
        context.keywords([k for k in call.keywords if k.arg not in not_context])
        framework = "flask"
    elif name in DJANGO_RENDERERS:
        templates = _template_names(ctx, feeds, template_argument(ctx, call))
        context.mapping(ctx.argument(call, DJANGO_RENDERERS[name][1], "context"))
        framework = "django"
    elif loaded is not None:
        templates, framework = loaded
        if call.args:
            context.mapping(call.args[0])
        context.keywords(call.keywords)
    else:  # pragma: no cover - `_is_render` and `_loaded_template` decided above
        return None
    if not templates:
        return None
    where = function_ref(ctx, function) if function is not None else ctx.module
    return RenderFact(
        where,
        templates,
        ctx.location(call),
        framework,
        tuple(context.names),
        context.opaque or bool(wrapper),
        themed=name.endswith(".render_theme_template"),
        parameters=positional_parameters(function),
        shortcut=name in _DJANGO_SHORTCUTS,
        served=framework == "flask" and loaded is None and served_as_page(ctx, call, function),
        wrapper=wrapper,
    )


_TEXT_JOINS = (ast.Mod, ast.Add)


def served_as_page(ctx: FileContext, call: ast.Call, function: ast.AST | None) -> bool:
    """Whether the route function `function` returns what `call` renders as its response
    body: `return render_template(...)`, or the rendered text written into a string by
    `%`, `+`, an f-string or `.format()`, returned directly or through a local the
    function returns as it is (`result = "<pre>%s</pre>" % render_template(...)`, then
    `return result`). Flask sends a returned string as `text/html`. Not when the text is
    handed to `Response` or `make_response` (which may set another type), or returned in
    a tuple (which may carry a `Content-Type`)."""
    if not isinstance(function, _FunctionNode) or not _routed(function):
        return False
    node: ast.AST = call
    parent = ctx.parent(node)
    while parent is not None and _writes_text(parent, node):
        node, parent = parent, ctx.parent(parent)
    if isinstance(parent, ast.Return):
        return True
    if not (
        isinstance(parent, ast.Assign)
        and len(parent.targets) == 1
        and isinstance(parent.targets[0], ast.Name)
    ):
        return False
    held = parent.targets[0].id
    return any(
        isinstance(r, ast.Return) and isinstance(r.value, ast.Name) and r.value.id == held
        for r in ast.walk(function)
    )


def _routed(function: _FunctionNode) -> bool:
    """Decorated as a route (`@app.route(...)`, `@bp.get(...)`)."""
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in _VIEW_DECORATORS:
            return True
    return False


def _writes_text(parent: ast.AST, node: ast.AST) -> bool:
    """`parent` writes the text `node` gives into a longer string."""
    if isinstance(parent, ast.BinOp):
        return isinstance(parent.op, _TEXT_JOINS)
    if isinstance(parent, ast.FormattedValue | ast.JoinedStr):
        return True
    return (
        isinstance(parent, ast.Call)
        and isinstance(parent.func, ast.Attribute)
        and parent.func.attr == "format"
        and node in parent.args
    )


def positional_parameters(function: ast.AST | None) -> tuple[str, ...]:
    """The positional parameters of a function (none for a module or a class)."""
    if not isinstance(function, _FunctionNode):
        return ()
    return tuple(a.arg for a in (*function.args.posonlyargs, *function.args.args))


def _loaded_template(ctx: FileContext, call: ast.Call) -> tuple[tuple[str, ...], str] | None:
    """`get_template("x").render(...)`, directly or through a variable."""
    loaded = loaded_template(ctx, call)
    if loaded is None:
        return None
    argument, framework = loaded
    return template_names(ctx.evaluate(argument)), framework


def loaded_template(ctx: FileContext, call: ast.Call) -> tuple[ast.expr | None, str] | None:
    """The argument naming the template of `get_template(name).render(...)` (directly or
    through a variable), and whose loader it is (`django` or `jinja`)."""
    if not (isinstance(call.func, ast.Attribute) and call.func.attr in ("render", "stream")):
        return None
    receiver: ast.expr | None = call.func.value
    if isinstance(receiver, ast.Name):
        receiver = ctx.lookup(receiver)
    if not (
        isinstance(receiver, ast.Call)
        and isinstance(receiver.func, ast.Attribute | ast.Name)
        and (ctx.call_name(receiver) or "").rsplit(".", 1)[-1] in _LOADERS
    ):
        return None
    framework = "django" if (ctx.call_name(receiver) or "").startswith("django.") else "jinja"
    return template_argument(ctx, receiver), framework


_ADMIN_TEMPLATES = frozenset(
    {
        "add_form_template",
        "change_form_template",
        "change_list_template",
        "delete_confirmation_template",
        "delete_selected_confirmation_template",
        "object_history_template",
    }
)
"""`ModelAdmin` options naming the templates its views render, with Django's own context
and the `extra_context` the class's overrides hand to `super()`."""
_ADMIN_VIEWS = frozenset(
    {"add_view", "change_view", "changeform_view", "changelist_view", "delete_view"}
    | {"history_view"}
)


def class_renders(ctx: FileContext, node: ast.ClassDef) -> Iterator[RenderFact]:
    """A class-based view's `template_name` with the context its methods add, or those
    of a base class of the same module (and the names a library base class adds:
    `library_names`), a model admin's templates, a password reset view's e-mails, and
    those an allauth account adapter sends to confirm an address."""
    yield from reset_email_renders(ctx, node, function_ref(ctx, node))
    yield from confirmation_email_renders(ctx, node, function_ref(ctx, node))
    templates: tuple[str, ...] = ()
    admin: tuple[str, ...] = ()
    extra: ast.expr | None = None
    for statement in node.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name) and target.id == "template_name":
                templates = template_names(ctx.evaluate(statement.value))
            elif isinstance(target, ast.Name) and target.id in _ADMIN_TEMPLATES:
                admin += template_names(ctx.evaluate(statement.value))
            elif isinstance(target, ast.Name) and target.id == "extra_context":
                extra = statement.value
    if admin and not templates:
        yield _admin_render(ctx, node, admin)
    page = not templates and not admin and wagtail_page(ctx, node)
    if page:
        templates = page_templates(ctx, node)
    elif not templates and not admin:
        templates = default_template_names(ctx, node)
    if not templates:
        return
    names = library_names(ctx, node)
    opaque = False
    if extra is not None:
        collected = CollectedContext(ctx, Feeds(ctx, FunctionScope(None)))
        collected.mapping(extra)
        names += collected.names
    # NOTE: a Wagtail page's `serve` renders its template with `get_context(request)`,
    # and Django a form widget's with `get_context(name, value, attrs)`.
    widget = not page and widget_class(ctx, node)
    context_methods = _class_methods(
        ctx, node, "get_context" if page or widget else "get_context_data"
    )
    table = _method_table(ctx, node)
    for method in context_methods:
        added, hidden = _method_context(ctx, method, table, node if widget else None)
        names += added
        opaque = opaque or hidden
    if not page:
        for handler in _class_methods(ctx, node, "get") + _class_methods(ctx, node, "post"):
            collected = CollectedContext(
                ctx, Feeds(ctx, FunctionScope.in_module(ctx, handler, view=False)), owner=node
            )
            for given in _responded(handler):
                _handler_context(collected, given)
            names += collected.names
            opaque = opaque or collected.opaque
    api = None if page else api_view_context(ctx, node)
    if api is not None:
        names += api[0]
        opaque = opaque or api[1]
    framework = _view_framework(ctx)
    url_kwargs = (
        not page
        and framework == "django"
        and _hands_on_kwargs(context_methods, "get_context_data")
        and _hands_on_kwargs(_class_methods(ctx, node, "get"), "get", "get_context_data")
    )
    yield RenderFact(
        function_ref(ctx, node),
        templates,
        ctx.location(node),
        framework,
        tuple(names),
        opaque,
        url_kwargs=url_kwargs,
        shortcut=api is not None,
    )


def _view_framework(ctx: FileContext) -> str:
    """`django` or `flask` for a view class of a module that imports the framework;
    empty for one that imports neither (a subclass of the project's own view class): the
    project step asks the Django and Flask models whose view it is (`served_frameworks`)."""
    if ctx.names.imports("django") or ctx.names.imports("wagtail"):
        return "django"
    return "flask" if ctx.names.imports("flask") else ""


def _method_context(
    ctx: FileContext,
    method: _FunctionNode,
    table: dict[str, _FunctionNode],
    owner: ast.ClassDef | None = None,
) -> tuple[list[ContextName], bool]:
    """The names a `get_context_data` (or Wagtail's `get_context`, a widget's) adds to the
    context it returns, and whether it adds names the source does not show; with `owner`,
    what its `self.method(...)` calls return is judged by the class's methods."""
    collected = CollectedContext(
        ctx, Feeds(ctx, FunctionScope.in_module(ctx, method, view=False)), table, owner
    )
    for variable in ("context", "ctx", "data", "kwargs"):
        collected.edits(variable)
    for child in ast.walk(method):
        if isinstance(child, ast.Return) and child.value is not None:
            for mapping in _merged_dicts(child.value):
                collected.mapping(mapping)
    return collected.names, collected.opaque


def context_class(ctx: FileContext, node: ast.ClassDef) -> ContextClassFact | None:
    """The class's bases (other than `object`) and the names its own `get_context_data`
    adds, for a view of another module deriving from it (`inherited_context`); None for a
    class with no such base."""
    bases = tuple(
        qualified
        for base in node.bases
        if (qualified := ctx.qualified(base)) and qualified not in ("object", "builtins.object")
    )
    if not bases:
        return None
    names: list[ContextName] = []
    opaque = False
    own = [m for m in node.body if isinstance(m, _FunctionNode) and m.name == "get_context_data"]
    table = _method_table(ctx, node) if own else {}  # NOTE: most classes define none
    for method in own:
        added, hidden = _method_context(ctx, method, table)
        names += added
        opaque = opaque or hidden
    return ContextClassFact(function_ref(ctx, node), bases, tuple(names), opaque)


def _responded(handler: _FunctionNode) -> list[ast.expr]:
    """The contexts a class-based view's `get` or `post` hands its own
    `self.render_to_response(context)`, which renders the class's `template_name`."""
    return [
        call.args[0]
        for call in ast.walk(handler)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "render_to_response"
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "self"
        and call.args
    ]


def _handler_context(collected: CollectedContext, given: ast.expr) -> None:
    """The names a handler adds to the context it renders: a dict display's, or the
    edits of a local (`context = self.get_context_data(**kwargs)`, then
    `context.update({...})` or `context["form"] = form`). The names `get_context_data`
    adds are the class's own, read already, but for the keywords the handler gives it,
    which Django's `ContextMixin` adds too (`self.get_context_data(form=form)`); a
    `**kwargs` handed on is the URL's (see `url_kwargs`)."""
    if _context_data_call(given):
        collected.keywords([k for k in given.keywords if k.arg is not None])
        return
    if not isinstance(given, ast.Name):
        collected.mapping(given)
        return
    assigned = collected.feeds.scope.assignments.get(given.id, [])
    if not assigned or not all(_context_data_call(each) for each in assigned):
        collected.mapping(given)
        return
    for each in assigned:
        if _context_data_call(each):
            collected.keywords([k for k in each.keywords if k.arg is not None])
    collected.edits(given.id)


def _context_data_call(value: ast.expr) -> TypeGuard[ast.Call]:
    """`self.get_context_data(...)` or `super().get_context_data(...)`."""
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "get_context_data"
    )


def _merged_dicts(value: ast.expr) -> list[ast.Dict]:
    """The dict displays a returned context is made of: the one returned, or those merged
    with `|` (`return super().get_context_data(**kwargs) | {"body": clean(text)}`), in
    order, a later one's names over an earlier one's."""
    if isinstance(value, ast.Dict):
        return [value]
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr):
        return _merged_dicts(value.left) + _merged_dicts(value.right)
    return []


_MAX_ANCESTORS = 6


def _class_methods(ctx: FileContext, node: ast.ClassDef, name: str) -> list[_FunctionNode]:
    """The method `name` (`get_context_data`) of the class and of each base class the
    same module defines, nearest first (`class HomeView(BaseHomeView)` renders its
    `template_name` with the names the base's method adds, which its own reaches with
    `super()`)."""
    return [
        m
        for current in _own_lineage(ctx, node)
        for m in current.body
        if isinstance(m, _FunctionNode) and m.name == name
    ]


def _method_table(ctx: FileContext, node: ast.ClassDef) -> dict[str, _FunctionNode]:
    """The methods a `self.method(...)` of the class runs, by name: its own, then those of
    each base class the same module defines, nearest first."""
    table: dict[str, _FunctionNode] = {}
    for current in _own_lineage(ctx, node):
        for method in current.body:
            if isinstance(method, _FunctionNode):
                table.setdefault(method.name, method)
    return table


def _own_lineage(ctx: FileContext, node: ast.ClassDef) -> Iterator[ast.ClassDef]:
    """The class and each base class the same module defines, nearest first."""
    classes = {c.name: c for c in ctx.tree.body if isinstance(c, ast.ClassDef)}
    seen: set[str] = set()
    queue = [node]
    while queue and len(seen) < _MAX_ANCESTORS:
        current = queue.pop(0)
        if current.name in seen:
            continue
        seen.add(current.name)
        yield current
        queue += [
            classes[base.id]
            for base in current.bases
            if isinstance(base, ast.Name) and base.id in classes and base.id != current.name
        ]


def _hands_on_kwargs(methods: list[_FunctionNode], *callees: str) -> bool:
    """Whether each of `methods` (a class's `get_context_data` or `get` overrides) passes
    the keywords it was given on to one of `callees` (`super().get_context_data(**kwargs)`):
    Django's `ContextMixin` then puts them in the context, with the view as `view`."""
    for method in methods:
        keywords = method.args.kwarg.arg if method.args.kwarg is not None else None
        if keywords is None or not any(
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in callees
            and any(
                k.arg is None and isinstance(k.value, ast.Name) and k.value.id == keywords
                for k in call.keywords
            )
            for call in ast.walk(method)
        ):
            return False
    return True


def _admin_render(ctx: FileContext, node: ast.ClassDef, templates: tuple[str, ...]) -> RenderFact:
    """A model admin's templates (`change_form_template = "admin/x/change_form.html"`),
    with the `extra_context` its view overrides build: their own items and those a method
    of the class returns (`extra_context = self.get_extra_context(pk)`). Django adds its
    own names, so the context is never all known."""
    methods = {m.name: m for m in node.body if isinstance(m, _FunctionNode)}
    names: list[ContextName] = []
    for name in sorted(_ADMIN_VIEWS & methods.keys()):
        scope = FunctionScope.in_module(ctx, methods[name], view=False)
        collected = CollectedContext(ctx, Feeds(ctx, scope), methods, owner=node)
        collected.mapping(ast.Name("extra_context"))
        names += collected.names
    framework = "django"
    return RenderFact(
        function_ref(ctx, node), templates, ctx.location(node), framework, tuple(names), True
    )
