"""WW102: a version range (or no version at all) that admits known vulnerable versions."""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.deps.model import AuditedDependency, Kind
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import DependencyRule
from webwarden.rules.dependencies._common import describe_groups
from webwarden.wording import plural

_SHOWN = 3
_METADATA_SOURCES = frozenset({"pyproject", "setup.cfg", "setup.py"})


class VulnerableVersionRange(DependencyRule):
    """## What it does
    Reports a dependency declared with a range (`flask>=2.0`, Poetry's `^2.0`) or with
    no version at all, when the range admits versions that advisories say are
    vulnerable. Which versions a range admits is decided without the network: the
    versions the advisory data itself names for the package (listed versions and range
    events) plus the range's own bounds, each tested against the range and the records.
    The finding names the vulnerable versions admitted (or their span) and the lower
    bound that excludes every vulnerable version known.

    ## Why is this bad?
    A range lets the installer pick any version inside it: an old lock file, a cache,
    a constraint from another package or a pinned mirror can install the vulnerable
    release without anyone noticing. A lower bound at the fixing version makes the
    declaration itself say that vulnerable releases are unacceptable.

    ## Known problems
    Libraries keep wide ranges on purpose so that applications can choose: ranges in
    `pyproject.toml`, `setup.cfg` and `setup.py` (a package's published metadata) are
    reported with low confidence, ranges in requirements files and Pipfiles (what an
    application installs) with medium confidence. Lock the application, audit the lock
    file, and ignore this rule for a library's metadata if it is noise. A range in
    `pyproject.toml` or a `Pipfile` whose package a lock file beside it pins (`uv.lock`,
    `poetry.lock`, `pdm.lock`, `Pipfile.lock`) is not reported, nor one in a member
    of a uv workspace whose package the `uv.lock` at the workspace's root pins (it names the
    member's folder, `source = { editable = "api" }`): the lock says what is
    installed, and WW101 judges its version. Nor is a range in a package's metadata
    (`setup.cfg`, `setup.py`, `pyproject.toml`) whose package a requirements file in the
    same folder pins for every environment (`flask==3.1.3`, no marker): an application
    that ships both installs the pins, which WW101 judges. Nor is a bound in a constraints file
    (`requirements/constraints.txt`): it installs nothing, and only its pins count, for
    the requirements files naming it with `-c`. Versions the advisory data never
    mentions are not judged.

    ## Example
    ```text
    flask>=2.0
    ```
    Audited against this advisory:
    ```json
    {"id": "PYSEC-2023-62", "aliases": ["CVE-2023-30861"],
     "modified": "2023-06-05T00:00:00Z",
     "affected": [{"package": {"name": "flask", "ecosystem": "PyPI"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [
                      {"introduced": "0"}, {"fixed": "2.2.5"},
                      {"introduced": "2.3.0"}, {"fixed": "2.3.2"}]}]}]}
    ```

    ## Fix
    ```text
    flask>=2.3.2
    ```
    Raise the lower bound to the version the finding names, or pin the version in a
    lock file that is itself audited.

    ## References
    - [CWE-1395: Dependency on Vulnerable Third-Party Component](https://cwe.mitre.org/data/definitions/1395.html)
    - [PEP 440: version specifiers](https://peps.python.org/pep-0440/#version-specifiers)
    - [pip: repeatable installs](https://pip.pypa.io/en/stable/topics/repeatable-installs/)
    """

    code = "WW102"
    name = "vulnerable-version-range"
    practice = Practice.DEPENDENCIES
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 1395
    message = "`{requirement}`{unbounded} admits {count} ({versions}) affected by {ids}"
    fix = "{remedy}"

    def check_dependency(self, audited: AuditedDependency) -> Iterable[Finding]:
        dependency = audited.dependency
        hits = audited.admitted_vulnerable
        if not audited.applies or dependency.kind is not Kind.RANGE or not hits:
            return
        if audited.locked is not None:
            return  # NOTE: the lock file beside it says what is installed; WW101 judges it
        versions = [version for version, _ in hits]
        shown = (
            ", ".join(versions) if len(versions) <= _SHOWN else f"{versions[0]} to {versions[-1]}"
        )
        if audited.smallest_fix:
            remedy = f"require `{dependency.name}>={audited.smallest_fix}` (or pin a fixed version)"
        else:
            remedy = f"no fixed version of `{dependency.name}` is known: replace it or mitigate"
        metadata = dependency.source in _METADATA_SOURCES
        yield self.dependency_finding(
            audited,
            confidence=Confidence.LOW if metadata else None,
            context="a package's declared range, not what is installed" if metadata else "",
            requirement=_requirement(dependency.name, dependency.spec_text),
            unbounded="" if dependency.spec_text.strip("* ") else " (no version constraint)",
            count=plural(len(hits), "known vulnerable version"),
            versions=shown,
            ids=describe_groups(audited.vulnerable),
            remedy=remedy,
        )


def _requirement(name: str, spec: str) -> str:
    """`flask>=2.0`, or `flask ^2.0` for Poetry's and Pipfile's constraint syntax."""
    spec = spec.strip()
    if not spec or spec == "*":
        return name
    return f"{name}{spec}" if spec[0] in "<>=!~" else f"{name} {spec}"
