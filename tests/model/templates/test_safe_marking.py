from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.names import NameResolver
from webwarden.model.templates.safe_marking import marks_input_safe, marks_through_methods


def _raw(source: str) -> tuple[str, ...]:
    """The parameters the function marks safe unescaped."""
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return marks_input_safe(node, {})[1]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            def f(value):
                value = escape(value)
                return mark_safe(value)
            """,
            (),
            id="escaped-in-the-body",
        ),
        pytest.param(
            """
            def f(value):
                if len(value) > 10:
                    value = escape(value)
                    return mark_safe(value.replace("-", "-<wbr>"))
                return value
            """,
            (),
            id="escaped-earlier-in-the-branch",
        ),
        pytest.param(
            """
            def f(value):
                try:
                    value = escape(value)
                    return mark_safe(value)
                except TypeError:
                    return ""
            """,
            (),
            id="escaped-earlier-in-the-try",
        ),
        pytest.param(
            """
            def f(value):
                if len(value) > 10:
                    value = escape(value)
                return mark_safe(value)
            """,
            ("value",),
            id="escaped-in-one-branch-only",
        ),
        pytest.param(
            """
            def f(value):
                try:
                    value = escape(value)
                except TypeError:
                    pass
                return mark_safe(value)
            """,
            ("value",),
            id="escaped-in-a-try-that-may-fail",
        ),
        pytest.param(
            """
            def f(value):
                original = value
                for width in (40, 20):
                    value = escape(value)
                    for _ in range(width):
                        marked = mark_safe(value)
                        value = original
                return marked
            """,
            ("value",),
            id="raw-again-in-an-inner-loop",
        ),
        pytest.param(
            """
            def f(value):
                if value:
                    value = escape(value)
                    marked = mark_safe(value)
                    value = raw(value)
                return marked
            """,
            (),
            id="replaced-after-the-marking",
        ),
    ],
)
def test_reassignments_before_the_marking(source: str, expected: tuple[str, ...]) -> None:
    assert _raw(source) == expected


def _raw_in_module(source: str) -> tuple[str, ...]:
    """The parameters the module's last function marks safe unescaped, callees known by
    what the module's imports name them."""
    tree = ast.parse(textwrap.dedent(source))
    node = tree.body[-1]
    assert isinstance(node, ast.FunctionDef)
    names = NameResolver(tree)
    return marks_input_safe(node, {}, qualify=names.qualified)[1]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            def tag(context, renderer, obj):
                bits = []
                for slot in slots(obj):
                    bits.append(renderer.render(slot, language=context["lang"], obj=obj))
                return mark_safe("".join(bits))
            """,
            ("render",),
            id="other-inputs-given-to-the-method",
        ),
        pytest.param(
            """
            def tag(context, renderer, obj):
                bits = [renderer.render(slot) for slot in slots(obj)]
                return mark_safe("".join(bits) + obj.title)
            """,
            (),
            id="an-input-marked-beside-the-method",
        ),
    ],
)
def test_marks_through_methods(source: str, expected: tuple[str, ...]) -> None:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    assert marks_through_methods(node, {}) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            import json
            def f(value):
                return mark_safe(json.dumps(value))
            """,
            ("value",),
            id="json-through-its-module",
        ),
        pytest.param(
            """
            from json import dumps as json_dump
            def f(value):
                return mark_safe(json_dump(value))
            """,
            ("value",),
            id="json-imported-under-another-name",
        ),
        pytest.param(
            """
            import simplejson as sj
            def f(value):
                return mark_safe(sj.dumps(value))
            """,
            ("value",),
            id="simplejson-aliased",
        ),
        pytest.param(
            """
            import json
            from django.core.serializers.json import DjangoJSONEncoder
            def f(value):
                return mark_safe(json.dumps(value, cls=DjangoJSONEncoder))
            """,
            ("value",),
            id="json-with-djangos-encoder",
        ),
        pytest.param(
            """
            import json
            from cms.utils.encoder import SafeJSONEncoder
            def f(value):
                return mark_safe(json.dumps(value, cls=SafeJSONEncoder))
            """,
            (),
            id="json-with-an-encoder-named-for-escaping",
        ),
        pytest.param(
            """
            from markupsafe import escape as markup_escape
            def f(value):
                return Markup(f"<b>{markup_escape(value)}</b>")
            """,
            (),
            id="escaper-imported-under-another-name",
        ),
        pytest.param(
            """
            import json
            from django.utils.html import linebreaks
            def f(value):
                return mark_safe(linebreaks(json.dumps(value), autoescape=True))
            """,
            (),
            id="html-helper-told-to-escape",
        ),
        pytest.param(
            """
            from django.utils.html import urlize
            def f(value):
                return mark_safe(urlize(value, None, False))
            """,
            ("value",),
            id="html-helper-not-told-to-escape",
        ),
    ],
)
def test_callees_known_through_the_imports(source: str, expected: tuple[str, ...]) -> None:
    assert _raw_in_module(source) == expected
