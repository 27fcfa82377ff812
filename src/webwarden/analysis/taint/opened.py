"""What opening an object gives of the request text that named it: nothing.

`Path(f"/data/{name}").open()`, or `.open()` on an object a lookup by a URL parameter
returned (a storage's file record), reads the file it names, as `open(path)` does: the
request chose which file (WW1107 judges that), not what the file holds. Only request
*text* is dropped (a URL parameter, a query, form, header or cookie value), which can
name a file but never be one; an upload, a JSON body or a parameter of the function
summarised stays, to be judged where it is known.
"""

from __future__ import annotations

from webwarden.analysis.taint.not_text import text_read
from webwarden.analysis.taint.values import Label, Taint, Trace

OPENERS = frozenset({"open"})
"""Methods that open the file their receiver names or stands for."""


_KEPT_KINDS = (
    "<",
    "cls:",
    "ref:",
    "super:",
    # NOTE: objects whose content is the data they were made of (`ContentFile(text)`) ...
    "django.core.files.",
    "io.",
    "tempfile.",
    "werkzeug.",
    "starlette.",
    # ... or that name a URL, which the request's own server may answer.
    "fsspec.",
    "upath.",
    "smart_open.",
    "urlpath.",
    "urllib.",
    "urllib3.",
    "requests.",
    "httpx.",
    "aiohttp.",
)
"""Kinds of receivers whose `.open()` may give back the request's text."""


def opens_named_file(method: str, kind: str) -> bool:
    """Whether `receiver.method()` opens a file the receiver names: `open` of a pathlib
    path, or of an object of no known kind or one an unmodelled call made (a storage's
    file record), not of one whose content is what it was made of, or that names a URL."""
    if method not in OPENERS:
        return False
    return kind.startswith("pathlib.") or not kind.startswith(_KEPT_KINDS)


OPENED = "<opened>"
"""Marks a parameter's (or closure variable's) data that was opened: binding the call drops
the request text the caller passed there (see `opened_in_caller`)."""


def opened(receiver: Taint) -> Taint:
    """The receiver's data that opening it passes on: all but the request text, its
    symbols marked `OPENED` for each caller to drop its own."""
    result: dict[Label, Trace] = {}
    for label, trace in receiver.items():
        origin = label.origin
        if text_read(origin):
            continue
        if origin.kind != "source" and OPENED not in label.cleansed:
            label = Label(origin, label.cleansed | {OPENED})
        result.setdefault(label, trace)
    return result


def opened_in_caller(outer: Label) -> Label | None:
    """What a caller's label passed where the callee opened it becomes: nothing for
    request text, a symbol of the caller marked in turn, anything else as it was."""
    if text_read(outer.origin):
        return None
    if outer.origin.kind == "source" or OPENED in outer.cleansed:
        return outer
    return Label(outer.origin, outer.cleansed | {OPENED})
