"""Where request data does harm: the sink calls of every taint rule.

A `Sink` names the rule it belongs to, the sink kind sanitisers are stated for, which
arguments are dangerous (position and keyword), the note of the flow's last step, and an
optional check that decides on the call's other arguments (`shell=True`, a YAML loader,
a content type). Function sinks are found by qualified name; method sinks by method name
and, where the name alone says too little, by what the receiver is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from webwarden.analysis.taint.values import (
    LOOKUPS,
    NAMES_FILE,
    NO_BACKSLASH,
    NO_CONTROL,
    SERVED_DOCUMENT,
)
from webwarden.model.django_messages import ADD_MESSAGE_FUNCTIONS, LEVEL_FUNCTIONS

SELF = -2
"""Argument position meaning the receiver itself (`Path(p).read_text()`)."""

FEED = "<feed>"
"""Pseudo-rule prefix of a template context name fed with request data (`<feed>q`)."""

RULE_KINDS = {
    "WW440": "sql",
    "WW441": "sql",
    "WW442": "sql",
    "WW443": "lookups",
    "WW444": "nosql",
    "WW451": "lookups",
    "WW541": "template",
    "WW542": "html",
    "WW543": "html",
    "WW544": "html",
    "WW596": "html",
    "WW565": "script",
    "WW1105": "command",
    "WW1117": "option",
    "WW1106": "code",
    "WW1107": "path",
    "WW1129": "path",
    "WW1108": "url",
    "WW1109": "redirect",
    "WW1110": "deserialise",
    "WW1111": "header",
    "WW1112": "ldap",
    "WW1113": "nosql",
    "WW1115": "nosql",
    "WW1114": "fields",
    "WW1116": "dispatch",
    "WW1183": "dispatch",
    "WW1119": "graphql",
    "WW753": "jwt",
    "WW1130": "regex",
    "WW1139": "redos",
    "WW11106": "decompress",
}
"""The sink kind of each taint rule: sanitisers are stated per kind."""
EXACT_RULES = frozenset({"WW443", "WW451", "WW1114", "WW753"})
"""Rules that report only flows known step by step: what a call webwarden does not model
returns (a schema's `load()`, a form's data cleaned by fields it cannot see) seldom keeps
the keys it was given, which is all WW443 and WW1114 judge; nor the name a client asked
to sort by (`compose_sort_key(data["sort_by"])` maps it to fields), which WW451 judges;
nor is what a library call given the token returns the token (a key-set client's
`get_signing_key_from_jwt(token)` is the provider's key the token names), which WW753
would take for a key the client chose."""


@dataclass(frozen=True, slots=True)
class Sink:
    """One dangerous call."""

    rule: str
    kind: str
    args: tuple[tuple[int, str], ...]
    action: str
    check: str = ""
    """`shell`, `argv`, `yaml`, `numpy`, `html_type`, `where`, `built_string`,
    `tainted_receiver`, `environment`, `file_object`, `not_model`, `operator`,
    `bare_prefix`, `whole_read`, `no_max_length` or ""."""
    receivers: tuple[str, ...] = ()
    """For method sinks: receiver kinds (prefixes) or `text:<suffix>` of the receiver's
    text; empty means any receiver."""
    answered: bool = False
    """An outbound request returning the server's answer (a response, its body): what
    the server chose to send, which the arguments other than the URL (headers, auth,
    query parameters, body) do not choose."""
    and_next: bool = False
    """The next sink of the same method is judged too (a MongoDB filter's `$where`
    JavaScript, then its field conditions)."""
    escapes: frozenset[str] = frozenset()
    """Character marks (`values.NO_BACKSLASH`, ...) the call itself makes true of what
    it is given, by encoding those characters before they do harm."""
    decided_by: frozenset[str] = frozenset()
    """For a class: the members a project's subclass defines to change what making it
    does (an `Unpickler`'s `find_class`); such a subclass is not this sink
    (`inherited_sinks`)."""


_NORMALISED = (
    *(
        f"{module}.{name}"
        for module in ("os.path", "posixpath", "ntpath")
        for name in ("normpath", "realpath", "abspath")
    ),
    "pathlib.Path.resolve",
)
"""The kinds of a normalised path (`specs.NORMALISED_PATHS`): no `..` left in it."""


DECOMPRESSING_FILES = (
    "gzip.GzipFile",
    "gzip.open",
    "bz2.BZ2File",
    "bz2.open",
    "lzma.LZMAFile",
    "lzma.open",
)
"""Files that decompress what they read from the file object or path they are given."""


MARKING_SAFE = (
    "markupsafe.Markup",
    "flask.Markup",
    "jinja2.Markup",
    "django.utils.safestring.mark_safe",
    # NOTE: `django.utils.html` imports it, and code imports it from there too.
    "django.utils.html.mark_safe",
    "django.utils.safestring.SafeString",
    "django.utils.safestring.SafeText",
)
"""The calls that tell the template engine a string is HTML already."""


def _each(names: tuple[str, ...], sink: Sink) -> dict[str, Sink]:
    return dict.fromkeys(names, sink)


_SQL = Sink("WW440", "sql", ((0, "sql"), (0, "query"), (0, "operation")), "executed as SQL")
_RAW_SQL = Sink("WW441", "sql", ((0, "sql"),), "used as raw SQL")
_SQLA_TEXT = Sink("WW442", "sql", ((0, "text"),), "turned into SQL text")
_SHELL = Sink("WW1105", "command", ((0, "command"), (0, "cmd")), "run by a shell")
_SUBPROCESS = Sink("WW1105", "command", ((0, "args"),), "run as a command", check="shell")
_PROGRAM = Sink("WW1105", "command", ((0, "path"), (0, "program"), (0, "file")), "run as a program")
_CODE = Sink("WW1106", "code", ((0, "source"),), "run as Python code")
_PATH = Sink("WW1107", "path", ((0, "file"), (0, "path")), "used as a file path")
_NAMES_FILE = frozenset({NAMES_FILE})
_FILE = replace(_PATH, escapes=_NAMES_FILE)
"""A call that opens, writes or removes a file, and fails on a folder (`values.NAMES_FILE`);
not `os.open`, which opens a folder too."""
_IMPORT = Sink("WW1183", "dispatch", ((0, "name"),), "imported as a module")
_SERVED = frozenset({SERVED_DOCUMENT})
_GRAPHQL_QUERY = Sink(
    "WW1119",
    "graphql",
    ((0, "request_string"), (0, "query"), (0, "source")),
    "executed as a GraphQL query",
    escapes=_SERVED,
)
"""A schema's own `execute` (graphene's `Schema.execute`, strawberry's `execute_sync`):
the document runs with the server's rights, not through the view that checks a client.
The whole document a client sent is an endpoint's query (`SERVED_DOCUMENT`); the `gql`
client's, sent on with the application's credentials, is not."""


def _fetch(position: int, receivers: tuple[str, ...] = ()) -> Sink:
    """An outbound request whose URL is argument `position` (or `url=`), which returns
    the server's answer."""
    return Sink("WW1108", "url", ((position, "url"),), "fetched", "", receivers, answered=True)


_URL = _fetch(0)
_URL_SECOND = _fetch(1)
_REDIRECT = Sink(
    "WW1109",
    "redirect",
    ((0, "location"), (0, "to"), (0, "redirect_to")),
    "used as the redirect target",
)
ESCAPED_LOCATION = frozenset({NO_BACKSLASH, NO_CONTROL})
_DJANGO_REDIRECT = replace(_REDIRECT, escapes=ESCAPED_LOCATION)
"""Django's redirect responses percent-encode the Location (`iri_to_uri`): a `\\` or a
tab reaches the browser as `%5C` or `%09`, which it does not read as a `/` or drop.
Werkzeug's `redirect()` sends them as they are."""
_SHORTCUT_REDIRECT = Sink(
    "WW1109",
    "redirect",
    ((0, "to"),),
    "used as the redirect target",
    "not_model",
    escapes=ESCAPED_LOCATION,
)
"""Django's `redirect(to)`: a model instance leads to its `get_absolute_url()`."""
_PICKLE = Sink(
    "WW1110",
    "deserialise",
    ((0, "data"), (0, "file")),
    "deserialised",
    decided_by=frozenset({"find_class", "find_global"}),
)
"""`pickle.loads` and the like; an `Unpickler` subclass's own `find_class` (Python 2's
`find_global`) chooses what a pickle's globals may be."""
_HTML = Sink(
    "WW544",
    "html",
    ((0, "content"), (0, "response")),
    "sent as an HTML page",
    check="html_type",
    decided_by=frozenset(
        {"default_mimetype", "mimetype", "content_type", "content", "data", "set_data"}
    ),
)
"""A response sending its content as given, HTML unless a type is given; a subclass
choosing its own type (Flask's `default_mimetype = "application/json"`) or writing its
content itself is judged by its code."""
SCRIPT_RESPONSE = Sink("WW565", "script", _HTML.args, "sent as a script")
"""`_HTML`'s calls given a JavaScript content type (a JSONP answer): the body runs as
script wherever a page loads it, so request data must be written as JSON there."""
_MARKUP = Sink(
    "WW542",
    "html",
    ((0, "s"), (0, "base"), (0, "object")),
    "marked as safe HTML",
    decided_by=frozenset({"__html__"}),
)
"""A subclass of `Markup` with its own `__html__` (an escaping or rendering one) writes
what that method returns into a template, not the text it was made of."""
_MARKUP_HTML = replace(_MARKUP, check="html_object")
"""`Markup(obj)` and Django's `mark_safe(obj)` take an object's own `__html__()` when it
has one (markupsafe calls it; `mark_safe` returns the object as it is): that method's
markup is judged where it is built."""
_USES_HTML_METHOD = (
    "markupsafe.Markup",
    "flask.Markup",
    "jinja2.Markup",
    "django.utils.safestring.mark_safe",
    "django.utils.html.mark_safe",
)
_MESSAGE = Sink("WW596", "html", ((1, "message"),), "stored as a message")
_ADDED_MESSAGE = Sink("WW596", "html", ((2, "message"),), "stored as a message")
"""Django's messages framework: the text a page lists next (`messages.error(request,
text)`, `add_message(request, level, text)`), escaped unless the template writes it
with `|safe` (WW596 judges that)."""
_TEMPLATE = Sink(
    "WW541",
    "template",
    ((0, "source"), (0, "template_string"), (0, "text")),
    "compiled as a template",
)

FUNCTION_SINKS: dict[str, Sink] = {
    # NOTE: each returns the whole decompressed data at once, whatever its size
    # (`zlib.decompress`'s `bufsize` is only the first buffer's).
    **_each(
        ("gzip.decompress", "zlib.decompress", "bz2.decompress", "lzma.decompress"),
        Sink("WW11106", "decompress", ((0, "data"),), "decompressed whole"),
    ),
    # NOTE: `F(name)` refers to the field `name` names, through relations too.
    **_each(
        ("django.db.models.F", "django.db.models.expressions.F"),
        Sink("WW451", LOOKUPS, ((0, "name"),), "named as a field of the query"),
    ),
    **_each(
        ("django.db.models.expressions.RawSQL", "django.db.models.RawSQL"),
        _RAW_SQL,
    ),
    **_each(
        ("pandas.read_sql", "pandas.read_sql_query", "pandas.io.sql.read_sql"),
        Sink("WW440", "sql", ((0, "sql"),), "executed as SQL"),
    ),
    **_each(
        (
            "sqlalchemy.text",
            "sqlalchemy.sql.text",
            "sqlalchemy.sql.expression.text",
            "sqlalchemy.literal_column",
            "sqlalchemy.sql.literal_column",
            "sqlalchemy.sql.expression.literal_column",
        ),
        _SQLA_TEXT,
    ),
    **_each(
        (
            "flask.render_template_string",
            "flask.templating.render_template_string",
            "jinja2.Template",
            "django.template.Template",
            "django.template.base.Template",
            "mako.template.Template",
        ),
        _TEMPLATE,
    ),
    **_each(MARKING_SAFE, _MARKUP),
    **_each(
        ("graphql.graphql", "graphql.graphql_sync"),
        Sink("WW1119", "graphql", ((1, "source"),), "executed as a GraphQL query", escapes=_SERVED),
    ),
    **_each(
        ("graphql.parse", "graphql.language.parse", "graphql.language.parser.parse"),
        Sink(
            "WW1119",
            "graphql",
            ((0, "source"), (0, "request_string")),
            "parsed as a GraphQL document",
            escapes=_SERVED,
        ),
    ),
    "gql.gql": Sink(
        "WW1119", "graphql", ((0, "source"), (0, "request_string")), "parsed as a GraphQL document"
    ),
    **_each(LEVEL_FUNCTIONS, _MESSAGE),
    **_each(ADD_MESSAGE_FUNCTIONS, _ADDED_MESSAGE),
    **_each(_USES_HTML_METHOD, _MARKUP_HTML),
    "django.utils.html.format_html": Sink(
        "WW543", "html", ((0, "format_string"),), "used as the format string"
    ),
    "django.utils.html.format_html_join": Sink(
        "WW543", "html", ((1, "format_string"),), "used as the format string"
    ),
    **_each(
        (
            "django.http.HttpResponse",
            "django.http.response.HttpResponse",
            "django.http.HttpResponseBadRequest",
            "django.http.HttpResponseNotFound",
            "django.http.HttpResponseForbidden",
            "django.http.HttpResponseServerError",
            "flask.make_response",
            "flask.helpers.make_response",
            "flask.Response",
            "flask.wrappers.Response",
            "werkzeug.wrappers.Response",
            "werkzeug.wrappers.response.Response",
            "werkzeug.Response",
        ),
        _HTML,
    ),
    **_each(
        ("os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput"), _SHELL
    ),
    "asyncio.create_subprocess_shell": _SHELL,
    **_each(
        (
            "subprocess.run",
            "subprocess.call",
            "subprocess.Popen",
            "subprocess.check_call",
            "subprocess.check_output",
        ),
        _SUBPROCESS,
    ),
    **_each(
        (
            *(f"os.{name}" for name in ("execv", "execve", "execvp", "execvpe", "execl", "execlp")),
            "asyncio.create_subprocess_exec",
            "os.spawnv",
            "os.spawnvp",
        ),
        _PROGRAM,
    ),
    **_each(
        ("eval", "exec", "compile", "builtins.eval", "builtins.exec", "builtins.compile"), _CODE
    ),
    **_each(("__import__", "builtins.__import__", "importlib.__import__"), _IMPORT),
    "importlib.import_module": _IMPORT,
    # NOTE: `import_string("pkg.mod.Name")` imports the module and returns its attribute.
    "werkzeug.utils.import_string": replace(_IMPORT, args=((0, "import_name"),)),
    "django.utils.module_loading.import_string": replace(_IMPORT, args=((0, "dotted_path"),)),
    "pydoc.locate": replace(_IMPORT, args=((0, "path"),)),
    # NOTE: Pillow's `ImageMath.eval` (and `unsafe_eval`, its name since Pillow 10.3) hands
    # its expression to Python's `eval()`; restricting the builtins has not made that safe
    # (CVE-2022-22817, CVE-2023-50447).
    **_each(
        ("PIL.ImageMath.eval", "PIL.ImageMath.unsafe_eval"),
        Sink("WW1106", "code", ((0, "expression"),), "run as Python code"),
    ),
    **_each(
        (
            "open",
            "builtins.open",
            "io.open",
            "codecs.open",
            "os.remove",
            "os.unlink",
        ),
        _FILE,
    ),
    **_each(
        (
            "os.open",
            "os.rmdir",
            "os.listdir",
            "os.scandir",
            "shutil.rmtree",
        ),
        _PATH,
    ),
    **_each(
        ("os.mkdir", "os.makedirs"),
        Sink("WW1107", "path", ((0, "path"), (0, "name")), "made as a folder"),
    ),
    # NOTE: the target chooses where a file lands, or which one it replaces, as surely
    # as the source chooses which one is read.
    **_each(
        (
            "shutil.copy",
            "shutil.copy2",
            "shutil.copyfile",
            "shutil.copytree",
            "shutil.move",
            "os.rename",
            "os.replace",
        ),
        Sink("WW1107", "path", ((0, "src"), (1, "dst")), "used as a file path"),
    ),
    "os.renames": Sink("WW1107", "path", ((0, "old"), (1, "new")), "used as a file path"),
    # NOTE: Wand's `Image(image, blob, file, filename)`: ImageMagick opens the named file
    # (and reads a `msl:` or `text:` prefix as a coder); bytes and file objects go to
    # `blob=` and `file=`, which name no path.
    "wand.image.Image": Sink(
        "WW1107", "path", ((3, "filename"),), "read as an image file", escapes=_NAMES_FILE
    ),
    **_each(
        ("flask.send_file", "flask.helpers.send_file", "werkzeug.utils.send_file"),
        Sink(
            "WW1107",
            "path",
            ((0, "path_or_file"), (0, "filename_or_fp")),
            "sent as a file",
            "file_object",
            escapes=_NAMES_FILE,
        ),
    ),
    # NOTE: `safe_join` keeps the file name inside the folder, but the folder itself is
    # trusted as given: Flask's documentation says it must never come from the client.
    **_each(
        (
            "flask.send_from_directory",
            "flask.helpers.send_from_directory",
            "werkzeug.utils.send_from_directory",
        ),
        Sink("WW1107", "path", ((0, "directory"),), "used as the folder files are sent from"),
    ),
    **_each(
        (
            *(
                f"{lib}.{verb}"
                for lib in ("requests", "requests.api", "httpx")
                for verb in ("get", "post", "put", "patch", "delete", "head", "options", "stream")
            ),
            "urllib.request.urlopen",
            "urllib3.request",
        ),
        _URL,
    ),
    # NOTE: it returns the local file it saved the answer in, and the answer's headers.
    "urllib.request.urlretrieve": Sink("WW1108", "url", ((0, "url"),), "fetched"),
    # NOTE: recipe-scrapers' `scrape_me(url)` downloads the page itself to read the recipe.
    "recipe_scrapers.scrape_me": Sink("WW1108", "url", ((0, "url_path"),), "fetched"),
    **_each(
        ("requests.request", "requests.api.request", "httpx.request", "httpx.stream"), _URL_SECOND
    ),
    **_each(
        ("http.client.HTTPConnection", "http.client.HTTPSConnection"),
        Sink("WW1108", "url", ((0, "host"),), "connected to", decided_by=frozenset({"connect"})),
    ),
    **_each(("flask.redirect", "flask.helpers.redirect", "werkzeug.utils.redirect"), _REDIRECT),
    **_each(
        (
            "django.http.HttpResponseRedirect",
            "django.http.HttpResponsePermanentRedirect",
            "django.http.response.HttpResponseRedirect",
            "django.http.response.HttpResponsePermanentRedirect",
            # NOTE: a project's redirect class of its own status (`status_code = 307`).
            "django.http.response.HttpResponseRedirectBase",
        ),
        _DJANGO_REDIRECT,
    ),
    "django.shortcuts.redirect": _SHORTCUT_REDIRECT,
    **_each(
        (
            *(
                f"{lib}.{fn}"
                for lib in ("pickle", "cPickle", "_pickle", "dill", "cloudpickle", "marshal")
                for fn in ("load", "loads", "Unpickler")
            ),
            "jsonpickle.decode",
            "joblib.load",
            "pandas.read_pickle",
            "shelve.open",
        ),
        _PICKLE,
    ),
    **_each(
        ("yaml.load", "yaml.load_all"),
        Sink("WW1110", "deserialise", ((0, "stream"),), "deserialised", check="yaml"),
    ),
    **_each(
        ("yaml.unsafe_load", "yaml.unsafe_load_all"),
        Sink("WW1110", "deserialise", ((0, "stream"),), "deserialised"),
    ),
    "numpy.load": Sink("WW1110", "deserialise", ((0, "file"),), "deserialised", check="numpy"),
    # NOTE: what a token is checked against (PyJWT 1 and 2, python-jose): the key, the
    # accepted algorithms, the audience and issuer claims; `algorithms` is positional
    # in neither the same place nor at all, so only its keyword is read.
    **_each(
        ("jwt.decode", "jwt.api_jwt.decode", "jose.jwt.decode"),
        Sink(
            "WW753",
            "jwt",
            ((1, "key"), (-1, "algorithms"), (-1, "audience"), (-1, "issuer")),
            "used to verify the token",
        ),
    ),
}
"""Sinks found by the callee's qualified name."""

HTTP_CLIENTS = (
    "requests.Session",
    "requests.session",
    "httpx.Client",
    "httpx.AsyncClient",
    "aiohttp.ClientSession",
    "urllib3.PoolManager",
    "urllib3.HTTPConnectionPool",
)
"""HTTP clients whose methods (`get`, `post`, `request`...) fetch the URL they are given."""
_SQLA = ("sqlalchemy", "flask_sqlalchemy", "text:session", "text:engine")
_DBAPI = (
    "sqlite3",
    "psycopg",
    "MySQLdb",
    "pymysql",
    "mysql.connector",
    "django.db",
    "cx_Oracle",
    "oracledb",
    "pyodbc",
    "<orm:django",
)
GATEWAY_CLIENTS = ("alipay.aop.api.", "paypalcheckoutsdk.", "paypalhttp.", "paypalpayoutssdk.")
"""Payment gateways' SDK clients (Alipay's `DefaultAlipayClient`, PayPal's
`PayPalHttpClient`): their `execute(request)` signs a request object and sends it to the
gateway over HTTPS; no database runs what it is given."""
PROGRAM_CLIENTS = ("exiftool.",)
"""Clients of a program whose `execute(*args)` hands it the arguments: PyExifTool's
`ExifTool` and `ExifToolHelper` write them to exiftool's `-stay_open` argument stream; no
database runs what they are given."""


CRITERION_ACTION = "used as SQL text"
_SQLA_CRITERION = Sink(
    "WW442", "sql", ((0, "criterion"),), CRITERION_ACTION, "built_string", ("<orm:sqlalchemy",)
)
"""A SQLAlchemy query's criterion, which a string built of request data makes SQL text
(before SQLAlchemy 1.4, which refuses a string there: `TaintRule.keeps` of WW442)."""


def _ordering(action: str) -> Sink:
    """Django queryset methods whose every positional argument names a field, which may
    follow relations (`-owner__password`)."""
    return Sink(
        "WW451", LOOKUPS, tuple((at, "") for at in range(8)), action, receivers=("<orm:django",)
    )


METHOD_SINKS: dict[str, tuple[Sink, ...]] = {
    "execute_sync": (_GRAPHQL_QUERY,),
    "execute_async": (_GRAPHQL_QUERY,),
    "execute": (
        _GRAPHQL_QUERY,
        Sink("WW440", "sql", _SQL.args, "executed as SQL", receivers=_DBAPI),
        Sink("WW442", "sql", ((0, "statement"),), "executed as SQL", "built_string", _SQLA),
        _SQL,
    ),
    "executemany": (_SQL,),
    **{
        name: (
            Sink(
                "WW440",
                "sql",
                ((0, "query"),),
                "executed as an InfluxDB query",
                receivers=("influxdb",),
            ),
        )
        for name in ("query", "query_data_frame", "query_stream", "query_csv", "query_raw")
    },
    "executescript": (Sink("WW440", "sql", ((0, "sql_script"),), "executed as SQL"),),
    "exec_driver_sql": (Sink("WW442", "sql", ((0, "statement"),), "executed as SQL"),),
    "raw": (
        Sink("WW441", "sql", ((0, "raw_query"),), "run as a raw SQL query", receivers=("<orm",)),
    ),
    "extra": (
        Sink(
            "WW441",
            "sql",
            ((0, "select"), (1, "where"), (3, "tables"), (4, "order_by")),
            "added to the SQL",
            receivers=("<orm",),
        ),
    ),
    **dict.fromkeys(("filter", "group_by", "having"), (_SQLA_CRITERION,)),
    "order_by": (
        _SQLA_CRITERION,
        _ordering("used as the ordering"),
    ),
    # NOTE: what `values()` and `values_list()` return holds each named field's value,
    # through relations too.
    "values": (_ordering("named as the fields the rows return"),),
    "values_list": (_ordering("named as the fields the rows return"),),
    "text": (
        Sink(
            "WW442",
            "sql",
            ((0, "text"),),
            "turned into SQL text",
            receivers=("text:db", "flask_sqlalchemy"),
        ),
    ),
    "from_string": (
        Sink("WW541", "template", ((0, "source"),), "compiled as a template", "environment"),
    ),
    "exec_command": (Sink("WW1105", "command", ((0, "command"),), "run as a remote command"),),
    # NOTE: python-nmap splits `hosts` and `arguments` with `shlex` into nmap's command line.
    "scan": (
        Sink(
            "WW1117",
            "option",
            ((0, "hosts"), (2, "arguments")),
            "split into nmap's command line",
            receivers=("nmap.",),
        ),
    ),
    **{
        name: (
            Sink(
                "WW1107",
                "path",
                ((SELF, ""),),
                "used as a file path",
                receivers=("pathlib",),
                escapes=frozenset() if name in {"rmdir", "iterdir"} else _NAMES_FILE,
            ),
        )
        for name in (
            "open",
            "read_text",
            "read_bytes",
            "write_text",
            "write_bytes",
            "unlink",
            "touch",
            "chmod",
            "rmdir",
            "iterdir",
            "mkdir",
        )
    },
    # NOTE: Flask's `open_resource` (app or blueprint) and `open_instance_resource` join
    # the name to the root or instance folder with `os.path.join`, not `safe_join`: a
    # `../` or an absolute name opens any file.
    **{
        name: (
            Sink(
                "WW1107",
                "path",
                ((0, "resource"),),
                "opened as a file",
                receivers=("flask", "text:app", "text:bp", "text:blueprint"),
            ),
        )
        for name in ("open_resource", "open_instance_resource")
    },
    # NOTE: a normalised path checked to start with a folder not ended by a separator
    # (`realpath(p).startswith(root)`, lowered with the `BARE_PREFIX` keyword): the
    # check itself, wherever the path goes next (a serializer's validated field).
    "startswith": (
        Sink(
            "WW1129",
            "path",
            ((SELF, ""),),
            "checked to lie in a folder by a prefix without a separator",
            "bare_prefix",
            receivers=_NORMALISED,
        ),
    ),
    "save": (
        Sink(
            "WW1107",
            "path",
            ((1, "filename"),),
            "written as an image file",
            receivers=("wand.image.",),
            escapes=_NAMES_FILE,
        ),
        Sink(
            "WW1107",
            "path",
            ((0, "dst"),),
            "used as the path of the saved upload",
            "tainted_receiver",
            escapes=_NAMES_FILE,
        ),
    ),
    **{
        verb: (_fetch(0, HTTP_CLIENTS),)
        for verb in ("get", "post", "put", "patch", "delete", "head", "options", "stream")
    },
    "request": (_fetch(1, HTTP_CLIENTS),),
    "urlopen": (_fetch(1, ("urllib3",)),),
    "load": (
        Sink(
            "WW1110", "deserialise", ((SELF, ""),), "deserialised", receivers=("pickle.Unpickler",)
        ),
    ),
    # NOTE: a decompressing file read to its end at once (`GzipFile(fileobj=upload).read()`);
    # `read(size)` reads no more than it asks.
    "read": (
        Sink(
            "WW11106",
            "decompress",
            ((SELF, ""),),
            "decompressed whole",
            "whole_read",
            receivers=DECOMPRESSING_FILES,
        ),
    ),
    # NOTE: a decompressor's `decompress(data)` without `max_length` returns all it makes.
    "decompress": (
        Sink(
            "WW11106",
            "decompress",
            ((0, "data"),),
            "decompressed whole",
            "no_max_length",
            receivers=("zlib.decompressobj", "bz2.BZ2Decompressor", "lzma.LZMADecompressor"),
        ),
    ),
    **{
        name: (Sink("WW1112", "ldap", ((2, "filterstr"),), "used as an LDAP search filter"),)
        for name in ("search_s", "search_st", "search_ext", "search_ext_s")
    },
    "search": (
        Sink(
            "WW1112",
            "ldap",
            ((2, "filterstr"),),
            "used as an LDAP search filter",
            receivers=("ldap.",),
        ),
        Sink(
            "WW1112",
            "ldap",
            ((1, "search_filter"),),
            "used as an LDAP search filter",
            receivers=("ldap3",),
        ),
    ),
    **{
        name: (
            Sink(
                "WW1113",
                "nosql",
                ((0, "filter"),),
                "run as JavaScript (`$where`)",
                "where",
                and_next=True,
            ),
            Sink(
                "WW1115",
                "nosql",
                ((0, "filter"),),
                "used as a field condition",
                "operator",
                and_next=True,
            ),
            Sink("WW444", "nosql", ((0, "filter"),), "used as the whole query", "whole_filter"),
        )
        for name in (
            "find",
            "find_one",
            "find_one_and_delete",
            "find_one_and_replace",
            "find_one_and_update",
            "delete_one",
            "delete_many",
            "update_one",
            "update_many",
            "replace_one",
            "count_documents",
            "aggregate",
        )
    },
}
"""Sinks found by method name (the first whose receiver matches wins, with the next ones
while it says `and_next`)."""

HEADER_SINK = Sink("WW1111", "header", ((0, "value"),), "set as a response header")
"""Assignments `response["X"] = value` / `response.headers["X"] = value`."""

SAFE_YAML_LOADERS = frozenset({"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"})


def rule_kind(rule: str) -> str:
    """The sink kind of a rule (template context feeds count as HTML)."""
    return "html" if rule.startswith(FEED) else RULE_KINDS[rule]


def method_sinks(name: str) -> tuple[Sink, ...]:
    """The sinks a method of this name may be."""
    return METHOD_SINKS.get(name, ())


TEMPLATE_ENVIRONMENTS = frozenset(
    {"Environment", "SandboxedEnvironment", "ImmutableSandboxedEnvironment", "NativeEnvironment"}
    | {"Engine", "Jinja2", "DjangoTemplates"}
)
"""Classes whose `from_string` compiles a template; another class's `from_string` (such as
`PhoneNumber.from_string`) is a constructor."""


def receiver_matches(sink: Sink, kind: str, text: str) -> bool:
    """Whether a receiver of `kind` written as `text` is what the method sink is about."""
    if sink.kind == "graphql":
        return _graphql(kind, text)
    if sink.kind == "sql" and _graphql(kind, text):
        return False
    if not sink.receivers:
        return True
    for wanted in sink.receivers:
        if wanted.startswith("text:"):
            if text.lower().rsplit(".", 1)[-1].endswith(wanted[5:]):
                return True
        elif kind.startswith(wanted):
            return True
    return False


_GRAPHQL = ("graphene.", "graphql.", "strawberry.", "ariadne.")


def _graphql(kind: str, text: str) -> bool:
    """A GraphQL schema (`schema.execute(query)` runs GraphQL, not SQL)."""
    return kind.startswith(_GRAPHQL) or text.lower().rsplit(".", 1)[-1] in {
        "schema",
        "graphql_schema",
    }
