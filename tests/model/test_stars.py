"""Names brought by star imports, resolved across the project's modules."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver, star_exports
from webwarden.model.project import ModuleSummary
from webwarden.model.stars import resolve_star_imports


def summary(module: str, source: str, *, is_package: bool = False) -> ModuleSummary:
    tree = ast.parse(textwrap.dedent(source))
    names = NameResolver(tree, module, is_package=is_package)
    relpath = module.replace(".", "/") + ("/__init__.py" if is_package else ".py")
    ctx = FileContext(relpath, module, (), tree, names)
    exports, declared = star_exports(tree)
    return ModuleSummary(
        relpath,
        module,
        False,
        frozenset(),
        names.aliases,
        stars=names.stars,
        star_names=ctx.star_names,
        exports=exports,
        declared_all=declared,
    )


def imports_of(*summaries: ModuleSummary) -> dict[str, str]:
    """The import aliases of the last module once star imports are resolved."""
    modules = {s.relpath: s for s in summaries}
    return resolve_star_imports(modules)[summaries[-1].relpath].imports


def test_star_names_are_the_names_only_a_star_import_binds() -> None:
    found = summary(
        "app.routes",
        """
        import os
        from app.helpers import *

        def view(request, *args):
            local = helper(request, args)
            return len(os.sep + local + __name__ + missing)
        """,
    )
    assert found.stars == ("app.helpers",)
    assert found.star_names == {"helper", "missing"}


def test_a_module_without_star_imports_has_no_star_names() -> None:
    assert summary("app.routes", "x = helper()").star_names == frozenset()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("def f(): pass\n_g = 1\nimport os", (("f", "os"), None), id="public-names"),
        pytest.param("__all__ = ['f']\n__all__ += ('g',)", ((), ("f", "g")), id="literal-all"),
        pytest.param("__all__ = names()\ndef f(): pass", (("f",), None), id="computed-all"),
        pytest.param("if X:\n    A = 1\nelse:\n    B = 2", (("A", "B"), None), id="branches"),
    ],
)
def test_star_exports(source: str, expected: tuple[object, object]) -> None:
    assert star_exports(ast.parse(source)) == expected


def test_names_follow_chains_and_all_and_the_last_import_wins() -> None:
    paths = summary("app.paths", "__all__ = ['join']\ndef join(): pass\ndef hidden(): pass")
    flask_g = summary("app.globals", "from flask import g\nclass Search: pass")
    helpers = summary(
        "app.helpers", "from .paths import *\nfrom .globals import *\n", is_package=False
    )
    again = summary("app.again", "def join(): pass")
    routes = summary(
        "app.routes",
        """
        from app.helpers import *
        from app.again import *
        from app.globals import Search as Finder

        join(hidden, g, Search, Finder)
        """,
    )
    assert imports_of(paths, flask_g, helpers, again, routes) == {
        "join": "app.again.join",
        "g": "flask.g",
        "Search": "app.globals.Search",
        "Finder": "app.globals.Search",
    }


def test_other_names_come_from_the_one_module_outside_the_project() -> None:
    helpers = summary("app.helpers", "def helper(): pass", is_package=True)
    routes = summary(
        "app.routes",
        "from flask import *\nfrom app.helpers import *\nhelper(request)",
    )
    assert imports_of(helpers, routes) == {
        "helper": "app.helpers.helper",
        "request": "flask.request",
    }
    several = summary("app.routes", "from flask import *\nfrom os.path import *\njoin(request)")
    assert imports_of(several) == {}


def test_an_import_cycle_ends_the_chain() -> None:
    first = summary("app.first", "from app.second import *\ndef one(): pass\ntwo()")
    second = summary("app.second", "from app.first import *\ndef two(): pass\none()")
    resolved = resolve_star_imports({first.relpath: first, second.relpath: second})
    assert resolved[first.relpath].imports == {"two": "app.second.two"}
    assert resolved[second.relpath].imports == {"one": "app.first.one"}


def test_a_package_re_exports_every_name_its_star_imports_bring() -> None:
    # `from app import forms` then `forms.InviteForm`: the package reads none of them.
    admin = summary("app.forms.admin", "class InviteForm: pass\ndef helper(): pass")
    package = summary("app.forms", "from .admin import *\nclass Own: pass", is_package=True)
    assert imports_of(admin, package) == {
        "InviteForm": "app.forms.admin.InviteForm",
        "helper": "app.forms.admin.helper",
    }
