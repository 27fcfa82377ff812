"""Constants of the standard library, compared as what they name (WW744)."""

from __future__ import annotations

import ast
import sys

from webwarden.model.imported import import_rooted
from webwarden.rules.context import FileContext

_STDLIB = frozenset(sys.stdlib_module_names)


def stdlib_constant(ctx: FileContext, node: ast.expr) -> bool:
    """`sig == signal.SIGINT`, `code != errno.ENOENT`, `status == HTTPStatus.OK`: a name in
    capitals that a standard-library module defines (read through its import), a
    signal's, an error's or a status's number that every Python install publishes; the
    value compared with it is then one of those, not a secret (a signal handler's
    `sig`, which names a signal, not a signature)."""
    qualified = import_rooted(ctx, node)
    if qualified is None:
        return False
    top, _, rest = qualified.partition(".")
    last = qualified.rpartition(".")[2]
    return bool(rest) and top in _STDLIB and last.isupper()
