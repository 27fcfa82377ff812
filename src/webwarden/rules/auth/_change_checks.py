"""Comparisons that check for a change, not a secret (WW744): an `if` that stores one
compared value over the other, or an object's field compared with the same field of
another copy of it."""

from __future__ import annotations

import ast

from webwarden.model.module import identifier_words
from webwarden.model.scopes import block_holding
from webwarden.rules.auth._form_changes import form_field_changed
from webwarden.rules.auth._passwords import GENERATE_PASSWORD_HASH, MAKE_PASSWORD
from webwarden.rules.context import FileContext


def change_check(ctx: FileContext, node: ast.Compare) -> bool:
    """`if new_secret != element["secret"]: element["secret"] = new_secret`: the `if`
    stores one compared value over the other when they differ; it checks nobody. (One
    that clears a compared value instead, `if session.mac != mac: session = None`, may
    well be the check, unless the function then makes it anew from the other value.) Nor does an object comparing its own field with the same field
    of another copy (`old_obj.mac != self.mac` in a model's `clean()`, Ralph's), nor a
    Django form's initial value against the submitted one (`form_field_changed`), nor an
    `if` that raises when the values are equal (`_refused_when_equal`)."""
    if len(node.comparators) != 1:
        return False
    if _own_field_against_copy(node.left, node.comparators[0]):
        return True
    if _against_itself(node.left, node.comparators[0]):
        return True
    test_of = next(
        (a for a in ctx.ancestors(node) if isinstance(a, ast.If) and _within(node, a.test)),
        None,
    )
    if test_of is None:
        return False
    if _refused_when_equal(node, test_of):
        return True
    pairs = _either_way(node.left, node.comparators[0])
    if any(_stores(statement, pairs) for statement in test_of.body):
        return True
    if _stored_for_field(ctx, test_of, node.left, node.comparators[0]):
        return True
    if form_field_changed(ctx, node, test_of):
        return True
    return (
        _replaced_before(ctx, test_of, node.left, node.comparators[0])
        or _rebuilt_after(ctx, test_of, node.left, node.comparators[0])
        or _stored_after(ctx, test_of, node.left, node.comparators[0])
    )


def _stored_after(ctx: FileContext, test_of: ast.If, left: ast.expr, right: ast.expr) -> bool:
    """`if new_secret != settings.app.secret: changes.add("sso")`, then
    `settings.app.secret = new_secret` later in the function: a settings or profile
    update that notes what changed and stores the value sent whatever the answer. The
    `if` refuses nothing (at most a bare `return`: nothing to do when the value is the
    one kept, `if token == _cur_token: return`, then `_cur_token = token`)."""
    if any(_refuses(ctx, n) and not _bare_return(n) for s in test_of.body for n in ast.walk(s)):
        return False
    pairs = _either_way(left, right)
    return any(
        _stores(node, pairs) or _stored_anew(node, left, right)
        for statement in _later_in_function(ctx, test_of)
        for node in ast.walk(statement)
    )


_CLEAR_WORDS = frozenset({"decrypted", "plain", "plaintext", "clear", "cleartext"})
"""Words naming the readable copy of a secret kept encrypted (`decrypted_credential_pairs`,
`plain_password`): the field it is stored in is named without them."""


def _stored_anew(node: ast.AST, left: ast.expr, right: ast.expr) -> bool:
    """`update["credential_pairs"] = cipher.encrypt(json.dumps(credential_pairs))` after
    `if credential_pairs != cred.decrypted_credential_pairs:`: what calls make of one
    compared value, stored under the other's field name less a word saying it is the
    readable copy (`decrypted_`, `plain_`): the new secret replaces the old one."""
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
        return False
    field = _field_name(node.targets[0])
    if field is None or not isinstance(node.value, ast.Call):
        return False
    stored = identifier_words(field)
    for new, old in ((left, right), (right, left)):
        old_field = _field_name(old)
        if old_field is None:
            continue
        words = identifier_words(old_field)
        if stored in (words, [w for w in words if w not in _CLEAR_WORDS]) and _made_of(
            node.value, ast.unparse(new)
        ):
            return True
    return False


def _made_of(call: ast.Call, given: str) -> bool:
    """Whether `call` is handed `given`, itself or through calls (`encrypt(dumps(x))`)."""
    return any(
        ast.unparse(value) == given or (isinstance(value, ast.Call) and _made_of(value, given))
        for value in (*call.args, *(k.value for k in call.keywords))
    )


def _either_way(left: ast.expr, right: ast.expr) -> set[tuple[str, str]]:
    """The (target, value) texts of an assignment storing one compared value over the
    other, also over the slot a side reads through a conversion (`record.signature` of
    `bytes(record.signature)`, `HexBytes(row.digest)`: the stored value read as the type
    the other side has)."""
    pairs = set()
    for one, other in ((left, right), (right, left)):
        for target in {ast.unparse(one), ast.unparse(_unconverted(one))}:
            pairs.add((target, ast.unparse(other)))
    return pairs


_CONVERSIONS = frozenset({"str", "bytes", "bytearray", "int", "float", "bool"})
"""Builtins that read a value as another type (a class called with it does too)."""


def _unconverted(value: ast.expr) -> ast.expr:
    """`x` for `bytes(x)`, `str(x)` or `HexBytes(x)` (a class given the value alone);
    else `value` itself."""
    match value:
        case ast.Call(func=ast.Name(id=name) | ast.Attribute(attr=name), args=[inner], keywords=[]):
            if name in _CONVERSIONS or name[:1].isupper():
                return inner
    return value


def _stores(node: ast.AST, pairs: set[tuple[str, str]]) -> bool:
    """Whether `node` is `target = value`, one of `pairs` (see `_either_way`)."""
    return (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and (ast.unparse(node.targets[0]), ast.unparse(node.value)) in pairs
    )


def _bare_return(node: ast.AST) -> bool:
    """`return` or `return None`."""
    return isinstance(node, ast.Return) and (
        node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None)
    )


def _stored_for_field(ctx: FileContext, test_of: ast.If, left: ast.expr, right: ast.expr) -> bool:
    """`if new != self.instance.tokens: attrs["tokens"] = new.copy()`: the `if` only
    stores one compared value (or a copy of it, or its password hash:
    `if current.get("password") != password: model["password"] =
    generate_password_hash(password)`, a form that shows the stored hash and hashes a
    new password typed over it) under the field name of the other, the data to be saved
    over it (a serializer's validated `attrs`), or over the field the other compared
    value's accessor returns (`_getter_of`: `user.get_password_hash()`), or what a call
    makes of it over the very expression compared (`_transformed`); it neither returns,
    raises nor aborts, so
    nothing is refused on the comparison."""
    if any(_refuses(ctx, n) for s in test_of.body for n in ast.walk(s)):
        return False
    for statement in test_of.body:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
            continue
        stored = _unhashed(ctx, _uncopied(statement.value))
        target = statement.targets[0]
        field, value = _field_name(target), ast.unparse(stored)
        for new, old in ((left, right), (right, left)):
            if field is not None and value == ast.unparse(new) and _field_name(old) == field:
                return True
            if value == ast.unparse(new) and _getter_of(old, target):
                return True
            if _transformed(statement.value, new) and ast.unparse(target) in _slots(old):
                return True
    return False


def _transformed(value: ast.expr, new: ast.expr) -> bool:
    """`encrypt(password)`, `cipher.encrypt(password, key=key)`: a call given the new
    value, whose result is stored over the very expression compared (`if password !=
    org.password: org.password = encrypt(password)`) or over the value the other
    compared call reads (`if password != decrypt(self.encrypted): self.encrypted =
    encrypt(password)`): whatever the call makes of the new value, the `if` only
    decides whether to write it."""
    return isinstance(value, ast.Call) and ast.unparse(new) in _given(value)


def _slots(old: ast.expr) -> set[str]:
    """The expression compared, and when it is a call, the values it is given."""
    return {ast.unparse(old), *(_given(old) if isinstance(old, ast.Call) else ())}


def _given(call: ast.Call) -> list[str]:
    return [ast.unparse(a) for a in (*call.args, *(k.value for k in call.keywords))]


def _against_itself(left: ast.expr, right: ast.expr) -> bool:
    """`stored == encrypt(stored, key=key)`: a value compared with what a call makes of
    it, a check of its form (already encrypted?), not of anything a caller sent."""
    return any(
        isinstance(made, ast.Call) and ast.unparse(value) in _given(made)
        for value, made in ((left, right), (right, left))
    )


def _refused_when_equal(node: ast.Compare, test_of: ast.If) -> bool:
    """`if self.instance.password == password: raise ValidationError("New password cannot
    match the old one")`: the `if` tests the equality alone and raises when it holds, so
    nothing is granted on a match; the new value must differ from the stored one (and
    the error says so: a caller learns no more from the timing). Also when the equality
    is one term of an `and` (`if self.last_token is not None and self.last_token ==
    token: raise TokenInvalid("already used")`, a one-time code's replay check): the
    match is still needed for the refusal and grants nothing."""
    test = test_of.test
    conjoined = (
        isinstance(test, ast.BoolOp)
        and isinstance(test.op, ast.And)
        and any(value is node for value in test.values)
    )
    return (
        (test is node or conjoined)
        and isinstance(node.ops[0], ast.Eq)
        and bool(test_of.body)
        and isinstance(test_of.body[-1], ast.Raise)
    )


def _refuses(ctx: FileContext, node: ast.AST) -> bool:
    """A `return`, a `raise` or an `abort(403)` (Flask's, Werkzeug's, an extension's)."""
    if isinstance(node, ast.Return | ast.Raise):
        return True
    name = ctx.call_name(node) if isinstance(node, ast.Call) else None
    return name is not None and name.rpartition(".")[2] == "abort"


def _field_name(node: ast.expr) -> str | None:
    """`x` of `obj.x`, of `data["x"]` and of `data.get("x")`."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return node.slice.value if isinstance(node.slice.value, str) else None
    match node:
        case ast.Call(func=ast.Attribute(attr="get"), args=[ast.Constant(value=str() as key), *_]):
            return key
    return None


_GETTER_PREFIX = "get_"
_STORED_FORM = "_hash"


def _getter_of(old: ast.expr, target: ast.expr) -> bool:
    """`user.get_password_hash()` (or `user.get_password()`) against the target
    `user.password`: the accessor, given nothing, of the very object's field the `if`
    stores to, which returns the field as kept (Canaille's SCIM update storing the
    password sent when it is not the stored hash)."""
    match old, target:
        case (
            ast.Call(func=ast.Attribute(value=owner, attr=getter), args=[], keywords=[]),
            ast.Attribute(value=stored_on, attr=field),
        ):
            accessor = getter.removeprefix(_GETTER_PREFIX)
            return (
                getter.startswith(_GETTER_PREFIX)
                and accessor in (field, field + _STORED_FORM)
                and ast.unparse(owner) == ast.unparse(stored_on)
            )
    return False


def _unhashed(ctx: FileContext, value: ast.expr) -> ast.expr:
    """`password` for `generate_password_hash(password, ...)` and `make_password(password)`:
    the new password, stored as its hash."""
    if (
        isinstance(value, ast.Call)
        and value.args
        and ctx.call_name(value) in GENERATE_PASSWORD_HASH | MAKE_PASSWORD
    ):
        return value.args[0]
    return value


def _uncopied(value: ast.expr) -> ast.expr:
    """`x` for `x.copy()`, `dict(x)`, `list(x)` and `copy.copy(x)`: the same value."""
    if not isinstance(value, ast.Call) or value.keywords:
        return value
    func = value.func
    if isinstance(func, ast.Attribute) and func.attr == "copy" and not value.args:
        return func.value
    name = ast.unparse(func)
    if name in {"dict", "list", "copy.copy", "copy.deepcopy"} and len(value.args) == 1:
        return value.args[0]
    return value


def _rebuilt_after(ctx: FileContext, test_of: ast.If, left: ast.expr, right: ast.expr) -> bool:
    """`if client.api_key != key: client = None`, then `client = Client(key)` later in
    the function: a client kept for the configured key, dropped and made anew with the new
    one when the configuration changed, by a class or function called by name. Dropping
    it alone may be the check, and so may fetching it again (`session =
    self.store.get(sid, digest)`, a store that checks the digest the client sent)."""
    match test_of.body:
        case [ast.Assign(targets=[ast.Name(id=held)], value=ast.Constant(value=None))]:
            pass
        case _:
            return False
    for field, other in ((left, right), (right, left)):
        if not (isinstance(field, ast.Attribute) and ast.unparse(field.value) == held):
            continue
        given = ast.unparse(other)
        after = _later_in_function(ctx, test_of)
        for statement in (n for s in after for n in ast.walk(s)):
            if (
                isinstance(statement, ast.Assign)
                and [ast.unparse(t) for t in statement.targets] == [held]
                and isinstance(statement.value, ast.Call)
                and isinstance(statement.value.func, ast.Name)
                and given
                in [ast.unparse(a) for a in statement.value.args]
                + [ast.unparse(k.value) for k in statement.value.keywords]
            ):
                return True
    return False


def _replaced_before(ctx: FileContext, test_of: ast.If, left: ast.expr, right: ast.expr) -> bool:
    """`old = account.get("password"); account["password"] = password; if password !=
    old:`: the slot a local read was overwritten with the other compared value before
    the `if`, which only asks whether the stored value changed."""
    holder = ctx.parent(test_of)
    block = next(
        (b for b in (getattr(holder, f, None) for f in ("body", "orelse")) if _holds(b, test_of)),
        None,
    )
    if block is None:
        return False
    before = block[: next(i for i, s in enumerate(block) if s is test_of)]
    for old, new in ((left, right), (right, left)):
        read = ctx.lookup(old) if isinstance(old, ast.Name) else None
        slot = _slot_read(read)
        if slot is None:
            continue
        for statement in before:
            if (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and ast.unparse(statement.targets[0]) == slot
                and ast.unparse(statement.value) == ast.unparse(new)
            ):
                return True
    return False


def _later_in_function(ctx: FileContext, statement: ast.stmt) -> list[ast.stmt]:
    """The statements after `statement` in its block, and after each statement that holds
    it, up to the function (`if client:` holding `if client.key != key:`)."""
    found: list[ast.stmt] = []
    current: ast.AST | None = statement
    while isinstance(current, ast.stmt) and not isinstance(current, _FUNCTIONS):
        found += _statements_after(ctx, current)
        current = ctx.parent(current)
    return found


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _statements_after(ctx: FileContext, statement: ast.stmt) -> list[ast.stmt]:
    """The statements following `statement` in the block that holds it."""
    holder = ctx.parent(statement)
    block = block_holding(holder, statement) if holder is not None else None
    if block is None:
        return []
    at = next(i for i, s in enumerate(block) if s is statement)
    return block[at + 1 :]


def _holds(block: object, statement: ast.stmt) -> bool:
    return isinstance(block, list) and any(s is statement for s in block)


def _slot_read(value: ast.expr | None) -> str | None:
    """`account["password"]` for `account["password"]` and `account.get("password", "")`."""
    if isinstance(value, ast.Subscript):
        return ast.unparse(value)
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "get"
        and value.args
    ):
        return f"{ast.unparse(value.func.value)}[{ast.unparse(value.args[0])}]"
    return None


def _own_field_against_copy(left: ast.expr, right: ast.expr) -> bool:
    """`old.mac != self.mac`: the same attribute of `self` and of another plain name (or
    of two names, one for an earlier version: `prev.secret != cur.secret`); or
    an object's field against the copy it kept of it (`instance._initial_token !=
    instance.token` in a `post_save` receiver, `self.__original_key != self.key` in a
    model's `save()`): which of its fields changed. `getattr(other, "key", None)` reads
    `other.key` (an `__eq__` comparing two copies of a credential object)."""
    match _attribute_read(left), _attribute_read(right):
        case ast.Attribute(value=ast.Name(id=a), attr=x), ast.Attribute(
            value=ast.Name(id=b), attr=y
        ):
            if x == y:
                return a != b and ("self" in (a, b) or _earlier_copy(a) or _earlier_copy(b))
            return a == b and (_kept_copy_of(x, y) or _kept_copy_of(y, x))
    if _same_key_of_versions(left, right):
        return True
    return _field_against_kept_values(left, right) or _field_against_kept_values(right, left)


def _earlier_copy(name: str) -> bool:
    """`prev`, `old`, `old_obj`, `previous_release`: a name for an earlier version of a
    record, whose fields the code compares with the current one's to tell a change."""
    words = identifier_words(name)
    return bool(words) and words[0] in _COPY_WORDS and len(words) <= 2


def _same_key_of_versions(left: ast.expr, right: ast.expr) -> bool:
    """`old.get("secret") != new.get("secret")`, `prev["token"] != cur["token"]`: the
    same key of two mappings, one named for an earlier version (`_earlier_copy`): two
    snapshots of a record compared key by key (a changelog), not a sent value checked."""
    keys = [_key_of_name(side) for side in (left, right)]
    match keys:
        case [(a, x), (b, y)] if x == y and a != b:
            return _earlier_copy(a) or _earlier_copy(b)
    return False


def _key_of_name(value: ast.expr) -> tuple[str, str] | None:
    """`("old", "secret")` for `old["secret"]` and `old.get("secret"[, default])`."""
    match value:
        case ast.Subscript(value=ast.Name(id=name), slice=ast.Constant(value=str() as key)):
            return name, key
        case ast.Call(
            func=ast.Attribute(value=ast.Name(id=name), attr="get"),
            args=[ast.Constant(value=str() as key), *_],
        ) if len(value.args) <= 2 and not value.keywords:
            return name, key
    return None


def _field_against_kept_values(field: ast.expr, kept: ast.expr) -> bool:
    """`instance.password != old_values["password"]` (`old_values = instance._old_values`
    in a `post_save` receiver, `self._loaded_values["key"]` in a model's `save()`): an
    object's field against the value a mapping of its earlier field values holds under
    the field's name: whether the field changed."""
    match field, kept:
        case ast.Attribute(attr=name), ast.Subscript(slice=ast.Constant(value=str() as key)):
            holder = kept.value
            held = holder.attr if isinstance(holder, ast.Attribute) else None
            if isinstance(holder, ast.Name):
                held = holder.id
            return key == name and held is not None and _names_kept_values(held)
    return False


def _names_kept_values(name: str) -> bool:
    """`old_values`, `_loaded_values`, `original_data`, `initial`: a mapping of a copy."""
    words = identifier_words(name)
    return bool(words) and words[0] in _COPY_WORDS and len(words) <= 2


def _attribute_read(node: ast.expr) -> ast.expr:
    """`obj.name` for `getattr(obj, "name"[, default])`; else `node` itself."""
    match node:
        case ast.Call(
            func=ast.Name(id="getattr"),
            args=[ast.Name() as owner, ast.Constant(value=str() as attr), *_],
        ) if len(node.args) <= 3 and not node.keywords:
            return ast.Attribute(value=owner, attr=attr, ctx=ast.Load())
    return node


_COPY_WORDS = frozenset({"initial", "original", "orig", "old", "previous", "prev", "loaded"})
"""Words that name the copy of a field an object keeps to tell a change."""


def _kept_copy_of(copy: str, field: str) -> bool:
    """`_initial_token` of `token`, `__original_key` of `key`, `token_old` of `token`."""
    words, own = identifier_words(copy), identifier_words(field)
    if len(words) != len(own) + 1:
        return False
    return (words[0] in _COPY_WORDS and words[1:] == own) or (
        words[-1] in _COPY_WORDS and words[:-1] == own
    )


def _within(node: ast.AST, tree: ast.AST) -> bool:
    return any(inner is node for inner in ast.walk(tree))
