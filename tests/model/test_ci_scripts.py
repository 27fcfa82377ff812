from __future__ import annotations

import pytest

from webwarden.model.ci_scripts import ci_only_scripts

_WORKFLOW = ".github/workflows/ci.yml"


@pytest.mark.parametrize(
    ("texts", "imported", "expected"),
    [
        pytest.param(
            {_WORKFLOW: "steps:\n  - run: python db/create_ci_test_db.py\n"},
            False,
            {"db/create_ci_test_db.py"},
            id="run-by-a-step",
        ),
        pytest.param(
            {_WORKFLOW: "steps:\n  - run: python3 -u ./db/create_ci_test_db.py\n"},
            False,
            {"db/create_ci_test_db.py"},
            id="options-and-dot-slash",
        ),
        pytest.param(
            {
                _WORKFLOW: "steps:\n  - run: python db/create_ci_test_db.py\n",
                "Makefile": "init-db:\n\tpython db/create_ci_test_db.py\n",
            },
            False,
            set(),
            id="also-in-the-makefile",
        ),
        pytest.param(
            {_WORKFLOW: "steps:\n  - run: python db/create_ci_test_db.py\n"},
            True,
            set(),
            id="imported-by-a-module",
        ),
        pytest.param(
            {"deploy.sh": "python db/create_ci_test_db.py\n"},
            False,
            set(),
            id="run-by-no-pipeline",
        ),
    ],
)
def test_ci_only_scripts(texts, imported, expected):
    relpaths = [*texts, "db/create_ci_test_db.py"]
    found = ci_only_scripts(relpaths, texts.get, lambda relpath: imported)
    assert found == expected
