"""Which methods of the project's classes return a URL the framework built.

`<a href={{ project.get_absolute_url }}>`, where every `get_absolute_url` of the project
returns `reverse("project", args=[self.pk])`: Django's `reverse()` (and Flask's
`url_for()`) percent-encode what they put in the URL, so the text holds no space or
quote to end an unquoted attribute. Read per class, as `number_fields` reads number
fields: any other attribute of that name (a method building its URL by hand, a field)
may hold anything, and vetoes it. Only names that say they are URLs (`url`,
`get_absolute_url`, `edit_url`) are kept, which is all a template writes into `href`.
A method may hand on what another URL-named method of its class returns
(`def get_change_url(self): return self.get_url("change")`): it is one if every
definition of that other name in the project is (`build._resolve_url_delegates`).

Apart from that, a method whose every `return` begins with the developer's text that
fixes the URL's scheme and host (`"+table/" + self.slug`, `f"/tables/{slug}/?tag={tag}"`,
`"?page=" + page`), also through a local every binding of which so begins or extends
itself (`url = url + "?tag=" + tag`), returns a URL whose scheme no value chooses:
never `javascript:`. Its text may still hold a space or a quote, so only the scheme
is vouched for.
"""

from __future__ import annotations

import ast
import re

from webwarden.analysis.taint.shapes import closed_text
from webwarden.model.module import FileContext

_BUILDERS = frozenset({"reverse", "reverse_lazy", "resolve_url", "url_for"})
"""The frameworks' URL builders (`django.urls.reverse`, `django.shortcuts.resolve_url`,
`flask.url_for`), by the last part of their name."""


UrlAttribute = tuple[str, bool, tuple[str, ...], bool]
"""(name, whether every `return` gives a built URL or hands one on, the URL-named
methods of its class whose results it hands on, whether every `return` gives a URL
whose scheme the developer's text fixes or hands one on)."""


def url_attributes(ctx: FileContext) -> tuple[UrlAttribute, ...]:
    """Each attribute named like a URL that the classes of the module define; a name
    defined twice is one only if both are."""
    if not ctx.mentions("url"):
        return ()
    found: dict[str, UrlAttribute] = {}
    for node in ctx.nodes(ast.ClassDef):
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            for name, built, delegates, fixed in _defined(ctx, statement):
                _, was_built, handed_on, was_fixed = found.get(name, (name, True, (), True))
                handed_on = tuple(dict.fromkeys((*handed_on, *delegates)))
                found[name] = (name, was_built and built, handed_on, was_fixed and fixed)
    return tuple(found.values())


def _defined(ctx: FileContext, statement: ast.stmt) -> list[UrlAttribute]:
    """The URL-named attributes `statement` defines (a method's returns are read only
    when its name says URL)."""
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
        if not _url_named(statement.name):
            return []
        returned = [node.value for node in ast.walk(statement) if isinstance(node, ast.Return)]
        delegates = _handed_on(statement, returned)
        built = _returns_built_url(ctx, statement, returned, delegates)
        fixed = built or _returns_fixed_start(ctx, statement, returned, delegates)
        return [(statement.name, built, delegates, fixed)]
    if isinstance(statement, ast.Assign):
        targets = [t.id for t in statement.targets if isinstance(t, ast.Name)]
        return [(name, False, (), False) for name in targets if _url_named(name)]
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        name = statement.target.id
        return [(name, False, (), False)] if _url_named(name) else []
    return []


def built_url_call(ctx: FileContext, value: ast.expr) -> bool:
    """`reverse("project", args=[pk])`, `url_for("index")`: a URL the framework built,
    percent-encoding what it put in."""
    return (
        isinstance(value, ast.Call) and (ctx.call_name(value) or "").rsplit(".", 1)[-1] in _BUILDERS
    )


def returns_built_url(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether every value `function` returns, when it returns one, is a URL the
    framework built (`return reverse(route, args=(obj.pk,))`), also through a local bound
    only to one: a template filter so defined (`{{ obj|admin_change_url }}`) writes a
    path of this site."""
    returned = [node.value for node in ast.walk(function) if isinstance(node, ast.Return)]
    return _returns_built_url(ctx, function, returned, ())


def returns_site_path(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether every value `function` returns, when it returns one, is a built URL or
    text beginning with a path of this site written in the code (`return "/search?q=" +
    quote(term)`, `f"/items/{pk}/"`): not `"/" + value`, which `/evil.example` makes an
    address of another host."""
    given = [
        node.value
        for node in ast.walk(function)
        if isinstance(node, ast.Return) and node.value is not None and not _none(node.value)
    ]
    return bool(given) and all(built_url_call(ctx, value) or _site_path(value) for value in given)


def _site_path(value: ast.expr) -> bool:
    """Text beginning with a literal path of this site: `/` and a character that is
    neither `/` nor `\\`."""
    while not isinstance(value, ast.Constant) and (first := _first_piece(value)) is not None:
        value = first
    if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return False
    text = value.value
    return len(text) > 1 and text[0] == "/" and text[1] not in "/\\"


def url_functions(ctx: FileContext) -> tuple[str, ...]:
    """The module's top-level functions whose every `return` gives a URL the framework
    built (`def modify_query(endpoint, **changes): ... return url_for(endpoint, **args)`):
    a template calling one that a view hands it (`{{ ctx.modify_query(page=2) }}`)
    writes a percent-encoded URL, whatever it is given."""
    if not any(ctx.mentions(builder) for builder in _BUILDERS):
        return ()
    return tuple(
        node.name
        for node in ctx.tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and returns_built_url(ctx, node)
    )


def _url_named(name: str) -> bool:
    return "url" in name.lower()


def _returns_built_url(
    ctx: FileContext,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    returned: list[ast.expr | None],
    delegates: tuple[str, ...],
) -> bool:
    """Whether `function` returns (`returned`: the values of its `return`s) a built URL,
    or what one of the `delegates` returns, every time it returns something: a bare
    `return` (`None`, when the URL cannot be built) writes no other site's address, and
    a local holding only built URLs (`url = reverse(...)`, then `return url`) is one."""
    given = [value for value in returned if not _none(value)]
    held = _built_locals(ctx, function) if any(_names_local(v) for v in given) else set()
    return bool(given) and all(
        (isinstance(value, ast.Name) and value.id in held)
        or (
            isinstance(value, ast.Call)
            and (built_url_call(ctx, value) or _own_method(function, value) in delegates)
        )
        or _built_and_keyed(ctx, value, held)
        for value in given
    )


def _returns_fixed_start(
    ctx: FileContext,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    returned: list[ast.expr | None],
    delegates: tuple[str, ...],
) -> bool:
    """Whether every value `function` returns, when it returns one, begins with text
    fixing the URL's scheme (`_fixed_start`), or is what one of the `delegates` returns."""
    given = [value for value in returned if value is not None and not _none(value)]
    held = _fixed_locals(ctx, function) if any(isinstance(v, ast.Name) for v in given) else set()
    return bool(given) and all(
        _fixed_start(ctx, value, held)
        or (isinstance(value, ast.Call) and _own_method(function, value) in delegates)
        for value in given
    )


def _fixed_start(ctx: FileContext, value: ast.expr, held: set[str]) -> bool:
    """Whether the text `value` makes begins with the developer's text fixing the scheme
    and host (`closed_text`: `"+table/" + slug`, `f"/items/{pk}/"`, `"?page=%s" % page`),
    a built URL, or a local in `held`; a whole literal is the developer's own."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    if isinstance(value, ast.Name):
        return value.id in held
    if built_url_call(ctx, value):
        return True
    first = _first_piece(value)
    if first is None:
        return False
    if isinstance(first, ast.Constant):
        return isinstance(first.value, str) and closed_text(first.value)
    return _fixed_start(ctx, first, held)


def _first_piece(value: ast.expr) -> ast.expr | None:
    """What the text `value` builds begins with: the left of a `+`, an f-string's first
    part, the text of a template before its first field (`"/items/{}".format(pk)`)."""
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        return value.left
    if isinstance(value, ast.JoinedStr) and value.values:
        first = value.values[0]
        return first.value if isinstance(first, ast.FormattedValue) else first
    template, _ = _template(value)
    if template is None:
        return None
    return ast.Constant(re.split(r"\{|%", template, maxsplit=1)[0])


def _fixed_locals(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The names the function binds only to text beginning with a fixed start, or to
    itself extended (`url = url + "?tag=" + tag`, `url += "?tag=" + tag`): any other
    binding vetoes the name."""
    values: dict[str, list[ast.expr]] = {}
    plain: set[int] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    values.setdefault(target.id, []).append(node.value)
                    plain.add(id(target))
        elif (
            isinstance(node, ast.AugAssign)
            and isinstance(node.op, ast.Add)
            and isinstance(node.target, ast.Name)
        ):
            plain.add(id(node.target))  # NOTE: text added after the start keeps it
    other = {
        node.id
        for node in ast.walk(function)
        if isinstance(node, ast.Name)
        and isinstance(node.ctx, ast.Store | ast.Del)
        and id(node) not in plain
    }
    held = set(values) - other
    changed = True
    while changed:
        changed = False
        for name in sorted(held):
            if not all(_fixed_start(ctx, value, held) for value in values[name]):
                held.discard(name)
                changed = True
    return held


def _none(value: ast.expr | None) -> bool:
    return value is None or (isinstance(value, ast.Constant) and value.value is None)


def _built_locals(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The names the function binds only to built URLs, each binding an assignment of one
    (`url = reverse(viewname, args=[self.pk])`): any other binding vetoes the name."""
    built: set[int] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and built_url_call(ctx, node.value):
            built.update(id(target) for target in node.targets if isinstance(target, ast.Name))
    bound: dict[str, bool] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            bound[node.id] = bound.get(node.id, True) and id(node) in built
    return {name for name, only_built in bound.items() if only_built}


def _handed_on(
    function: ast.FunctionDef | ast.AsyncFunctionDef, returned: list[ast.expr | None]
) -> tuple[str, ...]:
    """The URL-named methods of its own object whose result `function` returns
    (`return self.get_url("change")`)."""
    called = (_own_method(function, value) for value in returned if isinstance(value, ast.Call))
    return tuple(dict.fromkeys(name for name in called if name and _url_named(name)))


def _own_method(function: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call) -> str | None:
    """`name` of `self.name(...)`, or of `self.board.name(...)`, the method of an object
    a relation of its own leads to (a group's URL that of the board it is), `self` being
    `function`'s first parameter: either is a URL only if every definition of `name` in
    the project is one."""
    method = call.func
    if not (function.args.args and isinstance(method, ast.Attribute)):
        return None
    owner = method.value
    while isinstance(owner, ast.Attribute):
        owner = owner.value
    if not isinstance(owner, ast.Name):
        return None
    return method.attr if owner.id == function.args.args[0].arg else None


def _names_local(value: ast.expr | None) -> bool:
    """Whether `value` is a local or a text written with one (`f"{url}#row"`)."""
    return value is not None and any(isinstance(node, ast.Name) for node in ast.walk(value))


_KEYS = frozenset({"pk", "id", "uuid"})
_FIELD = re.compile(r"\{\}|%s")
"""A field `str.format` or `%` fills with the next argument as it is: `{}`, `%s`."""


def _built_and_keyed(ctx: FileContext, value: ast.expr | None, held: set[str]) -> bool:
    """A built URL (or a local in `held`, bound only to built URLs) and then the
    developer's text with no space and the object's own database keys: `reverse("list")
    + "#row-" + str(self.pk)`, `f"{reverse('list')}?pk={self.pk}"`, `f"{url}#row-
    {self.pk}"`, `"{}?pk={}".format(reverse("list"), self.pk)`, `"%s?pk=%s" %
    (reverse("list"), self.pk)`: still the site's own URL, and no space in it."""
    pieces = _pieces(value) if value is not None else []
    if len(pieces) < 2 or not all(map(_spaceless, pieces[1:])):
        return False
    first = pieces[0]
    return built_url_call(ctx, first) or (isinstance(first, ast.Name) and first.id in held)


def _pieces(value: ast.expr) -> list[ast.expr]:
    """The values a string is written from, in order; empty when not known."""
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        left, right = _pieces(value.left), _pieces(value.right)
        return [*left, *right] if left and right else []
    if isinstance(value, ast.JoinedStr):
        written = [p.value if isinstance(p, ast.FormattedValue) else p for p in value.values]
        formatted = [p for p in value.values if isinstance(p, ast.FormattedValue)]
        return [] if any(p.format_spec is not None for p in formatted) else written
    template, given = _template(value)
    if template is None:
        return [value]
    texts = _FIELD.split(template)
    if len(texts) != len(given) + 1 or any(c in text for text in texts for c in "{}%"):
        return []
    pieces: list[ast.expr] = [ast.Constant(texts[0])]
    for argument, text in zip(given, texts[1:], strict=True):
        pieces += [argument, ast.Constant(text)]
    return [piece for piece in pieces if not _empty(piece)]


def _template(value: ast.expr) -> tuple[str | None, list[ast.expr]]:
    """The template and arguments of `"{}?pk={}".format(...)` or `"%s?pk=%s" % (...)`."""
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "format"
        and isinstance(value.func.value, ast.Constant)
        and isinstance(value.func.value.value, str)
        and not value.keywords
        and "%s" not in value.func.value.value
    ):
        return value.func.value.value, list(value.args)
    if (
        isinstance(value, ast.BinOp)
        and isinstance(value.op, ast.Mod)
        and isinstance(value.left, ast.Constant)
        and isinstance(value.left.value, str)
        and "{}" not in value.left.value
    ):
        given = value.right.elts if isinstance(value.right, ast.Tuple) else [value.right]
        return value.left.value, list(given)
    return None, []


def _empty(piece: ast.expr) -> bool:
    return isinstance(piece, ast.Constant) and piece.value == ""


def _spaceless(piece: ast.expr) -> bool:
    """Text of the developer's with no space or quote, a number, or a database key of
    the object (`self.pk`, `self.author_id`, `str(self.project.id)`)."""
    if isinstance(piece, ast.Constant):
        text = piece.value
        if isinstance(text, str):
            return not any(c.isspace() or c in "\"'<>`" for c in text)
        return isinstance(text, int)
    if isinstance(piece, ast.Call) and isinstance(piece.func, ast.Name) and piece.func.id == "str":
        return len(piece.args) == 1 and not piece.keywords and _spaceless(piece.args[0])
    return isinstance(piece, ast.Attribute) and _own_key(piece)


def _own_key(attribute: ast.Attribute) -> bool:
    name = attribute.attr
    if not (name in _KEYS or name.endswith(("_id", "_pk", "_uuid"))):
        return False
    owner: ast.expr = attribute.value
    while isinstance(owner, ast.Attribute):
        owner = owner.value
    return isinstance(owner, ast.Name) and owner.id == "self"
