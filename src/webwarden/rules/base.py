"""The rule unit: one module, one class, metadata as class attributes, docs as docstring.

A concrete rule subclasses one base by what it judges:
- `PythonRule`: AST nodes of one Python file, through `visit_<NodeType>(node, ctx)`.
- `ProjectRule`: the project model (Django settings, Flask config, routes).
- `TextRule`: configuration-like text files (.env, YAML, INI, deploy files).
- `NoticeRule`: the tool's own notices (WW0xx), produced by the engine.
- `DependencyRule`: one audited dependency (its pin, advisories, newest release).
- `ProbeRule`: the HTTP exchanges the live probe recorded (`webwarden probe URL`).
- `TemplateRule`: one parsed template (Jinja2 or Django), in the per-file step.
- `TemplateProjectRule`: templates with the views that render them (`project.templates`).
- `LogRule` (and `PayloadRule`): parsed log events, judged one at a time by
  `webwarden logs`; `LogNoticeRule` for the log monitor's own notices.
- `TaintRule`: flows of request data to sinks, from the taint analysis.
Later subsystems add their bases here with
the same metadata, so `rules`, `explain`, docs and SARIF treat every code alike.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar

from webwarden.findings import Confidence, Finding, FlowStep, Location, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.logs.events import EventKind, Evidence, LogEvent
from webwarden.logs.payloads import find_payload

if TYPE_CHECKING:
    from webwarden.analysis.taint.engine import Flow
    from webwarden.deps.model import AuditedDependency
    from webwarden.logs.facts import StreamFacts
    from webwarden.model.module import FileContext, TextFile
    from webwarden.model.project import ProjectModel
    from webwarden.parse.templates import Node, ParsedTemplate
    from webwarden.probe.exchange import ProbeRecord


class Status(enum.StrEnum):
    """Where a rule is in its life."""

    PREVIEW = "preview"
    STABLE = "stable"
    DEPRECATED = "deprecated"
    REMOVED = "removed"


class Framework(enum.StrEnum):
    """Which applications a rule is about."""

    ANY = "any"
    DJANGO = "django"
    FLASK = "flask"


class Rule:
    """Base of every rule; concrete rules set every metadata attribute below."""

    code: ClassVar[str]
    name: ClassVar[str]
    practice: ClassVar[Practice]
    severity: ClassVar[Severity]
    confidence: ClassVar[Confidence]
    cwe: ClassVar[int | None]
    message: ClassVar[str]
    """One line with `{placeholders}`: what was found, the construct in backticks."""
    fix: ClassVar[str]
    """One line: what to do instead."""
    frameworks: ClassVar[frozenset[Framework]] = frozenset({Framework.ANY})
    status: ClassVar[Status] = Status.PREVIEW
    since: ClassVar[str] = "0.1.0"
    opt_in: ClassVar[bool] = False
    """Left out of the default selection: most of what the rule finds on real code needs
    a reviewer's judgement (its docstring gives the measured share). A selector naming it
    (its code or name, a code prefix, `ALL`, in `select` or `extend-select`) turns it on."""
    bandit: ClassVar[tuple[str, ...]] = ()
    """Bandit test ids this rule covers (its `# nosec` markers are honoured)."""
    ruff: ClassVar[tuple[str, ...]] = ()
    """ruff codes this rule covers (`# noqa: S602` markers are honoured)."""
    django_checks: ClassVar[tuple[str, ...]] = ()
    """Ids of Django's system checks this rule covers (`security.W004`); settings rules
    honour the project's `SILENCED_SYSTEM_CHECKS` for them."""
    supersedes: ClassVar[tuple[str, ...]] = ()
    """Rules whose finding at the same place this rule's finding replaces: it says what
    theirs says and more (the engine drops theirs when both are selected)."""
    example_filename: ClassVar[str] = "example.py"
    """The file name the docs' Example and Fix blocks are audited as."""
    example_runnable: ClassVar[bool] = True
    """False only when the Example cannot be produced on purpose (e.g. WW003, a bug)."""

    @classmethod
    def fix_for(cls, fields: Mapping[str, object]) -> str:
        """The fix of one finding: `fix` with its placeholders filled."""
        return cls.fix.format(**fields)

    @classmethod
    def is_concrete(cls) -> bool:
        """Whether the class is a rule (defines a code) rather than a base."""
        return "code" in cls.__dict__

    @classmethod
    def make_finding(
        cls,
        location: Location,
        *,
        snippet: str = "",
        severity: Severity | None = None,
        confidence: Confidence | None = None,
        message: str | None = None,
        key: str = "",
        context: str = "",
        flow: Iterable[FlowStep] = (),
        **fields: object,
    ) -> Finding:
        """A finding of this rule; `fields` fill the `{placeholders}` of message and fix."""
        return Finding(
            code=cls.code,
            name=cls.name,
            severity=severity or cls.severity,
            confidence=confidence or cls.confidence,
            message=(message or cls.message).format(**fields),
            location=location,
            practice=cls.practice,
            cwe=cls.cwe,
            fix=cls.fix_for(fields),
            snippet=snippet,
            key=key,
            context=context,
            flow=tuple(flow),
        )


class PythonRule(Rule):
    """Judges the AST of one Python file.

    Define `visit_Call(self, node, ctx)` (or any `visit_<NodeType>`) yielding findings;
    the engine walks each tree once and calls every rule that wants the node's type.
    Rules are stateless and never mutate the tree.
    """

    calls: ClassVar[frozenset[str] | None] = None
    """The calls `visit_Call` judges; the engine calls it for those only. Entries are
    qualified names (`subprocess.run`), method names after a dot (`.extractall`: any
    callee ending so), prefixes ending in `*` (`passlib.hash.*`) or suffixes starting
    with `*` (`*create_engine`: any qualified name ending so). None: every call. It may
    hold more than the rule reports on, never less."""

    assigns: ClassVar[frozenset[str] | None] = None
    """The attribute names `visit_Assign` judges assignments to (`verify` for
    `session.verify = False`), and string keys in brackets (`[Content-Type]` for
    `response.headers["Content-Type"] = ...`); the engine calls it only for an assignment
    one of whose targets (not nested in a tuple) is so named. None: every assignment."""

    string_assigns_only: ClassVar[bool] = False
    """True when `visit_Assign` judges only assignments of a string literal
    (`password = "admin"`): the engine then skips the others."""

    keyword_calls_only: ClassVar[bool] = False
    """True when `visit_Call` judges only calls that pass keyword arguments (`f(x=...)`):
    the engine then skips the calls that pass none."""

    mentions: ClassVar[tuple[str | tuple[str, ...], ...]] = ()
    """Words a module's text must all hold for the rule to judge anything in it (found
    by `FileContext.mentions`); an entry that is a tuple of words is held when the text
    holds any of them. The engine skips the rule's visitors in other modules."""

    decorated_only: ClassVar[bool] = False
    """True when `visit_FunctionDef`, `visit_AsyncFunctionDef` and `visit_ClassDef` judge
    decorated definitions only: the engine then skips definitions without decorators."""

    in_tests: ClassVar[bool] = True
    """False when the rule never reports in test code (`FileContext.is_test_file`): what it
    finds is a risk only where the application serves requests (a test's login form, its
    logged token, its unverified TLS call to a fake server). The engine does not run it on
    test modules."""

    def finding(
        self,
        ctx: FileContext,
        node: ast.AST,
        *,
        severity: Severity | None = None,
        confidence: Confidence | None = None,
        message: str | None = None,
        key: str = "",
        flow: Iterable[FlowStep] = (),
        **fields: object,
    ) -> Finding:
        """A finding located at `node`, with its source lines as the snippet."""
        return self.make_finding(
            ctx.location(node),
            snippet=ctx.snippet(node),
            severity=severity,
            confidence=confidence,
            message=message,
            key=key,
            context="",
            flow=flow,
            **fields,
        )

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """Whether the project model shows this rule's `finding` unfounded, from what one
        file cannot see (a view a URLconf wraps, defined in another module with its
        bases); the engine drops it then. Never, unless a rule says otherwise."""
        return False

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """This rule's `finding` as the project model shows it, from what one file cannot
        see (a function only other modules' shell commands call is low); the engine
        reports what this returns. The finding itself, unless a rule says otherwise."""
        return finding

    @classmethod
    def visitors(cls) -> Iterator[tuple[str, str]]:
        """(node type name, method name) for every `visit_<NodeType>` the rule defines."""
        for attribute in dir(cls):
            if attribute.startswith("visit_") and hasattr(ast, attribute[6:]):
                yield attribute[6:], attribute


class ProjectRule(Rule):
    """Judges the project model: settings, config, middleware, routes."""

    needs_repository: ClassVar[bool] = False
    """True when the rule reads `project.repository` (git is asked only then)."""

    def check(self, project: ProjectModel) -> Iterable[Finding]:
        """Yield the findings of this rule on `project`."""
        raise NotImplementedError


class TextRule(Rule):
    """Judges configuration-like text files whose names match `patterns` (fnmatch)."""

    patterns: ClassVar[tuple[str, ...]] = ()

    def check_text(self, file: TextFile) -> Iterable[Finding]:
        """Yield the findings of this rule in `file`."""
        raise NotImplementedError

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """Whether the project model shows this rule's `finding` unfounded, from what the
        file cannot see (a switch the release the project installs no longer reads); the
        engine drops it then. Never, unless a rule says otherwise."""
        return False

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """This rule's `finding` as the project model shows it, from what the file cannot
        see (a fixture only the tests load is low); the engine reports what this returns.
        The finding itself, unless a rule says otherwise."""
        return finding


class TemplateRule(Rule):
    """Judges one parsed template, Jinja2 or Django, in the per-file step.

    `check_template` receives a `ParsedTemplate`: dialect-neutral nodes with exact
    positions and the HTML context of every output. With `escalates`, a finding located
    at an output whose variable the rendering view takes from request data is raised one
    severity level and to high confidence in the project step, with the flow attached.
    The docs Example and Fix are template snippets saved as `example_filename`; further
    blocks whose first line names a file (`# app.py`, `{# templates/base.html #}`) are
    saved beside it.
    """

    example_filename = "templates/page.html"
    escalates: ClassVar[bool] = False
    only_when_fed: ClassVar[bool] = False
    """With `escalates`: keep only the findings the project step raised (the rule is about
    request data reaching the template, which the template alone cannot tell)."""
    safe_kinds: ClassVar[frozenset[str]] = frozenset()
    """With `escalates`: request data made safe for any of these sink kinds before the
    view passes it (`url`: a path `reverse()` built) does not raise a finding."""
    form_fields_escaped: ClassVar[bool] = False
    """With `escalates`: a bound form's fields written as they render (`form.title`,
    `field.label_tag()`), not its raw data (`form.cleaned_data`, `field.data`), do not
    raise a finding: the form library escapes its widgets."""
    fed_at_start: ClassVar[bool] = False
    """With `escalates`: only the value the output starts with counts, not what its
    filters or a call are given (a URL's scheme is `profile_url(user)`'s result, whatever
    `user` is)."""
    fed_severity: ClassVar[Severity | None] = None
    """With `escalates`: the severity of a finding fed from request data, when it is not
    the one above the rule's own (a rule low on the application's own text, high when
    the request writes it)."""

    def check_template(self, template: ParsedTemplate) -> Iterable[Finding]:
        """Yield the findings of this rule in `template`."""
        raise NotImplementedError

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """Whether the project model shows this rule's `finding` unfounded, from what the
        template cannot see (what the views that render it pass); the engine drops it
        then. Never, unless a rule says otherwise."""
        return False

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """This rule's `finding` as the project model shows it, from what the template
        cannot see (what a filter of the project does to the value); the engine reports
        what this returns. The finding itself, unless a rule says otherwise."""
        return finding

    def at(
        self,
        template: ParsedTemplate,
        node: Node,
        *,
        severity: Severity | None = None,
        confidence: Confidence | None = None,
        message: str | None = None,
        **fields: object,
    ) -> Finding:
        """A finding at a template node, its line as the snippet."""
        line = template.lines[node.line - 1] if 0 < node.line <= len(template.lines) else ""
        return self.make_finding(
            Location(template.relpath, node.line, node.column),
            snippet=line,
            severity=severity,
            confidence=confidence,
            message=message,
            key="",
            context="",
            flow=(),
            **fields,
        )


class TemplateProjectRule(ProjectRule):
    """Judges templates together with the project: the views that render them, the
    filters the project defines, the framework's settings (`project.templates`)."""

    example_filename = "templates/page.html"


class NoticeRule(Rule):
    """A notice the engine itself produces (WW0xx); it has no judging code."""


class DependencyRule(Rule):
    """Judges one audited dependency: what it pins and what the advisory data says.

    The dependency audit (`webwarden.deps`) does every read and query; the rule only
    looks at the `AuditedDependency` it is handed. Docs examples are requirements files
    audited against the OSV records given as ```json blocks after them (see
    `engine/examples.py`).
    """

    example_filename: ClassVar[str] = "requirements.txt"

    def check_dependency(self, audited: AuditedDependency) -> Iterable[Finding]:
        """Yield the findings of this rule on one dependency."""
        raise NotImplementedError

    def dependency_finding(
        self,
        audited: AuditedDependency,
        *,
        severity: Severity | None = None,
        confidence: Confidence | None = None,
        context: str = "",
        **fields: object,
    ) -> Finding:
        """A finding at the line declaring the dependency, keyed by package name; a package
        the file declares again with the same constraint names the other lines."""
        declared = audited.dependency.declared
        also = audited.dependency.also_lines
        finding = self.make_finding(
            Location(declared.path, declared.line, declared.column),
            snippet=declared.text,
            severity=severity,
            confidence=confidence,
            message=None,
            key=audited.dependency.key,
            context=context,
            flow=(),
            **fields,
        )
        if not also:
            return finding
        lines = ", ".join(str(line) for line in also)
        where = f" (also declared at line{'s' if len(also) > 1 else ''} {lines})"
        return dataclasses.replace(finding, message=finding.message + where)


CONFIRMS_TAG = "confirms:"
"""Prefix of the finding tags through which a probe finding confirms static findings."""


class ProbeRule(Rule):
    """Judges what the live probe recorded on the running app (a `ProbeRecord`).

    Findings are located at the URL concerned (`Location.path` is the URL); the message
    names the header or cookie. `confirms` maps what a finding is about (a subject such
    as `session`, `csrf` or `*` for anything) to the static rule codes it proves on the
    running app; `webwarden check PATH --url URL` marks those static findings confirmed.
    The docs Example and Fix are HTTP transcripts (see `webwarden.probe.transcript`).
    """

    confirms: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    example_filename = "exchange.http"

    def check_probe(self, record: ProbeRecord) -> Iterable[Finding]:
        """Yield the findings of this rule on `record`."""
        raise NotImplementedError

    @classmethod
    def at_url(
        cls,
        url: str,
        /,
        *,
        subject: str = "",
        snippet: str = "",
        key: str = "",
        severity: Severity | None = None,
        message: str | None = None,
        **fields: object,
    ) -> Finding:
        """A finding at `url`; `subject` picks the static codes it confirms."""
        codes = cls.confirms.get(subject, ()) + cls.confirms.get("*", ())
        finding = cls.make_finding(
            Location(url),
            snippet=snippet,
            severity=severity,
            confidence=None,
            message=message,
            key=key or subject,
            context="",
            flow=(),
            **fields,
        )
        tags = tuple(sorted({CONFIRMS_TAG + code for code in codes}))
        return dataclasses.replace(finding, tags=tags) if tags else finding


ONLY_WHEN_FED = "only-when-fed"
"""The tag of a template finding kept only when a view feeds its value request data (a
value the name says the database made, `item_id`), whatever its rule's `only_when_fed`."""
READS_TAG = "reads:"
"""The tag prefix of a template finding naming a variable its value is made of
(`reads:items.title`): with `escalates`, a finding that has such tags is raised by what
they name alone, not by all its position reads (`kind` of `_(messages[kind])` only
chooses the message)."""
IN_MAIL = "in-mail"
"""The tag of a template finding in a mail's body, which a mail client shows and runs no
script of: request data there is not raised as if written into a page of the site."""


class LogRule(Rule):
    """Judges parsed log events one at a time (`webwarden logs`).

    `match(event, facts)` says whether one event is evidence for the rule and what the
    evidence is aggregated by (`Evidence.key`, usually the client). The log monitor
    keeps the windowed counters: a run of evidence from one key that reaches
    `threshold` within `window` seconds becomes one finding covering the whole burst.
    Rules stay stateless; what they need to know about the stream so far (did this
    client probe before? how large are this route's responses?) comes from `facts`.
    """

    example_filename: ClassVar[str] = "access.log"
    kinds: ClassVar[frozenset[EventKind]] = frozenset({EventKind.REQUEST})
    """The event kinds the rule looks at."""
    needs: ClassVar[str] = ""
    """`login` or `reset`: the rule looks only at events classified as a login attempt
    (`event.login` set) or a password-reset request; saves a call per other event."""
    threshold: ClassVar[int] = 1
    """Default evidence count (or distinct values) per window that makes a finding."""
    window: ClassVar[float] = 3600.0
    """Default window in seconds; a finding lasts while evidence keeps coming."""
    distinct: ClassVar[bool] = False
    """Count distinct `Evidence.distinct` values (accounts, paths) instead of events."""
    probe: ClassVar[bool] = False
    """Evidence marks the client as probing the app (read by rules through `facts`)."""
    probe_history: ClassVar[bool] = False
    """The rule reads `facts.probed_since`: the payload rules then run even when not
    selected, to mark probing clients."""
    login_history: ClassVar[bool] = False
    """The rule reads `facts.failures_before`; its window is how far back that looks."""
    route_sizes: ClassVar[bool] = False
    """The rule reads `facts.route_stats` (response sizes per route are then learnt)."""
    self_thresholded: ClassVar[bool] = False
    """The rule applies its `threshold` itself in `match` (to stream facts); every piece
    of evidence it returns opens a finding."""

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        """The evidence `event` gives for this rule, or None."""
        raise NotImplementedError


class PayloadRule(LogRule):
    """Finds attack payloads in request fields, URL-decoded once and twice.

    `pattern` (lower-case, searched in each of `fields`: `target`, `agent`, `referrer`)
    must stay linear on hostile input: no nested quantifiers, bounded repetition. The
    matched text is the evidence's detail. Every payload rule marks its client as probing.
    """

    pattern: ClassVar[re.Pattern[str]]
    trigger: ClassVar[re.Pattern[str]]
    """A cheap necessary condition of `pattern` (characters or words every branch
    needs), searched first so that clean requests cost little; it must match whatever
    `pattern` matches."""
    fields: ClassVar[tuple[str, ...]] = ("target",)
    probe = True

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        """Evidence keyed by client when the pattern matches a field."""
        detail = find_payload(event, self.fields, self.trigger, self.pattern)
        if detail is None:
            return None
        return Evidence(event.client or "", detail)


class LogNoticeRule(NoticeRule):
    """A notice of the log monitor (WW03x); its docs examples are read as logs."""

    example_filename: ClassVar[str] = "access.log"


class TaintRule(ProjectRule):
    """Reports request data reaching one family of sinks, found by the taint analysis.

    The analysis (`webwarden.analysis.taint`) runs once per scan and tags every flow with
    the code of the rule whose sinks it reaches; the rule turns its flows into findings
    with the whole flow attached. `message` may use `{source}` (what was read, with where
    when it is not on the sink's line) and `{sink}` (the call). A direct flow is reported
    at the rule's confidence, a flow through something the engine approximates at medium.
    `supersedes` names pattern rules whose finding on the same call this one replaces
    (the engine drops theirs when both are selected).
    """

    def check(self, project: ProjectModel) -> Iterable[Finding]:
        """The findings of this rule: the taint analysis's flows to its sinks."""
        from webwarden.analysis.taint import taint_flows

        for flow in taint_flows(project):
            if flow.rule == self.code and self.keeps(project, flow):
                yield _debug_only_source(project, flow, self.flow_finding(flow))

    def keeps(self, project: ProjectModel, flow: Flow) -> bool:
        """Whether the flow is reported: not when its value was put in a SQL string
        literal with its quotes doubled in an application that cannot reach MySQL; a rule
        may know more flows that the project's own facts make harmless."""
        return not _quoted_off_mysql(project, flow)

    @classmethod
    def flow_finding(cls, flow: Flow) -> Finding:
        """The finding for one flow: at the sink, with every step of the flow."""
        first = flow.source_step
        source = flow.source
        if first.relpath != flow.relpath:
            source += f" ({first.relpath}:{first.line})"
        elif first.line != flow.line:
            source += f" (line {first.line})"
        steps = tuple(FlowStep(Location(s.relpath, s.line, s.column), s.note) for s in flow.steps)
        confidence = Confidence.MEDIUM if flow.approx else cls.confidence
        return cls.make_finding(
            Location(flow.relpath, flow.line, flow.column),
            confidence=confidence,
            flow=steps,
            source=source,
            sink=flow.sink,
        )


def _debug_only_source(project: ProjectModel, flow: Flow, finding: Finding) -> Finding:
    """The finding at low severity when the data is read in a Django view that only a
    `DEBUG` server routes (every route to it added under `if settings.DEBUG:`): a
    deployment with `DEBUG` off serves no such request."""
    first = flow.source_step
    view = project.django.debug_only_view(first.relpath, first.line) if project.django else ""
    if not view:
        return finding
    return lower_for_context(finding, Severity.LOW, f"view `{view}` routed only with `DEBUG` on")


def _quoted_off_mysql(project: ProjectModel, flow: Flow) -> bool:
    """Whether the flow's value was put in an SQL string literal with its quotes doubled,
    which only MySQL's backslash escapes defeat, in an application that cannot reach
    MySQL: there the literal holds."""
    from webwarden.analysis.taint.sql_quoting import MYSQL_NOTE

    return any(step.note == MYSQL_NOTE for step in flow.steps) and not project.mysql_possible(
        flow.relpath
    )
