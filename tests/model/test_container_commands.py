from __future__ import annotations

import pytest

from webwarden.model.container_commands import run_programs


@pytest.mark.parametrize(
    ("dockerfile", "context", "relpaths", "expected"),
    [
        pytest.param(
            "FROM alpine\nCOPY start.py /\nCMD /start.py\n",
            "core/admin",
            {"core/admin/start.py"},
            ["core/admin/start.py"],
            id="copied-to-root-run-by-path",
        ),
        pytest.param(
            'FROM python\nWORKDIR /srv\nCOPY . .\nENTRYPOINT ["python", "app/run.py"]\n',
            "",
            {"app/run.py"},
            ["app/run.py"],
            id="folder-copied-exec-form-relative-to-workdir",
        ),
        pytest.param(
            "FROM python\nCOPY --chown=app a.py b.py \\\n  /opt/\nCMD python3 /opt/b.py\n",
            "svc",
            {"svc/a.py", "svc/b.py"},
            ["svc/b.py"],
            id="several-sources-continued-line",
        ),
        pytest.param(
            "FROM python\nCOPY start.py /\nHEALTHCHECK CMD true\nRUN python /start.py\n",
            "",
            {"start.py"},
            [],
            id="only-run-at-build",
        ),
        pytest.param(
            "FROM python\nCMD python /start.py\n",
            "",
            {"start.py"},
            [],
            id="never-copied",
        ),
    ],
)
def test_run_programs(dockerfile, context, relpaths, expected):
    assert list(run_programs(dockerfile, context, relpaths)) == expected
