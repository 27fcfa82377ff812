"""The HTML report: well-formed, escaped, and filterable in a real headless Chromium."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.report.test_reports import _data
from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.report.html import HtmlReporter

HOSTILE = '</script><script>window.pwned = 1</script><img src=x onerror="window.pwned=2">'


def _page(tmp_path: Path, hostile: bool = False) -> Path:
    data = _data()
    if hostile:
        data.findings.append(
            Finding(
                code="WW1103",
                name="eval-non-constant",
                severity=Severity.CRITICAL,
                confidence=Confidence.HIGH,
                message=f"`eval()` evaluates {HOSTILE}",
                location=Location("evil/<b>path</b>.py", 1, 1),
                practice=Practice.AUDITING,
                snippet=HOSTILE,
                fingerprint="x",
            )
        )
    stream = io.StringIO()
    HtmlReporter().render(data, stream)
    page = tmp_path / "report.html"
    page.write_text(stream.getvalue(), encoding="utf-8")
    return page


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.data: list[str] = []
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))
            self._in_data = dict(attrs).get("id") == "data"

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_data = False


def test_page_embeds_the_json_report_safely(tmp_path: Path) -> None:
    text = _page(tmp_path, hostile=True).read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(text)
    assert len(parser.scripts) == 2, "the hostile snippet added no script element"
    document = json.loads("".join(parser.data))
    assert document["summary"]["findings"] == 4
    assert HOSTILE in {f["snippet"] for f in document["findings"]}
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", text)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = os.environ.get("WEBWARDEN_CHROMIUM") or shutil.which("chromium")
    if executable is None:
        reason = "Chromium not installed (apt-get install chromium)"
        if os.environ.get("WEBWARDEN_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


@pytest.mark.browser
def test_filters_in_chromium(browser: Any, tmp_path: Path) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(_page(tmp_path).as_uri())
    visible = "article.finding:not([hidden])"
    assert page.locator(visible).count() == 3
    assert page.text_content("#shown") == "3 of 3 shown"
    assert "3 findings (0 critical, 1 high, 0 medium, 2 low)" in page.text_content("#summary")
    page.uncheck("input[value=low]")
    assert page.locator(visible).count() == 1
    assert page.locator("section.file:not([hidden]) h2").all_text_contents() == ["app/views.py"]
    page.check("input[value=low]")
    page.fill("#search", "mktemp")
    assert page.locator(visible).count() == 1
    page.fill("#search", "")
    page.select_option("#practice", "tool")
    assert page.locator(visible).count() == 1
    flow = page.locator("details summary")
    assert flow.text_content() == "data flow (2 steps)"
    assert page.get_attribute("a.code >> nth=0", "href").endswith("docs/rules/WW1101.md")
    assert errors == []


@pytest.mark.browser
def test_hostile_findings_stay_text_in_chromium(browser: Any, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(_page(tmp_path, hostile=True).as_uri())
    assert page.evaluate("window.pwned === undefined")
    assert page.locator("img").count() == 0
    assert HOSTILE in page.locator("pre.snippet").all_text_contents()
    assert page.locator("section.file h2").all_text_contents()[0] == "app/views.py"
