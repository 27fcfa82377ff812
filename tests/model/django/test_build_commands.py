"""Settings modules that the project's scripts load only to build its files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.django.test_settings import model, write
from webwarden.discover.files import FileKind, SourceFile
from webwarden.model.django.build_commands import build_only
from webwarden.model.django.settings import Role

BASE = 'INSTALLED_APPS = ["django.contrib.staticfiles"]\nROOT_URLCONF = "site.urls"\n'
_MODULE = "site.settings.static"


def _built(tmp_path: Path, files: dict[str, str]) -> frozenset[str]:
    write(tmp_path, files)
    sources = [
        SourceFile(str(p), p.relative_to(tmp_path).as_posix(), FileKind.OTHER, p.stat().st_size)
        for p in tmp_path.rglob("*")
        if p.is_file()
    ]
    return build_only(tmp_path, sources, 100_000, {_MODULE, "site.settings.other"})


@pytest.mark.parametrize(
    ("files", "built"),
    [
        pytest.param(
            {
                "Dockerfile.prod": f"RUN DJANGO_SETTINGS_MODULE={_MODULE} python manage.py collectstatic\n"
            },
            {_MODULE},
            id="dockerfile-collectstatic",
        ),
        pytest.param(
            {"Makefile": f"messages:\n\tdjango-admin compilemessages --settings={_MODULE}\n"},
            {_MODULE},
            id="makefile-compilemessages",
        ),
        pytest.param(
            {
                "Dockerfile": f"RUN DJANGO_SETTINGS_MODULE={_MODULE} ./manage.py collectstatic\n",
                "deploy/web.yaml": f"env:\n  - name: DJANGO_SETTINGS_MODULE\n    value: {_MODULE}\n",
            },
            set(),
            id="also-a-service-environment",
        ),
        pytest.param(
            {"run.sh": f"gunicorn site.wsgi --env DJANGO_SETTINGS_MODULE={_MODULE}\n"},
            set(),
            id="serving-only",
        ),
        pytest.param(
            {"Dockerfile": f"RUN DJANGO_SETTINGS_MODULE={_MODULE}_extra manage.py collectstatic\n"},
            set(),
            id="a-longer-name",
        ),
        pytest.param(
            {"notes.md": f"DJANGO_SETTINGS_MODULE={_MODULE} python manage.py collectstatic\n"},
            set(),
            id="not-a-script",
        ),
    ],
)
def test_build_only(tmp_path: Path, files: dict[str, str], built: set[str]) -> None:
    assert _built(tmp_path, files) == built


def test_a_build_only_module_takes_the_test_role(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings/__init__.py": "",
            "site/settings/base.py": BASE,
            "site/settings/static.py": "from .base import *\nDEBUG = False\n",
            "site/settings/deploy.py": "from .base import *\nDEBUG = False\n",
            "Dockerfile": (
                f"RUN DJANGO_SETTINGS_MODULE={_MODULE} python manage.py collectstatic\n"
                'CMD ["gunicorn", "site.wsgi"]\n'
            ),
        },
    )
    roles = {relpath: module.role for relpath, module in model(tmp_path).settings.items()}
    assert roles["site/settings/static.py"] is Role.TEST
    assert roles["site/settings/deploy.py"] is Role.PRODUCTION
