"""WW1172 does not report `FLASK_ENV` where the application requires Flask 2.3 or later."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.findings import Severity


@pytest.mark.parametrize(
    ("requirements", "line", "severities"),
    [
        pytest.param("flask>=2.3\n", "FLASK_ENV=development", [], id="flask-2.3"),
        pytest.param("flask==2.2.5\n", "FLASK_ENV=development", [Severity.MEDIUM], id="flask-2.2"),
        pytest.param("flask\n", "FLASK_ENV=development", [Severity.MEDIUM], id="no-floor"),
        pytest.param("flask>=3.0\n", "FLASK_DEBUG=1", [Severity.MEDIUM], id="debug-is-read"),
    ],
)
def test_flask_env_is_not_reported_where_flask_no_longer_reads_it(
    tmp_path: Path, requirements: str, line: str, severities: list[Severity]
) -> None:
    (tmp_path / "requirements.txt").write_text(requirements)
    (tmp_path / ".flaskenv").write_text(f"FLASK_APP=app.py\n{line}\n")
    (tmp_path / "app.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n")
    assert [f.severity for f in audit([tmp_path], tmp_path, ["WW1172"])] == severities
