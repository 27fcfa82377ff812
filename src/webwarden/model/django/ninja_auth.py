"""The authentication each Django Ninja operation of a project gets, joining the modules'
facts (`model.django.ninja`) by qualified name: its own `auth=`, else its router's (as
made, or as the `add_router` calls mounting it give it), else its API's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from webwarden.model.django.ninja import (
    COOKIE_AUTHENTICATORS,
    NINJA_FACTS,
    SESSION_LAMBDA,
    Auth,
    AuthArg,
    NinjaFacts,
    NinjaHolder,
    NinjaMount,
    NinjaOperation,
)
from webwarden.model.project import ProjectModel


class Credential(Enum):
    """What a request must carry to pass an operation's authentication, from the least a
    forged cross-site request can carry to the most."""

    NONE = 0
    """No authentication."""
    SESSION = 1
    """The session cookie, through a function or class of the project reading the
    request's user, with no CSRF check."""
    COOKIE = 2
    """The session cookie, through Ninja's cookie authentication: the CSRF token too, on
    unsafe requests only."""
    HEADER = 3
    """Something a browser does not send to another site's page by itself (a bearer
    token, an API key header), or authentication webwarden cannot read."""


@dataclass(frozen=True, slots=True)
class OperationAuth:
    """The authentication of an operation, and the session authenticator giving it."""

    credential: Credential
    via: str = ""
    """For `SESSION`: the authenticator's qualified name, or `SESSION_LAMBDA`."""


_NO_AUTH = OperationAuth(Credential.NONE)
_UNREAD = OperationAuth(Credential.HEADER)


@dataclass(frozen=True, slots=True)
class LocatedOperation:
    """An operation of a Ninja holder of the project, and where it is."""

    relpath: str
    module: str
    operation: NinjaOperation

    @property
    def qualname(self) -> str:
        """The operation function's qualified name."""
        return (
            f"{self.module}.{self.operation.function}" if self.module else self.operation.function
        )


class NinjaProject:
    """The project's Ninja holders, mounts and operations (test code left out)."""

    def __init__(self, project: ProjectModel) -> None:
        self.holders: dict[str, NinjaHolder] = {}
        self._mounts: dict[str, list[NinjaMount]] = {}
        self._sessions: set[str] = {SESSION_LAMBDA}
        self._cookies: set[str] = set(COOKIE_AUTHENTICATORS)
        operations: list[LocatedOperation] = []
        for summary in project.modules.values():
            facts = summary.facts.get(NINJA_FACTS)
            if summary.is_test or not isinstance(facts, NinjaFacts):
                continue
            prefix = f"{summary.module}." if summary.module else ""
            for holder in facts.holders:
                self.holders[prefix + holder.name] = holder
            for mount in facts.mounts:
                self._mounts.setdefault(mount.router, []).append(mount)
            operations += (
                LocatedOperation(summary.relpath, summary.module, o) for o in facts.operations
            )
            self._sessions.update(prefix + name for name in facts.authenticators)
            self._cookies.update(prefix + name for name in facts.cookie_authenticators)
        self.operations = [o for o in operations if o.operation.holder in self.holders]
        """The operations of the project's Ninja APIs and routers."""
        self.apis = [h for h in self.holders.values() if h.is_api]
        by_api = sorted((self._holder_own(h) for h in self.apis), key=_strength)
        self._unmounted = by_api[-1] if by_api else _NO_AUTH
        """What a router no `add_router` mounts inherits: the best of the APIs'."""

    def auth(self, operation: NinjaOperation) -> OperationAuth:
        """The authentication the operation gets."""
        own = self._argument(operation.auth)
        return self._inherited(operation.holder, set()) if own is None else own

    def _argument(self, auth: AuthArg) -> OperationAuth | None:
        """What an `auth=` argument gives (None: unset, inherited). Ninja tries each of a
        list in turn: the weakest decides what a forged request needs."""
        if auth.state is Auth.UNSET:
            return None
        if auth.state is Auth.NONE:
            return _NO_AUTH
        if not auth.authenticators:
            return _UNREAD
        each = [self._authenticator(name) for name in auth.authenticators]
        return min(each, key=_strength)

    def _authenticator(self, name: str) -> OperationAuth:
        if name in self._sessions:
            return OperationAuth(Credential.SESSION, name)
        if name in self._cookies:
            return OperationAuth(Credential.COOKIE)
        return _UNREAD

    def _holder_own(self, holder: NinjaHolder) -> OperationAuth:
        if holder.checks_csrf:
            return OperationAuth(Credential.COOKIE)  # NOTE: Ninja before 1.0's `csrf=True`
        own = self._argument(holder.auth)
        return _NO_AUTH if own is None else own

    def _inherited(self, name: str, seen: set[str]) -> OperationAuth:
        """What the operations of the holder `name` inherit (`HEADER` when the holder
        cannot be found: it may set some)."""
        holder = self.holders.get(name)
        if holder is None or name in seen:
            return _UNREAD
        seen.add(name)
        if holder.is_api or holder.auth.state is not Auth.UNSET:
            return self._holder_own(holder)
        mounts = self._mounts.get(name, [])
        if not mounts:
            return self._unmounted
        # NOTE: mounted twice, the stronger mount may be the only one served
        each = [self._argument(m.auth) or self._inherited(m.parent, seen) for m in mounts]
        return max(each, key=_strength)


def _strength(auth: OperationAuth) -> int:
    return auth.credential.value
