"""HTTP recordings a test suite replays (vcrpy, Ruby VCR and Betamax cassettes)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from webwarden.analysis.secrets import is_development_host

if TYPE_CHECKING:
    import yaml

_INTERACTION_KEYS = frozenset({"interactions", "http_interactions"})
"""The list of recorded exchanges: vcrpy's `interactions`, Ruby VCR's and Betamax's
`http_interactions`."""
_SCREEN = re.compile(r"^(?:http_)?interactions:", re.MULTILINE)
_URL_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/@\s]*@)?(\[[^\]]*\]|[^/:?#\s]*)", re.IGNORECASE)


def may_be_recording(name: str, text: str) -> bool:
    """A YAML file with a top-level list of interactions: worth composing to look at."""
    return name.endswith((".yaml", ".yml")) and _SCREEN.search(text) is not None


def local_exchange_lines(documents: list[yaml.Node]) -> frozenset[int]:
    """The lines (1-based) of each recorded exchange whose request went to a developer's
    machine (`uri: http://localhost:8080/...`, `http://keycloak.test/...`): what was sent
    and answered there was between the test suite and a server it started."""
    import yaml

    lines: set[int] = set()
    for document in documents:
        for interaction in _interactions(document):
            request = _member(interaction, "request")
            uri = _member(request, "uri") if request is not None else None
            if not isinstance(uri, yaml.ScalarNode) or not isinstance(uri.value, str):
                continue
            host = _URL_HOST.match(uri.value)
            if host is not None and is_development_host(host[1]):
                end = interaction.end_mark
                # NOTE: a block ends where the next item starts (column 0 of its line).
                last = end.line + 1 if end.column else end.line
                lines.update(range(interaction.start_mark.line + 1, last + 1))
    return frozenset(lines)


def _interactions(document: yaml.Node) -> list[yaml.Node]:
    import yaml

    if not isinstance(document, yaml.MappingNode):
        return []
    for key, value in document.value:
        if isinstance(key, yaml.ScalarNode) and key.value in _INTERACTION_KEYS:
            return list(value.value) if isinstance(value, yaml.SequenceNode) else []
    return []


def _member(node: yaml.Node, name: str) -> yaml.Node | None:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return value if isinstance(value, yaml.Node) else None
    return None
