"""Class-based settings: the classes of a settings module and the one it exports."""

from __future__ import annotations

import ast
import textwrap

from webwarden.analysis.constants import UNKNOWN
from webwarden.model.django.extract_settings import extract_settings
from webwarden.model.django.facts import Assign, Import
from webwarden.model.django.settings_classes import exported_class
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _context(source: str, module: str = "site.settings.docker") -> FileContext:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    relpath = module.replace(".", "/") + ".py"
    return FileContext(relpath, module, text.splitlines(), tree, NameResolver(tree, module))


def test_exported_class_reads_its_bases_first() -> None:
    ctx = _context(
        """
        from .base import Base

        class Quiet:
            DEBUG = False

        class Served(Quiet, Base):
            @property
            def MIDDLEWARE(self):
                return []

        Served.load_settings(__name__)
        """
    )
    facts = extract_settings(ctx)
    assert facts is not None
    kinds = [
        (type(op).__name__, getattr(op, "name", "") or getattr(op, "of_class", ""))
        for op in facts.ops
    ]
    assert kinds == [("Import", "Base"), ("Assign", "DEBUG"), ("Assign", "MIDDLEWARE")]
    imported = facts.ops[0]
    assert isinstance(imported, Import)
    assert imported.module == "site.settings.base"
    middleware = facts.ops[2]
    assert isinstance(middleware, Assign)
    assert middleware.value is UNKNOWN  # computed by a property: not read
    assert {name for name, _ in facts.classes} == {"Quiet", "Served"}


def test_an_upper_case_method_is_a_setting_of_unknown_value() -> None:
    # django-configurations calls each upper-case method and takes what it returns.
    ctx = _context(
        """
        from configurations import Configuration

        class Core(Configuration):
            MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]

        class Production(Core):
            def MIDDLEWARE(self):
                return Core.MIDDLEWARE + ["django.middleware.csrf.CsrfViewMiddleware"]

            def _helper(self):
                return []
        """,
        "site.settings",
    )
    facts = extract_settings(ctx)
    assert facts is not None
    production = dict(facts.classes)["Production"]
    assigned = [(op.name, op.value) for op in production if isinstance(op, Assign)]
    assert assigned[-1] == ("MIDDLEWARE", UNKNOWN)
    assert [name for name, _ in assigned] == ["MIDDLEWARE", "MIDDLEWARE"]


def test_classes_without_export_set_nothing_in_the_module() -> None:
    ctx = _context(
        """
        class Base:
            DEBUG = True
            INSTALLED_APPS = ["django.contrib.auth"]
        """,
        module="site.settings.base",
    )
    facts = extract_settings(ctx)
    assert facts is not None
    assert facts.ops == ()
    assert [name for name, _ in facts.classes] == ["Base"]


def test_only_a_call_given_the_module_name_exports() -> None:
    exports = [
        exported_class(stmt)
        for stmt in ast.parse(
            "A.load(__name__)\nB.load('x')\nC.load(__name__, 1)\nload(__name__)"
        ).body
    ]
    assert exports == ["A", None, None, None]
