"""Credentials a YAML mapping gives beside the address of a service on a private network
(WW243)."""

from __future__ import annotations

from webwarden.analysis.secrets import is_development_host, url_host
from webwarden.parse.keyvalues import YamlProblem, yaml_documents

_ENDPOINT_KEYS = frozenset({"endpoint_url", "endpoint", "endpoint_uri", "url", "base_url"})
"""Keys naming the service a mapping's credentials log in to (boto3's and
django-storages' `endpoint_url` for an S3-compatible store)."""


def private_endpoint_lines(text: str) -> frozenset[int]:
    """The 1-based lines of the values of each YAML mapping that also names an endpoint
    URL (`endpoint_url: http://minio:9000`) whose host is this machine, a development
    name (`store.test`) or a single-label name (`minio`), which only a container network
    (a compose stack's, a CI job's) or the machine's hosts file resolves: the store's
    credentials beside it log in to that container only, not to the public service
    whose key format they may share."""
    import yaml

    try:
        documents = yaml_documents(text)
    except YamlProblem:
        return frozenset()
    found: set[int] = set()
    stack: list[yaml.Node] = list(documents)
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        if not isinstance(node, yaml.MappingNode):
            continue
        stack.extend(value for _, value in node.value)
        if any(_private_endpoint(key, value) for key, value in node.value):
            found.update(
                value.start_mark.line + 1
                for _, value in node.value
                if isinstance(value, yaml.ScalarNode)
            )
    return frozenset(found)


def _private_endpoint(key: object, value: object) -> bool:
    import yaml

    if not (isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)):
        return False
    if str(key.value).lower() not in _ENDPOINT_KEYS:
        return False
    host = url_host(str(value.value))
    if not host:
        return False
    return is_development_host(host) or ("." not in host and not host.startswith("["))
