"""Modules that are test code by the test cases they define."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.names import NameResolver
from webwarden.model.test_cases import defines_test_case


def _defines(source: str) -> bool:
    tree = ast.parse(textwrap.dedent(source))
    return defines_test_case(tree, NameResolver(tree))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import unittest\nclass T(unittest.TestCase): ...", id="unittest"),
        pytest.param("from flask_testing import TestCase\nclass T(TestCase): ...", id="flask"),
        pytest.param("from django.test import TestCase\nclass T(TestCase): ...", id="django"),
        pytest.param(
            "from rest_framework.test import APITestCase\nclass T(APITestCase): ...", id="drf"
        ),
    ],
)
def test_test_case_classes_make_test_code(source: str) -> None:
    assert _defines(source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("class TestCase: ...\nclass T(TestCase): ...", id="own-class"),
        pytest.param("import unittest\nclass T(unittest.mock.Mock): ...", id="mock"),
        pytest.param("import unittest\ndef f():\n    class T(unittest.TestCase): ...", id="nested"),
    ],
)
def test_other_modules_are_not(source: str) -> None:
    assert not _defines(source)
