"""Django fixtures: the data files `manage.py loaddata` reads into the database."""

from __future__ import annotations

import ast
import json
import posixpath
from typing import TYPE_CHECKING

from webwarden.model.module import FileContext
from webwarden.parse.keyvalues import YamlProblem, yaml_documents

if TYPE_CHECKING:
    from webwarden.model.project import ProjectModel

FIXTURE_FACTS = "django-fixtures"

FIXTURE_SUFFIXES = (".json", ".yaml", ".yml")
"""The file types `loaddata` reads."""


def is_fixture(name: str, text: str) -> bool:
    """Whether a file is a Django fixture: a list of model instances, each a `model`
    (`oauth.application`) and its `fields`, as `dumpdata` writes and `loaddata` reads."""
    if not name.endswith(FIXTURE_SUFFIXES) or "model" not in text or "fields" not in text:
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


def loaded_fixtures(ctx: FileContext) -> tuple[str, ...] | None:
    """The fixture labels a module loads: a test case's `fixtures = ["users.json"]`, a
    `call_command("loaddata", "users", ...)`."""
    if not (ctx.mentions("fixtures") or ctx.mentions("loaddata")):
        return None
    labels: list[str] = []
    for node in ctx.nodes(ast.ClassDef):
        for statement in node.body if isinstance(node, ast.ClassDef) else ():
            if isinstance(statement, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "fixtures" for t in statement.targets
            ):
                labels += _texts(statement.value)
    for call in ctx.nodes(ast.Call):
        if not isinstance(call, ast.Call) or not call.args:
            continue
        first = call.args[0]
        if isinstance(first, ast.Constant) and first.value == "loaddata":
            labels += [text for arg in call.args[1:] for text in _texts(arg)]
    return tuple(labels) or None


def _texts(value: ast.expr) -> list[str]:
    items = value.elts if isinstance(value, ast.List | ast.Tuple) else [value]
    return [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]


def loaded_by_tests_only(project: ProjectModel, relpath: str) -> bool:
    """Whether the fixture file at `relpath` is loaded by a label of test code only
    (`fixtures = ["legacy-data.json"]` in `tests.py`), never by the project's own code
    (a migration's or command's `loaddata`): rows for a test database."""
    name = posixpath.basename(relpath)
    stem = name.partition(".")[0]
    by_tests = False
    for summary in project.modules.values():
        labels = summary.facts.get(FIXTURE_FACTS)
        if not isinstance(labels, tuple):
            continue
        for label in labels:
            last = posixpath.basename(label)
            if last in (name, stem):
                if not summary.is_test:
                    return False
                by_tests = True
    return by_tests
