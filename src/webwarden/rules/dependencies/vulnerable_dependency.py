"""WW101: a pinned dependency with known vulnerabilities."""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.deps.model import AuditedDependency, Kind
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import DependencyRule
from webwarden.rules.dependencies._common import describe_groups, severity_of, summary_of
from webwarden.wording import plural


class VulnerableDependency(DependencyRule):
    """## What it does
    Reports a dependency pinned to a version that published advisories (OSV records:
    PYSEC, GHSA, CVE) say is vulnerable, in requirements files, lock files, `pyproject.toml`,
    `setup.cfg` or an installed environment. One finding per declaration (a package a file
    lists on several lines with the same pin, `pkg[a]` and `pkg[b]`, is one, reported at its
    first line with the others named) lists every
    advisory id with its aliases (merged when records name each other), a summary, the
    fixed versions and the smallest version that fixes every advisory at once. Severity
    follows the highest CVSS base score of the records, or the rule's default when no
    record has one.

    ## Why is this bad?
    Attackers read the same advisories. A known vulnerability in Django, Flask, Jinja2
    or Werkzeug comes with a description of how to exploit it, often with a public
    proof of concept, and automated scanners look for it. Upgrading is usually the
    cheapest security fix there is.

    ## Known problems
    An advisory may concern a feature your application does not use; the finding cannot
    know that. Accept such a finding with a reason in `[[tool.webwarden.ignore]]` (it
    comes back when the acceptance expires) rather than ignoring the rule.
    A dependency only a developer installs (a development group or extra, Pipfile's
    `[dev-packages]`, `requirements-dev.txt`, `requirements/local.txt`), or a tool only
    developers run on the code wherever it is listed (a formatter, linter, type checker
    or test runner: `black`, `flake8`, `mypy`, `pytest`, `pre-commit`), is capped at
    `test-severity` (low), as test code is; a deployment that installs it anyway
    (`pip install -r requirements/dev.txt` in the image) is lowered all the same.

    ## Example
    ```text
    flask==2.0.1
    ```
    Audited against this advisory (the docs examples carry their own data; real runs use
    the local store or the OSV API):
    ```json
    {"id": "PYSEC-2023-62", "aliases": ["CVE-2023-30861", "GHSA-m2qf-hxjv-5gpq"],
     "summary": "Flask may cache a response with a permanent session cookie",
     "modified": "2023-06-05T00:00:00Z",
     "affected": [{"package": {"name": "flask", "ecosystem": "PyPI"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [
                      {"introduced": "0"}, {"fixed": "2.2.5"},
                      {"introduced": "2.3.0"}, {"fixed": "2.3.2"}]}]}]}
    ```

    ## Fix
    ```text
    flask==2.3.2
    ```
    Upgrade to the version the finding names (`webwarden deps --fix` rewrites the pins
    of requirements files), then run your tests.

    ## References
    - [CWE-1395: Dependency on Vulnerable Third-Party Component](https://cwe.mitre.org/data/definitions/1395.html)
    - [OSV schema: evaluation of affected ranges](https://ossf.github.io/osv-schema/#evaluation)
    - [PyPA advisory database](https://github.com/pypa/advisory-database)
    """

    code = "WW101"
    name = "vulnerable-dependency"
    practice = Practice.DEPENDENCIES
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 1395
    message = "`{package}=={version}` has {count}: {ids}{summary}"
    fix = "{remedy}"

    def check_dependency(self, audited: AuditedDependency) -> Iterable[Finding]:
        dependency = audited.dependency
        if not audited.applies or dependency.kind is not Kind.PINNED or not audited.vulnerable:
            return
        severity, why = severity_of(audited, self.severity)
        summary = summary_of(audited.vulnerable) if len(audited.vulnerable) == 1 else ""
        if audited.smallest_fix:
            remedy = f"upgrade `{dependency.name}` to {audited.smallest_fix}, the smallest version that fixes all of them"
        else:
            remedy = f"no fixed version of `{dependency.name}` is known: replace it or mitigate"
        yield self.dependency_finding(
            audited,
            severity=severity,
            context=why,
            package=dependency.name,
            version=dependency.version,
            count=plural(len(audited.vulnerable), "known vulnerability", "known vulnerabilities"),
            ids=describe_groups(audited.vulnerable),
            summary=f" - {summary}" if summary else "",
            remedy=remedy,
        )
