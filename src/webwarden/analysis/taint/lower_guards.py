"""Lowering of branch tests into guards: what a test (`if is_safe(x):`, `x in ALLOWED`,
`os.path.realpath(p).startswith(root)`) establishes about the variables it checks, on
each arm."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import partial

from webwarden.analysis.character_classes import admits, checked_inert_kinds
from webwarden.analysis.patterns import (
    MATCHERS,
    allowed_class,
    anchored_core,
    host_under_domain,
    local_path_only,
    words_only,
)
from webwarden.analysis.taint import ir
from webwarden.analysis.taint.base_spellings import (
    forget_common,
    held_common,
    note_base,
    note_common,
    spelled_base,
)
from webwarden.analysis.taint.control_checks import control_guards, printable_guards
from webwarden.analysis.taint.dict_lookups import made_dict
from webwarden.analysis.taint.lower_expr import Scope, known_text, lower, read_key
from webwarden.analysis.taint.matched_keys import (
    decompose,
    forget,
    note_groups,
    note_renaming,
    renaming,
)
from webwarden.analysis.taint.prefix_ends import ends_in_separator, note_prefix
from webwarden.analysis.taint.rejected_items import (
    loop_rejection,
    outside_guards,
    quantified_guards,
    rejected_guards,
)
from webwarden.analysis.taint.resolved_paths import resolved_path_guards
from webwarden.analysis.taint.response_types import response_tested
from webwarden.analysis.taint.scope_names import target_names, walk_scope_names
from webwarden.analysis.taint.slash_checks import backslash_guards, single_slash_guards
from webwarden.analysis.taint.specs import (
    GUARDS,
    JOINED_PATH,
    NORMALISED_PATHS,
    OAUTH_REQUEST_CHECKS,
    PATH_CHECK_NAME,
    RAISING_SAFE_JOINS,
    REDIRECT_CHECK_NAME,
    SSRF_CHECK_NAME,
    URL_CHECKED,
    named_check_kinds,
)
from webwarden.analysis.taint.values import AT_END, ONE_SEGMENT
from webwarden.model.module import identifier_words
from webwarden.model.tree import mapping_get, walk

_VALIDATING_METHODS = frozenset(
    {"isdigit", "isdecimal", "isnumeric", "isalnum", "isalpha", "isidentifier"}
)
"""String tests that leave only letters, digits or `_`. Not `isascii`: `../`, `"`, `;`
and `<` are all ASCII."""
_CONTAINMENT_METHODS = frozenset({"startswith", "is_relative_to"})
_BASENAMES = frozenset({"os.path.basename", "posixpath.basename", "ntpath.basename"})
_HOST_PARTS = frozenset({"netloc", "hostname"})
_URL_SPLITTERS = frozenset({"urllib.parse.urlparse", "urllib.parse.urlsplit"})
Guards = tuple[tuple[ir.Guard, ...], tuple[ir.Guard, ...]]


def _basename_of(node: ast.expr, name: str, scope: Scope) -> bool:
    """`os.path.basename(name)`."""
    if not (isinstance(node, ast.Call) and len(node.args) == 1):
        return False
    if _local(node.args[0], scope) != name:
        return False
    callee = lower(node.func, scope)
    return isinstance(callee, ir.Global) and callee.name in _BASENAMES


def guards(test: ast.expr, scope: Scope) -> Guards:
    """(guards holding when `test` is true, guards holding when it is false)."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        then, otherwise = guards(test.operand, scope)
        return otherwise, then
    truth = _truth_of(test, scope)
    if truth is not None:
        return guards(truth, scope)
    if isinstance(test, ast.BoolOp):
        # NOTE: `if x and not is_safe(url): url = "/"` - in the else arm either check may
        # have failed; webwarden takes the guard as holding, as the code intends. Not so
        # a bare `x`: `if flag and x:` fails for a truthy `x` too.
        parts = [guards(v, scope) for v in test.values]
        then = tuple(g for t, _ in parts for g in t if g.how != "falsy")
        otherwise = tuple(g for _, o in parts for g in o if g.how != "falsy")
        # NOTE: `if parts.netloc and parts.netloc != host: abort()` lets a URL with no host
        # through unchecked, and browsers follow `/\evil.example` to another host.
        unchecked = _empty_host_skips(test, scope)
        local = single_slash_guards(test, partial(_checked, scope=scope))
        if isinstance(test.op, ast.And):
            otherwise = tuple(g for g in otherwise if not _host_in(g, unchecked))
            return then + local, otherwise
        then = tuple(g for g in then if not _host_in(g, unchecked))
        return then, otherwise + local
    if isinstance(test, ast.Name):
        name = _local(test, scope)
        if name is None:
            return (), ()
        refuted = scope.refutations.get(name, ())
        if name in scope.verdicts:
            return scope.verdicts[name], refuted
        return (), (ir.Guard(name, "falsy"), *refuted)
    if isinstance(test, ast.BinOp | ast.Call) and (outside := _outside(test, scope)):
        return (), outside  # NOTE: `if set(data) - ALLOWED: return error`
    if isinstance(test, ast.Call) and (quantified := _quantified(test, scope)):
        # NOTE: `if not all(key in ALLOWED for key in data): return error`, `if any(ord(c)
        # < 32 for c in url): return error`
        return quantified
    if isinstance(test, ast.Call):
        name = _text_tested(test, scope)
        if name:
            return (), (ir.Guard(name, "not_text", "item" if name in scope.items else ""),)
        response = _response_tested(test, scope)
        if response:
            return (ir.Guard(response, "response"),), ()
        return _with_copied(_call_guard(test, scope), scope), refused_guard(test, scope)
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        matched = _match_compared(test)
        if matched is not None:
            then, otherwise = guards(matched[0], scope)
            return (then, otherwise) if matched[1] else (otherwise, then)
        return _none_guard(test, scope) or _compare_guard(test, scope)
    return (), ()


_MATCHES = frozenset({"match", "fullmatch", "search"})


def _match_compared(test: ast.Compare) -> tuple[ast.Call, bool] | None:
    """`PATTERN.fullmatch(x) is not None` (the call, True) or `re.match(p, x) is None`
    (the call, False): a regular expression's match is None when it fails and a match
    object, always true, when it holds, so the test says what the call's truth says.
    Not so of other calls: `is_safe(x) is not None` holds for `False` too."""
    op, right = test.ops[0], test.comparators[0]
    left = test.left
    if (
        isinstance(op, ast.Is | ast.IsNot)
        and isinstance(right, ast.Constant)
        and right.value is None
        and isinstance(left, ast.Call)
        and isinstance(left.func, ast.Attribute)
        and left.func.attr in _MATCHES
    ):
        return left, isinstance(op, ast.IsNot)
    return None


def _none_guard(test: ast.Compare, scope: Scope) -> Guards | None:
    """`x is None` (`x` is falsy when it holds) and `x is not None` (when it fails); of
    a local holding a dict display's lookup, what `if not x:` and `if x:` say."""
    op, right = test.ops[0], test.comparators[0]
    if not (
        isinstance(op, ast.Is | ast.IsNot)
        and isinstance(test.left, ast.Name)
        and isinstance(right, ast.Constant)
        and right.value is None
    ):
        return None
    name = _local(test.left, scope)
    if not name:
        return None
    if name in scope.verdicts and name in scope.none_when_failed:
        found = scope.verdicts[name]
        return ((), found) if isinstance(op, ast.Is) else (found, ())
    held = (ir.Guard(name, "falsy"),)
    return (held, ()) if isinstance(op, ast.Is) else ((), held)


def _text_tested(test: ast.Call, scope: Scope) -> str | None:
    """The local `isinstance(x, str)` tests (or `isinstance(x, (str, bytes))`, any class
    list with the builtin `str`): where the test fails, `x` holds no text."""
    if not (
        isinstance(test.func, ast.Name)
        and test.func.id == "isinstance"
        and len(test.args) == 2
        and not test.keywords
        and not _shadowed("isinstance", scope)
    ):
        return None
    classes = test.args[1]
    listed = classes.elts if isinstance(classes, ast.Tuple) else [classes]
    if not any(isinstance(c, ast.Name) and c.id == "str" for c in listed):
        return None
    return None if _shadowed("str", scope) else _local(test.args[0], scope)


def _response_tested(test: ast.Call, scope: Scope) -> str | None:
    """The local `isinstance(x, Response)` tests (see `response_tested`)."""
    tested = response_tested(test)
    if tested is None or _shadowed("isinstance", scope):
        return None
    return _local(tested, scope)


def _shadowed(builtin: str, scope: Scope) -> bool:
    return scope.is_local(builtin) or builtin in scope.aliases or builtin in scope.module_names


def _truth_of(test: ast.expr, scope: Scope) -> ast.expr | None:
    """The test inside `bool(test)`, when `bool` is the builtin: true when it is."""
    return _builtin_argument(test, "bool", scope)


def _builtin_argument(node: ast.expr, builtin: str, scope: Scope) -> ast.expr | None:
    """The one argument of a call of the builtin `builtin` (`bool(x)`, `str(x)`), not
    shadowed here; None for any other expression."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == builtin
        and len(node.args) == 1
        and not node.keywords
        and not isinstance(node.args[0], ast.Starred)
    ):
        return None
    return None if _shadowed(builtin, scope) else node.args[0]


def note_verdict(node: ast.Assign, scope: Scope) -> None:
    """Remember (or forget) that a local holds what a check returned."""
    if scope.repeated:
        _forget_cuts(node, scope)
    if (
        scope.verdicts
        or scope.refutations
        or scope.hosts
        or scope.splits
        or scope.resolutions
        or scope.folds
        or scope.copies
        or scope.bases
        or scope.commons
    ):
        _forget(node, scope)
    only = node.targets[0] if len(node.targets) == 1 else None
    if isinstance(only, ast.Name):
        scope.none_when_failed.discard(only.id)
    if isinstance(only, ast.Name) and _local(only, scope):
        unfolded = _unfolded(node.value)
        folded = _local(unfolded, scope) if unfolded is not node.value else None
        if folded is not None and folded != only.id:
            scope.folds[only.id] = folded
        copied = _local(node.value, scope) if isinstance(node.value, ast.Name) else None
        if copied is not None and copied != only.id:
            scope.copies[only.id] = copied
        read = _host_of(_host_text(node.value), scope)
        if read is not None and read != only.id:
            scope.hosts[only.id] = read
        split = _split_of(node.value, scope)
        if split is not None and split != only.id:
            scope.splits[only.id] = split
        resolved = _normalised(node.value, scope) if _may_normalise(node.value, scope) else None
        if resolved is not None and resolved != only.id:
            scope.resolutions[only.id] = resolved
        note_base(only.id, node.value, scope)
        note_common(only.id, node.value, scope)
        note_prefix(only.id, node.value, scope)
    call = node.value
    if isinstance(only, ast.Name) and isinstance(call, ast.ListComp | ast.SetComp):
        matched = _matched_in(call, scope) if _local(only, scope) else ()
        if matched:
            scope.verdicts[only.id] = matched
        rejected = _rejected(call, scope) if _local(only, scope) else ()
        if rejected:
            scope.refutations[only.id] = rejected
        return
    if isinstance(only, ast.Name) and isinstance(call, ast.Compare) and _local(only, scope):
        _note_outcome(only.id, call, scope)
        return
    if (
        isinstance(only, ast.Name)
        and isinstance(call, ast.BoolOp)
        and _checked_conjunction(call, scope)
        and _local(only, scope)
    ):
        _note_conjunction(only.id, call, scope)
        return
    outside = _outside(call, scope) if isinstance(only, ast.Name) and _local(only, scope) else ()
    if outside and isinstance(only, ast.Name):
        scope.refutations[only.id] = outside  # NOTE: `extra = set(data) - ALLOWED`
        return
    looked_up = _looked_up(call, scope) if isinstance(only, ast.Name) else ()
    if looked_up and isinstance(only, ast.Name) and _local(only, scope):
        scope.verdicts[only.id] = looked_up
        scope.none_when_failed.add(only.id)
        return
    if not (isinstance(only, ast.Name) and isinstance(call, ast.Call) and _may_check(call, scope)):
        return
    found = _call_guard(call, scope) if _local(only, scope) else ()
    # NOTE: an attribute checked is not remembered: an assignment to it before the `if`
    # would not forget the verdict.
    found = tuple(guard for guard in found if "." not in guard.name)
    if found:
        scope.verdicts[only.id] = found


def loop_guards(loop: ast.For | ast.AsyncFor, scope: Scope) -> tuple[ir.Guard, ...]:
    """What holds past a loop that leaves at the first item outside an allow-list (`for f
    in fields: if f not in ALLOWED: return error`); remember what a list it fills with
    those items tells when it is empty (`invalid.append(f)`, see `loop_rejection`)."""
    found = loop_rejection(loop, partial(_local, scope=scope))
    if found is None:
        return ()
    if found.filled is None:
        return found.guards
    scope.refutations[found.filled] = found.guards
    return ()


def _rejected(found: ast.ListComp | ast.SetComp, scope: Scope) -> tuple[ir.Guard, ...]:
    return rejected_guards(found, partial(_local, scope=scope), partial(lower, scope=scope))


def _quantified(test: ast.Call, scope: Scope) -> Guards | None:
    local = partial(_local, scope=scope)
    printable = printable_guards(test, local)
    if printable is not None:
        return printable
    for builtin in ("all", "any"):
        made = _builtin_argument(test, builtin, scope)
        if made is not None:
            every = builtin == "all"
            found = control_guards(made, every, local) or quantified_guards(made, every, local)
            return found or (None if every else _contained_in_any(made, scope))
    return None


def _contained_in_any(made: ast.expr, scope: Scope) -> Guards | None:
    """`any(path.resolve().is_relative_to(root) for root in ROOTS)`: where it holds, a
    path the generator does not walk is inside one of the roots, as one check of it
    would tell (`all` holds of no roots at all, and is not read so)."""
    if not isinstance(made, ast.GeneratorExp | ast.ListComp) or any(
        g.is_async for g in made.generators
    ):
        return None
    if any(isinstance(node, ast.Lambda) for node in walk(made.elt)):
        return None  # NOTE: lowered once already, with the statement
    walked = {name for g in made.generators for name in target_names(g.target)}
    then, _ = guards(made.elt, scope)
    # NOTE: the prefix one item was checked against is not known: only the normalised
    # path's containment is kept, not what it starts with.
    contained = tuple(
        replace(g, container=None) for g in then if g.how == "contained" and g.name not in walked
    )
    return (contained, ()) if contained else None


def _outside(found: ast.expr, scope: Scope) -> tuple[ir.Guard, ...]:
    return outside_guards(found, partial(_local, scope=scope))


def _note_outcome(name: str, test: ast.Compare, scope: Scope) -> None:
    """`has_handler = key in dir(handlers)`: `if has_handler:` tests what `if key in
    dir(handlers):` does (and `if not has_handler:` what its negation does)."""
    if any(isinstance(node, ast.Lambda) for node in walk(test)):
        return  # NOTE: lowered with the assignment; lowering it again would repeat it
    then, otherwise = guards(test, scope)
    then = tuple(g for g in then if g.name != name)
    otherwise = tuple(g for g in otherwise if g.name != name)
    if then:
        scope.verdicts[name] = then
    if otherwise:
        scope.refutations[name] = otherwise


def _checked_conjunction(value: ast.BoolOp, scope: Scope) -> bool:
    """`url and url_has_allowed_host_and_scheme(url, host)`: a conjunction of which one
    part is a call that could be a check."""
    return isinstance(value.op, ast.And) and any(
        isinstance(v, ast.Call) and _may_check(v, scope) for v in value.values
    )


def _note_conjunction(name: str, test: ast.BoolOp, scope: Scope) -> None:
    """`ok = url and is_safe(url)`: the local is truthy only when every part is, so `if
    ok:` holds what `if url and is_safe(url):` does (its negation tells nothing: any
    part may have failed)."""
    if any(isinstance(node, ast.Lambda) for node in walk(test)):
        return  # NOTE: lowered with the assignment; lowering it again would repeat it
    then, _ = guards(test, scope)
    then = tuple(g for g in then if g.name != name and "." not in g.name)
    if then:
        scope.verdicts[name] = then


def _looked_up(found: ast.expr, scope: Scope) -> tuple[ir.Guard, ...]:
    """`model = {"component": Component, "package": Package}.get(kind)`: when `model` is
    truthy, `kind` is one of the keys of the dict written there (judged as a membership
    test of it: `kind in {...}`). So of a mapping of fields named so (`field =
    obj.__write_fields__.get(key)`, `EDITABLE_FIELDS.get(key)`: `_field_table`), as
    `key in obj.__write_fields__` is. Not `.get()` of another object (`cache.get(key)`,
    `requests.get(url)`), which tells nothing of what it is given, and neither does a
    default that is not falsy."""
    lookup = mapping_get(found)
    if lookup is None:
        return ()
    table, args = lookup
    if not isinstance(table, ast.Dict) and not _field_table(table):
        return ()
    if isinstance(table, ast.Dict) and not all(isinstance(key, ast.Constant) for key in table.keys):
        return ()  # NOTE: `**spread` (a None key) or a computed key
    if len(args) == 2 and not (isinstance(args[1], ast.Constant) and not args[1].value):
        return ()
    name = _local(args[0], scope)
    return (ir.Guard(name, "member", container=lower(table, scope)),) if name else ()


_FIELD_WORDS = frozenset({"fields", "columns", "attributes", "attrs", "editable", "writable"})


def _field_table(table: ast.expr) -> bool:
    """A name or attribute naming a mapping of a model's fields (`obj.__write_fields__`,
    `self.editable_fields`, `ALLOWED_COLUMNS`): a table of the code's, keyed by field."""
    name = table.attr if isinstance(table, ast.Attribute) else None
    if isinstance(table, ast.Name):
        name = table.id
    return name is not None and any(w.lower() in _FIELD_WORDS for w in identifier_words(name))


def _matched_in(found: ast.ListComp | ast.SetComp, scope: Scope) -> tuple[ir.Guard, ...]:
    """`names = [label for key, label in REGIONS if key == region]`: when `names` is not
    empty, `region` equals a part of an item of what the comprehension walks (judged as
    a membership test of it: `region in REGIONS`)."""
    if len(found.generators) != 1:
        return ()
    walked = found.generators[0]
    bound = set(target_names(walked.target))
    guards: list[ir.Guard] = []
    for test in walked.ifs:
        if not (isinstance(test, ast.Compare) and [type(op) for op in test.ops] == [ast.Eq]):
            continue
        pair = (test.left, test.comparators[0])
        for side, item in (pair, pair[::-1]):
            name = _local(side, scope)
            if isinstance(item, ast.Name) and item.id in bound and name and name not in bound:
                guards.append(ir.Guard(name, "member", container=lower(walked.iter, scope)))
    return tuple(guards)


def _forget_cuts(node: ast.Assign, scope: Scope) -> None:
    """Forget the cuts of a local held for a check (`sort[1:]` of `if sort[1:] in
    FIELDS:`) when the local is bound anew: they are of the old value."""
    for assigned in node.targets:
        if isinstance(assigned, ast.Name):
            root = re.compile(rf"{re.escape(assigned.id)}\[")
            for key in [k for k in scope.repeated if root.match(k) and _cut_read(k)]:
                del scope.repeated[key]


def _forget(node: ast.Assign, scope: Scope) -> None:
    """Forget what the names assigned held: a check's verdict, a host, a split URL, a
    normalised path, a folded copy, and those noted about them (nothing to do when nothing
    is noted). A verdict on a name given a constant stays (`if not ok: url = None`):
    what the check held of the old value, the constant holds of taint, there being none."""
    aliases = (
        scope.hosts,
        scope.splits,
        scope.resolutions,
        scope.folds,
        scope.copies,
        scope.bases,
    )
    constant = isinstance(node.value, ast.Constant)
    for assigned in node.targets:
        name = assigned.id if isinstance(assigned, ast.Name) else None
        if name is not None:
            scope.verdicts.pop(name, None)
            scope.refutations.pop(name, None)
            forget_common(name, scope)
            for noted in aliases:
                noted.pop(name, None)
        for outcomes in () if constant else (scope.verdicts, scope.refutations):
            for checked in [
                k for k, found in outcomes.items() if any(g.name == name for g in found)
            ]:
                del outcomes[checked]  # NOTE: the value checked is another one now
        for noted in aliases:
            for local in [k for k, whose in noted.items() if whose == name]:
                del noted[local]


_GUARD_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in GUARDS)


def _may_check(call: ast.Call, scope: Scope) -> bool:
    """Whether a call could be a check, by its written name (most assignments of calls
    are not, and are not lowered a second time to find out)."""
    func = call.func
    written = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if written is None:
        return False
    lowered = written.lower()
    return (
        written in _GUARD_NAMES
        or written in scope.aliases
        or written in _VALIDATING_METHODS
        or written in _CONTAINMENT_METHODS
        or named_check_kinds(lowered) is not None
    )


def _local(node: ast.expr | None, scope: Scope) -> str | None:
    if isinstance(node, ast.Name) and scope.is_local(node.id):
        return node.id
    if scope.repeated and isinstance(node, ast.Call | ast.Attribute | ast.Subscript):
        return scope.repeated.get(read_key(node))
    return None


def _checked(node: ast.expr, scope: Scope) -> str | None:
    """The local a check is given, or an attribute of one (`self.upload_id`, named
    `self.upload_id`; `self.object.source_url`, a view's saved row): the guard then
    holds of that part of the local's value."""
    name = _local(node, scope)
    if name is None and isinstance(node, ast.Attribute):
        owner = _checked(node.value, scope) if isinstance(node.value, ast.Attribute) else None
        if owner is None and isinstance(node.value, ast.Name):
            owner = _local(node.value, scope)
        return f"{owner}.{node.attr}" if owner else None
    return name


_READ_METHODS = frozenset({"get", "getlist", "getone"})


def checked_reads(test: ast.expr) -> list[ast.expr]:
    """Reads of request-like data (`self.request.GET.get("next")`, `request.POST["u"]`)
    given as the checked argument of a call in a branch test, or compared in one: they are
    read once before the test (`Lowering` holds them in a local), so guards and later
    reads see the same value."""
    found: list[ast.expr] = []
    stack = [test]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.BoolOp):
            stack.extend(node.values)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            stack.append(node.operand)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
            candidates = node.args[:1]
            candidates += [k.value for k in node.keywords if k.arg in {"url", "value", "path"}]
            found.extend(c for c in candidates if _pure_read(c))
        elif isinstance(node, ast.Compare) and len(node.ops) == 1:
            # NOTE: `if request.args.get("dir") in ("asc", "desc"): d = request.args.get("dir")`
            found.extend(c for c in (node.left, node.comparators[0]) if _pure_read(c))
    return found


def split_read(node: ast.Assign, scope: Scope) -> ast.expr | None:
    """The read a URL split into a local takes apart (`parts = urlsplit(state["next"][0])`):
    held in a local like a checked read, so that comparing the parts' host checks what a
    later `state["next"][0]` reads."""
    only = node.targets[0] if len(node.targets) == 1 else None
    call = node.value
    if not (
        isinstance(only, ast.Name)
        and isinstance(call, ast.Call)
        and len(call.args) == 1
        and not call.keywords
    ):
        return None
    callee = lower(call.func, scope)
    if not (isinstance(callee, ir.Global) and callee.name in _URL_SPLITTERS):
        return None
    return call.args[0] if _pure_read(call.args[0]) else None


def _pure_read(node: ast.expr) -> bool:
    """`a.b.get("k")`, `a.b["k"]`: a read with constant keys off a chain of names."""
    if isinstance(node, ast.Call):
        func = node.func
        constant = all(isinstance(a, ast.Constant) for a in node.args) and not node.keywords
        return (
            constant
            and isinstance(func, ast.Attribute)
            and func.attr in _READ_METHODS
            and _chain(func.value)
        )
    if isinstance(node, ast.Subscript):
        return (isinstance(node.slice, ast.Constant) or _constant_cut(node.slice)) and _chain(
            node.value
        )
    return False


def _constant_cut(node: ast.expr) -> bool:
    """`[1:]`, `[:-2]`: a slice whose bounds are integers written out, so that each
    spelling of it reads the same part of the same value (`if sort[1:] in FIELDS:` then
    `F(sort[1:])`, a leading `-` asking for the reverse order)."""
    if not isinstance(node, ast.Slice):
        return False
    bounds = (node.lower, node.upper, node.step)
    return all(bound is None or _int_literal(bound) for bound in bounds)


def _cut_read(key: str) -> bool:
    """Whether a held read (`Scope.repeated`'s key) is a slice of a value."""
    node = ast.parse(key, mode="eval").body
    return isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice)


def _int_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) is int


def _chain(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute) or (
        isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
    ):
        node = node.value
    return isinstance(node, ast.Name)


def _call_guard(call: ast.Call, scope: Scope) -> tuple[ir.Guard, ...]:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in _VALIDATING_METHODS:
        name = _local(func.value, scope)
        return (ir.Guard(name, "method", func.attr),) if name else ()
    if isinstance(func, ast.Attribute) and func.attr in _CONTAINMENT_METHODS:
        # NOTE: a containment check only for a normalised path (`normpath`, `realpath`,
        # `Path.resolve()`), which the interpreter tells by the variable's value.
        name = _local(func.value, scope)
        prefix = call.args[0] if call.args and func.attr == "startswith" else None
        # NOTE: `/srv/root-other` starts with `/srv/root`: only a prefix ending in a
        # separator keeps a normalised path inside the folder (`prefix_ends`).
        bare = func.attr == "startswith" and not (
            prefix is not None and ends_in_separator(prefix, scope)
        )
        if name:
            # NOTE: the prefix a name starts with is kept: a lookup's first field (`json_keys`).
            # NOTE: a module constant as its text (`url.startswith(CATALOG_URL)`).
            start = known_text(lower(prefix, scope), scope) if prefix is not None else None
            prefixed = ir.Guard(name, "contained", func.attr, container=start, bare=bare)
            resolved = _resolution_of(name, scope)
            return (prefixed, *(replace(g, bare=bare) for g in resolved))
        # NOTE: `path.resolve().is_relative_to(base)`, `realpath(path).startswith(base)`:
        # the path checked in its normalised form, which names the same file.
        name = _normalised(func.value, scope)
        return (ir.Guard(name, "contained", "normalised", bare=bare),) if name else ()
    checked = path_check_guards(call, scope)
    if checked:
        return checked  # NOTE: a path check: which argument is the path varies
    matched = _pattern_guard(call, scope)
    if matched:
        return matched
    callee = lower(func, scope)
    checker = callee.name if isinstance(callee, ir.Global) else _checker_name(func)
    if checker is None:
        return ()
    candidates = [call.args[0]] if call.args else []
    candidates += [k.value for k in call.keywords if k.arg in {"url", "value", "name", "path"}]
    first = next((n for n in (_checked(c, scope) for c in candidates) if n is not None), None)
    found = (ir.Guard(first, "call", checker),) if first is not None else ()
    return found + _later_arguments(call, checker, scope)


def _with_copied(found: tuple[ir.Guard, ...], scope: Scope) -> tuple[ir.Guard, ...]:
    """`found`, and for a check given a copy (`url_to_check = url`, then `if
    url_has_allowed_host_and_scheme(url_to_check):`) the same check of the local copied:
    the value checked is the one it holds. Only in a branch's own test: a verdict stored
    (`ok = check(copy)`) keeps the guards it was made with."""
    if not scope.copies:
        return found
    return found + tuple(
        replace(g, name=scope.copies[g.name])
        for g in found
        if g.how == "call" and g.name in scope.copies
    )


def _later_arguments(call: ast.Call, checker: str, scope: Scope) -> tuple[ir.Guard, ...]:
    """The variables given after the first (`is_valid_path(ROOT, name)`), each guarded
    as that argument: a project predicate may check any of its parameters. A path
    joined there (`is_valid_path(ROOT, os.path.join(folder, name))`) guards its parts,
    as a path check only."""
    if any(isinstance(a, ast.Starred) for a in call.args):
        return ()
    found: list[ir.Guard] = []
    for index, arg in enumerate(call.args[1:], start=1):
        name = _local(arg, scope)
        if name is not None:
            found.append(ir.Guard(name, "call", checker, index=index))
            continue
        parts = dict.fromkeys(_path_parts(arg, scope))
        found += (ir.Guard(part, "joined", checker, index=index) for part in parts)
    return tuple(found)


def raising_checks(call: ast.Call, scope: Scope) -> tuple[ir.Guard, ...]:
    """What a call made as a statement establishes past it: a path check or a join that
    raises unless the path stays where it should, a check named for SSRF that raises
    unless the URL leads to a public host, or Django's `resolve(path)`, which raises
    unless `path` is one of the site's (see `resolved_paths`)."""
    named = () if _drops_verdict(call.func) else path_check_guards(call, scope)
    return (
        named
        or relative_to_guards(call, scope)
        or _raising_join_guards(call, scope)
        or _parsed_uuid(call, scope)
        or _parsed_int(call, scope)
        or _ssrf_check_guards(call, scope)
        or _redirect_check_guards(call, scope)
        or resolved_path_guards(call, scope)
    )


_PREDICATE = re.compile(r"^_*(is|has|are|can)_|_is_")


def _drops_verdict(func: ast.expr) -> bool:
    """A call named as a question (`is_safe_path(p)`, `path_is_safe(p)`; not
    `check_path_is_safe(p)`): made as a statement, it answers to no one and raises
    nothing, so it checks nothing."""
    written = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if written is None:
        return False
    lowered = written.lower()
    return bool(_PREDICATE.search(lowered)) and not _RAISING_VERB.match(lowered)


def looked_up_guards(value: ast.expr, scope: Scope) -> tuple[ir.Guard, ...]:
    """`suffixes[language]` evaluated whatever happens (not under a condition, a `lambda`
    or a comprehension), where `suffixes` is a dict written in the function (or the
    literal itself): it raises `KeyError` unless `language` is one of the dict's keys, so
    past the statement `language` is, as after `if language not in suffixes: raise`."""
    found: dict[str, ir.Guard] = {}
    for node in always_evaluated(value):
        if not isinstance(node, ast.Subscript) or not isinstance(node.ctx, ast.Load):
            continue
        name = _local(node.slice, scope)
        if name is None or name in found or not _dict_written(node.value, scope):
            continue
        container = lower(node.value, scope)
        found[name] = ir.Guard(
            name, "member", container=container, as_read=held_as_read(name, scope)
        )
    return tuple(found.values())


def held_as_read(name: str, scope: Scope) -> bool:
    """Whether the local `name` only ever holds data as it was read or given: a parameter
    never rebound, or a local every binding of which is one assignment of a key read
    (`request.GET["lang"]`, `data.get("lang", "en")`). Not a part of it (`raw[:5]`,
    `raw.split("/")[0]`), nor a loop's or a `with`'s variable."""
    if name in scope.inside or name in scope.comprehended:
        return False  # NOTE: a comprehension's variable: each element in turn
    if any(held == name and _cut_read(key) for key, held in scope.repeated.items()):
        return False  # NOTE: a held `sort[1:]` is a part of what was read, not all of it
    assigns = scope.assignments(name)
    if assigns is None:
        return False
    if not assigns:
        return bool(scope.body)  # NOTE: a parameter of the function, never rebound
    if not all(_key_read(a.value) for a in assigns):
        return False
    # NOTE: a read in a loop is one label for every turn: a check in one turn says nothing
    # of what an earlier turn made of its own value.
    looped = scope.looped()
    return all(id(a) not in looped for a in assigns)


def _key_read(value: ast.expr) -> bool:
    """`request.GET["lang"]`, `data.get("lang", "en")`: one entry of a mapping, as it is."""
    if isinstance(value, ast.Subscript):
        key = value.slice
        return isinstance(key, ast.Constant) and isinstance(key.value, str)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
        first = value.args[0] if value.args else None
        return (
            value.func.attr == "get"
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
            and len(value.args) <= 2
        )
    return False


_CONDITIONAL = (
    ast.IfExp,
    ast.BoolOp,
    ast.Lambda,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


def always_evaluated(value: ast.expr) -> Iterator[ast.AST]:
    """The nodes of `value` that run each time it is evaluated."""
    stack: list[ast.AST] = [value]
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, _CONDITIONAL):
            stack.extend(ast.iter_child_nodes(node))


def _dict_written(node: ast.expr, scope: Scope) -> bool:
    """A dict literal, a local every binding of which in the function assigns one, or a
    fixed table of the module or of the method's class (`Scope.tables`)."""
    if isinstance(node, ast.Dict):
        return True
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        held = node.value.id
        return scope.is_local(held) and f"{held}.{node.attr}" in scope.tables
    if isinstance(node, ast.Name) and not scope.is_local(node.id):
        return node.id in scope.tables and node.id not in scope.enclosing
    if not isinstance(node, ast.Name) or not scope.is_local(node.id):
        return False
    assigns = scope.assignments(node.id)
    return bool(assigns) and all(made_dict(a.value) for a in assigns or ())


def _ssrf_check_guards(call: ast.Call, scope: Scope) -> tuple[ir.Guard, ...]:
    """`validate_url_for_ssrf(url)` as a statement (see `SSRF_CHECK_NAME`): past it, the
    URL it is given leads to a public host."""
    func = call.func
    written = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if written is None or not SSRF_CHECK_NAME.search(written.lower()):
        return ()
    names = dict.fromkeys(n for a in call.args if (n := _local(a, scope)) is not None)
    return tuple(ir.Guard(n, "public_host") for n in names)


_RAISING_VERB = re.compile(r"^_*(validate|check|verify|ensure|assert|require|enforce)_")


def _redirect_check_guards(call: ast.Call, scope: Scope) -> tuple[ir.Guard, ...]:
    """A redirect check whose name says it raises (`validate_redirect_url(url)`,
    `check_next_target(url)`; not `is_safe_url(url)`, whose verdict a statement drops) or
    an OAuth authorization server's `validate_authorization_request(...)`
    (`OAUTH_REQUEST_CHECKS`) as a statement: past it, the targets it is given are allowed ones."""
    func = call.func
    written = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if written is None:
        return ()
    lowered = written.lower()
    named = _RAISING_VERB.match(lowered) and REDIRECT_CHECK_NAME.search(lowered)
    if not named and written not in OAUTH_REQUEST_CHECKS:
        return ()
    given = [*call.args, *(k.value for k in call.keywords)]
    names = dict.fromkeys(n for a in given if (n := _local(a, scope)) is not None)
    return tuple(ir.Guard(n, "call", written) for n in names)


def _parsed_uuid(call: ast.Call, scope: Scope) -> tuple[ir.Guard, ...]:
    """`uuid.UUID(value)` as a statement: it raises unless `value` is hex digits with at
    most dashes, braces and a `urn:uuid:` prefix, which hold no `/`, `\\` or `.`: past
    it, `value` names no other folder."""
    func = call.func
    written = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if written != "UUID" and written not in scope.aliases:
        return ()
    name = _local(call.args[0], scope) if len(call.args) == 1 else None
    callee = lower(func, scope) if name else None
    if not (isinstance(callee, ir.Global) and callee.name == "uuid.UUID"):
        return ()
    return (ir.Guard(name, "contained", "uuid"),) if name else ()


def _parsed_int(call: ast.Call, scope: Scope) -> tuple[ir.Guard, ...]:
    """`int(value)` made as a statement, or given to the call made as one
    (`Ticket.objects.get(pk=int(ticket_id))`): it raises unless `value` is digits with at
    most a sign, underscores and blanks around them, so past it `value` holds no markup,
    quote, path or command of anyone's (as after `value.isdigit()`)."""
    given = [call, *call.args, *(keyword.value for keyword in call.keywords)]
    names = dict.fromkeys(
        name
        for each in given
        if isinstance(each, ast.Call)
        and isinstance(each.func, ast.Name)
        and each.func.id == "int"
        and len(each.args) == 1
        and not each.keywords
        and not scope.is_local("int")
        and (name := _local(each.args[0], scope)) is not None
    )
    return tuple(ir.Guard(name, "method", "isdigit") for name in names)


def _raising_join_guards(call: ast.Call, scope: Scope) -> tuple[ir.Guard, ...]:
    """`safe_join(root, name)` (Django's): it raises unless the joined path, normalised,
    stays below `root`, so past it the parts joined to the root are checked."""
    func = call.func
    written = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if written != "safe_join" and written not in scope.aliases:
        return ()  # NOTE: as `path_check_guards`, no lowering for any other call
    callee = lower(func, scope)
    if not (isinstance(callee, ir.Global) and callee.name in RAISING_SAFE_JOINS):
        return ()
    joined = dict.fromkeys(n for a in call.args[1:] for n in _path_parts(a, scope))
    return tuple(ir.Guard(n, "contained", "normalised") for n in joined)


def relative_to_guards(call: ast.Call, scope: Scope) -> tuple[ir.Guard, ...]:
    """`path.relative_to(base)` as a statement: pathlib raises unless `path` is below
    `base`, which holds of the file only for a normalised path (as `is_relative_to`)."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "relative_to" and call.args):
        return ()
    name = _local(func.value, scope)
    if name:
        return (ir.Guard(name, "contained", "relative_to"),)
    name = _normalised(func.value, scope)
    return (ir.Guard(name, "contained", "normalised"),) if name else ()


_NORMALISERS = frozenset({"resolve", *(name.rsplit(".", 1)[-1] for name in NORMALISED_PATHS)})


def _may_normalise(value: ast.expr, scope: Scope) -> bool:
    """Whether a call could normalise a path, by its written name (most assignments of
    calls do not, and are not lowered to find out)."""
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    written = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return written in _NORMALISERS or written in scope.aliases


def _resolution_of(name: str, scope: Scope) -> tuple[ir.Guard, ...]:
    """The path a checked local is the normalised form of (`resolved =
    os.path.realpath(path)`), checked with it: both name the same file."""
    original = scope.resolutions.get(name)
    return (ir.Guard(original, "contained", "normalised"),) if original else ()


def _normalised(node: ast.expr, scope: Scope) -> str | None:
    """The variable `node` normalises: `name.resolve()`, `Path(name).resolve()` (a path
    made of the text alone names the same file), `os.path.realpath(name)`, also as text
    (`str(Path(name).resolve())`)."""
    if not (isinstance(node, ast.Call) and len(node.args) <= 1):
        return None
    text = _builtin_argument(node, "str", scope)
    if text is not None:
        return _normalised(text, scope)
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "resolve" and not node.args:
        return _local(func.value, scope) or _wrapped_path(func.value, scope)
    callee = lower(func, scope)
    if isinstance(callee, ir.Global) and callee.name in NORMALISED_PATHS and node.args:
        return _local(node.args[0], scope)
    return None


def _wrapped_path(node: ast.expr, scope: Scope) -> str | None:
    """The variable of `Path(name)`: pathlib's path of that one text, nothing joined."""
    if not (
        isinstance(node, ast.Call)
        and len(node.args) == 1
        and not node.keywords
        and not isinstance(node.args[0], ast.Starred)
    ):
        return None
    callee = lower(node.func, scope)
    if not (isinstance(callee, ir.Global) and callee.name == JOINED_PATH):
        return None
    return _local(node.args[0], scope)


def _pattern_guard(call: ast.Call, scope: Scope) -> tuple[ir.Guard, ...]:
    """`re.fullmatch(r"[a-z_]+", column)`, `NAME.match(column)` (`NAME = re.compile(...)`
    at module level): true only when the value holds word characters alone, or (`local`)
    when it is a path of this site (`re.match(r"^/[a-z]+", url)`), or (`classes`) only
    characters of one class, which some sink kinds need none of (`^[\\w.-]+$`)."""
    found = _regex_call(call, scope)
    return _matched_guards(*found, scope) if found is not None else ()


def refused_guard(call: ast.Call, scope: Scope) -> tuple[ir.Guard, ...]:
    """What holds when `re.search(r"[^A-Za-z0-9_-]", name)` (or a compiled pattern's
    `search`) finds nothing: `name` holds only characters of the class, as when
    `re.fullmatch(r"[A-Za-z0-9_-]*", name)` holds (`if re.search(...): abort(400)`)."""
    found = _regex_call(call, scope)
    if found is None or found[1] != "search":
        return ()
    allowed = allowed_class(found[0])
    return _matched_guards(f"{allowed}*", "fullmatch", found[2], scope) if allowed else ()


def note_match(node: ast.stmt, scope: Scope) -> None:
    """Forget the matches and groups (`matched_keys`) a statement rebinds a name of; then
    remember `m = re.match(r"^(.+)__(lt|gt)$", key)` and `field = m.group(1)`."""
    if scope.matches:
        renamed = renaming(node, scope.matches, scope.groups)
        forget(walk_scope_names([node]).bound, scope.matches, scope.groups)
        if renamed is not None:
            note_renaming(renamed, scope.matches, scope.groups)
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
        return
    only, call = node.targets[0], node.value
    if scope.matches:
        note_groups(node, scope.matches, scope.groups)
    if not (isinstance(only, ast.Name) and isinstance(call, ast.Call) and not call.keywords):
        return
    found = _regex_call(call, scope)
    if found is None or not isinstance(found[2], ast.Name):
        return
    pattern, how, subject = found
    # NOTE: no flags (`re.X` reads a pattern otherwise) nor a position to start from.
    if len(call.args) != (2 if call.args[1:2] == [subject] else 1):
        return
    name = _local(subject, scope)
    if name is None or name == only.id:
        return
    decomposed = decompose(pattern, how, name)
    if decomposed is not None:
        scope.matches[only.id] = decomposed


def _regex_call(call: ast.Call, scope: Scope) -> tuple[str, str, ast.expr] | None:
    """(pattern, how, subject) of `re.<how>(pattern, subject)` with a constant pattern, or
    of `NAME.<how>(subject)` for a pattern the module compiled once."""
    func = call.func
    how = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    callee = lower(func, scope)
    if isinstance(callee, ir.Global) and callee.name in {f"re.{m}" for m in MATCHERS}:
        how = callee.name[3:]
        given: list[ast.expr | None] = [*call.args, None, None]
        pattern, subject = given[0], given[1]
    elif how in MATCHERS and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        known = scope.patterns.get(func.value.id)
        if known is None or func.value.id in scope.locals:
            return None
        pattern, subject = ast.Constant(known), (call.args[0] if call.args else None)
    else:
        return None
    if not (isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)):
        return None
    return (pattern.value, how, subject) if subject is not None else None


_SEGMENT_MARKS = frozenset({ONE_SEGMENT, AT_END})


def _segment_marks(pattern: str, how: str) -> frozenset[str]:
    """`ONE_SEGMENT` (and `AT_END`: nothing is written after the local checked) once the
    whole value matched character classes holding neither `/` nor `\\`
    (`^[A-Za-z0-9_.-]+$`): as a URL segment the router matched, it is one name, or `.`
    or `..`, which name a folder a call opening or removing a file refuses."""
    found = anchored_core(pattern, how)
    if found is None or not found[0] or admits(found[0], "/\\"):
        return frozenset()
    return _SEGMENT_MARKS


def _matched_guards(
    pattern: str, how: str, subject: ast.expr, scope: Scope
) -> tuple[ir.Guard, ...]:
    """The guards on `subject` once `re.<how>(pattern, subject)` matched."""
    name = _checked(_defaulted(subject, scope), scope)
    if name is None:
        return ()
    if words_only(pattern, how):
        return (ir.Guard(name, "pattern"),)
    if local_path_only(pattern, how):
        return (ir.Guard(name, "local"),)
    kinds = checked_inert_kinds(pattern, how) | _segment_marks(pattern, how)
    if host_under_domain(pattern, how):
        kinds |= URL_CHECKED
    return (ir.Guard(name, "classes", kinds=kinds),) if kinds else ()


def _defaulted(subject: ast.expr, scope: Scope) -> ast.expr:
    """`name or ""`: the pattern judges `name` itself whenever it is set; when it is not
    (`None`, `""`), it holds nothing a path, query or page could be changed by. `str(name)`
    (the builtin) is `name`'s own text: what the pattern allows of it, `name` holds."""
    if (
        isinstance(subject, ast.BoolOp)
        and isinstance(subject.op, ast.Or)
        and len(subject.values) == 2
        and isinstance(subject.values[1], ast.Constant)
    ):
        return subject.values[0]
    text_of = _builtin_argument(subject, "str", scope)
    return subject if text_of is None else _defaulted(text_of, scope)


def _checker_name(func: ast.expr) -> str | None:
    """The name of a check called on an object (`get_adapter().is_safe_url(url)`), or
    defined in the function (an app factory's own `is_safe_url`), judged by its name as
    a module's function of the same name is."""
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name is None:
        return None
    if name.startswith("_") and name in _GUARD_NAMES:
        return name  # NOTE: a library object's own check (`get_resolver()._is_callback(v)`)
    return name if named_check_kinds(name.lower()) is not None else None


def path_check_guards(call: ast.Call, scope: Scope) -> tuple[ir.Guard, ...]:
    """A path check (`check_access_permission(base, path)`, `is_within_directory(base,
    target)`) guards every variable it is given: true in an `if`, or past the call when
    it is a statement (it raises unless the path stays where it should)."""
    func = call.func
    written = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if written is None:
        return ()
    if not PATH_CHECK_NAME.search(written.lower()) and written not in scope.aliases:
        # NOTE: only an imported alias (`import is_within as within`) names the check
        # otherwise than as written; any other call is not one, without lowering it.
        return ()
    callee = lower(func, scope)
    name = callee.name.rsplit(".", 1)[-1] if isinstance(callee, ir.Global) else _checker_name(func)
    if name is None or not PATH_CHECK_NAME.search(name.lower()):
        return ()
    given = [*call.args, *(k.value for k in call.keywords)]
    names = dict.fromkeys(n for a in given for n in _path_parts(a, scope))
    # NOTE: the function called is kept, so that the interpreter can read its code
    # (`Engine.checks_by_bare_prefix`): its name says it checks, its code what it lets through.
    defined = callee if isinstance(callee, ir.Global) else None
    return tuple(ir.Guard(n, "call", name, container=defined) for n in names)


def _path_parts(node: ast.expr, scope: Scope) -> Iterator[str]:
    """The variables a checked path is: itself, or what it joins (`base / name`,
    `os.path.join(base, name)`): the check holds for the path they make."""
    name = _local(node, scope)
    if name is not None:
        yield name
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div | ast.Add):
        yield from _path_parts(node.left, scope)
        yield from _path_parts(node.right, scope)
    elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") in {"join", "joinpath"}:
        for arg in node.args:
            yield from _path_parts(arg, scope)


def _unfolded(node: ast.expr) -> ast.expr:
    """`x.upper()` -> `x`: a case-folded copy equal to a constant holds one of a few
    spellings of it (`if book_format.upper() == "TXT"`). So does a copy stripped of
    whitespace or of a sign (`field.lstrip("-")`, `order.removeprefix("-").strip()`): the
    checked value has at most those characters around it."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        method = node.func.attr
        if node.keywords or not (
            (method in _FOLDERS and not node.args)
            or (method in _CUTTERS and len(node.args) == 1 and _inert_cut(node.args[0]))
        ):
            break
        node = node.func.value
    return node


_FOLDERS = frozenset({"upper", "lower", "casefold", "strip", "lstrip", "rstrip"})
_CUTTERS = frozenset({"strip", "lstrip", "rstrip", "removeprefix", "removesuffix"})
_INERT_CUT = frozenset("-+ \t\r\n")
"""What a stripped copy may lose and still name what the original does: an ordering's
direction sign, padding. Not `/` (`"//x".lstrip("/")` passes a check for `x` and names a
host), nor `.` or `\\`."""


def _inert_cut(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and bool(node.value)
        and set(node.value) <= _INERT_CUT
    )


def _host_text(node: ast.expr) -> ast.expr:
    """`"{uri.hostname}".format(uri=parts)` -> `parts.hostname`: the host as text."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
        and len(node.args) + len(node.keywords) == 1
    ):
        return node
    field = re.fullmatch(r"\{(\w+)\.(\w+)\}", node.func.value.value)
    if field is None:
        return node
    given = node.args[0] if node.args else node.keywords[0].value
    name = "0" if node.args else node.keywords[0].arg
    return ast.Attribute(given, field[2], ast.Load()) if field[1] == name else node


def _host_of(node: ast.expr, scope: Scope) -> str | None:
    """The local whose host `node` reads: `parts.netloc` (`parts = urlsplit(url)`),
    `urlparse(url).hostname`, or a local holding one (`host = urlparse(url).hostname`)."""
    if isinstance(node, ast.Name) and node.id in scope.hosts:
        return scope.hosts[node.id] if _local(node, scope) else None
    if not (isinstance(node, ast.Attribute) and node.attr in _HOST_PARTS):
        return None
    parsed = node.value
    if isinstance(parsed, ast.Call):
        return _split_of(parsed, scope)
    return _local(parsed, scope)


def _split_of(node: ast.expr, scope: Scope) -> str | None:
    """The local `node` splits into URL parts (`urlsplit(url)`, `urlparse(url)`)."""
    if not (isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords):
        return None
    callee = lower(node.func, scope)
    if not (isinstance(callee, ir.Global) and callee.name in _URL_SPLITTERS):
        return None
    return _local(node.args[0], scope)


def _host_in(guard: ir.Guard, names: frozenset[str]) -> bool:
    return guard.how == "host" and guard.name in names


def _empty_host_skips(test: ast.BoolOp, scope: Scope) -> frozenset[str]:
    """The locals whose host check an empty host decides alone: `parts.netloc and ...`
    failing, `not parts.netloc or ...` holding (the URL, and the parts split from it)."""
    found: set[str] = set()
    for value in test.values:
        negated = isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.Not)
        if negated != isinstance(test.op, ast.Or):
            continue
        name = _host_of(value.operand if isinstance(value, ast.UnaryOp) else value, scope)
        if name is not None:
            found.add(name)
            found.update(n for n in (scope.splits.get(name),) if n is not None)
    return frozenset(found)


def _host_guard(test: ast.Compare, scope: Scope) -> tuple[ir.Guard, ...]:
    """`parts.netloc == host_url.netloc`, `urlparse(url).hostname in allowed_hosts`: the
    URL leads to the host it was compared with (kept as the guard's container: the
    interpreter tells whether the client chose it). `netloc == ""` is no check (a
    browser takes `/\\evil.example` to another host): its guard only notes it was made."""
    right = test.comparators[0]
    if isinstance(right, ast.Constant) and not right.value:
        url = _host_of(test.left, scope)
        urls = (url, scope.splits.get(url or ""))
        return tuple(ir.Guard(n, "no_host") for n in dict.fromkeys(urls) if n is not None)
    sides = [(test.left, right)]
    if isinstance(test.ops[0], ast.Eq | ast.NotEq):
        sides.append((right, test.left))
    found: dict[str, ir.Guard] = {}
    for side, other in sides:
        name = _host_of(side, scope)
        # NOTE: `parts.netloc` (`parts = urlsplit(url)`) is the host of `url` too.
        for checked in (name, scope.splits.get(name or "")):
            if checked is not None and checked not in found:
                found[checked] = ir.Guard(checked, "host", container=lower(other, scope))
    return tuple(found.values())


def _compare_guard(test: ast.Compare, scope: Scope) -> Guards:
    backslash, holds = backslash_guards(test, partial(_checked, scope=scope))
    if backslash:
        return (backslash, ()) if holds else ((), backslash)
    host = _host_guard(test, scope)
    then, otherwise = _value_guard(test, scope)
    if isinstance(test.ops[0], ast.Eq | ast.In):
        return then + host, otherwise
    return then, otherwise + host


def _value_guard(test: ast.Compare, scope: Scope) -> Guards:
    then, otherwise = _one_value_guard(test, scope)
    folded = {g.name: scope.folds[g.name] for g in then + otherwise if g.name in scope.folds}
    if not folded:
        return then, otherwise
    # NOTE: `key = order.lower()` then `if key not in ORDERS: abort(400)`: `order` is one
    # of a few spellings of a member too.
    return _with_originals(then, folded, scope), _with_originals(otherwise, folded, scope)


def _with_originals(
    found: tuple[ir.Guard, ...], folded: dict[str, str], scope: Scope
) -> tuple[ir.Guard, ...]:
    return found + tuple(
        replace(g, name=folded[g.name], as_read=held_as_read(folded[g.name], scope))
        for g in found
        if g.name in folded and g.how in {"member", "equal"}
    )


def _one_value_guard(test: ast.Compare, scope: Scope) -> Guards:
    op, right = test.ops[0], test.comparators[0]
    if isinstance(op, ast.In | ast.NotIn):
        # NOTE: an attribute of a local too (`if self.shown not in self.filters:` in a
        # view's `dispatch`): that part of the local holds a member then.
        name = _checked(_unfolded(test.left), scope)
        found = _below_parent(right, scope)
        if name is not None:
            read = held_as_read(name, scope)
            found += (ir.Guard(name, "member", container=lower(right, scope), as_read=read),)
        return (found, ()) if isinstance(op, ast.In) else ((), found)
    if isinstance(op, ast.Eq | ast.NotEq):
        left = _unfolded(test.left)
        name = _local(left, scope) or _local(_unfolded(right), scope)
        other = right if _local(left, scope) else test.left
        if name is not None and _basename_of(other, name, scope):
            # NOTE: `if name != os.path.basename(name): raise`: a name with no folder in it.
            found = (ir.Guard(name, "contained", "basename"),)
            return (found, ()) if isinstance(op, ast.Eq) else ((), found)
        common = _common_base(held_common(test.left, scope), held_common(right, scope), scope)
        if common:
            return (common, ()) if isinstance(op, ast.Eq) else ((), common)
        equal = (
            (ir.Guard(name, "equal"),)
            if name is not None and isinstance(other, ast.Constant)
            else _equal_values(test.left, right, scope)
        )
        return (equal, ()) if isinstance(op, ast.Eq) else ((), equal)
    return (), ()


def _below_parent(container: ast.expr, scope: Scope) -> tuple[ir.Guard, ...]:
    """`base in path.parents` (pathlib): `path` lies below `base`, as with
    `path.is_relative_to(base)`, and as that only for a normalised path (`parents` are
    the text's: `files/../x` has `files` among them); `path.resolve().parents` checks the
    path resolved, which names the same file."""
    if not (isinstance(container, ast.Attribute) and container.attr == "parents"):
        return ()
    name = _local(container.value, scope)
    if name:
        return (ir.Guard(name, "contained", "parents"), *_resolution_of(name, scope))
    name = _normalised(container.value, scope)
    return (ir.Guard(name, "contained", "normalised"),) if name else ()


_COMMON_PATHS = frozenset(
    f"{module}.{how}"
    for module in ("os.path", "posixpath", "ntpath")
    for how in ("commonpath", "commonprefix")
)


def _common_base(left: ast.expr, right: ast.expr, scope: Scope) -> tuple[ir.Guard, ...]:
    """`os.path.commonpath([base, path]) == base` (or `commonprefix`): `path` is below
    `base`, as with `path.startswith(base)`, and as that only for a normalised path; for
    `commonprefix`, which compares characters, only when `base` is written to end in a
    separator (else the guard is `bare`, as a `startswith` of such a base is)."""
    for call, base in ((left, right), (right, left)):
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute | ast.Name)
            and len(call.args) == 1
            and isinstance(call.args[0], ast.List | ast.Tuple)
        ):
            continue
        written = call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id
        callee = lower(call.func, scope) if written.startswith("common") else None
        if not (isinstance(callee, ir.Global) and callee.name in _COMMON_PATHS):
            continue
        given = ast.unparse(base)
        others = [e for e in call.args[0].elts if ast.unparse(e) != given]
        if len(others) == 2 and written == "commonpath":
            others = _other_than_spelled(others, base, scope)
        if len(others) != 1 or len(call.args[0].elts) != 2:
            return ()
        # NOTE: `commonprefix` compares characters, as `startswith(base)` does: only a
        # base ending in a separator keeps `/srv/media2/x` out of `/srv/media`.
        bare = written == "commonprefix" and not ends_in_separator(base, scope)
        name = _local(others[0], scope)
        if name:
            common = ir.Guard(name, "contained", "common", bare=bare)
            return (common, *(replace(g, bare=bare) for g in _resolution_of(name, scope)))
        name = _normalised(others[0], scope)
        return (ir.Guard(name, "contained", "normalised", bare=bare),) if name else ()
    return ()


def _other_than_spelled(elements: list[ast.expr], base: ast.expr, scope: Scope) -> list[ast.expr]:
    """The element of `commonpath([path, STORE])` other than the one the value compared
    spells (`STORE[:-1]`, a local holding `os.path.normpath(STORE)`): the common path has
    no trailing slash, so it equals that spelling only for a path below `STORE`. Not for
    `commonprefix`, which compares characters: `/srv/store2` starts with `/srv/store`."""
    spelled = spelled_base(base, scope)
    if spelled is None:
        return elements
    matched = [e for e in elements if isinstance(e, ast.Name) and spelled_base(e, scope) == spelled]
    return [e for e in elements if e is not matched[0]] if len(matched) == 1 else elements


def _equal_values(left: ast.expr, right: ast.expr, scope: Scope) -> tuple[ir.Guard, ...]:
    """`style_name == layer.default_style.name`: each local side holds what the other
    side holds, which the interpreter finds safe or not (as for `x in container`). Not
    case-folded: `x.lower() == known.lower()` lets the client choose the spelling."""
    found = []
    for side, other in ((left, right), (right, left)):
        name = _local(side, scope)
        if name is not None:
            found.append(ir.Guard(name, "equal", container=lower(other, scope)))
    return tuple(found)
