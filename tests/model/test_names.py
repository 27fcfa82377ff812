"""Qualified names through imports, module names, scopes and bindings."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver, library_name, module_name, package_dirs
from webwarden.model.scopes import CHANGED_BINDING


def _resolver(
    source: str, module: str = "pkg.mod", is_package: bool = False
) -> tuple[ast.Module, NameResolver]:
    tree = ast.parse(textwrap.dedent(source))
    return tree, NameResolver(tree, module, is_package=is_package)


def _expr(text: str) -> ast.expr:
    return ast.parse(text, mode="eval").body


@pytest.mark.parametrize(
    ("source", "expression", "qualified"),
    [
        pytest.param("from subprocess import call as c", "c", "subprocess.call", id="from-as"),
        pytest.param("import yaml as y", "y.load", "yaml.load", id="import-as"),
        pytest.param("import os.path", "os.path.join", "os.path.join", id="dotted"),
        pytest.param(
            "import xml.etree.ElementTree as ET",
            "ET.parse",
            "xml.etree.ElementTree.parse",
            id="deep",
        ),
        pytest.param("from . import views", "views.index", "pkg.views.index", id="relative"),
        pytest.param("from ..core import x", "x", "core.x", id="relative-up"),
        pytest.param("", "eval", "eval", id="builtin"),
        pytest.param(
            "from ckan.common import request", "request.args", "flask.request.args", id="ckan"
        ),
        pytest.param(
            "import ckan.plugins.toolkit as tk",
            "tk.request.form",
            "flask.request.form",
            id="ckan-toolkit",
        ),
        pytest.param("def eval(x): pass", "eval", "pkg.mod.eval", id="shadowed-builtin"),
        pytest.param("", "request.args.get", "request.args.get", id="unresolved"),
        pytest.param(
            "def f():\n    import pickle as p", "p.loads", "pickle.loads", id="function-import"
        ),
        pytest.param("from os import *", "system", "system", id="star"),
        pytest.param("import urlparse", "urlparse.urljoin", "urllib.parse.urljoin", id="py2"),
        pytest.param("import cPickle as pickle", "pickle.loads", "pickle.loads", id="py2-as"),
        pytest.param("from urllib import quote", "quote", "urllib.parse.quote", id="py2-from"),
        pytest.param(
            "from cStringIO import StringIO", "StringIO", "io.StringIO", id="py2-cstringio"
        ),
        pytest.param("import StringIO", "StringIO.StringIO", "io.StringIO", id="py2-stringio"),
        pytest.param("import six", "six.BytesIO", "io.BytesIO", id="six-bytesio"),
        pytest.param(
            "from six.moves import cStringIO", "cStringIO", "io.StringIO", id="six-cstringio"
        ),
        pytest.param("import urllib", "urllib.urlopen", "urllib.request.urlopen", id="py2-attr"),
        pytest.param(
            "import urllib.parse", "urllib.parse.quote", "urllib.parse.quote", id="py3-kept"
        ),
        pytest.param("from urllib import parse", "parse.quote", "urllib.parse.quote", id="py3"),
        pytest.param(
            "from django.contrib.gis.db import models",
            "models.Model",
            "django.db.models.Model",
            id="geodjango-model",
        ),
        pytest.param(
            "from django.contrib.gis.db.models import IntegerField",
            "IntegerField",
            "django.db.models.IntegerField",
            id="geodjango-field-imported",
        ),
        pytest.param(
            "from django.contrib.gis.db import models",
            "models.PointField",
            "django.contrib.gis.db.models.PointField",
            id="geodjango-own-field",
        ),
        pytest.param(
            "from django.contrib.gis.db import models",
            "models.functions.Distance",
            "django.contrib.gis.db.models.functions.Distance",
            id="geodjango-own-module",
        ),
        pytest.param(
            "from flask.ext import wtf", "wtf.Form", "flask_wtf.Form", id="flask-ext-module"
        ),
        pytest.param(
            "from flask.ext.login import login_user",
            "login_user",
            "flask_login.login_user",
            id="flask-ext-name",
        ),
        pytest.param(
            "import flask.ext.sqlalchemy",
            "flask.ext.sqlalchemy.SQLAlchemy",
            "flask_sqlalchemy.SQLAlchemy",
            id="flask-ext-attribute",
        ),
        pytest.param(
            "from flaskext.wtf import Form", "Form", "flask_wtf.Form", id="flaskext-namespace"
        ),
        pytest.param("from flask import ext", "ext", "flask.ext", id="flask-ext-alone"),
    ],
)
def test_qualified(source: str, expression: str, qualified: str) -> None:
    _, resolver = _resolver(source)
    assert resolver.qualified(_expr(expression)) == qualified


def test_relative_import_in_package() -> None:
    _, resolver = _resolver("from .settings import DEBUG", module="mysite", is_package=True)
    assert resolver.qualified(_expr("DEBUG")) == "mysite.settings.DEBUG"


def test_binds_import_names_the_locals_imports_bind() -> None:
    _, resolver = _resolver("import os.path\nfrom app.views import prompt as notices\nx = 1")
    assert resolver.binds_import("os")
    assert resolver.binds_import("notices")
    assert not resolver.binds_import("prompt")
    assert not resolver.binds_import("x")


def test_non_names() -> None:
    _, resolver = _resolver("")
    assert resolver.qualified(_expr("f()")) is None
    assert resolver.qualified(_expr("f().x")) is None
    assert not resolver.imports("flask")


@pytest.mark.parametrize(
    ("relpath", "packages", "name"),
    [
        pytest.param(
            "mysite/settings/base.py",
            {"mysite", "mysite/settings"},
            "mysite.settings.base",
            id="nested",
        ),
        pytest.param("mysite/__init__.py", {"mysite"}, "mysite", id="package"),
        pytest.param("scripts/tool.py", set(), "tool", id="no-package"),
        pytest.param("src/app/views.py", {"src/app"}, "app.views", id="src-layout"),
        pytest.param("__init__.py", set(), "", id="root-init"),
        pytest.param(
            "plane/auth/utils/host.py",
            {"plane", "plane/auth"},
            "plane.auth.utils.host",
            id="namespace-folder-inside-a-package",
        ),
        pytest.param(
            "app/a/b/c.py", {"app", "app/a/b"}, "app.a.b.c", id="namespace-folder-between"
        ),
        pytest.param("src/ns/app/views.py", {"src/ns/app"}, "app.views", id="namespace-outside"),
        pytest.param(
            "site/settings.py.prod", {"site"}, "site.settings_py_prod", id="module-to-copy"
        ),
        pytest.param(
            "{{cookiecutter.app_name}}/{{cookiecutter.app_name}}/user/models.py",
            {"{{cookiecutter.app_name}}/{{cookiecutter.app_name}}"},
            "app_name.user.models",
            id="cookiecutter-template-package",
        ),
    ],
)
def test_module_name(relpath: str, packages: set[str], name: str) -> None:
    assert module_name(relpath, packages) == name


def _context(source: str) -> FileContext:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    return FileContext("m.py", "m", tuple(text.splitlines()), tree, NameResolver(tree, "m"))


def _names(ctx: FileContext, identifier: str) -> list[ast.Name]:
    return [
        n
        for n in ast.walk(ctx.tree)
        if isinstance(n, ast.Name) and n.id == identifier and isinstance(n.ctx, ast.Load)
    ]


def test_single_values_and_scopes() -> None:
    ctx = _context(
        """
        CMD = "ls"
        TWICE = "a"
        TWICE = "b"

        def f(param):
            local = "x"
            with open(param) as handle:
                pass
            for item in []:
                pass
            return CMD, TWICE, local, param, handle, item

        class K:
            attr = 1
            def m(self):
                return attr
        """
    )
    values = {
        name.id: ctx.lookup(name)
        for name in _names(ctx, "CMD")
        + _names(ctx, "TWICE")
        + _names(ctx, "local")
        + _names(ctx, "param")
        + _names(ctx, "item")
    }
    assert isinstance(values["CMD"], ast.Constant)
    assert values["TWICE"] is None
    assert isinstance(values["local"], ast.Constant)
    assert values["param"] is None
    assert values["item"] is None
    (handle,) = _names(ctx, "handle")
    assert ctx.origin(handle) == "open"
    (attr,) = _names(ctx, "attr")
    assert ctx.lookup(attr) is None  # class scope is not visible in methods


def test_bindings_of_every_statement_kind() -> None:
    ctx = _context(
        """
        import os as o
        from x import y
        a: int = 1
        b: int
        (c := 2)
        d, e = 1, 2
        f = 1
        f += 1
        del f
        try:
            pass
        except Exception as g:
            pass
        with open("p") as (h, i):
            pass
        lam = lambda z: z

        def outer():
            global a
            nonlocal_value = 1
            def inner():
                nonlocal nonlocal_value
            return inner

        @decorator
        class C(Base):
            pass
        """
    )
    bindings = ctx.scopes.bindings(ctx.tree)
    assert set(bindings) >= {
        "o",
        "y",
        "a",
        "b",
        "c",
        "d",
        "e",
        "f",
        "g",
        "h",
        "i",
        "lam",
        "outer",
        "C",
    }
    (lam,) = [n for n in ast.walk(ctx.tree) if isinstance(n, ast.Lambda)]
    assert "z" in ctx.scopes.bindings(lam)
    (z,) = [n for n in ast.walk(lam) if isinstance(n, ast.Name)]
    assert ctx.scopes.enclosing_scope(z) is lam
    assert ctx.scopes.enclosing_function(z) is None


def test_parent_map_is_completed_on_demand() -> None:
    ctx = _context("x = f(1)\n")
    call = ctx.tree.body[0].value  # type: ignore[attr-defined]
    assert isinstance(ctx.parent(call), ast.Assign)
    assert ctx.parent(ctx.tree) is None
    assert [type(a).__name__ for a in ctx.ancestors(call.args[0])] == ["Call", "Assign", "Module"]


def test_locations_count_characters_not_bytes() -> None:
    ctx = _context('name = "é"; f(x)\n')
    call = next(n for n in ast.walk(ctx.tree) if isinstance(n, ast.Call))
    location = ctx.location(call)
    assert (location.column, location.end_column) == (13, 17)


def test_classes_django_oscar_loads_by_name() -> None:
    tree = ast.parse(
        "from oscar.core.loading import get_class, get_classes\n"
        'Form = get_class("customer.forms", "EmailAuthenticationForm")\n'
        'A, B = get_classes("dashboard.catalogue.forms", ["ProductForm", "StockForm"])\n'
        'Odd = get_class(label, "X")\n'
        'C, D = get_classes("basket.forms", ["OnlyOne"])\n'
        'E = get_classes("basket.forms", ["E"])\n'
    )
    aliases = NameResolver(tree, "shop.views").aliases
    assert aliases["Form"] == "oscar.apps.customer.forms.EmailAuthenticationForm"
    assert aliases["A"] == "oscar.apps.dashboard.catalogue.forms.ProductForm"
    assert aliases["B"] == "oscar.apps.dashboard.catalogue.forms.StockForm"
    assert not {"Odd", "C", "D", "E"} & aliases.keys()


def test_a_get_class_of_another_library_is_not_oscars() -> None:
    tree = ast.parse('from mylib import get_class\nForm = get_class("customer.forms", "Form")\n')
    assert "Form" not in NameResolver(tree, "shop.views").aliases


def test_a_cached_import_names_the_function_it_caches() -> None:
    tree = ast.parse(
        "import functools\n"
        "from functools import lru_cache\n"
        "from flask import url_for\n"
        "from urllib.parse import urljoin\n"
        "def local(x): return x\n"
        "cached = lru_cache(2048)(url_for)\n"
        "joined = functools.cache(urljoin)\n"
        "mine = lru_cache()(local)\n"
        "other = memoize(url_for)\n"
    )
    aliases = NameResolver(tree, "app").aliases
    assert aliases["cached"] == "flask.url_for"
    assert aliases["joined"] == "urllib.parse.urljoin"
    assert not {"mine", "other"} & aliases.keys()


def test_package_dirs_are_the_folders_holding_an_init() -> None:
    relpaths = [
        "__init__.py",
        "app/__init__.py",
        "app/views.py",
        "app/sub/x.py",
        "lib/__init__.pyi",
    ]
    assert package_dirs(relpaths) == {"", "app"}
    assert module_name("app/views.py", package_dirs(relpaths)) == "app.views"


def test_changing_an_object_neither_binds_its_name_nor_keeps_its_value() -> None:
    # `SETTINGS["debug"] = True` changes the dict: its value is unknown afterwards, but
    # in `configure` the name still means the module's.
    ctx = _context(
        """
        SETTINGS = {}
        SETTINGS["debug"] = True

        def configure():
            SETTINGS["x"] = 1
            return SETTINGS
        """
    )
    first, *_ = _names(ctx, "SETTINGS")
    assert ctx.lookup(first) is None
    (configure,) = [n for n in ast.walk(ctx.tree) if isinstance(n, ast.FunctionDef)]
    assert "SETTINGS" not in ctx.scopes.bindings(configure)
    returned = _names(ctx, "SETTINGS")[-1]
    assert ctx.scopes.binding_scope(returned) is ctx.tree
    values = ctx.scopes.values_of(returned) or []
    assert len(values) == 2
    assert CHANGED_BINDING in values
    assert ctx.lookup(returned) is None


@pytest.mark.parametrize(
    ("written", "defined"),
    [
        pytest.param("six.BytesIO", "io.BytesIO", id="six"),
        pytest.param("django.contrib.gis.db.models.Model", "django.db.models.Model", id="gis"),
        pytest.param(
            "django.contrib.gis.db.models.PointField",
            "django.contrib.gis.db.models.PointField",
            id="gis-own",
        ),
        pytest.param("app.models.Model", "app.models.Model", id="other"),
    ],
)
def test_library_name(written: str, defined: str) -> None:
    assert library_name(written) == defined
