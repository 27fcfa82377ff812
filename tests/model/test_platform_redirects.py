"""Tests for `webwarden.model.platform_redirects`."""

from __future__ import annotations

from textwrap import dedent

import pytest

from webwarden.model.platform_redirects import (
    is_platform_manifest,
    platform_redirects,
    platform_sends_hsts,
)

_WEB = "name: web\ntype: Load Balanced Web Service\n"
_INGRESS = """{{- if .Values.ingress.enabled -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ $fullName }}
  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: 5m
spec:
"""
_CONTAINER_APP = """resource "azurerm_container_app" "web" {{
  ingress {{
    external_enabled = true
    {extra}
    traffic_weight {{
      percentage = 100
    }}
  }}
}}
"""
_APP_ENGINE = """runtime: python312
handlers:
- url: /static
  static_dir: static
- url: /.*
"""
_TLS = """  tls:
    - hosts:
      - "{{ .Values.host }}"
"""


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
        pytest.param(
            "chart/templates/ingress.yaml", _INGRESS + _TLS, True, id="nginx-ingress-with-tls"
        ),
        pytest.param(
            "k8s/ingress.yml",
            _INGRESS.replace("    nginx.ingress.kubernetes.io/proxy-body-size: 5m\n", "")
            + "  ingressClassName: nginx\n"
            + _TLS,
            True,
            id="nginx-class-with-tls",
        ),
        pytest.param("chart/templates/ingress.yaml", _INGRESS, False, id="ingress-without-tls"),
        pytest.param(
            "chart/templates/ingress.yaml",
            _INGRESS + '    nginx.ingress.kubernetes.io/ssl-redirect: "false"\n' + _TLS,
            False,
            id="ssl-redirect-turned-off",
        ),
        pytest.param(
            "chart/templates/ingress.yaml",
            _INGRESS.replace("nginx.ingress.kubernetes.io/proxy-body-size", "traefik.io/x") + _TLS,
            False,
            id="other-controller",
        ),
        pytest.param("chart/templates/ingress.tpl", _INGRESS + _TLS, False, id="not-a-yaml-file"),
        pytest.param(
            "app.yaml",
            _APP_ENGINE + "  secure: always\n  script: auto\n",
            True,
            id="app-engine-secure-always",
        ),
        pytest.param(
            "app.yaml",
            _APP_ENGINE + "  script: auto\n",
            False,
            id="app-engine-secure-optional-by-default",
        ),
        pytest.param(
            "app.yaml",
            _APP_ENGINE.replace("/.*", "/admin/.*") + "  secure: always\n  script: auto\n",
            False,
            id="app-engine-some-urls-only",
        ),
        pytest.param(
            "app.yaml",
            _APP_ENGINE
            + "  secure: always\n  script: auto\n- url: /api/.*\n  secure: optional\n"
            + "  script: auto\n",
            False,
            id="app-engine-one-handler-serving-http",
        ),
        pytest.param(
            "infra/app.tf",
            _CONTAINER_APP.format(extra=""),
            True,
            id="azure-container-app-insecure-off-by-default",
        ),
        pytest.param(
            "infra/app.tf",
            _CONTAINER_APP.format(extra="allow_insecure_connections = false"),
            True,
            id="azure-container-app-insecure-off",
        ),
        pytest.param(
            "infra/app.tf",
            _CONTAINER_APP.format(extra="allow_insecure_connections = var.insecure"),
            False,
            id="azure-container-app-insecure-from-a-variable",
        ),
        pytest.param(
            "infra/app.tf",
            _CONTAINER_APP.format(extra="").replace("true", "false"),
            False,
            id="azure-container-app-internal-only",
        ),
        pytest.param(
            "infra/app.tf",
            'resource "azurerm_linux_web_app" "site" {\n  https_only = true\n}\n',
            True,
            id="azure-web-app-https-only",
        ),
        pytest.param(
            "infra/app.tf",
            'resource "azurerm_linux_web_app" "site" {\n  site_config {\n'
            "    https_only = true\n  }\n}\n",
            False,
            id="azure-web-app-nested-key",
        ),
    ],
)
def test_platform_redirects(relpath: str, text: str, expected: bool) -> None:
    assert platform_redirects(relpath, dedent(text)) is expected


def test_platform_sends_hsts() -> None:
    assert platform_sends_hsts("chart/templates/ingress.yaml", _INGRESS + _TLS)
    assert not platform_sends_hsts("chart/templates/ingress.yaml", _INGRESS)
    assert not platform_sends_hsts("copilot/web/manifest.yml", _WEB + "http:\n  alias: a.b\n")


def test_is_platform_manifest() -> None:
    assert is_platform_manifest("copilot/web/manifest.yml")
    assert is_platform_manifest("chart/templates/ingress.yaml")
    assert not is_platform_manifest("copilot/.workspace")
    assert not is_platform_manifest("manifest.json")
