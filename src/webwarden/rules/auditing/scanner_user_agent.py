"""WW1194: requests from known attack and vulnerability-scanning tools."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.logs.events import Evidence, LogEvent
from webwarden.rules.base import LogRule

if TYPE_CHECKING:
    from webwarden.logs.facts import StreamFacts

# NOTE: tools that announce themselves by default. Internet-wide research scanners
# (Censys, Shodan) are left out: they index, they do not attack.
_SCANNERS = re.compile(
    r"\b(?:sqlmap|nikto|nmap|masscan|zgrab|nuclei|wpscan|dirbuster|gobuster|dirb|ffuf|wfuzz"
    r"|feroxbuster|acunetix|netsparker|nessus|openvas|arachni|w3af|skipfish|commix|hydra"
    r"|whatweb|wapiti|havij|appscan|webinspect|zmeu|jorgee|fimap|sqlninja|xsstrike|dalfox"
    r"|jaeles|l9explore|l9scan|gopher-scanner|morfeus|fuzz faster u fool)\b"
)


class ScannerUserAgent(LogRule):
    """## What it does
    Finds requests whose user agent names an attack or vulnerability-scanning tool
    (sqlmap, Nikto, Nmap's scripting engine, masscan, ZGrab, Nuclei, WPScan, gobuster,
    ffuf, wfuzz, Acunetix, Nessus, OpenVAS, Hydra, ...). Requests from one client are
    reported together, one finding per burst.

    ## Why is this bad?
    Someone is running an automated scanner against the app. Unless it is your own
    (add its address to `trusted-clients`), the findings of the same client under the
    other log rules show what it tried. Tools can fake their user agent; this rule sees
    only the ones that do not bother.

    ## Example
    ```log
    203.0.113.200 - - [01/May/2024:16:00:00 +0000] "GET /?id=1 HTTP/1.1" 200 4210 "-" "sqlmap/1.7.2#stable (https://sqlmap.org)"
    ```

    ## Fix
    Browsers and ordinary HTTP clients are not reported:
    ```log
    203.0.113.200 - - [01/May/2024:16:00:00 +0000] "GET /?id=1 HTTP/1.1" 200 4210 "-" "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"
    ```
    Block the client at the proxy or firewall; list your own scanners in
    `[tool.webwarden.logs] trusted-clients`.

    ## Options
    `[tool.webwarden.logs.scanner-user-agent]`: `threshold` (default 1) and `window`
    (default `"1h"`).

    ## References
    - [CWE-200: Exposure of Sensitive Information to an Unauthorized Actor](https://cwe.mitre.org/data/definitions/200.html)
    - [OWASP: Automated Threats to Web Applications](https://owasp.org/www-project-automated-threats-to-web-applications/)
    """

    code = "WW1194"
    name = "scanner-user-agent"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 200
    message = "{client} scanned {route} with {detail} ({count} request{s}) {window}"
    fix = "block the client, or list your own scanner in `trusted-clients`"

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        agent = event.agent
        if not agent or agent == "-":
            return None
        tool = _scanner(agent)
        if tool is None:
            return None
        return Evidence(key=event.client or "", detail=tool)


@functools.lru_cache(maxsize=4096)
def _scanner(agent: str) -> str | None:
    # NOTE: a log holds few distinct user agents; each is searched once.
    found = _SCANNERS.search(agent[:512].lower())
    return found.group(0) if found else None
