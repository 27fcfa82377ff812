"""Read a probe recording written as plain HTTP text (rule docs examples and fixtures).

```
@unvisited: 3                       # record notes, before the first request (optional)
GET https://shop.example/           # a request line: METHOD absolute-URL
Origin: https://elsewhere.example   # request headers webwarden sent (optional)
@tls-error: certificate has expired # exchange notes: @tls-error, @tls-expires, @truncated
                                    # a blank line, then the response
HTTP/1.1 200 OK
Content-Type: text/html

<html>...                           # the body runs to the next request line or the end
```
A request whose notes say `@failed: <reason>` has no response. `#` starts a comment on
request-side lines, and a block of `#` lines after a blank line right before a request
line is a comment too (bodies may hold `#` lines of their own).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from webwarden.errors import ProbeError
from webwarden.probe.exchange import Exchange, Failure, ProbeRecord, TlsInfo

_REQUEST = re.compile(r"^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (https?://\S+)\s*$")
_STATUS = re.compile(r"^HTTP/\d(?:\.\d)? (\d{3})(?: (.*))?$")


def _drop_comment_blocks(lines: list[str]) -> list[str]:
    """Remove `#` lines that stand between a blank line and a request line."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and lines[end].startswith("#"):
            end += 1
        after_blank = index == 0 or not lines[index - 1]
        if end > index and after_blank and (end == len(lines) or _REQUEST.match(lines[end])):
            index = end
            continue
        kept.append(lines[index])
        index += 1
    return kept


def _split_exchanges(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """Record-level lines, then one list of lines per request."""
    lines = _drop_comment_blocks(lines)
    head: list[str] = []
    blocks: list[list[str]] = []
    for index, line in enumerate(lines):
        starts = _REQUEST.match(line) and (index == 0 or not blocks or not lines[index - 1])
        if starts:
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
        else:
            head.append(line)
    return head, blocks


def _notes(lines: list[str], where: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    headers: list[tuple[str, str]] = []
    notes: dict[str, str] = {}
    for line in lines:
        text = line.split("#", 1)[0].strip() if line.lstrip().startswith(("#", "@")) else line
        if not text.strip():
            continue
        name, colon, value = text.partition(":")
        if not colon:
            raise ProbeError(f"{where}: expected `Name: value`, got {line!r}")
        if name.startswith("@"):
            notes[name[1:].strip().lower()] = value.strip()
        else:
            headers.append((name.strip(), value.strip()))
    return headers, notes


def _tls(url: str, notes: dict[str, str]) -> TlsInfo | None:
    if not url.startswith("https://"):
        return None
    expires = notes.get("tls-expires")
    not_after = None
    if expires:
        not_after = datetime.fromisoformat(expires)
        if not_after.tzinfo is None:
            not_after = not_after.replace(tzinfo=UTC)
    error = notes.get("tls-error", "")
    return TlsInfo(verified=not error, error=error, version="TLSv1.3", not_after=not_after)


def _exchange(block: list[str], record: ProbeRecord) -> None:
    match = _REQUEST.match(block[0])
    assert match is not None  # noqa: S101 - _split_exchanges only starts blocks on requests
    method, url = match.groups()
    rest = block[1:]
    end = rest.index("") if "" in rest else len(rest)
    request_headers, notes = _notes(rest[:end], url)
    if "failed" in notes:
        record.failures.append(Failure(method, url, notes["failed"]))
        return
    response = rest[end + 1 :]
    status = _STATUS.match(response[0]) if response else None
    if status is None:
        raise ProbeError(f"{url}: expected a status line like `HTTP/1.1 200 OK` after a blank line")
    body_at = response.index("") if "" in response else len(response)
    headers, _ = _notes(response[1:body_at], url)
    body = "\n".join(response[body_at + 1 :]).strip("\n")
    record.exchanges.append(
        Exchange(
            method=method,
            url=url,
            status=int(status.group(1)),
            reason=status.group(2) or "",
            headers=tuple(headers),
            body=body,
            truncated=notes.get("truncated", "").lower() in {"yes", "true"},
            request_headers=tuple(request_headers),
            tls=_tls(url, notes),
        )
    )


def parse_transcript(text: str) -> ProbeRecord:
    """The `ProbeRecord` a transcript describes; `ProbeError` names what is malformed."""
    head, blocks = _split_exchanges(text.splitlines())
    if not blocks:
        raise ProbeError("transcript has no request line like `GET https://example.com/`")
    target = blocks[0][0].split()[1]
    record = ProbeRecord(target=target)
    _, notes = _notes(head, "transcript")
    for block in blocks:
        _exchange(block, record)
    record.unvisited = int(notes.get("unvisited", "0"))
    if "off-origin" in notes:
        source, _, destination = notes["off-origin"].partition(" -> ")
        record.off_origin.append((source.strip(), destination.strip()))
    record.disallowed = notes["disallowed"].split() if "disallowed" in notes else []
    return record
