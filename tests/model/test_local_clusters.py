"""Host names only a developer's machine answers to, and the values folders naming one."""

from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.model.local_clusters import LOOPBACK_HOST, serves_loopback_host


@pytest.mark.parametrize(
    ("text", "local"),
    [
        pytest.param("baseUrl: https://meet.127.0.0.1.nip.io/", True, id="nip-io"),
        pytest.param("host: app.127.0.0.1.sslip.io", True, id="sslip-io"),
        pytest.param("host: shop.localhost", True, id="localhost-subdomain"),
        pytest.param("- api.localtest.me", True, id="localtest-me"),
        pytest.param("url: redis://localhost:6379", False, id="sidecar-on-localhost"),
        pytest.param("host: meet.10.0.0.5.nip.io", False, id="nip-io-of-another-address"),
        pytest.param("host: meet.127.0.0.1.nip.io.example.org", False, id="inside-a-real-name"),
        pytest.param(
            "host: shop.localhost.example.org", False, id="localhost-label-of-a-real-name"
        ),
    ],
)
def test_loopback_host(text: str, local: bool) -> None:
    assert (LOOPBACK_HOST.search(text) is not None) is local


def test_values_folder(tmp_path: Path) -> None:
    (tmp_path / "values.secrets.yaml").write_text("secretKey: x\n", encoding="utf-8")
    assert not serves_loopback_host(tmp_path)
    (tmp_path / "values.app.yaml.gotmpl").write_text("host: app.127.0.0.1.nip.io\n", "utf-8")
    assert serves_loopback_host(tmp_path)
    assert not serves_loopback_host(tmp_path / "missing")
