"""What a path expression is made of, to tell a fixed name in a shared temporary folder.

`tmp_path(ctx, node)` reads a path written as a constant, an f-string, `+` or `%`
formatting, `os.path.join`, `pathlib.Path(...) / "name"` or `tempfile.gettempdir()`,
and says whether the name directly under `/tmp`, `/var/tmp` or `/dev/shm` is fixed:
every other user of the machine can create that name first. A part drawn at random
(`uuid4()`, `secrets`, `tempfile.mkdtemp()`) there makes it safe; one the code cannot
read (a parameter) makes it unknown; a per-process one (`os.getpid()`, the time) is
predictable, which an attacker can create beforehand as well.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import env_lookup
from webwarden.rules.context import FileContext

SHARED_DIRS: Final = ("/tmp", "/var/tmp", "/dev/shm")  # noqa: S108 - what the rule looks for
_RANDOM: Final = "\x00random"
_PREDICTABLE: Final = "\x00predictable"
_UNREAD: Final = "\x00unknown"
_TMPDIR: Final = "\x00gettempdir"
_MARKERS = (_RANDOM, _PREDICTABLE, _UNREAD, _TMPDIR)
_RANDOM_CALLS = frozenset(
    {"uuid.uuid4", "uuid.uuid1", "os.urandom", "secrets.token_hex", "secrets.token_urlsafe"}
)
_PREDICTABLE_CALLS = frozenset(
    {"os.getpid", "os.getppid", "time.time", "time.time_ns", "threading.get_ident"}
)
_JOINS = frozenset(
    {"os.path.join", "posixpath.join", "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath"}
)
_SAME = frozenset(
    {"str", "os.fspath", "os.path.abspath", "os.path.realpath", "os.path.normpath"}
    | {"os.path.expanduser", ".resolve", ".absolute", ".as_posix", ".expanduser"}
)
_SQLITE_URL = re.compile(r"^sqlite(?:\+\w+)?:///")
_PERCENT = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sdrif]|\{[^{}]*\}")
_MAX_DEPTH = 12
_Sub = Callable[[ast.AST], list[str]]


@dataclass(frozen=True, slots=True)
class TmpPath:
    """A path in a shared temporary folder whose first name there is not random."""

    shown: str
    """The path as a message shows it, unread parts as `{...}`."""
    folder_only: bool
    """Only the folder under the shared one is fixed; the name in it varies."""
    predictable: bool
    """The fixed name holds a per-process part (`os.getpid()`, the time)."""
    default_of: str = ""
    """The environment variable whose default this path is, when it is one."""


def tmp_path(ctx: FileContext, node: ast.AST | None) -> TmpPath | None:
    """The fixed path in a shared temporary folder `node` gives, or None."""
    if node is None:
        return None
    variables: list[str] = []
    parts = _parts(ctx, node, variables, 0)
    text = "".join(parts)
    match = _SQLITE_URL.match(text)
    if match:
        text = text[match.end() :]
    shown = _shown(text)
    if text.startswith(_TMPDIR):
        rest = text[len(_TMPDIR) :]
    else:
        base = next((d for d in SHARED_DIRS if text == d or text.startswith(d + "/")), None)
        if base is None:
            return None
        rest = text[len(base) :]
    if not rest.startswith("/"):
        return None
    name, _, inside = rest.lstrip("/").partition("/")
    if not name or _RANDOM in name or _UNREAD in name or _TMPDIR in name:
        return None
    folder_only = any(marker in inside for marker in _MARKERS)
    default_of = variables[0] if variables else ""
    return TmpPath(shown, folder_only, _PREDICTABLE in name, default_of)


def _shown(text: str) -> str:
    shown = text.replace(_TMPDIR, "{tempfile.gettempdir()}")
    for marker in (_RANDOM, _PREDICTABLE, _UNREAD):
        shown = shown.replace(marker, "{...}")
    return shown


def _parts(ctx: FileContext, node: ast.AST, variables: list[str], depth: int) -> list[str]:
    """The path's text, with markers for the parts not known as text."""
    if depth > _MAX_DEPTH:
        return [_UNREAD]
    value = ctx.evaluate(node)
    if isinstance(value, str):
        return [value]
    if value is not UNKNOWN:
        return [_UNREAD]

    def sub(child: ast.AST) -> list[str]:
        return _parts(ctx, child, variables, depth + 1)

    match node:
        case ast.Name():
            assigned = ctx.lookup(node)
            if assigned is not None:
                return sub(assigned)
            return [_RANDOM] if (ctx.origin(node) or "").startswith("tempfile.") else [_UNREAD]
        case ast.JoinedStr(values=values):
            return [
                text
                for part in values
                for text in (sub(part.value) if isinstance(part, ast.FormattedValue) else sub(part))
            ]
        case ast.BinOp(op=ast.Add(), left=left, right=right):
            return sub(left) + sub(right)
        case ast.BinOp(op=ast.Div(), left=left, right=right):
            return [*sub(left), "/", *sub(right)]
        case ast.BinOp(op=ast.Mod(), left=template, right=arguments):
            given = arguments.elts if isinstance(arguments, ast.Tuple) else [arguments]
            return _formatted(ctx.evaluate(template), given, sub)
        case ast.BoolOp(op=ast.Or(), values=[*lookups, last]):
            # NOTE: `os.getenv("LOG_FILE") or "/tmp/app.log"`: the last operand when unset
            for lookup in lookups:
                found = env_lookup(ctx, lookup)
                if found is None or found.from_file:
                    return [_UNREAD]
                variables.append(found.variable)
            return sub(last)
        case ast.Attribute(value=inner):
            return [_RANDOM] if _RANDOM in sub(inner) else [_UNREAD]
        case ast.Call():
            return _call_parts(ctx, node, variables, sub)
    return [_UNREAD]


def _call_parts(
    ctx: FileContext,
    call: ast.Call,
    variables: list[str],
    sub: _Sub,
) -> list[str]:
    name = ctx.call_name(call) or ""
    method = "." + call.func.attr if isinstance(call.func, ast.Attribute) else ""
    if name in {"tempfile.gettempdir", "tempfile.gettempdirb"}:
        return [_TMPDIR]
    if name.startswith(("tempfile.", "secrets.", "random.")) or name in _RANDOM_CALLS:
        return [_RANDOM]
    if name in _PREDICTABLE_CALLS or name.endswith((".now", ".utcnow", ".today")):
        return [_PREDICTABLE]
    if name in _JOINS and call.args and not call.keywords:
        return _joined([sub(a) for a in call.args])
    if (name in _SAME or method in _SAME) and len(call.args) <= 1:
        inner = call.args[0] if call.args else getattr(call.func, "value", None)
        return sub(inner) if inner is not None else [_UNREAD]
    if method == ".format" and isinstance(call.func, ast.Attribute):
        return _formatted(ctx.evaluate(call.func.value), call.args, sub)
    lookup = env_lookup(ctx, call)
    if lookup is not None and isinstance(lookup.default, str) and not lookup.from_file:
        variables.append(lookup.variable)
        return [lookup.default]
    return [_UNREAD]


def _joined(pieces: list[list[str]]) -> list[str]:
    """`os.path.join` of the pieces: an absolute piece starts over."""
    joined: list[str] = []
    for piece in pieces:
        first = piece[0] if piece else ""
        if first.startswith("/") or first == _TMPDIR:
            joined = list(piece)
        elif joined:
            joined += ["/", *piece]
        else:
            joined = list(piece)
    return joined


def _formatted(template: object, given: list[ast.expr], sub: _Sub) -> list[str]:
    """`"/tmp/%s.log" % name` or `"/tmp/{}.log".format(name)`: the template's text with the
    parts of each argument in place of its field."""
    if not isinstance(template, str):
        return [_UNREAD]
    texts = _PERCENT.split(template.replace("%%", "%"))
    if len(texts) - 1 != len(given):
        return [_UNREAD]
    parts: list[str] = [texts[0]]
    for argument, text in zip(given, texts[1:], strict=True):
        parts += [*sub(argument), text]
    return parts
