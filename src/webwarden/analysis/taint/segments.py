"""Path segments: where a built string keeps a value inside one segment of a path.

A URL parameter the router matched without a `/` (`values.ONE_SEGMENT`) written beside
fixed text of the same segment (`f"cache-{key}.png"`, `"report_" + name`) cannot lead
out of a folder: the segment is neither `.` nor `..`, and the path does not start at the
root. Said of POSIX paths: on a Windows server a backslash separates folders too.

Such a parameter that is the last segment of a path, after a folder (`root / name`,
`os.path.join(root, name)`, `f"{root}/{name}"`: `values.AT_END` and `values.UNDER_FOLDER`),
names a file in that folder or, as `.` or `..`, a folder: a call that opens, writes or
removes a file (`values.NAMES_FILE`) fails on a folder, so the name cannot lead out.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import AT_END, UNDER_FOLDER, Taint, cleanse, reopened

NOTHING_BESIDE = ("", "")
_ADJOINING = frozenset({"+", "f-string"})


def beside(node: ir.Fmt, around: tuple[str, str]) -> list[tuple[str, str]]:
    """The constant text right before and right after each part of `node` ("" for none);
    `around` is the constant text beside `node` itself, in a `+` or f-string holding it."""
    if node.kind == "%":
        return _beside_conversions(node)
    found = []
    last = len(node.parts) - 1
    for position in range(len(node.parts)):
        before = _text(node.parts[position - 1]) if position else around[0]
        after = _text(node.parts[position + 1]) if position < last else around[1]
        found.append((before, after))
    return found


def segment_beside(node: ir.Fmt, around: tuple[str, str]) -> list[tuple[str, str]]:
    """`beside`, reading through a string concatenated in turn (`name() + "." + ext` is
    `(name() + ".") + ext`: the `.` ends the inner `+`): the text that shares a path
    segment with each part."""
    near = beside(node, around)
    if node.kind == "%":
        return near
    last = len(node.parts) - 1
    return [
        (
            _edge(node.parts[position - 1], -1) if position else before,
            _edge(node.parts[position + 1], 0) if position < last else after,
        )
        for position, (before, after) in enumerate(near)
    ]


_AT_END = frozenset({AT_END})
_UNDER_FOLDER = frozenset({UNDER_FOLDER})


def followed(taint: Taint) -> Taint:
    """`taint` once something is written after it: it is no longer a path's last segment."""
    return reopened(taint, _AT_END)


def after_folder(taint: Taint) -> Taint:
    """`taint` written right after a folder (`root / name`, `f"{root}/{name}"`)."""
    if not any(AT_END in label.cleansed for label in taint):
        return taint
    return cleanse(taint, _UNDER_FOLDER)


def path_joined(taints: Sequence[Taint], *, led: bool = True) -> list[Taint]:
    """The taints of the pieces of a path join (`a / b`, `os.path.join(a, b, c)`), in
    order: each but the last is followed by the next, each but the first is after a
    folder. When the first piece is the code's own (no taint, and `led`: not known to be
    empty), the path starts with it, whatever the others hold: a program handed it reads
    no option from them (`os.path.join(tempfile.mkdtemp(), name)` is never `-x`; an
    absolute `name` starts with `/`)."""
    last = len(taints) - 1
    led = led and bool(taints) and not taints[0]
    joined = []
    for position, taint in enumerate(taints):
        if position < last:
            taint = followed(taint)
        if position:
            taint = after_folder(taint)
            if led:
                taint = cleanse(taint, _STARTS_NO_OPTION)
        joined.append(taint)
    return joined


_STARTS_NO_OPTION = frozenset({"option"})


def holds_text(part: ir.Expr) -> bool:
    """Whether `part` writes some fixed text: a constant, or a concatenation holding one."""
    if isinstance(part, ir.Fmt) and part.kind in _ADJOINING:
        return any(holds_text(inner) for inner in part.parts)
    return _text(part) != ""


def pinned(before: str, after: str) -> bool:
    """Whether fixed text beside a value that holds no `/` puts a character other than
    `.` in its path segment: `report-{x}` and `{x}.pdf`, not `{x}/` nor `..{x}`."""
    return bool(before.rpartition("/")[2].strip(".") or after.partition("/")[0].strip("."))


def after_root(position: int, before: str, opening: bool) -> bool:
    """Whether the part at `position` follows the lone `/` a whole string opens with
    (`f"/{username}"`, `"/" + name`, `"/%s" % name`): `opening` says the string is not
    itself a part written after other text."""
    return opening and position == 1 and before == "/"


def _edge(part: ir.Expr, end: int) -> str:
    """The constant text `part` ends (`end` -1) or starts (0) with."""
    if isinstance(part, ir.Fmt) and part.kind in _ADJOINING:
        return _edge(part.parts[end], end)
    return _text(part)


def _text(part: ir.Expr) -> str:
    return part.value if isinstance(part, ir.Const) and isinstance(part.value, str) else ""


def _beside_conversions(node: ir.Fmt) -> list[tuple[str, str]]:
    """`"%s-%s.png" % (a, b)`: the format's literal text around each item."""
    template = _text(node.parts[0])
    literals = _literals(template)
    if literals is None or len(literals) != len(node.parts):
        return [NOTHING_BESIDE] * len(node.parts)
    return [NOTHING_BESIDE, *itertools.pairwise(literals)]


def _literals(template: str) -> list[str] | None:
    """The literal texts between a `%` format's conversions (`%%` written as `%`), or
    None for a format naming its items or taking a `*` width."""
    literals = [""]
    start = 0
    for match in ir.PERCENT_CONVERSION.finditer(template):
        literals[-1] += template[start : match.start()]
        start = match.end()
        conversion = match.group(0)
        if conversion == "%%":
            literals[-1] += "%"
        elif "(" in conversion or "*" in conversion:
            return None
        else:
            literals.append("")
    literals[-1] += template[start:]
    return literals
