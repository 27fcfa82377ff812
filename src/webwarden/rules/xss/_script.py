"""When a template value written into JavaScript is unsafe, and why (WW554)."""

from __future__ import annotations

import dataclasses
import re

from webwarden.model.templates.facts import RAW_FORM_PARTS
from webwarden.model.templates.safe_marking import FIELD_IDENTIFIERS
from webwarden.parse.templates import Dialect, Expression, Node, NodeKind, ParsedTemplate
from webwarden.parse.templates.html import Placement, Where
from webwarden.rules.context import identifier_words
from webwarden.rules.xss._template import (
    SAFE_MARKERS,
    numeric_output,
    plural_suffix,
    slug_output,
)

_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href"})
_CONSTANT = r"""(?:'[^'\\]*'|"[^"\\]*"|-?\d+|True|False|None|true|false|none)"""
_KEY_NAMES = frozenset({"id", "pk", "uuid"})
_KEY = rf"[A-Za-z_]\w*(?:\.\w+)*(?:\.(?:{'|'.join(sorted(_KEY_NAMES))})|_id|_uuid)"
_CONSTANT_URL = re.compile(
    rf"url_for\(\s*{_CONSTANT}(?:\s*,\s*(?:\w+\s*=\s*)?(?:{_CONSTANT}|{_KEY}))*\s*,?\s*\)"
)
"""`url_for('admin.delete')`, `url_for('shelf.order', shelf_id=shelf.id)`: a URL of the
app's own routes, with constant arguments or keys the database makes."""
_LOOP_NUMBERS = {
    Dialect.DJANGO: re.compile(r"forloop(?:\.parentloop)*\.(?:counter0?|revcounter0?|first|last)"),
    Dialect.JINJA: re.compile(r"loop\.(?:index0?|revindex0?|length|depth0?|first|last)"),
}
"""The loop's own counters and flags (`{{ forloop.counter0 }}`, Jinja's `{{ loop.index }}`):
a number, `True` or `False`, whatever the items are."""
_USER_FLAGS = re.compile(
    r"(?:request\.user|user|current_user)\."
    r"(?:is_authenticated|is_anonymous|is_active|is_staff|is_superuser)"
)
"""Flags of the logged-in user that Django's user models (and `AnonymousUser`) and
Flask-Login's `UserMixin` define as booleans: `True` or `False`, whoever the user is."""
_FIELD_IDENTIFIER = re.compile(
    rf"[A-Za-z_]\w*(?:\.\w+)*\.(?:{'|'.join(sorted(FIELD_IDENTIFIERS))})"
)
"""A Django form field's generated id or name (`{{ form.email.id_for_label }}`, a loop's
`field.html_name`): the form's prefix and the field's name, which the code gives, joined
with `id_` and `-`; whatever data the form was bound to, never the client's text."""
_CSRF_TOKEN = re.compile(r"csrf_token(?:\(\s*\))?")
"""Flask-WTF's `csrf_token()` (itsdangerous' URL-safe base64 and dots) and Django's
`csrf_token` (letters and digits): the framework makes it of characters that cannot end
a string or an attribute."""
_FORM_CSRF_TOKEN = re.compile(r"(?:[A-Za-z_]\w*\.)+csrf_token\.(?:current_token|_value\(\))")
"""The token of a WTForms form's CSRF field (`{{ form.csrf_token.current_token }}`, or
its `_value()`, which returns it): what the form's CSRF implementation generated,
Flask-WTF's `generate_csrf()`, of the same characters; not its `data`, which a bound
form fills from what was posted."""
_CSP_NONCE = re.compile(r"request\.csp_nonce|CSP_NONCE|csp_nonce\(\s*\)")
"""The nonce of the page's Content Security Policy: django-csp's `request.csp_nonce` (and
the `CSP_NONCE` its context processor adds), Flask-Talisman's `csp_nonce()` global; the
middleware makes it of random base64 or URL-safe base64, no quote or backslash."""
_DJANGO_LANGUAGE = re.compile(r"LANGUAGE_CODE|LANGUAGE_BIDI")
"""What Django's `i18n` context processor sets: the active language's code, which
`LocaleMiddleware` only ever activates from `settings.LANGUAGES` (letters and `-`),
and whether it is written right to left (`True` or `False`)."""


_BOUND_FIELD_NAME = re.compile(r"(?:[A-Za-z_]\w*\.)*[A-Za-z_]*form\.\w+\.name")
"""`{{ form.email.name }}`, `{{ search_form.q.name }}`: the name a field has in its form's
class (a Django bound field's, a WTForms field's), read from a name ending in `form`."""
_NOT_FIELDS = RAW_FORM_PARTS | {"fields", "errors"}
"""Parts of a form that are no field of it (`form.fields.name` looks up a key)."""


def field_identifier(text: str) -> bool:
    """`form.email.id_for_label`, `form.email.name`, not a key of what was posted
    (`form.data.id_for_label`, `request.POST.auto_id`, `form.instance.name`): see
    `_FIELD_IDENTIFIER` and `_BOUND_FIELD_NAME`."""
    owners = text.split(".")[:-1]
    if _FIELD_IDENTIFIER.fullmatch(text) is None and (
        _BOUND_FIELD_NAME.fullmatch(text) is None or owners[-1] in _NOT_FIELDS
    ):
        return False
    return owners[0] != "request" and RAW_FORM_PARTS.isdisjoint(owners)


def javascript_kind(template: ParsedTemplate, placement: Placement) -> str:
    """`script`, `handler` or `url` when the output is read as JavaScript, else ""."""
    if placement.where is Where.SCRIPT:
        return "script"
    if placement.where not in (Where.ATTRIBUTE, Where.UNQUOTED):
        return ""
    if placement.script_runner:
        return "handler"  # NOTE: `onclick`, or htmx's `hx-on:click`, Alpine's `@click`
    if placement.attribute in _URL_ATTRIBUTES and placement.javascript_url:
        return "url"
    return ""


def script_problem(
    template: ParsedTemplate,
    expression: Expression,
    placement: Placement,
    kind: str,
    *,
    trust_keys: bool = True,
    runs_next: str = "",
) -> str:
    """Why this output is unsafe where it is, "" when it is not. With `trust_keys`, a
    value named like a database key (`event.id`, `item_id`) counts as safe. `runs_next`
    shows the value a backslash ending this one turns into code (`string_followers`)."""
    filters = set(expression.filters)
    if filters & SAFE_MARKERS or numeric_output(expression) or plural_suffix(template, expression):
        return ""  # NOTE: `|safe` is WW550's finding
    if expression.arithmetic and not filters:
        return ""  # NOTE: `{{ k.month - 1 }}`: a number, or Jinja raises
    if filters and _user_flag_kept(expression):
        return ""  # NOTE: `{{ user.is_authenticated|lower }}`: `true` or `false`
    if not filters and (
        (trust_keys and is_key(expression))
        or _CONSTANT_URL.fullmatch(expression.text)
        or _CSRF_TOKEN.fullmatch(expression.text)
        or _FORM_CSRF_TOKEN.fullmatch("".join(expression.text.split()))
        or _CSP_NONCE.fullmatch(expression.text.strip())
        or field_identifier(expression.text.strip())
        or _USER_FLAGS.fullmatch(expression.text.strip())
        or loop_number(template.dialect, expression.text)
        or (
            template.dialect is Dialect.DJANGO
            and _DJANGO_LANGUAGE.fullmatch(expression.text.strip()) is not None
        )
    ):
        return ""
    encoder = _json_encoder(template, filters)
    if kind == "url" and _percent_decoded_back(expression, encoder):
        return (
            "the browser percent-decodes a `javascript:` URL before running it: `%27` or"
            " `%22` in the value turns back into a quote"
        )
    if encoder:
        if kind != "script" and placement.quote == '"':
            return f'`{encoder}` output keeps `"`, which ends a double-quoted attribute'
        return ""
    inert_text = (
        _url_encoded(expression)
        or slug_output(template, expression)
        or _checked_host(template, expression)
    )
    if inert_text and placement.js_string in ("'", '"', "`"):
        # NOTE: percent-encoding, a slug's letters, digits, `-` and `_`, or a host name
        # leave no quote, backslash, entity or `${` to end it
        return ""
    if _built_by_url_for(template, expression) and placement.js_string in ('"', "`"):
        # NOTE: Werkzeug percent-encodes `"`, `\`, the backtick and `{` in every part of
        # the URL it builds, but leaves `'` in the query: a single-quoted string ends there
        return ""
    if placement.js_comment == "//" and (
        _url_encoded(expression) or _built_by_url_for(template, expression)
    ):
        # NOTE: only a line break ends a line comment, and a URL percent-encodes it
        return ""
    if "escapejs" in filters:
        if placement.js_string in ("'", '"'):
            return ""
        if placement.js_string == "`":
            return "`escapejs` leaves `${...}`, which runs code in a template literal"
        return "`escapejs` is only safe inside a quoted string"
    if kind == "script":
        if placement.js_string in ("'", '"') and runs_next:
            return (
                f"HTML escaping leaves `\\`: one at its end escapes the closing quote, and"
                f" `{{{{ {runs_next} }}}}` later on the line then runs as code"
            )
        if placement.js_string in ("'", '"'):
            return ""  # NOTE: HTML escaping keeps a quoted string closed inside <script>
        if placement.js_string == "`":
            return "`${...}` in a template literal runs code that HTML escaping leaves alone"
        if placement.js_comment == "//":
            return (
                "HTML escaping leaves line breaks: one ends the `//` comment, and what"
                " follows it runs as code"
            )
        if placement.js_comment == "/*":
            return "HTML escaping leaves `*/`, which ends the comment: what follows it runs as code"
        return "HTML escaping does not stop code outside a string literal"
    return "the browser decodes HTML entities before running the attribute's JavaScript"


def _percent_decoded_back(expression: Expression, encoder: str) -> bool:
    """Whether the output's encoding is one a `javascript:` URL's percent-decoding undoes
    or goes around: JSON (`encoder`) or `escapejs`, which leave `%` as it is, or a single
    URL encoding as the last filter (`x|urlencode`; not `x|urlencode|urlencode`, which
    decodes once into percent escapes)."""
    filters = expression.filters
    if filters[-1:] == ("urlencode",):
        return filters[-2:-1] != ("urlencode",)
    return bool(encoder) or "escapejs" in filters


def _built_by_url_for(template: ParsedTemplate, expression: Expression) -> bool:
    """The whole output is one URL Flask's `url_for(...)` builds (in a Jinja template),
    whatever its arguments hold."""
    return (
        template.dialect is Dialect.JINJA
        and expression.path == "url_for"
        and "url_for" in expression.calls
        and not expression.filters
    )


def _checked_host(template: ParsedTemplate, expression: Expression) -> bool:
    """Django's `request.get_host`, written alone: Django refuses (`DisallowedHost`) any
    host but lowercase letters, digits, dots and dashes (or an IPv6 address in brackets)
    with an optional port, whatever `ALLOWED_HOSTS` allows."""
    return (
        template.dialect is Dialect.DJANGO
        and not expression.filters
        and expression.text.replace(" ", "") == "request.get_host"
    )


def _url_encoded(expression: Expression) -> bool:
    """`x|urlencode`, `request.GET.urlencode` (a `QueryDict` method, as Django templates
    call it): letters, digits, `%`, and of the rest at most `_.-~/+=&`. Not Django's
    `|urlencode:"'"`, whose argument keeps characters as they are."""
    written = expression.text.replace(" ", "")
    if expression.filters:
        return expression.filters[-1] == "urlencode" and "urlencode:" not in written
    return written == expression.path and expression.path.endswith(".urlencode")


_DJBLETS_JSON = frozenset({"json_dumps", "json_dumps_items"})


_FLAG_KEEPING = frozenset({"lower", "upper", "capfirst", "title"})
"""Filters that turn `True` or `False` into a letter-case of the same word."""


def _user_flag_kept(expression: Expression) -> bool:
    """`{{ user.is_authenticated|lower }}`, `{{ request.user.is_staff|to_json }}`: a flag
    of the logged-in user (`_USER_FLAGS`, a boolean) through filters that only change the
    case of its word or write it as JSON (a filter named for JSON: `true`, `false`)."""
    return (
        not (expression.calls or expression.choices or expression.arithmetic)
        and _USER_FLAGS.fullmatch(expression.path) is not None
        and expression.names == (expression.path,)
        and all(f in _FLAG_KEEPING or "json" in f.lower() for f in expression.filters)
    )


def _json_encoder(template: ParsedTemplate, filters: set[str]) -> str:
    """A filter writing JSON with `<`, `>` and `&` escaped, "" for none: Jinja's `tojson`,
    and djblets' `json_dumps` in a template that loads `djblets_js`."""
    if template.dialect is Dialect.JINJA:
        return "tojson" if "tojson" in filters else ""
    used = filters & _DJBLETS_JSON
    if used and any(
        node.kind is NodeKind.TAG and node.tag == "load" and "djblets_js" in node.args
        for node in template.nodes
    ):
        return min(used)
    return ""


def is_key(expression: Expression) -> bool:
    """`category.id`, `event_id`, `obj.pk`: a key the database made (a number, or a UUID),
    which no user chooses; also a choice between keys and constants (`page.id if page is
    defined else "null"`)."""
    if expression.calls:
        return False
    if expression.choices:
        return all(_key_text(choice) for choice in expression.choices)
    if not expression.path:
        return False
    written = _INDEX.sub(r".\1", _ITEM.sub(r".\2", expression.text)).replace(" ", "")
    return written == expression.path and database_key(expression.path)


def is_kept_key(expression: Expression) -> bool:
    """`is_key`, also written through filters that keep it or put a literal in its place
    when it is missing (`{{ plan.parent.pk|default:'null' }}`, Django's choice between a
    key and a constant, as Jinja's `page.id if page else "null"` is)."""
    if not expression.filters:
        return is_key(expression)
    if expression.calls or not expression.path or set(expression.filters) - _KEEPING:
        return False
    return expression.names == (expression.path,) and database_key(expression.path)


_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.\w+)*")


def _key_text(text: str) -> bool:
    """Whether an operand's text is a bare variable path naming a database key."""
    written = _INDEX.sub(r".\1", _ITEM.sub(r".\2", text)).replace(" ", "")
    return _DOTTED.fullmatch(written) is not None and database_key(written)


_DEFAULTS = frozenset({"default", "d"})


def without_literal_defaults(expression: Expression) -> Expression | None:
    """The expression as it is with no filter, or with only Jinja `default`s given
    literals alone (`config.TIMEOUT|default(298)`, `page.id|d(0, true)`) taken off: their
    output is the value or the developer's own literal. None when another filter, or a
    `default` given a variable, is applied."""
    if not expression.filters:
        return expression
    uses = expression.uses
    if (
        any(name not in _DEFAULTS for name in expression.filters)
        or len(uses) != len(expression.filters)
        or any(use.name not in _DEFAULTS or use.arguments for use in uses)
    ):
        return None
    operand = min((use.operand for use in uses), key=len)
    return dataclasses.replace(expression, text=operand, filters=(), uses=())


_APP_CONFIG = ("config.", "current_app.config.")
_DJANGO_SETTING_URLS = frozenset({"STATIC_URL", "MEDIA_URL"})
"""What Django's `static` and `media` context processors add to every context: the
settings of the same names."""


def app_config_value(template: ParsedTemplate, expression: Expression) -> bool:
    """`config.SITE_NAME`, `config["UPLOAD_DIR"]`, `current_app.config[...]` in a Jinja
    template: a value of Flask's app config (the `config` global every template has);
    `STATIC_URL` or `MEDIA_URL` in a Django template, the setting its context processor
    adds. Whoever runs the app sets them, not a visitor."""
    if expression.calls or not expression.path:
        return False
    written = _ITEM.sub(r".\2", expression.text).replace(" ", "")
    if written != expression.path:
        return False
    if template.dialect is Dialect.DJANGO:
        return expression.path in _DJANGO_SETTING_URLS
    return expression.path.startswith(_APP_CONFIG)


_ITEM = re.compile(r"""\s*\[\s*(['"])(\w+)\1\s*\]""")
"""`obj['id']`: Jinja looks a constant key up as it does an attribute (`obj.id`)."""
_INDEX = re.compile(r"\s*\[\s*(\d+)\s*\]")
"""`rows[0].id`: an item at a constant index, which the template's path writes `rows.0.id`."""


_MEASURE_WORDS = frozenset(
    {"count", "counts", "total", "totals", "sum", "num", "number", "epoch", "timestamp",
     "age", "size", "length", "width", "height", "percent", "percentage", "pct", "ratio",
     "score", "average", "avg", "mean", "median", "max", "min", "index", "idx", "days",
     "hours", "minutes", "seconds", "milliseconds", "microseconds", "duration",
     "latitude", "longitude", "lat", "lng",
     "lon", "year", "month", "week", "day", "hour", "minute"}
)  # fmt: skip
"""Last words of names that hold a number the app computed (`stats.total_count`,
`month.epoch`, `item.age`, `settings.refresh_milliseconds`), as a chart's script or a
timer writes them; also the parts of a date or time as Python's `date` and `datetime`
name them (`k.year`, `k.day`, `t.hour`: `new Date({{ k.year }}, {{ k.month - 1 }}, {{
k.day }})`). NOTE: not `second`, also an ordinal (`pair.second`)."""


_PAGINATOR_COUNTS = frozenset({"num_pages"})
"""Django's `Paginator.num_pages` (`{{ page_obj.paginator.num_pages }}`): the number of
the last page, an `int` whatever the rows hold."""


_KEEPING = frozenset({"unlocalize", "default", "default_if_none"})
"""Filters that write a number as it is (Django's `unlocalize`: digits without thousands
separators) or put a literal in its place when it is missing."""


def is_measure(expression: Expression) -> bool:
    """`month.epoch`, `stats.open_count`, `progress_percent`: a value named as a number
    the app computed (a count, a time, a size), written as it is (or unlocalized, or a
    literal default: `{{ field.max_length|default_if_none:"50"|unlocalize }}`), also
    a method so named that Jinja calls with no argument (`{{ page.next_page_number() }}`,
    which a Django template writes `{{ page.next_page_number }}` and calls by itself)."""
    if not expression.path or set(expression.filters) - _KEEPING:
        return False
    if expression.calls and not _called_bare(expression):
        return False
    if expression.names != (expression.path,):
        return False  # NOTE: a default read from another variable
    return measure_name(expression.path)


_BARE_CALL = re.compile(r"\s*([A-Za-z_][\w.]*)\s*\(\s*\)\s*")


def _called_bare(expression: Expression) -> bool:
    """`page.next_page_number()`: the output's path called with no argument, and no
    other call in it."""
    head = expression.text.split("|", 1)[0]
    called = _BARE_CALL.fullmatch(head)
    return (
        called is not None
        and called.group(1) == expression.path
        and expression.calls == (expression.path,)
    )


_FORMATTED_WORDS = frozenset({"formatted", "localized", "localised", "humanized", "humanised"})
"""Last words of a measure's name that say it was written out for the reader
(`total_count_formatted = format_decimal(count, locale=...)`, `size_humanized`): the
number as text, with the locale's separators."""


def measure_name(path: str) -> bool:
    """Whether a dotted variable path's last name ends in a measure's word (`month.epoch`,
    `info.left_pct`), also followed by a word saying it was formatted
    (`total_count_formatted`), or is Django's `paginator.num_pages`."""
    last = path.rsplit(".", 1)[-1]
    if last in _PAGINATOR_COUNTS:
        return True
    words = identifier_words(last)
    if len(words) > 1 and words[-1] in _FORMATTED_WORDS:
        words = words[:-1]
    return bool(words) and words[-1] in _MEASURE_WORDS


def loop_number(dialect: Dialect, text: str) -> bool:
    """Whether `text` is the loop's own counter or flag (`forloop.counter`, Jinja's
    `loop.index`): a number, `True` or `False`, whatever the items are."""
    return bool(_LOOP_NUMBERS[dialect].fullmatch(text.strip()))


def database_key(path: str) -> bool:
    """Whether a dotted variable path ends in a key the database made (`obj.pk`,
    `article.current_revision.id`, `event_id`, `root_pk`, a `UUIDField`'s `obj.uuid`,
    `flow_uuid`), its words split in either case (`userId`, `manager.getPlateId`)."""
    words = identifier_words(path.rsplit(".", 1)[-1])
    return bool(words) and words[-1] in _KEY_NAMES


_BINDING_TAGS = frozenset({"set", "for", "with", "macro", "call", "import", "from"})


def bound_to_app_url(template: ParsedTemplate, node: Node) -> bool:
    """`{{ detail_url }}`, written alone, where every `set` of the template binding the
    name sets it to a URL of the app's own routes with constant arguments or keys the
    database makes (`{% set detail_url = url_for('build_detail', build_id=entry.id) %}`,
    one of them before the output), or every Django tag binding it is `{% static
    "literal" as name %}` (a static file's URL), and nothing else binds it (a loop, a
    macro's parameter, a block `set`, another tag's `as name`): it writes what that
    `url_for(...)` or `{% static %}` written in its place would."""
    expression = node.expression
    if expression is None or expression.filters or expression.calls:
        return False
    name = expression.path
    if not name.isidentifier() or expression.names != (name,):
        return False
    bound_before = False
    for tag in template.nodes:
        if tag.kind is not NodeKind.TAG:
            continue
        if tag.tag == "set" and tag.args[:2] == (name, "="):
            if not _CONSTANT_URL.fullmatch("".join(tag.args[2:])):
                return False
            bound_before = bound_before or tag.start < node.start
        elif tag.tag in _BINDING_TAGS and any(arg.strip(",") == name for arg in tag.args):
            return False  # NOTE: a loop, a macro or a block `set` may bind the name otherwise
        elif tag.args[-2:] == ("as", name):
            if not (_static_literal(tag) or _route_url(tag)):
                return False  # NOTE: another tag's value (`{% url "page" page.slug as name %}`)
            bound_before = bound_before or tag.start < node.start
    return bound_before


def _static_literal(tag: Node) -> bool:
    """`{% static "img/raty/" as path %}`: the URL of one of the app's static files, the
    path the author wrote after the `STATIC_URL` the operator set."""
    return tag.tag == "static" and len(tag.args) == 3 and tag.args[0][:1] in "\"'"


_URL_ARGUMENT = re.compile(rf"(?:\w+=)?(?:{_CONSTANT}|{_KEY})")


def _route_url(tag: Node) -> bool:
    """`{% url "admin:shop_order_change" original.pk as change_url %}`: a URL of the app's
    own routes by a name the author wrote, with constant arguments or keys the database
    makes (`reverse()` leaves `'` unquoted in what it fills in, so nothing else)."""
    return (
        tag.tag == "url"
        and len(tag.args) >= 3
        and tag.args[0][:1] in "\"'"
        and all(_URL_ARGUMENT.fullmatch(arg) for arg in tag.args[:-2])
    )
