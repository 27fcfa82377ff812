"""Which template compilations run in Jinja2's sandbox."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint.index import ProjectIndex
from webwarden.analysis.taint.sandboxed_templates import (
    SANDBOX_TEMPLATE_ACTION,
    sandboxed_template_sink,
)
from webwarden.analysis.taint.sinks import Sink
from webwarden.analysis.taint.values import Value

_TEMPLATE = Sink("WW541", "template", ((0, "source"),), "compiled as a template")
_INDEX = ProjectIndex({})


@pytest.mark.parametrize(
    ("receiver", "sandboxed"),
    [
        pytest.param(Value(kind="jinja2.sandbox.SandboxedEnvironment"), True, id="sandboxed"),
        pytest.param(
            Value(kind="jinja2.sandbox.ImmutableSandboxedEnvironment"), True, id="immutable"
        ),
        pytest.param(Value(kind="jinja2.Environment"), False, id="plain-environment"),
        pytest.param(Value(kind="cls:app.Unknown"), False, id="unknown-project-class"),
        pytest.param(None, False, id="function-call"),
    ],
)
def test_sandboxed_template_sink(receiver: Value | None, sandboxed: bool) -> None:
    sink = sandboxed_template_sink(_TEMPLATE, receiver, _INDEX)
    assert (sink.action == SANDBOX_TEMPLATE_ACTION) is sandboxed


def test_other_rules_keep_their_sink() -> None:
    other = Sink("WW1106", "code", ((0, "source"),), "run as code")
    receiver = Value(kind="jinja2.sandbox.SandboxedEnvironment")
    assert sandboxed_template_sink(other, receiver, _INDEX) is other
