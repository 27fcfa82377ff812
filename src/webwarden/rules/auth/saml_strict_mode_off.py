"""WW797: python3-saml settings that turn strict mode off."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.environment import DeployTime
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.saml_settings import is_off, off_unless_set, python3_saml_settings
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_OPTION = "strict"


class SamlStrictModeOff(PythonRule):
    """## What it does
    Finds python3-saml (OneLogin's toolkit) settings dicts, those naming `sp` and one
    of `idp`, `security` (Flask-AppBuilder's `SAML_CONFIG`, whose `idp` each of its
    `SAML_PROVIDERS` gives), with `"strict": False`. python3-saml's default is `True` (since 1.8.0); a
    dict leaving the key out is not reported. A value the environment decides, false
    when the deployment sets nothing, is reported at low severity. The same setting in
    a `settings.json` is WW798's.

    ## Why is this bad?
    Out of strict mode python3-saml still wants a valid signature on the response or
    the assertion, but skips every other check of what was signed: the audience (an
    assertion the identity provider issued to another application logs in here), the
    destination and recipient, `InResponseTo`, the validity window (an old response is
    good forever), the issuer, the XML schema and `wantAssertionsSigned` /
    `wantMessagesSigned`. Whoever holds any response the identity provider signed, for
    any of its applications, at any time, logs in as the user it names. The toolkit's
    documentation says strict must be on in production.

    ## Known problems
    `auth.get_settings().set_strict(False)` at run time is not followed.

    ## Example
    ```python
    SAML_SETTINGS = {
        "strict": False,
        "sp": {"entityId": "https://app.example.com/saml/metadata/"},
        "idp": {"entityId": "https://idp.example.com/"},
    }
    ```

    ## Fix
    ```python
    SAML_SETTINGS = {
        "strict": True,
        "sp": {"entityId": "https://app.example.com/saml/metadata/"},
        "idp": {"entityId": "https://idp.example.com/"},
    }
    ```

    ## References
    - [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)
    - [CWE-294: Authentication Bypass by Capture-replay](https://cwe.mitre.org/data/definitions/294.html)
    - [python3-saml: settings, strict](https://github.com/SAML-Toolkits/python3-saml#settings)
    - [OWASP SAML Security Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/SAML_Security_Cheat_Sheet.html)
    """

    code = "WW797"
    name = "saml-strict-mode-off"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 347
    message = "python3-saml's `strict` is {value}: the audience, lifetime and destination of a signed response go unchecked"
    fix = "set `strict` to `True` (python3-saml's default)"
    mentions = (_OPTION, "sp")

    def visit_Dict(self, node: ast.Dict, ctx: FileContext) -> Iterator[Finding]:
        settings = python3_saml_settings(ctx, node)
        if settings is None:
            return
        option = settings.option(_OPTION, True)
        if option.node is None:
            return
        if is_off(option.value):
            yield self.finding(ctx, option.node, value=f"`{ast.unparse(option.node)}`")
        elif isinstance(option.value, DeployTime) and off_unless_set(option.value):
            shown = f"false unless the deployment sets it ({option.value.describe()})"
            yield self.finding(ctx, option.node, value=shown, severity=Severity.LOW)
