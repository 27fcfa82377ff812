"""WW825: `response.set_cookie(...)` in a Flask module without Secure, HttpOnly or SameSite."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext, sounds_secret
from webwarden.rules.sessions._saved_names import names_given
from webwarden.rules.sessions._set_cookie import (
    harmless_cookie,
    read_by_script,
    refuted_in_other_project,
    sets_cookie_for,
)

_FLAGS = ("secure", "httponly", "samesite")


class FlaskSetCookieWithoutFlags(PythonRule):
    """## What it does
    Finds `response.set_cookie(...)` calls in modules that import Flask (and not Django),
    or in a Flask project's helper modules that import neither and are handed the
    response (`libsession.create(response, username)`, the cookie named by a constant or
    by a name built from one, `"%s_access" % slug`),
    where `secure`, `httponly` or `samesite` is missing or false. Werkzeug's defaults are
    `secure=False, httponly=False, samesite=None`. Options handed as `**options` are
    read from the dict literal the function builds (with the literal keys it sets on it
    later, `options["domain"] = host`); a dict built otherwise or changed in a way that
    cannot be read (`options.update(settings)`) is not judged, nor a cookie holding how
    the user wants pages shown (its name says language, theme, dark mode, time zone, country, collapsed
    panels, how a list is sorted (`sort`, `order`) or filtered (`cve_filter`, under a
    name no secret's) or the feature flags a visitor
    switched on from the query string, or the cookies they consent to (a consent
    banner's `cookie_consent`), or a
    module of the user's preferences,
    `preferences.py`, saves it under a name that is no secret's, given in the call or
    by the module's calls of the setting's method that sets it: `def save(self, name,
    resp)` reached by `self.tokens.save("tokens", resp)`, `self.tokens` made of that
    method's class or a subclass of the module inheriting it, holds a credential and is
    reported), a marker set to a constant flag, number or word (`"seen"`, or words joined like
    an identifier, an event's name `"user_signed_up"`, under a name no secret's), also
    one of two such a test chooses between (`"1" if signed_in else "0"`, or a local the
    code sets to each in turn, or the truth of a value, `str(int(bool(x)))`), a time
    stamp read from the clock (`datetime.now(UTC)`,
    `int(time.time())`: when the visitor first came), a count stepped by a
    constant (`str(count + 1)`, `count` an `int()`: how many redirects so far), one named for a message the next
    page shows and clears (`user-message`, `flash_msg`, under a name no secret's), or
    a cookie being cleared (an empty value, or `max_age=0` / `expires=0`). A
    double-submit CSRF cookie (`csrf_token`, `XSRF-TOKEN`, a setting so named, also kept
    in a local first, `cookie_name = settings.XSRF_COOKIE_NAME`, or set to
    `generate_csrf()`) is not asked for `httponly`: the page's script must read it; nor is a CSP nonce
    handed to a front-end app (`csp_nonce`), which the page's `<script nonce>` shows
    every script already. A test client's
    `set_cookie` (`with app.test_client() as client:`, Flask-Testing's `self.client`,
    WebTest's `TestApp` kept as `app` or `self.app`, a Flask application having no
    `set_cookie`, or
    the `(server_name, key, value)` call of Werkzeug before 2.3, its third argument a
    word where a response takes `max_age`) is no response's: it fills the jar of the
    requests the test sends.

    ## Why is this bad?
    A cookie without `Secure` is sent over plain HTTP, one without `HttpOnly` is readable
    by any script on the page, one without `SameSite` rides along on other sites'
    requests. Cookies an app sets itself often carry a token or a preference the app
    trusts.

    ## Example
    ```python
    from flask import Flask, make_response

    app = Flask(__name__)


    @app.get("/")
    def index():
        response = make_response("hi")
        response.set_cookie("token", "abc")
        return response
    ```

    ## Fix
    ```python
    from flask import Flask, make_response

    app = Flask(__name__)


    @app.get("/")
    def index():
        response = make_response("hi")
        response.set_cookie("token", "abc", secure=True, httponly=True, samesite="Lax")
        return response
    ```

    ## References
    - [CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute](https://cwe.mitre.org/data/definitions/614.html)
    - [Werkzeug: Response.set_cookie](https://werkzeug.palletsprojects.com/en/stable/wrappers/#werkzeug.wrappers.Response.set_cookie)
    """

    code = "WW825"
    name = "flask-set-cookie-without-flags"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 614
    frameworks = frozenset({Framework.FLASK})
    message = "`set_cookie({cookie})` without {missing}"
    fix = 'pass `secure=True, httponly=True, samesite="Lax"`'
    calls = frozenset({".set_cookie"})

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """A helper module's cookie (one that imports neither framework) in a project that
        is not of Flask alone."""
        return refuted_in_other_project(finding, project, "flask")

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "set_cookie"):
            return
        if not sets_cookie_for(ctx, node, "flask"):
            return
        if ctx.has_kwargs_splat(node) or harmless_cookie(ctx, node):
            return
        missing = []
        flags = [f for f in _FLAGS if f != "httponly" or not read_by_script(ctx, node)]
        for flag in flags:
            value = ctx.evaluate(ctx.keyword(node, flag))
            if ctx.keyword(node, flag) is None or value in (False, None, "None", "none"):
                missing.append(flag)
        if missing:
            key = ctx.argument(node, 0, "key")
            name = ctx.evaluate(key)
            if not isinstance(name, str):
                # NOTE: a setting saved under the name a call hands it: the secret one
                given = (n for n in names_given(ctx, key) if isinstance(n, str))
                name = next((n for n in given if sounds_secret(n)), None)
            cookie = repr(name) if isinstance(name, str) else "..."
            yield self.finding(
                ctx, node, cookie=cookie, missing=", ".join(f"`{m}`" for m in missing)
            )
