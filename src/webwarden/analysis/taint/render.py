"""Short source-like text for IR expressions, for flow notes and messages."""

from __future__ import annotations

from collections.abc import Mapping

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import REQUEST_OBJECTS

MAX_TEXT = 60


class Names:
    """Qualified names written back as the module spells them (through its imports)."""

    __slots__ = ("_cache", "module", "reverse")

    def __init__(self, module: str = "", aliases: Mapping[str, str] | None = None) -> None:
        self.module = module
        self.reverse: dict[str, str] = {}
        for local, qualified in sorted((aliases or {}).items(), key=lambda item: len(item[0])):
            self.reverse.setdefault(qualified, local)
        self._cache: dict[str, str] = {}

    def short(self, name: str) -> str:
        """`django.utils.safestring.mark_safe` -> `mark_safe` after `from ... import`."""
        found = self._cache.get(name)
        if found is None:
            found = self._cache[name] = self._short(name)
        return found

    def _short(self, name: str) -> str:
        if self.module and name.startswith(self.module + "."):
            return name[len(self.module) + 1 :]
        parts = name.split(".")
        for cut in range(len(parts), 0, -1):
            local = self.reverse.get(".".join(parts[:cut]))
            if local is not None:
                return ".".join([local, *parts[cut:]])
        for request in REQUEST_OBJECTS:
            if name == request or name.startswith(request + "."):
                return "request" + name[len(request) :]
        return name


PLAIN = Names()


def _text(expr: ir.Expr, depth: int, names: Names = PLAIN) -> str:
    if depth > 6:
        return "..."
    match expr:
        case ir.Const(value=str() as text):
            return repr(text if len(text) <= 20 else text[:17] + "...")
        case ir.Const(value=value):
            return repr(value)
        case ir.Local(name=name) | ir.Free(name=name):
            return name
        case ir.Global(name=name):
            return names.short(name)
        case ir.Attr(value=value, attr=attr):
            return f"{_operand(value, depth, names)}.{attr}"
        case ir.Sub(value=value, index=index):
            return f"{_operand(value, depth, names)}[{_text(index, depth + 1, names)}]"
        case ir.Call(func=func, args=args, keywords=keywords):
            inner = [_text(a, depth + 1, names) for a in args]
            inner += [f"{k}={_text(v, depth + 1, names)}" if k else "**..." for k, v in keywords]
            joined = ", ".join(inner)
            return f"{_operand(func, depth, names)}({joined if len(joined) <= 30 else '...'})"
        case ir.Star(value=value):
            return f"*{_text(value, depth + 1, names)}"
        case ir.Fmt(kind="f-string"):
            return 'f"..."'
        case ir.Fmt(kind="%", parts=(text, *items)) if len(items) > 1:
            listed = ", ".join(_text(p, depth + 1, names) for p in items)
            return f"{_text(text, depth + 1, names)} % ({listed})"
        case ir.Fmt(kind=kind, parts=parts):
            return f" {kind} ".join(_text(p, depth + 1, names) for p in parts)
        case ir.Walrus(name=name):
            return name
        case ir.Union(values=(ir.Clean(parts=(func,)), ir.Call() as call, *_), dispatch=True):
            # NOTE: a call through a table, as written: the lookup called
            return _text(ir.Call(func, None, call.args, call.keywords, call.pos), depth, names)
        case ir.Union(values=values, joined=joined):
            return _union_text(values, joined, depth, names)
        case ir.DictE(keys=keys):
            return "{...}" if keys else "{}"
        case ir.Seq(kind=kind, elts=elts):
            brackets = {"list": "[]", "tuple": "()"}.get(kind, "{}")
            return f"{brackets[0]}{'...' if elts else ''}{brackets[1]}"
    return "..."


def _operand(expr: ir.Expr, depth: int, names: Names) -> str:
    """An expression an attribute, index or call is applied to: in parentheses when it
    is a union (`or`, `and`, a conditional, `(root / name).read_bytes()`) or a string
    built with an operator (`("a" + b).strip()`, `("%s" % x).lower()`)."""
    text = _text(expr, depth + 1, names)
    built = isinstance(expr, ir.Fmt) and expr.kind != "f-string"
    return f"({text})" if isinstance(expr, ir.Union) or built else text


def _union_text(values: tuple[ir.Expr, ...], joined: str, depth: int, names: Names) -> str:
    """`a or b`, `a and b`, `x if c else y` (the lowering puts the test, or what `and`
    passes over, first as a `Clean`), `root / name` (`joined`)."""
    if joined:
        return f" {joined} ".join(_text(v, depth + 1, names) for v in values)
    first, *rest = values
    if isinstance(first, ir.Clean) and len(rest) == 2:
        test = " and ".join(_text(p, depth + 1, names) for p in first.parts)
        body, orelse = (_text(v, depth + 1, names) for v in rest)
        return f"{body} if {test} else {orelse}"
    if isinstance(first, ir.Clean) and len(rest) == 1:
        return " and ".join(_text(v, depth + 1, names) for v in (*first.parts, *rest))
    return " or ".join(_text(v, depth + 1, names) for v in values)


def render(expr: ir.Expr, names: Names = PLAIN) -> str:
    """`request.args.get('q')` for the IR of that expression (shortened when long)."""
    text = _text(expr, 0, names)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 3] + "..."


def callee_text(call: ir.Call, names: Names = PLAIN) -> str:
    """How to name what a call calls: `cursor.execute`, `subprocess.run`."""
    text = _text(call.func, 0, names)
    return text if len(text) <= MAX_TEXT else "..." + text[-(MAX_TEXT - 3) :]
