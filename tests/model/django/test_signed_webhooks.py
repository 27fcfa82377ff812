"""Which class views are a library's webhook view checking its provider's signature."""

from __future__ import annotations

import pytest

from webwarden.findings import Location
from webwarden.model.django.extract_views import Method, ViewDef
from webwarden.model.django.views import _signed_webhook

_HERE = Location("alerts/views.py", 1)
_SNS = "django_sns_view.views.SNSEndpoint"


def _view(*methods: str, reads_session: bool = False) -> ViewDef:
    return ViewDef(
        "alerts.views.AlarmEndpoint",
        "class",
        _HERE,
        methods=tuple(Method(name, (), _HERE) for name in methods),
        reads_session=reads_session,
    )


@pytest.mark.parametrize(
    ("view", "verifiers", "expected"),
    [
        pytest.param(_view("dispatch", "handle_message"), {_SNS}, True, id="library-post"),
        pytest.param(_view("handle_message"), set(), False, id="check-switched-off"),
        pytest.param(_view("post"), {_SNS}, False, id="own-post"),
        pytest.param(_view(reads_session=True), {_SNS}, False, id="reads-session"),
    ],
)
def test_signed_webhook(view: ViewDef, verifiers: set[str], expected: bool) -> None:
    chain: list[ViewDef | str] = [view, _SNS, "django.views.generic.View"]
    assert _signed_webhook(chain, [view], frozenset(verifiers)) is expected
