"""Where a daemon listens and how client and server talk: length-prefixed JSON messages
over a Unix socket in a folder private to the user.

NOTE: the client imports this module; it keeps to cheap standard modules (no typing,
pathlib, hashlib or subprocess) because their import is most of what the client costs.
"""

from __future__ import annotations

import json
import os
import socket
import struct
import sys
import zlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Message = dict[str, Any]

_HEADER = struct.Struct("!I")
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_SOCKET_PATH_MAX = 100
"""AF_UNIX paths are limited to about 104-108 bytes, depending on the system."""


class DaemonError(Exception):
    """The daemon cannot be reached or started (the check then runs in-process)."""


# -- where it listens --------------------------------------------------------------------


def runtime_dir() -> str:
    """The private folder of this user's servers (WEBWARDEN_DAEMON_DIR, else under
    XDG_RUNTIME_DIR, else /tmp/webwarden-UID); made with mode 700 and refused when
    another user owns it or others may use it."""
    if not hasattr(socket, "AF_UNIX") or not hasattr(os, "getuid"):
        raise DaemonError("this system has no Unix sockets")
    given = os.environ.get("WEBWARDEN_DAEMON_DIR")
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if given:
        folder = given
    elif runtime and os.path.isdir(runtime):
        folder = os.path.join(runtime, "webwarden")
    else:
        folder = f"/tmp/webwarden-{os.getuid()}"  # noqa: S108 - its owner and mode are checked
    os.makedirs(folder, mode=0o700, exist_ok=True)
    st = os.stat(folder)
    if st.st_uid != os.getuid() or st.st_mode & 0o077:
        raise DaemonError(f"{folder} is not private to this user (owner and mode 700)")
    return folder


def fingerprint() -> str:
    """What identifies this webwarden: its interpreter, where it is installed and when its
    files last changed (a server started by another install, or by an older version of
    the code, is never asked)."""
    newest = 0
    for directory, _, names in os.walk(_PACKAGE):
        for name in names:
            if name.endswith(".py"):
                newest = max(newest, os.stat(os.path.join(directory, name)).st_mtime_ns)
    where = zlib.crc32(f"{sys.executable}\0{_PACKAGE}".encode())
    return f"{where:08x}-{newest:x}"


def socket_path() -> str:
    """The socket of this webwarden's server."""
    path = os.path.join(runtime_dir(), f"{fingerprint()}.sock")
    if len(os.fsencode(path)) > _SOCKET_PATH_MAX:
        raise DaemonError(f"the socket path {path} is too long for a Unix socket")
    return path


# -- the wire ----------------------------------------------------------------------------


def send(connection: socket.socket, message: Message) -> None:
    """One message: its length, then its JSON."""
    data = json.dumps(message).encode()
    connection.sendall(_HEADER.pack(len(data)) + data)


def receive(connection: socket.socket) -> Message:
    """The next message (DaemonError when the other side hung up)."""
    (size,) = _HEADER.unpack(_exactly(connection, _HEADER.size))
    message = json.loads(_exactly(connection, size))
    if not isinstance(message, dict):
        raise DaemonError("the daemon sent something that is not a message")
    return message


def _exactly(connection: socket.socket, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = connection.recv(size - len(chunks))
        if not chunk:
            raise DaemonError("the connection closed before the message ended")
        chunks += chunk
    return bytes(chunks)


def ask(path: str, message: Message, timeout: float | None = None) -> Message:
    """Send `message` to the server at `path`; its answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout)
        connection.connect(path)
        send(connection, message)
        return receive(connection)
