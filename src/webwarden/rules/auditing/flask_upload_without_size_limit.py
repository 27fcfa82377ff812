"""WW1176: upload routes in a Flask app with no request size limit."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel, Route
from webwarden.rules.flask_base import FlaskRule


class FlaskUploadWithoutSizeLimit(FlaskRule):
    """## What it does
    Finds views taking uploads in an app where `MAX_CONTENT_LENGTH` is never set
    (Flask's default is no limit), reported once per app at an upload route: one reading
    `request.files` or building an upload form itself if any, and of those one taking
    only submissions. A view takes uploads when it reads `request.files`, itself or
    through a function of the project it calls (`save_upload()`), or when a route of it
    accepting `POST`, `PUT` or `PATCH` builds, itself or through the project's helpers,
    a form class of the project with a file field: WTForms' or Flask-WTF's `FileField`
    or `MultipleFileField`, a field of the project named so or deriving from one (`logo
    = ScannedFileField(...)`), also one the form inherits from a base form
    (`form.logo.data.save(...)` never names `request.files`). A form with a file field
    built on a `GET`-only route only shows the field; its upload goes elsewhere.

    ## Why is this bad?
    Without a limit, one client can send a request body as large as the disk or memory
    behind the app: uploads are spooled to temporary files, forms to memory. A few
    parallel uploads take the service down.

    ## Known problems
    A `FileSize` validator on the field does not help: it runs after the whole body
    was received. A limit set in front of the app does: an nginx or Apache configuration
    shipped with the project that sets `client_max_body_size` or `LimitRequestBody`
    (above zero) keeps the rule quiet. One kept elsewhere webwarden does not read;
    suppress the finding with that reason.

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
        if model.server_limits_body:
            return  # NOTE: the web server shipped in front of the app refuses large bodies
        uploads = sorted(
            (r for r in app.routes if app.accepts_uploads(r)),
            key=lambda route: _plainest(app, route),
        )
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


def _plainest(app: FlaskApp, route: Route) -> tuple[bool, bool]:
    """Order of the upload routes to report at: one reading `request.files` or building
    an upload form itself first (not through a helper rendering another page), and of
    those one taking only submissions (an upload's target, not a page that also shows
    the form); otherwise as defined."""
    itself = "files" in route.body.request_reads or bool(route.body.calls & app.upload_forms)
    return not itself, "GET" in route.methods
