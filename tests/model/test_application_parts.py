"""Cutting a tree along the import roots of clashing application modules."""

from __future__ import annotations

import pytest

from webwarden.model.application_parts import (
    ApplicationPart,
    application_parts,
    import_root,
    owner,
)
from webwarden.model.django.facts import SettingsFacts
from webwarden.model.django.project import SETTINGS_FACTS
from webwarden.model.facts import Facts
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


def _manage(folder: str, *, django: bool = True) -> ModuleSummary:
    """A `manage.py`: Django's (it imports Django), or a Flask-Script one."""
    summary = _summary(f"{folder}/manage.py" if folder else "manage.py", "manage")
    if django:
        summary.frameworks = frozenset({"django"})
    return summary


def _settings(relpath: str, module: str) -> ModuleSummary:
    summary = _summary(relpath, module)
    summary.facts = Facts({SETTINGS_FACTS: SettingsFacts(ops=(), strong=True)})
    return summary


def test_django_projects_side_by_side_are_cut_apart() -> None:
    # NOTE: each `manage.py` runs from its own folder, which Django imports the
    # project's modules from: `mysite.settings` and `polls.views` are two modules each.
    modules = _modules(
        _manage("first"),
        _summary("first/mysite/settings.py", "mysite.settings"),
        _summary("first/polls/views.py", "polls.views"),
        _manage("second"),
        _summary("second/mysite/settings.py", "mysite.settings"),
        _summary("second/polls/views.py", "polls.views"),
    )
    parts = application_parts(modules)
    assert parts is not None
    assert [(p.root, sorted(p.modules)) for p in parts] == [
        ("first", ["first/manage.py", "first/mysite/settings.py", "first/polls/views.py"]),
        ("second", ["second/manage.py", "second/mysite/settings.py", "second/polls/views.py"]),
        (None, []),
    ]


def test_a_project_served_without_manage_py_is_known_by_its_settings() -> None:
    modules = _modules(
        _settings("first/config/settings.py", "config.settings"),
        _summary("first/config/wsgi.py", "config.wsgi"),
        _settings("second/config/settings.py", "config.settings"),
        _summary("second/config/wsgi.py", "config.wsgi"),
    )
    parts = application_parts(modules)
    assert parts is not None
    assert [p.root for p in parts] == ["first", "second", None]


def test_django_project_beside_a_flask_application_is_cut_apart() -> None:
    # NOTE: the Flask app does not import its `utils`: only the two applications'
    # roots tell that the two `utils` modules are not one.
    modules = _modules(
        _manage("site"),
        _summary("site/utils.py", "utils"),
        _summary("api/app.py", "app", web=True),
        _summary("api/utils.py", "utils"),
    )
    parts = application_parts(modules)
    assert parts is not None
    assert [p.root for p in parts] == ["api", "site", None]


@pytest.mark.parametrize(
    "summaries",
    [
        pytest.param(
            [
                _manage(""),
                _summary("accounts/views.py", "accounts.views"),
                _summary("shop/views.py", "shop.views"),
            ],
            id="apps-sharing-a-basename",
        ),
        pytest.param(
            [
                _manage(""),
                _summary("utils.py", "utils"),
                _summary("scripts/utils.py", "utils"),
            ],
            id="script-folder-beside-the-project",
        ),
        pytest.param(
            [
                _manage("api", django=False),
                _summary("api/models.py", "models"),
                _manage("worker", django=False),
                _summary("worker/models.py", "models"),
            ],
            id="flask-script-manage-py",
        ),
        pytest.param(
            [
                _manage("site"),
                _summary("site/manage_helpers.py", "manage_helpers"),
                _summary("tools/one/cleanup.py", "cleanup"),
                _summary("tools/two/cleanup.py", "cleanup"),
            ],
            id="clash-outside-the-project",
        ),
    ],
)
def test_one_django_project_is_one_project(summaries: list[ModuleSummary]) -> None:
    assert application_parts(_modules(*summaries)) is None


def test_a_settings_folder_is_the_project_of_the_manage_py_above_it() -> None:
    # NOTE: `config/` has no `__init__.py`, so its module is named `settings`, as the
    # second project's is; Django imports it from the folder holding `manage.py`
    # (`config.settings`): the tree is cut between the two projects, not at `config/`.
    modules = _modules(
        _manage("", django=False),
        _settings("config/settings.py", "settings"),
        _manage("portal", django=False),
        _settings("portal/settings.py", "settings"),
    )
    parts = application_parts(modules)
    assert parts is not None
    assert [(p.root, sorted(p.modules)) for p in parts] == [
        ("", ["config/settings.py", "manage.py"]),
        ("portal", ["portal/manage.py", "portal/settings.py"]),
        (None, []),
    ]
