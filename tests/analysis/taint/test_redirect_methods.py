"""Who redirects to what a `get_redirect_url()` or `get_success_url()` returns: Django's
`RedirectView` and editing views do, REST framework's views never do, and a mixin of no
known view is taken as called."""

from __future__ import annotations

from typing import Any, cast

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.redirect_methods import redirecting_framework


class _Index:
    """The little of `ProjectIndex` the judgement reads: each project class's bases."""

    def __init__(self, bases: dict[str, tuple[str, ...]]) -> None:
        self.classes = bases

    def mro(self, qualname: str) -> list[str]:
        found = [qualname]
        for base in self.classes.get(qualname, ()):
            found += [name for name in self.mro(base) if name not in found]
        return found

    def mixed_into(self, qualname: str, prefixes: tuple[str, ...]) -> bool:
        return any(
            qualname in bases and self.inherits(cls, prefixes)
            for cls, bases in self.classes.items()
        )

    def inherits(self, qualname: str, prefixes: tuple[str, ...]) -> bool:
        return any(name.startswith(prefixes) for name in self.mro(qualname)[1:])


def _method(owner: str, name: str = "get_redirect_url") -> ir.Function:
    return ir.Function(
        f"{owner}.{name}", name, (ir.Param("self"),), (), ir.Block(()), (1, 1), owner=owner
    )


@pytest.mark.parametrize(
    ("bases", "owner", "expected"),
    [
        pytest.param(
            {"app.Go": ("django.views.generic.RedirectView",)},
            "app.Go",
            "Django's class-based view",
            id="redirect-view",
        ),
        pytest.param(
            {"app.Page": ("django.views.generic.TemplateView",)}, "app.Page", "", id="template-view"
        ),
        pytest.param(
            {"app.Switch": ("rest_framework.views.APIView",)}, "app.Switch", "", id="drf-api-view"
        ),
        pytest.param(
            {"app.Rows": ("rest_framework.viewsets.GenericViewSet",)}, "app.Rows", "", id="viewset"
        ),
        pytest.param(
            {
                "app.NextMixin": (),
                "app.Api": ("app.NextMixin", "rest_framework.views.APIView"),
                "app.Go": ("app.NextMixin", "django.views.generic.RedirectView"),
            },
            "app.NextMixin",
            "Django's class-based view",
            id="mixin-also-of-redirect-view",
        ),
        pytest.param(
            {"app.Other": ("otherlib.views.Base",)},
            "app.Other",
            "Django's class-based view",
            id="unknown-library-base",
        ),
    ],
)
def test_redirecting_framework(
    bases: dict[str, tuple[str, ...]], owner: str, expected: str
) -> None:
    index = cast(IndexView, cast(Any, _Index(bases)))
    assert redirecting_framework(index, _method(owner)) == expected
