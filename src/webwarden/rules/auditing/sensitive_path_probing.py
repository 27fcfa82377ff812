"""WW1195: a client requesting many well-known sensitive paths that do not exist."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.logs.events import Evidence, LogEvent
from webwarden.rules.base import LogRule

if TYPE_CHECKING:
    from webwarden.logs.facts import StreamFacts

# NOTE: matched on the lower-cased, decoded path. Flask and Django apps have no PHP,
# ASP or CGI pages, so misses on those are recon too.
SECRET_FILES = re.compile(
    r"/\.env(?:\.[\w-]{1,20})?$|/\.git(?:/|$)|/\.svn/|/\.hg/|/\.aws/|/\.ssh/|/id_[rd]sa\b"
    r"|/\.htpasswd$|/\.htaccess$|/\.docker/|/\.npmrc$|/\.pypirc$|/\.netrc$|/\.bash_history$"
    r"|/\.ds_store$|/\.vscode/|/\.idea/|/docker-compose\.ya?ml$|/(?:local_)?settings\.py$"
    r"|/wp-config\.php|/config\.(?:php|json|ya?ml)(?:\.bak)?$|/credentials(?:\.json)?$"
    r"|/(?:backup|dump|database|db|site|www)\.(?:sql|zip|tar|tar\.gz|tgz|rar|7z|bak)$"
    r"|\.sql(?:\.gz)?$|/phpinfo\.php$|/server-status$"
)
"""Files whose contents are secrets when served (also read by WW1198)."""
_RECON = re.compile(
    r"/wp-(?:admin|login|content|includes|json)|/xmlrpc\.php|/phpmyadmin|/pma/|/myadmin"
    r"|/adminer|/cgi-bin/|/boaform|/vendor/phpunit|/actuator|/solr/|/manager/html"
    r"|/console(?:/|$)|/telescope|/_profiler|/elmah\.axd|/trace\.axd|/jenkins|/owa/"
    r"|/autodiscover|/hnap1|/admin(?:istrator)?(?:\.php|/|$)|\.(?:php\d?|aspx?|jsp|cgi)$"
)


class SensitivePathProbing(LogRule):
    """## What it does
    Finds a client whose requests for well-known sensitive paths keep failing (4xx):
    secrets (`/.env`, `/.git/config`, `/.aws/credentials`, backups, `settings.py`) and
    other platforms' admin and debug pages (`/wp-admin`, `/phpmyadmin`, `/console`,
    `/actuator`, `*.php`, `/admin/` enumeration). It takes `threshold` distinct
    paths (default 5) within `window` (default 10 minutes).

    ## Why is this bad?
    Someone is sweeping the app for files and consoles that leak secrets or run code.
    The misses are harmless; the sweep tells you who is looking, and a path that did
    not miss is reported by WW1198 (a secret file served) or WW1197 (a debug console).

    ## Example
    ```log
    192.0.2.77 - - [01/May/2024:17:00:00 +0000] "GET /.env HTTP/1.1" 404 179 "-" "Mozilla/5.0"
    192.0.2.77 - - [01/May/2024:17:00:01 +0000] "GET /.git/config HTTP/1.1" 404 179 "-" "Mozilla/5.0"
    192.0.2.77 - - [01/May/2024:17:00:01 +0000] "GET /wp-login.php HTTP/1.1" 404 179 "-" "Mozilla/5.0"
    192.0.2.77 - - [01/May/2024:17:00:02 +0000] "GET /phpmyadmin/ HTTP/1.1" 404 179 "-" "Mozilla/5.0"
    192.0.2.77 - - [01/May/2024:17:00:02 +0000] "GET /console HTTP/1.1" 404 179 "-" "Mozilla/5.0"
    ```

    ## Fix
    A user's occasional miss on ordinary paths is not reported:
    ```log
    192.0.2.77 - - [01/May/2024:17:00:00 +0000] "GET /.env HTTP/1.1" 404 179 "-" "Mozilla/5.0"
    192.0.2.77 - - [01/May/2024:17:00:05 +0000] "GET /favicon.ico HTTP/1.1" 404 179 "-" "Mozilla/5.0"
    192.0.2.77 - - [01/May/2024:17:00:09 +0000] "GET /blog/old-post/ HTTP/1.1" 404 179 "-" "Mozilla/5.0"
    ```
    Keep secrets and VCS directories out of the document root and block the client.

    ## Options
    `[tool.webwarden.logs.sensitive-path-probing]`: `threshold` (distinct paths,
    default 5) and `window` (default `"10m"`).

    ## References
    - [CWE-538: Insertion of Sensitive Information into Externally-Accessible File or Directory](https://cwe.mitre.org/data/definitions/538.html)
    - [OWASP: Forced Browsing](https://owasp.org/www-community/attacks/Forced_browsing)
    """

    code = "WW1195"
    name = "sensitive-path-probing"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 538
    message = (
        "{client} probed {distinct} sensitive paths ({count} requests) such as {route} {window}"
    )
    fix = "keep secrets out of the served directories; block the client"
    threshold = 5
    window = 600.0
    distinct = True

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        status = event.status
        if status is None or not 400 <= status < 500:
            return None
        path = event.path
        if SECRET_FILES.search(path) is None and _RECON.search(path) is None:
            return None
        return Evidence(key=event.client or "", distinct=path)
