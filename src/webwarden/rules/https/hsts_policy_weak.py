"""WW962: HSTS sent with a short max-age or without includeSubDomains/preload."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.judging import header_line
from webwarden.rules.base import ProbeRule

ONE_YEAR = 31_536_000


def problems(value: str) -> list[tuple[Severity, str]]:
    """What is wrong with a `Strict-Transport-Security` value, worst first."""
    directives: dict[str, str] = {}
    for part in value.split(";"):
        name, _, argument = part.strip().partition("=")
        directives.setdefault(name.strip().lower(), argument.strip().strip('"'))
    found: list[tuple[Severity, str]] = []
    max_age = directives.get("max-age", "")
    if not max_age.isdigit():
        found.append((Severity.MEDIUM, "no valid `max-age`"))
    elif int(max_age) < ONE_YEAR:
        found.append((Severity.MEDIUM, f"`max-age={max_age}` is under a year"))
    if "includesubdomains" not in directives:
        found.append((Severity.LOW, "no `includeSubDomains`"))
    if "preload" not in directives:
        found.append((Severity.LOW, "no `preload`"))
    return found


class HstsPolicyWeak(ProbeRule):
    """## What it does
    Reads the `Strict-Transport-Security` header of https pages and reports a `max-age`
    under one year (31536000 s) or missing, and a policy without `includeSubDomains` or
    without `preload`. One finding per distinct header value.

    ## Why is this bad?
    A short `max-age` lets the protection lapse between visits, which is when SSL
    stripping works again. Without `includeSubDomains` a subdomain on plain HTTP can set
    cookies for the whole site; without `preload` the very first visit is unprotected.

    ## Example
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    Strict-Transport-Security: max-age=3600

    <p>Welcome</p>
    ```

    ## Fix
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    Strict-Transport-Security: max-age=31536000; includeSubDomains; preload

    <p>Welcome</p>
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Django: SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD](https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-include-subdomains)
    - [hstspreload.org: submission requirements](https://hstspreload.org/#submission-requirements)
    """

    code = "WW962"
    name = "hsts-policy-weak"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 319
    message = "`Strict-Transport-Security` is weak: {problems}"
    fix = "use `max-age=31536000; includeSubDomains; preload` once every subdomain has HTTPS"
    confirms = {"hsts": ("WW903", "WW904", "WW905", "WW921")}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        seen: set[str] = set()
        for page in record.pages:
            value = page.header("strict-transport-security")
            if page.scheme != "https" or value is None or value in seen:
                continue
            seen.add(value)
            found = problems(value)
            if found:
                yield self.at_url(
                    page.url,
                    subject="hsts",
                    key=value,
                    snippet=header_line(page, "strict-transport-security"),
                    severity=max((s for s, _ in found), key=lambda s: s.rank),
                    problems=", ".join(text for _, text in found),
                )
