"""Deployment environments that run on a developer's machine: the values of a Helm or
helmfile environment (`helm/env.d/dev/values.app.yaml.gotmpl`) serving the app under a
host name that resolves to the loopback address only, as a kind or minikube cluster
behind a local ingress does (`meet.127.0.0.1.nip.io`, `shop.localhost`)."""

from __future__ import annotations

import re
from pathlib import Path

LOOPBACK_HOST = re.compile(
    r"(?<![\w.-])(?:[a-z0-9-]+\.)*"
    r"(?:127(?:\.\d{1,3}){3}\.(?:nip|sslip|xip)\.io|localtest\.me|lvh\.me|[a-z0-9-]+\.localhost)"
    r"(?![\w-]|\.[\w-])",
    re.IGNORECASE,
)
"""A host name only the developer's own machine answers to: a wildcard DNS name of a
loopback address (`meet.127.0.0.1.nip.io`, sslip.io, `localtest.me`, `lvh.me`) or a
subdomain of `localhost` (RFC 6761). Not `localhost` itself, which in a pod is the pod:
a sidecar's address (`redis://localhost:6379`) in any deployment."""
_VALUES_SUFFIXES = (".yaml", ".yml", ".gotmpl")
_MAX_VALUES_FILE = 256 * 1024


def serves_loopback_host(folder: Path) -> bool:
    """Whether a values file of the folder (YAML, or a helmfile's Go template of YAML)
    names a host only the developer's machine answers to (`LOOPBACK_HOST`): the
    environment those files configure runs there, whatever its folder is named."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return False
    for entry in entries:
        if not entry.name.endswith(_VALUES_SUFFIXES):
            continue
        try:
            with entry.open(encoding="utf-8", errors="replace") as handle:
                text = handle.read(_MAX_VALUES_FILE)
        except OSError:
            continue
        if LOOPBACK_HOST.search(text):
            return True
    return False
