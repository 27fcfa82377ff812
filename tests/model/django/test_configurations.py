"""django-configurations: which classes are configurations, and which are deployed."""

from __future__ import annotations

import ast
import textwrap

from webwarden.model.django.configurations import is_configuration
from webwarden.model.django.extract_settings import extract_settings
from webwarden.model.django.facts import SettingsFacts
from webwarden.model.django.inherited_roles import configuration_role, local_ancestors, renamed
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.roles import Role


def _facts(source: str, module: str) -> SettingsFacts:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    relpath = module.replace(".", "/") + ".py"
    facts = extract_settings(
        FileContext(relpath, module, text.splitlines(), tree, NameResolver(tree, module))
    )
    assert facts is not None
    return facts


def _find(dotted: str, near: str) -> str | None:
    return dotted.replace(".", "/") + ".py"


def test_leaves_of_a_module_are_deployed() -> None:
    facts = _facts(
        """
        from configurations import Configuration, values

        class Common(Configuration):
            DEBUG = values.BooleanValue(False)

        class Dev(Common):
            DEBUG = True

        class Prod(Common):
            ALLOWED_HOSTS = ["example.com"]
        """,
        "site.settings",
    )
    found = {c.name: (c.leaf, c.known) for c in facts.configurations}
    assert found == {"Common": (False, True), "Dev": (True, True), "Prod": (True, True)}


def test_a_base_of_another_module_is_confirmed_there() -> None:
    common = _facts(
        "from configurations import Configuration\n\n"
        "class Common(Configuration):\n    DEBUG = False\n",
        "site.config.common",
    )
    production = _facts(
        "from .common import Common\n\nclass Production(Common):\n    DEBUG = False\n",
        "site.config.production",
    )
    plain = _facts(
        "from .defaults import Defaults\n\nclass Local(Defaults):\n    DEBUG = True\n",
        "site.config.local",
    )
    facts = {
        "site/config/common.py": common,
        "site/config/production.py": production,
        "site/config/local.py": plain,
    }
    assert not production.configurations[0].known
    assert is_configuration(facts, _find, "site/config/production.py", "Production")
    assert not is_configuration(facts, _find, "site/config/local.py", "Local")


def test_bases_imported_in_a_cycle_are_no_configuration() -> None:
    first = _facts("from .b import B\n\nclass A(B):\n    DEBUG = True\n", "site.a")
    second = _facts("from .a import A\n\nclass B(A):\n    DEBUG = False\n", "site.b")
    facts = {"site/a.py": first, "site/b.py": second}
    assert not is_configuration(facts, _find, "site/a.py", "A")


def test_a_nameless_configuration_takes_the_role_of_its_test_base() -> None:
    facts = _facts(
        """
        from configurations import Configuration

        class Base(Configuration):
            DEBUG = False

        class Test(Base):
            PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

        class ContinuousIntegration(Test):
            pass

        class Feature(Base):
            DEBUG = False
        """,
        "site.settings",
    )
    classes = {c.name: c for c in facts.configurations}
    assert classes["ContinuousIntegration"].local_bases == ("Test",)
    assert configuration_role("site.settings", classes, "ContinuousIntegration") == (
        Role.TEST,
        True,
    )
    assert configuration_role("site.settings", classes, "Test") == (Role.TEST, False)
    assert configuration_role("site.settings", classes, "Feature") == (Role.UNSPECIFIED, False)


def test_a_configuration_that_only_renames_another_of_its_kind_is_judged_as_that_one() -> None:
    facts = _facts(
        """
        from configurations import Configuration

        class Production(Configuration):
            DEBUG = False

        class Feature(Production):
            '''Must derive from Production.'''

        class Staging(Feature):
            pass

        class Development(Production):
            pass

        class Demo(Production):
            DEBUG = False
        """,
        "site.settings",
    )
    classes = {c.name: c for c in facts.configurations}
    assert {name for name, c in classes.items() if c.alias} == {"Feature", "Staging", "Development"}
    assert renamed("site.settings", classes, "Staging") == "Production"
    assert renamed("site.settings", classes, "Development") == "Development"
    assert renamed("site.settings", classes, "Demo") == "Demo"


def test_the_ancestors_of_a_configuration_are_its_module_classes_nearest_first() -> None:
    facts = _facts(
        """
        from configurations import Configuration
        from shared import Mixin

        class Base(Configuration):
            DEBUG = False

        class Production(Base):
            pass

        class Demo(Production, Mixin):
            STORAGES = {}
        """,
        "site.settings",
    )
    classes = {c.name: c for c in facts.configurations}
    assert local_ancestors(classes, "Demo") == ("Production", "Base")
    assert local_ancestors(classes, "Base") == ()
