"""Packages and names that show login throttling, multi-factor authentication or password
strength checks in use, and the calls that show a password hashed."""

from __future__ import annotations

import ast

from webwarden.analysis.secrets import is_password_name

RATE_LIMITERS: dict[str, str] = {
    "flask_limiter": "Flask-Limiter",
    "axes": "django-axes",
    "django_ratelimit": "django-ratelimit",
    "ratelimit": "django-ratelimit",
    "defender": "django-defender",
    "rest_framework.throttling": "DRF throttling",
    "allauth": "django-allauth (built-in login rate limits)",
    "slowapi": "SlowAPI",
    "limits": "limits",
    "flask_security": "Flask-Security (login tracking)",
}
"""Module (or Django app label / dotted path prefix) -> what it is."""

MFA: dict[str, str] = {
    "django_otp": "django-otp",
    "two_factor": "django-two-factor-auth",
    "maykin_2fa": "maykin-2fa (django-two-factor-auth for the admin)",
    "allauth.mfa": "django-allauth MFA",
    "pyotp": "PyOTP",
    "otpauth": "otpauth",
    "webauthn": "py_webauthn",
    "fido2": "python-fido2",
    "duo_universal": "Duo",
    "trench": "django-trench",
    "django_rest_mfa": "django-rest-mfa (TOTP and FIDO2 for REST framework logins)",
    "mfa": "django-mfa2",
    "otp_yubikey": "django-otp-yubikey",
    "flask_security.two_factor": "Flask-Security two-factor",
    "flask_security.webauthn": "Flask-Security WebAuthn",
    "passlib.totp": "passlib TOTP",
}
STRENGTH_CHECKERS: dict[str, str] = {
    "zxcvbn": "zxcvbn",
    "password_strength": "password_strength",
}
"""Libraries that estimate or enforce a password's strength: a project calling one outside
its tests rejects weak passwords itself (a form field's validator), whatever
`AUTH_PASSWORD_VALIDATORS` holds."""
THROTTLE_NAMES = frozenset(
    {"throttle_classes", "DEFAULT_THROTTLE_CLASSES", "DEFAULT_THROTTLE_RATES", "RATELIMIT_ENABLE"}
)
DRF_THROTTLE_NAMES = frozenset(
    {"throttle_classes", "DEFAULT_THROTTLE_CLASSES", "DEFAULT_THROTTLE_RATES"}
)
"""The names of `THROTTLE_NAMES` that are Django REST framework's (not django-ratelimit's
`RATELIMIT_ENABLE`)."""
MFA_SETTINGS = frozenset({"SECURITY_TWO_FACTOR", "SECURITY_WEBAUTHN", "SECURITY_TOTP_SECRETS"})
HASHING_METHODS = frozenset(
    {"generate_password_hash", "hashpw", "make_password", "set_password", "hash_password"}
    | {"pbkdf2_hmac", "scrypt", "hash_secret", "encrypt_password"}
)
"""Call names (any receiver) that hash a password for storage."""


def callee_name(node: ast.expr | None) -> str:
    """The name a call's callee ends with (`hashpw` for `bcrypt.hashpw(...)`); "" for
    anything but a call of a name or attribute."""
    if isinstance(node, ast.Call):
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return ""


def calls_hashing(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the function calls something that hashes or encrypts (`hashing_name`)."""
    return any(
        isinstance(node, ast.Call) and hashing_name(callee_name(node))
        for node in ast.walk(function)
    )


def hashes_password(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the function hashes a password: a call that hashes (`hashing_name`) given
    something named like one (`make_password(password)`, `user.set_password(new_pass)`,
    `attrs["password"] = make_password(attrs["password"])`) or a local bound to such a
    value (`pw = password.strip()`), or given nothing, hashing a member
    (`self.hash_password()`). A hash of something else (`make_password(api_key)`)
    beside a password stored as given is no hash of it."""
    calls = [
        node
        for node in ast.walk(function)
        if isinstance(node, ast.Call) and hashing_name(callee_name(node))
    ]
    if not calls:
        return False
    bound = {
        target.id
        for node in ast.walk(function)
        if isinstance(node, ast.Assign) and _names_password([node.value], frozenset())
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    return any(
        not (call.args or call.keywords)
        or _names_password([*call.args, *(k.value for k in call.keywords)], bound)
        for call in calls
    )


def _names_password(given: list[ast.expr], bound: set[str] | frozenset[str]) -> bool:
    """Whether the expressions name a password (a name, attribute or key so named) or
    read one of the `bound` locals."""
    for node in (inner for expr in given for inner in ast.walk(expr)):
        if isinstance(node, ast.Name):
            name = node.id
            if name in bound:
                return True
        elif isinstance(node, ast.Attribute):
            name = node.attr
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            name = node.value
        else:
            continue
        if is_password_name(name):
            return True
    return False


def hashing_name(called: str) -> bool:
    """Whether a callee's name says it hashes or encrypts: a name of `HASHING_METHODS`,
    or one holding `hash` or `crypt` (not `decrypt`: `fernet.decrypt(...)` gives the
    text back)."""
    lowered = called.lower()
    crypts = "crypt" in lowered and "decrypt" not in lowered
    return called in HASHING_METHODS or "hash" in lowered or crypts


HASHING_OBJECTS = frozenset(
    {"passlib.context.CryptContext", "argon2.PasswordHasher", "passlib.hash", "bcrypt"}
)


def matches(name: str, table: dict[str, str]) -> str | None:
    """The table key `name` is, or lies under (`axes.middleware.AxesMiddleware` -> `axes`)."""
    if name.split(".", 1)[0] not in _FIRST_SEGMENTS:
        return None
    for key in _BY_LENGTH[id(table)]:
        if name == key or name.startswith(key + "."):
            return key if key in table else None
    return None


_FIRST_SEGMENTS = frozenset(
    key.split(".", 1)[0] for key in (*RATE_LIMITERS, *MFA, *STRENGTH_CHECKERS)
)
_BY_LENGTH = {
    id(t): sorted(t, key=len, reverse=True) for t in (RATE_LIMITERS, MFA, STRENGTH_CHECKERS)
}
