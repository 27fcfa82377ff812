from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.templates.url_methods import url_attributes, url_functions


def _attributes(source: str) -> dict[str, tuple[bool, bool]]:
    """Each URL attribute: (built by the framework, scheme fixed by the developer)."""
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext("m.py", "m", tuple(text.splitlines()), tree, NameResolver(tree, "m"))
    return {name: (built, fixed) for name, built, _, fixed in url_attributes(ctx)}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("return reverse('table', args=[self.pk])", (True, True), id="reversed"),
        pytest.param("return '+table/' + self.slug", (False, True), id="relative-path"),
        pytest.param("return f'/tables/{self.slug}/?tag={self.tag}'", (False, True), id="local"),
        pytest.param("return '/tables/{}/'.format(self.slug)", (False, True), id="format"),
        pytest.param("return '?tag=%s' % self.tag", (False, True), id="query"),
        pytest.param("return 'https://example.org/' + self.slug", (False, True), id="host"),
        pytest.param("return 'mailto:'", (False, True), id="literal"),
        pytest.param("return self.tag + '/table'", (False, False), id="data-first"),
        pytest.param("return 'java' + self.tag", (False, False), id="no-scheme-fixed"),
        pytest.param("return '/' + self.tag", (False, False), id="slash-then-data"),
        pytest.param("return '{}/x'.format(self.tag)", (False, False), id="format-data-first"),
        pytest.param(
            "url = '+table/' + self.slug\n    if self.tag:\n        url = url + '?tag=' + self.tag"
            "\n    return url",
            (False, True),
            id="local-extended",
        ),
        pytest.param(
            "url = '/tables/'\n    url += self.tag\n    return url", (False, True), id="appended"
        ),
        pytest.param(
            "url = '/tables/'\n    if self.tag:\n        url = self.tag\n    return url",
            (False, False),
            id="local-rebound-to-data",
        ),
        pytest.param(
            "for url in self.urls:\n        pass\n    return url", (False, False), id="loop-bound"
        ),
    ],
)
def test_url_method_returns(body: str, expected: tuple[bool, bool]) -> None:
    assert _attributes(_indented(body))["relative_url"] == expected


def _indented(body: str) -> str:
    """A class whose `relative_url` has `body` (its lines after the first indented by 4)."""
    lines = body.split("\n    ")
    inner = "\n".join("        " + line for line in lines)
    return f"class Table:\n    def relative_url(self):\n{inner}\n"


def test_a_name_defined_twice_fixes_the_scheme_only_if_both_do() -> None:
    source = """
        class Table:
            def relative_url(self):
                return "+table/" + self.slug

        class Feed:
            def relative_url(self):
                return self.address
    """
    assert _attributes(source)["relative_url"] == (False, False)


def _functions(source: str) -> tuple[str, ...]:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext("m.py", "m", tuple(text.splitlines()), tree, NameResolver(tree, "m"))
    return url_functions(ctx)


def test_url_functions_return_only_built_urls() -> None:
    source = """
        from flask import request, url_for

        def modify_query(endpoint, **changes):
            args = request.args.copy()
            args.update(changes)
            return url_for(endpoint, **args)

        def page_url(page):
            url = url_for("index", page=page)
            return url

        def maybe_url(page):
            if page is None:
                return None
            return url_for("index", page=page)

        def next_url():
            if "next" in request.args:
                return request.args["next"]
            return url_for("index")

        def nothing():
            pass

        class Links:
            def link(self):
                return url_for("index")
    """
    assert _functions(source) == ("modify_query", "page_url", "maybe_url")


def test_url_functions_need_a_url_builder_named() -> None:
    assert _functions("def page(n):\n    return str(n)\n") == ()


def _delegates(source: str) -> dict[str, tuple[bool, tuple[str, ...]]]:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext("m.py", "m", tuple(text.splitlines()), tree, NameResolver(tree, "m"))
    return {name: (built, handed_on) for name, built, handed_on, _ in url_attributes(ctx)}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("return self.board.get_url()", (True, ("get_url",)), id="relation-method"),
        pytest.param("return self.get_url()", (True, ("get_url",)), id="own-method"),
        pytest.param("return other.get_url()", (False, ()), id="not-self"),
        pytest.param("return self.board.name()", (False, ()), id="not-url-named"),
        pytest.param(
            "url = reverse('list')\n    return f'{url}#row-{self.pk}'", (True, ()), id="built-local-keyed"
        ),
        pytest.param(
            "url = reverse('list')\n    return f'{url}#{self.title}'", (False, ()), id="built-local-text"
        ),
        pytest.param(
            "url = self.address\n    return f'{url}#row-{self.pk}'", (False, ()), id="local-not-built"
        ),
    ],
)  # fmt: skip
def test_url_method_hands_on(body: str, expected: tuple[bool, tuple[str, ...]]) -> None:
    assert _delegates(_indented(body))["relative_url"] == expected
