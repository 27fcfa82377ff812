"""Following a password through the project's functions to a hash (see `Relays`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from webwarden.model.auth.facts import AuthFacts, PasswordRelay

MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
"""The attributes a Django model's manager is reached through."""

MANAGER_WRITES = frozenset({"create", "get_or_create", "update_or_create", "update", "bulk_create"})
"""Methods of Django's own `QuerySet`: they hand the keywords to the model as given."""

_HASHING_MANAGER_METHODS = frozenset({"create_user", "create_superuser"})
"""Methods of Django's `UserManager` that hash the password they are given."""

_DEPTH = 8


@dataclass(slots=True)
class Relays:
    """The project's functions taking a password, by qualified name and by method name."""

    functions: dict[str, PasswordRelay]
    methods: dict[str, list[PasswordRelay]] = field(default_factory=dict)
    """Method name -> the class methods so named."""

    @classmethod
    def of(cls, facts: Iterable[AuthFacts]) -> Relays:
        functions: dict[str, PasswordRelay] = {}
        methods: dict[str, list[PasswordRelay]] = defaultdict(list)
        for module in facts:
            for holder in module.password_holders:
                for name in holder.factories:
                    qualname = f"{holder.qualname}.{name}"
                    functions[qualname] = PasswordRelay(qualname, True, True, (), True)
            for relay in module.password_relays:
                functions.setdefault(relay.function, relay)
        for relay in functions.values():
            if relay.method:
                methods[relay.function.rpartition(".")[2]].append(relay)
        return cls(functions, methods)

    def knows(self, callee: str) -> bool:
        """Whether `callee` names a function of the project taking a password."""
        return callee in self.functions

    def hashes(self, callee: str) -> bool:
        """Whether a password handed to `callee` reaches a hash, followed through the
        project's functions and methods (across modules) and its model managers'
        methods (`AccountDB.objects.create_account(...)`, found by name)."""
        return self._hashes(callee, set())

    def methods_hash(self, method: str) -> bool | None:
        """For a call of `method` on an object that cannot be identified: whether every
        class method of the project so named that takes a password hashes it; None
        when no such method takes one."""
        taking = [r for r in self.methods.get(method, ()) if r.reads]
        if not taking:
            return None
        return all(self.hashes(r.function) for r in taking)

    def _hashes(self, callee: str, seen: set[str]) -> bool:
        if callee in seen or len(seen) > _DEPTH:
            return False
        seen.add(callee)
        relay = self.functions.get(callee)
        if relay is not None:
            return relay.hashes or any(self._hashes(c, seen) for c in relay.callees)
        *owner, method = callee.split(".")
        if not MANAGERS.intersection(owner[-1:]) or method in MANAGER_WRITES:
            return False
        if method in _HASHING_MANAGER_METHODS:
            return True
        # NOTE: the manager class a model's `objects` holds is not followed; a method of
        # the project's classes so named is taken for it (`create_account`).
        candidates = self.methods.get(method, [])
        return bool(candidates) and all(self._hashes(c.function, seen) for c in candidates)
