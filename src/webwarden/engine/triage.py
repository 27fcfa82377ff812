"""After the rules: context severity, suppressions, accepted risks, filters, baseline."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

import pathspec

from webwarden.config import AcceptedRisk, Config
from webwarden.findings import Finding, Location, Practice
from webwarden.findings.context import lower_for_context as lower_for_context
from webwarden.findings.suppress import RuleAliases, Suppression, matches
from webwarden.rules.notices.expired_accepted_risk import ExpiredAcceptedRisk
from webwarden.rules.notices.unused_suppression import UnusedSuppression
from webwarden.rules.registry import get_rule, matching


@cache
def _docs_spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _documentation(
    path: str,
    config: Config,
    packages: frozenset[str],
    named: tuple[str, ...] = (),
    sphinx: frozenset[str] = frozenset(),
) -> bool:
    """Whether `path` is documentation by the `docs-paths`, or in a Sphinx source folder
    (`sphinx`, see `sphinx_folders`) whatever its name, and not a module of a package
    nor an application's template (`pgweb/docs/views.py`, `templates/docs/manual.html`:
    the site's documentation section, served by its own code). The `docs-paths` match
    below a folder the user named to scan (`named`): `check examples/shop` audits the
    example, whose folders above say nothing of it."""
    inside = next((path[len(t) + 1 :] for t in named if path.startswith(t + "/")), path)
    in_sphinx = any(path.startswith(folder + "/") for folder in sphinx)
    spec = _docs_spec(config.docs_paths)
    if not in_sphinx and not spec.match_file(inside):
        return False
    folder, _, _ = path.rpartition("/")
    if "templates" in folder.split("/"):
        return False
    if not in_sphinx:
        # NOTE: the folder the patterns name decides (`examples/` beside the project, whose
        # example apps are packages of their own, is documentation; a Django app named
        # `docs`, or `pgweb/docs/`, is a package and code).
        parts = inside.split("/")[:-1]
        above = path[: len(path) - len(inside)]
        for depth in range(1, len(parts) + 1):
            named_folder = "/".join(parts[:depth])
            if spec.match_file(named_folder + "/"):
                return above + named_folder not in packages
    return folder not in packages


_SPHINX_CONF = "conf.py"
_SPHINX_MARKS = ("html_theme", "sphinx")


def sphinx_sources(
    packages: frozenset[str], config: Config, read: Callable[[str], str | None]
) -> frozenset[str]:
    """The packages under the `docs-paths` whose `conf.py` configures Sphinx (names its
    extensions or `html_theme`): the documentation's sources, made a package only so that
    `conf.py` can import the helpers beside it (Canaille's `doc/doc_app.py`, the app its
    screenshots are taken of), not code the project runs. `read` gives a file's text by
    its relative path (`None` when there is none)."""
    found = set()
    for folder in packages:
        if not _docs_spec(config.docs_paths).match_file(folder + "/"):
            continue
        text = read(f"{folder}/{_SPHINX_CONF}")
        if text is not None and any(mark in text for mark in _SPHINX_MARKS):
            found.add(folder)
    return frozenset(found)


def sphinx_folders(
    relpaths: Iterable[str], packages: frozenset[str], read: Callable[[str], str | None]
) -> frozenset[str]:
    """The folders, below the top of the tree, whose `conf.py` configures Sphinx (names
    its extensions or `html_theme`) and that hold no package of the project: the
    documentation's sources under any name (`docsrc/source/`), whose `_templates/` the
    documentation build renders, never the app. `read` as `sphinx_sources` takes it."""
    found = set()
    for relpath in relpaths:
        folder, _, name = relpath.rpartition("/")
        if name != _SPHINX_CONF or not folder:
            continue
        if any(p == folder or p.startswith(folder + "/") for p in packages):
            continue
        text = read(relpath)
        if text is not None and any(mark in text for mark in _SPHINX_MARKS):
            found.add(folder)
    return frozenset(found)


def _glob(path: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(
        path, pattern.rstrip("/") + "/*"
    )


def _selector_codes(selectors: Iterable[str]) -> set[str]:
    return {rule.code for selector in selectors for rule in matching(selector)}


@dataclass(slots=True)
class Triage:
    """Counts of what triage removed, for the summary."""

    suppressed: int = 0
    silenced: list[Finding] = field(default_factory=list)
    """Findings the project's own settings silenced (`Finding.suppressed_by`), each also
    counted in `suppressed`: the report lists them with the reason."""
    accepted: int = 0
    baselined: int = 0
    filtered: int = 0
    expired: list[AcceptedRisk] = field(default_factory=list)


def _aliases(code: str) -> RuleAliases:
    rule = get_rule(code)
    if rule is None:
        return RuleAliases(code)
    finds_secrets = rule.practice is Practice.SECRETS or rule.cwe in _CREDENTIAL_CWES
    return RuleAliases(code, rule.name, frozenset(rule.bandit), frozenset(rule.ruff), finds_secrets)


_CREDENTIAL_CWES = frozenset({259, 321, 798})
"""Hard-coded password, key, credentials: what detect-secrets and gitleaks look for."""


def apply_suppressions(
    findings: list[Finding],
    suppressions: Mapping[str, dict[int, list[Suppression]]],
    config: Config,
    triage: Triage,
) -> list[Finding]:
    """Drop findings silenced by a marker on any line of their span, or by the project's
    settings (kept in `triage.silenced`)."""
    kept = []
    for finding in findings:
        if finding.suppressed_by:
            triage.suppressed += 1
            triage.silenced.append(finding)
            continue
        by_line = suppressions.get(finding.location.path)
        silenced = False
        if by_line:
            aliases = _aliases(finding.code)
            loc = finding.location
            for line in range(loc.line, loc.last_line + 1):
                for marker in by_line.get(line, ()):
                    if matches(marker, aliases, honour_other_tools=config.other_tool_markers):
                        silenced = True
        if silenced:
            triage.suppressed += 1
        else:
            kept.append(finding)
    return kept


def unused_suppressions(
    suppressions: Mapping[str, dict[int, list[Suppression]]],
    lines: Mapping[str, tuple[str, ...]],
    selected: frozenset[str],
) -> list[Finding]:
    """WW001 for each `# webwarden: ignore` marker that silenced nothing.

    Codes of rules that did not run (not selected) are not judged: the marker may be
    needed when they do.
    """
    found = []
    for path, by_line in suppressions.items():
        for line, markers in by_line.items():
            for marker in markers:
                if marker.tool != "webwarden":
                    continue
                unused = sorted(
                    code
                    for code in (marker.codes or frozenset()) - marker.used
                    if (rule := get_rule(code)) is None or rule.code in selected
                    if rule is None or rule.code not in marker.used
                )
                if marker.codes is None and not marker.used:
                    what = "`# webwarden: ignore` suppresses nothing on this line"
                elif unused:
                    what = f"`# webwarden: ignore[{', '.join(unused)}]` suppresses nothing here"
                else:
                    continue
                text = lines.get(path, ())
                snippet = text[line - 1] if 0 < line <= len(text) else ""
                found.append(
                    UnusedSuppression.make_finding(
                        Location(path, line), snippet=snippet, what=what, key=what
                    )
                )
    return found


def apply_configuration(
    findings: Iterable[Finding],
    config: Config,
    triage: Triage,
    is_test: Callable[[str], bool],
    packages: frozenset[str] = frozenset(),
    named: tuple[str, ...] = (),
    sphinx: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Per-file ignores, test-code severity, accepted risks and severity/confidence floors.
    `packages`: the folders holding an `__init__.py`, whose modules are code wherever
    they are (a Django app named `docs`; the caller leaves out `sphinx_sources`); `named`: the folders the user named to scan,
    relative to the root; `sphinx`: the Sphinx source folders (`sphinx_folders`)."""
    per_file = [(glob, _selector_codes(codes)) for glob, codes in config.per_file_ignores]
    accepted = [(risk, _selector_codes([risk.rule])) for risk in config.accepted]
    kept = []
    for finding in findings:
        path = finding.location.path
        if any(finding.code in codes and _glob(path, glob) for glob, codes in per_file):
            triage.filtered += 1
            continue
        if config.test_severity is not None and is_test(path):
            finding = lower_for_context(finding, config.test_severity, "test code")
        elif config.docs_severity is not None and _documentation(
            path, config, packages, named, sphinx
        ):
            finding = lower_for_context(finding, config.docs_severity, "documentation")
        if any(
            finding.code in codes
            and (risk.path is None or _glob(path, risk.path))
            and not risk.expired(config.today)
            for risk, codes in accepted
        ):
            triage.accepted += 1
            continue
        if (
            finding.severity.rank < config.min_severity.rank
            or finding.confidence.rank < config.min_confidence.rank
        ):
            triage.filtered += 1
            continue
        kept.append(finding)
    triage.expired = [risk for i, (risk, _) in enumerate(accepted) if risk.expired(config.today)]
    return kept


def expired_notices(config: Config, config_text: str, relpath: str) -> list[Finding]:
    """WW002 for every accepted risk whose expiry date has passed, at its line if found."""
    found = []
    lines = config_text.splitlines()
    for risk in config.accepted:
        if not risk.expired(config.today):
            continue
        assert risk.expires is not None  # noqa: S101 - guaranteed by expired()
        date = risk.expires.isoformat()
        line = next((i for i, text in enumerate(lines, 1) if date in text and "expires" in text), 1)
        found.append(
            ExpiredAcceptedRisk.make_finding(
                Location(relpath, line),
                snippet=lines[line - 1] if lines else "",
                rule=risk.rule,
                date=date,
                reason=risk.reason,
                key=f"{risk.rule} {risk.path} {date}",
            )
        )
    return found
