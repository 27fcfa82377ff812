"""WW724: Flask-Security told to store passwords as typed or with a weak scheme."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp
from webwarden.model.project import ProjectModel
from webwarden.rules.auth.password_hash_method_weak import WEAK_PASSLIB_SCHEMES
from webwarden.rules.flask_base import FlaskRule, in_effect

_SECURITY = "flask_security.Security"
_KEY = "SECURITY_PASSWORD_HASH"
_HASHING_DEFAULT_SINCE = "3.0.0"
"""The first Flask-Security release hashing by default (bcrypt); before it the default of
`SECURITY_PASSWORD_HASH` was "plaintext". Flask-Security-Too, the fork that took the name
back, has always hashed by default."""


class FlaskSecurityPasswordHashWeak(FlaskRule):
    """## What it does
    In apps using Flask-Security, finds `SECURITY_PASSWORD_HASH` set to `"plaintext"` or
    to a weak passlib scheme (`md5_crypt`, `ldap_sha1`, `hex_sha256`, `des_crypt`...),
    and, when it is never set, a Flask-Security older than 3.0 in the requirement or
    lock files: its default is `"plaintext"`. Flask-Security hashes every password its
    register, reset and change views store with this setting.

    ## Why is this bad?
    With `"plaintext"` the user table holds every password as typed: a leaked database
    (an SQL injection, a backup, a curious employee) hands over every user's password,
    which most users also use elsewhere. The weak schemes are a single fast hash or a
    broken crypt, which a GPU reverses in hours.

    ## Known problems
    The version is the lowest the requirement files allow (`Flask-Security==1.7.5`, or
    `Flask-Security>=1.7`, which may install 1.7 too); with none named, an unset hash is
    not reported, as every release since 3.0 hashes with bcrypt or Argon2.

    ## Example
    ```python
    from flask import Flask
    from flask_security import Security, SQLAlchemyUserDatastore

    app = Flask(__name__)
    app.config["SECURITY_PASSWORD_HASH"] = "plaintext"
    security = Security(app, SQLAlchemyUserDatastore(db, User, Role))
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_security import Security, SQLAlchemyUserDatastore

    app = Flask(__name__)
    app.config["SECURITY_PASSWORD_HASH"] = "argon2"
    security = Security(app, SQLAlchemyUserDatastore(db, User, Role))
    ```
    Users keep their old hashes until they next log in, when Flask-Security re-hashes
    them with the new scheme (add the old one to `SECURITY_DEPRECATED_PASSWORD_SCHEMES`
    where your release has it).

    ## References
    - [CWE-256: Plaintext Storage of a Password](https://cwe.mitre.org/data/definitions/256.html)
    - [Flask-Security: configuration](https://flask-security-too.readthedocs.io/en/stable/configuration.html)
    - [OWASP Password Storage Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html)
    """

    code = "WW724"
    name = "flask-security-password-hash-weak"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 256
    message = "{what}"
    fix = 'set `SECURITY_PASSWORD_HASH = "argon2"` (or "bcrypt")'

    def check_app_in(self, app: FlaskApp, project: ProjectModel) -> Iterator[Finding]:
        securities = app.extension(_SECURITY)
        if securities:
            yield from self._judge(app, project, securities[0].location.path)

    def _judge(self, app: FlaskApp, project: ProjectModel, where: str) -> Iterator[Finding]:
        for judged in app.judge(_KEY):
            if judged.setting is None:
                release = _hashless_release(project, where)
                if release:
                    what = (
                        f"{release} stores passwords as typed: `{_KEY}` is "
                        f"{self.never_set(app, 'its default is plaintext before 3.0')}"
                    )
                    yield self.at(
                        judged.location,
                        judged=judged,
                        key=_KEY,
                        confidence=Confidence.LOW if app.opaque else Confidence.MEDIUM,
                        what=what,
                    )
                continue
            value = in_effect(judged.value)
            scheme = value.lower() if isinstance(value, str) else None
            if scheme == "plaintext":
                what = f'Flask-Security stores passwords as typed (`{_KEY} = "{value}"`)'
            elif scheme in WEAK_PASSLIB_SCHEMES:
                what = f"Flask-Security hashes passwords with `{value}`, a weak scheme (`{_KEY}`)"
            else:
                continue
            yield self.at(judged.location, judged=judged, key=_KEY, what=what)


def _hashless_release(project: ProjectModel, where: str) -> str:
    """ "Flask-Security 1.7.5" when the requirement files of the application holding
    `where` allow a release older than 3.0, whose default is "plaintext"; "" otherwise."""
    lowest = project.lowest_allowed("Flask-Security", where)
    if lowest is None:
        return ""
    from packaging.version import Version  # NOTE: slow to import, seldom needed

    return f"Flask-Security {lowest}" if lowest < Version(_HASHING_DEFAULT_SINCE) else ""
