"""Which DRF class views answer DELETE with an inherited `destroy()` no user check reaches."""

from __future__ import annotations

import pytest

from webwarden.findings import Location
from webwarden.model.django.extract_views import Method, ViewDef
from webwarden.model.django.inherited_deletes import unchecked_delete

_HERE = Location("api/views.py", 1)
_MODEL_VIEWSET = ("rest_framework.viewsets.ModelViewSet",)


def _viewset(*checked: str, others: tuple[str, ...] = (), **attributes: object) -> ViewDef:
    methods = tuple(Method(name, (), _HERE, checks_user=True) for name in checked)
    methods += tuple(Method(name, (), _HERE) for name in others)
    return ViewDef(
        "api.views.RunViewSet",
        "class",
        _HERE,
        methods=methods,
        attributes=tuple(attributes.items()),
        checks_user=bool(checked),
    )


@pytest.mark.parametrize(
    ("view", "bases", "expected"),
    [
        pytest.param(_viewset("create"), _MODEL_VIEWSET, True, id="check-in-create-only"),
        pytest.param(
            _viewset("create", others=("get_queryset",)), _MODEL_VIEWSET, True, id="open-queryset"
        ),
        pytest.param(_viewset("get_queryset"), _MODEL_VIEWSET, False, id="queryset-of-the-user"),
        pytest.param(_viewset("initial"), _MODEL_VIEWSET, False, id="check-of-every-request"),
        pytest.param(
            _viewset("create", others=("destroy",)), _MODEL_VIEWSET, False, id="own-destroy"
        ),
        pytest.param(
            _viewset("create", filter_backends=()), _MODEL_VIEWSET, False, id="filter-backends"
        ),
        pytest.param(_viewset(), _MODEL_VIEWSET, False, id="no-check-at-all"),
        pytest.param(
            _viewset("create"),
            ("rest_framework.viewsets.ReadOnlyModelViewSet",),
            False,
            id="no-delete",
        ),
        pytest.param(
            _viewset("create"),
            ("rest_framework.mixins.DestroyModelMixin", "rest_framework.viewsets.GenericViewSet"),
            True,
            id="destroy-mixin",
        ),
        pytest.param(_viewset("create"), ("shop.views.ModelViewSet",), False, id="project-base"),
    ],
)
def test_a_delete_no_check_reaches(view: ViewDef, bases: tuple[str, ...], expected: bool) -> None:
    assert unchecked_delete([view], bases, checked=False) is expected


def test_a_check_through_a_function_it_hands_the_request_to() -> None:
    assert unchecked_delete([_viewset("create")], _MODEL_VIEWSET, checked=True) is False


def test_a_check_outside_its_methods() -> None:
    view = ViewDef("api.views.RunViewSet", "class", _HERE, checks_user=True)
    assert unchecked_delete([view], _MODEL_VIEWSET, checked=False) is False
