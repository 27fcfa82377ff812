"""URLs put together from their components by `urllib.parse`: `ParseResult(...)`,
`SplitResult(...)`, their `geturl()`, `urlunparse(...)` and `urlunsplit(...)`; and by
the `furl` library's `furl(url, args=..., fragment=...)`.

The composed URL writes the params after a `;`, the query after a `?` and the fragment
after a `#`, whatever the other components hold: data there cannot choose the scheme or
host the URL leads to. The scheme, host and path can (a path of `//evil.example` with
no host is read as a host), so they keep all their data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.shapes import QUERY_KINDS
from webwarden.analysis.taint.specs import OAUTH_ENCODED
from webwarden.analysis.taint.values import Taint, Value, cleanse, given_taint, union

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords

_SIX = ("scheme", "netloc", "path", "params", "query", "fragment")
_FIVE = ("scheme", "netloc", "path", "query", "fragment")
URL_RESULTS = {
    "urllib.parse.ParseResult": _SIX,
    "urllib.parse.ParseResultBytes": _SIX,
    "urllib.parse.SplitResult": _FIVE,
    "urllib.parse.SplitResultBytes": _FIVE,
}
"""The named tuples of a URL's components, by the components they hold in order."""
_PARSED = {**URL_RESULTS, "urllib.parse.urlparse": _SIX, "urllib.parse.urlsplit": _FIVE}
"""Those tuples by the kind of the value holding one: `urlparse(url)` makes a
`ParseResult`, whose components `_replace(query=...)` may change."""
_COMPOSERS = {"urllib.parse.urlunparse": _SIX, "urllib.parse.urlunsplit": _FIVE}
_AFTER_SEPARATOR = frozenset({"params", "query", "fragment"})


def url_result(name: str, args: Args, keywords: Keywords) -> Value | None:
    """`ParseResult(scheme, netloc, path, params, query, fragment)`: each component as an
    attribute of the tuple (None: arguments not all known by position or name)."""
    fields = URL_RESULTS[name]
    if len(args) > len(fields) or any(key not in fields for key, _, _ in keywords):
        return None
    given = {field: value for field, (_, value) in zip(fields, args, strict=False)}
    given.update((key, value) for key, _, value in keywords if key)
    return Value(parts={f".{field}": value for field, value in given.items()}, kind=name)


def is_parsed_url(value: Value) -> bool:
    """Whether `value` is a tuple of a URL's components (see `composed`)."""
    return value.kind in _PARSED


def composed(components: Value) -> Value:
    """The URL `geturl()` writes from a tuple `url_result` made, or `urlparse()` and
    `_replace()` changed: the data of a component after a separator made safe for the
    scheme and host; what the tuple holds as a whole (the URL parsed) is kept as it is."""
    fields = _PARSED.get(components.kind)
    if fields is None or not components.parts:
        return Value(components.whole())
    return Value(union(components.taint, _joined(components, fields, lambda f: f".{f}")))


def unparsed(name: str, args: Args, keywords: Keywords) -> Value | None:
    """`urlunsplit((scheme, netloc, path, query, fragment))`, given a tuple display or a
    tuple `url_result` made (None: another argument, judged as a whole)."""
    if len(args) != 1 or keywords:
        return None
    components = args[0][1]
    if is_parsed_url(components):
        return composed(components)
    fields = _COMPOSERS[name]
    if components.kind not in {"<tuple>", "<list>"} or not components.parts:
        return None
    if any(key not in {f"#{i}" for i in range(len(fields))} for key in components.parts):
        return None
    ordered = {field: f"#{i}" for i, field in enumerate(fields)}
    return Value(union(components.taint, _joined(components, fields, ordered.__getitem__)))


def params_added(args: Args, keywords: Keywords, receiver: Value | None = None) -> Value | None:
    """The URL a `PARAM_ADDERS` function (or an `OAUTH_CLIENT_REQUESTS` method of the
    `receiver` client) returns: the URL given first as it was, the other arguments
    encoded past its `?` or `#` (None: no URL given by position)."""
    if not args:
        return None
    # NOTE: the other arguments cannot choose the URL's scheme or host.
    others = given_taint(args[1:], keywords)
    if receiver is not None:
        others = union(others, receiver.whole())
    return Value(union(args[0][1].whole(), cleanse(others, OAUTH_ENCODED)))


def is_composer(name: str) -> bool:
    """Whether `name` is `urlunparse` or `urlunsplit`."""
    return name in _COMPOSERS


def _joined(components: Value, fields: tuple[str, ...], key: Callable[[str], str]) -> Taint:
    taints = []
    for field in fields:
        part = components.part(key(field))
        if part is None:
            continue
        taint = part.whole()
        taints.append(cleanse(taint, QUERY_KINDS) if field in _AFTER_SEPARATOR else taint)
    return union(*taints)


FURL = "furl.furl"
_FURL_POSITIONS = ("url", "args", "path", "fragment")
_FURL_AFTER_SEPARATOR = frozenset(
    {"args", "query", "query_params", "fragment", "fragment_path", "fragment_args"}
)
"""Parameters of `furl()` written after the `?` or `#` of the URL it makes."""


_FURL_CHANGES = {"set": ("args", "path", "fragment", "query"), "add": ("args", "path")}
"""`furl` methods that change the URL in place and return it, by their parameters in
order: `set()` replaces the components named, `add()` appends to them."""


def furl_made(args: Args, keywords: Keywords) -> Value:
    """`furl("/files/", args=request.args)`: the URL, its query and fragment made safe for
    the scheme and host; the URL given, its path, host or scheme keep all their data."""
    return Value(_furl_parts(_FURL_POSITIONS, args, keywords), kind=FURL)


def furl_changed(receiver: Value, method: str, args: Args, keywords: Keywords) -> Value | None:
    """`furl(login_url).set({"next": url})`, `.add(args=...)`: the URL as `furl_made`
    judges it, with what was given after its `?` or `#` made safe for the scheme and
    host (None: not such a method of a `furl`)."""
    positions = _FURL_CHANGES.get(method)
    if positions is None or receiver.kind != FURL:
        return None
    return Value(union(receiver.whole(), _furl_parts(positions, args, keywords)), kind=FURL)


def furl_query_part(holder: ir.Expr, owner: Callable[[ir.Expr], Value]) -> bool:
    """Whether `holder` is what a `furl` keeps after its `?` or `#` (`url.args`,
    `url.query.params`, `url.fragment`): what is added to it in place (`url.args.update(
    request.GET)`) cannot choose the URL's scheme or host. `owner` evaluates the `furl`."""
    first = None
    while isinstance(holder, ir.Attr):
        first, holder = holder.attr, holder.value
    return first in _FURL_AFTER_SEPARATOR and owner(holder).kind == FURL


def _furl_parts(positions: tuple[str, ...], args: Args, keywords: Keywords) -> Taint:
    named = [(positions[i], v) for i, (_, v) in enumerate(args[: len(positions)])]
    named += [(k or "", v) for k, _, v in keywords]
    named += [("", v) for _, v in args[len(positions) :]]
    taints = []
    for name, value in named:
        taint = value.whole()
        taints.append(cleanse(taint, QUERY_KINDS) if name in _FURL_AFTER_SEPARATOR else taint)
    return union(*taints)
