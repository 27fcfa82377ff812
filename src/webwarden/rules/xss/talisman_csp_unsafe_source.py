"""WW576: a Flask-Talisman Content-Security-Policy that lets injected scripts run."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.model.flask.app import Extension
from webwarden.rules.flask_base import TALISMAN, FlaskRule, in_effect
from webwarden.rules.xss._csp_policy import Policy, given_policy, script_directives, weak_sources


class TalismanCspUnsafeSource(FlaskRule):
    """## What it does
    Reads the `content_security_policy` Flask-Talisman is given (a dict of directives to
    a source string or a list of sources, or the header's text; a module-level constant,
    an UPPERCASE one imported from a config module, or a config class's attribute such as
    `Config.TALISMAN_CSP`) in an app that renders HTML, and reports script
    sources that let an injected script run (`script-src`, or `default-src` when there is
    none; `script-src-elem` and `script-src-attr`, which decide for `<script>` elements
    and for event handlers, when the policy has them): `'unsafe-eval'`, `'unsafe-inline'`
    with no nonce, hash or `'strict-dynamic'` beside it, and a wildcard (`*`, `https:`,
    `data:`...). A directive
    named in `content_security_policy_nonce_in` gets a nonce from Talisman on every
    response, which makes browsers ignore `'unsafe-inline'` there. A report-only policy
    blocks nothing and is not judged here; one switched off is WW1021's. A policy read
    from the app's configuration (`content_security_policy=app.config["CSP"]`, or
    `.get("CSP")`) is judged in each config file or class the app loads that sets the key
    (`from_pyfile`, `from_object`), and reported where it is set.

    ## Why is this bad?
    Talisman's policy is the app's safety net for the XSS bug it has not found yet. With
    `'unsafe-inline'` the injected `<script>` block or `onerror=` handler runs as if no
    policy were sent, `'unsafe-eval'` runs strings through `eval()`, and a wildcard runs a
    script from any host, the attacker's too. Such a policy is often copied in to make an
    inline script or a CDN work, and then looks like protection it does not give.

    ## Known problems
    A policy built by a function, or set only by config loaded from outside the source
    (a path in an environment variable), is not read.

    ## Example
    ```python
    from flask import Flask, render_template
    from flask_talisman import Talisman

    app = Flask(__name__)
    csp = {
        "default-src": "'self'",
        "script-src": ["'self'", "'unsafe-inline'", "cdn.example.com"],
    }
    Talisman(app, content_security_policy=csp)


    @app.get("/")
    def index():
        return render_template("index.html")
    ```

    ## Fix
    ```python
    from flask import Flask, render_template
    from flask_talisman import Talisman

    app = Flask(__name__)
    csp = {"default-src": "'self'", "script-src": ["'self'", "cdn.example.com"]}
    Talisman(app, content_security_policy=csp, content_security_policy_nonce_in=["script-src"])


    @app.get("/")
    def index():
        return render_template("index.html")
    ```
    Move inline scripts into files, or give each the request's nonce
    (`<script nonce="{{ csp_nonce() }}">`) and name `script-src` in
    `content_security_policy_nonce_in`.

    ## References
    - [CWE-693: Protection Mechanism Failure](https://cwe.mitre.org/data/definitions/693.html)
    - [Flask-Talisman: content security policy](https://github.com/wntrblm/flask-talisman#content-security-policy)
    - [MDN: script-src](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/script-src)
    - [OWASP Content Security Policy Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html)
    """

    code = "WW576"
    name = "talisman-csp-unsafe-source"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 693
    message = "Talisman's Content-Security-Policy allows {sources} in `{directive}`: an injected script can still run"
    fix = (
        "drop `'unsafe-inline'`, `'unsafe-eval'` and wildcards from the script sources"
        " (give the inline scripts kept a nonce: `content_security_policy_nonce_in`)"
    )

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        if not app.renders_html:
            return
        for talisman in app.extension(TALISMAN):
            if in_effect(talisman.option("content_security_policy_report_only", False)):
                continue
            nonce_in = in_effect(talisman.option("content_security_policy_nonce_in", None))
            if not isinstance(nonce_in, list | tuple | str | None):
                continue  # NOTE: not read: it may give any directive a nonce
            named = [nonce_in] if isinstance(nonce_in, str) else nonce_in or []
            for policy, where in _policies(app, talisman):
                for directive in script_directives(policy):
                    found = weak_sources(policy, directive, nonce=directive in named)
                    if found:
                        yield self.at(where, sources=", ".join(found), directive=directive)


def _policies(app: FlaskApp, talisman: Extension) -> Iterator[tuple[Policy, Location]]:
    """The policy Talisman is given, where it is written; or, given the app's config
    under a key (`content_security_policy=app.config["CSP"]`), each value the config
    files the app loads set there, where each is set (not one config loaded from outside
    the source may replace)."""
    option = "content_security_policy"
    policy = given_policy(in_effect(talisman.option(option, None)))
    if policy is not None:
        yield policy, talisman.location
        return
    key = talisman.config_keys.get(option)
    if key is None:
        return
    for judged in app.judge(key):
        if judged.setting is None or judged.overridable:
            continue
        policy = given_policy(in_effect(judged.value))
        if policy is not None:
            yield policy, judged.location
