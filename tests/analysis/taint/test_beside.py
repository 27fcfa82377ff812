"""Names imported from a module beside the importing one by its bare name."""

from __future__ import annotations

from webwarden.analysis.taint.beside import names_beside

DEFINED = frozenset(
    {"shop.forms.OrderForm", "shop.models.Order", "blog.forms.PostForm", "shop.celery.app"}
)


def _beside(aliases: dict[str, dict[str, str]]) -> dict[str, str]:
    return names_beside(aliases, DEFINED.__contains__)


def test_a_name_the_module_beside_defines() -> None:
    aliases = {
        "shop.views": {"OrderForm": "forms.OrderForm", "Order": "models.Order"},
        "shop.forms": {},
        "shop.models": {},
        "blog.views": {"PostForm": "forms.PostForm"},
        "blog.forms": {},
    }
    assert _beside(aliases) == {
        "forms.OrderForm": "shop.forms.OrderForm",
        "models.Order": "shop.models.Order",
        "forms.PostForm": "blog.forms.PostForm",
    }


def test_a_library_of_the_same_name_is_left_alone() -> None:
    """`from celery import shared_task` beside `shop/celery.py`, which defines no
    `shared_task`; `from celery import app` where no module is beside."""
    aliases = {
        "shop.tasks": {"shared_task": "celery.shared_task"},
        "shop.celery": {"Celery": "celery.Celery"},
        "shop.beat": {"app": "celery.app"},
        "billing.jobs": {"app": "celery.app"},
    }
    assert _beside(aliases) == {}


def test_standard_library_and_project_modules_are_not_beside() -> None:
    aliases = {
        "shop.views": {"dumps": "json.dumps", "Order": "shop.models.Order"},
        "shop.json": {},
        "shop.models": {},
    }
    assert _beside(aliases) == {}
