"""The per-file step: read, parse, run the file's rules once over its tree, summarise.

`analyse_file` is a pure function of a `SourceFile` and a picklable `FilePlan`, so it can
run in a worker process and its `FileResult` can be cached by content hash.
"""

from __future__ import annotations

import ast
import fnmatch
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

import pathspec

from webwarden.discover import FileKind, SourceFile
from webwarden.findings import Finding, Location
from webwarden.findings.suppress import Suppression, parse_suppressions
from webwarden.model.facts import extract_facts
from webwarden.model.module import FileContext, TextFile
from webwarden.model.names import NameResolver, module_name
from webwarden.model.project import ModuleSummary
from webwarden.model.templates.facts import TemplateFacts
from webwarden.model.templates.plan import TemplatePlan
from webwarden.parse import ParsedPython, Unreadable, read_python, read_text
from webwarden.rules.base import PythonRule, Rule, TextRule
from webwarden.rules.notices.file_not_analysed import FileNotAnalysed
from webwarden.rules.notices.rule_failed import RuleFailed
from webwarden.rules.registry import get_rule

logger = logging.getLogger(__name__)

Handler = Callable[[ast.AST, FileContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class FilePlan:
    """What the per-file step needs to know of the run; small and picklable."""

    rule_codes: tuple[str, ...]
    max_file_size: int
    package_dirs: frozenset[str]
    test_paths: tuple[str, ...]
    templates: TemplatePlan | None = None
    """How to read templates (None: no selected rule reads templates, or not yet known)."""


@dataclass(slots=True)
class FileResult:
    """What one file contributed: findings, suppressions and its module summary."""

    relpath: str
    kind: FileKind
    findings: list[Finding] = field(default_factory=list)
    suppressions: dict[int, list[Suppression]] = field(default_factory=dict)
    summary: ModuleSummary | None = None
    lines: int = 0
    analysed: bool = True
    template: TemplateFacts | None = None


@cache
def _dispatch(codes: tuple[str, ...]) -> dict[type[ast.AST], list[tuple[type[Rule], str]]]:
    table: dict[type[ast.AST], list[tuple[type[Rule], str]]] = {}
    for code in codes:
        rule = get_rule(code)
        if rule is not None and issubclass(rule, PythonRule):
            for node_type, method in rule.visitors():
                table.setdefault(getattr(ast, node_type), []).append((rule, method))
    return table


@cache
def _instances(codes: tuple[str, ...]) -> dict[type[Rule], Rule]:
    return {rule: rule() for code in codes if (rule := get_rule(code)) is not None}


@cache
def _test_spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def is_test_path(relpath: str, patterns: tuple[str, ...]) -> bool:
    """Whether `relpath` is test code by the configured `test-paths`."""
    return _test_spec(patterns).match_file(relpath)


def _unreadable(file: SourceFile, problem: Unreadable) -> FileResult:
    location = Location(file.relpath, problem.line, problem.column)
    finding = FileNotAnalysed.make_finding(location, reason=problem.reason, key=problem.reason)
    return FileResult(file.relpath, file.kind, [finding], analysed=False)


def _walk(ctx: FileContext, plan: FilePlan) -> list[Finding]:
    """One traversal that records every parent and the nodes some rule wants; then the
    rules run on those nodes with the parent map complete."""
    table = _dispatch(plan.rule_codes)
    instances = _instances(plan.rule_codes)
    parents = ctx.parents
    by_type = ctx.by_type
    wanted: list[ast.AST] = []
    stack: list[ast.AST] = [ctx.tree]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind in table:
            wanted.append(node)
        by_type.setdefault(kind, []).append(node)
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
            stack.append(child)
    ctx.mark_parents_complete(indexed=True)
    findings: list[Finding] = []
    failed: set[type[Rule]] = set()
    for node in wanted:
        for rule, method in table[type(node)]:
            if rule in failed:
                continue
            try:
                findings.extend(getattr(instances[rule], method)(node, ctx))
            except Exception as exc:
                logger.debug("rule %s failed on %s", rule.code, ctx.relpath, exc_info=True)
                failed.add(rule)
                findings.append(
                    RuleFailed.make_finding(
                        ctx.location(node), rule=rule.code, error=f"{type(exc).__name__}: {exc}"
                    )
                )
    return findings


def _python(file: SourceFile, plan: FilePlan) -> FileResult:
    parsed = read_python(file.path, plan.max_file_size)
    if isinstance(parsed, Unreadable):
        return _unreadable(file, parsed)
    return analyse_parsed(file.relpath, parsed, plan)


def analyse_parsed(relpath: str, parsed: ParsedPython, plan: FilePlan) -> FileResult:
    """Run the plan's Python rules over an already parsed module."""
    module = module_name(relpath, plan.package_dirs)
    is_package = relpath.endswith("__init__.py")
    names = NameResolver(parsed.tree, module, is_package=is_package)
    is_test = is_test_path(relpath, plan.test_paths)
    ctx = FileContext(relpath, module, parsed.lines, parsed.tree, names, is_test_file=is_test)
    findings = _walk(ctx, plan)
    summary = ModuleSummary(
        relpath, module, is_test, ctx.frameworks, names.aliases, extract_facts(ctx)
    )
    return FileResult(
        relpath,
        FileKind.PYTHON,
        findings,
        parse_suppressions(parsed.source),
        summary,
        len(parsed.lines),
    )


def _text(file: SourceFile, plan: FilePlan) -> FileResult:
    rules = [
        rule
        for rule in _instances(plan.rule_codes).values()
        if isinstance(rule, TextRule)
        and any(fnmatch.fnmatchcase(file.path.name, p) for p in rule.patterns)
    ]
    if not rules:
        return FileResult(file.relpath, file.kind, analysed=False)
    text = read_text(file.path, plan.max_file_size)
    if isinstance(text, Unreadable):
        return _unreadable(file, text)
    handed = TextFile.from_text(file.relpath, text)
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(rule.check_text(handed))
    suppressions = parse_suppressions(text, comment_only=False)
    return FileResult(file.relpath, file.kind, findings, suppressions, lines=len(handed.lines))


def _template(file: SourceFile, plan: FilePlan, templates: TemplatePlan) -> FileResult:
    from webwarden.engine.templates import read_template

    read = read_template(file, templates, plan.rule_codes, plan.max_file_size)
    return FileResult(
        file.relpath,
        FileKind.TEMPLATE,
        read.findings,
        read.suppressions,
        lines=read.lines,
        analysed=read.analysed,
        template=read.facts,
    )


def analyse_file(file: SourceFile, plan: FilePlan) -> FileResult:
    """The per-file step for any kind of file."""
    if plan.templates is not None and plan.templates.is_template(file):
        return _template(file, plan, plan.templates)
    if file.kind is FileKind.PYTHON:
        return _python(file, plan)
    if file.kind is FileKind.TEXT:
        return _text(file, plan)
    return FileResult(file.relpath, file.kind, analysed=False)
