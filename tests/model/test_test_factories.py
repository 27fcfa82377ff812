"""Modules that are test code by the factory_boy factories they define."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.names import NameResolver
from webwarden.model.test_factories import defines_test_factory


def _defines(source: str) -> bool:
    tree = ast.parse(textwrap.dedent(source))
    return defines_test_factory(tree, NameResolver(tree))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "import factory\nclass U(factory.django.DjangoModelFactory): ...", id="django"
        ),
        pytest.param(
            "from factory import DjangoModelFactory\nclass U(DjangoModelFactory): ...",
            id="old-django-alias",
        ),
        pytest.param("import factory\nclass P(factory.Factory): ...", id="plain"),
        pytest.param(
            "from factory.alchemy import SQLAlchemyModelFactory as F\nclass U(F): ...",
            id="sqlalchemy-alias",
        ),
        pytest.param(
            "import wagtail_factories\nclass H(wagtail_factories.PageFactory): ...",
            id="wagtail-factories",
        ),
    ],
)
def test_factory_boy_factories_make_test_code(source: str) -> None:
    assert _defines(source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("class Factory: ...\nclass U(Factory): ...", id="own-class"),
        pytest.param("from app.factory import create_app\napp = create_app()", id="app-factory"),
        pytest.param("import factory\ndef f():\n    class U(factory.Factory): ...", id="nested"),
        pytest.param("import factory\nclass U(factory.Faker): ...", id="declaration"),
    ],
)
def test_other_modules_are_not(source: str) -> None:
    assert not _defines(source)
