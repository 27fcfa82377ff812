"""`DjangoProject.setting_values`: the values a setting has in the judged modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.django.test_settings import model, write

_BASE = 'INSTALLED_APPS = ["django.contrib.auth"]\nROOT_URLCONF = "site.urls"\n'


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        pytest.param({"site/settings.py": _BASE}, ("Lax",), id="django-default"),
        pytest.param(
            {"site/settings.py": _BASE + 'SESSION_COOKIE_SAMESITE = "Strict"\n'},
            ("Strict",),
            id="set-in-the-only-module",
        ),
        pytest.param(
            {
                "site/settings/base.py": _BASE,
                "site/settings/prod.py": "from .base import *\nSESSION_COOKIE_SAMESITE = 'Strict'\n",
                "site/settings/dev.py": "from .base import *\nSESSION_COOKIE_SAMESITE = 'Strict'\n",
            },
            ("Strict", "Strict"),
            id="alike-in-every-module",
        ),
        pytest.param(
            {
                "site/settings/base.py": _BASE,
                "site/settings/prod.py": "from .base import *\nSESSION_COOKIE_SAMESITE = 'Strict'\n",
                "site/settings/staging.py": "from .base import *\nDEBUG = False\n",
            },
            ("Strict", "Lax"),
            id="differs-between-modules",
        ),
        pytest.param(
            {
                "site/settings.py": _BASE
                + "import socket\nif socket.gethostname() == 'www':\n    SESSION_COOKIE_SAMESITE = 'Strict'\n"
            },
            ("Strict", "Lax"),
            id="set-in-one-branch",
        ),
        pytest.param(
            {
                "site/settings.py": _BASE
                + "import os\nSESSION_COOKIE_SAMESITE = os.environ.get('SAMESITE', 'Strict')\n"
            },
            None,
            id="decided-at-deploy-time",
        ),
        pytest.param(
            {"site/settings.py": "from .local import *\n" + _BASE},
            None,
            id="unset-in-a-module-reading-an-unseen-one",
        ),
    ],
)
def test_setting_values(tmp_path: Path, settings: dict[str, str], expected: object) -> None:
    django = model(write(tmp_path, settings))
    assert django.setting_values("SESSION_COOKIE_SAMESITE") == expected
