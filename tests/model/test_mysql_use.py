from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.discover import SourceFile
from webwarden.discover.files import FileKind
from webwarden.model.mysql_use import mysql_possible


def _files(tmp_path: Path, contents: dict[str, str]) -> list[SourceFile]:
    files = []
    for relpath, text in contents.items():
        path = tmp_path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(SourceFile(str(path), relpath, FileKind.TEXT, len(text)))
    return files


@pytest.mark.parametrize(
    ("contents", "imports", "folder", "possible"),
    [
        pytest.param({"app.py": ""}, [], "", True, id="no-dependency-file"),
        pytest.param({"requirements.txt": "Flask\nSQLAlchemy\n"}, [], "", False, id="declared"),
        pytest.param({"requirements.txt": "Flask\nPyMySQL\n"}, [], "", True, id="driver"),
        pytest.param(
            {"pyproject.toml": '[project]\ndependencies = ["sqlalchemy[mysql]"]\n'},
            [],
            "",
            True,
            id="extra",
        ),
        pytest.param(
            {"requirements/base.txt": "Django\n", "requirements/prod.txt": "mysqlclient\n"},
            [],
            "",
            True,
            id="requirements-folder",
        ),
        pytest.param(
            {"requirements.txt": "Django\n"}, ["MySQLdb.cursors"], "", True, id="imported"
        ),
        pytest.param(
            {
                "requirements.txt": "Django\n",
                "deploy/docker-compose.yml": "db:\n  image: mariadb\n",
            },
            [],
            "",
            True,
            id="compose-service",
        ),
        pytest.param(
            {"requirements.txt": "mysqlclient\n", "web/requirements.txt": "Flask\n"},
            [],
            "web",
            False,
            id="another-application",
        ),
        pytest.param({"requirements.txt": "\n"}, [], "", True, id="empty-file-says-nothing"),
    ],
)
def test_mysql_possible(
    tmp_path: Path, contents: dict[str, str], imports: list[str], folder: str, possible: bool
) -> None:
    assert mysql_possible(_files(tmp_path, contents), imports, folder) is possible
