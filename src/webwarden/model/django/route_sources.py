"""Which modules may add to a Django project's routes, told without parsing them.

The routes come from URLconfs (`urlpatterns`, DRF routers), chosen by the settings'
ROOT_URLCONF, the settings by the modules that set DJANGO_SETTINGS_MODULE. The engine
uses this to start the taint analysis, which reads the routes, before the rest of the test
code is analysed; it checks afterwards that the routes it read were all of them.
"""

from __future__ import annotations

import re

from webwarden.model.django.extract_settings import ENTRY_FILES, SETTINGS_FILE

_MARKERS = re.compile(
    rb"urlpatterns|DJANGO_SETTINGS_MODULE"
    rb"|^[ \t]*(?:\w+[ \t]*=[ \t]*)*ROOT_URLCONF[ \t]*(?::[^=\n]*)?=(?!=)(?![^\n]*,[ \t]*$)",
    re.MULTILINE,
)
"""A URLconf's `urlpatterns`, a module choosing the settings, or a settings module's
`ROOT_URLCONF = ...`: an assignment starting a line. Test code's many
`@override_settings(ROOT_URLCONF="app.urls")` (on one line, or an argument line ending
in a comma) choose among URLconfs; they add none."""

_ROUTER = re.compile(rb"Router\s*\(")
_REGISTERED = re.compile(rb"\.register\s*\(")
"""A DRF router made and given a viewset (a database `Router` adds no route)."""


def may_add_routes(relpath: str, source: bytes) -> bool:
    """Whether the module at `relpath` with this `source` could add a route, a URLconf or
    settings naming one (a cheap over-approximation: a word search and the file name)."""
    return bool(
        SETTINGS_FILE.search(relpath)
        or ENTRY_FILES.search(relpath)
        or _MARKERS.search(source)
        or (_ROUTER.search(source) and _REGISTERED.search(source))
    )
