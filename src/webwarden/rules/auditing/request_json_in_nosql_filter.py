"""WW1115: a JSON body's value used as is as a MongoDB field condition."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestJsonInNosqlFilter(TaintRule):
    """## What it does
    Follows values of a request's JSON body (`request.get_json()`, `request.json`) into
    the field conditions of a MongoDB filter passed to PyMongo's `find`, `find_one`,
    `update_*`, `delete_*`, `replace_one` or `count_documents`
    (`{"username": username}`), when nothing made them a string or a number first.
    Values of the query string or of a form are strings and are not reported, nor is a
    value under an operator (`{"username": {"$eq": username}}`).

    ## Why is this bad?
    JSON can send an object where the code expects a string. MongoDB reads an object in a
    field condition as operators: `{"username": "admin", "password": {"$ne": null}}`
    matches the admin whatever the password, `{"$regex": ".*"}` matches every user, and
    `{"$gt": ""}` walks through the collection. This is the classic NoSQL injection that
    bypasses a login.

    ## Known problems
    Only a body read in the view that builds the filter is followed, and only Flask's
    readers of it: a body parsed by `json.loads()` or Django REST framework's
    `request.data` is not.

    ## Example
    ```python
    from flask import Flask, request
    from pymongo import MongoClient

    app = Flask(__name__)
    users = MongoClient().app.users

    @app.route("/login", methods=["POST"])
    def login():
        body = request.get_json()
        user = users.find_one({"username": body["username"], "password": body["password"]})
        return {"ok": user is not None}
    ```

    ## Fix
    ```python
    from flask import Flask, request
    from pymongo import MongoClient

    app = Flask(__name__)
    users = MongoClient().app.users

    @app.route("/login", methods=["POST"])
    def login():
        body = request.get_json()
        user = users.find_one({"username": str(body["username"])})
        return {"ok": user is not None and check_password(user, str(body["password"]))}
    ```
    Make every value a string or a number before it goes into a filter (`str(...)`, a
    schema that checks types), or compare with `$eq`, which takes an object literally.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-943: Improper Neutralization of Special Elements in Data Query Logic](https://cwe.mitre.org/data/definitions/943.html)
    - [MongoDB docs: Query and projection operators](https://www.mongodb.com/docs/manual/reference/operator/query/)
    - [OWASP: Testing for NoSQL Injection](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection)
    """

    code = "WW1115"
    name = "request-json-in-nosql-filter"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 943
    message = (
        '{source} may be an object of query operators (`{{"$ne": null}}`) in the MongoDB'
        " filter of `{sink}`"
    )
    fix = 'make the value a string (`str(...)`) or compare with `{{"$eq": value}}`'
    frameworks = frozenset({Framework.FLASK})
