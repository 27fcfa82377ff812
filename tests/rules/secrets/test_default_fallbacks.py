"""Variables whose default is a well-known password, told from placeholders and names."""

from __future__ import annotations

import pytest

from webwarden.model.module import TextFile
from webwarden.rules.secrets._default_fallbacks import default_password_fallbacks


@pytest.mark.parametrize(
    ("line", "found"),
    [
        pytest.param('export ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin}"', "ADMIN_PASSWORD", id="sh"),
        pytest.param("DB_PASSWORD: ${DB_PASSWORD-root}", "DB_PASSWORD", id="unset-only"),
        pytest.param("PASSWORD={env:SHOP_PASSWORD:admin}", "SHOP_PASSWORD", id="tox"),
        pytest.param("DB_PASSWORD: ${DB_PASSWORD:-changeme}", None, id="instruction"),
        pytest.param("ADMIN_USER: ${ADMIN_USER:-admin}", None, id="an-account-name"),
        pytest.param("DB_PASSWORD: ${DB_PASSWORD:-Xq7v-Lm2p}", None, id="not-well-known"),
        pytest.param("DB_PASSWORD: ${DB_PASSWORD:?required}", None, id="required"),
    ],
)
def test_default_password_fallbacks(line: str, found: str | None) -> None:
    secrets = list(default_password_fallbacks(TextFile.from_text("deploy.sh", line + "\n")))
    assert [secret.key for secret, _ in secrets] == ([found] if found else [])


def test_the_default_is_located_and_masked() -> None:
    line = "  MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD:-root}"
    [(secret, snippet)] = default_password_fallbacks(TextFile.from_text("c.yml", line))
    assert (secret.line, line[secret.start : secret.end]) == (1, "root")
    assert "root}" not in snippet
