"""The per-file step of the taint analysis: lower a module into its dataflow IR."""

from __future__ import annotations

from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.analysis.taint.outline import Lowered
from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext

FACTS = "taint"
"""The name the IR is stored under in `ModuleSummary.facts`."""


def extract(ctx: FileContext) -> Lowered | None:
    """The taint IR of one module (every function, method, lambda and the module body).

    Test code is not lowered: no request reaches it in production, and on real trees it
    is most of the code (two thirds of Django's), so leaving it out roughly halves the
    analysis. Application code never calls into tests, so no flow is lost there.
    """
    if ctx.is_test_file:
        return None
    return Lowered.of(Lowering(ctx).module_ir())


EXTRACTORS.append(FactExtractor(FACTS, extract))
