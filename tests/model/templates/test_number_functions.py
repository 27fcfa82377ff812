"""Functions of the project whose every result is inert, told across modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model
from webwarden.model.templates.number_functions import settle

COUNTS = """
from django.db.models import Sum

from shop.models import Order


def paid(shop_id):
    try:
        found = int(Order.objects.filter(shop=shop_id).aggregate(Sum("paid"))["paid__sum"])
    except TypeError:
        found = 0
    return found


def refunded(shop_id):
    return Order.objects.filter(shop=shop_id, refunded=True).count()


def balance(shop_id):
    return paid(shop_id) - refunded(shop_id)


def with_reports(shop_id):
    return balance(shop_id) + reports.pending(shop_id)


def loop(n):
    return loop(n - 1) if n else 0


def customer(shop_id):
    return Order.objects.filter(shop=shop_id).first().customer_name


def labels(shop_id):
    for order in Order.objects.filter(shop=shop_id):
        yield 1


def nothing(shop_id):
    print(shop_id)


def given(count):
    return count
"""
REPORTS = """
from django.db import models


def pending(shop_id):
    return len(models.Report.objects.filter(shop=shop_id))
"""
VIEWS = """
from django.shortcuts import render

from shop import counts


def page(request):
    return render(request, "page.html", {"paid": counts.paid(1), "name": counts.customer(1)})
"""


@pytest.mark.parametrize(
    ("function", "told"),
    [
        pytest.param("paid", True, id="local-set-by-int-or-zero"),
        pytest.param("refunded", True, id="count"),
        pytest.param("balance", True, id="arithmetic-of-told-functions"),
        pytest.param("with_reports", True, id="function-of-another-module"),
        pytest.param("loop", False, id="assumes-itself"),
        pytest.param("customer", False, id="attribute-of-a-row"),
        pytest.param("labels", False, id="generator"),
        pytest.param("nothing", False, id="returns-no-value"),
        pytest.param("given", False, id="returns-its-parameter"),
    ],
)
def test_number_functions(tmp_path: Path, function: str, told: bool) -> None:
    files = {
        "shop/__init__.py": "",
        "shop/counts.py": COUNTS.replace(
            "from shop.models import Order",
            "from shop import reports\nfrom shop.models import Order",
        ),
        "shop/reports.py": REPORTS,
        "shop/views.py": VIEWS,
        "shop/templates/page.html": "{{ paid }}",
    }
    model = template_model(tmp_path, files)
    assert (f"shop.counts.{function}" in model.number_functions) is told


def test_context_name_assumes_the_called_function(tmp_path: Path) -> None:
    files = {
        "shop/__init__.py": "",
        "shop/counts.py": COUNTS,
        "shop/views.py": VIEWS,
        "shop/templates/page.html": "{{ paid }}",
    }
    model = template_model(tmp_path, files)
    (render,) = [r for r in model.renders if r.function.endswith(".page")]
    names = {name.name: name for name in render.context}
    assert names["paid"].inert_if == ("shop.counts.paid",)
    assert model.inert_name(names["paid"])
    assert not model.inert_name(names["name"])


def test_settle_needs_every_assumption_told() -> None:
    told = settle([("a", ()), ("b", ("a",)), ("c", ("b", "x")), ("d", ("d",))])
    assert told == frozenset({"a", "b"})


DECORATED = """
import functools

from shop.formatting import as_label


@functools.lru_cache
def cached_count():
    return 3


@as_label
def labelled_count():
    return 3
"""


def test_decorated_functions(tmp_path: Path) -> None:
    files = {"shop/__init__.py": "", "shop/counts.py": DECORATED, "shop/views.py": VIEWS}
    model = template_model(tmp_path, files)
    assert "shop.counts.cached_count" in model.number_functions
    assert "shop.counts.labelled_count" not in model.number_functions
