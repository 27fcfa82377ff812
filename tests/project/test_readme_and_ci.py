"""README.md and .ci/run agree: CI runs the test command the README gives."""

from __future__ import annotations

import re

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CI = (REPO / ".ci" / "run").read_text(encoding="utf-8")


def _first_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README)[:2]


def test_readme_starts_with_install_run_and_test_commands() -> None:
    run, test = _first_commands()
    assert "pip install ." in run
    assert "webwarden check examples/" in run
    assert "python -m pytest" in test


def test_ci_runs_the_readme_test_command() -> None:
    test = _first_commands()[1]
    pytest_command = test.split("&&")[-1].strip()
    assert pytest_command in CI.splitlines()
