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

from webwarden.discover import FileKind, SourceFile
from webwarden.discover.patterns import PathMatcher
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


@dataclass(frozen=True, slots=True)
class CallFilter:
    """A rule's `calls`, ready for matching: exact names, method names, prefixes."""

    names: frozenset[str]
    methods: frozenset[str]
    prefixes: tuple[str, ...]

    @classmethod
    def of(cls, calls: frozenset[str]) -> CallFilter:
        """Split the entries of a rule's `calls`."""
        return cls(
            frozenset(c for c in calls if not c.startswith(".") and not c.endswith("*")),
            frozenset(c[1:] for c in calls if c.startswith(".")),
            tuple(c[:-1] for c in calls if c.endswith("*")),
        )

    def wants(self, name: str | None, method: str | None) -> bool:
        """Whether a call to `name` (its last attribute `method`) passes the filter."""
        if name is not None and (name in self.names or name.startswith(self.prefixes)):
            return True
        return method is not None and method in self.methods


Handlers = list[tuple[type[Rule], str, CallFilter | None]]


@cache
def _dispatch(codes: tuple[str, ...]) -> dict[type[ast.AST], Handlers]:
    """Node type -> (rule, method, the filter of calls it wants or None for every call)."""
    table: dict[type[ast.AST], Handlers] = {}
    for code in codes:
        rule = get_rule(code)
        if rule is not None and issubclass(rule, PythonRule):
            for node_type, method in rule.visitors():
                wanted = rule.calls if method == "visit_Call" else None
                calls = None if wanted is None else CallFilter.of(wanted)
                table.setdefault(getattr(ast, node_type), []).append((rule, method, calls))
    return table


@cache
def _instances(codes: tuple[str, ...]) -> dict[type[Rule], Rule]:
    return {rule: rule() for code in codes if (rule := get_rule(code)) is not None}


@cache
def _test_matcher(patterns: tuple[str, ...]) -> PathMatcher:
    return PathMatcher.from_lines(patterns)


def is_test_path(relpath: str, patterns: tuple[str, ...]) -> bool:
    """Whether `relpath` is test code by the configured `test-paths`."""
    return _test_matcher(patterns).match(relpath)


def _unreadable(file: SourceFile, problem: Unreadable) -> FileResult:
    location = Location(file.relpath, problem.line, problem.column)
    finding = FileNotAnalysed.make_finding(location, reason=problem.reason, key=problem.reason)
    return FileResult(file.relpath, file.kind, [finding], analysed=False)


def _index(tree: ast.Module) -> tuple[dict[int, ast.AST], dict[type[ast.AST], list[ast.AST]]]:
    """The one traversal of a module: every node's parent, and every node by type."""
    parents: dict[int, ast.AST] = {}
    by_type: dict[type[ast.AST], list[ast.AST]] = {}
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        by_type.setdefault(type(node), []).append(node)
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
            stack.append(child)
    return parents, by_type


def _walk(ctx: FileContext, plan: FilePlan) -> list[Finding]:
    """Run the plan's rules on the nodes they want, from the context's type index (the
    parent map is complete by then, so rules may look anywhere around a node)."""
    table = _dispatch(plan.rule_codes)
    instances = _instances(plan.rule_codes)
    findings: list[Finding] = []
    failed: set[type[Rule]] = set()
    for kind, handlers in table.items():
        for node in ctx.by_type.get(kind, ()):
            name = attribute = None
            if isinstance(node, ast.Call):
                name = ctx.call_name(node)
                attribute = node.func.attr if isinstance(node.func, ast.Attribute) else None
            for rule, method, calls in handlers:
                if rule in failed or (calls is not None and not calls.wants(name, attribute)):
                    continue
                try:
                    findings.extend(getattr(instances[rule], method)(node, ctx))
                except Exception as exc:
                    logger.debug("rule %s failed on %s", rule.code, ctx.relpath, exc_info=True)
                    failed.add(rule)
                    error = f"{type(exc).__name__}: {exc}"
                    findings.append(
                        RuleFailed.make_finding(ctx.location(node), rule=rule.code, error=error)
                    )
    return findings


def _python(file: SourceFile, plan: FilePlan) -> FileResult:
    parsed = read_python(file.path, plan.max_file_size)
    if isinstance(parsed, Unreadable):
        return _unreadable(file, parsed)
    return analyse_parsed(file.relpath, parsed, plan)


def analyse_parsed(relpath: str, parsed: ParsedPython, plan: FilePlan) -> FileResult:
    """Run the plan's Python rules over an already parsed module."""
    ctx = make_context(relpath, parsed, plan)
    findings = _walk(ctx, plan)
    summary = ModuleSummary(
        relpath, ctx.module, ctx.is_test_file, ctx.frameworks, ctx.names.aliases, extract_facts(ctx)
    )
    return FileResult(
        relpath,
        FileKind.PYTHON,
        findings,
        parse_suppressions(parsed.source),
        summary,
        len(parsed.lines),
    )


def make_context(relpath: str, parsed: ParsedPython, plan: FilePlan) -> FileContext:
    """The context of a parsed module, its one traversal done (parents, nodes by type)."""
    module = module_name(relpath, plan.package_dirs)
    is_package = relpath.endswith("__init__.py")
    parents, by_type = _index(parsed.tree)
    imports = [*by_type.get(ast.Import, ()), *by_type.get(ast.ImportFrom, ())]
    names = NameResolver(parsed.tree, module, is_package=is_package, imports=imports)
    is_test = is_test_path(relpath, plan.test_paths)
    ctx = FileContext(
        relpath,
        module,
        parsed.lines,
        parsed.tree,
        names,
        is_test_file=is_test,
        parents=parents,
        by_type=by_type,
    )
    ctx.mark_parents_complete(indexed=True)
    return ctx


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
