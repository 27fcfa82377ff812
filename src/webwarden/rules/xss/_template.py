"""Shared knowledge of the template XSS rules: which filters escape, and for what."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.model.templates.built_urls import built_url_fits
from webwarden.model.templates.mail import in_mail_folder
from webwarden.model.templates.mail import mail_document as mail_document
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


def plain_text_mail(template: ParsedTemplate) -> bool:
    """A mail's subject or text body: a template of a mail folder with no HTML tag,
    extending none (whose base could be the HTML body)."""
    return (
        in_mail_folder(template.relpath)
        and not template.html.has_markup
        and not template.tags("extends")
    )


def outputs(template: ParsedTemplate) -> Iterator[tuple[Node, Expression]]:
    """Every `{{ }}` with a parsed expression that is not a literal, nor the parent
    template's block (`parent_block`)."""
    for node in template.nodes:
        expression = node.expression
        if node.kind is not NodeKind.VAR or expression is None:
            continue
        if expression.text and not expression.literal and not parent_block(expression):
            yield node, expression


def parent_block(expression: Expression) -> bool:
    """`{{ block.super }}` in Django, `{{ super() }}` in Jinja, without a filter: the block
    the template extends, rendered where it is written: the parent template's own text,
    each value in it judged there, never a value of the context."""
    # NOTE: either spelling whatever the dialect found: a template written for either
    # language reads alike to both parsers until a tag tells them apart.
    return not expression.filters and "".join(expression.text.split()) in _PARENT_BLOCKS


_PARENT_BLOCKS = frozenset({"block.super", "super()"})


def calls_macro(template: ParsedTemplate, expression: Expression) -> bool:
    """Whether the output is one call of a Jinja macro the template defines (`{% macro
    name(...) %}`) or imports (`{% from "forms.html" import name %}`, `{% import "m.html"
    as m %}` then `m.name(...)`): it writes the markup the macro's template writes, and
    each value in it is judged where the macro writes it."""
    if template.dialect is not Dialect.JINJA or expression.filters:
        return False
    path = expression.path
    if not (path and expression.text.startswith(f"{path}(")):
        return False
    if call_end(expression.text, len(path)) != len(expression.text) - 1:
        return False  # NOTE: more follows the call (`m(a) ~ x`, `m(a) + other(b)`)
    names, namespaces = _macro_names(template)
    return path in names or path.split(".", 1)[0] in namespaces


def call_end(text: str, opening: int) -> int:
    """The index of the `)` closing the `(` at `opening` (-1 when unclosed)."""
    depth = 0
    quote = ""
    for index in range(opening, len(text)):
        char = text[index]
        if quote:
            quote = "" if char == quote and text[index - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _macro_names(template: ParsedTemplate) -> tuple[frozenset[str], frozenset[str]]:
    """The names macros are called by, and the names of imported macro modules."""
    names: set[str] = set()
    namespaces: set[str] = set()
    for node in template.nodes:
        args = node.args
        if node.kind is not NodeKind.TAG or not args:
            continue
        if node.tag == "macro":
            names.add(args[0])
        elif node.tag == "import" and "as" in args[:-1]:
            namespaces.add(args[args.index("as") + 1])
        elif node.tag == "from" and "import" in args:
            imported = args[args.index("import") + 1 :]
            for end in ("with", "without"):
                imported = imported[: imported.index(end)] if end in imported else imported
            names.update(_bound_names(imported))
    return frozenset(names), frozenset(namespaces)


def _bound_names(imported: tuple[str, ...]) -> Iterator[str]:
    """`a , b as c` -> a, c."""
    group: list[str] = []
    for word in (*imported, ","):
        if word != ",":
            group.append(word)
        elif group:
            yield group[-1]
            group = []


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


def slug_output(template: ParsedTemplate, expression: Expression) -> bool:
    """The output's last filter is Django's `slugify`: ASCII letters, digits, `-` and `_`
    only (it drops everything else), so no space, quote, backslash, `&`, `$` or brace to
    end an attribute value or a string. Django's only: a Jinja environment's `slugify`
    is the project's own."""
    return template.dialect is Dialect.DJANGO and last_filter_in(expression, _SLUGIFY)


_SLUGIFY = frozenset({"slugify"})


def plural_suffix(template: ParsedTemplate, expression: Expression) -> bool:
    """The output's last filter is Django's `pluralize`, given no argument or a literal:
    it writes `s` (or the literal's singular or plural suffix) or nothing, whatever the
    count is, never the value it counts. Django's only: a Jinja environment's
    `pluralize` is the project's own (it may write the word it is given)."""
    return (
        template.dialect is Dialect.DJANGO
        and last_filter_in(expression, _PLURALIZE)
        and not expression.uses[-1].arguments
    )


_PLURALIZE = frozenset({"pluralize"})


def last_filter_in(expression: Expression, names: frozenset[str]) -> bool:
    """Whether the output's last filter is one of `names` (`x|safe|e` is escaped)."""
    return bool(expression.filters) and expression.filters[-1] in names


def neutral(expression: Expression) -> bool:
    """The output cannot carry markup: an escaping or numeric filter applies last."""
    return last_filter_in(expression, HTML_ESCAPERS) or numeric_output(expression)


def numeric_output(expression: Expression) -> bool:
    """The output's last filter gives a number, a date or a fixed word. Django's `add`
    joins text when it cannot add numbers: one given a string literal (`"By "|add:name`,
    `name|add:"!"`) writes the text of both."""
    if not last_filter_in(expression, NUMERIC):
        return False
    if expression.filters[-1] != "add":
        return True
    return not (expression.text.lstrip()[:1] in "\"'" or _ADDS_TEXT.search(expression.text))


_ADDS_TEXT = re.compile(r"\|\s*add\s*:\s*([\"'])(?!-?\d+\1)[^|]*$")


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
    | {"request.build_absolute_uri"}
)
"""Werkzeug's URLs of the request itself (`action="{{ request.url }}"`): their scheme is
the server's, http or https, whatever the client sent; and Django's
`{{ request.build_absolute_uri }}`, which a Django template calls with no location: the
page's own URL, on the host `ALLOWED_HOSTS` let through."""


def built_by_app(expression: Expression) -> bool:
    """`url_for(...)` (and the app's own `url_for_login(...)`), `object.get_absolute_url`,
    `request.path`, `request.url`, alone or beginning a concatenation (`request.url ~
    '?raw=1'`): not a scheme an attacker chooses."""
    for call in expression.calls:
        last = call.rsplit(".", 1)[-1]
        if last in _BUILT_URLS or last.startswith("url_for_"):
            return True
    path = expression.path or expression.leading
    last = path.rsplit(".", 1)[-1] if path else ""
    return last in _APP_URL_NAMES or path in _REQUEST_OWN_URLS


def quoted_url_fits(template: ParsedTemplate, node: Node) -> bool:
    """Whether a URL Flask's `url_for` built stays inside where `node` writes it
    unescaped (`built_url_fits`)."""
    return built_url_fits(template.placement(node))


def loads_filter(template: ParsedTemplate, library: str, name: str) -> bool:
    """Whether a Django template's `{% load %}` tags register the library's filter:
    `{% load library %}` or `{% load name from library %}`."""
    for node in template.nodes:
        if node.kind is not NodeKind.TAG or node.tag != "load":
            continue
        names = list(node.args)
        if len(names) >= 3 and names[-2] == "from":
            if names[-1] == library and name in names[:-2]:
                return True
        elif library in names:
            return True
    return False
