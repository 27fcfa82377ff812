"""Module constants, items a function set on its own dict and reads back, comprehensions
and ISO dates: inert context values, and the look-alikes that are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

_VIEW = """
from collections import defaultdict

from django.shortcuts import render

from .models import Ticket

GOAL = 500
LABEL = "</script>"


def page(request):
    context = {{}}
    n = 0
{body}
    return render(request, "shop/page.html", context)
"""


@pytest.mark.parametrize(
    ("body", "inert"),
    [
        pytest.param('    context["value"] = GOAL', True, id="module-number"),
        pytest.param('    context["value"] = LABEL', False, id="module-markup"),
        pytest.param(
            '    context["done"] = Ticket.objects.count()\n'
            '    context["value"] = max(context["done"] - GOAL, 0)',
            True,
            id="own-item-read-back",
        ),
        pytest.param(
            '    context["value"] = context["done"]\n    context["done"] = 1',
            False,
            id="item-read-before-it-is-set",
        ),
        pytest.param(
            '    context["done"] = request.GET["d"]\n    context["value"] = context["done"]',
            False,
            id="own-item-of-request-data",
        ),
        pytest.param(
            '    context["value"] = [Ticket.objects.filter(day=d).count() for d in request.GET]',
            True,
            id="comprehension-of-counts",
        ),
        pytest.param(
            '    context["value"] = [d.isoformat() for d in Ticket.objects.dates("day", "week")]',
            True,
            id="comprehension-of-iso-dates",
        ),
        pytest.param(
            '    context["value"] = [n for n in request.GET.getlist("n")]',
            False,
            id="comprehension-name-shadowing-a-number-local",
        ),
        pytest.param(
            '    context["value"] = [d.isoformat(sep=request.GET["s"]) for d in []]',
            False,
            id="iso-date-with-a-separator",
        ),
        pytest.param(
            "    days = defaultdict(int)\n"
            "    days[request.GET['d']] += 1\n"
            '    context["value"] = [days.get(request.GET["d"], 0), days["x"]]',
            True,
            id="defaultdict-of-counts",
        ),
        pytest.param(
            "    days = defaultdict(int)\n"
            "    days.setdefault('x', request.GET['d'])\n"
            '    context["value"] = days["x"]',
            False,
            id="defaultdict-given-request-text",
        ),
        pytest.param(
            '    days = defaultdict(int)\n    fill(days)\n    context["value"] = days["x"]',
            False,
            id="defaultdict-handed-to-a-function",
        ),
        pytest.param(
            "    rows = {k: int(v) for k, v in request.GET.items()}\n"
            '    context["value"] = sorted(rows.values())',
            True,
            id="values-of-a-comprehension-of-numbers",
        ),
        pytest.param(
            "    rows = {k: v for k, v in request.GET.items()}\n"
            '    context["value"] = list(rows.values())',
            False,
            id="values-of-a-comprehension-of-request-text",
        ),
        pytest.param(
            '    rows = {"a": 1}\n'
            '    rows["b"] = request.GET["b"]\n'
            '    context["value"] = rows.get("b")',
            False,
            id="dict-item-set-to-request-text",
        ),
    ],
)
def test_inert_reads(tmp_path: Path, body: str, inert: bool) -> None:
    files = {
        "shop/__init__.py": "",
        "shop/views.py": _VIEW.format(body=body),
        "shop/templates/shop/page.html": "<script>show({{ value }});</script>",
    }
    model = template_model(tmp_path, files)
    assert model.inert("shop/templates/shop/page.html", "value") is inert


def test_a_method_of_the_view_class_fills_the_handed_dict(tmp_path: Path) -> None:
    view = """
    from django.views.generic import TemplateView

    from .models import Ticket


    class Base(TemplateView):
        def fill(self, context):
            context["open"] = Ticket.objects.count()
            context["query"] = self.request.GET.get("q", "")
            return context

        def get_context_data(self, **kwargs):
            context = super().get_context_data(**kwargs)
            return self.fill(context)


    class Page(Base):
        template_name = "shop/page.html"
    """
    files = {
        "shop/__init__.py": "",
        "shop/views.py": view,
        "shop/templates/shop/page.html": "<script>show({{ open }}, {{ query }});</script>",
    }
    model = template_model(tmp_path, files)
    assert model.inert("shop/templates/shop/page.html", "open")
    assert not model.inert("shop/templates/shop/page.html", "query")


@pytest.mark.parametrize(
    ("constants", "inert"),
    [
        pytest.param("GOAL = 500\n", True, id="imported-number"),
        pytest.param("GOAL = -1.5\n", True, id="imported-negative-number"),
        pytest.param('GOAL = "</script>"\n', False, id="imported-markup"),
        pytest.param("GOAL = 500\nGOAL = load()\n", False, id="bound-twice"),
        pytest.param("GOAL = load()\n", False, id="a-call"),
    ],
)
def test_imported_constants(tmp_path: Path, constants: str, inert: bool) -> None:
    view = """
    from django.shortcuts import render

    from shop.constants import GOAL


    def page(request):
        return render(request, "shop/page.html", {"value": GOAL})
    """
    files = {
        "shop/__init__.py": "",
        "shop/constants.py": constants,
        "shop/views.py": view,
        "shop/templates/shop/page.html": "<script>show({{ value }});</script>",
    }
    model = template_model(tmp_path, files)
    assert model.inert("shop/templates/shop/page.html", "value") is inert


_COUNTING_VIEW = """
from collections import Counter, defaultdict

from django.shortcuts import render


def page(request):
{body}
    return render(request, "shop/page.html", {{"counts": counts}})


def fill(counts):
    counts["x"] = request.GET["x"]
"""


@pytest.mark.parametrize(
    ("body", "inert"),
    [
        pytest.param(
            "    counts = defaultdict(int)\n"
            '    for word in request.GET.getlist("w"):\n'
            "        counts[word] += 1",
            True,
            id="defaultdict-stepped-by-request-keys",
        ),
        pytest.param(
            '    counts = Counter([w.lower() for w in request.GET.getlist("w")])',
            True,
            id="counter-of-a-list",
        ),
        pytest.param(
            "    counts = {}\n"
            '    for word in request.GET.getlist("w"):\n'
            "        counts[word] = counts.get(word, 0) + 1",
            True,
            id="own-values-read-back-and-added-to",
        ),
        pytest.param(
            "    counts = {}\n"
            '    for word in request.GET.getlist("w"):\n'
            '        counts[word] = counts.get(word, "") + request.GET[word]',
            False,
            id="own-values-joined-with-request-text",
        ),
        pytest.param(
            '    seen = Counter([w for w in request.GET.getlist("w")])\n'
            "    counts = dict((k, [seen.get(k, 0), 1]) for k in seen.keys())",
            True,
            id="dict-of-pairs-of-counts",
        ),
        pytest.param(
            "    counts = dict((k, [1, request.GET[k]]) for k in request.GET)",
            False,
            id="dict-of-pairs-holding-request-text",
        ),
        pytest.param("    counts = Counter(request.GET)", False, id="counter-of-a-mapping"),
        pytest.param(
            '    counts = {}\n    counts["a"] = request.GET["a"]', False, id="request-text-value"
        ),
        pytest.param(
            "    counts = defaultdict(int)\n    fill(counts)", False, id="handed-to-a-function"
        ),
        pytest.param(
            "    counts = defaultdict(int)\n    counts.update(request.GET)",
            False,
            id="updated-from-the-request",
        ),
    ],
)
@pytest.mark.parametrize("loop", ["counts.items.#1", "counts.values"])
def test_values_of_a_dict_handed_to_a_template(
    tmp_path: Path, body: str, inert: bool, loop: str
) -> None:
    files = {
        "shop/__init__.py": "",
        "shop/views.py": _COUNTING_VIEW.format(body=body),
        "shop/templates/shop/page.html": "<script>show({{ counts }});</script>",
    }
    model = template_model(tmp_path, files)
    assert model.inert("shop/templates/shop/page.html", loop) is inert
    assert model.inert("shop/templates/shop/page.html", f"{loop}.0") is inert
    assert not model.inert("shop/templates/shop/page.html", "counts.items.#0")
