"""Shared knowledge of the template XSS rules: which filters escape, and for what."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.parse.templates import Dialect, Expression, Node, NodeKind, ParsedTemplate

HTML_ESCAPERS = frozenset({"escape", "e", "forceescape", "force_escape", "urlencode"})
"""Filters whose output is escaped for HTML whatever the autoescape setting."""
NUMERIC = frozenset(
    {
        "int", "float", "length", "count", "wordcount", "abs", "round", "floatformat",
        "filesizeformat", "intcomma", "add", "yesno", "date", "time", "timesince",
        "timeuntil", "naturaltime", "naturalday", "sum", "min", "max",
    }
)  # fmt: skip
"""Filters whose output is a number, a date or a fixed word: nothing to inject."""
SAFE_MARKERS = frozenset({"safe", "safeseq"})


def outputs(template: ParsedTemplate) -> Iterator[tuple[Node, Expression]]:
    """Every `{{ }}` with a parsed expression that is not a literal."""
    for node in template.nodes:
        expression = node.expression
        if node.kind is not NodeKind.VAR or expression is None:
            continue
        if expression.text and not expression.literal:
            yield node, expression


def translated(template: ParsedTemplate) -> frozenset[str]:
    """Names bound to the translation of a literal message (`{% translate "..." as name %}`),
    text the developer and the translators wrote."""
    return frozenset(
        node.args[-1]
        for node in template.nodes
        if node.kind is NodeKind.TAG
        and node.tag in {"trans", "translate"}
        and len(node.args) >= 3
        and node.args[-2] == "as"
        and node.args[0][:1] in "\"'"
    )


def last_filter_in(expression: Expression, names: frozenset[str]) -> bool:
    """Whether the output's last filter is one of `names` (`x|safe|e` is escaped)."""
    return bool(expression.filters) and expression.filters[-1] in names


def neutral(expression: Expression) -> bool:
    """The output cannot carry markup: an escaping or numeric filter applies last."""
    return last_filter_in(expression, HTML_ESCAPERS | NUMERIC)


def by_dialect(template: ParsedTemplate, jinja: str, django: str) -> str:
    """The text for the template's language."""
    return jinja if template.dialect is Dialect.JINJA else django


def shown(expression: Expression) -> str:
    """The expression as written, shortened for a message."""
    text = " ".join(expression.text.split())
    text = text.replace(" . ", ".").replace(" ( ", "(").replace(" )", ")").replace("( ", "(")
    return text if len(text) <= 50 else text[:47] + "..."


RUNS_URL = {
    "href": frozenset({"a", "area", "base"}),
    "src": frozenset({"iframe", "frame", "embed", "script"}),
    "data": frozenset({"object"}),
    "action": frozenset({"form"}),
    "formaction": frozenset({"button", "input"}),
    "xlink:href": frozenset({"a"}),
}
"""Attributes whose URL the browser navigates to or loads as code (img src does not
run `javascript:`)."""
_BUILT_URLS = frozenset({"url_for", "static", "url", "reverse", "build_absolute_uri"})
_APP_URL_NAMES = frozenset(
    {"get_absolute_url", "STATIC_URL", "MEDIA_URL", "path", "get_full_path", "path_info"}
    | {"full_path"}
)
_REQUEST_OWN_URLS = frozenset(
    {"request.url", "request.base_url", "request.url_root", "request.host_url"}
)
"""Werkzeug's URLs of the request itself (`action="{{ request.url }}"`): their scheme is
the server's, http or https, whatever the client sent."""


def built_by_app(expression: Expression) -> bool:
    """`url_for(...)` (and the app's own `url_for_login(...)`), `object.get_absolute_url`,
    `request.path`, `request.url`: not a scheme an attacker chooses."""
    for call in expression.calls:
        last = call.rsplit(".", 1)[-1]
        if last in _BUILT_URLS or last.startswith("url_for_"):
            return True
    last = expression.path.rsplit(".", 1)[-1] if expression.path else ""
    return last in _APP_URL_NAMES or expression.path in _REQUEST_OWN_URLS
