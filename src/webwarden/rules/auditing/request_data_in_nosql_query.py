"""WW1113: request data run as JavaScript by MongoDB (`$where`, `$function`)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInNosqlQuery(TaintRule):
    """## What it does
    Follows request data into the JavaScript of a MongoDB query: the `$where` (or
    `$function`/`$accumulator`) part of a filter or pipeline passed to PyMongo's
    `find`, `find_one`, `update_*`, `delete_*`, `count_documents`, `aggregate`.
    Ordinary field conditions (`{"name": name}`) are not reported here (WW1115 reports
    a JSON body's value used as one).

    ## Why is this bad?
    `$where` evaluates JavaScript on the database server for every document. Request data
    in it can change the condition (`' || '1'=='1`), read other fields, or make the query
    run for ever (denial of service).

    ## Example
    ```python
    from flask import Flask, request
    from pymongo import MongoClient

    app = Flask(__name__)
    users = MongoClient().app.users

    @app.route("/users")
    def find_users():
        name = request.args["name"]
        found = users.find({"$where": f"this.name == '{name}'"})
        return {"count": len(list(found))}
    ```

    ## Fix
    ```python
    from flask import Flask, request
    from pymongo import MongoClient

    app = Flask(__name__)
    users = MongoClient().app.users

    @app.route("/users")
    def find_users():
        name = request.args["name"]
        found = users.find({"name": name})
        return {"count": len(list(found))}
    ```
    Use query operators (`{"name": value}`, `$eq`, `$regex` with an escaped pattern);
    never build `$where` JavaScript from request data. Make sure values are strings
    (`str(...)`) so a JSON body cannot smuggle in `{"$ne": null}`.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-943: Improper Neutralization of Special Elements in Data Query Logic](https://cwe.mitre.org/data/definitions/943.html)
    - [MongoDB docs: $where](https://www.mongodb.com/docs/manual/reference/operator/query/where/)
    - [OWASP: Testing for NoSQL Injection](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection)
    """

    code = "WW1113"
    name = "request-data-in-nosql-query"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 943
    message = "{source} is run as JavaScript in the MongoDB query of `{sink}`"
    fix = "use query operators with request values; never build `$where` JavaScript from them"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
