"""Which modules may add to a Django project's routes, told without parsing them.

The routes come from URLconfs (`urlpatterns`, DRF routers), chosen by the settings'
ROOT_URLCONF, the settings by the modules that set DJANGO_SETTINGS_MODULE. The engine
uses this to start the taint analysis, which reads the routes, before the rest of the test
code is analysed; it checks afterwards that the routes it read were all of them.
"""

from __future__ import annotations

import re

from webwarden.model.django.entry_points import ENTRY_FILES
from webwarden.model.django.extract_settings import SETTINGS_FILE

_WORDS = (b"urlpatterns", b"DJANGO_SETTINGS_MODULE")
"""A URLconf's `urlpatterns`, or a module choosing the settings."""
_ROOT_URLCONF = re.compile(
    rb"^[ \t]*(?:\w+[ \t]*=[ \t]*)*ROOT_URLCONF[ \t]*(?::[^=\n]*)?=(?!=)(?![^\n]*,[ \t]*$)",
    re.MULTILINE,
)
"""A settings module's `ROOT_URLCONF = ...`: an assignment starting a line. Test code's
many `@override_settings(ROOT_URLCONF="app.urls")` (on one line, or an argument line
ending in a comma) choose among URLconfs; they add none."""

_ROUTER = re.compile(rb"Router\s*\(")
_REGISTERED = re.compile(rb"\.register\s*\(")
"""A DRF router made and given a viewset (a database `Router` adds no route)."""


def _sets_root_urlconf(source: bytes) -> bool:
    """`_ROOT_URLCONF.search(source)`, tried only at the start of the lines that name it."""
    at = source.find(b"ROOT_URLCONF")
    while at != -1:
        if _ROOT_URLCONF.match(source, source.rfind(b"\n", 0, at) + 1):
            return True
        end = source.find(b"\n", at)
        at = source.find(b"ROOT_URLCONF", end) if end != -1 else -1
    return False


def may_add_routes(relpath: str, source: bytes) -> bool:
    """Whether the module at `relpath` with this `source` could add a route, a URLconf or
    settings naming one (a cheap over-approximation: a word search and the file name)."""
    # NOTE: each expression is searched for only where its literal part occurs: the main
    # process asks this of every test module before the workers start, and a substring
    # test is many times faster than an expression that must be tried at every byte.
    return bool(
        SETTINGS_FILE.search(relpath)
        or ENTRY_FILES.search(relpath)
        or any(word in source for word in _WORDS)
        or _sets_root_urlconf(source)
        or (
            b"Router" in source
            and b".register" in source
            and _ROUTER.search(source)
            and _REGISTERED.search(source)
        )
    )
