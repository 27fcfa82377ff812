"""A fallback run unless an earlier `if` set a flag, read as run in the other arms."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.taint.done_flags import unflagged


def _unflagged(source: str) -> tuple[list[ast.stmt], str]:
    body = ast.parse(textwrap.dedent(source)).body
    return body, "\n".join(ast.unparse(statement) for statement in unflagged(body))


def test_fallback_written_into_each_other_arm():
    body, result = _unflagged(
        """
        done = False
        if a:
            if b in ALLOWED:
                x = b
                done = True
        if not done:
            x = "default"
        """
    )
    expected = """
        done = False
        if a:
            if b in ALLOWED:
                x = b
                done = True
            else:
                x = 'default'
        else:
            x = 'default'
        """
    assert result == textwrap.dedent(expected).strip()
    # NOTE: the tree itself is left as parsed (other rules read it).
    assert isinstance(body[1], ast.If)
    assert not body[1].orelse


def test_flag_in_else_arm():
    _, result = _unflagged(
        "done = False\nif a:\n    x = 1\nelse:\n    done = True\nif not done:\n    x = 2\n"
    )
    assert result == "done = False\nif a:\n    x = 1\n    x = 2\nelse:\n    done = True"


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("done = 0\nif a:\n    done = True\nif not done:\n    x = 1\n", id="not-false"),
        pytest.param("if a:\n    done = True\nif not done:\n    x = 1\n", id="not-started"),
        pytest.param(
            "done = False\nif a:\n    done = True\nelse:\n    done = True\nif not done:\n    x = 1\n",
            id="set-twice",
        ),
        pytest.param(
            "done = False\nif a:\n    for i in b:\n        done = True\nif not done:\n    x = 1\n",
            id="in-loop",
        ),
        pytest.param(
            "done = False\nif a:\n    if b:\n        done = True\n    y = 2\nif not done:\n    x = 1\n",
            id="statement-after-inner-if",
        ),
        pytest.param(
            "done = False\nif a:\n    done = True\nif not done:\n    def f():\n        pass\n",
            id="fallback-defines",
        ),
        pytest.param(
            "done = False\nif a:\n    done = True\nif not done:\n    x = 1\nelse:\n    x = 2\n",
            id="fallback-has-else",
        ),
        pytest.param(
            "done = False\nprint(1)\ndone = g()\nif a:\n    done = True\nif not done:\n    x = 1\n",
            id="rebound-between",
        ),
    ],
)
def test_left_alone(source):
    body = ast.parse(source).body
    assert unflagged(body) is body
