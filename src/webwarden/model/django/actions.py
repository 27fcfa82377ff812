"""Django REST framework's extra actions: viewset methods a router routes to URLs of their own.

`@action(detail=True, methods=["post"])` (DRF 3.8 on), and before it `@detail_route` and
`@list_route` (gone in 3.10, and copied by projects that forked DRF 2, like Taiga): a
router adds `prefix/<lookup>/url_path/` (detail) or `prefix/url_path/` for each method so
marked, in the class or a base, and runs it as the view of the HTTP methods listed (GET
alone by default), with the decorator's other keywords (`permission_classes=`,
`authentication_classes=`) set on the viewset for those requests
(`rest_framework/decorators.py`, `SimpleRouter.get_routes`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Location
from webwarden.model.django.extract_views import Decorator, Method, Ref, ViewDef
from webwarden.model.http_methods import named_method

_DETAIL: dict[str, bool | None] = {"action": None, "detail_route": True, "list_route": False}
"""The decorators marking an extra action, and whether their route is a detail route
(None: `action` says so by its `detail=`)."""


@dataclass(frozen=True, slots=True)
class Action:
    """A viewset method routed as an extra action."""

    name: str
    owner: str
    """The class defining the method (the viewset or a project base of it)."""
    methods: tuple[str, ...] | None
    """The HTTP methods it answers, upper case (None: not known)."""
    detail: bool
    url_path: str
    location: Location | None
    decorator: Decorator
    others: tuple[Decorator, ...] = ()
    """The method's other decorators."""
    verifies_caller: bool = False
    """Its body first refuses every request proving no credential (`Method.verifies_caller`)."""
    checks_user: bool = False
    """Its own body checks who the user is (`Method.checks_user`)."""
    self_calls: tuple[str, ...] = ()
    """The methods of its class it calls."""

    @property
    def qualified(self) -> str:
        """The method's qualified name."""
        return f"{self.owner}.{self.name}"

    def keyword(self, key: str) -> object:
        """A keyword of the decorator (`permission_classes`), or `UNKNOWN`."""
        return self.decorator.keyword(key)


def _marks(decorator: Decorator) -> bool:
    short = decorator.name.rpartition(".")[2]
    # NOTE: `action` alone is too common a name (Django's admin has one): DRF's only.
    return short in _DETAIL and (short != "action" or decorator.name.startswith("rest_framework."))


def _methods(decorator: Decorator) -> tuple[str, ...] | None:
    given = decorator.keyword("methods")
    if given is UNKNOWN and decorator.args:
        given = decorator.args[0]
    if given is UNKNOWN or given is None:
        return ("GET",)
    if not isinstance(given, tuple | list):
        return None
    named = [_method_named(m) for m in given]
    if all(m is not None for m in named):
        return tuple(dict.fromkeys(m for m in named if m is not None))
    return None


def _method_named(given: object) -> str | None:
    """`"post"`, or a constant named for the method it holds (`POST`)."""
    if isinstance(given, str):
        return given.upper()
    return named_method(given.name) if isinstance(given, Ref) else None


def action_of(owner: str, method: Method) -> Action | None:
    """The extra action a method of `owner` is, if it is one."""
    marking = [d for d in method.decorators if _marks(d)]
    if not marking:
        return None
    decorator = marking[0]
    detail = _DETAIL[decorator.name.rpartition(".")[2]]
    if detail is None:
        detail = decorator.keyword("detail") is not False
    url_path = decorator.keyword("url_path")
    return Action(
        method.name,
        owner,
        _methods(decorator),
        detail,
        url_path if isinstance(url_path, str) and url_path else method.name,
        method.location,
        decorator,
        tuple(d for d in method.decorators if d is not decorator),
        method.verifies_caller,
        method.checks_user,
        method.self_calls,
    )


def actions(classes: Iterable[ViewDef]) -> list[Action]:
    """The extra actions of a class, given with its project bases nearest first: a
    method the class itself redefines without the decorator is no action."""
    found: dict[str, Action | None] = {}
    for cls in classes:
        for method in cls.methods:
            if method.name not in found:
                found[method.name] = action_of(cls.qualified, method)
    return [action for action in found.values() if action is not None]
