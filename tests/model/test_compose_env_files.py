"""The env files a project's compose files hand their services."""

from __future__ import annotations

from pathlib import Path

from webwarden.discover import SourceFile
from webwarden.discover.files import FileKind
from webwarden.model.compose_env_files import compose_env_readers
from webwarden.model.compose_files import parsed_compose_files


def _files(tmp_path: Path, contents: dict[str, str]) -> list[SourceFile]:
    files = []
    for relpath, text in contents.items():
        path = tmp_path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(SourceFile(str(path), relpath, FileKind.TEXT, len(text)))
    return files


_COMPOSE = """
services:
  web:
    env_file: .env
  worker:
    env_file:
      - ./envs/worker.env
      - path: ../shared.env
        required: false
  db:
    image: postgres
"""


def test_env_files_by_path_relative_to_the_compose_file(tmp_path: Path) -> None:
    files = _files(tmp_path, {"deploy/docker-compose.yml": _COMPOSE, "deploy/app.py": ""})
    readers = compose_env_readers(parsed_compose_files(files))
    assert sorted(readers) == ["deploy/.env", "deploy/envs/worker.env", "shared.env"]
    assert readers["deploy/.env"] == (("deploy/docker-compose.yml", _COMPOSE),)


def test_broken_compose_file_names_nothing(tmp_path: Path) -> None:
    files = _files(tmp_path, {"docker-compose.yml": "services: [\n"})
    assert compose_env_readers(parsed_compose_files(files)) == {}
