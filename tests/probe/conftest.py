"""Fixtures of the probe tests: a trustme CA and a certificate for 127.0.0.1."""

from __future__ import annotations

import pytest
import trustme

from tests.live_apps.harness import TlsFiles


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    folder = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    server = ca.issue_cert("127.0.0.1", "localhost")
    server.private_key_and_cert_chain_pem.write_to_path(str(folder / "server.pem"))
    return TlsFiles(ca=folder / "ca.pem", cert=folder / "server.pem", key=folder / "server.pem")
