"""Which secret sites a framework model owns, so that each is reported once.

The Django and Flask rules judge their framework's own settings with everything the
framework models know (settings chains, config classes, deploy-time defaults,
development configs); the framework-neutral rules (WW240-WW259, WW340-WW359) leave the
values those rules judge to them, and report everything else:

- **Django** owns `SECRET_KEY`, `SECRET_KEY_FALLBACKS` and `DATABASES` (every part of it)
  assigned at module level in a module the Django model takes for a settings module
  (WW201-WW219, WW301-WW319).
- **Flask** owns the config keys its rules judge - `SECRET_KEY`, `*_SECRET_KEY`,
  `SECURITY_PASSWORD_SALT`, `SQLALCHEMY_BINDS` and every `*_URI`/`*_URL`/`*_DSN` key -
  where the Flask model sees them set on an app's config (`app.config[...]`, `update`,
  `from_mapping`, `app.secret_key`, a config class or module it loads), and the
  `create_engine(url)` calls it records in Flask modules (WW220-WW239, WW320-WW339).

Ownership follows the models, not names: a `SECRET_KEY` in a module neither model
recognises (a script, a config class no app loads) is reported by the neutral rules,
so the value is reported once, by whichever rule understands where it is.
`EMAIL_HOST_PASSWORD`, `MAIL_PASSWORD`, `CACHES` URLs, `API_KEY` or a driver's
`password=` are judged by the neutral rules in framework projects too.
"""

from __future__ import annotations

from webwarden.findings import Location
from webwarden.model.project import ProjectModel
from webwarden.model.secrets.facts import Holder, SecretSite

DJANGO_OWNED = frozenset({"SECRET_KEY", "SECRET_KEY_FALLBACKS", "DATABASES"})
FLASK_OWNED = frozenset(
    {"SECRET_KEY", "WTF_CSRF_SECRET_KEY", "JWT_SECRET_KEY", "SECURITY_PASSWORD_SALT"}
    | {"SQLALCHEMY_BINDS"}
)
FLASK_OWNED_SUFFIXES = ("_SECRET_KEY", "_URI", "_URL", "_DSN")


def flask_owns_key(key: str) -> bool:
    """Whether the Flask rules judge config key `key`."""
    return key in FLASK_OWNED or key.endswith(FLASK_OWNED_SUFFIXES)


def _covers(location: Location, site: Location) -> bool:
    return location.path == site.path and location.line <= site.line <= location.last_line


class Ownership:
    """Answers `owner(site)` for one project (the Flask locations are collected once)."""

    def __init__(self, project: ProjectModel) -> None:
        django = project.django
        self.django_settings = frozenset(django.settings) if django is not None else frozenset()
        self.flask_settings: list[Location] = []
        self.flask_engines: list[Location] = []
        if project.flask is not None:
            for app in project.flask.apps:
                for layer in app.layers:
                    for key, setting in layer.settings.items():
                        if flask_owns_key(key) and not setting.from_env_file:
                            self.flask_settings.append(setting.location)
            self.flask_engines = [engine.location for engine in project.flask.engine_urls]

    def owner(self, site: SecretSite) -> str | None:
        """`django` or `flask` when that framework's rules judge `site`, else None."""
        where = site.location
        if (
            site.holder is Holder.MODULE
            and site.setting in DJANGO_OWNED
            and where.path in self.django_settings
        ):
            return "django"
        if flask_owns_key(site.setting) and any(_covers(s, where) for s in self.flask_settings):
            return "flask"
        if site.via and any(_covers(engine, where) for engine in self.flask_engines):
            return "flask"
        return None
