"""Values of a base settings module that every deployed settings module replaces."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.django.test_settings import model, write
from webwarden.findings import Location
from webwarden.model.django.replaced_values import replacing_modules

BASE = """
INSTALLED_APPS = ["django.contrib.sessions"]
ROOT_URLCONF = "site.urls"
API_KEY = "9f2Lq7Xw4Tz8Nv3Bp6Hd1Ks5Mj0Ga"
"""
AT = Location("site/settings/base.py", 3, 1)


def _replacing(tmp_path: Path, production: str) -> tuple[str, ...]:
    write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings/__init__.py": "",
            "site/settings/base.py": BASE,
            "site/settings/dev.py": "from .base import *\nDEBUG = True\n",
            "site/settings/production.py": "import os\nfrom .base import *\n" + production,
        },
    )
    return replacing_modules(model(tmp_path), "API_KEY", AT)


@pytest.mark.parametrize(
    "production",
    [
        pytest.param('API_KEY = os.environ.get("API_KEY", "")\n', id="lookup-with-default"),
        pytest.param('API_KEY = os.environ["API_KEY"]\n', id="required-variable"),
        pytest.param('API_KEY = "a-production-literal-of-its-own"\n', id="own-literal"),
    ],
)
def test_a_value_every_deployed_module_replaces(tmp_path: Path, production: str) -> None:
    assert _replacing(tmp_path, production) == ("site/settings/production.py",)


@pytest.mark.parametrize(
    "production",
    [
        pytest.param("", id="kept"),
        pytest.param('API_KEY = os.environ.get("API_KEY", API_KEY)\n', id="kept-as-default"),
        pytest.param(
            'if "API_KEY" in os.environ:\n    API_KEY = os.environ["API_KEY"]\n',
            id="replaced-in-a-branch",
        ),
        pytest.param("API_KEY = load_key()\n", id="replaced-by-an-unknown-value"),
    ],
)
def test_a_value_a_deployed_module_may_keep(tmp_path: Path, production: str) -> None:
    assert _replacing(tmp_path, production) == ()
