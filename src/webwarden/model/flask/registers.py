"""Blueprints registered on an app or blueprint, one at a time or in a loop; the objects
an `init_app` loop sets up."""

from __future__ import annotations

import ast

from webwarden.model.flask.facts import CollectionFact, RegisterFact
from webwarden.model.flask.references import Namer
from webwarden.model.tree import summands

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
WILDCARD = "*"
"""The part of a module's dotted name a name the code cannot know fills."""


def register_facts(namer: Namer, call: ast.Call, owner: str) -> list[RegisterFact]:
    """`owner.register_blueprint(bp, url_prefix=..., name=...)`; in a loop (`for bp in
    (users, auth):`, `for bp in blueprints:`, `for bp in BLUEPRINTS + [admin]:`) one
    fact per member of what it goes over, each standing for what that member holds
    should it be a collection (or a parameter given one); over a table of dicts
    (`bp["handler"]`, `url_prefix=bp["url_prefix"]`) one fact per row."""
    ctx = namer.ctx
    given = ctx.argument(call, 0, "blueprint")
    prefix = ctx.keyword(call, "url_prefix")
    name = ctx.keyword(call, "name")

    def fact(blueprint: str, each: bool = False) -> RegisterFact:
        return RegisterFact(
            owner,
            blueprint,
            None if prefix is None else ctx.evaluate(prefix),
            None if name is None else ctx.evaluate(name),
            ctx.location(call),
            each,
        )

    rows = _table_rows(namer, call, given)
    if rows:
        return [
            RegisterFact(owner, blueprint, row_prefix, None, ctx.location(call))
            for blueprint, row_prefix in _row_registrations(namer, rows, given, prefix)
        ]
    looped = _loop_over(namer, call, given)
    if looped is not None:
        return [fact(member, each=True) for member in _members(namer, looped)]
    imported = _imported_blueprints(namer, call, given)
    if imported:
        return [fact(member, each=True) for member in imported]
    made = _members_made(namer, call, given)
    if made:
        return [fact(member, each=True) for member in made]
    blueprint = namer.ref(given)
    if blueprint is None and isinstance(given, ast.Call):
        # NOTE: `app.register_blueprint(views.construct_blueprint(store))`: the
        # blueprint the factory returns (`FlaskIndex.blueprint_of` follows it).
        made_by = namer.ref(given.func)
        blueprint = None if made_by is None else made_by + "()"
    return [] if blueprint is None else [fact(blueprint)]


def _loop_over(namer: Namer, call: ast.Call, given: ast.expr | None) -> ast.expr | None:
    """What the `for` loop around `call` iterates when its target is the name given."""
    if not isinstance(given, ast.Name):
        return None
    for holder in namer.ctx.ancestors(call):
        if isinstance(holder, _FUNCTIONS):
            return None
        if (
            isinstance(holder, ast.For)
            and isinstance(holder.target, ast.Name)
            and holder.target.id == given.id
        ):
            return holder.iter
    return None


def _members_made(namer: Namer, call: ast.Call, given: ast.expr | None) -> list[str]:
    """`for module in (admin, settings): app.register_blueprint(module.create_blueprint())`
    (or `module.bp`): what the attribute of each member the loop goes over (a module, an
    object) gives, as `register_blueprint(admin.create_blueprint())` would, written out
    one by one."""
    called = isinstance(given, ast.Call)
    read = given.func if isinstance(given, ast.Call) else given
    if not (isinstance(read, ast.Attribute) and isinstance(read.value, ast.Name)):
        return []
    looped = _loop_over(namer, call, read.value)
    if looped is None or not _collection(looped):
        return []
    suffix = "()" if called else ""
    return [f"{member}.{read.attr}{suffix}" for member in _members(namer, looped)]


def looped_objects(namer: Namer, call: ast.Call, given: ast.expr) -> list[str]:
    """`for client in (metrics, csrf, login_manager): client.init_app(app)`: the objects
    the loop around `call` goes over when `given` is its target, written out as a tuple,
    list or set there or bound to one (`for ext in EXTENSIONS:`); none otherwise."""
    iterated = _loop_over(namer, call, given)
    if isinstance(iterated, ast.Name):
        iterated = namer.ctx.scopes.made_by(iterated)
    if not isinstance(iterated, ast.Tuple | ast.List | ast.Set):
        return []
    return _literal_members(namer, iterated)


def _table_rows(namer: Namer, call: ast.Call, given: ast.expr | None) -> list[ast.Dict]:
    """`for bp in blueprints: app.register_blueprint(bp["handler"], url_prefix=
    bp["url_prefix"])`, `blueprints` a list of dict displays (or bound to one): its
    rows."""
    if not (isinstance(given, ast.Subscript) and isinstance(given.value, ast.Name)):
        return []
    iterated = _loop_over(namer, call, given.value)
    if isinstance(iterated, ast.Name):
        iterated = namer.ctx.scopes.made_by(iterated)
    if not isinstance(iterated, ast.List | ast.Tuple):
        return []
    return [row for row in iterated.elts if isinstance(row, ast.Dict)]


def _row_registrations(
    namer: Namer, rows: list[ast.Dict], given: ast.expr | None, prefix: ast.expr | None
) -> list[tuple[str, object]]:
    """(blueprint, url_prefix) of each row: the items under the keys the call reads
    (`bp["handler"]`, `bp["url_prefix"]`); a prefix not read from the row is evaluated."""
    ctx = namer.ctx

    def item(row: ast.Dict, read: ast.expr | None) -> ast.expr | None:
        if not (isinstance(read, ast.Subscript) and isinstance(read.value, ast.Name)):
            return None
        key = ctx.evaluate(read.slice)
        return next(
            (v for k, v in zip(row.keys, row.values, strict=True) if ctx.evaluate(k) == key),
            None,
        )

    found = []
    for row in rows:
        handler = item(row, given)
        blueprint = namer.ref(handler) if isinstance(handler, ast.Name | ast.Attribute) else None
        if blueprint is None:
            continue
        row_prefix = item(row, prefix)
        if isinstance(prefix, ast.Subscript):
            value = None if row_prefix is None else ctx.evaluate(row_prefix)
        else:
            value = None if prefix is None else ctx.evaluate(prefix)
        found.append((blueprint, value))
    return found


def _imported_blueprints(namer: Namer, call: ast.Call, given: ast.expr | None) -> list[str]:
    """`for name in NAMES: module = importlib.import_module(f"pkg.{name}")` then
    `app.register_blueprint(module.blueprint)`: the attribute of each module named, when
    `NAMES` is a list of constant strings; when the names come from elsewhere (the
    deployment's configuration, `for kind in config.auth.split()`), the attribute of
    every module the pattern may name, `pkg.*.views.auth` (`WILDCARD` for the part a
    name fills, which the project step matches against the project's modules)."""
    if not (isinstance(given, ast.Attribute) and isinstance(given.value, ast.Name)):
        return []
    loop = next(
        (h for h in namer.ctx.ancestors(call) if isinstance(h, (*_FUNCTIONS, ast.For))), None
    )
    if not isinstance(loop, ast.For) or not isinstance(loop.target, ast.Name):
        return []
    names = namer.ctx.evaluate(loop.iter)
    known = isinstance(names, list | tuple) and all(isinstance(n, str) for n in names)
    for statement in loop.body:
        if (
            isinstance(statement, ast.Assign)
            and [getattr(t, "id", None) for t in statement.targets] == [given.value.id]
            and isinstance(statement.value, ast.Call)
            and namer.ctx.call_name(statement.value) == "importlib.import_module"
            and (pattern := _name_pattern(statement.value, loop.target.id)) is not None
        ):
            before, after = pattern
            if known:
                assert isinstance(names, list | tuple)  # noqa: S101 - checked as `known`
                return [f"{before}{n}{after}.{given.attr}" for n in names]
            if before.endswith(".") and (not after or after.startswith(".")):
                return [f"{before}{WILDCARD}{after}.{given.attr}"]
    return []


def _name_pattern(call: ast.Call, variable: str) -> tuple[str, str] | None:
    """(`pkg.`, `.routes`) for the module name `import_module` is given, made from
    `variable` between two constant parts: `f"pkg.{variable}.routes"`,
    `"pkg.{}.routes".format(variable)`, `"pkg.%s.routes" % variable` or `"pkg." +
    variable + ".routes"`."""
    text = call.args[0] if len(call.args) == 1 else None
    if isinstance(text, ast.JoinedStr):
        return _joined_pattern(text, variable)
    if isinstance(text, ast.Call) and _formats_variable(text, variable):
        assert isinstance(text.func, ast.Attribute)  # noqa: S101 - checked by _formats_variable
        return _split_constant(text.func.value, "{}")
    if (
        isinstance(text, ast.BinOp)
        and isinstance(text.op, ast.Mod)
        and _is_name(text.right, variable)
    ):
        return _split_constant(text.left, "%s")
    if isinstance(text, ast.BinOp) and isinstance(text.op, ast.Add):
        parts = summands(text)
        held = [i for i, p in enumerate(parts) if _is_name(p, variable)]
        if len(held) != 1 or not all(_is_text(p) for i, p in enumerate(parts) if i != held[0]):
            return None
        texts = [str(p.value) if isinstance(p, ast.Constant) else "" for p in parts]
        return "".join(texts[: held[0]]), "".join(texts[held[0] + 1 :])
    return None


def _joined_pattern(text: ast.JoinedStr, variable: str) -> tuple[str, str] | None:
    parts = text.values
    held = [i for i, p in enumerate(parts) if isinstance(p, ast.FormattedValue)]
    if len(held) != 1:
        return None
    value = parts[held[0]]
    assert isinstance(value, ast.FormattedValue)  # noqa: S101 - selected above
    if not _is_name(value.value, variable):
        return None
    constants = [p.value if isinstance(p, ast.Constant) else "" for p in parts]
    return "".join(map(str, constants[: held[0]])), "".join(map(str, constants[held[0] + 1 :]))


def _formats_variable(call: ast.Call, variable: str) -> bool:
    """`"pkg.{}.routes".format(variable)`."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "format"
        and _is_text(func.value)
        and len(call.args) == 1
        and not call.keywords
        and _is_name(call.args[0], variable)
    )


def _split_constant(node: ast.expr, slot: str) -> tuple[str, str] | None:
    """The text before and after the one `slot` of a string literal."""
    if not _is_text(node):
        return None
    assert isinstance(node, ast.Constant)  # noqa: S101 - checked by _is_text
    before, found, after = str(node.value).partition(slot)
    return (before, after) if found and slot not in after else None


def _is_name(node: ast.expr, variable: str) -> bool:
    return isinstance(node, ast.Name) and node.id == variable


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def collection_fact(namer: Namer, ref: str, value: ast.expr) -> CollectionFact | None:
    """`ref = (a, b)`, `[a, b]`, `{a, b}`, `other + (c,)`: the references it holds."""
    if not _collection(value):
        return None
    members = _members(namer, value)
    return CollectionFact(ref, tuple(members)) if members else None


def _collection(value: ast.expr) -> bool:
    """A literal tuple, list or set, or a sum of names and such literals."""
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        return all(isinstance(p, _MEMBER_OR_LITERAL) for p in summands(value))
    return isinstance(value, ast.Tuple | ast.List | ast.Set)


_MEMBER_OR_LITERAL = (ast.Name, ast.Attribute, ast.Tuple, ast.List, ast.Set)


def _members(namer: Namer, value: ast.expr) -> list[str]:
    found = []
    for part in summands(value):
        if isinstance(part, ast.Name | ast.Attribute):
            ref = namer.ref(part)
            found += [] if ref is None else [ref]
        elif isinstance(part, ast.Tuple | ast.List | ast.Set):
            found += _literal_members(namer, part)
    return found


def _literal_members(namer: Namer, value: ast.Tuple | ast.List | ast.Set) -> list[str]:
    found = []
    for element in value.elts:
        inner = element.value if isinstance(element, ast.Starred) else element
        ref = namer.ref(inner) if isinstance(inner, ast.Name | ast.Attribute) else None
        if ref is not None:
            found.append(ref)
    return found
