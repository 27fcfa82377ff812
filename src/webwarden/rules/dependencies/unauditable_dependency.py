"""WW103: a dependency installed from a URL or VCS, which no advisory data can match."""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.deps.model import AuditedDependency, Kind, parse_version
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import DependencyRule


class UnauditableDependency(DependencyRule):
    """## What it does
    Reports a dependency that the audit cannot match to advisories: one installed from
    a URL or a version-control reference (`git+https://...`, `name @ https://...`), or
    pinned to something that is not a PEP 440 version. It is reported, never dropped,
    so a clean report does not hide packages nobody checked.

    ## Why is this bad?
    Advisories name released versions on the package index. A branch, a commit or an
    archive URL has no such version, so known vulnerabilities in it go unnoticed; a
    branch reference also changes under you without review.

    ## Known problems
    A reference in `pyproject.toml` or a `Pipfile` whose package a lock file beside it
    declares, or in a package's metadata (`setup.py`, `setup.cfg`, `pyproject.toml`)
    whose package a requirements file in the same folder declares for every environment
    (a commit where the metadata names a branch), is not reported: that declaration is
    what the application installs, and it is the one judged (here, or by WW101).

    ## Example
    ```text
    werkzeug @ git+https://github.com/pallets/werkzeug@main
    ```

    ## Fix
    ```text
    werkzeug==3.0.6
    ```
    Depend on a released version from the index; if you must use a fork, publish it
    to a private index with a version number, and review its upstream advisories.

    ## References
    - [CWE-1357: Reliance on Insufficiently Trustworthy Component](https://cwe.mitre.org/data/definitions/1357.html)
    - [pip: VCS support](https://pip.pypa.io/en/stable/topics/vcs-support/)
    """

    code = "WW103"
    name = "unauditable-dependency"
    practice = Practice.DEPENDENCIES
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 1357
    message = "`{package}` {why}, so no advisory can be matched to it"
    fix = "depend on a released version of `{package}` from the package index"

    def check_dependency(self, audited: AuditedDependency) -> Iterable[Finding]:
        dependency = audited.dependency
        if not audited.applies:
            return
        if dependency.kind is Kind.UNAUDITABLE:
            if audited.locked is not None:
                return  # NOTE: the lock or requirements file beside it says what is installed
            why = f"comes from `{dependency.spec_text}`"
        elif dependency.kind is Kind.PINNED and parse_version(dependency.version or "") is None:
            why = f"is pinned to `{dependency.version}`, which is not a PEP 440 version"
        else:
            return
        yield self.dependency_finding(audited, package=dependency.name, why=why)
