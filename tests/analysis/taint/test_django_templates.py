"""Which template compilations are Django's template language."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.django_templates import DJANGO_TEMPLATE_ACTION, django_template_sink
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
