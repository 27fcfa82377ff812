"""Whether a regular expression meant to allow a site's origins lets other sites' through.

django-cors-headers tests each origin with `re.match(pattern, origin)`: anchored at the
start only, so a pattern without `$` also allows the origin with any host appended
(`https://app.example.com.attacker.example`), and a `.` left unescaped matches any
character (`(.*).example.com` allows `https://attackerexample.com`, a domain anyone may
register). The pattern is never run on anything but the origins made here.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

_parser = importlib.import_module("re._parser")
"""The `re` module's own parser (typeshed has no stubs for it): the tree the sample is made from."""

_ATTACKER = "attacker.example"
_MAX_REPEAT = 20
_PLAIN = "a0-._b"
"""Characters tried, in order, for a negated class (`[^/]`)."""


def other_site_origin(pattern: str, *, full: bool = False) -> str | None:
    """An origin of another site than the one `pattern` was written for that
    `re.match(pattern, origin)` allows (`re.fullmatch` when `full`, as Starlette's
    `allow_origin_regex` is tested), or None (none found, or the pattern is not
    understood)."""
    try:
        compiled = re.compile(pattern)
    except (re.error, RecursionError):
        return None
    test = compiled.fullmatch if full else compiled.match
    for scheme in ("https", "http"):
        if test(f"{scheme}://{_ATTACKER}") is not None:
            return f"{scheme}://{_ATTACKER}"  # NOTE: `.*`, `^https?://`: any origin at all
    try:
        sample = _generate(_parser.parse(pattern), repeated=False)
    except (re.error, _Unsupported, RecursionError):
        return None
    if sample is None or test(sample) is None:
        return None
    parts = urlsplit(sample)
    host = parts.hostname or ""
    if parts.scheme not in {"http", "https"} or not host or parts.path or parts.query:
        return None
    try:
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        return None
    own = _site(host)
    for candidate in _attacks(host, own):
        origin = f"{parts.scheme}://{candidate}{port}"
        if test(origin) is not None:
            return origin
    return None


def _attacks(host: str, own: str) -> Iterator[str]:
    """Hosts of other sites than `own`: the host with the attacker's domain appended,
    the site's domain glued to the attacker's name, and each dot before the site's top
    label made a hyphen (`app-example.com` for `app.example.com`)."""
    yield f"{host}.{_ATTACKER}"
    if not _named_domain(host):
        return  # NOTE: an address or a single label (`localhost`) has no site to imitate
    yield f"attacker{own}"
    last = host.rfind(".")
    for index, char in enumerate(host[:last]):
        if char == ".":
            mutated = f"{host[:index]}-{host[index + 1 :]}"
            site = _site(mutated)
            if site != own and not site.endswith(f".{own}"):
                yield mutated


def _named_domain(host: str) -> bool:
    labels = host.split(".")
    return len(labels) >= 2 and labels[-1].isalpha() and all(labels[-2:])


def _site(host: str) -> str:
    """The host's last two labels: the domain a site registers (`example.com`)."""
    return ".".join(host.split(".")[-2:])


class _Unsupported(Exception):
    """A construct the sample maker does not handle (a back-reference, a look-around)."""


def _generate(items: Any, *, repeated: bool) -> str | None:
    """A short string the parsed pattern `items` matches: a lone `.` stands for a dot (what
    its author meant), one under a repeat (`.*`) for a letter, a class for its first
    character, a choice for its first branch, a repeat for its least count (once for
    `.*` or `[a-z]*`, a label's letters)."""
    out: list[str] = []
    for op, arg in items:
        piece = _piece(op, arg, repeated=repeated)
        if piece is None:
            return None
        out.append(piece)
    return "".join(out)


def _piece(op: Any, arg: Any, *, repeated: bool) -> str | None:
    if op is _parser.LITERAL:
        return chr(arg)
    if op is _parser.NOT_LITERAL:
        return "a" if arg != ord("a") else "b"
    if op is _parser.ANY:
        return "a" if repeated else "."
    if op is _parser.IN:
        return _in_class(arg)
    if op is _parser.AT:
        return ""
    if op is _parser.BRANCH:
        for branch in arg[1]:
            found = _generate(branch, repeated=repeated)
            if found is not None:
                return found
        return None
    if op is _parser.SUBPATTERN:
        return _generate(arg[-1], repeated=repeated)
    if op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
        low, _high, inner = arg
        single = len(inner) == 1 and inner[0][0] in (_parser.ANY, _parser.IN)
        count = max(low, 1) if single else low
        if count > _MAX_REPEAT:
            raise _Unsupported
        piece = _generate(inner, repeated=True)
        return None if piece is None else piece * count
    raise _Unsupported


def _in_class(items: Any) -> str | None:
    negated = bool(items) and items[0][0] is _parser.NEGATE
    if not negated:
        for op, arg in items:
            if op is _parser.LITERAL:
                return chr(arg)
            if op is _parser.RANGE:
                low, high = arg
                return "a" if low <= ord("a") <= high else chr(low)
            if op is _parser.CATEGORY:
                return _category_char(arg)
        return None
    excluded = items[1:]
    for char in _PLAIN:
        if not any(_in_item(op, arg, char) for op, arg in excluded):
            return char
    return None


def _category_char(category: Any) -> str:
    if category is _parser.CATEGORY_DIGIT:
        return "0"
    if category in (_parser.CATEGORY_WORD, _parser.CATEGORY_NOT_SPACE):
        return "a"
    if category in (_parser.CATEGORY_NOT_DIGIT, _parser.CATEGORY_NOT_WORD):
        return "a" if category is _parser.CATEGORY_NOT_DIGIT else "."
    raise _Unsupported


def _in_item(op: Any, arg: Any, char: str) -> bool:
    if op is _parser.LITERAL:
        return bool(arg == ord(char))
    if op is _parser.RANGE:
        return bool(arg[0] <= ord(char) <= arg[1])
    if op is _parser.CATEGORY:
        tests = {
            _parser.CATEGORY_DIGIT: char.isdigit(),
            _parser.CATEGORY_WORD: char.isalnum() or char == "_",
            _parser.CATEGORY_SPACE: char.isspace(),
        }
        negations = {
            _parser.CATEGORY_NOT_DIGIT: _parser.CATEGORY_DIGIT,
            _parser.CATEGORY_NOT_WORD: _parser.CATEGORY_WORD,
            _parser.CATEGORY_NOT_SPACE: _parser.CATEGORY_SPACE,
        }
        if arg in tests:
            return bool(tests[arg])
        if arg in negations:
            return not tests[negations[arg]]
    raise _Unsupported
