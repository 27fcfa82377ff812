"""JSON lines: one JSON object per line (nginx `escape=json`, structlog, python-json-logger).

Fields are found under common names (`remote_addr`, `status`, `@timestamp`, ...) or
under the dotted paths `[tool.webwarden.logs] json-fields` maps them to. A record with a
request target and a status is a request; one with only a message is an application
record and is classified like a line of an application log.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from webwarden.logs.appevents import app_event
from webwarden.logs.events import LogEvent, Noise
from webwarden.logs.formats.base import LineParser, split_request
from webwarden.logs.timeparse import epoch_time

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "time": ("time", "timestamp", "@timestamp", "ts", "time_local", "time_iso8601", "asctime"),
    "client": ("remote_addr", "client_ip", "clientip", "client", "ip", "remote_ip", "h"),
    "method": ("method", "request_method", "verb", "m"),
    "path": ("request_uri", "uri", "url", "path", "request_path", "U"),
    "query": ("query_string", "query", "args", "q"),
    "request": ("request", "r"),
    "status": ("status", "status_code", "response_status", "s"),
    "size": ("body_bytes_sent", "bytes_sent", "bytes", "size", "response_size", "b"),
    "user-agent": ("http_user_agent", "user_agent", "useragent", "agent", "ua", "a"),
    "referrer": ("http_referer", "referer", "referrer", "f"),
    "user": ("user", "username", "remote_user", "account"),
    "message": ("message", "msg", "event"),
    "logger": ("logger", "logger_name", "name"),
}
"""Our field -> the JSON keys tried, in order; `json-fields` replaces one field's list."""


def _lookup(record: Mapping[str, Any], dotted: str) -> Any:
    value: Any = record
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)


class JsonLinesParser(LineParser):
    """JSON objects, one per line, with a configurable field mapping."""

    name = "json"

    def __init__(self, fields: Mapping[str, str] | None = None) -> None:
        self.fields = dict(DEFAULT_FIELDS)
        for field, key in (fields or {}).items():
            self.fields[field] = (key,)

    def _get(self, record: Mapping[str, Any], field: str) -> Any:
        for key in self.fields[field]:
            value = record.get(key) if "." not in key else _lookup(record, key)
            if value is not None and value != "":
                return value
        return None

    def parse(self, text: str, source: str, number: int) -> LogEvent | Noise | None:
        """A request or an application record; `None` if not an object with a time."""
        if not text.startswith("{"):
            return None
        try:
            record = json.loads(text)
        except ValueError:
            return None
        if not isinstance(record, dict):
            return None
        get = self._get
        time = epoch_time(get(record, "time"))
        if time is None:
            return None
        target, method = _text(get(record, "path")), _text(get(record, "method"))
        if target is None and (request := _text(get(record, "request"))) is not None:
            method, target = split_request(request)
        status = _text(get(record, "status"))
        if target is None or status is None or not status.isdigit():
            message = _text(get(record, "message"))
            if message is None:
                return None
            event = app_event(source, number, text, time, _text(get(record, "logger")), message)
            event.client = event.client or _text(get(record, "client"))
            event.account = event.account or _text(get(record, "user"))
            return event
        query = _text(get(record, "query"))
        if query and "?" not in target:
            target = f"{target}?{query}"
        size = _text(get(record, "size"))
        user = _text(get(record, "user"))
        return LogEvent(
            source,
            number,
            text,
            time,
            client=_text(get(record, "client")),
            method=method,
            target=target,
            status=int(status),
            size=int(size) if size and size.isdigit() else None,
            agent=_text(get(record, "user-agent")),
            referrer=_text(get(record, "referrer")),
            account=None if user in (None, "-") else user,
        )
