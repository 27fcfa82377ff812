from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.templates.option_gates import bind, option_literals
from webwarden.model.templates.safe_marking import marks_input_safe


def _function(source: str) -> ast.FunctionDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


def _options(source: str) -> tuple[str, ...] | None:
    function = _function(source)
    return option_literals(function, lambda f: bool(marks_input_safe(f, {})[0]))[0]


_CLEANED_UNLESS_SAFE = """
def markdown_filter(text, mode=None):
    html = markdown.markdown(text)
    if mode == "safe":
        out = html
    elif mode == "strip":
        out = bleach.clean(html, strip=True)
    else:
        out = bleach.clean(html)
    return mark_safe(out)
"""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(_CLEANED_UNLESS_SAFE, ("safe",), id="cleaned-unless-safe"),
        pytest.param(
            """
            def render(text, raw=False):
                if not raw:
                    text = bleach.clean(text)
                return mark_safe(text)
            """,
            None,
            id="truthy-flag-not-a-literal",
        ),
        pytest.param(
            """
            def render(text, mode="plain"):
                if mode in ("html", "trusted"):
                    return mark_safe(text)
                return mark_safe(bleach.clean(text))
            """,
            ("html", "trusted"),
            id="membership-test",
        ),
        pytest.param(
            """
            def render(text, mode="safe"):
                out = text if mode == "safe" else bleach.clean(text)
                return mark_safe(out)
            """,
            None,
            id="default-is-raw",
        ),
        pytest.param(
            """
            def render(text, mode=None):
                if mode != "clean":
                    return mark_safe(text)
                return mark_safe(bleach.clean(text))
            """,
            None,
            id="any-other-literal-is-raw",
        ),
        pytest.param(
            """
            def render(text, mode=None):
                mode = mode or "safe"
                if mode == "safe":
                    return mark_safe(text)
                return mark_safe(bleach.clean(text))
            """,
            None,
            id="option-rebound",
        ),
        pytest.param(
            """
            def render(text):
                return mark_safe(text)
            """,
            None,
            id="no-option",
        ),
    ],
)
def test_raw_options(source: str, expected: tuple[str, ...] | None) -> None:
    assert _options(source) == expected


def test_bind_keeps_the_taken_branch_and_leaves_the_original() -> None:
    function = _function(_CLEANED_UNLESS_SAFE)
    bound = bind(function, "mode", "strip")
    assert "strip=True" in ast.unparse(bound)
    assert "out = html" not in ast.unparse(bound)
    assert "out = html" in ast.unparse(function)


def _clean(source: str) -> tuple[str, ...] | None:
    function = _function(source)
    return option_literals(function, lambda f: bool(marks_input_safe(f, {})[0]))[1]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            def rendered(text, escape_html=False):
                html = markdown.markdown(text)
                if escape_html:
                    html = escape(html)
                return mark_safe(html)
            """,
            ("True",),
            id="truthy-flag-escapes",
        ),
        pytest.param(
            """
            def rendered(text, mode="raw"):
                if mode == "escaped":
                    html = escape(text)
                else:
                    html = text
                return mark_safe(html)
            """,
            ("'escaped'",),
            id="literal-escapes",
        ),
        pytest.param(
            """
            def rendered(text, escape_html=True):
                if escape_html:
                    text = escape(text)
                return mark_safe(text)
            """,
            None,
            id="escaped-by-default",
        ),
        pytest.param(
            """
            def rendered(text, wrap=False):
                if wrap:
                    text = f"<div>{text}</div>"
                return mark_safe(text)
            """,
            None,
            id="option-escapes-nothing",
        ),
    ],
)
def test_clean_options(source: str, expected: tuple[str, ...] | None) -> None:
    assert _clean(source) == expected


def test_option_literals_judge_each_value_once() -> None:
    function = _function(_CLEANED_UNLESS_SAFE)
    judged: list[str] = []

    def marks(bound: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        judged.append(ast.unparse(bound))
        return bool(marks_input_safe(bound, {})[0])

    raw, clean = option_literals(function, marks)
    assert raw == ("safe",)
    assert clean is None
    # NOTE: the default (None), any other literal, "safe" and "strip": the default is
    # judged once for both answers.
    assert len(judged) == 4
