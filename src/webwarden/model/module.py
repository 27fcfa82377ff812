"""A parsed module as rules and model builders see it: `FileContext`, and `TextFile`."""

from __future__ import annotations

import ast
import bisect
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from webwarden.analysis.constants import UNKNOWN, evaluate
from webwarden.findings import Location
from webwarden.model.names import BUILTIN_NAMES, NameResolver
from webwarden.model.scopes import Scopes, scope_statements
from webwarden.model.scripts import declares_inline_script, is_script, main_test
from webwarden.model.tree import walk

_SETTINGS_MODULE = re.compile(
    r"(^|/)(settings|configs?|conf)(/[^/]+)?\.py(\.[\w-]+)?$|(^|/)settings_\w+\.py(\.[\w-]+)?$"
)
"""`settings.py`, `settings/dev.py`, `config/test.py`, `configs/development.py` (a Flask
app's config modules, one per environment), `settings_local.py`, and such a module kept to be
copied into place (`settings.py.prod`)."""
_MIGRATION = re.compile(r"(^|/)migrations/\d{4}_[^/]*\.py$")
_COMMAND = re.compile(r"(?:^|/)management/commands/(?:[^/]+/)*[^/]+\.py$")
"""A Django management command's module, or one of a package inside `commands/` (Django
lists only the folder's own modules as commands, so a package there holds the commands'
helpers: `commands/_import/contracts.py`)."""
COMMAND_LIBRARIES = ("click", "typer", "flask.cli", "flask_script")
"""Libraries whose decorators make shell commands of functions."""
COMMAND_DECORATORS = frozenset({"command", "group"})
"""Their decorators' names: `@click.command()`, `@cli.group()`, `@manager.command`."""


def _command_decorator(decorator: ast.expr) -> bool:
    """`@click.command()`, `@cli.command("name")`, `@manager.command`, `@app.cli.group()`."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else ""
    return name in COMMAND_DECORATORS


_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "passphrase", "pass"})
_SECRET_WORDS = frozenset(
    {
        *PASSWORD_WORDS,
        "secret",
        "secrets",
        "token",
        "tokens",
        "nonce",
        "otp",
        "totp",
        "hotp",
        "salt",
        "signature",
        "sig",
        "hmac",
        "csrf",
        "xsrf",
        "credential",
        "credentials",
        "apikey",
    }
)
MARKER_TOKEN_WORDS = frozenset(
    {"next", "cursor", "page", "pagination", "continuation", "consistency", "concurrency"}
)
"""Words qualifying a token that is a marker handed back in the clear, not a credential:
one saying where the next page of results starts (AWS's `NextToken`, a `cursor_token`),
or an optimistic-concurrency token (a record's `consistency_token`, a random version
stamp the client sends back with its edit so that the server can refuse one made to a
copy changed since: knowing it grants nothing, the client was given it with the
record). Only for tokens: `NEXT_SECRET_KEY` is a key being rotated in."""
_TOKEN_WORDS = frozenset({"token", "tokens"})
_SIGN_OFFS = frozenset(
    {("email", "signature"), ("mail", "signature")}
    | {(word, "signature") for word in ("task", "function", "func", "method")}
)
"""A mail's signature: the sign-off text written under it (`admin_email_signature`,
`EMAIL_SIGNATURE`), not a cryptographic one; nor is a call's: the parameters a function
takes (`method_signature`), or a task and its arguments as Celery describes a call
(`task_signature`, also hashed to tell a queued duplicate by)."""
_MEASURE_WORDS = frozenset(
    {"counter", "count", "length", "len", "size", "ttl", "timeout", "expiry", "lifetime", "age"}
    | {"pos", "position", "positions", "index", "indices", "idx", "offset"}
)
"""Last words of a name for a measure of a secret, not the secret, or for a place in a
sequence of them (`token_pos`, a word's position in a text split into tokens)."""
_SECRET_PAIRS = frozenset(
    {
        ("api", "key"),
        ("private", "key"),
        ("signing", "key"),
        ("access", "key"),
        ("secret", "key"),
        ("session", "id"),
        ("session", "key"),
        ("reset", "code"),
        ("verification", "code"),
        ("activation", "code"),
        ("activation", "key"),
        ("auth", "code"),
        ("auth", "key"),
        ("confirmation", "code"),
        ("login", "code"),
        ("encryption", "key"),
        ("confirm", "code"),
        ("reset", "key"),
        ("recovery", "code"),
        ("backup", "code"),
        ("mfa", "code"),
        ("factor", "code"),
    }
)


def _nfkc(text: str) -> str:
    """`text` NFKC-normalised (the very same string when it is ASCII: nothing to change)."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def _spaceless(word: str) -> bool:
    """Whether `word` is not empty and holds no whitespace (`str.split`'s), so
    `FileContext.words` tells whether the text holds it."""
    return word.split() == [word]


def identifier_words(name: str) -> list[str]:
    """`resetPasswordToken` / `reset_password_token` -> `["reset", "password", "token"]`."""
    return list(_identifier_words(name))


@functools.lru_cache(maxsize=1 << 14)
def _identifier_words(name: str) -> tuple[str, ...]:
    # NOTE: asked of the same few thousand names all over a tree, by rules and models.
    return tuple(word.lower() for word in _WORD.findall(name))


_NEGATIONS = frozenset({"not", "non", "no"})
DEPLOYMENT_WORDS = frozenset(
    {"prod", "production", "live", "staging", "stage", "deploy", "release"}
)
"""The words of a deployment's name (a negation before one turns it around)."""


def role_words(name: str) -> list[str]:
    """`identifier_words` of a module's or a configuration's name, read for what it is
    for: `e2e` (end-to-end tests: `settings/e2e.py`, `E2EConfig`) stays one word
    instead of splitting at its digit, and a deployment's word after a negation is
    `nonprod` (`not_production_settings.py`, `NonProdConfig`, `NON_PROD`): what every
    machine but the production server runs."""
    merged: list[str] = []
    for word in identifier_words(name):
        if word == "e" and merged[-2:] == ["e", "2"]:
            merged[-2:] = ["e2e"]
        elif word in DEPLOYMENT_WORDS and merged[-1:] and merged[-1] in _NEGATIONS:
            merged[-1:] = ["nonprod"]
        else:
            merged.append(word)
    return merged


def name_of(node: ast.AST) -> str | None:
    """The identifier a value is known by: `password`, `form.password`, `data["password"]`."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value
    return None


PATH_WORDS = frozenset({"path", "paths", "dir", "dirs", "directory", "folder", "cwd"})
_PATH_WRAPPERS = frozenset(
    {"str", "Path", "PurePath", "abspath", "realpath", "normpath", "resolve"}
)


def holds_path(node: ast.AST) -> bool:
    """A value named as a file system path (`output_dir`, `str(data_dir)`, `Path(root_path)`,
    `os.getcwd()`): what `pwd` names in shell and process code, the working directory,
    never a password."""
    while isinstance(node, ast.Call):
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if called in {"getcwd", "cwd"}:
            return True
        if called not in _PATH_WRAPPERS or len(node.args) > 1:
            return False
        node = (
            node.args[0] if node.args else func.value if isinstance(func, ast.Attribute) else func
        )
    name = name_of(node)
    return name is not None and bool(PATH_WORDS.intersection(identifier_words(name)))


def sounds_secret(name: str) -> bool:
    """Whether an identifier names a secret, token, password, key or credential.

    Whole words only: `tokenizer`, `author` and `cache_key` are not secrets;
    `api_key`, `csrfToken` and `session_id` are. A token a word of `MARKER_TOKEN_WORDS`
    qualifies (`next_page_token`, `consistency_token`) is a marker handed back in the
    clear, not a secret.
    """
    words = identifier_words(name)
    if words and words[-1] in _MEASURE_WORDS:
        return False  # NOTE: `token_length`, `otp_counter`, `session_max_age`: a measure of it
    secret = {
        word
        for i, word in enumerate(words)
        if word in _SECRET_WORDS and (i == 0 or (words[i - 1], word) not in _SIGN_OFFS)
    }
    if secret and secret <= _TOKEN_WORDS and MARKER_TOKEN_WORDS.intersection(words):
        return False  # NOTE: `consistency_token`, `next_page_token`: a marker, not a credential
    if secret:
        return True
    return any(pair in _SECRET_PAIRS for pair in itertools.pairwise(words))


def sounds_like_password(name: str) -> bool:
    """Whether an identifier names a password."""
    return any(word in PASSWORD_WORDS for word in identifier_words(name))


def is_settings_path(relpath: str) -> bool:
    """Whether the file at `relpath` looks like a settings/config module by its name."""
    return bool(_SETTINGS_MODULE.search(relpath))


@dataclass(slots=True)
class FileContext:
    """Everything a `PythonRule` may know about the file it judges."""

    relpath: str
    module: str
    lines: tuple[str, ...]
    tree: ast.Module
    names: NameResolver
    is_test_file: bool = False
    parents: dict[int, ast.AST] = field(default_factory=dict)
    by_type: dict[type[ast.AST], list[ast.AST]] = field(default_factory=dict)
    """Every node of the tree by its type, once filled (by the engine's walk or `nodes`)."""
    _complete: bool = False
    _indexed: bool = False
    _scopes: Scopes | None = None
    _call_names: dict[int, str | None] = field(default_factory=dict)
    _mentions: dict[str, bool] = field(default_factory=dict)
    _text: str | None = None
    _command: bool | None = None
    _script: bool | None = None
    _normalised: str | None = None
    _words: str | None = None
    _star_names: frozenset[str] | None = None
    _attributes: dict[frozenset[str], list[ast.Attribute]] = field(default_factory=dict)
    memo: dict[object, object] = field(default_factory=dict)
    """Answers a rule works out once per module, under a key of its own (its function)."""
    _subtrees: dict[int, list[ast.AST]] = field(default_factory=dict)

    # -- structure ---------------------------------------------------------------------

    def parent(self, node: ast.AST) -> ast.AST | None:
        """The node holding `node` (None for the module)."""
        found = self.parents.get(id(node))
        if found is None and not self._complete and node is not self.tree:
            self._complete_parents()
            found = self.parents.get(id(node))
        return found

    def assigned_name(self, node: ast.AST) -> str | None:
        """The one name `node` is assigned to (`client = SMTP(...)`); None otherwise."""
        holder = self.parent(node)
        if isinstance(holder, ast.Assign) and len(holder.targets) == 1:
            target = holder.targets[0]
            if isinstance(target, ast.Name):
                return target.id
        return None

    def _complete_parents(self) -> None:
        """Map every node to its parent (once; the engine's walk usually did it)."""
        self._complete = True
        for holder in ast.walk(self.tree):
            for child in ast.iter_child_nodes(holder):
                self.parents[id(child)] = holder

    def parent_map(self) -> dict[int, ast.AST]:
        """`id(node)` -> the node holding it, for every node of the tree but the module."""
        if not self._complete:
            self._complete_parents()
        return self.parents

    def mark_parents_complete(self, *, indexed: bool = False) -> None:
        """Say that `parents` already maps every node (the engine's walk filled it), and
        with `indexed` that `by_type` holds every node too."""
        self._complete = True
        self._indexed = self._indexed or indexed

    def nodes(self, *types: type[ast.AST]) -> list[ast.AST]:
        """Every node of these types, without walking the tree again (fact extractors
        share the engine's one traversal)."""
        if not self._indexed:
            self.by_type.clear()
            for node in ast.walk(self.tree):
                self.by_type.setdefault(type(node), []).append(node)
            self._indexed = True
        if len(types) == 1:
            return self.by_type.get(types[0], [])
        return [node for kind in types for node in self.by_type.get(kind, [])]

    def lines_of(self, kind: type[ast.AST]) -> list[int]:
        """The sorted lines of the module's nodes of `kind`, from the node index (for
        `spans_line`: whether a function holds one, asked before walking it)."""
        key = (FileContext.lines_of, kind)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = sorted(getattr(n, "lineno", 0) for n in self.nodes(kind))
        return found  # type: ignore[return-value]

    def subtree(self, node: ast.AST) -> list[ast.AST]:
        """`node` and every node inside it, in `ast.walk`'s order but without the shared
        context and operator singletons (`model.tree.walk`); listed once per node, for
        the view and function bodies that several fact extractors read."""
        found = self._subtrees.get(id(node))
        if found is None:
            found = self._subtrees[id(node)] = list(walk(node))
        return found

    def attributes(self, names: frozenset[str]) -> list[ast.Attribute]:
        """Every `x.name` of the module with `name` among `names` (looked up once per set)."""
        found = self._attributes.get(names)
        if found is None:
            found = [
                node
                for node in self.nodes(ast.Attribute)
                if isinstance(node, ast.Attribute) and node.attr in names
            ]
            self._attributes[names] = found
        return found

    def ancestors(self, node: ast.AST) -> list[ast.AST]:
        """Parents of `node`, innermost first."""
        chain = []
        current = self.parent(node)
        while current is not None:
            chain.append(current)
            current = self.parent(current)
        return chain

    @property
    def scopes(self) -> Scopes:
        """Scope and binding queries for this module."""
        if self._scopes is None:
            # NOTE: hand Scopes the parent map itself, not the bound `self.parent`: a
            # bound method would make a reference cycle that keeps the whole tree alive
            # until the cycle collector runs (the engine pauses it during a scan).
            if not self._complete:
                self._complete_parents()
            parents = self.parents
            rebound = frozenset(
                name
                for node in self.nodes(ast.Global)
                if isinstance(node, ast.Global)
                for name in node.names
            )
            nonlocals = tuple(n for n in self.nodes(ast.Nonlocal) if isinstance(n, ast.Nonlocal))
            # NOTE: the index (filled by `nodes` above) tells where a list or dict may be
            # changed in place; the dict of lists holds no reference back to the context.
            self._scopes = Scopes(
                self.tree, lambda node: parents.get(id(node)), rebound, nonlocals, self.by_type
            )
        return self._scopes

    # -- facts about the file -------------------------------------------------------------

    @property
    def frameworks(self) -> frozenset[str]:
        """`django` and/or `flask` when the module imports them."""
        return frozenset(f for f in ("django", "flask") if self.names.imports(f))

    @property
    def is_settings_module(self) -> bool:
        """Whether the file looks like a settings/config module."""
        return is_settings_path(self.relpath)

    @property
    def is_migration(self) -> bool:
        """Whether the file is a Django migration."""
        return bool(_MIGRATION.search(self.relpath))

    @property
    def is_management_command(self) -> bool:
        """Whether the file is a Django management command (`app/management/commands/x.py`)
        or a helper module of a package beside them (`commands/_import/contracts.py`),
        which an operator runs from a shell: no request reaches it."""
        return bool(_COMMAND.search(self.relpath))

    @property
    def is_command_module(self) -> bool:
        """Whether the file holds shell commands only: a Django management command, or a
        module of Click commands (`@click.command`, a group's `@cli.command("name")`,
        Flask's `@app.cli.command`, Flask-Script's `@manager.command`), or of what only
        commands use (option decorators whose wrapper carries `@click.option(...)`), that
        neither imports Flask's `request` nor takes a `request` parameter (a Django
        view's). An operator runs them; no request reaches them."""
        if self._command is None:
            self._command = self._holds_commands()
        return self._command

    def under_main_guard(self, node: ast.AST) -> bool:
        """Whether `node` runs only when the module is run as a script, in the body of a
        module-level `if __name__ == "__main__":`: an operator starts it from a shell
        (a library module's self-test), no request reaches it."""
        inner: ast.AST = node
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, ast.Module):
                return False
            if (
                isinstance(ancestor, ast.If)
                and self.parent(ancestor) is self.tree
                and main_test(ancestor.test)
            ):
                return inner in ancestor.body
            inner = ancestor
        return False

    @property
    def is_script(self) -> bool:
        """Whether the file is a command-line script (`scripts.is_script`)."""
        if self._script is None:
            # NOTE: `seed-db.py` is no module name an `import` statement can spell.
            importable = PurePosixPath(self.relpath).stem.isidentifier()
            first = self.lines[0] if self.lines else ""
            self._script = is_script(
                self.tree,
                self.names,
                argv=self.mentions("argv"),
                importable=importable,
                shebang=first.startswith("#!") and "python" in first,
                inline_metadata=self.holds("# /// script") and declares_inline_script(self.text),
            )
        return self._script

    def _holds_commands(self) -> bool:
        if self.is_management_command or self.is_script:
            return True
        if not any(self.names.imports(cli) for cli in COMMAND_LIBRARIES):
            return False
        functions = [
            node
            for node in self.nodes(ast.FunctionDef, ast.AsyncFunctionDef)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        if self.names.imports("flask.request") or any(
            arg.arg == "request" for function in functions for arg in function.args.args
        ):
            return False
        return any(
            _command_decorator(d) or self._command_library_decorator(d)
            for f in functions
            for d in f.decorator_list
        )

    def _command_library_decorator(self, decorator: ast.expr) -> bool:
        """`@click.option(...)`, `@click.pass_context`, `@with_appcontext`: a decorator of a
        command library, which only a command's function carries (a module of option
        decorators shared by a Click CLI's commands wraps its checks in them)."""
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = self.qualified(target) or ""
        return any(name.startswith(f"{library}.") for library in COMMAND_LIBRARIES)

    @property
    def text(self) -> str:
        """The file's text (its lines joined, made once)."""
        if self._text is None:
            self._text = "\n".join(self.lines)
        return self._text

    @property
    def normalised_text(self) -> str:
        """The file's text NFKC-normalised, as the parser normalises identifiers (the very
        same string when it is ASCII; made once)."""
        if self._normalised is None:
            self._normalised = _nfkc(self.text)
        return self._normalised

    @property
    def words(self) -> str:
        """The file's distinct runs of non-space characters, joined by spaces (made once):
        a word without spaces is in the text exactly when it is in one run, and a module
        asked whether it mentions a hundred words searches a text a fraction as long."""
        if self._words is None:
            self._words = " ".join(set(self.text.split()))
        return self._words

    def holds(self, word: str) -> bool:
        """Whether the file's text holds `word` as written (no normalisation, unlike
        `mentions`): searched in `words` when `word` holds no whitespace."""
        return word in (self.words if _spaceless(word) else self.text)

    def mentions(self, word: str) -> bool:
        """Whether the file may name `word`: its text holds it, before or after NFKC
        normalisation (the parser normalises identifiers so: `decouple` spelt with a
        full-width `d` names `decouple`). A cheap screen before costlier questions;
        worked out once per word."""
        found = self._mentions.get(word)
        if found is None:
            text = self.text
            found = word in (self.words if _spaceless(word) else text)
            if not found:
                normalised = self.normalised_text
                found = normalised is not text and word in normalised
            self._mentions[word] = found
        return found

    # -- names and values ----------------------------------------------------------------

    def qualified(self, node: ast.AST) -> str | None:
        """The qualified name of a name or attribute chain, through import aliases."""
        return self.names.qualified(node)

    def qualified_here(self, node: ast.AST) -> str | None:
        """Like `qualified`, but a module-level `def`/`class` of this module is named with
        the module (`views.Base`), as other modules import it; so is a name only a star
        import can have bound (`from .views import *`), which the project step resolves
        through that import."""
        name = self.names.qualified(node)
        if name is None or not self.module:
            return name
        # NOTE: the name the code writes, not the head of what it resolves to: in a module
        # defining a view `codelists`, `from .api_decorators import require_auth` resolves
        # to `codelists.api_decorators.require_auth`, an import, not the view's attribute.
        root = node
        while isinstance(root, ast.Attribute):
            root = root.value
        head = root.id if isinstance(root, ast.Name) else name.partition(".")[0]
        if (self.names.defines(head) or head in self.star_names) and head not in self.names.aliases:
            return f"{self.module}.{name}"
        return name

    @property
    def star_names(self) -> frozenset[str]:
        """The names the module reads that none of its statements binds, when it has star
        imports (`from .helpers import *`): those imports bound them (builtins and dunder
        names left out). Empty for a module without star imports."""
        if self._star_names is None:
            self._star_names = _unbound_names(self) if self.names.stars else frozenset()
        return self._star_names

    def call_name(self, call: ast.Call) -> str | None:
        """The qualified name of the callee of `call` (worked out once per call)."""
        key = id(call)
        try:
            return self._call_names[key]
        except KeyError:
            name = self._call_names[key] = self.names.qualified(call.func)
            return name

    def lookup(self, name: ast.Name) -> ast.expr | None:
        """The single value assigned to `name` in its scope, if there is exactly one."""
        return self.scopes.single_value(name)

    def module_function(self, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The function of that name the module defines at its top level (the last one,
        as Python binds it)."""
        found = None
        for statement in self.tree.body:
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                found = statement if statement.name == name else found
        return found

    def called_function(self, func: ast.Name) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The function a call of the name `func` runs: the `def` of the scope whose
        binding of the name the call reads (`Scopes.binding_scope`): a function around
        the call defining it (`def verify(request): ...` inside the view calling it, also
        under an `if` or a `try`; the last such `def`), else the module's
        (`module_function`). None when the nearest binding is no `def` (`check =
        make_check()`)."""
        scope = self.scopes.binding_scope(func)
        if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
            return self.module_function(func.id)
        defined = [
            node
            for node in scope_statements(scope)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == func.id
        ]
        return max(defined, key=lambda node: (node.lineno, node.col_offset), default=None)

    def reaching_value(self, name: ast.Name) -> ast.expr | None:
        """The value of the assignment written last before `name` is read on the straight
        path to it (see `Scopes.reaching_value`), for a name assigned several times."""
        return self.scopes.reaching_value(name)

    def evaluate(self, node: ast.AST | None) -> object:
        """The constant value of `node`, or `UNKNOWN`."""
        return evaluate(node, self.lookup)

    def is_constant(self, node: ast.AST | None) -> bool:
        """Whether `node` has a value known without running the code."""
        return evaluate(node, self.lookup) is not UNKNOWN

    def origin(self, node: ast.AST, _depth: int = 0) -> str | None:
        """The qualified name of the call that made `node`'s value.

        `tf = tarfile.open(p)` then `tf` -> `tarfile.open`; `with tarfile.open(p) as tf`
        too; `requests.Session().get` -> receiver origin `requests.Session`; also when the
        name is set to `None` elsewhere (`s = None` once a request failed): no call made
        that value.
        """
        if _depth > 8:
            return None
        if isinstance(node, ast.Call):
            return self.call_name(node)
        if isinstance(node, ast.Name):
            value = self.scopes.made_by(node, past_none=True)
            return None if value is None else self.origin(value, _depth + 1)
        return None

    # -- calls ---------------------------------------------------------------------------

    def keyword(self, call: ast.Call, name: str) -> ast.expr | None:
        """The value passed to `call` as keyword `name`, also as a key of a dict handed as
        `**options` that the function builds where it can be read (`splat_entries`)."""
        for keyword in call.keywords:
            if keyword.arg == name:
                return keyword.value
        for keyword in call.keywords:
            if keyword.arg is None:
                entries = self.splat_entries(keyword.value)
                if entries is not None and name in entries:
                    return entries[name]
        return None

    def splat_entries(self, value: ast.expr) -> dict[str, ast.expr] | None:
        """The keys and values of a dict handed as `**value`: a dict literal with literal
        keys, or a local assigned one once, with the literal keys its function sets
        (`options["domain"] = host`); None when it is built otherwise or changed in a way
        that cannot be read (`options.update(...)`, a key that is no literal)."""
        if isinstance(value, ast.Name):
            # NOTE: the dict made, whatever keys are set on it since (read below)
            assigned = self.scopes.made_by(value)
            if not isinstance(assigned, ast.Dict):
                return None
            entries = _literal_entries(assigned)
            scope = self.scopes.enclosing_function(value) or self.tree
            added = _keys_set_on(scope, value.id)
            if entries is None or added is None:
                return None
            return {**entries, **added}
        return _literal_entries(value) if isinstance(value, ast.Dict) else None

    def argument(self, call: ast.Call, position: int, name: str | None = None) -> ast.expr | None:
        """The argument at `position` (positional) or passed as `name` (also in a readable
        `**options`: `keyword`)."""
        positional = position < len(call.args) and not any(
            isinstance(a, ast.Starred) for a in call.args[: position + 1]
        )
        if positional and (name is None or all(k.arg != name for k in call.keywords)):
            return call.args[position]
        return self.keyword(call, name) if name is not None else None

    def has_kwargs_splat(self, call: ast.Call) -> bool:
        """Whether `call` passes `**mapping` whose keys cannot be read (so any keyword may be
        set); a dict `splat_entries` reads sets only its own keys."""
        return any(k.arg is None and self.splat_entries(k.value) is None for k in call.keywords)

    # -- locations -----------------------------------------------------------------------

    def location(self, node: ast.AST) -> Location:
        """The 1-based span of `node`, columns counted in characters (as SARIF wants)."""
        line = getattr(node, "lineno", 1)
        column = self._char_column(line, getattr(node, "col_offset", 0)) + 1
        end_line = getattr(node, "end_lineno", None) or line
        end_col = getattr(node, "end_col_offset", None)
        end_column = None if end_col is None else self._char_column(end_line, end_col) + 1
        return Location(self.relpath, line, column, end_line, end_column)

    def position(self, node: ast.AST) -> tuple[int, int]:
        """The 1-based (line, column) where `node` starts: `location` without its end."""
        line = getattr(node, "lineno", 1)
        return line, self._char_column(line, getattr(node, "col_offset", 0)) + 1

    def _char_column(self, line: int, byte_offset: int) -> int:
        """`ast` columns are UTF-8 byte offsets; convert to a character offset."""
        if not 0 < line <= len(self.lines):
            return byte_offset
        text = self.lines[line - 1]
        if text.isascii():
            return byte_offset
        return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))

    def snippet(self, node: ast.AST, max_lines: int = 3) -> str:
        """The source lines of `node` (at most `max_lines`)."""
        line = getattr(node, "lineno", 1)
        end = min(getattr(node, "end_lineno", None) or line, line + max_lines - 1)
        return "\n".join(self.lines[line - 1 : end])


def _unbound_names(ctx: FileContext) -> frozenset[str]:
    read: set[str] = set()
    bound = set(ctx.names.aliases)
    for node in ctx.nodes(ast.Name):
        assert isinstance(node, ast.Name)  # noqa: S101 - asked by type
        (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
    for node in ctx.nodes(ast.arg):
        bound.add(node.arg)  # type: ignore[attr-defined]
    for node in ctx.nodes(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.ExceptHandler):
        bound.add(getattr(node, "name", None) or "")
    return frozenset(
        name
        for name in read - bound
        if name not in BUILTIN_NAMES and not (name.startswith("__") and name.endswith("__"))
    )


@dataclass(frozen=True, slots=True)
class TextFile:
    """A configuration-like text file handed to a `TextRule`."""

    relpath: str
    text: str
    lines: tuple[str, ...]

    @classmethod
    def from_text(cls, relpath: str, text: str) -> TextFile:
        """A text file with its lines split."""
        return cls(relpath, text, tuple(text.splitlines()))

    def location(self, line: int, column: int = 1, end_column: int | None = None) -> Location:
        """A location in this file."""
        return Location(self.relpath, line, column, line, end_column)


def _literal_entries(node: ast.Dict) -> dict[str, ast.expr] | None:
    """A dict literal's entries by their string keys; None when a key is no literal string
    (or a `**other` is merged in)."""
    entries: dict[str, ast.expr] = {}
    for key, value in zip(node.keys, node.values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return None
        entries[key.value] = value
    return entries


_DICT_CHANGES = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__"})


def _keys_set_on(scope: ast.AST, name: str) -> dict[str, ast.expr] | None:
    """The literal keys `scope` sets on the dict held by `name` (`name["key"] = value`);
    None when it changes the dict otherwise (a method that changes it, a key that is no
    literal, `del`, `|=`)."""
    added: dict[str, ast.expr] = {}
    for node in ast.walk(scope):
        match node:
            case ast.Assign(targets=targets, value=value):
                for target in targets:
                    if isinstance(target, ast.Subscript) and _is_name(target.value, name):
                        key = target.slice
                        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                            return None
                        added[key.value] = value
            case ast.Call(func=ast.Attribute(value=holder, attr=attr)) if attr in _DICT_CHANGES:
                if _is_name(holder, name):
                    return None
            case ast.Delete(targets=targets) | ast.AugAssign(target=ast.Subscript() as targets):
                deleted = targets if isinstance(targets, list) else [targets]
                if any(isinstance(t, ast.Subscript) and _is_name(t.value, name) for t in deleted):
                    return None
            case ast.AugAssign(target=target) if _is_name(target, name):
                return None
    return added


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def spans_line(lines: list[int], node: ast.AST) -> bool:
    """Whether one of the sorted `lines` falls within the lines `node` spans."""
    start = getattr(node, "lineno", 0)
    at = bisect.bisect_left(lines, start)
    return at < len(lines) and lines[at] <= (getattr(node, "end_lineno", None) or start)
