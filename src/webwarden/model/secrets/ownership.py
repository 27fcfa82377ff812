"""Which secret sites a framework model owns, so that they are reported once.

The Django and Flask rules judge their framework's own settings with everything the
framework models know (settings chains, config classes, deploy-time defaults); the
framework-neutral rules (WW240-WW259, WW340-WW359) leave those values to them:

- **Django** owns `SECRET_KEY`, `SECRET_KEY_FALLBACKS` and `DATABASES` (every part of it)
  assigned at module level in a Django settings module (WW201-WW219, WW301-WW319).
- **Flask** owns the config keys its rules judge, however the config is written
  (`app.config[...]`, `.update()`, `.from_mapping()`, `app.secret_key`, a config class or
  module): `SECRET_KEY`, `*_SECRET_KEY`, `SECURITY_PASSWORD_SALT`, `SQLALCHEMY_BINDS` and
  every `*_URI`/`*_URL`/`*_DSN` key, plus `create_engine(url)` in Flask modules
  (WW220-WW239, WW320-WW339).

Everything else (`EMAIL_HOST_PASSWORD`, `MAIL_PASSWORD`, `CACHES` URLs, `API_KEY`, a
driver's `password=`) is judged by the neutral rules, in framework projects too.
"""

from __future__ import annotations

from webwarden.model.project import ProjectModel
from webwarden.model.secrets.facts import Holder, ModuleSecrets, SecretSite

DJANGO_OWNED = frozenset({"SECRET_KEY", "SECRET_KEY_FALLBACKS", "DATABASES"})
FLASK_OWNED = frozenset(
    {"SECRET_KEY", "WTF_CSRF_SECRET_KEY", "JWT_SECRET_KEY", "SECURITY_PASSWORD_SALT"}
    | {"SQLALCHEMY_BINDS"}
)
FLASK_OWNED_SUFFIXES = ("_SECRET_KEY", "_URI", "_URL", "_DSN")
FLASK_ENGINES = frozenset(
    {
        "sqlalchemy.create_engine",
        "sqlalchemy.engine.create_engine",
        "sqlalchemy.ext.asyncio.create_async_engine",
    }
)


def flask_owns_key(key: str) -> bool:
    """Whether the Flask rules judge config key `key`."""
    return key in FLASK_OWNED or key.endswith(FLASK_OWNED_SUFFIXES)


def owner(site: SecretSite, module: ModuleSecrets, project: ProjectModel) -> str | None:
    """`django` or `flask` when that framework's rules judge `site`, else None."""
    if site.holder is Holder.MODULE and site.setting in DJANGO_OWNED and module.django_settings:
        return "django"
    if flask_owns_key(site.setting):
        if site.holder is Holder.CONFIG:
            return "flask"
        in_flask_project = "flask" in project.frameworks
        if site.holder in {Holder.MODULE, Holder.CLASS} and in_flask_project:
            if not module.django_settings:
                return "flask"
    if site.via in FLASK_ENGINES and module.imports_flask:
        return "flask"
    return None
