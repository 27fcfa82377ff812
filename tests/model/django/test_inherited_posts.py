"""Which Django editing views answer POST with an inherited `post()` no user check reaches."""

from __future__ import annotations

import pytest

from webwarden.findings import Location
from webwarden.model.django.extract_views import Method, ViewDef
from webwarden.model.django.inherited_posts import unchecked_post

_HERE = Location("shelves/views.py", 1)
_UPDATE = ("django.views.generic.edit.UpdateView",)


def _view(*checked: str, others: tuple[str, ...] = (), in_body: bool = False) -> ViewDef:
    methods = tuple(Method(name, (), _HERE, checks_user=True) for name in checked)
    methods += tuple(Method(name, (), _HERE) for name in others)
    return ViewDef(
        "shelves.views.HiddenBooksEdit",
        "class",
        _HERE,
        methods=methods,
        checks_user=bool(checked) or in_body,
    )


@pytest.mark.parametrize(
    ("view", "bases", "expected"),
    [
        pytest.param(_view("get_context_data"), _UPDATE, True, id="check-in-context-only"),
        pytest.param(
            _view("get_context_data", "form_invalid", others=("form_valid",)),
            _UPDATE,
            True,
            id="checks-in-rendering-methods",
        ),
        pytest.param(_view("get_object"), _UPDATE, False, id="check-in-get-object"),
        pytest.param(_view("get_context_data", "dispatch"), _UPDATE, False, id="check-in-dispatch"),
        pytest.param(_view("get_context_data", "form_valid"), _UPDATE, False, id="checked-save"),
        pytest.param(
            _view("get_context_data", others=("post",)), _UPDATE, False, id="own-post-handler"
        ),
        pytest.param(_view(in_body=True), _UPDATE, False, id="check-outside-methods"),
        pytest.param(_view(), _UPDATE, False, id="no-check-at-all"),
        pytest.param(
            _view("get_context_data"),
            ("django.views.generic.DetailView",),
            False,
            id="no-editing-view",
        ),
        pytest.param(
            _view("get_context_data"), ("shelves.views.UpdateView",), False, id="project-base"
        ),
    ],
)
def test_a_valid_post_no_check_reaches(
    view: ViewDef, bases: tuple[str, ...], expected: bool
) -> None:
    assert unchecked_post([view], bases, checked=False) is expected


def test_a_check_elsewhere_guards_the_post() -> None:
    assert unchecked_post([_view("get_context_data")], _UPDATE, checked=True) is False
