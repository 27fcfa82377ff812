"""SAML single sign-on settings, read as the libraries read them.

pysaml2's configuration dict (`{"service": {"sp": {...}}}`: djangosaml2's `SAML_CONFIG`,
a Flask app's `Saml2Config().load(config)`), python3-saml's settings dict (`{"strict":
..., "sp": {...}, "idp": {...}}`) and django-saml2-auth's `SAML2_AUTH`. A dict is known
by its shape wherever it is written (settings, a function building it, a constant), a
value is evaluated as the deployment gets it (an environment lookup is a `DeployTime`),
and an option left out has its library's default.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import NO_DEFAULT, DeployTime, evaluate_setting
from webwarden.model.module import FileContext

DJANGO_SAML2_AUTH = "SAML2_AUTH"
"""django-saml2-auth's setting, whose options it hands to pysaml2."""


@dataclass(frozen=True, slots=True)
class SamlOption:
    """One option of a SAML configuration dict."""

    key: str
    node: ast.expr | None
    """The value written; None when the option is left out (its library's default)."""
    value: object
    """The value as evaluated (a constant, a `DeployTime`, `UNKNOWN`), else the default."""


class SamlEntries:
    """The literal string-keyed entries of one configuration dict."""

    def __init__(self, ctx: FileContext, display: ast.Dict) -> None:
        self.ctx = ctx
        self.display = display
        self.entries: dict[str, ast.expr] = {}
        self.spread = False
        """A `**other` is merged in: an option left out may be set there."""
        for key, value in zip(display.keys, display.values, strict=True):
            if key is None:
                self.spread = True
            elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                self.entries[key.value] = value

    def option(self, key: str, default: object) -> SamlOption:
        """The option `key`: its evaluated value, else `default` (`UNKNOWN` when a merged
        dict may set it)."""
        node = self.entries.get(key)
        if node is None:
            return SamlOption(key, None, UNKNOWN if self.spread else default)
        return SamlOption(key, node, evaluate_setting(self.ctx, node))

    def nested(self, key: str) -> SamlEntries | None:
        """The entries of the dict under `key`, written there or held by a name."""
        node = self.entries.get(key)
        if isinstance(node, ast.Name):
            node = self.ctx.lookup(node)
        return SamlEntries(self.ctx, node) if isinstance(node, ast.Dict) else None


def pysaml2_service_provider(ctx: FileContext, display: ast.Dict) -> SamlEntries | None:
    """The `service.sp` options of a pysaml2 configuration dict; None for another dict."""
    service = SamlEntries(ctx, display).nested("service")
    return None if service is None else service.nested("sp")


_PYTHON3_SAML_KEYS = frozenset({"idp", "security", "strict"})
"""Keys that, beside `sp`, make a dict python3-saml's settings: Flask-AppBuilder's
`SAML_CONFIG` leaves `idp` to each of its `SAML_PROVIDERS` and merges it in."""


def python3_saml_settings(ctx: FileContext, display: ast.Dict) -> SamlEntries | None:
    """A python3-saml settings dict (naming `sp` and one of `idp`, `security`,
    `strict`); None for another dict."""
    found = SamlEntries(ctx, display)
    keys = found.entries.keys()
    return found if "sp" in keys and not _PYTHON3_SAML_KEYS.isdisjoint(keys) else None


def django_saml2_auth_settings(ctx: FileContext, display: ast.Dict) -> SamlEntries | None:
    """The dict a module assigns to `SAML2_AUTH` (django-saml2-auth); None for another."""
    parent = ctx.parent(display)
    if not isinstance(parent, ast.Assign | ast.AnnAssign) or parent.value is not display:
        return None
    targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
    if not any(isinstance(t, ast.Name) and t.id == DJANGO_SAML2_AUTH for t in targets):
        return None
    return SamlEntries(ctx, display)


def is_off(value: object) -> bool:
    """The value is known false: the library reads the option as switched off."""
    return _known(value) and not value


def is_on(value: object) -> bool:
    """The value is known true (pysaml2 and python3-saml test options for truth, so
    the text `"false"` is true to them)."""
    return _known(value) and bool(value)


def _known(value: object) -> bool:
    return value is not UNKNOWN and value is not NO_DEFAULT and not isinstance(value, DeployTime)


def off_unless_set(value: object) -> bool:
    """The environment decides the value, which is false when the deployment sets
    nothing."""
    return isinstance(value, DeployTime) and is_off(value.if_unset)


def on_unless_set(value: object) -> bool:
    """The environment decides the value, which is true when the deployment sets
    nothing."""
    return isinstance(value, DeployTime) and is_on(value.if_unset)
