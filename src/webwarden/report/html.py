"""A self-contained HTML report: one file, no network, filterable in the browser.

The page embeds the JSON report (the same v1 document) and renders it with a small
script that inserts every value as text, never as markup: messages and snippets come
from the audited code and could carry HTML. A Content-Security-Policy allows only that
script (by hash) and inline styles.
"""

from __future__ import annotations

import base64
import hashlib
import json
from importlib import resources
from string import Template
from typing import TextIO

from webwarden.report.interface import ReportData, Reporter
from webwarden.report.json import report_to_dict


def _asset(name: str) -> str:
    return resources.files("webwarden.report").joinpath("templates", name).read_text("utf-8")


def _embed(document: object) -> str:
    """JSON safe inside a `<script>` element: no `<`, `>` or `&` can end or alter it."""
    text = json.dumps(document, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class HtmlReporter(Reporter):
    """One standalone HTML page with filters by severity, practice and text."""

    format_name = "html"

    def render(self, data: ReportData, stream: TextIO) -> None:
        """Write the page."""
        script = _asset("report.js")
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        page = Template(_asset("report.html")).substitute(
            data=_embed(report_to_dict(data)), script=script, script_hash=digest
        )
        stream.write(page)
