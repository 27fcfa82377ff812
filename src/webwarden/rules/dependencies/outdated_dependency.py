"""WW104: a pinned dependency behind the newest release (only with `--outdated`)."""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.deps.model import AuditedDependency, Kind, parse_version
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import DependencyRule


class OutdatedDependency(DependencyRule):
    """## What it does
    With `--outdated` (or `outdated = true` in `[tool.webwarden.deps]`), reports a pinned
    dependency older than the newest release on the package index, read from the index's
    JSON API and cached for a day. It is the `pip list --outdated` of your requirements
    and lock files, at low severity: being behind is a risk, not a vulnerability.

    ## Why is this bad?
    Security fixes land in new releases first, and often only there: old release lines
    stop receiving them. The further a pin falls behind, the larger and riskier the
    upgrade becomes on the day a vulnerability forces it.

    ## Example
    ```text
    django==4.2.16
    ```
    With the package index answering (its JSON API, `info.version`):
    ```json
    {"info": {"name": "Django", "version": "5.1.2"}}
    ```

    ## Fix
    ```text
    django==5.1.2
    ```
    Upgrade regularly (Dependabot, Renovate or a scheduled `pip-compile --upgrade`).

    ## References
    - [CWE-1104: Use of Unmaintained Third Party Components](https://cwe.mitre.org/data/definitions/1104.html)
    - [PyPI JSON API](https://docs.pypi.org/api/json/)
    """

    code = "WW104"
    name = "outdated-dependency"
    practice = Practice.DEPENDENCIES
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 1104
    message = "`{package}=={version}` is behind the newest release {latest}"
    fix = "upgrade `{package}` to {latest} and run your tests"

    def check_dependency(self, audited: AuditedDependency) -> Iterable[Finding]:
        dependency = audited.dependency
        if not audited.applies or dependency.kind is not Kind.PINNED or not audited.latest:
            return
        current, latest = parse_version(dependency.version or ""), parse_version(audited.latest)
        if current is None or latest is None or latest <= current:
            return
        yield self.dependency_finding(
            audited, package=dependency.name, version=dependency.version, latest=audited.latest
        )
