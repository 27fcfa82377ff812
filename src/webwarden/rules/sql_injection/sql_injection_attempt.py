"""WW490: SQL injection payloads in requests (access logs)."""

from __future__ import annotations

import re

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import PayloadRule

# NOTE: lower-case, bounded repetition only; each branch needs SQL syntax, not just a
# word, so searches for "union" or "O'Reilly" stay quiet.
_SQL = re.compile(
    r"\bunion\b[\s/*+()]{1,20}(?:(?:all|distinct)[\s/*+()]{1,20})?select\b"
    r"|['\"`)]\s{0,5}(?:or|and|xor|\|\||&&)\s{1,5}['\"(]{0,2}\s{0,3}\w{1,20}['\"]?\s{0,3}"
    r"(?:=|<|>|like\b|is\b|in\b|between\b)"
    r"|\b(?:or|and)\s{1,5}(\d{1,10})\s{0,3}=\s{0,3}\1\b"
    r"|\b(?:and|or)\s{1,5}\(?\s{0,3}select\b"
    r"|['\"]\s{0,5}(?:--|#|/\*)"
    r"|/\*!\d{0,5}"
    r"|\b(?:sleep|pg_sleep)\s{0,5}\(\s{0,5}\d{1,3}(?:\.\d{1,3})?\s{0,5}\)"
    r"|\bbenchmark\s{0,5}\(\s{0,5}\d{3,12}\s{0,5},"
    r"|\bwaitfor\s{1,5}delay\s{1,5}'"
    r"|;\s{0,5}(?:drop|delete|insert|update|truncate|alter|create|exec|execute|declare|shutdown"
    r"|select)"
    r"\s{1,5}(?:table|from|into|database|view|user|procedure|xp_|@)"
    r"|\binformation_schema\b|\bsysobjects\b|\bpg_catalog\b|\bsqlite_master\b|\bxp_cmdshell\b"
    r"|@@version|\bascii\s{0,3}\(\s{0,3}substr"
    r"|\b(?:load_file|extractvalue|updatexml|make_set|dbms_pipe\.receive_message)\s{0,5}\("
    r"|\binto\s{1,5}(?:out|dump)file\b"
    r"|\border\s{1,5}by\s{1,5}\d{1,3}\s{0,5}(?:--|#)"
    r"|\bchar\s{0,5}\(\s{0,5}\d{1,3}\s{0,5},\s{0,5}\d{1,3}"
    r"|\bconcat(?:_ws)?\s{0,5}\(\s{0,5}0x[0-9a-f]"
)


class SqlInjectionAttempt(PayloadRule):
    """## What it does
    Finds requests whose path or query carries SQL injection payloads: `UNION SELECT`,
    tautologies after a quote (`' OR '1'='1`), comment terminators (`admin'--`),
    stacked queries (`'; DROP TABLE`), time delays (`SLEEP(5)`, `pg_sleep`, `WAITFOR
    DELAY`), catalogue reads (`information_schema`), as sent or URL-encoded once or
    twice. Requests from one client are reported together, one finding per burst.

    ## Why is this bad?
    Someone is testing the app's parameters for SQL injection, by hand or with sqlmap.
    An app that builds SQL from strings (`cursor.execute(f"...{q}")`, `.raw()`,
    `.extra()`, `text()` with formatting) hands them the database. The attempt itself
    is harmless on code that uses the ORM or bound parameters; check the routes it
    targets, and whether they answered 500 (WW1198).

    ## Example
    ```log
    203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET /products?q=shoes HTTP/1.1" 200 5120 "-" "Mozilla/5.0"
    203.0.113.7 - - [01/May/2024:10:00:04 +0000] "GET /products?q=shoes%27%20UNION%20SELECT%20username,password%20FROM%20auth_user-- HTTP/1.1" 500 145 "-" "Mozilla/5.0"
    ```

    ## Fix
    Ordinary searches, even with quotes or SQL words, are not reported:
    ```log
    203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET /books?q=O%27Reilly+select+union HTTP/1.1" 200 5120 "-" "Mozilla/5.0"
    ```
    Keep queries parameterised so that the probes fail, then block the client if it
    goes on:
    ```python
    Product.objects.filter(name__icontains=q)  # Django ORM
    db.session.execute(text("SELECT * FROM product WHERE name = :q"), {"q": q})  # SQLAlchemy
    ```

    ## Options
    `[tool.webwarden.logs.sql-injection-attempt]`: `threshold` (probes per window,
    default 1) and `window` (default `"1h"`: probes less than a window apart belong to
    one finding).

    ## References
    - [CWE-89: SQL Injection](https://cwe.mitre.org/data/definitions/89.html)
    - [Django: SQL injection protection](https://docs.djangoproject.com/en/stable/topics/security/#sql-injection-protection)
    - [OWASP: SQL Injection Prevention Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html)
    """

    code = "WW490"
    name = "sql-injection-attempt"
    practice = Practice.SQL_INJECTION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 89
    message = "{client} sent {count} SQL injection probe{s} to {route} {window}: {detail}"
    fix = "check that the targeted routes use the ORM or bound parameters; block the client"
    pattern = _SQL
    trigger = re.compile(
        r"['\"`();@#*]|--|union|information_schema|sysobjects|pg_catalog|sqlite_master"
        r"|xp_cmdshell|into\s|\b(?:or|and)\s"
    )
