"""Whether a function answers with a redirect status, so that a `Location` header it sets
is where the browser goes."""

from __future__ import annotations

from webwarden.analysis.taint import ir

_REDIRECT_NAMES = frozenset(
    {"MOVED_PERMANENTLY", "FOUND", "SEE_OTHER", "TEMPORARY_REDIRECT", "PERMANENT_REDIRECT"}
)
"""`http.HTTPStatus`'s names of the statuses a browser follows."""
_FOLLOWED = (301, 302, 303, 307, 308)


def answers_redirect(function: ir.Function) -> bool:
    """Whether the function's body names a status a browser follows to the `Location`:
    the number (`response.status_code = 302`, `HttpResponse(status=303)`, `return
    response, 307`), `HTTPStatus.FOUND`, or DRF's `status.HTTP_302_FOUND`. A response
    with no such status (`201 Created`, `202 Accepted`) sends no browser anywhere."""
    return any(_redirect_status(node) for node in ir.walk(function.body))


def _redirect_status(node: object) -> bool:
    if isinstance(node, ir.Const):
        return type(node.value) is int and node.value in _FOLLOWED
    if isinstance(node, ir.Attr | ir.Global):
        name = node.attr if isinstance(node, ir.Attr) else node.name.rpartition(".")[2]
        return name in _REDIRECT_NAMES or name.startswith(
            tuple(f"HTTP_{code}_" for code in _FOLLOWED)
        )
    return False
