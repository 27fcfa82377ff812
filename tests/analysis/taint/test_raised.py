"""Which handlers take an exception raised with request data: builtin classes and
Django's `ValidationError` by their bases, anything else by the nearest handler."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.raised import (
    DJANGO_VALIDATION_ERROR,
    django_validation_error,
    may_catch,
    raised_class,
    surely_catches,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            ir.Call(ir.Global("ValueError"), "ValueError", (), (), (1, 0)),
            "ValueError",
            id="builtin-call",
        ),
        pytest.param(ir.Global("KeyError"), "KeyError", id="builtin-name"),
        pytest.param(
            ir.Call(ir.Global("x"), "django.forms.ValidationError", (), (), (1, 0)),
            DJANGO_VALIDATION_ERROR,
            id="django-forms-alias",
        ),
        pytest.param(
            ir.Call(ir.Global("x"), "rest_framework.exceptions.ValidationError", (), (), (1, 0)),
            "",
            id="drf-class-not-known",
        ),
        pytest.param(
            ir.Call(ir.Global("x"), "app.errors.BillingError", (), (), (1, 0)),
            "",
            id="project-class",
        ),
    ],
)
def test_raised_class(value: ir.Expr, expected: str) -> None:
    assert raised_class(value) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("django.core.exceptions.ValidationError", True, id="core"),
        pytest.param("django.core.validators.ValidationError", True, id="validators-import"),
        pytest.param("django.forms.utils.ValidationError", True, id="forms-utils"),
        pytest.param("django.db.ValidationError", False, id="other-django-module"),
        pytest.param("django.core.exceptions.PermissionDenied", False, id="other-class"),
    ],
)
def test_django_validation_error(name: str, expected: bool) -> None:
    assert django_validation_error(name) is expected


@pytest.mark.parametrize(
    ("kind", "classes", "expected"),
    [
        pytest.param(
            DJANGO_VALIDATION_ERROR, ("app.errors.BillingError",), False, id="project-class-passes"
        ),
        pytest.param(
            DJANGO_VALIDATION_ERROR,
            ("stripe.StripeError", "KeyError"),
            False,
            id="library-and-builtin-pass",
        ),
        pytest.param(
            DJANGO_VALIDATION_ERROR, ("django.forms.ValidationError",), True, id="alias-takes"
        ),
        pytest.param(DJANGO_VALIDATION_ERROR, ("Exception",), True, id="base-takes"),
        pytest.param(
            DJANGO_VALIDATION_ERROR, ("ValidationError",), True, id="unresolved-name-may-take"
        ),
        pytest.param(DJANGO_VALIDATION_ERROR, None, True, id="bare-except"),
        pytest.param("ValueError", ("LookupError",), False, id="builtin-not-a-base"),
        pytest.param("KeyError", ("LookupError",), True, id="builtin-base"),
        pytest.param("", ("app.errors.BillingError",), True, id="unknown-class"),
    ],
)
def test_may_catch(kind: str, classes: tuple[str, ...] | None, expected: bool) -> None:
    assert may_catch(kind, classes) is expected


@pytest.mark.parametrize(
    ("kind", "classes", "expected"),
    [
        pytest.param("ValueError", ("ValueError",), True, id="same-class"),
        pytest.param("ValueError", ("TypeError", "Exception"), True, id="base-in-tuple"),
        pytest.param("ValueError", ("app.errors.BillingError",), False, id="project-class"),
        pytest.param("", ("ValueError",), False, id="unknown-class-may-pass-builtin"),
        pytest.param("", ("Exception",), True, id="unknown-class-exception"),
        pytest.param("", ("app.errors.BillingError",), False, id="unknown-class-project"),
        pytest.param(
            DJANGO_VALIDATION_ERROR, ("django.forms.ValidationError",), True, id="django-alias"
        ),
        pytest.param(DJANGO_VALIDATION_ERROR, ("ValidationError",), False, id="unresolved"),
        pytest.param("KeyError", None, True, id="bare-except"),
    ],
)
def test_surely_catches(kind: str, classes: tuple[str, ...] | None, expected: bool) -> None:
    assert surely_catches(kind, classes) is expected
