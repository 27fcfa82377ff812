"""The settings module `manage.py` runs when `wsgi.py` names another."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.django.test_settings import model, write
from webwarden.model.roles import Role

BASE = 'INSTALLED_APPS = ["django.contrib.auth"]\nROOT_URLCONF = "site.urls"\n'


def _entry(module: str) -> str:
    return f'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "{module}")\n'


def _roles(tmp_path: Path, served: str, extra: dict[str, str] | None = None) -> dict[str, Role]:
    write(
        tmp_path,
        {
            "manage.py": _entry("site.settings"),
            "site/__init__.py": "",
            "site/wsgi.py": _entry(served),
            "site/settings/__init__.py": "from .base import *\n",
            "site/settings/base.py": BASE,
            "site/settings/docker.py": "from .base import *\nDEBUG = False\n",
            "site/settings/dev.py": "from .base import *\nDEBUG = True\n",
            **(extra or {}),
        },
    )
    return {relpath: module.role for relpath, module in model(tmp_path).settings.items()}


def test_manage_default_is_development_when_the_server_runs_another(tmp_path: Path) -> None:
    roles = _roles(tmp_path, "site.settings.docker")
    assert roles["site/settings/__init__.py"] is Role.DEVELOPMENT
    assert roles["site/settings/docker.py"] is Role.UNSPECIFIED
    assert roles["site/settings/base.py"] is Role.UNSPECIFIED


@pytest.mark.parametrize(
    ("served", "extra"),
    [
        pytest.param("site.settings", None, id="same-module"),
        pytest.param("site.settings.dev", None, id="server-runs-development"),
        pytest.param("site.settings.absent", None, id="served-module-absent"),
        pytest.param(
            "site.settings.docker",
            {"site/settings/docker.py": "from site.settings import *\nDEBUG = False\n"},
            id="served-module-built-on-it",
        ),
    ],
)
def test_manage_default_keeps_its_role(
    tmp_path: Path, served: str, extra: dict[str, str] | None
) -> None:
    assert _roles(tmp_path, served, extra)["site/settings/__init__.py"] is Role.UNSPECIFIED


def test_manage_default_is_development_when_the_server_runs_a_copy(tmp_path: Path) -> None:
    roles = _roles(
        tmp_path,
        "site.settings.production",
        {"site/settings/production.py.sample": "from .base import *\nDEBUG = False\n"},
    )
    assert roles["site/settings/__init__.py"] is Role.DEVELOPMENT
    assert roles["site/settings/production.py.sample"] is Role.PRODUCTION


def test_manage_default_keeps_its_role_under_a_copy_built_on_it(tmp_path: Path) -> None:
    roles = _roles(
        tmp_path,
        "site.settings.production",
        {"site/settings/production.py.sample": "from site.settings import *\nDEBUG = False\n"},
    )
    assert roles["site/settings/__init__.py"] is Role.UNSPECIFIED
