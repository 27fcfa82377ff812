"""Django itself as the oracle: every `manage.py check --deploy` warning has its finding.

Each project under `projects/` is checked by the real Django (a subprocess in the project
directory, which imports the project; webwarden never does) and scanned by webwarden.
Every security id Django reports must have the webwarden finding the mapping table
gives, about the same setting (`Finding.key`). The ids Django reports are pinned too, so
a project that stops exercising a check (or a Django that changes) shows up.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.findings import Finding

pytest.importorskip("django")

PROJECTS = Path(__file__).parent / "projects"
STRONG_KEY = "oracle-" + "k9Qz" * 12 + "-x7"

# Django check id -> (webwarden code, setting the finding is about).
MAPPING: dict[str, tuple[str, str]] = {
    "security.W001": ("WW901", "MIDDLEWARE"),
    "security.W002": ("WW1001", "MIDDLEWARE"),
    "security.W003": ("WW601", "MIDDLEWARE"),
    "security.W004": ("WW902", "SECURE_HSTS_SECONDS"),
    "security.W005": ("WW904", "SECURE_HSTS_INCLUDE_SUBDOMAINS"),
    "security.W006": ("WW501", "SECURE_CONTENT_TYPE_NOSNIFF"),
    "security.W008": ("WW906", "SECURE_SSL_REDIRECT"),
    "security.W009": ("WW201", "SECRET_KEY"),
    "security.W010": ("WW801", "SESSION_COOKIE_SECURE"),
    "security.W011": ("WW801", "SESSION_COOKIE_SECURE"),
    "security.W012": ("WW801", "SESSION_COOKIE_SECURE"),
    "security.W013": ("WW802", "SESSION_COOKIE_HTTPONLY"),
    "security.W014": ("WW802", "SESSION_COOKIE_HTTPONLY"),
    "security.W015": ("WW802", "SESSION_COOKIE_HTTPONLY"),
    "security.W016": ("WW602", "CSRF_COOKIE_SECURE"),
    "security.W018": ("WW1160", "DEBUG"),
    "security.W019": ("WW1002", "X_FRAME_OPTIONS"),
    "security.W020": ("WW1161", "ALLOWED_HOSTS"),
    "security.W021": ("WW905", "SECURE_HSTS_PRELOAD"),
    "security.W022": ("WW1165", "SECURE_REFERRER_POLICY"),
    "security.E023": ("WW1165", "SECURE_REFERRER_POLICY"),
    "security.E024": ("WW1166", "SECURE_CROSS_ORIGIN_OPENER_POLICY"),
    "security.W025": ("WW202", "SECRET_KEY_FALLBACKS"),
    "security.W026": ("WW502", "SECURE_CSP"),
}

# Django check id -> the finding that stands for it when the key is written in the code:
# WW203 reports such a key once, whatever its length (WW201 and WW202 leave it).
WRITTEN_IN_SOURCE: dict[str, tuple[str, str]] = {
    "security.W009": ("WW203", "SECRET_KEY"),
    "security.W025": ("WW203", "SECRET_KEY_FALLBACKS"),
}

# project -> (settings module Django runs, environment it needs, ids Django reports)
CASES: dict[str, tuple[str, dict[str, str], set[str]]] = {
    "minimal_insecure": (
        "shop/settings.py",
        {},
        {"W001", "W002", "W003", "W009", "W012", "W015", "W018", "W020", "W025"},
    ),
    "hardened": ("vault/settings.py", {"DJANGO_SECRET_KEY": STRONG_KEY}, set()),
    "split_settings": ("config/settings/prod.py", {}, {"W005", "W009", "W019", "W021"}),
    "environ_project": (
        "site_env/settings.py",
        {"SECRET_KEY": STRONG_KEY},
        {"W004", "W012", "W018", "W020", "E023", "E024"},
    ),
    "drf_project": (
        "api/settings.py",
        {"DJANGO_SECRET_KEY": STRONG_KEY},
        {"W005", "W008", "W016", "W021"},
    ),
}
_ID = re.compile(r"\((security\.[WE]\d{3})\)")


def _module(relpath: str) -> str:
    return relpath.removesuffix(".py").replace("/", ".")


@pytest.fixture(scope="module", params=sorted(CASES))
def checked(request: pytest.FixtureRequest) -> tuple[str, set[str], list[Finding]]:
    """(project, ids `check --deploy` reported, webwarden's findings): Django once per project."""
    project = request.param
    settings, variables, _ = CASES[project]
    directory = PROJECTS / project
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECRET_KEY", "DATABASE_URL"))
    }
    environment |= variables | {"DJANGO_SETTINGS_MODULE": _module(settings)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=directory,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert "System check identified" in output, output
    ids = set(_ID.findall(output))
    findings = audit([directory], directory)
    return project, ids, findings


def test_django_reports_what_the_project_exercises(
    checked: tuple[str, set[str], list[Finding]],
) -> None:
    project, ids, _ = checked
    assert ids == {f"security.{short}" for short in CASES[project][2]}


def test_every_django_warning_has_its_finding(
    checked: tuple[str, set[str], list[Finding]],
) -> None:
    project, ids, findings = checked
    settings = CASES[project][0]
    about = {
        (f.code, f.key)
        for f in findings
        if f.context.startswith(f"settings module {settings}") or f.location.path == settings
    }
    missing = [
        f"{django_id} -> {MAPPING[django_id]}"
        for django_id in sorted(ids)
        if MAPPING[django_id] not in about and WRITTEN_IN_SOURCE.get(django_id) not in about
    ]
    assert not missing, f"{project}: no webwarden finding for {missing}"


def test_hardened_project_has_no_findings() -> None:
    directory = PROJECTS / "hardened"
    assert CASES["hardened"][2] == set()
    assert [f"{f.location} {f.code} {f.message}" for f in audit([directory], directory)] == []


def test_mapping_covers_every_security_check_of_django() -> None:
    """Every security id the installed Django defines is mapped (except non-deploy
    checks of the CSRF failure view, which are about an import, not a setting)."""
    import django.core.checks.security.base as base
    import django.core.checks.security.csrf as csrf
    import django.core.checks.security.sessions as sessions
    from django.core.checks import CheckMessage

    defined = {
        str(value.id)
        for module in (base, csrf, sessions)
        for value in vars(module).values()
        if issubclass(type(value), CheckMessage)
    }
    # NOTE: W025 is built per fallback at run time; its template is in `base` too.
    assert len(defined) >= 20
    assert defined <= set(MAPPING)
