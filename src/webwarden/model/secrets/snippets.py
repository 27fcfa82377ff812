"""Source lines with their secrets masked, for findings' snippets."""

from __future__ import annotations

import re
from collections.abc import Sequence

from webwarden.analysis.secrets import (
    credential_kind,
    find_credential_urls,
    find_tokens,
    is_placeholder,
    mask,
)
from webwarden.analysis.secrets.mask import MASK
from webwarden.analysis.secrets.signing import names_signing_secret


def masked_line(
    line: str, spans: Sequence[tuple[int, int, str]], bare: Sequence[tuple[int, int, str]] = ()
) -> str:
    """`line` with each 0-based `(start, end, masked)` span (a string literal, quotes
    included) replaced by the literal `masked`, each `bare` span (a secret inside a
    literal written over several lines) by `masked` alone, and any credential format or
    URL password left on it masked too (a secret the extractor did not report is still
    not printed)."""
    unique = {(start, end): (masked, True) for start, end, masked in reversed(spans)}
    unique.update({(start, end): (masked, False) for start, end, masked in bare})
    for (start, end), (masked, quoted) in sorted(unique.items(), reverse=True):
        if quoted:
            prefix, quote = _quote(line[start:end])
            masked = f"{prefix}{quote}{masked}{quote}"
        line = line[:start] + masked + line[end:]
    return mask_known(line)


# NOTE: a name is tried from the start of its run of word characters only (digits before
# it skipped): tried from every letter, a long run (a base64 blob on a minified line) was
# read to its end once per letter.
_NAME = r"(?<![A-Za-z0-9_])[0-9]*(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
_QUOTED_VALUE = re.compile(
    _NAME + r"""["']?\]?\s*[=:]\s*[\[(]?\s*[bBrRuU]{0,2}"""
    r"""(?P<quote>["'])(?P<value>[^"'\n]{4,})(?P=quote)"""
)
_CALLED_VALUE = re.compile(
    _NAME + r"""\s*=\s*[A-Za-z_][\w.]*\(\s*[bBrRuU]{0,2}"""
    r"""(?P<quote>["'])(?P<value>(?![A-Z][A-Z0-9_]*["'])[^"'\n]{4,})(?P=quote)"""
    r"""(?=\s*(?:\)|,\s*environ_))"""
)
"""`SECRET_KEY = values.Value("...")`, `password = SecretStr("...")`: the one value a
call is handed (django-configurations' options aside); not the first of several, which
may name a variable (`getenv("SECRET_KEY", ...)`) or label a field, nor the name of a
variable alone (`os.environ.get("API_TOKEN")`)."""
_CONDITIONAL_VALUE = re.compile(
    _NAME + r"""["']?\]?\s*=\s*[^\n]*?\belse\s+[bBrRuU]{0,2}"""
    r"""(?P<quote>["'])(?P<value>[^"'\n]{4,})(?P=quote)"""
)
"""`SECRET_KEY = env("SECRET_KEY") if ON_SERVER else "..."`: the value after `else`."""
_ELSE_VALUE = re.compile(r"""\belse\s+[bBrRuU]{0,2}(["'])[^"'\n]{4,}\1""")
_LONG_TEXT = 10_000
"""Characters of a text above which `_conditional_values` reads it line by line."""
_LOOKUP_DEFAULT = re.compile(
    r"""\(\s*(?:["'][\w.-]*["']\s*,\s*)?["'](?P<name>[A-Za-z_][A-Za-z0-9_]*)["']\s*,\s*"""
    r"""(?:(?:default|fallback)\s*=\s*)?"""
    r"""[bBrRuU]{0,2}(?P<quote>["'])(?P<value>[^"'\n]{4,})(?P=quote)"""
)
"""`getenv("API_TOKEN", "...")`: a lookup's default named by its variable; also an INI
option's fallback named by the option, after the section the parser itself is handed
(`parser.get("flask", "secret_key", fallback="...")`)."""

_ASSIGNED_LOOKUP_DEFAULT = re.compile(
    _NAME + r"""["']?\]?\s*=\s*[A-Za-z_][\w.]*\(\s*[bBrRuU]{0,2}["'][A-Za-z_]\w*["']\s*,"""
    r"""\s*(?:default\s*=\s*)?[bBrRuU]{0,2}(?P<quote>["'])(?P<value>[^"'\n]{4,})(?P=quote)"""
    r"""(?=\s*\))"""
)
"""`SECRET_KEY = os.environ.get("DJANGO_KEY", "...")`: a lookup's default, named by the
setting it is assigned to when the variable's name says nothing of a credential; the
call's last argument only (`parser.get("flask", "secret_key", fallback=...)` names an
option second)."""


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
    found = [*_QUOTED_VALUE.finditer(text), *_LOOKUP_DEFAULT.finditer(text)]
    found += _CALLED_VALUE.finditer(text)
    found += _ASSIGNED_LOOKUP_DEFAULT.finditer(text)
    if "else" in text:
        found += _conditional_values(text)
    matches: dict[int, re.Match[str]] = {}
    for match in found:
        # NOTE: a value two patterns name (the variable and the setting) is masked when
        # either name is a credential's.
        start = match.start("value")
        if start not in matches or _names_secret(match.group("name")):
            matches[start] = match
    for _, match in sorted(matches.items(), reverse=True):
        value = match.group("value")
        if _names_secret(match.group("name")) and not is_placeholder(value):
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


def _names_secret(name: str) -> bool:
    """A credential's name, or a setting's named for a key the app signs with
    (`SALT_EMAIL`, `EXPORT_TOKEN_KEY`: `names_signing_secret`)."""
    return credential_kind(name) is not None or names_signing_secret(name)


def _conditional_values(text: str) -> list[re.Match[str]]:
    """`_CONDITIONAL_VALUE`'s matches. On a long text, each line is searched only up to
    its last `else "..."`: a `name =` after it would be read to the line's end for one,
    once per `=`, which on a minified line of megabytes never ends."""
    if len(text) < _LONG_TEXT:
        return list(_CONDITIONAL_VALUE.finditer(text))
    found: list[re.Match[str]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if "else" in line:
            last = None
            for last in _ELSE_VALUE.finditer(text, start, end):  # noqa: B007 - the last one
                pass
            if last is not None:
                found += _CONDITIONAL_VALUE.finditer(text, start, last.end())
        start = end + 1
    return found


def _quote(literal: str) -> tuple[str, str]:
    """The string prefix (`b`, `rb`) and quote of a literal's source text."""
    stripped = literal.lstrip("rRbBuUfF")
    for quote in ('"""', "'''", '"', "'"):
        if stripped.startswith(quote):
            return literal[: len(literal) - len(stripped)], quote
    return "", '"'
