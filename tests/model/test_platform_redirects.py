"""Tests for `webwarden.model.platform_redirects`."""

from __future__ import annotations

from textwrap import dedent

import pytest

from webwarden.model.platform_redirects import is_platform_manifest, platform_redirects

_WEB = "name: web\ntype: Load Balanced Web Service\n"


@pytest.mark.parametrize(
    ("relpath", "text", "expected"),
    [
        pytest.param(
            "copilot/web/manifest.yml",
            _WEB + "http:\n  path: /\n  alias: web.example.org\n",
            True,
            id="alias-redirects-by-default",
        ),
        pytest.param(
            "deploy/copilot/web/manifest.yaml",
            _WEB + "environments:\n  prod:\n    http:\n      alias: [a.example.org]\n",
            True,
            id="alias-in-an-environment",
        ),
        pytest.param(
            "copilot/web/manifest.yml",
            _WEB + "http:\n  path: /\n",
            False,
            id="no-alias-maybe-plain-http",
        ),
        pytest.param(
            "copilot/web/manifest.yml",
            _WEB + "http:\n  alias: web.example.org\n  redirect_to_https: false\n",
            False,
            id="redirect-turned-off",
        ),
        pytest.param(
            "copilot/web/manifest.yml",
            _WEB
            + "http:\n  alias: web.example.org\n"
            + "environments:\n  dev:\n    http:\n      redirect_to_https: false\n",
            False,
            id="redirect-turned-off-in-an-environment",
        ),
        pytest.param(
            "copilot/worker/manifest.yml",
            "name: worker\ntype: Backend Service\nhttp:\n  alias: w.example.org\n",
            False,
            id="not-a-web-service",
        ),
        pytest.param(
            "deploy/web/manifest.yml",
            _WEB + "http:\n  alias: web.example.org\n",
            False,
            id="not-in-a-copilot-folder",
        ),
        pytest.param("copilot/web/manifest.yml", "type: [unclosed\n", False, id="broken-yaml"),
    ],
)
def test_platform_redirects(relpath: str, text: str, expected: bool) -> None:
    assert platform_redirects(relpath, dedent(text)) is expected


def test_is_platform_manifest() -> None:
    assert is_platform_manifest("copilot/web/manifest.yml")
    assert not is_platform_manifest("copilot/.workspace")
    assert not is_platform_manifest("manifest.yml")
