"""gunicorn access logs written with a custom `access_log_format`.

The format string (`'%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'` by
default) is compiled into a regular expression once: quoted atoms match `[^"]*`, the
others a run of non-blanks, so the pattern stays linear on hostile input.
"""

from __future__ import annotations

import re

from webwarden.errors import ConfigError
from webwarden.logs.events import LogEvent, Noise
from webwarden.logs.formats.base import LineParser, forwarded_client, size_of, split_request
from webwarden.logs.timeparse import clf_time, iso_time

DEFAULT_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'
_ATOM = re.compile(r"(%\((?:\{[^}]{1,64}\}[ioe]|\w)\)s)")
_FIELDS = {
    "h": "client",
    "u": "user",
    "t": "time",
    "r": "request",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "b": "size",
    "B": "size",
    "f": "referrer",
    "a": "agent",
    "{x-forwarded-for}i": "forwarded",
}
_KNOWN = set(_FIELDS) | set("lHTMDLp")
_MAY_HOLD_SPACES = {"r", "f", "a"}


def _atom_pattern(atom: str, quoted: bool, last: bool, fmt: str) -> str:
    if atom == "t":
        return r"\[([^\]]{1,64})\]" if not quoted else r"([^\"]{1,64})"
    if quoted:
        return r'([^"]*)'
    if atom == "s":
        return r"(\d{3})"
    if atom.lower() == "{x-forwarded-for}i":
        # NOTE: each repetition starts with a comma the inner class excludes: unambiguous.
        return r"([^\s,]+(?:, ?[^\s,]+){0,16})"
    if atom in _MAY_HOLD_SPACES or atom.endswith("}i"):
        if last:
            return r"(.*)"
        raise ConfigError(
            f"`logs.access-log-format`: `%({atom})s` can hold spaces; quote it in {fmt!r}"
        )
    return r"(\S*)"


def compile_format(fmt: str) -> tuple[re.Pattern[str], dict[str, int]]:
    """The regex for a gunicorn `access_log_format` and the group number of each field."""
    parts = _ATOM.split(fmt)
    pattern, groups = "", dict[str, int]()
    for index, part in enumerate(parts):
        if index % 2 == 0:
            pattern += re.escape(part)
            continue
        atom = part[2:-2]
        if atom not in _KNOWN and not atom.startswith("{"):
            raise ConfigError(f"`logs.access-log-format`: unknown gunicorn atom `{part}`")
        before, after = parts[index - 1], parts[index + 1] if index + 1 < len(parts) else ""
        quoted = before.endswith('"') and after.startswith('"')
        last = index == len(parts) - 2 and not after
        pattern += _atom_pattern(atom, quoted, last, fmt)
        field = _FIELDS.get(atom.lower() if atom.startswith("{") else atom)
        groups.setdefault(field or f"_{index}", (index + 1) // 2)
    if "time" not in groups or not {"request", "path"} & set(groups):
        raise ConfigError(
            "`logs.access-log-format` needs `%(t)s` and `%(r)s` (or `%(U)s`) to be monitored"
        )
    return re.compile(pattern), groups


class GunicornParser(LineParser):
    """gunicorn access lines in the configured `access_log_format`."""

    name = "gunicorn"

    def __init__(self, fmt: str = DEFAULT_FORMAT) -> None:
        self.format = fmt
        self.pattern, self.groups = compile_format(fmt)

    def _field(self, match: re.Match[str], field: str) -> str | None:
        group = self.groups.get(field)
        return match.group(group) if group is not None else None

    def parse(self, text: str, source: str, number: int) -> LogEvent | Noise | None:
        """A request in the configured format."""
        match = self.pattern.match(text)
        if match is None:
            return None
        field = self._field
        stamp = field(match, "time") or ""
        time = clf_time(stamp) or iso_time(stamp)
        status = field(match, "status")
        if time is None or (status is not None and not status.isdigit()):
            return None
        request = field(match, "request")
        if request is not None:
            method, target = split_request(request)
        else:
            method = field(match, "method")
            query = field(match, "query")
            target = (field(match, "path") or "") + (f"?{query}" if query else "")
        forwarded = field(match, "forwarded")
        client = field(match, "client")
        if forwarded and forwarded != "-":
            # NOTE: gunicorn behind a proxy logs the proxy's address, or none: the client
            # is the rightmost public address the header names, not its spoofable first.
            client = forwarded_client(
                client if client not in (None, "-") else "127.0.0.1", forwarded
            )
        user = field(match, "user")
        return LogEvent(
            source,
            number,
            text,
            time,
            client=client,
            method=method,
            target=target,
            status=int(status) if status else None,
            size=size_of(field(match, "size")),
            agent=field(match, "agent"),
            referrer=field(match, "referrer"),
            account=None if user in (None, "-") else user,
        )
