"""Templates in the engine: the per-file read and the project-step escalation.

`read_template` is the per-file step for a template file: a pure function of the file
and the `TemplatePlan`, returning findings, suppressions and small `TemplateFacts`
(never the parsed template). `escalate` runs after the project rules: a finding of an
escalating `TemplateRule` at an output whose variable the rendering view takes from
request data is raised one severity level and to high confidence, with the flow.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from webwarden.discover import SourceFile
from webwarden.findings import Finding, Location
from webwarden.findings.suppress import Suppression, parse_suppressions
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.escalation import raise_if_fed
from webwarden.model.templates.facts import TemplateFacts
from webwarden.model.templates.plan import TemplatePlan
from webwarden.model.templates.template_facts import template_facts
from webwarden.parse import Unreadable, read_text
from webwarden.parse.templates import ParsedTemplate, TemplateSyntax, parse_template
from webwarden.parse.templates.read import ANGULAR_DIRECTIVE
from webwarden.rules.base import IN_MAIL, ONLY_WHEN_FED, READS_TAG, Rule, TemplateRule
from webwarden.rules.notices.file_not_analysed import FileNotAnalysed
from webwarden.rules.notices.rule_failed import RuleFailed
from webwarden.rules.registry import get_rule

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class TemplateRead:
    """What one template file contributed in the per-file step."""

    findings: list[Finding] = field(default_factory=list)
    suppressions: dict[int, list[Suppression]] = field(default_factory=dict)
    facts: TemplateFacts | None = None
    lines: int = 0
    analysed: bool = True


_SERVED_AS_IS = re.compile(r"(?:^|/)(?:static[\w.-]*|assets|htmlcov|_build|[\w.-]*[-_]static)/")
"""Folders of files served or opened as they are (static files, `staticfiles/`,
`static_old/`, `static.dist/`, built documentation, coverage reports): HTML there is never
rendered, even when it shows template syntax."""


_ANGULAR_BINDING = re.compile(
    r"""\s(?:\*ng[A-Z]\w*|\[\(?[\w.-]+\)?\]|\([\w.-]+\))=["']"""
    r"|^\s*@(?:if|for|switch|defer)\s*[({]",
    re.MULTILINE,
)
"""Angular's own template syntax: `*ngIf=`, `[value]=`, `[(ngModel)]=`, `(click)=`
attributes and `@if (...) {` blocks, none of which a Django or Jinja2 template writes."""


_SCRIPT_EXPRESSION = re.compile(
    r"\{\{[^{}]*?(?:\|\s*[A-Za-z_$][\w$]*(?:\s+:|:\s+)|\|\||&&|===|!==)[^{}]*\}\}"
)
"""A `{{ }}` expression in a script framework's syntax, which neither Django nor Jinja2
can read: a filter given its argument after a colon with a space beside it (AngularJS's
`{{ size | numeral: '0.0 b' }}`; Django's `|date:"Y"` has none, Jinja2 no colon) or a
JavaScript operator (`{{ ctrl.title || ctrl.key }}`, `&&`, `===`)."""


_EMBER_CONTENT_FOR = re.compile(r"""\{\{content-for\s+(["'])[\w-]+\1\s*\}\}""")
"""Ember CLI's build hook in an Ember app's `app/index.html` and `tests/index.html`
(`{{content-for "head"}}`): the build fills it in, and the browser app runs the page."""


def _client_side(text: str, relpath: str) -> bool:
    """An Angular component's template (`*.component.html`, Angular CLI's name for it, or
    one written in Angular's binding syntax), an Ember app's page (Ember CLI's
    `{{content-for "head"}}`), or an AngularJS view (`ng-repeat=`,
    `ng-click=` attributes, or `{{ }}` expressions in its own syntax, and no `{% %}` tag,
    which a Jinja2 or Django template mixing in AngularJS would have): the browser app
    renders it with its own escaping, no server reads it as a Django or Jinja2 template."""
    if relpath.endswith(".component.html") or _ANGULAR_BINDING.search(text) is not None:
        return True
    if _EMBER_CONTENT_FOR.search(text) is not None:
        return True
    return "{%" not in text and (
        ANGULAR_DIRECTIVE.search(text) is not None or _SCRIPT_EXPRESSION.search(text) is not None
    )


_OWN_REPORT = '<meta name="generator" content="webwarden">'
"""The head of webwarden's own HTML report, left in a project after a run."""


def _looks_templated(text: str, syntax: TemplateSyntax, relpath: str) -> bool:
    """Outside template folders, plain HTML pages (docs, static files) are not templates,
    nor are `.txt` files (reStructuredText under a `docs/templates/` folder)."""
    markers = (syntax.jinja.variable_start_string, syntax.jinja.block_start_string, "{{", "{%")
    return "templates/" in relpath or any(m in text for m in markers)


_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
"""A script or style element with its content."""


def _scripted_page(text: str, syntax: TemplateSyntax, relpath: str) -> bool:
    """A page outside template folders whose template-like syntax is all inside its
    scripts and styles: a generated page (Redoc's or Swagger UI's API reference in
    `docs/`) whose minified JavaScript holds `{{` and `${a}}`. Asked only of a page that
    does not parse as a template: one that parses is read as one."""
    return not _looks_templated(_SCRIPT_OR_STYLE.sub("", text), syntax, relpath)


def read_template(
    file: SourceFile, plan: TemplatePlan, rule_codes: tuple[str, ...], max_size: int
) -> TemplateRead:
    """Parse one template and run the selected template rules on it."""
    text = read_text(file.path, max_size)
    if isinstance(text, Unreadable):
        return _not_analysed(file.relpath, text)
    if plan.serves_as_is(file.relpath):
        # NOTE: a Flask static folder inside the template folder (CodeMirror's demo pages
        # under `templates/asset/`): its files are sent as they are, never rendered.
        return TemplateRead(analysed=False)
    syntax = plan.syntax_for(file.relpath) or TemplateSyntax(fallback=plan.default)
    if not plan.in_folder(file.relpath) and (
        file.relpath.endswith(".txt")
        or _SERVED_AS_IS.search(file.relpath) is not None
        or not _looks_templated(text, syntax, file.relpath)
        or _OWN_REPORT in text[:2000]
        or _client_side(text, file.relpath)
    ):
        return TemplateRead(analysed=False)
    try:
        parsed = parse_template(file.relpath, text, syntax)
    except RecursionError:
        parsed = Unreadable("too deeply nested to parse")
    if isinstance(parsed, Unreadable):
        if not plan.in_folder(file.relpath) and _scripted_page(text, syntax, file.relpath):
            return TemplateRead(analysed=False)
        return _not_analysed(file.relpath, parsed)
    findings = run_template_rules(parsed, rule_codes)
    suppressions = parse_suppressions(text, comment_only=False)
    return TemplateRead(findings, suppressions, template_facts(parsed), len(parsed.lines))


def _not_analysed(relpath: str, problem: Unreadable) -> TemplateRead:
    location = Location(relpath, problem.line, problem.column)
    finding = FileNotAnalysed.make_finding(location, reason=problem.reason, key=problem.reason)
    return TemplateRead([finding], analysed=False)


def run_template_rules(parsed: ParsedTemplate, rule_codes: Iterable[str]) -> list[Finding]:
    """Every selected `TemplateRule` on one parsed template; a failing rule is a WW003."""
    findings: list[Finding] = []
    for code in rule_codes:
        rule = get_rule(code)
        if rule is None or not issubclass(rule, TemplateRule):
            continue
        try:
            findings.extend(rule().check_template(parsed))
        except Exception as exc:
            logger.debug("template rule %s failed on %s", code, parsed.relpath, exc_info=True)
            findings.append(
                RuleFailed.make_finding(
                    Location(parsed.relpath), rule=code, error=f"{type(exc).__name__}: {exc}"
                )
            )
    return findings


def reads_templates(rules: Iterable[type[Rule]]) -> bool:
    """Whether any selected rule needs templates parsed (WW000 reports those that do not
    parse)."""
    from webwarden.rules.base import TemplateProjectRule

    return any(
        issubclass(r, TemplateRule | TemplateProjectRule) or r is FileNotAnalysed for r in rules
    )


def escalate(findings: list[Finding], model: TemplateModel | None) -> list[Finding]:
    """Raise escalating template findings whose variable is fed from request data."""
    result = []
    for finding in findings:
        rule = get_rule(finding.code)
        if rule is None or not issubclass(rule, TemplateRule) or not rule.escalates:
            result.append(finding)
            continue
        conditional = ONLY_WHEN_FED in finding.tags
        raised = (
            finding
            if model is None or IN_MAIL in finding.tags or model.in_mail(finding.location.path)
            else raise_if_fed(
                finding,
                model,
                paths=_reads(finding),
                safe_kinds=rule.safe_kinds,
                start_only=rule.fed_at_start,
                form_fields_escaped=rule.form_fields_escaped,
                keyed=conditional,
            )
        )
        if raised is not finding:
            if rule.fed_severity is not None:
                raised = dataclasses.replace(raised, severity=rule.fed_severity)
            tags = tuple(t for t in raised.tags if t != ONLY_WHEN_FED)
            result.append(dataclasses.replace(raised, tags=tags) if conditional else raised)
        elif not rule.only_when_fed and not conditional:
            result.append(raised)
    return result


def _reads(finding: Finding) -> list[str] | None:
    """The variables a finding names as what its value is made of (`READS_TAG`), None
    when it names none (its position's reads are judged)."""
    reads = [tag.removeprefix(READS_TAG) for tag in finding.tags if tag.startswith(READS_TAG)]
    return reads or None
