"""Library functions that turn a variable's text into a value, evaluated on a known text.

Settings often convert what the environment gives with a library function rather than a
helper of their own: `DEBUG = strtobool(os.environ.get("DEBUG", "yes"))`,
`SECURE_SSL_REDIRECT = json.loads(os.getenv("SSL_REDIRECT", "false"))`, `ALLOWED_HOSTS =
ast.literal_eval(os.getenv("HOSTS", "['*']"))`. On the default's text each gives what the
library gives; a text the library rejects (start-up fails) or one too long to read here
gives nothing known. Only the text is read: these are parsers of data, nothing of the
audited code runs.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable

from webwarden.analysis.constants import NOT_HANDLED, UNKNOWN

_MAX_TEXT = 2000
"""Longer texts are not converted (a default is a word or a short list)."""

_STRTOBOOL = {
    **dict.fromkeys(("y", "yes", "t", "true", "on", "1"), 1),
    **dict.fromkeys(("n", "no", "f", "false", "off", "0"), 0),
}
"""`distutils.util.strtobool`: 1 or 0 (an int), ValueError for other words."""
_STR2BOOL = {
    **dict.fromkeys(("yes", "true", "t", "y", "1"), True),
    **dict.fromkeys(("no", "false", "f", "n", "0"), False),
}
"""The `str2bool` package's `str2bool`: None for other words (unless told to raise)."""


def _strtobool(text: str) -> object:
    return _STRTOBOOL.get(text.lower(), UNKNOWN)


def _str2bool(text: str) -> object:
    return _STR2BOOL.get(text.lower())


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return UNKNOWN


def _literal(text: str) -> object:
    try:
        return ast.literal_eval(text)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return UNKNOWN


TEXT_CONVERSIONS: dict[str, Callable[[str], object]] = {
    "distutils.util.strtobool": _strtobool,
    "setuptools._distutils.util.strtobool": _strtobool,
    "str2bool.str2bool": _str2bool,
    "json.loads": _json,
    "ast.literal_eval": _literal,
}
"""Qualified name -> what the function returns for a text."""


def converted(name: str | None, call: ast.Call, value: Callable[[ast.expr], object]) -> object:
    """What `call` of one of `TEXT_CONVERSIONS` gives, its one argument evaluated by
    `value` (which sees any environment lookup in it); `NOT_HANDLED` when `call` is not
    such a conversion, `UNKNOWN` when its text is not known."""
    convert = TEXT_CONVERSIONS.get(name or "")
    if convert is None or len(call.args) != 1 or call.keywords:
        return NOT_HANDLED
    if isinstance(call.args[0], ast.Starred):
        return UNKNOWN
    text = value(call.args[0])
    if not isinstance(text, str) or len(text) > _MAX_TEXT:
        return UNKNOWN
    return convert(text)
