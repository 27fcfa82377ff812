"""Which calls of a Flask app's views may act with the authority the user's cookies give.

A forged cross-site post reaches a view with the victim's cookies; it gains something only
when the view acts on them: the session, the logged-in user (`current_user`, `g`), a
login library, or the `Cookie` and `Authorization` headers the browser adds by itself. A
view of an experiment's participants, a webhook or a public form that reads none of them,
itself or through the project's functions, gives another site nothing it could not do by
calling the view itself.

Conservative: a class of the project (and an object, when the view calls it itself)
counts when its module imports the session, `g` or a login library, or (an object the
view calls itself) the module of the project class or factory that made it does; a method called on
an object the view holds (`.save()`) is not followed, its class being judged where the
view names it.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from webwarden.model.flask.facts import BodyFacts
from webwarden.model.flask.index import Index

_IDENTITY_PACKAGES = (
    "flask_login",
    "flask_security",
    "flask_jwt_extended",
    "flask_principal",
    "flask_user",
    "flask_httpauth",
    "flask_basicauth",
    "flask_praetorian",
    "flask_appbuilder",
)
_IDENTITY_GLOBALS = ("flask.session", "flask.g", "flask.globals.session", "flask.globals.g")
_TOKEN_BUILDERS = frozenset(
    {"flask_jwt_extended.create_access_token", "flask_jwt_extended.create_refresh_token"}
)
"""Flask-JWT-Extended's functions that only build a signed token for the identity given:
they read no cookie and set none (`set_access_cookies` does, and counts)."""
_NAMESPACE_CLASS = "flask_restx.Namespace"
_MAX_MAKERS = 4
_BUILTINS = frozenset(dir(builtins))
_AMBIENT_READS = frozenset({"cookies", "authorization"})
"""What of the request the browser sends by itself: its cookies and Basic credentials."""


def names_identity(ref: str) -> bool:
    """Whether `ref` is the session, `g` or a name of a login library (but its token
    builders, `_TOKEN_BUILDERS`)."""
    if ref in _TOKEN_BUILDERS:
        return False
    return any(ref == name or ref.startswith(name + ".") for name in _IDENTITY_GLOBALS) or (
        ref.split(".", 1)[0] in _IDENTITY_PACKAGES
    )


def body_acts_as_user(body: BodyFacts) -> bool:
    """Whether a body reads the session, the user, or what the browser adds by itself."""
    return (
        body.uses_session
        or body.reads_user
        or body.checks_login
        or bool(body.request_reads & _AMBIENT_READS)
        or any(names_identity(call) for call in body.calls)
    )


def imports_g(index: Index, module: str) -> bool:
    """Whether `module` imports Flask's `g`, which a hook may have given the user."""
    return any(
        ref in ("flask.g", "flask.globals.g") for ref in index.imports.get(module, {}).values()
    )


def authority_calls(
    index: Index, calls: Iterable[str], reached: dict[str, frozenset[str]]
) -> frozenset[str]:
    """Those of `calls` (views' calls, with `reached`: the calls each project function
    makes in turn) that may act with the user's cookie authority."""
    touching = {
        module
        for module, imports in index.imports.items()
        if any(names_identity(ref) for ref in imports.values())
    }
    made = _Makers(index, {module.split(".", 1)[0] for module in index.imports})
    judged: dict[str, bool] = {}

    def reached_acts(call: str) -> bool:
        if call not in judged:
            judged[call] = _acts(index, call, touching, made, direct=False)
        return judged[call]

    return frozenset(
        call
        for call in calls
        if _acts(index, call, touching, made, direct=True)
        or any(map(reached_acts, reached.get(call, ())))
    )


class _Makers:
    """Which library made an object of the project's modules."""

    def __init__(self, index: Index, roots: set[str]) -> None:
        self.index = index
        self.roots = roots
        self.namespaces = {
            index.canonical(n.ref) for _, facts in index.facts for n in facts.namespaces
        }

    def library(self, ref: str) -> str | None:
        """The library callee that made the object `ref` (`log = getLogger(...)`), also
        through methods of objects a library made (`parser = ns.parser()`, `copy =
        parser.copy()` of a Flask-RESTX namespace `ns`); None for an object the project
        makes, or one webwarden cannot trace."""
        for _ in range(_MAX_MAKERS):
            if ref in self.namespaces:
                return _NAMESPACE_CLASS
            made_by = self.index.aliases.get(ref)
            if made_by is None:
                return None
            if made_by.split(".", 1)[0] not in self.roots:
                return made_by
            ref = self.index.canonical(made_by.rpartition(".")[0])
        return None


def _acts(index: Index, call: str, touching: set[str], made: _Makers, *, direct: bool) -> bool:
    """Whether `call` may act as the user. A function whose body is known is judged by
    it; a class (or, called by the view itself, an object) of the project by whether its
    module imports the session, `g` or a login library, but an object of the module that
    a library's call made (`log = logging.getLogger(...)`, a metrics `Counter`) by that
    library. A project function's calls of its module's objects (`SEEN.append(page)`) are
    not screened: its body was judged; nor are methods of a local (`role.touch()`), whose
    maker the view calls too."""
    if call.startswith(".") or "." in call.partition(":")[2]:
        return False  # NOTE: a method of an object the view holds; its class is called too
    ref = index.canonical(call)
    if names_identity(ref):
        return True
    function = index.functions.get(ref)
    if function is not None and function.body is not None:
        return body_acts_as_user(function.body)
    owner, _, name = ref.rpartition(".")
    if owner in index.imports and name in _BUILTINS and ref not in index.bases:
        return False  # NOTE: `len(data)`, named in the module only as Python's own
    library = made.library(owner)
    if library is not None:
        # NOTE: a method of a module's object a library made (`log = getLogger(...)`).
        return names_identity(index.canonical(library))
    maker = index.aliases.get(owner)
    if direct and maker is not None and _maker_touches(index, index.canonical(maker), touching):
        return True  # NOTE: `user_mod = auth.make_authenticator()`: the maker's classes
    parts = ref.split(".")
    for end in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in index.apps or prefix in index.blueprints:
            return False  # NOTE: Flask's own object: `app.logger.info()`, `app.config.get()`
        if (extension := index.extensions.get(prefix)) is not None:
            return names_identity(extension[0].kind)
        if prefix in index.imports:
            return prefix in touching and (direct or ".".join(parts[: end + 1]) in index.bases)
    return False


def _maker_touches(index: Index, maker: str, touching: set[str]) -> bool:
    """Whether the project class or factory that made a module's object (`user_mod =
    authenticators.make_authenticator()`) lives in a module importing the session, `g`
    or a login library: the object's methods are that module's."""
    parts = maker.split(".")
    return any(".".join(parts[:end]) in touching for end in range(len(parts) - 1, 0, -1))
