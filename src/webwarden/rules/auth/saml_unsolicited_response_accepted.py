"""WW796: a pysaml2 service provider that accepts SAML responses it never asked for."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.environment import DeployTime
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.saml_settings import is_on, on_unless_set, pysaml2_service_provider
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_OPTION = "allow_unsolicited"


class SamlUnsolicitedResponseAccepted(PythonRule):
    """## What it does
    Finds pysaml2 service provider options (djangosaml2's `SAML_CONFIG`, a dict a Flask
    app loads with `Saml2Config().load(...)`) with `service.sp.allow_unsolicited` true:
    pysaml2 then accepts a response that answers no authentication request of this
    site (IdP-initiated login). pysaml2's default is `False`. A value the environment
    decides, true when the deployment sets nothing, is reported too.

    ## Why is this bad?
    With the option off, pysaml2 accepts a response only in answer to a request this
    site made (its `InResponseTo` must be an outstanding request id, which djangosaml2
    forgets once used), so a response is good once, in the browser that asked for it.
    With it on, any response the identity provider signed for this site logs in until
    its `NotOnOrAfter`: one read from a log, a proxy or a shared computer is replayed,
    and an attacker posts their own response from a page of theirs to log the victim
    into the attacker's account (login CSRF), where what the victim enters is theirs to
    read. Severity is low: the signature, the audience and the validity window are
    still checked, so the attacker needs a genuine response, and the window is minutes.

    ## Known problems
    IdP-initiated login is often wanted (a portal's tiles log users into each
    application); then the finding is the trade-off made, and a short assertion
    lifetime at the identity provider keeps it small. django-saml2-auth turns the
    option on itself and offers no setting for it, so its projects are not reported.
    python3-saml leaves the check to the application (`process_response(request_id=...)`),
    which this rule does not follow.

    ## Example
    ```python
    SAML_CONFIG = {"service": {"sp": {"allow_unsolicited": True}}}
    ```

    ## Fix
    ```python
    SAML_CONFIG = {"service": {"sp": {"allow_unsolicited": False}}}
    ```
    Start every login at the site (SP-initiated), and hand pysaml2 the outstanding
    request ids (djangosaml2 does).

    ## References
    - [CWE-294: Authentication Bypass by Capture-replay](https://cwe.mitre.org/data/definitions/294.html)
    - [pysaml2: configuration, allow_unsolicited](https://pysaml2.readthedocs.io/en/latest/howto/config.html)
    - [djangosaml2: IdP-initiated login](https://djangosaml2.readthedocs.io/contents/setup.html)
    - [OWASP SAML Security Cheat Sheet: unsolicited response](https://cheatsheetseries.owasp.org/cheatsheets/SAML_Security_Cheat_Sheet.html#unsolicited-response-ie-idp-initiated-sso-considerations-for-service-providers)
    """

    code = "WW796"
    name = "saml-unsolicited-response-accepted"
    practice = Practice.AUTHENTICATION
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 294
    message = (
        "`allow_unsolicited` is {value}: pysaml2 accepts SAML responses to no request of this site"
    )
    fix = "set `allow_unsolicited` to `False` and start every login at the site"
    mentions = (_OPTION,)

    def visit_Dict(self, node: ast.Dict, ctx: FileContext) -> Iterator[Finding]:
        service_provider = pysaml2_service_provider(ctx, node)
        if service_provider is None:
            return
        option = service_provider.option(_OPTION, False)
        if option.node is None:
            return
        if is_on(option.value):
            yield self.finding(ctx, option.node, value=f"`{ast.unparse(option.node)}`")
        elif isinstance(option.value, DeployTime) and on_unless_set(option.value):
            shown = f"true unless the deployment sets it ({option.value.describe()})"
            yield self.finding(ctx, option.node, value=shown, confidence=Confidence.MEDIUM)
