"""A comparison with a constant another module of the project defines.

`body.get("grant_type") == CLIENT_CREDENTIALS` after `from app.constants import
CLIENT_CREDENTIALS`, where that module says `CLIENT_CREDENTIALS = "client_credentials"`:
a grant type's name, not a credential, though the name reads like one. One file cannot
see the value; the per-file step tags the finding with the imported name and the
project step reads it in the module defining it, as a constant of the file's own would
have been read (`trivial`).
"""

from __future__ import annotations

import ast

from webwarden.findings import Finding
from webwarden.model.imported import bound_values, imported_name
from webwarden.model.module import FileContext
from webwarden.model.project import ProjectModel
from webwarden.model.scopes import UNKNOWN_BINDING

TAG = "compared-with-import:"
"""Tag of a comparison one side of which is an imported UPPERCASE name, followed by its
qualified name."""


def imported_constant_tag(ctx: FileContext, sides: tuple[ast.expr, ...]) -> tuple[str, ...]:
    """The tag naming an imported UPPERCASE name among the compared `sides` (`FOO`
    of `from app.constants import FOO`, `constants.FOO` of `from app import constants`),
    () when none is."""
    for side in sides:
        ref = imported_name(ctx, side)
        if ref is not None and ref.rpartition(".")[2].isupper():
            return (TAG + ref,)
    return ()


def refuted_by_constant(finding: Finding, project: ProjectModel) -> bool:
    """A tagged comparison whose imported name the project module defining it binds, at
    its top level and nowhere else, only to constant text or numbers."""
    ref = next((t.removeprefix(TAG) for t in finding.tags if t.startswith(TAG)), None)
    return ref is not None and project.read_module is not None and _constant(project, ref)


def _constant(project: ProjectModel, qualified: str) -> bool:
    found = bound_values(project.read_module, qualified)
    if found is None:
        return False
    ctx, values, _ = found
    return all(v is not UNKNOWN_BINDING and isinstance(ctx.evaluate(v), str | int) for v in values)
