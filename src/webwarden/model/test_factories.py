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

_FACTORY_PACKAGES = ("factory.", "wagtail_factories.")


def is_factory_base(qualified: str) -> bool:
    """Whether a base class, by its qualified name, is a factory of factory_boy or of
    wagtail_factories (`factory.django.DjangoModelFactory`, `factory.DjangoModelFactory`
    as versions before 3.0 exported it, `wagtail_factories.PageFactory`); not a
    declaration (`factory.Faker`), which a project may subclass for its own values."""
    return qualified.startswith(_FACTORY_PACKAGES) and qualified.endswith("Factory")


def defines_test_factory(tree: ast.Module, names: NameResolver) -> bool:
    """Whether the module defines, at its top level, a class deriving from one of
    factory_boy's factories (`class UserFactory(factory.django.DjangoModelFactory)`,
    `from factory import DjangoModelFactory`)."""
    return any(
        is_factory_base(names.qualified(base) or "")
        for statement in tree.body
        if isinstance(statement, ast.ClassDef)
        for base in statement.bases
    )
