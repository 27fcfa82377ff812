"""Raw-socket servers that break HTTP on purpose, to prove the probe's bounds.

`python serve.py misbehaving_<mode> PORT_FILE` with mode `silent` (accepts, never
answers), `slow_headers` (a status line, then a header line every half second, forever:
no read ever waits long), `redirect_loop` (/ -> /a -> /b -> /a, and /chain/N -> /chain/N+1 without
end), `huge` (a 50 MB body) or
`broken_headers` (a header line without a colon).
"""

from __future__ import annotations

import contextlib
import json
import socket
import socketserver
import time
from pathlib import Path

FIFTY_MB = 50 * 1024 * 1024
REDIRECTS = {"/": "/a", "/a": "/b", "/b": "/a"}


def _request_path(connection: socket.socket) -> str:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = connection.recv(4096)
        if not chunk:
            break
        data += chunk
    parts = data.split(b" ", 2)
    return parts[1].decode("latin-1").split("?")[0] if len(parts) > 1 else "/"


def _not_found() -> bytes:
    return b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


def respond(mode: str, connection: socket.socket) -> None:
    if mode == "silent":
        time.sleep(60)
        return
    path = _request_path(connection)
    if mode == "redirect_loop":
        if path.startswith("/chain/"):
            step = int(path.rsplit("/", 1)[1]) + 1
            head = f"HTTP/1.1 301 Moved Permanently\r\nLocation: /chain/{step}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            connection.sendall(head.encode())
        elif path in REDIRECTS:
            head = f"HTTP/1.1 302 Found\r\nLocation: {REDIRECTS[path]}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            connection.sendall(head.encode())
        else:
            connection.sendall(_not_found())
    elif mode == "huge":
        if path != "/":
            connection.sendall(_not_found())
            return
        head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {FIFTY_MB}\r\nConnection: close\r\n\r\n"
        connection.sendall(head.encode())
        block = b"<p>" + b"x" * 65530 + b"</p>\n"
        sent = 0
        while sent < FIFTY_MB:
            connection.sendall(block[: FIFTY_MB - sent])
            sent += len(block)
    elif mode == "slow_headers":
        connection.sendall(b"HTTP/1.1 200 OK\r\n")
        for _ in range(240):
            time.sleep(0.5)
            connection.sendall(b"X-Drip: x\r\n")
    elif mode == "broken_headers":
        connection.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nThis is not a header\r\n\r\nhello"
        )


def serve(mode: str, port_file: str) -> None:
    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            # the probe hangs up on a huge body, as it should
            with contextlib.suppress(OSError):
                respond(mode, self.request)

    socketserver.ThreadingTCPServer.daemon_threads = True
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler) as server:
        temporary = Path(port_file + ".tmp")
        temporary.write_text(json.dumps({"main": server.server_address[1]}))
        temporary.replace(port_file)
        server.serve_forever()
