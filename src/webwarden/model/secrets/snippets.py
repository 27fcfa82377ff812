"""Source lines with their secrets masked, for findings' snippets."""

from __future__ import annotations

import re

from webwarden.analysis.secrets import (
    credential_kind,
    find_credential_urls,
    find_tokens,
    is_placeholder,
    mask,
)
from webwarden.analysis.secrets.mask import MASK


def masked_line(line: str, spans: list[tuple[int, int, str]]) -> str:
    """`line` with each 0-based `(start, end, masked)` span (a string literal, quotes
    included) replaced by the literal `masked`, and any credential format or URL password
    left on it masked too (a secret the extractor did not report is still not printed)."""
    unique = {(start, end): masked for start, end, masked in reversed(spans)}
    for (start, end), masked in sorted(unique.items(), reverse=True):
        literal = line[start:end]
        prefix, quote = _quote(literal)
        line = line[:start] + f"{prefix}{quote}{masked}{quote}" + line[end:]
    return mask_known(line)


_QUOTED_VALUE = re.compile(
    r"""(?P<name>[A-Za-z_][A-Za-z0-9_]*)["']?\]?\s*[=:]\s*[\[(]?\s*[bBrRuU]{0,2}"""
    r"""(?P<quote>["'])(?P<value>[^"'\n]{4,})(?P=quote)"""
)
_CONDITIONAL_VALUE = re.compile(
    r"""(?P<name>[A-Za-z_][A-Za-z0-9_]*)["']?\]?\s*=\s*[^\n]*?\belse\s+[bBrRuU]{0,2}"""
    r"""(?P<quote>["'])(?P<value>[^"'\n]{4,})(?P=quote)"""
)
"""`SECRET_KEY = env("SECRET_KEY") if ON_SERVER else "..."`: the value after `else`."""
_LOOKUP_DEFAULT = re.compile(
    r"""\(\s*["'](?P<name>[A-Za-z_][A-Za-z0-9_]*)["']\s*,\s*(?:default\s*=\s*)?"""
    r"""[bBrRuU]{0,2}(?P<quote>["'])(?P<value>[^"'\n]{4,})(?P=quote)"""
)


_DSN_KEYS = r"(?:host|hostaddr|dbname|user|port|sslmode|connect_timeout|application_name)"
_DSN_PASSWORD = re.compile(
    rf"\b{_DSN_KEYS}=[^\s,'\"]+\s+(?:password|passwd)=(?P<value>[^\s'\"]+)"
    rf"|\b(?:password|passwd)=(?P<first>[^\s,'\"]+)\s+{_DSN_KEYS}="
)
"""The password of a libpq keyword DSN (`host=db user=shop password=...`): keys parted by
spaces, never commas, unlike a call's keyword arguments."""


def mask_known(text: str) -> str:
    """`text` with credential formats, URL passwords and quoted values of credential-named
    names (`password="..."`, `"api_key": "..."`, `config["SECRET_KEY"] = "..."`,
    `getenv("API_TOKEN", "...")`) masked."""
    found = [
        *_QUOTED_VALUE.finditer(text),
        *_CONDITIONAL_VALUE.finditer(text),
        *_LOOKUP_DEFAULT.finditer(text),
    ]
    matches = {match.start("value"): match for match in found}
    for _, match in sorted(matches.items(), reverse=True):
        value = match.group("value")
        if credential_kind(match.group("name")) and not is_placeholder(value):
            text = text[: match.start("value")] + mask(value) + text[match.end("value") :]
    for token in sorted(find_tokens(text), key=lambda t: t.start, reverse=True):
        text = text[: token.start] + MASK + text[token.end :]
    for match in reversed(list(_DSN_PASSWORD.finditer(text))):
        group = "value" if match.group("value") is not None else "first"
        value = match.group(group)
        if not is_placeholder(value) and MASK not in value:
            text = text[: match.start(group)] + mask(value) + text[match.end(group) :]
    urls = find_credential_urls(text, placeholders=True)
    for url in sorted(urls, key=lambda u: u.start, reverse=True):
        text = text[: url.password_start] + MASK + text[url.password_end :]
    return text


def _quote(literal: str) -> tuple[str, str]:
    """The string prefix (`b`, `rb`) and quote of a literal's source text."""
    stripped = literal.lstrip("rRbBuUfF")
    for quote in ('"""', "'''", '"', "'"):
        if stripped.startswith(quote):
            return literal[: len(literal) - len(stripped)], quote
    return "", '"'
