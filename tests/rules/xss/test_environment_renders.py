"""Every rendering of the templates a Jinja2 environment loads where it is made."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source
from webwarden.rules.xss._environment_renders import environment_renders


def _renders(body: str) -> list[str] | None:
    source = "from jinja2 import Environment\ndef build(text, data):\n"
    source += textwrap.indent(textwrap.dedent(body), "    ")
    parsed = parse_source(source, "app/build.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/build.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    made = next(
        n
        for n in ast.walk(ctx.tree)
        if isinstance(n, ast.Call) and ast.unparse(n.func) == "Environment"
    )
    found = environment_renders(made, ctx)
    return None if found is None else [ast.unparse(call) for call in found[0]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "env = Environment()\nenv.filters['x'] = str\nenv.globals.update(data)\n"
            "out = env.from_string(text).render(data)\n",
            ["env.from_string(text).render(data)"],
            id="set-up-then-chained",
        ),
        pytest.param(
            "env = Environment()\ntemplate = env.get_template('a.txt')\n"
            "a = template.render(x=1)\nb = template.render(x=2)\n",
            ["template.render(x=1)", "template.render(x=2)"],
            id="through-a-name",
        ),
        pytest.param("env = Environment()\nreturn env\n", None, id="returned"),
        pytest.param(
            "env = Environment()\ntemplate = env.get_template('a')\nreturn template\n",
            None,
            id="template-returned",
        ),
        pytest.param("env = Environment()\n", [], id="never-used"),
        pytest.param("Environment().from_string(text).render()\n", None, id="not-assigned"),
    ],
)
def test_environment_renders(body: str, expected: list[str] | None) -> None:
    assert _renders(body) == expected
