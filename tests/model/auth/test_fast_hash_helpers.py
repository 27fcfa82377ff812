"""Functions returning a fast hash of a parameter, and calls handing a function a password."""

from __future__ import annotations

import textwrap

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.fast_hash_helpers import fast_hash_helpers, password_calls
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source


def _context(source: str) -> FileContext:
    parsed = parse_source(textwrap.dedent(source), "app/util.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    return make_context("app/util.py", parsed, plan)


def test_helpers_hashing_a_parameter() -> None:
    ctx = _context(
        """
        import hashlib

        def make_md5(s):
            return hashlib.md5(s.encode("utf-8")).hexdigest()

        def tagged(kind, value):
            return hashlib.sha1(value.strip().encode()).digest()

        def hash_password(password):
            return hashlib.sha256(password.encode()).hexdigest()

        def slow(s, salt):
            return hashlib.pbkdf2_hmac("sha256", s.encode(), salt, 600000).hex()

        def constant(s):
            return hashlib.md5(b"fixed").hexdigest()
        """
    )
    found = {(h.function, h.position, h.param, h.algorithm) for h in fast_hash_helpers(ctx)}
    assert found == {("make_md5", 0, "s", "md5"), ("tagged", 1, "value", "sha1")}


def test_calls_given_a_password() -> None:
    ctx = _context(
        """
        from app import util

        util.make_md5(password)
        digest(value=form.new_password.data)
        util.make_md5(filename)
        hashlib.md5(password.encode())
        """
    )
    found = {(c.callee, c.given_as, c.password) for c in password_calls(ctx)}
    assert found == {("app.util.make_md5", "0", "password"), ("digest", "value", "new_password")}
