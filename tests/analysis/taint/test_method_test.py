"""Tests for `webwarden.analysis.taint.method_test`."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint.method_test import get_branch


@pytest.mark.parametrize(
    ("test", "arm"),
    [
        pytest.param('request.method == "GET"', "then", id="equal-get"),
        pytest.param('request.method != "GET"', "else", id="not-equal-get"),
        pytest.param('request.method == "POST"', "else", id="equal-post"),
        pytest.param('request.method != "POST"', "then", id="not-equal-post"),
        pytest.param('"GET" == request.method', "then", id="constant-first"),
        pytest.param('request.method in ("GET", "HEAD")', "then", id="in-tuple-with-get"),
        pytest.param('request.method in ["POST", "PUT"]', "else", id="in-list-without-get"),
        pytest.param('request.method not in {"GET"}', "else", id="not-in-set-with-get"),
        pytest.param('request.method.lower() == "get"', "then", id="lower-cased"),
        pytest.param("request.method == verb", "", id="not-a-constant"),
        pytest.param('request.path == "GET"', "", id="not-the-method"),
        pytest.param('request.method == "GET" and ok', "then", id="and-get"),
        pytest.param('ok and request.method == "POST"', "else", id="and-post"),
        pytest.param('request.method == "GET" or ok', "", id="or"),
        pytest.param(
            'request.method == "GET" and request.method != "GET"', "", id="and-contradiction"
        ),
        pytest.param('request.method in ("GET", name)', "", id="tuple-not-all-constants"),
        pytest.param('request.method is "GET"', "", id="identity"),
    ],
)
def test_get_branch(test: str, arm: str) -> None:
    assert get_branch(ast.parse(test, mode="eval").body) == arm
