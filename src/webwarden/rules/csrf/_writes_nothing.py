"""An exempted function view that a forged post gains nothing from (WW603).

`@csrf_exempt def session_status(request)` that reads nothing the client sends and
changes nothing: another site's post makes it answer what a link would, and the answer
is not the other site's to read. The file step tags such a function (it reads no
parameter, body or method); the project step refutes the finding when the view, itself
and through every project function it calls, writes nothing (`analysis.writes`, where an
unknown project call counts as a write).
"""

from __future__ import annotations

import ast

from webwarden.analysis.writes import state_changes
from webwarden.findings import Finding
from webwarden.model.django.views import View
from webwarden.model.project import ProjectModel

TAG = "csrf-exempt-reads-nothing-sent"
_SENT = frozenset(
    {"GET", "POST", "FILES", "body", "data", "json", "read", "readline", "readlines"}
    | {"stream", "method", "content_type", "content_params", "upload_handlers"}
)
"""Attributes through which a request hands a view what the client chose: its query,
form, files and body, and the method (a view telling a POST apart)."""
_SESSION = "session"
"""NOTE: a view naming the session keeps its finding whatever the writes analysis says:
a change deep in a value it keeps (`request.session["cart"].pop(...)`) is not a call
that analysis reads as a write."""


def reads_nothing_sent(node: ast.AST) -> tuple[str, ...]:
    """The tag of a function none of whose code names a part of the request the client
    chose (`request.POST`, `request.body`, `request.method`) or the session, on any
    object: a name is enough to keep the finding."""
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return ()
    for child in ast.walk(node):
        if isinstance(child, ast.Attribute) and (child.attr in _SENT or child.attr == _SESSION):
            return ()
    return (TAG,)


def refuted_writing_nothing(finding: Finding, project: ProjectModel, view: View | None) -> bool:
    """A tagged finding on a function view that writes nothing: no row, file, session
    key, login, message sent or call named for a change."""
    if TAG not in finding.tags or view is None or view.kind != "function":
        return False
    changes = state_changes(project)
    return changes.function(view.target) is not None and not changes.writes(view.target)
