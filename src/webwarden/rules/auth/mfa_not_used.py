"""WW749: users log in with a password alone; no multi-factor package is used."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._project import entries_by_application, protections
from webwarden.rules.base import ProjectRule


class MfaNotUsed(ProjectRule):
    """## What it does
    Reports, once per project, that users log in (see WW748 for what counts as a login
    entry point) and no multi-factor authentication package is used: django-otp,
    django-two-factor-auth (or maykin-2fa, which wraps it for the Django admin),
    django-allauth MFA, django-mfa2, django-trench, django-rest-mfa, PyOTP, otpauth,
    py_webauthn, python-fido2, Duo, Flask-Security's two-factor or WebAuthn, passlib's
    TOTP, nor one-time codes the project computes itself (an HMAC truncated as RFC 4226
    says: masked with `0x7FFFFFFF`, reduced modulo a power of ten). Informational (low
    severity).

    ## Why is this bad?
    A password alone falls to phishing, reuse from another site's leak and guessing.
    A second factor (a TOTP app, a security key, WebAuthn passkeys) stops those,
    at least for administrators and sensitive actions such as changing the e-mail
    address, the password or payment details.

    ## Known problems
    MFA provided outside the application (single sign-on through an identity provider,
    an authenticating proxy) is invisible in the code; record it as an accepted risk.
    A login handed to single sign-on in the code is no entry point (see WW748: the
    Django admin's, when the project installs an admin site whose `login` redirects
    to the identity provider, or whose URLconf routes the admin's `login/` to a view of
    its own above the site), nor is any login of a Django project whose
    `AUTHENTICATION_BACKENDS` check no password (see WW748: a backend reading a single
    sign-on proxy's headers, or the project's subclass of an OpenID Connect library's
    backend), nor of one whose middleware refuses every request without
    the header such a proxy sets (see WW748): the proxy's login is the one users pass.

    ## Example
    ```python
    from django.contrib.auth import authenticate, login

    def sign_in(request):
        user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
        login(request, user)
    ```

    ## Fix
    ```python
    import django_otp
    from django.contrib.auth import authenticate, login

    def sign_in(request):
        user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
        login(request, user)
        if not django_otp.user_has_device(user):
            return redirect_to_device_setup(request)
    ```

    ## References
    - [CWE-308: Use of Single-factor Authentication](https://cwe.mitre.org/data/definitions/308.html)
    - [OWASP Multifactor Authentication Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Multifactor_Authentication_Cheat_Sheet.html)
    - [django-otp](https://django-otp-official.readthedocs.io/)
    """

    code = "WW749"
    name = "mfa-not-used"
    practice = Practice.AUTHENTICATION
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 308
    message = "users log in with a password alone ({what}); no multi-factor package is used"
    fix = "offer a second factor (TOTP, WebAuthn) at least for staff and sensitive actions"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        for application, entries in entries_by_application(project).items():
            if not protections(project, "mfa", application):
                yield self.make_finding(entries[0].location, key="mfa", what=entries[0].what)
