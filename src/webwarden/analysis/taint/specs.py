"""What the taint analysis knows of Flask, Django and the libraries: sources, sanitisers,
guards, propagators and functions whose result carries no request data.

Sinks are in `webwarden.analysis.taint.sinks`. Names are qualified names as the name
resolver gives them (`from flask import request` -> `flask.request`).
"""

from __future__ import annotations

import re

from webwarden.analysis.taint.values import (
    ALL_KINDS,
    CLIENT_HOST,
    EMPTY,
    HOST_MATCHED,
    LOOKUPS,
    PERCENT_ENCODED,
    SCHEME_START,
    UNROUTED_PATH,
    Label,
    Origin,
    Taint,
    Trace,
)
from webwarden.model.django_messages import MESSAGE_FUNCTIONS

REQUEST_OBJECTS = frozenset(
    {"flask.request", "flask.globals.request", "werkzeug.local.request", "connexion.request"}
    | {"ckan.common.request", "ckan.plugins.toolkit.request"}
)
"""Qualified names that are the current request (Django's is a view parameter; Connexion's
`connexion.request` is Flask's, its 3.0 own request reads the same; so is CKAN's, a
`LocalProxy` of Flask's that `ckan.plugins.toolkit` hands extensions: `tk.request.args`)."""

THREAD_LOCAL = "threading.local"
"""A `threading.local()` namespace: where a Django middleware keeps the current request
(`_thread_locals.request = request`) for code that is handed none."""

REQUEST_GLOBALS = frozenset({"flask.g", "flask.globals.g"})
"""Flask's `g`: the application context's namespace, where a `before_request` hook keeps
the objects the request's views use (`g.db = connect()`, `g.client = Client(...)`)."""

KEPT_REQUEST = "<kept request>"
"""What `ir.ClassDef.members` says made an attribute its `__init__` sets to its `request`
parameter (`def __init__(self, request): self.request = request`): the object keeps the
request it was made with, and its methods read it as that request."""

DJANGO_SETTINGS_PREFIX = "django.conf.settings."
"""How code reading a Django setting names it (`settings.API_URL`)."""

REQUEST_ATTRIBUTES = frozenset(
    {
        # Flask / Werkzeug
        "args",
        "form",
        "values",
        "json",
        "data",
        "cookies",
        "headers",
        "files",
        "view_args",
        "path",
        "full_path",
        "url",
        "base_url",
        "url_root",
        "host",
        "host_url",
        "query_string",
        "stream",
        "environ",
        "authorization",
        "referrer",
        "user_agent",
        "access_route",
        "remote_user",
        # Django and Django REST framework
        "GET",
        "POST",
        "body",
        "COOKIES",
        "META",
        "FILES",
        "path_info",
        "query_params",
        "content_params",
        # Django REST framework 2 (`data` and `query_params` since 3.0)
        "DATA",
        "QUERY_PARAMS",
    }
)
"""Attributes of a request object whose value the client chooses (not Werkzeug's
`script_root`: the WSGI server's `SCRIPT_NAME`, where the app is mounted, or with
`ProxyFix(x_prefix=1)` the prefix the trusted proxy sends)."""

REQUEST_METHODS = frozenset(
    {
        "get_json",
        "get_data",
        "get_full_path",
        "get_full_path_info",
        "build_absolute_uri",
        "get_host",
        "read",
        "readline",
        "readlines",
    }
)
"""Methods of a request object returning what the client sent."""

_RESTFUL = ("flask_restful", "flask_restx", "flask_restplus")
REQUEST_PARSERS = frozenset(f"{package}.reqparse.RequestParser" for package in _RESTFUL)
"""Flask-RESTful's argument parser (and its forks'): `parser.parse_args()` returns the
arguments it reads from the request (the query string, the form, the JSON body, ...)."""
RESTX_APIS = frozenset(
    f"{package}.{name}"
    for package in _RESTFUL[1:]
    for name in ("Api", "api.Api", "Namespace", "namespace.Namespace")
)
"""Flask-RESTX's (and Flask-RESTPlus') `Api` and `Namespace`, whose `payload` property
is `request.get_json()`."""
RESTFUL_SOURCE_ATTRIBUTES = frozenset({"parse_args", "payload"})
"""The attributes through which those give request data: a function naming one may read
the request (the interpreter then checks the object's kind)."""

_OWN_URL = frozenset({"redirect"})
_OWN_URL_LINE = _OWN_URL | {"header"}
"""Werkzeug's URL of the request (`request.url`, `base_url`, `url_root`, `host_url`) and
its `host`: the host is one header line's value, and `get_current_url` quotes the path and
query it puts back, so neither holds a line break that could end a response header (the
decoded `request.path` can)."""
_OWN_PATH = frozenset({"redirect", "url"})
"""This request's own path (`request.path`, `get_full_path()`): it starts with `/`, so
a link or a fetch built from it never takes a scheme or a host from it."""
REFERER_CLEANSED = _OWN_URL
"""The Referer names the page the browser came from: sending it back there takes the
user nowhere an attacker could not have linked to directly (it still carries data)."""
REFERER_KEYS = frozenset(
    {"[http_referer]", "[referer]", "[http_hx_current_url]", "[hx-current-url]"}
)
"""The Referer read as an item (`request.META["HTTP_REFERER"]`, `headers["Referer"]`),
lower-cased; and htmx's `HX-Current-URL`, the URL of the page htmx sends from (a page of
the site: another site's script can send that header only past a CORS preflight)."""
HOST_KEYS = frozenset({"[http_host]", "[server_name]", "[server_port]"})
"""The host the request was sent to, read as an item (`request.META["HTTP_HOST"]`, the
`SERVER_NAME` and `SERVER_PORT` servers take from it), lower-cased: the browser sends the host of the URL it
asked for, so sending it back there takes the user nowhere else, as Werkzeug's
`request.host` (it still carries data: a forged one can hold markup)."""
HOST_HEADER_KEYS = frozenset({"[host]"})
"""The `Host` header read from Werkzeug's headers (`request.headers["Host"]`), lower-cased:
the value `request.host` is made of."""
HOST_CLEANSED = _OWN_URL
CHECKED_HOST_CLEANSED = HOST_CLEANSED | {"html", "header"}
"""The Host header a Django view reads once `CommonMiddleware` has called `get_host()`
(`EntryPoint.host_checked`): that call refuses a Host that is not letters, digits, dots,
dashes, a bracketed IPv6 address and a port (`split_domain_port`), so the header holds
no markup, quote or line break. Not safe as a URL's host: `ALLOWED_HOSTS = ["*"]` admits
any name or address."""
AUTHORIZATION_KEYS = frozenset({"[authorization]", "[http_authorization]"})
"""The `Authorization` header read as an item (`request.headers["Authorization"]`,
`request.META["HTTP_AUTHORIZATION"]`), lower-cased."""
AUTHORIZATION_CLEANSED = frozenset({"header"})
"""What the `Authorization` header is safe for: written into a response header, it goes
back to the client that sent it. A page of another site cannot make a browser send one
it chose (a script sets it only past a CORS preflight; a browser adds only the user's own
Basic credentials), and a shared cache stores no answer to a request carrying it (RFC
9111, 3.5), so no victim is served the echo. It still carries data for other sinks."""
ENVIRONMENTS = frozenset({"META", "environ"})
"""The request's WSGI environment: the client's headers and query, and the server's own
variables."""
SERVER_KEYS = frozenset({"[script_name]", "[remote_addr]", "[server_protocol]"})
"""Environment items the server sets, lower-cased: where the app is mounted, the peer's
address and the protocol version the server parsed (not `SERVER_NAME` or `SERVER_PORT`,
which servers take from the `Host` header)."""
CLIENT_NAMESPACES = ("http_", "wsgi.", "werkzeug.", "webob.", "paste.")
"""Environment keys that hold what the client sent even with a dot in them: a header's
variable (`HTTP_X_A.B`), the body (`wsgi.input`), the request object or its original
headers as Werkzeug, WebOb and Paste keep them (`werkzeug.request`,
`werkzeug.proxy_fix.orig`, `webob._parsed_query_vars`), lower-cased."""


CLIENT_VARIABLES = frozenset(
    {"query_string", "path_info", "path_translated", "request_uri", "raw_uri", "document_uri"}
    | {"request_method", "content_type", "content_length", "server_name", "server_port"}
    | {"remote_user", "remote_ident", "remote_host", "auth_type", "unencoded_url"}
    | {"script_uri", "script_url"}
)
"""CGI's variables (RFC 3875, 4.1) and the servers' common additions that carry what the
client sent (its query, path, method, body's type and length, the host it named, the user
it authenticated as, a peer name its DNS answers), lower-cased; with `CLIENT_PREFIXES`,
every upper-case environment item that may."""
CLIENT_PREFIXES = ("http_", "redirect_", "ssl_client_")
"""Prefixes of the upper-case items carrying what the client sent: its headers, the
request before a server's internal redirect (Apache's `REDIRECT_QUERY_STRING`), its TLS
certificate's fields."""


def is_extension_key(key: str) -> bool:
    """Whether an environment item is one the WSGI server or the app itself sets, not
    something the client sent: an extension variable (`[myapp.tenant]`, PEP 3333 names
    them with a dotted prefix), a name with a lower-case letter (`[issuer]`, `[vo]`,
    which an app's `before_request` hook keeps there for its views), or an upper-case
    name that is none of CGI's request variables (`[CKAN_LANG]`, which CKAN's middleware
    sets to one of the site's locales). What the client sent is only ever under CGI's
    upper-case names (`HTTP_*`, `QUERY_STRING`, `PATH_INFO`: `CLIENT_VARIABLES`) or in
    the client namespaces."""
    written = key[1:-1] if key.startswith("[") and key.endswith("]") else ""
    name = written.lower()
    if not name or name.startswith(CLIENT_NAMESPACES):
        return False
    if "." in name or any(letter.islower() for letter in written):
        return True
    return name not in CLIENT_VARIABLES and not name.startswith(CLIENT_PREFIXES)


HTML_CLEANSED = frozenset({"html"})
"""What escaping for HTML makes a value safe for."""
SQL_CLEANSED = frozenset({"sql"})
"""What a value bound as a query parameter or quoted for SQL is safe for."""
DJANGO_UPLOADS = "<django-uploads>"
"""Django's `request.FILES`: its items are `UploadedFile`s (`DJANGO_UPLOAD`)."""
DJANGO_UPLOAD = "<django-upload>"
REQUEST_DATA = "<request-data>"
"""`request.data`: Django REST framework's parsed body, whose items are form values, JSON
values or uploads (`MAYBE_UPLOAD`); in Flask, the raw body."""
MAYBE_UPLOAD = "<maybe-upload>"
"""An item of `REQUEST_DATA`: text or a JSON value, or an `UploadedFile` (the one of them
with a `.name`)."""
DJANGO_UPLOAD_LIST = "<django-upload-list>"
"""The uploads sent under one key of `request.FILES`: what `getlist(key)` and `pop(key)`
give (a `MultiValueDict` keeps a list for each key); each item is a `DJANGO_UPLOAD`."""
OBJECT_OR_404 = frozenset(
    {"django.shortcuts.get_object_or_404", "rest_framework.generics.get_object_or_404"}
)
"""Django's shortcut and DRF's copy of it (which also answers 404 to a malformed key): the
row a queryset's lookup finds, never the lookup's values."""
JSON_BODY_CLEANSED = frozenset({"html"})
"""Flask's `request.json` and `request.get_json()` parse the body only when it is sent as
`application/json` (or `application/*+json`), which a page of another site can send only
after a CORS preflight, never by a form or a link: written back into the page, the body
reaches the browser that sent it and no victim's (self-XSS). Not `get_json(force=True)`,
which parses a form's `text/plain` body too."""
OWN_PATH_NAMES = frozenset(
    {"path", "full_path", "path_info", "get_full_path", "get_full_path_info"}
)
"""The request's attributes and methods giving its own path (and query)."""
SOURCE_CLEANSED: dict[str, frozenset[str]] = {
    **dict.fromkeys(("url", "base_url", "url_root", "host_url"), _OWN_URL_LINE | {SCHEME_START}),
    "host": _OWN_URL_LINE,
    **dict.fromkeys(OWN_PATH_NAMES, _OWN_PATH),
    **dict.fromkeys(("get_full_path", "get_full_path_info"), _OWN_PATH | {PERCENT_ENCODED}),
    "referrer": REFERER_CLEANSED,
    "get_host": frozenset({"redirect", "url", "header", "html", "regex"}),
    "build_absolute_uri": frozenset({"redirect", "url", "header", SCHEME_START, PERCENT_ENCODED}),
    "json": JSON_BODY_CLEANSED,
    "get_json": JSON_BODY_CLEANSED,
}
"""Request attributes describing the request's own URL: redirecting the client to them
sends it where it already is (Django's `get_full_path()` and `build_absolute_uri()`
percent-encode the path and the query, `PERCENT_ENCODED`; its `path` is decoded) (Django's `get_host()` is also checked against
`ALLOWED_HOSTS`, so it is not a foreign host either where that lists the site's own
names: see `CHOSEN_HOST_UNSAFE`; and against a pattern of letters, digits, dots, dashes
and a port, so it holds no HTML either); and Flask's JSON body (`JSON_BODY_CLEANSED`)."""
HOST_READS = frozenset({"get_host", "build_absolute_uri"})
"""Django's request methods giving the host `get_host()` checked."""
CHOSEN_HOST_UNSAFE = frozenset({"url"})
"""What Django's checked host is not safe for where `ALLOWED_HOSTS` may admit a host the
client chose (`"*"`, `".com"`, a value webwarden cannot read: `Entries.fixed_hosts`
false): a URL the server fetches (`requests.get(f"http://{request.get_host()}/x")` asks
`Host: 169.254.169.254` for its page; the read is marked `CLIENT_HOST`). Still safe for
a redirect: the browser sent the
host of the URL it asked for, and another site cannot make it send a forged one, so
it is sent back where it already is, as with Werkzeug's `request.host`
(`HOST_CLEANSED`)."""


CSRF_CHECKED_BODY = frozenset({"POST", "body", "FILES", "data"})
"""What a Django request holds of its body (REST framework's `request.data` too): in a
view `CsrfViewMiddleware` checks, a body another site's page sends is refused before the
view runs (it cannot read the visitor's token), and so it is in a view refusing every
request without a header credential (`model.django.forged_posts`); written back into the
page the body reaches the browser that sent it and no victim's (self-XSS), as Flask's
JSON body does (`JSON_BODY_CLEANSED`)."""


def source_cleansed(
    name: str, *, unrouted: bool = False, csrf_checked: bool = False, fixed_hosts: bool = True
) -> frozenset[str]:
    """What a read of the request's attribute or method `name` is safe for
    (`SOURCE_CLEANSED`); in a Django middleware's hook (`unrouted`, see
    `runs_unrouted`) the request's own path is safe for nothing as the start of a URL:
    it may be `//evil.example/`, which no view's URL pattern would have matched
    (`UNROUTED_PATH`; see `placed_after_start`). In a view the CSRF check guards
    (`csrf_checked`, see `Entries.csrf_checked`), the body is safe for HTML
    (`CSRF_CHECKED_BODY`). The checked host is safe for a URL the server fetches only
    where `ALLOWED_HOSTS` lists the site's own names (`fixed_hosts`, see
    `Entries.fixed_hosts`; `CHOSEN_HOST_UNSAFE`)."""
    cleansed = SOURCE_CLEANSED.get(name, frozenset())
    if not fixed_hosts and name in HOST_READS:
        cleansed = cleansed - CHOSEN_HOST_UNSAFE | {CLIENT_HOST}
    if csrf_checked and name in CSRF_CHECKED_BODY:
        cleansed |= JSON_BODY_CLEANSED
    if unrouted and name in OWN_PATH_NAMES:
        return cleansed - _OWN_PATH | {UNROUTED_PATH}
    return cleansed


HOST_PATTERN_CLEANSED = frozenset({"regex"})
"""What the host Django's `get_host()` checked is safe for beyond the request's own URL:
`host_validation_re` admits only letters, digits, `.`, `-`, a port and a bracketed IPv6
address, so as a regular expression it holds no quantifier, group or alternation that
could make matching slow (`request.build_absolute_uri("/")`, `request.get_host()`)."""


ABSOLUTE_URI_CLEANSED = frozenset({"redirect", "url", "header", "html"})
"""`request.build_absolute_uri(location)`: the checked host in front of `location`, whose
own data is added to the result (see `absolute_uri_cleansed`)."""


def absolute_uri_cleansed(*, fixed_hosts: bool) -> frozenset[str]:
    """What `request.build_absolute_uri(location)` is safe for, `location` apart
    (`ABSOLUTE_URI_CLEANSED`): not a URL the server fetches where `ALLOWED_HOSTS` may
    admit a host the client chose (`CHOSEN_HOST_UNSAFE`)."""
    if fixed_hosts:
        return ABSOLUTE_URI_CLEANSED
    return ABSOLUTE_URI_CLEANSED - CHOSEN_HOST_UNSAFE | {CLIENT_HOST}


LOCATED_URI_READ = ".build_absolute_uri(location)"
"""The read a helper makes of a parameter by `req.build_absolute_uri(location)`: where its
caller passed the request, the same `ABSOLUTE_URI_CLEANSED` read as in a view (not the
bare `.build_absolute_uri()`, whose path and query are the client's)."""


def iri_encoded(taint: Taint, receiver: Taint = EMPTY) -> Taint:
    """The `location` given to Django's `build_absolute_uri()` in its result: `iri_to_uri`
    percent-encodes its line breaks, so a path of the request's own site (`request.path`,
    safe for a redirect or a link already) is then safe for a header too; so is such a
    read of a helper's parameter, which its callers pass the request to, or of the very
    request the method is called on, however a helper reaches it (`receiver`, the
    parameter read it is called on: `self._request.build_absolute_uri(self._request.path)`
    in a method of an object that keeps the request)."""
    receivers = {label.origin[:3] for label in receiver if label.origin.kind != "source"}
    encoded: dict[Label, Trace] = {}
    for label, trace in taint.items():
        if (
            label.cleansed >= _OWN_PATH
            or _own_path_read(label.origin)
            or _receiver_path_read(label.origin, receivers)
        ):
            label = Label(label.origin, label.cleansed | {"header"})
        encoded[label] = trace
    return encoded


def _own_path_read(origin: Origin) -> bool:
    """`req.path` or `req.get_full_path()` read of a parameter (`def helper(req):`)."""
    return origin.kind == "param" and len(origin.path) == 1 and _own_path_name(origin.path[0])


def _receiver_path_read(origin: Origin, receivers: set[tuple[str, str, tuple[str, ...]]]) -> bool:
    """`holder.request.path` read of the parameter read in `receivers` (the request)."""
    if origin.kind == "source" or not origin.path or not _own_path_name(origin.path[-1]):
        return False
    return (origin.kind, origin.name, origin.path[:-1]) in receivers


def _own_path_name(step: str) -> bool:
    name = step[1:].removesuffix("()")
    return SOURCE_CLEANSED.get(name, frozenset()) >= _OWN_PATH


UNTAINTED_CONVERTERS = frozenset({"int", "float", "uuid", "slug", "any"})
"""URL converters whose values cannot carry an injection (`any` is an allow-list)."""

DJANGO_REVERSE = (
    "django.urls.reverse",
    "django.urls.reverse_lazy",
    "django.urls.base.reverse",
    "django.urls.base.reverse_lazy",
    "django.core.urlresolvers.reverse",
    "django.core.urlresolvers.reverse_lazy",
    "django.shortcuts.reverse",
)
"""Django's `reverse`, wherever it is imported from (`django.shortcuts` imports it too):
a path of the project's URLconf."""

HOSTS_REVERSE = (
    "django_hosts.resolvers.reverse",
    "django_hosts.resolvers.reverse_lazy",
    "django_hosts.reverse",
    "django_hosts.reverse_lazy",
)
"""django-hosts' `reverse`: Django's path of a host's URLconf after `//` and that host's
name, filled into the pattern the project's `ROOT_HOSTCONF` gives it (and the scheme
when asked): a URL of one of the site's own hosts.
"""

DRF_REVERSE = ("rest_framework.reverse.reverse", "rest_framework.reverse.reverse_lazy")
"""Django REST framework's `reverse`: Django's path, made absolute with the request's own
host when it is given the request (`reverse("detail", request=request)`)."""

SANITISERS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        (
            "int",
            "float",
            "bool",
            "complex",
            "len",
            "abs",
            "round",
            "ord",
            "hash",
            "id",
            "isinstance",
            "callable",
            "uuid.UUID",
            "decimal.Decimal",
            "ipaddress.ip_address",
            "ipaddress.ip_network",
            "datetime.date.fromisoformat",
            "datetime.datetime.fromisoformat",
            "datetime.datetime.strptime",
            "django.utils.text.slugify",
            "django.template.defaultfilters.slugify",
            "django.core.signing.loads",
            "django.utils.text.get_valid_filename",
            "werkzeug.utils.secure_filename",
            "werkzeug.secure_filename",
            "slugify.slugify",
            # NOTE: django-uuslug's `slugify` (python-slugify's) and `uuslug` (the same slug,
            # made unique with a number): letters, digits and hyphens.
            "uuslug.slugify",
            "uuslug.uuslug",
            "django.utils.dateparse.parse_date",
            "django.utils.dateparse.parse_datetime",
            # NOTE: a timestamp written as an HTTP or mail date: digits, day and month
            # names, whatever file or value the number was read from.
            "django.utils.http.http_date",
            "werkzeug.http.http_date",
            "email.utils.formatdate",
            "wsgiref.handlers.format_date_time",
        ),
        ALL_KINDS,
    ),
    # NOTE: a JSON text, or a JavaScript string literal (`escapejs` escapes quotes, `<`,
    # `>`, `&` and line breaks as `\\uXXXX`): in a script it is data, not code.
    # NOTE: also a complete GraphQL string literal (its escapes are JSON's), and read as
    # Python a display of literals (its escapes are Python's too) whose only names are
    # `true`, `false` and `null`: no call, no attribute, whatever the text held.
    # NOTE: as a header's value (htmx's `HX-Trigger`), a JSON document: every text the
    # client chose is inside a string, its quotes, backslashes and line breaks escaped.
    **dict.fromkeys(
        ("json.dumps", "flask.json.dumps", "simplejson.dumps"),
        frozenset({"script", "graphql", "code", "header"}),
    ),
    # NOTE: the Python literal of a text, number or display of them (`%r`, `{x!r}` too):
    # code built around it (`exec(name + " = " + repr(value))`) reads the data back, a
    # quote in it escaped, and runs none of it.
    **dict.fromkeys(("repr", "ascii"), frozenset({"code"})),
    "django.utils.html.escapejs": frozenset({"html", "script"}),
    # NOTE: quotes the file name (or encodes it per RFC 5987): one header value.
    "django.utils.http.content_disposition_header": frozenset({"header"}),
    # NOTE: a token as it is, anything else quoted with `"` and `\` escaped: one
    # parameter value (`filename=...`) that cannot end early or add parameters.
    "werkzeug.http.quote_header_value": frozenset({"header"}),
    # NOTE: a signed JSON Web Token is three base64url parts joined by dots: letters,
    # digits, `-`, `_` and `.` whatever its claims hold (PyJWT, python-jose).
    **dict.fromkeys(("jwt.encode", "jose.jwt.encode", "jwt.api_jwt.encode"), ALL_KINDS),
    **dict.fromkeys(
        (
            "markupsafe.escape",
            "flask.escape",
            "jinja2.escape",
            "html.escape",
            "cgi.escape",
            "xml.sax.saxutils.escape",
            "django.utils.html.escape",
            "django.utils.html.conditional_escape",
            "django.utils.html.format_html",
            "django.utils.html.format_html_join",
            "markupsafe.Markup.escape",
            "bleach.clean",
            "nh3.clean",
            # NOTE: django-crispy-forms renders the form through its templates, which
            # autoescape, and Django's widgets, which escape the data it was bound to
            # (as `form.as_p()` does).
            "crispy_forms.utils.render_crispy_form",
        ),
        HTML_CLEANSED,
    ),
    **dict.fromkeys(
        ("urllib.parse.quote", "django.utils.encoding.iri_to_uri"),
        frozenset({"html", "header", "sql", "command", "ldap", "template", "code", "url"}),
    ),
    **dict.fromkeys(
        ("urllib.parse.quote_plus", "urllib.parse.urlencode", "django.utils.http.urlencode"),
        frozenset(
            {"html", "header", "sql", "command", "ldap", "template", "code", "url", "redirect"}
        ),
    ),
    # NOTE: `reverse` builds a path of the project's own URLconf, arguments quoted, and
    # never a scheme-relative `//host` one: wherever the arguments come from, it leads
    # to this site (not so `resolve_url`, which passes a URL through as it is). Quoted,
    # it holds no line break either: a `Location` header value (`'` stays, so not HTML).
    **dict.fromkeys((*DJANGO_REVERSE, *DRF_REVERSE), frozenset({"url", "redirect", "header"})),
    # NOTE: django-hosts' `reverse` puts a host of the project's host patterns first,
    # each argument of it matched against its pattern's groups, as Django's own do.
    **dict.fromkeys(HOSTS_REVERSE, frozenset({"url", "redirect"})),
    # NOTE: djangosaml2's check of the page to send a user to after signing in: it
    # returns the URL only when `url_has_allowed_host_and_scheme` passes it (against
    # `SAML_ALLOWED_HOSTS`, else the request's host), and None otherwise.
    "djangosaml2.utils.validate_referral_url": frozenset({"url", "redirect"}),
    # NOTE: Django's escaping of a path's leading `//` as `/%2F` (what `CommonMiddleware`
    # redirects to): the request's own path so escaped stays on this site. Django uses it
    # on paths only; a full URL given to it (`https://...`) is not what it is for.
    "django.utils.http.escape_leading_slashes": frozenset({"url", "redirect"}),
    **dict.fromkeys(("shlex.quote", "pipes.quote", "shlex.join"), frozenset({"command"})),
    **dict.fromkeys(
        (
            "os.path.basename",
            "posixpath.basename",
            "ntpath.basename",
            "werkzeug.utils.safe_join",
            "werkzeug.security.safe_join",
            "flask.safe_join",
            "flask.helpers.safe_join",
            "django.utils._os.safe_join",
            "pathvalidate.sanitize_filename",
        ),
        frozenset({"path"}),
    ),
    **dict.fromkeys(
        (
            "MySQLdb.escape_string",
            "pymysql.converters.escape_string",
            "pymysql.escape_string",
            "psycopg2.extensions.quote_ident",
            "psycopg2.sql.Identifier",
            "psycopg2.sql.Literal",
            "psycopg.sql.Identifier",
            "psycopg.sql.Literal",
        ),
        SQL_CLEANSED,
    ),
    **dict.fromkeys(
        (
            "ldap.filter.escape_filter_chars",
            "ldap.filter.filter_format",
            "ldap.dn.escape_dn_chars",
            "ldap3.utils.conv.escape_filter_chars",
        ),
        frozenset({"ldap"}),
    ),
    # NOTE: an escaped pattern matches its text literally (WW1130).
    **dict.fromkeys(("re.escape", "regex.escape"), frozenset({"regex"})),
    # NOTE: WW451 judged the name `F()` was given (a sink); the expression it makes is
    # the field, which a query may order by or compare without reporting it again.
    **dict.fromkeys(("django.db.models.F", "django.db.models.expressions.F"), frozenset({LOOKUPS})),
}
"""Functions whose result is safe for the listed sink kinds."""

HTML_CLEANERS = frozenset({"bleach.Cleaner", "bleach.sanitizer.Cleaner", "nh3.Cleaner"})
"""Sanitiser objects configured once, whose `.clean(html)` is `bleach.clean`'s."""

XML_FEEDS = frozenset(
    f"{module}.{name}"
    for module in (
        "django.utils.feedgenerator",
        "feedgenerator",
        "feedgenerator.django.utils.feedgenerator",
    )
    for name in (
        "SyndicationFeed",
        "RssFeed",
        "Rss201rev2Feed",
        "RssUserland091Feed",
        "Atom1Feed",
        "DefaultFeed",
    )
)
"""Django's feed generators, whose `writeString()` writes every value given to the feed
and its items escaped, as text or as an attribute (`SimplerXMLGenerator`): the XML holds
no markup of theirs. Also those of the standalone `feedgenerator` package (Pelican's
copy of Django's module, for Flask and other frameworks), under its own name and the
Django path it keeps inside it."""

METHOD_SANITISERS: dict[str, frozenset[str]] = {
    "urlencode": SANITISERS["urllib.parse.urlencode"],
    # NOTE: a model's canonical URL, which Django's docs build with `reverse()` (it
    # percent-encodes `<`, `>` and `"` in the values it fills in, so the path holds no
    # markup either); read only when webwarden cannot tell the model (its own code is
    # followed otherwise).
    "get_absolute_url": frozenset({"url", "redirect", "html"}),
    # NOTE: Django's generic views: the view's `success_url` (filled with the object's
    # fields) or the object's `get_absolute_url()`; a project's own override is followed.
    "get_success_url": frozenset({"url", "redirect"}),
    "quote_name": SQL_CLEANSED,
    "escape_filter_chars": frozenset({"ldap"}),
    # NOTE: a value carrying the server's own signature (Django's `Signer`,
    # `TimestampSigner`): only the server could have made it.
    "unsign": ALL_KINDS,
    "unsign_object": ALL_KINDS,
    # NOTE: PyOTP's `otpauth://` URI of a TOTP or HOTP secret: the label, issuer and
    # secret percent-encoded (`quote`, `urlencode`), so no markup, quote or line break.
    "provisioning_uri": frozenset({"html", "header", "url", "template", "code"}),
    "hexdigest": ALL_KINDS,
    "digest": ALL_KINDS,
    "isoformat": ALL_KINDS,
    # NOTE: Django's forms rendering themselves: a bound field's widget or label, a
    # form's `as_p()`, an error list's `as_ul()`, all built by `format_html` or an
    # autoescaping template, so the data the form was bound to is escaped.
    **dict.fromkeys(
        (
            "as_widget",
            "as_hidden",
            "as_textarea",
            "label_tag",
            "legend_tag",
            "as_p",
            "as_table",
            "as_ul",
            "as_div",
        ),
        HTML_CLEANSED,
    ),
}
"""Methods (on any receiver) whose result is safe for the listed sink kinds."""

URL_CHECKED = frozenset({"redirect", "url"})
"""What a URL that passed a host check is safe for."""

OAUTH_REQUEST_CHECKS = frozenset({"validate_authorization_request"})
"""An OAuth authorization server's check of an authorization request (oauthlib's,
Flask-OAuthlib's and a server's own name): it refuses a redirect URI not registered for
the client (RFC 6749 section 3.1.2.4), raising, so that past it as a statement the URI
is one the client's owner chose."""

OAUTH_CLIENT_REQUESTS = frozenset(
    {
        "prepare_request_uri",
        "prepare_authorization_request",
        "prepare_token_request",
        "prepare_refresh_token_request",
        "prepare_token_revocation_request",
    }
)
"""oauthlib's client methods building a request to the provider: the URL (alone, or
first of `(url, headers, body)`) is the endpoint given first, with the other arguments
(the code, the request's URL, a state) encoded in its query or in the body."""
PARAM_ADDERS = frozenset(
    {
        "oauthlib.common.add_params_to_uri",
        "oauthlib.oauth2.rfc6749.parameters.prepare_grant_uri",
        "authlib.common.urls.add_params_to_uri",
        "authlib.oauth2.rfc6749.parameters.prepare_grant_uri",
    }
)
"""oauthlib's and Authlib's functions adding parameters to a URL given first
(`add_params_to_uri(uri, params, fragment=False)`, `prepare_grant_uri(uri, client_id,
...)`): the others are percent-encoded (`urlencode`) into its query, or its fragment."""
GOOGLE_FLOWS = "google_auth_oauthlib.flow."
"""What google-auth-oauthlib's `Flow` and `InstalledAppFlow` (and their `from_client_*`
constructors) make: `authorization_url(**kwargs)` returns the `auth_uri` of the client
configuration, the flow's `redirect_uri` and the keyword arguments in its query."""
OAUTH_SESSIONS = {
    "requests_oauthlib.OAuth2Session": "authorization_url",
    "requests_oauthlib.oauth2_session.OAuth2Session": "authorization_url",
    "requests_oauthlib.OAuth1Session": "authorization_url",
    "requests_oauthlib.oauth1_session.OAuth1Session": "authorization_url",
    "authlib.integrations.requests_client.OAuth2Session": "create_authorization_url",
    "authlib.integrations.httpx_client.OAuth2Client": "create_authorization_url",
    "authlib.integrations.httpx_client.AsyncOAuth2Client": "create_authorization_url",
}
"""OAuth client sessions and the method returning the provider's authorization URL
(with the state): the endpoint given first, the session's `redirect_uri`, the state and
the other arguments encoded in its query."""
OAUTH_ENCODED = frozenset({"redirect", "url", "header", "html"})
"""What those other arguments are safe for: percent-encoded (`urlencode`), they choose no
scheme or host and hold no markup, quote or line break."""

MODEL_FIELD = "django.db.models.options.Options.get_field"
"""A model's field found by its name, which raises unless the name is one of the model's
own fields (see `model_fields`): a guard safe for `LOOKUPS` only."""

GUARDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        (
            "django.utils.http.url_has_allowed_host_and_scheme",
            "django.utils.http.is_safe_url",
            "url_has_allowed_host_and_scheme",
            "is_safe_url",
        ),
        URL_CHECKED,
    ),
    **dict.fromkeys(OAUTH_REQUEST_CHECKS, URL_CHECKED),
    # NOTE: a class looked up by name found to derive from a base of the code's: one of
    # the family the code means to offer, not any function the lookup could give.
    **dict.fromkeys(("issubclass", "builtins.issubclass"), frozenset({"dispatch"})),
    # NOTE: Django's `get_resolver()._is_callback(name)`: `name` is the dotted path of a
    # view the URLconf routes to (`name in self._callback_strs`), as admindocs checks it
    # before importing it.
    **dict.fromkeys(
        ("django.urls.resolvers.URLResolver._is_callback", "_is_callback"),
        frozenset({"dispatch"}),
    ),
    MODEL_FIELD: frozenset({LOOKUPS}),
}
"""Functions that, when true in an `if`, make their argument safe for the listed kinds."""

HOST_CHECKED = frozenset({"url"})
"""What a URL is safe for once its host is known to be no internal address: a request
the server makes (not a redirect, which may still lead to any public site)."""

ADDRESS_KINDS = frozenset(
    {
        "is_private",
        "is_loopback",
        "is_link_local",
        "is_reserved",
        "is_multicast",
        "is_unspecified",
        "is_global",
        "is_site_local",
    }
)
"""What `ipaddress` tells of an address: whether it is one of the network's own (or,
`is_global`, whether it is not)."""

REDIRECT_CHECK_NAME = re.compile(
    r"(safe|allow(ed)?|local|internal|trusted|same_?(origin|site|host))"
    r".*(url|(?<![a-z])uri|redirect|next|target)"
    r"|(url|(?<![a-z])uri|redirect|next|target).*(is_safe|is_allowed|is_local|is_internal|is_trusted)"
    r"|(url|(?<![a-z])uri|redirect|next|target)_(allowed|permitted|trusted)$"
    r"|(valid|check|verif).*(redirect|next|target)|(redirect|next|target).*(valid|check|verif)"
)
"""The name of a project's own check of a redirect target (`is_safe_redirect_url(url)`,
`url_is_safe(next)`, `validate_redirect_url(url)`, `allow_redirect(url)`,
`is_redirect_uri_allowed(client, uri)`): true in an `if`, it makes its
argument `URL_CHECKED`. A name saying only that a URL is valid (`is_valid_url`) is not
one: a well-formed URL may still lead anywhere."""

HOST_MATCH_NAME = re.compile(r"host_?(name_?)?match|match(es)?_host")
"""The name of a project's own check that a URL's host is among allowed ones
(`client.host_matches(redirect_uri)`, `matches_host(url, hosts)`): true in an `if`, it
marks its argument `HOST_MATCHED`, a redirect target leading to one of them. Not a check
of the scheme: a link written with it may still be `javascript:`."""
HOST_MATCHED_KINDS = frozenset({HOST_MATCHED})

SSRF_CHECK_NAME = re.compile(
    r"(valid|check|verif|ensure|assert|guard|block|prevent|protect|refuse|reject).*ssrf"
    r"|ssrf.*(check|guard|valid|verif|protect)"
)
"""The name of a project's own check against server-side request forgery
(`validate_url_for_ssrf(url)`, `check_ssrf(url)`): called as a statement, it raises
unless the URL leads to a public host, as `lower_stmt.host_check` finds by reading one.
A call that makes the request itself (`ssrf_safe_get(url)`) is no check."""
PATH_CHECK_NAME = re.compile(
    r"^_*(is|has|check|validate|verify|ensure|assert|require|enforce)_"
    r".*(safe|within|inside|travers|permission|allowed)"
    r"|(path|file|dir|directory)_is_(safe|within|inside|allowed)"
    r"|^_*is_(relative_to|sub_?path|sub_?dir|in_(cur_?)?dir)"
    r"|travers\w*_check$"
)
"""The name of a project's own check that a path stays where it should
(`check_access_permission(base, path)`, `is_within_directory(base, target)`,
`path_traversal_check(path, base)`,
`is_relative_to(path, base)` as pathlib names it, `is_in_curdir(path)`,
`validate_path_is_safe(path)`): true in an `if`, or called as a statement (it raises
otherwise), it makes its arguments `PATH_CHECKED`."""

PATH_CHECKED = frozenset({"path"})

CALLBACK_CHECK_NAME = re.compile(
    r"^(?!.*(url|uri))_*(is_)?(valid|validate|check|verify)_?\w*"
    r"(jsonp|callback|js_?identifier|javascript_identifier)"
)
"""The name of a project's own check of a JSONP callback name (`is_valid_jsonp_callback_value
(callback)`, `valid_callback(name)`, `is_valid_javascript_identifier(name)`): true in an
`if`, the name is a JavaScript identifier (letters, digits, `_`, `$`, dots and `[0]`
indexes), which makes its argument `CALLBACK_CHECKED`. Not a check of a callback URL
(`is_valid_callback_url`), which may hold any character a URL can."""

CALLBACK_CHECKED = frozenset({"html", "script"})
"""What a JavaScript identifier is safe for: no `<`, quote or parenthesis to end the
markup or the call it is written in."""

NAMED_CHECKS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (REDIRECT_CHECK_NAME, URL_CHECKED),
    (HOST_MATCH_NAME, HOST_MATCHED_KINDS),
    (PATH_CHECK_NAME, PATH_CHECKED),
    (CALLBACK_CHECK_NAME, CALLBACK_CHECKED),
)
"""The project's own checks known by their names alone, each with the sink kinds it makes
its argument safe for, first match first: read by the engine's `guard_kinds` and by the
lowering's tests of which calls may be checks."""


def named_check_kinds(lowered: str) -> frozenset[str] | None:
    """The kinds a check named `lowered` (lower case, without its module) makes safe by
    its name (`NAMED_CHECKS`), or None when its name says it is none."""
    return next((kinds for pattern, kinds in NAMED_CHECKS if pattern.search(lowered)), None)


RAISING_SAFE_JOINS = frozenset(
    {"django.utils._os.safe_join", "flask.safe_join", "flask.helpers.safe_join"}
)
"""Joins that raise unless the path they make stays below the base (Django's
`SuspiciousFileOperation`, Flask's `NotFound` up to 2.0): past one called as a statement,
the parts joined are checked. Not Werkzeug's, which returns None instead."""

FILENAME_CLEANER_NAME = re.compile(
    r"^_*(get_valid|secure|safe|saniti[sz]ed?|clean(ed)?)_?file_?name$"
)
"""The name of a project's own function making a file name of a value (`secure_filename`
and `get_valid_filename` as Werkzeug and Django name theirs, `sanitize_filename`): what it
returns is `PATH_CHECKED`, as a path check's own result is."""

RESOLVED_PATH = "pathlib.Path.resolve"
"""The kind of what a pathlib path's `resolve()` gives, whichever path it was called on."""
JOINED_PATH = "pathlib.Path"
"""The kind of a resolved path with more joined to it (`root.resolve() / name`): a path
again, which may hold `..` once more."""

BARE_PREFIX_CHECK = "checked to start with a folder not ended by a separator (a sibling passes)"
"""The note of the step a path takes through a containment check by a bare prefix
(`startswith(root)`, `commonprefix([root, path]) == root`): a sibling folder passes."""
BARE_PREFIX = "<bare prefix>"
"""The keyword `startswith(prefix)` is lowered with when `prefix` is not written to end
in a path separator (`prefix_ends`): a normalised path that starts with it may lie in
a sibling folder whose name starts with the folder's (WW1129)."""
NORMALISED_PATHS = frozenset(
    {
        *(
            f"{module}.{name}"
            for module in ("os.path", "posixpath", "ntpath")
            for name in (
                "normpath",
                "realpath",
                "abspath",
            )
        ),
        RESOLVED_PATH,
    }
)
"""Kinds of paths with no `..` left in them: `startswith(base)` (or pathlib's
`is_relative_to(base)`) tells whether they stay below `base`. Not `Path.absolute()`,
which keeps `..`."""

SLASH_WRITERS = frozenset(
    {
        "urllib.parse.unquote",
        "urllib.parse.unquote_plus",
        "urllib.request.url2pathname",
        "html.unescape",
        "re.sub",
        "re.subn",
        "zlib.decompress",
        "gzip.decompress",
        "bz2.decompress",
        "lzma.decompress",
        "binascii.a2b_base64",
        "binascii.unhexlify",
        "base64.b64decode",
        "base64.urlsafe_b64decode",
        "base64.standard_b64decode",
        "base64.decodebytes",
        "base64.decodestring",
        "base64.b32decode",
        "base64.b16decode",
        "base64.a85decode",
        "base64.b85decode",
        "base64.b64encode",
        "codecs.decode",
        "json.loads",
        "ast.literal_eval",
    }
)
"""Propagators whose result may hold a `/` the text given them did not (a URL segment
unquoted, a base64 payload decoded or encoded, a literal's escapes read: `"'\\x2f'"`)."""

CONTROL_STRIPPERS = frozenset({"urllib.parse.urlparse", "urllib.parse.urlsplit"})
"""Propagators whose result holds no tab, CR or LF (`values.NO_CONTROL`): they remove
them from the URL before splitting it, as browsers do."""

TRANSLATORS = frozenset(
    {
        *(
            f"django.utils.translation.{prefix}{name}{lazy}"
            for prefix in ("", "u")
            for name in ("gettext", "ngettext", "pgettext", "npgettext")
            for lazy in ("", "_lazy")
        ),
        "gettext.gettext",
        "gettext.ngettext",
    }
)
"""Django's and the standard library's gettext functions: a message the catalog lacks,
which text formatted with request data always is (`_(f"{code} is not valid")`), comes
back as given."""

PROPAGATORS = SLASH_WRITERS | frozenset(
    {
        "str",
        "bytes",
        "bytearray",
        "list",
        "tuple",
        "set",
        "frozenset",
        "dict",
        "sorted",
        "reversed",
        "iter",
        "next",
        "min",
        "max",
        "format",
        "repr",
        "ascii",
        "enumerate",
        "zip",
        "map",
        "filter",
        "os.path.join",
        "posixpath.join",
        "ntpath.join",
        "os.path.normpath",
        "posixpath.normpath",
        "os.path.abspath",
        "os.path.realpath",
        "os.path.expanduser",
        "os.path.expandvars",
        "os.path.dirname",
        "os.path.splitext",
        "os.path.split",
        "os.path.normcase",
        "os.fspath",
        "os.fsencode",
        "os.fsdecode",
        "pathlib.Path",
        "pathlib.PurePath",
        "pathlib.PosixPath",
        "urllib.parse.urljoin",
        "urllib.parse.urlunparse",
        "urllib.parse.urlunsplit",
        "urllib.parse.urlparse",
        "urllib.parse.urlsplit",
        "urllib.parse.urldefrag",
        "urllib.parse.parse_qs",
        "urllib.parse.parse_qsl",
        "re.split",
        "re.findall",
        "string.capwords",
        "textwrap.shorten",
        "textwrap.fill",
        "textwrap.wrap",
        "textwrap.indent",
        "unicodedata.normalize",
        "email.message_from_string",
        "email.message_from_bytes",
        "xml.etree.ElementTree.fromstring",
        "lxml.html.rewrite_links",
        "premailer.transform",
        "collections.OrderedDict",
        "collections.defaultdict",
        "collections.deque",
        "collections.ChainMap",
        "itertools.chain",
        "functools.reduce",
        "csv.reader",
        "csv.DictReader",
        "io.TextIOWrapper",
        "json.load",
        "json.dumps",
        "io.StringIO",
        "io.BytesIO",
        "copy.copy",
        "copy.deepcopy",
        "textwrap.dedent",
        "shlex.split",
        "string.Template",
        "typing.cast",
        *TRANSLATORS,
        "django.utils.encoding.force_str",
        "django.utils.encoding.smart_str",
        "django.utils.encoding.force_bytes",
        "django.utils.safestring.SafeString",
        "django.utils.safestring.mark_safe",
        "django.utils.html.mark_safe",
        "markupsafe.Markup",
        "flask.Markup",
        "jinja2.Markup",
    }
)
"""Functions whose result carries their arguments' data, known exactly.

Any other function of the standard library is taken to return none of its arguments'
data (`os.stat(path)`, `mimetypes.guess_type(name)`); functions of other libraries are
taken to pass it on, as an approximation."""


PROPAGATOR_NOTES = {
    "os.path.join": "joined into a path by `os.path.join()`",
    "posixpath.join": "joined into a path by `posixpath.join()`",
    "urllib.parse.urljoin": "joined into a URL by `urljoin()`",
    "base64.b64decode": "decoded by `base64.b64decode()`",
    "base64.urlsafe_b64decode": "decoded by `base64.urlsafe_b64decode()`",
    "json.loads": "parsed by `json.loads()`",
    "ast.literal_eval": "parsed by `ast.literal_eval()`",
    "shlex.split": "split by `shlex.split()`",
}
"""Propagators worth a step in the flow (they change the data's shape)."""

SEEKED_FILE = "<seeked file>"
"""The kind of a value of no known kind that the code called `.seek()` on: a file object."""
FILE_OBJECTS = frozenset(
    {
        "io.BytesIO",
        "io.StringIO",
        "tempfile.TemporaryFile",
        "tempfile.NamedTemporaryFile",
        "tempfile.SpooledTemporaryFile",
        "open",
        "io.open",
        SEEKED_FILE,
    }
)
"""Calls that make a file object (in memory, or opened: `open()` judges its path), and
`SEEKED_FILE`."""

ARCHIVES = frozenset({"zipfile.ZipFile", "tarfile.open", "tarfile.TarFile", "tarfile.TarFile.open"})
"""Calls that open an archive of the standard library (a `ZipFile`, a `TarFile`)."""
ARCHIVE_LOOKUPS = frozenset({"getinfo", "getmember", "open", "read", "extractfile"})
"""An archive's methods that find one of its members by name: they answer with the
member the archive holds (its `ZipInfo`, its content) or raise, whatever name was asked."""

FLASK_THEME_RENDERERS = (
    "flask_theme.render_theme_template",
    "flask_themes2.render_theme_template",
)
"""Flask-Theme's and Flask-Themes2's `render_theme_template(theme, name, **context)`: the
app's renderer (and autoescaping), from the theme's templates."""

CLEAN_CALLS = frozenset(
    {
        "flask.render_template",
        "flask.templating.render_template",
        *FLASK_THEME_RENDERERS,
        "flask.jsonify",
        "flask.json.jsonify",
        "flask.url_for",
        "flask.abort",
        "flask.flash",
        "flask.send_from_directory",
        "flask.helpers.send_from_directory",
        "werkzeug.utils.send_from_directory",
        "django.shortcuts.render",
        "django.shortcuts.render_to_response",
        # NOTE: a response rendering a template file: its `.content`, once rendered, is
        # the template's HTML with the context escaped, as `render()` answers it.
        "django.template.response.TemplateResponse",
        "django.template.response.SimpleTemplateResponse",
        *OBJECT_OR_404,
        "django.shortcuts.get_list_or_404",
        "django.shortcuts.resolve_url",
        "django.template.loader.render_to_string",
        # NOTE: TurboGears 1's renderer (which Flask apps migrating from it call): a
        # template of its engine, Kid or Genshi, which escape what they are given.
        "turbogears.view.render",
        "turbogears.view.base.render",
        # NOTE: a template found by its name on disk: what it renders is the file's text
        # with an escaping context, never the name (WW1107 judges a name from the request).
        "django.template.loader.get_template",
        "django.template.loader.select_template",
        "django.urls.reverse",
        "django.urls.reverse_lazy",
        "django.http.JsonResponse",
        *MESSAGE_FUNCTIONS,
        "django.contrib.auth.authenticate",
        "django.contrib.auth.login",
        # NOTE: a task's state found by its id in the result backend: what it holds is
        # what the app's own worker returned, never the id.
        "celery.result.AsyncResult",
        # NOTE: sorl-thumbnail's thumbnail of an image: a file named by a hash of the
        # source, the geometry and the options (`cache/ab/cd/<md5>.jpg`), so its `.url`
        # and `.name` hold none of the text it was given.
        "sorl.thumbnail.get_thumbnail",
        "sorl.thumbnail.shortcuts.get_thumbnail",
        "type",
        "print",
        "hasattr",
        "getattr",
        "issubclass",
        "any",
        "all",
        "sum",
        "range",
        "object",
        "super",
        "hashlib.md5",
        "hashlib.sha1",
        "hashlib.sha256",
        "hashlib.sha512",
        "hmac.new",
        "hmac.compare_digest",
        "secrets.compare_digest",
        "re.compile",
        "os.path.exists",
        "os.path.isfile",
        "os.path.isdir",
        "os.getenv",
        "time.time",
        "logging.getLogger",
    }
)
"""Calls whose result carries none of their arguments' data (or none worth tracking)."""

RENDERERS: dict[str, int] = {
    "flask.render_template": -1,
    "flask.templating.render_template": -1,
    "flask.stream_template": -1,
    **dict.fromkeys(FLASK_THEME_RENDERERS, -1),
    "django.shortcuts.render": 2,
    "django.shortcuts.render_to_response": 1,
    "django.template.loader.render_to_string": 1,
    "django.template.response.TemplateResponse": 2,
}
"""Template renderers: position of the context mapping (-1: keyword arguments)."""

STRING_RENDERERS = frozenset(
    f"flask.{module}{how}_template_string"
    for module in ("", "templating.")
    for how in ("render", "stream")
)
"""Flask's renderers of a template given as text, which Flask always renders with
autoescaping on (`select_jinja_autoescape` is true when there is no file name)."""

ABORTS = frozenset(
    {"flask.abort", "flask.helpers.abort", "werkzeug.exceptions.abort"}
    # NOTE: the REST extensions' `abort` raises as Flask's does, with a JSON body.
    | {"flask_restx.abort", "flask_restful.abort", "flask_restplus.abort", "flask_smorest.abort"}
)
"""Calls raising an HTTP error (with the description, or `message=`, the response carries)."""
NO_RETURN = ABORTS | {"sys.exit", "os.abort", "os._exit", "exit", "quit"}
"""Calls that never return (an `if` arm that makes one exits)."""

STRING_METHODS = frozenset(
    {
        "strip",
        "lstrip",
        "rstrip",
        "lower",
        "upper",
        "casefold",
        "title",
        "capitalize",
        "swapcase",
        "replace",
        "split",
        "rsplit",
        "splitlines",
        "partition",
        "rpartition",
        "removeprefix",
        "removesuffix",
        "center",
        "ljust",
        "rjust",
        "zfill",
        "expandtabs",
        "encode",
        "decode",
        "translate",
        "format_map",
        "join",
        "format",
        "strftime",
    }
)
"""String methods whose result carries the receiver's (and arguments') data."""

MARKUP_KINDS = frozenset({"markupsafe.Markup", "flask.Markup", "jinja2.Markup"})
"""Kinds of `Markup` strings, whose `format`/`join` escape their arguments."""

CONTAINER_METHODS = frozenset(
    {
        "get",
        "getlist",
        "pop",
        "popitem",
        "items",
        "values",
        "keys",
        "copy",
        "lists",
        "dict",
        "to_dict",
        "getall",
        "getone",
        "setdefault",
        "__getitem__",
        "read",
        "readline",
        "readlines",
        "decode",
        "json",
        "text",
        "content",
    }
)
"""Methods of dicts, lists, query dicts and files returning their contents."""

MUTATORS = frozenset(
    {
        "append",
        "extend",
        "insert",
        "add",
        "update",
        "appendleft",
        "extendleft",
        "write",
        "writelines",
    }
)
"""Methods that put their arguments' data into the receiver."""

CLEAN_METHODS = frozenset(
    {
        "startswith",
        "endswith",
        "isdigit",
        "isdecimal",
        "isnumeric",
        "isalnum",
        "isalpha",
        "isidentifier",
        "isascii",
        "islower",
        "isupper",
        "count",
        "index",
        "find",
        "rfind",
        "exists",
        "is_valid",
        "is_authenticated",
        "has_perm",
        "check_password",
        "url_for",
        "reverse",
        "render",
        "render_to_string",
        "timestamp",
        "total_seconds",
        "is_secure",
        "accepts",
        # Django's `TemporaryUploadedFile`: the name of the server's own temporary file.
        "temporary_file_path",
        # A path's `stat()`: sizes, times and modes, numbers all.
        "stat",
        "lstat",
    }
)
"""Methods whose result carries no data of the receiver or arguments (a rendered
template is escaped by the engine)."""

NUMBER_ATTRIBUTES = frozenset({"status_code"})
"""Attributes holding a number whatever object they are read from: an HTTP response's
status (requests, httpx, Django, Flask and Werkzeug all name it so), a number however
the request chose the URL that answered."""

TYPE_ATTRIBUTES = frozenset({"__class__", "__name__", "__qualname__", "__module__"})
"""Attributes naming what an object is rather than what it holds: its class, and a class's
or function's names, which the code defines whatever data the object was given
(`self.item.__class__.__name__` of a row a view filled from the form). Not `__dict__`,
which holds the data."""

SQL_EXPRESSION_METHODS = frozenset(
    {
        "in_",
        "not_in",
        "notin_",
        "like",
        "ilike",
        "not_like",
        "notlike",
        "not_ilike",
        "notilike",
        "contains",
        "icontains",
        "istartswith",
        "iendswith",
        "startswith",
        "endswith",
        "between",
        "is_",
        "is_not",
        "isnot",
        "is_distinct_from",
        "is_not_distinct_from",
        "isnot_distinct_from",
        "regexp_match",
        "any",
        "has",
        "any_",
        "all_",
        "collate",
        "desc",
        "asc",
        "nulls_first",
        "nulls_last",
        "label",
    }
)
"""SQLAlchemy column operators (`Topic.id.in_(ids)`, `User.name.ilike(q)`): called on a
column, they build an expression whose operands are bound parameters, not SQL text."""

_SQL_EXPRESSION_FUNCTIONS = frozenset(
    {"and_", "or_", "not_", "cast", "type_coerce", "tuple_", "literal"}
)
_SQLALCHEMY_NAMESPACES = frozenset({"sqlalchemy", "sqlalchemy.sql", "sqlalchemy.sql.expression"})


def is_sql_expression_function(name: str) -> bool:
    """`and_(a, b)`, `cast(value, String)`, `func.lower(name)`: SQLAlchemy functions that
    build a clause whose operands are clauses or bound parameters. A plain string given
    to `and_()` is not taken as SQL text (SQLAlchemy 1.4 rejects it: it must be `text()`,
    a sink of its own)."""
    base, _, last = name.rpartition(".")
    if base in _SQLALCHEMY_NAMESPACES:
        return last in _SQL_EXPRESSION_FUNCTIONS
    namespace, _, tail = base.rpartition(".")
    # NOTE: `db.func.to_tsvector(...)`: Flask-SQLAlchemy's extension object, named `db`
    # by its docs and nearly every app (a project's subclass of it, imported from another
    # module, resolves to the project's name), hands on SQLAlchemy's `func`.
    return tail == "func" and (
        namespace in _SQLALCHEMY_NAMESPACES or namespace.rpartition(".")[2] == "db"
    )


COLUMN_ONLY_METHODS = frozenset({"match"})
"""SQLAlchemy column operators whose names other types also have with another meaning (a
regular expression's `match()` gives back what it matched): taken as operators only on
a value known to be a column expression (`func.to_tsvector(col).match(query)`)."""


SQL_STATEMENT_METHODS = frozenset(
    {
        "select",
        "where",
        "returning",
        "select_from",
        "with_only_columns",
        "subquery",
        "scalar_subquery",
        "limit",
        "offset",
        "group_by",
        "having",
        "outerjoin",
        "cte",
    }
)
"""Methods of SQLAlchemy's statements and tables (`table.select()`, a dynamic
relationship's `self.groups.select()`, `stmt.where(...).limit(n)`): they build a statement
whose values are bound parameters. A string has none of them, so what they give
`execute()` is no SQL text, whatever the receiver held (their arguments are judged as
given: SQLAlchemy 1.x took a string criterion, `where("name = '...'")`, as SQL text)."""
SQL_UPSERT_METHODS = frozenset(
    {"on_conflict_do_update", "on_conflict_do_nothing", "on_duplicate_key_update"}
)
"""The upsert clauses of SQLAlchemy's PostgreSQL, SQLite and MySQL `insert()`
(`stmt.on_conflict_do_update(constraint=..., set_={"body": body})`): the values they set
are bound parameters, the constraint and columns are names SQLAlchemy quotes; only
their `where` and `index_where` may be SQL text (a string given there is taken as such)."""
SQL_UPSERT_CLAUSES = frozenset({"where", "index_where"})
"""The upsert keywords that take a criterion, which SQLAlchemy accepts as a string."""
SQL_ROW_COUNT_METHODS = frozenset({"limit", "offset"})
"""Statement methods whose argument SQLAlchemy turns into an int bound parameter
(`util.asint`, which raises on text that is no number): it never becomes SQL text."""

SQLALCHEMY_QUERY = "<orm:sqlalchemy>"
"""The kind of a SQLAlchemy query (`Model.query`, `db.session.query(Model)`)."""

ORM_ATTRIBUTES = frozenset({"objects", "_default_manager", "_base_manager", "query"})
DJANGO_ORM_CLASSES = (
    "django.db.models.Manager",
    "django.db.models.manager.Manager",
    "django.db.models.manager.BaseManager",
    "django.db.models.QuerySet",
    "django.db.models.query.QuerySet",
)
"""A project's managers and querysets: their inherited methods (`self.raw()`,
`self.get_queryset().extra()`) are Django's."""
"""Attributes giving a Django manager or a SQLAlchemy query: their lookups are parameterised."""

DJANGO_AUTH_FORMS = tuple(
    f"django.contrib.auth.forms.{name}"
    for name in (
        "AuthenticationForm", "PasswordResetForm", "SetPasswordForm", "PasswordChangeForm",
        "AdminPasswordChangeForm", "BaseUserCreationForm", "UserCreationForm", "UserChangeForm",
    )
)  # fmt: skip
"""Django's authentication forms (`django.contrib.auth.forms`), all of them Django forms."""
AUTHENTICATION_FORMS = ("django.contrib.auth.forms.AuthenticationForm",)
"""Forms whose `get_user()` gives the user their credentials authenticated: a row of the
database (`authenticate()` found it), not the data the form was bound to."""
DJANGO_FORM_BASES = (
    *DJANGO_AUTH_FORMS,
    "django.forms.Form",
    "django.forms.ModelForm",
    "django.forms.forms.Form",
    "django.forms.models.ModelForm",
)
FORM_BASES = (
    *DJANGO_FORM_BASES,
    "wtforms.Form",
    "flask_wtf.FlaskForm",
    "flask_wtf.Form",
)
"""Base classes of forms whose fields hold validated request data."""
DJANGO_FORM_FIELDS = (
    "django.forms.fields.",
    "django.forms.models.ModelChoiceField",
    "django.forms.models.ModelMultipleChoiceField",
    *(
        f"django.forms.{name}Field"
        for name in (
            "", "Char", "Integer", "Float", "Decimal", "Date", "Time", "DateTime", "Duration",
            "Regex", "Email", "File", "Image", "URL", "Boolean", "NullBoolean", "Choice",
            "TypedChoice", "MultipleChoice", "TypedMultipleChoice", "Combo", "MultiValue",
            "FilePath", "SplitDateTime", "GenericIPAddress", "Slug", "UUID", "JSON",
            "ModelChoice", "ModelMultipleChoice",
        )
    ),
)  # fmt: skip
"""Django's form field classes (prefixes of their qualified names): the value a field of
the project's own is given to clean is what the user submitted."""
RENDERED_FORM = "form"
"""What a form passed to a template is marked with (not a sink kind): its fields render
escaped, as widgets."""
PREFILLED_FORM = "form-initial"
"""What a Django form passed unbound is marked with when the request data is only in what
its `initial=` prefills (not a sink kind): it reaches the fields, never `form.instance`."""
FORM_RENDERED = frozenset({RENDERED_FORM})
"""Not a sink kind: what a bound form passed to a template is marked with, whose fields
render escaped (see `TemplateModel` feeds)."""
FORM_PREFILLED = FORM_RENDERED | {PREFILLED_FORM}
"""What an unbound Django form is marked with when the request data is only what its
`initial=` prefills (see `escalation`)."""

SERIALIZERS = (
    "rest_framework.serializers.Serializer",
    "rest_framework.serializers.ModelSerializer",
    "rest_framework.serializers.HyperlinkedModelSerializer",
)
"""Django REST framework serializers: bound to request data by `data=`, which their
`validated_data` holds once checked field by field, as a form's `cleaned_data` does."""

FILTERSETS = (
    "django_filters.FilterSet",
    "django_filters.filterset.",
    "django_filters.rest_framework.FilterSet",
    "django_filters.rest_framework.filterset.",
)
"""django-filter's filter sets: bound to request data (`ThingFilter(request.GET,
queryset=qs)`), which `.data` and `.form` hold; `.qs` is the queryset filtered by it
through parameterised lookups, its rows the database's."""

SELF_BINDING_FORMS = ("flask_wtf.FlaskForm", "flask_wtf.Form")
"""Form bases that read the request themselves (`MyForm()` is bound to request data)."""
WTFORMS = ("wtforms.Form", "wtforms.form.Form", *SELF_BINDING_FORMS)
"""WTForms' forms, whose `.data` is a dict by field name (a Django form's `.data` is the
request's own `QueryDict`)."""

TEXT_FIELDS = frozenset(
    {
        "CharField",
        "EmailField",
        "URLField",
        "RegexField",
        "FileField",
        "ImageField",
        "FilePathField",
        "GenericIPAddressField",
        "JSONField",
        "StringField",
        "TextAreaField",
        "PasswordField",
        "HiddenField",
        "SearchField",
        "TelField",
        "MultipleFileField",
        "Field",
    }
)
"""Form field classes whose cleaned value is text the client chose."""

RESTRICTED_FIELD = "<restricted-text-field>"
"""What a `RegexField` whose pattern admits only letters, digits, `_` and `-` is recorded
as (Tendenci's theme names, `^[a-z][0-9a-z_-]+$`)."""
RESTRICTED_FIELD_SAFE = ALL_KINDS - {"header"}
"""What such a field's value is safe for: no path separator, dot, quote or markup, but
Django's `RegexValidator` searches with `$`, which a trailing line break passes."""
_SAFE_ATOM = r"(?:\\[wd]|[A-Za-z0-9_-]|\[-?(?:\\[wd-]|[a-z]-[a-z]|[A-Z]-[A-Z]|[0-9]-[0-9]|[A-Za-z0-9_])+-?\])"
"""A letter, digit, `_`, `-`, `\\w` or `\\d`, or a class of them (`-` first or last, or
escaped: between two characters it makes a range, and `[0-z]` holds `<`, `;` and `\\`)."""
SAFE_PATTERN = re.compile(rf"(?:\^|\\A)(?:{_SAFE_ATOM}(?:[+*?]|\{{\d+(?:,\d*)?\}})?)+(?:\$|\\Z)")
"""A whole-value pattern made of letters, digits, `_`, `-`, `\\w` and `\\d` only."""

GRAPHQL_LIBRARIES = ("graphene.", "graphene_django.", "graphene_sqlalchemy.", "graphene_mongo.")
"""graphene and its integrations: the types and bases a GraphQL schema is built from."""

GRAPHQL_SCALARS = frozenset(
    {"Int", "Float", "Boolean", "Decimal", "BigInt", "Date", "DateTime", "Time", "UUID"}
)
"""graphene scalars whose values are a number, a truth value, a date or a UUID: no text of
the client's (`ID` and `String` are text, an input object holds text)."""

WAGTAIL_API_VIEWS = (
    *(f"wagtail.{app}api.v2.views." for app in ("", "images.", "documents.")),
    "wagtail.admin.api.views.",
)
"""Wagtail's API viewsets (`PagesAPIViewSet`, `ImagesAPIViewSet`, `DocumentsAPIViewSet`,
the admin's pages API): DRF `GenericViewSet`s, whose bases a project's tree lacks. A
project's subclass reads `self.request` and narrows `super().get_queryset()`."""

QUERYSET_VIEWS = (
    "rest_framework.generics.",
    *(f"rest_framework.viewsets.{name}ViewSet" for name in ("Generic", "Model", "ReadOnlyModel")),
    *(f"django.views.generic.{module}." for module in ("list", "detail", "dates", "edit")),
    *(
        f"django.views.generic.{name}"
        for name in ("ListView", "DetailView", "CreateView", "UpdateView", "DeleteView")
    ),
    *(
        f"django.views.generic.{period}ArchiveView"
        for period in ("Index", "Year", "Month", "Week", "Day", "Today")
    ),
    "django.views.generic.DateDetailView",
    *WAGTAIL_API_VIEWS,
)
"""Class-based views whose `get_queryset()` is DRF's `GenericAPIView`'s or Django's
generic views': it returns a QuerySet of the view's model."""
VIEW_OBJECT = "rest_framework.generics.get_object_or_404"
"""The kind of `self.get_object()` in such a view (not overridden): DRF's looks the row
up with this shortcut, Django's `SingleObjectMixin` with `queryset.get()` (a 404 when
none): a model instance, as the shortcut's is."""
FILTER_BACKENDS = ("rest_framework.filters.", "django_filters.rest_framework.")
"""Where DRF's filter backends come from (`BaseFilterBackend`, `SearchFilter`,
django-filter's `DjangoFilterBackend`): a view hands each its request and QuerySet."""
VIEW_QUERYSET_METHODS = frozenset({"get_queryset", "filter_queryset"})
"""`get_queryset()`, and DRF's `filter_queryset(queryset)`, which narrows the queryset
it is given with the filter backends' lookups (the request's values bound as parameters)."""

SCHEMA_BASES = ("marshmallow.", "marshmallow_sqlalchemy.", "flask_marshmallow.")
"""marshmallow schemas: `Schema().load(data)` gives back the data of the fields it
declares (or what its `@post_load` method makes of them)."""

SCHEMA_SCALARS = frozenset(
    {
        *("Integer", "Int", "Float", "Decimal", "Number", "Boolean", "Bool"),
        *("Date", "DateTime", "NaiveDateTime", "AwareDateTime", "Time", "TimeDelta"),
        "UUID",
    }
)
"""marshmallow fields that load a number, a truth value, a date or a UUID: no text of
the client's."""

VIEW_BASE_PREFIXES = (
    *("django.views", "rest_framework.", "django.contrib.admin", "flask.views"),
    *WAGTAIL_API_VIEWS,
)
"""Bases of class-based views: `self.request` is the request in their methods."""
