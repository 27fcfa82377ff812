"""itsdangerous' serializers, whose `loads()` answers only what the server signed."""

from __future__ import annotations

_SERIALIZERS = frozenset(
    {
        "Serializer",
        "URLSafeSerializer",
        "TimedSerializer",
        "URLSafeTimedSerializer",
        "JSONWebSignatureSerializer",
        "TimedJSONWebSignatureSerializer",
    }
)
"""The classes whose `loads(value)` checks the signature (and, for the timed ones, the
age) before it deserialises, raising `BadSignature` otherwise; not `loads_unsafe()`."""


def signed_loads(kind: str) -> bool:
    """Whether an object of `kind` is an itsdangerous serializer (imported from the
    package or from the module defining it: `itsdangerous.url_safe.URLSafeSerializer`)."""
    package, _, name = kind.rpartition(".")
    return name in _SERIALIZERS and (
        package == "itsdangerous" or package.startswith("itsdangerous.")
    )
