"""Snippets of credential lines, their values masked."""

from __future__ import annotations

import pytest

from webwarden.model.secrets.snippets import mask_known


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        pytest.param(
            'SECRET_KEY = env("DJANGO_KEY", "k3#Vq8!zR1mT7wP4xL9b")',
            'SECRET_KEY = env("DJANGO_KEY", "k3#V****")',
            id="setting-names-the-default",
        ),
        pytest.param(
            'app.config["SECRET_KEY"] = os.getenv("SIGNING", default="ab12cd34ef56")',
            'app.config["SECRET_KEY"] = os.getenv("SIGNING", default="ab****")',
            id="config-key-names-the-default",
        ),
        pytest.param(
            'CACHE_PREFIX = os.environ.get("DB_PASSWORD", "hunter2hunter2")',
            'CACHE_PREFIX = os.environ.get("DB_PASSWORD", "hu****")',
            id="variable-names-the-default",
        ),
        pytest.param(
            'app.secret_key = parser.get("flask", "secret_key", fallback="a8Fq3Zr7Lm2Xw9")',
            'app.secret_key = parser.get("flask", "secret_key", fallback="a8****")',
            id="ini-option-names-the-fallback",
        ),
        pytest.param(
            'KEY = section.get("api_token", fallback="Tz8Wq2Lm5Rx9")',
            'KEY = section.get("api_token", fallback="Tz****")',
            id="ini-section-option-names-the-fallback",
        ),
        pytest.param(
            'SITE_NAME = os.getenv("SITE", "Example pastebin")',
            'SITE_NAME = os.getenv("SITE", "Example pastebin")',
            id="no-credential-named",
        ),
    ],
)
def test_lookup_defaults_are_masked_by_either_name(line: str, masked: str) -> None:
    assert mask_known(line) == masked


def test_an_option_name_before_the_default_is_kept() -> None:
    # NOTE: the option's name is the second argument, not the default the setting names.
    line = 'app.secret_key = parser.get("flask", "secret_key", fallback=FALLBACK)'
    assert mask_known(line) == line
