"""Whether the project's own JavaScript sends the CSRF token with every request a script
library makes (WW640).

Django's documentation hands the token to scripts this way: a static file reads the
`csrftoken` cookie and sets the `X-CSRFToken` header once for every request jQuery,
axios or htmx sends (`$.ajaxSetup({headers: {"X-CSRFToken": getCookie("csrftoken")}})`).
Forms such a project leaves without a token are posted by its scripts, with the header;
Flask-WTF's `CSRFProtect` reads the same header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from webwarden.discover.files import SourceFile
from webwarden.parse import read_text

_GLOBAL_HOOK = re.compile(
    r"\bajaxSetup\s*\(|\bajaxPrefilter\s*\(|\.ajaxSend\s*\(|\baxios\.defaults\b"
    r"|htmx:configRequest"
)
"""A set-up that applies to every request the library sends, not to one call."""
_TOKEN_HEADER = re.compile(r"""["'](?:X-CSRF-?Token|X-XSRF-Token)["']""", re.IGNORECASE)
"""The name of a header Django (`CSRF_HEADER_NAME`'s default) or Flask-WTF reads the
token from, quoted as the script writes it."""
_VENDORED = re.compile(
    r"(?:^|/)(?:vendor|vendors|thirdparty|third_party|third-party|bower_components|dist)/"
)
"""Folders of libraries copied into the tree: their set-ups are not the project's."""
_TESTS = re.compile(r"(?:^|/)(?:tests?|spec|__tests__)/")
_MAX_SIZE = 256 * 1024
_WINDOW = 600
"""How far after the set-up's start the header's name may stand: inside the set-up
(Django's recipe sets it in the `beforeSend` its `ajaxSetup` is given), not in some
other request of the file."""


def csrf_header_script(root: Path, files: Iterable[SourceFile]) -> str:
    """The relpath of the first of the project's own scripts (`.js`, not minified, not in
    a folder of copied libraries) that sets a CSRF token header for every request a
    library sends; "" when none does."""
    for file in files:
        relpath = file.relpath
        if not relpath.endswith(".js") or relpath.endswith(".min.js"):
            continue
        if file.size > _MAX_SIZE or _VENDORED.search(relpath) or _TESTS.search(relpath):
            continue
        text = read_text(root / relpath, _MAX_SIZE, lenient=True)
        if not isinstance(text, str):
            continue
        if any(
            _TOKEN_HEADER.search(text, hook.start(), _set_up_end(text, hook))
            for hook in _GLOBAL_HOOK.finditer(text)
        ):
            return relpath
    return ""


def _set_up_end(text: str, hook: re.Match[str]) -> int:
    """Where the set-up `hook` starts ends: the parenthesis closing its call
    (`$(document).ajaxSend(function (event, xhr, settings) {...})`, Django's older recipe,
    defines its cookie and origin helpers inside the handler, before the header), or
    `_WINDOW` characters on for a set-up that is no call (`axios.defaults...`) or whose
    call does not close."""
    if not hook.group().endswith("("):
        return hook.end() + _WINDOW
    closed = _closing_paren(text, hook.end())
    return hook.end() + _WINDOW if closed is None else closed


_SCANNED = re.compile(
    r"""[()]|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`|//[^\n]*|/\*.*?\*/""",
    re.DOTALL,
)
"""What matters to find a call's end: its parentheses, and the strings and comments
whose parentheses do not count."""


def _closing_paren(text: str, start: int) -> int | None:
    """The offset of the `)` closing the parenthesis opened just before `start`."""
    depth = 1
    for token in _SCANNED.finditer(text, start):
        if token.group() == "(":
            depth += 1
        elif token.group() == ")":
            depth -= 1
            if depth == 0:
                return token.start()
    return None
