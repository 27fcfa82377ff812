"""WW1127: Celery workers configured to accept pickled messages."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_ACCEPTING = ("CELERY_ACCEPT_CONTENT", "CELERY_RESULT_ACCEPT_CONTENT")
_PICKLE = frozenset({"pickle", "application/x-python-serialize"})


class CeleryAcceptsPickle(DjangoSettingRule):
    """## What it does
    Finds Django settings that let Celery load pickled messages: `CELERY_ACCEPT_CONTENT`
    (or `CELERY_RESULT_ACCEPT_CONTENT`, for results) naming `pickle` or its content type
    `application/x-python-serialize`, the settings Celery reads from Django's with
    `config_from_object("django.conf:settings", namespace="CELERY")`.

    ## Why is this bad?
    A pickle is a program: a worker that loads one runs whatever functions it names.
    Whoever can publish a message to the broker (a Redis or RabbitMQ reachable on the
    network, left with its default credentials, or shared with another service) then runs
    code on every worker, with the app's database and secrets. That is why Celery 4
    stopped accepting pickle by default; JSON messages carry data only.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    CELERY_ACCEPT_CONTENT = ["pickle", "json"]
    CELERY_TASK_SERIALIZER = "pickle"
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    CELERY_ACCEPT_CONTENT = ["json"]
    CELERY_TASK_SERIALIZER = "json"
    ```
    Pass task arguments as JSON (ids rather than model instances); if a task truly needs
    objects, use Celery's message signing (`auth` serializer) instead of plain pickle.

    ## References
    - [CWE-502: Deserialization of Untrusted Data](https://cwe.mitre.org/data/definitions/502.html)
    - [Celery: serializers and security](https://docs.celeryq.dev/en/stable/userguide/security.html#serializers)
    """

    code = "WW1127"
    name = "celery-accepts-pickle"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 502
    message = (
        "`{setting}` accepts `{content}`: whoever can publish to the broker runs code"
        " on the Celery workers"
    )
    fix = 'accept only `json` (`CELERY_ACCEPT_CONTENT = ["json"]`) and send task arguments as JSON'

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for setting in _ACCEPTING:
            for possibility in settings.get(setting):
                value = possibility.shipped
                if not isinstance(value, list | tuple | set | frozenset):
                    continue
                content = next(
                    (v for v in value if isinstance(v, str) and v.lower() in _PICKLE), None
                )
                if content is not None:
                    fields = {"setting": setting, "content": content}
                    yield Verdict(setting, possibility, fields)
