"""WW320's severity: how far a database URL's password reaches."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit_source
from webwarden.findings import Severity

_APP = """\
import os

from flask import Flask
from sqlalchemy import create_engine

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = {uri!r}
app.config["ARCHIVE_URL"] = os.environ.get("ARCHIVE_URL", {uri!r})
engine = create_engine({uri!r})
"""


@pytest.mark.parametrize(
    ("uri", "severity"),
    [
        # A database on this machine: only the machine reaches it.
        pytest.param("postgresql://shop:Sh0p-2024-db@localhost/shop", Severity.MEDIUM, id="local"),
        pytest.param("mysql://shop:Sh0p-2024-db@127.0.0.1:3306/shop", Severity.MEDIUM, id="loop"),
        # A database elsewhere takes the password from anyone who reads the code.
        pytest.param("postgresql://shop:Sh0p-2024-db@db.internal/shop", Severity.HIGH, id="host"),
    ],
)
def test_database_on_this_machine(tmp_path: Path, uri: str, severity: Severity) -> None:
    findings = audit_source(tmp_path, _APP.format(uri=uri), select=["WW320"], name="app.py")
    assert [(f.location.line, f.severity) for f in findings] == [
        (7, severity),
        (8, severity),
        (9, severity),
    ]
