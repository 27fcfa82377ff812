"""WW943: an nginx or Apache configuration accepting SSL or TLS versions before 1.2."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import TextFile
from webwarden.model.project import ProjectModel
from webwarden.model.server_headers import server_config_text
from webwarden.rules._compose_mounts import lowered_when_development_mounted
from webwarden.rules.base import TextRule

_NGINX = re.compile(r"^[ \t]*(?P<directive>ssl_protocols)[ \t]+(?P<value>[^;#\n]*);", re.M)
_APACHE = re.compile(r"^[ \t]*(?P<directive>SSLProtocol)[ \t]+(?P<value>[^#\n]*)", re.M | re.I)
_SHOWN = {"sslv2": "SSL 2", "sslv3": "SSL 3", "tlsv1": "TLS 1.0", "tlsv1.1": "TLS 1.1"}
"""The versions that are broken (SSL 2 and 3) or deprecated (TLS 1.0 and 1.1, RFC 8996)."""
_BROKEN = frozenset({"sslv2", "sslv3"})
_APACHE_ALL = ("sslv3", "tlsv1", "tlsv1.1", "tlsv1.2", "tlsv1.3")
"""What mod_ssl's `all` stands for (SSL 3 where the TLS library still has it)."""


class WebServerInsecureTlsVersion(TextRule):
    """## What it does
    Finds an nginx or Apache configuration shipped with the project (`*.conf`,
    `*.nginx`) that lets clients connect with SSL 2, SSL 3, TLS 1.0 or TLS 1.1: nginx's
    `ssl_protocols TLSv1 TLSv1.1 TLSv1.2;`, or Apache's `SSLProtocol` naming one
    (`SSLProtocol +TLSv1 +TLSv1.2`) or keeping one that `all` turns on (`SSLProtocol
    all -SSLv3` still accepts TLS 1.0 and 1.1; reported at medium confidence, as a
    TLS library built without them refuses them anyway). SSL 2 and 3 are reported at
    high severity. A configuration that only development compose files bind-mount into
    their containers (the TLS proxy of a developer's stack) is reported at low severity.

    ## Why is this bad?
    SSL 2 and 3 are broken (POODLE, DROWN) and TLS 1.0 and 1.1 are deprecated (RFC
    8996): they lack modern cipher suites and rely on SHA-1 and MD5. A server that still
    accepts them lets an attacker on the network path push old clients, or a downgrade,
    onto a protocol whose traffic can be attacked, and fails compliance scans (PCI DSS
    has forbidden TLS 1.0 since 2018).

    ## Known problems
    Only the directive's own words are read: an `include` of another file, or a value
    set through a template variable, is not followed. A configuration that mirrors the
    production server for local development is still reported (at low severity when
    only development compose files mount it): fix the production server too.

    ## Example
    ```nginx
    server {
        listen 443 ssl;
        ssl_certificate /etc/nginx/certs/site.crt;
        ssl_certificate_key /etc/nginx/certs/site.key;
        ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
    }
    ```

    ## Fix
    ```nginx
    server {
        listen 443 ssl;
        ssl_certificate /etc/nginx/certs/site.crt;
        ssl_certificate_key /etc/nginx/certs/site.key;
        ssl_protocols TLSv1.2 TLSv1.3;
    }
    ```

    ## References
    - [CWE-327: Use of a Broken or Risky Cryptographic Algorithm](https://cwe.mitre.org/data/definitions/327.html)
    - [RFC 8996: Deprecating TLS 1.0 and TLS 1.1](https://www.rfc-editor.org/rfc/rfc8996)
    - [nginx: ssl_protocols](https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols)
    - [Apache mod_ssl: SSLProtocol](https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslprotocol)
    - [Mozilla: server side TLS](https://wiki.mozilla.org/Security/Server_Side_TLS)
    """

    code = "WW943"
    name = "web-server-insecure-tls-version"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 327
    message = "`{directive}` accepts {versions} (broken or deprecated)"
    fix = (
        "accept TLS 1.2 and 1.3 only (`ssl_protocols TLSv1.2 TLSv1.3;`,"
        " `SSLProtocol -all +TLSv1.2 +TLSv1.3`)"
    )
    example_filename = "deploy/nginx/site.conf"
    patterns = ("*.conf", "*.nginx")

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        if server_config_text(file.relpath, lambda: file.text) is None:
            return
        for pattern, accepted in ((_NGINX, _nginx_versions), (_APACHE, _apache_versions)):
            for match in pattern.finditer(file.text):
                versions, named = accepted(match["value"])
                old = [v for v in _SHOWN if v in versions]
                if not old:
                    continue
                start = match.start("directive")
                line = file.text.count("\n", 0, start) + 1
                column = start - file.text.rfind("\n", 0, start)
                yield self.make_finding(
                    file.location(line, column),
                    snippet=file.lines[line - 1],
                    severity=Severity.HIGH if _BROKEN.intersection(old) else None,
                    confidence=None if named.intersection(old) else Confidence.MEDIUM,
                    directive=match["directive"],
                    versions=_joined([_SHOWN[v] for v in old]),
                )

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low in a file only development compose files mount (see `development_mounted`):
        the TLS proxy of a developer's stack."""
        return lowered_when_development_mounted(finding, project)


def _nginx_versions(value: str) -> tuple[set[str], set[str]]:
    """The versions `ssl_protocols` accepts, and those it names: the same."""
    named = {word.lower() for word in value.split()}
    return named, named


def _apache_versions(value: str) -> tuple[set[str], set[str]]:
    """The versions `SSLProtocol` leaves on, read left to right (`all -SSLv3` adds
    every version, then takes SSL 3 away), and those it names with `+` or alone."""
    versions: set[str] = set()
    named: set[str] = set()
    for word in value.split():
        sign, name = (word[0], word[1:].lower()) if word[0] in "+-" else ("+", word.lower())
        chosen = set(_APACHE_ALL) if name == "all" else {name}
        if sign == "-":
            versions -= chosen
        else:
            versions |= chosen
            if name != "all":
                named.add(name)
    return versions, named


def _joined(items: list[str]) -> str:
    """`TLS 1.0 and TLS 1.1`, `SSL 3, TLS 1.0 and TLS 1.1`."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
