"""What some library calls give back, field by field: records, path parts, templates,
requests made to be sent later.

`calls` asks here before it treats a call as unknown (whose result carries every input).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.character_classes import substituted_inert_kinds
from webwarden.analysis.patterns import drops_separators
from webwarden.analysis.taint import ir
from webwarden.analysis.taint.django_text import ESCAPING_WHEN_TOLD, django_text_call
from webwarden.analysis.taint.markdown import mistune_call
from webwarden.analysis.taint.mustache import RENDERERS as MUSTACHE_RENDERERS
from webwarden.analysis.taint.mustache import rendered
from webwarden.analysis.taint.regex_matches import FINDALL, MATCHERS, found_all, function_match
from webwarden.analysis.taint.replaced import const_text
from webwarden.analysis.taint.specs import (
    HOST_CLEANSED,
    HTML_CLEANSED,
    PARAM_ADDERS,
    PATH_CHECKED,
    SQL_CLEANSED,
    STRING_RENDERERS,
    URL_CHECKED,
)
from webwarden.analysis.taint.url_components import (
    FURL,
    URL_RESULTS,
    furl_made,
    is_composer,
    params_added,
    unparsed,
    url_result,
)
from webwarden.analysis.taint.values import (
    CLEAN,
    OTHERS,
    Value,
    cleanse,
    extend,
    given_taint,
    union,
)

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords
    from webwarden.analysis.taint.interpret import Interpreter
    from webwarden.analysis.taint.values import Taint

_REPLACERS = frozenset({"dataclasses.replace", "copy.replace"})
HOSTED_PAGE_SESSIONS = frozenset(
    {"stripe.checkout.Session.create", "stripe.billing_portal.Session.create"}
)
"""A payment provider's hosted page made for the request (Stripe Checkout, its customer
portal): the session it gives back holds what it was given, but its `url`, where the
app redirects the user (`redirect(session.url, code=303)`), is an address of the
provider's own site."""
IMAGE_OPENERS = frozenset({"PIL.Image.open"})
"""Pillow's `Image.open`: the image decoded from what it was given. What it says of the
image (`format`, `mode`, `size`, ...) is what Pillow's decoders name (`"PNG"`, `"RGB"`,
a pair of numbers), never text the file holds: an upload's type read from it
(`image.format.lower()`) names no path. Its `info` and `filename` stay the sender's."""
_IMAGE_FACTS = frozenset(
    {"format", "format_description", "mode", "size", "width", "height", "is_animated"}
)
RECORD_TYPES = frozenset({"collections.namedtuple", "typing.NamedTuple"})
"""Factories of record classes, whose instances keep each field apart."""
_FILE_WRAPPERS = frozenset({"werkzeug.wsgi.wrap_file", "werkzeug.wrap_file"})
_CIPHERS = frozenset(
    {
        *(
            f"{package}.Cipher.{algorithm}.new"
            for package in ("Crypto", "Cryptodome")
            for algorithm in (
                "AES",
                "ARC2",
                "Blowfish",
                "CAST",
                "ChaCha20",
                "ChaCha20_Poly1305",
                "DES",
                "DES3",
                "Salsa20",
            )
        ),
        "cryptography.fernet.Fernet",
        *(
            f"cryptography.hazmat.primitives.ciphers.{kind}"
            for kind in (
                "algorithms.AES",
                "algorithms.ChaCha20",
                "algorithms.TripleDES",
                "aead.AESGCM",
                "aead.AESCCM",
                "aead.AESSIV",
                "aead.ChaCha20Poly1305",
            )
        ),
    }
)
"""Ciphers made from a key (PyCryptodome's `AES.new(key, mode, iv)`, `Fernet(key)`,
`AESGCM(key)`): what their `decrypt` gives back is chosen by the data given it, not by
the key, so a key the request picks makes noise of the server's own ciphertext."""
_PATH_SPLITTERS = frozenset(
    f"{lib}.{how}" for lib in ("os.path", "posixpath", "ntpath") for how in ("split", "splitext")
)


def library_call(interp: Interpreter, name: str, args: Args, keywords: Keywords) -> Value | None:
    """The result of calling `name` when it is one of the calls modelled here."""
    if name in _PATH_SPLITTERS and len(args) == 1 and not keywords:
        # NOTE: the extension `splitext` gives, and the tail `split` gives, hold no path
        # separator: they cannot lead out of a folder.
        taint = args[0][1].whole()
        tail = Value(cleanse(taint, PATH_CHECKED))
        return Value(parts={"#0": Value(taint), "#1": tail}, kind="<tuple>") if taint else CLEAN
    if name in OUTBOUND_REQUESTS:
        return _request_url(args, keywords, name)
    if name in STRING_RENDERERS and _escapes_context(args, keywords):
        # NOTE: the context's values come out escaped; a source built from request data
        # is judged where it is compiled (WW541).
        context = given_taint(args, keywords)
        return Value(cleanse(context, HTML_CLEANSED), kind=name)
    if name in _CIPHERS:
        # NOTE: the key drops out; an IV or nonce given with it stays (in CBC it shifts
        # the first block of what the cipher decrypts).
        given = [v for _, v in args[1:]] + [v for key, _, v in keywords if key != "key"]
        return Value(union(*(v.whole() for v in given)), kind=name)
    if name in URL_RESULTS:
        return url_result(name, args, keywords)
    if is_composer(name):
        return unparsed(name, args, keywords)
    if name in PARAM_ADDERS:
        return params_added(args, keywords)
    if name == FURL:
        return furl_made(args, keywords)
    if name in SIGNED_DOCUMENT_URLS:
        return _signed_document_url(args, keywords)
    if name in HOSTED_PAGE_SESSIONS:
        # NOTE: the session's `url` is the provider's own page, whatever was asked for.
        asked = given_taint(args, keywords)
        return Value(asked, parts={".url": CLEAN}, kind=name)
    if (
        name in SIGNED_WEBHOOK_EVENTS
        or name in SIGNED_TOKEN_OPENERS
        or (name in JWT_DECODERS and _verifies_signature(args, keywords))
    ):
        # NOTE: the claims of a token whose signature the server's key checked: only
        # the holder of the key (the server itself, or the provider that shares the
        # webhook's secret) could have written them.
        return Value(kind=name)
    if name in IMAGE_OPENERS:
        asked = given_taint(args, keywords)
        return Value(asked, parts={f".{fact}": CLEAN for fact in _IMAGE_FACTS}, kind=name)
    if name in _FILE_WRAPPERS:
        # NOTE: `wrap_file(environ, file)` takes only the server's file wrapper from the
        # environ: the response body is what the file holds.
        given = [v for _, v in args[1:2]] + [v for key, _, v in keywords if key == "file"]
        return Value(union(*(v.whole() for v in given)), kind=name)
    if name.startswith("mistune."):
        return mistune_call(name, args, keywords)
    if name in MUSTACHE_RENDERERS:
        return rendered(name, args, keywords)
    if name in ESCAPING_WHEN_TOLD:
        return django_text_call(name, args, keywords)
    if name in MATCHERS:
        return function_match(interp, name, args, keywords)
    if name == FINDALL:
        return found_all(interp, args, keywords)
    if name == "re.sub" and (kinds := _substituted_kinds(args, keywords)):
        return Value(cleanse(args[2][1].whole(), kinds), kind=name)
    if name in _URL_QUOTERS and _separators_quoted(name, args, keywords):
        kinds = (interp.engine.sanitiser_kinds(name) or frozenset()) | PATH_CHECKED
        return Value(cleanse(union(*(v.whole() for _, v in args)), kinds), kind=name)
    if name in _HIGHLIGHTERS and _html_formatter(args, keywords):
        # NOTE: Pygments' HtmlFormatter escapes the code it colours.
        return Value(cleanse(union(*(v.whole() for _, v in args)), HTML_CLEANSED), kind=name)
    if name in PAGINATORS:
        return _paginator(args, keywords, name)
    if name in _TEMPFILE_WRITERS:
        # NOTE: the path returned is one `mkstemp` chose; the content is only written.
        given = [v for _, v in args[1:]] + [v for key, _, v in keywords if key != "content"]
        return Value(union(*(v.whole() for v in given)), kind=name)
    if name in _SEARCH_INDEXES:
        # NOTE: django-watson's `search(text, models=...)`: the text chooses entries of the
        # index, whose titles and URLs the application stored.
        return Value(kind="<orm:django>")
    if name in SAML_SELF_URLS and len(args) == 1 and not keywords:
        return _saml_self_url(args[0][1])
    if name in _DICT_CALLS and len(args) <= 1:
        return _dict_display(args, keywords)
    if name in _DEFAULT_DICTS and len(args) <= 2:
        return _dict_display(args[1:], keywords)  # NOTE: the first is the default's factory
    if not keywords or not all(k for k, _, _ in keywords):
        return None
    if name in _REPLACERS and len(args) == 1:
        return replaced(args[0][1], keywords)
    if interp.engine.index.instance_kind(name) in RECORD_TYPES:
        # NOTE: `BookMeta(title=t, cover=c)` of `BookMeta = namedtuple(...)`: each field
        # holds its own argument (positional ones, by an order not kept, hold them all).
        return replaced(Value(union(*(v.whole() for _, v in args)), kind=name), keywords)
    return None


def _escapes_context(args: Args, keywords: Keywords) -> bool:
    """Whether a template given as text escapes every value of its context: its source
    is not a constant that turns escaping off (`|safe`, `{% autoescape false %}`). A
    source read from a file is the app's template, trusted as `render_template`'s are."""
    given = [node for node, _ in args[:1]] + [node for key, node, _ in keywords if key == "source"]
    if not given:
        return False
    source = given[0]
    if isinstance(source, ir.Const):
        text = source.value
        if not isinstance(text, str) or len(text) >= ir.MAX_STRING:
            return False  # NOTE: the lowering keeps only a text's first `MAX_STRING` characters
        return "safe" not in text and "autoescape" not in text
    return True


JWT_DECODERS = frozenset(
    {"jwt.decode", "jwt.api_jwt.decode", "jose.jwt.decode", "authlib.jose.jwt.decode"}
)
"""PyJWT's and python-jose's `decode(token, key, algorithms=[...])`, which return the
claims only once the signature checks out against `key`."""
SIGNED_TOKEN_OPENERS = frozenset({"sdc.crypto.decrypter.decrypt"})
"""sdc-cryptography's `decrypt(token, key_store, key_purpose, leeway)`: it decrypts the
JWE with the private key of the key store, then decodes the JWT inside and returns its
claims only once its signature checks out against a public key of the store for that
purpose (`JWTHelper.decode`); no argument turns the check off."""
SIGNED_WEBHOOK_EVENTS = frozenset(
    {"stripe.Webhook.construct_event", "stripe.webhook.Webhook.construct_event"}
)
"""Stripe's `Webhook.construct_event(payload, signature, secret)`: it returns the event
only once the `Stripe-Signature` header signs the payload with the endpoint's secret
(and raises otherwise), so what the event holds was written by Stripe, not by whoever
posted to the webhook."""
_VERIFY_OPTIONS = frozenset({"options", "verify"})


def _verifies_signature(args: Args, keywords: Keywords) -> bool:
    """Whether a JWT decoder is given a key (not an empty one) and nothing that may turn
    the check off (`options={"verify_signature": False}`, PyJWT 1's `verify=False`)."""
    keys = [node for node, _ in args[1:2]] + [node for key, node, _ in keywords if key == "key"]
    unchecked = len(args) > 3 or any(
        key is None or (key in _VERIFY_OPTIONS and not _keeps_check(key, node))
        for key, node, _ in keywords
    )
    # NOTE: PyJWT 1 took `verify` third (`decode(token, key, False)`); PyJWT 2 and
    # python-jose take the algorithms there.
    third = args[2][0] if len(args) > 2 else None
    if isinstance(third, ir.Const) and not third.value:
        return False
    return len(keys) == 1 and not _empty(keys[0]) and not unchecked


def _keeps_check(key: str, node: ir.Expr) -> bool:
    """`verify=True` (PyJWT 1's switch left on; PyJWT 2 ignores it), or `options` written
    out whose constant keys leave `verify_signature` on (`{"verify_exp": False}`)."""
    if key == "verify":
        return isinstance(node, ir.Const) and node.value is True
    if not isinstance(node, ir.DictE) or not all(isinstance(k, ir.Const) for k in node.keys):
        return False
    return all(
        isinstance(k, ir.Const)
        and (k.value != "verify_signature" or (isinstance(v, ir.Const) and v.value is True))
        for k, v in zip(node.keys, node.values, strict=True)
    )


def _empty(node: ir.Expr) -> bool:
    return isinstance(node, ir.Const) and not node.value


PAGINATORS = frozenset({"django.core.paginator.Paginator"})
PAGE_METHODS = frozenset({"page", "get_page"})
"""A Django paginator's methods giving one of its pages by number."""
_TEMPFILE_WRITERS = frozenset({"oslo_utils.fileutils.write_to_tempfile"})
"""oslo.utils' `write_to_tempfile(content, path=None, suffix="", prefix="tmp")`: it
writes the content into a new file `tempfile.mkstemp` names in `path` (or the system's
temporary folder) with the suffix and prefix, and returns that file's path."""
_SEARCH_INDEXES = frozenset({"watson.search.search"})


def _paginator(args: Args, keywords: Keywords, name: str) -> Value:
    """Django's `Paginator(object_list, per_page)`: its pages hold the list's items;
    the page size (`int()`-ed, or `PageNotAnInteger`) only counts them."""
    given = next((v for key, _, v in keywords if key == "object_list"), None)
    items = given if given is not None else (args[0][1] if args else CLEAN)
    return Value(items.whole(), kind=name)


def own_paginator_page(interp: Interpreter, paginator: Value, node: ir.Expr) -> Value:
    """A page of a project's `Paginator` subclass (`super().get_page(self.page_number)`):
    Django turns the number into an int (or raises), so the page holds the rows of the
    paginator's `object_list`, and its `.paginator` is the paginator itself, with what the
    subclass set on it (`self.page_number = request.GET.get("p")`), read as such."""
    rows = interp.read_attr(paginator, "object_list", ir.Attr(node, "object_list"))
    return Value(rows.whole(), {".paginator": paginator})


_DICT_CALLS = frozenset({"dict", "builtins.dict", "collections.OrderedDict"})
_DEFAULT_DICTS = frozenset({"collections.defaultdict"})


def _dict_display(args: Args, keywords: Keywords) -> Value:
    """`dict(user=u, ip=addr)` as the display `{"user": u, "ip": addr}`: keys the code
    names hold their own values, as those of a display copied (`dict({"a": x}, b=y)`);
    what another mapping given whole holds (`dict(data)`, `**extra`) is the dict's own
    data, keys included."""
    base = args[0][1] if args else CLEAN
    parts = dict(base.parts or {}) if base.kind == "<dict>" else {}
    own = base.taint if base.kind == "<dict>" else base.whole()
    parts.update((f"[{key}]", value) for key, _, value in keywords if key)
    spread = [value.whole() for key, _, value in keywords if not key]
    return Value(union(own, *spread), parts or None, "<dict>")


def _substituted_kinds(args: Args, keywords: Keywords) -> frozenset[str]:
    """The sink kinds `re.sub(pattern, replacement, name)` makes `name` safe for.
    `re.sub(r"[^0-9a-z-]+", "", name)`: every character a negated class does not keep
    (or a class holds: `[/\\\\:]`) is replaced, and when `/` and `\\` are among them the
    result names no other folder (Django's `get_valid_filename` is such a substitution);
    the characters a negated class keeps, with the replacement's, are all the result
    holds, so it is safe where none of them is needed (`[^\\w.-]` keeps no quote, `;`
    or `<`: a header parameter or a page cannot be changed by it). A count given may
    stop early."""
    if len(args) != 3 or any(key != "flags" for key, _, _ in keywords):
        return frozenset()
    pattern, replacement = args[0][0], args[1][0]
    if not (
        isinstance(pattern, ir.Const)
        and isinstance(pattern.value, str)
        and isinstance(replacement, ir.Const)
        and isinstance(replacement.value, str)
    ):
        return frozenset()
    kinds = substituted_inert_kinds(pattern.value, replacement.value)
    if drops_separators(pattern.value, replacement.value):
        kinds |= PATH_CHECKED
    return kinds


_URL_QUOTERS = {"urllib.parse.quote_plus": "", "urllib.parse.quote": "/"}
"""The URL quoters and the `safe` characters each leaves as they are by default."""


def _separators_quoted(name: str, args: Args, keywords: Keywords) -> bool:
    """`quote_plus(name)`, `quote(name, safe="")`: every `/` and `\\` is percent-encoded
    unless `safe` keeps it, so the result is one name in its folder (an issuer URL quoted
    into a file name). A `safe` computed at run time may keep them."""
    given = [node for key, node, _ in keywords if key == "safe"] + [n for n, _ in args[1:2]]
    if len(args) > 4 or any(key is None for key, _, _ in keywords):
        return False
    if not given:
        return "/" not in _URL_QUOTERS[name]
    safe = given[0]
    kept = const_text(safe)
    return kept is not None and not any(c in kept for c in "/\\")


OUTBOUND_REQUESTS = frozenset({"urllib.request.Request"})
"""Requests made to be sent later (`urlopen(Request(url, data, headers))`): where one
goes is its URL's choice alone, and what the server answers is the server's."""


def _request_url(args: Args, keywords: Keywords, name: str) -> Value:
    """A request made to be sent later: it carries its URL's data (`url=` or the first
    argument), none of its headers' or body's."""
    url = next((v for key, _, v in keywords if key == "url"), args[0][1] if args else CLEAN)
    return Value(url.whole(), kind=name)


_HIGHLIGHTERS = frozenset({"pygments.highlight", "pygments.format"})


def _html_formatter(args: Args, keywords: Keywords) -> bool:
    """The formatter given is `HtmlFormatter(...)`, made in the call or before it
    (`formatter = HtmlFormatter(linenos="table")`, the value of that kind)."""
    given = [(node, value) for key, node, value in keywords if key == "formatter"]
    given += args[1:]
    return any(
        _HTML_FORMATTER
        in (
            (node.callee or "").rsplit(".", 1)[-1] if isinstance(node, ir.Call) else "",
            value.kind.rsplit(".", 1)[-1],
        )
        for node, value in given
    )


_HTML_FORMATTER = "HtmlFormatter"


_URL_AUTHORITY = frozenset({"scheme", "netloc"})


def replaced(original: Value, keywords: Keywords) -> Value:
    """A copy with some fields changed (`record._replace(title=t)`,
    `dataclasses.replace(record, title=t)`): the other fields hold what they held. A
    split URL given a scheme and a host of the code's choosing
    (`urlparse(url)._replace(scheme=base.scheme, netloc=base.netloc)`) leads where those
    say: what the URL held stays in its path and query, which choose no site."""
    parts = dict(original.parts or {})
    parts.update((f".{name}", value) for name, _, value in keywords)
    taint = original.taint
    if {name for name, _, _ in keywords} >= _URL_AUTHORITY:
        taint = cleanse(taint, URL_CHECKED)
    return Value(taint, parts, original.kind)


def compiled_query(query: Value) -> Value:
    """`sql, params = queryset.query.sql_with_params()`: Django compiles the query to SQL
    with a placeholder for each value a lookup compares (`filter(name=value)`), given
    apart in `params`. What the SQL text could take from the request came in by raw SQL
    (`extra()`, `RawSQL`), whose own rule reports it where it was written."""
    taint = query.whole()
    if not taint:
        return CLEAN
    return Value(
        parts={"#0": Value(cleanse(taint, SQL_CLEANSED)), "#1": Value(taint)}, kind="<tuple>"
    )


_KEY_IN_PATH = frozenset({"url", "redirect"})
_ENCODED_IN_URL = frozenset({"url", "redirect", "header"})
_BUCKET = "[Bucket]"


def presigned_url(args: Args, keywords: Keywords, receiver: Value) -> Value:
    """`s3.generate_presigned_url("get_object", Params={"Bucket": b, "Key": name,
    "ResponseContentDisposition": f'attachment; filename="{name}"'})` (boto3): a URL on
    the client's endpoint. Every parameter but the bucket is percent-encoded into it (the
    key into its path, the others into its query string), so it chooses no scheme or host
    and brings no quote, `;` or line break into a header; the bucket (a host name under the endpoint:
    another's bucket) and the client still do, and so do parameters under names not
    known (`**params` of unknown keys), one of which could be the bucket."""
    named = {name: value for name, _, value in keywords if name}
    given = [value for _, value in args]
    params = named.pop("Params", given[1] if len(given) > 1 else CLEAN)
    rest = [value.whole() for value in given if value is not params]
    rest += [value.whole() for value in named.values()]
    return Value(union(receiver.whole(), *_presigned_params(params), *rest))


def _presigned_params(params: Value) -> list[Taint]:
    """The taints of a presigned URL's `Params`: the bucket's and unknown names' whole,
    the other known parameters' made safe for what percent-encoding protects."""
    taints = [params.taint]
    for name, part in (params.parts or {}).items():
        if name == _BUCKET:
            taints.append(part.whole())
        elif name == OTHERS:
            taints.extend(_presigned_params(part))
        else:
            taints.append(cleanse(part.whole(), _ENCODED_IN_URL))
    return taints


SIGNED_DOCUMENT_URLS = frozenset({"dmutils.documents.get_signed_url"})
"""digitalmarketplace-utils' `get_signed_url(bucket, path, base_url)`: the bucket's
`S3.get_signed_url(path)` (boto3's `generate_presigned_url` of the object whose key is
`path`), its scheme and host then replaced with `base_url`'s when that is given. The path
is the key, percent-encoded into the URL's path, as in `presigned_url`: it chooses no
scheme or host; the bucket and the base URL do."""
SIGNED_URL_STORES = frozenset({"dmutils.s3.S3"})
"""digitalmarketplace-utils' bucket wrapper, whose `get_signed_url(path, expires_in)`
is boto3's presigned URL of the object at `path` (see `presigned_url`)."""


def _signed_document_url(args: Args, keywords: Keywords) -> Value:
    """`get_signed_url(bucket, path, base_url)` (`SIGNED_DOCUMENT_URLS`): the path's data
    kept out of the redirect and fetch sinks; every other argument's kept whole."""
    named = {name: value for name, _, value in keywords if name}
    given = [value for _, value in args]
    path = named.pop("path", given[1] if len(given) > 1 else CLEAN)
    rest = [value.whole() for value in given if value is not path]
    rest += [value.whole() for value in named.values()]
    rest += [value.whole() for name, _, value in keywords if not name]
    return Value(union(cleanse(path.whole(), _KEY_IN_PATH), *rest))


def signed_store_url(args: Args, keywords: Keywords, receiver: Value) -> Value:
    """`S3(bucket).get_signed_url(path)` (`SIGNED_URL_STORES`): as `_signed_document_url`,
    the path percent-encoded as the key of an object of the receiver's bucket."""
    named = {name: value for name, _, value in keywords if name}
    given = [value for _, value in args]
    path = named.pop("path", given[0] if given else CLEAN)
    rest = [value.whole() for value in given if value is not path]
    rest += [value.whole() for value in named.values()]
    rest += [value.whole() for name, _, value in keywords if not name]
    return Value(union(receiver.whole(), cleanse(path.whole(), _KEY_IN_PATH), *rest))


_PRECONDITIONS = frozenset({"IfMatch", "IfNoneMatch", "IfModifiedSince", "IfUnmodifiedSince"})
"""`get_object`'s conditions on the stored object's ETag and date: S3 answers with the
object or refuses (`304`, `412` as a `ClientError`), and echoes none of them."""


def stored_object(method: str, args: Args, keywords: Keywords, receiver: Value) -> Value | None:
    """`s3.get_object(Bucket=bucket, Key=key)` (boto3), also spread from a dict display
    (`get_object(**params)`): the object stored under the key, its body and metadata what
    was stored there, as a row a lookup chose is: the key only chooses which, and the
    request's conditions (`IfNoneMatch=`) only whether it comes back; the bucket
    (another's bucket), the other arguments and the client still count. None without a
    `Key` (a Django view's own `get_object()`)."""
    if method != "get_object" or args:
        return None
    named = _spread_names(keywords)
    spread = any(not name for name, _, _ in keywords)
    # NOTE: a spread dict's clean entries (`"Key": row.file_key`) leave no part behind, so
    # a `**` spread may hold the `Key`; a Django view's own `get_object()` takes none.
    if not spread and not any(name == "Key" for name, _ in named):
        return None
    others = [taint for name, taint in named if name != "Key" and name not in _PRECONDITIONS]
    return Value(union(receiver.whole(), *others))


def _spread_names(keywords: Keywords) -> list[tuple[str, Taint]]:
    """Each keyword argument's name and data, a `**` dict's constant keys spread in as
    names; what a dict keeps under keys it does not know has the name ""."""
    named: list[tuple[str, Taint]] = []
    for name, _, value in keywords:
        if name:
            named.append((name, value.whole()))
            continue
        named.append(("", value.taint))
        for key, part in (value.parts or {}).items():
            spread = key[1:-1] if key.startswith("[") and key.endswith("]") else ""
            named.append((spread, part.whole()))
    return named


HTML_DIFFERS = frozenset({"difflib.HtmlDiff"})
_DIFFED_LINES = ("fromlines", "tolines")


def html_diff(args: Args, keywords: Keywords, receiver: Value) -> Value:
    """`difflib.HtmlDiff().make_table(old, new)` (or `make_file`): HTML whose text is the
    lines compared, each escaped (`&`, `<`, `>`) into a table cell; the descriptions
    (`fromdesc`, `todesc`) go into the header as given."""
    given = [(name, value) for name, (_, value) in zip(_DIFFED_LINES, args, strict=False)]
    given += [(name or "", value) for name, _, value in keywords]
    given += [("", value) for _, value in args[len(_DIFFED_LINES) :]]
    lines = [value.whole() for name, value in given if name in _DIFFED_LINES]
    rest = [value.whole() for name, value in given if name not in _DIFFED_LINES]
    return Value(union(cleanse(union(*lines), HTML_CLEANSED), *rest, receiver.whole()))


def mogrified(args: Args, keywords: Keywords) -> Value:
    """`cursor.mogrify(query, params)` (psycopg, PyMySQL): the query with each parameter
    quoted and escaped by the driver, as `execute(query, params)` would send it. The
    query's data stays SQL text; the parameters' are literals in it."""
    named = {name: value for name, _, value in keywords}
    query = args[0][1] if args else named.pop("query", named.pop("operation", CLEAN))
    params = [value.whole() for _, value in args[1:]] + [v.whole() for v in named.values()]
    return Value(union(query.whole(), cleanse(union(*params), SQL_CLEANSED)))


def compiled(interp: Interpreter, shown: str, args: Args, keywords: Keywords) -> Value:
    """A template compiled from its source (`Template(source)`, `env.from_string(source)`):
    it holds the source's data, which `.render()` writes into its output."""
    source = given_taint(args, keywords)
    return Value(extend(source, interp.step(f"compiled by `{shown}()`"))) if source else CLEAN


SAML_SELF_URLS = frozenset(
    f"onelogin.saml2.utils.OneLogin_Saml2_Utils.{method}"
    for method in ("get_self_url", "get_self_url_host", "get_self_url_no_query")
)
"""python3-saml's URL of the request being answered, made of the request data it is handed."""
_SAML_HOST_KEYS = ("[http_host]", "[server_port]", "[https]")
_SAML_PATH_KEYS = ("[script_name]", "[path_info]", "[request_uri]", "[query_string]")


def _saml_self_url(request_data: Value) -> Value:
    """`OneLogin_Saml2_Utils.get_self_url(request_data)`: the scheme, host and port the
    code gives in `request_data`, then the path and query it gives: those follow the host,
    so they cannot choose it. It never reads the posted or query data the dict also
    carries (`post_data`, `get_data`). The host is judged as given: the request's own
    (`request.META["HTTP_HOST"]`) sends the browser where it already is."""
    if request_data.kind != "<dict>" or not request_data.parts:
        return Value(request_data.whole())
    host = [request_data.part(key) for key in _SAML_HOST_KEYS]
    path = [request_data.part(key) for key in _SAML_PATH_KEYS]
    after = cleanse(union(*(v.whole() for v in path if v is not None)), HOST_CLEANSED)
    return Value(union(request_data.taint, after, *(v.whole() for v in host if v is not None)))
