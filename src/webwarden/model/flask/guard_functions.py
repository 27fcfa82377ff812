"""The login-checking decorators of a Flask project, and those checking a token sent in a
header: its own, and those it reaches through an instance of a library's class (an OAuth
provider, a token auth object)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from webwarden.model.flask.app import LOGIN_DECORATORS
from webwarden.model.flask.cookie_authority import body_acts_as_user
from webwarden.model.flask.facts import DecoratorFact, FunctionFact
from webwarden.model.flask.index import Index
from webwarden.model.flask.method_checks import SELF_CALL

MAX_FACTORY_DEPTH = 3
"""Helpers returning helpers returning a form (or a decorator), at most."""

LIBRARY_HEADER_GUARDS = frozenset(
    {
        "flask_oauthlib.provider.OAuth2Provider.require_oauth",
        "flask_oauthlib.provider.oauth2.OAuth2Provider.require_oauth",
        "flask_oauthlib.provider.OAuth1Provider.require_oauth",
        "flask_oauthlib.provider.oauth1.OAuth1Provider.require_oauth",
        "authlib.integrations.flask_oauth2.ResourceProtector.__call__",
        "authlib.integrations.flask_oauth1.ResourceProtector.__call__",
        "authlib.flask.oauth2.ResourceProtector.__call__",
        "flask_httpauth.HTTPTokenAuth.login_required",
    }
)
"""Library decorators that refuse a request without a valid token, read from the
`Authorization` header (or a header or query parameter of the API's choosing), which a
browser never adds by itself: an OAuth resource server's `@oauth.require_oauth()` or
`@require_oauth("profile")`, Flask-HTTPAuth's `HTTPTokenAuth`. (Its `HTTPBasicAuth` and
`HTTPDigestAuth` are left out: their challenge makes the browser keep the password and
send it to every request, another site's too.)"""


def guard_functions(index: Index, *, falsy_user: bool = False) -> set[str]:
    """The project's own login-checking decorators: those whose wrapper checks the login,
    those handing the view to one (`def secure(self, func): return
    self._apply_secure(func)`, `return login_required(func)`), factories returning one
    they define, and functions made into one by such a factory used as a decorator
    (Mailu's `@permissions_wrapper def owner(...)`, used as `@access.owner(...)`). With
    `falsy_user` (an app whose anonymous user is false), also those whose wrapper turns
    away a visitor whose `current_user` is false."""
    seeds = {
        ref
        for ref, function in index.functions.items()
        if function.guards or (falsy_user and function.guards_falsy_user)
    }
    return _delegating_closure(index, seeds, LOGIN_DECORATORS)


def permission_calls(index: Index, calls: Iterable[str]) -> set[str]:
    """Of `calls` (the names views call functions by), those of the project's own
    permission checks: a function that reads `current_user` and refuses the request as
    unauthorised (`abort(403)`, `abort(refusal)` with `refusal=403` its default), or asks
    CKAN's auth function of an action refusing the anonymous (`BodyFacts.checks_access`),
    or one
    calling such a check in turn, through at most `MAX_FACTORY_DEPTH` helpers
    (`_check_editable(post)` handing its JSON refusal to `check_post_editable`)."""
    memo: dict[tuple[str, int], bool] = {}
    return {call for call in set(calls) if _checks_permission(index, call, MAX_FACTORY_DEPTH, memo)}


def _checks_permission(
    index: Index, call: str, depth: int, memo: dict[tuple[str, int], bool]
) -> bool:
    ref = index.canonical(call)
    if (ref, depth) not in memo:
        function = index.functions.get(ref)
        body = function.body if function is not None else None
        memo[ref, depth] = body is not None and (
            (body.reads_user and body.denies)
            or body.checks_access
            or (
                depth > 1 and any(_checks_permission(index, c, depth - 1, memo) for c in body.calls)
            )
        )
    return memo[ref, depth]


MAX_SELF_CALLS = 3
"""Calls on `self` followed from a method a view calls down to its check, at most."""


def checking_methods(
    index: Index, calls: Iterable[str], guarded: Callable[[DecoratorFact], bool]
) -> set[str]:
    """Of `calls` (the names views call functions by), those of a method of an object of a
    project class (`page.rename(new)` after `page = Page(path)`, `Page(path).save(text)`)
    that checks the visitor's right before it stores: a decorator that `guarded` tells is a
    login or permission check sits on it, its leading statements refuse the request as
    unauthorised (`FunctionFact.refuses_first`), or one of the calls they make first is
    such a method of the same object (`self._require_writer()`, through at most
    `MAX_SELF_CALLS` of them) or one of the project's permission checks
    (`permission_calls`). Each method is judged once for every view calling it."""
    memo: dict[tuple[str, str, int], bool] = {}
    checks: dict[tuple[str, int], bool] = {}
    found = set()
    for call in set(calls):
        if not call or call.startswith("."):
            continue
        bound = index.bound_method(index.canonical(call))
        if bound is not None and _method_checks(
            index, *bound, MAX_SELF_CALLS, guarded, memo, checks
        ):
            found.add(call)
    return found


def _method_checks(
    index: Index,
    cls: str,
    ref: str,
    depth: int,
    guarded: Callable[[DecoratorFact], bool],
    memo: dict[tuple[str, str, int], bool],
    checks: dict[tuple[str, int], bool],
) -> bool:
    """Whether the method `ref`, run on an instance of `cls`, checks first."""
    key = (cls, ref, depth)
    if key not in memo:
        memo[key] = False  # NOTE: a method calling itself back checks nothing more
        function = index.functions.get(ref)
        memo[key] = function is not None and (
            any(map(guarded, function.method_decorators))
            or _checks_first(index, cls, function, depth, guarded, memo, checks)
        )
    return memo[key]


def _checks_first(
    index: Index,
    cls: str,
    function: FunctionFact,
    depth: int,
    guarded: Callable[[DecoratorFact], bool],
    memo: dict[tuple[str, str, int], bool],
    checks: dict[tuple[str, int], bool],
) -> bool:
    """Whether one of the method's first calls checks, or its leading statements refuse,
    before a call that may store."""
    for call, kept in function.first_calls:
        if _call_checks(index, cls, call, depth, guarded, memo, checks):
            return True
        if not kept and not _stores_nothing(index, cls, call):
            return False
    return function.refuses_first


def _stores_nothing(index: Index, cls: str, call: str) -> bool:
    """Whether the function or method on `self` a call names provably stores nothing."""
    if call.startswith(SELF_CALL):
        method = index.method_of(cls, call.removeprefix(SELF_CALL))
        function = index.functions.get(method) if method else None
        return function is not None and function.method_stores_through == frozenset()
    function = index.functions.get(index.canonical(call)) if call else None
    return function is not None and function.body is not None and function.body.writes_nothing


def _call_checks(
    index: Index,
    cls: str,
    call: str,
    depth: int,
    guarded: Callable[[DecoratorFact], bool],
    memo: dict[tuple[str, str, int], bool],
    checks: dict[tuple[str, int], bool],
) -> bool:
    if not call.startswith(SELF_CALL):
        return _checks_permission(index, call, MAX_FACTORY_DEPTH, checks)
    method = index.method_of(cls, call.removeprefix(SELF_CALL))
    return (
        depth > 0
        and method is not None
        and _method_checks(index, cls, method, depth - 1, guarded, memo, checks)
    )


def header_guard_functions(index: Index) -> set[str]:
    """The decorators that check a credential read from a header only: the project's
    login checks doing so (`FunctionFact.by_header`), the libraries' token checks
    (`LIBRARY_HEADER_GUARDS`), and the project's handing the view to one of them (an
    OAuth provider's subclass whose `required()` returns `self.require_oauth(*scopes)`)."""
    seeds = {ref for ref, function in index.functions.items() if function.by_header}
    return _delegating_closure(index, seeds | LIBRARY_HEADER_GUARDS, ())


TOKEN_PROXIES = frozenset(
    {"authlib.integrations.flask_oauth2.current_token", "authlib.flask.oauth2.current_token"}
)
"""Authlib's proxy of the token its `ResourceProtector` verified for the request: set by
the protector's decorator from the `Authorization` header, and by nothing else."""


def token_scoped_functions(index: Index) -> set[str]:
    """The project's decorators that ask only the token a library's header check verified
    (Canaille's `@require_permission(p)` reading Authlib's `current_token.subject.can(p)`
    under `@require_oauth()`), and neither the session, `g` nor a login library: what
    they check came in the request's header, not in the browser's cookie."""
    return {
        ref
        for ref, function in index.functions.items()
        if function.body is not None
        and any(_names_token(call) for call in function.body.calls)
        and not body_acts_as_user(function.body)
    }


def _names_token(call: str) -> bool:
    return any(call == proxy or call.startswith(proxy + ".") for proxy in TOKEN_PROXIES)


LIBRARY_BASIC_GUARDS = frozenset(
    {"flask_httpauth.HTTPBasicAuth.login_required", "flask_httpauth.HTTPDigestAuth.login_required",
     "flask_httpauth.MultiAuth.login_required", "flask_basicauth.BasicAuth.required"}
)  # fmt: skip
"""Library decorators that check HTTP Basic or Digest credentials (Flask-HTTPAuth's
`HTTPBasicAuth`, `HTTPDigestAuth` and a `MultiAuth` that may hold one, Flask-BasicAuth's
`@basic_auth.required`): their challenge makes the browser keep what the user typed and
send it again with every request to the site, another site's too."""


def basic_guard_functions(index: Index) -> set[str]:
    """The decorators that check HTTP Basic or Digest credentials: the libraries'
    (`LIBRARY_BASIC_GUARDS`), the project's login checks reading `request.authorization`
    and no other header (the Flask snippet's `requires_auth`), and the project's handing
    the view to one of them."""
    seeds = {
        ref
        for ref, function in index.functions.items()
        if function.by_header
        and "headers" not in function.wrapper_reads
        and "authorization" in function.wrapper_reads
    }
    return _delegating_closure(index, seeds | LIBRARY_BASIC_GUARDS, ())


def names_one_of(index: Index, decorator: str, functions: set[str]) -> bool:
    """Whether the decorator is one of `functions`, also as a method of a class reached
    through an instance (`@api.secure` with `api = ProjectApi(...)`)."""
    return any(ref in functions for ref in decorator_refs(index, decorator))


def wrapper_reads(
    index: Index, decorator: str, reading: dict[str, frozenset[str]]
) -> frozenset[str]:
    """What of the request the wrapper of a project decorator reads, found as
    `names_one_of` finds it."""
    return next((reading[r] for r in decorator_refs(index, decorator) if r in reading), frozenset())


def decorator_refs(index: Index, decorator: str) -> Iterator[str]:
    """The functions a decorator may name: itself, the method of a class reached through
    an instance (`@api.secure` with `api = ProjectApi(...)`, `@oauth.require_oauth()`
    with `oauth = OAuth2Provider(app)`), or the `__call__` of the instance it names
    (`@require_oauth("profile")` with `require_oauth = ResourceProtector()`); methods of
    the class's bases too."""
    canonical = index.canonical(decorator)
    yield canonical
    owner, _, attr = canonical.rpartition(".")
    made_of = index.made_by(owner) if owner else ""
    if made_of and made_of != owner:
        yield from (f"{cls}.{attr}" for cls in (made_of, *index.ancestors(made_of)))
    called = index.made_by(canonical)
    if called and called != canonical:
        yield from (f"{cls}.__call__" for cls in (called, *index.ancestors(called)))


def _delegating_closure(index: Index, guards: set[str], names: tuple[str, ...]) -> set[str]:
    """`guards` and the project functions that hand the view to one of them, or to a
    library decorator whose last name is one of `names`."""
    guards = set(guards)
    for _ in range(MAX_FACTORY_DEPTH):
        makers = {
            ref
            for ref, function in index.functions.items()
            if any(f"{ref}.{r.partition(':')[2]}" in guards for r in function.returns)
        }
        delegating = {
            ref
            for ref, function in index.functions.items()
            if ref not in guards
            and (
                any(_called_guard(index, ref, r, guards, names) for r in function.returns)
                or ref in makers
                or any(index.canonical(d.name) in makers for d in function.decorators)
            )
        }
        if not delegating:
            break
        guards |= delegating
    return guards


def _called_guard(
    index: Index, function_ref: str, returned: str, guards: set[str], names: tuple[str, ...]
) -> bool:
    if not returned.endswith("()"):
        return False
    callee = returned[:-2]
    local, _, attr = callee.partition(":self.")
    if local == function_ref and attr and "." not in attr:
        # NOTE: a method of its class, or one it inherits (an OAuth provider's subclass
        # calling the library's `self.require_oauth(...)`).
        cls = index.canonical(function_ref.rpartition(".")[0])
        inherited = (f"{base}.{attr}" for base in index.ancestors(cls))
        own = index.canonical(f"{cls}.{attr}")
        return own in guards or attr in names or any(ref in guards for ref in inherited)
    if ":" in callee:
        return False
    return index.canonical(callee) in guards or callee.rsplit(".", 1)[-1] in names
