"""WW1160: `DEBUG = True` in a settings module that may be deployed."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.environment import DeployTime
from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.values import is_known
from webwarden.rules.django_settings import DjangoSettingRule, Verdict


class DjangoDebugTrue(DjangoSettingRule):
    """## What it does
    Finds Django settings modules where `DEBUG` is true, including when it comes from an
    environment variable whose default (the value when the variable is unset) is true
    (also when the arms of an `if` reading it set `DEBUG` to it: `if
    os.environ.get("DEBUG", "true").lower() == "false": DEBUG = False`, else `True`),
    and where it is the variable's text itself (`os.getenv("DEBUG", False)`): any value
    set, `"False"` and `"0"` included, is a true string (medium severity when the default
    is off), and when it is a key of a dict the settings module loads from a YAML, JSON
    or TOML file the deployment writes, whose default is true (`DEBUG =
    config.pop("DEBUG", True)` after `config = yaml.safe_load(f).get("settings", {})`: a
    file that leaves the key out turns it on), or an option of an INI file read through
    `configparser` whose fallback is true (`DEBUG = section.getboolean("debug", DEBUG)`
    of a section `parser["global"]`, after `DEBUG = True`: the fallback is the value the
    module gave the name before; the parser itself takes the section first,
    `parser.getboolean("global", "debug", fallback=True)`). The lookup may be made by a helper function of the settings module itself
    (`DEBUG = envbool("DEBUG", "True")`) or of another module of the project
    (`DEBUG = get_env_bool("DEBUG", True)` after `from myproj.environment import
    get_env_bool`): its body is followed one level for the call's arguments. A helper
    of the settings module that stores the value under the name it is given
    (`set_bool("DEBUG", True)`, storing into `globals()` itself or through another
    helper it hands `globals()`) sets the setting, from the variable of that name first
    when the helper reads the environment. A field of a pydantic-settings object another
    module makes (`DEBUG = env.DEBUG` after `from config.env import env`, where `env =
    Settings()` and the class declares `DEBUG: bool = True`) is read from the variable
    of the field's name (after the class's `env_prefix`, or its `alias`), the field's
    default when unset. `DEBUG` given a flag the module sets in the arms of an `if`
    (`if int(config.get("STAGING")): STAGING = True`, else `False`, then `DEBUG =
    STAGING`) is true under that arm's condition, as if set there: reported with the
    condition, at medium confidence, and at low severity when the condition is a
    development one (`if LOCAL:`).
    Development and test settings modules (`dev.py`, `local.py`, `test_settings.py`) are
    not reported; one named for a deployment with debugging on (`production_debug.py`,
    `staging-debug.py`: a copy of the site others reach) is. Covers Django's `security.W018` (`manage.py check --deploy`).

    ## Why is this bad?
    With `DEBUG = True`, every error page shows the stack trace, local variables, the
    settings (with most secrets only partly masked) and the SQL queries of the request.
    Django also keeps every SQL query in memory and serves detailed 404 pages listing the
    URL patterns, which maps the whole application for an attacker.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]
    DEBUG = True
    ```

    ## Fix
    ```python
    import os

    INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]
    DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
    ```

    ## References
    - [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
    - [Django: DEBUG](https://docs.djangoproject.com/en/stable/ref/settings/#debug)
    - [Django: deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug)
    """

    code = "WW1160"
    name = "django-debug-true"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 489
    django_checks = ("security.W018",)
    message = "`DEBUG` is true: error pages show code, settings and queries to every visitor"
    fix = "set `DEBUG = False` in deployed settings (read it from the environment, default off)"
    in_development = False

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("DEBUG"):
            value = possibility.shipped
            read = possibility.value
            if isinstance(read, DeployTime) and read.text:
                yield Verdict(
                    "DEBUG",
                    possibility,
                    message=(
                        f"`DEBUG` is the text of {read.lookups[0].shown}: any value it is given,"
                        " `False` and `0` included, turns debug pages on"
                    ),
                    severity=None if is_known(value) and value else Severity.MEDIUM,
                    confidence=None if is_known(value) and value else Confidence.MEDIUM,
                )
            elif is_known(value) and value:
                yield Verdict("DEBUG", possibility)
