"""Find the literal secrets of a Python module and where each one goes.

One pass over the module's string constants: each is checked for credential formats and
URLs with a password, and, when it is the value given to a credential-named target (an
assignment, a keyword argument, a dict key, a parameter default, a comparison), for
looking like a real credential. Environment lookups of credential-named variables with a
literal default, and passwords passed to database drivers, are recorded too.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from webwarden.analysis.environment import CONFIGURATIONS_VALUES, env_lookup
from webwarden.analysis.secrets import (
    credential_kind,
    find_credential_urls,
    find_tokens,
    looks_like_secret,
    mask,
    mask_occurrences,
)
from webwarden.analysis.secrets.values import (
    fails_closed,
    is_placeholder,
    is_plainly_not_secret,
    is_random_bytes,
    is_setting_word,
    names_stand_in,
    plainly_not_secret_default,
)
from webwarden.findings import Location
from webwarden.model.literal_positions import value_positions
from webwarden.model.module import FileContext, identifier_words, name_of
from webwarden.model.names import last_name
from webwarden.model.scopes import parameter_defaults
from webwarden.model.secrets.account_defaults import default_credential
from webwarden.model.secrets.accounts import hardcoded_account
from webwarden.model.secrets.clients import SIGNER_WORDS, client_credentials
from webwarden.model.secrets.config_files import option_default, setting_default
from webwarden.model.secrets.dev_commands import development_command
from webwarden.model.secrets.drivers import (
    DRIVER_TAILS,
    DRIVERS,
    dsn_password_spans,
    positional_password,
)
from webwarden.model.secrets.facts import Category, Holder, ModuleSecrets, SecretSite
from webwarden.model.secrets.field_names import among_field_names, in_name_map
from webwarden.model.secrets.json_decoded import decoded_empty
from webwarden.model.secrets.refused import refused_configuration_values
from webwarden.model.secrets.snippets import masked_line

_DRIVER_KIND = "a database password"
_CONFIG_METHODS = frozenset({"update", "from_mapping", "setdefault"})
_LOOKUP_WORDS = (
    "environ",
    "getenv",
    "dotenv",
    "configparser",
    "decouple",
    "everett",
    "prettyconf",
    "dj_database_url",
    "configurations",
    "config",
    "settings",
    "conf",
    "cfg",
)
"""Every lookup `env_lookup` and `option_default` know names one of these in the file:
`os.environ.get`, `os.getenv`, `from decouple import config`, `environ.Env()`..."""
_TRANSPARENT_METHODS = frozenset({"encode", "strip", "decode"})
_FIELD_CALLS = frozenset(
    {"pydantic.Field", "pydantic.fields.Field", "sqlmodel.Field", "dataclasses.field"}
    | {"attr.ib", "attr.attrib", "attr.field", "attrs.field"}
)
"""Calls that give a class attribute its default (`api_key: str = Field(default="...")`)."""


@dataclass(slots=True)
class _Context:
    """Where a constant's value goes."""

    target: str = ""
    direct: bool = True
    """The constant is the target's whole value (possibly in a list/tuple or `.encode()`)."""
    holder: Holder = Holder.OTHER
    setting: str = ""
    via: str = ""
    call: ast.Call | None = None


def _root_name(target: ast.AST) -> str:
    """`DATABASES["default"]["PASSWORD"]` -> `DATABASES`."""
    while isinstance(target, ast.Subscript):
        target = target.value
    return target.id if isinstance(target, ast.Name) else ""


def _is_config(node: ast.AST) -> bool:
    """`app.config`, `self.config`, `current_app.config`."""
    return isinstance(node, ast.Attribute) and node.attr == "config"


def _statement_setting(ctx: FileContext, statement: ast.stmt) -> tuple[Holder, str]:
    """The holder and setting of the statement a constant is in."""
    if isinstance(statement, ast.Assign | ast.AnnAssign):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        target = targets[0]
        if isinstance(target, ast.Subscript) and _is_config(target.value):
            return Holder.CONFIG, (name_of(target) or "")
        if isinstance(target, ast.Attribute) and target.attr == "secret_key":
            return Holder.CONFIG, "SECRET_KEY"
        name = _root_name(target)
        if name.isupper():
            scope = _scope(ctx, statement)
            if isinstance(scope, ast.Module):
                return Holder.MODULE, name
            if isinstance(scope, ast.ClassDef):
                return Holder.CLASS, name
    return Holder.OTHER, ""


_BLOCKS = (ast.If, ast.Try, ast.TryStar, ast.ExceptHandler, ast.With)
"""Statements whose bodies run in the scope around them: a settings module's `except`
handler or `with` block sets the module's setting (`except OSError: SECRET_KEY = "..."`),
as the Django settings model reads it."""


def _scope(ctx: FileContext, statement: ast.stmt) -> ast.AST | None:
    """The module, class or function whose name `statement` binds, through blocks."""
    scope = ctx.parent(statement)
    while isinstance(scope, _BLOCKS):
        scope = ctx.parent(scope)
    return scope


def _context(ctx: FileContext, node: ast.AST) -> _Context:
    found = _Context()
    child: ast.AST = node
    # NOTE: parent by parent, not `ancestors`: the walk stops at the first statement.
    holder = ctx.parent(node)
    while holder is not None:
        if isinstance(holder, ast.stmt):
            if isinstance(holder, ast.Assign | ast.AnnAssign) and not found.target:
                targets = holder.targets if isinstance(holder, ast.Assign) else [holder.target]
                found.target = name_of(targets[0]) or ""
            holder_kind, setting = _statement_setting(ctx, holder)
            if holder_kind is not Holder.OTHER:
                found.holder, found.setting = holder_kind, setting
            return found
        _step(ctx, found, holder, child)
        child = holder
        holder = ctx.parent(holder)
    return found


def _step(ctx: FileContext, found: _Context, holder: ast.AST, child: ast.AST) -> None:
    """Update `found` with what `holder` (the parent of `child`) says about the value."""
    if isinstance(holder, ast.List | ast.Tuple | ast.Set | ast.Starred):
        return
    if isinstance(holder, ast.Attribute) and holder.attr in _TRANSPARENT_METHODS:
        return
    func = holder.func if isinstance(holder, ast.Call) else None
    if (
        isinstance(func, ast.Attribute)
        and func.value is child
        and func.attr in _TRANSPARENT_METHODS
    ):
        return
    if found.target:
        _note_call(ctx, found, holder)
        return
    if _is_field_default(ctx, holder, child):
        return
    if isinstance(holder, ast.keyword) and holder.arg:
        found.target = f"{holder.arg}="
        return
    if isinstance(holder, ast.Dict):
        for key, value in zip(holder.keys, holder.values, strict=True):
            if (
                value is child
                and isinstance(key, ast.Constant)
                and isinstance(key.value, str)
                and _key_names(key.value)
            ):
                found.target = key.value
        if not found.target:
            found.direct = False
        return
    if isinstance(holder, ast.Compare):
        if not found.direct:
            return
        if any(isinstance(op, ast.In | ast.NotIn) for op in holder.ops):
            # NOTE: `"pbkdf2:" in password`: a part looked for, not the password itself.
            found.direct = False
            return
        others = [holder.left, *holder.comparators]
        names = [name_of(o) or "" for o in others if o is not child]
        found.target = next((n for n in names if credential_kind(n)), "")
        found.direct = bool(found.target)
        return
    if isinstance(holder, ast.arguments):
        found.target = _parameter(holder, child)
        return
    found.direct = False
    _note_call(ctx, found, holder)


_KEY_NAME = re.compile(r"^[\w .:/@-]+$")
"""A dict key that can name what its value holds: words and the separators of names,
headers, paths and addresses (`api_key`, `X-Api-Key`, `Secret Key`, `smtp.password`)."""
_KEY_NAME_WORDS = 4


def _key_names(key: str) -> bool:
    """Whether a dict key can name its value. A regular expression (`r"^.* deactivated
    .*, \\d+ secrets marked for changing"`, mapped to the category of the log lines it
    matches) or a sentence (a message mapped to its translation) mentions a secret
    without naming what its value holds."""
    return bool(_KEY_NAME.match(key)) and len(key.split()) <= _KEY_NAME_WORDS


def _is_field_default(ctx: FileContext, holder: ast.AST, child: ast.AST) -> bool:
    """`child` is the default a field call gives its attribute: `Field("...")`,
    `Field(default="...")`, `field(default="...")`."""
    if isinstance(holder, ast.keyword):
        call = ctx.parent(holder)
        wanted = holder.arg == "default"
    else:
        call = holder
        default = isinstance(child, ast.keyword) and child.arg == "default"
        wanted = isinstance(call, ast.Call) and (default or call.args[:1] == [child])
    if not wanted or not isinstance(call, ast.Call):
        return False
    return (ctx.call_name(call) or "") in _FIELD_CALLS


def _note_call(ctx: FileContext, found: _Context, holder: ast.AST) -> None:
    if isinstance(holder, ast.Call) and found.call is None:
        found.call = holder
        found.via = ctx.call_name(holder) or ""
        func = holder.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in _CONFIG_METHODS
            and _is_config(func.value)
        ):
            found.holder = Holder.CONFIG


def _parameter(arguments: ast.arguments, default: ast.AST) -> str:
    defaults = parameter_defaults(arguments).items()
    return next((name for name, value in defaults if value is default), "")


def _config_key(found: _Context) -> str:
    """`app.config.update(SECRET_KEY=...)`: the key a keyword of a config call sets."""
    if found.holder is Holder.CONFIG and found.target.endswith("="):
        return found.target[:-1]
    return found.setting


class _Collector:
    """Sites found so far; snippets are made at the end, masking every site of a line."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.spans: dict[int, list[tuple[int, int, str]]] = {}
        self.bare: dict[int, list[tuple[int, int, str]]] = {}
        self.docstrings: dict[int, bool] = {}
        self.functions: dict[int, str] = {}
        self.pending: list[
            tuple[Category, str, str, Location, str, _Context, bool, bool, bool]
        ] = []

    def add(
        self,
        category: Category,
        kind: str,
        node: ast.AST,
        masked: str,
        found: _Context,
        *,
        target: str | None = None,
        local: bool = False,
        placeholder: bool = False,
        word: bool = False,
        shown: str | None = None,
        within: tuple[int, int, str] | None = None,
    ) -> None:
        """`masked`: the secret as findings name it; `shown`: the literal as the snippet
        shows it, when more than the secret (`Bearer eyJh****`); `within`: where the
        secret is in the literal's value (start, end) and what the snippet shows there,
        when it is a part of the value."""
        location = self.ctx.location(node)
        inside = _inside_literal(self.ctx, node, location, within)
        if inside is not None:
            location, bare = inside
            self.bare.setdefault(location.line, []).append(bare)
        else:
            end = location.end_column if location.end_line == location.line else None
            span = (location.column - 1, (end or len(self.ctx.lines[location.line - 1]) + 1) - 1)
            self.spans.setdefault(location.line, []).append((*span, shown or masked))
        self.docstrings[location.line] = is_docstring(self.ctx, node)
        name = found.target if target is None else target
        function = self.ctx.scopes.enclosing_function(node)
        self.functions[location.line] = function.name if function is not None else ""
        self.pending.append(
            (category, kind, name, location, masked, found, local, placeholder, word)
        )

    def finish(self) -> list[SecretSite]:
        sites = []
        for category, kind, name, location, masked, found, local, placeholder, word in self.pending:
            line = self.ctx.lines[location.line - 1]
            spans = self.spans.get(location.line, [])
            snippet = masked_line(line, spans, self.bare.get(location.line, []))
            docstring = self.docstrings.get(location.line, False)
            sites.append(
                SecretSite(
                    category,
                    kind,
                    name,
                    location,
                    masked,
                    snippet,
                    found.holder,
                    _config_key(found),
                    found.via,
                    local,
                    placeholder,
                    docstring,
                    self.functions.get(location.line, ""),
                    word,
                )
            )
        return sites


def _inside_literal(
    ctx: FileContext, node: ast.AST, location: Location, within: tuple[int, int, str] | None
) -> tuple[Location, tuple[int, int, str]] | None:
    """For a secret at `within` of a literal written over several lines: its location
    (from where the secret starts to where the literal ends, so that a marker on the
    literal's closing line still silences it) and its 0-based span on its line with what
    the snippet shows there; None when the literal is on one line, or where the secret
    is written is not known for sure (see `value_positions`)."""
    if within is None or location.end_line == location.line or not isinstance(node, ast.Constant):
        return None
    start, end, shown = within
    positions = value_positions(ctx.lines, node, [start, end - 1])
    if positions is None:
        return None
    (line, column), (last_line, last_column) = positions
    stop = last_column if last_line == line else _written_end(ctx, line, column)
    moved = Location(location.path, line, column, location.end_line, location.end_column)
    return moved, (column - 1, stop, shown)


def _written_end(ctx: FileContext, line: int, column: int) -> int:
    """Where on `line` to stop masking a secret that goes on past it: before the quote
    closing its part and what follows (`' \\`, `",`), else at the line's end (a
    triple-quoted string, or anything else: masked, never shown)."""
    text = ctx.lines[line - 1]
    tail = _PART_END.search(text, column - 1)
    return tail.start() if tail is not None and tail.start() > column - 1 else len(text)


_PART_END = re.compile(r"""["']{1,3}\s*[\\,)+]?\s*$""")
"""The end of a literal part on its line: its closing quote, then maybe a continuation,
a comma, a parenthesis or a `+`."""


def is_docstring(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` is a docstring: a module's, class's or function's, or an
    attribute's (the string statement after an assignment that Sphinx documents the
    setting with), or any string standing alone as a statement, which nothing reads."""
    statement = ctx.parent(node)
    return isinstance(statement, ast.Expr) and statement.value is node


def _string(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            return node.value
        if isinstance(node.value, bytes):
            return node.value.decode("latin-1")
    return None


def _env_defaults(ctx: FileContext, collector: _Collector) -> set[int]:
    """Record credential defaults of environment lookups; return the constants used."""
    used: set[int] = set()
    if not any(ctx.mentions(word) for word in _LOOKUP_WORDS):
        return used
    # NOTE: django-configurations' values take their default first: `values.Value("...")`.
    first_default = ctx.mentions("configurations")
    for call in ctx.nodes(ast.Call):
        assert isinstance(call, ast.Call)  # noqa: S101 - nodes() of that type
        # NOTE: only lookups with a literal default matter; checking that first keeps
        # the (costlier) lookup recognition off almost every call of a module.
        if len(call.args) < (1 if first_default else 2) and not call.keywords:
            continue
        positional = call.args[1] if len(call.args) > 1 else None
        first = call.args[0] if first_default and call.args else None
        keyword = _default_keyword(call)
        if _string(positional) is None and _string(keyword) is None and _string(first) is None:
            continue
        lookup = env_lookup(ctx, call)
        if lookup is not None:
            variable, via = lookup.variable, lookup.via
            default = positional if _positional_default(via) and positional else keyword
            if via.startswith(CONFIGURATIONS_VALUES):
                default = keyword or first
        elif (option := option_default(ctx, call) or setting_default(ctx, call)) is not None:
            variable, via, default = option.option, option.via, option.default
        else:
            continue
        target = f'getattr(settings, "{variable}")' if via == "getattr" else None
        if default is not None and _record_default(
            ctx, collector, call, variable, via, default, target
        ):
            used.add(id(default))
    for node in ctx.nodes(ast.BoolOp):
        # NOTE: `os.environ.get("API_TOKEN") or "..."`: the literal is the default too.
        assert isinstance(node, ast.BoolOp)  # noqa: S101 - nodes() of that type
        last = node.values[-1]
        if not isinstance(node.op, ast.Or) or _string(last) is None:
            continue
        lookups = (env_lookup(ctx, value) for value in node.values[:-1])
        lookup = next((found for found in lookups if found is not None), None)
        if lookup is not None and _record_default(
            ctx, collector, node, lookup.variable, lookup.via, last
        ):
            used.add(id(last))
    return used


def _default_keyword(call: ast.Call) -> ast.expr | None:
    """The value of a call's `default=` keyword, else of its `fallback=` (configparser)."""
    fallback = None
    for keyword in call.keywords:
        if keyword.arg == "default":
            return keyword.value
        if keyword.arg == "fallback":
            fallback = keyword.value
    return fallback


def _record_default(
    ctx: FileContext,
    collector: _Collector,
    lookup: ast.expr,
    variable: str,
    via: str,
    default: ast.expr,
    target: str | None = None,
) -> bool:
    """Record the literal `default` of the lookup of `variable`; False if not a string.
    `target` names the lookup in messages (`via("variable")` unless given)."""
    value = _string(default)
    if value is None:
        return False
    found = _context(ctx, lookup)
    found.via = via
    target = target or f'{via}("{variable}")'
    urls = [u for u in find_credential_urls(value) if u.is_database]
    if urls:
        kind = "a database URL with a password"
        masked = urls[0].masked
        local = urls[0].is_local
        collector.add(
            Category.URL,
            kind,
            default,
            masked,
            found,
            target=target,
            local=local,
            placeholder=urls[0].default_login,
        )
        return True
    named = credential_kind(variable) or _holder_kind(found, value)
    if named is None or not value.strip():
        return True
    plain = plainly_not_secret_default(value)
    word = False
    if plain and not default_credential(ctx, named, variable, value):
        # NOTE: a word may still be the password a framework's setting ships with
        # (`REDIS_PASSWORD = os.environ.get("REDIS_PASSWORD", "ralph_ng")`): kept, and
        # reported only where the project model reads it as such a setting.
        if not _setting_word(found, variable, value):
            return True
        plain, word = False, True
    if _read_as_number(ctx, lookup) or fails_closed(value):
        return True  # NOTE: a captcha's test secret that always fails: closed when unset
    if decoded_empty(ctx, lookup, value):
        return True  # NOTE: `json.loads(os.getenv("API_KEYS", "{}"))`: no key at all
    # NOTE: a word given as the account's name too (`prom`/`prom`), or `guest`: the
    # well-known pair a placeholder is, whatever the word.
    placeholder = plain or is_placeholder(value) or names_stand_in(value)
    collector.add(
        Category.DEFAULT,
        named,
        default,
        mask(value),
        found,
        target=target,
        placeholder=placeholder,
        word=word,
    )
    return True


def _setting_word(found: _Context, variable: str, value: str) -> bool:
    """Whether a plain-word default (`ralph_ng`) of the credential `variable` is given
    whole to a credential-named upper-case setting, config key or entry of one
    (`REDIS_PASSWORD = os.environ.get("REDIS_PASSWORD", "ralph_ng")`,
    `app.config["BROKER_TOKEN"] = ...`, `"PASSWORD": os.getenv(...)` in `CACHES`): what
    the framework runs with when the variable is unset, as `SECRET_KEY`'s and a
    database password's defaults are. Whether the module is a framework's settings is
    the project model's to say (`site.word`)."""
    if found.holder is Holder.OTHER or not found.direct:
        return False
    receiver = found.target.removesuffix("=")
    return (
        receiver.isupper()
        and credential_kind(receiver) is not None
        and credential_kind(variable) is not None
        and is_setting_word(value)
    )


def _holder_kind(found: _Context, value: str) -> str | None:
    """What the target given the whole lookup says it holds, when the variable's name
    does not say (`"CLIENT_SECRET": os.environ.get("CALL_CENTRE_SECRET_ID", "2df7...")`,
    a dict key or a name assigned), and the default looks like a working credential of
    that kind: a name alone (`SECRET_ID`) may be an identifier's, not the secret's."""
    kind = credential_kind(found.target.removesuffix("=")) if found.direct else None
    return kind if kind is not None and looks_like_secret(value, kind) else None


_NUMBER_CASTS = frozenset({"int", "float", "builtins.int", "builtins.float"})


def _read_as_number(ctx: FileContext, lookup: ast.expr) -> bool:
    """Whether the looked-up value is made a number at once (`int(os.environ.get(
    "REFRESH_TOKEN_DAYS", "7"))`): a count or a lifetime named after tokens, not one."""
    holder = ctx.parent(lookup)
    return (
        isinstance(holder, ast.Call)
        and holder.args[:1] == [lookup]
        and ctx.call_name(holder) in _NUMBER_CASTS
    )


def _positional_default(via: str) -> bool:
    """Whether a lookup's second argument is its default: `os.getenv("X", "...")`,
    `env.str("X", "...")`, environs' `env("X", "...")`, python-decouple's `config("X",
    "...")` (not django-environ's `env("X", str)` nor `env.list("X", str)`, nor
    prettyconf's `config("X", cast)`)."""
    if via.startswith(("os.", "environs.", "decouple.")) or via == "dotenv.dotenv_values":
        return True
    cast = via.removeprefix("environ.Env.") if via.startswith("environ.Env.") else ""
    return bool(cast) and cast not in {"list", "tuple", "dict"}


def _driver_sites(ctx: FileContext, collector: _Collector) -> set[int]:
    used: set[int] = set()
    for call in ctx.nodes(ast.Call):
        assert isinstance(call, ast.Call)  # noqa: S101 - nodes() of that type
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr not in DRIVER_TAILS:
            continue  # NOTE: told before any name lookup: most calls of a module are no driver
        name = ctx.call_name(call) or ""
        if name not in DRIVERS:
            continue
        found = _Context(via=name, call=call)
        found.holder, found.setting = Holder.OTHER, ""
        for given, target in _driver_arguments(call, name):
            node = _constant_behind(ctx, given)
            value = _string(node)
            if value is None:
                continue
            if target == "dsn":
                spans = list(dsn_password_spans(value))
                if spans:
                    used.add(id(node))
                    masked = mask_occurrences(value, [password for password, _, _ in spans])
                    first, start, end = spans[0]
                    within = (start, end, mask(first))
                    collector.add(
                        Category.DRIVER,
                        _DRIVER_KIND,
                        node,
                        masked,
                        found,
                        target="dsn",
                        within=within,
                    )
                continue
            if not value or is_placeholder(value):
                continue
            used.add(id(node))
            masked = mask(value)
            how = target if target.startswith("argument") else f"{target}="
            collector.add(Category.DRIVER, _DRIVER_KIND, node, masked, found, target=how)
    return used


def _client_sites(ctx: FileContext, collector: _Collector, used: set[int]) -> set[int]:
    """Passwords of mail and FTP logins, basic-auth pairs, `Authorization` headers, JWT,
    itsdangerous, HMAC and Fernet keys; a well-known token format among them is left to
    `_judge_constant`, which names it."""
    words = ("login", "auth", "Auth", *SIGNER_WORDS)
    if not any(ctx.mentions(word) for word in words):
        return set()
    found_here: set[int] = set()
    for credential in client_credentials(ctx):
        node, literal = credential.node, _string(credential.node) or ""
        if id(node) in used or id(node) in found_here or list(find_tokens(literal)):
            continue
        found_here.add(id(node))
        masked = literal.replace(credential.value, mask(credential.value))
        where = _Context(target=credential.target, via=credential.via)
        collector.add(Category.NAMED, credential.kind, node, masked, where)
    return found_here


def _constant_behind(ctx: FileContext, node: ast.expr) -> ast.expr:
    """The string constant a name passed to a driver holds (`DSN = "host=... password=..."`
    then `psycopg2.connect(DSN)`), reported where it is written; else the node itself."""
    if isinstance(node, ast.Name):
        bound = ctx.lookup(node)
        if isinstance(bound, ast.Constant) and isinstance(bound.value, str):
            return bound
    return node


def _driver_arguments(call: ast.Call, name: str) -> Iterator[tuple[ast.expr, str]]:
    for keyword in call.keywords:
        if keyword.arg and credential_kind(keyword.arg) == "a password":
            yield keyword.value, keyword.arg
        elif keyword.arg == "dsn":
            yield keyword.value, "dsn"
    position = positional_password(name)
    if position is not None and position < len(call.args):
        yield call.args[position], f"argument {position + 1}"
    if call.args and name in DRIVERS and DRIVERS[name] == "dsn":
        yield call.args[0], "dsn"


def extract_secrets(ctx: FileContext) -> ModuleSecrets | None:
    """The secret sites of `ctx`'s module (None when it has none and no ownership facts)."""
    collector = _Collector(ctx)
    used = _env_defaults(ctx, collector) | _driver_sites(ctx, collector)
    used |= _client_sites(ctx, collector, used)
    for node in ctx.nodes(ast.Constant):
        # NOTE: `_string` inlined, the length tested first (a Latin-1 decoding keeps it):
        # this loop sees every constant of the module.
        literal = node.value  # type: ignore[attr-defined]
        if not isinstance(literal, str | bytes) or len(literal) < 6 or id(node) in used:
            continue
        value = literal.decode("latin-1") if isinstance(literal, bytes) else literal
        _judge_constant(ctx, collector, node, value)
    sites = collector.finish()
    return ModuleSecrets(tuple(sites), development_command(ctx)) if sites else None


_MAX_FORMATS = 16


def _formatted_local(ctx: FileContext, node: ast.AST, template: str) -> bool:
    """Whether a URL template filled by `str.format` points at this machine whatever it is
    filled with: `"psql://app:pw@{}:5432/app".format("localhost" if WINDOWS else
    "127.0.0.1")`, each argument a constant or a conditional between constants, every
    URL they make naming a local host (as the literal would with the host written in)."""
    attribute = ctx.parent(node)
    call = ctx.parent(attribute) if isinstance(attribute, ast.Attribute) else None
    if not (
        isinstance(attribute, ast.Attribute)
        and attribute.attr == "format"
        and isinstance(call, ast.Call)
        and call.func is attribute
        and not any(isinstance(a, ast.Starred) for a in call.args)
        and all(k.arg is not None for k in call.keywords)
    ):
        return False
    choices = [_choices(a) for a in call.args]
    named = {k.arg: _choices(k.value) for k in call.keywords if k.arg is not None}
    if any(c is None for c in [*choices, *named.values()]):
        return False
    filled: list[str] = []
    for positional in itertools.product(*(c or () for c in choices)):
        for keywords in itertools.product(*(named[k] or () for k in named)):
            if len(filled) >= _MAX_FORMATS:
                return False
            try:
                filled.append(
                    template.format(*positional, **dict(zip(named, keywords, strict=True)))
                )
            except (IndexError, KeyError, ValueError):
                return False
    urls = [url for text in filled for url in find_credential_urls(text)]
    return bool(urls) and all(url.is_local for url in urls)


def _choices(node: ast.expr) -> tuple[object, ...] | None:
    """The constants an argument may be (`"a" if X else "b"`: both); None when not known."""
    if isinstance(node, ast.Constant):
        return (node.value,)
    if isinstance(node, ast.IfExp):
        body, orelse = _choices(node.body), _choices(node.orelse)
        return None if body is None or orelse is None else (*body, *orelse)
    return None


def _judge_constant(ctx: FileContext, collector: _Collector, node: ast.AST, value: str) -> None:
    tokens = list(find_tokens(value))
    urls = list(find_credential_urls(value))
    if (tokens or urls) and _help_text(ctx, node):
        return
    if tokens or urls:
        found = _context(ctx, node)
        for token in tokens[:1]:
            shown = mask_occurrences(value, [token.value])
            masked = mask(token.value)
            within = (token.start, token.end, masked)
            collector.add(
                Category.TOKEN, token.kind, node, masked, found, shown=shown, within=within
            )
        for url in urls[:1]:
            within = (url.start, url.end, url.masked)
            if url.is_database:
                kind = "a database URL with a password"
                local = url.is_local or _formatted_local(ctx, node, value)
                collector.add(
                    Category.URL,
                    kind,
                    node,
                    url.masked,
                    found,
                    local=local,
                    placeholder=url.default_login,
                    within=within,
                )
            else:
                kind = "a URL with a password"
                collector.add(Category.TOKEN, kind, node, url.masked, found, within=within)
        return
    # NOTE: prose, docstrings and call arguments never reach a credential-named target
    # directly, and `looks_like_secret` rejects identifiers, paths and numbers whatever
    # they are given to; skipping them before the context search keeps the pass cheap.
    holder = ctx.parent(node)
    if isinstance(holder, ast.Compare) and hardcoded_account(ctx, holder, node, value):
        collector.add(Category.NAMED, "a password", node, mask(value), _context(ctx, node))
        return
    if isinstance(holder, ast.Expr | ast.JoinedStr | ast.BinOp):
        return
    if _SPACE.search(value) and not is_random_bytes(value):
        return
    if isinstance(holder, ast.Call) and not _is_field_default(ctx, holder, node):
        return
    if isinstance(holder, ast.AnnAssign | ast.arg) and holder.annotation is node:
        return  # NOTE: a type written as a string (`ctx: "CryptContext" = ...`), not a value
    if is_plainly_not_secret(value) or _url_parameter(ctx, node):
        return
    if _unusable_hash_column(ctx, node, value):
        return
    found = _context(ctx, node)
    if not found.direct or not found.target:
        return
    target = found.target.rstrip("=")
    named = credential_kind(target)
    if named is None or _spells_name(value, target) or _catalogued(ctx, node):
        return
    if _enum_label(ctx, node, value, target):
        return
    if isinstance(holder, ast.Tuple | ast.List | ast.Set) and (
        _names_credential(value, named) or among_field_names(holder, node, named)
    ):
        return
    if in_name_map(holder, node):
        return  # NOTE: a map of attribute names (`"one_time_password": "oathTokenPIN"`)
    named = _pair_password(holder, node, named)
    if looks_like_secret(value, named) and not refused_configuration_values(ctx, node):
        collector.add(Category.NAMED, named, node, mask(value), found)


def _pair_password(holder: ast.AST | None, node: ast.AST, named: str) -> str:
    """`ADMIN_CREDENTIALS = ("admin", "pa$$word")`: the second of a pair whose first is a
    string, under a name saying it holds credentials, is a password (judged as one), as
    the `auth=(user, password)` of an HTTP client is; `named` for any other value."""
    if (
        named == _CREDENTIAL
        and isinstance(holder, ast.Tuple | ast.List)
        and len(holder.elts) == 2
        and holder.elts[1] is node
        and isinstance(holder.elts[0], ast.Constant)
        and isinstance(holder.elts[0].value, str)
    ):
        return "a password"
    return named


_CREDENTIAL = "a credential"


_TEMPLATES = frozenset({"template", "templates"})
_CATALOGUE_LAST = _TEMPLATES | {"id", "ids", "uuid", "uuids"}
"""Last words of the name of a collection of templates (`MAIL_TEMPLATES`,
`template_ids`) saying its values are the templates' ids."""


def _catalogued(ctx: FileContext, node: ast.AST) -> bool:
    """`NOTIFY_TEMPLATES = {"reset_password": "4ae0..."}`: a value of a dict literal
    whose own name (the name, keyword, parameter or key it is given to) says it holds a
    mail or message service's templates or their ids: the key names what the template
    is for (the mail sent to reset a password), and the value is its id, not a
    credential."""
    holder = ctx.parent(node)
    if not isinstance(holder, ast.Dict) or not any(v is node for v in holder.values):
        return False
    name = _dict_name(ctx, holder)
    words = identifier_words(name)
    return (
        bool(words)
        and words[-1] in _CATALOGUE_LAST
        and not _TEMPLATES.isdisjoint(words)
        and credential_kind(name) is None
    )


def _dict_name(ctx: FileContext, node: ast.Dict) -> str:
    """The name a dict literal is known by: its assignment's target, its keyword or
    parameter, or its key in the dict around it (`""` for any other place)."""
    holder = ctx.parent(node)
    if isinstance(holder, ast.Assign) and len(holder.targets) == 1:
        return name_of(holder.targets[0]) or ""
    if isinstance(holder, ast.AnnAssign):
        return name_of(holder.target) or ""
    if isinstance(holder, ast.keyword):
        return holder.arg or ""
    if isinstance(holder, ast.arguments):
        return _parameter(holder, node)
    if isinstance(holder, ast.Dict):
        keys = [k for k, v in zip(holder.keys, holder.values, strict=True) if v is node]
        key = keys[0] if keys else None
        return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else ""
    return ""


_URL_BUILDERS = frozenset({"url_for", "build_url", "url"})
"""Flask's `url_for(endpoint, **values)` and its kind, whose keywords fill a route."""


def _url_parameter(ctx: FileContext, node: ast.AST) -> bool:
    """A value filling a parameter of one of the app's own URLs (`reverse("order",
    kwargs={"secret": "6zzj..."})`, `url_for("order", secret=...)`): a path segment of
    a link, written in code as an example (a preview's sample order), never a credential
    the app presents to anything."""
    holder = ctx.parent(node)
    if isinstance(holder, ast.Dict) and node in holder.values:
        keyword = ctx.parent(holder)
        call = ctx.parent(keyword) if isinstance(keyword, ast.keyword) else None
        return (
            isinstance(keyword, ast.keyword)
            and keyword.arg == "kwargs"
            and isinstance(call, ast.Call)
            and "reverse" in last_name(call.func).lower()
        )
    if isinstance(holder, ast.keyword):
        call = ctx.parent(holder)
        return isinstance(call, ast.Call) and last_name(call.func) in _URL_BUILDERS
    return False


_DJANGO_USER = "django.contrib.auth.models.User"
_USER_MODEL_CALLS = frozenset({"django.contrib.auth.get_user_model"})
_ROW_MAKERS = frozenset({"create", "get_or_create", "update_or_create", "update"})
_LEGACY_MD5 = re.compile(r"^[0-9a-f]{32}$")


def _unusable_hash_column(ctx: FileContext, node: ast.AST, value: str) -> bool:
    """A literal given as `password=` to Django's user model itself (`User(...)`,
    `User.objects.create(...)`, `get_user_model()(...)`), not to `create_user()` or
    `set_password()`, that no hasher wrote: Django keeps the value as the stored hash,
    and one with no `algorithm$` prefix (nor the 32 hex digits of the legacy unsalted
    MD5) matches no password (`check_password` finds no hasher for it). A marker of an
    account that signs in elsewhere (`password="set-by-sso"`), as Django's own `!`."""
    holder = ctx.parent(node)
    if not (isinstance(holder, ast.keyword) and holder.arg == "password"):
        return False
    if "$" in value or _LEGACY_MD5.match(value):
        return False
    call = ctx.parent(holder)
    if not isinstance(call, ast.Call):
        return False
    model: ast.expr = call.func
    if isinstance(model, ast.Attribute) and model.attr in _ROW_MAKERS:
        manager = model.value
        if not (isinstance(manager, ast.Attribute) and manager.attr == "objects"):
            return False
        model = manager.value
    if isinstance(model, ast.Call) and not model.args and not model.keywords:
        return ctx.qualified(model.func) in _USER_MODEL_CALLS
    return ctx.qualified(model) == _DJANGO_USER


_HELP_KEYWORDS = frozenset({"help", "help_text", "example", "examples"})


def _help_text(ctx: FileContext, node: ast.AST) -> bool:
    """A command-line option's or a form field's help (`add_argument("url",
    help="Ex: amqp://guest:guest@localhost:5672/")`, `help_text=`), or an API schema's
    example (flask-restx's `fields.String(example="eyJ0...")`, pydantic's
    `Field(examples=[...])`, `metadata={"example": ...}`): shown to the reader of the
    documentation, which nothing connects with."""
    child, holder = node, ctx.parent(node)
    if isinstance(holder, ast.List | ast.Tuple):
        child, holder = holder, ctx.parent(holder)
    if isinstance(holder, ast.Dict):
        keys = [k for k, v in zip(holder.keys, holder.values, strict=True) if v is child]
        return bool(keys) and isinstance(keys[0], ast.Constant) and keys[0].value in _HELP_KEYWORDS
    return isinstance(holder, ast.keyword) and holder.arg in _HELP_KEYWORDS


def _spells_name(value: str, name: str) -> bool:
    """`SECRET_MULTILINE = "SecretMultiline"`: a label that spells its own name in another
    case (an enum member's, a field type's), not a credential; so is the plural of the
    name's last word (`RESOURCE_PASSWORD = "Passwords"`, a permission's resource), and the
    name behind a namespace prefix (`"privateKeyPem": "sec:privateKeyPem"`, a JSON-LD
    context mapping a term to its compact IRI)."""
    prefix, colon, local = value.rpartition(":")
    if colon and _NAMESPACE.match(prefix):
        value = local
    letters = "".join(c for c in value if c.isalnum()).lower()
    if letters == "".join(c for c in name if c.isalnum()).lower():
        return True
    last = "".join(c for c in name.rsplit("_", 1)[-1] if c.isalnum()).lower()
    return bool(last) and letters == last + "s"


def _enum_label(ctx: FileContext, node: ast.AST, value: str, name: str) -> bool:
    """`class EmailAuthenticationType(Enum): Password = "EmailAuthPassword"`: a member of
    an enumeration (an `Enum`, a Django `TextChoices`) whose value is a label naming the
    credential kind the member stands for (a profile's authentication choice), not a
    credential."""
    statement = ctx.parent(node)
    scope = ctx.parent(statement) if isinstance(statement, ast.Assign) else None
    if not isinstance(scope, ast.ClassDef) or not _LABEL.match(value):
        return False
    if not any(last_name(b).endswith(_ENUM_BASES) for b in scope.bases):
        return False
    last = identifier_words(name)[-1:]
    return bool(last) and last[0] in value.lower()


_ENUM_BASES = ("Enum", "Flag", "Choices")
"""How an enumeration's base is named: `Enum`, `StrEnum`, `IntFlag`, Django's
`TextChoices`."""
_LABEL = re.compile(r"^[A-Za-z][A-Za-z_.:-]*$")
"""A label of words: letters and separators, no digits."""


def _names_credential(value: str, kind: str) -> bool:
    """`("new_password1", 3)` in a form's layout: a snake_case name, in a collection, that
    itself says it holds such a credential is the name of a field, a column or a key
    that holds one, not the credential. Given to the credential's own name as it stands
    (`JWT_SECRET = "jwt_secret_2024"`), such a value is the credential, a guessable one."""
    return bool(_SNAKE_CASE.match(value)) and credential_kind(value) == kind


_SNAKE_CASE = re.compile(r"^(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$")


_SPACE = re.compile(r"\s")
"""White space of any kind, a non-breaking one too (`"PASS\u00a0IAE"`): prose; but for
random bytes written as a string, in which a byte 0xA0 is one (`is_random_bytes`)."""


_NAMESPACE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
"""A namespace prefix of a compact IRI or a qualified name (`sec`, `as`, `xsd`)."""
