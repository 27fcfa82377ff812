"""Where a path is written or kept as a store: calls, settings and config dicts (WW11100)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Final

from webwarden.rules.context import FileContext

_OPENS = frozenset({"open", "io.open", "builtins.open", "codecs.open"})
_WRITE_MODES = frozenset("wa+")
_FIRST = ("file", "filename", "path", "database")
_TARGET = (1, "dst")
_CALLS: Final[dict[str, tuple[int, str]]] = {
    "logging.FileHandler": (0, "filename"),
    "logging.handlers.RotatingFileHandler": (0, "filename"),
    "logging.handlers.TimedRotatingFileHandler": (0, "filename"),
    "logging.handlers.WatchedFileHandler": (0, "filename"),
    "concurrent_log_handler.ConcurrentRotatingFileHandler": (0, "filename"),
    "sqlite3.connect": (0, "database"),
    "shelve.open": (0, "filename"),
    "os.mkfifo": (0, "path"),
    "os.mknod": (0, "path"),
    "os.symlink": _TARGET,
    "os.link": _TARGET,
    "os.rename": _TARGET,
    "os.replace": _TARGET,
    "shutil.copy": _TARGET,
    "shutil.copy2": _TARGET,
    "shutil.copyfile": _TARGET,
    "shutil.copytree": _TARGET,
    "shutil.move": _TARGET,
    "urllib.request.urlretrieve": (1, "filename"),
    "socketserver.UnixStreamServer": (0, "server_address"),
    "socketserver.UnixDatagramServer": (0, "server_address"),
    "sqlalchemy.create_engine": (0, "url"),
    "django.core.files.storage.FileSystemStorage": (0, "location"),
    "cachelib.FileSystemCache": (0, "cache_dir"),
    "cachelib.file.FileSystemCache": (0, "cache_dir"),
    "diskcache.Cache": (0, "directory"),
    "diskcache.FanoutCache": (0, "directory"),
}
_RECEIVER_METHODS = frozenset({".write_text", ".write_bytes", ".touch", ".symlink_to"})
"""`pathlib.Path` methods writing the path they are called on."""
_ARGUMENT_METHODS = frozenset({".bind", ".save", ".savefig", ".extractall"})
_ARGUMENT_METHODS |= frozenset({".to_csv", ".to_excel", ".to_pickle", ".to_parquet"})
"""Methods writing the path they are handed first (a Unix socket, an upload, a figure)."""
_SETTING_CALLS = frozenset({".update", ".from_mapping", "dict"})
SINK_CALLS: Final = frozenset(
    {*_OPENS, "os.open", "logging.basicConfig", *_CALLS, ".open", *_SETTING_CALLS}
    | _RECEIVER_METHODS
    | _ARGUMENT_METHODS
)

_FRAMEWORK_SETTINGS = frozenset(
    {"SESSION_FILE_PATH", "SESSION_FILE_DIR", "CACHE_DIR", "MEDIA_ROOT", "UPLOAD_FOLDER"}
    | {"SQLALCHEMY_DATABASE_URI"}
)
"""Settings of Django, Flask-Session, Flask-Caching, Flask-SQLAlchemy and Flask's upload
pattern naming where a store lives."""
_NAMED_SETTINGS = frozenset({"LOG_FILE", "LOGFILE", "LOG_FILENAME", "PID_FILE", "PIDFILE"})
"""Names that by convention hold a file the app writes."""


def store_setting(name: str) -> bool | None:
    """False for a framework setting naming a store, True for a name that does so by
    convention (a weaker hint), None for any other name."""
    if name in _FRAMEWORK_SETTINGS:
        return False
    return True if name in _NAMED_SETTINGS else None


def written_path(ctx: FileContext, call: ast.Call) -> Iterator[tuple[str, ast.expr, bool]]:
    """(what is called, the path it writes, whether known only by a setting's name)."""
    name = ctx.call_name(call) or ""
    method = "." + call.func.attr if isinstance(call.func, ast.Attribute) else ""
    if name in _OPENS:
        yield from _opened(ctx, call, name, on_path=False)
    elif name == "os.open":
        flags = ctx.argument(call, 1, "flags")
        named = {ctx.qualified(n) for n in ast.walk(flags)} if flags is not None else set()
        writes = {"os.O_WRONLY", "os.O_RDWR", "os.O_CREAT", "os.O_APPEND"} & named
        path = ctx.argument(call, 0, "path")
        if writes and "os.O_EXCL" not in named and path is not None:
            yield name, path, False
    elif name == "logging.basicConfig":
        path = ctx.keyword(call, "filename")
        if path is not None:
            yield name, path, False
    elif name in _CALLS:
        position, keyword = _CALLS[name]
        path = ctx.argument(call, position, keyword)
        if path is not None:
            yield name, path, False
    elif method == ".open":
        yield from _opened(ctx, call, "Path.open", on_path=True)
    elif method in _RECEIVER_METHODS and isinstance(call.func, ast.Attribute):
        yield method[1:], call.func.value, False
    elif method in _ARGUMENT_METHODS and call.args:
        yield method[1:], call.args[0], False
    elif name in _SETTING_CALLS or method in _SETTING_CALLS:
        for given in call.keywords:
            by_name = None if given.arg is None else store_setting(given.arg)
            if by_name is not None:
                yield str(given.arg), given.value, by_name


def _opened(
    ctx: FileContext, call: ast.Call, name: str, *, on_path: bool
) -> Iterator[tuple[str, ast.expr, bool]]:
    """`open(path, mode)`, `codecs.open`, or `Path(path).open(mode)` writing."""
    mode = ctx.evaluate(ctx.argument(call, 0 if on_path else 1, "mode"))
    if not isinstance(mode, str) or not _WRITE_MODES & set(mode):
        return
    if on_path and isinstance(call.func, ast.Attribute):
        yield name, call.func.value, False
        return
    path = ctx.argument(call, 0, "file") or ctx.argument(call, 0, "filename")
    if path is not None:
        yield name, path, False


def store_entries(ctx: FileContext, node: ast.Dict) -> Iterator[tuple[str, ast.expr, bool]]:
    """The entries of a config dict naming a store: a logging handler's `filename`, a
    database's `NAME`, a file cache's `LOCATION`, or a store setting as a key."""
    entries: dict[str, ast.expr] = {}
    for key, value in zip(node.keys, node.values, strict=True):
        text = ctx.evaluate(key) if key is not None else None
        if isinstance(text, str):
            entries[text] = value
    if "filename" in entries and "class" in entries:
        yield "filename", entries["filename"], False
    if "NAME" in entries and "ENGINE" in entries:
        yield "NAME", entries["NAME"], False
    backend = ctx.evaluate(entries.get("BACKEND"))
    if "LOCATION" in entries and isinstance(backend, str) and "FileBasedCache" in backend:
        yield "LOCATION", entries["LOCATION"], False
    for entry, held in entries.items():
        by_name = store_setting(entry)
        if by_name is not None:
            yield entry, held, by_name
