"""WW1130: request data used as a regular expression's pattern."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataAsRegexPattern(TaintRule):
    """## What it does
    Follows request data into the pattern of a regular expression: the first argument of
    `re.compile`, `re.search`, `re.match`, `re.fullmatch`, `re.findall`, `re.finditer`,
    `re.split`, `re.sub` and `re.subn` (and the `regex` package's), and the value of a
    Django `__regex` or `__iregex` lookup (`filter(name__regex=q)`, also spread from a
    dict display: `**{f"{field}__regex": q}`). A value passed through `re.escape()`
    matches its text literally and is safe, and so is a pattern compiled only to check
    that it is one, `re.compile(text)` as a statement whose result is dropped (`except
    re.error:` refusing it): nothing is matched with it there. So is the host Django
    checked, `request.get_host()` or `request.build_absolute_uri("/")` given a location
    from the site's root (letters, digits, dots, dashes and a port: no quantifier or
    group), but not `build_absolute_uri()` without one, or with a relative one, which
    carry the request's own path. Request data as the text searched is not this rule's
    (see WW1139).

    ## Why is this bad?
    A client who writes the pattern chooses how much work matching it takes: `(a+)+$`
    against a few dozen characters keeps a worker busy for minutes (Python's `re` has no
    backtracking limit or timeout), and a database's regular expression engine can be
    tied up the same way. A pattern also matches more than the literal text the code
    meant (`.*` finds every row), which defeats a lookup meant to find one value.

    ## Example
    ```python
    import re
    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/grep")
    def grep():
        lines = open("notes.txt").read().splitlines()
        found = [line for line in lines if re.search(request.args["q"], line)]
        return {"lines": found}
    ```

    ## Fix
    ```python
    import re
    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/grep")
    def grep():
        lines = open("notes.txt").read().splitlines()
        needle = re.escape(request.args["q"])
        found = [line for line in lines if re.search(needle, line)]
        return {"lines": found}
    ```
    Escape the text with `re.escape()` (or search with `in`, `str.find`, or Django's
    `__contains` / `__icontains` lookups) instead of letting the client write a pattern.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README;
    the sink kind is `regex`).

    ## References
    - [CWE-730: OWASP Top Ten 2004 Category A9 - Denial of Service (regular expression injection)](https://cwe.mitre.org/data/definitions/730.html)
    - [CWE-625: Permissive Regular Expression](https://cwe.mitre.org/data/definitions/625.html)
    - [Python docs: re.escape](https://docs.python.org/3/library/re.html#re.escape)
    - [Django docs: regex field lookup](https://docs.djangoproject.com/en/stable/ref/models/querysets/#regex)
    - [OWASP: Regular expression Denial of Service](https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS)
    """

    code = "WW1130"
    name = "request-data-as-regex-pattern"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 730
    message = "{source} is used as the regular expression of `{sink}`"
    fix = "escape the text with `re.escape()` or match it literally (`in`, `__icontains`)"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
