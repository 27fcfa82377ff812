"""WW1196: one client sending requests faster than people browse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.logs.events import Evidence, LogEvent
from webwarden.rules.base import LogRule

if TYPE_CHECKING:
    from webwarden.logs.facts import StreamFacts


class HighRequestRate(LogRule):
    """## What it does
    Finds clients that send more than `threshold` requests (default 600) within
    `window` (default one minute). One finding covers the whole burst; it ends when the
    client's rate falls below half the threshold.

    ## Why is this bad?
    People browsing, even with every asset of a page, stay far below ten requests a
    second for a minute. Faster clients are crawlers, scrapers, brute-forcers or a
    denial of service; each is worth rate-limiting before it costs you the database.

    ## Known problems
    Behind a reverse proxy or load balancer every request may come from the proxy's
    address. Log the real client (nginx `real_ip_header`, gunicorn's
    `%({x-forwarded-for}i)s` in `access_log_format`, Werkzeug's `ProxyFix`), or list
    the proxy in `trusted-clients`. Your own monitoring belongs there too.

    ## Example
    ```toml
    [tool.webwarden.logs.high-request-rate]
    threshold = 5
    window = "10s"
    ```
    ```log
    198.51.100.9 - - [01/May/2024:18:00:00 +0000] "GET /api/items?page=1 HTTP/1.1" 200 812 "-" "python-requests/2.31"
    198.51.100.9 - - [01/May/2024:18:00:01 +0000] "GET /api/items?page=2 HTTP/1.1" 200 812 "-" "python-requests/2.31"
    198.51.100.9 - - [01/May/2024:18:00:01 +0000] "GET /api/items?page=3 HTTP/1.1" 200 812 "-" "python-requests/2.31"
    198.51.100.9 - - [01/May/2024:18:00:02 +0000] "GET /api/items?page=4 HTTP/1.1" 200 812 "-" "python-requests/2.31"
    198.51.100.9 - - [01/May/2024:18:00:02 +0000] "GET /api/items?page=5 HTTP/1.1" 200 812 "-" "python-requests/2.31"
    ```

    ## Fix
    The same requests spread over a minute are not reported:
    ```log
    198.51.100.9 - - [01/May/2024:18:00:00 +0000] "GET /api/items?page=1 HTTP/1.1" 200 812 "-" "python-requests/2.31"
    198.51.100.9 - - [01/May/2024:18:00:15 +0000] "GET /api/items?page=2 HTTP/1.1" 200 812 "-" "python-requests/2.31"
    198.51.100.9 - - [01/May/2024:18:00:30 +0000] "GET /api/items?page=3 HTTP/1.1" 200 812 "-" "python-requests/2.31"
    198.51.100.9 - - [01/May/2024:18:00:45 +0000] "GET /api/items?page=4 HTTP/1.1" 200 812 "-" "python-requests/2.31"
    198.51.100.9 - - [01/May/2024:18:01:00 +0000] "GET /api/items?page=5 HTTP/1.1" 200 812 "-" "python-requests/2.31"
    ```
    Rate-limit per client at the proxy (nginx `limit_req`) or in the app
    (django-ratelimit, Flask-Limiter).

    ## Options
    `[tool.webwarden.logs.high-request-rate]`: `threshold` (requests, default 600) and
    `window` (default `"1m"`).

    ## References
    - [CWE-799: Improper Control of Interaction Frequency](https://cwe.mitre.org/data/definitions/799.html)
    - [nginx: limit_req](https://nginx.org/en/docs/http/ngx_http_limit_req_module.html)
    - [Flask-Limiter](https://flask-limiter.readthedocs.io/)
    """

    code = "WW1196"
    name = "high-request-rate"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 799
    message = "{client} sent {count} requests to {route} {window}, over {threshold} per {per}"
    fix = "rate-limit clients at the proxy or in the app; trust your own monitoring in `trusted-clients`"
    threshold = 600
    window = 60.0

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        client = event.client
        if not client:
            return None
        return Evidence(key=client)
