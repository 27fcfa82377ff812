"""Responses whose content type the function sets after making them.

`response = make_response(data)` makes an HTML response unless told otherwise, and
WW544 judges it where it is made. A view that then sets the type
(`response.headers["Content-Type"] = content_type`, Django's `response["Content-Type"] =
"text/calendar"`, `response.mimetype = "image/png"`)
serves something else: the lowering tells the call so, as if it had been given the type.
So does a type given among the response's headers (`make_response(body, 200,
{"Content-Type": "application/json"})`, `Response(body, headers={...})`, and a view's
`return body, 200, {"Content-Type": ...}`), which Flask and Django send as given. A
response the view marks as a download (`response["Content-Disposition"] = "attachment;
filename=%s" % name`) is saved by the browser, not shown: it runs no script whatever
its type, and is lowered as typed too. So is one given all the headers of another
mapping (`for key, value in upstream.headers.items(): response.headers[key] = value`,
`response.headers.update(upstream.headers)`): a proxy's answer, sent with the type the
other server gave it; so is one made of an answer's body and its own headers
(`Response(answer["data"], headers=answer["headers"])`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.dict_lookups import made_dict
from webwarden.model.tree import walk

_TYPE_ATTRIBUTES = frozenset({"mimetype", "content_type"})
JSON_BODIES = frozenset({"<dict>", "<list>", "<field>", "dict", "list"})
"""What Flask sends as JSON when a view returns it or `make_response` is given it: a dict
or list display, or one built by `dict(...)` / `list(...)` (`return dict(status="ok",
name=name)`, `make_response(list(found))`)."""
_RESPONSE_ENDINGS = (
    "make_response",
    "shortcuts.render",
    "shortcuts.redirect",
    "flask.redirect",
    "send_file",
    "jsonify",
)
_RESPONSE_MAKERS = ("make_response", "Response", "HttpResponse")
TYPED = ir.Const("application/octet-stream")
"""The type the lowering gives such a call (any type but HTML)."""


def typed_responses(nodes: list[ast.AST]) -> Mapping[str, str]:
    """Local names whose response gets a content type that is not HTML in a body, given
    its `own_nodes` (not those of functions nested in it) -> that type when it is a
    JavaScript one, which WW565 judges (`response.mimetype = "application/javascript"`);
    else `TYPED`'s."""
    names: dict[str, str] = {}
    built = _built_dicts(nodes)
    for node in nodes:
        if (holder := _copies_headers(node, built)) is not None:
            names.setdefault(holder, str(TYPED.value))
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            holder = None if _html(node.value) else _typed_holder(target)
            if holder is None and _attachment(node.value):
                holder = _header_holder(target, _names_disposition)
            if holder is not None:
                given = node.value.value if isinstance(node.value, ast.Constant) else None
                scripted = isinstance(given, str) and script_type(given)
                names[holder] = str(given) if scripted else str(TYPED.value)
    return names


_HEADER_COPIERS = frozenset({"update", "extend"})


def _built_dicts(nodes: list[ast.AST]) -> set[str]:
    """Local names the function binds to a dict it spells out (`{...}`, `dict(...)`)."""
    built: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Assign) and (
            isinstance(node.value, ast.DictComp) or made_dict(node.value)
        ):
            built.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return built


def _foreign_mapping(node: ast.expr, built: set[str]) -> bool:
    """Headers the code does not spell out: another answer's (`upstream.headers`), or a
    local it got from a call (`headers, data = client.download(ref)`); not a dict the
    function builds, nor one a helper returns, which names its own headers."""
    if isinstance(node, ast.Attribute):
        return node.attr.lower().endswith("headers")
    return isinstance(node, ast.Name) and node.id not in built


def _copies_headers(node: ast.AST, built: set[str]) -> str | None:
    """`r` when `node` gives `r` every header of a mapping the code does not spell out
    (`_foreign_mapping`): a loop over its items setting each by its own key (`for k, v in
    other.items(): r.headers[k] = v`, Django's `r[k] = v`), or `r.headers.update(other)`."""
    if isinstance(node, ast.For):
        key = _item_key(node, built)
        for statement in node.body:
            if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
                continue
            found = _header_holder(statement.targets[0], lambda s: _is_name(s, key))
            if found is not None:
                return found
        return None
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _HEADER_COPIERS
        and len(node.args) == 1
        and _foreign_mapping(node.args[0], built)
    ):
        return None
    return _headers_owner(node.func.value)


def _item_key(loop: ast.For, built: set[str]) -> str | None:
    """`k` of `for k, v in mapping.items():` over a mapping the code does not spell out."""
    target, iterated = loop.target, loop.iter
    if not (
        isinstance(target, ast.Tuple)
        and len(target.elts) == 2
        and isinstance(target.elts[0], ast.Name)
        and isinstance(iterated, ast.Call)
        and isinstance(iterated.func, ast.Attribute)
        and iterated.func.attr == "items"
        and not iterated.args
        and _foreign_mapping(iterated.func.value, built)
    ):
        return None
    return target.elts[0].id


def _is_name(node: ast.expr, name: str | None) -> bool:
    return name is not None and isinstance(node, ast.Name) and node.id == name


def is_response(kind: str) -> bool:
    """Whether a value of this kind is an HTTP response object. Only the last name
    counts: `rest_framework.response.Response.data`, an attribute read off a response
    (its body's data), is no response."""
    return "Response" in kind.rsplit(".", 1)[-1] or kind.endswith(_RESPONSE_ENDINGS)


def not_a_page(kind: str) -> bool:
    """Whether a value of this kind, returned by a view or given to `make_response`, is
    not sent as an HTML page: a JSON body, or a response made already (`make_response`
    returns one as it is: `make_response(send_file(path))` sends the file)."""
    return kind in JSON_BODIES or is_response(kind)


def response_tested(test: ast.Call) -> ast.expr | None:
    """What `isinstance(x, Response)` tests (any response class, or a tuple of them):
    where it holds, `x` is a response made already, sent as it is made, not a body
    written into a page. Helpers that return a value or an error response to return
    (`value = get_param("q")`, then `if isinstance(value, Response): return value`)
    are checked so. Whether `isinstance` is the builtin is the caller's to say."""
    if not (
        isinstance(test.func, ast.Name)
        and test.func.id == "isinstance"
        and len(test.args) == 2
        and not test.keywords
        and not isinstance(test.args[0], ast.Starred)
    ):
        return None
    classes = test.args[1]
    listed = classes.elts if isinstance(classes, ast.Tuple) else [classes]
    names = [_class_name(c) for c in listed]
    if not names or not all(name and is_response(name) for name in names):
        return None
    return test.args[0]


def _class_name(node: ast.expr) -> str:
    """`Response` of `Response` and of `flask.Response`; `""` for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def makes_response(callee: str | None) -> bool:
    """Whether a callee makes a response (`make_response`, `Response(...)`), also by a
    class of the project's named as one (`HttpResponseUnauthorized`, `PageResponse`),
    which may inherit the framework's constructor (`inherited_sinks`)."""
    if callee is None:
        return False
    last = callee.rsplit(".", 1)[-1]
    return last in _RESPONSE_MAKERS or last.endswith("Response") or last.startswith("HttpResponse")


_POSITIONAL_TYPES = {"django.": (1,), "flask.": (3, 4), "werkzeug.": (3, 4)}
"""Where a response class takes its type by position: Django's `HttpResponse(content,
content_type)`, Werkzeug's `Response(response, status, headers, mimetype, content_type)`
(Flask's `make_response` takes none)."""


def positional_types(callee: str | None) -> tuple[int, ...]:
    """The positions of the arguments a response maker reads as its content type."""
    if callee is None or callee.endswith("make_response"):
        return ()
    return next((at for start, at in _POSITIONAL_TYPES.items() if callee.startswith(start)), ())


def _typed_holder(target: ast.expr) -> str | None:
    """`r` for `r.headers["Content-Type"] = ...`, Django's `r["Content-Type"] = ...`,
    `r.mimetype = ...`, `r.content_type = ...`."""
    if isinstance(target, ast.Attribute) and target.attr in _TYPE_ATTRIBUTES:
        holder = target.value
        return holder.id if isinstance(holder, ast.Name) else None
    return _header_holder(target, _names_type)


def _header_holder(target: ast.expr, names_header: Callable[[ast.expr], bool]) -> str | None:
    """`r` for `r.headers[key] = ...` and Django's `r[key] = ...` with the key a header
    `names_header` accepts."""
    if not (isinstance(target, ast.Subscript) and names_header(target.slice)):
        return None
    holder = target.value
    return _headers_owner(holder) or (holder.id if isinstance(holder, ast.Name) else None)


def _headers_owner(node: ast.expr) -> str | None:
    """`r` for `r.headers`."""
    if isinstance(node, ast.Attribute) and node.attr == "headers":
        return node.value.id if isinstance(node.value, ast.Name) else None
    return None


def _names_disposition(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and str(node.value).lower() == "content-disposition"


def _attachment(value: ast.expr) -> bool:
    """A `Content-Disposition` value that starts with `attachment`, given as a constant,
    a `%` format or an f-string (`f"attachment; filename={name}"`)."""
    if isinstance(value, ast.BinOp):
        value = value.left
    elif isinstance(value, ast.JoinedStr) and value.values:
        value = value.values[0]
    text = value.value if isinstance(value, ast.Constant) else None
    return isinstance(text, str) and text.lstrip().lower().startswith("attachment")


def _html(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and markup_type(str(value.value))


_MARKUP_TYPES = ("html", "xml", "svg")


def markup_type(content_type: str) -> bool:
    """Whether browsers render a body of this type as a document that may run script:
    HTML, and XML too (`text/xml`, `image/svg+xml`), whose XHTML and SVG elements run
    theirs."""
    return any(kind in content_type.lower() for kind in _MARKUP_TYPES)


def script_type(content_type: str) -> bool:
    """Whether a body of this type is JavaScript (`application/javascript`, the older
    `text/javascript`, `application/x-javascript`, `text/ecmascript`): a JSONP answer."""
    return any(kind in content_type.lower() for kind in ("javascript", "ecmascript"))


def own_nodes(body: list[ast.stmt]) -> list[ast.AST]:
    """The nodes of the function `body`, not of the functions or classes it defines."""
    found: list[ast.AST] = []
    for statement in body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        found.extend(walk(statement))
    return found


_FLASK_RESPONSES = ("flask.", "werkzeug.")
_TUPLE_HEADERS = slice(1, 3)
"""`(body, headers)` and `(body, status, headers)`: where a view's returned tuple (or
the tuple `make_response` is given) has its headers."""


def header_type(node: ast.expr | None) -> ast.expr | None:
    """The `Content-Type` value in a headers dict display (`{"Content-Type": ...}`) or a
    list or tuple of pairs (`[("Content-Type", ...)]`), in any letter case; `TYPED`'s
    text when the headers mark a download (`{"Content-Disposition": "attachment;
    filename=..."}`): the browser saves the body whatever its type, and runs no script
    of it."""
    value = _header_value(node, _names_type)
    if isinstance(value, ast.Constant) and script_type(str(value.value)):
        return value
    if downloaded(node):
        return ast.Constant(TYPED.value)
    return value


def downloaded(node: ast.expr | None) -> bool:
    """Whether a headers display marks the response as a download: a `Content-Disposition`
    that starts with `attachment`."""
    disposition = _header_value(node, _names_disposition)
    return disposition is not None and _attachment(disposition)


def _header_value(
    node: ast.expr | None, names_header: Callable[[ast.expr], bool]
) -> ast.expr | None:
    """The value of the header `names_header` accepts in a dict display or a list or
    tuple of pairs."""
    if isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if key is not None and names_header(key):
                return value
    elif isinstance(node, ast.List | ast.Tuple):
        for item in node.elts:
            if not isinstance(item, ast.Tuple | ast.List) or len(item.elts) != 2:
                continue
            if names_header(item.elts[0]):
                return item.elts[1]
    return None


def _names_type(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and str(node.value).lower() == "content-type"


def tuple_type(node: ast.Tuple) -> ast.expr | None:
    """The type a response tuple's headers give (`(body, 200, {"Content-Type": ...})`)."""
    if any(isinstance(e, ast.Starred) for e in node.elts) or not 2 <= len(node.elts) <= 3:
        return None
    return next(
        (found for e in node.elts[_TUPLE_HEADERS] if (found := header_type(e)) is not None),
        None,
    )


def headers_type(call: ast.Call, callee: str, body: Sequence[ast.stmt] = ()) -> ast.expr | None:
    """The type a response-making call is given among its headers: `headers=` (Flask,
    Werkzeug and Django responses), Flask's `make_response(body, status, headers)` (or
    one tuple of those), Werkzeug's `Response(body, status, headers)`; the headers
    given as a display or as a local of the function `body` bound to one."""
    if _relays_answer(call, callee):
        return ast.Constant(TYPED.value)
    for keyword in call.keywords:
        if keyword.arg == "headers":
            return header_type(_display(keyword.value, call, body))
    if not callee.startswith(_FLASK_RESPONSES):
        return None
    if callee.endswith("make_response"):
        if len(call.args) == 1 and isinstance(call.args[0], ast.Tuple):
            return tuple_type(call.args[0])
        candidates = call.args[_TUPLE_HEADERS]
    else:
        candidates = call.args[2:3]
    return next(
        (found for a in candidates if (found := header_type(_display(a, call, body))) is not None),
        None,
    )


def _relays_answer(call: ast.Call, callee: str) -> bool:
    """Whether a response is made of one answer's body and that answer's own headers
    (`Response(answer["data"], headers=answer["headers"])`, `Response(reply.content,
    headers=reply.headers)`): an answer another server or a library prepared (pysaml2's
    `apply_binding()` gives `{"headers": [...], "data": ...}`), relayed with the type it
    came with, as a proxy copying every header relays it (`_copies_headers`)."""
    headers = next((k.value for k in call.keywords if k.arg == "headers"), None)
    if headers is None and callee.startswith(_FLASK_RESPONSES) and len(call.args) > 2:
        headers = call.args[2]
    content = next((k.value for k in call.keywords if k.arg in _BODY_KEYWORDS), None)
    if content is None and call.args:
        content = call.args[0]
    if headers is None or content is None:
        return False
    owner = _answer_part(headers, _HEADER_PARTS)
    return owner is not None and owner == _answer_part(content, _BODY_PARTS)


_BODY_KEYWORDS = frozenset({"response", "content"})
"""Where Werkzeug's `Response` (`response=`) and Django's `HttpResponse` (`content=`)
take the body by keyword."""
_HEADER_PARTS = frozenset({"headers"})
_BODY_PARTS = frozenset({"data", "body", "content", "text"})


def _answer_part(node: ast.expr, parts: frozenset[str]) -> str | None:
    """`answer` of `answer.headers` or `answer["headers"]` (with `parts` naming the part
    read): a part of an answer a local holds; else None."""
    if isinstance(node, ast.Attribute):
        owner, part = node.value, node.attr
    elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        owner, part = node.value, str(node.slice.value)
    else:
        return None
    return owner.id if isinstance(owner, ast.Name) and part.lower() in parts else None


_HEADER_CHANGES = frozenset({"update", "setdefault", "__setitem__"})


def _display(node: ast.expr, call: ast.Call, body: Sequence[ast.stmt]) -> ast.expr:
    """The dict display a local of the function holds (`headers = {"Content-Type": t}`
    before `Response(data, headers=headers)`) when it is bound once, to that display,
    and nothing sets its type, updates it or is handed it but the response `call` (the
    display's own type then holds); else `node` itself."""
    if not isinstance(node, ast.Name) or not body:
        return node
    name = node.id
    display: ast.expr | None = None
    bindings = 0
    for found in own_nodes(list(body)):
        if isinstance(found, ast.Name) and found.id == name and not isinstance(found.ctx, ast.Load):
            bindings += 1
        elif isinstance(found, ast.Assign) and _names(found.targets, name):
            display = found.value
        elif _changes_type(found, name) or (found is not call and _hands_on(found, name)):
            return node
    return display if bindings == 1 and isinstance(display, ast.Dict) else node


Assignments = Callable[[str], list[ast.Assign] | None]
"""A function's `local_assignments` of a name (`lower_expr.Scope.assignments`, which
works them out once per name)."""


def bound_text(node: ast.expr, assignments: Assignments) -> str | None:
    """The text a local of the function holds when every binding of it assigns one
    and the same string constant (`mimetype = content_type = "application/json"` before
    `Response(data, mimetype=mimetype)`); else None."""
    texts = set(_bound_texts(node, assignments))
    return texts.pop() if len(texts) == 1 else None


def bound_type(node: ast.expr, assignments: Assignments) -> str | None:
    """The content type a local of the function holds: its one text (`bound_text`),
    or the first of the texts its bindings assign when none of them is empty or a markup
    type (`content_type = "application/javascript"` on one path, `"application/json"` on
    the other: whichever path runs, the body is not HTML); else None."""
    texts = _bound_texts(node, assignments)
    if len(set(texts)) == 1 or (texts and all(t and not markup_type(t) for t in texts)):
        return texts[0]
    return None


def _bound_texts(node: ast.expr, assignments: Assignments) -> list[str]:
    """The string constants every binding of the local assigns, in order; [] when one of
    them assigns something else."""
    if not isinstance(node, ast.Name):
        return []
    texts = [_text(a.value) for a in assignments(node.id) or ()]
    return [t for t in texts if t is not None] if None not in texts else []


def _text(value: ast.expr) -> str | None:
    return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None


def local_assignments(
    name: str, body: Sequence[ast.stmt], own: Sequence[ast.AST] | None = None
) -> list[ast.Assign] | None:
    """The assignments of the function `body` (not of the functions or classes it
    defines) that bind the local `name` (`x = ...`, `a = x = ...`), when those are all
    its bindings; None when something else binds it too (a loop's or a `with`'s
    variable, `x += 1`, unpacking, `del x`). `own`: the body's `own_nodes`, when the
    caller keeps them."""
    assigns: list[ast.Assign] = []
    bindings = named = 0
    for found in own_nodes(list(body)) if own is None else own:
        if isinstance(found, ast.Name) and found.id == name and not isinstance(found.ctx, ast.Load):
            bindings += 1
        elif isinstance(found, ast.Assign):
            held = sum(_held_by(t, name) for t in found.targets)
            if held:
                assigns.append(found)
                named += held
    return assigns if bindings == named else None


def all_local_assignments(own: Sequence[ast.AST]) -> dict[str, list[ast.Assign] | None]:
    """`local_assignments` of every name the function binds, from its `own_nodes` in one
    pass: name -> its assignments, or None; a name it does not bind is left out (its
    `local_assignments` are `[]`)."""
    assigns: dict[str, list[ast.Assign]] = {}
    bindings: dict[str, int] = {}
    named: dict[str, int] = {}
    for found in own:
        if isinstance(found, ast.Name):
            if not isinstance(found.ctx, ast.Load):
                bindings[found.id] = bindings.get(found.id, 0) + 1
        elif isinstance(found, ast.Assign):
            held = [t.id for t in found.targets if isinstance(t, ast.Name)]
            for name in held:
                named[name] = named.get(name, 0) + 1
            for name in dict.fromkeys(held):
                assigns.setdefault(name, []).append(found)
    return {
        name: assigns.get(name, []) if count == named.get(name, 0) else None
        for name, count in bindings.items()
    }


def _changes_type(node: ast.AST, name: str) -> bool:
    """`headers["Content-Type"] = t`, `del headers[key]`, `headers.update(...)`: the
    local's type may no longer be its display's."""
    if isinstance(node, ast.Subscript) and _held_by(node.value, name):
        return not isinstance(node.ctx, ast.Load) and not _other_header(node.slice)
    return (
        isinstance(node, ast.Attribute)
        and _held_by(node.value, name)
        and node.attr in _HEADER_CHANGES
    )


def _hands_on(node: ast.AST, name: str) -> bool:
    """A call given the local, which may set its type (`add_cors(headers)`)."""
    if not isinstance(node, ast.Call):
        return False
    given = [*node.args, *(k.value for k in node.keywords)]
    return any(_held_by(g.value if isinstance(g, ast.Starred) else g, name) for g in given)


def _names(targets: list[ast.expr], name: str) -> bool:
    return len(targets) == 1 and isinstance(targets[0], ast.Name) and targets[0].id == name


def _held_by(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _other_header(key: ast.expr) -> bool:
    """A header key known not to be the type (`headers["OCI-Filters-Applied"] = ...`)."""
    return isinstance(key, ast.Constant) and isinstance(key.value, str) and not _names_type(key)
