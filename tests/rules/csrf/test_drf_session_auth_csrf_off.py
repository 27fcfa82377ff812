"""WW605: a CSRF-less session authentication class that only development settings name
is reported low; one a production settings module (or any code) uses stays high."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.findings import Severity

FIXTURES = Path(__file__).parents[1] / "fixtures" / "WW605"


@pytest.mark.parametrize(
    ("fixture", "severity", "context"),
    [
        pytest.param(
            "vulnerable_dev_settings_project",
            Severity.LOW,
            "only settings module portal/config/settings/local.py uses it",
            id="development-settings-only",
        ),
        pytest.param(
            "vulnerable_production_settings_project", Severity.HIGH, "", id="production-settings"
        ),
    ],
)
def test_severity_follows_the_settings_using_the_class(
    fixture: str, severity: Severity, context: str
) -> None:
    root = FIXTURES / fixture
    (finding,) = audit([root], root, select=["WW605"])
    assert (finding.severity, finding.context) == (severity, context)


def test_class_named_by_a_view_stays_high(tmp_path: Path) -> None:
    source = FIXTURES / "vulnerable_dev_settings_project"
    for path in source.rglob("*.py"):
        target = tmp_path / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "portal" / "core" / "views.py").write_text(
        "from rest_framework.views import APIView\n\n"
        "from portal.core.auth import LocalSessionAuthentication\n\n\n"
        "class NotesView(APIView):\n"
        "    authentication_classes = [LocalSessionAuthentication]\n",
        encoding="utf-8",
    )
    (finding,) = audit([tmp_path], tmp_path, select=["WW605"])
    assert finding.severity is Severity.HIGH
