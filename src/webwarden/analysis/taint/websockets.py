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

A message is the client's text (or the JSON it parsed into): nothing checks it, and a
page that accepts a socket opened from another origin hands it to anyone's script.
"""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView

_CHANNELS = ("channels.",)
_CONSUMER_RECEIVERS = frozenset({"receive", "receive_json", "websocket_receive"})
"""The methods of a Channels consumer that get each message the client sends."""
_SOCKETIO = "flask_socketio."
_SOCKETIO_DECORATORS = frozenset({"on", "event"})
_SOCKETIO_NAMES = frozenset({"socketio", "socket_io"})
"""What a `SocketIO` made inside the app factory is called (its kind is not known
there): Flask-SocketIO's own examples and most apps name it so."""


def socket_handler(index: IndexView, function: ir.Function) -> tuple[str, ...] | None:
    """The parameters of a WebSocket handler that hold the client's message, or None when
    `function` is no such handler."""
    params = [p.name for p in function.params if p.kind in {"pos", "kwonly"}]
    if function.kind == "method":
        if _receives(index, function):
            return tuple(params[1:])
        return None
    if function.kind == "function" and any(_registers(index, d) for d in function.decorators):
        return tuple(params)
    return None


def _receives(index: IndexView, method: ir.Function) -> bool:
    """A Channels consumer's receiver, or an `on_<event>` of a Flask-SocketIO namespace."""
    owner = method.owner
    if not owner:
        return False
    if method.name in _CONSUMER_RECEIVERS:
        return index.inherits(owner, _CHANNELS)
    return method.name.startswith("on_") and index.inherits(owner, (_SOCKETIO,))


def _registers(index: IndexView, decorator: str) -> bool:
    """`@socketio.on("event")` or `@socketio.event` of a Flask-SocketIO `SocketIO`."""
    holder, _, method = decorator.rpartition(".")
    if method not in _SOCKETIO_DECORATORS or not holder:
        return False
    kind = index.instance_kind(holder)
    if kind is None:
        return holder.rpartition(".")[2].lower() in _SOCKETIO_NAMES
    if kind.startswith("cls:"):
        return index.inherits(kind[4:], (_SOCKETIO,))
    return kind.startswith(_SOCKETIO)
