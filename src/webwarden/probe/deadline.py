"""A whole-request deadline under httpx's per-read timeouts.

httpx times out a read that waits too long, not a response that arrives too slowly: a
server that sends one header line a second never trips a read timeout and never finishes.
The probe's connections are made by this network backend, whose streams never wait past
the deadline of the request in flight (`Deadline.start()`), whatever the read asks for.
"""

from __future__ import annotations

import ssl
import time
import typing

import httpcore

_SocketOption = typing.Any
DEADLINE_PASSED = "the whole response took longer than its deadline"


class Deadline:
    """When the request in flight must be done (monotonic seconds; None: no limit)."""

    def __init__(self) -> None:
        self.at: float | None = None

    def start(self, seconds: float) -> None:
        """The next `seconds` belong to one request."""
        self.at = time.monotonic() + seconds

    def wait(self, timeout: float | None) -> float | None:
        """How long a read or write may wait: `timeout`, cut to what is left; raises when
        nothing is."""
        if self.at is None:
            return timeout
        left = self.at - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout(DEADLINE_PASSED)
        return left if timeout is None else min(timeout, left)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's synchronous backend, its streams bound by a `Deadline`."""

    def __init__(self, deadline: Deadline) -> None:
        self._inner = httpcore.SyncBackend()
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[_SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        """A TCP connection, made within the deadline and bound by it."""
        wait = self._deadline.wait(timeout)
        stream = self._inner.connect_tcp(host, port, wait, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[_SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        """A Unix socket connection, bound by the deadline."""
        stream = self._inner.connect_unix_socket(path, self._deadline.wait(timeout), socket_options)
        return _DeadlineStream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        """Sleep (the pool waits between retries)."""
        self._inner.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self._inner.read(max_bytes, self._deadline.wait(timeout))
        except httpcore.ReadTimeout:
            self._deadline.wait(None)  # NOTE: says so when it was the deadline that ran out
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.wait(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = self._deadline.wait(timeout)
        return _DeadlineStream(
            self._inner.start_tls(ssl_context, server_hostname, wait), self._deadline
        )

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)
