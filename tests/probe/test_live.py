"""The probe against real Flask and Django apps and misbehaving servers on 127.0.0.1.

Each case serves an app from tests/live_apps/ in a subprocess (TLS from trustme where
HTTPS matters), probes it through the command line, and compares every finding with
`expected/<case>.expected` (ports and cookie dates normalised). `--update-expected`
rewrites them; read every line before committing.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.live_apps.harness import LiveServer, TlsFiles, serve

pytestmark = pytest.mark.live
EXPECTED = Path(__file__).parent / "expected"
FAST = ["--rate", "1000", "--timeout", "3", "--format", "json", "--exit-zero"]


def findings_text(stdout: str, server: LiveServer) -> str:
    """The findings of a JSON report, one block each, with ports and dates normalised."""
    lines = []
    for finding in json.loads(stdout)["findings"]:
        lines.append(
            f"{finding['location']['path']} {finding['code']} {finding['name']}: {finding['message']}"
        )
        lines.extend(f"    | {line}" for line in finding["snippet"].splitlines())
    text = "\n".join(lines) + ("\n" if lines else "")
    text = text.replace(f":{server.port}/", ":{port}/")
    if server.twin_port is not None:
        text = text.replace(f":{server.twin_port}/", ":{twin}/")
    text = re.sub(r"Werkzeug/[\d.]+ Python/[\d.]+", "Werkzeug/<version> Python/<version>", text)
    return re.sub(r"Expires=[^;\n]*", "Expires=<date>", text)


def compare(case: str, text: str, update_expected: bool) -> None:
    expected = EXPECTED / f"{case}.expected"
    if update_expected:
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("case", "app", "https", "options"),
    [
        pytest.param("flask-insecure", "flask_insecure", False, ["--active"], id="flask-insecure"),
        pytest.param("flask-hardened", "flask_hardened", True, ["--active"], id="flask-hardened"),
        pytest.param(
            "django-insecure", "django_insecure", False, ["--active"], id="django-insecure"
        ),
        pytest.param(
            "django-hardened", "django_hardened", True, ["--active"], id="django-hardened"
        ),
        pytest.param("flask-passive", "flask_insecure", False, [], id="flask-insecure-passive"),
        pytest.param("flask-budget", "flask_insecure", False, ["--budget", "6"], id="flask-budget"),
    ],
)
def test_probe_finds_exactly(
    case: str,
    app: str,
    https: bool,
    options: list[str],
    tmp_path: Path,
    tls: TlsFiles,
    update_expected: bool,
) -> None:
    (tmp_path / ".env").write_text("SECRET_KEY=live-test-only\n", encoding="utf-8")
    with serve(app, tmp_path, tls=tls if https else None, twin=https) as server:
        extra = ["--ca-bundle", str(tls.ca), "--http-port", str(server.twin_port)] if https else []
        result = run_cli(["probe", server.url, *FAST, *extra, *options])
        assert result.status == 0, result.stderr
        compare(case, findings_text(result.stdout, server), update_expected)
        log = server.log.read_text()
    assert "/logout" not in log, "the probe followed a logout link"
    assert "POST /account/delete" not in log, "the active check posted a deletion"
    assert "elsewhere.example" not in log


def test_untrusted_certificate_is_a_finding_and_the_rest_is_judged(
    tmp_path: Path, tls: TlsFiles, update_expected: bool
) -> None:
    with serve("flask_hardened", tmp_path, tls=tls, twin=True) as server:
        result = run_cli(["probe", server.url, *FAST, "--http-port", str(server.twin_port)])
        compare("flask-hardened-untrusted", findings_text(result.stdout, server), update_expected)


@pytest.mark.parametrize(
    ("app", "error"),
    [
        pytest.param(
            "misbehaving_silent", "no answer within 1 s (read timeout)", id="never-answers"
        ),
        pytest.param("misbehaving_broken_headers", "invalid HTTP response", id="broken-headers"),
        pytest.param(
            "misbehaving_slow_headers", "no complete answer within 3 s", id="headers-trickle"
        ),
    ],
)
def test_target_without_an_answer_is_one_clear_error(app: str, error: str, tmp_path: Path) -> None:
    with serve(app, tmp_path) as server:
        started = time.monotonic()
        result = run_cli(["probe", server.url, "--timeout", "1", "--rate", "1000"])
        elapsed = time.monotonic() - started
    assert result.status == 2
    assert result.stderr.startswith(f"webwarden: error: {server.url}: ")
    assert error in result.stderr
    assert result.stderr.count("\n") == 1
    assert elapsed < 9, "two requests of 3 s each at most (robots.txt, then the start page)"


def test_redirect_loop_is_reported(tmp_path: Path, update_expected: bool) -> None:
    with serve("misbehaving_redirect_loop", tmp_path) as server:
        result = run_cli(["probe", server.url, *FAST])
        compare("redirect-loop", findings_text(result.stdout, server), update_expected)


def test_huge_body_is_cut_at_the_cap(tmp_path: Path, update_expected: bool) -> None:
    with serve("misbehaving_huge", tmp_path) as server:
        started = time.monotonic()
        result = run_cli(["probe", server.url, *FAST, "--max-body", "65536"])
        elapsed = time.monotonic() - started
        compare("huge-body", findings_text(result.stdout, server), update_expected)
    assert elapsed < 10, "50 MB must not be downloaded"


def test_unreachable_target(tmp_path: Path) -> None:
    with serve("misbehaving_silent", tmp_path) as server:
        port = server.port
    result = run_cli(["probe", f"http://127.0.0.1:{port}/", "--timeout", "1"])
    assert result.status == 2
    assert "cannot connect" in result.stderr
