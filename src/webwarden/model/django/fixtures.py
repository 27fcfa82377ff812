"""Django fixtures: the data files `manage.py loaddata` reads into the database."""

from __future__ import annotations

import json

from webwarden.parse.keyvalues import YamlProblem, yaml_documents

_SUFFIXES = (".json", ".yaml", ".yml")


def is_fixture(name: str, text: str) -> bool:
    """Whether a file is a Django fixture: a list of model instances, each a `model`
    (`oauth.application`) and its `fields`, as `dumpdata` writes and `loaddata` reads."""
    if not name.endswith(_SUFFIXES) or "model" not in text or "fields" not in text:
        return False
    if name.endswith(".json"):
        return _json_fixture(text)
    return _yaml_fixture(text)


def _json_fixture(text: str) -> bool:
    try:
        data = json.loads(text)
    except ValueError:
        return False
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        return False
    return _instance_keys(set(data[0]))


def _yaml_fixture(text: str) -> bool:
    import yaml

    try:
        documents = yaml_documents(text)
    except YamlProblem:
        return False
    first = documents[0] if documents else None
    if not isinstance(first, yaml.SequenceNode) or not first.value:
        return False
    item = first.value[0]
    if not isinstance(item, yaml.MappingNode):
        return False
    return _instance_keys({key.value for key, _ in item.value if isinstance(key, yaml.ScalarNode)})


def _instance_keys(keys: set[object]) -> bool:
    return {"model", "fields"} <= keys
