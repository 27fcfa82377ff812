"""Functions whose every result is HTML that misaka's `SaferHtmlRenderer` rendered."""

from __future__ import annotations

import textwrap

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.templates.misaka_renderers import safer_markdown_functions
from webwarden.parse.python import ParsedPython, parse_source


def _safer(source: str) -> tuple[str, ...]:
    parsed = parse_source(textwrap.dedent(source), "text.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("text.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    return safer_markdown_functions(ctx)


def test_safer_renderer_and_its_narrowing_subclass() -> None:
    source = """
        import re
        import misaka as m

        class Narrow(m.SaferHtmlRenderer):
            def check_url(self, url, is_image_src=False):
                return bool(re.match("^https:", url))

        class Narrower(Narrow):
            pass

        plain = m.Markdown(m.SaferHtmlRenderer())
        escaping = m.Markdown(Narrower(sanitization_mode="escape"))

        def short(text):
            return plain(text)

        def long(text):
            if not text:
                return None
            html = escaping(text)
            return html
    """
    assert _safer(source) == ("short", "long")


def test_renderers_that_keep_raw_html_or_any_link() -> None:
    source = """
        import misaka

        class Open(misaka.SaferHtmlRenderer):
            def check_url(self, url, is_image_src=False):
                return True

        class Raw(misaka.SaferHtmlRenderer):
            def blockhtml(self, raw):
                return raw

        flagged = misaka.Markdown(misaka.HtmlRenderer(flags=("escape",)))
        opened = misaka.Markdown(Open())
        raw = misaka.Markdown(Raw())
        unknown_mode = misaka.Markdown(misaka.SaferHtmlRenderer(sanitization_mode=MODE))
        safer = misaka.Markdown(misaka.SaferHtmlRenderer())

        def a(text):
            return flagged(text)

        def b(text):
            return opened(text)

        def c(text):
            return raw(text)

        def d(text):
            return unknown_mode(text)

        def e(text):
            return safer(text) + "<hr>" + text

        def f(text, safer=None):
            safer = text
            return safer(text)
    """
    assert _safer(source) == ()


def test_a_module_without_misaka_has_none() -> None:
    assert _safer("def render(text):\n    return markdown(text)\n") == ()
