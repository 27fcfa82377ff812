"""The per-file step: read, parse, run the file's rules once over its tree, summarise.

`analyse_file` is a pure function of a `SourceFile` and a picklable `FilePlan`, so it can
run in a worker process and its `FileResult` can be cached by content hash.
"""

from __future__ import annotations

import ast
import dataclasses
import fnmatch
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import cast

from webwarden.discover import FileKind, SourceFile
from webwarden.discover.files import KEY_FILE_PATTERNS, SETTINGS_FRAGMENT_SUFFIX
from webwarden.discover.patterns import PathMatcher
from webwarden.engine.store import digest_of
from webwarden.findings import Finding, Location
from webwarden.findings.suppress import Suppression, parse_suppressions
from webwarden.model.bdd_steps import is_bdd_module
from webwarden.model.facts import extract_facts
from webwarden.model.load_tests import defines_load_test
from webwarden.model.module import FileContext, TextFile
from webwarden.model.names import NameResolver, module_name, star_exports
from webwarden.model.platform_redirects import is_platform_manifest
from webwarden.model.project import ModuleSummary
from webwarden.model.pytest_plugins import is_pytest_plugin
from webwarden.model.templates.facts import TemplateFacts
from webwarden.model.templates.plan import TemplatePlan
from webwarden.model.test_cases import defines_test_case
from webwarden.model.test_factories import defines_test_factory
from webwarden.model.tree import SLOTS, child_slots
from webwarden.parse import ParsedPython, Unreadable, read_python, read_text
from webwarden.parse.guards import BINARY
from webwarden.rules.base import PythonRule, Rule, TextRule
from webwarden.rules.notices.file_not_analysed import FileNotAnalysed
from webwarden.rules.notices.rule_failed import RuleFailed
from webwarden.rules.registry import get_rule

logger = logging.getLogger(__name__)
_KEY_FILE = re.compile("|".join(fnmatch.translate(p) for p in KEY_FILE_PATTERNS))


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
    digest: str | None = None
    """`digest_of` the bytes analysed, when the step read them itself (a Python module):
    the cache's key holds it, and the file need not be read again to make it."""


@dataclass(frozen=True, slots=True)
class CallFilter:
    """A rule's `calls`, ready for matching: exact names, method names, prefixes, suffixes."""

    names: frozenset[str]
    methods: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...] = ()

    @classmethod
    def of(cls, calls: frozenset[str]) -> CallFilter:
        """Split the entries of a rule's `calls`."""
        return cls(
            frozenset(c for c in calls if not c.startswith((".", "*")) and not c.endswith("*")),
            frozenset(c[1:] for c in calls if c.startswith(".")),
            tuple(c[:-1] for c in calls if c.endswith("*")),
            tuple(c[1:] for c in calls if c.startswith("*")),
        )

    def wants(self, name: str | None, method: str | None) -> bool:
        """Whether a call to `name` (its last attribute `method`) passes the filter."""
        if name is not None and (
            name in self.names or name.startswith(self.prefixes) or name.endswith(self.suffixes)
        ):
            return True
        return method is not None and method in self.methods


Handler = Callable[[ast.AST, FileContext], Iterable[Finding]]
Handlers = list[tuple[type[PythonRule], Handler, CallFilter | None]]
"""(rule, its bound visit method, the filter of calls it wants or None for every call)."""

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def _target_name(target: ast.expr) -> str:
    """What `PythonRule.assigns` matches of an assignment target: an attribute's name, a
    string key in brackets (`[Access-Control-Allow-Origin]` for `headers["..."] = ...`)."""
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript):
        key = target.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return f"[{key.value}]"
    return ""


@dataclass(slots=True)
class Dispatch:
    """Which rule methods judge which nodes, for one selection of rules (narrowed by
    what each rule declares it judges: `PythonRule.assigns`, `string_assigns_only`,
    `keyword_calls_only`, `decorated_only`, `mentions`)."""

    table: dict[type[ast.AST], Handlers]
    _by_call: dict[tuple[str | None, str | None, bool], Handlers] = field(
        default_factory=dict, init=False
    )
    _unfiltered: Handlers = field(default_factory=list, init=False)
    """The `visit_Call` handlers that want every call."""
    _any: CallFilter | None = field(default=None, init=False)
    """Every call any filtered `visit_Call` handler wants (None: there are none)."""
    _by_attributes: dict[tuple[tuple[str, ...], bool], Handlers] = field(
        default_factory=dict, init=False
    )
    """The `visit_Assign` handlers by the attribute names an assignment's targets have and
    whether it assigns a string literal."""
    _undecorated: dict[type[ast.AST], Handlers] = field(default_factory=dict, init=False)
    """The definition handlers that want definitions without decorators too."""
    _screened: set[type[PythonRule]] = field(default_factory=set, init=False)
    """The rules with a `mentions` screen."""

    def screened_out(self, ctx: FileContext) -> set[type[Rule]]:
        """The rules whose `mentions` screen rules the module out."""
        return {
            rule for rule in self._screened if not all(_holds(ctx, word) for word in rule.mentions)
        }

    def __post_init__(self) -> None:
        self._screened = {
            rule for handlers in self.table.values() for rule, _, _ in handlers if rule.mentions
        }
        handlers = self.table.get(ast.Call, [])
        self._unfiltered = [handler for handler in handlers if handler[2] is None]
        filters = [handler[2] for handler in handlers if handler[2] is not None]
        if filters:
            self._any = CallFilter(
                frozenset().union(*(f.names for f in filters)),
                frozenset().union(*(f.methods for f in filters)),
                tuple(p for f in filters for p in f.prefixes),
                tuple(s for f in filters for s in f.suffixes),
            )
        for kind in _DEFINITIONS:
            self._undecorated[kind] = [
                handler for handler in self.table.get(kind, ()) if not handler[0].decorated_only
            ]

    def for_call(self, name: str | None, method: str | None, keywords: bool = True) -> Handlers:
        """The `visit_Call` handlers that want a call to `name` (last attribute `method`),
        one that passes keyword arguments or (`keywords` False) one that passes none.

        NOTE: worked out once per distinct callee and process, not once per call and rule:
        most calls of a tree go to a few thousand callees, and most callees to no rule.
        """
        key = (name, method, keywords)
        found = self._by_call.get(key)
        if found is None:
            if self._any is None or not self._any.wants(name, method):
                found = self._unfiltered
            else:
                found = [
                    handler
                    for handler in self.table.get(ast.Call, ())
                    if handler[2] is None or handler[2].wants(name, method)
                ]
            if not keywords:
                found = [handler for handler in found if not handler[0].keyword_calls_only]
            self._by_call[key] = found
        return found

    def for_assign(self, node: ast.Assign) -> Handlers:
        """The `visit_Assign` handlers that want `node`, by the attribute names among its
        targets and whether it assigns a string literal (worked out once per distinct
        key)."""
        names = tuple([_target_name(t) for t in node.targets])
        value = node.value
        string = isinstance(value, ast.Constant) and isinstance(value.value, str)
        found = self._by_attributes.get((names, string))
        if found is None:
            found = self._by_attributes[names, string] = [
                handler
                for handler in self.table.get(ast.Assign, ())
                if (string or not handler[0].string_assigns_only)
                and (
                    (wanted := handler[0].assigns) is None or any(name in wanted for name in names)
                )
            ]
        return found

    def judged(
        self, kind: type[ast.AST], nodes: list[ast.AST], ctx: FileContext
    ) -> Iterator[tuple[ast.AST, Handlers]]:
        """Each of `nodes` (of type `kind`) with the handlers that want it, if any do."""
        if kind is ast.Call:
            for call in cast(list[ast.Call], nodes):
                func = call.func
                attribute = func.attr if isinstance(func, ast.Attribute) else None
                name = ctx.call_name(call)
                if wanted := self.for_call(name, attribute, bool(call.keywords)):
                    yield call, wanted
        elif kind is ast.Assign:
            for assign in cast(list[ast.Assign], nodes):
                if wanted := self.for_assign(assign):
                    yield assign, wanted
        elif kind in self._undecorated:
            everyone, undecorated = self.table[kind], self._undecorated[kind]
            for definition in cast(list[_Definition], nodes):
                if wanted := everyone if definition.decorator_list else undecorated:
                    yield definition, wanted
        else:
            handlers = self.table[kind]
            for node in nodes:
                yield node, handlers


@cache
def _dispatch(codes: tuple[str, ...], tests: bool = False) -> Dispatch:
    """Node type -> the handlers of the selected rules that visit it (`tests`: in a test
    module, of the rules that judge test code, `PythonRule.in_tests`)."""
    table: dict[type[ast.AST], Handlers] = {}
    instances = _instances(codes)
    for code in codes:
        rule = get_rule(code)
        if rule is not None and issubclass(rule, PythonRule) and (rule.in_tests or not tests):
            for node_type, method in rule.visitors():
                wanted = rule.calls if method == "visit_Call" else None
                calls = None if wanted is None else CallFilter.of(wanted)
                bound = getattr(instances[rule], method)
                table.setdefault(getattr(ast, node_type), []).append((rule, bound, calls))
    return Dispatch(table)


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
    """The one traversal of a module: every node's parent, and every node by type.

    NOTE: the hottest loop of the per-file step, so `model.tree.children` is inlined here,
    with each field known to hold a list or not (`child_slots`); the shared context and
    operator singletons (`Load`, `Add`, ...) are left out.
    """
    parents: dict[int, ast.AST] = {}
    by_type: dict[type[ast.AST], list[ast.AST]] = {}
    stack: list[ast.AST] = [tree]
    pop = stack.pop
    push = stack.append
    slots_of = SLOTS
    while stack:
        node = pop()
        kind = type(node)
        same = by_type.get(kind)
        if same is None:
            by_type[kind] = [node]
        else:
            same.append(node)
        slots = slots_of.get(kind)
        if slots is None:
            slots = child_slots(node)
        for name, many in slots:
            value = getattr(node, name)
            if many:
                for item in value:
                    if item is not None:
                        parents[id(item)] = node
                        push(item)
            elif value is not None:
                parents[id(value)] = node
                push(value)
    return parents, by_type


def _walk(ctx: FileContext, plan: FilePlan) -> list[Finding]:
    """Run the plan's rules on the nodes they want, from the context's type index (the
    parent map is complete by then, so rules may look anywhere around a node)."""
    dispatch = _dispatch(plan.rule_codes, ctx.is_test_file)
    findings: list[Finding] = []
    idle = dispatch.screened_out(ctx)
    for kind, handlers in dispatch.table.items():
        nodes = ctx.by_type.get(kind)
        if nodes and (not idle or any(rule not in idle for rule, _, _ in handlers)):
            for node, wanted in dispatch.judged(kind, nodes, ctx):
                _run(wanted, node, ctx, findings, idle)
    return findings


def _run(
    handlers: Handlers,
    node: ast.AST,
    ctx: FileContext,
    findings: list[Finding],
    idle: set[type[Rule]],
) -> None:
    """Each handler's findings on `node`; a rule that fails joins `idle`, reported once."""
    for rule, visit, _ in handlers:
        if rule in idle:
            continue
        try:
            findings.extend(visit(node, ctx))
        except Exception as exc:
            logger.debug("rule %s failed on %s", rule.code, ctx.relpath, exc_info=True)
            idle.add(rule)
            error = f"{type(exc).__name__}: {exc}"
            findings.append(
                RuleFailed.make_finding(ctx.location(node), rule=rule.code, error=error)
            )


def _python(file: SourceFile, plan: FilePlan) -> FileResult:
    parsed = read_python(file.path, plan.max_file_size)
    if isinstance(parsed, Unreadable):
        return _unreadable(file, parsed)
    result = analyse_parsed(file.relpath, parsed, plan)
    result.digest = digest_of(parsed.data)
    return result


def analyse_parsed(relpath: str, parsed: ParsedPython, plan: FilePlan) -> FileResult:
    """Run the plan's Python rules over an already parsed module."""
    ctx = make_context(relpath, parsed, plan)
    findings = _walk(ctx, plan)
    skipped: list[str] = []
    facts = extract_facts(ctx, skipped)
    if skipped:
        reason = f"too deeply nested to read in full (its {', '.join(skipped)} facts are left out)"
        findings.append(FileNotAnalysed.make_finding(Location(relpath), reason=reason, key=reason))
    exports, declared_all = star_exports(ctx.tree)
    summary = ModuleSummary(
        relpath,
        ctx.module,
        ctx.is_test_file,
        ctx.frameworks,
        ctx.names.aliases,
        facts,
        ctx.names.stars,
        ctx.star_names,
        exports,
        declared_all,
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
    is_test = (
        is_test_path(relpath, plan.test_paths)
        or is_pytest_plugin(parsed.tree, names)
        or is_bdd_module(parsed.tree, names)
        or defines_test_case(parsed.tree, names)
        or defines_test_factory(parsed.tree, names)
        or defines_load_test(parsed.tree, names)
    )
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
        and any(fnmatch.fnmatchcase(file.name, p) for p in rule.patterns)
    ]
    if not rules:
        if is_platform_manifest(file.relpath):
            return _front_file(file, plan)
        return FileResult(file.relpath, file.kind, analysed=False)
    # NOTE: configuration text is searched for ASCII keys and tokens: a stray Latin-1
    # byte elsewhere must not hide the passwords in the rest of the file.
    text = read_text(file.path, plan.max_file_size, lenient=True)
    if isinstance(text, Unreadable):
        if text.reason == BINARY and _KEY_FILE.match(file.name):
            # NOTE: a binary file named like a key (a DER key, a Keynote deck `.key`) holds
            # no PEM block, the only form WW247 reads: not a file that failed to parse.
            return FileResult(file.relpath, file.kind, analysed=False)
        return _unreadable(file, text)
    handed = TextFile.from_text(file.relpath, text)
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(rule.check_text(handed))
    suppressions = parse_suppressions(text, comment_only=False)
    return FileResult(file.relpath, file.kind, findings, suppressions, lines=len(handed.lines))


def _front_file(file: SourceFile, plan: FilePlan) -> FileResult:
    """A platform manifest no text rule reads (a `Caddyfile`, a Terraform file): the
    project reads it for the HTTPS redirect and HSTS in front of the app, so one it cannot
    read (binary, too large) is reported, not judged as text."""
    text = read_text(file.path, plan.max_file_size, lenient=True)
    if isinstance(text, Unreadable):
        return _unreadable(file, text)
    return FileResult(file.relpath, file.kind, lines=text.count("\n") + 1)


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
        result = _python(file, plan)
        if not result.analysed and file.name.endswith(SETTINGS_FRAGMENT_SUFFIX):
            # NOTE: a settings folder's `.conf` that is no Python (an INI file kept
            # beside the settings) is the configuration text its name says.
            return _text(dataclasses.replace(file, kind=FileKind.TEXT), plan)
        return result
    if file.kind is FileKind.TEXT:
        return _text(file, plan)
    return FileResult(file.relpath, file.kind, analysed=False)


def _holds(ctx: FileContext, entry: str | tuple[str, ...]) -> bool:
    """Whether the module's text holds a word of a rule's `mentions` (any of a tuple's)."""
    if isinstance(entry, str):
        return ctx.mentions(entry)
    return any(ctx.mentions(word) for word in entry)
