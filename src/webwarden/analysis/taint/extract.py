"""The per-file step of the taint analysis: lower a module into its dataflow IR."""

from __future__ import annotations

import dataclasses
import re

from webwarden.analysis.taint.host_writes import writes_host
from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.analysis.taint.outline import Lowered
from webwarden.analysis.taint.parser_arguments import converted_arguments
from webwarden.analysis.taint.stored import stored_session_keys
from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext

FACTS = "taint"
"""The name the IR is stored under in `ModuleSummary.facts`."""


_MIGRATION = re.compile(r"(^|/)migrations/(\d{4}_\w+|versions/\w+)\.py$")
"""A Django migration (`app/migrations/0002_auto.py`) or an Alembic revision
(`migrations/versions/ae1027a6acf_.py`, as Flask-Migrate lays them out)."""


def is_migration(relpath: str) -> bool:
    """Whether the module at `relpath` is a migration, which the analysis leaves out."""
    return bool(_MIGRATION.search(relpath))


def extract(ctx: FileContext) -> Lowered | None:
    """The taint IR of one module (every function, method, lambda and the module body).

    Test code and migrations are not lowered: no request reaches them (the framework
    runs a migration from the command line, application code does not call it, nor
    tests), and on real trees tests are most of the code (two thirds of Django's), so
    leaving them out roughly halves the analysis. Their calls are still judged by the
    pattern rules.
    """
    if ctx.is_test_file or is_migration(ctx.relpath):
        return None
    lowered = Lowered.of(Lowering(ctx).module_ir())
    keys = stored_session_keys(ctx)
    converted = converted_arguments(ctx)
    if keys or converted:
        lowered = dataclasses.replace(lowered, session_keys=keys, converted_arguments=converted)
    if writes_host(ctx):
        lowered = dataclasses.replace(lowered, writes_host=True)
    return lowered


EXTRACTORS.append(FactExtractor(FACTS, extract, in_tests=False))
