"""WW11142: a WebAuthn server that accepts a response made for any origin."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.debug_branches import served_under_debug
from webwarden.model.switches import DEBUG, TESTING, under_switch
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_SERVERS = frozenset(f"fido2.server.{name}" for name in ("Fido2Server", "U2FFido2Server"))
_SERVER = "fido2.server.Fido2Server"
_ORIGIN_POSITION = 2
"""`Fido2Server(rp, attestation=None, verify_origin=None, ...)`: where the check goes
when it is passed by position (`U2FFido2Server` takes an app id first: by keyword only)."""


class WebauthnOriginCheckOff(PythonRule):
    """## What it does
    Finds a python-fido2 WebAuthn server (`Fido2Server`, by keyword or position;
    `U2FFido2Server`, by keyword) given an origin check that accepts every origin: `verify_origin=lambda origin: True`, a
    function whose body only returns a true constant, or a local name some assignment
    binds to one (also as a branch of a conditional expression; `check = None`, then `check = allow_any_origin` in a branch, then
    `Fido2Server(rp, verify_origin=check)`). Where every such assignment sits in the
    body of an `if` that runs only in a developer's environment (`if
    app.config["ENVIRONMENT"] == "development":`, `if settings.DEBUG:`) or under a
    debug or test switch, or an opt-in switch named insecure (`if
    settings.ALLOW_INSECURE_ORIGIN:`), the finding is low.

    ## Why is this bad?
    The server checks that the origin the browser wrote into a registration or sign-in
    response is the site's own: that is what ties a security key's signature to this
    site and not to a page that relayed the challenge (another subdomain under the
    relying party's id, or a client that is no browser). A check that answers yes to
    every origin takes that away. Guarded by the environment's name, it hangs on a
    variable: a deployment that leaves it unset, or sets it to the development value,
    runs without the check.

    ## Known problems
    Only a check written in the same module is read; a callback that tests the origin
    loosely (`origin.endswith("example.com")`) is not judged.

    ## Example
    ```python
    from fido2.server import Fido2Server
    from fido2.webauthn import PublicKeyCredentialRpEntity

    relying_party = PublicKeyCredentialRpEntity(id="example.com", name="Example")
    server = Fido2Server(relying_party, verify_origin=lambda origin: True)
    ```

    ## Fix
    ```python
    from fido2.server import Fido2Server
    from fido2.webauthn import PublicKeyCredentialRpEntity

    relying_party = PublicKeyCredentialRpEntity(id="example.com", name="Example")
    server = Fido2Server(relying_party)
    ```
    Keep the library's own check (the origin must be `https://` on the relying party's
    id or a subdomain of it); for a development server, give the relying party the
    development host instead of turning the check off.

    ## References
    - [CWE-346: Origin Validation Error](https://cwe.mitre.org/data/definitions/346.html)
    - [W3C WebAuthn: verifying an authentication assertion (step: origin)](https://www.w3.org/TR/webauthn-2/#sctn-verifying-assertion)
    - [python-fido2: Fido2Server](https://developers.yubico.com/python-fido2/API_Documentation/autoapi/fido2/server/index.html)
    """

    code = "WW11142"
    name = "webauthn-origin-check-off"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 346
    message = "`{call}(verify_origin={check})` accepts a WebAuthn response made for any origin"
    fix = "drop `verify_origin` so that the library checks the origin against the relying party"
    calls = _SERVERS

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        call = ctx.call_name(node) or ""
        if call not in _SERVERS:
            return
        if call == _SERVER:
            check = ctx.argument(node, _ORIGIN_POSITION, "verify_origin")
        else:
            check = ctx.keyword(node, "verify_origin")
        if check is None:
            return
        accepting = _accepting_bindings(ctx, check)
        if not accepting:
            return
        shown = check.id if isinstance(check, ast.Name) else "lambda ...: True"
        finding = self.finding(ctx, node, call=call.rsplit(".", 1)[-1], check=shown)
        if all(_development_only(ctx, binding) for binding in accepting):
            yield lower_for_context(finding, Severity.LOW, "only in a development environment")
        else:
            yield finding


def _accepting_bindings(ctx: FileContext, check: ast.expr) -> list[ast.AST]:
    """Where the check is bound to a callable accepting every origin: the argument itself
    (a lambda, a function's name) or the assignments of a local name to one."""
    if _accepts_all(ctx, check):
        return [check]
    if not isinstance(check, ast.Name):
        return []
    return [value for value in ctx.scopes.values_of(check) or () if _accepts_all(ctx, value)]


def _accepts_all(ctx: FileContext, value: ast.AST) -> bool:
    """`lambda *args: True`, or the name of a function of the module (or around the call)
    whose body, its docstring aside, only returns a true constant; or a conditional
    expression one branch of which is such (`allow_any if local else None`)."""
    if isinstance(value, ast.IfExp):
        return _accepts_all(ctx, value.body) or _accepts_all(ctx, value.orelse)
    if isinstance(value, ast.Lambda):
        return _true_constant(value.body)
    if not isinstance(value, ast.Name):
        return False
    function = ctx.called_function(value)
    if function is None:
        return False
    body = function.body
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]
    return (
        len(body) == 1
        and isinstance(body[0], ast.Return)
        and body[0].value is not None
        and _true_constant(body[0].value)
    )


def _true_constant(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and bool(node.value)


_DEVELOPERS = DEBUG | TESTING | {"insecure"}
"""Words of a switch a developer turns on: debug, tests, and an opt-in named insecure
(django-allauth's `WEBAUTHN_ALLOW_INSECURE_ORIGIN`, off unless set for a local run)."""


def _development_only(ctx: FileContext, binding: ast.AST) -> bool:
    """Whether the binding sits where only a developer's run goes: under a test of the
    environment's name or of `DEBUG`, or a debug or test switch."""
    return served_under_debug(ctx, binding) or under_switch(ctx, binding, _DEVELOPERS)
