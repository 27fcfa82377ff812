"""The per-file step of the taint analysis: lower a module into its dataflow IR."""

from __future__ import annotations

from webwarden.analysis.taint.ir import ModuleIR
from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext

FACTS = "taint"
"""The name the IR is stored under in `ModuleSummary.facts`."""


def extract(ctx: FileContext) -> ModuleIR:
    """The taint IR of one module (every function, method, lambda and the module body)."""
    return Lowering(ctx).module_ir()


EXTRACTORS.append(FactExtractor(FACTS, extract))
