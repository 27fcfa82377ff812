"""Each access and application log format, line by line, and detecting a file's format."""

from __future__ import annotations

import pytest

from webwarden.errors import ConfigError
from webwarden.logs.events import NOISE, EventKind, LogEvent, LoginOutcome
from webwarden.logs.formats import detect, make_parsers, parser_named
from webwarden.logs.formats.applog import AppLogParser
from webwarden.logs.formats.base import LineParser, split_request
from webwarden.logs.formats.clf import CombinedParser, RunserverParser, WerkzeugParser
from webwarden.logs.formats.gunicorn import DEFAULT_FORMAT, GunicornParser, compile_format
from webwarden.logs.formats.jsonl import JsonLinesParser
from webwarden.logs.formats.uwsgi import UwsgiParser

MAY_1_10H = 1714557600.0  # 2024-05-01 10:00:00 UTC


def _event(parser: object, line: str) -> LogEvent:
    event = parser.parse(line, "access.log", 7)  # type: ignore[attr-defined]
    assert isinstance(event, LogEvent), f"{line!r} gave {event!r}"
    assert (event.source, event.line, event.text) == ("access.log", 7, line)
    return event


def test_combined_line() -> None:
    event = _event(
        CombinedParser(),
        '203.0.113.7 - bob [01/May/2024:12:00:00 +0200] "POST /login/?next=/a HTTP/1.1" 302 0 '
        '"https://shop.example/" "Mozilla/5.0 (X11)"',
    )
    assert event.time == MAY_1_10H  # +0200: 12:00 local is 10:00 UTC
    assert (event.client, event.method, event.target) == ("203.0.113.7", "POST", "/login/?next=/a")
    assert (event.status, event.size, event.account) == (302, 0, "bob")
    assert (event.referrer, event.agent) == ("https://shop.example/", "Mozilla/5.0 (X11)")
    assert (event.path, event.display_path) == ("/login/", "/login/")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(
            '203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 -',
            ("GET", "/", None, None),
            id="common-format-unknown-size",
        ),
        pytest.param(
            '203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "x" "10.0.0.1" rt=0.1',
            ("GET", "/a", 5, "x"),
            id="nginx-extra-fields",
        ),
        pytest.param(
            '203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET /q?a=\\"b\\" HTTP/1.1" 200 5 "-" "say \\"hi\\""',
            ("GET", "/q?a=\\x22b\\x22", 5, "say \\x22hi\\x22"),
            id="apache-escaped-quotes",
        ),
        pytest.param(
            '203.0.113.7 - - [01/May/2024:10:00:00 +0000] "\\x16\\x03\\x01" 400 157 "-" "-"',
            (None, "\\x16\\x03\\x01", 157, "-"),
            id="garbage-request-line",
        ),
        pytest.param(
            '203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET /a b HTTP/1.0" 200 5 "-" "-"',
            ("GET", "/a b", 5, "-"),
            id="space-in-target",
        ),
        pytest.param(
            '203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET /no-protocol" 200 5 "-" "-"',
            ("GET", "/no-protocol", 5, "-"),
            id="http-0.9",
        ),
    ],
)
def test_combined_variants(line: str, expected: tuple[object, ...]) -> None:
    event = _event(CombinedParser(), line)
    assert (event.method, event.target, event.size, event.agent) == expected


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(
            '203.0.113.7 - - [01/May/2024:10:00:01 +0000] "GET /a?id=1%27%20OR', id="cut-in-request"
        ),
        pytest.param(
            '203.0.113.7 - - [01/Mai/2024:10:00:06 +0000] "GET / HTTP/1.1" 200 5', id="month"
        ),
        pytest.param(
            '203.0.113.7 - - [01/May/2024:25:00:00 +0000] "GET / HTTP/1.1" 200 5', id="hour"
        ),
        pytest.param(
            '203.0.113.7 - - [01/May/2024:10:00:00 0000] "GET / HTTP/1.1" 200 5', id="zone"
        ),
        pytest.param(
            '203.0.113.7 - - [01/May/2024 10:00:00] "GET / HTTP/1.1" 200 5', id="werkzeug-time"
        ),
        pytest.param("hello", id="text"),
    ],
)
def test_combined_malformed(line: str) -> None:
    assert CombinedParser().parse(line, "access.log", 1) is None


@pytest.mark.parametrize(
    ("parser", "line", "status"),
    [
        pytest.param(
            CombinedParser(),
            '203.0.113.7 - - [01/May/2024:10:00:01 +0000] "GET /a?id=1%27-- HTTP/1.1" 500',
            500,
            id="combined-before-size",
        ),
        pytest.param(
            CombinedParser(),
            '203.0.113.7 - - [01/May/2024:10:00:01 +0000] "GET /a?id=1%27-- HTTP/1.1" 2',
            None,
            id="combined-in-status",
        ),
        pytest.param(
            CombinedParser(),
            '203.0.113.7 - - [01/May/2024:10:00:01 +0000] "GET /a?id=1%27-- HTTP/1.1" ',
            None,
            id="combined-before-status",
        ),
        pytest.param(
            WerkzeugParser(),
            'INFO:werkzeug:203.0.113.7 - - [01/May/2024 10:00:01] "GET /a?id=1%27-- HTTP/1.1"',
            None,
            id="werkzeug-before-status",
        ),
    ],
)
def test_a_line_cut_after_its_request_is_a_partial_event(
    parser: LineParser, line: str, status: int | None
) -> None:
    event = _event(parser, line)
    assert (event.method, event.target, event.status, event.size, event.partial) == (
        "GET",
        "/a?id=1%27--",
        status,
        None,
        True,
    )


def test_app_records_in_a_werkzeug_console_take_the_last_request_lines_time() -> None:
    parser = WerkzeugParser()
    limited = "WARNI [flask-limiter] ratelimit 3 per 1 minute (127.0.0.1) exceeded at endpoint: x"
    assert parser.parse(limited, "console.log", 1) is NOISE  # no time yet
    request = 'INFO  [werkzeug] 127.0.0.1 - - [01/May/2024 10:00:00] "POST /a HTTP/1.1" 200 -'
    assert isinstance(parser.parse(request, "console.log", 2), LogEvent)
    event = parser.parse(limited, "console.log", 3)
    assert isinstance(event, LogEvent)
    assert (event.kind, event.security, event.client, event.time) == (
        EventKind.SECURITY,
        "ratelimit",
        "127.0.0.1",
        MAY_1_10H,
    )
    assert parser.parse("WARNI [app] Project demo created", "console.log", 4) is NOISE
    assert parser.parse(limited, "console.log", 1) is NOISE  # the file read again: no time


def test_werkzeug_lines_and_console_noise() -> None:
    parser = WerkzeugParser()
    event = _event(parser, '127.0.0.1 - - [01/May/2024 10:00:00] "GET /a?b=1 HTTP/1.1" 404 -')
    assert (event.time, event.client, event.target, event.status, event.size) == (
        MAY_1_10H,
        "127.0.0.1",
        "/a?b=1",
        404,
        None,
    )
    coloured = parser.parse(
        '127.0.0.1 - - [01/May/2024 10:00:00] "\x1b[33mGET / HTTP/1.1\x1b[0m" 404 -', "x", 1
    )
    assert isinstance(coloured, LogEvent)
    # Samples keep the line without the terminal colours.
    assert (coloured.target, coloured.text) == (
        "/",
        '127.0.0.1 - - [01/May/2024 10:00:00] "GET / HTTP/1.1" 404 -',
    )
    logged = 'INFO:werkzeug:127.0.0.1 - - [01/May/2024 10:00:00] "GET / HTTP/1.1" 200 -'
    assert _event(parser, logged).status == 200
    # Through alembic.ini's `generic` format, once Flask-Migrate ran at start-up.
    alembic = 'INFO  [werkzeug] 127.0.0.1 - - [01/May/2024 10:00:00] "GET /x HTTP/1.1" 404 -'
    assert _event(parser, alembic).target == "/x"
    # Werkzeug decodes the path it logs: a `%22` sent becomes a bare quote.
    decoded = '127.0.0.1 - - [01/May/2024 10:00:00] "GET /s?q="><img%20src%3Dx> HTTP/1.1" 303 -'
    assert _event(parser, decoded).target == '/s?q="><img%20src%3Dx>'
    assert parser.parse(" * Running on http://127.0.0.1:5000", "x", 1) is NOISE
    assert parser.parse('127.0.0.1 - - [01/May/2024 10:00] "GET /', "x", 1) is None
    assert (
        parser.parse('127.0.0.1 - - [32/May/2024 10:00:00] "GET / HTTP/1.1" 200 -', "x", 1) is None
    )


def test_runserver_lines() -> None:
    parser = RunserverParser()
    event = _event(parser, '[01/May/2024 10:00:00] "GET /admin/ HTTP/1.1" 302 0')
    assert (event.client, event.target, event.status, event.size) == (None, "/admin/", 302, 0)
    assert parser.parse("Watching for file changes with StatReloader", "x", 1) is NOISE
    assert parser.parse('[01/May/2024 10:00:00] "GET /', "x", 1) is None
    assert parser.parse('[01/May/2024 99:00:00] "GET / HTTP/1.1" 200 0', "x", 1) is None


def test_uwsgi_lines() -> None:
    parser = UwsgiParser()
    line = (
        "[pid: 3151|app: 0|req: 1/1] 203.0.113.5 (bob) {34 vars in 641 bytes} "
        "[Wed May  1 10:00:00 2024] POST /login/?x=1 => generated 12 bytes in 3 msecs "
        "(HTTP/1.1 401) 2 headers in 79 bytes (1 switches on core 0)"
    )
    event = _event(parser, line)
    assert (event.time, event.client, event.method, event.target) == (
        MAY_1_10H,
        "203.0.113.5",
        "POST",
        "/login/?x=1",
    )
    assert (event.status, event.size, event.account, event.agent) == (401, 12, "bob", None)
    assert parser.parse("*** Starting uWSGI 2.0.23 ***", "x", 1) is NOISE
    assert parser.parse("[pid: 1|app: 0|req: 1/1] broken", "x", 1) is None
    bad_time = line.replace("Wed May  1", "Wed Foo  1")
    assert parser.parse(bad_time, "x", 1) is None


def test_gunicorn_default_format_reads_combined_lines() -> None:
    parser = GunicornParser()
    assert parser.format == DEFAULT_FORMAT
    event = _event(
        parser,
        '203.0.113.5 - - [01/May/2024:10:00:00 +0000] "GET /a?b=1 HTTP/1.1" 200 12 "-" "curl/8"',
    )
    assert (event.client, event.target, event.agent, event.time) == (
        "203.0.113.5",
        "/a?b=1",
        "curl/8",
        MAY_1_10H,
    )


def test_gunicorn_custom_format_with_forwarded_client() -> None:
    parser = GunicornParser('%(t)s %({X-Forwarded-For}i)s %(m)s %(U)s %(q)s %(s)s %(D)s "%(a)s"')
    event = _event(
        parser,
        '[01/May/2024:10:00:00 +0000] 198.51.100.4, 10.0.0.1 POST /login next=/ 401 1234 "python-requests/2"',
    )
    assert (event.client, event.method, event.target, event.status) == (
        "198.51.100.4",
        "POST",
        "/login?next=/",
        401,
    )
    assert event.agent == "python-requests/2"
    # The leftmost value is the client's to write: the rightmost public one counts.
    spoofed = '[01/May/2024:10:00:00 +0000] 1.1.1.1, 198.51.100.4 POST /login - 401 1 "x"'
    assert _event(parser, spoofed).client == "198.51.100.4"
    assert parser.parse('[01/May/2024:10:00:00 +0000] - GET / - 200 1 "x"', "x", 1).client is None  # type: ignore[union-attr]
    assert parser.parse("nonsense", "x", 1) is None
    assert parser.parse('[bad] - GET / - 200 1 "x"', "x", 1) is None


def test_gunicorn_quoted_time_and_unquoted_last_agent() -> None:
    parser = GunicornParser('%(h)s "%(t)s" "%(r)s" %(s)s %(u)s %(a)s')
    event = _event(
        parser,
        '203.0.113.5 "2024-05-01T10:00:00+00:00" "GET / HTTP/1.1" 200 alice Mozilla/5.0 (X11)',
    )
    assert (event.time, event.account, event.agent) == (MAY_1_10H, "alice", "Mozilla/5.0 (X11)")


@pytest.mark.parametrize(
    ("fmt", "error"),
    [
        pytest.param("%(h)s %(Z)s", "unknown gunicorn atom `%\\(Z\\)s`", id="unknown-atom"),
        pytest.param("%(h)s %(s)s", "needs `%\\(t\\)s`", id="no-time"),
        pytest.param("%(t)s %(r)s %(s)s", "can hold spaces; quote it", id="unquoted-request"),
    ],
)
def test_gunicorn_format_errors(fmt: str, error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        compile_format(fmt)


def test_json_lines_requests_and_mapping() -> None:
    parser = JsonLinesParser()
    event = _event(
        parser,
        '{"time": "2024-05-01T10:00:00Z", "remote_addr": "203.0.113.7", "request": "GET /a?b=1 HTTP/1.1",'
        ' "status": 200, "body_bytes_sent": "512", "http_user_agent": "curl/8", "remote_user": "-"}',
    )
    assert (event.time, event.client, event.method, event.target) == (
        MAY_1_10H,
        "203.0.113.7",
        "GET",
        "/a?b=1",
    )
    assert (event.status, event.size, event.agent, event.account) == (200, 512, "curl/8", None)
    mapped = JsonLinesParser(
        {"client": "req.ip", "path": "req.path", "query": "req.qs", "time": "ts"}
    )
    event = _event(
        mapped,
        '{"ts": 1714557600000, "req": {"ip": "198.51.100.1", "path": "/s", "qs": "q=1"}, "status": "404", "user": "eve"}',
    )
    assert (event.time, event.client, event.target, event.status, event.account) == (
        MAY_1_10H,
        "198.51.100.1",
        "/s?q=1",
        404,
        "eve",
    )


def test_json_lines_application_records() -> None:
    parser = JsonLinesParser()
    event = _event(
        parser,
        '{"timestamp": 1714557600, "event": "login failed", "user": "bob", "ip": "192.0.2.1"}',
    )
    assert (event.kind, event.login, event.account, event.client) == (
        EventKind.LOGIN,
        LoginOutcome.FAILED,
        "bob",
        "192.0.2.1",
    )
    event = _event(
        parser,
        '{"time": "2024-05-01T10:00:00Z", "logger": "django.security.csrf", "message": "Forbidden"}',
    )
    assert (event.kind, event.security) == (EventKind.SECURITY, "csrf")


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("not json", id="text"),
        pytest.param("{broken", id="broken"),
        pytest.param('{"a": 1', id="cut"),
        pytest.param("[1, 2]", id="array"),
        pytest.param('{"status": 200, "path": "/"}', id="no-time"),
        pytest.param('{"time": true, "path": "/", "status": 200}', id="bool-time"),
        pytest.param(
            '{"time": "2024-05-01T10:00:00Z", "status": 200}', id="neither-request-nor-message"
        ),
        pytest.param(
            '{"time": "2024-05-01T10:00:00Z", "path": {"a": 1}, "status": 200}', id="object-path"
        ),
    ],
)
def test_json_lines_malformed(line: str) -> None:
    assert JsonLinesParser().parse(line, "x", 1) is None


def test_split_request() -> None:
    assert split_request("GET /a HTTP/1.1") == ("GET", "/a")
    assert split_request("-") == (None, "-")
    assert split_request("get /a HTTP/1.1") == (None, "get /a HTTP/1.1")


def test_detection_picks_the_parser_that_reads_most_lines() -> None:
    parsers = make_parsers()
    combined = [(1, '203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "x"')]
    werkzeug = [(1, '127.0.0.1 - - [01/May/2024 10:00:00] "GET / HTTP/1.1" 200 -')]
    app = [(1, "2024-05-01 10:00:00,000 INFO myshop hello")]
    json = [(1, '{"time": 1714557600, "path": "/", "status": 200}')]
    assert detect(combined, parsers).name == "combined"  # type: ignore[union-attr]
    assert detect(werkzeug, parsers).name == "werkzeug"  # type: ignore[union-attr]
    assert detect(app, parsers).name == "app"  # type: ignore[union-attr]
    assert detect(json, parsers).name == "json"  # type: ignore[union-attr]
    assert detect([(1, "hello")], parsers) is None
    with_gunicorn = make_parsers('%(h)s %(t)s "%(r)s" %(s)s')
    assert with_gunicorn[0].name == "gunicorn"
    assert parser_named("gunicorn", parsers).name == "gunicorn"
    assert parser_named("uwsgi", parsers).name == "uwsgi"


def test_app_log_formats() -> None:
    parser = AppLogParser()
    flask = _event(
        parser,
        "[2024-05-01 10:00:00,500] WARNING in auth: Failed login for user 'bob' from 203.0.113.9",
    )
    assert (flask.time, flask.login, flask.account, flask.client) == (
        MAY_1_10H + 0.5,
        LoginOutcome.FAILED,
        "bob",
        "203.0.113.9",
    )
    verbose = _event(
        parser,
        "WARNING 2024-05-01 10:00:00,000 views 12 34 Login failed: username=alice ip=198.51.100.7",
    )
    assert (verbose.account, verbose.client) == ("alice", "198.51.100.7")
    gunicorn_error = _event(
        parser, "[2024-05-01 10:00:00 +0000] [1234] [INFO] Booting worker with pid: 1234"
    )
    assert (gunicorn_error.kind, gunicorn_error.time) == (EventKind.OTHER, MAY_1_10H)
    assert parser.parse("Traceback (most recent call last):", "x", 1) is NOISE
    # Django's default console format: a record, but with no time to place it by.
    assert parser.parse("Forbidden (CSRF cookie not set.): /admin/login/", "x", 1) is None
    assert parser.parse("Not Found: /.env", "x", 1) is None
    assert parser.parse("2024-13-45 10:00:00 nonsense", "x", 1) is NOISE


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        # nginx's `main` format behind a load balancer: the address the proxy added.
        pytest.param("10.0.1.10", "84.23.29.7", "84.23.29.7", id="behind-a-proxy"),
        # The client wrote its own first value; the proxy appended the real one.
        pytest.param("10.0.1.10", "1.1.1.1, 45.155.205.17", "45.155.205.17", id="spoofed"),
        pytest.param("10.0.1.10", "45.155.205.17, 10.0.2.3", "45.155.205.17", id="two-proxies"),
        # A public connecting address is the client itself, whatever the header says.
        pytest.param("203.0.113.9", "1.1.1.1", "203.0.113.9", id="no-proxy"),
        pytest.param("10.0.1.10", "-", "10.0.1.10", id="no-header"),
    ],
)
def test_the_client_behind_a_proxy(remote: str, forwarded: str, client: str) -> None:
    line = (
        f'{remote} - - [01/May/2024:10:00:00 +0000] "POST /login HTTP/1.1" 401 12 "-" '
        f'"Mozilla/5.0" "{forwarded}"'
    )
    assert _event(CombinedParser(), line).client == client


@pytest.mark.parametrize(
    "prefix",
    [
        pytest.param("2024-05-01T10:00:00.123456789Z stdout F ", id="cri"),
        pytest.param("2024-05-01T10:00:00.123456789Z ", id="kubectl-timestamps"),
        pytest.param("2024-05-01T10:00:00.000000+00:00 web1 nginx[812]: ", id="rsyslog-iso"),
        pytest.param("May  1 10:00:00 web1 nginx[812]: ", id="syslog"),
    ],
)
def test_combined_lines_behind_a_collectors_prefix_are_read(prefix: str) -> None:
    line = '203.0.113.5 - - [01/May/2024:10:00:00 +0000] "GET /?q=1 HTTP/1.1" 200 12 "-" "curl/8"'
    parser = detect([(1, prefix + line), (2, prefix + line)], make_parsers())
    assert parser is not None
    assert parser.name == "combined"
    event = _event(parser, prefix + line)
    assert (event.client, event.target, event.status) == ("203.0.113.5", "/?q=1", 200)
