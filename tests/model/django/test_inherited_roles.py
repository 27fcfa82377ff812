"""Settings modules that take their role from the module they are built on."""

from __future__ import annotations

from pathlib import Path

from tests.model.django.test_settings import model, write
from webwarden.model.roles import Role

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


def test_an_entry_default_a_production_module_builds_on_is_judged_through_it(
    tmp_path: Path,
) -> None:
    production = "import yaml\nfrom .settings import *\nvars().update(yaml.safe_load(open('x')))\n"
    write(
        tmp_path,
        {
            "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", '
            '"site.settings")\n',
            "site/__init__.py": "",
            "site/settings.py": BASE,
            # NOTE: sets nothing Django knows itself: a variant by its name and base alone.
            "site/production.py": production,
            "site/devstack.py": production,
        },
    )
    django = model(tmp_path)
    assert sorted(s.relpath for s in django.judged) == ["site/devstack.py", "site/production.py"]
    assert django.settings["site/devstack.py"].role is Role.DEVELOPMENT


def test_an_entry_default_an_unnamed_module_builds_on_stays_judged(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", '
            '"site.settings")\n',
            "site/__init__.py": "",
            "site/settings.py": BASE,
            "site/server.py": "from .settings import *\nDEBUG = False\n",
            "site/tasks.py": "from .settings import *\n",
        },
    )
    judged = sorted(s.relpath for s in model(tmp_path).judged)
    assert judged == ["site/server.py", "site/settings.py"]
