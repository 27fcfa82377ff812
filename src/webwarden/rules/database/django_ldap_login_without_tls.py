"""WW346: django-auth-ldap logging users in over a plain `ldap://` connection."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from urllib.parse import urlsplit

from webwarden.analysis.secrets import is_local_host
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django import Possibility, SettingsModule
from webwarden.model.module import FileContext
from webwarden.model.project import ProjectModel
from webwarden.rules.django_settings import DjangoSettingRule, Verdict, beside

_Reader = Callable[[str], FileContext | None]
_READER: ContextVar[_Reader | None] = ContextVar("_READER", default=None)
"""The project's module reader while the rule runs: a URI built from configuration
(`"ldap://{}:{}".format(host, port)`) has no value the model knows, so the text it
starts with is read from the module's source."""
_URI = "AUTH_LDAP_SERVER_URI"
_START_TLS = "AUTH_LDAP_START_TLS"


class DjangoLdapLoginWithoutTls(DjangoSettingRule):
    """## What it does
    Finds django-auth-ldap set up to reach its directory over a plain `ldap://` URL
    (`AUTH_LDAP_SERVER_URI = "ldap://ldap.example.com"`, also one built from
    configuration, `"ldap://{}:{}".format(host, port)`, `f"ldap://{host}"`) while
    `AUTH_LDAP_START_TLS` is not set true, in a settings module that sets the URI. Not
    a directory on this machine (`ldap://localhost`, `ldap://127.0.0.1`), nor
    `ldaps://` or `ldapi://` (a local socket), nor a URI only known at deploy time.

    ## Why is this bad?
    django-auth-ldap logs a user in by binding to the directory as that user with the
    password typed into the login form, and binds first with `AUTH_LDAP_BIND_PASSWORD`
    to search for the user. Without TLS both passwords cross the network in clear
    text, at every login: anyone on the path between the application and the
    directory reads the accounts' passwords, and can answer the searches and binds
    with whatever they like.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions"]
    AUTHENTICATION_BACKENDS = ["django_auth_ldap.backend.LDAPBackend"]
    AUTH_LDAP_SERVER_URI = "ldap://ldap.example.com"
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions"]
    AUTHENTICATION_BACKENDS = ["django_auth_ldap.backend.LDAPBackend"]
    AUTH_LDAP_SERVER_URI = "ldap://ldap.example.com"
    AUTH_LDAP_START_TLS = True
    ```
    Or use an `ldaps://` URL; either way keep the certificate checked (WW344).

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [django-auth-ldap: AUTH_LDAP_START_TLS](https://django-auth-ldap.readthedocs.io/en/latest/reference.html#auth-ldap-start-tls)
    """

    code = "WW346"
    name = "django-ldap-login-without-tls"
    practice = Practice.DATABASE
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 319
    message = (
        "`AUTH_LDAP_SERVER_URI` is the plain `{uri}` and `AUTH_LDAP_START_TLS` is off:"
        " every login sends the user's password to the directory in clear text"
    )
    fix = "set `AUTH_LDAP_START_TLS = True` (or use an `ldaps://` URL)"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        token = _READER.set(project.read_module)
        try:
            found = list(super().check(project))
        finally:
            _READER.reset(token)
        yield from found

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get(_URI):
            if possibility.location is None:
                continue
            uri = _plain_uri(_uri_text(settings, possibility))
            if not uri:
                continue
            if any(_may_start_tls(p) for p in beside(settings, _START_TLS, possibility)):
                continue
            yield Verdict(_URI, possibility, {"uri": uri})


def _may_start_tls(possibility: Possibility) -> bool:
    """Whether a value of `AUTH_LDAP_START_TLS` may turn StartTLS on: any value given
    but `False` (`True`, one only the deployment knows); not the setting left unset,
    which django-auth-ldap takes for `False`."""
    return possibility.location is not None and possibility.shipped is not False


def _plain_uri(text: str) -> str:
    """The first `ldap://` URL of a URI setting (django-auth-ldap hands libldap a list
    separated by spaces) whose host is not this machine; "" when there is none."""
    for uri in text.split():
        scheme, separator, rest = uri.partition("://")
        if scheme.lower() != "ldap" or not separator:
            continue
        host = rest.split("/", 1)[0]
        if host.startswith("{") or not host:
            return uri  # NOTE: a host the deployment configures: any, not this machine
        try:
            name = urlsplit(f"ldap://{host}").hostname or ""
        except ValueError:
            return uri
        if not is_local_host(name):
            return uri
    return ""


def _uri_text(settings: SettingsModule, possibility: Possibility) -> str:
    """The URI's text: the value when known, else the text the expression that sets it
    starts with, its formatted parts written `{...}`."""
    if isinstance(possibility.shipped, str):
        return possibility.shipped
    read = _READER.get()
    where = possibility.location
    if read is None or where is None:
        return ""
    for module in (settings.module, *settings.chain):
        ctx = read(module)
        if ctx is None or ctx.relpath != where.path:
            continue
        for node in ast.walk(ctx.tree):
            if isinstance(node, ast.Assign) and node.lineno == where.line:
                return _leading_text(node.value)
    return ""


def _leading_text(value: ast.expr) -> str:
    """`"ldap://{h}:{p}".format(...)`, `"ldap://%s" % host`, `"ldap://" + host` and
    f-strings: the literal text, with `{...}` for what is filled in at run time."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value
    if isinstance(value, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "{}"
            for part in value.values
        )
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "format"
    ):
        return _leading_text(value.func.value)
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mod | ast.Add):
        return _leading_text(value.left) + "{}"
    return ""
