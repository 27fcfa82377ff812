"""WW738: a role or admin flag read from a request header decides what the request may do."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._cookies import DEPTH, decisions, privilege_header_read, shown
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class PrivilegeFromRequestHeader(PythonRule):
    """## What it does
    Finds a condition that grants or refuses on the value of a request header named for
    the user's privilege (`X-Is-Admin`, `X-Role`, `X-User-Type`, `Access-Level`), read
    from Django's `request.META` (`HTTP_ISADMIN`) or `request.headers`, or Flask's
    `request.headers`, and compared with a literal or tested for truth
    (`if request.META.get("HTTP_ISADMIN") == "True":`). A local the header was read into,
    and a value decoded from it without a check (`base64.b64decode`, `json.loads`), are
    followed.

    ## Why is this bad?
    A request header is whatever the client sends: anyone adds `IsAdmin: True` or
    `X-Role: admin` with `curl -H` or a browser extension and passes the check. Deciding
    access on it hands every privilege to whoever asks (CWE-290, CWE-807).

    ## Known problems
    Headers an authenticating proxy in front writes (`X-Forwarded-Groups`,
    `Remote-Groups`) are not named for a privilege in the sense above and are not
    reported; a header read through a helper of the project is not followed.

    ## Example
    ```python
    from django.http import HttpResponseForbidden


    def delete_article(request, article):
        if request.META.get("HTTP_ISADMIN") == "True":
            article.delete()
            return None
        return HttpResponseForbidden()
    ```

    ## Fix
    ```python
    from django.contrib.admin.views.decorators import staff_member_required


    @staff_member_required
    def delete_article(request, article):
        article.delete()
    ```

    ## References
    - [CWE-807: Reliance on Untrusted Inputs in a Security Decision](https://cwe.mitre.org/data/definitions/807.html)
    - [OWASP: Testing for Bypassing Authorization Schema](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/05-Authorization_Testing/02-Testing_for_Bypassing_Authorization_Schema)
    - [Django: Using the Django authentication system, limiting access](https://docs.djangoproject.com/en/stable/topics/auth/default/#limiting-access-to-logged-in-users)
    """

    code = "WW738"
    name = "privilege-from-request-header"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 807
    message = "`{shown}` decides access on the `{header}` header, which the client can send"
    fix = "keep the user's role on the server (`request.user`, the session)"

    def visit_Module(self, node: ast.Module, ctx: FileContext) -> Iterator[Finding]:
        if not (ctx.mentions("META") or ctx.mentions("headers")):
            return
        for statement in ctx.nodes(ast.If, ast.IfExp, ast.While, ast.Assert):
            if not isinstance(statement, ast.If | ast.IfExp | ast.While | ast.Assert):
                continue
            tested = decisions(
                statement.test,
                lambda node: privilege_header_read(ctx, node, DEPTH),
                lambda _header, other: _literal(other),
                lambda _header: True,
            )
            for part, header in tested:
                yield self.finding(ctx, part, shown=shown(part), header=header)


def _literal(node: ast.expr) -> bool:
    """A literal, or a tuple, list or set of literals (`role in ("admin", "owner")`)."""
    values = node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else [node]
    return bool(values) and all(isinstance(v, ast.Constant) for v in values)
