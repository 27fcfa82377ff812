"""Whether a decorator's wrapper refuses a form failing Flask-WTF's check before the view."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.flask.token_wrappers import token_checked_forms


def _resolve(node: ast.expr) -> str | None:
    return node.id if isinstance(node, ast.Name) else None


def _forms(source: str) -> tuple[str, ...]:
    tree = ast.parse(textwrap.dedent(source))
    decorator = tree.body[-1]
    assert isinstance(decorator, ast.FunctionDef)
    return token_checked_forms(_resolve, decorator)


FACTORY = """
def requires(*permissions):
    def inner(view):
        def wrapper(*args, **kwargs):
{body}
        return wrapper
    return inner
"""


@pytest.mark.parametrize(
    ("body", "forms"),
    [
        pytest.param(
            "form = FlaskForm()\nif not form.validate():\n    return error()\nreturn view()",
            ("FlaskForm",),
            id="refused-first",
        ),
        pytest.param(
            "if request.method == 'POST':\n    form = FlaskForm()\n"
            "    if not form.validate():\n        abort(400)\nreturn view()",
            ("FlaskForm",),
            id="on-posts-aborting",
        ),
        pytest.param(
            "result = view()\nform = FlaskForm()\nif not form.validate():\n    return result\n"
            "return result",
            (),
            id="view-first",
        ),
        pytest.param(
            "form = FlaskForm()\nif not form.validate():\n    log()\nreturn view()",
            (),
            id="only-logged",
        ),
        pytest.param(
            "form = make()\nif form.validate():\n    return error()\nreturn view()",
            (),
            id="refuses-valid-form",
        ),
        pytest.param(
            "form = FlaskForm()\nform = other\nif not form.validate():\n    return error()\n"
            "return view()",
            (),
            id="form-rebound",
        ),
        pytest.param("return view()", (), id="no-check"),
    ],
)
def test_token_checked_forms(body: str, forms: tuple[str, ...]) -> None:
    indented = textwrap.indent(body, " " * 12)
    assert _forms(FACTORY.format(body=indented)) == forms
