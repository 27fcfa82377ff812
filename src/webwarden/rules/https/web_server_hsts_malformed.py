"""WW945: an nginx or Apache configuration sending a `Strict-Transport-Security` header
that browsers ignore."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.hsts_syntax import hsts_problem
from webwarden.model.module import TextFile
from webwarden.model.project import ProjectModel
from webwarden.model.server_headers import server_config_text, server_headers
from webwarden.rules._compose_mounts import lowered_when_development_mounted
from webwarden.rules.base import TextRule

_HSTS = "strict-transport-security"
_FILLED_IN = ("$", "%{", "{{", "${")
"""A value a variable fills in (nginx's `$hsts`, Apache's `%{...}e`, a template's
`{{ hsts }}`): what it becomes is not written here."""


class WebServerHstsMalformed(TextRule):
    """## What it does
    Finds an nginx or Apache configuration shipped with the project (`*.conf`,
    `*.nginx`) that sends `Strict-Transport-Security` (`add_header`, `Header set`) with
    a value browsers do not parse: directives separated by a comma or a colon instead of
    `;` (`"max-age=31536000, includeSubDomains"`, `"max-age=31536000:
    includeSubDomains"`), `max-age` written with a colon or not as a number of seconds
    (`max-age: 31536000`, `max-age=1y`), no `max-age` at all (`includeSubDomains;
    preload`), or a directive given twice. A value a variable fills in (`$hsts`) is not
    judged. A configuration that only development compose files bind-mount into their
    containers is reported at low severity.

    ## Why is this bad?
    RFC 6797 tells browsers to ignore the whole header when it does not parse, and they
    do: the site looks protected (the header is there, with a long max-age) while
    browsers never record it, so every first request by a typed address or an old
    `http://` link still goes out in plain HTTP, where an attacker on the network can
    strip TLS from the visit. Scanners that only look for the header's presence miss it.

    ## Known problems
    Only the directive's own words are read: an `include` of another file is not
    followed.

    ## Example
    ```nginx
    server {
        listen 443 ssl;
        add_header Strict-Transport-Security "max-age=31536000, includeSubDomains" always;
    }
    ```

    ## Fix
    ```nginx
    server {
        listen 443 ssl;
        add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
    }
    ```

    ## References
    - [CWE-523: Unprotected Transport of Credentials](https://cwe.mitre.org/data/definitions/523.html)
    - [RFC 6797: HTTP Strict Transport Security, 6.1 and 8.1](https://www.rfc-editor.org/rfc/rfc6797#section-6.1)
    - [MDN: Strict-Transport-Security](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security)
    """

    code = "WW945"
    name = "web-server-hsts-malformed"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 523
    message = "`Strict-Transport-Security` is ignored by browsers: {problem}"
    fix = 'separate the directives with `;`: `"max-age=31536000; includeSubDomains"`'
    example_filename = "deploy/nginx/site.conf"
    patterns = ("*.conf", "*.nginx")

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        text = server_config_text(file.relpath, lambda: file.text)
        if text is None:
            return
        for header in server_headers(file.relpath, text):
            if header.name != _HSTS or any(mark in header.value for mark in _FILLED_IN):
                continue
            problem = hsts_problem(header.value)
            if problem is None:
                continue
            line = header.location.line
            written = file.lines[line - 1]
            column = max(written.lower().find(_HSTS), 0) + 1
            yield self.make_finding(file.location(line, column), snippet=written, problem=problem)

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low in a file only development compose files mount (see `development_mounted`):
        the TLS proxy of a developer's stack."""
        return lowered_when_development_mounted(finding, project)
