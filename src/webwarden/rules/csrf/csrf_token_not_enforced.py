"""WW661: a POST without its CSRF token was accepted (`webwarden probe --active`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urldefrag, urlsplit

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import Exchange, ProbeRecord
from webwarden.probe.html import parse_page
from webwarden.rules.base import ProbeRule


class CsrfTokenNotEnforced(ProbeRule):
    """## What it does
    With `webwarden probe --active` only: each same-origin POST form found on the
    crawled pages is submitted once, with its visible fields filled with placeholders
    and its token field left out. A 2xx answer, or a redirect anywhere but to a login
    page (the Post/Redirect/Get of most form views), means the app accepted a request
    that any other site could have made the user's browser send; 403 (Django) or 400
    (Flask-WTF) is the correct refusal. A 2xx page that shows the same form again with
    a fresh token is a refusal too: a Flask-WTF view whose `validate_on_submit()` failed.

    ## Why is this bad?
    This is cross-site request forgery proven on the running app: a page elsewhere can
    post this form with the victim's cookies (change the email, the password, place an
    order), and the app cannot tell.

    ## Known problems
    The submission is real: one request per form, with placeholder values. Point the
    active probe at a staging copy when a form has side effects you do not want.

    ## Example
    ```http
    POST https://shop.example/contact

    HTTP/1.1 200 OK
    Content-Type: text/html

    <p>Thanks, we will be in touch.</p>
    ```

    ## Fix
    ```http
    POST https://shop.example/contact

    HTTP/1.1 403 Forbidden
    Content-Type: text/html

    <h1>Forbidden (403)</h1><p>CSRF verification failed. Request aborted.</p>
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    - [Django: CsrfViewMiddleware](https://docs.djangoproject.com/en/stable/ref/csrf/)
    - [Flask-WTF: CSRFProtect](https://flask-wtf.readthedocs.io/en/stable/csrf/)
    """

    code = "WW661"
    name = "csrf-token-not-enforced"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 352
    message = "POST without a CSRF token was accepted with {status}"
    fix = "enforce CSRF on every state-changing view (Django CsrfViewMiddleware, no `@csrf_exempt`; Flask CSRFProtect)"
    confirms = {"form": ("WW601", "WW603", "WW620", "WW621", "WW622", "WW623")}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        for exchange in record.exchanges:
            if exchange.method == "POST" and _accepted(exchange):
                yield self.at_url(
                    exchange.url,
                    subject="form",
                    key=exchange.url,
                    snippet=f"HTTP/1.1 {exchange.status} {exchange.reason}".rstrip(),
                    status=exchange.status,
                )


_LOGIN = re.compile(r"log-?in|sign-?_?in|auth|session/new", re.IGNORECASE)


def _accepted(exchange: Exchange) -> bool:
    """2xx, or a redirect that is not to a login page (where an app sends a visitor it
    refuses): the form was taken."""
    if 200 <= exchange.status < 300:
        return not _form_shown_again(exchange)
    target = exchange.location
    return target is not None and not _LOGIN.search(urlsplit(target).path)


def _form_shown_again(exchange: Exchange) -> bool:
    """The answer renders the posted form again, token field included: `FlaskForm`
    validation failed (CSRF or the placeholders) and nothing was taken."""
    if not exchange.is_html:
        return False
    posted = urldefrag(exchange.url).url
    return any(
        form.method == "post" and urldefrag(form.action).url == posted and form.token_fields
        for form in parse_page(exchange.body, exchange.url).forms
    )
