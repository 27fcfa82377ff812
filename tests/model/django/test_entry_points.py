"""DJANGO_SETTINGS_MODULE set by a function of the project that the entry files call."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.django.test_settings import model, write

SETUP = """\
import os

def setup_env():
    load_dotenv()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.conf.dev")
"""
MANAGE = """\
import sys
from shop.setup import setup_env

if __name__ == "__main__":
    setup_env()
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
"""
THIN_BASE = """\
from framework.conf.base import *

INSTALLED_APPS = INSTALLED_APPS + ["shop.orders"]
MIDDLEWARE += ["shop.middleware.Timing"]
"""
FILES = {
    "shop/__init__.py": "",
    "shop/setup.py": SETUP,
    "shop/conf/__init__.py": "",
    "shop/conf/base.py": THIN_BASE,
    "shop/conf/dev.py": "from .base import *\nINSTALLED_APPS += ['debug_toolbar']\n",
    "shop/conf/production.py": "from .base import *\nSESSION_COOKIE_SECURE = True\n",
}


def _judged(tmp_path: Path, files: dict[str, str]) -> tuple[list[str], list[str]]:
    django = model(write(tmp_path, files))
    return sorted(django.settings), sorted(s.relpath for s in django.judged)


def test_a_setup_function_the_entry_files_call_names_the_settings(tmp_path: Path) -> None:
    wsgi = "from shop.setup import setup_env\nsetup_env()\napplication = get_wsgi_application()\n"
    settings, judged = _judged(tmp_path, {**FILES, "manage.py": MANAGE, "shop/wsgi.py": wsgi})
    assert settings == ["shop/conf/base.py", "shop/conf/dev.py", "shop/conf/production.py"]
    assert judged == ["shop/conf/dev.py", "shop/conf/production.py"]


def test_a_relative_import_of_the_setup_function(tmp_path: Path) -> None:
    celery = "from .setup import setup_env\nsetup_env()\napp = Celery('shop')\n"
    settings, _ = _judged(tmp_path, {**FILES, "shop/celery.py": celery})
    assert "shop/conf/dev.py" in settings


@pytest.mark.parametrize(
    "files",
    [
        pytest.param({}, id="never-called"),
        pytest.param(
            {"scripts/build.py": "from shop.setup import setup_env\nsetup_env()\n"},
            id="called-by-a-script-only",
        ),
        pytest.param(
            {"manage.py": "from shop.setup import other\nother()\n"},
            id="entry-calls-another-function",
        ),
    ],
)
def test_a_setup_function_no_entry_file_calls_names_nothing(
    tmp_path: Path, files: dict[str, str]
) -> None:
    # NOTE: a thin settings module (two of Django's names) is no settings module alone.
    files = {**FILES, **files, "shop/urls.py": "urlpatterns = []\n"}
    settings, judged = _judged(tmp_path, files)
    assert settings == []
    assert judged == []
