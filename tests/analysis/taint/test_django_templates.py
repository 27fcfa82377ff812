"""Which template compilations are Django's template language."""

from __future__ import annotations

from typing import cast

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.django_templates import DJANGO_TEMPLATE_ACTION, django_template_sink
from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.sinks import Sink
from webwarden.analysis.taint.values import Value

_TEMPLATE = Sink("WW541", "template", ((0, "source"),), "compiled as a template")
_ENGINES = ir.Global("django.template.engines")


def _method_call(receiver: ir.Expr) -> ir.Call:
    return ir.Call(ir.Attr(receiver, "from_string"), None, (ir.Const("x"),), (), (1, 0))


@pytest.mark.parametrize(
    ("call", "receiver", "django"),
    [
        pytest.param(
            ir.Call(
                ir.Global("django.template.Template"), "django.template.Template", (), (), (1, 0)
            ),
            None,
            True,
            id="template-class",
        ),
        pytest.param(
            ir.Call(ir.Global("jinja2.Template"), "jinja2.Template", (), (), (1, 0)),
            None,
            False,
            id="jinja2-template-class",
        ),
        pytest.param(
            _method_call(ir.Sub(_ENGINES, ir.Const("django"))), Value(), True, id="django-alias"
        ),
        pytest.param(
            _method_call(ir.Sub(_ENGINES, ir.Const("jinja2"))), Value(), False, id="jinja2-alias"
        ),
        pytest.param(
            _method_call(ir.Sub(_ENGINES, ir.Local("alias"))), Value(), False, id="chosen-alias"
        ),
        pytest.param(
            _method_call(ir.Local("engine")),
            Value(kind="django.template.Engine.get_default"),
            True,
            id="default-engine",
        ),
        pytest.param(
            _method_call(ir.Local("env")),
            Value(kind="jinja2.Environment"),
            False,
            id="jinja2-environment",
        ),
        pytest.param(
            ir.Call(ir.Global("app.engine.from_string"), None, (ir.Const("x"),), (), (1, 0)),
            Value(kind="django.template.Engine"),
            True,
            id="module-level-engine",
        ),
    ],
)
def test_django_template_sink(call: ir.Call, receiver: Value | None, django: bool) -> None:
    sink = django_template_sink(_TEMPLATE, call, receiver)
    assert (sink.action == DJANGO_TEMPLATE_ACTION) is django
    assert sink.rule == "WW541"


def test_other_rules_keep_their_sink() -> None:
    sink = Sink("WW442", "sql", ((0, "text"),), "turned into SQL text")
    call = ir.Call(
        ir.Global("django.template.Template"), "django.template.Template", (), (), (1, 0)
    )
    assert django_template_sink(sink, call, None) is sink


class _Index:
    """The one question `django_template_sink` asks of the project's classes."""

    def inherits(self, qualname: str, prefixes: tuple[str, ...]) -> bool:
        return qualname == "app.SiteEngine" and "django.template.Engine" in prefixes


@pytest.mark.parametrize(
    ("kind", "django"),
    [
        pytest.param("cls:app.SiteEngine", True, id="project-engine"),
        pytest.param("cls:app.Renderer", False, id="other-project-class"),
    ],
)
def test_project_engine(kind: str, django: bool) -> None:
    index = cast("IndexView", _Index())
    sink = django_template_sink(_TEMPLATE, _method_call(ir.Local("e")), Value(kind=kind), index)
    assert (sink.action == DJANGO_TEMPLATE_ACTION) is django
