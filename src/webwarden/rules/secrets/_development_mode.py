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
_SWITCH = re.compile(
    r"""^[ \t]*(?:-[ \t]*)?["']?([A-Z][A-Z0-9_]*)["']?[ \t]*[:=][ \t]*["']?(\w+)["']?[ \t]*(?:#.*)?$""",
    re.MULTILINE,
)
"""Any variable of a service's `environment:` set to a word (`- LOCAL_DEV=1`)."""
_DEVELOPMENT_WORDS = frozenset({"dev", "development"})
_SWITCH_QUALIFIERS = frozenset({"local", "is", "in", "use", "run", "enable", "enabled"})
"""Words that may stand beside `dev` in the name of a switch meaning "this is a
developer's machine" (`IS_DEV`, `LOCAL_DEV`, `LOCALDEV`)."""


_RELOAD_SWITCH = re.compile(
    r"""^[ \t]*(?:-[ \t]*)?["']?(((?:[A-Z][A-Z0-9]*_)*)(?:HOT|AUTO|LIVE)_?RELOAD|RELOAD)["']?"""
    r"""[ \t]*[:=][ \t]*["']?(?:\$\{\1:?-)?(\w+)\}?["']?[ \t]*(?:#.*)?$""",
    re.MULTILINE,
)
"""A switch reloading the app's code as its files change (`HOT_RELOAD: "true"`,
`APP_HOTRELOAD: "${APP_HOTRELOAD:-true}"`, `RELOAD=1`), also as the default of the
variable it is read from; not one naming something else reloaded (`CONFIG_AUTO_RELOAD`,
a server re-reading its configuration file)."""
_RELOADED_FILES = frozenset({"CONFIG", "CONF", "CERT", "CERTS", "TLS", "SSL", "RULES"})


def development_mode(text: str) -> bool:
    """Whether a compose file (or a dotenv file) runs the app in development mode: a
    debug switch on (Django's `DEBUG`, `FLASK_DEBUG`, an app's own `SHOP_DEBUG`), an
    environment named
    for development (`FLASK_ENV: development`, `APP_ENV: local`; a stage, tier, release
    channel or mode too: `APP_CHANNEL: local`, `STAGE: dev`) or a switch so named
    turned on (`DEV_ENV: "True"`), or a switch whose whole name says development
    turned on (`LOCAL_DEV: 1`, `IS_DEV`, `LOCALDEV`), or a development
    settings module (`DJANGO_SETTINGS_MODULE: shop.settings.dev`), or code reloading
    turned on (`HOT_RELOAD: "true"`, `APP_HOTRELOAD: "${APP_HOTRELOAD:-true}"`: the
    server restarts as a developer edits the mounted source): no deployment serves
    with the framework's debug pages, a developer's settings or a watcher of its code."""
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
    if any(
        value.lower() in _DEBUG_ON and _RELOADED_FILES.isdisjoint(prefix.split("_"))
        for _, prefix, value in _RELOAD_SWITCH.findall(text)
    ):
        return True
    return any(
        value.lower() in _DEBUG_ON and _development_switch(name)
        for name, value in _SWITCH.findall(text)
    )


def _development_switch(name: str) -> bool:
    """Whether a variable's whole name says "development" and nothing else (`DEV`,
    `DEVELOPMENT`, `IS_DEV`, `LOCAL_DEV`, also written as one word, `LOCALDEV`): turned
    on, it tells the app it runs on a developer's machine. Not a switch of something
    else that names development beside it (`DEV_TOOLS`, `DEVELOPMENT_PROXY`)."""
    parts = [part for word in identifier_words(name) for part in _compound(word)]
    return "?" not in parts and bool(_DEVELOPMENT_WORDS.intersection(parts))


def _compound(word: str) -> list[str]:
    """`localdev` -> `["local", "dev"]`: a word made of development words and their
    qualifiers only, split into them; `["?"]` for any other word."""
    known = _DEVELOPMENT_WORDS | _SWITCH_QUALIFIERS
    if word in known:
        return [word]
    for head in sorted(known, key=len, reverse=True):
        if word.startswith(head) and len(word) > len(head):
            rest = _compound(word[len(head) :])
            if "?" not in rest:
                return [head, *rest]
    return ["?"]


def development_env(relpath: str, text: str) -> str:
    """`a development env file` for a dotenv file named for development or tests, by its
    own name or its folder's (`docker/envfiles/dev.env`, `.env.test`), as settings
    modules are, or one running the app in development mode (`DEBUG=True`,
    `FLASK_ENV=development`), as a compose file doing so is; "" for any other."""
    role = role_of(relpath.rpartition("/")[2], relpath=relpath)
    if role.is_development:
        return f"a {role} env file"
    return "an env file in development mode" if development_mode(text) else ""
