"""What the stream has shown so far, for rules to ask about; and the classification of
requests as logins and password resets (which depends on the configured paths).

Every table is an LRU of bounded size, so memory does not grow with the log.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, TypeVar

from webwarden.logs.events import RATE_LIMITED, EventKind, LogEvent, LoginOutcome
from webwarden.logs.settings import LogSettings, RuleOptions
from webwarden.logs.window import RunningStats, WindowCounter

if TYPE_CHECKING:
    from webwarden.rules.base import LogRule

MAX_ROUTES = 10_000
V = TypeVar("V")


def _remember(table: OrderedDict[str, V], key: str, value: V, cap: int) -> None:
    table[key] = value
    table.move_to_end(key)
    if len(table) > cap:
        table.popitem(last=False)


class StreamFacts:
    """Per-client probe times, login failures and per-route response sizes."""

    def __init__(
        self,
        settings: LogSettings,
        *,
        login_window: float = 900.0,
        track_routes: bool = False,
    ) -> None:
        self.settings = settings
        self.login_window = login_window
        self.track_routes = track_routes
        self._probes: OrderedDict[str, float] = OrderedDict()
        self._failures: OrderedDict[str, WindowCounter] = OrderedDict()
        self._routes: OrderedDict[str, RunningStats] = OrderedDict()
        self._options: dict[str, RuleOptions] = {}
        self.limiter_logs = False
        """The stream holds a rate limiter's own records (Flask-Limiter's "exceeded")."""

    # -- classification -------------------------------------------------------------

    def classify(self, event: LogEvent) -> None:
        """Mark a POST to a login, token or reset path with its outcome (in place)."""
        settings = self.settings
        if event.kind is EventKind.LOGIN:
            if event.login is None:
                path = event.path.rstrip("/")
                if path.endswith(settings.login_paths) or path.endswith(settings.token_paths):
                    event.login = LoginOutcome.FAILED
                else:
                    event.kind = EventKind.OTHER
            return
        if event.method not in ("POST", None) or event.status is None:
            return
        path = event.path.rstrip("/")
        # NOTE: token paths first: `/api/login` also ends with the form login's `/login`,
        # and a token login's 200 is a success, not a re-rendered form.
        if path.endswith(settings.token_paths):
            failure, success = settings.token_failure_status, settings.token_success_status
        elif path.endswith(settings.login_paths):
            failure, success = settings.login_failure_status, settings.login_success_status
        else:
            event.reset = path.endswith(settings.reset_paths)
            return
        if event.status in failure:
            event.login = LoginOutcome.FAILED
        elif event.status in success:
            event.login = LoginOutcome.SUCCEEDED

    # -- what rules ask ---------------------------------------------------------------

    def options(self, rule: type[LogRule]) -> RuleOptions:
        """The rule's threshold and window for this run."""
        options = self._options.get(rule.code)
        if options is None:
            options = self._options[rule.code] = self.settings.options(rule)
        return options

    def probed_since(self, client: str | None, since: float) -> bool:
        """Whether `client` sent an attack payload at or after `since`."""
        if not client:
            return False
        last = self._probes.get(client)
        return last is not None and last >= since

    def failures_before(self, event: LogEvent) -> int:
        """Failed logins by the event's client or for its account in the login window."""
        counts = [
            counter.total(event.time)
            for key in (event.client, f"account:{event.account}" if event.account else None)
            if key and (counter := self._failures.get(key)) is not None
        ]
        return max(counts, default=0)

    def route_stats(self, route: str) -> RunningStats | None:
        """Response sizes seen so far on `route` (None when not tracked or unseen)."""
        return self._routes.get(route)

    # -- updates by the monitor -------------------------------------------------------

    def record_probe(self, client: str | None, time: float) -> None:
        """Remember that `client` probed at `time`."""
        if client:
            _remember(self._probes, client, time, self.settings.max_clients)

    def record(self, event: LogEvent) -> None:
        """Learn from `event` after the rules judged it."""
        if event.kind is EventKind.SECURITY and event.security == RATE_LIMITED:
            self.limiter_logs = True
        if event.login is LoginOutcome.FAILED:
            for key in (event.client, f"account:{event.account}" if event.account else None):
                if key:
                    counter = self._failures.get(key) or WindowCounter(self.login_window)
                    counter.add(event.time)
                    _remember(self._failures, key, counter, self.settings.max_clients)
        elif event.login is LoginOutcome.SUCCEEDED:
            # NOTE: a success ends the run of failures: the next success needs new ones.
            for key in (event.client, f"account:{event.account}" if event.account else None):
                if key:
                    self._failures.pop(key, None)
        status = event.status
        if self.track_routes and event.size is not None and status and 200 <= status < 300:
            route = event.route
            stats = self._routes.get(route) or RunningStats()
            stats.add(event.size)
            _remember(self._routes, route, stats, MAX_ROUTES)
