"""Taint findings through the engine and the reports: supersession, flows in every format."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from tests.helpers import audit, run_cli

APP = """\
import subprocess
import pickle
from flask import Flask, request

app = Flask(__name__)

@app.route("/run")
def run():
    host = request.args["host"]
    subprocess.run(f"ping {host}", shell=True)
    subprocess.run(f"ping {HOST}", shell=True)
    return pickle.loads(request.get_data())

HOST = "example.com"
"""


def write(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    return tmp_path


def test_taint_findings_replace_the_pattern_findings_on_the_same_call(tmp_path: Path) -> None:
    root = write(tmp_path)
    found = audit([root], root, select=["WW1101", "WW1105", "WW1110", "WW1120"])
    assert [(f.location.line, f.code) for f in found] == [
        (10, "WW1105"),
        (12, "WW1110"),
    ]
    # NOTE: line 11 builds a command from a constant the evaluator resolves, so WW1101 is
    # silent there too; alone, the pattern rules keep reporting line 10 and 12.
    alone = audit([root], root, select=["WW1101", "WW1120"])
    assert [(f.location.line, f.code) for f in alone] == [(10, "WW1101"), (12, "WW1120")]


FORMAT_HTML = """\
from django.http import HttpResponse
from django.utils.html import format_html


def greet(request):
    name = request.GET.get("name", "")
    return HttpResponse(format_html(f"<p>Hello {name}</p>"))


def label(item):
    return format_html(f"<b>{item.title}</b>")
"""


def test_request_data_in_a_format_html_format_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "views.py").write_text(FORMAT_HTML, encoding="utf-8")
    found = audit([tmp_path], tmp_path, select=["WW543", "WW545"])
    assert [(f.location.line, f.code) for f in found] == [(7, "WW543"), (11, "WW545")]
    alone = audit([tmp_path], tmp_path, select=["WW545"])
    assert [(f.location.line, f.code) for f in alone] == [(7, "WW545"), (11, "WW545")]


MARK_SAFE = """\
from django.http import HttpResponse
from django.utils.safestring import mark_safe


def greet(request):
    name = request.GET.get("name", "")
    return HttpResponse(mark_safe(f"<p>Hello {name.title()}</p>"))


def label(item):
    return mark_safe(f"<b>{item.title}</b>")
"""


def test_request_data_in_interpolated_html_marked_safe_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "views.py").write_text(MARK_SAFE, encoding="utf-8")
    found = audit([tmp_path], tmp_path, select=["WW542", "WW546"])
    assert [(f.location.line, f.code) for f in found] == [(7, "WW542"), (11, "WW546")]
    alone = audit([tmp_path], tmp_path, select=["WW546"])
    assert [(f.location.line, f.code) for f in alone] == [(7, "WW546"), (11, "WW546")]


def test_flows_in_json_and_text(tmp_path: Path) -> None:
    root = write(tmp_path)
    result = run_cli(["check", str(root), "--isolated", "--select", "WW1105", "--format", "json"])
    document = json.loads(result.stdout)
    (finding,) = document["findings"]
    notes = [step["note"] for step in finding["flow"]]
    assert notes == [
        "`request.args['host']` read",
        "formatted into an f-string",
        "run as a command by `subprocess.run()`",
    ]
    assert finding["confidence"] == "high"
    text = run_cli(["check", str(root), "--isolated", "--select", "WW1105", "--no-color"])
    assert "> app.py:9  `request.args['host']` read" in text.stdout


def test_flows_as_sarif_code_flows(tmp_path: Path) -> None:
    root = write(tmp_path)
    result = run_cli(["check", str(root), "--isolated", "--select", "WW1110", "--format", "sarif"])
    (run,) = json.loads(result.stdout)["runs"]
    (sarif_result,) = run["results"]
    locations = sarif_result["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [loc["location"]["message"]["text"] for loc in locations] == [
        "`request.get_data()` read",
        "deserialised by `pickle.loads()`",
    ]


def test_request_data_fed_to_a_template_through_helpers_escalates_template_findings(
    tmp_path: Path,
) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>{{ q|safe }}</p>\n", encoding="utf-8")
    (tmp_path / "helpers.py").write_text(
        'from flask import request\n\ndef get_query():\n    return request.args.get("q", "")\n',
        encoding="utf-8",
    )
    (tmp_path / "app.py").write_text(
        "from flask import Flask, render_template\nfrom helpers import get_query\n"
        "app = Flask(__name__)\n\n@app.route('/search')\ndef search():\n"
        "    return render_template('page.html', q=get_query())\n",
        encoding="utf-8",
    )
    # NOTE: selected alone or with a taint rule, the template rule is told the same feeds.
    for selected in (["WW550"], ["WW550", "WW544"]):
        (finding,) = audit([tmp_path], tmp_path, select=selected)
        assert (finding.code, finding.confidence.value) == ("WW550", "high")
        assert finding.flow[0].location.path == "helpers.py"


FETCHING_APP = """\
import requests
from flask import Flask, render_template, request

app = Flask(__name__)

GRANT_URL = "https://store.example.org/grants/{grant_id}"


def get_json(endpoint):
    return requests.get(endpoint, timeout=5).json()


@app.route("/grant")
def grant():
    record = get_json(GRANT_URL.format(grant_id=request.args["id"]))
    return render_template("page.html", text=record["text"])


@app.route("/proxy")
def proxy():
    record = get_json(request.args["service"] + "/grant")
    return render_template("page.html", text=record["text"])
"""


def test_a_helpers_answer_holds_request_data_only_where_it_chose_the_server(
    tmp_path: Path,
) -> None:
    # A helper fetching any URL it is handed: the id in the path of a fixed host leaves
    # the answer the store's own; a server the client names answers what it likes.
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>{{ text|safe }}</p>\n", encoding="utf-8")
    (tmp_path / "app.py").write_text(FETCHING_APP, encoding="utf-8")
    (finding,) = audit([tmp_path], tmp_path, select=["WW550"])
    # NOTE: the answer passes through a call webwarden does not model (`requests`), an
    # approximate flow: it raises the severity, not the confidence.
    assert (finding.severity.value, finding.confidence.value) == ("high", "medium")
    assert finding.flow[0].location.line == 21


EMPTY_HOST_CHECK = """\
from urllib.parse import urlsplit

from flask import Flask, redirect, request, url_for

app = Flask(__name__)


@app.route("/login")
def login():
    next_page = request.args.get("next")
    if not next_page or urlsplit(next_page).netloc != "":
        next_page = url_for("index")
    return redirect(next_page)
"""


def test_an_empty_host_check_is_shown_in_the_flow_and_why_it_is_not_enough(
    tmp_path: Path,
) -> None:
    # Miguel Grinberg's microblog (and the apps copied from it): `/\\evil.example` has no
    # host to `urlsplit`, and browsers go to `evil.example`.
    (tmp_path / "app.py").write_text(EMPTY_HOST_CHECK, encoding="utf-8")
    [finding] = audit([tmp_path], tmp_path, select=["WW1109"])
    assert [(step.location.line, step.note) for step in finding.flow] == [
        (10, "`request.args.get('next')` read"),
        (
            11,
            "checked only for an empty host, which `/\\evil.example` passes: browsers go to"
            " the host after the backslash",
        ),
        (13, "used as the redirect target by `redirect()`"),
    ]
