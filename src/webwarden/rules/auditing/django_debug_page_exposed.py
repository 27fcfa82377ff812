"""WW1151: Django's technical error page (DEBUG = True) on the running app."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.judging import first_response
from webwarden.rules.base import ProbeRule

DJANGO_DEBUG_PAGE = re.compile(r"seeing this error because you have (?:<code>)?DEBUG = True")
"""The sentence closing Django's technical 404 and 500 pages (HTML and text)."""


class DjangoDebugPageExposed(ProbeRule):
    """## What it does
    Reports responses that are Django's technical 404 or 500 page, the ones that end
    with "You're seeing this error because you have `DEBUG = True`". The probe asks for
    a page that does not exist, so an app in debug mode shows it at once.

    ## Why is this bad?
    `DEBUG = True` in production lists every URL pattern on a 404, and on a 500 shows
    source code, local variables and the settings (Django masks the names it knows are
    secret, not the others). Django also keeps every SQL query in memory in debug mode.

    ## Example
    ```http
    GET https://shop.example/webwarden-probe-not-found

    HTTP/1.1 404 Not Found
    Content-Type: text/html; charset=utf-8

    <p>You're seeing this error because you have <code>DEBUG = True</code> in
    your Django settings file.</p>
    ```

    ## Fix
    ```http
    GET https://shop.example/webwarden-probe-not-found

    HTTP/1.1 404 Not Found
    Content-Type: text/html; charset=utf-8

    <h1>Not Found</h1><p>The requested resource was not found on this server.</p>
    ```

    ## References
    - [CWE-215: Insertion of Sensitive Information Into Debugging Code](https://cwe.mitre.org/data/definitions/215.html)
    - [Django: DEBUG](https://docs.djangoproject.com/en/stable/ref/settings/#debug)
    - [Django: deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/)
    """

    code = "WW1151"
    name = "django-debug-page-exposed"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 215
    message = "Django's technical {status} page is shown: the app runs with `DEBUG = True`{more}"
    fix = "set `DEBUG = False` in the production settings (read it from the environment)"
    confirms = {"debug": ("WW1160",)}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        found = first_response(
            record,
            lambda exchange: bool(DJANGO_DEBUG_PAGE.search(exchange.body.replace("\u2019", "'"))),
        )
        if found is not None:
            exchange, more = found
            yield self.at_url(exchange.url, subject="debug", status=exchange.status, more=more)
