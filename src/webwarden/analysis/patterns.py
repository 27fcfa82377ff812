"""Regular expressions that allow only word characters: a value that matched one is an
identifier or a number, or a list of them (`\\d+(?:,\\d+)*`: a comma ends no quoted
string, path segment or tag), which no SQL, command, path or URL can be built from.

`if not re.fullmatch(r"[a-z_]+", column): abort(400)` is how applications check a column
or table name before formatting it into SQL, and the check is as good as an allow-list;
a URL pattern's group of them (`(?P<ext>png|jpg)`) passes the view no payload either.

And those that a URL matches only as a path of this site: `re.match(r"^/[a-z]+", url)`.

And substitutions that drop every path separator: `re.sub(r"[^\\w.-]+", "", name)`,
`re.sub(r"[/\\\\:*?]", "", name)`.
"""

from __future__ import annotations

import ast
import re

# NOTE: a class of word characters; not `,-` then more, which is a range (`[,-9]` holds
# `.` and `/`). An escaped `\-` is the character itself (`[\w\-]`), unless a range starts
# with it (`[\--z]` holds `.` and `/`).
_PIECE = (
    r"(?:\[(?:\\[wd]|[A-Za-z0-9_]-[A-Za-z0-9_]|,(?!-[^\]])|\\-(?!-[^\]])|[A-Za-z0-9_-])+\]"
    r"|\\[wd]|\\-|[A-Za-z0-9_,-]"  # one word character
    r"|\(\?:|[()|])"  # groups and alternatives
)
_WORDS_ONLY = re.compile(rf"(?:{_PIECE}(?:[+*?]|\{{\d+(?:,\d*)?\}})?)+")
_START = ("^", r"\A")
_END = ("$", r"\Z")
MATCHERS = frozenset({"fullmatch", "match", "search"})
_LOCAL_START = re.compile(
    r"\\?/(?:\[(?:\\[wd]|[A-Za-z0-9_]-[A-Za-z0-9_]|[A-Za-z0-9_.~%-])+\]|\\[wd]|[A-Za-z0-9_])"
    r"(?![?*]|\{0)"
)
"""`/` then a letter, digit or `_` that must be there (`/[a-z]+`, `/\\w`): not a second `/`
or `\\` (`//evil.example` and `/\\evil.example` lead to another host), nor any other
character: browsers drop tabs and newlines, so `/\t/evil.example` passes `^/[^/\\\\]`."""


def anchored_core(pattern: str, how: str) -> tuple[str, bool] | None:
    """The pattern between its anchors when `re.<how>(pattern, s)` can only match the
    whole of `s` (anchored at the end unless `fullmatch`, at the start too for `search`),
    with whether a final newline still passes (a `$` ending `match` or `search`); None
    when the pattern leaves part of `s` unmatched."""
    if how not in MATCHERS:
        return None
    core = pattern
    anchored = core.startswith(_START)
    if anchored:
        core = core[1 if core.startswith("^") else 2 :]
    ended = core.endswith(_END) and not core.endswith(("\\$", "\\\\Z"))
    newline = ended and how != "fullmatch" and core.endswith("$")
    if ended:
        core = core[: -1 if core.endswith("$") else -2]
    if (how != "fullmatch" and not ended) or (how == "search" and not anchored):
        return None
    return core, newline


def words_only(pattern: str, how: str) -> bool:
    """Whether a string `re.<how>(pattern, s)` matched holds only word characters (and
    `-` or `,`): the pattern is anchored as far as `how` leaves it open, and its pieces allow
    nothing else (`[a-z_]+`, `^\\d{1,6}$`, `(asc|desc)`)."""
    found = anchored_core(pattern, how)
    if found is None:
        return False
    core = found[0]
    if how != "fullmatch" and "|" in core:
        return False  # NOTE: `^a|b$` anchors each alternative at one end only
    return bool(core) and _WORDS_ONLY.fullmatch(core) is not None


_CLASS = re.compile(r"(\[\^?(?:\\.|[^\]\\])+\])[+*]?")
"""One character class, negated or not, alone or repeated (`[^0-9a-z-]+`, `[/\\]`): a
`]` first in the class, which Python takes literally, is not read, and the pattern is
not one."""
_SEPARATORS = ("/", "\\")
_REFUSED = re.compile(r"\[\^((?:\\.|[^\]\\])+)\][+*]?")


def allowed_class(pattern: str) -> str | None:
    """The class of characters a string holds when `re.search(pattern, s)` found none
    outside it: `"[A-Za-z0-9\\-]"` for `[^A-Za-z0-9\\-]` (or `[^...]+`), which finds any
    character but those; None for another pattern. `if re.search(r"[^a-z0-9]", name):
    abort(400)` is how code refuses a name holding anything else."""
    found = _REFUSED.fullmatch(pattern)
    return f"[{found[1]}]" if found else None


def drops_separators(pattern: str, replacement: str) -> bool:
    """Whether `re.sub(pattern, replacement, s)` leaves no `/` or `\\` in `s`: the pattern
    is one character class that both match, negated (each character it does not allow
    is replaced) or not (`[/\\\\:*?"<>|]`, the characters a file name may not hold), and
    the replacement holds neither. The class is read by `re` itself, so a range that
    spans one (`[^\\w+-/]`) keeps it."""
    found = _CLASS.fullmatch(pattern)
    if found is None or any(c in replacement for c in _SEPARATORS):
        return False
    try:
        removed = re.compile(found[1])
    except re.error:
        return False
    return all(removed.fullmatch(c) for c in _SEPARATORS)


def local_path_only(pattern: str, how: str) -> bool:
    """Whether a string `re.<how>(pattern, s)` matched is a path of this site: the
    pattern is anchored at the start and begins `/` then a word character, with no
    other alternative (`^/[a-z]+`, `/\\w+/`; not `^/`, `^/[^/]`, `^/x|https?://`)."""
    if how not in MATCHERS:
        return False
    if pattern.startswith(_START):
        pattern = pattern[1 if pattern.startswith("^") else 2 :]
    elif how == "search":
        return False
    return _LOCAL_START.match(pattern) is not None and not _top_level_alternative(pattern)


_HOST_UNDER_DOMAIN = re.compile(
    r"(?P<labels>\[(?:\\.|[^\]\\])+\]|\\w)(?:[+*]|\{\d+(?:,\d*)?\})"
    r"(?P<domain>(?:\\\.[A-Za-z0-9-]+)+\\\.[A-Za-z]{2,})"
)
"""A host name under a domain the pattern spells out: a class of host characters repeated,
then `.` and the domain's labels, each dot escaped (`[a-z0-9-]+\\.myshopify\\.com`)."""
_NOT_IN_A_HOST = "/\\@:?#%& \n"


def host_under_domain(pattern: str, how: str) -> bool:
    """Whether a string `re.<how>(pattern, s)` matched is a host name under the domain the
    pattern ends with (`^[a-z0-9-]+\\.myshopify\\.com$`: a shop's own subdomain): anchored
    at both ends as `how` needs, its first part a class of host characters only (no `/`,
    `@`, `:`), so that `https://{s}/...` leads to that domain, as an allow-list of hosts
    would."""
    anchored = anchored_core(pattern, how)
    if anchored is None:
        return False
    found = _HOST_UNDER_DOMAIN.fullmatch(anchored[0])
    if found is None:
        return False
    try:
        labels = re.compile(found["labels"])
    except re.error:
        return False
    return not any(labels.fullmatch(char) for char in _NOT_IN_A_HOST)


def _top_level_alternative(pattern: str) -> bool:
    """Whether `pattern` has a `|` outside every group and class."""
    depth = 0
    in_class = escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
    return False


def compiled_patterns(tree: ast.Module, compile_names: frozenset[str]) -> dict[str, str]:
    """Module-level names bound to `re.compile("<constant>")`: name -> pattern."""
    found: dict[str, str] = {}
    for statement in tree.body:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
            continue
        target, value = statement.targets[0], statement.value
        if (
            isinstance(target, ast.Name)
            and isinstance(value, ast.Call)
            and ast.unparse(value.func) in compile_names
            and value.args
            and isinstance(value.args[0], ast.Constant)
            and isinstance(value.args[0].value, str)
        ):
            found[target.id] = value.args[0].value
    return found
