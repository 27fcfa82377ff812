"""Configuration files the project's Python code names, and whether only tests do.

A configuration file kept in the package (`data/example_auth.cfg`) that only the test
suite loads, through a test module or a constant named for tests
(`TEST_AUTH_CONFIG = resource_path("app", "data/example_auth.cfg")`), holds the test
suite's values, as a test settings module does.
"""

from __future__ import annotations

import ast
import posixpath
import re
from typing import TYPE_CHECKING

from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext, identifier_words

if TYPE_CHECKING:
    from webwarden.model.project import ProjectModel

CONFIG_REFERENCE_FACTS = "config-file-references"

_SUFFIXES = (".cfg", ".ini", ".conf", ".toml", ".json", ".yaml", ".yml")
_SCREEN = re.compile(r"\.(?:cfg|ini|conf|toml|json|ya?ml)['\"]")
_TEST_WORDS = frozenset({"test", "tests", "testing"})


def extract_config_references(ctx: FileContext) -> tuple[tuple[str, bool], ...] | None:
    """Each string of the module naming a configuration file (`"data/auth.cfg"`), with
    whether the name it is assigned to, or the function holding it, says test."""
    if not _SCREEN.search(ctx.text):
        return None
    found: list[tuple[str, bool]] = []
    for node in ctx.nodes(ast.Constant):
        value = node.value if isinstance(node, ast.Constant) else None
        if not isinstance(value, str) or not value.endswith(_SUFFIXES) or len(value) > 200:
            continue
        if any(char.isspace() for char in value):
            continue
        found.append((value, _for_tests(ctx, node)))
    return tuple(found) or None


def _for_tests(ctx: FileContext, node: ast.AST) -> bool:
    """Whether the assignment or function holding `node` is named for tests."""
    for holder in ctx.ancestors(node):
        names: list[str] = []
        if isinstance(holder, ast.Assign):
            names = [_target_name(target) for target in holder.targets]
        elif isinstance(holder, ast.AnnAssign):
            names = [_target_name(holder.target)]
        elif isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names = [holder.name]
        if any(_TEST_WORDS.intersection(identifier_words(name)) for name in names):
            return True
    return False


def _target_name(target: ast.expr) -> str:
    if isinstance(target, ast.Name):
        return target.id
    return target.attr if isinstance(target, ast.Attribute) else ""


def named_by_tests_only(project: ProjectModel, relpath: str) -> bool:
    """Whether the project's Python code names the file at `relpath`, and only test
    modules or names said for tests do. A reference with a folder matches the end of
    the path (`data/auth.cfg`); a bare file name, a file beside the module naming it."""
    by_tests = False
    for summary in project.modules.values():
        references = summary.facts.get(CONFIG_REFERENCE_FACTS)
        if not isinstance(references, tuple):
            continue
        for reference, for_tests in references:
            if not _names(reference, relpath, summary.relpath):
                continue
            if not (summary.is_test or for_tests):
                return False
            by_tests = True
    return by_tests


def _names(reference: str, relpath: str, module: str) -> bool:
    reference = reference.removeprefix("./")
    if "/" not in reference:
        return relpath == posixpath.join(posixpath.dirname(module), reference)
    return relpath == reference or relpath.endswith("/" + reference)


EXTRACTORS.append(FactExtractor(CONFIG_REFERENCE_FACTS, extract_config_references))
