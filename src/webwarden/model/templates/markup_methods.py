"""Which attributes of the project's classes are HTML their code escapes itself.

A template reads `{{ image.attribution_link|safe }}`: the attribute is a property or
method of a model in another module, which builds its markup with `format_html(...)`.
Read per class: every method (or property) named so, and whether each of its `return`s
gives escaped HTML (of a generator: each item it yields), but an abstract one, which
only declares what subclasses define; any other attribute of that
name (a field, a class constant) gives whatever was stored, but for a model field that
cleans the HTML it holds (`sanitised_fields`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection, Iterator, Mapping

from webwarden.analysis.html_escaping import escapes_chain
from webwarden.model.module import FileContext
from webwarden.model.templates.class_tables import table_item
from webwarden.model.templates.code_highlight import held_formatter, highlights_as_html
from webwarden.model.templates.markable import whitespace_trimmed
from webwarden.model.templates.number_text import number_text
from webwarden.model.templates.safe_marking import (
    SAFE_MARKERS,
    cleans_html,
    date_format_arguments,
)
from webwarden.model.tree import own_returns, walk

_Function = ast.FunctionDef | ast.AsyncFunctionDef


Returns = dict[int, list[ast.expr | None]]
"""A function's `id()` -> the values of every `return` inside it (nested ones too)."""

Yields = dict[int, list[ast.Yield | ast.YieldFrom]]
"""A function's `id()` -> its own `yield`s (not those of a function or lambda inside it)."""


def returns_by_function(ctx: FileContext) -> Returns:
    """The module's `return`s by each function that holds them, from the context's index.

    NOTE: one pass over the `return`s instead of a walk of every method: a module of a
    hundred methods (Django's admin) returns from few of them in ways that need a look."""
    found: Returns = {}
    for node in ctx.nodes(ast.Return):
        value = node.value  # type: ignore[attr-defined]
        for ancestor in ctx.ancestors(node):
            if isinstance(ancestor, _Function):
                found.setdefault(id(ancestor), []).append(value)
    return found


def yields_by_function(ctx: FileContext) -> Yields:
    """The module's `yield`s by the function they make a generator, from the context's
    index (most modules have none: no walk of every method)."""
    found: Yields = {}
    for node in ctx.nodes(ast.Yield, ast.YieldFrom):
        for ancestor in ctx.ancestors(node):
            if isinstance(ancestor, _Function | ast.Lambda):
                if isinstance(ancestor, _Function):
                    found.setdefault(id(ancestor), []).append(node)  # type: ignore[arg-type]
                break
    return found


def method_verdicts(ctx: FileContext) -> dict[int, bool]:
    """The module's methods by `id()`, each with whether every `return` of it (in
    `returns_by_function`) gives escaped HTML: judged once, for `class_methods` and
    `markup_attributes` alike."""
    found = ctx.memo.get(method_verdicts)
    if not isinstance(found, dict):
        found = ctx.memo[method_verdicts] = {}
    return found


def _judged(method: _Function, returns: Returns, verdicts: dict[int, bool] | None) -> bool:
    """Whether the method has `return`s and every one gives escaped HTML (kept in
    `verdicts`, when given)."""
    key = id(method)
    if verdicts is not None and key in verdicts:
        return verdicts[key]
    returned = returns.get(key, [])
    verdict = bool(returned) and returns_markup(method, returned)
    if verdicts is not None:
        verdicts[key] = verdict
    return verdict


def markup_attributes(
    node: ast.ClassDef,
    returns: Returns | None,
    sanitised: Callable[[ast.expr | None], bool] = lambda _: False,
    yields: Yields | None = None,
    cleaned: Collection[str] = (),
    verdicts: dict[int, bool] | None = None,
    *,
    members: bool = False,
    proxy: Callable[[ast.expr | None], bool] = lambda _: False,
) -> Iterator[tuple[str, bool]]:
    """(name, whether it is escaped HTML) for each attribute the class body defines, and
    with `members` each member its methods set on `self` (`instance_members`); no
    method is when `returns` is None (the module names no escaping call at all), and an
    assigned attribute is when `sanitised` says its value is a model field that cleans
    the HTML it holds (`text = BleachField()`), or it is one of the class's `cleaned`
    columns (a validator cleans what is set); `yields` gives each generator method's
    own `yield`s; `verdicts` keeps each method's verdict (`method_verdicts`). An attribute
    `proxy` says reads a field another class declares (django-parler's
    `TranslatedField()`) is left to that declaration."""
    for statement in node.body:
        if isinstance(statement, _Function) and _abstract(statement):
            # NOTE: it gives nothing: what each subclass defines is what is read, and a
            # name only declared so is a plug-in's to define (held to its contract)
            yield statement.name, True
            continue
        if isinstance(statement, _Function):
            yielded = yields.get(id(statement), []) if yields else []
            if yielded:
                yield statement.name, returns is not None and _yields_markup(statement, yielded)
                continue
            yield statement.name, returns is not None and _judged(statement, returns, verdicts)
        elif isinstance(statement, ast.Assign | ast.AnnAssign):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            if proxy(statement.value):
                continue
            for target in targets:
                if isinstance(target, ast.Name):
                    yield target.id, target.id in cleaned or sanitised(statement.value)
    if members and returns is not None:
        yield from instance_members(node)


def instance_members(node: ast.ClassDef) -> Iterator[tuple[str, bool]]:
    """(name, whether it is escaped HTML) for each member a method of the class sets on
    `self`: escaped when every value it is given is (`self.detailed_msg = ""`, then
    `self.detailed_msg = render_template_string("<td>{{ name }}</td>", name=...)`, a
    template in the code that Flask autoescapes); one built up (`+=`) or unpacked into
    (`self.a, self.b = ...`) is not."""
    for method in node.body:
        if not isinstance(method, _Function):
            continue
        for child in walk(method):
            if isinstance(child, ast.Assign | ast.AnnAssign | ast.AugAssign):
                targets = child.targets if isinstance(child, ast.Assign) else [child.target]
                for target in targets:
                    yield from _set_on_self(method, child, target)


def _set_on_self(
    method: _Function, assign: ast.Assign | ast.AnnAssign | ast.AugAssign, target: ast.expr
) -> Iterator[tuple[str, bool]]:
    """The member `target` sets on `self` and whether what it is set to is escaped HTML."""
    if isinstance(target, ast.Tuple | ast.List | ast.Starred):
        for inner in target.elts if isinstance(target, ast.Tuple | ast.List) else [target.value]:
            for name, _ in _set_on_self(method, assign, inner):
                yield name, False
        return
    if not (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == "self"
    ):
        return
    value = assign.value
    if isinstance(assign, ast.AugAssign) or value is None:
        yield target.attr, False
        return
    yield target.attr, returns_markup(method, [value])


def _abstract(function: _Function) -> bool:
    """An abstract method (`@abc.abstractmethod`, or a body that only raises under its
    docstring, `NotImplementedError` or a test double's failure): a base class's
    declaration of what its subclasses define, or a method that returns nothing, which
    is never what a template reads."""
    if any(_last_name(d) == "abstractmethod" for d in function.decorator_list):
        return True
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return len(body) == 1 and isinstance(body[0], ast.Raise)


def _yields_markup(function: _Function, yielded: list[ast.Yield | ast.YieldFrom]) -> bool:
    """Whether every item a generator method yields is escaped HTML: itself, or what a
    function defined inside it returns, each `return` of which gives escaped HTML
    (`yield render_row(page)`, `render_row` returning `template.render(context)`)."""
    nested = {
        child.name: child
        for child in walk(function)
        if isinstance(child, _Function) and child is not function
    }
    for node in yielded:
        value = node.value
        if isinstance(node, ast.YieldFrom) or value is None:
            return False
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            inner = nested.get(value.func.id)
            if inner is not None:
                returned = [r.value for r in walk(inner) if isinstance(r, ast.Return)]
                if returned and returns_markup(inner, returned):
                    continue
                return False
        if not returns_markup(function, [value]):
            return False
    return True


def returns_markup(function: _Function, returned: list[ast.expr | None]) -> bool:
    """Whether every `return` of the function gives escaped HTML (it has one at least).
    Its assignments are looked at only when a `return` gives a local; a function it
    defines and calls counts as escaping when each of its own `return`s is (`def
    build(): return format_html(...)`, then `html = build()`)."""
    if not any(_reads_local(v) for v in returned):
        return all(_markup(value, {}, 0) for value in returned)
    assigned = _cached_values(function, _assignments(function))
    inner = [
        node for node in walk(function) if isinstance(node, _Function) and node is not function
    ]
    cleaning = {
        nested.name
        for nested in inner
        if (own := [r.value for r in own_returns(nested)])
        and all(_markup(v, _assignments(nested), 0) for v in own)
    }
    return all(_markup(value, assigned, 0, cleaning) for value in returned)


def _cached_values(
    function: _Function, assigned: dict[str, list[ast.expr]]
) -> dict[str, list[ast.expr]]:
    """`assigned`, with what a local read from a cache holds (`hit = cache.get(key)`)
    taken as the values the function itself stores in that cache (`cache.set(key,
    fresh)`): the cache-aside pattern gives back what it put in. A cache the function
    stores nothing in holds whatever others stored."""
    stored: dict[str, list[ast.expr]] = {}
    for node in walk(function):
        if (
            isinstance(node, ast.Call)
            and (cache := _cache_call(node, "set"))
            and len(node.args) > 1
        ):
            stored.setdefault(cache, []).append(node.args[1])
    if not stored:
        return assigned
    rewritten = dict(assigned)
    for name, values in assigned.items():
        caches = [_cache_call(v, "get") if isinstance(v, ast.Call) else "" for v in values]
        if any(caches):
            rewritten[name] = [
                *(v for v, c in zip(values, caches, strict=True) if not c),
                *(item for c in caches if c for item in stored.get(c, [ast.Constant(None)])),
            ]
    return rewritten


def _cache_call(call: ast.Call, method: str) -> str:
    """The cache a `<cache>.get(...)`/`.set(...)` call reads or writes (`cache`,
    `caches["default"]`, `self.cache`, by its written name), "" for another call."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == method and call.args):
        return ""
    written = ast.unparse(func.value)
    return written if "cache" in written.lower() else ""


def _assignments(function: _Function) -> dict[str, list[ast.expr]]:
    """A local name -> the values assigned to it (a `None` for each binding whose value
    is not shown; a loop over a local list gives the items appended to it, see
    `loop_items`)."""
    assigned: dict[str, list[ast.expr]] = {}
    skipped: set[int] = set()
    for child in walk(function):
        if id(child) in skipped:
            continue
        if isinstance(child, ast.For) and (table := escape_loop(child)) is not None:
            # NOTE: `for old, new in (("&", "&amp;"), ...): text = text.replace(old, new)`
            # gives `text` the chain written out; the loop's own names are its constants.
            name, chain = table
            assigned.setdefault(name, []).append(chain)
            skipped.add(id(child.body[0]))
            for bound in _bound(child):
                assigned.setdefault(bound, []).append(ast.Constant(value=None))
        elif isinstance(child, ast.Call) and (grown := _grown_list(child)) is not None:
            assigned.setdefault(grown[0], []).append(grown[1])
        elif isinstance(child, ast.Assign):
            for target in child.targets:
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(child.value)
                elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    # NOTE: `parts[0] = text`: an item the list's values do not show.
                    assigned.setdefault(target.value.id, []).append(ast.Constant(value=None))
        elif isinstance(child, ast.For) and (items := loop_items(function, child)):
            for name, values in items.items():
                assigned.setdefault(name, []).extend(values)
        elif isinstance(child, ast.AugAssign | ast.AnnAssign | ast.For | ast.With):
            # NOTE: a name built up (`html += row`) or bound by a loop holds more than
            # its assignments show.
            for name in _bound(child):
                assigned.setdefault(name, []).append(ast.Constant(value=None))
    return assigned


def escape_loop(loop: ast.For) -> tuple[str, ast.Call] | None:
    """`for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")): text =
    text.replace(old, new)`: the local replaced and the chain the loop writes out (on an
    empty text), for a loop over a display of pairs of string constants whose body is
    that one assignment; None for another loop."""
    target, table = loop.target, loop.iter
    if not (
        isinstance(target, ast.Tuple)
        and len(target.elts) == 2
        and all(isinstance(n, ast.Name) for n in target.elts)
        and isinstance(table, ast.Tuple | ast.List)
        and len(loop.body) == 1
        and not loop.orelse
    ):
        return None
    names = [n.id for n in target.elts]  # type: ignore[attr-defined]
    match loop.body[0]:
        case ast.Assign(
            targets=[ast.Name(id=local)],
            value=ast.Call(
                func=ast.Attribute(value=ast.Name(id=receiver), attr="replace"),
                args=[ast.Name(id=old), ast.Name(id=new)],
                keywords=[],
            ),
        ) if local == receiver and [old, new] == names:
            pass
        case _:
            return None
    chain: ast.expr = ast.Constant(value="")
    for pair in table.elts:
        if not (
            isinstance(pair, ast.Tuple)
            and len(pair.elts) == 2
            and all(_text(p) is not None for p in pair.elts)
        ):
            return None
        func = ast.Attribute(value=chain, attr="replace", ctx=ast.Load())
        chain = ast.Call(func=func, args=list(pair.elts), keywords=[])
    return (local, chain) if isinstance(chain, ast.Call) else None


def _grown_list(call: ast.Call) -> tuple[str, ast.expr] | None:
    """`parts.append(text)`: the local list grown and, as a list display, what it is
    given (`parts.extend(...)`, `parts.insert(...)`: items not shown, a `None`)."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return None
    if func.attr == "append" and len(call.args) == 1 and not call.keywords:
        return func.value.id, ast.List(elts=[call.args[0]], ctx=ast.Load())
    if func.attr in {"extend", "insert"}:
        return func.value.id, ast.Constant(value=None)
    return None


def _reads_local(value: ast.expr | None) -> bool:
    """Whether `_markup` would look a name up for this value."""
    if isinstance(value, ast.IfExp):
        return _reads_local(value.body) or _reads_local(value.orelse)
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mod):
        right = value.right
        return any(
            _reads_local(v) for v in (right.elts if isinstance(right, ast.Tuple) else [right])
        )
    if isinstance(value, ast.Call) and (joined := _joined(value)) is not None:
        return isinstance(joined, ast.Name)
    if isinstance(value, ast.Call) and _keeps_markup(value):
        return _reads_local(value.args[0])
    if isinstance(value, ast.Call):
        return held_formatter(value)
    return isinstance(value, ast.Name)


def _bound(node: ast.AugAssign | ast.AnnAssign | ast.For | ast.With) -> Iterator[str]:
    targets = [i.optional_vars for i in node.items] if isinstance(node, ast.With) else [node.target]
    for target in targets:
        if target is not None:
            yield from (n.id for n in ast.walk(target) if isinstance(n, ast.Name))


def _markup(
    value: ast.expr | None,
    assigned: dict[str, list[ast.expr]],
    depth: int,
    cleaning: Collection[str] = (),
    constants: Collection[str] = (),
) -> bool:
    """Escaped HTML: a cleaning call (`format_html`, `escape`, `render_to_string`, a
    function of the module's in `cleaning`), a date formatted in such a format
    (`moment.strftime("%M:%S")`), a string literal (or a module's string
    constant named in `constants`, also repeated: `ICON * 2`), a number a numeric format
    writes (`format(area, ".2f")`), an item of a table of a class or a module's constant
    (`Status.colours.get(self.status)`, `BADGES[self.kind]`, see `class_tables`),
    such parts added together or written in an f-string,
    a part of such a string (`text[3:]`: no `<`, `>` or quote of escaped text comes back
    by cutting it), or a local only ever assigned such values."""
    if value is None or depth > 3:
        return False

    def markup(part: ast.expr) -> bool:
        return _markup(part, assigned, depth + 1, cleaning, constants)

    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    if number_text(value):
        return True
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        return all(markup(part) for part in _added(value))
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mult):
        return _repeated(value.left, value.right, markup) or _repeated(
            value.right, value.left, markup
        )
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mod):
        return _formatted(value, markup)
    if isinstance(value, ast.JoinedStr):
        return all(
            isinstance(part, ast.Constant) or markup(getattr(part, "value", part))
            for part in value.values
        )
    if table_item(value, assigned, markup):
        return True  # NOTE: an item of a table of the author's: `Status.colours.get(...)`
    if isinstance(value, ast.Subscript):
        return markup(value.value)
    if isinstance(value, ast.IfExp):
        return all(markup(v) for v in (value.body, value.orelse))
    if isinstance(value, ast.Call):
        if _keeps_markup(value):
            return markup(value.args[0])
        if escaped_by_hand(value):
            return True
        joined = _joined(value)
        if joined is not None:
            return _joined_markup(joined, assigned, markup)
        replaced = _replaced(value)
        if replaced is not None:
            return all(markup(part) for part in replaced)
        trimmed = whitespace_trimmed(value)
        if trimmed is not None:
            return markup(trimmed)
        if isinstance(value.func, ast.Name) and value.func.id in cleaning:
            return True
        if highlights_as_html(value, lambda name: assigned.get(name, ())):
            return True  # NOTE: Pygments' `HtmlFormatter` escapes the code it highlights
        formats = date_format_arguments(value)
        if formats is not None:
            # NOTE: a date written in a format (`moment.strftime("%H:%M")`) is the format's
            # text filled with digits and month names: nothing of the date's own text.
            return all(markup(given) for given in formats)
        return cleans_html(value)
    if isinstance(value, ast.Name):
        values = assigned.get(value.id, [])
        if not values or value.id in constants:
            return value.id in constants
        # NOTE: `text = escape(text)` then `text = f"{ICON}&nbsp;{text[3:]}"`: the name is
        # taken as markup while its own values are judged, once one is markup without it
        assuming = [*constants, value.id]
        base = [v for v in values if _markup(v, assigned, depth + 1, cleaning, constants)]
        return bool(base) and all(
            _markup(v, assigned, depth + 1, cleaning, assuming) for v in values
        )
    return False


def escaped_by_hand(call: ast.Call) -> bool:
    """`text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")`, whatever
    `text` is: a chain of replacements of constant texts that escapes HTML for element
    content (`html_escaping`; later replacements writing whole tags, `"\n"` by `"<br>"`,
    keep it so)."""
    pairs: list[tuple[str | None, str | None]] = []
    node: ast.expr = call
    while (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "replace"
        and len(node.args) == 2
        and not node.keywords
    ):
        pairs.insert(0, (_text(node.args[0]), _text(node.args[1])))
        node = node.func.value
    return bool(pairs) and escapes_chain(pairs)


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _formatted(value: ast.BinOp, markup: Callable[[ast.expr], bool]) -> bool:
    """`"<b>%s</b>" % text`: the author's literal format filled with escaped HTML (each
    value of a tuple); a mapping or a value of another kind is not read."""
    if not (isinstance(value.left, ast.Constant) and isinstance(value.left.value, str)):
        return False
    right = value.right
    if isinstance(right, ast.Dict):
        return False
    return all(markup(part) for part in (right.elts if isinstance(right, ast.Tuple) else [right]))


def _joined(call: ast.Call) -> ast.expr | None:
    """`"".join(parts)`: what a literal separator joins; None for another call."""
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "join"
        and isinstance(func.value, ast.Constant)
        and isinstance(func.value.value, str)
        and len(call.args) == 1
        and not call.keywords
    ):
        return call.args[0]
    return None


def _joined_markup(
    joined: ast.expr, assigned: dict[str, list[ast.expr]], markup: Callable[[ast.expr], bool]
) -> bool:
    """Whether every item joined is escaped HTML: of a list display, or of a local list
    only ever assigned list displays and grown by `append` (see `_assignments`)."""
    if isinstance(joined, ast.List | ast.Tuple):
        return all(markup(item) for item in joined.elts)
    if not isinstance(joined, ast.Name):
        return False
    values = assigned.get(joined.id, [])
    return bool(values) and all(
        isinstance(v, ast.List) and all(markup(item) for item in v.elts) for v in values
    )


def _replaced(call: ast.Call) -> tuple[ast.expr, ast.expr] | None:
    """`html.replace(placeholder, rendered)`: the text and what goes in, both to be
    escaped HTML for the result to be (escaped text holds no `<`, `>` or quote, and
    cutting a piece out makes none); None for another call, or one whose piece taken out
    is a literal entity (`.replace("&lt;", "<")` undoes the escaping)."""
    func = call.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr == "replace"
        and len(call.args) == 2
        and not call.keywords
    ):
        return None
    old = call.args[0]
    if not isinstance(old, ast.Constant) or not isinstance(old.value, str):
        return func.value, call.args[1]
    return None if "&" in old.value else (func.value, call.args[1])


def loop_items(function: _Function, loop: ast.For) -> dict[str, list[ast.expr]]:
    """The values each name of `for placeholder, html in pieces:` takes when `pieces` is
    a local list the function only ever assigns list literals and grows by `append`
    (the items of both, by position for a tuple target); empty when the loop or the list
    is another (a name it hands elsewhere may be changed there)."""
    target, source = loop.target, loop.iter
    if not isinstance(source, ast.Name):
        return {}
    names = target.elts if isinstance(target, ast.Tuple) else [target]
    if not all(isinstance(n, ast.Name) for n in names):
        return {}
    # NOTE: one walk finds every read of the list's name and what each known use of it
    # adds (the loop itself nothing); a read no such use explains is another use.
    added: dict[int, list[ast.expr]] = {id(source): []}
    reads: list[ast.Name] = []
    for node in walk(function):
        if isinstance(node, ast.Name):
            if node.id == source.id:
                reads.append(node)
        elif (use := _list_use(node, source.id)) is not None:
            added[id(use[0])] = use[1]
    if any(id(read) not in added for read in reads):
        return {}
    items = [item for read in reads for item in added[id(read)]]
    found: dict[str, list[ast.expr]] = {}
    for item in items:
        parts = item.elts if isinstance(item, ast.Tuple) else [item]
        if len(names) > 1 and len(parts) != len(names):
            return {}
        for name, part in zip(names, parts if len(names) > 1 else [item], strict=True):
            found.setdefault(name.id, []).append(part)  # type: ignore[attr-defined]
    return found


def _list_use(node: ast.AST, name: str) -> tuple[ast.Name, list[ast.expr]] | None:
    """A use of the list `name` whose items `loop_items` can tell, with the items it adds:
    an assignment of a list literal to it (as its one target) or a call of its `append`
    with one value; None for any other node."""
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.List) and len(node.targets) == 1:
        target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == name:
            return target, node.value.elts
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == name
        and node.func.attr == "append"
        and len(node.args) == 1
        and not node.keywords
    ):
        return node.func.value, [node.args[0]]
    return None


def _repeated(text: ast.expr, count: ast.expr, markup: Callable[[ast.expr], bool]) -> bool:
    """`ICON * 2`: escaped HTML repeated a literal number of times."""
    return isinstance(count, ast.Constant) and type(count.value) is int and markup(text)


def _raw_parameters(function: _Function, assigned: dict[str, list[ast.expr]]) -> list[str]:
    """The parameters a `return` may give as they came: those not first assigned again in
    the function's body itself (not under a test) before the first `return` reading them
    (`text = escape(text)` at the top, then the returns). Such a name is the input, not
    what its assignments show."""
    raw = []
    for parameter in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs):
        name = parameter.arg
        if name not in assigned:
            continue
        reads = [
            node.lineno
            for node in walk(function)
            if isinstance(node, ast.Return)
            and node.value is not None
            and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.value))
        ]
        reset = [
            s.lineno
            for s in function.body
            if (
                isinstance(s, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == name for t in s.targets)
                and _markup(s.value, {}, 0)
            )
            or (isinstance(s, ast.For) and _escapes_local(s, name))
        ]
        if reads and not (reset and reset[0] < min(reads)):
            raw.append(name)
    return raw


def _escapes_local(loop: ast.For, name: str) -> bool:
    """Whether the loop escapes the local `name` for HTML (see `escape_loop`)."""
    table = escape_loop(loop)
    return table is not None and table[0] == name and escaped_by_hand(table[1])


def _string_constants(ctx: FileContext, function: _Function) -> frozenset[str]:
    """The names the function reads that hold a string constant of its module (`ICON =
    '<i class="ph-check"></i>'`), not its own parameters."""
    parameters = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)}
    return frozenset(
        node.id
        for node in walk(function)
        if isinstance(node, ast.Name)
        and isinstance(node.ctx, ast.Load)
        and node.id not in parameters
        and isinstance(ctx.evaluate(node), str)
    )


def _added(value: ast.BinOp) -> list[ast.expr]:
    """The parts of `a + b + c`, in order (one level however long the sum)."""
    parts: list[ast.expr] = [value.right]
    left = value.left
    while isinstance(left, ast.BinOp) and isinstance(left.op, ast.Add):
        parts.insert(0, left.right)
        left = left.left
    return [left, *parts]


def _keeps_markup(call: ast.Call) -> bool:
    """`bleach.linkify(html)`: it wraps the URLs of the HTML it is given in links and
    leaves the rest as it is, so cleaned HTML stays clean (bleach's docs: clean, then
    linkify)."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name == "linkify" and bool(call.args)


_CHAIN_PASSES = 4


def html_functions(
    tree: ast.Module, returns: Returns, *, read_locals: bool = False
) -> tuple[str, ...]:
    """The module's top-level functions every `return` of which gives cleaned or escaped
    HTML (`return sanitizer.clean(markdown(text))`) or `None` (for no input, `if html is
    None: return None`); with `read_locals`, also those
    returning a local only ever assigned such HTML (`cleaned = bleach.clean(html)`, then
    `return cleaned`).

    NOTE: `read_locals` is for modules naming a sanitiser: a walk of each function's
    assignments is what every view module returning `response` would otherwise pay for."""
    candidates = {}
    assigned: dict[str, dict[str, list[ast.expr]]] = {}
    for statement in tree.body:
        if not isinstance(statement, _Function):
            continue
        # NOTE: `return None` (`if html is None: return None`) writes no markup.
        returned = [v for v in returns.get(id(statement), []) if not (v is None or _none(v))]
        if not returned:
            continue
        if any(_reads_local(v) for v in returned):
            if not read_locals:
                continue
            locals_ = _assignments(statement)
            for name in _raw_parameters(statement, locals_):
                locals_.pop(name, None)  # NOTE: it may be returned as it came
            assigned[statement.name] = locals_
        candidates[statement.name] = returned
    found: dict[str, None] = {}
    # NOTE: again while a pass finds more: Review Board's `render_markdown` returns
    # `clean_markdown_html(...)`, which returns `cleaner.clean(html)`. Each pass finds one
    # more link of such a chain; a few passes (linear work) follow the short chains code
    # has.
    for _ in range(_CHAIN_PASSES):
        more = [
            name
            for name, returned in candidates.items()
            if name not in found
            and all(_markup(v, assigned.get(name, {}), 0, found) for v in returned)
        ]
        if not more:
            break
        found.update(dict.fromkeys(more))
    return tuple(found)


def filter_output(
    ctx: FileContext, function: _Function, functions: Mapping[str, _Function] | None = None
) -> tuple[bool, str]:
    """Whether every value a template filter returns is cleaned or escaped HTML (or
    `None`), itself or through a function of its module (`functions`, by name) every
    `return` of which gives such HTML or a number it formatted (`return
    metric_area(area)`), and else the qualified function whose result all its other
    returns give (`return to_markdown(text)`, also marked safe:
    `mark_safe(to_markdown(text))`, judged where it is defined; "" when there is none)."""
    empty = empty_returns(function)
    returned = [
        node.value
        for node in walk(function)
        if isinstance(node, ast.Return)
        and not (node.value is None or _none(node.value) or id(node) in empty)
    ]
    if not returned:
        return False, ""
    assigned = _assignments(function) if any(_reads_local(v) for v in returned) else {}
    for name in _raw_parameters(function, assigned):
        assigned.pop(name, None)
    constants = _string_constants(ctx, function)
    rest = [
        value
        for value in returned
        if not (
            _markup(value, assigned, 0, constants=constants) or _own_markup(value, functions or {})
        )
    ]
    if not rest:
        return True, ""
    # NOTE: an input handed back as it came (`return text` when it is not rich text) is
    # escaped on output like any unmarked value: it says nothing of what the filter marks.
    parameters = {a.arg for a in (*function.args.posonlyargs, *function.args.args)}
    marked = [v for v in rest if not (isinstance(v, ast.Name) and v.id in parameters)]
    callees = {_call_name(ctx, _unmarked(value)) for value in marked}
    if len(callees) != 1:
        return False, ""
    callee = callees.pop()
    if callee is None:
        return False, ""
    if "." not in callee and ctx.names.module:
        callee = f"{ctx.names.module}.{callee}"  # NOTE: a function of the filter's module
    return False, callee


def empty_returns(function: _Function) -> set[int]:
    """The `return data` statements right under `if data is None:` or `if not data:`:
    they hand back an input that is empty (`None`, `""`), which writes no markup."""
    found: set[int] = set()
    for node in walk(function):
        if not isinstance(node, ast.If):
            continue
        name = _emptiness_tested(node.test)
        found.update(
            id(statement)
            for statement in node.body
            if isinstance(statement, ast.Return)
            and isinstance(statement.value, ast.Name)
            and statement.value.id == name
        )
    return found


def _emptiness_tested(test: ast.expr) -> str | None:
    """`data is None`, `not data`: the name whose emptiness the test holds for."""
    match test:
        case ast.Compare(left=ast.Name(id=name), ops=[ast.Is()], comparators=[ast.Constant(None)]):
            return name
        case ast.UnaryOp(op=ast.Not(), operand=ast.Name(id=name)):
            return name
    return None


def _own_markup(value: ast.expr, functions: Mapping[str, _Function]) -> bool:
    """`return imperial_area(area)`: a call of a function of the filter's module every
    `return` of which gives escaped HTML or a number it formatted with the author's text
    (`format(area, ".2f") + " ft<sup>2</sup>"`)."""
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)):
        return False
    callee = functions.get(value.func.id)
    if callee is None:
        return False
    returned = [node.value for node in walk(callee) if isinstance(node, ast.Return)]
    return bool(returned) and returns_markup(callee, returned)


def _unmarked(value: ast.expr) -> ast.expr:
    """`mark_safe(render(text))` -> `render(text)`: the HTML a filter marks safe as it is,
    cleaned or not as that call made it."""
    if (
        isinstance(value, ast.Call)
        and len(value.args) == 1
        and not value.keywords
        and isinstance(value.args[0], ast.Call)
        and _last_name(value.func) in SAFE_MARKERS
    ):
        return value.args[0]
    return value


def _last_name(func: ast.expr) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _call_name(ctx: FileContext, value: ast.expr) -> str | None:
    return ctx.call_name(value) if isinstance(value, ast.Call) else None


def _none(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and value.value is None


def cleaned_html(value: ast.expr, cleaning: Collection[str] = ()) -> bool:
    """Whether `value` is cleaned or escaped HTML without a look at any local: a cleaning
    call, or a call of one of the module's functions named in `cleaning`."""
    return _markup(value, {}, 0, cleaning)


def class_methods(ctx: FileContext) -> tuple[tuple[str, bool], ...]:
    """The methods of the module's top-level classes, as `Class.method`, each with whether
    every `return` of it gives HTML safe to mark safe: the author's text or what it
    escaped (`return "English | <a href='#' lang='cy'>Cymraeg</a>"`, a chooser of such
    literals). A view handing on what a mixin's method returns (`self.language_link(
    request)`) passes that; which class's method runs is settled with every module read.

    NOTE: read in modules importing Django or Flask only, where views and their mixins
    are; the `return`s come from the context's index (see `returns_by_function`)."""
    if not (ctx.names.imports("django") or ctx.names.imports("flask")):
        return ()
    returns: Returns | None = None
    found: list[tuple[str, bool]] = []
    for node in ctx.tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        for method in node.body:
            if not isinstance(method, _Function):
                continue
            if returns is None:
                returns = returns_by_function(ctx)
            markup = _judged(method, returns, method_verdicts(ctx))
            found.append((f"{node.name}.{method.name}", markup))
    return tuple(found)
