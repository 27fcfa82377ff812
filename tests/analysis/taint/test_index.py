"""What the project index knows of modules: `ProjectIndex.is_module`."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint.index import ProjectIndex
from webwarden.analysis.taint.outline import Outline


def _index(modules: dict[str, dict[str, str]]) -> ProjectIndex:
    """An index of empty modules with these import aliases (module -> local -> target)."""
    return ProjectIndex(
        {
            module.replace(".", "/") + ".py": (module, Outline(module, (), (), ()), aliases)
            for module, aliases in modules.items()
        }
    )


_PROJECT = {
    "shop.query": {},
    "shop.views": {
        "query": "django.db.models.query",
        "Q": "django.db.models.Q",
        "json": "json",
        "dq": "sqlalchemy.orm.query",
        "get_user_model": "shop.auth.get_user_model",
    },
    "shop.auth": {"User": "flask_appbuilder.security.sqla.models.User"},
}


@pytest.mark.parametrize(
    ("name", "module"),
    [
        pytest.param("shop.query", True, id="project-module"),
        pytest.param("shop.auth.user_model", False, id="project-module-object"),
        pytest.param("django.db.models", True, id="library-module-imported-from"),
        pytest.param("django.db", True, id="library-package-above"),
        pytest.param("json", True, id="plain-import"),
        pytest.param("sqlalchemy.orm", True, id="package-above-imported-as"),
        pytest.param("django.db.models.query", False, id="imported-name-may-be-an-object"),
        pytest.param("flask_appbuilder.security.sqla.models.User", False, id="library-class"),
        pytest.param("requests", False, id="library-not-imported"),
    ],
)
def test_is_module(name: str, module: bool) -> None:
    assert _index(_PROJECT).is_module(name) is module
