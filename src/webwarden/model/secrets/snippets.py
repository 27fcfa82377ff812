"""Source lines with their secrets masked, for findings' snippets."""

from __future__ import annotations

from webwarden.analysis.secrets import find_credential_urls, find_tokens
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


def mask_known(text: str) -> str:
    """`text` with credential formats and URL passwords replaced by `****`."""
    for token in sorted(find_tokens(text), key=lambda t: t.start, reverse=True):
        text = text[: token.start] + MASK + text[token.end :]
    for url in sorted(find_credential_urls(text), key=lambda u: u.start, reverse=True):
        text = text[: url.password_start] + MASK + text[url.password_end :]
    return text


def _quote(literal: str) -> tuple[str, str]:
    """The string prefix (`b`, `rb`) and quote of a literal's source text."""
    stripped = literal.lstrip("rRbBuUfF")
    for quote in ('"""', "'''", '"', "'"):
        if stripped.startswith(quote):
            return literal[: len(literal) - len(stripped)], quote
    return "", '"'
