"""Settings modules that take their role from the module they are built on."""

from __future__ import annotations

from pathlib import Path

from tests.model.django.test_settings import model, write
from webwarden.model.django.settings import Role

BASE = 'INSTALLED_APPS = ["django.contrib.auth"]\nROOT_URLCONF = "site.urls"\n'


def _roles(tmp_path: Path, files: dict[str, str]) -> dict[str, Role]:
    write(tmp_path, {"site/__init__.py": "", "site/settings/__init__.py": "", **files})
    django = model(tmp_path)
    return {relpath: module.role for relpath, module in django.settings.items()}


def test_a_module_built_on_a_development_one_is_development(tmp_path: Path) -> None:
    roles = _roles(
        tmp_path,
        {
            "site/settings/base.py": BASE,
            "site/settings/dev.py": "from .base import *\nDEBUG = True\n",
            "site/settings/dockerdev.py": "from .dev import *\nALLOWED_HOSTS = ['*']\n",
            "site/settings/container.py": "from .dockerdev import *\n",
            "site/settings/ci_box.py": "from .test import *\n",
            "site/settings/test.py": "from .base import *\n",
        },
    )
    assert roles["site/settings/dockerdev.py"] is Role.DEVELOPMENT
    assert roles["site/settings/container.py"] is Role.DEVELOPMENT
    assert roles["site/settings/ci_box.py"] is Role.TEST


def test_an_overlay_or_an_optional_base_gives_no_role(tmp_path: Path) -> None:
    roles = _roles(
        tmp_path,
        {
            "site/settings/base.py": BASE,
            "site/settings/dev.py": "from .base import *\nDEBUG = True\n",
            "site/settings/server.py": "from .base import *\nfrom .dev import *\n",
            "site/settings/maybe.py": "try:\n    from .dev import *\nexcept ImportError:\n"
            "    from .base import *\n",
            "site/settings/prod.py": "from .dev import *\nDEBUG = False\n",
        },
    )
    assert roles["site/settings/server.py"] is Role.UNSPECIFIED
    assert roles["site/settings/maybe.py"] is Role.UNSPECIFIED
    assert roles["site/settings/prod.py"] is Role.PRODUCTION
