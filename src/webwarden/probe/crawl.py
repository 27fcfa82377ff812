"""The crawl: the start page, same-origin links and known routes, plus the fixed checks.

Fixed checks (one request each): robots.txt, a page that does not exist (error pages),
well-known leak paths and the Werkzeug debugger, a CORS request with a foreign `Origin`,
and the plain-HTTP URL of an https target. With `active`, each same-origin POST form is
submitted once without its token. Everything lands in one `ProbeRecord` for the rules.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from webwarden.errors import ProbeError
from webwarden.probe.client import BudgetExhausted, Limits, ProbeClient, origin_of
from webwarden.probe.exchange import Exchange, Failure, ProbeRecord
from webwarden.probe.html import Form, parse_page
from webwarden.probe.limits import MAX_PAGES as MAX_PAGES

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
MAX_FORMS = 5
NOT_FOUND_PATH = "/webwarden-probe-not-found"
PROBE_ORIGIN = "https://webwarden-probe.invalid"
"""The foreign `Origin` sent by the CORS check (`.invalid` never resolves, RFC 2606)."""
LEAK_PATHS = (
    "/.env",
    "/.git/HEAD",
    "/.git/config",
    "/console",
    "/?__debugger__=yes&cmd=resource&f=debugger.js",
    "/db.sqlite3",
    "/settings.py",
)
"""Well-known paths that should never answer on a deployed Flask or Django app."""
_SKIP_EXTENSIONS = re.compile(
    r"\.(css|js|mjs|map|png|jpe?g|gif|svg|ico|webp|avif|woff2?|ttf|eot|pdf|zip|gz|tar|mp[34]|webm)$",
    re.IGNORECASE,
)
# NOTE: a GET that logs out or deletes is the app's bug, but the probe must stay harmless;
# nor does the active check post a form to such a path.
_RISKY_LINK = re.compile(r"log-?out|sign-?out|delete|remove|destroy|unsubscribe", re.IGNORECASE)
_API_PATH = re.compile(r"(^|/)(api|graphql|v\d+)(/|$)", re.IGNORECASE)
"""A path of a JSON API, where CORS is often allowed while the pages are not."""
ROBOTS_AGENT = "webwarden"


@dataclass(frozen=True, slots=True)
class CrawlPlan:
    """What to visit beyond the start URL."""

    max_pages: int = MAX_PAGES
    active: bool = False
    http_port: int | None = None
    """Port of the plain-HTTP site of an https target (default: 80 when it uses 443)."""
    route_paths: tuple[str, ...] = ()
    """Paths of the app's GET routes (from the static route model), visited like links."""


def allowed_origins(target: str, http_port: int | None) -> set[str]:
    """The target's origin plus its plain-HTTP twin (https) or HTTPS upgrade (http:80)."""
    origin = origin_of(target)
    parts = urlsplit(origin)
    host = parts.netloc.rsplit(":", 1)[0]
    origins = {origin}
    if parts.scheme == "https" and (http_port is not None or parts.port == 443):
        origins.add(f"http://{host}:{http_port or 80}")
    if parts.scheme == "http" and parts.port == 80:
        origins.add(f"https://{host}:443")
    return origins


def _parent(url: str) -> str:
    return urlsplit(url).path.rstrip("/").rpartition("/")[0]


def _clean(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


class _Crawl:
    def __init__(self, target: str, client: ProbeClient, plan: CrawlPlan) -> None:
        self.target = _clean(target)
        self.origin = origin_of(target)
        self.client = client
        self.plan = plan
        self.record = ProbeRecord(target=self.target)
        self.robots = RobotFileParser()
        self.robots_read = False
        self.seen: set[str] = set()
        self.queue: list[str] = []
        self.forms: dict[str, Form] = {}
        self.answered: dict[str, Exchange] = {}
        """Plain GET answers by URL, so that a redirect to a page fetched already (a
        language switch back to `/`) costs no second request."""
        self.visits: Counter[str] = Counter()
        """Pages visited per parent path (`/lang` for `/lang/fr`)."""

    def get(self, url: str, headers: dict[str, str] | None = None) -> Exchange | Failure:
        result = self.client.fetch("GET", url, headers=headers)
        self._keep(result)
        if isinstance(result, Exchange) and not headers:
            self.answered.setdefault(url, result)
        return result

    def _keep(self, result: Exchange | Failure) -> None:
        if isinstance(result, Failure):
            self.record.failures.append(result)
        else:
            self.record.exchanges.append(result)

    def follow(self, url: str) -> Exchange | Failure:
        """GET `url`, following redirects inside the target origin; the last answer."""
        chain = [url]
        result = self.get(url)
        while isinstance(result, Exchange) and result.location is not None:
            destination = _clean(result.location)
            if origin_of(destination) != self.origin:
                self.record.off_origin.append((result.url, destination))
                return result
            if destination in chain:
                loop = " -> ".join(urlsplit(u).path or "/" for u in [*chain, destination])
                failure = Failure("GET", url, f"redirect loop: {loop}")
                self.record.failures.append(failure)
                return failure
            if len(chain) > MAX_REDIRECTS:
                failure = Failure("GET", url, f"more than {MAX_REDIRECTS} redirects")
                self.record.failures.append(failure)
                return failure
            if destination in self.answered:
                return self.answered[destination]
            chain.append(destination)
            self.seen.add(destination)
            result = self.get(destination)
        return result

    def read_robots(self) -> None:
        result = self.get(urljoin(self.origin, "/robots.txt"))
        if isinstance(result, Failure) and result.reason.startswith("cannot connect"):
            raise ProbeError(f"{self.target}: {result.reason}")
        if isinstance(result, Exchange) and 200 <= result.status < 300:
            self.robots.parse(result.body.splitlines())
            self.robots_read = True

    def allowed(self, url: str) -> bool:
        """Whether robots.txt (when there is one) lets webwarden fetch `url`."""
        return not self.robots_read or self.robots.can_fetch(ROBOTS_AGENT, url)

    def enqueue(self, urls: Iterable[str]) -> None:
        for url in urls:
            clean = _clean(url)
            if clean in self.seen or not clean.startswith(("http://", "https://")):
                continue
            if origin_of(clean) != self.origin:
                continue
            path = urlsplit(clean).path
            if _SKIP_EXTENSIONS.search(path) or _RISKY_LINK.search(path):
                continue
            self.seen.add(clean)
            if not self.allowed(clean):
                self.record.disallowed.append(clean)
                continue
            self.queue.append(clean)

    def learn(self, result: Exchange | Failure) -> None:
        if isinstance(result, Exchange) and result.is_page:
            page = parse_page(result.body, result.url)
            self.enqueue(page.links)
            for form in page.forms:
                if form.method == "post" and origin_of(form.action) == self.origin:
                    self.forms.setdefault(_clean(form.action), form)

    def fixed_checks(self) -> None:
        for port_origin in sorted(self.client.origins - {self.origin}):
            if port_origin.startswith("http://"):
                self.get(port_origin + urlsplit(self.target).path)
        self.get(self.target, headers={"Origin": PROBE_ORIGIN})
        # NOTE: followed: Django's APPEND_SLASH and Werkzeug's strict slashes answer a
        # catch-all route's unknown path with a redirect to it with a slash, then 404.
        self.follow(urljoin(self.origin, NOT_FOUND_PATH))
        for path in LEAK_PATHS:
            self.get(urljoin(self.origin, path))

    def next_page(self) -> str:
        """The first queued URL among those whose parent path was visited least, so that
        a run of sibling links (`/lang/az` ... `/lang/zh`) cannot take every visit."""
        fewest = min(self.visits[_parent(url)] for url in self.queue)
        index = next(i for i, url in enumerate(self.queue) if self.visits[_parent(url)] == fewest)
        url = self.queue.pop(index)
        self.visits[_parent(url)] += 1
        return url

    def pages(self) -> None:
        visited = 1
        self.visits[_parent(self.target)] += 1
        while self.queue and visited < self.plan.max_pages:
            result = self.follow(self.next_page())
            visited += 1
            self.learn(result)

    def api_cors(self) -> None:
        """The CORS check once more, on the first API URL crawled (`/api/...`): apps often
        allow other origins there only (flask-cors `resources`, `CORS_URLS_REGEX`)."""
        for exchange in list(self.record.exchanges):
            url = exchange.url
            if (
                exchange.method == "GET"
                and url != self.target
                and origin_of(url) == self.origin
                and _API_PATH.search(urlsplit(url).path)
                and exchange.request_header("origin") is None
            ):
                self.get(url, headers={"Origin": PROBE_ORIGIN})
                return

    def submit_forms(self) -> None:
        """Submit each POST form once without its CSRF token (the active check)."""
        for action, form in list(self.forms.items())[:MAX_FORMS]:
            if not self.allowed(action):
                self.record.disallowed.append(action)
                continue
            if _RISKY_LINK.search(urlsplit(action).path):
                continue  # NOTE: a sign-out or a deletion, which the probe must not do
            tokens = set(form.token_fields)
            data = {
                name: value or "webwarden"
                for name, kind, value in form.fields
                if name not in tokens and kind not in {"file", "image", "reset"}
            }
            self._keep(self.client.fetch("POST", action, form=data))

    def run(self) -> ProbeRecord:
        try:
            self.read_robots()
            self.seen.add(self.target)
            start = self.follow(self.target)
            answered = any(e.url == self.target for e in self.record.exchanges)
            if isinstance(start, Failure) and not answered:
                raise ProbeError(f"{self.target}: {start.reason}")
            self.learn(start)
            self.enqueue(urljoin(self.origin, path) for path in self.plan.route_paths)
            self.fixed_checks()
            self.pages()
            self.api_cors()
            if self.plan.active:
                self.submit_forms()
        except BudgetExhausted:
            self.record.unvisited = len(self.queue) + (len(self.forms) if self.plan.active else 0)
        return self.record


def crawl(
    target: str, limits: Limits, plan: CrawlPlan, *, ca_bundle: str | None = None
) -> ProbeRecord:
    """Probe `target` within `limits`; `ProbeError` when it cannot be reached at all."""
    origins = allowed_origins(target, plan.http_port)
    with ProbeClient(origins, limits, ca_bundle=ca_bundle) as client:
        return _Crawl(target, client, plan).run()
