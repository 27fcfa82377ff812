"""WW568: a Content-Security-Policy header the app's code writes that lets injected scripts run."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.xss._csp_policy import script_directives, weak_sources, written_policy

_HEADER = "content-security-policy"
_SETTERS = frozenset({"set", "add", "setdefault", "__setitem__"})


class CspHeaderUnsafeSource(PythonRule):
    """## What it does
    Reads the Content-Security-Policy a module's own code writes into a response
    (`response["Content-Security-Policy"] = ...` in a Django middleware,
    `response.headers["Content-Security-Policy"] = ...` or `headers.set(...)` in a Flask
    `after_request` hook) and reports script sources (`script-src`, or `default-src`
    when there is none; `script-src-elem` and `script-src-attr`, which decide for
    `<script>` elements and for event handlers, when the policy has them) that let an
    injected script run: `'unsafe-eval'`,
    `'unsafe-inline'` with no nonce, hash or `'strict-dynamic'` beside it, and a wildcard
    (`*`, `https:`, `data:`...). The policy is read from a string the module spells out or
    from a dict of directives the function builds, joins into the header and appends
    literal sources to (`policy["script-src"].append("https://cdn.example")`), or from a
    list of directive strings joined into the header (`"; ".join(CSP_DIRECTIVES)`, the
    list a module-level one, as a WhiteNoise `add_headers_function` reads it); a source
    it adds that is no literal (a nonce) leaves `'unsafe-inline'` and scheme wildcards
    unjudged, and a directive appended to the list that is no literal (a `report-uri`
    built with `reverse()`) leaves the `script-src` written before it as it is (a
    browser keeps the first of two directives of one name). The report-only header blocks nothing and is not read; a policy set through
    django-csp's or Django's settings is WW563's.

    ## Why is this bad?
    A policy is there to stop the script an XSS bug lets in. `'unsafe-inline'` runs
    inline `<script>` blocks and `onerror=` handlers, `'unsafe-eval'` runs strings
    through `eval()` and `new Function`, and a wildcard runs a script from any host, the
    attacker's too.

    ## Known problems
    A policy built by a helper of another module, or from configuration, is not read.

    ## Example
    ```python
    def add_security_headers(response):
        response.headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'unsafe-inline'"
        return response
    ```

    ## Fix
    ```python
    def add_security_headers(response):
        response.headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self'"
        return response
    ```

    ## References
    - [CWE-693: Protection Mechanism Failure](https://cwe.mitre.org/data/definitions/693.html)
    - [MDN: script-src](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/script-src)
    - [OWASP Content Security Policy Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html)
    """

    code = "WW568"
    name = "csp-header-unsafe-source"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 693
    message = "the `Content-Security-Policy` header allows {sources} in `{directive}`: an injected script can still run"
    fix = (
        "drop `'unsafe-inline'`, `'unsafe-eval'` and wildcards from the script sources"
        " (give the inline scripts kept a nonce or a hash)"
    )
    assigns = frozenset({"[Content-Security-Policy]", "[content-security-policy]"})
    calls = frozenset(f".{setter}" for setter in _SETTERS)

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        if any(isinstance(t, ast.Subscript) and _names_header(ctx, t.slice) for t in node.targets):
            yield from self._judge(ctx, node, node.value)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in _SETTERS
            and len(node.args) == 2
            and _names_header(ctx, node.args[0])
        ):
            yield from self._judge(ctx, node, node.args[1])

    def _judge(self, ctx: FileContext, node: ast.AST, value: ast.expr) -> Iterator[Finding]:
        policy = written_policy(ctx, value)
        if policy is None:
            return
        for directive in script_directives(policy):
            found = weak_sources(policy, directive)
            if found:
                yield self.finding(ctx, node, sources=", ".join(found), directive=directive)


def _names_header(ctx: FileContext, node: ast.expr) -> bool:
    name = ctx.evaluate(node)
    return isinstance(name, str) and name.lower() == _HEADER
