"""WW1198: signs that a probe worked: errors, oversized responses, secret files served."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.logs.events import Evidence, LogEvent
from webwarden.rules.auditing.sensitive_path_probing import SECRET_FILES
from webwarden.rules.base import LogRule

if TYPE_CHECKING:
    from webwarden.logs.facts import StreamFacts

BASELINE_RESPONSES = 20
"""Successful responses a route needs before its sizes count as usual."""
MIN_EXTRA_BYTES = 8 * 1024


class AnomalousResponseAfterProbe(LogRule):
    """## What it does
    Finds responses that suggest an attack worked. After a client sent an injection or
    traversal payload (WW490, WW590, WW1190-WW1193), within `window` (default 10
    minutes): a 5xx error (including the answer to the payload itself), or a response
    more than three times, and 8 kB above, the route's usual size (learnt from its
    successful responses). And any 2xx answer with a body to a request for a secret
    file (`/.env`, `/.git/config`, a database dump); with low confidence when the log has
    no response sizes (Werkzeug, `runserver`).

    ## Why is this bad?
    A 500 right after `' OR 1=1` means the payload reached the SQL, the template or the
    shell unescaped and broke it: the route is injectable. A response suddenly ten
    times its usual size can be a dumped table. A served `/.env` means the secrets are
    out. Each needs a look at the route and at what was returned.

    ## Known problems
    Apps that answer every unknown path with their single-page index (a catch-all
    route) make requests for secret files look served; check the size against the
    index page's.

    ## Example
    ```log
    203.0.113.7 - - [01/May/2024:20:00:00 +0000] "GET /orders?id=42%27%20OR%20%271%27=%271 HTTP/1.1" 500 145 "-" "Mozilla/5.0"
    ```

    ## Fix
    A probe that is refused, and errors of clients that sent none, are not reported:
    ```log
    203.0.113.7 - - [01/May/2024:20:00:00 +0000] "GET /orders?id=42%27%20OR%20%271%27=%271 HTTP/1.1" 400 31 "-" "Mozilla/5.0"
    198.51.100.2 - - [01/May/2024:20:00:05 +0000] "GET /orders?id=43 HTTP/1.1" 500 145 "-" "Mozilla/5.0"
    ```
    Read the failing route: bind its parameters, escape its output, validate its file
    names; rotate any secret a served file held.

    ## Options
    `[tool.webwarden.logs.anomalous-response-after-probe]`: `threshold` (default 1) and
    `window` (how long after a probe, default `"10m"`).

    ## References
    - [CWE-74: Injection](https://cwe.mitre.org/data/definitions/74.html)
    - [OWASP: Logging Cheat Sheet, events to log](https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#which-events-to-log)
    """

    code = "WW1198"
    name = "anomalous-response-after-probe"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 74
    message = "{client} got {count} anomalous response{s} from {route} {window}: {detail}"
    fix = (
        "read the route's code for the injection the probe found; rotate secrets a served file held"
    )
    window = 600.0
    route_sizes = True
    probe_history = True

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        status, size, key = event.status, event.size, event.client or ""
        if status is None:
            return None
        if 200 <= status < 300 and size != 0 and SECRET_FILES.search(event.path):
            if size is None:  # NOTE: Werkzeug and runserver log no size
                return Evidence(key, "secret file served", confidence=Confidence.LOW)
            return Evidence(key, f"secret file served ({size} bytes)")
        window = facts.options(type(self)).window
        if not facts.probed_since(event.client, event.time - window):
            return None
        if status >= 500:
            return Evidence(key, f"{status} after a probe")
        stats = facts.route_stats(event.route)
        if size is None or stats is None or stats.count < BASELINE_RESPONSES:
            return None
        usual = stats.mean
        if size >= 3 * usual and size - usual >= MIN_EXTRA_BYTES:
            return Evidence(key, f"{size} bytes where {usual:.0f} are usual")
        return None
