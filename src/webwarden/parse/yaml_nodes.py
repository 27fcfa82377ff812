"""Reading composed YAML nodes (`parse.keyvalues.yaml_documents`) without constructing
any object: a mapping's values by key, a scalar's text, a sequence's items. Every
reader returns an empty answer for a node of another kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import yaml


def node_scalar(node: yaml.Node | None) -> yaml.ScalarNode | None:
    """`node` when it is a scalar (its marks say where it is written)."""
    import yaml

    return node if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) else None


def node_text(node: yaml.Node | None) -> str:
    """A scalar's text; "" for anything else."""
    scalar = node_scalar(node)
    return scalar.value if scalar is not None else ""


def node_get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """A mapping's value at `key` (the first of repeated keys)."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for name, value in node.value if node_text(name) == key), None)


def node_mapping(node: yaml.Node | None) -> dict[str, yaml.Node] | None:
    """A mapping's values by their scalar keys (the last of repeated keys); None for a
    node that is no mapping."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    return {key.value: value for key, value in node.value if node_scalar(key) is not None}


def node_values(node: yaml.Node | None) -> list[yaml.Node]:
    """A mapping's values, in order."""
    import yaml

    return [value for _, value in node.value] if isinstance(node, yaml.MappingNode) else []


def node_items(node: yaml.Node | None) -> list[yaml.Node]:
    """A sequence's items, in order."""
    import yaml

    return list(node.value) if isinstance(node, yaml.SequenceNode) else []
