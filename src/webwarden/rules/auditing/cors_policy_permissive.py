"""WW1155: CORS that lets any site read responses (reflected Origin or `*` with credentials)."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import Exchange, ProbeRecord
from webwarden.probe.judging import header_line
from webwarden.rules.base import ProbeRule


def _problem(exchange: Exchange) -> tuple[Severity, str] | None:
    allowed = (exchange.header("access-control-allow-origin") or "").strip()
    credentials = (exchange.header("access-control-allow-credentials") or "").strip() == "true"
    sent = exchange.request_header("origin")
    if sent and allowed == sent:
        with_credentials = " with credentials" if credentials else ""
        # NOTE: without credentials a reflected origin reads no more than `*` would.
        return (
            Severity.HIGH if credentials else Severity.LOW,
            f"reflects any `Origin` ({sent}){with_credentials}",
        )
    if allowed == "*" and credentials:
        return Severity.MEDIUM, "allows `*` together with `Access-Control-Allow-Credentials: true`"
    if allowed == "null":
        return Severity.MEDIUM, "allows the `null` origin (sandboxed frames, data: URLs)"
    return None


class CorsPolicyPermissive(ProbeRule):
    """## What it does
    The probe sends one request with a foreign `Origin`
    (`https://webwarden-probe.invalid`). This rule reports responses that allow that
    origin back (`Access-Control-Allow-Origin` reflecting it), that allow `null`, or
    that combine `*` with `Access-Control-Allow-Credentials: true`.

    ## Why is this bad?
    A reflected origin with credentials lets any website read the user's pages and API
    answers with the user's cookies: account data, CSRF tokens, everything (high).
    Without credentials a reflected origin reads no more than `*` would, what the
    network position grants (an intranet's pages): low, for a look.

    ## Example
    ```http
    GET https://shop.example/api/me
    Origin: https://webwarden-probe.invalid

    HTTP/1.1 200 OK
    Content-Type: application/json
    Access-Control-Allow-Origin: https://webwarden-probe.invalid
    Access-Control-Allow-Credentials: true

    {"email": "ann@example.com"}
    ```

    ## Fix
    ```http
    GET https://shop.example/api/me
    Origin: https://webwarden-probe.invalid

    HTTP/1.1 200 OK
    Content-Type: application/json

    {"email": "ann@example.com"}
    ```

    ## References
    - [CWE-942: Permissive Cross-domain Policy with Untrusted Domains](https://cwe.mitre.org/data/definitions/942.html)
    - [django-cors-headers: CORS_ALLOWED_ORIGINS](https://github.com/adamchainz/django-cors-headers#cors_allowed_origins-sequencestr)
    - [Flask-CORS: origins](https://flask-cors.readthedocs.io/en/latest/api.html)
    """

    code = "WW1155"
    name = "cors-policy-permissive"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 942
    message = "CORS {problem}"
    fix = "allow a fixed list of trusted origins (django-cors-headers `CORS_ALLOWED_ORIGINS`, Flask-CORS `origins=`)"
    confirms = {"cors": ("WW1164", "WW1175")}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        seen: set[str] = set()
        for exchange in record.exchanges:
            found = _problem(exchange)
            if found is None or found[1] in seen:
                continue
            severity, problem = found
            seen.add(problem)
            yield self.at_url(
                exchange.url,
                subject="cors",
                key=problem,
                snippet=header_line(exchange, "access-control-allow-origin"),
                severity=severity,
                problem=problem,
            )
