"""HTTP method names written as members of the standard library's `http.HTTPMethod`."""

from __future__ import annotations

_ENUM = "http.HTTPMethod."
_METHODS = frozenset({"CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"})
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
"""Methods that change nothing and carry no body a form posts."""


def enum_method(qualified: str | None) -> str | None:
    """`http.HTTPMethod.POST` -> `"POST"`: a member of that `StrEnum` (Python 3.11) equals
    its name, so `methods=[HTTPMethod.POST]` is `methods=["POST"]`; None for other names."""
    if qualified is None or not qualified.startswith(_ENUM):
        return None
    member = qualified.removeprefix(_ENUM)
    return member if member in _METHODS else None


def named_method(qualified: str) -> str | None:
    """`common.const.http.POST` -> `"POST"`: a constant named for the method it holds
    (Jumpserver's actions give `methods=[POST]`), `http.HTTPMethod.POST` among them; None
    for other names."""
    member = qualified.rpartition(".")[2]
    return member if member in _METHODS else None
