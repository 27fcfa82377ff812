"""Functions only shell commands call, across modules.

`manage.py` defines `def add_log(message): subprocess.run(f"cf run-task ... '{message}'",
shell=True)`, and `cli.py` calls it from its Click commands only (`@cli.command()` /
`manage.add_log(message)`): whoever types its arguments may run the app's code already,
and no request reaches it. One module cannot see that; each module's facts say whether
it holds shell commands only (`FileContext.is_command_module`) and which `alias.attribute` chains of its imports it reads (`manage.refresh`), so that the
project step knows which modules may call a function. A function the project installs as
a console script (`setup.py`'s `entry_points={"console_scripts": ["opal =
opal.core.commandline:main"]}`, `pyproject.toml`'s `[project.scripts]`) is a shell
command too: pip makes it a program on the `PATH`, whoever runs it types its arguments.
"""

from __future__ import annotations

import ast
import posixpath
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext
from webwarden.model.project import ModuleSummary, ProjectModel
from webwarden.model.scripts import served_calls

REFERENCE_FACTS = "imported_references"


@dataclass(frozen=True, slots=True)
class ImportedReferences:
    """How a module uses what it imports."""

    commands_only: bool
    """It holds shell commands only: whatever it calls, an operator runs."""
    chains: frozenset[str] = frozenset()
    """The qualified name of each `alias.name...` chain it reads of an imported name
    (`manage.refresh`, `webservices.manage.refresh` after `import webservices.manage`)."""
    scripts: frozenset[str] = frozenset()
    """In a `setup.py`: the functions its `setup(entry_points=...)` installs as console
    or GUI scripts, by qualified name (`opal.core.commandline.main`)."""
    served: frozenset[str] = frozenset()
    """What it calls, by qualified name, where it also starts a web server
    (`serve(create_app(args))`): a launcher parsing its command line builds with them
    the app that answers requests."""


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
    scripts = _setup_scripts(ctx) if posixpath.basename(ctx.relpath) == "setup.py" else ()
    commands_only = ctx.is_command_module
    served = served_calls(ctx.tree, ctx.names) if commands_only else frozenset()
    return ImportedReferences(commands_only, frozenset(found), frozenset(scripts), served)


_SETUP_CALLS = frozenset({"setuptools.setup", "distutils.core.setup", "setup"})
_SCRIPT_GROUPS = ("console_scripts", "gui_scripts")


def _setup_scripts(ctx: FileContext) -> list[str]:
    """The functions a `setup.py`'s `setup(entry_points=...)` installs as scripts, given
    as a dict of lists (or of one string each) or as the INI text setuptools also takes
    (`"[console_scripts]\nopal = opal.core.commandline:main"`)."""
    found: list[str] = []
    for call in ctx.nodes(ast.Call):
        if not isinstance(call, ast.Call) or ctx.call_name(call) not in _SETUP_CALLS:
            continue
        given = ctx.evaluate(ctx.keyword(call, "entry_points"))
        if isinstance(given, dict):
            for group in _SCRIPT_GROUPS:
                specs = given.get(group, ())
                found += script_targets([specs] if isinstance(specs, str) else specs)
        elif isinstance(given, str):
            found += script_targets(_ini_scripts(given))
    return found


def _ini_scripts(text: str) -> list[str]:
    """The lines of the script sections of entry points written as INI text."""
    specs: list[str] = []
    group = ""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1].strip()
        elif line and group in _SCRIPT_GROUPS:
            specs.append(line)
    return specs


def script_targets(specs: Iterable[object]) -> list[str]:
    """`opal = opal.core.commandline:main [extra]` -> `opal.core.commandline.main`; also
    the bare `module:function` value of a `pyproject.toml` script."""
    found: list[str] = []
    for spec in specs:
        if not isinstance(spec, str):
            continue
        target = spec.partition("=")[2] if "=" in spec else spec
        module, colon, function = target.split("[", 1)[0].strip().partition(":")
        if colon and module.strip() and function.strip():
            found.append(f"{module.strip()}.{function.strip()}")
    return found


def console_scripts(project: ProjectModel) -> frozenset[str]:
    """The functions the project installs as console or GUI scripts, by qualified name:
    those of its `setup.py` files and of the `[project.scripts]`, `[project.gui-scripts]`
    and `[tool.poetry.scripts]` tables of its `pyproject.toml` files."""
    found: set[str] = set()
    for summary in project.modules.values():
        references = summary.facts.get(REFERENCE_FACTS)
        if isinstance(references, ImportedReferences):
            found |= references.scripts
    for file in project.files:
        if posixpath.basename(file.relpath) == "pyproject.toml":
            found.update(_pyproject_scripts(file.abspath))
    return frozenset(found)


def _pyproject_scripts(path: str) -> list[str]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8", errors="replace"))
    except (OSError, tomllib.TOMLDecodeError):
        return []
    project = data.get("project", {})
    poetry = data.get("tool", {}).get("poetry", {}) if isinstance(data.get("tool"), dict) else {}
    tables = [
        *(project.get(k) for k in ("scripts", "gui-scripts") if isinstance(project, dict)),
        poetry.get("scripts") if isinstance(poetry, dict) else None,
    ]
    return [
        target
        for table in tables
        if isinstance(table, dict)
        for target in script_targets(table.values())
    ]


def only_commands_call(project: ProjectModel, functions: tuple[str, ...], here: bool) -> bool:
    """Whether the project's shell commands call some of these module functions
    (`manage.add_log`, all of one module; `here`: a command of that module does; or
    one of them is a console script the project installs) and no
    other module but test code may: none imports one of them, star-imports their
    module, or reads one through it. A command calling one where it starts a web
    server (a launcher parsing its options, then `serve(create_app(args))`) is no such
    command: that call makes the app that answers requests."""
    if not functions:
        return False
    key = (only_commands_call, functions, here)
    known = project.memo.get(key)
    if not isinstance(known, bool):
        known = project.memo[key] = _only_commands_call(project, functions, here)
    return known


def _only_commands_call(project: ProjectModel, functions: tuple[str, ...], here: bool) -> bool:
    module = functions[0].rpartition(".")[0]
    called = here or not console_scripts(project).isdisjoint(functions)
    for summary in project.modules.values():
        if summary.module == module or summary.is_test:
            continue
        if not may_use(summary, module, functions):
            continue
        references = summary.facts.get(REFERENCE_FACTS)
        if not isinstance(references, ImportedReferences) or not references.commands_only:
            return False
        if any(_names(name, functions) for name in references.served):
            return False  # NOTE: `serve(create_app(args))`: the app answers requests
        called = True
    return called


def may_use(summary: ModuleSummary, module: str, functions: tuple[str, ...]) -> bool:
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
