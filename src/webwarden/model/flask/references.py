"""Naming objects across modules: references, values and the bodies of view functions."""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator

from webwarden.analysis.constants import TIMEDELTA_NAMES, UNKNOWN, timedelta_value
from webwarden.analysis.env_guards import variables_set_at
from webwarden.analysis.env_imported import imported_call
from webwarden.analysis.environment import evaluate_setting
from webwarden.analysis.taint.specs import ABORTS, RESTX_APIS
from webwarden.model.caller_checks import after_docstring
from webwarden.model.ckan_actions import checks_access, mentions_actions
from webwarden.model.dict_items import Item, dict_call_items, display_items
from webwarden.model.flask.body_nodes import body_nodes
from webwarden.model.flask.caller_checks import verifies_caller
from webwarden.model.flask.caller_predicates import asked_predicate
from webwarden.model.flask.destination_reads import destination_reads
from webwarden.model.flask.facts import BodyFacts, DecoratorFact, Options
from webwarden.model.flask.handed_checks import handed_check
from webwarden.model.flask.header_dicts import dict_entries, looped_headers
from webwarden.model.flask.html_files import sends_html_file
from webwarden.model.flask.page_templates import RENDERERS, renders_page
from webwarden.model.flask.principal import permission_require
from webwarden.model.flask.rebound_imports import rebound_imports
from webwarden.model.flask.scheme_upgrades import redirects_to_https
from webwarden.model.flask.view_body import (
    admits_anonymous,
    refuses_anonymous,
    tests_fresh_login,
    view_writes,
)
from webwarden.model.imported import ImportedValue, imported_ref
from webwarden.model.module import FileContext, identifier_words
from webwarden.model.names import last_name
from webwarden.model.scopes import (
    CHANGED_BINDING,
    UNKNOWN_BINDING,
    in_header,
    parameter_defaults,
)
from webwarden.model.signed_in_user import is_signed_in_user

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_LOGIN_CHECKS = frozenset({"is_authenticated", "is_anonymous"})
_HEADER_METHODS = frozenset({"set", "add", "setdefault", "__setitem__"})
_DENIAL_CODES = frozenset({401, 403})
_DENIALS = frozenset({"werkzeug.exceptions.Forbidden", "werkzeug.exceptions.Unauthorized"})
_DENIAL_CLASSES = frozenset(
    {"ForbiddenError", "UnauthorizedError", "PermissionDenied", "AccessDenied"}
    | {"ForbiddenException", "UnauthorizedException", "PermissionDeniedError"}
)
"""A project's own exceptions for a 403 or 401 (a JSON:API app's `raise
ForbiddenError(...)`), named for the status as Werkzeug's are."""
_DENIAL_WORDS = frozenset({"forbidden", "unauthorized", "unauthorised"})
_DENIAL_PAIRS = frozenset({("access", "denied"), ("permission", "denied")})
_PREDICATE_WORDS = frozenset({"is", "has", "can", "may", "check", "was", "should"})
_CURRENT_USERS = frozenset(
    {"flask_login.current_user", "flask_login.utils.current_user"}
    | {"flask_jwt_extended.current_user", "flask_security.current_user"}
)
_REQUEST_GLOBALS = "flask.g"
"""Flask's `g`, where a project may keep the user it loaded (`g.user`, `g.session.user`)."""
_RESPONSES = frozenset(
    {"flask.make_response", "flask.helpers.make_response", "flask.Response"}
    | {"flask.wrappers.Response", "werkzeug.wrappers.Response"}
)
_MAX_CALLS = 200
_CSRF_OPTIONS = frozenset({"meta", "csrf_enabled"})
_RESTX_PACKAGES = ("flask_restx", "flask_restplus")


class Namer:
    """Gives nodes of one module their project-wide reference names."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.module = ctx.module
        self.aliases = ctx.names.aliases
        self._function_refs: dict[int, str] = {}
        self._webargs = any(q.startswith("webargs") for q in self.aliases.values())
        self._rebound: dict[str, int] | None = None

    def function_ref(self, function: ast.AST) -> str:
        """`pkg.mod.outer.inner` for a (possibly nested) function or class."""
        found = self._function_refs.get(id(function))
        if found is not None:
            return found
        parts = [getattr(function, "name", "<lambda>")]
        for holder in self.ctx.ancestors(function):
            if isinstance(holder, (*_FUNCTIONS, ast.ClassDef)):
                parts.insert(0, holder.name)
        found = ".".join([self.module, *parts]) if self.module else ".".join(parts)
        self._function_refs[id(function)] = found
        return found

    def scope_ref(self, node: ast.AST) -> str:
        """The function holding `node`, or the module."""
        function = self.ctx.scopes.enclosing_function(node)
        return self.module if function is None else self.function_ref(function)

    def ref(self, node: ast.AST | None) -> str | None:
        """The reference of a name or attribute chain where `node` reads it. A function's
        decorators and parameter defaults are read in the scope around it, as Python
        evaluates them there (`@user.route(...)` over a view binding a local `user`,
        `def create_app(config=config.Base)`: the module `config`)."""
        if isinstance(node, ast.Attribute):
            base = self.ref(node.value)
            return None if base is None else f"{base}.{node.attr}"
        if not isinstance(node, ast.Name):
            return None
        name = node.id
        function = self.ctx.scopes.enclosing_function(node)
        if function is not None and in_header(function, node):
            function = self.ctx.scopes.enclosing_function(function)
        while function is not None:
            values = self.ctx.scopes.bindings(function).get(name)
            if values is not None:
                # NOTE: `app.config["X"] = v` or `config.X = v` changes the object, not
                # what the name stands for.
                values = [v for v in values if v is not CHANGED_BINDING] or None
            if values is not None:
                local = name not in self.aliases or any(v is not UNKNOWN_BINDING for v in values)
                if local or name in _params(function):
                    return f"{self.function_ref(function)}:{name}"
                return self.aliases[name]
            function = self.ctx.scopes.enclosing_function(function)
        if name in self.aliases and not self._rebound_here(node):
            return self.aliases[name]
        parameter_of = self._lambda_binding(node)
        if parameter_of is not None:
            return parameter_of
        return f"{self.module}.{name}" if self.module else name

    def _rebound_here(self, node: ast.Name) -> bool:
        """Whether an imported name read here is the object the module rebound it to
        (`rebound_imports`): read in a function, or at the top level after the rebinding."""
        if self._rebound is None:
            self._rebound = rebound_imports(self.ctx.tree)
        line = self._rebound.get(node.id)
        if line is None:
            return False
        return self.ctx.scopes.enclosing_function(node) is not None or node.lineno > line

    def _lambda_binding(self, node: ast.Name) -> str | None:
        """`raw` in `lambda raw: raw.decode()`: a parameter of a lambda around the read,
        named as a local of the function holding the lambda (`<lambda>` at the module's
        top level), not as a global of the module."""
        for holder in self.ctx.ancestors(node):
            if isinstance(holder, _FUNCTIONS):
                return None
            if isinstance(holder, ast.Lambda) and node.id in _params(holder):
                function = self.ctx.scopes.enclosing_function(holder)
                where = self.function_ref(function) if function else f"{self.module}.<lambda>"
                return f"{where}:{node.id}"
        return None

    def value(self, node: ast.AST | None) -> object:
        """A config value: constant, `DeployTime`, `timedelta` or `UNKNOWN`."""
        if isinstance(node, ast.Call) and self.ctx.call_name(node) in TIMEDELTA_NAMES:
            return timedelta_value(node, self.ctx.evaluate)
        if node is None:
            return UNKNOWN
        return evaluate_setting(self.ctx, node, variables_set_at(self.ctx, node))

    def setting_value(self, node: ast.AST | None) -> object:
        """A config value as `value` gives it, or the `ImportedValue` an imported name
        stands for (`SECRET_KEY = DEFAULT_KEY`, `from app.constants import DEFAULT_KEY`),
        or the `ImportedCall` a call of an imported function is. A parameter the function
        never rebinds holds its default wherever a caller leaves it out (`def create_app(
        secret_key=DEFAULT_KEY)`, `app.config["SECRET_KEY"] = secret_key`): that default."""
        value = self.value(node)
        if value is UNKNOWN and (default := self._parameter_default(node)) is not None:
            return self.setting_value(default)
        if value is UNKNOWN and (ref := imported_ref(self.ctx, node)) is not None:
            return ImportedValue(ref)
        if value is UNKNOWN:
            return imported_call(self.ctx, node) or value
        return value

    def _parameter_default(self, node: ast.AST | None) -> ast.expr | None:
        """The default of the parameter `node` names, when the function holding it binds
        the name nowhere else."""
        if not isinstance(node, ast.Name):
            return None
        scope = self.ctx.scopes.binding_scope(node)
        if not isinstance(scope, _FUNCTIONS):
            return None
        if self.ctx.scopes.bindings(scope).get(node.id) != [UNKNOWN_BINDING]:
            return None
        return parameter_defaults(scope.args).get(node.id)

    def options(self, call: ast.Call) -> Options:
        """The keyword arguments of `call` with their values. `**x` gives its entries when
        `x` is a constant dict, `("**", ImportedValue(...))` when it is an UPPERCASE name
        of an imported module or class (`**Config.TALISMAN_SETTINGS`), which building the
        app reads there, else `("**", UNKNOWN)`: options webwarden cannot read, which may
        set any option (`Talisman(app, **app.config["TALISMAN_CONFIG"])`)."""
        found: list[tuple[str, object]] = []
        for keyword in call.keywords:
            if keyword.arg is not None:
                found.append((keyword.arg, self._option(keyword.value)))
                continue
            spread = self.value(keyword.value)
            if isinstance(spread, dict) and all(isinstance(k, str) for k in spread):
                found.extend(spread.items())
            elif (written := self._written_keywords(keyword.value)) is not None:
                found.extend((key, self._option(value)) for key, value in written)
            elif (ref := self._imported_spread(keyword.value)) is not None:
                found.append(("**", ImportedValue(ref)))
            else:
                found.append(("**", UNKNOWN))
        return tuple(found)

    def _written_keywords(self, node: ast.expr) -> list[Item] | None:
        """The entries of the dict a name of the module holds, each as written, when every
        key is a string known without running the code (`DEFAULT_CONFIG =
        dict(force_https=False, frame_options=talisman.SAMEORIGIN)` or a `{...}` display,
        see `dict_items`): each value as far as it can be read, though some (a library's
        constant) cannot."""
        value = self.ctx.lookup(node) if isinstance(node, ast.Name) else None
        if isinstance(value, ast.Call):
            return dict_call_items(self.ctx, value)
        if isinstance(value, ast.Dict):
            return display_items(self.ctx, value)
        return None

    def _option(self, node: ast.expr) -> object:
        """A keyword's value, or the `ImportedValue` an imported UPPERCASE name stands for
        (`content_security_policy=DASHBOARD_CSP`, `Config.TALISMAN_CSP`), which building
        the app reads there as it reads a spread (`_imported_spread`)."""
        value = self.value(node)
        if value is not UNKNOWN:
            return value
        ref = self._imported_spread(node)
        return ImportedValue(ref) if ref is not None else value

    def _imported_spread(self, node: ast.expr) -> str | None:
        """The reference of an UPPERCASE name an import gives, read where `node` is
        (`Config.TALISMAN_SETTINGS` after `from config import Config`, not a local)."""
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
        if not name.isupper() or not self.imported(node):
            return None
        ref = self.ref(node)
        return ref if ref is not None and ":" not in ref else None

    def imported(self, node: ast.expr) -> bool:
        """Whether the name `node` starts with is one an import of the module gives."""
        while isinstance(node, ast.Attribute):
            node = node.value
        return isinstance(node, ast.Name) and node.id in self.aliases

    def decorator(self, node: ast.expr) -> DecoratorFact:
        """A decorator as data: `@limiter.limit("5/minute")` -> name and arguments."""
        if isinstance(node, ast.Call):
            args = tuple(self.value(a) for a in node.args)
            return DecoratorFact(self.ref(node.func) or "", args, self.options(node))
        return DecoratorFact(self.ref(node) or "")

    def body(self, function: ast.AST) -> BodyFacts:
        """What a view or hook body reads, calls and sets when it runs: not its decorators,
        defaults or annotations (`body_nodes`), which the `def` evaluates once."""
        reads: set[str] = set()
        calls: set[str] = set()
        tokenless: set[str] = set()
        checked: set[str] = set()
        headers: list[tuple[str, object]] = []
        asked: set[str] = set()
        request_attributes: list[ast.Attribute] = []
        handed_checks: set[str] = set()
        unhanded_checks: set[str] = set()
        returned_names: set[str] = set()
        refused_names: set[str] = set()
        session = login = html = denies = user = returns = kept_user = False
        refuses_with_status = upgrades = False
        discarded = _session_discards(self.ctx, function)
        actions = mentions_actions(self.ctx)
        access = False
        for node in body_nodes(function):
            if actions and not access and isinstance(node, ast.Call):
                access = checks_access(self.ctx, node)
            if isinstance(node, ast.Call) and not denies:
                denies = self._denies(node)
            elif isinstance(node, ast.Return):
                returns = returns or _value_returned(node.value)
                if isinstance(node.value, ast.Name):
                    returned_names.add(node.value.id)
                if not denies:
                    denies = _denial_status(node.value) or _denial_helper(node.value)
                refuses_with_status = refuses_with_status or _status_beside_message(node.value)
            if isinstance(node, ast.Attribute):
                owner = self.ctx.qualified(node.value)
                if owner == "flask.request":
                    reads.add("data" if self._forced_json(node) else node.attr)
                    request_attributes.append(node)
                    asked.update(self._header_name(node))
                elif node.attr == "payload" and self._restx_api(node.value):
                    reads.add("json")  # NOTE: Flask-RESTX's `api.payload` is `get_json()`
                elif node.attr in _LOGIN_CHECKS and (owner or "").endswith("current_user"):
                    login = True
                elif node.attr == "session" and owner == "flask" and id(node) not in discarded:
                    session = True  # NOTE: `import flask` then `flask.session[...]`.
                kept_user = kept_user or self._reads_kept_user(node, owner)
            elif isinstance(node, ast.Name) and (qualified := self.ctx.qualified(node)):
                session = session or (qualified == _SESSION and id(node) not in discarded)
                user = user or qualified in _CURRENT_USERS
            elif isinstance(node, ast.Call) and len(calls) < _MAX_CALLS:
                name = self.ctx.call_name(node) or ""
                html = (
                    html
                    or (name in RENDERERS and renders_page(self.ctx, node))
                    or sends_html_file(self.ctx, node, name)
                )
                callee = self.ref(node.func) or name or self._built_method(node.func)
                calls.add(callee)
                upgrades = upgrades or (
                    name.rsplit(".", 1)[-1] == "redirect" and redirects_to_https(self.ctx, node)
                )
                handed = handed_check(self.ctx, node, callee)
                if handed is not None:
                    tails = {callee, "." + callee.rsplit(".", 1)[-1]}
                    (handed_checks if handed else unhanded_checks).update(tails)
                login = login or tests_fresh_login(name)
                (tokenless if self._csrf_off(node) else checked).add(callee)
                if isinstance(node.func, ast.Attribute):
                    calls.add("." + node.func.attr)
                    if self._webargs and self._parses_json(node, node.func):
                        reads.add("json")
                headers.extend(self._header_call(node))
            elif isinstance(node, ast.Assign):
                headers.extend(self._header_assign(node))
                refused_names.update(_refusing_status_set(node))
        denies = denies or bool(returned_names & refused_names)
        writes_none, put_off = view_writes(self.ctx, function)
        return BodyFacts(
            frozenset(reads),
            frozenset(calls),
            session,
            login,
            html,
            tuple(headers),
            denies,
            refuses_anonymous(self.ctx, function),
            writes_none,
            verifies_caller(self.ctx, function),
            frozenset(tokenless - checked),
            user,
            frozenset(call if isinstance(call, str) else self._callee(call) for call in put_off),
            request_headers=frozenset(asked),
            returns_value=returns,
            delegates_to=self._delegated(function),
            checked_by=self._asked(function),
            refuses_falsy_user=user and refuses_anonymous(self.ctx, function, falsy_user=True),
            admits_anonymous=login and admits_anonymous(self.ctx, function),
            destination_reads=destination_reads(self.ctx, request_attributes),
            reads_user_on_g=kept_user,
            handed_checks=frozenset(handed_checks - unhanded_checks),
            checks_access=access,
            refuses_with_status=refuses_with_status,
            redirects_to_https=upgrades,
        )

    @staticmethod
    def _reads_kept_user(node: ast.Attribute, owner: str | None) -> bool:
        """`g.user`, `g.session.user` read (not set): the user the project keeps on `g`."""
        return (
            isinstance(node.ctx, ast.Load)
            and owner is not None
            and owner.startswith(_REQUEST_GLOBALS)
            and is_signed_in_user(f"{owner}.{node.attr}")
        )

    def _asked(self, function: ast.AST) -> str:
        """The reference of the predicate the body's first act refuses the request on
        (`caller_predicates.asked_predicate`), or ""."""
        asked = asked_predicate(self.ctx, function)
        return "" if asked is None else self.ref(asked) or ""

    def _delegated(self, function: ast.AST) -> str:
        """The function whose call the body only returns (`return update_pool(name)`;
        a docstring aside), or ""."""
        body = getattr(function, "body", None)
        if not isinstance(body, list):
            return ""
        statements = after_docstring(body)
        if len(statements) != 1 or not isinstance(statements[0], ast.Return):
            return ""
        value = statements[0].value
        if not isinstance(value, ast.Call) or not isinstance(value.func, ast.Name | ast.Attribute):
            return ""
        return self.ref(value.func) or ""

    def _callee(self, call: ast.Call) -> str:
        return self.ref(call.func) or self.ctx.call_name(call) or ""

    def _parses_json(self, call: ast.Call, func: ast.Attribute) -> bool:
        """webargs' `parser.parse(schema, request, location="json")`: it reads the body
        only when its type is JSON (`Parser.load_json`), as `request.json` does."""
        if func.attr not in {"parse", "async_parse"}:
            return False
        location = next((k.value for k in call.keywords if k.arg == "location"), None)
        return isinstance(location, ast.Constant) and location.value == "json"

    def _restx_api(self, node: ast.expr) -> bool:
        """A Flask-RESTX (or Flask-RESTPlus) `Api` or `Namespace` this module makes:
        `api = Api(blueprint)`, `ns = api.namespace("alias")`, `Namespace("alias")`, also
        of an `Api` another module makes (`from app.api import api`) when the module uses
        Flask-RESTX and routes a class with the namespace (`@ns.route("/<id>")`)."""
        made = self.ctx.scopes.made_by(node) if isinstance(node, ast.Name) else None
        if not isinstance(made, ast.Call):
            return False
        if self.ctx.call_name(made) in RESTX_APIS:
            return True
        func = made.func
        if not isinstance(func, ast.Attribute) or func.attr != "namespace":
            return False
        if self.ctx.origin(func.value) in RESTX_APIS:
            return True
        routes = isinstance(node, ast.Name) and node.id in _resource_routers(self.ctx)
        return routes and self._imported_api(func.value)

    def _imported_api(self, node: ast.expr) -> bool:
        """An imported name (`api` of `from app.api import api`) in a module that uses
        Flask-RESTX or Flask-RESTPlus."""
        return (
            isinstance(node, ast.Name)
            and self.ctx.scopes.made_by(node) is None
            and node.id in self.aliases
            and any(self.ctx.names.imports(package) for package in _RESTX_PACKAGES)
        )

    def _csrf_off(self, call: ast.Call) -> bool:
        """`CommentForm(meta={"csrf": False})`, or Flask-WTF's older
        `csrf_enabled=False`: a form built with its token check turned off."""
        for keyword in call.keywords:
            if keyword.arg not in _CSRF_OPTIONS:
                continue  # NOTE: evaluate only the two keywords, not every call's arguments
            value = self.ctx.evaluate(keyword.value)
            if keyword.arg == "csrf_enabled" and value is False:
                return True
            if isinstance(value, dict) and value.get("csrf") is False:
                return True
        return False

    def _built_method(self, func: ast.expr) -> str:
        """`pkg.Page().save` for `Page(path).save`: a method called on the object a call of
        a name spelt as a class's builds, which `Index.bound_method` resolves as it does
        `page.save` after `page = Page(path)`; else ""."""
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call)):
            return ""
        made_by = self.ref(func.value.func)
        if made_by is None or not made_by.rpartition(".")[2][:1].isupper():
            return ""
        return f"{made_by}().{func.attr}"

    def refuses(self, node: ast.AST) -> bool:
        """Whether `node` turns the request away as unauthorised, as a view's body would
        (`BodyFacts.denies`): a call (`abort(403)`, `raise Forbidden()`) or a return of a
        refusal (`return "denied", 403`)."""
        if isinstance(node, ast.Call):
            return self._denies(node)
        if isinstance(node, ast.Return):
            return _denial_status(node.value) or _denial_helper(node.value)
        return False

    def _denies(self, call: ast.Call) -> bool:
        """`abort(403)`, `abort(401)`, `Forbidden()`, `make_response(body, 403)`,
        `Response(body, status=401)`, Flask-Principal's `with permission.require():`, a
        raised exception of the project given the status (`raise AuthError(message, 401)`,
        `raise InvalidRequest(errors, status_code=403)`, which its error handler answers
        with) or named for it (`raise Forbidden403(message)`): the request is refused as
        unauthorised."""
        name = self.ctx.call_name(call) or ""
        if name in _DENIALS or name.rsplit(".", 1)[-1] in _DENIAL_CLASSES:
            return True
        if permission_require(name) and isinstance(self.ctx.parent(call), ast.withitem):
            return True  # NOTE: `with admin_permission.require():` raises for the others
        parent = self.ctx.parent(call)
        if isinstance(parent, ast.Raise) and parent.exc is call:
            # NOTE: `raise Forbidden403(...)`: an exception named for the refusal, as
            # Werkzeug's are, is the project's own for that status.
            return _raises_denial(call) or _denial_helper(call)
        if name in _RESPONSES:
            return _denial_status(self.ctx.argument(call, 1, "status"))
        code = call.args[0] if call.args else None
        if isinstance(code, ast.Name):
            code = _parameter_default(self.ctx, code) or code
        return (name in ABORTS or _abort_wrapper(name)) and _denial_status(code)

    def _header_name(self, attribute: ast.Attribute) -> list[str]:
        """`request.headers["Host"]`, `request.headers.get("X-Forwarded-Proto")`: the
        header's name, lower-cased, when it is a constant."""
        if attribute.attr != "headers":
            return []
        parent = self.ctx.parent(attribute)
        key: ast.expr | None = None
        if isinstance(parent, ast.Subscript):
            key = parent.slice
        elif isinstance(parent, ast.Attribute) and parent.attr == "get":
            call = self.ctx.parent(parent)
            key = call.args[0] if isinstance(call, ast.Call) and call.args else None
        name = self.ctx.evaluate(key) if key is not None else None
        return [name.lower()] if isinstance(name, str) else []

    def _forced_json(self, attribute: ast.Attribute) -> bool:
        """`request.get_json(force=True)`: parses the body whatever its type, like `data`."""
        call = self.ctx.parent(attribute)
        if attribute.attr != "get_json" or not isinstance(call, ast.Call):
            return False
        force = self.ctx.argument(call, 0, "force")
        return force is not None and self.ctx.evaluate(force) is not False

    def _header_call(self, call: ast.Call) -> list[tuple[str, object]]:
        func = call.func
        if not (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Attribute)
            and func.value.attr == "headers"
        ):
            return []
        if func.attr in {"update", "extend"}:
            return self._header_update(call)
        if func.attr not in _HEADER_METHODS:
            return []
        given = self.ctx.argument(call, 0)
        name = self.ctx.evaluate(given)
        if not isinstance(name, str):
            return self._copied(looped_headers(self.ctx, given, self.ctx.argument(call, 1)))
        return [(name.lower(), self.value(self.ctx.argument(call, 1)))]

    def _copied(self, entries: list[tuple[ast.expr, ast.expr | None]]) -> list[tuple[str, object]]:
        """Each entry with a constant name: (lower-case name, value)."""
        found = []
        for key, value in entries:
            name = self.ctx.evaluate(key)
            if isinstance(name, str):
                found.append((name.lower(), self.value(value) if value is not None else UNKNOWN))
        return found

    def _header_update(self, call: ast.Call) -> list[tuple[str, object]]:
        """`response.headers.update({"X-Frame-Options": "DENY"})` (or keywords, or
        `extend`): each constant name with its value."""
        found = [
            (keyword.arg.replace("_", "-").lower(), self.value(keyword.value))
            for keyword in call.keywords
            if keyword.arg is not None
        ]
        given = call.args[0] if call.args else None
        if isinstance(given, ast.Name):
            found.extend(self._copied(list(dict_entries(self.ctx, given) or ())))
        elif isinstance(given, ast.Dict):
            entries = zip(given.keys, given.values, strict=True)
            found.extend(self._copied([(k, v) for k, v in entries if k is not None]))
        return found

    def _header_assign(self, node: ast.Assign) -> list[tuple[str, object]]:
        found = []
        for target in node.targets:
            if (
                isinstance(target, ast.Subscript)
                and isinstance(target.value, ast.Attribute)
                and target.value.attr == "headers"
            ):
                name = self.ctx.evaluate(target.slice)
                if isinstance(name, str):
                    found.append((name.lower(), self.value(node.value)))
                else:
                    found.extend(self._copied(looped_headers(self.ctx, target.slice, node.value)))
        return found


def _params(function: ast.AST) -> set[str]:
    args = getattr(function, "args", None)
    if not isinstance(args, ast.arguments):
        return set()
    every = (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg)
    return {arg.arg for arg in every if arg is not None}


def _value_returned(node: ast.expr | None) -> bool:
    """`return response`, not a bare `return` nor `return None`."""
    return node is not None and not (isinstance(node, ast.Constant) and node.value is None)


def _denial_status(node: ast.expr | None) -> bool:
    """A 401 or 403 status, alone or as the status of a `return body, 403` tuple, or an
    error page the project builds for one (`return error_page(error=401, message=m)`,
    `return render_error(403)`)."""
    if isinstance(node, ast.Tuple) and len(node.elts) >= 2:
        node = node.elts[1]
    if isinstance(node, ast.Call):
        given = [k.value for k in node.keywords] + node.args[:1]
        return any(_denial_status(value) for value in given if not isinstance(value, ast.Call))
    return (isinstance(node, ast.Constant) and node.value in _DENIAL_CODES) or _named_denial(node)


_STATUS_ATTRIBUTES = frozenset({"status_code", "status"})


def _refusing_status_set(node: ast.Assign) -> Iterator[str]:
    """The names whose response `node` gives a 401 or 403 status (`response.status_code =
    401`, werkzeug's settable `Response.status_code`): returned, the response refuses the
    request as `return body, 401` does."""
    if isinstance(node.value, ast.Call) or not _denial_status(node.value):
        return
    for target in node.targets:
        if (
            isinstance(target, ast.Attribute)
            and target.attr in _STATUS_ATTRIBUTES
            and isinstance(target.value, ast.Name)
        ):
            yield target.value.id


def _status_beside_message(node: ast.expr | None) -> bool:
    """A returned call given a 401 or 403 status after its first argument (`return
    json_with_status("Access denied.", 403)`): a response of the project's refusing the
    request, the message first."""
    if not isinstance(node, ast.Call):
        return False
    return any(
        (isinstance(value, ast.Constant) and value.value in _DENIAL_CODES) or _named_denial(value)
        for value in node.args[1:]
    )


def _parameter_default(ctx: FileContext, name: ast.Name) -> ast.expr | None:
    """The default of the parameter `name` reads, when the function never rebinds it
    (`abort(refusal)` in `def check_editable(post, refusal=403)`): the status it refuses
    with unless its caller gives another."""
    function = ctx.scopes.enclosing_function(name)
    if function is None:
        return None
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    pairs = [
        *zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True),
        *zip(args.kwonlyargs, args.kw_defaults, strict=True),
    ]
    default = next((d for arg, d in pairs if arg.arg == name.id), None)
    if default is None:
        return None  # NOTE: most names read are no parameter with a default: no walk
    rebound = any(
        isinstance(node, ast.Name) and node.id == name.id and isinstance(node.ctx, ast.Store)
        for node in ast.walk(function)
    )
    return None if rebound else default


def _raises_denial(call: ast.Call) -> bool:
    """An exception built with a 401 or 403 among its arguments, as a constant or a
    named status (`AuthError("Unauthorized", 401)`, `APIError(status=HTTPStatus.FORBIDDEN)`)."""
    given = [*call.args, *(k.value for k in call.keywords)]
    return any(
        (isinstance(value, ast.Constant) and value.value in _DENIAL_CODES) or _named_denial(value)
        for value in given
    )


_DENIAL_MEMBERS = frozenset({"UNAUTHORIZED", "FORBIDDEN"})
_DENIAL_NAMES = frozenset({"HTTP_401_UNAUTHORIZED", "HTTP_403_FORBIDDEN"})


def _named_denial(node: ast.expr | None) -> bool:
    """`HTTPStatus.UNAUTHORIZED` (also `http.HTTPStatus.FORBIDDEN.value`), an `IntEnum`
    equal to 401 or 403 wherever Flask takes a status, or the constants of DRF's and
    Starlette's `status` modules (`status.HTTP_403_FORBIDDEN`)."""
    if isinstance(node, ast.Attribute) and node.attr == "value":
        node = node.value
    if not isinstance(node, ast.Attribute):
        return False
    if node.attr in _DENIAL_NAMES:
        return True
    return node.attr in _DENIAL_MEMBERS and last_name(node.value) == "HTTPStatus"


def _abort_wrapper(name: str) -> bool:
    """A module's own `abort` (CKAN's `base.abort(403, detail)`, which its toolkit
    re-exports): called with a 401 or 403 status, it refuses the request as Flask's does,
    whether or not the view returns its call (`return base.abort(403)`, a refusal
    `_denial_status` reads already)."""
    module, _, function = name.rpartition(".")
    return function == "abort" and bool(module)


def _denial_helper(node: ast.expr | None) -> bool:
    """A returned call of a helper named for the refusal it builds
    (`return api.send_access_denied_response()`, `return forbidden()`,
    `login_manager.unauthorized()`), not a test of one (`return is_forbidden(path)`)."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    words = identifier_words(name)
    if not words or words[0] in _PREDICATE_WORDS:
        return False
    pairs = set(itertools.pairwise(words))
    return bool(_DENIAL_WORDS.intersection(words) or _DENIAL_PAIRS & pairs)


def _resource_routers(ctx: FileContext) -> frozenset[str]:
    """The names routing a class of the module (`@ns.route("/<id>")` over `class
    Pump(Resource)`), as a namespace another module's `Api` made does; worked out once
    per module."""
    found = ctx.memo.get(_resource_routers)
    if not isinstance(found, frozenset):
        found = ctx.memo[_resource_routers] = frozenset(
            decorator.func.value.id
            for node in ctx.nodes(ast.ClassDef)
            if isinstance(node, ast.ClassDef)
            for decorator in node.decorator_list
            if isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr == "route"
            and isinstance(decorator.func.value, ast.Name)
        )
    return found


_SESSION = "flask.session"


def _session_discards(ctx: FileContext, function: ast.AST) -> set[int]:
    """The uses of Flask's `session` that only throw it away: the owner of a
    `session.clear()` whose result is dropped, and the test of an `if session:` that does
    nothing but that. A view that starts by emptying the session (a sign-in by a token it
    reads, a flush endpoint a service calls) knows no user by it."""
    found: set[int] = set()
    if not ctx.mentions("clear"):
        return found
    for node in body_nodes(function):
        if isinstance(node, ast.If) and not node.orelse and _is_session(ctx, node.test):
            if all(_cleared_session(ctx, statement) for statement in node.body):
                found.add(id(node.test))
        elif (owner := _cleared_session(ctx, node)) is not None:
            found.add(id(owner))
    return found


def _is_session(ctx: FileContext, node: ast.expr) -> bool:
    return ctx.qualified(node) == _SESSION


def _cleared_session(ctx: FileContext, node: ast.AST) -> ast.expr | None:
    """The session of `session.clear()` written as a statement of its own."""
    match node:
        case ast.Expr(value=ast.Call(func=ast.Attribute(value=owner, attr="clear"), args=[])):
            return owner if _is_session(ctx, owner) else None
    return None
