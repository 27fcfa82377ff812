"""What the live probe records: HTTP exchanges, failed requests and the crawl's limits.

Plain, frozen data with no I/O, so probe rules judge a recording the same way whether it
came from a live crawl, a test fixture or a rule's documentation example.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class TlsInfo:
    """The TLS side of an https exchange."""

    verified: bool = True
    """Whether the certificate chain and host name verified against the trusted CAs."""
    error: str = ""
    """Why verification failed (the TLS library's words), when it did."""
    version: str = ""
    not_after: datetime | None = None
    """When the (verified) certificate expires, timezone-aware UTC."""


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request and the response to it (status 0 never occurs: failures are separate)."""

    method: str
    url: str
    status: int
    reason: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    """Response headers in the order received; repeated headers stay separate."""
    body: str = ""
    """The response body decoded as text, at most the probe's body cap."""
    truncated: bool = False
    """True when the body was longer than the cap and was cut."""
    request_headers: tuple[tuple[str, str], ...] = ()
    """Request headers webwarden chose to send (beyond its defaults), e.g. `Origin`."""
    request_body: str = ""
    tls: TlsInfo | None = None

    def header_values(self, name: str) -> list[str]:
        """Every value of response header `name` (case-insensitive)."""
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]

    def header(self, name: str) -> str | None:
        """The value of response header `name`; repeated headers joined by `, `."""
        values = self.header_values(name)
        return ", ".join(values) if values else None

    def request_header(self, name: str) -> str | None:
        """The value of a request header webwarden sent, if any."""
        wanted = name.lower()
        return next((v for k, v in self.request_headers if k.lower() == wanted), None)

    @property
    def set_cookies(self) -> list[str]:
        """The raw `Set-Cookie` values of the response."""
        return self.header_values("set-cookie")

    @property
    def scheme(self) -> str:
        """`http` or `https`."""
        return urlsplit(self.url).scheme

    @property
    def path(self) -> str:
        """The URL's path (with `/` for an empty one)."""
        return urlsplit(self.url).path or "/"

    @property
    def is_html(self) -> bool:
        """Whether the response says it is an HTML document."""
        content_type = (self.header("content-type") or "").split(";")[0].strip().lower()
        return content_type in HTML_TYPES

    @property
    def is_page(self) -> bool:
        """A successful HTML document fetched with GET: what page-level rules judge."""
        return self.method == "GET" and 200 <= self.status < 300 and self.is_html

    @property
    def location(self) -> str | None:
        """The absolute redirect target of a 3xx response, if it names one."""
        target = self.header("location")
        if not 300 <= self.status < 400 or target is None:
            return None
        return urljoin(self.url, target.strip())


@dataclass(frozen=True, slots=True)
class Failure:
    """A request that got no usable HTTP response."""

    method: str
    url: str
    reason: str


@dataclass(slots=True)
class ProbeRecord:
    """Everything one probe run saw, in the order it happened."""

    target: str
    exchanges: list[Exchange] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    unvisited: int = 0
    """URLs the crawl found but could not visit because the request budget ran out."""
    off_origin: list[tuple[str, str]] = field(default_factory=list)
    """(URL, redirect target) for redirects that leave the target, recorded, not followed."""
    disallowed: list[str] = field(default_factory=list)
    """URLs the crawl skipped because robots.txt disallows them."""

    @property
    def pages(self) -> list[Exchange]:
        """The HTML pages fetched successfully, once per URL (what header rules judge).

        Requests carrying headers of webwarden's choosing (the CORS check's `Origin`)
        are left out: they repeat a page under unusual conditions.
        """
        pages: dict[str, Exchange] = {}
        for exchange in self.exchanges:
            if exchange.is_page and not exchange.request_headers:
                pages.setdefault(exchange.url, exchange)
        return list(pages.values())

    def by_relevance(self) -> list[Exchange]:
        """Every exchange, pages first and robots.txt last, to locate findings well."""
        pages = self.pages
        rest = [e for e in self.exchanges if e not in pages and e.path != "/robots.txt"]
        return pages + rest + [e for e in self.exchanges if e.path == "/robots.txt"]

    @property
    def requests(self) -> int:
        """How many requests were sent (answered or not)."""
        return len(self.exchanges) + len(self.failures)
