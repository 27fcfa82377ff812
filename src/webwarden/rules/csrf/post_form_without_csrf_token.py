"""WW660: a same-origin POST form with no anti-CSRF token field."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.html import parse_page
from webwarden.rules.base import ProbeRule


class PostFormWithoutCsrfToken(ProbeRule):
    """## What it does
    Parses the crawled pages and reports each `<form method="post">` that submits to
    the same site but carries no hidden token field (Django `csrfmiddlewaretoken`,
    Flask-WTF `csrf_token`, or any hidden field named like `csrf`, `xsrf`, `_token`).
    One finding per form action.

    ## Why is this bad?
    Without a token the server cannot tell a submission the user made from one another
    site made the user's browser send, with the user's cookies (cross-site request
    forgery). Either the app checks no token at all, or it checks one and this form is
    broken; `--active` tells which.

    ## Known problems
    Apps that protect forms another way (a custom header added by JavaScript, a token
    inserted by script after load) are reported; the confidence is medium for that.

    ## Example
    ```http
    GET https://shop.example/contact

    HTTP/1.1 200 OK
    Content-Type: text/html

    <form method="post" action="/contact"><input name="email"><button>Send</button></form>
    ```

    ## Fix
    ```http
    GET https://shop.example/contact

    HTTP/1.1 200 OK
    Content-Type: text/html

    <form method="post" action="/contact">
    <input type="hidden" name="csrfmiddlewaretoken" value="Zm9v">
    <input name="email"><button>Send</button>
    </form>
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    - [Django: CSRF protection](https://docs.djangoproject.com/en/stable/howto/csrf/)
    - [Flask-WTF: CSRF protection](https://flask-wtf.readthedocs.io/en/stable/csrf/)
    """

    code = "WW660"
    name = "post-form-without-csrf-token"
    practice = Practice.CSRF
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 352
    message = "POST form to `{action}` has no CSRF token field"
    fix = "put the token in every POST form (Django `csrf_token` tag; Flask-WTF `form.csrf_token` with CSRFProtect)"
    confirms = {"form": ("WW640",)}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        seen: set[str] = set()
        for page in record.pages:
            for form in parse_page(page.body, page.url).forms:
                if form.method != "post" or form.token_fields or form.action in seen:
                    continue
                if urlsplit(form.action).netloc != urlsplit(page.url).netloc:
                    continue
                seen.add(form.action)
                yield self.at_url(
                    page.url, subject="form", key=form.action, action=urlsplit(form.action).path
                )
