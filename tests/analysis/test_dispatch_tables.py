"""Which tables of functions the code spells out: displays of functions' names, module-level
or local, that nothing changes; and `getattr()` by a name with a fixed start."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.dispatch_tables import (
    DispatchTables,
    fixed_end,
    fixed_start,
    function_lookup,
    prefixed_getattr,
)
from webwarden.engine.files import FilePlan, make_context
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source


def _context(source: str) -> FileContext:
    parsed = parse_source(textwrap.dedent(source), "views.py")
    assert isinstance(parsed, ParsedPython)
    return make_context("views.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))


def _entries(source: str, name: str) -> list[str] | None:
    found = DispatchTables.of(_context(source)).table(name)
    return None if found is None else [ast.unparse(entry) for entry in found]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('ACTIONS = {"a": add, "d": remove}', ["add", "remove"], id="dict"),
        pytest.param("ACTIONS = [add, remove, add]", ["add", "remove"], id="list-repeats"),
        pytest.param("ACTIONS = (add, handlers.remove)", ["add", "handlers.remove"], id="dotted"),
        pytest.param('ACTIONS = {"a": add}\nprint(len(ACTIONS))', ["add"], id="read-by-len"),
        pytest.param('ACTIONS = {"a": add, "b": "text"}', None, id="not-all-names"),
        pytest.param('ACTIONS = {**BASE, "a": add}', None, id="spread"),
        pytest.param("ACTIONS = {}", None, id="empty"),
        pytest.param('ACTIONS = {"a": add}\nACTIONS["b"] = other', None, id="stored-into"),
        pytest.param('ACTIONS = {"a": add}\nACTIONS.update(more)', None, id="updated"),
        pytest.param("ACTIONS = [add]\nACTIONS.append(other)", None, id="appended"),
        pytest.param("ACTIONS = [add]\nACTIONS += [other]", None, id="added-to"),
        pytest.param('ACTIONS = {"a": add}\nregister(ACTIONS)', None, id="handed-to-call"),
        pytest.param('ACTIONS = {"a": add}\nACTIONS = {"b": other}', None, id="bound-twice"),
        pytest.param(
            'ACTIONS = {"a": add}\ndef f():\n    global ACTIONS\n    ACTIONS = {}',
            None,
            id="declared-global",
        ),
        pytest.param("from plugins import ACTIONS\nACTIONS = [add]", None, id="imported-too"),
    ],
)
def test_module_tables(source: str, expected: list[str] | None) -> None:
    assert _entries(source, "ACTIONS") == expected


_VIEW = """
ACTIONS = {"a": add}

def view(request, kind):
    {body}
"""


def _view_lookup(body: str) -> list[str] | None:
    ctx = _context(_VIEW.replace("{body}", textwrap.indent(body, "    ").strip()))
    view = ctx.tree.body[1]
    assert isinstance(view, ast.FunctionDef)
    call = next(
        node
        for node in ast.walk(view)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Subscript | ast.Call)
    )
    found = function_lookup(call.func, view, ctx)
    if found is None:
        return None
    default = [] if found.default is None else [f"default {ast.unparse(found.default)}"]
    return [*(ast.unparse(entry) for entry in found.entries), *default]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("return ACTIONS[kind](request)", ["add"], id="module-table"),
        pytest.param("return ACTIONS.get(kind)(request)", ["add"], id="get"),
        pytest.param("return ACTIONS.get(kind, None)(request)", ["add"], id="get-none"),
        pytest.param(
            "return ACTIONS.get(kind, show)(request)", ["add", "default show"], id="get-default"
        ),
        pytest.param("steps = [one, two]\nreturn steps[kind](request)", ["one", "two"], id="local"),
        pytest.param(
            "steps = [one]\nsteps.extend(more)\nreturn steps[kind](request)", None, id="local-grown"
        ),
        pytest.param(
            "ACTIONS = load()\nreturn ACTIONS[kind](request)", None, id="module-name-rebound"
        ),
        pytest.param("return OTHER[kind](request)", None, id="unknown-table"),
        pytest.param("return (one, two)[kind](request)", ["one", "two"], id="inline-display"),
        pytest.param(
            'return {"a": one}.get(kind, two)(request)', ["one", "default two"], id="inline-get"
        ),
        pytest.param("return [one, load()][kind](request)", None, id="inline-not-names"),
        pytest.param("return ACTIONS[kind][0](request)", None, id="item-of-item"),
    ],
)
def test_lookups_in_a_function(body: str, expected: list[str] | None) -> None:
    assert _view_lookup(body) == expected


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        pytest.param('"do_" + action', "do_", id="plus"),
        pytest.param('"do_" + action + "_now"', "do_", id="plus-twice"),
        pytest.param('f"do_{action}"', "do_", id="f-string"),
        pytest.param('"do_%s" % action', "do_", id="percent"),
        pytest.param('"do_{}".format(action)', "do_", id="format"),
        pytest.param('action + "_view"', "", id="fixed-end-only"),
        pytest.param('f"{action}"', "", id="f-string-no-text"),
        pytest.param('"%s_view" % action', "", id="percent-first"),
        pytest.param('"100%% %s" % action', "", id="percent-escaped-not-read"),
        pytest.param("action", "", id="name"),
    ],
)
def test_fixed_start(text: str, prefix: str) -> None:
    assert fixed_start(ast.parse(text, mode="eval").body) == prefix


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('getattr(self, "do_" + action)', ("self", "do_", None), id="plain"),
        pytest.param('getattr(self, f"do_{action}", None)', ("self", "do_", None), id="none"),
        pytest.param(
            'getattr(self, "do_" + action, self.other)', ("self", "do_", "self.other"), id="default"
        ),
        pytest.param("getattr(self, action)", None, id="no-prefix"),
        pytest.param('getattr(self.helper, "do_" + action)', None, id="attribute-object"),
        pytest.param('getattr(self, "do_x")', None, id="constant"),
    ],
)
def test_prefixed_getattr(text: str, expected: tuple[str, str, str | None] | None) -> None:
    found = prefixed_getattr(ast.parse(text, mode="eval").body)
    if expected is None:
        assert found is None
        return
    assert found is not None
    default = None if found.default is None else ast.unparse(found.default)
    assert (found.receiver, found.prefix, default) == expected


@pytest.mark.parametrize(
    ("text", "end"),
    [
        pytest.param('"get_" + name + "_display"', "_display", id="plus"),
        pytest.param('f"get_{name}_display"', "_display", id="f-string"),
        pytest.param('"get_%s_display" % name', "_display", id="percent"),
        pytest.param('"get_{}_display".format(name)', "_display", id="format"),
        pytest.param('"get_%s_%s" % (a, b)', "", id="percent-two-conversions"),
        pytest.param('"do_" + name', "", id="no-end"),
    ],
)
def test_fixed_end(text: str, end: str) -> None:
    assert fixed_end(ast.parse(text, mode="eval").body) == end


def test_prefixed_names_need_both_ends() -> None:
    found = prefixed_getattr(ast.parse('getattr(self, "get_%s_display" % f)', mode="eval").body)
    assert found is not None
    assert [n for n in ("get_kind_display", "get_queryset", "get_display") if found.names(n)] == [
        "get_kind_display"
    ]


def test_names_a_pick_may_be_bound_to() -> None:
    tables = DispatchTables.of(
        _context(
            """
            def view(request, kind):
                handler = HANDLERS[kind]
                fallback = HANDLERS.get(kind, export_json)
                method = getattr(self, "do_" + kind)
                renderer = make_renderer(kind)
                a, b = HANDLERS[kind], None
            """
        )
    )
    picks = ["handler", "fallback", "method", "renderer", "a", "b"]
    assert [tables.may_pick(name) for name in picks] == [True, True, True, False, False, False]
