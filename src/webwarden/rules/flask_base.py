"""What every Flask project rule shares: iterating apps, context lowering, messages.

Not a rule module (the registry only looks in the practice folders): rules in any
practice subclass `FlaskRule` and implement `check_app`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import ClassVar

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import NO_DEFAULT, DeployTime
from webwarden.findings import Confidence, Finding, Location, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.django.values import deploy_note
from webwarden.model.flask import Extension, FlaskApp, FlaskModel, Judged
from webwarden.model.flask.forged_posts import CSRF_EXTENSIONS as CSRF_EXTENSIONS
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, ProjectRule

TALISMAN = "flask_talisman.Talisman"
LOGIN_EXTENSIONS = (
    "flask_login.LoginManager",
    "flask_security.Security",
    "flask_appbuilder.AppBuilder",  # NOTE: logs users in with Flask-Login's session
    # NOTE: Flask-User's `UserManager` makes a Flask-Login `LoginManager` and logs users in
    # with `login_user()` in its own views.
    "flask_user.UserManager",
    # NOTE: Flask-SimpleLogin keeps the user's name in Flask's session once its own
    # `/login/` view checked the password.
    "flask_simplelogin.SimpleLogin",
)


def deploy_phrase(value: DeployTime, shown: str) -> str:
    """`set at deploy time; if SECRET_KEY is unset the default is ...`."""
    names = ", ".join(value.variables)
    verb = "is" if len(value.variables) == 1 else "are"
    return f"set at deploy time; if {names} {verb} unset the default is {shown}"


def in_effect(value: object) -> object:
    """A constant, or what a deploy-time value is when its variables are unset."""
    if isinstance(value, DeployTime):
        return UNKNOWN if value.if_unset is NO_DEFAULT else value.if_unset
    return value


def jwt_in_cookies(app: FlaskApp) -> bool:
    """Whether some config the app loads keeps Flask-JWT-Extended's tokens in cookies
    (`JWT_TOKEN_LOCATION` `["cookies"]`, `("headers", "cookies")` or `"cookies"`)."""
    return any(_names_cookies(in_effect(j.value)) for j in app.judge("JWT_TOKEN_LOCATION"))


def jwt_in_headers_only(app: FlaskApp) -> bool:
    """Whether every config the app loads leaves Flask-JWT-Extended reading tokens from
    request headers alone: `JWT_TOKEN_LOCATION` unset (its default is `["headers"]`) or
    a constant naming no cookies, and not replaced by config from outside the source."""
    for judged in app.judge("JWT_TOKEN_LOCATION"):
        if judged.setting is None:
            continue
        value = in_effect(judged.value)
        if judged.overridable or not (
            isinstance(value, str)
            or (isinstance(value, list | tuple) and all(isinstance(v, str) for v in value))
        ):
            return False
        if _names_cookies(value):
            return False
    return True


def _names_cookies(value: object) -> bool:
    """`"cookies"`, or a list or tuple holding it (a `JWT_TOKEN_LOCATION`)."""
    return value == "cookies" or (isinstance(value, list | tuple) and "cookies" in value)


def talisman_unread(app: FlaskApp, option: str) -> Extension | None:
    """A Talisman of the app whose `option` may be among options given as `**kwargs`
    (`talisman.init_app(app, **talisman_config)`): it may or may not be set there."""
    return next((t for t in app.extension(TALISMAN) if t.unread and option not in t.options), None)


def unread_note(talisman: Extension) -> str:
    """What to add to a message judged without some of Talisman's options."""
    where = f"{talisman.location.path}:{talisman.location.line}"
    return f"; Talisman ({where}) is given options as `**kwargs` webwarden cannot read"


def mask(secret: object) -> str:
    """A secret shown without giving it away: its first two characters and its length."""
    text = secret.decode("latin-1") if isinstance(secret, bytes) else str(secret)
    return f"`{text[:2]}…` ({len(text)} characters)" if len(text) > 4 else "a short literal"


def keeps_off_cross_site_posts(app: FlaskApp, key: str) -> bool:
    """Whether the cookie setting `key` (`SESSION_COOKIE_SAMESITE`) is `Lax` or `Strict`
    in every config the app loads, as the source shows it (`values_everywhere`): browsers
    then leave the cookie off the posts another site starts. Not when a deployment
    decides it (`os.environ.get("SESSION_COOKIE_SAMESITE", "Lax")`, a file loaded after
    it by `from_envvar` or `from_pyfile`), as for `login_cookies_strict`."""
    values = values_everywhere(app, key)
    return values is not None and all(
        isinstance(value, str) and value.lower() in {"lax", "strict"} for value in values
    )


def user_cookies_kept_off_cross_site(app: FlaskApp) -> bool:
    """Whether every cookie that names the user is kept off cross-site requests: the
    session cookie and, when the app logs users in with one, Flask-Login's remember-me
    cookie (its `REMEMBER_COOKIE_SAMESITE` is unset by default, and the cookie alone
    logs the user in again)."""
    if not keeps_off_cross_site_posts(app, "SESSION_COOKIE_SAMESITE"):
        return False
    return not sets_remember_cookie(app) or keeps_off_cross_site_posts(
        app, "REMEMBER_COOKIE_SAMESITE"
    )


def values_everywhere(app: FlaskApp, key: str) -> tuple[object, ...] | None:
    """Every value `key` has in the configs the app loads (the default where one leaves
    it unset), as the source shows it; None when one is decided at deploy time or config
    from outside the source may replace it.

    The rules asking it lower a finding on a cookie's safe value (WW620, WW648, WW680 on
    SameSite): that claim must hold in every deployment. A deploy-time value's default
    holds only where the variable is unset, and a setting the source exposes to the
    deployment (or a file loaded after it) is one a deployment may set otherwise (SameSite
    `None` to embed the app in another site's pages); judging such a value by its
    default, as the rules reporting an unsafe value do, would silence a finding on a
    guess, not on what the source shows."""
    judged = app.judge(key)
    values = tuple(j.value for j in judged)
    if not values or any(j.overridable for j in judged):
        return None
    return None if any(isinstance(v, DeployTime) or v is UNKNOWN for v in values) else values


def login_cookies_strict(app: FlaskApp) -> bool:
    """Whether every cookie that logs the user in is `SameSite=Strict` in every config the
    app loads (`values_everywhere`): the session cookie, Flask-Login's remember-me cookie
    when the app may set it, Flask-JWT-Extended's token cookies when it keeps tokens in
    cookies; and the app knows users by no other credential the browser sends by itself
    (HTTP Basic or Digest credentials, or a cookie of its own that a hook, a decorator or
    a helper reads, whose attributes are not known)."""
    if app.asks_basic_credentials or _reads_own_cookies(app):
        return False
    keys = ["SESSION_COOKIE_SAMESITE"]
    if sets_remember_cookie(app):
        keys.append("REMEMBER_COOKIE_SAMESITE")
    if jwt_in_cookies(app):
        keys.append("JWT_COOKIE_SAMESITE")
    return all(all_strict(values_everywhere(app, key)) for key in keys)


def all_strict(values: tuple[object, ...] | None) -> bool:
    """Whether every value of a cookie's SameSite setting is known and `"Strict"` (the
    case does not matter)."""
    return values is not None and all(
        isinstance(value, str) and value.lower() == "strict" for value in values
    )


def _reads_own_cookies(app: FlaskApp) -> bool:
    if any("cookies" in hook.body.request_reads for _, hook, _ in app.hooks):
        return True
    reads = [*app.decorator_reads.values(), *app.helper_reads.values()]
    return any("cookies" in read for read in reads)


def sets_remember_cookie(app: FlaskApp) -> bool:
    """Whether the app may set Flask-Login's remember-me cookie: the project logs users
    in with `remember` (`login_user(user, remember=form.remember.data)`), or uses
    Flask-Security, whose own login view offers "remember me", or Flask-User, whose
    login view does unless every config the app loads sets `USER_ENABLE_REMEMBER_ME =
    False`. Flask-Login sets it nowhere else (Flask-AppBuilder's views log in with
    `remember=False`)."""
    if app.remembers_logins or app.extension("flask_security.Security"):
        return True
    return bool(app.extension("flask_user.UserManager")) and any(
        in_effect(judged.value) is not False for judged in app.judge("USER_ENABLE_REMEMBER_ME")
    )


def uses_cookie_auth(app: FlaskApp) -> bool:
    """Sessions or a login extension: the browser's cookies carry who the user is."""
    return app.uses_session or bool(app.extension(*LOGIN_EXTENSIONS))


def one_per_view(findings: Iterable[Finding]) -> Iterator[Finding]:
    """The findings on one app, those on one view (the same place and key) made one:
    a view reached by several URLs (stacked `@route`s, a blueprint registered under
    several prefixes) is one thing to fix, not one per URL. The first stands for the
    others and says how many there are."""
    views: dict[tuple[Location, str], list[Finding]] = {}
    for finding in findings:
        if finding.key:
            views.setdefault((finding.location, finding.key), []).append(finding)
        else:
            yield finding
    for first, *others in views.values():
        if others:
            more = f"{len(others)} more URL{'s' if len(others) > 1 else ''}"
            first = dataclasses.replace(first, message=f"{first.message} (and {more} of the view)")
        yield first


class FlaskRule(ProjectRule):
    """A project rule judging each Flask app of the project."""

    frameworks: ClassVar[frozenset[Framework]] = frozenset({Framework.FLASK})
    example_filename: ClassVar[str] = "app.py"
    states_deploy_time: ClassVar[bool] = False
    """Whether the rule's message says itself how the environment sets the value (see
    `deploy_phrase`); otherwise `at` adds it to the message, as Django settings rules do."""

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        """Judge every app of the Flask model."""
        if project.flask is None:
            return
        for app in project.flask.apps:
            yield from one_per_view(self.check_app_in(app, project))

    def check_app_in(self, app: FlaskApp, project: ProjectModel) -> Iterable[Finding]:
        """The findings on one app, for rules that also need the rest of the project
        (its requirement files); the others implement `check_app`."""
        return () if project.flask is None else self.check_app(app, project.flask)

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterable[Finding]:
        """Yield the findings of this rule on one app."""
        raise NotImplementedError

    def at(
        self,
        location: Location,
        *,
        judged: Judged | None = None,
        severity: Severity | None = None,
        confidence: Confidence | None = None,
        message: str | None = None,
        key: str = "",
        deployed: object = None,
        **fields: object,
    ) -> Finding:
        """A finding; lowered to low severity when only development configs have it, and
        to medium confidence when config loaded later from outside the source may
        replace the value. Its message ends saying how the environment sets the value
        judged, or `deployed` (`set at deploy time from $COOKIE_SECURE; if unset: False`),
        unless the rule says it itself (`states_deploy_time`)."""
        if judged is not None and judged.overridable and confidence is None:
            confidence = Confidence.MEDIUM if self.confidence is Confidence.HIGH else None
        finding = self.make_finding(
            location,
            snippet="",
            severity=severity,
            confidence=confidence,
            message=message,
            key=key,
            context="",
            flow=(),
            **fields,
        )
        value = deployed if judged is None or self.states_deploy_time else judged.value
        if note := deploy_note(value):
            finding = dataclasses.replace(finding, message=f"{finding.message} ({note})")
        if judged is not None and judged.development_only:
            return lower_for_context(
                finding, Severity.LOW, f"development config `{judged.development_only}`"
            )
        if judged is not None and (note := judged.unset_note) and not finding.context:
            return dataclasses.replace(finding, context=note)
        return finding

    @staticmethod
    def missing_confidence(app: FlaskApp) -> Confidence | None:
        """Low confidence for "never set" when some config comes from outside the source."""
        return Confidence.LOW if app.opaque else None

    @staticmethod
    def session_cookie_confidence(app: FlaskApp) -> Confidence | None:
        """The confidence of "a session cookie flag is never set": low when the app
        writes the cookie with a session interface of its own, which need not read the
        config, or when some config is loaded at run time."""
        if app.session_interface is not None:
            return Confidence.LOW
        return FlaskRule.missing_confidence(app)

    @staticmethod
    def interface_sets(app: FlaskApp, flag: str) -> bool:
        """Whether the app's own session interface gives every cookie it writes `flag`
        itself (`set_cookie(..., secure=config.get("SESSION_COOKIE_SECURE", True))`): the
        setting left unset then decides nothing."""
        return app.session_interface is not None and flag in app.session_interface_flags

    @staticmethod
    def session_cookie_note(app: FlaskApp) -> str:
        """What to add to such a finding's message."""
        if app.session_interface is None:
            return ""
        where = f"{app.session_interface.path}:{app.session_interface.line}"
        return f"; the app sets its own session interface ({where}): check what it sends"

    @staticmethod
    def never_set(app: FlaskApp, default: str = "") -> str:
        """How to say a setting is missing: "never set", or, when some of the app's config
        is loaded at run time (`from_object(os.environ[...])`), not set where webwarden
        can see; `default` names what then applies ("Flask's default is False")."""
        if app.opaque:
            notes = "; ".join(n for n in ("some is loaded at run time", default) if n)
            return f"not set in the config webwarden can read ({notes})"
        return f"never set ({default})" if default else "never set"
