"""WW795: a SAML service provider that requires no signature on the response or the assertion."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.environment import DeployTime
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.saml_settings import (
    SamlEntries,
    SamlOption,
    django_saml2_auth_settings,
    is_off,
    off_unless_set,
    pysaml2_service_provider,
)
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_PYSAML2_DEFAULTS = (
    ("want_response_signed", True),
    ("want_assertions_signed", False),
    ("want_assertions_or_response_signed", False),
)
"""pysaml2's `Base.__init__` (client_base.py) defaults."""
_DJANGO_SAML2_AUTH_DEFAULTS = (("WANT_RESPONSE_SIGNED", True), ("WANT_ASSERTIONS_SIGNED", True))
"""django-saml2-auth's `get_saml_client` defaults (it hands both to pysaml2)."""


class SamlUnsignedAssertionAccepted(PythonRule):
    """## What it does
    Finds SAML service provider settings that require no signature at all: pysaml2's
    `service.sp` options (djangosaml2's `SAML_CONFIG`, a dict a Flask app loads with
    `Saml2Config().load(...)`) with `want_response_signed` false and neither
    `want_assertions_signed` nor `want_assertions_or_response_signed` true (pysaml2's
    defaults: `True`, `False`, `False`), and django-saml2-auth's `SAML2_AUTH` with both
    `WANT_RESPONSE_SIGNED` and `WANT_ASSERTIONS_SIGNED` false (both default to `True`).
    Requiring either signature is enough and is not reported. An option whose value the
    environment decides, false when the deployment sets nothing, is reported at low
    severity.

    ## Why is this bad?
    The identity provider's signature is what makes a SAML response proof of a login.
    pysaml2 checks the signatures it is told to require; with none required it accepts
    an unsigned assertion (it only logs a warning), so anyone who can post to the
    assertion consumer service writes a response naming any user, the administrator
    included, and is logged in as them: authentication bypass.

    ## Known problems
    python3-saml is not concerned: it refuses a response with neither signature
    whatever `wantAssertionsSigned` and `wantMessagesSigned` say. Options set after the
    dict is built (`config["service"]["sp"].update(...)`) and a dict loaded from a file
    at run time are not followed.

    ## Example
    ```python
    SAML_CONFIG = {
        "entityid": "https://app.example.com/saml2/metadata/",
        "service": {"sp": {"want_response_signed": False}},
    }
    ```

    ## Fix
    ```python
    SAML_CONFIG = {
        "entityid": "https://app.example.com/saml2/metadata/",
        "service": {"sp": {"want_response_signed": False, "want_assertions_signed": True}},
    }
    ```
    Require the signature of the assertion (it travels with the user's attributes),
    or of the whole response, whichever the identity provider signs.

    ## References
    - [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)
    - [pysaml2: configuration, want_response_signed and want_assertions_signed](https://pysaml2.readthedocs.io/en/latest/howto/config.html)
    - [djangosaml2: configuration](https://djangosaml2.readthedocs.io/contents/setup.html)
    - [django-saml2-auth: settings](https://github.com/grafana/django-saml2-auth#module-settings)
    - [OWASP SAML Security Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/SAML_Security_Cheat_Sheet.html)
    """

    code = "WW795"
    name = "saml-unsigned-assertion-accepted"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 347
    message = "`{option}` is {value} and no other signature is required: {library} accepts an unsigned SAML assertion"
    fix = "require the identity provider's signature on the assertion or on the response"
    mentions = (("want_response_signed", "WANT_RESPONSE_SIGNED"),)

    def visit_Dict(self, node: ast.Dict, ctx: FileContext) -> Iterator[Finding]:
        service_provider = pysaml2_service_provider(ctx, node)
        if service_provider is not None:
            yield from self._judge(ctx, service_provider, _PYSAML2_DEFAULTS, "pysaml2")
            return
        saml2_auth = django_saml2_auth_settings(ctx, node)
        if saml2_auth is not None:
            yield from self._judge(
                ctx, saml2_auth, _DJANGO_SAML2_AUTH_DEFAULTS, "django-saml2-auth"
            )

    def _judge(
        self,
        ctx: FileContext,
        entries: SamlEntries,
        defaults: tuple[tuple[str, bool], ...],
        library: str,
    ) -> Iterator[Finding]:
        options = [entries.option(key, default) for key, default in defaults]
        if not all(is_off(o.value) or off_unless_set(o.value) for o in options):
            return
        written = next((o for o in options if o.node is not None), None)
        if written is None or written.node is None:
            return
        deployed = any(off_unless_set(o.value) for o in options)
        yield self.finding(
            ctx,
            written.node,
            severity=Severity.LOW if deployed else None,
            option=written.key,
            value=_shown(written),
            library=library,
        )


def _shown(option: SamlOption) -> str:
    """`False`, or how the environment sets it."""
    if isinstance(option.value, DeployTime):
        return f"false unless the deployment sets it ({option.value.describe()})"
    return f"`{ast.unparse(option.node)}`" if option.node is not None else "left out"
