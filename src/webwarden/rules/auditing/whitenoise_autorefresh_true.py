"""WW1179: WhiteNoise's (or ServeStatic's) development autorefresh mode switched on."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_SETTINGS = ("WHITENOISE_AUTOREFRESH", "SERVESTATIC_AUTOREFRESH")
"""WhiteNoise's setting and that of ServeStatic, its fork (same middleware, same mode)."""


class WhitenoiseAutorefreshTrue(DjangoSettingRule):
    """## What it does
    Finds `WHITENOISE_AUTOREFRESH = True` (ServeStatic's `SERVESTATIC_AUTOREFRESH`)
    in settings modules other than development ones. Both default to `DEBUG`: written
    as `True`, a deployment with `DEBUG` off still runs the development mode.

    ## Why is this bad?
    In autorefresh mode the middleware no longer serves the fixed set of files it
    indexed at start-up: it looks each requested path up on disk at every request, so
    whatever lands in the static folders later is served, and a flaw in matching the
    path to a file is a path traversal (WhiteNoise 4.1.3 fixed one on Windows, saying
    the mode is never intended for production use). It is also slow.

    ## Example
    ```python
    MIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware"]
    WHITENOISE_AUTOREFRESH = True
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware"]
    WHITENOISE_AUTOREFRESH = False
    ```

    ## References
    - [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
    - [WhiteNoise: WHITENOISE_AUTOREFRESH](https://whitenoise.readthedocs.io/en/stable/django.html#WHITENOISE_AUTOREFRESH)
    - [WhiteNoise 4.1.3 changelog](https://whitenoise.readthedocs.io/en/stable/changelog.html)
    """

    code = "WW1179"
    name = "whitenoise-autorefresh-true"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 489
    in_development = False
    message = "`{setting} = True`: the static files middleware runs its development mode"
    fix = "leave it unset (it follows `DEBUG`) or set it to `False` in deployed settings"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for setting in _SETTINGS:
            if not settings.is_set(setting):
                continue
            for possibility in settings.get(setting):
                if possibility.shipped is True:
                    yield Verdict(setting, possibility, {"setting": setting})
