"""What the statements of a view function tell: whether it turns the anonymous visitor
away itself, and whether it provably writes nothing; and whether a decorator runs the
view only on a submitted form."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from enum import Enum

from webwarden.analysis.sql_statements import reads_only
from webwarden.model.caller_checks import LOG_LEVELS, after_docstring
from webwarden.model.flask.form_reads import (
    FORM_CHECKS,
    built_form_class,
    form_method,
    picks_ordering,
    picks_query_read,
)
from webwarden.model.flask.session_scopes import scope_calls, scoped_session
from webwarden.model.imported import imported_name, package_attribute
from webwarden.model.module import FileContext, identifier_words
from webwarden.model.preferences import names_preference
from webwarden.model.render_wrappers import imported_render_wrapper

TURNS_AWAY = re.compile(r"redirect|abort|unauthori[sz]ed|forbidden|denied", re.IGNORECASE)
"""Names of calls that send the visitor elsewhere or refuse the request
(`redirect(url_for("login"))`, `abort(401)`, `login_manager.unauthorized()`)."""
_LOGIN_MANAGERS = frozenset({"login_manager", "LoginManager"})
_REFRESH_DEMAND = "needs_refresh"
_FRESH_TESTS = frozenset({"flask_login.login_fresh", "flask_login.utils.login_fresh"})
"""Flask-Login's `login_fresh()`: false for a visitor the session does not name, since
only `login_user()` marks the session fresh (and `logout_user()` unmarks it)."""


def refuses_by_call(name: str) -> bool:
    """Whether a call so named sends the visitor elsewhere or refuses the request
    (`TURNS_AWAY`), or is Flask-Login's `login_manager.needs_refresh()`, which redirects to
    the page asking for the password again (or answers 401 without one)."""
    owner, _, tail = name.rpartition(".")
    if TURNS_AWAY.search(tail):
        return True
    return tail == _REFRESH_DEMAND and owner.rpartition(".")[2] in _LOGIN_MANAGERS


def tests_fresh_login(name: str) -> bool:
    """Whether a call so named is Flask-Login's `login_fresh()` (`_FRESH_TESTS`)."""
    return name in _FRESH_TESTS


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_SESSION = "flask.session"
_CURRENT_USER = "flask_login.current_user"
_DENIAL_CODES = frozenset({401, 403})


class _Login(Enum):
    """How a test relates to the visitor's login state."""

    KNOWN = "false for every visitor the session does not name"
    ANONYMOUS = "true for every visitor the session does not name"

    def negated(self) -> _Login:
        return _Login.ANONYMOUS if self is _Login.KNOWN else _Login.KNOWN


def refuses_anonymous(ctx: FileContext, function: ast.AST, *, falsy_user: bool = False) -> bool:
    """Whether the view's first statements turn away every visitor the session does not
    name, before anything else runs: `if "user_id" not in session: return
    redirect(...)`, `if g.user is None: abort(401)`, `if not
    current_user.is_authenticated: return login_manager.unauthorized()`, `if not
    user_has_permission("edit"): return redirect(...)` (a permission or role, which the
    anonymous visitor lacks), or the same test the other way with the refusal in `else`,
    or made by a helper of the module returning it (`if not authenticated():`). Only assignments to local names
    (`user_id = session.get("user_id")`) may come first. A redirect under a test that
    reads no login state (`if request.method == "GET":`) refuses no one. With
    `falsy_user`, Flask-Login's `current_user` itself is such a test (`if not
    current_user: return redirect("/login")`, `current_user is None`): it is one only in an
    app whose anonymous user is false (`login_manager.anonymous_user = lambda: None`);
    Flask-Login's own `AnonymousUserMixin` is true."""
    if not isinstance(function, _FUNCTIONS):
        return False
    known: dict[str, _Login] = {}
    if falsy_user:
        known.update(dict.fromkeys(_user_names(ctx, function.body), _Login.KNOWN))
    for statement in after_docstring(function.body):
        if isinstance(statement, ast.If):
            return _guards(ctx, statement, known)
        if not isinstance(statement, ast.Assign | ast.AnnAssign):
            return False
        targets = _local_targets(ctx, statement)
        if targets is None:
            return False
        login = _login_state(ctx, statement.value, known)
        for name in targets:
            known.pop(name, None)
            if login is not None:
                known[name] = login
    return False


def admits_anonymous(ctx: FileContext, function: ast.AST) -> bool:
    """Whether the function turns the request away only under a test that a visitor the
    session does not name fails (`if current_user.is_authenticated: ... if not
    current_user.confirmed: return redirect(url_for("auth.unconfirmed"))`, or the `else`
    of `if current_user.is_anonymous:`): it refuses some signed-in users (an account not
    confirmed yet) and lets every anonymous visitor through. False when it refuses
    nothing, or refuses anywhere else."""
    if not isinstance(function, _FUNCTIONS):
        return False
    refusals = list(_refusals(ctx, function.body, known_only=False))
    return bool(refusals) and all(refusals)


def _refusals(ctx: FileContext, statements: list[ast.stmt], *, known_only: bool) -> Iterator[bool]:
    """For each statement turning the request away (`_turns_away`), whether it sits under
    a test that only a visitor the session names passes."""
    for statement in statements:
        if isinstance(statement, (*_FUNCTIONS, ast.ClassDef)):
            continue
        if _turns_away(ctx, [statement]):
            yield known_only
        if isinstance(statement, ast.If):
            login = _login_state(ctx, statement.test, {})
            yield from _refusals(
                ctx, statement.body, known_only=known_only or login is _Login.KNOWN
            )
            yield from _refusals(
                ctx, statement.orelse, known_only=known_only or login is _Login.ANONYMOUS
            )
            continue
        for block in _blocks(statement):
            yield from _refusals(ctx, block, known_only=known_only)


def _blocks(statement: ast.stmt) -> Iterator[list[ast.stmt]]:
    """The statement lists a compound statement (`for`, `with`, `try`, `match`) holds."""
    for name in ("body", "orelse", "finalbody"):
        block = getattr(statement, name, None)
        if isinstance(block, list):
            yield block
    for part in (*getattr(statement, "handlers", ()), *getattr(statement, "cases", ())):
        yield part.body


def _user_names(ctx: FileContext, body: list[ast.stmt]) -> set[str]:
    """The names the statements `refuses_anonymous` reads (up to the first `if` and its
    test) read Flask-Login's `current_user` by."""
    names: set[str] = set()
    for statement in after_docstring(body):
        read = statement.test if isinstance(statement, ast.If) else statement
        names.update(
            node.id
            for node in ast.walk(read)
            if isinstance(node, ast.Name) and ctx.qualified(node) == _CURRENT_USER
        )
        if not isinstance(statement, ast.Assign | ast.AnnAssign):
            break
    return names


def _guards(ctx: FileContext, test: ast.If, known: dict[str, _Login]) -> bool:
    login = _login_state(ctx, test.test, known)
    if login is _Login.ANONYMOUS:
        return _turns_away(ctx, test.body)
    return login is _Login.KNOWN and _turns_away(ctx, test.orelse)


def _login_state(
    ctx: FileContext, node: ast.expr | None, known: dict[str, _Login]
) -> _Login | None:
    """`KNOWN` for a test that fails for the anonymous (`current_user.is_authenticated`,
    `"user_id" in session`, `session.get("user_id")`, `g.user`), `ANONYMOUS` for one
    that holds for them (`not ...`, `... is None`, `current_user.is_anonymous`)."""
    match node:
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            login = _login_state(ctx, operand, known)
            return login.negated() if login is not None else None
        case ast.BoolOp(op=op, values=values):
            return _combined(isinstance(op, ast.Or), [_login_state(ctx, v, known) for v in values])
        case ast.Compare(left=left, ops=[op], comparators=[right]):
            return _compared(ctx, left, op, right, known)
        case ast.Call(func=func, args=args, keywords=[]):
            if _is_session_get(ctx, func) and len(args) == 1:
                return _Login.KNOWN
            if not args and tests_fresh_login(ctx.call_name(node) or ""):
                return _Login.KNOWN
            if not args and (returned := _login_helper_test(ctx, node)) is not None:
                return _login_state(ctx, returned, {})
            if _asks_permission(ctx, node):
                return _Login.KNOWN  # NOTE: the anonymous visitor holds no permission
            # NOTE: Flask-Login before 0.3 made `is_authenticated()` a method.
            return _login_state(ctx, func, known) if not args else None
        case ast.Attribute(value=owner, attr=attr):
            return _attribute_state(ctx.qualified(owner) or "", attr)
        case ast.Subscript(value=owner) if _session_mapping(ctx, owner):
            return _Login.KNOWN
        case ast.Name(id=name):
            return known.get(name)
    return None


_PERMISSION_WORDS = frozenset({"permission", "permissions", "perm", "perms", "role", "roles"})


def _asks_permission(ctx: FileContext, call: ast.Call) -> bool:
    """Whether the call asks if the visitor has a permission or role
    (`user_has_permission("edit")`, `current_user.has_role("admin")`,
    `has_perm(user, "notes.add")`): false for a visitor the session does not name. A
    call that does not ask (`set_user_role(...)`, `check_file_permissions(path)`) is no
    such test."""
    words = identifier_words(_tail(ctx, call))
    return "has" in words and bool(_PERMISSION_WORDS.intersection(words))


def _login_helper_test(ctx: FileContext, call: ast.Call) -> ast.expr | None:
    """What `authenticated()` returns, when it calls a function its module defines at
    the top level (not a local, a parameter or an import of that name) whose body is one
    `return` of a test (`return hasattr(g, "fas_user") and g.fas_user`): the test read
    in the view's place. A helper testing through another such helper is not followed,
    so that a recursive one ends."""
    helper = _own_function(ctx, call, ctx.scopes.enclosing_function(call))
    body = after_docstring(helper.body) if helper is not None else []
    match body:
        case [ast.Return(value=ast.expr() as test)] if not _calls_helper(ctx, test):
            return test
    return None


def _own_function(
    ctx: FileContext, call: ast.Call, caller: ast.FunctionDef | ast.AsyncFunctionDef | None
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The function the module defines at its top level that `call` calls by name; None
    when a local name or parameter of `caller` shadows it or an import rebinds it."""
    func = call.func
    if not isinstance(func, ast.Name):
        return None
    if caller is not None and func.id in ctx.scopes.bindings(caller):
        return None  # NOTE: a local name or parameter shadows the module's function
    if ctx.call_name(call) not in {func.id, f"{ctx.module}.{func.id}"}:
        return None  # NOTE: an imported name rebinds it
    return ctx.module_function(func.id)


def _calls_helper(ctx: FileContext, test: ast.expr) -> bool:
    """Whether the test calls a function of its module (which might call it back)."""
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and ctx.module_function(node.func.id) is not None
        for node in ast.walk(test)
    )


def _combined(either: bool, parts: list[_Login | None]) -> _Login | None:
    """`a or b` holds for the anonymous when either does, fails when both do (and the
    other way round for `and`)."""
    holds, fails = _Login.ANONYMOUS, _Login.KNOWN
    if not either:
        holds, fails = fails, holds
    if holds in parts:
        return holds
    return fails if all(p is fails for p in parts) else None


def _compared(
    ctx: FileContext, left: ast.expr, op: ast.cmpop, right: ast.expr, known: dict[str, _Login]
) -> _Login | None:
    """`"user_id" in session`, `g.user is None`, `session.get("user") is not None`."""
    if isinstance(op, ast.In | ast.NotIn) and _session_mapping(ctx, right):
        return _Login.KNOWN if isinstance(op, ast.In) else _Login.ANONYMOUS
    if not (isinstance(right, ast.Constant) and right.value is None):
        return None
    if _login_state(ctx, left, known) is not _Login.KNOWN:
        return None
    if isinstance(op, ast.Is | ast.Eq):
        return _Login.ANONYMOUS
    return _Login.KNOWN if isinstance(op, ast.IsNot | ast.NotEq) else None


_STAFF_TESTS = frozenset(
    {"is_admin", "is_administrator", "is_superuser", "is_staff", "is_moderator"}
)
"""Tests of the signed-in user's staff role (`current_user.is_admin()`, a property or a
method of the project's user class): no anonymous visitor holds one (Flask-Login's
`AnonymousUserMixin` lacks the attribute; a project's anonymous class says false)."""


def _attribute_state(owner: str, attr: str) -> _Login | None:
    if owner.endswith("current_user"):
        if attr in _STAFF_TESTS:
            return _Login.KNOWN
        return {"is_authenticated": _Login.KNOWN, "is_anonymous": _Login.ANONYMOUS}.get(attr)
    # NOTE: `g.user`, set by a `before_request` hook from the session (Flask's tutorial).
    known = owner == "flask.g" and "user" in identifier_words(attr)
    return _Login.KNOWN if known else None


def _is_session_get(ctx: FileContext, func: ast.expr) -> bool:
    return (
        isinstance(func, ast.Attribute) and func.attr == "get" and _session_mapping(ctx, func.value)
    )


_NOT_LOGIN_SESSIONS = frozenset(
    {"db", "database", "sql", "sqla", "alchemy", "orm", "scoped", "http", "client", "requests"}
)
"""Words of a `g` attribute naming another kind of session (`g.db_session`, SQLAlchemy's;
`g.http_session`, an HTTP client's), which holds no login."""


def _session_mapping(ctx: FileContext, node: ast.expr) -> bool:
    """Flask's `session`, or the login session an app keeps on `g` (`g.session`, loaded
    by a `before_request` hook from its own cookie; `g.user_session`): a key in it names
    the visitor, as one in Flask's session does. Not `g.db_session`, a database's."""
    name = ctx.qualified(node) or ""
    if name == _SESSION:
        return True
    owner, _, attr = name.rpartition(".")
    words = identifier_words(attr)
    return owner == "flask.g" and "session" in words and not _NOT_LOGIN_SESSIONS.intersection(words)


def _turns_away(ctx: FileContext, branch: list[ast.stmt]) -> bool:
    """Whether the branch ends by refusing the request: it returns a redirect or a 401 or
    403 response, raises, or calls `abort()`."""
    if not branch:
        return False
    match branch[-1]:
        case ast.Raise():
            return True
        case ast.Return(value=ast.Tuple(elts=[_, ast.Constant(value=int() as code), *_])):
            return code in _DENIAL_CODES
        case ast.Return(value=ast.Call() as call):
            return refuses_by_call(ctx.call_name(call) or "")
        case ast.Expr(value=ast.Call() as call):
            return "abort" in _tail(ctx, call).lower()
    return False


def _tail(ctx: FileContext, call: ast.Call) -> str:
    return (ctx.call_name(call) or "").rsplit(".", 1)[-1]


def _local_targets(ctx: FileContext, statement: ast.Assign | ast.AnnAssign) -> list[str] | None:
    """The names an assignment binds, when it binds local names only and its value calls
    nothing but `session.get()`; else None."""
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    names = [t.id for t in targets if isinstance(t, ast.Name)]
    if statement.value is None or len(names) != len(targets):
        return None
    calls = (node for node in ast.walk(statement.value) if isinstance(node, ast.Call))
    return names if all(_is_session_get(ctx, call.func) for call in calls) else None


_READ_ONLY_CALLS = frozenset(
    {"flask.render_template", "flask.render_template_string", "flask.jsonify",
     "flask.json.jsonify", "flask.url_for", "flask.redirect", "flask.abort",
     "flask.make_response", "flask.Response", "markupsafe.escape"}
)  # fmt: skip
"""Flask's response builders: they render, serialise or refuse, and store nothing."""
_REQUEST_READS = frozenset({"get", "getlist", "get_json", "get_data", "to_dict"})
"""Methods reading what the request holds (`request.args.get("q")`,
`request.environ.get("REMOTE_ADDR")`)."""
_CONFIG_READS = frozenset({"get"})
_APP_CONFIG = frozenset({"flask.current_app.config"})
"""`current_app.config.get("AUTH_METHOD")`: the running app's settings, read to choose
what to answer (a login view sending the visitor to the configured provider)."""
_PURE_CALLS = frozenset(
    {"len", "str", "int", "float", "bool", "repr", "sorted", "min", "max", "sum", "abs",
     "round", "any", "all", "isinstance", "dict", "list", "tuple", "set", "frozenset",
     "range", "enumerate", "zip", "map", "filter", "reversed", "json.loads", "json.dumps",
     "html.escape",
     "hashlib.md5", "hashlib.sha1", "hashlib.sha256", "hashlib.sha512",
     "base64.b64encode", "base64.b64decode", "base64.urlsafe_b64encode",
     "base64.urlsafe_b64decode", "time.time", "time.sleep",
     "urllib.parse.urlparse", "urllib.parse.urlsplit", "urllib.parse.urljoin",
     "urllib.parse.quote",
     "urllib.parse.unquote", "urllib.parse.urlencode", "urllib.parse.parse_qs",
     "urllib.parse.quote_plus", "urllib.parse.unquote_plus", "urllib.parse.quote_from_bytes",
     "urllib.parse.unquote_to_bytes", "urllib.parse.parse_qsl", "urllib.parse.urlunparse",
     "urllib.parse.urlunsplit", "urllib.parse.urldefrag",
     "os.getenv", "os.environ.get", "os.path.join", "os.path.basename", "os.path.dirname",
     "os.path.splitext", "os.path.normpath", "os.path.isabs", "posixpath.join",
     "html.unescape", "shlex.quote", "textwrap.dedent", "textwrap.shorten",
     "unicodedata.normalize", "string.capwords", "re.escape", "re.match", "re.fullmatch",
     "re.search", "re.sub", "re.subn", "re.split", "re.findall", "re.compile",
     "hmac.compare_digest", "ipaddress.ip_address", "mimetypes.guess_type",
     "xmltodict.parse", "logging.getLogger", "typing.cast", "getattr", "hasattr",
     "sys.exc_info", "traceback.format_exc", "traceback.format_exception"}
)  # fmt: skip
"""Builtins and library functions that compute a value from their arguments and store
nothing: converting, measuring, parsing or quoting what the request sent, or reading the
process's environment (`os.getenv("AUTOCOMPLETE")`, `os.environ.get(...)`)."""
_RANDOM_DRAWS = frozenset(
    {"random.random", "random.uniform", "random.randint", "random.randrange",
     "random.choice", "random.choices", "random.sample", "random.gauss",
     "random.getrandbits", "secrets.token_hex", "secrets.token_urlsafe",
     "secrets.token_bytes", "secrets.choice", "secrets.randbelow", "uuid.uuid4"}
)  # fmt: skip
"""Values drawn at random (`random.uniform(a, b)`, `secrets.token_hex()`, `uuid.uuid4()`):
only the generator's own state moves, which no request can use. Not `random.shuffle`,
which reorders the list it is handed in place."""
_MESSAGES = frozenset(
    {"flask.flash", "flask_babel.gettext", "flask_babel.lazy_gettext", "flask_babel.ngettext",
     "flask_babel._", "flask_babel.lazy_ngettext", "flask_babelex.gettext",
     "flask_babelex.lazy_gettext", "flask_babelex._", "gettext.gettext"}
)  # fmt: skip
"""A message translated (`gettext("Thank you")`) or flashed to the user's next page
(`flash(...)`): the session holds it until that page shows it, and a forged request
only makes the user see a message once, as a display preference changes only how the
user's own pages look."""
_TRANSLATORS = frozenset(
    {"_", "__", "gettext", "ngettext", "pgettext", "npgettext", "lazy_gettext",
     "lazy_ngettext", "lazy_pgettext", "ugettext", "ungettext"}
)  # fmt: skip
"""The names gettext's convention (and Babel's default extraction keywords) gives the
functions that translate a message, whatever package a project imports them from (an
in-house framework's `from baseframe import _`): each answers the message's translation
in the user's language, as `flask_babel.gettext` does."""
_SQL_TEXT = frozenset({"sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text"})
"""SQLAlchemy's `text()`: it builds a statement; running it is judged at `execute()`."""
_EXPRESSIONS = frozenset(
    {"sqlalchemy.asc", "sqlalchemy.desc", "sqlalchemy.and_", "sqlalchemy.or_",
     "sqlalchemy.not_", "sqlalchemy.exists", "sqlalchemy.sql.exists",
     "sqlalchemy.sql.expression.exists", "sqlalchemy.case", "sqlalchemy.cast",
     "sqlalchemy.literal", "sqlalchemy.sql.expression.case"}
)  # fmt: skip
"""SQLAlchemy's builders of a query's clauses (`desc(Job.id)`, `or_(...)`, an `exists()`
subquery, `case(...)` scoring a match): each hands back an expression and runs
nothing."""
_COLUMN_OPERATORS = frozenset(
    {"label", "like", "ilike", "not_like", "not_ilike", "notlike", "notilike", "in_",
     "not_in", "notin_", "is_", "is_not", "isnot", "between", "collate"}
)  # fmt: skip
"""Methods of SQLAlchemy's column expressions (`Post.keywords.ilike(pattern)`,
`Mod.id.in_(ids)`, `sum(scores).label("score")`): each hands back an expression a query
is built with; no object of a library or framework stores anything under these names."""
_PERMISSION_TESTS = frozenset({"can"})
"""Flask-Principal's `Permission.can()`: whether the identity holds the permission."""
_STORING_NOTHING = (
    _READ_ONLY_CALLS | _PURE_CALLS | _RANDOM_DRAWS | _MESSAGES | _SQL_TEXT | _EXPRESSIONS
)
_VALUE_METHODS = frozenset(
    {"decode", "encode", "startswith", "endswith", "strip", "lstrip", "rstrip", "lower",
     "upper", "casefold", "split", "rsplit", "splitlines", "find", "rfind", "partition",
     "rpartition", "isdigit", "isalnum", "isalpha", "isspace", "isupper", "islower",
     "isnumeric", "isdecimal", "title", "capitalize", "swapcase", "zfill", "center",
     "ljust", "rjust", "removeprefix", "removesuffix", "expandtabs"}
)  # fmt: skip
"""String and bytes methods that return a new value (`data.decode()`, `name.strip()`);
no object of a library or framework stores anything under these names."""
_REPLACE = "replace"
"""`text.replace("q=", "")`: a string's copy with a part replaced, when given what to
replace and by what (`pathlib.Path.replace(target)`, which renames a file, takes one)."""
_CONVERSIONS = frozenset(
    {"items", "keys", "values", "copy", "to_dict", "read", "hexdigest"}
    | {"fetchone", "fetchall", "fetchmany"}
)
"""Methods that read what an object holds or hand a copy of it (a `MultiDict`'s
`to_dict()`, an upload's `read()`, a digest's `hexdigest()`, the rows of a query's
result): no object of a library or framework stores anything under these names."""
_CONSTANT_METHODS = frozenset({"format", "join"})
"""`"{}".format(x)`, `b"".join(parts)`: a new string from a constant one."""
_QUERY_READS = frozenset(
    {"get", "get_or_404", "first", "first_or_404", "one", "one_or_none", "all", "count",
     "filter", "filter_by", "order_by", "limit", "offset", "join", "outerjoin", "options",
     "paginate", "group_by", "distinct", "with_entities", "add_columns", "having",
     "whooshee_search"}
)  # fmt: skip
"""Methods of a Flask-SQLAlchemy `Model.query` (or of a session's `query(...)`) that
build or run a SELECT (also Flask-Whooshee's full-text `whooshee_search`): `.delete()`
and `.update()` are not among them."""
_ORDERINGS = frozenset({"asc", "desc"})
"""`Job.created_at.desc()`: a column's sort order, an expression a query is built with."""
_DOCUMENT_READS = frozenset({"find_one", "distinct", "count_documents", "estimated_document_count"})
"""A document store's reads (pymongo's collections; `find` is among `_VALUE_METHODS`):
no object stores anything under these names. Not `aggregate`, whose `$out` and
`$merge` stages write (`_reading_pipeline` judges it)."""
_CURSOR_READS = frozenset({"sort", "limit", "skip", "batch_size", "hint", "max_time_ms"})
"""Methods of the cursor a document store's `find()` returns (`coll.find(q).sort("date")
.limit(10)`): they shape the read, no object stores anything through them there."""
_WRITING_STAGES = frozenset({"$out", "$merge"})
"""Aggregation stages that write their result into a collection."""
_STORES = (ast.Delete, ast.Global, ast.Nonlocal)


def writes_nothing(ctx: FileContext, function: ast.AST) -> bool:
    """Whether the view provably changes no state: it calls Flask's response builders
    (or an imported wrapper of `render_template` named for it, `timed_render_template`),
    reads the request or the app's config (`current_app.config.get(...)`), queries
    Flask-SQLAlchemy's `Model.query` or reads a document
    store (`collection.find_one(...)`, `.distinct(...)`), computes values
    (`len()`, `json.loads()`, `data.decode()`, a random draw: `random.uniform(a, b)`, a
    value itsdangerous signs: `URLSafeTimedSerializer(key).dumps(email)`), tests the
    signed-in user's staff role (`current_user.is_admin()`), or
    builds a form to render
    (`TokenForm()`), or calls a function of its own module that provably writes nothing
    in turn (`return safe_redirect_back()`, a helper checking and redirecting to `next`),
    nothing else, and binds local names only (a list it makes itself may grow:
    `targets.append(url)`; a dict it makes or the response it builds may take items
    and attributes: `response.status_code = 302`), logs (`current_app.logger.info(...)`),
    flashes a message (`flash(gettext("Thank you"))`), or a
    display preference in the session (`session["language"]
    = code`: it changes only how the user's own pages look). A call of anything else may
    write; of the project's functions of other modules, `writes_only_through` names those
    the project step may follow. A view that calls nothing
    at all (`return "deleted"`) is not judged: such a body stands for the work of a view
    in examples and tests, and reporting it errs on the side of the user."""
    return view_writes(ctx, function)[0]


def _calls_of_view(
    ctx: FileContext, function: ast.AST, deferred: list[ast.Call | str] | None
) -> int | None:
    """`_calls_if_storing_nothing` of a view function, or of every method of a view class
    (a `MethodView`'s `get` and `post`, and the methods they may call): what its body
    binds (`form = SearchForm`) runs once, at import."""
    if isinstance(function, _FUNCTIONS):
        return _calls_if_storing_nothing(ctx, function, {id(function): False}, deferred)
    if not isinstance(function, ast.ClassDef):
        return None
    methods = [s for s in function.body if isinstance(s, _FUNCTIONS)]
    total = 0
    for method in methods:
        calls = _calls_if_storing_nothing(ctx, method, {id(method): False}, deferred)
        if calls is None:
            return None
        total += calls
    return total if methods else None


def writes_only_through(ctx: FileContext, function: ast.AST) -> tuple[ast.Call | str, ...]:
    """The calls of imported functions (`helpers.current_url(page=n)`) that alone keep
    `writes_nothing` from holding: the view stores nothing itself, and whether those
    store anything the project step decides from their own bodies (a helper of another
    module that only builds a URL); a method of a form class the view builds, by its
    qualified name (`forms.SearchForm.get_results`). Empty when the view writes, or
    writes nothing without them."""
    return view_writes(ctx, function)[1]


def view_writes(ctx: FileContext, function: ast.AST) -> tuple[bool, tuple[ast.Call | str, ...]]:
    """`writes_nothing` and `writes_only_through` of a view, from one reading of its
    body: a call put off for the project step would have proved a write, were it not
    put off, so the view writes nothing by itself only when none was."""
    deferred: list[ast.Call | str] = []
    calls = _calls_of_view(ctx, function, deferred)
    return bool(calls) and not deferred, tuple(deferred) if calls else ()


def wraps_writing_nothing(ctx: FileContext, decorator: ast.AST) -> bool:
    """Whether the decorator returns a wrapper that provably stores nothing but for
    calling the view it wraps (`writes_nothing` of the wrapper, the view's call aside):
    one answering the view's dict as JSON (`json_response(*f(*args, **kwargs))`), or,
    one level down in a factory, Flask's documented `templated(template)` rendering it.
    What the view stores is the view's own to answer for."""
    wrapped = _returned_function(decorator)
    if wrapped is None:
        return False
    inner = _returned_function(wrapped)
    outer, wrapper = (wrapped, inner) if inner is not None else (decorator, wrapped)
    if not isinstance(outer, _FUNCTIONS):
        return False
    views = frozenset(a.arg for a in (*outer.args.posonlyargs, *outer.args.args))
    return bool(_calls_if_storing_nothing(ctx, wrapper, {id(wrapper): False}, None, views))


def _returned_function(
    function: ast.AST,
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The function `function` defines in its body and returns by name (`return wrapper`)."""
    if not isinstance(function, _FUNCTIONS):
        return None
    defined = {s.name: s for s in function.body if isinstance(s, _FUNCTIONS)}
    returned = [
        s.value.id
        for s in function.body
        if isinstance(s, ast.Return) and isinstance(s.value, ast.Name)
    ]
    return defined.get(returned[-1]) if returned else None


def _calls_if_storing_nothing(
    ctx: FileContext,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    seen: dict[int, bool],
    deferred: list[ast.Call | str] | None,
    views: frozenset[str] = frozenset(),
) -> int | None:
    """How many calls `function` makes when it provably stores nothing, else None; with
    `deferred`, a call of an imported function is put there instead of proving a write;
    calls of the names in `views` (a wrapper's view) count as storing nothing."""
    calls = 0
    # NOTE: a session scope's own commit stores what the `with` body changed, which is
    # judged where the body is.
    scoped = scope_calls(ctx, function)
    for statement in function.body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Call):
                if not (
                    (isinstance(node.func, ast.Name) and node.func.id in views)
                    or id(node) in scoped
                    or _reads_only(ctx, node)
                    or _grows_own_collection(ctx, function, node)
                    or _helper_stores_nothing(ctx, function, node, seen, deferred)
                    or _deferred(ctx, node, deferred)
                    or _form_reads(ctx, function, node, deferred)
                ):
                    return None
                calls += 1
            if _stores_into_own(ctx, function, node):
                continue
            if isinstance(node, _STORES):
                return None
            if _stores_beyond_locals(node) and not _stores_preference(ctx, node):
                return None
    return calls


def _helper_stores_nothing(
    ctx: FileContext,
    caller: ast.FunctionDef | ast.AsyncFunctionDef,
    call: ast.Call,
    seen: dict[int, bool],
    deferred: list[ast.Call | str] | None,
) -> bool:
    """`safe_redirect_back(next_url)`: a call of a function this module defines at its
    top level whose body provably stores nothing (followed to a few levels; `seen` holds
    the answers so far, False for a function still being read: recursion proves nothing).
    As for a view, a helper that calls nothing at all (`def save(alias): return alias`)
    proves nothing: such a body stands for work in examples and tests; unless it looks a
    value up, testing or walking what it reads (`for user in USERS: if user["name"] ==
    name: return user`), which no placeholder does."""
    helper = _own_function(ctx, call, caller)
    if helper is None:
        return False
    if id(helper) not in seen:
        if len(seen) > _MAX_HELPERS:
            return False
        seen[id(helper)] = False
        calls = _calls_if_storing_nothing(ctx, helper, seen, deferred)
        seen[id(helper)] = calls is not None and (calls > 0 or _looks_up(helper))
    return seen[id(helper)]


def _looks_up(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the body tests or walks a value (`if`, a loop, a comprehension): a lookup
    at work, not a placeholder returning what it is given."""
    return any(
        isinstance(node, ast.If | ast.For | ast.While | ast.comprehension)
        for statement in function.body
        for node in ast.walk(statement)
    )


def _deferred(ctx: FileContext, call: ast.Call, deferred: list[ast.Call | str] | None) -> bool:
    """Puts a call of an imported name (`helpers.current_url()`, not a method of an
    object the function holds) in `deferred`, when it collects them."""
    name = ctx.call_name(call)
    if deferred is None or name is None or "." not in name:
        return False
    root = call.func
    while isinstance(root, ast.Attribute):
        root = root.value
    if not (isinstance(root, ast.Name) and root.id in ctx.names.aliases):
        return False
    deferred.append(call)
    return True


def _form_reads(
    ctx: FileContext,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    call: ast.Call,
    deferred: list[ast.Call | str] | None,
) -> bool:
    """A form the view builds (`self.form()` of a view class whose `form = SearchForm`),
    its checks (`form.validate()`), a query read on what its methods return
    (`form.get_results().paginate(...)`), or, put in `deferred`, one of its own methods
    (`form.get_results()`, which the project step reads); a sort order the view picks
    (`order_func(User.id)` after `order_func = asc`), or a query read it picks from a dict
    (`actions[kind](query)`)."""
    if built_form_class(ctx, call, _builds_form) is not None:
        return True
    if picks_ordering(ctx, function, call) or picks_query_read(ctx, call, _query_read):
        return True
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr in _QUERY_READS
        and isinstance(func.value, ast.Call)
        and form_method(ctx, func.value, _builds_form) is not None
    ):
        return True  # NOTE: the method itself is judged as a call of its own
    found = form_method(ctx, call, _builds_form)
    if found is None:
        return False
    form, method = found
    if method in FORM_CHECKS:
        return True
    if deferred is None:
        return False
    deferred.append(f"{form}.{method}")
    return True


def _query_read(value: ast.expr) -> bool:
    """`Post.query.whooshee_search`: a reading method of a query, not yet called."""
    return isinstance(value, ast.Attribute) and value.attr in _QUERY_READS and _selects(value.value)


_MAX_HELPERS = 8
_GROWERS = {
    ast.List: frozenset({"append", "extend", "insert", "pop", "remove", "sort", "index"}),
    ast.Dict: frozenset({"update", "setdefault", "get", "pop"}),
}


def _grows_own_collection(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call
) -> bool:
    """`targets.append(url)` where `function` binds `targets = []` itself, or
    `args.update(request.args)` after `args = {}`: a new list or dict only this call of
    the function sees."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    receiver = func.value
    while isinstance(receiver, ast.Subscript):
        receiver = receiver.value  # NOTE: `files[k].append(v)`: a list it put there
    if not isinstance(receiver, ast.Name):
        return False
    made = ctx.scopes.made_by(receiver)
    kind = _collection_made(ctx, made)
    return (
        kind is not None
        and func.attr in _GROWERS[kind]
        and made is not None
        and ctx.scopes.enclosing_function(made) is function
    )


def _collection_made(ctx: FileContext, made: ast.expr | None) -> type[ast.expr] | None:
    """`ast.List` for `[]`, `[x for x in xs]` or `list(xs)`, `ast.Dict` for `{}`, a dict
    comprehension or `dict(...)`: a new collection."""
    if isinstance(made, ast.Call):
        if isinstance(made.func, ast.Attribute) and made.func.attr == _TO_DICT:
            return ast.Dict  # NOTE: a `MultiDict`'s `to_dict()` hands a new dict
        return _COLLECTION_CALLS.get(ctx.call_name(made) or "")
    kind = {ast.ListComp: ast.List, ast.DictComp: ast.Dict}.get(type(made), type(made))
    return kind if kind in _GROWERS else None


_COLLECTION_CALLS = {"dict": ast.Dict, "list": ast.List}
_TO_DICT = "to_dict"


def _stores_into_own(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef, node: ast.AST
) -> bool:
    """`data["n"] = 1` after `data = {}`, `del headers[key]` after `headers =
    dict(request.headers)`, `response.status_code = 302` or `response.headers["Location"]
    = url` after `response = make_response("")`: every target is an item or attribute of
    a local name the function binds once, to a new collection or to a response it builds
    (Flask's `jsonify`, `make_response`, `Response`, the app's `make_response()`), to a
    form it builds or to a row it loads (`_builds_own_form`, `_loads_row`). Only this
    call of the function sees the object until it returns it; a response's headers and
    status shape the answer only. Not a `Set-Cookie` header, which the browser keeps."""
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AugAssign | ast.AnnAssign):
        targets = [node.target]
    elif isinstance(node, ast.Delete):
        targets = node.targets
    else:
        return False
    parts = [n for t in targets for n in _unpacked(t) if not isinstance(n, ast.Name)]
    return bool(parts) and all(_item_of_own(ctx, function, part) for part in parts)


def _item_of_own(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef, target: ast.expr
) -> bool:
    node = target
    while isinstance(node, ast.Attribute | ast.Subscript):
        if isinstance(node, ast.Subscript) and _names_cookie(ctx.evaluate(node.slice)):
            return False
        node = node.value
    if not isinstance(node, ast.Name) or node is target:
        return False
    made = ctx.scopes.made_by(node)
    if made is None or ctx.scopes.enclosing_function(made) is not function:
        return False
    return (
        _collection_made(ctx, made) is not None
        or _builds_response(ctx, made)
        or _builds_own_form(ctx, made)
        or _loads_row(ctx, made)
    )


def _builds_own_form(ctx: FileContext, made: ast.expr) -> bool:
    """`form = AssignmentForm()`: a form the view builds, whose fields it may fill
    (`form.job_title.query = Job.query...`, `form.dept.choices = [...]`) before it
    renders it; saving what it holds is a call of its own (`form.populate_obj(row)`)."""
    return isinstance(made, ast.Call) and _builds_form(ctx.call_name(made) or "")


def _loads_row(ctx: FileContext, made: ast.expr) -> bool:
    """`record = Record.query.filter_by(id=n).one()`: a row the view loads, whose
    attributes it may set for the page to show (`record.picture_url = url`). Only a
    commit stores them, and a commit is a call of its own that proves a write; the
    session Flask-SQLAlchemy removes at the end of the request forgets them."""
    if not (
        isinstance(made, ast.Call)
        and isinstance(made.func, ast.Attribute)
        and made.func.attr in _ROW_READS
        and _selects(made.func.value, ctx)
    ):
        return False
    # NOTE: only through Flask-SQLAlchemy's `Model.query`: a session scope's query
    # (`with session_scope() as s: s.query(Hit).one()`) commits what the body changed.
    node: ast.expr = made.func.value
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    return isinstance(node, ast.Attribute) and node.attr == "query"


_ROW_READS = frozenset(
    {"one", "first", "one_or_none", "get", "get_or_404", "first_or_404", "one_or_404"}
)


def _names_cookie(key: object) -> bool:
    return isinstance(key, str) and key.lower() == "set-cookie"


def _builds_response(ctx: FileContext, made: ast.expr) -> bool:
    """`jsonify(...)`, `make_response(...)`, `Response(...)`, `app.make_response(...)`."""
    if not isinstance(made, ast.Call):
        return False
    if ctx.call_name(made) in _RESPONSE_BUILDERS:
        return True
    func = made.func
    return isinstance(func, ast.Attribute) and func.attr == _MAKE_RESPONSE


_RESPONSE_BUILDERS = frozenset(
    {"flask.jsonify", "flask.json.jsonify", "flask.make_response", "flask.Response",
     "werkzeug.Response", "werkzeug.wrappers.Response"}
)  # fmt: skip
_MAKE_RESPONSE = "make_response"
"""`Flask.make_response`: the app turns a view's return value into a response object."""


def _stores_preference(ctx: FileContext, node: ast.AST) -> bool:
    """`session["language"] = code`: every target is a session key naming a display
    preference, its text or, when another module holds the text, the name of the
    constant holding it (`session[KEY_TIMEZONE] = tz` after `from app.constants import
    KEY_TIMEZONE`)."""
    if not isinstance(node, ast.Assign):
        return False
    return all(
        isinstance(target, ast.Subscript)
        and ctx.qualified(target.value) == _SESSION
        and isinstance(key := _session_key(ctx, target.slice), str)
        and names_preference(key)
        for target in node.targets
    )


def _session_key(ctx: FileContext, key: ast.expr) -> object:
    """The key's text, else the name of the imported UPPERCASE constant holding it
    (`KEY_TIMEZONE`, `constants.KEY_TIMEZONE`): named so by whoever chose its text, as a
    cookie's `COOKIE_NAME_THEME` is (not a local, which may hold what the request sent)."""
    text = ctx.evaluate(key)
    if isinstance(text, str):
        return text
    ref = imported_name(ctx, key) or package_attribute(ctx, key)
    constant = None if ref is None else ref.rpartition(".")[2]
    return constant if constant is not None and constant.isupper() else None


def _reads_only(ctx: FileContext, call: ast.Call) -> bool:
    name = ctx.call_name(call) or ""
    if name in _STORING_NOTHING or _builds_form(name) or imported_render_wrapper(ctx, call, name):
        return True
    if _logs(ctx, call) or _signs(ctx, call) or _translates(ctx, call):
        return True
    func = call.func
    return isinstance(func, ast.Attribute) and (
        func.attr in _VALUE_METHODS
        or (func.attr == _REPLACE and len(call.args) >= 2)
        or func.attr in _CONVERSIONS
        or (func.attr in _CONSTANT_METHODS and _constant_text(ctx, func.value))
        or (func.attr == _MAKE_RESPONSE and not call.keywords)
        or (func.attr in _REQUEST_READS and _reads_request(ctx, func.value))
        or (func.attr in _CONFIG_READS and ctx.qualified(func.value) in _APP_CONFIG)
        or (func.attr in _QUERY_READS and _selects(func.value, ctx))
        or (func.attr in _ORDERINGS and not call.args and not call.keywords)
        or func.attr in _COLUMN_OPERATORS
        or (func.attr in _PERMISSION_TESTS and not call.args and not call.keywords)
        or (func.attr in _STAFF_TESTS and _staff_test_of_user(ctx, call))
        or _session_query(func, ctx)
        or _session_reads(ctx, call)
        or _builds_select(call)
        or func.attr in _DOCUMENT_READS
        or (func.attr in _CURSOR_READS and _document_cursor(func.value))
        or (func.attr == _AGGREGATE and _reading_pipeline(call))
        or (func.attr in _SQL_RUNS and bool(call.args) and _selects_only(ctx, call.args[0]))
    )


def _staff_test_of_user(ctx: FileContext, call: ast.Call) -> bool:
    """`current_user.is_admin()`: a test of the signed-in user's role, which reads."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and not call.args
        and not call.keywords
        and (ctx.qualified(func.value) or "").endswith("current_user")
    )


_AGGREGATE = "aggregate"
_FIND = "find"


def _document_cursor(node: ast.expr) -> bool:
    """`coll.find(q)`, `coll.find(q).sort("date")`: a cursor of a document store's read."""
    while (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _CURSOR_READS
    ):
        node = node.func.value
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == _FIND
    )


def _reading_pipeline(call: ast.Call) -> bool:
    """`coll.aggregate([{"$match": ...}, {"$group": ...}])`: an aggregation whose pipeline,
    written in the call, has no stage writing a collection (`$out`, `$merge`)."""
    pipeline = call.args[0] if call.args else None
    if not isinstance(pipeline, ast.List):
        return False
    for stage in pipeline.elts:
        if not isinstance(stage, ast.Dict):
            return False
        for key in stage.keys:
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return False
            if key.value in _WRITING_STAGES:
                return False
    return True


def _translates(ctx: FileContext, call: ast.Call) -> bool:
    """`_("Weak password")`: a call of an imported function named by gettext's convention
    (`_TRANSLATORS`); what its arguments call is judged as calls of their own."""
    name = ctx.call_name(call) or ""
    return "." in name and name.rsplit(".", 1)[1] in _TRANSLATORS


def _constant_text(ctx: FileContext, value: ast.expr) -> bool:
    """A constant string, or the translation of one (`_("Unknown {name}").format(...)`)."""
    return isinstance(value, ast.Constant) or (
        isinstance(value, ast.Call) and _translates(ctx, value)
    )


_SQL_RUNS = frozenset({"execute", "exec_driver_sql"})
_SIGNING = "itsdangerous."


def _signs(ctx: FileContext, call: ast.Call) -> bool:
    """`Serializer(key, expires_in=3600)`, then its `dumps({"id": user.id})` or
    `loads(token)`: itsdangerous signs and checks values with the key it is handed and
    keeps nothing anywhere (also `URLSafeTimedSerializer(key).dumps(email)` in one)."""
    if (ctx.call_name(call) or "").startswith(_SIGNING):
        return True
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    receiver: ast.expr | None = func.value
    if isinstance(receiver, ast.Name):
        receiver = ctx.scopes.made_by(receiver)
    return isinstance(receiver, ast.Call) and (ctx.call_name(receiver) or "").startswith(_SIGNING)


def _selects_only(ctx: FileContext, statement: ast.expr) -> bool:
    """SQL run as a constant string, or SQLAlchemy's `text()` of one, that is a plain
    SELECT (a status page's `SELECT version_num FROM alembic_version`, a health check's
    `SELECT 1`): it reads rows and changes none."""
    if isinstance(statement, ast.Call) and ctx.call_name(statement) in _SQL_TEXT:
        statement = statement.args[0] if statement.args else statement
    sql = ctx.evaluate(statement)
    return isinstance(sql, str) and reads_only(sql)


def _logs(ctx: FileContext, call: ast.Call) -> bool:
    """`current_app.logger.info(...)`, `logger.warning(...)`, `logging.error(...)`,
    `logging.getLogger(__name__).debug(...)`: a line written to the app's log, which
    changes nothing a forged request could use."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr in LOG_LEVELS):
        return False
    holder = func.value
    if ctx.qualified(holder) == "logging":
        return True
    if isinstance(holder, ast.Call):
        return ctx.call_name(holder) == "logging.getLogger"
    named = holder.attr if isinstance(holder, ast.Attribute) else getattr(holder, "id", "")
    return isinstance(named, str) and named.lower().strip("_") in _LOGGER_NAMES


_LOGGER_NAMES = frozenset({"logger", "log", "app_logger", "audit_logger", "security_logger"})


def _builds_form(name: str) -> bool:
    """`TokenForm()`, `forms.LoginForm(prefix="login")`: a form class (a WTForms or
    Django form, named so) made to be rendered; it reads the request and stores nothing
    until the view validates or saves it, which are calls of their own."""
    last = name.rpartition(".")[2]
    return len(last) > len(_FORM) and last.endswith(_FORM) and last[:1].isupper()


_FORM = "Form"


def _selects(node: ast.expr, ctx: FileContext | None = None) -> bool:
    """`User.query`, `User.query.filter_by(name=n)`: a Flask-SQLAlchemy query, reached
    through query-building calls only; also the result of a session running a SELECT
    (`db.session.scalars(db.select(User).filter_by(id=n)).one_or_none()`)."""
    while True:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            ran = _session_run(node, ctx)
            if ran is not None:
                return ran
            if _session_query(node.func, ctx):
                return True
            if node.func.attr not in _QUERY_READS:
                return False
            node = node.func.value
        elif isinstance(node, ast.Attribute):
            return node.attr == "query" and isinstance(node.value, ast.Name | ast.Attribute)
        else:
            return False


def _session_query(func: ast.expr, ctx: FileContext | None = None) -> bool:
    """`db.session.query(Job, Task)`: SQLAlchemy's legacy query of the session, which
    selects until a method of its own writes (`.delete()`, `.update()`, not among
    `_QUERY_READS`)."""
    return isinstance(func, ast.Attribute) and func.attr == "query" and _on_session(func.value, ctx)


_SESSION_RUNS = frozenset({"scalars", "scalar", "execute"})
_SELECT_BUILDERS = frozenset(
    {"where", "filter", "filter_by", "order_by", "limit", "offset", "join", "outerjoin",
     "options", "select_from", "group_by", "distinct"}
)  # fmt: skip
"""Methods of SQLAlchemy's `Select` that build the query it runs (not `with_for_update`,
which takes locks)."""
_SELECT_ROOTS = frozenset({"select", "exists"})
"""`select(User)`, and `exists()`, a subquery testing for rows (`exists().where(...)`)."""


def _session_reads(ctx: FileContext, call: ast.Call) -> bool:
    """`db.session.get(User, user_id)`, a row by its key, and `db.session.scalars(
    db.select(User).filter_by(...))`, a SELECT run: a SQLAlchemy session reading rows
    (`db.session` of Flask-SQLAlchemy)."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "get" and _on_session(func.value, ctx):
        return len(call.args) >= 2  # NOTE: `Session.get(entity, ident)`, not a dict's get
    return bool(_session_run(call, ctx))


def _session_run(call: ast.Call, ctx: FileContext | None = None) -> bool | None:
    """Whether a session's `scalars()`, `scalar()` or `execute()` runs a SELECT it is
    given (`db.session.scalars(db.select(User))`); None for another call."""
    func = call.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr in _SESSION_RUNS
        and _on_session(func.value, ctx)
    ):
        return None
    return bool(call.args) and _builds_select(call.args[0])


_SCOPED_SESSION = "db_session"
"""The scoped session of Flask's "SQLAlchemy in Flask" pattern (`db_session =
scoped_session(sessionmaker(...))` in `database.py`), and what apps proxying
`current_app.db.session` name it after."""


def _on_session(node: ast.expr, ctx: FileContext | None = None) -> bool:
    """`db.session`, `app.db.session`: Flask-SQLAlchemy's session, on the extension
    object its docs and nearly every app name `db` (not an HTTP client's `self.session`,
    whose `get()` sends a request); or `db_session`, the name Flask's docs give a plain
    SQLAlchemy app's scoped session; or, with `ctx`, the session a project's session
    scope yields (`with session_scope() as session:`, `_scoped_session`)."""
    if ctx is not None and isinstance(node, ast.Name) and scoped_session(ctx, node):
        return True
    if (
        isinstance(node, ast.Name | ast.Attribute)
        and (node.id if isinstance(node, ast.Name) else node.attr) == _SCOPED_SESSION
    ):
        return True
    if not (isinstance(node, ast.Attribute) and node.attr == "session"):
        return False
    owner = node.value
    return (isinstance(owner, ast.Name) and owner.id == "db") or (
        isinstance(owner, ast.Attribute) and owner.attr == "db"
    )


def _builds_select(node: ast.expr) -> bool:
    """`db.select(User).where(...)`, `select(User.id)`, `exists().where(...)`: a SELECT
    built by SQLAlchemy's `select()` (or `exists()`) and query-building methods only."""
    while isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in _SELECT_ROOTS:
            return isinstance(func, ast.Name) or (
                isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            )
        if not (isinstance(func, ast.Attribute) and name in _SELECT_BUILDERS):
            return False
        node = func.value
    return False


def _reads_request(ctx: FileContext, node: ast.expr) -> bool:
    """`request`, `request.args`, `request.environ`: Flask's request or what it holds."""
    while isinstance(node, ast.Attribute):
        if ctx.qualified(node) == "flask.request":
            return True
        node = node.value
    return ctx.qualified(node) == "flask.request"


def _stores_beyond_locals(node: ast.AST) -> bool:
    """`x.attr = ...`, `x[key] = ...`: a store into an object (a local name is not)."""
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AugAssign | ast.AnnAssign | ast.For | ast.AsyncFor):
        targets = [node.target]
    else:
        return False
    return any(not isinstance(n, ast.Name) for t in targets for n in _unpacked(t))


def _unpacked(target: ast.expr) -> list[ast.expr]:
    if isinstance(target, ast.Tuple | ast.List):
        return [n for elt in target.elts for n in _unpacked(elt)]
    if isinstance(target, ast.Starred):
        return _unpacked(target.value)
    return [target]


_SUBMITTED = "validate_on_submit"


def runs_on_submit(decorator: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a decorator (or decorator factory) calls the view it wraps only inside
    `if form.validate_on_submit():` (Mailu's `confirmation_required`, which shows a
    confirmation form first): the view runs only on a POST carrying the form's valid
    CSRF token, since Flask-WTF's `validate_on_submit()` is false for any other request.
    The view is the parameter of an enclosing function that the wrapper calls."""
    calls = list(_view_calls(decorator, frozenset(), submitted=False))
    return bool(calls) and all(calls)


def _view_calls(node: ast.AST, parameters: frozenset[str], *, submitted: bool) -> Iterator[bool]:
    """For each call of one of `parameters` under `node`: whether a
    `validate_on_submit()` test guards it."""
    if isinstance(node, _FUNCTIONS):
        arguments = node.args
        names = {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
        parameters = parameters | names
        for statement in node.body:
            yield from _view_calls(statement, parameters, submitted=submitted)
        return
    if isinstance(node, ast.If) and _tests_submit(node.test):
        for statement in node.body:
            yield from _view_calls(statement, parameters, submitted=True)
        for statement in node.orelse:
            yield from _view_calls(statement, parameters, submitted=submitted)
        return
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in parameters
    ):
        yield submitted
    for child in ast.iter_child_nodes(node):
        yield from _view_calls(child, parameters, submitted=submitted)


def _tests_submit(test: ast.expr) -> bool:
    """`form.validate_on_submit()`, alone or as a part of an `and`."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_tests_submit(value) for value in test.values)
    return (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Attribute)
        and test.func.attr == _SUBMITTED
    )


_VALIDATIONS = frozenset({_SUBMITTED, "validate"})


def validates_own_form(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a method validates the form it belongs to (`self.validate_on_submit()`,
    `self.validate()`): a form class's helper that validates and reports its errors
    (`def validate_or_flash(self): if self.validate_on_submit(): return True ...`).
    Its callers check the form's CSRF token as if they called `validate()` themselves.
    A method named `validate` calling it is an override, judged by its name already."""
    arguments = [*function.args.posonlyargs, *function.args.args]
    if not arguments or function.name in _VALIDATIONS:
        return False
    this = arguments[0].arg
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _VALIDATIONS
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == this
        for node in ast.walk(function)
    )
