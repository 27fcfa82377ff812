"""Whether a file of `KEY=value` or `KEY: value` lines runs the app in development mode."""

from __future__ import annotations

import re

from webwarden.model.module import identifier_words
from webwarden.model.roles import role_of

_MODE_SETTING = re.compile(
    r"""^[ \t]*(?:-[ \t]*)?["']?((?:[A-Z][A-Z0-9]*_)?(?:DEBUG|ENV|ENVIRONMENT|STAGE|TIER|CHANNEL|MODE)"""
    r"""|DJANGO_SETTINGS_MODULE)["']?[ \t]*[:=][ \t]*["']?([\w.-]+)["']?[ \t]*(?:#.*)?$""",
    re.MULTILINE,
)
"""A variable of a service's `environment:` (`DEBUG: "true"`, `- FLASK_ENV=development`,
`DJANGO_SETTINGS_MODULE: shop.settings.dev`), also in an anchor its services merge."""
_DEBUG_ON = frozenset({"1", "true", "yes", "on"})
_DEVELOPMENT_ENVIRONMENTS = frozenset({"dev", "development", "local"})


def development_mode(text: str) -> bool:
    """Whether a compose file (or a dotenv file) runs the app in development mode: a
    debug switch on (Django's `DEBUG`, `FLASK_DEBUG`, an app's own `SHOP_DEBUG`), an
    environment named
    for development (`FLASK_ENV: development`, `APP_ENV: local`; a stage, tier, release
    channel or mode too: `APP_CHANNEL: local`, `STAGE: dev`) or a switch so named
    turned on (`DEV_ENV: "True"`), or a development
    settings module (`DJANGO_SETTINGS_MODULE: shop.settings.dev`): no deployment serves
    with the framework's debug pages or a developer's settings."""
    for name, value in _MODE_SETTING.findall(text):
        if name == "DJANGO_SETTINGS_MODULE":
            if role_of(value).is_development:
                return True
        elif name.endswith("DEBUG"):
            if value.lower() in _DEBUG_ON:
                return True
        elif value.lower() in _DEVELOPMENT_ENVIRONMENTS:
            return True
        elif value.lower() in _DEBUG_ON and _DEVELOPMENT_ENVIRONMENTS.intersection(
            identifier_words(name)
        ):
            return True  # NOTE: a switch named for a development environment, `DEV_ENV: "True"`
    return False


def development_env(relpath: str, text: str) -> str:
    """`a development env file` for a dotenv file named for development or tests, by its
    own name or its folder's (`docker/envfiles/dev.env`, `.env.test`), as settings
    modules are, or one running the app in development mode (`DEBUG=True`,
    `FLASK_ENV=development`), as a compose file doing so is; "" for any other."""
    role = role_of(relpath.rpartition("/")[2], relpath=relpath)
    if role.is_development:
        return f"a {role} env file"
    return "an env file in development mode" if development_mode(text) else ""
