"""A regular expression's match of request data, and the text its groups give back.

`m = re.match(r"^(.+)__(\\w+)$", request.GET["key"])` is a match of the client's text:
`m.group(1)`, `m[1]`, `m.groups()`, `m.groupdict()["name"]` and `m.string` give back
parts of it. Each group holds only what its own sub-pattern matches (`regex_groups`), so
it is safe for the sinks that need none of those characters: a group of digits (`\\d+`)
or of the pattern's own literal alternatives (`(lt|gt|in)`) for every sink, one of word
characters and `-` (`[\\w-]+`) for SQL, commands, pages and URLs, but not for a field
lookup (`password__startswith`) or a name looked up. A pattern webwarden cannot read (a
local compiled one, flags computed at run time) leaves every group the subject's text.

A match used as a test (`if not PATTERN.fullmatch(x): abort(400)`) is a guard of `x`
(`lower_guards`), whatever the match value holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.character_classes import PATH, needless_kinds
from webwarden.analysis.regex_groups import DIGITS, REGEX_FLAGS, Group, pattern_groups
from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import ALL_KINDS, CLEAN, Value, cleanse, extend, union

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords
    from webwarden.analysis.taint.interpret import Interpreter
    from webwarden.analysis.taint.values import Taint

MATCH = "<re-match>"
"""The kind of a match object: its parts are its groups (`#0` the whole match, `#n`
group `n`, `[name]` a named group), its own taint the subject's."""
MATCHERS = frozenset({"re.match", "re.fullmatch", "re.search"})
FINDALL = "re.findall"
MATCH_METHODS = frozenset({"match", "fullmatch", "search"})
"""A compiled pattern's methods returning a match (or None)."""
_NUMBERS = frozenset(
    {"start", "end", "span", "pos", "endpos", "lastindex", "lastgroup", "re", "regs"}
)
"""A match's methods that give back positions or its pattern, none of the text."""


def group_kinds(group: Group) -> frozenset[str]:
    """The sink kinds a group's text is safe for."""
    if group.fixed or group.characters <= DIGITS:
        return ALL_KINDS
    kinds = set(needless_kinds(group.characters))
    if "-" not in group.characters:
        kinds.add("option")
    if not group.characters & set("/\\:."):
        kinds.add(PATH)
    return frozenset(kinds)


def matched(
    interp: Interpreter, shown: str, pattern: str | None, flags: int, subject: Taint
) -> Value:
    """The match of `subject` by `pattern` (None when not known)."""
    if not subject:
        return Value(kind=MATCH)
    taint = extend(subject, interp.step(f"matched by `{shown}()`"))
    groups = pattern_groups(pattern, flags) if pattern is not None else None
    if groups is None:
        return Value(taint, kind=MATCH)
    parts = {f"#{n}": Value(cleanse(taint, group_kinds(g))) for n, g in enumerate(groups.groups)}
    parts.update((f"[{name}]", parts[f"#{n}"]) for name, n in groups.names)
    return Value(taint, parts, kind=MATCH)


def function_match(interp: Interpreter, name: str, args: Args, keywords: Keywords) -> Value:
    """`re.match(pattern, subject, flags)` and the like."""
    given = dict(zip(("pattern", "string", "flags"), args, strict=False))
    given.update((key, (node, value)) for key, node, value in keywords if key)
    if "string" not in given:
        return Value(kind=MATCH)
    pattern = _pattern(interp, given["pattern"][0]) if "pattern" in given else None
    flags = _flags(given["flags"][0]) if "flags" in given else 0
    if flags is None or len(given) < len(args) + len(keywords):
        pattern = None
    shown = name.rsplit(".", 1)[-1]
    return matched(interp, f"re.{shown}", pattern, flags or 0, given["string"][1].whole())


def found_all(interp: Interpreter, args: Args, keywords: Keywords) -> Value:
    """`re.findall(pattern, subject)`: the texts of its group (of the whole match when it
    has none, of each group in a tuple when it has several)."""
    found = function_match(interp, "re.findall", args, keywords)
    parts = found.parts or {}
    numbered = [v for key, v in parts.items() if key[1:].isdigit() and key != "#0"]
    texts = numbered or [v for key, v in parts.items() if key == "#0"]
    taint = union(*(v.whole() for v in texts)) if parts else found.taint
    return Value(taint, kind="re.findall")


def method_match(
    interp: Interpreter, method: str, pattern: str | None, args: Args, keywords: Keywords
) -> Value:
    """`PATTERN.match(subject)` of a compiled pattern (its text None when not known)."""
    subject = next((v for key, _, v in keywords if key == "string"), None)
    if subject is None:
        subject = args[0][1] if args else CLEAN
    return matched(interp, f".{method}", pattern, 0, subject.whole())


def compiled_text(interp: Interpreter, base: str) -> str | None:
    """The pattern a module-level name was compiled from, read in this module or another."""
    return interp.engine.index.compiled_pattern(base)


def _pattern(interp: Interpreter, node: ir.Expr) -> str | None:
    if isinstance(node, ir.Const) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ir.Global):
        return compiled_text(interp, node.name)
    return None


def _flags(node: ir.Expr) -> int | None:
    if isinstance(node, ir.Const) and type(node.value) is int:
        return node.value
    if isinstance(node, ir.Global):
        module, _, name = node.name.rpartition(".")
        return REGEX_FLAGS.get(name) if module == "re" else None
    return None


def match_method(method: str, args: Args, receiver: Value) -> Value | None:
    """`m.group(1)`, `m.groups()`, `m.groupdict()`, `m.start()` of a match; None for
    another method."""
    parts = receiver.parts or {}
    if method in _NUMBERS:
        return CLEAN
    if method in {"group", "__getitem__"}:
        if not args:
            return parts.get("#0") or Value(receiver.taint)
        read = [_group(receiver, node) for node, _ in args]
        if len(read) == 1:
            return read[0]
        return Value(kind="<tuple>", parts={f"#{i}": v for i, v in enumerate(read)})
    numbered = sorted(
        (int(key[1:]), value) for key, value in parts.items() if key[1:].isdigit() and key != "#0"
    )
    if method == "groups":
        if not parts:
            return Value(receiver.taint)
        return Value(kind="<tuple>", parts={f"#{n - 1}": v for n, v in numbered})
    if method == "groupdict":
        if not parts:
            return Value(receiver.taint)
        named = {key: value for key, value in parts.items() if key.startswith("[")}
        return Value(union(*(v.whole() for v in named.values())), named, kind="<dict>")
    if method == "expand":
        return Value(union(*(v.whole() for _, v in numbered)) if parts else receiver.taint)
    return None


def _group(receiver: Value, node: ir.Expr) -> Value:
    """The group an argument of `m.group()` names; any of them when not a constant."""
    known = receiver.parts or {}
    if isinstance(node, ir.Const):
        key = f"[{node.value}]" if isinstance(node.value, str) else f"#{node.value}"
        found = known.get(key)
        if found is not None:
            return found
    if not known:
        return Value(receiver.taint)
    return Value(union(*(v.whole() for key, v in known.items() if key != "#0")))
