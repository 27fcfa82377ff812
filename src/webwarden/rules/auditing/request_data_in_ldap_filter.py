"""WW1112: request data in an LDAP search filter."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInLdapFilter(TaintRule):
    """## What it does
    Follows request data into the filter of an LDAP search: python-ldap's `search_s`,
    `search_st`, `search_ext`, `search_ext_s` (and `search` on a connection from
    `ldap.initialize`), ldap3's `Connection.search`. Values escaped with
    `escape_filter_chars` or formatted with `ldap.filter.filter_format` are safe.

    ## Why is this bad?
    LDAP filters have their own syntax: `*)(uid=*))(|(uid=*` in a user name turns
    `(uid=NAME)` into a filter that matches every entry, bypassing a login check or
    listing the directory (LDAP injection).

    ## Example
    ```python
    import ldap
    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/people")
    def people():
        connection = ldap.initialize("ldap://directory.example.com")
        name = request.args["name"]
        found = connection.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(uid={name})")
        return {"count": len(found)}
    ```

    ## Fix
    ```python
    import ldap
    from ldap.filter import escape_filter_chars
    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/people")
    def people():
        connection = ldap.initialize("ldap://directory.example.com")
        name = escape_filter_chars(request.args["name"])
        found = connection.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(uid={name})")
        return {"count": len(found)}
    ```
    Escape every value with `escape_filter_chars` (or build the filter with
    `ldap.filter.filter_format`).

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-90: LDAP Injection](https://cwe.mitre.org/data/definitions/90.html)
    - [python-ldap docs: ldap.filter](https://www.python-ldap.org/en/latest/reference/ldap-filter.html)
    - [OWASP: LDAP Injection Prevention Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/LDAP_Injection_Prevention_Cheat_Sheet.html)
    """

    code = "WW1112"
    name = "request-data-in-ldap-filter"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 90
    message = "{source} reaches the LDAP search filter of `{sink}`"
    fix = "escape values with `ldap.filter.escape_filter_chars` before building the filter"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
