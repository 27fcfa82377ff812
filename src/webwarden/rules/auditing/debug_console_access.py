"""WW1197: the Werkzeug debugger or a Django debug page served to a client."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.logs.events import Evidence, LogEvent
from webwarden.rules.base import LogRule

if TYPE_CHECKING:
    from webwarden.logs.facts import StreamFacts

DEBUG_PAGE_BYTES = 30_000
"""A 500 response this large looks like Werkzeug's or Django's traceback page."""


class DebugConsoleAccess(LogRule):
    """## What it does
    Finds successful requests for debugging tools: Werkzeug's debugger (requests with
    `__debugger__=yes`; with `cmd=` that is code being run), its `/console` page,
    django-debug-toolbar (`/__debug__/`), and 500 responses above 30 kB, the size of
    Django's and Werkzeug's traceback pages (with low confidence).

    ## Why is this bad?
    The app runs in debug mode where the public can reach it. The Werkzeug debugger
    runs any Python the visitor types (the PIN is no real barrier once leaked), and
    Django's debug pages show settings, environment and source. This is remote code
    execution or a data leak, not a probe.

    ## Known problems
    The size heuristic for traceback pages misses small debug pages and flags large
    custom error pages; the debugger and toolbar requests are certain, except that a
    debugger request answered with the size the path's own page had before is left out:
    the app ignored the query (a probe for the debugger on an app without it).

    ## Example
    ```log
    203.0.113.66 - - [01/May/2024:19:00:00 +0000] "GET /console HTTP/1.1" 200 2611 "-" "Mozilla/5.0"
    203.0.113.66 - - [01/May/2024:19:00:09 +0000] "GET /console?__debugger__=yes&cmd=__import__(%27os%27).popen(%27id%27).read()&frm=0&s=Xy1 HTTP/1.1" 200 52 "-" "Mozilla/5.0"
    ```

    ## Fix
    Attempts that find no debugger are not reported here (WW1195 counts them):
    ```log
    203.0.113.66 - - [01/May/2024:19:00:00 +0000] "GET /console HTTP/1.1" 404 179 "-" "Mozilla/5.0"
    ```
    Turn debug mode off in production (`DEBUG = False`, no `app.run(debug=True)`, no
    `FLASK_DEBUG=1`) and rotate every secret the app holds.

    ## Options
    `[tool.webwarden.logs.debug-console-access]`: `threshold` (default 1) and `window`
    (default `"1h"`).

    ## References
    - [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
    - [Werkzeug: debugger security](https://werkzeug.palletsprojects.com/en/stable/debug/#debugger-pin)
    - [Django: DEBUG](https://docs.djangoproject.com/en/stable/ref/settings/#debug)
    """

    code = "WW1197"
    name = "debug-console-access"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 489
    message = "{client} reached a debugging tool at {route} {window} ({count} request{s}): {detail}"
    fix = "turn debug mode off in production and rotate the app's secrets"
    route_sizes = True

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        status = event.status
        if status is None:
            return None
        key = event.client or ""
        if status == 500 and (event.size or 0) >= DEBUG_PAGE_BYTES:
            return Evidence(key, "a traceback-sized 500 page", confidence=Confidence.LOW)
        if not (200 <= status < 300 or status == 304):
            return None
        target = event.target or ""
        if "__debugger__=yes" in target:
            if _usual_page(event, facts):
                return None
            if "cmd=" in target and "cmd=resource" not in target:
                return Evidence(
                    key, "code run in the Werkzeug debugger", severity=Severity.CRITICAL
                )
            return Evidence(key, "the Werkzeug debugger")
        if not target.startswith(("/console", "/__debug__/")):
            return None
        path = event.path
        if path.rstrip("/") == "/console":
            return Evidence(key, "the Werkzeug console")
        if path.startswith("/__debug__/"):
            return Evidence(key, "django-debug-toolbar")
        return None


def _usual_page(event: LogEvent, facts: StreamFacts) -> bool:
    """The answer has the size this route's pages had before: the app served its page and
    ignored `__debugger__` (Django, or Flask without debug mode, behind a catch-all)."""
    stats = facts.route_stats(event.route)
    if stats is None or event.size is None:
        return False
    return abs(event.size - stats.mean) <= max(2 * stats.deviation, 1.0)
