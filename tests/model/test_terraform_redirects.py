"""Load balancers in Terraform and Copilot files that redirect HTTP to HTTPS."""

from __future__ import annotations

import pytest

from webwarden.model.platform_redirects import platform_redirects

_AWS_REDIRECT = """
resource "aws_lb_listener" "http" {
  port     = 80
  protocol = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
"""
_AWS_FORWARD = """
resource "aws_alb_listener" "http" {
  port     = 80
  protocol = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
resource "aws_lb_listener_rule" "one_path" {
  action {
    type = "redirect"
    redirect {
      protocol = "HTTPS"
    }
  }
}
"""
_GOOGLE_REDIRECT = """
resource "google_compute_url_map" "http" {
  name = "web-http"
  default_url_redirect {
    https_redirect = true
    strip_query    = false
  }
}
"""
_COPILOT = (
    "name: web\ntype: Load Balanced Web Service\nhttp:\n  path: '/'\n  alias: shop.example.com\n"
)


@pytest.mark.parametrize(
    ("relpath", "text", "expected"),
    [
        pytest.param("infra/alb.tf", _AWS_REDIRECT, True, id="aws-listener-redirect"),
        pytest.param("infra/alb.tf", _AWS_FORWARD, False, id="aws-forward-and-path-rule"),
        pytest.param("infra/lb.tf", _GOOGLE_REDIRECT, True, id="google-url-map-redirect"),
        pytest.param(
            "infra/lb.tf",
            _GOOGLE_REDIRECT.replace("https_redirect = true", "https_redirect = false"),
            False,
            id="google-url-map-no-redirect",
        ),
        pytest.param("copilot/web/manifest.yml", _COPILOT, True, id="copilot-alias"),
        pytest.param(
            "copilot/web/manifest.yml",
            _COPILOT + "  redirect_to_https: false\n",
            False,
            id="copilot-redirect-off",
        ),
        pytest.param(
            "copilot/web/manifest.yml",
            _COPILOT.replace("  alias: shop.example.com\n", ""),
            False,
            id="copilot-without-domain",
        ),
        pytest.param(
            "copilot/worker/manifest.yml",
            _COPILOT.replace("Load Balanced Web Service", "Backend Service"),
            False,
            id="copilot-backend-service",
        ),
    ],
)
def test_balancer_redirects_to_https(relpath: str, text: str, expected: bool) -> None:
    assert platform_redirects(relpath, text) is expected
