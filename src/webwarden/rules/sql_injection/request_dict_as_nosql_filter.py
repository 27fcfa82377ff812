"""WW444: a whole mapping of request data used as a MongoDB filter."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDictAsNosqlFilter(TaintRule):
    """## What it does
    Follows a whole mapping of request data into the filter of a MongoDB query: a
    request's JSON body (`request.get_json()`, `request.json`, or a part of it:
    `request.json["filter"]`), request text decoded as JSON (`json.loads(request.data)`,
    `json.loads(request.args["q"])`), or the query string or form as a dict
    (`request.args.to_dict()`), passed as is as the filter of PyMongo's `find`,
    `find_one`, `find_one_and_*`, `update_*`, `delete_*`, `replace_one` or
    `count_documents`. A filter the code builds (`{"name": request.args["q"]}`) is not
    reported here: its keys are the code's (WW1115 reports a JSON value used as a field
    condition in one, WW1113 request data in its `$where`).

    ## Why is this bad?
    The client then writes the whole query. MongoDB reads keys starting with `$` as
    operators: `{"password": {"$ne": null}}` matches every user whatever the password,
    `{"$where": "sleep(10000)"}` runs JavaScript on the server for each document, and a
    `delete_many` or `update_many` given `{}` changes every document of the collection.

    ## Known problems
    Only data read in the function that runs the query is followed: a helper handed the
    body as a parameter is not.

    ## Example
    ```python
    from flask import Flask, request
    from pymongo import MongoClient

    app = Flask(__name__)
    notes = MongoClient().app.notes

    @app.route("/notes/search", methods=["POST"])
    def search_notes():
        found = notes.find(request.get_json())
        return {"titles": [note["title"] for note in found]}
    ```

    ## Fix
    ```python
    from flask import Flask, request
    from pymongo import MongoClient

    app = Flask(__name__)
    notes = MongoClient().app.notes

    @app.route("/notes/search", methods=["POST"])
    def search_notes():
        body = request.get_json()
        found = notes.find({"title": str(body["title"])})
        return {"titles": [note["title"] for note in found]}
    ```
    Build the filter in the code from the fields a client may search by, each value
    made a string or a number (`str(...)`) or compared with `$eq`.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-943: Improper Neutralization of Special Elements in Data Query Logic](https://cwe.mitre.org/data/definitions/943.html)
    - [MongoDB docs: Query and projection operators](https://www.mongodb.com/docs/manual/reference/operator/query/)
    - [OWASP: Testing for NoSQL Injection](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection)
    """

    code = "WW444"
    name = "request-dict-as-nosql-filter"
    practice = Practice.SQL_INJECTION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 943
    message = "{source} is the whole MongoDB query of `{sink}`: the client writes it"
    fix = "build the filter from named fields, each value made a string (`str(...)`)"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
