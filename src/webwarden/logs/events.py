"""What the log parsers produce and the log rules judge: events, evidence, samples."""

from __future__ import annotations

import enum
from typing import NamedTuple

from webwarden.findings import Confidence, Severity
from webwarden.logs.decode import path_of, route_of, variants


class EventKind(enum.StrEnum):
    """What a log line says happened."""

    REQUEST = "request"
    """An HTTP request from an access log (or a JSON access record)."""
    LOGIN = "login"
    """An application log's login outcome (failed or succeeded)."""
    RESET = "reset"
    """An application log's password-reset request."""
    SECURITY = "security"
    """A `django.security.*` warning (DisallowedHost, CSRF failure, ...)."""
    OTHER = "other"
    """A recognised application log record of no interest to the rules."""


RATE_LIMITED = "ratelimit"
"""The security category of a rate limiter's refusal."""


class LoginOutcome(enum.StrEnum):
    """How a login attempt ended."""

    FAILED = "failed"
    SUCCEEDED = "succeeded"


class Noise(enum.Enum):
    """A line that belongs to the format but is not a record (a banner, a traceback)."""

    LINE = "noise"


NOISE = Noise.LINE


class LogEvent:
    """One parsed log record.

    Request fields are `None` when the format does not carry them (uWSGI has no user
    agent, Django's `runserver` no client). A `partial` event comes from a line cut short
    after its request (a crash mid-write): it is judged, and counted as malformed. Derived views of the target (`path`,
    `route`, decoded `variants`) are computed once, on first use.
    """

    __slots__ = (
        "_path",
        "_variants",
        "account",
        "agent",
        "client",
        "kind",
        "line",
        "login",
        "message",
        "method",
        "partial",
        "referrer",
        "reset",
        "security",
        "size",
        "source",
        "status",
        "target",
        "text",
        "time",
    )

    def __init__(
        self,
        source: str,
        line: int,
        text: str,
        time: float,
        kind: EventKind = EventKind.REQUEST,
        *,
        client: str | None = None,
        method: str | None = None,
        target: str | None = None,
        status: int | None = None,
        size: int | None = None,
        agent: str | None = None,
        referrer: str | None = None,
        account: str | None = None,
        login: LoginOutcome | None = None,
        security: str | None = None,
        message: str | None = None,
        partial: bool = False,
    ) -> None:
        self.source = source
        self.line = line
        self.text = text
        self.time = time
        self.kind = kind
        self.client = client
        self.method = method
        self.target = target
        self.status = status
        self.size = size
        self.agent = agent
        self.referrer = referrer
        self.account = account
        self.login = login
        self.reset = kind is EventKind.RESET
        self.security = security
        self.message = message
        self.partial = partial
        self._path: str | None = None
        self._variants: tuple[str, ...] | None = None

    @property
    def path(self) -> str:
        """The target's path without the query, lower-cased (`""` when there is none)."""
        if self._path is None:
            self._path = path_of(self.target or "")
        return self._path

    @property
    def route(self) -> str:
        """The path with ids folded (`/orders/{n}`), for per-route statistics."""
        return route_of(self.path)

    @property
    def display_path(self) -> str:
        """The target's path as logged (query removed), for messages."""
        return (self.target or "").partition("?")[0] or "-"

    def target_variants(self) -> tuple[str, ...]:
        """The target lower-cased as logged, URL-decoded once and twice (deduplicated)."""
        if self._variants is None:
            self._variants = variants(self.target or "")
        return self._variants

    def __repr__(self) -> str:
        return f"LogEvent({self.source}:{self.line} {self.kind} {self.client} {self.target!r})"


class Evidence(NamedTuple):
    """A rule's verdict that one event counts towards a finding.

    `key` is what findings are aggregated by (the client, or the account); `distinct`
    a value counted once per window (accounts tried, paths probed); `detail` what was
    seen (the payload fragment); `severity`/`confidence` override the rule's own when
    this event makes the finding worse (code run through a debugger).
    """

    key: str
    detail: str = ""
    distinct: str = ""
    severity: Severity | None = None
    confidence: Confidence | None = None


class Sample(NamedTuple):
    """A log line kept as an example of a finding: where it is and what it says."""

    source: str
    line: int
    text: str
    time: float
