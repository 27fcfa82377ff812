"""WW1154: `Server` or `X-Powered-By` headers that give software versions away."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.judging import header_line
from webwarden.rules.base import ProbeRule

VERSION = re.compile(r"\d+\.\d+")
HEADERS = ("server", "x-powered-by", "x-aspnet-version", "x-runtime-version")


class ServerVersionDisclosed(ProbeRule):
    """## What it does
    Reports `Server` and `X-Powered-By` header values that carry a version number, such
    as `Werkzeug/3.0.1 Python/3.11.7` or `gunicorn/21.2.0`, once per distinct value.

    ## Why is this bad?
    Exact versions tell an attacker which known vulnerabilities to try first, without a
    single failed attempt in your logs. It also says a development server (Werkzeug's,
    `runserver`) is facing the network, which Flask and Django warn against.

    ## Example
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    Server: Werkzeug/3.0.1 Python/3.11.7

    <p>Welcome</p>
    ```

    ## Fix
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    Server: nginx

    <p>Welcome</p>
    ```

    ## References
    - [CWE-200: Exposure of Sensitive Information to an Unauthorized Actor](https://cwe.mitre.org/data/definitions/200.html)
    - [Flask: deploying to production](https://flask.palletsprojects.com/en/stable/deploying/)
    """

    code = "WW1154"
    name = "server-version-disclosed"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 200
    message = "`{header}` header discloses software versions"
    fix = "hide versions (`server_tokens off;` in nginx) and run a production WSGI server"

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        seen: set[str] = set()
        for exchange in record.by_relevance():
            for name in HEADERS:
                line = header_line(exchange, name)
                if line and line not in seen and VERSION.search(line):
                    seen.add(line)
                    header = line.split(":", 1)[0]
                    yield self.at_url(
                        exchange.url, subject="server", key=line, snippet=line, header=header
                    )
