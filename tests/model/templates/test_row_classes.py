"""The model class of a row a view looks up (`row_classes`)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.templates.row_classes import row_class

_HEADER = """
    from django.shortcuts import get_object_or_404

    from .models import Event
    from shop import models

    def view(request, pk, chosen):
        rows = Event.objects.filter(active=True)
"""


def _row_class(expression: str) -> str:
    text = textwrap.dedent(_HEADER) + f"    value = {expression}\n"
    tree = ast.parse(text)
    ctx = FileContext(
        "events/views.py",
        "events.views",
        tuple(text.splitlines()),
        tree,
        NameResolver(tree, "events.views"),
    )
    assigned = [n for n in ast.walk(tree) if isinstance(n, ast.Assign)][-1]
    return row_class(ctx, assigned.value)


@pytest.mark.parametrize(
    ("expression", "model"),
    [
        pytest.param("get_object_or_404(Event, pk=pk)", "events.models.Event", id="shortcut"),
        pytest.param(
            "get_object_or_404(Event.objects.filter(active=True), pk=pk)",
            "events.models.Event",
            id="shortcut-on-a-queryset",
        ),
        pytest.param("Event.objects.get(pk=pk)", "events.models.Event", id="manager-get"),
        pytest.param(
            "Event.objects.filter(a=1).select_related('b').first()",
            "events.models.Event",
            id="through-the-chain",
        ),
        pytest.param("models.Order.objects.get(pk=pk)", "shop.models.Order", id="module-attr"),
        pytest.param("Event.objects.filter(a=1)", "", id="a-queryset"),
        pytest.param("Event.objects.values('name').get(pk=pk)", "", id="a-dict-of-values"),
        pytest.param("rows.get(pk=pk)", "", id="a-local-queryset"),
        pytest.param("get_object_or_404(chosen, pk=pk)", "", id="a-model-chosen-at-run-time"),
        pytest.param("Event.lookup(pk)", "", id="a-method-of-the-class"),
    ],
)
def test_the_model_a_lookup_gives_a_row_of(expression: str, model: str) -> None:
    assert _row_class(expression) == model
