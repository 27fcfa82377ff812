"""WW920: a Flask app that never redirects HTTP to HTTPS."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.analysis.environment import DeployTime
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.model.flask.loopback_callers import run_port
from webwarden.rules.flask_base import TALISMAN, FlaskRule, in_effect
from webwarden.rules.https._flask_redirects import SSLIFY, redirects_itself

_MAX_AGE = re.compile(r"max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


def sends_hsts_itself(app: FlaskApp) -> bool:
    """An `after_request` hook of the app sets `Strict-Transport-Security` on the
    responses (`response.headers["Strict-Transport-Security"] = "max-age=31536000"`, or
    a value read from the config, `app.config.get("HSTS", "max-age=31536000")`), not
    one written with a `max-age` of zero (or none), which turns HSTS off."""
    for _, hook, _ in app.hooks:
        if not hook.kind.startswith("after"):
            continue
        for name, value in hook.body.headers_set:
            if name != "strict-transport-security":
                continue
            shown = in_effect(value)
            if not isinstance(shown, str):
                return True  # NOTE: read from the config or a helper: the header is sent
            match = _MAX_AGE.search(shown)
            if match and int(match[1]) > 0:
                return True
    return False


def serves_tls_itself(app: FlaskApp) -> bool:
    """Every `app.run()` (or `run_simple()`, or gevent `WSGIServer`) of the app is given
    an `ssl_context` (a context, `(cert, key)` or `"adhoc"`; gevent's `certfile`): the
    server it starts speaks TLS only, so no plain-HTTP request reaches the app to be
    redirected."""
    return bool(app.runs) and all(
        options.get("ssl_context") not in (None, False, "") for options, _ in app.runs
    )


def called_on_loopback(app: FlaskApp, model: FlaskModel) -> bool:
    """Every server run of the app listens on a port that code of other modules of the
    project calls over the loopback (`http://localhost:8011/tags`): a service of the
    project's own, whose clients are that code on the same host, not browsers."""
    ports = [run_port(options) for options, _ in app.runs]
    return bool(ports) and all(
        port is not None
        and any(
            caller not in app.modules and caller != where.path
            for caller in model.loopback_callers.get(port, ())
        )
        for port, (_, where) in zip(ports, app.runs, strict=True)
    )


def _turned_off(given: object) -> str:
    """Why Talisman's `force_https` is off: given `False`, or a deploy-time value that is
    false while its environment variables are unset (`force_https=settings.ENFORCE_HTTPS`,
    `ENFORCE_HTTPS = os.environ.get("ENFORCE_HTTPS", "false") == "true"`)."""
    variables = given.environment_variables if isinstance(given, DeployTime) else ()
    if not variables:
        return "`force_https=False`"
    named = ", ".join(f"`{variable}`" for variable in variables)
    return f"Talisman's `force_https` is off unless {named} turns it on"


_SENDS_HSTS = "the app sends HSTS itself, written to be served over HTTPS"


class FlaskHttpsNotEnforced(FlaskRule):
    """## What it does
    Finds Flask apps with nothing that sends plain-HTTP visitors to HTTPS: no
    Flask-Talisman (whose `force_https` defaults to `True`), no Flask-SSLify, no
    `before_request` hook checking `request.is_secure` (or redirecting by the
    `X-Forwarded-Proto` header a proxy in front sets, or redirecting to a URL it writes
    to start with `https://`: `redirect("https://" + request.url[7:], 301)` after
    testing `urlsplit(request.url).scheme == "http"`, or
    `request.url.replace("http://", "https://", 1)`); and `Talisman(force_https=False)`,
    also a value read from the environment that is false while its variables are unset
    (`force_https=settings.ENFORCE_HTTPS`, `ENFORCE_HTTPS = os.environ.get("ENFORCE_HTTPS",
    "false") == "true"`: the finding names the variables that turn it on)
    (at low confidence when Talisman is given options as `**kwargs` webwarden cannot read,
    which may turn `force_https` off: `Talisman(app, **app.config["TALISMAN_CONFIG"])`;
    a dict of the project spread out, a module's constant or a config class's attribute,
    `Talisman(app, **Config.TALISMAN_SETTINGS)`, is read where it is written, key by key
    when the module writes it (`DEFAULT_CONFIG = dict(force_https=False, frame_options=
    talisman.SAMEORIGIN)`) though some values are a library's constants; when
    the environment chooses among config classes, as the deployed ones give it, a
    development class remaking it from a `copy.deepcopy` of its base's aside).
    An app a function makes only for its config or an app context and then drops (a CLI
    command's, a migration script's, a database helper's: not run, not returned, with no
    route but the static one, no request hook and no extension that adds views) serves
    no request and is not reported, nor is such an app a command-line script makes at
    its top level (a migration or password-hashing tool reading `sys.argv`) and never
    runs; nor is such an app that a factory returns when
    nothing runs it and another app of the project has the views (a factory making an
    app for scripts' database access beside the one that serves the API), nor is the
    app of a Celery worker's entry module (`run_worker.py` making the app with the web
    entry's factory, for the app context its tasks run in) that the project's scripts
    name only in `celery -A run_worker.celery worker` (or `beat`) commands, that no
    other module imports and that does not run itself, when another app of the project
    has views: the server loads the web entry, judged as such, and a worker serves no
    request; nor is a frame app with no view of its own, run or not, whose whole
    `wsgi_app` Werkzeug's `DispatcherMiddleware` replaces (`app.wsgi_app =
    DispatcherMiddleware(Flask("frame"), {"/cves": create_app()})`), when another app of
    the project has views: every request goes to a mounted app, judged where it is made;
    nor is an app whose project ships a web server
    configuration (an nginx or Apache `*.conf`, or a site file named without a suffix
    in a folder named for the server, `deployment/nginx/shop`) that redirects every plain-HTTP request
    to HTTPS (`return 301 https://$host$request_uri;`, `Redirect permanent / https://...`),
    or an nginx configuration that takes no plain HTTP at all, every `server` block
    listening with TLS (`listen 443 ssl;`, `quic`, the old `ssl on;`; a block without
    `listen` takes port 80),
    or an AWS Copilot manifest (`copilot/<service>/manifest.yml`) making it a `Load
    Balanced Web Service` with an HTTPS domain (`http.alias`, also an environment's)
    whose load balancer redirects (`redirect_to_https`, true unless turned off), or
    Terraform setting up an AWS listener or a Google Cloud URL map whose default action
    redirects to HTTPS, or a Kubernetes `Ingress` for ingress-nginx with a `tls:`
    section (its controller redirects unless `ssl-redirect` is `"false"`), or a Google
    App Engine `app.yaml` whose handlers running the app (`script: auto`) all say
    `secure: always`, one of them for every URL (`url: /.*`),
    nor an app whose every `app.run()` is given an `ssl_context`
    (`app.run(ssl_context=(cert, key))`, `"adhoc"`), or that gevent's `WSGIServer` serves
    given a certificate (`WSGIServer(listener, app, certfile=..., keyfile=...)` or
    `ssl_context=`): its server speaks TLS only, and no plain-HTTP request reaches it;
    nor an app whose every server run listens on a port (`WSGIServer(("0.0.0.0", 8011),
    app)`, `app.run(port=8011)`) that code in another module of the project calls over
    the loopback (`requests.post("http://localhost:8011/tags", ...)`, also `127.0.0.1`):
    a service of the project's own, answering its code on the same host, not browsers
    following `http://` links; a redirect would only break its callers.
    A project served through Invenio's factory (a module of it, not its tests, imports
    `create_app`, `create_api` or `create_ui` of `invenio_app.factory`, or
    `invenio_app.wsgi`'s `application`)
    serves the app Invenio assembles from its entry points, whose `InvenioApp` attaches
    Talisman with the config's `APP_DEFAULT_SECURE_HEADERS` (`force_https` True by
    default): the apps it makes itself (a minimal app for its tests and scripts) are not
    reported, and a config module's top-level `APP_DEFAULT_SECURE_HEADERS["force_https"]
    = False` (or such a dict, an `update`, `APP_ENABLE_SECURE_HEADERS = False`) is.

    ## Why is this bad?
    Users type the bare domain and follow old `http://` links. Every such request, and
    the cookies sent with it, crosses the network readable and changeable by anyone on
    the path until something redirects it.

    An app with no redirect that sends HSTS itself from an `after_request` hook
    (`response.headers["Strict-Transport-Security"] = "max-age=31536000"`, or a value
    read from its config; not a `max-age` of zero) is reported at low severity: it is
    written to be served over HTTPS, and browsers that once reached it so keep to HTTPS
    for the max-age; only a first visit over plain HTTP is left, if the front lets one in.

    ## Known problems
    A proxy or platform in front of the app configured elsewhere (a load balancer,
    Heroku) may do the redirect; then suppress this finding with that reason. A Copilot
    service without an `alias` may still have HTTPS through certificates its
    environment's manifest imports (often kept elsewhere); it is reported.

    ## Example
    ```python
    from flask import Flask

    app = Flask(__name__)
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_talisman import Talisman

    app = Flask(__name__)
    Talisman(app)
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Flask-Talisman](https://github.com/wntrblm/flask-talisman)
    """

    code = "WW920"
    name = "flask-https-not-enforced"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 319
    message = "the app never redirects HTTP to HTTPS ({why})"
    fix = "add `Talisman(app)` (Flask-Talisman), or redirect at the proxy and say so"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        if model.serves_nothing(app) or app.extension(*SSLIFY) or redirects_itself(app):
            return
        if serves_tls_itself(app) or called_on_loopback(app, model):
            return
        if model.server_redirects:
            return  # NOTE: the proxy in front of the app redirects, as Talisman would
        talismans = app.extension(TALISMAN)
        if not talismans and model.invenio is not None:
            # NOTE: what is served is the app Invenio's factory assembles, whose InvenioApp
            # attaches Talisman with the config's `APP_DEFAULT_SECURE_HEADERS`.
            off = model.invenio.https_off
            if off is not None:
                yield self.at(off.location, why=f"Invenio's `{off.how}` is `False`")
            return
        if not talismans:
            finding = self.at(app.location, why="no Flask-Talisman or redirect hook")
            if sends_hsts_itself(app):
                # NOTE: browsers that once reached it over HTTPS keep to HTTPS for max-age;
                # what is left is a first visit over plain HTTP, if the front lets one in.
                finding = lower_for_context(finding, Severity.LOW, _SENDS_HSTS)
            yield finding
        for talisman in talismans:
            given = talisman.option("force_https", True)
            if in_effect(given) is False:
                yield self.at(talisman.location, why=_turned_off(given))
            elif talisman.unread and "force_https" not in talisman.options:
                yield self.at(
                    talisman.location,
                    confidence=Confidence.LOW,
                    why="Talisman is given options as `**kwargs` webwarden cannot read,"
                    " which may turn `force_https` off",
                )
