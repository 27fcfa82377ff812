"""Constant evaluation."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.constants import UNKNOWN, evaluate, is_constant


def _value(text: str) -> object:
    return evaluate(ast.parse(text, mode="eval").body)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("'a' + 'b'", "ab", id="concat"),
        pytest.param("'%s-%d' % ('a', 1)", "a-1", id="percent"),
        pytest.param("f'{1}x{\"y\"!r}'", "1x'y'", id="fstring"),
        pytest.param("'{}/{x}'.format(1, x=2)", "1/2", id="format"),
        pytest.param("'git {{x}}'.format(*version)", "git {x}", id="format-without-fields"),
        pytest.param("'import json' % data", "import json", id="percent-without-conversion"),
        pytest.param("'100%%' % data", "100%", id="percent-escaped-only"),
        pytest.param("' '.join(['a', 'b'])", "a b", id="join"),
        pytest.param("[1, (2, 3)]", [1, (2, 3)], id="containers"),
        pytest.param("{'a': 1}", {"a": 1}, id="dict"),
        pytest.param("{1, 2}", [1, 2], id="set"),
        pytest.param("-5", -5, id="negative"),
        pytest.param("not 0", True, id="not"),
        pytest.param("None", None, id="none"),
        pytest.param("3 // 2 | 4", 5, id="arith"),
        pytest.param("'ab'.upper().startswith('A')", True, id="methods"),
        pytest.param("1 < 2 < 3", True, id="chain"),
        pytest.param("'a' not in 'bc'", True, id="not-in"),
        pytest.param("None is None", True, id="is"),
        pytest.param("0 and x", 0, id="and-short"),
        pytest.param("'' or 'd'", "d", id="or"),
        pytest.param("float('1.5')", 1.5, id="float"),
        pytest.param("isinstance('True', bool)", False, id="isinstance"),
        pytest.param("isinstance(True, (str, int))", True, id="isinstance-tuple"),
        pytest.param(
            "[h.strip() for h in 'a, b,'.split(',') if h]", ["a", "b"], id="comprehension"
        ),
        pytest.param("[(x, 1) for x in (1, 2)]", [(1, 1), (2, 1)], id="comprehension-tuples"),
        pytest.param("[x for x in 'ab' if x != 'a']", ["b"], id="comprehension-string"),
        pytest.param("list(range(0, 3))", [0, 1, 2], id="range"),
        pytest.param("[x * 2 for x in range(3)]", [0, 2, 4], id="comprehension-range"),
        pytest.param("'in={}'.format(list(range(4))[1:3])", "in=[1, 2]", id="slice"),
        pytest.param("'abc'[::-1]", "cba", id="slice-step"),
        pytest.param("('a', 'b')[-1]", "b", id="index"),
    ],
)
def test_constants(text: str, value: object) -> None:
    assert _value(text) == value


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x", id="name"),
        pytest.param("'a' + x", id="concat-unknown"),
        pytest.param("f'{x}'", id="fstring-unknown"),
        pytest.param("f'{1:>3}'", id="format-spec"),
        pytest.param("'a' * 10**9", id="huge-repeat"),
        pytest.param("'{}'.format(x)", id="format-unknown"),
        pytest.param("'{0.__class__}'.format()", id="format-error"),
        pytest.param("' '.join(x)", id="join-unknown"),
        pytest.param("'x'.join('a', 'b')", id="join-arity"),
        pytest.param("1 / 0 + 1", id="division"),
        pytest.param("{[]: 1}", id="unhashable"),
        pytest.param("int('x')", id="bad-int"),
        pytest.param("'a'.split(1)", id="bad-method"),
        pytest.param("1 < 'a'", id="bad-compare"),
        pytest.param("isinstance(x, bool)", id="isinstance-unknown"),
        pytest.param("isinstance(1, Path)", id="isinstance-other-type"),
        pytest.param("x if y else z", id="ifexp-unknown"),
        pytest.param("x and 1", id="and-unknown"),
        pytest.param("-'a'", id="neg-str"),
        pytest.param("f(1)", id="call"),
        pytest.param("1 @ 2", id="matmul"),
        pytest.param("'a' + 1", id="type-error"),
        pytest.param("{**x}", id="dict-splat"),
        pytest.param("not x", id="not-unknown"),
        pytest.param("range(10**9)", id="huge-range"),
        pytest.param("range(0, 3, 0)", id="range-zero-step"),
        pytest.param("range(x)", id="range-unknown"),
        pytest.param("'ab'[0:x]", id="slice-unknown"),
        pytest.param("'ab'[::0]", id="slice-zero-step"),
        pytest.param("'ab'[5]", id="index-out-of-range"),
        pytest.param("x[0]", id="index-unknown-sequence"),
        pytest.param("{'a': 1}['a']", id="mapping-key"),
        pytest.param("'{x}'.format(**y)", id="format-splat"),
        pytest.param("'a}'.format(*x)", id="format-unmatched-brace"),
        pytest.param("'x=%s' % data", id="percent-unknown"),
        pytest.param("'x=%(a)s' % data", id="percent-mapping-unknown"),
        pytest.param("'100%' % data", id="percent-incomplete"),
        pytest.param("'abc' % 5", id="percent-not-all-converted"),
        pytest.param("[x for x in y]", id="comprehension-unknown-items"),
        pytest.param("[x for x in 'ab' if y]", id="comprehension-unknown-test"),
        pytest.param("[x + y for x in 'ab']", id="comprehension-unknown-element"),
        pytest.param("[x for x in 'ab' for y in 'cd']", id="comprehension-nested"),
        pytest.param("[x for x in 5]", id="comprehension-not-iterable"),
    ],
)
def test_unknowns(text: str) -> None:
    assert _value(text) is UNKNOWN


def test_ifexp_and_depth() -> None:
    assert _value("1 if True else 2") == 1
    deep = "+".join(["'a'"] * 40)
    assert _value(deep) is UNKNOWN  # beyond the depth limit: give up, do not recurse forever
    assert not is_constant(None)
    assert repr(UNKNOWN) == "UNKNOWN"
    assert not UNKNOWN
