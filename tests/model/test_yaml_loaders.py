"""PyYAML loader classes of the project, followed across modules."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from webwarden.model.facts import Facts
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.project import ModuleSummary, ProjectModel
from webwarden.model.yaml_loaders import YAML_LOADER_FACTS, derives_from, extract_loaders

SAFE = frozenset({"yaml.SafeLoader"})


def _context(source: str, module: str) -> FileContext:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    path = module.replace(".", "/") + ".py"
    return FileContext(path, module, tuple(text.splitlines()), tree, NameResolver(tree, module))


def _project(tmp_path: Path, modules: dict[str, str]) -> ProjectModel:
    summaries = {}
    for module, source in modules.items():
        ctx = _context(source, module)
        facts = extract_loaders(ctx)
        summaries[ctx.relpath] = ModuleSummary(
            ctx.relpath,
            module,
            False,
            frozenset(),
            {},
            Facts({YAML_LOADER_FACTS: facts} if facts else {}),
        )
    return ProjectModel(root=tmp_path, files=[], modules=summaries)


def test_extract_keeps_loader_classes_only() -> None:
    ctx = _context(
        """
        import yaml
        class Loader(yaml.SafeLoader): pass
        class Strict(Loader): pass
        class Other(object): pass
        """,
        "pkg.yaml_file",
    )
    assert extract_loaders(ctx) == (
        ("Loader", ("yaml.SafeLoader",)),
        ("Strict", ("pkg.yaml_file.Loader",)),
    )


def test_derives_through_modules(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {
            "pkg.base": "import yaml\nclass Loader(yaml.SafeLoader): pass\n",
            "pkg.more": "from pkg.base import Loader\nclass Strict(Loader): pass\n",
            "pkg.bad": "import yaml\nclass SafeLoader(yaml.Loader): pass\n",
        },
    )
    assert derives_from(project, "pkg.more.Strict", SAFE)
    assert derives_from(project, "pkg.base.Loader", SAFE)
    assert not derives_from(project, "pkg.bad.SafeLoader", SAFE)
    assert not derives_from(project, "other.Loader", SAFE)
