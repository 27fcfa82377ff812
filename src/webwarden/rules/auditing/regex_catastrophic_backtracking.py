"""WW1139: request data searched by a regular expression that backtracks catastrophically."""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.analysis.regex_backtracking import backtracks_catastrophically
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.model.regex_validators import validator_patterns
from webwarden.rules.base import Framework, TaintRule

_VALIDATOR_MESSAGE = (
    "the pattern of `{sink}` backtracks catastrophically on the client input it validates"
)


class RegexCatastrophicBacktracking(TaintRule):
    """## What it does
    Follows request data into the text searched by a constant regular expression that
    backtracks exponentially when it fails to match: `re.search(pattern, text)` and the
    other functions of `re` and `regex`, and the methods of a pattern compiled in the
    function or at module level (`EMAIL_RE.match(text)`); with low confidence, the
    constant pattern of a `RegexValidator` (or a subclass's `regex`) and of a Django form
    or REST framework serializer `RegexField`, which always run on client input. The
    pattern is read with the standard library's own parser and reported when an
    unbounded repeat (`*`, `+`, `{n,}`) holds another unbounded repeat whose characters
    what follows it inside the outer repeat may also match (`(a+)+`, `(\\w+\\s?)*`, `([-.\\w]*[0-9a-z])*`), or an
    alternation whose branches match the same text (`(a|a)*`). A required character the
    inner repeat cannot match between them (`(\\w+,)*`) makes the pattern safe.

    ## Why is this bad?
    On a text that almost matches (`aaaaaaaaaaaaaaaaaaaaaaaaaaaa!`), the engine tries
    every way of splitting it between the nested repeats before it gives up: twice the
    time for each character more. Python's `re` (3.11 and later too) has no backtracking
    limit and no timeout, and holds the GIL while it matches, so one request of a few
    dozen characters keeps a worker busy for minutes (ReDoS).

    ## Known problems
    Python's parser turns an alternation of single characters into one set, so
    `(\\w|\\d)+` is `[\\w\\d]+` to `re`, which is not reported (it does not backtrack).
    A repeat that nothing after it can make fail (a search whose pattern ends with it, no
    end anchor) is not reported: its first greedy try is the match. A pattern compiled in
    the function and then asked `fullmatch()` is judged as a search.

    ## Example
    ```python
    import re
    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/signup", methods=["POST"])
    def signup():
        email = request.form["email"]
        if not re.match(r"^([a-z0-9]([-.\\w]*[a-z0-9])*@[a-z0-9.-]+)$", email):
            return {"error": "invalid address"}, 400
        return {"ok": True}
    ```

    ## Fix
    ```python
    import re
    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/signup", methods=["POST"])
    def signup():
        email = request.form["email"]
        if not re.match(r"^[a-z0-9][-.\\w]*@[a-z0-9.-]+$", email):
            return {"error": "invalid address"}, 400
        return {"ok": True}
    ```
    Write the pattern without nested repeats that can match the same characters (one
    class repeated once), use possessive repeats or atomic groups (`(?>...)`, Python
    3.11), limit the length of the text before matching, or use a parser or a validator
    of the format (Django's `EmailValidator`).

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README;
    the sink kind is `redos`).

    ## References
    - [CWE-1333: Inefficient Regular Expression Complexity](https://cwe.mitre.org/data/definitions/1333.html)
    - [OWASP: Regular expression Denial of Service](https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS)
    - [Python docs: re, possessive quantifiers and atomic groups](https://docs.python.org/3/library/re.html#regular-expression-syntax)
    """

    code = "WW1139"
    name = "regex-catastrophic-backtracking"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 1333
    message = "{source} is searched by a pattern that backtracks catastrophically in `{sink}`"
    fix = "rewrite the pattern without nested repeats over the same characters, or limit the text's length"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})

    def check(self, project: ProjectModel) -> Iterable[Finding]:
        """The taint flows, and the validators' patterns that backtrack."""
        yield from super().check(project)
        for found in validator_patterns(project):
            if backtracks_catastrophically(found.pattern, found.flags):
                yield self.make_finding(
                    found.location,
                    snippet=found.snippet,
                    confidence=Confidence.LOW,
                    message=_VALIDATOR_MESSAGE,
                    sink=found.validator,
                )
