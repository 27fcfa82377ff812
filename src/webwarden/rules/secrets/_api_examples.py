"""The example values of an OpenAPI (Swagger) document: documentation of the API's
requests and responses, shown to every reader of its pages, not settings it runs with."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from webwarden.model.flask.openapi import api_root
from webwarden.parse.keyvalues import YamlProblem, yaml_documents
from webwarden.parse.yaml_nodes import node_items, node_text

if TYPE_CHECKING:
    from webwarden.model.module import TextFile

_API_DOCUMENT = re.compile(
    r"""^[ \t]*\{?[ \t]*["']?(?:openapi|swagger)["']?[ \t]*:""", re.MULTILINE
)
"""A top-level `openapi: 3.0.0` (`swagger: "2.0"`) line, or its JSON spelling."""
_EXAMPLE_KEYS = frozenset({"example", "examples", "x-example", "x-examples"})
_SUFFIXES = (".yaml", ".yml", ".json")


def example_lines(file: TextFile) -> frozenset[int]:
    """The lines (1-based) of the values an OpenAPI or Swagger document gives under
    `example`, `examples` or `x-example` keys, anywhere in it; none for any other file
    (or one that does not parse)."""
    if not file.relpath.endswith(_SUFFIXES) or not _API_DOCUMENT.search(file.text, 0, 4096):
        return frozenset()
    import yaml

    try:
        documents = yaml_documents(file.text)
    except YamlProblem:
        return frozenset()
    found: set[int] = set()
    stack = [document for document in documents if api_root(document) is not None]
    while stack:
        node = stack.pop()
        stack.extend(node_items(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if node_text(key) in _EXAMPLE_KEYS:
                    found.update(_block(file.lines, key.start_mark.line, key.start_mark.column))
                else:
                    stack.append(value)
    return frozenset(found)


def _block(lines: tuple[str, ...], first: int, column: int) -> range:
    """The 1-based lines of the key on line `first` (0-based) at `column` and of what is
    written below it further indented: its value, however it is laid out."""
    last = first
    for number in range(first + 1, len(lines)):
        text = lines[number]
        indent = len(text) - len(text.lstrip())
        if text.strip() and (indent < column or (indent == column and text.lstrip()[:1] != "-")):
            break  # NOTE: a list may be written at its key's own indentation
        last = number
    return range(first + 1, last + 2)
