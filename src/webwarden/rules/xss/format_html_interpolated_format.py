"""WW545: `format_html()` given a format string already filled in."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.templates.text_filters import ESCAPING_FILTERS, told_to_escape
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.xss._interpolation import filled_in, named_html
from webwarden.rules.xss._script import database_key

_FORMATS = {"django.utils.html.format_html": 0, "django.utils.html.format_html_join": 1}
"""Django's escaping formatters -> the position of their format string."""


class FormatHtmlInterpolatedFormat(PythonRule):
    """## What it does
    Finds calls of Django's `format_html()` (and `format_html_join()`) whose format
    string is filled in before the call: an f-string with values in it, `%` or
    `.format()` on the format, or text joined to a variable, also pieces so filled in and
    joined into it (`format_html("<br>".join(changes))` after `changes.append(f"<b>{field}:
    </b> {value}")`, a comprehension's or a list display's pieces, also pieces that are an
    object's text, `"<br>".join(str(run) for run in obj.runs)`; other pieces that are
    variables or calls, such as `format_html(...)` results, are left alone), also a local
    of the function so built, assigned or grown piece by piece (`html += "<li>{}</li>"
    .format(app.name)` in a loop, then `format_html(html)`), or what a function of the
    module so builds and returns (`format_html(_rows(apps))`). Values the code fixes
    (module constants, or a conditional expression choosing between constants:
    `"<b>{}</b>" if bold else "{}"`, or a local of the function holding only such text,
    wrapped in more of it: `entry = "<a>{label}</a>"`, then `entry = f"<li>{entry}</li>"`) and values formatted as numbers
    (`f"{ratio:.1f}%"`, `"%d" % count`, `"{:x}".format(n)`: digits, whatever the value
    was) and keys the database made (`obj.pk`, `self.id`, `author_id`, a UUID field's
    `obj.uuid`, also as text or a piece of it: `str(obj.uuid)[:8]`, `obj.uuid.hex`; a
    number or a UUID, as the template rules judge `{{ obj.pk }}`) are left alone, as are values the code escapes where it fills them in
    (`f"<td>{escape(user.email)}</td>"`, Django's `escape()` or `conditional_escape()`,
    its `linebreaksbr()`, `urlize()` or `urlizetrunc()` template filters, which escape
    unless told not to,
    a `format_html()` result, a call of a function of the module every `return` of
    which is one: `"<li>{}</li>".format(admin_link(obj))`, or a local only such calls
    assign: `rows = format_html_join(...)`, then `f"<div>{rows}</div>"`; a translated
    literal, `_("Failed:")`, is text the code wrote);
    request data in the format string is WW543's.

    ## Why is this bad?
    `format_html` escapes the arguments it is given and marks the result safe. What is
    put into the format string itself is never escaped, so a model field, a name or a
    template tag's argument written there (`format_html(f"<a>{obj.name}</a>")`) reaches the
    page as HTML: the escaping the call exists for is bypassed, and the value is trusted
    for good. Django 5.0 deprecates `format_html()` without arguments for this reason and
    Django 6.0 refuses it.

    ## Known problems
    A value that cannot hold markup (a number formatted as text, a URL from `reverse()`,
    a translated label) or that is HTML the project built safely itself is reported all the same, at
    low confidence; pass it as an argument anyway (wrapped in `mark_safe` when it is
    HTML), it costs nothing.

    ## Example
    ```python
    from django.utils.html import format_html

    def harvester_link(harvester, uri):
        return format_html(f'<a href="{uri}">{harvester.name}</a>')
    ```

    ## Fix
    ```python
    from django.utils.html import format_html

    def harvester_link(harvester, uri):
        return format_html('<a href="{}">{}</a>', uri, harvester.name)
    ```

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Django docs: format_html](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html)
    """

    code = "WW545"
    name = "format-html-interpolated-format"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.LOW
    cwe = 79
    message = "the format string of `{call}()` is filled in with {values}: none of it is escaped"
    fix = "keep the format string constant: `format_html('<b>{{}}</b>', value)`"
    frameworks = frozenset({Framework.DJANGO})
    calls = frozenset(_FORMATS)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name not in _FORMATS:
            return
        template = ctx.argument(node, _FORMATS[name], "format_string")
        if template is None or _fixed(ctx, template):
            return
        values = list(dict.fromkeys(map(_shown, _filled_in(ctx, template))))
        if values:
            shown = ", ".join(f"`{value}`" for value in values[:3])
            shown += ", ..." if len(values) > 3 else ""
            yield self.finding(ctx, node, call=name.rpartition(".")[2], values=shown)


def _shown(node: ast.expr) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:37] + "..."


def _filled_in(ctx: FileContext, template: ast.expr, depth: int = 0) -> list[ast.expr]:
    """The values the code puts into the format string (none when it is a constant);
    `depth` counts the locals and functions followed to get there (`_built_pieces`)."""
    values: list[ast.expr] = []
    if depth > _MAX_DEPTH:
        return []
    match template:
        case ast.Name() | ast.Call(func=ast.Name()):
            return [
                value
                for built in _built_pieces(ctx, template)
                for value in _filled_in(ctx, built, depth + 1)
            ]
        case ast.Call(func=ast.Attribute(value=receiver, attr="format")) if isinstance(
            receiver, ast.Name
        ) and isinstance(ctx.evaluate(receiver), str):
            values = [
                filled.value for filled in filled_in(ctx, template) or () if not filled.number
            ]
        case (
            ast.JoinedStr()
            | ast.BinOp(left=ast.Constant(value=str()), op=ast.Mod())
            | ast.Call(func=ast.Attribute(value=ast.Constant(value=str()), attr="format"))
        ):
            # NOTE: a value formatted as a number (`{ratio:.4f}`, `%d`) is written as
            # digits whatever it was (a `str` so formatted raises): no markup.
            values = [
                filled.value for filled in filled_in(ctx, template) or () if not filled.number
            ]
        case ast.BinOp(op=ast.Add(), left=left, right=right):
            # NOTE: a translated text is one more piece of the message the code wrote
            # (`msg += " " + _("Edit it below.")`, `_("Failed:") + f"<div>{rows}</div>"`).
            sides = [
                side
                for side in (left, right)
                if not _fixed(ctx, side)
                and not _escaped(ctx, side)
                and not _translated_text(ctx, side)
            ]
            return [
                value
                for side in sides
                for value in _filled_in(ctx, side, depth)
                or (
                    []
                    if _text_only(ctx, side) or _joined_text(side) or _formatted(ctx, side)
                    else [side]
                )
            ]
        case ast.IfExp(body=body, orelse=orelse):
            return [value for side in (body, orelse) for value in _filled_in(ctx, side, depth)]
        case ast.Call(
            func=ast.Attribute(value=ast.Constant(value=str()), attr="join"), args=[joined]
        ):
            return [
                value
                for item in _joined_items(ctx, joined)
                for value in _filled_in(ctx, item, depth) or _converted(ctx, item, depth)
            ]
    return [
        value
        for value in values
        if not ctx.is_constant(value)
        and not _escaped(ctx, value)
        and not _key(ctx, value)
        and not _text_local(ctx, value, depth)
    ]


_MAX_DEPTH = 3
_ESCAPING = frozenset(
    {
        "django.utils.html.escape",
        "django.utils.html.conditional_escape",
        "html.escape",
        "markupsafe.escape",
    }
)


_STR = frozenset({"str", "builtins.str"})


def _key(ctx: FileContext, value: ast.expr) -> bool:
    """`obj.pk`, `self.id`, `row.uuid`, `author_id`, also as text or a piece of it
    (`str(obj.uuid)[:6]`, `obj.uuid.hex`): a key the database made, a number or a UUID,
    with no markup in it whatever the row holds."""
    while True:
        match value:
            case ast.Call(args=[inner], keywords=[]) if ctx.call_name(value) in _STR:
                value = inner
            case ast.Subscript(value=inner, slice=ast.Slice()):
                value = inner
            case ast.Attribute(value=inner, attr="hex"):
                value = inner
            case _:
                break
    match value:
        case ast.Attribute(attr=last) | ast.Name(id=last):
            return database_key(last)
    return False


def _converted(ctx: FileContext, piece: ast.expr, depth: int) -> list[ast.expr]:
    """`[str(run) for run in obj.runs]` joined into the format string: an object turned
    into its text (a model's `__str__`, a title someone typed), which no one escaped,
    as `"<br>" + str(run)` is judged. Not the text of a constant, of a key, of a value
    the code escaped (`str(format_html(...))`, a local only such calls bind), or of one
    it names HTML (`str(widget_html)`)."""
    if not (
        isinstance(piece, ast.Call)
        and len(piece.args) == 1
        and not piece.keywords
        and ctx.call_name(piece) in _STR
    ):
        return []
    inner = piece.args[0]
    if (
        ctx.is_constant(inner)
        or _key(ctx, piece)
        or _escaped(ctx, inner)
        or named_html(inner)
        or _text_local(ctx, inner, depth)
    ):
        return []
    return [piece]


def _formatted(ctx: FileContext, side: ast.expr) -> bool:
    """Text formatted in place (`f"<div>{rows}</div>"`), whose values `_filled_in` judged
    one by one."""
    return filled_in(ctx, side) is not None


def _joined_text(side: ast.expr) -> bool:
    """Text joined by `+`, whose pieces `_filled_in` judged one by one (`"<b>" +
    escape(label)`: none left to report)."""
    return isinstance(side, ast.BinOp) and isinstance(side.op, ast.Add)


def _escaped(ctx: FileContext, value: ast.expr) -> bool:
    """`escape(user.name)`, `conditional_escape(...)`, `format_html(...)` (which escapes
    its arguments; its own format string is judged where it is called), or a call of a
    function of the module every `return` of which is one of those (`admin_link(obj)`
    returning `format_html('<a href="{}">{}</a>', url, obj)`): the code escaped the value
    itself where it filled it in, so none of its markup reaches the page."""
    if isinstance(value, ast.Name):
        return _escaped_local(ctx, value)
    if not isinstance(value, ast.Call):
        return False
    if _escaping_call(ctx, value):
        return True
    if not isinstance(value.func, ast.Name):
        return False
    function = ctx.module_function(value.func.id)
    if function is None:
        return False
    returned = [
        node.value
        for node in ast.walk(function)
        if isinstance(node, ast.Return) and node.value is not None
    ]
    return bool(returned) and all(
        isinstance(r, ast.Call) and _escaping_call(ctx, r) for r in returned
    )


def _escaped_local(ctx: FileContext, name: ast.Name) -> bool:
    """A local of the function that only statements `name = escape(...)` (or another
    escaping call) bind: no parameter, loop or other binding hands it anything else
    (`error_html = format_html_join(...)`, then `f"<div>{error_html}</div>"`)."""
    scope = ctx.scopes.enclosing_function(name)
    if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    arguments = scope.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
    if any(a.arg == name.id for a in every):
        return False
    binding = [
        node
        for node in ast.walk(scope)
        if isinstance(node, ast.Name) and node.id == name.id and not isinstance(node.ctx, ast.Load)
    ]
    escaping = [
        node
        for node in ast.walk(scope)
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id == name.id
        and isinstance(node.value, ast.Call)
        and _escaping_call(ctx, node.value)
    ]
    declared = any(name.id in _names_bound_otherwise(node) for node in ast.walk(scope))
    return bool(binding) and len(binding) == len(escaping) and not declared


def _text_local(ctx: FileContext, value: ast.expr, depth: int) -> bool:
    """A local of the function that holds only text the code wrote where it is read:
    each value assigned to it above is a constant, or text formatted with nothing but
    such locals (`entry = "<a>{label}</a>"`, then `entry = f"<li>{entry}</li>"`), and
    nothing else binds it (no parameter, loop or `with` target)."""
    if not isinstance(value, ast.Name) or depth >= _MAX_DEPTH:
        return False
    scope = ctx.scopes.enclosing_function(value)
    if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    if not _assigned_only(value.id, scope):
        return False
    pieces = _assigned(value, scope, value.lineno)
    return bool(pieces) and all(
        _fixed(ctx, piece) or (_formatted(ctx, piece) and not _filled_in(ctx, piece, depth + 1))
        for piece in pieces
    )


def _assigned_only(name: str, scope: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether every binding of `name` in the function is the single target of an
    assignment (`name = ...`, `name += ...`): no parameter, loop, `with` or other."""
    arguments = scope.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
    if any(a.arg == name for a in every):
        return False
    stores = sum(
        1
        for node in ast.walk(scope)
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load)
    )
    assigned = sum(
        1
        for node in ast.walk(scope)
        if (
            (isinstance(node, ast.Assign) and len(node.targets) == 1)
            or (isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add))
        )
        and isinstance(
            target := node.targets[0] if isinstance(node, ast.Assign) else node.target, ast.Name
        )
        and target.id == name
    )
    declared = any(name in _names_bound_otherwise(node) for node in ast.walk(scope))
    return stores == assigned and not declared


def _names_bound_otherwise(node: ast.AST) -> list[str]:
    """The names `node` binds or declares without a `Name` node: `except ... as e`, a
    `def` or `class`, an import, a `match` pattern's capture, `global` or `nonlocal`."""
    match node:
        case ast.ExceptHandler(name=str() as bound):
            return [bound]
        case (
            ast.FunctionDef(name=bound)
            | ast.AsyncFunctionDef(name=bound)
            | ast.ClassDef(name=bound)
        ):
            return [bound]
        case ast.Import(names=aliases) | ast.ImportFrom(names=aliases):
            return [(a.asname or a.name).partition(".")[0] for a in aliases]
        case ast.MatchAs(name=str() as bound) | ast.MatchStar(name=str() as bound):
            return [bound]
        case ast.MatchMapping(rest=str() as bound):
            return [bound]
        case ast.Global(names=names) | ast.Nonlocal(names=names):
            return list(names)
    return []


def _escaping_call(ctx: FileContext, call: ast.Call) -> bool:
    name = ctx.call_name(call)
    if name in ESCAPING_FILTERS:
        return told_to_escape(call, name)
    return name in _ESCAPING or name in _FORMATS


def _built_pieces(ctx: FileContext, template: ast.Name | ast.Call) -> list[ast.expr]:
    """What a local of the function given as the format string is built of, each value
    assigned or added to it (`html = "<ul>"`, then `html += "<li>{}</li>".format(app.name)`
    in a loop), or what a function of the module called for it returns
    (`format_html(widget_html(user))`, returning such a local)."""
    if isinstance(template, ast.Call):
        if not isinstance(template.func, ast.Name):
            return []
        function = ctx.module_function(template.func.id)
        if function is None:
            return []
        returned = [
            node.value
            for node in ast.walk(function)
            if isinstance(node, ast.Return) and node.value is not None
        ]
        return [
            p
            for v in returned
            for p in ([v] if not isinstance(v, ast.Name) else _assigned(v, function, v.lineno))
        ]
    scope = ctx.scopes.enclosing_function(template)
    return [] if scope is None else _assigned(template, scope, template.lineno)


_TRANSLATIONS = frozenset(
    {"_", "gettext", "gettext_lazy", "ugettext", "ugettext_lazy", "pgettext", "pgettext_lazy"}
)


def _translated_text(ctx: FileContext, node: ast.expr) -> bool:
    """`_("You may edit it again below.")`, `gettext_lazy("...")`: Django's translation of
    text the code wrote (as `_` is conventionally imported)."""
    if not isinstance(node, ast.Call) or not node.args:
        return False
    name = (ctx.call_name(node) or "").rpartition(".")[2]
    return name in _TRANSLATIONS and all(ctx.is_constant(a) for a in node.args)


def _text_only(ctx: FileContext, side: ast.expr) -> bool:
    """A local (or a module function's result) built of constant text and strings formatted
    here only (`html = "<p>"`, `html += "{:d} apps".format(count)`): text, no variable."""
    if not isinstance(side, ast.Name | ast.Call) or (
        isinstance(side, ast.Call) and not isinstance(side.func, ast.Name)
    ):
        return False
    pieces = _built_pieces(ctx, side)
    return bool(pieces) and all(
        ctx.is_constant(piece) or filled_in(ctx, piece) is not None for piece in pieces
    )


def _assigned(name: ast.Name, scope: ast.AST, before: int) -> list[ast.expr]:
    """The values `scope` assigns to `name`, or adds to it (`name += ...`), in statements
    starting above line `before` (where it is read): not those of a later branch."""
    found: list[ast.expr] = []
    for node in ast.walk(scope):
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add):
            targets, value = [node.target], node.value
        if (
            value is not None
            and getattr(node, "lineno", before) < before
            and any(isinstance(t, ast.Name) and t.id == name.id for t in targets)
        ):
            found.append(value)
    return found


def _joined_items(ctx: FileContext, joined: ast.expr) -> list[ast.expr]:
    """The pieces `"<br>".join(pieces)` joins, where the code shows them: the items of a
    list or tuple display, the element of a comprehension, or what the function appends
    to (or lists in) a local list. A piece that is no string built here (a variable, a
    call such as `format_html(...)`, whose result is escaped) is judged by no one."""
    if isinstance(joined, ast.List | ast.Tuple):
        return list(joined.elts)
    if isinstance(joined, ast.ListComp | ast.GeneratorExp):
        return [joined.elt]
    if not isinstance(joined, ast.Name):
        return []
    scope = ctx.scopes.enclosing_function(joined)
    if scope is None:
        return []
    items = _appended(ctx, joined)
    for node in ast.walk(scope):
        if (
            isinstance(node, ast.Assign)
            and not isinstance(node.value, ast.Name)
            and any(isinstance(t, ast.Name) and t.id == joined.id for t in node.targets)
        ):
            items.extend(_joined_items(ctx, node.value))
    return items


def _appended(ctx: FileContext, name: ast.Name) -> list[ast.expr]:
    """What the function around `name` appends to the list it names (`name.append(x)`)."""
    scope = ctx.scopes.enclosing_function(name)
    if scope is None:
        return []
    return [
        node.args[0]
        for node in ast.walk(scope)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "append"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == name.id
        and len(node.args) == 1
    ]


def _fixed(ctx: FileContext, part: ast.expr) -> bool:
    """A constant, or a choice between constants (`"<b>{}</b>" if bold else "{}"`): text
    the code wrote, whichever the test picks. Not the join of a list the function grows
    (`parts = []`, then `parts.append(...)`): it holds more than its first value."""
    if isinstance(part, ast.IfExp):
        return _fixed(ctx, part.body) and _fixed(ctx, part.orelse)
    if _joins_appended_list(ctx, part):
        return False
    return ctx.is_constant(part)


def _joins_appended_list(ctx: FileContext, part: ast.expr) -> bool:
    match part:
        case ast.Call(
            func=ast.Attribute(value=ast.Constant(value=str()), attr="join"),
            args=[ast.Name() as joined],
        ):
            return bool(_appended(ctx, joined))
    return False
