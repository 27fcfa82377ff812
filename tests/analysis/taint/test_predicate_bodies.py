"""Project predicates written in steps, read as one test."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.taint.predicate_bodies import (
    decoded_copies,
    early_accept_test,
    early_return_test,
)


def _body(source: str) -> list[ast.stmt]:
    function = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(function, ast.FunctionDef)
    return function.body


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            def f(url):
                if not url or not url.startswith("/"):
                    return False
                if url.startswith("//"):
                    return
                return True
            """,
            'url and url.startswith("/") and (not url.startswith("//"))',
            id="checks-then-true",
        ),
        pytest.param(
            """
            def f(url):
                if "\\\\" in url:
                    return None
                return url.isprintable()
            """,
            "not '\\\\' in url and url.isprintable()",
            id="check-then-test",
        ),
        pytest.param(
            """
            def f(url):
                if url.startswith("//"):
                    return False
                else:
                    log(url)
                return True
            """,
            None,
            id="else-branch",
        ),
        pytest.param(
            """
            def f(url):
                if url.startswith("//"):
                    return True
                return False
            """,
            None,
            id="returns-true-early",
        ),
        pytest.param(
            """
            def f(url):
                return True
            """,
            None,
            id="no-check",
        ),
    ],
)
def test_early_return_test(source: str, expected: str | None) -> None:
    test = early_return_test(_body(source))
    assert (ast.unparse(test) if test is not None else None) == (
        ast.unparse(ast.parse(expected, mode="eval").body) if expected else None
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            def f(path):
                if path.is_relative_to(MEDIA):
                    return True
                return path.is_relative_to(STATIC)
            """,
            "path.is_relative_to(MEDIA) or path.is_relative_to(STATIC)",
            id="accepted-early",
        ),
        pytest.param(
            """
            def f(path):
                if path.is_relative_to(MEDIA):
                    return False
                return path.is_relative_to(STATIC)
            """,
            None,
            id="refused-early",
        ),
        pytest.param(
            """
            def f(path):
                if path.is_relative_to(MEDIA):
                    log(path)
                    return True
                return path.is_relative_to(STATIC)
            """,
            None,
            id="more-than-a-return",
        ),
        pytest.param(
            """
            def f(path):
                resolved = path.resolve()
                return resolved.is_relative_to(STATIC)
            """,
            None,
            id="assignment-first",
        ),
    ],
)
def test_early_accept_test(source: str, expected: str | None) -> None:
    test = early_accept_test(_body(source))
    assert (ast.unparse(test) if test is not None else None) == (
        ast.unparse(ast.parse(expected, mode="eval").body) if expected else None
    )


def _qualify(node: ast.expr) -> str | None:
    return {"unquote": "urllib.parse.unquote", "strip": "mylib.strip"}.get(
        node.id if isinstance(node, ast.Name) else ""
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            def f(url):
                decoded = unquote(url)
                return decoded.startswith("/")
            """,
            {"decoded": "url"},
            id="decoded-copy",
        ),
        pytest.param(
            """
            def f(url):
                decoded = strip(url)
                return decoded.startswith("/")
            """,
            {},
            id="other-function",
        ),
        pytest.param(
            """
            def f(url):
                decoded = unquote(url)
                decoded = decoded.replace("/", "")
                return decoded.startswith("/")
            """,
            {},
            id="copy-rebound",
        ),
    ],
)
def test_decoded_copies(source: str, expected: dict[str, str]) -> None:
    _, copies = decoded_copies(_body(source), {"url"}, _qualify)
    assert copies == expected
