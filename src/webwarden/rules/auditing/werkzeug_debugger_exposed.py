"""WW1150: the Werkzeug interactive debugger answers on the running app."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.judging import first_response
from webwarden.rules.base import ProbeRule

WERKZEUG_DEBUGGER = re.compile(r"Werkzeug Debugger</title>|EVALEX_TRUSTED\b")
"""The debugger's traceback and console pages, and its own `debugger.js` resource."""


class WerkzeugDebuggerExposed(ProbeRule):
    """## What it does
    Reports responses that are the Werkzeug debugger: its traceback page (Flask in debug
    mode shows it for any error), its `/console`, or its `debugger.js`, which the probe
    asks for with `?__debugger__=yes&cmd=resource&f=debugger.js` on the start path.

    ## Why is this bad?
    The debugger runs Python typed into the browser on the server. The PIN guards it,
    but the PIN is derived from machine facts an attacker can often read (and is off
    when `WERKZEUG_DEBUG_PIN=off`); tracebacks also show source code, settings and
    secrets. Flask's docs: never run the debugger in production.

    ## Example
    ```http
    GET https://shop.example/console

    HTTP/1.1 200 OK
    Content-Type: text/html; charset=utf-8

    <title>Console // Werkzeug Debugger</title>
    ```

    ## Fix
    ```http
    GET https://shop.example/console

    HTTP/1.1 404 Not Found
    Content-Type: text/html; charset=utf-8

    <h1>Not Found</h1>
    ```

    ## References
    - [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
    - [Flask: debug mode](https://flask.palletsprojects.com/en/stable/debugging/)
    - [Werkzeug: debugging applications](https://werkzeug.palletsprojects.com/en/stable/debug/)
    """

    code = "WW1150"
    name = "werkzeug-debugger-exposed"
    practice = Practice.AUDITING
    severity = Severity.CRITICAL
    confidence = Confidence.HIGH
    cwe = 489
    message = (
        "the Werkzeug debugger answers here ({status}): remote code execution behind a PIN{more}"
    )
    fix = "never run with debug on in production: no `app.run(debug=True)`, `FLASK_DEBUG`, `DebuggedApplication`"
    confirms = {"debug": ("WW1170", "WW1171", "WW1172", "WW1173")}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        found = first_response(
            record, lambda exchange: bool(WERKZEUG_DEBUGGER.search(exchange.body))
        )
        if found is not None:
            exchange, more = found
            yield self.at_url(exchange.url, subject="debug", status=exchange.status, more=more)
