"""Lowering of string building (which parts fall in a URL's query or fragment), of guards in
conditional expressions, and of request reads a branch test checks."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_expr import Scope, lower, read_key
from webwarden.analysis.taint.lower_guards import checked_reads, guards, note_verdict

_WITHIN = ir.Global("is_within_directory")
"""The path check called by name, kept on its guards for the interpreter to read."""

NAMES = frozenset({"url", "args", "anchor", "a", "b", "n", "q", "width", "parts", "fmt"})


def _scope(names: frozenset[str] = NAMES) -> Scope:
    return Scope(
        "views.f",
        "views",
        names | {"values"},
        frozenset(),
        frozenset(),
        {},
        frozenset(),
        lambda node: (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)),
    )


def _fmt(text: str) -> ir.Fmt:
    lowered = lower(ast.parse(text, mode="eval").body, _scope())
    assert isinstance(lowered, ir.Fmt)
    return lowered


@pytest.mark.parametrize(
    ("text", "parts", "query"),
    [
        pytest.param('f"{url}?{args}"', 3, 2, id="f-string"),
        pytest.param('f"{url}#{anchor}?"', 4, 2, id="f-string-fragment"),
        pytest.param('f"/x/{a}/{b}"', 4, 0, id="f-string-no-query"),
        pytest.param('url + "?" + args', 2, 1, id="plus"),
        pytest.param('"?" + url', 2, 1, id="plus-query-first"),
        pytest.param("url + args", 2, 0, id="plus-no-query"),
        pytest.param('"%s?%s" % (url, args)', 3, 2, id="percent-tuple"),
        pytest.param('"%s&b=%%s?%d" % (url, n)', 3, 2, id="percent-escaped"),
        pytest.param('"%s?q=%s&r=%s" % (url, a, b)', 4, 2, id="percent-two-in-query"),
        pytest.param('"/search?q=%s" % q', 2, 1, id="percent-single"),
        pytest.param('"%s?x" % url', 2, 0, id="percent-single-before"),
        pytest.param('"%*s?%s" % (width, url, args)', 4, 0, id="percent-star-width"),
        pytest.param('"%s?%s" % (*parts,)', 2, 0, id="percent-starred-items"),
        pytest.param("fmt % (url, args)", 2, 0, id="percent-unknown-format"),
        pytest.param('"%(u)s?%(q)s" % values', 2, 0, id="percent-mapping-before"),
    ],
)
def test_parts_after_a_constant_question_mark_or_hash(text: str, parts: int, query: int) -> None:
    lowered = _fmt(text)
    assert (len(lowered.parts), lowered.query) == (parts, query)


def test_a_conditional_expression_keeps_the_guards_of_each_arm() -> None:
    lowered = lower(ast.parse('url if is_safe_url(url) else "/"', mode="eval").body, _scope())
    assert isinstance(lowered, ir.Union)
    called = ir.Global("is_safe_url")
    assert lowered.guards == ((), (ir.Guard("url", "call", "is_safe_url", container=called),), ())
    plain = lower(ast.parse("url if a.b else args", mode="eval").body, _scope())
    assert isinstance(plain, ir.Union)
    assert plain.guards == ()
    # A variable that is not true in the else arm is empty, zero or None.
    falsy = lower(ast.parse("url if a else args", mode="eval").body, _scope())
    assert isinstance(falsy, ir.Union)
    assert falsy.guards == ((), (), (ir.Guard("a", "falsy"),))


@pytest.mark.parametrize(
    ("test", "held"),
    [
        pytest.param('is_safe(request.GET.get("next"))', ['request.GET.get("next")'], id="get"),
        pytest.param('a and not ok(self.request.POST["u"])', ['self.request.POST["u"]'], id="sub"),
        pytest.param("ok(url=request.GET.get('n'))", ["request.GET.get('n')"], id="keyword"),
        pytest.param("ok(request.GET.get(key))", [], id="variable-key"),
        pytest.param("ok(load().get('n'))", [], id="call-in-chain"),
        pytest.param("request.GET.get('n') in ('a', 'b')", ["request.GET.get('n')"], id="compared"),
        pytest.param("'x' != request.GET['n']", ["request.GET['n']"], id="compared-right"),
        pytest.param("request.GET.get('n')", [], id="no-call"),
    ],
)
def test_checked_request_reads(test: str, held: list[str]) -> None:
    found = checked_reads(ast.parse(test, mode="eval").body)
    assert [ast.unparse(f) for f in found] == [
        ast.unparse(ast.parse(h, mode="eval").body) for h in held
    ]


@pytest.mark.parametrize(
    "again", ['redirect(request.GET.get("next"))', 'redirect(request.GET["next"])']
)
def test_a_checked_read_read_again_is_the_held_local(again: str) -> None:
    # `.get("next")` and `["next"]` read the one value the mapping holds for the key.
    scope = _scope()
    read = ast.parse('request.GET.get("next")', mode="eval").body
    scope.repeated[read_key(read)] = "<read0>"
    lowered = lower(ast.parse(again, mode="eval").body, scope)
    assert isinstance(lowered, ir.Call)
    assert lowered.args == (ir.Local("<read0>"),)


@pytest.mark.parametrize(
    "other", ['request.GET.get("next", "/")', 'request.GET.getlist("next")', 'request.GET["back"]']
)
def test_other_reads_are_not_the_held_local(other: str) -> None:
    scope = _scope()
    read = ast.parse('request.GET.get("next")', mode="eval").body
    scope.repeated[read_key(read)] = "<read0>"
    assert lower(ast.parse(other, mode="eval").body, scope) != ir.Local("<read0>")


@pytest.mark.parametrize(
    ("test", "then", "otherwise"),
    [
        pytest.param("url", (), (ir.Guard("url", "falsy"),), id="bare-name"),
        pytest.param("not url", (ir.Guard("url", "falsy"),), (), id="negated"),
        pytest.param("url is None", (ir.Guard("url", "falsy"),), (), id="is-none"),
        pytest.param("url is not None", (), (ir.Guard("url", "falsy"),), id="is-not-none"),
        pytest.param("url is a", (), (), id="is-another-value"),
        pytest.param("isinstance(url, str)", (), (ir.Guard("url", "not_text"),), id="text"),
        pytest.param(
            "not isinstance(url, (bytes, str))", (ir.Guard("url", "not_text"),), (), id="not-text"
        ),
        # Either part of a conjunction may be what failed: `url` may still be truthy.
        pytest.param("a and url", (), (), id="conjunction"),
        pytest.param(
            "url and not get_adapter().is_safe_url(url)",
            (),
            (ir.Guard("url", "call", "is_safe_url"),),
            id="method-check",
        ),
        pytest.param("get_adapter().is_valid(url)", (), (), id="method-not-a-check"),
        pytest.param("url.upper() == 'TXT'", (ir.Guard("url", "equal"),), (), id="case-folded"),
        pytest.param(
            "b.name != url",
            (),
            (ir.Guard("url", "equal", container=ir.Attr(ir.Local("b"), "name")),),
            id="equal-to-a-value",
        ),
        pytest.param("url.lower() == b.lower()", (), (), id="case-folded-value-no-check"),
        pytest.param(
            "is_within_directory(a, url)",
            (
                ir.Guard("a", "call", "is_within_directory", container=_WITHIN),
                ir.Guard("url", "call", "is_within_directory", container=_WITHIN),
            ),
            (),
            id="path-check-guards-every-argument",
        ),
        pytest.param(
            "not (parts.netloc == b.netloc)",
            (),
            (
                ir.Guard("parts", "host", container=ir.Attr(ir.Local("b"), "netloc")),
                ir.Guard("b", "host", container=ir.Attr(ir.Local("parts"), "netloc")),
            ),
            id="host-compared",
        ),
        pytest.param(
            "parts.hostname in a",
            (
                ir.Guard("parts.hostname", "member", container=ir.Local("a")),
                ir.Guard("parts", "host", container=ir.Local("a")),
            ),
            (),
            id="host-listed",
        ),
        # A view's value kept on `self`: that part of `self` holds a member then.
        pytest.param(
            "a.shown not in b.filters",
            (),
            (ir.Guard("a.shown", "member", container=ir.Attr(ir.Local("b"), "filters")),),
            id="attribute-member",
        ),
        # An attribute of an attribute (a view's saved row, `self.object.source_url`).
        pytest.param(
            "not get_adapter().is_safe_url(a.saved.url)",
            (),
            (ir.Guard("a.saved.url", "call", "is_safe_url"),),
            id="nested-attribute-check",
        ),
        pytest.param("get_adapter().is_safe_url(c.saved.url)", (), (), id="attribute-of-no-local"),
        # pathlib's `parents`: the path lies below the root (for a normalised path).
        pytest.param(
            "ROOT not in a.parents", (), (ir.Guard("a", "contained", "parents"),), id="parents"
        ),
        pytest.param(
            "ROOT in a.resolve().parents",
            (ir.Guard("a", "contained", "normalised"),),
            (),
            id="parents-of-the-resolved-path",
        ),
        # An empty host is what `/\\evil.example` has too.
        pytest.param(
            "parts.netloc == ''", (ir.Guard("parts", "no_host"),), (), id="host-empty-only-noted"
        ),
    ],
)
def test_branch_guards(
    test: str, then: tuple[ir.Guard, ...], otherwise: tuple[ir.Guard, ...]
) -> None:
    assert guards(ast.parse(test, mode="eval").body, _scope()) == (then, otherwise)


@pytest.mark.parametrize(
    ("text", "held"),
    [
        pytest.param(
            "[n for n in url if n.isdigit()]", (ir.Guard("n", "method", "isdigit"),), id="one"
        ),
        pytest.param(
            "(n for n in url if n.isalnum() or n in a)",
            (ir.Guard("n", "method", "isalnum"), ir.Guard("n", "member", container=ir.Local("a"))),
            id="either-guards",
        ),
        pytest.param("[n for n in url if n.isalnum() or b]", (), id="either-may-pass"),
        pytest.param("[n for n in url if n != ' ']", (), id="excluded-only"),
    ],
)
def test_comprehension_guards(text: str, held: tuple[ir.Guard, ...]) -> None:
    lowered = lower(ast.parse(text, mode="eval").body, _scope())
    assert isinstance(lowered, ir.Comp)
    assert lowered.guards == held


@pytest.mark.parametrize(
    "assigned",
    [
        pytest.param("host = urlparse(url).hostname", id="attribute"),
        pytest.param('host = "{uri.hostname}".format(uri=urlparse(url))', id="formatted"),
    ],
)
def test_host_kept_in_a_local_guards_its_url(assigned: str) -> None:
    scope = _scope(NAMES | {"host"})
    scope.aliases["urlparse"] = "urllib.parse.urlparse"
    statement = ast.parse(assigned).body[0]
    assert isinstance(statement, ast.Assign)
    note_verdict(statement, scope)
    then, _ = guards(ast.parse("host in a", mode="eval").body, scope)
    assert then == (
        ir.Guard("host", "member", container=ir.Local("a")),
        ir.Guard("url", "host", container=ir.Local("a")),
    )
    rebound = ast.parse("url = b").body[0]
    assert isinstance(rebound, ast.Assign)
    note_verdict(rebound, scope)
    assert guards(ast.parse("host in a", mode="eval").body, scope)[0] == then[:1]


@pytest.mark.parametrize(
    ("text", "callee"),
    [
        pytest.param(
            "werkzeug.local.LocalProxy(lambda: itsdangerous.Serializer(key))",
            "itsdangerous.Serializer",
            id="proxy-of-a-made-object",
        ),
        pytest.param(
            "werkzeug.local.LocalProxy(lambda: registry)",
            "werkzeug.local.LocalProxy",
            id="proxy-of-a-name-stays",
        ),
        pytest.param(
            "werkzeug.local.LocalProxy(lambda x: itsdangerous.Serializer(x))",
            "werkzeug.local.LocalProxy",
            id="function-with-parameters-stays",
        ),
    ],
)
def test_a_local_proxy_reads_as_the_call_it_makes(text: str, callee: str) -> None:
    lowered = lower(ast.parse(text, mode="eval").body, _scope())
    assert isinstance(lowered, ir.Call)
    assert isinstance(lowered.func, ir.Global)
    assert lowered.func.name == callee
