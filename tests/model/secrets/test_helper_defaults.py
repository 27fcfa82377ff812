"""Credential defaults a Django settings module gives through a project's env helper."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.helpers import audit

_MANAGE = """\
    import os
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_conf.settings")
    """
_ENVS = """\
    import os

    def get_string(name, default):
        return os.environ.get(name, default)

    def get_int(name, default):
        value = os.environ.get(name)
        return default if value is None else int(value)
    """


def _write(root: Path, settings: str) -> None:
    files = {
        "manage.py": _MANAGE,
        "site_conf/__init__.py": "",
        "site_conf/envs.py": _ENVS,
        "site_conf/settings.py": settings,
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")


def _reported(root: Path) -> list[tuple[int, int, str]]:
    return [
        (f.location.line, f.location.column, f.message)
        for f in audit([root], root, select=["WW242"])
    ]


def test_the_literal_handed_to_an_imported_helper_is_reported_where_it_is_written(
    tmp_path: Path,
) -> None:
    _write(
        tmp_path,
        """\
        from site_conf.envs import get_string
        INSTALLED_APPS = ["django.contrib.auth"]
        BROKER_PASSWORD = get_string(
            "BROKER_PASSWORD",
            "rabbit-Pw-7731",
        )
        """,
    )
    [(line, column, message)] = _reported(tmp_path)
    assert (line, column) == (5, 5)
    assert message.startswith('`get_string("BROKER_PASSWORD")` falls back to a password')
    assert "rabbit-Pw-7731" not in message


def test_a_default_the_helper_does_not_return_is_not_reported(tmp_path: Path) -> None:
    # `get_int` gives a number when unset, not the text; `SECRET_KEY` is WW203's.
    _write(
        tmp_path,
        """\
        from site_conf.envs import get_int, get_string
        INSTALLED_APPS = ["django.contrib.auth"]
        SECRET_KEY = get_string("SECRET_KEY", "k9Vt2Qw8Lm3Xz7Rb4Nc6Hd1Jf5Gs0Yp")
        TOKEN_LIFETIME = get_int("TOKEN_LIFETIME", 3600)
        API_TOKEN = get_string("API_TOKEN", "")
        """,
    )
    assert _reported(tmp_path) == []


def test_a_direct_lookup_is_reported_once(tmp_path: Path) -> None:
    _write(
        tmp_path,
        """\
        import os
        INSTALLED_APPS = ["django.contrib.auth"]
        BROKER_PASSWORD = os.environ.get("BROKER_PASSWORD", "rabbit-Pw-7731")
        """,
    )
    assert [line for line, _, _ in _reported(tmp_path)] == [3]
