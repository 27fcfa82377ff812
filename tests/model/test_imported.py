"""Names another module of the project binds, as the importing module writes them."""

from __future__ import annotations

import ast

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.imported import package_attribute
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
