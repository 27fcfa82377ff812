"""WW607: `CSRF_TRUSTED_ORIGINS` listing a plain-HTTP origin."""

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
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_Reader = Callable[[str], FileContext | None]
_READER: ContextVar[_Reader | None] = ContextVar("_READER", default=None)
"""The project's module reader while the rule runs: a list the settings build in a loop
(`origins.extend([f"http://{host}", ...])`) has no value the model knows, so its pieces
are read from the module's source."""


class DjangoCsrfTrustedOriginsHttp(DjangoSettingRule):
    """## What it does
    Finds `CSRF_TRUSTED_ORIGINS` entries with the `http://` scheme
    (`"http://app.example.com"`), also when the list is built from a configured host
    name (`[f"http://{host}", f"https://{host}"]`). Not an origin on this machine
    (`http://localhost:8000`, `http://127.0.0.1`), which no network separates from the
    browser.

    ## Why is this bad?
    Over HTTPS, Django's CSRF check refuses a request whose `Origin` is not the site's
    own HTTPS origin or a trusted one: that is what keeps a network attacker, who can
    inject a page into any plain-HTTP site the victim opens, from forging requests. An
    `http://` origin in the list is a page such an attacker writes: served in clear
    text, it can set the CSRF cookie (cookies do not tell the schemes apart) and post
    to the HTTPS site with an `Origin` that passes.

    ## Example
    ```python
    MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
    CSRF_TRUSTED_ORIGINS = ["http://app.example.com", "https://app.example.com"]
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
    CSRF_TRUSTED_ORIGINS = ["https://app.example.com"]
    ```
    List only HTTPS origins; serve the site over HTTPS only (`SECURE_SSL_REDIRECT`, HSTS).

    ## References
    - [CWE-352: Cross-Site Request Forgery](https://cwe.mitre.org/data/definitions/352.html)
    - [Django: CSRF_TRUSTED_ORIGINS](https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins)
    - [Django: How CSRF protection works](https://docs.djangoproject.com/en/stable/ref/csrf/#how-it-works)
    """

    code = "WW607"
    name = "django-csrf-trusted-origins-http"
    practice = Practice.CSRF
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 352
    message = "`CSRF_TRUSTED_ORIGINS` trusts the plain-HTTP origin `{origin}`: a network attacker can write its pages"
    fix = "list only `https://` origins in `CSRF_TRUSTED_ORIGINS`"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        token = _READER.set(project.read_module)
        try:
            found = list(super().check(project))
        finally:
            _READER.reset(token)
        yield from found

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("CSRF_TRUSTED_ORIGINS"):
            value = possibility.shipped
            if isinstance(value, list | tuple):
                origins = [o for o in value if isinstance(o, str)]
            else:
                origins = _built_origins(settings, possibility)
            for origin in dict.fromkeys(origins):
                if _plain_http(origin):
                    yield Verdict("CSRF_TRUSTED_ORIGINS", possibility, {"origin": origin})


def _plain_http(origin: str) -> bool:
    scheme, separator, rest = origin.partition("://")
    if scheme.lower() != "http" or not separator:
        return False
    host = rest.split("/", 1)[0]
    if host.startswith("{"):
        return True  # NOTE: a host the deployment configures: any, not this machine
    try:
        name = urlsplit(f"http://{host}").hostname or ""
    except ValueError:
        return True
    return not is_local_host(name)


def _built_origins(settings: SettingsModule, possibility: Possibility) -> list[str]:
    """The texts of the pieces a list the module builds holds (`origins = []`, then
    `origins.extend([f"http://{host}", f"https://{host}"])` in a loop over configured
    hosts, or a comprehension), a value's unknown parts written `{...}` as in the code."""
    read = _READER.get()
    where = possibility.location
    if read is None or where is None:
        return []
    ctx = next(
        (
            c
            for m in (settings.module, *settings.chain)
            if (c := read(m)) and c.relpath == where.path
        ),
        None,
    )
    if ctx is None:
        return []
    value = next(
        (
            n.value
            for n in ctx.tree.body
            if isinstance(n, ast.Assign) and n.lineno == where.line and len(n.targets) == 1
        ),
        None,
    )
    if value is None:
        return []
    pieces = _pieces(value)
    if isinstance(value, ast.Name):
        pieces += [p for n in ast.walk(ctx.tree) for p in _added_to(n, value.id)]
    return [text for piece in pieces if (text := _text(piece))]


def _added_to(node: ast.AST, name: str) -> list[ast.expr]:
    """What `node` puts into the list `name`: `name = [...]`, `name += [...]`,
    `name.append(x)`, `name.extend([...])`."""
    if isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == name for t in node.targets
    ):
        return _pieces(node.value)
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
        return _pieces(node.value) if node.target.id == name else []
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
        return []
    receiver = node.func.value
    if not (isinstance(receiver, ast.Name) and receiver.id == name):
        return []
    if node.func.attr == "append":
        return [node.args[0]]
    return _pieces(node.args[0]) if node.func.attr == "extend" else []


def _pieces(value: ast.expr) -> list[ast.expr]:
    if isinstance(value, ast.List | ast.Tuple | ast.Set):
        return list(value.elts)
    if isinstance(value, ast.ListComp | ast.SetComp | ast.GeneratorExp):
        return [value.elt]
    return []


def _text(piece: ast.expr) -> str:
    """A string constant's text, or an f-string's with `{...}` for what it formats."""
    if isinstance(piece, ast.Constant) and isinstance(piece.value, str):
        return piece.value
    if not isinstance(piece, ast.JoinedStr):
        return ""
    return "".join(
        part.value
        if isinstance(part, ast.Constant) and isinstance(part.value, str)
        else "{" + ast.unparse(getattr(part, "value", part)) + "}"
        for part in piece.values
    )
