"""Whether a form's inline `onsubmit` handler always cancels the browser's submission."""

from __future__ import annotations

import pytest

from webwarden.model.templates.cancelled_submit import cancels_submission


@pytest.mark.parametrize(
    ("handler", "expected"),
    [
        pytest.param("if(validateDates()){getFormData()};return false", True, id="after-if"),
        pytest.param("send(this); return false;", True, id="trailing-semicolon"),
        pytest.param("if (ok()) { send() } return  false", True, id="after-block"),
        pytest.param("return false", True, id="alone"),
        pytest.param("log('a;b}'); return false", True, id="quoted-brackets"),
        pytest.param("if(!ok()){return false}", False, id="inside-block"),
        pytest.param("if (!ok()) return false", False, id="inside-if"),
        pytest.param("return confirm('Delete?')", False, id="confirm"),
        pytest.param("return false || submitAnyway()", False, id="expression"),
        pytest.param("return falsey()", False, id="longer-name"),
        pytest.param("send(); return false)", False, id="unbalanced"),
        pytest.param("", False, id="empty"),
    ],
)
def test_cancels_submission(handler: str, expected: bool) -> None:
    assert cancels_submission(handler) is expected
