"""WW11104: reStructuredText rendered with docutils' file insertion or raw directive on."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_PUBLISHERS = frozenset(
    f"docutils.core.{name}"
    for name in ("publish_parts", "publish_string", "publish_doctree", "publish_file")
)
"""docutils' functions that parse a document with the settings they are handed."""
_SWITCHES = ("file_insertion_enabled", "raw_enabled")
"""The settings docutils leaves on by default that let a document read the server's files
(`include`, `csv-table :file:`, `raw :file:`) and write raw HTML into the page."""
_FILES = "read the server's files"


class DocutilsUnsafeDirectives(PythonRule):
    """## What it does
    Finds reStructuredText rendered with docutils (`docutils.core.publish_parts()`,
    `publish_string()`, `publish_doctree()`, `publish_file()`) whose
    `settings_overrides` do not turn both `file_insertion_enabled` and `raw_enabled`
    off: none given, or a dict that leaves either out or sets it true. Overrides whose
    value cannot be read (a parameter, a setting read with `getattr(settings, ...)`)
    are reported at low confidence, unless the module names `file_insertion_enabled`
    anywhere. Not in tests, migrations, shell commands or a module's `__main__` block.

    ## Why is this bad?
    docutils is made for documents of the project's own authors and trusts them: its
    `include` directive, `csv-table`'s `:file:` and `:url:` options and `raw`'s `:file:`
    read any file the server can (the settings with their secret key, `/etc/passwd`) or
    fetch any address into the rendered page, and `raw:: html` writes script into it.
    A web application rendering what its users write (blog entries, comments, wiki
    pages) in reStructuredText hands them all of that. Django's own `markup` filters
    turned both settings off for this reason.

    ## Example
    ```python
    from docutils.core import publish_parts

    def render_entry(text):
        return publish_parts(source=text, writer_name="html")["fragment"]
    ```

    ## Fix
    ```python
    from docutils.core import publish_parts

    SAFE = {"file_insertion_enabled": False, "raw_enabled": False}

    def render_entry(text):
        return publish_parts(source=text, writer_name="html", settings_overrides=SAFE)["fragment"]
    ```
    Pass `settings_overrides` with both switches off (merged into any settings the
    deployment may add), and sanitise the HTML if users' markup may hold links.

    ## References
    - [CWE-73: External Control of File Name or Path](https://cwe.mitre.org/data/definitions/73.html)
    - [docutils: Deploying Docutils Securely](https://docutils.sourceforge.io/docs/howto/security.html)
    """

    code = "WW11104"
    name = "docutils-unsafe-directives"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 73
    message = "`{call}` renders reStructuredText with {what}: its text can {harm}"
    fix = "pass `settings_overrides` setting `file_insertion_enabled` and `raw_enabled` to `False`"
    calls = _PUBLISHERS

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        if name not in _PUBLISHERS or _unserved(node, ctx):
            return
        if ctx.keyword(node, "settings") is not None or ctx.has_kwargs_splat(node):
            return  # NOTE: a prepared settings object, or keywords webwarden cannot see
        overrides = ctx.keyword(node, "settings_overrides")
        value = {} if overrides is None else ctx.evaluate(overrides)
        call = name.rpartition(".")[2]
        if value is UNKNOWN:
            if not ctx.mentions(_SWITCHES[0]):
                what = "settings that may leave `file_insertion_enabled` and `raw_enabled` on"
                yield self.finding(
                    ctx, node, call=call, what=what, harm=_FILES, confidence=Confidence.LOW
                )
            return
        if not isinstance(value, dict):
            return
        left_on = [switch for switch in _SWITCHES if value.get(switch, True)]
        if left_on:
            what = " and ".join(f"`{switch}`" for switch in left_on) + " on"
            harm = _FILES if _SWITCHES[0] in left_on else "write raw HTML into the page"
            yield self.finding(ctx, node, call=call, what=what, harm=harm)


def _unserved(node: ast.Call, ctx: FileContext) -> bool:
    """Code that renders the project's own documents: migrations, shell commands (tests
    are never judged: `in_tests`)."""
    return ctx.is_migration or ctx.is_command_module or ctx.under_main_guard(node)
