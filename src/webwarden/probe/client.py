"""A bounded HTTP client for one target: budget, rate limit, timeouts, body cap.

It sends only GET and HEAD (POST only when the caller runs the active CSRF check), never
follows redirects itself, never uses proxy settings from the environment, and refuses
any URL outside the origins it was created for, so nothing reaches another host.
"""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from urllib.parse import urlsplit

import certifi
import httpx

from webwarden import __version__
from webwarden.errors import ProbeError
from webwarden.probe.deadline import DEADLINE_PASSED, Deadline, DeadlineBackend
from webwarden.probe.exchange import Exchange, Failure, TlsInfo
from webwarden.probe.limits import Limits as Limits

logger = logging.getLogger(__name__)

USER_AGENT = f"webwarden/{__version__} (security probe; +https://github.com/webwarden/webwarden)"
SAFE_METHODS = frozenset({"GET", "HEAD"})


class BudgetExhausted(Exception):
    """The request budget is spent; the crawl stops and says so."""


def origin_of(url: str) -> str:
    """`scheme://host:port` of `url`, with the default port written out."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ProbeError(f"{url}: not an http(s) URL")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise ProbeError(f"{url}: invalid port") from None
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    return f"{parts.scheme}://{host}:{port}"


def _verify_error(exc: BaseException) -> str | None:
    """The certificate verification message hidden in an exception chain, if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return str(current.verify_message or current.reason or current)
        current = current.__cause__ or current.__context__
    return None


def _trust(ca_bundle: str | None) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if not context.cert_store_stats()["x509_ca"]:
        context.load_verify_locations(certifi.where())
    if ca_bundle is not None:
        try:
            context.load_verify_locations(ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            raise ProbeError(f"{ca_bundle}: cannot load CA bundle: {exc}") from None
    return context


def _no_verification() -> ssl.SSLContext:
    # NOTE: only used after verification failed and was recorded as a finding, so the
    # headers of a site with a bad certificate can still be judged.
    context = ssl.create_default_context()
    context.check_hostname = False  # webwarden: ignore[WW1141]
    context.verify_mode = ssl.CERT_NONE  # webwarden: ignore[WW1141]
    return context


def _raw_headers(response: httpx.Response) -> tuple[tuple[str, str], ...]:
    """Response headers with their names spelled as the server sent them."""
    return tuple(
        (name.decode("latin-1"), value.decode("latin-1")) for name, value in response.headers.raw
    )


class ProbeClient:
    """Sends bounded requests to the allowed origins and records what comes back."""

    def __init__(
        self, origins: Iterable[str], limits: Limits, *, ca_bundle: str | None = None
    ) -> None:
        self.origins = frozenset(origins)
        self.limits = limits
        self.sent = 0
        self.untrusted: dict[str, str] = {}
        """Origin -> why its certificate failed verification."""
        timeout = httpx.Timeout(limits.timeout)
        options: dict[str, object] = {
            "timeout": timeout,
            "follow_redirects": False,
            "trust_env": False,
            "headers": {"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"},
        }
        self._deadline = Deadline()
        verified = _transport(_trust(ca_bundle), self._deadline)
        unverified = _transport(_no_verification(), self._deadline)
        self._verified = httpx.Client(transport=verified, **options)  # type: ignore[arg-type]
        self._unverified = httpx.Client(transport=unverified, **options)  # type: ignore[arg-type]
        self._last = 0.0

    def close(self) -> None:
        """Close the connections."""
        self._verified.close()
        self._unverified.close()

    def __enter__(self) -> ProbeClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def remaining(self) -> int:
        """Requests left in the budget."""
        return self.limits.budget - self.sent

    def _spend(self, method: str, url: str) -> None:
        if origin_of(url) not in self.origins:
            raise ProbeError(f"refusing to send a request outside the target: {url}")
        if method not in SAFE_METHODS and method != "POST":
            raise ProbeError(f"refusing to send a {method} request")
        if self.sent >= self.limits.budget:
            raise BudgetExhausted
        self.sent += 1
        wait = self._last + 1.0 / self.limits.rate - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last = time.monotonic()

    def fetch(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        form: Mapping[str, str] | None = None,
    ) -> Exchange | Failure:
        """Send one request; a response becomes an `Exchange`, anything else a `Failure`.

        Raises `BudgetExhausted` when no request is left, `ProbeError` for a URL outside
        the target. A certificate that fails verification is recorded on the origin and
        the request is repeated without verification (one more request of the budget).
        """
        self._spend(method, url)
        origin = origin_of(url)
        client = self._unverified if origin in self.untrusted else self._verified
        try:
            return self._send(client, method, url, headers or {}, form)
        except httpx.ConnectError as exc:
            reason = _verify_error(exc)
            if reason is not None and origin not in self.untrusted:
                logger.info("%s: certificate not trusted (%s); judging it unverified", url, reason)
                self.untrusted[origin] = reason
                return self.fetch(method, url, headers=headers, form=form)
            return Failure(method, url, f"cannot connect: {str(exc) or type(exc).__name__}")
        except httpx.TimeoutException as exc:
            if DEADLINE_PASSED in str(exc):
                reason = f"no complete answer within {self.limits.deadline:g} s"
                return Failure(method, url, reason)
            kind = type(exc).__name__.replace("Timeout", " timeout").lower()
            return Failure(method, url, f"no answer within {self.limits.timeout:g} s ({kind})")
        except (httpx.RemoteProtocolError, httpx.LocalProtocolError, httpx.DecodingError) as exc:
            return Failure(method, url, f"invalid HTTP response: {exc}")
        except httpx.HTTPError as exc:
            return Failure(method, url, f"{type(exc).__name__}: {exc}")

    def _send(
        self,
        client: httpx.Client,
        method: str,
        url: str,
        headers: Mapping[str, str],
        form: Mapping[str, str] | None,
    ) -> Exchange:
        self._deadline.start(self.limits.deadline)
        with client.stream(method, url, headers=dict(headers), data=form) as response:
            tls = self._tls(response, origin_of(url))
            chunks: list[bytes] = []
            size = 0
            truncated = False
            try:
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > self.limits.max_body:
                        truncated = True
                        break
            except httpx.TimeoutException:
                # NOTE: the body trickled in past the deadline: judged on what came.
                truncated = True
            raw = b"".join(chunks)[: self.limits.max_body]
            body = raw.decode(response.charset_encoding or "utf-8", errors="replace")
            return Exchange(
                method=method,
                url=url,
                status=response.status_code,
                reason=response.reason_phrase,
                headers=_raw_headers(response),
                body=body,
                truncated=truncated,
                request_headers=tuple(headers.items()),
                request_body="&".join(f"{k}={v}" for k, v in (form or {}).items()),
                tls=tls,
            )

    def _tls(self, response: httpx.Response, origin: str) -> TlsInfo | None:
        if response.url.scheme != "https":
            return None
        stream = response.extensions.get("network_stream")
        ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
        version = ssl_object.version() or "" if ssl_object is not None else ""
        if origin in self.untrusted:
            return TlsInfo(verified=False, error=self.untrusted[origin], version=version)
        not_after = None
        certificate = ssl_object.getpeercert() if ssl_object is not None else None
        if certificate and "notAfter" in certificate:
            seconds = ssl.cert_time_to_seconds(str(certificate["notAfter"]))
            not_after = datetime.fromtimestamp(seconds, UTC)
        return TlsInfo(verified=True, version=version, not_after=not_after)


def _transport(verify: ssl.SSLContext, deadline: Deadline) -> httpx.HTTPTransport:
    """httpx's transport, its connections made by a backend that keeps each request within
    its deadline (httpx has no setting for it: the pool is given the backend)."""
    transport = httpx.HTTPTransport(verify=verify)
    transport._pool._network_backend = DeadlineBackend(deadline)
    return transport
