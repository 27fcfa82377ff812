"""WW841: a signed token the request sent, loaded with no check of its age."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.model.signed_tokens import (
    SIGNED_TOKEN_FACTS,
    UNTIMED,
    SignedTokenFacts,
    serializer_class,
)
from webwarden.rules.base import Framework, ProjectRule

_UNTIMED_NOTE = "a `{kind}` signs no time, so the token never expires"
_NO_MAX_AGE_NOTE = "no `max_age` is given, so its age is never checked"


class SignedTokenNeverExpires(ProjectRule):
    """## What it does
    Finds a token the request sent (`request.json["token"]`, `request.args.get("t")`,
    a view's URL parameter `<token>`, also decoded first, `base64.b64decode(...)`) loaded
    by an itsdangerous serializer or signer that checks no age: a `Serializer`,
    `URLSafeSerializer`, `JSONWebSignatureSerializer` or `Signer`, which sign no time at
    all, or a `URLSafeTimedSerializer`, `TimedSerializer` or `TimestampSigner` whose
    `loads()` (`unsign()`) is given no `max_age`. The serializer may be made in the view,
    held by a name of a module (`ts = URLSafeTimedSerializer(key)`, also imported from
    another), or returned by a function of the project, of any module (`def
    get_serializer(): return Serializer(current_app.config["SECRET_KEY"])`).

    In Django, a token a view's request carries (`request.GET["token"]`,
    `self.request.COOKIES[...]`, a URL's parameter `def confirm(request, token)`) loaded
    by `signing.loads()` or by a `TimestampSigner`'s `unsign()` or `unsign_object()`,
    without `max_age`; and a signed cookie a view reads with
    `request.get_signed_cookie()` without `max_age`: `set_signed_cookie()` signs the
    time, but the cookie's own `max_age` only tells the browser when to drop it, and a
    copy of the cookie stays good on the server.

    ## Why is this bad?
    Such tokens are what e-mailed links carry: confirm an address, reset a password,
    accept an invitation. Signed with no time, or loaded without `max_age`, one stays
    good for as long as the secret key does: a link found months later in a mailbox, a
    forwarded message, a proxy's log or the browser's history still confirms the address
    or opens the account. The signature proves who made the token, not when.

    ## Known problems
    Which token it is is not judged: a token meant to live long (an unsubscribe link)
    is reported too. Django's plain `Signer` is not: a Django project signs with it values
    handed back unchanged (a redirect's target, a form's state) rather than expiring
    tokens. A token checked for age by hand after loading (a timestamp inside
    the payload compared with the clock) is reported as well.

    ## Example
    ```python
    from flask import Flask, current_app, request
    from itsdangerous import URLSafeSerializer

    app = Flask(__name__)


    @app.post("/confirm")
    def confirm():
        serializer = URLSafeSerializer(current_app.config["SECRET_KEY"])
        email = serializer.loads(request.json["token"], salt="confirm")
        return {"confirmed": email}
    ```

    ## Fix
    ```python
    from flask import Flask, current_app, request
    from itsdangerous import URLSafeTimedSerializer

    app = Flask(__name__)


    @app.post("/confirm")
    def confirm():
        serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"])
        email = serializer.loads(request.json["token"], salt="confirm", max_age=3600)
        return {"confirmed": email}
    ```

    In Django: `signing.loads(request.GET["token"], salt="confirm", max_age=3600)`, or
    `TimestampSigner(salt="invite").unsign(token, max_age=timedelta(days=2))`.

    ## References
    - [Django: Cryptographic signing](https://docs.djangoproject.com/en/stable/topics/signing/)
    - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    - [itsdangerous: Signing Values with Timestamps](https://itsdangerous.palletsprojects.com/en/stable/timed/)
    - [OWASP Forgot Password Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html)
    """

    code = "WW841"
    name = "signed-token-never-expires"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 613
    message = "a token the request sent is loaded by `{serializer}`: {why}"
    fix = "sign with the time (`URLSafeTimedSerializer`, `TimestampSigner`) and pass `max_age` when loading"
    frameworks = frozenset({Framework.FLASK, Framework.DJANGO})

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        for relpath, summary in sorted(project.modules.items()):
            facts = summary.facts.get(SIGNED_TOKEN_FACTS)
            if not isinstance(facts, SignedTokenFacts):
                continue
            for load in facts.loads:
                kind = serializer_class(project, load.serializer)
                if kind is None or (kind not in UNTIMED and load.max_age):
                    continue
                short = kind.rpartition(".")[2]
                why = _UNTIMED_NOTE.format(kind=short) if kind in UNTIMED else _NO_MAX_AGE_NOTE
                where = Location(relpath, load.line, load.column, load.end_line, load.end_column)
                severity = Severity.LOW if summary.is_test else None
                yield self.make_finding(
                    where, severity=severity, serializer=load.serializer, why=why
                )
