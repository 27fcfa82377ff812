"""WW1138: a debugger breakpoint left in the code."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.scripts import answers_requests
from webwarden.rules.auditing._common import run_by_operator
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words

_PROMPTS = frozenset(
    {
        "breakpoint", "builtins.breakpoint",
        "pdb.set_trace", "pdb.post_mortem", "pdb.pm",
        "ipdb.set_trace", "ipdb.post_mortem", "ipdb.pm", "ipdb.sset_trace",
        "pudb.set_trace", "pudb.post_mortem", "pudb.pm",
        "IPython.embed", "IPython.terminal.embed.embed",
        "code.interact",
    }
)  # fmt: skip
"""Calls that stop the program at a prompt on its own terminal."""

_LISTENERS = frozenset(
    {
        "rpdb.set_trace", "remote_pdb.set_trace", "web_pdb.set_trace",
        "celery.contrib.rdb.set_trace", "madbg.set_trace",
    }
)  # fmt: skip
"""Calls that stop the program and wait for a debugger client on a network port."""

_CONSOLES = frozenset({"IPython.embed", "IPython.terminal.embed.embed", "code.interact"})
"""Prompts that open an interactive console, not a debugger stopped at a frame."""

_PROMPT_EFFECT = "stops the process at a debugger prompt when it runs"
_LISTENER_EFFECT = "stops the process and serves a debugger shell on a network port"


class DebuggerBreakpoint(PythonRule):
    """## What it does
    Finds calls that stop the program in a debugger: the builtin `breakpoint()`,
    `set_trace()`, `post_mortem()` or `pm()` of `pdb`, `ipdb` or `pudb`,
    `IPython.embed()` and `code.interact()`, which wait at a prompt on the process's own
    terminal, and the remote debuggers' `set_trace()` (`rpdb`, `remote_pdb`, `web_pdb`,
    Celery's `celery.contrib.rdb`, `madbg`), which wait for a client on a network port.
    A method of the project's own named `set_trace` (`tracer.set_trace()`) and
    `sys.settrace` are not such calls. Nor is a call in code an operator runs from a
    shell, where a prompt is what was asked for: under `if __name__ == "__main__":` (a
    `shell.py` ending in `IPython.embed()`), in a Django management command, a Click,
    Typer or Flask CLI command or a command-line script, or in a function of the module
    that only such commands of the module call (CKAN's `shell` command falling back to
    its `python()` helper, which runs `code.interact()`), nor in a function or class
    named for the debugger it opens (Django's test runner's `PDBDebugResult.debug()`
    behind `--pdb`, a `debug_shell()`): a tool made to open it, not a leftover (a
    remote debugger's port is reported there too, and so is a decorated function, such
    as a template filter named `ipdb` that any template may call). Nor is a console
    (`IPython.embed()`, `code.interact()`) opened by a statement of the module's own top
    level in a module that answers no request (a `console.py` that loads the app and its
    models, then ends in `IPython.embed()`): the module exists to be run for that prompt,
    and a leftover would stop every import of it at once. In test code the finding is
    lowered as any is.

    ## Why is this bad?
    A breakpoint is a developer's leftover. When a request, a task or a template filter
    reaches it in a deployed worker, the worker stops: with no terminal attached it
    hangs or fails the request, so whoever can reach that path can tie up the workers;
    with one attached (a container run with `-it`, a `screen` session) whoever sits at
    it gets a Python shell inside the application, with its secrets and database. The
    remote debuggers open that shell on a port instead (`web_pdb` on every interface by
    default), for anyone who can connect to it.

    ## Known problems
    A breakpoint the code reaches only under a condition of its own (`if
    os.environ.get("PDB"):`) is reported too: a leftover all the same, which a
    deployment setting the variable turns on.

    ## Example
    ```python
    import pdb

    def import_rows(request):
        rows = request.POST.getlist("row")
        pdb.set_trace()
        return len(rows)
    ```

    ## Fix
    ```python
    import logging

    logger = logging.getLogger(__name__)

    def import_rows(request):
        rows = request.POST.getlist("row")
        logger.debug("importing %d rows", len(rows))
        return len(rows)
    ```
    Remove the breakpoint; log what you wanted to see, or set breakpoints from the
    debugger or the IDE instead of the code.

    ## References
    - [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
    - [Python docs: pdb](https://docs.python.org/3/library/pdb.html)
    - [Python docs: breakpoint()](https://docs.python.org/3/library/functions.html#breakpoint)
    """

    code = "WW1138"
    name = "debugger-breakpoint"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 489
    message = "`{call}()` left in the code {effect}"
    fix = "remove the breakpoint; log what you need to see instead"
    ruff = ("T100",)
    calls = _PROMPTS | _LISTENERS

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if run_by_operator(ctx, node) or ctx.under_main_guard(node) or _commands_helper(ctx, node):
            return
        if name in _PROMPTS and _debugging_tool(ctx, node):
            return
        if name in _CONSOLES and _console_module(ctx, node):
            return
        if name in _PROMPTS:
            yield self.finding(ctx, node, call=_shown(name), effect=_PROMPT_EFFECT)
        elif name in _LISTENERS:
            yield self.finding(
                ctx, node, severity=Severity.MEDIUM, call=name, effect=_LISTENER_EFFECT
            )


def _shown(name: str) -> str:
    """The call as the message names it: the builtin without its module."""
    return "breakpoint" if name == "builtins.breakpoint" else name


def _commands_helper(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` is in a module-level function that the module names only to call it
    from functions an operator runs (a shell command's helper opening the prompt)."""
    function = next(
        (a for a in ctx.ancestors(node) if isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef)),
        None,
    )
    if function is None or function not in ctx.tree.body:
        return False
    calls = [n for n in ctx.nodes(ast.Name) if isinstance(n, ast.Name) and n.id == function.name]
    return bool(calls) and all(_called_by_operator(ctx, name) for name in calls)


def _called_by_operator(ctx: FileContext, name: ast.Name) -> bool:
    call = ctx.parent(name)
    return isinstance(call, ast.Call) and call.func is name and run_by_operator(ctx, call)


def _console_module(ctx: FileContext, node: ast.Call) -> bool:
    """Whether `node` is a statement of the module's top level (`IPython.embed()` as the
    last line of a console script) in a module that answers no request."""
    statement = ctx.parent(node)
    return (
        isinstance(statement, ast.Expr)
        and statement in ctx.tree.body
        and not answers_requests(ctx.tree, ctx.names)
    )


_DEBUGGER_WORDS = frozenset({"pdb", "ipdb", "pudb", "debug", "debugger", "debugging"})


def _debugging_tool(ctx: FileContext, node: ast.AST) -> bool:
    """Whether a function or class around `node` is named for the debugger it opens; not
    a decorated function (`@register.filter def ipdb(value)`), which the decorator
    hands to templates, views or tasks."""
    return any(
        isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and not (isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef) and a.decorator_list)
        and _DEBUGGER_WORDS.intersection(identifier_words(a.name))
        for a in ctx.ancestors(node)
    )
