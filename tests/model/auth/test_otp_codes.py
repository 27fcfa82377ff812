"""One-time codes a module computes itself."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.otp_codes import computes_otp
from webwarden.parse.python import ParsedPython, parse_source

_HOTP = """
import hmac, hashlib, struct

def code(key, counter):
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 15
    number = struct.unpack(">L", digest[offset:offset + 4])[0] {mask}
    return number {reduce}
"""


@pytest.mark.parametrize(
    ("mask", "reduce", "expected"),
    [
        pytest.param("& 0x7FFFFFFF", "% 1000000", True, id="six-digits"),
        pytest.param("& 0x7FFFFFFF", "% 10 ** digits", True, id="digits-as-a-power"),
        pytest.param("", "% 1000000", False, id="no-truncation-mask"),
        pytest.param("& 0x7FFFFFFF", "% 97", False, id="not-a-power-of-ten"),
    ],
)
def test_rfc_4226_truncation(mask: str, reduce: str, expected: bool) -> None:
    source = textwrap.dedent(_HOTP.format(mask=mask, reduce=reduce))
    parsed = parse_source(source, "accounts/otp.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    assert computes_otp(make_context("accounts/otp.py", parsed, plan)) is expected
