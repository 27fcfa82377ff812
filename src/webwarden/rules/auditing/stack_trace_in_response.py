"""WW1152: a Python traceback in a response."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import Exchange, ProbeRecord
from webwarden.probe.judging import first_response
from webwarden.rules.auditing.django_debug_page_exposed import DJANGO_DEBUG_PAGE
from webwarden.rules.auditing.werkzeug_debugger_exposed import WERKZEUG_DEBUGGER
from webwarden.rules.base import ProbeRule

TRACEBACK = re.compile(
    r"Traceback \(most recent call last\)|\bFile (?:&quot;|[\"'])?/[^\n]{1,300}, line \d+, in "
)


class StackTraceInResponse(ProbeRule):
    """## What it does
    Reports responses whose body holds a Python traceback ("Traceback (most recent call
    last)" or `File "/...", line N, in`) other than the Werkzeug debugger and Django's
    debug pages, which have their own rules: typically an error handler that returns
    `traceback.format_exc()` or `str(exc)` of a deep error. A successful HTML page
    that quotes a traceback (a blog post, the docs) is not an error and not reported.

    ## Why is this bad?
    A traceback shows file paths, library versions, code and sometimes values (SQL,
    keys) that help an attacker aim the next request.

    ## Example
    ```http
    GET https://shop.example/report

    HTTP/1.1 500 Internal Server Error
    Content-Type: text/plain

    Traceback (most recent call last):
      File "/srv/shop/views.py", line 42, in report
    KeyError: 'total'
    ```

    ## Fix
    ```http
    GET https://shop.example/report

    HTTP/1.1 500 Internal Server Error
    Content-Type: text/plain

    Something went wrong; the error has been logged (reference 7f3a).
    ```

    ## References
    - [CWE-209: Generation of Error Message Containing Sensitive Information](https://cwe.mitre.org/data/definitions/209.html)
    - [Flask: handling application errors](https://flask.palletsprojects.com/en/stable/errorhandling/)
    """

    code = "WW1152"
    name = "stack-trace-in-response"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 209
    message = "response ({status}) shows a Python traceback{more}"
    fix = "log the exception and return a generic error page; never send tracebacks to clients"
    confirms = {"debug": ("WW1160", "WW1163", "WW1170", "WW1171", "WW1172", "WW1173")}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        found = first_response(record, _shows_traceback)
        if found is not None:
            exchange, more = found
            yield self.at_url(exchange.url, subject="debug", status=exchange.status, more=more)


def _shows_traceback(exchange: Exchange) -> bool:
    if exchange.is_html and 200 <= exchange.status < 300:
        return False  # NOTE: a page that quotes one (a blog post, the docs), not an error
    body = exchange.body.replace("\u2019", "'")
    if WERKZEUG_DEBUGGER.search(body) or DJANGO_DEBUG_PAGE.search(body):
        return False
    return bool(TRACEBACK.search(body))
