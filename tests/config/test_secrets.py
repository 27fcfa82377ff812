from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.config import ConfigError, load_config
from webwarden.config.secrets import SecretsOptions, secrets_options


def _config(tmp_path: Path, table: str):
    (tmp_path / "pyproject.toml").write_text(f"[tool.webwarden.secrets]\n{table}\n")
    return load_config([tmp_path], root=tmp_path)


def test_defaults(tmp_path: Path) -> None:
    assert secrets_options(load_config([tmp_path], isolated=True, root=tmp_path)) == (
        SecretsOptions(git=True)
    )


def test_git_off(tmp_path: Path) -> None:
    assert secrets_options(_config(tmp_path, "git = false")).git is False


@pytest.mark.parametrize(
    ("table", "error"),
    [
        pytest.param("gti = false", "unknown key `gti` \\(did you mean `git`\\?\\)", id="typo"),
        pytest.param('git = "no"', "`git` must be true or false", id="type"),
    ],
)
def test_errors(tmp_path: Path, table: str, error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        secrets_options(_config(tmp_path, table))


def test_docs_paths_are_configurable(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.webwarden]\ndocs-paths = ["guide/"]\ndocs-severity = "keep"\n'
    )
    config = load_config([tmp_path], root=tmp_path)
    assert config.docs_paths == ("guide/",)
    assert config.docs_severity is None
