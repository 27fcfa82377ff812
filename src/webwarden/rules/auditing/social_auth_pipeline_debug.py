"""WW1159: python-social-auth's debug step in a login pipeline."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_PIPELINE = re.compile(r"SOCIAL_AUTH_(?:[A-Z0-9_]+_)?PIPELINE")
"""`SOCIAL_AUTH_PIPELINE`, a backend's own (`SOCIAL_AUTH_GOOGLE_OAUTH2_PIPELINE`) and
`SOCIAL_AUTH_DISCONNECT_PIPELINE`."""
_DEBUG_STEPS = frozenset({"social_core.pipeline.debug.debug", "social.pipeline.debug.debug"})
"""The debug step of social-core and of the python-social-auth package before it."""


class SocialAuthPipelineDebug(DjangoSettingRule):
    """## What it does
    Finds python-social-auth's debug step, `social_core.pipeline.debug.debug` (or
    `social.pipeline.debug.debug` of the older `python-social-auth` package), listed in
    a login pipeline of the settings: `SOCIAL_AUTH_PIPELINE`, a backend's own
    (`SOCIAL_AUTH_GITHUB_PIPELINE`) or `SOCIAL_AUTH_DISCONNECT_PIPELINE`. A development
    or test settings module's is reported at low severity.

    ## Why is this bad?
    The step prints everything the pipeline holds on every login: the provider's whole
    answer, with the user's OAuth access token (and refresh or ID token), the user's
    details and the social account with its stored tokens. On a server, standard output
    goes to the logs, where anyone reading them can act as any user who signed in with
    the provider. The library's documentation shows the step in its example pipeline
    for development; copied settings keep it.

    ## Known problems
    A step added by an edit in a later module (`SOCIAL_AUTH_PIPELINE += (...)` in
    `dev.py`) is reported where the pipeline was first assigned; the finding names the
    settings module that runs it.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "social_django"]
    SOCIAL_AUTH_PIPELINE = (
        "social_core.pipeline.social_auth.social_details",
        "social_core.pipeline.social_auth.social_uid",
        "social_core.pipeline.social_auth.social_user",
        "social_core.pipeline.user.create_user",
        "social_core.pipeline.social_auth.associate_user",
        "social_core.pipeline.debug.debug",
        "social_core.pipeline.social_auth.load_extra_data",
    )
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "social_django"]
    SOCIAL_AUTH_PIPELINE = (
        "social_core.pipeline.social_auth.social_details",
        "social_core.pipeline.social_auth.social_uid",
        "social_core.pipeline.social_auth.social_user",
        "social_core.pipeline.user.create_user",
        "social_core.pipeline.social_auth.associate_user",
        "social_core.pipeline.social_auth.load_extra_data",
    )
    ```

    ## References
    - [CWE-532: Insertion of Sensitive Information into Log File](https://cwe.mitre.org/data/definitions/532.html)
    - [Python Social Auth: pipeline](https://python-social-auth.readthedocs.io/en/latest/pipeline.html)
    """

    code = "WW1159"
    name = "social-auth-pipeline-debug"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 532
    message = (
        "`{setting}` runs `{step}`: every login prints the provider's answer, "
        "OAuth access tokens included, to the server's output"
    )
    fix = "remove the debug step from the pipeline (keep it in development settings only)"

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for setting in sorted(settings.values):
            if not _PIPELINE.fullmatch(setting):
                continue
            for possibility in settings.get(setting):
                steps = possibility.shipped
                if possibility.location is None or not isinstance(steps, list | tuple):
                    continue
                step = next((s for s in steps if isinstance(s, str) and s in _DEBUG_STEPS), None)
                if step is not None:
                    yield Verdict(setting, possibility, {"setting": setting, "step": step})
