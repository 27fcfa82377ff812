"""HTTP recordings a test suite replays (vcrpy, Ruby VCR and Betamax cassettes)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from webwarden.analysis.secrets import is_development_host, url_host
from webwarden.parse.yaml_nodes import node_get, node_items, node_text

if TYPE_CHECKING:
    import yaml

_INTERACTION_KEYS = frozenset({"interactions", "http_interactions"})
"""The list of recorded exchanges: vcrpy's `interactions`, Ruby VCR's and Betamax's
`http_interactions`."""
_SCREEN = re.compile(r"^(?:http_)?interactions:", re.MULTILINE)


def may_be_recording(name: str, text: str) -> bool:
    """A YAML file with a top-level list of interactions: worth composing to look at."""
    return name.endswith((".yaml", ".yml")) and _SCREEN.search(text) is not None


def local_exchange_lines(documents: list[yaml.Node]) -> frozenset[int]:
    """The lines (1-based) of each recorded exchange whose request went to a developer's
    machine (`uri: http://localhost:8080/...`, `http://keycloak.test/...`): what was sent
    and answered there was between the test suite and a server it started."""
    lines: set[int] = set()
    for document in documents:
        for interaction in _interactions(document):
            host = url_host(node_text(node_get(node_get(interaction, "request"), "uri")))
            if host is not None and is_development_host(host):
                end = interaction.end_mark
                # NOTE: a block ends where the next item starts (column 0 of its line).
                last = end.line + 1 if end.column else end.line
                lines.update(range(interaction.start_mark.line + 1, last + 1))
    return frozenset(lines)


def _interactions(document: yaml.Node) -> list[yaml.Node]:
    """The recorded exchanges: the items of the first key of `_INTERACTION_KEYS`."""
    import yaml

    if not isinstance(document, yaml.MappingNode):
        return []
    pairs = document.value
    holder = next((value for key, value in pairs if node_text(key) in _INTERACTION_KEYS), None)
    return node_items(holder)
