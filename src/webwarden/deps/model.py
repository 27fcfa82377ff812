"""Plain data of the dependency audit: declared dependencies and OSV advisories."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

_NORMALISE = re.compile(r"[-_.]+")
_PRODUCT_BLURB = re.compile(r"^[\w.-]+(?: [\w.-]+){0,3} (?:is|are) (?:an?|the) ")


def normalise_name(name: str) -> str:
    """The PEP 503 normalised form of a distribution name (`Flask_Login` -> `flask-login`)."""
    return _NORMALISE.sub("-", name).lower().strip()


def parse_version(text: str) -> Version | None:
    """A PEP 440 version, or None when `text` is not one."""
    # NOTE: imported here: a scan without the dependency audit never parses a version,
    # and `packaging` costs a tenth of webwarden's start-up.
    from packaging.version import InvalidVersion, Version

    try:
        return Version(text)
    except InvalidVersion:
        return None


class Kind(enum.StrEnum):
    """How precisely a dependency names what gets installed."""

    PINNED = "pinned"
    """One exact version (`==1.2.3`, a lock file entry, an installed distribution)."""
    RANGE = "range"
    """A specifier that admits several versions (`>=2,<3`, `^2.0`, no specifier at all)."""
    UNAUDITABLE = "unauditable"
    """A URL, VCS or local-path reference: no version the advisory data can be matched to."""


@dataclass(frozen=True, slots=True)
class Declaration:
    """Where a dependency is declared: a path (relative to the root when inside it) and line."""

    path: str
    line: int = 1
    column: int = 1
    text: str = ""
    """The declaring source line, as written."""


@dataclass(frozen=True, slots=True)
class Dependency:
    """One dependency as a source declares it."""

    name: str
    """The name as written."""
    kind: Kind
    declared: Declaration
    source: str
    """The source format, e.g. `requirements`, `poetry.lock`, `environment`."""
    version: str | None = None
    """The pinned version when `kind` is PINNED."""
    specifiers: tuple[SpecifierSet, ...] = ()
    """For a RANGE: alternatives (Poetry's `||`), any of which admits a version."""
    spec_text: str = ""
    """The constraint as written (`>=2,<3`, `^2.0`, a URL)."""
    marker: str = ""
    extras: tuple[str, ...] = ()
    hashed: bool = False
    """The declaration pins artefact hashes (so rewriting its version needs new hashes)."""
    group: str = ""
    """Optional-dependency group, extra or lock category, when the source says."""
    also_lines: tuple[int, ...] = ()
    """Other lines of the same file declaring the package with the same constraint
    (`pkg[a]` and `pkg[b]`): one dependency, reported once, at `declared`."""

    @property
    def key(self) -> str:
        """The PEP 503 normalised name."""
        return normalise_name(self.name)

    def admits(self, version: Version) -> bool:
        """Whether this dependency's constraint allows `version`."""
        if self.kind is Kind.PINNED:
            return self.version is not None and parse_version(self.version) == version
        if not self.specifiers:
            return not version.is_prerelease
        # NOTE: as installers do, a pre-release is admitted only when the range names one.
        return any(
            spec.contains(version, prereleases=bool(spec.prereleases)) for spec in self.specifiers
        )


@dataclass(frozen=True, slots=True)
class Problem:
    """An input a source could not read; reported as WW000 at the file."""

    path: str
    reason: str
    line: int = 1


@dataclass(frozen=True, slots=True)
class Event:
    """One event of an OSV ECOSYSTEM range."""

    kind: str
    """`introduced`, `fixed`, `last_affected` or `limit`."""
    version: str


@dataclass(frozen=True, slots=True)
class Affected:
    """One `affected[]` entry of an OSV record, for one PyPI package."""

    name: str
    """PEP 503 normalised package name."""
    ranges: tuple[tuple[Event, ...], ...] = ()
    """The ECOSYSTEM ranges, each a tuple of events (other range types are ignored)."""
    versions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Advisory:
    """An OSV record reduced to what the audit needs."""

    id: str
    aliases: tuple[str, ...] = ()
    summary: str = ""
    details: str = ""
    affected: tuple[Affected, ...] = ()
    severity: str = ""
    """A CVSS vector (`CVSS:3.1/...`) or a database severity word, when the record has one."""
    modified: str = ""
    withdrawn: str = ""
    references: tuple[str, ...] = ()
    credit: str = ""
    """Whom to credit for the record (e.g. `PyPA advisory database (CC-BY 4.0)`)."""

    @property
    def names(self) -> frozenset[str]:
        """The id and every alias."""
        return frozenset({self.id, *self.aliases})

    def summary_line(self) -> str:
        """A one-line summary: the record's summary, else the first sentence of details."""
        text = " ".join((self.summary or self.details).split())
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
        # NOTE: NVD-derived details often open with what the product is ("Flask is a
        # lightweight WSGI web application framework."), which says nothing of the flaw.
        while len(sentences) > 1 and _PRODUCT_BLURB.match(sentences[0]):
            sentences.pop(0)
        sentence = sentences[0]
        return sentence if len(sentence) <= 160 else sentence[:157].rstrip() + "..."


@dataclass(frozen=True, slots=True)
class AdvisoryGroup:
    """Advisories that name each other through aliases, merged into one finding entry."""

    advisories: tuple[Advisory, ...]

    @property
    def primary(self) -> Advisory:
        """The record shown first: a PYSEC id, else GHSA, else the smallest id."""
        order = {"PYSEC": 0, "GHSA": 1}
        return min(self.advisories, key=lambda a: (order.get(a.id.split("-")[0], 2), a.id))

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id and alias, the primary id first."""
        names = sorted(set().union(*(a.names for a in self.advisories)) - {self.primary.id})
        return (self.primary.id, *names)


@dataclass(frozen=True, slots=True)
class AuditedDependency:
    """A dependency and what the advisory data says about it."""

    dependency: Dependency
    vulnerable: tuple[AdvisoryGroup, ...] = ()
    """For a pinned dependency: the advisory groups affecting its version."""
    admitted_vulnerable: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """For a range: (admitted known version, advisory ids affecting it), lowest first."""
    fixed_versions: tuple[str, ...] = ()
    """Versions that fix at least one advisory that applies, ascending."""
    smallest_fix: str | None = None
    """The smallest known version above the current one that no known advisory affects."""
    severity_score: float | None = None
    """The highest CVSS base score among the advisories that apply, when any has one."""
    severity_word: str = ""
    """The highest database severity word (GHSA `HIGH`, ...) when no CVSS score is known."""
    latest: str | None = None
    """The newest release on the package index (only with `--outdated`)."""
    applies: bool = True
    """False when the environment marker excludes it for the target Python and platform."""
    locked: str | None = None
    """For a range or a URL reference in a project's metadata: the version (or URL) a lock
    or requirements file beside it pins (what is installed; that entry is audited)."""
    credits: frozenset[str] = field(default_factory=frozenset)
