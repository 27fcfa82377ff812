"""Platform manifests shipped with the project whose load balancer sends every plain-HTTP
request to HTTPS before it reaches the app.

AWS Copilot: a `Load Balanced Web Service` (`copilot/<service>/manifest.yml`) given an
HTTPS domain (`http.alias`, at the top or in an environment's override) has an
Application Load Balancer with an HTTPS listener, and its HTTP listener redirects to it
unless the manifest says `redirect_to_https: false` (the default is true). Without an
alias the listener may be plain HTTP only (no certificate), so nothing is assumed.
"""

from __future__ import annotations

from typing import Any

import yaml

_COPILOT_WEB = "load balanced web service"


def is_platform_manifest(relpath: str) -> bool:
    """Whether the file's path is that of a Copilot service manifest."""
    parts = relpath.lower().split("/")
    return len(parts) >= 3 and parts[-3] == "copilot" and parts[-1] in _NAMES


_NAMES = frozenset({"manifest.yml", "manifest.yaml"})


def _load(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def _http_sections(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    sections = [manifest.get("http")]
    environments = manifest.get("environments")
    if isinstance(environments, dict):
        sections += [e.get("http") for e in environments.values() if isinstance(e, dict)]
    return [s for s in sections if isinstance(s, dict)]


def platform_redirects(relpath: str, text: str) -> bool:
    """Whether the manifest at `relpath` puts the service behind a load balancer that
    redirects HTTP to HTTPS (see the module's docstring)."""
    if not is_platform_manifest(relpath):
        return False
    manifest = _load(text)
    if not isinstance(manifest, dict):
        return False
    kind = manifest.get("type")
    if not isinstance(kind, str) or kind.strip().lower() != _COPILOT_WEB:
        return False
    sections = _http_sections(manifest)
    if any(s.get("redirect_to_https") is False for s in sections):
        return False
    return any(s.get("alias") for s in sections)
