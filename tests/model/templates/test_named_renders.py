from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.templates.named_renders import renders_named_template


def _judge(source: str) -> bool:
    tree = ast.parse(textwrap.dedent(source))
    function = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
    call = next(
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "helper"
    )
    return renders_named_template(function, call)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            def helper(folder, template, data):
                return flask.render_template(os.path.join(folder, template), **data)
            helper("compose", "setup.html", {})
            """,
            True,
            id="joined-name-given-html",
        ),
        pytest.param(
            """
            def helper(template):
                return render_template(f"parts/{template}")
            helper(template="card.svg")
            """,
            True,
            id="f-string-name-by-keyword",
        ),
        pytest.param(
            """
            def helper(folder, template, data):
                return flask.render_template(folder + "/" + template, **data)
            helper("compose", "mailu.env", {})
            """,
            False,
            id="name-flask-does-not-autoescape",
        ),
        pytest.param(
            """
            def helper(template):
                return flask.render_template(template)
            helper(name)
            """,
            False,
            id="name-not-written-by-caller",
        ),
        pytest.param(
            """
            def helper(template):
                template = template.replace(".html", ".txt")
                return flask.render_template(template)
            helper("page.html")
            """,
            False,
            id="name-rebound",
        ),
        pytest.param(
            """
            def helper(template, text):
                if text:
                    return text
                return flask.render_template(template)
            helper("page.html", raw)
            """,
            False,
            id="another-return",
        ),
    ],
)
def test_renders_named_template(source, expected):
    assert _judge(source) is expected
