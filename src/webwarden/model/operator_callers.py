"""Functions only shell commands call, across modules.

`manage.py` defines `def add_log(message): subprocess.run(f"cf run-task ... '{message}'",
shell=True)`, and `cli.py` calls it from its Click commands only (`@cli.command()` /
`manage.add_log(message)`): whoever types its arguments may run the app's code already,
and no request reaches it. One module cannot see that; each module's facts say whether
it holds shell commands only (`FileContext.is_command_module`) and which `alias.attribute` chains of its imports it reads (`manage.refresh`), so that the
project step knows which modules may call a function.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext
from webwarden.model.project import ModuleSummary, ProjectModel

REFERENCE_FACTS = "imported_references"


@dataclass(frozen=True, slots=True)
class ImportedReferences:
    """How a module uses what it imports."""

    commands_only: bool
    """It holds shell commands only: whatever it calls, an operator runs."""
    chains: frozenset[str] = frozenset()
    """The qualified name of each `alias.name...` chain it reads of an imported name
    (`manage.refresh`, `webservices.manage.refresh` after `import webservices.manage`)."""


def extract_references(ctx: FileContext) -> ImportedReferences:
    """The module's `ImportedReferences`."""
    aliases = ctx.names.aliases
    found: set[str] = set()
    for node in ctx.nodes(ast.Attribute):
        if not isinstance(node, ast.Attribute) or isinstance(ctx.parent(node), ast.Attribute):
            continue
        parts = [node.attr]
        root: ast.expr = node.value
        while isinstance(root, ast.Attribute):
            parts.append(root.attr)
            root = root.value
        if isinstance(root, ast.Name) and root.id in aliases:
            found.add(".".join([aliases[root.id], *reversed(parts)]))
    return ImportedReferences(ctx.is_command_module, frozenset(found))


def only_commands_call(project: ProjectModel, functions: tuple[str, ...], here: bool) -> bool:
    """Whether the project's shell commands call some of these module functions
    (`manage.add_log`, all of one module; `here`: a command of that module does) and no
    other module but test code may: none imports one of them, star-imports their
    module, or reads one through it."""
    if not functions:
        return False
    module = functions[0].rpartition(".")[0]
    called = here
    for summary in project.modules.values():
        if summary.module == module or summary.is_test:
            continue
        if not _may_use(summary, module, functions):
            continue
        references = summary.facts.get(REFERENCE_FACTS)
        if not isinstance(references, ImportedReferences) or not references.commands_only:
            return False
        called = True
    return called


def _may_use(summary: ModuleSummary, module: str, functions: tuple[str, ...]) -> bool:
    """Whether `summary`'s module imports one of `functions`, star-imports their module,
    or reads one through the module or a package holding it."""
    if module in summary.stars:
        return True
    imported = set(summary.imports.values())
    if any(_names(name, functions) for name in imported):
        return True
    if not any(module == name or module.startswith(name + ".") for name in imported):
        return False
    references = summary.facts.get(REFERENCE_FACTS)
    if not isinstance(references, ImportedReferences):
        return True
    return any(_names(name, functions) for name in references.chains)


def _names(name: str, functions: tuple[str, ...]) -> bool:
    return any(name == f or name.startswith(f + ".") for f in functions)


EXTRACTORS.append(FactExtractor(REFERENCE_FACTS, extract_references))
