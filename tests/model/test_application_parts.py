"""Cutting a tree along the import roots of clashing application modules."""

from __future__ import annotations

import pytest

from webwarden.model.application_parts import (
    ApplicationPart,
    application_parts,
    import_root,
    owner,
)
from webwarden.model.project import ModuleSummary


def _summary(
    relpath: str, module: str, imports: dict[str, str] | None = None, *, web: bool = False
) -> ModuleSummary:
    frameworks = frozenset({"flask"}) if web else frozenset()
    return ModuleSummary(relpath, module, False, frameworks, imports or {})


def _modules(*summaries: ModuleSummary) -> dict[str, ModuleSummary]:
    return {s.relpath: s for s in summaries}


@pytest.mark.parametrize(
    ("relpath", "module", "root"),
    [
        pytest.param("svc/app.py", "app", "svc", id="script"),
        pytest.param("src/pkg/views.py", "pkg.views", "src", id="package-module"),
        pytest.param("pkg/__init__.py", "pkg", "", id="package-at-top"),
    ],
)
def test_import_root(relpath: str, module: str, root: str) -> None:
    assert import_root(_summary(relpath, module)) == root


def test_one_application_is_one_project() -> None:
    modules = _modules(
        _summary("app.py", "app", web=True),
        _summary("models.py", "models"),
        _summary("tools/app.py", "tools.app"),
    )
    assert application_parts(modules) is None


def test_clash_without_a_flask_module_is_one_project() -> None:
    modules = _modules(_summary("a/cleanup.py", "cleanup"), _summary("b/cleanup.py", "cleanup"))
    assert application_parts(modules) is None


def test_applications_side_by_side_are_cut_apart() -> None:
    modules = _modules(
        _summary("labs/one/app.py", "app", {"find": "models.find"}, web=True),
        _summary("labs/one/models.py", "models"),
        _summary("labs/two/app.py", "app", {"lookup": "common.storage.lookup"}, web=True),
        _summary("labs/two/models.py", "models"),
        _summary("labs/common/storage.py", "storage", {"helper": "shared_util.helper"}),
        _summary("labs/shared_util.py", "shared_util"),
        _summary("labs/three/solo.py", "solo", web=True),
    )
    assert application_parts(modules) == [
        ApplicationPart("labs/one", frozenset({"labs/one/app.py", "labs/one/models.py"})),
        ApplicationPart(
            "labs/two",
            frozenset(
                {
                    "labs/two/app.py",
                    "labs/two/models.py",
                    "labs/common/storage.py",
                    "labs/shared_util.py",
                }
            ),
        ),
        ApplicationPart(
            None,
            frozenset({"labs/common/storage.py", "labs/shared_util.py", "labs/three/solo.py"}),
        ),
    ]


def test_a_deeper_root_keeps_its_files() -> None:
    roots = frozenset({"", "svc2"})
    assert owner("svc2/app.py", roots) == "svc2"
    assert owner("svc2/templates/index.html", roots) == "svc2"
    assert owner("docs/conf.py", roots) == ""
    assert owner("docs/conf.py", frozenset({"svc2"})) is None


def test_helper_clash_of_flask_apps_with_distinct_names_cuts_the_tree() -> None:
    # NOTE: each app's entry module has a name of its own; the helper package they
    # import by one name (`models.store`) is what a single project would mix.
    modules = _modules(
        _summary("one/first.py", "first", {"find": "models.store.find"}, web=True),
        _summary("one/models/store.py", "models.store"),
        _summary("two/second.py", "second", {"find": "models.store.find"}, web=True),
        _summary("two/models/store.py", "models.store"),
    )
    parts = application_parts(modules)
    assert parts is not None
    assert [(p.root, sorted(p.modules)) for p in parts] == [
        ("one", ["one/first.py", "one/models/store.py"]),
        ("two", ["two/models/store.py", "two/second.py"]),
        (None, []),
    ]
