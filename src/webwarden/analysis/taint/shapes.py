"""Shapes of values: parts by position and key, elements, sanitised copies, fixed hosts."""

from __future__ import annotations

import re
import string
from collections.abc import Collection, Sequence

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import (
    DJANGO_REVERSE,
    DJANGO_UPLOAD,
    DJANGO_UPLOAD_LIST,
    DRF_REVERSE,
    HOST_CHECKED,
    HOSTS_REVERSE,
    MAYBE_UPLOAD,
    PATH_CHECKED,
)
from webwarden.analysis.taint.validation_errors import ELEMENT, VALIDATION_ERRORS
from webwarden.analysis.taint.values import (
    AFTER_PREFIX,
    BEFORE_SUFFIX,
    CLEAN,
    CLOSED_URL,
    DICTS,
    EMPTY,
    KEYS,
    OTHERS,
    Origin,
    Step,
    Taint,
    Value,
    cleanse,
    extend,
    join,
    join_all,
    union,
)

_FIXED_HOST = re.compile(
    r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#@\s{}]+[/?#]|^/[^/\\]|^[^\x00-\x20/\\:?#{}][^/\\:?#{}]*/"
    r"|^(?:mailto|tel|sms):"
)
"""A constant start that keeps a URL's scheme and host: a scheme and host, a local path
(`/` and then no other slash), or a relative path's first segment (`postcode/`): with a
`/` before any `:`, no scheme can begin, and `urljoin(base, ...)` or a browser keeps the
base's host. Or a scheme naming no host at all (`mailto:`, `tel:`, `sms:`): what follows
is an address or a number, handed to the mail or phone app, never a site loaded."""
_SEGMENT_END = re.compile(r"[^/\\:]/")
_AUTHORITY_START = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//")
_PORT_START = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//\{\}:")
"""A template's start up to a port, its host a field (`http://{}:`): a `/` after the
port's field ends the authority, even when the host is empty (`http://:/` is no URL)."""


_AFTER_PREFIX = frozenset({AFTER_PREFIX})
_BEFORE_SUFFIX = frozenset({BEFORE_SUFFIX})

QUERY_KINDS = frozenset({"url", "redirect"})
"""Sink kinds that data in a URL's query or fragment is safe for: it cannot change the
scheme or host the URL leads to."""


MOUNT_PREFIX = "<mount-prefix>"
"""The kind of Werkzeug's `request.script_root`, where the server mounted the app: empty
or a path like `/pi`, never ending in `/`."""

SITE_URLS = frozenset({"flask.url_for", *DJANGO_REVERSE, *DRF_REVERSE, *HOSTS_REVERSE})
"""Kinds of values that are URLs of the site's own, their host fixed."""

TRIMMED_SITE_URL = "<trimmed-site-url>"
"""The kind of a path of the site's own with its end stripped (`reverse("detail").rstrip(
"/")`): the start of a local path, `/` alone or nothing at all when the route is the root.
Not of an absolute URL (`url_for(..., _external=True)`), whose host `.evil.example`
would go on."""


def site_url_kind(name: str, args: Sequence[ir.Expr], keywords: Collection[str | None]) -> str:
    """The kind of what `name` returns: Django's path for DRF's `reverse` given no request
    (its fourth parameter), which makes no absolute URL then."""
    unknown = any(isinstance(arg, ir.Star) for arg in args) or None in keywords
    if name in DRF_REVERSE and len(args) < 4 and "request" not in keywords and not unknown:
        return DJANGO_REVERSE[0]
    return name


def known_keys(value: Value) -> bool:
    """A dict all of whose items are known: parts that are all items (`[key]`), not
    attributes, nor the unknown rest (`OTHERS`). Not a list or tuple: the pairs it holds
    under its positions are not the keys it gives."""
    parts = value.parts or {}
    return value.kind == "<dict>" and bool(parts) and all(key.startswith("[") for key in parts)


def keyword_attributes(
    keywords: Sequence[tuple[str | None, object, Value]],
) -> dict[str, Value] | None:
    """The attributes a constructor that sets one per keyword argument (a SQLAlchemy or
    Django model's) gives its object: `.name` for each `name=value`, and for each item of
    a dict spread (`Model(**fields)`) whose keys are all known. None when a spread may
    name any attribute (a dict of unknown keys, `**request.json`)."""
    attributes: dict[str, Value] = {}
    for key, _, value in keywords:
        if key:
            attributes[f".{key}"] = value
        elif known_keys(value) and not value.taint:
            for item, held in (value.parts or {}).items():
                attributes[f".{item[1:-1]}"] = held
        else:
            return None
    return attributes


def symbolic_spread(keywords: Sequence[tuple[str | None, object, Value]]) -> bool:
    """Whether the dicts spread among `keywords` are each a summary's symbol alone (a
    parameter `**kwargs`, no request data nor known items, or such a parameter that only
    gained items under its own keys, see `spread_symbols`): what keys the caller gives
    is known only there."""
    spread = [value for key, _, value in keywords if key is None]
    return bool(spread) and all(
        (not value.parts and all(label.origin.kind != "source" for label in value.taint))
        or _own_keys_merged(value)
        for value in spread
    )


def spread_symbols(value: Value) -> Taint:
    """The symbols of a dict spread into a constructor that stand for its items: all its
    taint, less the keys of a parameter merged back into it (`_own_keys_merged`)."""
    if not _own_keys_merged(value):
        return value.taint
    return {label: trace for label, trace in value.taint.items() if KEYS not in label.origin.path}


def _own_keys_merged(value: Value) -> bool:
    """Whether `value` is a parameter `**kw` that a merge gave items under its own keys
    alone (`kw.update(cls._resolve_relations(kw))`, a helper's dict of rows looked up
    under the keys it was handed): its labels are the parameter and its keys, and all it
    keeps beside them is its `OTHERS` part holding those keys. Spread into a constructor,
    each attribute is still the caller's item of its name, or made under a key the
    caller chose itself (`_keywords` in binding: only a dict of known keys is read so)."""
    params = {label.origin.name for label in value.taint if not label.origin.path}
    if len(params) != 1 or any(label.origin.kind != "param" for label in value.taint):
        return False
    (name,) = params

    def own_keys(taint: Taint) -> bool:
        return all(
            label.origin.kind == "param"
            and label.origin.name == name
            and label.origin.path in {(), (KEYS,)}
            for label in taint
        )

    others = (value.parts or {}).get(OTHERS)
    return (
        own_keys(value.taint)
        and set(value.parts or {}) <= {OTHERS}
        and (others is None or (not others.parts and own_keys(others.taint)))
    )


def fixed_host_kinds(prefix: str) -> frozenset[str]:
    """Sink kinds a constant prefix makes safe: a fixed scheme and host, or a local or
    relative path."""
    return QUERY_KINDS if _FIXED_HOST.match(prefix) else frozenset()


def closed_template(text: str) -> bool:
    """Whether constant text starts with a fixed scheme and host (or a local or relative
    path) before any `{`: whatever `.format()` writes in its fields is past the host
    (`"https://api.example.org/items/{id}"`; not `"/{path}"`, which `//evil.example`
    fills)."""
    return bool(fixed_host_kinds(text.split("{", 1)[0]))


def path_after_start(node: ir.Fmt) -> bool:
    """Whether text built by `node` goes on, after its start, with a constant path
    segment (`HOST + "/items/{id}"`, `f"{base}/users/"`; see `after_root_segment`)
    before any `{`: whatever the start is, what follows, a template's fields too, is
    in the path."""
    if node.kind not in {"+", "f-string"}:
        return False
    at = after_root_segment(node, [CLEAN] * len(node.parts))
    segment = node.parts[at - 1] if at else None
    text = segment.value if isinstance(segment, ir.Const) else None
    return isinstance(text, str) and _path_segment(text.split("{", 1)[0])


def closed_text(text: str) -> bool:
    """Whether constant text keeps a URL's scheme and host whatever is appended to it: it
    starts with them or with a local path, or holds a `?` or `#` (`params = "?"`, then
    `params += f"page={page}"`): what follows is in the query or fragment."""
    return bool(fixed_host_kinds(text)) or "?" in text or "#" in text


def formatted_url(
    template: str, args: list[Value], keywords: dict[str, Value]
) -> tuple[Taint, bool] | None:
    """What `template.format(*args, **keywords)` carries, with the values it places
    where they cannot change a URL's scheme or host (after a constant `?` or `#`, after a
    closed start: `"{}?next={}".format(reverse("login"), path)`, or after a start and a
    path segment: `"{}/users/{}".format(base, name)`, `"https://{}/users/{}"`, or after
    a host, a port and `/`: `"http://{}:{}/{}".format(host, port, path)`) made safe
    for `QUERY_KINDS`, and those after a clean start and `/` (`"{}/{}".format(base,
    path)`) for `HOST_CHECKED`; and whether the result is a `CLOSED_URL`. Every value of a template
    that starts with text (`"handle_{}".format(kind)`) is marked `AFTER_PREFIX`, and one
    fixed text follows (`"{}_handler".format(kind)`) `BEFORE_SUFFIX`, as in an f-string.
    None for a template `str.format` would reject or a field it cannot find. A
    template the IR truncated (`ir.MAX_STRING`) may place any argument in the part it
    lost."""
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError:
        return None
    closed = bool(fixed_host_kinds(template.split("{", 1)[0]))
    marks = _AFTER_PREFIX if pieces and pieces[0][0] else frozenset()
    based = False
    written = ""
    taints: list[Taint] = []
    auto = 0
    for index, (literal, field, _, _) in enumerate(pieces):
        written += literal
        closed = closed or "?" in literal or "#" in literal
        if field is None:
            continue
        key = re.split(r"[.\[]", field, maxsplit=1)[0]
        if not key:
            key, auto = str(auto), auto + 1
        value = args[int(key)] if key.isdigit() and int(key) < len(args) else keywords.get(key)
        if value is None:
            return None
        following = pieces[index + 1][0] if index + 1 < len(pieces) else ""
        suffixed = _BEFORE_SUFFIX if following else frozenset()
        placed = cleanse(value.whole(), (HOST_CHECKED if based else marks) | suffixed)
        taints.append(cleanse(placed, QUERY_KINDS) if closed else placed)
        if not closed and (not written or authority_start(written)):
            # NOTE: as in an f-string (`after_root_segment`, `after_clean_base`): past
            # `{base}/users/` (or `https://{host}/users/`), or a clean `{base}` and `/`,
            # the host is the base's.
            following = pieces[index + 1][0] if index + 1 < len(pieces) else ""
            closed = _path_segment(following) or (not written and closes(value.kind, following))
            based = following == "/" and not value.whole() and not written
        elif not closed and _PORT_START.fullmatch(written) and following.startswith("/"):
            # NOTE: `"http://{}:{}/{}".format(host, port, path)`: past the port and its
            # `/`, the host is the one written before the port (judged by its own labels).
            closed = True
        written += "{}"
    if len(template) >= ir.MAX_STRING:
        given = [*(value.whole() for value in args), *(v.whole() for v in keywords.values())]
        given = [cleanse(taint, marks) for taint in given]
        taints += (cleanse(taint, QUERY_KINDS) if closed else taint for taint in given)
    return union(*taints), closed


def inline_constants(template: str, texts: dict[str, str]) -> str:
    """`template` with the fields that write a constant argument (`texts`, by position
    or name) written as that text: `"{0}{1}/{2}".format(base, "/user", name)` is
    `"{0}/user/{2}"`. The template as it is when it has nested fields, is one
    `str.format` would reject, or was truncated by the IR (see `formatted_url`)."""
    if not texts or len(template) >= ir.MAX_STRING:
        return template
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError:
        return template
    written, auto = "", 0
    for literal, field, spec, conversion in pieces:
        written += _escaped(literal)
        if field is None:
            continue
        if spec and "{" in spec:
            return template
        key = re.split(r"[.\[]", field, maxsplit=1)[0]
        rest = field[len(key) :]
        if not key:
            key, auto = str(auto), auto + 1
        text = texts.get(key)
        if text is not None and not rest and not spec and conversion is None:
            written += _escaped(text)
            continue
        converted = f"!{conversion}" if conversion else ""
        written += "{" + key + rest + converted + (f":{spec}" if spec else "") + "}"
    return written


def _escaped(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def continues_closed_url(node: ir.Fmt, kinds: list[str]) -> bool:
    """Whether a string starts with a `CLOSED_URL`, or with a URL of the site's own
    (`url_for(...)`) and then a constant that cannot begin a `//host`
    (`f"{url}&{params}"`, or a string built with such a start: `reverse("pick") +
    "?ids=%s" % ids`): what follows cannot change where the URL leads. Not so right
    after the site's URL: `url_for("index")` is `/`, and `/` + `/evil.example` is
    `//evil.example`."""
    if node.kind not in {"+", "f-string"} or len(node.parts) < 2:
        return False
    separator = node.parts[1]
    following = separator.value if isinstance(separator, ir.Const) else None
    if isinstance(separator, ir.Fmt):
        following = separator.prefix
    return closes(kinds[0], following if isinstance(following, str) else "")


def after_root_segment(node: ir.Fmt, values: list[Value]) -> int:
    """The index of the first part that follows a start and a constant path segment
    (`f"{settings.KEYSTONE_URL}/auth/{protocol}"`, `"%s/websso/%s" % (url, protocol)`,
    Horizon's), also when a constant scheme opens the start (`f"https://{host}/fetch/
    {guid}"`): whatever the start is (the operator's URL, or empty), what comes after
    `/auth/` is in the path and cannot choose the scheme or host. 0 when the string does
    not start so. Not after a bare `/`: `""` + `/` + `/evil.example` is `//evil.example`.
    The start itself may hold data (a parameter, at a summary): its own labels are not
    cleansed, so a start the request chooses is still reported, through them. A string
    that ends with the segment (`base + "/feature"`) is so a `CLOSED_URL`: what is added
    to it later is in the path."""
    if node.kind in {"+", "f-string"}:
        start = node.parts[0]
        opened = isinstance(start, ir.Const) and authority_start(start.value)
        at = 2 if opened else 1
        if len(values) <= at:
            return 0
        following = node.parts[at]
        text = following.value if isinstance(following, ir.Const) else None
        if isinstance(text, str) and _path_segment(text):
            return at + 1
        if len(values) > 3 and _key_segment(_constant(start), node.parts[1], values[1]):
            return 3 if _constant(node.parts[2]).startswith("/") else 0
        return 0
    template = node.parts[0]
    if len(values) < 2 or node.kind != "%" or not isinstance(template, ir.Const):
        return 0
    text = template.value if isinstance(template.value, str) else ""
    first = ir.PERCENT_CONVERSION.search(text)
    if first is None or first.group(0) == "%%" or "*" in first.group(0):
        return 0  # NOTE: a `*` width takes an item of its own: the parts shift
    after = text[first.end() :].split("%", 1)[0]
    if _key_segment(text[: first.start()], node.parts[1], values[1]) and after[:1] == "/":
        return 2
    if first.start() and not authority_start(text[: first.start()]):
        return 0
    return 2 if _path_segment(after) else 0


_ROW_KEYS = frozenset({"id", "pk"})


def _key_segment(start: str, key: ir.Expr, value: Value) -> bool:
    """Whether a string opens with a lone `/` and then a row's own key the request did
    not give (`f"/{board.id}/{rest}"`, `"/%s/%s" % (rows[0].pk, rest)`): a number or
    UUID the database gave, never empty nor holding a slash, so the `/` after it keeps
    what follows in the path (`""` there would leave `//evil.example`)."""
    return start == "/" and isinstance(key, ir.Attr) and key.attr in _ROW_KEYS and not value.whole()


def _constant(part: ir.Expr) -> str:
    return part.value if isinstance(part, ir.Const) and isinstance(part.value, str) else ""


def authority_start(text: object) -> bool:
    """A constant that opens a URL's host and nothing more: `https://`, `//`. The value
    written next is the host; a constant path segment after it keeps what follows in
    the path (`f"https://{server}/fetch/{guid}"`)."""
    return isinstance(text, str) and _AUTHORITY_START.fullmatch(text) is not None


def after_clean_base(node: ir.Fmt, values: list[Value]) -> int:
    """The index of the first part after a clean value and a bare `/` that start a string
    (`f"{base_url}/{path}"`, `base_url` the operator's), or after a `/`, a value and a
    constant starting with `/` (`f"/{self.client}/reports/{report_id}"`, a path an API
    client's `base_url` is joined with): what follows cannot choose the host of a
    request the server makes, as an empty value leaves `//host`, which HTTP clients
    refuse without a scheme. 0 otherwise. The value after the leading `/` keeps its
    own labels (a parameter's, at a summary): when the request chooses it
    (`/` + `/evil.example`), it is still reported, through them. Not for a redirect:
    browsers follow `//evil.example` (see `after_root_segment`)."""
    if node.kind not in {"+", "f-string"}:
        return 0
    parts = node.parts
    lead = 1 if isinstance(parts[0], ir.Const) and parts[0].value == "/" else 0
    if len(values) < lead + 3 or isinstance(parts[lead], ir.Const):
        return 0
    if not lead and values[0].whole():
        return 0
    following = parts[lead + 1]
    text = following.value if isinstance(following, ir.Const) else None
    if not isinstance(text, str):
        return 0
    return lead + 2 if text == "/" or (lead and text.startswith("/")) else 0


def _path_segment(text: str) -> bool:
    """A constant that keeps what follows it in the path: one that starts a path segment
    (`/` and then neither `/` nor `\\`), or one that ends a segment (`img/`, a `/` after
    a character that is not a slash, a backslash or a scheme's `:`): whatever came before
    it, the host, if any, ended at that `/` (`settings.STATIC_URL + "img/" + name`)."""
    return (text[:1] == "/" and text[1:2] not in {"", "/", "\\"}) or bool(_SEGMENT_END.search(text))


def closes(kind: str, following: str) -> bool:
    """Whether a string that starts with a value of `kind` and goes on with the constant
    `following` ("" for none or not constant) keeps its scheme and host whatever comes
    after: a `CLOSED_URL`, a URL of the site's own and a separator that cannot begin a
    `//host` (nor a scheme, when its end was stripped), or the app's mount prefix and a
    path below it."""
    if kind == MOUNT_PREFIX:
        # NOTE: `f"{request.script_root}/app/"` is `/app/` or `/pi/app/`; with `//`
        # after it, `//evil.example` when the app is mounted at the root.
        return following[:1] == "/" and following[1:2] not in {"", "/", "\\"}
    if kind == TRIMMED_SITE_URL:
        # NOTE: `reverse("home").rstrip("/")` is empty: what follows starts the string,
        # so it must not begin a scheme (`javascript:`) either.
        first = following[:1]
        return first.isprintable() and not (first in {"", "/", "\\"} or first.isalnum())
    return kind == CLOSED_URL or (kind in SITE_URLS and following[:1] not in {"", "/", "\\"})


def key_of(index: ir.Expr) -> str:
    """The part key for a constant index (`[name]`, `#0`), else ""."""
    if isinstance(index, ir.Const):
        if isinstance(index.value, str):
            return f"[{index.value}]"
        if isinstance(index.value, int) and not isinstance(index.value, bool):
            return f"#{index.value}"
    return ""


def position_of(value: Value, position: int, fixed: bool = True) -> Value:
    """Element `position` of a value: known for a display (a position it does not keep
    holds no data), anything the value holds otherwise."""
    part = value.part(f"#{position}") if fixed else None
    if part is not None:
        return part
    if fixed and value.kind in {"<tuple>", "<list>"} and not value.taint and not value.unnamed():
        return CLEAN
    return Value(value.whole())


PAIRS = "<pairs>"
"""The kind of `d.items()`: `#0` the keys, `#1` the values."""


def dict_keys(value: Value) -> Taint:
    """The data of a dict display's keys: its own taint (the keys that are not constants,
    and what `**spread` or `d[key] = ...` added); of any other value, all of it."""
    return value.taint if value.kind == "<dict>" else value.whole()


def without_attributes(value: Value) -> Value:
    """The value without what the code stored on its attributes (`job.priority =
    request.POST["priority"]`): Django's `redirect(job)` sends the browser to the
    instance's `get_absolute_url()`, which those choose no host of (a string, the only
    other target, has no attributes to set)."""
    if not value.parts or not any(key.startswith(".") for key in value.parts):
        return value
    kept = {key: part for key, part in value.parts.items() if not key.startswith(".")}
    return Value(value.taint, kept or None, value.kind)


def unnamed_parts(value: Value) -> list[Taint]:
    """What a mapping holds apart from its items under constant keys (`[name]` parts), as
    keys it may have: the code wrote those items' keys, whatever their values."""
    return [part.whole() for key, part in (value.parts or {}).items() if not key.startswith("[")]


def element(container: Value) -> Value:
    """What iterating over a value gives: a dict display's keys, a `(key, value)` pair of
    `d.items()`, one of a list's dicts with the code's keys, else any of its parts or its
    data (of an object not the project's, not the attributes the code set on it)."""
    if container.kind == DICTS:
        kept = container.part(ELEMENT)
        held = union(container.taint, *_besides(container, ELEMENT))
        loose = Value(EMPTY, {OTHERS: Value(held)} if held else None, "<dict>")
        return loose if kept is None else join(kept, loose) if held else kept
    if container.kind == PAIRS and container.parts:
        return Value(parts=container.parts, kind="<tuple>")
    if container.kind == "<dict>":
        return Value(dict_keys(container))
    if container.kind == VALIDATION_ERRORS:
        return container.part(ELEMENT) or Value(container.whole())
    if container.kind == DJANGO_UPLOAD_LIST:
        return Value(container.whole(), kind=DJANGO_UPLOAD)
    if container.kind.startswith("<orm:django"):
        # NOTE: a Django queryset's rows are model instances, as `.get()` and `.first()`
        # return them: what their methods return is the database's (the lookup's
        # values only chose the rows).
        return Value(container.whole(), kind="<orm:django>")
    rows = _tuple_rows(container)
    if rows:
        return join_all(rows)
    if container.parts and not container.kind.startswith("cls:"):
        # NOTE: what the code set on a library's object (`page.params = request.GET` on
        # a Django paginator's page) is none of its elements, which the object holds.
        elements = [part.whole() for key, part in container.parts.items() if key[:1] != "."]
        return Value(union(container.taint, *elements))
    return Value(container.whole())


def _tuple_rows(container: Value) -> list[Value]:
    """The tuples of a display of tuples of one length (`[(["type"], kind), (["country"],
    code)]`), each known position by position: a loop unpacking them (`for attr, value in
    ...`) binds each name to what that position holds in some tuple, not to any of the
    data of all of them. Empty for any other value."""
    if container.kind not in {"<list>", "<tuple>"} or container.taint or not container.parts:
        return []
    rows = [container.parts.get(f"#{index}") for index in range(len(container.parts))]
    known = [
        row
        for row in rows
        if row is not None
        and row.kind == "<tuple>"
        and row.parts
        and not row.taint
        and not row.unnamed()
    ]
    if len(known) != len(rows) or len({frozenset(row.parts or ()) for row in known}) != 1:
        return []
    return known


def cleansed(value: Value, kinds: frozenset[str], origin: Origin | None = None) -> Value:
    """The value after a sanitiser or guard for `kinds` (with `origin`: of the data read
    there only)."""
    parts = None
    if value.parts:
        parts = {key: cleansed(part, kinds, origin) for key, part in value.parts.items()}
    return value.remade(cleanse(value.taint, kinds, origin), parts, value.kind)


UPLOAD_PATHS = frozenset({"name", "path"})
"""What an upload gives as a path: its `.name`, and the `.path` it has once set on a
model's `FileField` (`doc.file = request.FILES["file"]`, then `doc.file.path`)."""


def upload_name(base: Value) -> Value | None:
    """`.name` of an upload (`request.FILES["file"]`, an item of `request.data` with a
    name), or `.path` of one set on a model's file field, read where it was taken or in
    a function it was passed to: a path as safe as Django made it; None for any other
    value."""
    if base.kind not in {DJANGO_UPLOAD, MAYBE_UPLOAD}:
        return None
    # NOTE: Django keeps only the last segment of an upload's name, and refuses `.` and
    # `..` (`UploadedFile._set_name`, `validate_file_name`); an item of `request.data`
    # with a `.name` is such an upload (text and JSON have none). An upload has no
    # `.path` but as a model field's `FieldFile`, whose storage joins its name to the
    # storage's folder with `safe_join`, which raises for a path leaving it.
    return Value(cleanse(base.whole(), PATH_CHECKED))


def dicts_appended(receiver: Value, added: Value, step: Step) -> Value:
    """`links.append({"url": reverse(name), "title": title})` on a list of dicts with the
    code's keys: the list keeps one element, the join of the dicts added item by item,
    so that what is read of an element (`link.url`, a template's `{{ link.url }}`) is
    what the dicts held under that key alone."""
    items = {
        key: Value(extend(p.taint, step), p.parts, p.kind) for key, p in (added.parts or {}).items()
    }
    stepped = Value(extend(added.taint, step), items or None, added.kind)
    if receiver.kind != DICTS:
        # NOTE: a list display of dicts (`[{"url": home, "title": "Home"}]`), or of none.
        shown = join_all(dict_displays(receiver) or ())
        return Value(receiver.taint, {ELEMENT: join(shown, stepped)}, DICTS)
    taint = union(receiver.taint, *_besides(receiver, ELEMENT))
    return Value(taint, {ELEMENT: join(receiver.part(ELEMENT), stepped)}, DICTS)


def dict_displays(value: Value) -> list[Value] | None:
    """The elements of a list display each of which is a dict display with the code's
    keys (`[{"url": reverse("home"), "title": title}]`), None for any other value."""
    if value.kind != "<list>" or value.taint:
        return None
    parts = list((value.parts or {}).items())
    if not all(key[:1] == "#" and p.kind == "<dict>" and not p.taint for key, p in parts):
        return None
    return [p for _, p in parts]


def _besides(value: Value, key: str) -> list[Taint]:
    """What the value's parts other than `key` hold."""
    return [part.whole() for name, part in (value.parts or {}).items() if name != key]
