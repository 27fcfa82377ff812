"""WW1020: HTML pages a Flask app serves may be framed by any site."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.model.flask.frame_wrappers import SECURE_HEADERS, drops_frame_policy
from webwarden.model.server_headers import denies_framing
from webwarden.rules.flask_base import TALISMAN, FlaskRule, in_effect


def sets_frame_header(app: FlaskApp) -> bool:
    """An `after_request` hook or a view setting X-Frame-Options or CSP frame-ancestors."""
    bodies = [hook.body for _, hook, _ in app.hooks] + [route.body for route in app.routes]
    for body in bodies:
        for name, value in body.headers_set:
            if name == "x-frame-options":
                return True
            if name == "content-security-policy" and "frame-ancestors" in str(in_effect(value)):
                return True
    return False


def secure_headers_sent(app: FlaskApp) -> bool:
    """flask-secure-headers sends `X-Frame-Options` on every page: `sh.init_app(app)`,
    or `@sh.wrapper()` on each view rendering a template, its policy keeping the header."""
    for extension in app.extension(SECURE_HEADERS):
        kept = f"{extension.ref}.wrapper" in app.frame_wrappers
        if kept and not drops_frame_policy(extension.options.values()):
            return True
    pages = [route for route in app.routes if route.body.renders_html]
    return bool(pages) and all(
        any(
            decorator.name in app.frame_wrappers
            and not drops_frame_policy((*decorator.args, *dict(decorator.options).values()))
            for decorator in route.decorators
        )
        for route in pages
    )


def _csp_frames(value: object) -> bool:
    value = in_effect(value)
    return "frame-ancestors" in (value if isinstance(value, dict) else str(value))


class FlaskFrameOptionsMissing(FlaskRule):
    """## What it does
    Finds Flask apps rendering HTML templates, or serving an HTML file of their own (a
    single-page app's `send_from_directory(root, "index.html")`; a file the request
    names may be of any type), with no clickjacking defence: no
    Flask-Talisman (its `frame_options` defaults to `SAMEORIGIN`), no hook setting
    `X-Frame-Options` or a CSP `frame-ancestors` (by name, or as a key of a dict it
    builds and copies onto the response: `for name, value in headers.items():
    response.headers.add(name, value)`, `response.headers.update(headers)`; also in a
    function of the project, of any module, an `after_request` hook calls:
    `add_sec_headers(response)`); and `Talisman(frame_options=None)` or
    `ALLOW-FROM` (ignored by current browsers) without `frame-ancestors` in the CSP.
    JSON-only apps are not judged, nor apps whose templates are all text that is no page,
    each named by a constant with such an extension (a mail's `mail/reset.txt`, an
    export's `feeds.opml.xml` or `report.csv`): no button of theirs can be clicked in a
    frame. Talisman given options as `**kwargs` webwarden cannot
    read (`Talisman(app, **app.config["TALISMAN_CONFIG"])`) counts as sending its
    default: turning the header off is a choice such a config rarely makes, unlike
    `force_https=False` behind a TLS proxy (WW920 reports that case at low confidence).
    Nor is an app whose project ships an nginx or Apache configuration (a `*.conf` file,
    or a template of one) setting `X-Frame-Options: DENY` or `SAMEORIGIN`
    (`add_header`, `Header always set`) or a CSP with `frame-ancestors`: the server in
    front of the app adds the header to every page it passes on. Nor is an app using
    flask-secure-headers (`sh = Secure_Headers()`), whose policy sends `X-Frame-Options:
    sameorigin` by default, on every response (`sh.init_app(app)`) or on each view
    rendering a template (`@sh.wrapper()`), unless the policy drops the header
    (`sh.rewrite({"X-Frame-Options": None})`, `@sh.wrapper({"X_Frame_Options": None})`).

    ## Why is this bad?
    A hostile page can load the app in an invisible frame and trick the logged-in user
    into clicking its buttons: delete, transfer, confirm.

    ## Example
    ```python
    from flask import Flask, render_template

    app = Flask(__name__)


    @app.get("/")
    def index():
        return render_template("index.html")
    ```

    ## Fix
    ```python
    from flask import Flask, render_template
    from flask_talisman import Talisman

    app = Flask(__name__)
    Talisman(app, frame_options="DENY")


    @app.get("/")
    def index():
        return render_template("index.html")
    ```

    ## References
    - [CWE-1021: Improper Restriction of Rendered UI Layers or Frames](https://cwe.mitre.org/data/definitions/1021.html)
    - [OWASP: Clickjacking Defense Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Clickjacking_Defense_Cheat_Sheet.html)
    """

    code = "WW1020"
    name = "flask-frame-options-missing"
    practice = Practice.CLICKJACKING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 1021
    message = "pages may be framed by any site ({why})"
    fix = 'use `Talisman(app, frame_options="DENY")` or set `X-Frame-Options: DENY`'

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        if not app.renders_html or sets_frame_header(app) or secure_headers_sent(app):
            return
        if any(denies_framing(header) for header in model.server_headers):
            return
        talismans = app.extension(TALISMAN)
        if not talismans:
            yield self.at(app.location, why="no Flask-Talisman or X-Frame-Options header")
        for talisman in talismans:
            frame = in_effect(talisman.option("frame_options", "SAMEORIGIN"))
            csp = talisman.option("content_security_policy", None)
            if _csp_frames(csp):
                continue
            if frame in (None, False, ""):
                yield self.at(talisman.location, why="`frame_options=None`")
            elif isinstance(frame, str) and frame.upper().startswith("ALLOW-FROM"):
                yield self.at(talisman.location, why="`ALLOW-FROM` is ignored by browsers")
