"""How much the probe may ask of the target: request budget, rate, time, body size, pages.

NOTE: its own module so that the command line can show the defaults without importing
the HTTP client (httpx is slow to import and `webwarden check` rarely probes).
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_PAGES = 20
"""Pages a crawl visits at most, unless told otherwise."""


@dataclass(frozen=True, slots=True)
class Limits:
    """How much the probe may ask of the target."""

    budget: int = 100
    """Requests in all, whatever their outcome."""
    rate: float = 5.0
    """Requests per second at most."""
    timeout: float = 10.0
    """Seconds to connect, and between two reads of the response."""
    max_body: int = 1024 * 1024
    """Bytes of a response body read at most; the rest is never downloaded."""

    @property
    def deadline(self) -> float:
        """Seconds one response may take in all, however slowly it trickles in."""
        return 3 * self.timeout
