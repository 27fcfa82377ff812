"""Whether a value in a view comes from the request: a local, one-function check.

This is the stand-in until the taint engine (issue 5) lands: a value is request data
when it reads `request.args/form/GET/POST/...` (Flask's `request`, or a Django view's
`request` parameter or `self.request`), is a URL parameter of the view, or is made from
such a value by assignments, f-strings, concatenation, string methods or
`mark_safe`/`Markup` in the same function. Other calls end the trail (a database lookup
keyed by request data is not request data), as do escaping functions. A URL parameter
that the function's body reassigns (`locale = get_object_or_404(Locale, code=locale)`)
is, after that statement, the new value only; so is a local the body so assigns anew
(`policy = request.GET["id"]`, then `policy = Policy.objects.get(id=policy)`).
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeGuard

from webwarden.analysis.taint.shapes import QUERY_KINDS, SITE_URLS, closed_text
from webwarden.analysis.taint.specs import REFERER_CLEANSED, REFERER_KEYS, URL_CHECKED
from webwarden.findings import Location
from webwarden.model.module import FileContext
from webwarden.model.templates.pinned import pinned
from webwarden.model.templates.request_attributes import narrows, written
from webwarden.model.templates.url_checked import url_checked
from webwarden.model.templates.view_kwargs import settled_kwargs_read
from webwarden.model.tree import item_read, walk

FLASK_DATA = frozenset(
    {
        "args", "form", "values", "cookies", "headers", "json", "data", "files", "get_json",
        "get_data", "view_args", "path", "full_path", "url", "base_url", "query_string",
        "stream", "environ", "referrer", "user_agent",
    }
)  # fmt: skip
DJANGO_DATA = frozenset(
    {
        "GET", "POST", "COOKIES", "META", "headers", "body", "path", "path_info",
        "get_full_path", "FILES", "data", "query_params", "build_absolute_uri",
    }
)  # fmt: skip
SANITISERS = frozenset(
    {
        "markupsafe.escape", "flask.escape", "jinja2.escape", "html.escape",
        "django.utils.html.escape", "django.utils.html.conditional_escape",
        "django.utils.html.format_html", "django.utils.html.strip_tags",
        "django.utils.http.urlencode", "urllib.parse.quote", "urllib.parse.quote_plus",
        "urllib.parse.urlencode", "bleach.clean", "nh3.clean", "int", "float", "bool",
        "len", "json.dumps", "django.utils.html.escapejs", "django.utils.html.json_script",
        "markupsafe.Markup.escape", "werkzeug.utils.escape", "html_sanitizer.Sanitizer",
    }
)  # fmt: skip
PASS_THROUGH = frozenset(
    {
        "django.utils.safestring.mark_safe", "django.utils.safestring.SafeString",
        "django.utils.safestring.SafeText", "markupsafe.Markup", "flask.Markup",
        "jinja2.Markup", "str", "format", "urllib.parse.unquote", "urllib.parse.unquote_plus",
    }
)  # fmt: skip
_MAX_DEPTH = 8
_NUMBER_STEPS = (ast.Add, ast.Sub, ast.Div, ast.FloorDiv, ast.Pow)
"""Augmented assignments that, on a number, give a number or raise: not `*=`, which
repeats a string (`2 * "<"`), nor `%=`, which fills a format."""
_CONVERTERS = frozenset({"int", "float", "bool"})
"""Werkzeug `MultiDict.get(key, default, type=int)` converters: the read is a number."""


@dataclass(slots=True)
class Trail:
    """Where a value came from: a description and the location of the source."""

    source: str
    location: Location
    safe_for: frozenset[str] = frozenset()
    """The sink kinds the value cannot harm: a URL's, for the request's own path."""


_PAGE_PATHS = frozenset({"path", "path_info", "full_path", "get_full_path"})
_OWN_PATH_SAFE = frozenset({"url"})
"""The request's own path starts with `/`: a URL that starts with it has no scheme of its
own choosing (the template side's `_page_url` says the same of `{{ request.path }}`)."""


@dataclass(slots=True)
class FunctionScope:
    """The function a value is judged in: its parameters and local assignments."""

    node: ast.FunctionDef | ast.AsyncFunctionDef | None
    assignments: dict[str, list[ast.expr]] = field(default_factory=dict)
    url_parameters: frozenset[str] = frozenset()
    request_names: frozenset[str] = frozenset()
    rebound: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    """Names that statements of the function's own body (not inside an `if`, loop or
    `try`) assign, with the first and last line of each such statement."""
    items: dict[str, list[tuple[str, ast.expr]]] = field(default_factory=dict)
    """`variable["key"] = value` in the function: the items each name's dict is set."""
    loops: list[ast.For | ast.AsyncFor] = field(default_factory=list)
    """The function's `for` loops, in the order `ast.walk` meets them."""
    edits: list[ast.Assign | ast.Call] = field(default_factory=list)
    """Its assignments to a subscript and its `name.update(...)` calls, in walk order:
    what may add keys to a local dict (read often, walked once)."""
    added: dict[str, list[ast.expr]] = field(default_factory=dict)
    """What the function adds to a local list: `name.append(value)`, `name.insert(i,
    value)`, `name[i] = value`, and the values of `name.extend(values)` (the iterable
    itself: its items are what it adds)."""
    increments: dict[str, list[ast.expr]] = field(default_factory=dict)
    """What `name += value` (also `-=`, `/=`, `//=`, `**=`) adds to a local: a number
    added to a number, or the assignment raises (`0 + "text"` is a `TypeError`)."""

    @classmethod
    def of(
        cls, node: ast.FunctionDef | ast.AsyncFunctionDef | None, *, view: bool
    ) -> FunctionScope:
        """The scope of `node`; `view` marks its parameters as URL parameters."""
        if node is None:
            return cls(None)
        assignments: dict[str, list[ast.expr]] = {}
        items: dict[str, list[tuple[str, ast.expr]]] = {}
        loops: list[ast.For | ast.AsyncFor] = []
        edits: list[ast.Assign | ast.Call] = []
        added: dict[str, list[ast.expr]] = {}
        increments: dict[str, list[ast.expr]] = {}
        for child in walk(node):
            if isinstance(child, ast.Assign):
                if any(isinstance(target, ast.Subscript) for target in child.targets):
                    edits.append(child)
                    _note_set_items(child, added)
                for target in child.targets:
                    if isinstance(target, ast.Name):
                        assignments.setdefault(target.id, []).append(child.value)
                    elif (key := _item_key(target)) is not None:
                        items.setdefault(key[0], []).append((key[1], child.value))
                    for name, value in _unpacked(target, child.value):
                        assignments.setdefault(name, []).append(value)
            elif isinstance(child, ast.AnnAssign | ast.AugAssign) and child.value is not None:
                if isinstance(child.target, ast.Name):
                    assignments.setdefault(child.target.id, []).append(child.value)
                    if isinstance(child, ast.AugAssign) and isinstance(child.op, _NUMBER_STEPS):
                        increments.setdefault(child.target.id, []).append(child.value)
            elif isinstance(child, ast.NamedExpr):
                assignments.setdefault(child.target.id, []).append(child.value)
            elif isinstance(child, ast.For | ast.AsyncFor):
                loops.append(child)
            elif (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and isinstance(child.func.value, ast.Name)
            ):
                if child.func.attr == "update":
                    edits.append(child)
                _note_added(child, child.func.value.id, added)
        params = [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]
        requests = frozenset(p for p in params[:2] if p == "request")
        numbers = _numeric_parameters(node)
        routed = _routed_parameters(node)
        url = (
            frozenset(
                p
                for p in params
                if p not in ("self", "cls", "request", *numbers) and (routed is None or p in routed)
            )
            if view
            else frozenset()
        )
        return cls(
            node, assignments, url, requests, _rebound(node), items, loops, edits, added, increments
        )

    @classmethod
    def in_module(
        cls, ctx: FileContext, node: ast.FunctionDef | ast.AsyncFunctionDef | None, *, view: bool
    ) -> FunctionScope:
        """`of(node, view=view)`, made once per module: several extractors judge the same
        function (a view's scope is read by its renders, its helpers and its returns)."""
        key = (FunctionScope, id(node), view)
        found = ctx.memo.get(key)
        if not isinstance(found, FunctionScope):
            found = ctx.memo[key] = cls.of(node, view=view)
        return found

    def rebound_before(self, node: ast.Name) -> bool:
        """Whether the function's body surely gave `node`'s name a new value before it
        (`locale = get_object_or_404(Locale, code=locale)`): the parameter is gone."""
        return any(end < node.lineno for _, end in self.rebound.get(node.id, ()))

    def narrowed_before(self, node: ast.Name) -> bool:
        """Whether a statement of the function's own body keeps `node`'s name to the
        code's values before it: `if lang not in LANGUAGES: lang = "en"` (or that leaves
        the function), with nothing after the test giving it another value than a
        constant or an upper-case attribute."""
        if self.node is None:
            return False
        for test in self.node.body:
            if (
                isinstance(test, ast.If)
                and (test.end_lineno or test.lineno) < node.lineno
                and narrows(test, node.id)
                and all(
                    written(value)
                    for value in self.assignments.get(node.id, ())
                    if value.lineno > (test.end_lineno or test.lineno)
                )
            ):
                return True
        return False

    def reaching(self, node: ast.Name) -> list[ast.expr]:
        """The values assigned to `node`'s name that it may still hold there: not those
        a statement of the function's own body surely replaced before it."""
        line = getattr(node, "lineno", 0)
        replaced = max((s for s, end in self.rebound.get(node.id, ()) if end < line), default=0)
        return [v for v in self.assignments.get(node.id, ()) if v.lineno >= replaced]


def _unpacked(target: ast.expr, value: ast.expr) -> list[tuple[str, ast.expr]]:
    """`labels, counts = [], []`: each name of a tuple target with the item of a display
    of as many items that it takes (none for a starred name or another value)."""
    if not (
        isinstance(target, ast.Tuple | ast.List)
        and isinstance(value, ast.Tuple | ast.List)
        and len(target.elts) == len(value.elts)
        and not any(isinstance(e, ast.Starred) for e in (*target.elts, *value.elts))
    ):
        return []
    return [
        (t.id, v) for t, v in zip(target.elts, value.elts, strict=True) if isinstance(t, ast.Name)
    ]


_ADDING = {"append": 0, "insert": 1, "extend": 0}
"""List methods that add a value, and the position of the argument they add."""


def _note_added(call: ast.Call, name: str, added: dict[str, list[ast.expr]]) -> None:
    """Record what `name.append(value)` (`insert`, `extend`) adds to the local list."""
    attr = call.func.attr if isinstance(call.func, ast.Attribute) else ""
    at = _ADDING.get(attr)
    if at is None:
        return
    given = call.args[at] if len(call.args) > at and not call.keywords else None
    if given is None or isinstance(given, ast.Starred):
        given = ast.Starred(call, ast.Load())  # NOTE: an unusual call adds what no one can tell
    added.setdefault(name, []).append(given)


def _note_set_items(statement: ast.Assign, added: dict[str, list[ast.expr]]) -> None:
    """Record the value `name[i] = value` sets on a local list (or dict)."""
    for target in statement.targets:
        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
            added.setdefault(target.value.id, []).append(statement.value)


def _item_key(target: ast.expr) -> tuple[str, str] | None:
    """(name, key) of a target `name["key"]` whose key is an identifier."""
    if (
        isinstance(target, ast.Subscript)
        and isinstance(target.value, ast.Name)
        and isinstance(target.slice, ast.Constant)
        and isinstance(target.slice.value, str)
        and target.slice.value.isidentifier()
    ):
        return target.value.id, target.slice.value
    return None


def _rebound(node: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, list[tuple[int, int]]]:
    found: dict[str, list[tuple[int, int]]] = {}
    for statement in node.body:
        end = statement.end_lineno or statement.lineno
        for name in _names_bound(statement):
            found.setdefault(name, []).append((statement.lineno, end))
    return found


def _names_bound(statement: ast.stmt) -> list[str]:
    """The names a statement of the function's body surely binds once it completes: the
    targets of an assignment, and those of an assignment of the body of a `try` whose
    every handler leaves the function (`try: page = int(page)` `except ValueError:
    return ...`): past it, the name holds what the body gave, whichever step failed."""
    if isinstance(statement, ast.Assign):
        return [t.id for t in statement.targets if isinstance(t, ast.Name)]
    if isinstance(statement, ast.AnnAssign) and statement.value is not None:
        return [statement.target.id] if isinstance(statement.target, ast.Name) else []
    if (
        isinstance(statement, ast.Try)
        and statement.handlers
        and all(_leaves(handler.body) for handler in statement.handlers)
    ):
        return [name for inner in statement.body for name in _names_bound(inner)]
    return []


def _leaves(body: list[ast.stmt]) -> bool:
    """Whether a block surely ends the function: its last statement returns or raises."""
    return bool(body) and isinstance(body[-1], ast.Return | ast.Raise)


_CONVERTED = re.compile(r"<(?P<converter>\w+)(?:\([^)]*\))?:(?P<name>\w+)>")
_NUMERIC_CONVERTERS = frozenset({"int", "float", "uuid"})


def _numeric_parameters(node: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """URL parameters a route decorator of the view converts to numbers or UUIDs
    (`@app.route("/p/<int:page>")`): they carry no markup."""
    found: set[str] = set()
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call) and decorator.args:
            rule = decorator.args[0]
            if isinstance(rule, ast.Constant) and isinstance(rule.value, str):
                found |= {
                    m.group("name")
                    for m in _CONVERTED.finditer(rule.value)
                    if m.group("converter") in _NUMERIC_CONVERTERS
                }
    return found


def _routed_parameters(node: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str] | None:
    """The parameters the rules of the view's route decorators name
    (`@bp.route("/case/<int:cid>")`), or None when it has no route decorator or one whose
    rule is not a constant. A parameter no rule names is not from the URL: a decorator
    fills it (`kwargs.update({"caseid": caseid})`), or it keeps its default."""
    found: set[str] | None = None
    for decorator in node.decorator_list:
        if not (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr in _ROUTE_DECORATORS
            and decorator.args
        ):
            continue
        rule = decorator.args[0]
        if not (isinstance(rule, ast.Constant) and isinstance(rule.value, str)):
            return None
        found = (found or set()) | {m.group("name") for m in _PLACEHOLDER.finditer(rule.value)}
    return None if found is None else frozenset(found)


_ROUTE_DECORATORS = frozenset({"route", "get", "post", "put", "patch", "delete"})
_PLACEHOLDER = re.compile(r"<(?:\w+(?:\([^)]*\))?:)?(?P<name>\w+)>")


def _is_self_request(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "request"
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def _chain(node: ast.expr) -> tuple[ast.expr, list[str]]:
    """`request.args.get("q")` -> (`request`, ["args", "get"])."""
    attributes: list[str] = []
    while True:
        if _is_self_request(node):
            return node, attributes[::-1]
        if isinstance(node, ast.Attribute):
            attributes.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        else:
            return node, attributes[::-1]


class Feeds:
    """Request-data trails of expressions in one function of one module."""

    def __init__(self, ctx: FileContext, scope: FunctionScope) -> None:
        self.ctx = ctx
        self.scope = scope

    def is_request(self, base: ast.expr) -> str | None:
        """`flask` or `django` when `base` is the request object."""
        qualified = self.ctx.qualified(base)
        if qualified in ("flask.request", "flask.globals.request"):
            return "flask"
        if isinstance(base, ast.Name) and base.id in self.scope.request_names:
            return "django"
        if _is_self_request(base):
            return "django"
        return None

    def trail(self, node: ast.expr | None, depth: int = 0) -> Trail | None:
        """Where `node`'s value comes from the request, or None."""
        if node is None or depth > _MAX_DEPTH or _converted(node):
            return None
        found = self._direct(node)
        if found is not None and _absolute_uri(node):
            return self._absolute_uri(node, found, depth)
        if found is not None:
            return found
        return self._derived(node, depth, lambda child: self.trail(child, depth + 1))

    def _direct(self, node: ast.expr) -> Trail | None:
        if not isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
            return None
        base, attributes = _chain(node)
        if isinstance(base, ast.Name) and base.id == "self" and attributes[:1] == ["kwargs"]:
            read = settled_kwargs_read(self.ctx, node)
            return Trail(url_parameter(ast.unparse(read)), self.ctx.location(node))
        kind = self.is_request(base)
        if kind is None or not attributes:
            return None
        allowed = FLASK_DATA if kind == "flask" else DJANGO_DATA
        if attributes[0] not in allowed or _percent_encoded(node):
            return None
        text = ast.unparse(node)
        shown = text if len(text) <= 60 else text[:57] + "..."
        own_path = attributes == [attributes[0]] and _whole(node, attributes[0])
        header = None if own_path else _header(node, attributes)
        if header in PAGE_HEADERS:
            return Trail(shown, self.ctx.location(node), REFERER_CLEANSED)
        if header in BODY_TYPE_HEADERS:
            return Trail(shown, self.ctx.location(node), BODY_TYPE_SAFE)
        return Trail(shown, self.ctx.location(node), _OWN_PATH_SAFE if own_path else frozenset())

    def _absolute_uri(self, node: ast.Call, found: Trail, depth: int) -> Trail | None:
        """`request.build_absolute_uri(location)`: Django puts the request's own scheme and
        host (checked against `ALLOWED_HOSTS`) before a location without a scheme, so a
        URL of the site's (`obj.get_absolute_url()`, `reverse(...)`, none: the request's
        own URL) keeps `http(s)`; a location the request gives (`javascript:...`, kept as
        it is) is judged as what it is."""
        given = [*node.args, *(k.value for k in node.keywords)]
        chosen = next((t for a in given if (t := self.trail(a, depth + 1)) is not None), None)
        if chosen is not None and "url" not in chosen.safe_for:
            return chosen
        return dataclasses.replace(found, safe_for=found.safe_for | _OWN_PATH_SAFE)

    def _derived(
        self, node: ast.expr, depth: int, recurse: Callable[[ast.expr], Trail | None]
    ) -> Trail | None:
        if isinstance(node, ast.Name):
            if self.scope.narrowed_before(node):
                return None
            if (
                node.id in self.scope.url_parameters
                and not self.scope.rebound_before(node)
                and not pinned(self.ctx, node, self.scope.node, self._client_chosen)
            ):
                return self._url_checked(
                    node, Trail(url_parameter(node.id), self.ctx.location(node))
                )
            found = None
            for value in self.scope.reaching(node):
                if value is not node and (trail := recurse(value)) is not None:
                    if not trail.safe_for:
                        return self._url_checked(node, trail)
                    found = found or trail
            return self._url_checked(node, found)
        if isinstance(node, ast.Call):
            return self._call(node, recurse)
        children: list[ast.expr] = []
        if isinstance(node, ast.JoinedStr):
            children = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
        elif isinstance(node, ast.BinOp):
            children = [node.left, node.right]
        elif isinstance(node, ast.BoolOp):
            children = list(node.values)
        elif isinstance(node, ast.IfExp):
            children = [node.body, node.orelse]
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            children = list(node.elts)
        elif isinstance(node, ast.Subscript | ast.Starred):
            children = [node.value]
        for child in children:
            if (found := recurse(child)) is not None:
                if not _leads(node, child):
                    found = dataclasses.replace(found, safe_for=self._after_start(node))
                return found
        return None

    def _after_start(self, node: ast.expr) -> frozenset[str]:
        """The sink kinds a value is safe for when it does not start the string `node`
        builds: a URL's (`QUERY_KINDS`) when the string starts with constant text that
        fixes the scheme and host or opens the query (`f"/things/{slug}/"`, `"?page=" +
        page`), or with a URL of the site's own and then a constant that cannot begin a
        `//host` (`reverse("create") + "?items=" + chosen`, also through a local holding
        it; not `reverse("index") +
        chosen`: `/` and `/evil.example` make `//evil.example`)."""
        pieces = _pieces(node)
        first, then = pieces[0], pieces[1] if len(pieces) > 1 else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return QUERY_KINDS if closed_text(first.value) else frozenset()
        if not self._site_url(first):
            return frozenset()
        following = then.value if isinstance(then, ast.Constant) else None
        if isinstance(following, str) and following[:1] not in {"", "/", "\\"}:
            return QUERY_KINDS
        return frozenset()

    def _site_url(self, node: ast.expr) -> bool:
        """Whether `node` is a URL of the site's own (`reverse(...)`, `url_for(...)`), also
        through a local every value of which reaching it is one."""
        if isinstance(node, ast.Name):
            values = self.scope.reaching(node)
            return bool(values) and all(
                isinstance(v, ast.Call) and self.ctx.call_name(v) in SITE_URLS for v in values
            )
        return isinstance(node, ast.Call) and self.ctx.call_name(node) in SITE_URLS

    def _url_checked(self, node: ast.Name, found: Trail | None) -> Trail | None:
        """`found`, safe for URLs where `node` is read only once Django's URL check
        passed it (`url_checked`): no scheme but the web's, no other site."""
        if found is None or not url_checked(
            self.ctx, node, self.scope.node, self.scope.assignments
        ):
            return found
        return dataclasses.replace(found, safe_for=found.safe_for | URL_CHECKED)

    def _client_chosen(self, node: ast.expr) -> bool:
        """Whether `node` reads request data, itself or through a loop's name it reads
        (`for page in request.json["pages"]: if page == slug:`)."""
        if self.trail(node) is not None:
            return True
        read = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        return any(
            read & {n.id for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
            and self.trail(loop.iter) is not None
            for loop in self.scope.loops
        )

    def _call(self, node: ast.Call, recurse: Callable[[ast.expr], Trail | None]) -> Trail | None:
        name = self.ctx.call_name(node) or ""
        if name in SANITISERS or name.rsplit(".", 1)[-1] in ("escape", "conditional_escape"):
            return None
        arguments = [*node.args, *(k.value for k in node.keywords)]
        if name in PASS_THROUGH or name.rsplit(".", 1)[-1] in ("mark_safe", "Markup"):
            return next((t for a in arguments if (t := recurse(a)) is not None), None)
        found = self._changed(node, recurse)
        return dataclasses.replace(found, safe_for=frozenset()) if found else None

    def _changed(self, node: ast.Call, recurse: Callable[[ast.expr], Trail | None]) -> Trail | None:
        """A string method's result, or a string's formatted with the data: no longer
        the whole path (`request.path.lstrip("/")`)."""
        arguments = [*node.args, *(k.value for k in node.keywords)]
        if isinstance(node.func, ast.Attribute):
            receiver = node.func.value
            if isinstance(receiver, ast.Constant) and isinstance(receiver.value, str):
                return next((t for a in arguments if (t := recurse(a)) is not None), None)
            if node.func.attr in _STRING_METHODS:
                return recurse(receiver)
        return None


_STRING_METHODS = frozenset(
    {
        "strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "replace",
        "format", "join", "get", "getlist", "decode", "encode", "removeprefix",
        "removesuffix", "casefold", "swapcase", "center", "ljust", "rjust", "zfill",
        "split", "partition", "rpartition", "splitlines",
    }
)  # fmt: skip


def _pieces(node: ast.expr) -> list[ast.expr]:
    """The operands and pieces, in order, of the string a concatenation or an f-string
    builds, nested ones flattened."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [*_pieces(node.left), *_pieces(node.right)]
    if isinstance(node, ast.JoinedStr) and node.values:
        return [
            piece
            for value in node.values
            for piece in (
                _pieces(value.value) if isinstance(value, ast.FormattedValue) else [value]
            )
        ]
    return [node]


def _leads(node: ast.expr, child: ast.expr) -> bool:
    """Whether `child` starts the string `node` builds (`f"{path}?q"`, `path + "?q"`),
    so what it is safe for holds for the whole."""
    if isinstance(node, ast.JoinedStr):
        first = node.values[0] if node.values else None
        return isinstance(first, ast.FormattedValue) and first.value is child
    if isinstance(node, ast.BinOp):
        return node.left is child
    return isinstance(node, ast.BoolOp | ast.IfExp)


def _percent_encoded(node: ast.expr) -> bool:
    """`request.GET.urlencode()`: a `QueryDict`'s query string, every character but
    letters, digits and `_.-~` percent-encoded in its keys and values, as
    `urllib.parse.urlencode` writes it (not with `safe=...`, which keeps characters as
    they are)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "urlencode"
        and not node.args
        and not node.keywords
    )


_HEADER_HOLDERS = frozenset({"META", "headers", "environ"})
PAGE_HEADERS = frozenset(key.strip("[]").replace("-", "_") for key in REFERER_KEYS)
"""The Referer a browser sends and htmx's `HX-Current-URL` (the taint engine's
`REFERER_KEYS`, lower case, `-` as `_`): the page the user came from or is on, never a
`javascript:` URL."""


BODY_TYPE_HEADERS = frozenset({"content_type", "http_content_type"})
"""The type of the request's own body (`request.META["CONTENT_TYPE"]`,
`headers["Content-Type"]`): another site's page sends, without a CORS preflight, only a
form's types (`application/x-www-form-urlencoded`, `multipart/form-data`, `text/plain`),
none of which a browser runs script in, and a link none at all."""
BODY_TYPE_SAFE = frozenset({"content_type"})
"""What the request's body type is safe for: the type of the response."""


def _header(node: ast.expr, attributes: list[str]) -> str | None:
    """The header `node` reads whole, lower case with `-` as `_`
    (`request.META["HTTP_REFERER"]`, `self.request.headers.get("Referer")`), with no
    default or a constant one; None for any other read."""
    if not attributes or attributes[0] not in _HEADER_HOLDERS:
        return None
    if isinstance(node, ast.Subscript) and len(attributes) == 1:
        key: ast.expr = node.slice
    elif (
        isinstance(node, ast.Call)
        and attributes[1:] == ["get"]
        and node.args
        and not node.keywords
        and all(isinstance(a, ast.Constant) for a in node.args[1:])
    ):
        key = node.args[0]
    else:
        return None
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value.lower().replace("-", "_")
    return None


def _whole(node: ast.expr, attribute: str) -> bool:
    """`request.path`, `request.get_full_path()`: the whole path, not a slice of it."""
    if isinstance(node, ast.Call):
        return attribute == "get_full_path" and isinstance(node.func, ast.Attribute)
    return isinstance(node, ast.Attribute) and attribute in _PAGE_PATHS - {"get_full_path"}


def _absolute_uri(node: ast.expr) -> TypeGuard[ast.Call]:
    """`request.build_absolute_uri(...)` (the receiver is known to be a request)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "build_absolute_uri"
    )


def _converted(node: ast.expr) -> bool:
    """`request.args.get("page", 1, type=int)`: a number, or the default, is given back."""
    return isinstance(node, ast.Call) and any(
        k.arg == "type" and isinstance(k.value, ast.Name) and k.value.id in _CONVERTERS
        for k in node.keywords
    )


_URL_PARAMETER = "URL parameter `{}`"


def url_parameter(name: str) -> str:
    """How a view's URL parameter is named as the source of a context value."""
    return _URL_PARAMETER.format(name)


def url_kwarg_key(node: ast.expr) -> str | None:
    """The URL parameter a class-based view reads from `self.kwargs` by a constant key
    (`self.kwargs["slug"]`, `self.kwargs.get("slug")`), None for anything else."""
    read = item_read(node)
    if read is None:
        return None
    holder, key = read
    if not (
        isinstance(holder, ast.Attribute)
        and holder.attr == "kwargs"
        and isinstance(holder.value, ast.Name)
        and holder.value.id == "self"
    ):
        return None
    return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None


def read_parameter(source: str) -> str | None:
    """The URL parameter a source names, by the name a view reads it under: a function
    view's parameter (`slug`), or the key of a class-based view's `self.kwargs`
    (`self.kwargs['slug']` names `slug`); None for other sources."""
    named = parameter_named(source)
    if named is None or named.isidentifier():
        return named
    try:
        node = ast.parse(named, mode="eval").body
    except SyntaxError:
        return named
    return url_kwarg_key(node) or named


def parameter_named(source: str) -> str | None:
    """The URL parameter a source names (`url_parameter`'s inverse), None for others."""
    prefix, _, suffix = _URL_PARAMETER.partition("{}")
    if source.startswith(prefix) and source.endswith(suffix) and len(source) > len(prefix + suffix):
        return source[len(prefix) : -len(suffix)]
    return None
