"""Snippets of credential lines, their values masked."""

from __future__ import annotations

import pytest

from webwarden.model.secrets.snippets import mask_known, masked_line


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


def test_a_secret_inside_a_literal_is_masked_alone() -> None:
    # NOTE: a line inside a triple-quoted string: no quotes around the secret to replace.
    line = 'URI = "postgresql://lemur:Lemur-2024@db/lemur"'
    shown = masked_line(line, [], [(7, 45, "postgresql://lemur:****@db/lemur")])
    assert shown == 'URI = "postgresql://lemur:****@db/lemur"'


def test_a_literal_and_a_secret_inside_another_are_masked_on_one_line() -> None:
    line = '""" + "xoxb-1234-5678-abcdefghijkl"'
    spans = [(6, 35, "xoxb****")]
    assert masked_line(line, spans, [(0, 3, "***")]) == '*** + "xoxb****"'
