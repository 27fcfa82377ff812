"""Template sources compiled in Jinja2's sandbox.

`jinja2.sandbox.SandboxedEnvironment` (and its `ImmutableSandboxedEnvironment`) is
Jinja2's documented way to render templates users write: every attribute read and call
goes through `is_safe_attribute()` and `is_safe_callable()`, which refuse the names
starting with an underscore (`__class__`, `__globals__`, `__subclasses__`) that the
known escapes from a template to Python walk, and unsafe `str.format`. Source the request
wrote still reads what the context holds and can spend the server's CPU, and sandbox
bugs have been found (and fixed in Jinja2's releases), but running Python of the
template's choosing needs such a bug or a dangerous object handed to the context: WW541
tells these sinks apart by their action, as it does Django's template language.
"""

from __future__ import annotations

import dataclasses
from typing import Final

from webwarden.analysis.taint.index import IndexView, of_library
from webwarden.analysis.taint.sinks import Sink
from webwarden.analysis.taint.values import Value

SANDBOX_TEMPLATE_ACTION: Final = "compiled as a template in Jinja2's sandbox"
SANDBOXED_ENVIRONMENTS: Final = (
    "jinja2.sandbox.SandboxedEnvironment",
    "jinja2.sandbox.ImmutableSandboxedEnvironment",
)
"""Jinja2's sandboxed environments, as the receiver's kind names them."""


def sandboxed_template_sink(sink: Sink, receiver: Value | None, index: IndexView) -> Sink:
    """`sink`, or its sandboxed variant when the receiver compiling the template is a
    Jinja2 sandboxed environment or an instance of a project class derived from one
    (`cls:reports.ReportEnvironment`)."""
    if sink.rule != "WW541" or receiver is None or sink.action == SANDBOX_TEMPLATE_ACTION:
        return sink
    if of_library(index, receiver.kind, SANDBOXED_ENVIRONMENTS):
        return dataclasses.replace(sink, action=SANDBOX_TEMPLATE_ACTION)
    return sink
