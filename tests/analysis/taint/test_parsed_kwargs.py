from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.taint.parsed_kwargs import parsed_kwargs


def _decorators(source: str) -> list[ast.expr]:
    function = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(function, ast.FunctionDef)
    return function.decorator_list


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            @use_kwargs({"url": fields.Url(), "name": fields.Str()}, location="json")
            @signin_required()
            def launch(user, url, name=""): ...
            """,
            ("url", "name"),
            id="mapping-written-out",
        ),
        pytest.param(
            """
            @parser.use_kwargs({"page": fields.Int()}, location="query")
            @use_kwargs(argmap={"size": fields.Int()})
            def listing(page, size): ...
            """,
            ("page", "size"),
            id="stacked-and-keyword",
        ),
        pytest.param(
            """
            @use_kwargs(ItemSchema)
            def items(name): ...
            """,
            None,
            id="schema-not-read",
        ),
        pytest.param(
            """
            @use_kwargs({**COMMON, "name": fields.Str()})
            def items(name): ...
            """,
            None,
            id="spread-mapping",
        ),
        pytest.param(
            """
            @use_kwargs({"name": fields.Str()})
            @use_args({"page": fields.Int()}, location="query")
            def items(args, name): ...
            """,
            None,
            id="another-parser-names-its-own",
        ),
        pytest.param(
            """
            @use_kwargs({"name": fields.Str()}, unknown=marshmallow.INCLUDE)
            def items(name, owner): ...
            """,
            None,
            id="unknown-keys-passed-too",
        ),
        pytest.param(
            """
            @use_kwargs({"name": fields.Str()}, unknown=marshmallow.EXCLUDE)
            def items(user, name): ...
            """,
            ("name",),
            id="unknown-keys-dropped",
        ),
        pytest.param(
            """
            @login_required
            def items(name): ...
            """,
            None,
            id="no-parser",
        ),
    ],
)
def test_parsed_kwargs(source: str, expected: tuple[str, ...] | None) -> None:
    assert parsed_kwargs(_decorators(source)) == expected
