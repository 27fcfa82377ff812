"""Well-known credential formats: cloud and SaaS tokens, private keys, JWTs.

Each format is a regular expression precise enough to stand on its own (a prefix the
issuer reserved, a fixed length, a checkable structure), so a match is a credential
whatever name it is assigned to. Documentation examples (AWS's `AKIAIOSFODNN7EXAMPLE`,
`xxxx` fillers) are dropped by `find_tokens`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from webwarden.analysis.secrets.values import base64_json, is_placeholder


@dataclass(frozen=True, slots=True)
class TokenFormat:
    """One credential format."""

    kind: str
    """What it is, for messages: `an AWS access key ID`."""
    pattern: re.Pattern[str]
    needle: re.Pattern[str] | None = None
    """What every match has `offset` characters after its start (its fixed prefix): a
    pattern that starts with a look-behind is only tried where its needle is, which the
    regex engine finds by scanning for literal text (see `matches`)."""
    offset: int = 0

    def matches(self, text: str) -> Iterator[re.Match[str]]:
        """What `pattern.finditer(text)` finds, the same matches in the same order."""
        if self.needle is None:
            yield from self.pattern.finditer(text)
            return
        position = self.offset
        while (found := self.needle.search(text, position)) is not None:
            start = found.start() - self.offset
            match = self.pattern.match(text, start) if start >= 0 else None
            if match is None:
                position = found.start() + 1
                continue
            yield match
            # NOTE: past the match, as `finditer` goes on (its end is past the needle's start).
            position = match.end() + self.offset


@dataclass(frozen=True, slots=True)
class TokenMatch:
    """A credential found in a text: its kind and its span."""

    kind: str
    start: int
    end: int
    value: str


# NOTE: boundaries use look-arounds instead of \b so that `_` and `-` inside tokens
# do not split them, and a token glued to other word characters is not reported.
_B = r"(?<![A-Za-z0-9_])"
_E = r"(?![A-Za-z0-9_])"
FORMATS: tuple[TokenFormat, ...] = (
    TokenFormat(
        "an AWS access key ID",
        re.compile(_B + r"(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}" + _E),
        needle=re.compile(r"AKIA|ASIA|ABIA|ACCA|A3T"),
    ),
    TokenFormat(
        "a GitHub token",
        re.compile(_B + r"(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_\w{82})" + _E),
        needle=re.compile(r"gh[pousr]_|github_pat_"),
    ),
    TokenFormat(
        "a GitLab token",
        re.compile(_B + r"gl(?:pat|ptt|dt|rt)-[A-Za-z0-9_\-]{20,}(?![\w-])"),
        needle=re.compile(r"gl(?:pat|ptt|dt|rt)-"),
    ),
    TokenFormat(
        "a Slack token",
        re.compile(_B + r"xox[abposr]-(?:[0-9]+-)+[A-Za-z0-9]+(?![\w-])"),
        needle=re.compile(r"xox[abposr]-"),
    ),
    TokenFormat(
        "a Slack webhook URL",
        re.compile(
            r"https://hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]+"
        ),
    ),
    TokenFormat(
        "a Stripe live key",
        re.compile(_B + r"(?:sk|rk)_live_[0-9A-Za-z]{24,}" + _E),
        needle=re.compile(r"[sr]k_live_"),
    ),
    TokenFormat(
        "a Twilio API key",
        re.compile(_B + r"SK[0-9a-f]{32}" + _E),
        needle=re.compile(r"SK[0-9a-f]"),
    ),
    TokenFormat(
        "a SendGrid API key",
        re.compile(_B + r"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}(?![\w-])"),
        needle=re.compile(r"SG\."),
    ),
    TokenFormat(
        "a Google API key",
        re.compile(_B + r"AIza[0-9A-Za-z_\-]{35}(?![\w-])"),
        needle=re.compile(r"AIza"),
    ),
    TokenFormat(
        "a PyPI upload token",
        re.compile(_B + r"pypi-AgE[A-Za-z0-9_\-]{70,}"),
        needle=re.compile(r"pypi-AgE"),
    ),
    TokenFormat(
        "an npm token", re.compile(_B + r"npm_[A-Za-z0-9]{36}" + _E), needle=re.compile(r"npm_")
    ),
    TokenFormat(
        "an OpenAI API key",
        re.compile(_B + r"sk-(?:proj-)?[A-Za-z0-9_\-]*T3BlbkFJ[A-Za-z0-9_\-]{20,}"),
        needle=re.compile(r"sk-"),
    ),
    TokenFormat(
        "a Mailchimp API key",
        re.compile(_B + r"[0-9a-f]{32}-us[0-9]{1,2}" + _E),
        needle=re.compile(r"-us[0-9]"),
        offset=32,
    ),
    TokenFormat(
        "a private key",
        re.compile(
            r"-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |SSH2 ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----"
        ),
    ),
    TokenFormat(
        "a JSON Web Token",
        re.compile(
            _B + r"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{16,}(?![\w-])"
        ),
        needle=re.compile(r"eyJ"),
    ),
)
_QUICK = re.compile(
    r"AKIA|ASIA|ABIA|ACCA|A3T|gh[pousr]_|github_pat_|gl(?:pat|ptt|dt|rt)-|xox|hooks\.slack|_live_"
    r"|SK[0-9a-f]|SG\.|AIza|pypi-|npm_|T3BlbkFJ|-us[0-9]|PRIVATE KEY|eyJ"
)


_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{40,}")


def _has_key_body(text: str, end: int) -> bool:
    """A private key block has base64 content after its header; a header alone is code
    that looks for one (`line.startswith("-----BEGIN RSA PRIVATE KEY-----")`)."""
    return _BASE64_RUN.search(text, end, end + 400) is not None


_KEY_BLOCK_END = re.compile(r"(?:[A-Za-z0-9+/=\s,:-]|\\n){0,20000}?-----END [A-Z0-9 ]{1,40}-----")
"""The rest of a key block up to its footer: base64 lines, `Proc-Type: 4,ENCRYPTED`
headers, `\\n` escapes (bounded: a footer further on belongs to no key of this size)."""
_KEY_BODY = re.compile(r"(?:[A-Za-z0-9+/=]|\\n|\s)*")


def _key_block_end(text: str, header_end: int) -> int:
    """Where the private key block whose header ends at `header_end` ends: past its
    `-----END ... -----` footer, or else past the base64 body (lines of it, or `\\n`
    escapes in a one-line literal). The whole block is the secret: a snippet that masks
    only the header still shows the key."""
    footer = _KEY_BLOCK_END.match(text, header_end)
    if footer is not None:
        return footer.end()
    body = _KEY_BODY.match(text, header_end)
    end = body.end() if body is not None else header_end
    return len(text[:end].rstrip())


def _jwt_part(token: str, index: int) -> object:
    """The JSON document of the token's header (0) or claims (1), None if not one."""
    return base64_json(token.split(".")[index])


def _jwt_header_ok(token: str) -> bool:
    document = _jwt_part(token, 0)
    return isinstance(document, dict) and ("alg" in document or "typ" in document)


_JWT_IO_ISSUED = 1516239022
"""The `iat` of jwt.io's sample token (`{"sub": "1234567890", "name": "John Doe", "iat":
1516239022}`), which its debugger signs with a key anyone can read: copied into
documentation, tests and sample data, and edited from there, it opens nothing."""


def _jwt_documented(token: str) -> bool:
    claims = _jwt_part(token, 1)
    return isinstance(claims, dict) and claims.get("iat") == _JWT_IO_ISSUED


def jwt_issuer(token: str) -> str | None:
    """The `iss` claim of a JSON Web Token ("" when it names none, None when `token` is
    not one)."""
    if token.count(".") != 2:
        return None
    claims = _jwt_part(token, 1)
    if not isinstance(claims, dict):
        return None
    issuer = claims.get("iss")
    return issuer if isinstance(issuer, str) else ""


def find_tokens(text: str) -> Iterator[TokenMatch]:
    """Every well-known credential in `text`, placeholders left out."""
    if not _QUICK.search(text):
        return
    for token_format in FORMATS:
        for match in token_format.matches(text):
            value = match.group(0)
            if token_format.kind == "a JSON Web Token" and (
                not _jwt_header_ok(value) or _jwt_documented(value)
            ):
                continue
            end = match.end()
            if token_format.kind == "a private key":
                if not _has_key_body(text, end):
                    continue
                end = _key_block_end(text, end)
                value = text[match.start() : end]
            elif is_placeholder(value):
                continue
            yield TokenMatch(token_format.kind, match.start(), end, value)


def first_token(text: str) -> TokenMatch | None:
    """The first well-known credential in `text`, if any."""
    return min(find_tokens(text), key=lambda m: m.start, default=None)
