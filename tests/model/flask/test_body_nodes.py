"""What a definition runs when it is called, without its header."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.flask.body_nodes import body_nodes


def _called(source: str) -> list[str]:
    definition = ast.parse(textwrap.dedent(source)).body[-1]
    return sorted(
        ast.unparse(node.func) for node in body_nodes(definition) if isinstance(node, ast.Call)
    )


@pytest.mark.parametrize(
    ("source", "called"),
    [
        pytest.param(
            """
            @bp.route("/x", methods=["POST"])
            @limiter.limit("5/minute", exempt_when=lambda: current_user.is_authenticated())
            def view(page=default_page(), *, size: sized() = 10) -> typed():
                return render(page)
            """,
            ["render"],
            id="function-decorators-defaults-annotations",
        ),
        pytest.param(
            """
            def view():
                @stream_with_context
                @copy(context())
                def generate(chunk=first()):
                    yield chunk()

                return respond(generate())
            """,
            ["chunk", "context", "copy", "first", "generate", "respond"],
            id="nested-function-header-runs-with-the-body",
        ),
        pytest.param(
            """
            @ns.route("/notes")
            class Notes(make_base(), metaclass=meta()):
                decorators = [limiter.limit("5/minute")]

                @ns.expect(parser)
                def post(self, page=default_page()):
                    return save(parser.parse_args())
            """,
            ["limiter.limit", "parser.parse_args", "save"],
            id="class-and-method-headers",
        ),
        pytest.param(
            "lambda: current_user.get_id()",
            ["current_user.get_id"],
            id="other-node-walked-whole",
        ),
    ],
)
def test_body_nodes_leave_out_the_header(source: str, called: list[str]) -> None:
    assert _called(source) == called


def test_body_nodes_keep_walk_order() -> None:
    source = """
    @decorated()
    def view():
        first(second(third()))
        return fourth()
    """
    function = ast.parse(textwrap.dedent(source)).body[-1]
    assert isinstance(function, ast.FunctionDef)
    # NOTE: `ast.Load()` is one object shared by every name read: left out.
    walked = {id(n) for s in function.body for n in ast.walk(s) if _own(n)}
    whole = [id(n) for n in ast.walk(function) if id(n) in walked]
    assert [id(n) for n in body_nodes(function) if _own(n)] == whole


def _own(node: ast.AST) -> bool:
    return not isinstance(node, ast.expr_context)
