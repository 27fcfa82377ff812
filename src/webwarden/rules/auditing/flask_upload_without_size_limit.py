"""WW1176: upload routes in a Flask app with no request size limit."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule


class FlaskUploadWithoutSizeLimit(FlaskRule):
    """## What it does
    Finds views reading `request.files` in an app where `MAX_CONTENT_LENGTH` is never
    set (Flask's default is no limit), reported once per app at the first upload route.

    ## Why is this bad?
    Without a limit, one client can send a request body as large as the disk or memory
    behind the app: uploads are spooled to temporary files, forms to memory. A few
    parallel uploads take the service down.

    ## Example
    ```python
    from flask import Flask, request

    app = Flask(__name__)


    @app.post("/upload")
    def upload():
        request.files["file"].save("/srv/uploads/file")
        return "ok"
    ```

    ## Fix
    ```python
    from flask import Flask, request

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024


    @app.post("/upload")
    def upload():
        request.files["file"].save("/srv/uploads/file")
        return "ok"
    ```

    ## References
    - [CWE-400: Uncontrolled Resource Consumption](https://cwe.mitre.org/data/definitions/400.html)
    - [Flask: uploading files](https://flask.palletsprojects.com/en/stable/patterns/fileuploads/#improving-uploads)
    """

    code = "WW1176"
    name = "flask-upload-without-size-limit"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 400
    message = "`{route}` (`{endpoint}`) accepts uploads and `MAX_CONTENT_LENGTH` is never set"
    fix = "set `MAX_CONTENT_LENGTH` to the largest upload the app needs"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        uploads = [route for route in app.routes if "files" in route.body.request_reads]
        if not uploads:
            return
        unset = [j for j in app.judge("MAX_CONTENT_LENGTH") if j.setting is None]
        if unset:
            route = uploads[0]
            yield self.at(
                route.location,
                judged=unset[0],
                confidence=self.missing_confidence(app),
                route=route.display,
                endpoint=route.endpoint,
            )
