"""Which flags set on a row record only that it was viewed (`writes.counters`)."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.writes.counters import (
    _access_stamp,
    _clock,
    _rendered,
    _request_held,
    _viewed,
    _visits,
    counter_saves,
    normalising,
)


@pytest.mark.parametrize(
    ("field", "visits"),
    [
        pytest.param("downloads", True, id="downloads"),
        pytest.param("view_count", True, id="view-count"),
        pytest.param("request_count", True, id="requests-served"),
        pytest.param("num_requests", True, id="number-of-requests"),
        pytest.param("friend_requests", False, id="requests-users-made"),
        pytest.param("friend_request_count", False, id="count-of-requests-users-made"),
        pytest.param("likes", False, id="likes"),
    ],
)
def test_visits(field: str, visits: bool) -> None:
    assert _visits(field) is visits


@pytest.mark.parametrize(
    ("field", "value", "viewed"),
    [
        pytest.param("unread", False, True, id="unread-cleared"),
        pytest.param("is_read", True, True, id="is-read-set"),
        pytest.param("seen", True, True, id="seen-set"),
        pytest.param("unread", True, False, id="marked-unread-again"),
        pytest.param("read_only", True, False, id="read-only-is-no-viewing"),
        pytest.param("archived", True, False, id="other-flag"),
    ],
)
def test_viewed(field: str, value: bool, viewed: bool) -> None:
    assert _viewed(field, ir.Const(value)) is viewed


@pytest.mark.parametrize(
    ("field", "stamp"),
    [
        pytest.param("last_decrypted_date", True, id="last-decrypted-date"),
        pytest.param("last_used_at", True, id="last-used-at"),
        pytest.param("last_seen", True, id="last-seen"),
        pytest.param("last_rotation_date", False, id="rotation-is-a-change"),
        pytest.param("last_login", False, id="login-is-an-act"),
        pytest.param("last_modified_at", False, id="modified-is-a-change"),
        pytest.param("revoked_at", False, id="no-last"),
    ],
)
def test_access_stamp(field: str, stamp: bool) -> None:
    assert _access_stamp(field) is stamp


def _call(callee: str) -> ir.Call:
    return ir.Call(func=ir.Global(callee), callee=callee, args=(), keywords=(), pos=(1, 0))


@pytest.mark.parametrize(
    ("value", "clock"),
    [
        pytest.param(_call("django.utils.timezone.now"), True, id="timezone-now"),
        pytest.param(_call("app.utils.utcnow"), True, id="project-utcnow"),
        pytest.param(_call("time.time"), True, id="time-time"),
        pytest.param(ir.Local("now"), True, id="local-holding-one"),
        pytest.param(ir.Local("when"), False, id="other-local"),
        pytest.param(_call("app.utils.parse_date"), False, id="other-call"),
    ],
)
def test_clock(value: ir.Expr, clock: bool) -> None:
    assert _clock(value, {"now"}) is clock


@pytest.mark.parametrize(
    ("value", "rendered"),
    [
        pytest.param(
            ir.Sub(ir.Attr(ir.Local("response"), "context_data"), ir.Const("object")),
            True,
            id="response-context-object",
        ),
        pytest.param(
            ir.Sub(ir.Attr(ir.Local("form"), "cleaned_data"), ir.Const("row")),
            False,
            id="other-mapping",
        ),
        pytest.param(ir.Attr(ir.Local("response"), "context_data"), False, id="whole-context"),
    ],
)
def test_rendered(value: ir.Expr, rendered: bool) -> None:
    assert _rendered(value) is rendered


def _tracker(*fields: tuple[str, ir.Expr]) -> list[ir.Stmt]:
    made = ir.Call(
        func=ir.Global("app.models.TopicsRead"),
        callee="app.models.TopicsRead",
        args=(),
        keywords=(),
        pos=(1, 0),
    )
    statements: list[ir.Stmt] = [ir.Assign((ir.TName("row"),), made, (1, 0))]
    for line, (field, value) in enumerate(fields, start=2):
        statements.append(ir.Assign((ir.TAttr(ir.Local("row"), field),), value, (line, 0)))
    save = ir.Call(
        func=ir.Attr(ir.Local("row"), "save"), callee=None, args=(), keywords=(), pos=(9, 0)
    )
    return [*statements, ir.Eval(save)]


@pytest.mark.parametrize(
    ("statements", "recorded"),
    [
        pytest.param(
            _tracker(
                ("user", ir.Local("user")),
                ("topic", ir.Local("self")),
                ("last_read", _call("django.utils.timezone.now")),
            ),
            True,
            id="reader-read-and-time",
        ),
        pytest.param(
            _tracker(
                ("user", ir.Local("user")),
                ("forum", ir.Attr(ir.Local("self"), "forum")),
                ("last_read", _call("app.helpers.time_utcnow")),
            ),
            True,
            id="project-clock-helper",
        ),
        pytest.param(
            _tracker(
                ("user", ir.Local("user")),
                ("subscribed", ir.Const(True)),
                ("last_read", _call("django.utils.timezone.now")),
            ),
            False,
            id="another-field-set",
        ),
        pytest.param(_tracker(("user", ir.Local("user"))), False, id="no-time-of-reading"),
        pytest.param(
            [
                ir.Assign((ir.TName("url"),), _call("app.forms.chosen_url"), (1, 0)),
                *_tracker(
                    ("url", ir.Local("url")),
                    ("last_visited", _call("django.utils.timezone.now")),
                ),
            ],
            False,
            id="a-value-the-request-chose",
        ),
    ],
)
def test_a_new_row_holding_a_reading_records_it(statements: list[ir.Stmt], recorded: bool) -> None:
    clock_helper = lambda call: call.callee == "app.helpers.time_utcnow"  # noqa: E731
    assert bool(counter_saves(statements, clock_helper)) is recorded


@pytest.mark.parametrize(
    ("value", "held"),
    [
        pytest.param(ir.Attr(ir.Local("request"), "user"), True, id="request-user"),
        pytest.param(ir.Attr(ir.Local("request"), "profile"), True, id="middleware-profile"),
        pytest.param(
            ir.Attr(ir.Attr(ir.Local("self"), "request"), "user"), True, id="class-view-user"
        ),
        pytest.param(ir.Attr(ir.Local("request"), "GET"), False, id="query-string"),
        pytest.param(ir.Attr(ir.Local("request"), "session"), False, id="session"),
        pytest.param(ir.Attr(ir.Local("form"), "instance"), False, id="other-object"),
    ],
)
def test_request_held(value: ir.Expr, held: bool) -> None:
    assert _request_held(value) is held


def _assign(value: ir.Expr) -> ir.Assign:
    return ir.Assign((ir.TAttr(ir.Local("view"), "query_filter"),), value, (2, 4))


def _method_call(name: str, *args: ir.Expr, row: str = "view") -> ir.Call:
    return ir.Call(ir.Attr(ir.Local(row), name), None, args, (), (2, 24))


@pytest.mark.parametrize(
    ("value", "normalises"),
    [
        pytest.param(_method_call("validate_filter"), True, id="row-validates-itself"),
        pytest.param(_method_call("normalize_settings"), True, id="row-normalises-itself"),
        pytest.param(
            _method_call("validate_filter", ir.Local("sent")), False, id="validates-a-given-value"
        ),
        pytest.param(_method_call("generate_key"), False, id="new-value"),
        pytest.param(_method_call("validate_filter", row="other"), False, id="another-row"),
    ],
)
def test_normalising(value: ir.Expr, normalises: bool) -> None:
    assert normalising(_assign(value)) is normalises
