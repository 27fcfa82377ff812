"""What the text a function returns is made of."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.templates.output_parts import (
    MAX_CALLS,
    CallParts,
    OutputSummary,
    Parts,
    ReturnedParts,
    output_summaries,
    raw_parameters,
)
from webwarden.parse.python import ParsedPython, parse_source


def _summaries(source: str, module: str = "helpers") -> dict[str, OutputSummary]:
    parsed = parse_source(textwrap.dedent(source), f"{module}.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context(f"{module}.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    return {f"{module}.{s.name}": s for s in output_summaries(ctx)}


def _raw(source: str, name: str, given: tuple[str, ...] = ()) -> frozenset[str] | None:
    summaries = _summaries(source)
    return raw_parameters(summaries, f"helpers.{name}", given)


@pytest.mark.parametrize(
    ("body", "raw"),
    [
        pytest.param("return '<b>%s</b>' % escape(text)", frozenset(), id="escaped"),
        pytest.param(
            "return '<i>%s</i>' % hashlib.sha256(text.encode()).hexdigest()",
            frozenset(),
            id="digest",
        ),
        pytest.param('return f\'<a href="?{urlencode({"q": text})}">\'', frozenset(), id="query"),
        pytest.param("return Markup('<b>{}</b>').format(text)", frozenset(), id="markup-format"),
        pytest.param("return text.strftime('%d %b') + '<br>'", frozenset(), id="date"),
        pytest.param("return '<b>%s</b>' % text.name", frozenset({"text"}), id="attribute"),
        pytest.param("return '<b>' + text[3:].strip() + '</b>'", frozenset({"text"}), id="slice"),
        pytest.param("return bleach.clean(text).strip('<>')", None, id="sanitiser-kept-tags"),
        pytest.param("return load(text).title", None, id="library-answer"),
        pytest.param('return CLASSES.get(text, "other")', frozenset(), id="constant-table"),
        pytest.param("return CLASSES[text]", frozenset(), id="constant-table-item"),
        pytest.param(
            "return CLASSES.get(text, text)", frozenset({"text"}), id="table-default-input"
        ),
        pytest.param('return {"a": text}.get(text, "b")', None, id="table-of-the-input"),
        pytest.param('return PEOPLE.get(text, "other")', None, id="table-of-rows"),
    ],
)
def test_the_parts_of_a_returned_string(body: str, raw: frozenset[str] | None) -> None:
    source = f"""
        import hashlib
        from urllib.parse import urlencode

        import bleach
        from markupsafe import Markup, escape
        from store import load

        CLASSES = {{"*": "cleared", "!": "pending"}}
        PEOPLE = {{"admin": load("admin")}}

        def render(text):
            {body}
    """
    assert _raw(source, "render") == raw


def test_locals_are_followed_through_every_assignment() -> None:
    source = """
        def badge(value, css=None, label="new"):
            classes = "badge"
            if css:
                classes = classes + " " + css
            output = '<span class="{c}">{l}</span>'
            output = output.format(c=classes, l=label)
            return output
    """
    assert _raw(source, "badge") == {"css", "label"}


def test_a_helper_is_followed_with_the_arguments_it_is_handed() -> None:
    source = """
        import hashlib

        def picture(address, size=40):
            return "https://img.example/%s?s=%s" % (hashlib.md5(address).hexdigest(), size)

        def portrait(address, size=40, extra=""):
            return '<img class="%s" src="%s">' % (extra, picture(address, size))

        def author_portrait(author):
            return portrait(author.email, 20)

        def echo_portrait(author):
            return portrait(author.email, extra=author.name)
    """
    assert _raw(source, "portrait") == {"extra", "size"}
    assert _raw(source, "author_portrait") == frozenset()
    assert _raw(source, "echo_portrait") == {"author"}


def test_a_branch_under_a_falsy_flag_counts_only_when_the_flag_is_given() -> None:
    source = """
        import lookup_service

        def picture(address, federated=False):
            if federated:
                return lookup_service.url(address)
            return "https://img.example/default.png"
    """
    assert _raw(source, "picture") == frozenset()
    assert _raw(source, "picture", ("federated",)) is None


def test_an_empty_input_handed_back_writes_nothing() -> None:
    source = """
        from markupsafe import escape

        def quoted(text):
            if not text:
                return text
            return "<q>%s</q>" % escape(text)

        def echoed(text):
            if text.startswith("x"):
                return text
            return "<q>%s</q>" % escape(text)
    """
    assert _raw(source, "quoted") == frozenset()
    assert _raw(source, "echoed") == {"text"}


def test_a_function_decorated_by_something_else_is_not_summarised() -> None:
    source = """
        from somewhere import wrap

        @wrap
        def wrapped(value):
            return "<b>fixed</b>"
    """
    assert _summaries(source) == {}


def test_recursion_and_depth_are_bounded() -> None:
    looped = {
        "m.f": OutputSummary(
            "f", ("x",), (), (ReturnedParts(Parts(calls=(CallParts("m.f", (("0", Parts()),)),))),)
        )
    }
    assert raw_parameters(looped, "m.f", ()) is None
    chain = {
        f"m.f{n}": OutputSummary(
            f"f{n}",
            ("x",),
            (),
            (ReturnedParts(Parts(calls=(CallParts(f"m.f{n + 1}", (("0", Parts()),)),))),),
        )
        for n in range(MAX_CALLS + 2)
    }
    chain[f"m.f{MAX_CALLS + 2}"] = OutputSummary("end", ("x",), (), (ReturnedParts(Parts()),))
    assert raw_parameters(chain, "m.f0", ()) is None
    assert raw_parameters(chain, f"m.f{2}", ()) == frozenset()
