"""The operations of an OpenAPI (or Swagger 2) specification, as Connexion routes them.

Connexion's `app.add_api("openapi.yaml")` adds a Flask URL rule for every operation of
the specification and calls the function its `operationId` names (prefixed by an
`x-openapi-router-controller`) with the request's parameters as keyword arguments:
path, query, header and form parameters by name, and the request body as `body` (or the
name `x-body-name` gives; a Swagger 2 body parameter by its own name). A path template's
`{id}` becomes a rule variable converted by its type (`<int:id>`), as Connexion does. With
a `RestyResolver`, an operation with no `operationId` goes to the view named after its
path and method.
Nothing is constructed from the YAML: it is read as composed nodes, with their lines.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from webwarden.model.flask.facts import RestyNaming
from webwarden.model.names import BUILTIN_NAMES
from webwarden.parse.keyvalues import YamlProblem, yaml_documents
from webwarden.parse.yaml_nodes import node_items, node_mapping, node_scalar, node_text

if TYPE_CHECKING:
    import yaml

_METHODS = ("get", "put", "post", "delete", "patch", "options", "head")
_PLAIN_TYPES = frozenset({"integer", "number", "boolean"})
"""Parameter types Connexion converts before the call: no text reaches the view."""
_CONVERTERS = {"integer": "int", "number": "float"}
_TEMPLATE = re.compile(r"\{([^}/]+)\}")
_CONTROLLER = "x-openapi-router-controller"


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation: the Flask rule Connexion adds, its method and view, and the
    keyword arguments the view is called with besides the rule's variables."""

    rule: str
    method: str
    view: str
    line: int
    column: int
    arguments: tuple[tuple[str, bool], ...]
    """(argument name, whether it may carry text) for query, header, form and body."""


def operations(
    text: str, base_path: str | None, resolver: RestyNaming | None = None
) -> list[Operation]:
    """The operations of the specification `text` (none when it is not one). With a
    `RestyResolver`, an operation with no `operationId` is routed by its path."""
    if "operationId" not in text and resolver is None:
        return []
    try:
        documents = yaml_documents(text)
    except YamlProblem:
        return []
    found: list[Operation] = []
    for document in documents:
        root = api_root(document)
        if root is None:
            continue
        prefix = base_path if base_path is not None else _base_path(root)
        found.extend(_operations(root, prefix.rstrip("/"), resolver))
    return found


def api_root(document: yaml.Node) -> dict[str, yaml.Node] | None:
    """The top-level mapping of an OpenAPI (`openapi: 3.0.0`) or Swagger (`swagger:
    "2.0"`) document, by key (None: the document is no such one)."""
    root = node_mapping(document)
    if root is None or not ("openapi" in root or "swagger" in root):
        return None
    return root


def _operations(
    root: dict[str, yaml.Node], prefix: str, resolver: RestyNaming | None
) -> Iterator[Operation]:
    paths = node_mapping(root.get("paths"))
    for path, node in (paths or {}).items():
        item = node_mapping(_resolved(root, node))
        if item is None:
            continue
        shared = _parameters(root, item.get("parameters"))
        for method in _METHODS:
            operation = node_mapping(item.get(method))
            if operation is None:
                continue
            controller = node_text(operation.get(_CONTROLLER)) or node_text(item.get(_CONTROLLER))
            named = node_scalar(operation.get("operationId"))
            mark: yaml.Node
            if named is not None and named.value:
                view, mark = (f"{controller}.{named.value}" if controller else named.value), named
            elif resolver is not None:
                view, mark = _resty_view(resolver, controller, path, method), item[method]
            else:
                continue
            parameters = {**shared, **_parameters(root, operation.get("parameters"))}
            yield Operation(
                rule=prefix + _rule(path, parameters),
                method=method.upper(),
                view=view,
                line=mark.start_mark.line + 1,
                column=mark.start_mark.column + 1,
                arguments=tuple(_arguments(root, parameters, operation)),
            )


_RESOURCE = re.compile(r"^/?(?P<resource>[\w-]*)(?P<rest>/*.*)$")


def _resty_view(resolver: RestyNaming, controller: str, path: str, method: str) -> str:
    """The view Connexion's `RestyResolver` names for an operation with no `operationId`:
    the path's first segment is the module under the resolver's (unless the operation
    names its controller); a GET of that segment alone is the collection's view
    (`search`), any other operation the method's name (`GET /pets/{id}` -> `pets.get`)."""
    module, collection = resolver
    match = _RESOURCE.match(path)
    resource = match.group("resource") if match else ""
    extended = match.group("rest").lstrip("/") if match else path
    if controller:
        module = controller
    elif resource:
        module = f"{module}.{resource.replace('-', '_')}"
    listing = method == "get" and resource and not extended
    return f"{module}.{collection if listing else method}"


def _base_path(root: dict[str, yaml.Node]) -> str:
    """Swagger 2's `basePath`, or the path of OpenAPI 3's first server URL."""
    base = node_text(root.get("basePath"))
    if base:
        return base
    servers = node_items(root.get("servers"))
    first = node_mapping(servers[0]) if servers else None
    url = node_text(first.get("url")) if first else ""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url or "")
    return path if path.startswith("/") else ""


Parameter = tuple[str, str, str]
"""(name, where: path/query/header/formData/body/cookie, type)."""


def _parameters(
    root: dict[str, yaml.Node], node: yaml.Node | None
) -> dict[tuple[str, str], Parameter]:
    found: dict[tuple[str, str], Parameter] = {}
    for item in node_items(node):
        parameter = node_mapping(_resolved(root, item))
        if parameter is None:
            continue
        name, where = node_text(parameter.get("name")), node_text(parameter.get("in"))
        if name and where:
            schema = node_mapping(_resolved(root, parameter.get("schema")))
            kind = node_text(parameter.get("type")) or (
                node_text(schema.get("type")) if schema else ""
            )
            found[(name, where)] = (name, where, kind or "")
    return found


def _rule(path: str, parameters: dict[tuple[str, str], Parameter]) -> str:
    """`/users/{id}` as Connexion writes it for Flask: `/users/<int:id>`."""

    def variable(match: re.Match[str]) -> str:
        name = match.group(1)
        kind = parameters.get((name, "path"), (name, "path", ""))[2]
        converter = _CONVERTERS.get(kind)
        return f"<{converter}:{_argument(name)}>" if converter else f"<{_argument(name)}>"

    return _TEMPLATE.sub(variable, path)


def _arguments(
    root: dict[str, yaml.Node],
    parameters: dict[tuple[str, str], Parameter],
    operation: dict[str, yaml.Node],
) -> Iterator[tuple[str, bool]]:
    for name, where, kind in parameters.values():
        carries = where == "body" or kind not in _PLAIN_TYPES
        if where == "body":
            yield "body", True
        if where != "path":
            yield _argument(name), carries
        if _pythonic(name) != _argument(name):
            yield _pythonic(name), carries
    body = node_mapping(_resolved(root, operation.get("requestBody")))
    if body is not None:
        yield (
            node_text(operation.get("x-body-name")) or node_text(body.get("x-body-name")) or "body",
            True,
        )
        yield from _form_fields(root, body)


def _form_fields(
    root: dict[str, yaml.Node], body: dict[str, yaml.Node]
) -> Iterator[tuple[str, bool]]:
    """A form body's fields: Connexion passes each as an argument of its name."""
    for content_type, media in (node_mapping(body.get("content")) or {}).items():
        if "form" not in content_type:
            continue
        schema = node_mapping(_resolved(root, (node_mapping(media) or {}).get("schema")))
        properties = node_mapping(schema.get("properties")) if schema else None
        for name, field in (properties or {}).items():
            described = node_mapping(_resolved(root, field))
            kind = node_text(described.get("type")) if described else ""
            yield _argument(name), kind not in _PLAIN_TYPES
            yield _pythonic(name), kind not in _PLAIN_TYPES


def _argument(name: str) -> str:
    """The keyword Connexion passes a parameter as: the name less what Python does not
    allow in one (`page-size` -> `pagesize`)."""
    return re.sub(r"^[^a-zA-Z_]+", "", re.sub(r"[^0-9a-zA-Z_]", "", name))


def _pythonic(name: str) -> str:
    """The keyword with Connexion's `pythonic_params` (as OpenAPI Generator's Flask
    servers set it): snake case, and a trailing `_` on a builtin's name (`petId` ->
    `pet_id`, `id` -> `id_`)."""
    snake = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    snake = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", snake).replace("-", "_").lower()
    snake = _argument(snake)
    return f"{snake}_" if snake in BUILTIN_NAMES or keyword.iskeyword(snake) else snake


def _resolved(root: dict[str, yaml.Node], node: yaml.Node | None) -> yaml.Node | None:
    """`node`, or what its local `$ref` (`#/components/parameters/Page`) points at."""
    for _ in range(8):
        mapping = node_mapping(node)
        ref = node_text(mapping.get("$ref")) if mapping else ""
        if not ref or not ref.startswith("#/"):
            return node
        target: yaml.Node | None = None
        current: dict[str, yaml.Node] | None = root
        for part in ref[2:].split("/"):
            target = current.get(part.replace("~1", "/").replace("~0", "~")) if current else None
            current = node_mapping(target)
        node = target
    return node
