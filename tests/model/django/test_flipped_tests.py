"""Settings given only in an arm of a test on environment variables skipped as the code
ships: what a deployment setting the variables gets instead (`Possibility.unless`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.django.test_settings import model, write

_APPS = 'INSTALLED_APPS = ["django.contrib.auth"]\nROOT_URLCONF = "urls"\n'


def _unless(tmp_path: Path, settings: str, name: str) -> list[tuple[str, object]]:
    django = model(write(tmp_path, {"settings.py": _APPS + settings}))
    (found,) = django.settings["settings.py"].get(name)
    return [(unless.when, unless.value) for unless in found.unless]


@pytest.mark.parametrize(
    ("test", "when"),
    [
        pytest.param(
            'os.getenv("TLS", "false").lower() in ("true", "1")',
            "$TLS is set to true",
            id="lowered-membership",
        ),
        pytest.param('os.environ.get("TLS")', "$TLS is set", id="truth"),
        pytest.param(
            'os.environ.get("STAGE", "dev") == "prod"', "$STAGE is set to `prod`", id="word"
        ),
        pytest.param('not env.bool("PLAIN", default=True)', "$PLAIN is set to false", id="negated"),
        pytest.param('env.bool("TLS", default=False)', "$TLS is set to true", id="django-environ"),
    ],
)
def test_unset_setting_keeps_the_skipped_arm_value(tmp_path: Path, test: str, when: str) -> None:
    settings = (
        f"import os\nimport environ\nenv = environ.Env()\nif {test}:\n"
        "    SECURE_SSL_REDIRECT = True\n"
    )
    assert _unless(tmp_path, settings, "SECURE_SSL_REDIRECT") == [(when, True)]


def test_value_set_before_keeps_the_else_arm_value(tmp_path: Path) -> None:
    settings = (
        "import os\nDEBUG = False\nif os.getenv('DEV_MODE'):\n    DEBUG = True\n"
        "else:\n    X_FRAME_OPTIONS = 'DENY'\n"
    )
    assert _unless(tmp_path, settings, "DEBUG") == [("$DEV_MODE is set", True)]
    assert _unless(tmp_path, settings, "X_FRAME_OPTIONS") == []


def test_assignment_after_the_test_drops_the_other_value(tmp_path: Path) -> None:
    settings = (
        "import os\nif os.getenv('TLS'):\n    SECURE_SSL_REDIRECT = True\n"
        "SECURE_SSL_REDIRECT = False\n"
    )
    assert _unless(tmp_path, settings, "SECURE_SSL_REDIRECT") == []


def test_unset_setting_stays_unset(tmp_path: Path) -> None:
    django = model(
        write(
            tmp_path,
            {
                "settings.py": _APPS
                + "import os\nif os.getenv('TLS'):\n    SECURE_SSL_REDIRECT = True\n"
            },
        )
    )
    module = django.settings["settings.py"]
    assert not module.is_set("SECURE_SSL_REDIRECT")
    assert [p.location for p in module.get("SECURE_SSL_REDIRECT")] == [None]
