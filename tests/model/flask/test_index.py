"""The index of the project's modules the Flask model is built from."""

from __future__ import annotations

from webwarden.model.flask.index import Index
from webwarden.model.project import ModuleSummary


def _summary(relpath: str, module: str, imports: dict[str, str]) -> ModuleSummary:
    return ModuleSummary(relpath, module, False, frozenset(), imports)


def test_a_module_is_the_package_python_imports_not_a_script_beside_it() -> None:
    # NOTE: `import app` finds the package `app/` before the script `app.py` beside it
    summaries = {
        "app.py": _summary("app.py", "app", {"run": "script.run"}),
        "app/__init__.py": _summary("app/__init__.py", "app", {"create": "app.factory.create"}),
    }
    index = Index.build(summaries)
    assert index.paths == {"app": "app/__init__.py"}
    assert index.imports == {"app": {"create": "app.factory.create"}}
