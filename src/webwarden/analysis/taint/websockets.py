"""WebSocket handlers: functions a framework calls with what the client sent over the
socket.

    class ChatConsumer(AsyncWebsocketConsumer):     # Django Channels
        async def receive(self, text_data=None, bytes_data=None): ...

    class Feed(JsonWebsocketConsumer):
        def receive_json(self, content, **kwargs): ...

    @socketio.on("move")                            # Flask-SocketIO
    def move(data): ...

    class Game(Namespace):                          # Flask-SocketIO's class-based namespace
        def on_move(self, data): ...

    sio = socketio.Server()                         # python-socketio, with `socketio.WSGIApp`
    @sio.on("move")
    def move(sid, data): ...                        # `sid`: the server's name for the client

A message is the client's text (or the JSON it parsed into): nothing checks it, and a
page that accepts a socket opened from another origin hands it to anyone's script.
"""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView, of_library

_CHANNELS = ("channels.",)
_CONSUMER_RECEIVERS = frozenset({"receive", "receive_json", "websocket_receive"})
"""The methods of a Channels consumer that get each message the client sends."""
_FLASK_SOCKETIO = "flask_socketio."
_PYTHON_SOCKETIO = "socketio."
_SOCKETIO_LIBRARIES = (_FLASK_SOCKETIO, _PYTHON_SOCKETIO)
_SOCKETIO_DECORATORS = frozenset({"on", "event"})
_SOCKETIO_NAMES = frozenset({"socketio", "socket_io"})
"""What a Flask-SocketIO `SocketIO` is called, when its kind is not known (imported from a
module that makes it in a function): Flask-SocketIO's own examples and most apps name it so."""


def socket_handler(index: IndexView, function: ir.Function) -> tuple[str, ...] | None:
    """The parameters of a WebSocket handler that hold the client's message, or None when
    `function` is no such handler."""
    params = [p.name for p in function.params if p.kind in {"pos", "kwonly"}]
    if function.kind == "method":
        library = _receiver_library(index, function)
        if library is None:
            return None
        return tuple(params[2:] if library == _PYTHON_SOCKETIO else params[1:])
    if function.kind != "function":
        return None
    library = next((found for d in function.decorators if (found := _registry(index, d))), None)
    if library is None:
        return None
    return tuple(params[1:] if library == _PYTHON_SOCKETIO else params)


def _receiver_library(index: IndexView, method: ir.Function) -> str | None:
    """The library whose class calls `method` with each message: a Channels consumer's
    receiver, an `on_<event>` of a Socket.IO namespace class."""
    owner = method.owner
    if not owner:
        return None
    if method.name in _CONSUMER_RECEIVERS:
        return _CHANNELS[0] if index.inherits(owner, _CHANNELS) else None
    if not method.name.startswith("on_"):
        return None
    for library in _SOCKETIO_LIBRARIES:
        if index.inherits(owner, (library,)):
            return library
    return None


def _registry(index: IndexView, decorator: str) -> str | None:
    """The Socket.IO library of `@socketio.on("event")` or `@sio.event` (a `SocketIO` of
    Flask-SocketIO, a `Server` or `AsyncServer` of python-socketio), or None."""
    holder, _, method = decorator.rpartition(".")
    if method not in _SOCKETIO_DECORATORS or not holder:
        return None
    kind = index.instance_kind(holder)
    if kind is None:
        known = holder.rpartition(".")[2].lower() in _SOCKETIO_NAMES
        return _FLASK_SOCKETIO if known else None
    for library in _SOCKETIO_LIBRARIES:
        if of_library(index, kind, (library,)):
            return library
    return None
