"""Names another module of the project binds, as the importing module writes them."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.env_imported import imported_call
from webwarden.analysis.environment import DeployTime
from webwarden.engine.files import FilePlan, make_context
from webwarden.model.imported import (
    dict_entry,
    imported_name,
    package_attribute,
    project_class,
    resolve_imported,
    subscripted,
)
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("import shop\nx = shop.__version__", "shop.__version__", id="package"),
        pytest.param("import shop as s\nx = s.VERSION", "shop.VERSION", id="aliased"),
        pytest.param("from shop import config\nx = config.VERSION", None, id="from-import"),
        pytest.param("import shop.config\nx = shop.config.VERSION", None, id="dotted-chain"),
        pytest.param("shop = load()\nx = shop.VERSION", None, id="not-an-import"),
        pytest.param(
            "import shop\ndef f():\n    shop = load()\n    return shop.VERSION",
            None,
            id="shadowed-in-function",
        ),
    ],
)
def test_package_attribute(source: str, expected: str | None) -> None:
    parsed = parse_source(source, "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    attribute = next(
        n
        for n in ast.walk(ctx.tree)
        if isinstance(n, ast.Attribute) and (n.attr.isupper() or n.attr == "__version__")
    )
    assert package_attribute(ctx, attribute) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("from shop.paths import DIR\nx = DIR", "shop.paths.DIR", id="top-level"),
        pytest.param(
            "def f():\n    from shop.paths import DIR\n    return DIR",
            "shop.paths.DIR",
            id="imported-in-function",
        ),
        pytest.param(
            "def f():\n    from shop.paths import HOME as DIR\n    return DIR",
            "shop.paths.HOME",
            id="aliased-in-function",
        ),
        pytest.param(
            "def f(a):\n    if a:\n        from shop.paths import DIR\n    else:\n"
            "        DIR = a\n    return DIR",
            None,
            id="also-assigned-in-function",
        ),
        pytest.param(
            "def f(DIR):\n    if DIR:\n        from shop.paths import DIR\n    return DIR",
            None,
            id="also-a-parameter",
        ),
        pytest.param(
            "def f():\n    from .paths import DIR\n    return DIR",
            None,
            id="relative-in-function",
        ),
        pytest.param(
            "def f():\n    def g():\n        from shop.paths import DIR\n    DIR = 1\n"
            "    return DIR",
            None,
            id="imported-in-nested-function",
        ),
    ],
)
def test_imported_name(source: str, expected: str | None) -> None:
    ctx = _context(source)
    read = next(
        n
        for n in ast.walk(ctx.tree)
        if isinstance(n, ast.Name) and n.id == "DIR" and isinstance(n.ctx, ast.Load)
    )
    assert imported_name(ctx, read) == expected


def _context(source: str) -> FileContext:
    parsed = parse_source(source, "app/options.py")
    assert isinstance(parsed, ParsedPython)
    return make_context("app/options.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("C = {'a': {'b': 1}}", "1", id="nested-display"),
        pytest.param("C: dict = {'a': {'b': 1}}", "1", id="annotated"),
        pytest.param("C = {'a': {'c': 1}}", None, id="missing-key"),
        pytest.param("C = {'a': {'b': 1}, **EXTRA}", None, id="spread-display"),
        pytest.param("C = {'a': {'b': 1}}\nC['a'] = {}", None, id="changed-by-key"),
        pytest.param("C = {'a': {'b': 1}}\nC.update(load())", None, id="updated"),
        pytest.param(
            "C = {'a': {'b': 1}}\ndef setup():\n    C['a']['b'] = 2",
            None,
            id="changed-by-a-function",
        ),
        pytest.param("C = {'a': {'b': 1}}\nC = {}", None, id="rebound"),
        pytest.param("if X:\n    C = {'a': {'b': 1}}", None, id="bound-in-branch"),
        pytest.param("C = dict(a={'b': 1})", None, id="not-a-display"),
    ],
)
def test_dict_entry(source: str, expected: str | None) -> None:
    entry = dict_entry(_context(source), "C", ("a", "b"))
    assert (None if entry is None else ast.unparse(entry)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("C['a']['b']", ("C", ("a", "b")), id="keys"),
        pytest.param("C[key]", None, id="variable-key"),
        pytest.param("C[0]", None, id="number-key"),
        pytest.param("C", None, id="no-lookup"),
    ],
)
def test_subscripted(source: str, expected: tuple[str, tuple[str, ...]] | None) -> None:
    found = subscripted(ast.parse(source, mode="eval").body)
    assert (None if found is None else (ast.unparse(found[0]), found[1])) == expected


_CLASS_MODULES = {
    "events.models": "from .event import Event\nfrom .other import Missing\n",
    "events.models.event": "class Event:\n    pass\n",
    "events.models.other": "X = 1\n",
    "loop.a": "from loop.b import Thing\n",
    "loop.b": "from loop.a import Thing\n",
}


def _class_module(dotted: str) -> FileContext | None:
    source = _CLASS_MODULES.get(dotted)
    if source is None:
        return None
    package = dotted == "events.models"
    relpath = dotted.replace(".", "/") + ("/__init__.py" if package else ".py")
    parsed = parse_source(source, relpath)
    assert isinstance(parsed, ParsedPython)
    packages = frozenset({"events", "events/models", "loop"})
    return make_context(relpath, parsed, FilePlan((), 1 << 20, packages, ("tests/",)))


@pytest.mark.parametrize(
    ("qualified", "expected"),
    [
        pytest.param("events.models.event.Event", "events/models/event.py", id="defined-there"),
        pytest.param("events.models.Event", "events/models/event.py", id="re-exported"),
        pytest.param("events.models.Missing", None, id="no-such-class"),
        pytest.param("django.db.models.Model", None, id="not-the-projects"),
        pytest.param("loop.a.Thing", None, id="import-cycle"),
    ],
)
def test_project_class(qualified: str, expected: str | None) -> None:
    found = project_class(_class_module, qualified)
    assert (None if found is None else found[0].relpath) == expected


_HELPER_MODULES = {
    "dash.helpers": (
        "def parse_boolean(s):\n"
        "    s = s.strip().lower()\n"
        "    if s in ('yes', 'true', 'on', '1'):\n"
        "        return True\n"
        "    elif s in ('no', 'false', 'off', '0'):\n"
        "        return False\n"
        "    raise ValueError(s)\n"
        "\n"
        "\n"
        "def looping(s):\n"
        "    for word in ('yes', 'true'):\n"
        "        if s == word:\n"
        "            return True\n"
        "    return False\n"
    ),
    "dash.settings": (
        "import os\n"
        "from distutils.util import strtobool\n"
        "from dash.helpers import looping, parse_boolean\n"
        "HTTPS = parse_boolean(os.environ.get('HTTPS', 'false'))\n"
        "LOOPED = looping(os.environ.get('LOOPED', 'yes'))\n"
        "LIBRARY = strtobool(os.environ.get('LIBRARY', 'no'))\n"
        "COOKIES = parse_boolean(os.environ.get('COOKIES', str(HTTPS)))\n"
    ),
}


def _helper_module(dotted: str) -> FileContext | None:
    source = _HELPER_MODULES.get(dotted)
    if source is None:
        return None
    relpath = dotted.replace(".", "/") + ".py"
    parsed = parse_source(source, relpath)
    assert isinstance(parsed, ParsedPython)
    return make_context(relpath, parsed, FilePlan((), 1 << 20, frozenset({"dash"}), ("tests/",)))


@pytest.mark.parametrize(
    ("setting", "variables", "if_unset"),
    [
        pytest.param(
            "parse_boolean(os.environ.get('SECURE', str(HTTPS)))",
            ("SECURE", "HTTPS"),
            False,
            id="default-another-setting-through-the-helper",
        ),
        pytest.param(
            "parse_boolean(os.environ.get('SECURE') or str(COOKIES).lower())",
            ("SECURE", "COOKIES", "HTTPS"),
            False,
            id="chain-of-settings",
        ),
        pytest.param(
            "parse_boolean(os.environ.get('SECURE', str(not HTTPS)))",
            ("SECURE", "HTTPS"),
            True,
            id="negated",
        ),
        pytest.param(
            "parse_boolean(os.environ.get('SECURE', str(LOOPED)))",
            (),
            UNKNOWN,
            id="helper-not-followed",
        ),
        pytest.param(
            "parse_boolean(os.environ.get('SECURE', str(LIBRARY)))",
            ("SECURE", "LIBRARY"),
            False,
            id="library-conversion",  # NOTE: strtobool("no") is 0, str(0) is "0"
        ),
    ],
)
def test_imported_helpers_in_arguments(
    setting: str, variables: tuple[str, ...], if_unset: object
) -> None:
    source = _HELPER_MODULES["dash.settings"] + f"VALUE = {setting}\n"
    parsed = parse_source(source, "dash/settings.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("dash/settings.py", parsed, FilePlan((), 1 << 20, frozenset({"dash"}), ()))
    statement = ctx.tree.body[-1]
    assert isinstance(statement, ast.Assign)
    call = imported_call(ctx, statement.value)
    assert call is not None
    modules = {"dash.settings": ctx, "dash.helpers": _helper_module("dash.helpers")}
    value = resolve_imported(call, lambda _: None, modules.get)
    if not variables:
        # NOTE: the setting's default is not known: the helper's path cannot be followed.
        assert value is if_unset
        return
    assert isinstance(value, DeployTime)
    assert (value.variables, value.if_unset) == (variables, if_unset)
