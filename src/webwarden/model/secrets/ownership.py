"""Which secret sites a framework model owns, so that each is reported once.

The Django and Flask rules judge their framework's own settings with everything the
framework models know (settings chains, config classes, deploy-time defaults,
development configs); the framework-neutral rules (WW240-WW259, WW340-WW359) leave the
values those rules judge to them, and report everything else:

- **Django** owns the values of `SECRET_KEY`, `SECRET_KEY_FALLBACKS`, `DATABASES`
  (every part of it) and the settings named for the project's own HMACs and signatures
  (`HMAC_KEY`, `WEBHOOK_SIGNING_SECRET`, a pepper: `names_signing_secret`) that the
  judged settings modules end up with, wherever in their import chain they are written
  (WW201-WW219, WW301-WW319), and the keys the JWT packages sign with, written in their
  dict settings (`SIMPLE_JWT["SIGNING_KEY"]`).
- **Flask** owns the values its rules judge for the config keys `SECRET_KEY`,
  `*_SECRET_KEY`, `SECURITY_PASSWORD_SALT`, the keys named for the app's own HMACs and
  signatures (`SALT_EMAIL`, `*_HMAC_KEY`, `WEBHOOK_SECRET`), `SQLALCHEMY_BINDS` and every
  `*_URI`/`*_URL`/`*_DSN` key, however the app's config is written (`app.config[...]`,
  `update`, `from_mapping`, `app.secret_key`, a config class or module it loads), and
  the `create_engine(url)` calls it records in Flask modules (WW220-WW239,
  WW320-WW339).

Ownership follows the models, not names: a `SECRET_KEY` in a module neither model
recognises (a script, a config class no app loads), one that a later assignment
replaces so that no framework rule judges it, or a Flask value the model cannot work
out, is reported by the neutral rules. Every
literal secret is reported once, by whichever rule understands where it is.
`EMAIL_HOST_PASSWORD`, `MAIL_PASSWORD`, `CACHES` URLs, `API_KEY` or a driver's
`password=` are judged by the neutral rules in framework projects too.
"""

from __future__ import annotations

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import DeployTime
from webwarden.analysis.secrets.signing import names_signing_secret
from webwarden.findings import Location
from webwarden.model.django.jwt_keys import signing_entries
from webwarden.model.project import ProjectModel
from webwarden.model.secrets.facts import SecretSite

DJANGO_OWNED = frozenset({"SECRET_KEY", "SECRET_KEY_FALLBACKS", "DATABASES"})
FLASK_OWNED = frozenset(
    {"SECRET_KEY", "WTF_CSRF_SECRET_KEY", "JWT_SECRET_KEY", "SECURITY_PASSWORD_SALT"}
    | {"SQLALCHEMY_BINDS"}
)
FLASK_OWNED_SUFFIXES = ("_SECRET_KEY", "_URI", "_URL", "_DSN")


def django_owns_setting(name: str) -> bool:
    """Whether the Django rules judge setting `name` (also the settings named for what the
    project signs with: `names_signing_secret`)."""
    return name in DJANGO_OWNED or names_signing_secret(name)


def flask_owns_key(key: str) -> bool:
    """Whether the Flask rules judge config key `key` (also the keys named for what the
    app signs with: `names_signing_secret`)."""
    return key in FLASK_OWNED or key.endswith(FLASK_OWNED_SUFFIXES) or names_signing_secret(key)


def _signing_key(value: object) -> bool:
    """Whether a value of a setting named for a signing key is one the Django rules judge:
    a string or bytes, or an environment lookup; not a value the model could not work
    out, nor a collection of keys (`("current", "previous")`), whose literals the neutral
    rules judge."""
    return isinstance(value, str | bytes | DeployTime)


def _covers(location: Location, site: Location) -> bool:
    return location.path == site.path and location.line <= site.line <= location.last_line


class Ownership:
    """Answers `owner(site)` for one project: the locations of the values the framework
    rules judge are collected once."""

    def __init__(self, project: ProjectModel) -> None:
        self.django: list[Location] = []
        self.flask: list[Location] = []
        self.jwt_keys: list[Location] = []
        """The signing keys written in a JWT package's dict setting (`SIMPLE_JWT`), whose
        site is named for the dict setting."""
        if project.django is not None:
            for module in project.django.judged:
                for name in filter(django_owns_setting, module.values.keys() | DJANGO_OWNED):
                    for possibility in module.get(name):
                        if name not in DJANGO_OWNED and not _signing_key(possibility.value):
                            continue
                        if possibility.location is not None:
                            self.django.append(possibility.location)
                        self.django += [at for _, at in possibility.parts]
                        self.django += [at for _, at in possibility.credential_urls]
                self.jwt_keys += [
                    entry.location for entry in signing_entries(module) if _signing_key(entry.value)
                ]
        if project.flask is not None:
            for app in project.flask.apps:
                keys = {k for layer in app.layers for k in layer.settings if flask_owns_key(k)}
                for key in keys:
                    for judged in app.judge(key):
                        setting = judged.setting
                        # NOTE: a value the model could not work out (a configparser
                        # read with a fallback) is judged by no Flask rule.
                        if setting is None or setting.from_env_file or setting.value is UNKNOWN:
                            continue
                        self.flask.append(setting.location)
            self.flask += [engine.location for engine in project.flask.engine_urls]

    def owner(self, site: SecretSite) -> str | None:
        """`django` or `flask` when that framework's rules judge `site`, else None."""
        where = site.location
        if django_owns_setting(site.setting) and any(_covers(at, where) for at in self.django):
            return "django"
        if any(_covers(at, where) for at in self.jwt_keys):
            return "django"
        if (flask_owns_key(site.setting) or site.via) and any(
            _covers(at, where) for at in self.flask
        ):
            return "flask"
        return None
