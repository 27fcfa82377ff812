"""The `alg` of a token's own unverified header, followed to the value a decode is given."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source
from webwarden.rules.auth._jwt_header import header_alg_trail

_HELPERS = """\
import jwt

def header_and_claims(raw):
    return parse(raw)

def key_and_alg(raw, keys):
    header = jwt.get_unverified_header(raw)
    return keys[header["kid"]], header["alg"]

class Provider:
    def material(self, raw):
        return KEY, jwt.get_unverified_header(raw)["alg"]

    def check(self, token, other, keys):
{body}
        use(token, algorithms)
"""


def _trail(body: str) -> list[str] | None:
    text = _HELPERS.format(body=textwrap.indent(textwrap.dedent(body), " " * 8))
    parsed = parse_source(text, "app/auth.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/auth.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    use = next(
        node
        for node in ast.walk(ctx.tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "use"
    )
    trail = header_alg_trail(ctx, use.args[1], use.args[0])
    return None if trail is None else [ast.unparse(part) for part in trail]


@pytest.mark.parametrize(
    ("body", "last"),
    [
        pytest.param(
            'algorithms = [jwt.get_unverified_header(token)["alg"]]',
            "jwt.get_unverified_header(token)['alg']",
            id="library-reader",
        ),
        pytest.param(
            'header = header_and_claims(token)[0]\nalgorithms = header.get("alg")',
            "header.get('alg')",
            id="helper-named-for-the-header",
        ),
        pytest.param(
            'hdr, claims = parse(token)\nalgorithms = [hdr["alg"]]',
            "hdr['alg']",
            id="unpacked-into-a-name-for-the-header",
        ),
        pytest.param(
            "key, alg = key_and_alg(token, keys)\nalgorithms = [alg]",
            "header['alg']",
            id="returned-by-a-function",
        ),
        pytest.param(
            "key, alg = self.material(token)\nalgorithms = [alg]",
            "jwt.get_unverified_header(raw)['alg']",
            id="returned-by-a-method",
        ),
    ],
)
def test_followed(body: str, last: str) -> None:
    trail = _trail(body)
    assert trail is not None
    assert trail[-1] == last


@pytest.mark.parametrize(
    "body",
    [
        pytest.param('algorithms = [jwt.get_unverified_header(other)["alg"]]', id="other-token"),
        pytest.param(
            "key, alg = key_and_alg(other, keys)\nalgorithms = [alg]", id="other-token-returned"
        ),
        pytest.param('claims = parse(token)\nalgorithms = [claims["alg"]]', id="not-a-header"),
        pytest.param(
            'header = jwt.get_unverified_header(token)\nalgorithms = [BY_KID[header["kid"]]]',
            id="server-mapping",
        ),
        pytest.param(
            "key, alg = key_and_alg(token, keys)\nalgorithms = [key]", id="other-item-returned"
        ),
    ],
)
def test_not_followed(body: str) -> None:
    assert _trail(body) is None
