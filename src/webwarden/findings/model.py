"""The finding model: what every rule, the dependency audit and the probe produce."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from webwarden.pickling import fast_pickling


class Severity(enum.StrEnum):
    """The harm done if a finding is real."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Order: low 0 < medium 1 < high 2 < critical 3."""
        return _SEVERITY_RANK[self]

    def lowered(self, steps: int = 1) -> Severity:
        """This severity `steps` levels down, never below low."""
        return _SEVERITIES[max(0, self.rank - steps)]

    def at_most(self, ceiling: Severity) -> Severity:
        """The lower of this severity and `ceiling`."""
        return self if self.rank <= ceiling.rank else ceiling


_SEVERITIES = (Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)
_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(_SEVERITIES)}


class Confidence(enum.StrEnum):
    """How sure the rule is that the finding is real."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """Order: low 0 < medium 1 < high 2."""
        return _CONFIDENCE_RANK[self]


_CONFIDENCE_RANK = {Confidence.LOW: 0, Confidence.MEDIUM: 1, Confidence.HIGH: 2}


class Practice(enum.StrEnum):
    """The security practices of the mission; a rule code's number is the practice's."""

    TOOL = "tool"
    DEPENDENCIES = "dependencies"
    SECRETS = "secrets"
    DATABASE = "database"
    SQL_INJECTION = "sql-injection"
    XSS = "xss"
    CSRF = "csrf"
    AUTHENTICATION = "authentication"
    SESSIONS = "sessions"
    HTTPS = "https"
    CLICKJACKING = "clickjacking"
    AUDITING = "auditing"

    @property
    def number(self) -> int:
        """The practice number used in rule codes (WW + number + two digits)."""
        return list(Practice).index(self)

    @property
    def label(self) -> str:
        """A human title, e.g. `SQL injection`."""
        return _PRACTICE_TITLES[self]


_PRACTICE_TITLES = {
    Practice.TOOL: "webwarden notices",
    Practice.DEPENDENCIES: "Dependencies",
    Practice.SECRETS: "Secrets in code",
    Practice.DATABASE: "Database connections",
    Practice.SQL_INJECTION: "SQL injection",
    Practice.XSS: "Cross-site scripting",
    Practice.CSRF: "CSRF protection",
    Practice.AUTHENTICATION: "Authentication",
    Practice.SESSIONS: "Sessions",
    Practice.HTTPS: "HTTPS",
    Practice.CLICKJACKING: "Clickjacking",
    Practice.AUDITING: "Auditing and dangerous calls",
}


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: a path relative to the project root (or a URL) and a span.

    Lines and columns are 1-based; `end_line`/`end_column` are inclusive of the last line
    and exclusive of the last column, as in SARIF.
    """

    path: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    @property
    def last_line(self) -> int:
        """The last line of the span (the first line when no end is known)."""
        return self.end_line if self.end_line is not None else self.line

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class FlowStep:
    """One step of a data flow: where it happened and what happened there."""

    location: Location
    note: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One violation of a practice, with everything a report needs to show it."""

    code: str
    name: str
    severity: Severity
    confidence: Confidence
    message: str
    location: Location
    practice: Practice
    cwe: int | None = None
    fix: str = ""
    snippet: str = ""
    """The offending source line(s), as written (secrets already masked by the rule)."""
    key: str = ""
    """What identifies the finding for its fingerprint when the snippet does not (e.g. a
    setting name); empty means the whitespace-normalised snippet is used."""
    context: str = ""
    """Why the severity is what it is, e.g. `settings module mysite/settings/dev.py`."""
    flow: tuple[FlowStep, ...] = ()
    fingerprint: str = ""
    confirmed: bool = False
    """Set when the live probe confirmed a static finding on the running app."""
    tags: tuple[str, ...] = field(default=())
    suppressed_by: str = ""
    """Why the project itself silenced the finding (e.g. its `SILENCED_SYSTEM_CHECKS`), as
    the report lists it; empty for a finding to report."""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """Order findings by file, position and code."""
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code)


fast_pickling(globals())
