"""Views that render templates, with the names they put into the context.

`render_template("x.html", q=q)` (Flask), `render(request, "x.html", {"q": q})`,
`TemplateResponse`, `render_to_string`, `get_template("x").render(ctx)` and class-based
views' `template_name` with `get_context_data` / `extra_context`. Each context name
carries where its value comes from when that is request data (see `feeds`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import TypeGuard

from webwarden.model.module import FileContext
from webwarden.model.templates.configured import operator_text
from webwarden.model.templates.facts import ContextName, RenderFact
from webwarden.model.templates.feeds import Feeds, FunctionScope
from webwarden.model.templates.library_context import library_names
from webwarden.model.templates.markable import markable, whitespace_trimmed
from webwarden.model.templates.script_json import script_safe_json

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
# (template argument position, context argument position) of each Django renderer
DJANGO_RENDERERS: dict[str, tuple[int, int]] = {
    "django.shortcuts.render": (1, 2),
    "django.shortcuts.render_to_response": (0, 1),
    "django.template.loader.render_to_string": (0, 1),
    "django.template.response.TemplateResponse": (1, 2),
    "django.template.response.SimpleTemplateResponse": (0, 1),
}
# The method a view class of each library renders with, `self.<method>(template, **context)`
# (Flask-AppBuilder's `BaseView.render_template`, Flask-Admin's `BaseView.render`): Flask's
# `render_template` with the library's own variables added.
VIEW_METHOD_RENDERERS = {"render_template": "flask_appbuilder", "render": "flask_admin"}
_RENDER_METHODS = frozenset({"stream", *VIEW_METHOD_RENDERERS})
"""Methods that may render a template: a loaded template's `render`/`stream`, or a view
class's own (`_loaded_template` and `_view_method_render` tell)."""
_LOADERS = frozenset({"get_template", "select_template"})
_NUMBER_CALLS = frozenset({"int", "float", "bool", "len", "round"})
_NUMBER_METHODS = frozenset({"getint", "getfloat", "getboolean"})
"""`configparser`'s typed getters (and those of configuration objects made on it,
`conf.getint("webserver", "auto_refresh_interval")`): they return numbers or raise."""
_SCRIPT_JSON = frozenset({"jinja2.utils.htmlsafe_json_dumps", "flask.json.htmlsafe_dumps"})
"""JSON with `<`, `>`, `&` and `'` escaped: a JavaScript literal that cannot end a
`<script>` block or a string around it."""
_PLAIN_WORDS = re.compile(r"[\w./-]*", re.ASCII)
"""Text that ends no string and starts no tag, in HTML or in JavaScript."""
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


def _form_class(name: str | None) -> bool:
    """A class named `...Form` (`NoteForm`, `forms.LoginForm`)."""
    last = (name or "").rpartition(".")[2]
    return last[:1].isupper() and last.endswith("Form")


def _calls_given_form(
    returned: ast.expr, params: list[str], call: ast.Call, ctx: FileContext
) -> bool:
    """`return form_class(data)` where `call` passes a class named `...Form` as the
    parameter `form_class`."""
    if not (isinstance(returned, ast.Call) and isinstance(returned.func, ast.Name)):
        return False
    called = returned.func.id
    if called not in params:
        return False
    given = ctx.argument(call, params.index(called), called)
    return isinstance(given, ast.Name | ast.Attribute) and _form_class(ast.unparse(given))


def _keyed_display(value: ast.expr) -> TypeGuard[ast.Dict]:
    """A dict display whose keys are all string constants (no `**` spread)."""
    return (
        isinstance(value, ast.Dict)
        and bool(value.keys)
        and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in value.keys)
    )


def _changed(function: ast.AST, name: str) -> bool:
    """Whether `function` sets or deletes a key of the local `name`, or calls a method
    of it (`update`, `setdefault`)."""
    for node in ast.walk(function):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store | ast.Del):
            base = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            base = node.func.value
        else:
            continue
        if isinstance(base, ast.Name) and base.id == name:
            return True
    return False


class CollectedContext:
    """Collects context names of one render, following a dict variable's edits."""

    def __init__(
        self,
        ctx: FileContext,
        feeds: Feeds,
        methods: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] | None = None,
    ) -> None:
        self.ctx = ctx
        self.feeds = feeds
        self.methods = methods or {}
        """The class's methods, when a `self.method(...)` the context holds is followed."""
        self.names: list[ContextName] = []
        self.opaque = False

    def add(self, name: str, value: ast.expr, depth: int = 0, *, item: bool = False) -> None:
        """The context name `name` holding `value` (a dict display's keys below it, and the
        items the function sets on a dict it passes by name)."""
        value = self._display_held(value)
        if _keyed_display(value) and depth < 2:
            # NOTE: `{"parent_work": {"id": work_id}}`: a template reads the display's
            # keys, each holding its own value, and no other key holds anything.
            for key, held in zip(value.keys, value.values, strict=True):
                self.add(f"{name}.{getattr(key, 'value', '')}", held, depth + 1)
            return
        trail = self.feeds.trail(value)
        self.names.append(
            ContextName(
                name,
                self.ctx.location(value),
                trail.source if trail else "",
                trail.location if trail else None,
                trail.safe_for if trail else frozenset(),
                cleaned=self._cleaned(value),
                inert=self._inert(value),
                form=self._form(value),
                item=item,
            )
        )
        if isinstance(value, ast.Name) and depth < 2:
            for item_key, set_to in self._items_set(value.id):
                self.add(f"{name}.{item_key}", set_to, depth + 1, item=True)

    def _items_set(self, variable: str) -> list[tuple[str, ast.expr]]:
        """`variable["key"] = value` in the function: the items it sets on a dict."""
        return self.feeds.scope.items.get(variable, [])

    def _inert(self, value: ast.expr) -> bool:
        """Whether the value is a number or a boolean: a literal (`target=1`), a builtin's
        conversion or count (`int(page)`, `len(items)`), a configuration's typed getter
        (`conf.getint(...)`), JSON encoded for a script (`htmlsafe_json_dumps(...)`, or
        `json.dumps(...)` with `<`, `>` and `&` translated to escapes), or
        a local assigned only one; or
        a string literal of plain words (`element_type="timeline/events"`), or one of two
        such values a condition chooses (`1 if allowed else 0`)."""
        if isinstance(value, ast.Name):
            assigned = self.feeds.scope.assignments.get(value.id, [])
            if len(assigned) != 1:
                return False
            value = assigned[0]
        return self._inert_value(value)

    def _inert_value(self, value: ast.expr) -> bool:
        if isinstance(value, ast.IfExp):
            return self._inert_value(value.body) and self._inert_value(value.orelse)
        if isinstance(value, ast.Constant):
            if isinstance(value.value, str):
                return _PLAIN_WORDS.fullmatch(value.value) is not None
            return isinstance(value.value, int | float) or value.value is None
        if not isinstance(value, ast.Call):
            return False
        method = value.func.attr if isinstance(value.func, ast.Attribute) else ""
        called = self.ctx.call_name(value)
        if method in _NUMBER_METHODS or called in _NUMBER_CALLS or called in _SCRIPT_JSON:
            return True
        return script_safe_json(self.ctx, value)

    def _cleaned(self, value: ast.expr) -> bool:
        """Whether the value is HTML the view escaped or cleaned, or wrote itself: such a
        call or text, or a local (not a parameter) every assignment of which is one
        (`body = bleach.clean(markdown(text))`; `note = ""`, then `note = _("<b>...")`),
        whitespace taken out of it or not (`body.strip()`)."""
        while (trimmed := whitespace_trimmed(value)) is not None:
            value = trimmed
        if not isinstance(value, ast.Name):
            return self._markable(value)
        assigned = self.feeds.scope.assignments.get(value.id, [])
        if not assigned or value.id in self._parameters():
            return False
        return all(self._markable(each) for each in assigned)

    def _markable(self, value: ast.expr) -> bool:
        """HTML safe to mark safe (`_markable`), unless a Jinja environment without
        autoescape rendered it, or a Django setting or Flask config item
        (`settings.BANNER_HTML`, `app.config["FOOTER_HTML"]`) or a file such values name:
        the operator's text, as a context processor's is (see `configured`)."""
        if self._unescaped_jinja_render(value):
            return False
        return markable(value) or operator_text(self.ctx, value)

    def _unescaped_jinja_render(self, value: ast.expr) -> bool:
        """`template.render(**args)` of a `template` this scope made with `from_string` or
        `get_template` of a Jinja `Environment(...)` made here with no `autoescape`:
        Jinja's default writes every variable as it is."""
        if not (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr == "render"
            and isinstance(value.func.value, ast.Name)
        ):
            return False
        for made in self._assigned(value.func.value):
            if not (isinstance(made, ast.Call) and isinstance(made.func, ast.Attribute)):
                continue
            if made.func.attr in _JINJA_LOADS and any(
                self._unescaped_environment(env) for env in self._assigned(made.func.value)
            ):
                return True
        return False

    def _assigned(self, node: ast.expr) -> list[ast.expr]:
        if isinstance(node, ast.Name):
            return list(self.feeds.scope.assignments.get(node.id, []))
        return [node]

    def _unescaped_environment(self, node: ast.expr) -> bool:
        return (
            isinstance(node, ast.Call)
            and self.ctx.qualified(node.func) in _JINJA_ENVIRONMENTS
            and not any(k.arg in {"autoescape", None} for k in node.keywords)
        )

    def _form(self, value: ast.expr) -> bool:
        """Whether the value is a form made here: a call of a class named `...Form`, or a
        local (not a parameter) every assignment of which is one or `None` (`doc_form =
        None` before the branches that make it)."""
        if not isinstance(value, ast.Name):
            return self._makes_form(value)
        assigned = [
            each
            for each in self.feeds.scope.assignments.get(value.id, [])
            if not (isinstance(each, ast.Constant) and each.value is None)
        ]
        if not assigned or value.id in self._parameters():
            return False
        return all(self._makes_form(each) for each in assigned)

    def _makes_form(self, value: ast.expr, *, inner: bool = False) -> bool:
        """A call of a class named `...Form`, a parameter or else such a call (`form or
        NoteForm()`: the fallback says what callers pass), or a call of a function of
        this module that returns one, or a call of its parameter given such a class here
        (`_init_form(NoteForm, request)` returning `form_class(request.POST)`)."""
        if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or):
            parameters = self._parameters()
            made = [v for v in value.values if not (isinstance(v, ast.Name) and v.id in parameters)]
            return bool(made) and all(self._makes_form(v, inner=inner) for v in made)
        if not isinstance(value, ast.Call):
            return False
        if _form_class(self.ctx.call_name(value)):
            return True
        return not inner and self._returns_form(value)

    def _returns_form(self, call: ast.Call) -> bool:
        if not isinstance(call.func, ast.Name):
            return False
        function = self.ctx.module_function(call.func.id)
        if function is None:
            return False
        params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
        returned = [
            node.value
            for node in ast.walk(function)
            if isinstance(node, ast.Return) and node.value is not None
        ]
        return bool(returned) and all(
            self._makes_form(each, inner=True) or _calls_given_form(each, params, call, self.ctx)
            for each in returned
        )

    def _parameters(self) -> set[str]:
        return _parameters(self.feeds)

    def _display_held(self, value: ast.expr) -> ast.expr:
        """The dict display a local holds when it is assigned once and never changed
        (`book = {"parent_work": ...}`, then `{"book": book}`); else `value`."""
        if not isinstance(value, ast.Name):
            return value
        assigned = self.feeds.scope.assignments.get(value.id, [])
        function = self.feeds.scope.node
        if len(assigned) != 1 or not _keyed_display(assigned[0]) or function is None:
            return value
        if _changed(function, value.id):
            return value  # NOTE: keys set or methods called later: not the display alone
        return assigned[0]

    def mapping(self, node: ast.expr | None, depth: int = 0) -> None:
        """The keys of the mapping `node` holds (opaque when it cannot be read)."""
        if node is None or depth > 3:
            return
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if key is None:
                    self.mapping(value, depth + 1)
                elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                    self.add(key.value, value)
        elif isinstance(node, ast.Call) and self.ctx.call_name(node) == "dict":
            self.keywords(node.keywords, depth)
        elif (helper := self._own_method(node)) is not None:
            self._returned(helper, depth)
        elif isinstance(node, ast.Name):
            # NOTE: `context["k"] = v` does not rebind `context`; the shared scope
            # bindings count it as one, so the function's own assignments come first.
            local = self.feeds.scope.assignments.get(node.id, [])
            assigned = local[0] if len(local) == 1 else self.ctx.lookup(node)
            if assigned is None:
                self.opaque = True
            else:
                self.mapping(assigned, depth + 1)
            self.edits(node.id)
        else:
            self.opaque = True

    def _own_method(self, node: ast.expr) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The method of the class a `self.method(...)` call runs."""
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "self"
        ):
            return self.methods.get(node.func.attr)
        return None

    def _returned(self, method: ast.FunctionDef | ast.AsyncFunctionDef, depth: int) -> None:
        """The keys of the mappings `method` returns, judged in its own scope."""
        inner = CollectedContext(self.ctx, Feeds(self.ctx, FunctionScope.of(method, view=False)))
        for child in ast.walk(method):
            if isinstance(child, ast.Return) and child.value is not None:
                inner.mapping(child.value, depth + 1)
        self.names += inner.names
        self.opaque = self.opaque or inner.opaque

    def keywords(self, keywords: list[ast.keyword], depth: int = 0) -> None:
        """The names keyword arguments pass (a `**mapping`'s keys too)."""
        for keyword in keywords:
            if keyword.arg is None:
                self.mapping(keyword.value, depth + 1)
            else:
                self.add(keyword.arg, keyword.value)

    def edits(self, variable: str) -> None:
        """`context["k"] = v` and `context.update(...)` in the same function."""
        function = self.feeds.scope.node
        if function is None:
            return
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if (
                        isinstance(target, ast.Subscript)
                        and isinstance(target.value, ast.Name)
                        and target.value.id == variable
                        and isinstance(target.slice, ast.Constant)
                        and isinstance(target.slice.value, str)
                    ):
                        self.add(target.slice.value, node.value)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "update"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == variable
            ):
                for argument in node.args:
                    self.mapping(argument, 3)
                self.keywords(node.keywords, 3)


def scope_feeds(ctx: FileContext, node: ast.AST) -> tuple[Feeds, ast.AST | None]:
    """The feeds of the function `node` is in (and that function, if any)."""
    function = ctx.scopes.enclosing_function(node)
    scope = FunctionScope.of(function, view=function is not None and _is_view(function))
    return Feeds(ctx, scope), function


def _is_render(ctx: FileContext, call: ast.Call, name: str) -> bool:
    if name in FLASK_RENDERERS or name in DJANGO_RENDERERS:
        return True
    return isinstance(call.func, ast.Attribute) and call.func.attr in _RENDER_METHODS


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
    """The template names an argument holds: a constant, or a local (not a parameter)
    every assignment of which is one (`template = "list.html"` in one branch,
    `template = "page.html"` in the other): the render writes one of them."""
    names = template_names(ctx.evaluate(node))
    if names or not isinstance(node, ast.Name) or feeds.scope.node is None:
        return names
    if node.id in _parameters(feeds):
        return ()
    found: list[str] = []
    for value in feeds.scope.assignments.get(node.id, []):
        each = template_names(ctx.evaluate(value))
        if not each:
            return ()
        found += [name for name in each if name not in found]
    return tuple(found)


def _parameters(feeds: Feeds) -> set[str]:
    """The names of the parameters of the function whose body `feeds` reads."""
    function = feeds.scope.node
    if function is None:
        return set()
    arguments = function.args
    listed = (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)
    starred = (arguments.vararg, arguments.kwarg)
    return {a.arg for a in listed} | {a.arg for a in starred if a is not None}


def render_fact(ctx: FileContext, call: ast.Call) -> RenderFact | None:
    """The render a call makes, if it renders a template file."""
    name = ctx.call_name(call) or ""
    if not _is_render(ctx, call, name):
        return None
    loaded = None
    view_method = _view_method_render(ctx, call)
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
        context.opaque,
        themed=name.endswith(".render_theme_template"),
    )


def _loaded_template(ctx: FileContext, call: ast.Call) -> tuple[tuple[str, ...], str] | None:
    """`get_template("x").render(...)`, directly or through a variable."""
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
    templates = template_names(ctx.evaluate(template_argument(ctx, receiver)))
    framework = "django" if (ctx.call_name(receiver) or "").startswith("django.") else "jinja"
    return templates, framework


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
    """A class-based view's `template_name` with the context its methods add (and the
    names a library base class adds: `library_names`), and a model admin's templates."""
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
    if not templates:
        return
    names = library_names(ctx, node)
    opaque = False
    if extra is not None:
        collected = CollectedContext(ctx, Feeds(ctx, FunctionScope(None)))
        collected.mapping(extra)
        names += collected.names
    for method in node.body:
        if isinstance(method, _FunctionNode) and method.name == "get_context_data":
            collected = CollectedContext(ctx, Feeds(ctx, FunctionScope.of(method, view=False)))
            for variable in ("context", "ctx", "data", "kwargs"):
                collected.edits(variable)
            for child in ast.walk(method):
                if isinstance(child, ast.Return) and isinstance(child.value, ast.Dict):
                    collected.mapping(child.value)
            names += collected.names
            opaque = opaque or collected.opaque
    framework = "django" if ctx.names.imports("django") else "flask"
    yield RenderFact(
        function_ref(ctx, node), templates, ctx.location(node), framework, tuple(names), opaque
    )


def _admin_render(ctx: FileContext, node: ast.ClassDef, templates: tuple[str, ...]) -> RenderFact:
    """A model admin's templates (`change_form_template = "admin/x/change_form.html"`),
    with the `extra_context` its view overrides build: their own items and those a method
    of the class returns (`extra_context = self.get_extra_context(pk)`). Django adds its
    own names, so the context is never all known."""
    methods = {m.name: m for m in node.body if isinstance(m, _FunctionNode)}
    names: list[ContextName] = []
    for name in sorted(_ADMIN_VIEWS & methods.keys()):
        scope = FunctionScope.of(methods[name], view=False)
        collected = CollectedContext(ctx, Feeds(ctx, scope), methods)
        collected.mapping(ast.Name("extra_context"))
        names += collected.names
    framework = "django"
    return RenderFact(
        function_ref(ctx, node), templates, ctx.location(node), framework, tuple(names), True
    )


_JINJA_LOADS = frozenset({"from_string", "get_template"})
_JINJA_ENVIRONMENTS = frozenset({"jinja2.Environment", "jinja2.environment.Environment"})
