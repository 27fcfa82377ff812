"""WW1153: `.env`, `.git/`, the SQLite database or settings served to anyone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.rules.base import ProbeRule

# Path -> (what it is, what its content must look like). The content check keeps a
# catch-all route that answers 200 to everything from being reported.
LEAKS: dict[str, tuple[str, re.Pattern[str]]] = {
    "/.env": ("environment file", re.compile(r"^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*=", re.M)),
    "/.git/HEAD": ("git repository", re.compile(r"^(?:ref: refs/|[0-9a-f]{40}\s*$)")),
    "/.git/config": ("git repository", re.compile(r"^\[core\]", re.M)),
    "/db.sqlite3": ("SQLite database", re.compile(r"^SQLite format 3")),
    "/settings.py": ("settings module", re.compile(r"^\s*(?:SECRET_KEY|INSTALLED_APPS)\s*=", re.M)),
}


class SensitivePathExposed(ProbeRule):
    """## What it does
    Reports well-known files that must never be served and were: `/.env`,
    `/.git/HEAD` and `/.git/config` (the whole repository can then be rebuilt),
    `/db.sqlite3` (Django's default database) and `/settings.py`, each only when the
    content really is such a file.

    ## Why is this bad?
    These files hold the secret key, database passwords, API keys and the source code.
    They leak when the project directory is the web root or a static folder
    (`Flask(static_folder=".")`, a web server `root` pointing at the checkout).

    ## Example
    ```http
    GET https://shop.example/.env

    HTTP/1.1 200 OK
    Content-Type: text/plain

    SECRET_KEY=change-me
    DATABASE_URL=postgres://shop:hunter2@db/shop
    ```

    ## Fix
    ```http
    GET https://shop.example/.env

    HTTP/1.1 404 Not Found
    Content-Type: text/html

    <h1>Not Found</h1>
    ```

    ## References
    - [CWE-538: Insertion of Sensitive Information into Externally-Accessible File or Directory](https://cwe.mitre.org/data/definitions/538.html)
    - [Django: deploying static files](https://docs.djangoproject.com/en/stable/howto/static-files/deployment/)
    """

    code = "WW1153"
    name = "sensitive-path-exposed"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 538
    message = "`{path}` is served to anyone: the {what} is exposed"
    fix = "serve only a dedicated static directory; keep the project, .env and .git outside the web root"

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        for exchange in record.exchanges:
            leak = LEAKS.get(exchange.path)
            if leak is None or not 200 <= exchange.status < 300:
                continue
            what, content = leak
            if content.search(exchange.body):
                yield self.at_url(
                    exchange.url, subject="leak", key=exchange.path, path=exchange.path, what=what
                )
