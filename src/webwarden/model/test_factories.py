"""Whether a module defines factory_boy factories: test data wherever it lives.

Projects keep the factories their tests build rows with beside the app (a top-level
`factories/` package, `app/factories.py`), with the passwords, client secrets and
tokens of made-up users and OAuth applications written in as class attributes. Only
tests (and the scripts seeding a developer's database) call them, never a deployed
app, so what they hold is test data.
"""

from __future__ import annotations

import ast

from webwarden.model.names import NameResolver

_FACTORY_BASES = frozenset(
    {"factory.Factory", "factory.base.Factory", "factory.StubFactory"}
    | {"factory.base.StubFactory", "factory.DictFactory", "factory.base.DictFactory"}
    | {"factory.ListFactory", "factory.base.ListFactory", "factory.BaseDictFactory"}
    | {"factory.base.BaseDictFactory", "factory.BaseListFactory"}
    | {"factory.base.BaseListFactory", "factory.django.DjangoModelFactory"}
    | {"factory.DjangoModelFactory", "factory.alchemy.SQLAlchemyModelFactory"}
    | {"factory.mongoengine.MongoEngineFactory", "factory.mogo.MogoFactory"}
)
"""factory_boy's factory classes (`factory.DjangoModelFactory` is the name versions
before 3.0 exported), by their qualified names."""


def defines_test_factory(tree: ast.Module, names: NameResolver) -> bool:
    """Whether the module defines, at its top level, a class deriving from one of
    factory_boy's factories (`class UserFactory(factory.django.DjangoModelFactory)`,
    `from factory import DjangoModelFactory`)."""
    return any(
        names.qualified(base) in _FACTORY_BASES
        for statement in tree.body
        if isinstance(statement, ast.ClassDef)
        for base in statement.bases
    )
