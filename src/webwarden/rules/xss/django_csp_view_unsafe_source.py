"""WW577: a django-csp view decorator that lets injected scripts run on its view."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.xss._csp_policy import PINS, WILDCARDS

_DECORATORS = frozenset({"csp.decorators.csp_update", "csp.decorators.csp_replace"})
_CONSTANTS = {
    "csp.constants.UNSAFE_EVAL": "'unsafe-eval'",
    "csp.constants.UNSAFE_INLINE": "'unsafe-inline'",
    "csp.constants.STRICT_DYNAMIC": "'strict-dynamic'",
    "csp.constants.SELF": "'self'",
    "csp.constants.NONE": "'none'",
}
"""django-csp 4's constants for the keyword sources (`csp.constants.NONCE` is a nonce)."""
_SCRIPT_DIRECTIVES = ("script-src", "script-src-elem", "default-src")


class DjangoCspViewUnsafeSource(PythonRule):
    """## What it does
    Finds django-csp's view decorators `csp_update(...)` and `csp_replace(...)` (as
    decorators, or handed to `method_decorator`) that give a view's script sources
    (`script-src`, `script-src-elem` or `default-src`) `'unsafe-eval'` or a wildcard
    (`*`, `https:`, `data:`...), or, for `csp_replace`, `'unsafe-inline'` with no nonce,
    hash or `'strict-dynamic'` beside it. Both spellings are read: django-csp 4's dict
    of directives (`csp_update({"script-src": [UNSAFE_EVAL]})`, the sources as strings
    or as `csp.constants`) and the keywords of earlier versions
    (`csp_update(SCRIPT_SRC="'unsafe-eval'")`). A decorator told `REPORT_ONLY=True`
    changes the report-only policy, which blocks nothing, and is not reported.

    ## Why is this bad?
    The project's settings may hold a strict policy (WW563 judges it), but the decorator
    loosens it on the pages it is put on, often the pages doing the most with scripts.
    `'unsafe-eval'` runs strings through `eval()`, `new Function` and
    `setTimeout("...")`, the way script gadgets in front-end frameworks turn injected
    markup into code, and a wildcard runs a script from any host, the attacker's too.
    An XSS bug on such a page is no longer stopped by the policy.

    ## Known problems
    `'unsafe-inline'` added by `csp_update` is not reported: the settings' directive it
    is added to may hold a nonce, beside which browsers ignore it. A decorator given a
    policy built elsewhere (a name, a function's result) is not read.

    ## Example
    ```python
    from csp.constants import UNSAFE_EVAL
    from csp.decorators import csp_update
    from django.shortcuts import render

    @csp_update({"script-src": [UNSAFE_EVAL]})
    def planner(request):
        return render(request, "planner.html")
    ```

    ## Fix
    ```python
    from csp.decorators import csp_update
    from django.shortcuts import render

    @csp_update({"script-src": ["https://cdn.example.org"]})
    def planner(request):
        return render(request, "planner.html")
    ```
    Compile the front-end's templates ahead of time (a build step, or a runtime-only
    build of the framework) so the page needs no `eval`.

    ## References
    - [CWE-693: Protection Mechanism Failure](https://cwe.mitre.org/data/definitions/693.html)
    - [django-csp: decorators](https://django-csp.readthedocs.io/en/latest/decorators.html)
    - [MDN: script-src](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/script-src)
    """

    code = "WW577"
    name = "django-csp-view-unsafe-source"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 693
    message = (
        "`{call}` allows {sources} in `{directive}` on its views: an injected script can still run"
    )
    fix = (
        "drop `'unsafe-eval'`, `'unsafe-inline'` and wildcards from the sources the decorator adds"
    )
    frameworks = frozenset({Framework.DJANGO})
    calls = _DECORATORS

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        called = ctx.call_name(node)
        if called not in _DECORATORS:
            return
        if ctx.evaluate(ctx.keyword(node, "REPORT_ONLY")) is True:
            return
        replacing = called.endswith("replace")
        for directive, sources in _directives(ctx, node):
            if directive not in _SCRIPT_DIRECTIVES:
                continue
            found = _weaknesses(sources, inline=replacing)
            if found:
                yield self.finding(
                    ctx,
                    node,
                    call=called.rsplit(".", 1)[-1],
                    sources=", ".join(found),
                    directive=directive,
                )


def _directives(ctx: FileContext, node: ast.Call) -> Iterator[tuple[str, list[str | None]]]:
    """(directive, sources) the decorator is given: a dict first argument (django-csp
    4), or `SCRIPT_SRC=...` keywords (earlier versions). A source not read is None."""
    if node.args and isinstance(config := node.args[0], ast.Dict):
        for key, value in zip(config.keys, config.values, strict=True):
            name = ctx.evaluate(key)
            if isinstance(name, str):
                yield name.lower(), _sources(ctx, value)
    for keyword in node.keywords:
        if keyword.arg and keyword.arg.upper() != "REPORT_ONLY":
            yield keyword.arg.lower().replace("_", "-"), _sources(ctx, keyword.value)


def _sources(ctx: FileContext, value: ast.expr) -> list[str | None]:
    items = value.elts if isinstance(value, ast.List | ast.Tuple | ast.Set) else [value]
    found: list[str | None] = []
    for item in items:
        known = _CONSTANTS.get(ctx.qualified(item) or "")
        text = known if known is not None else ctx.evaluate(item)
        found.extend(text.lower().split() if isinstance(text, str) else [None])
    return found


def _weaknesses(sources: list[str | None], *, inline: bool) -> list[str]:
    """The sources that let an injected script run; `'unsafe-inline'` only when `inline`
    and no source (one not read may be a nonce) pins the scripts."""
    written = [s for s in sources if s is not None]
    pinned = len(written) < len(sources) or any(s.startswith(PINS) for s in written)
    found = []
    if inline and "'unsafe-inline'" in written and not (pinned or "'strict-dynamic'" in written):
        found.append("`'unsafe-inline'`")
    if "'unsafe-eval'" in written:
        found.append("`'unsafe-eval'`")
    found += [f"`{s}`" for s in dict.fromkeys(written) if s in WILDCARDS]
    return found
