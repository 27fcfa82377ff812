"""`webwarden probe` and `webwarden check --url` in-process, against a live app."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import REPO
from tests.helpers import run_cli
from tests.live_apps.harness import LiveServer, serve
from webwarden.probe import routes

pytestmark = pytest.mark.live
FAST = ["--rate", "1000", "--timeout", "3"]
SCHEMA = REPO / "src" / "webwarden" / "report" / "schema" / "findings-v1.json"


@pytest.fixture(scope="module")
def django_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with serve("django_insecure", tmp_path_factory.mktemp("cli")) as server:
        yield server


def test_text_report_shows_urls_without_line_numbers(django_app: LiveServer) -> None:
    result = run_cli(["probe", django_app.url, *FAST, "--no-color"])
    assert result.status == 1
    lines = result.stdout.splitlines()
    assert lines[0] == django_app.url
    assert lines[1].startswith("  MEDIUM  WW1060 frame-protection-missing  no `X-Frame-Options`")
    # NOTE: a finding's first line starts with its place (`  12:5  HIGH ...`) in a file,
    # with its severity for a URL; the cookie's Expires time may hold "1:1" at 11:11.
    findings = [line for line in lines if line.startswith("  ") and not line.startswith("   ")]
    assert findings
    assert all(line.split()[0] in {"HIGH", "MEDIUM", "LOW"} for line in findings)
    assert "       | Set-Cookie: sessionid=…; Expires=" in result.stdout
    assert lines[-1].startswith(
        "12 findings (3 high, 4 medium, 5 low) in 4 URLs; 13 requests (4 pages) probed in "
    )


def test_sarif_locates_findings_at_urls(django_app: LiveServer, sarif_validator: Any) -> None:
    result = run_cli(["probe", django_app.url, *FAST, "--format", "sarif", "--select", "WW8"])
    log = json.loads(result.stdout)
    sarif_validator.validate(log)
    [run] = log["runs"]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"WW860", "WW020"}
    locations = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    assert [location["artifactLocation"] for location in locations] == [
        {"uri": django_app.url},
        {"uri": django_app.url + "account/"},
    ]
    assert locations[0]["region"]["snippet"]["text"].startswith("Set-Cookie: sessionid=…;")


def test_json_report_follows_the_schema(django_app: LiveServer, tmp_path: Path) -> None:
    output = tmp_path / "report.json"
    result = run_cli(
        [
            "probe",
            django_app.url,
            *FAST,
            "--format",
            "json",
            "-o",
            str(output),
            "--min-severity",
            "high",
            "--fail-on",
            "critical",
        ]
    )
    assert result.status == 0, "nothing critical"
    document = json.loads(output.read_text())
    jsonschema.validate(document, json.loads(SCHEMA.read_text()))
    assert document["command"] == "probe"
    assert {f["severity"] for f in document["findings"]} == {"high"}
    assert document["summary"]["filtered"] > 0


def test_project_routes_come_from_the_django_model(django_app: LiveServer, tmp_path: Path) -> None:
    (tmp_path / "manage.py").write_text(
        'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")\n'
    )
    (tmp_path / "settings.py").write_text(
        'SECRET_KEY = "x"\nROOT_URLCONF = "urls"\nINSTALLED_APPS = []\nMIDDLEWARE = []\n'
    )
    (tmp_path / "urls.py").write_text(
        "from django.urls import path\n\nimport views\n\n"
        'urlpatterns = [path("archive/<int:year>/", views.archive)]\n'
    )
    (tmp_path / "views.py").write_text("def archive(request, year):\n    return None\n")
    result = run_cli(["probe", django_app.url, *FAST, "--project", str(tmp_path), "--exit-zero"])
    assert result.status == 0
    assert '"GET /archive/1/ HTTP/1.1" 200' in django_app.log.read_text()


def test_route_sources_read_both_framework_models(tmp_path: Path) -> None:
    from webwarden.config import load_config
    from webwarden.engine import scan

    (tmp_path / "app.py").write_text(
        "from flask import Flask\n\napp = Flask(__name__)\n\n"
        '@app.route("/users/<int:uid>", methods=["GET", "POST"])\n'
        "def user(uid):\n    return str(uid)\n"
    )
    result = scan([tmp_path], load_config([tmp_path], isolated=True))
    assert result.project is not None
    found = routes.project_routes(result.project)
    assert ("/users/<int:uid>", ("GET", "HEAD", "OPTIONS", "POST")) in [
        (rule, tuple(sorted(methods))) for rule, methods in found
    ]
    assert routes.route_paths(found) == ["/users/1", "/static/webwarden"]


def test_routes_of_every_application_of_a_tree_are_offered(tmp_path: Path) -> None:
    # NOTE: `svc1/app.py` and `svc2/app.py` are both the module `app`: each is judged as
    # its own project (`build_projects`), and the probe visits the routes of both.
    from webwarden.cli.probe import project_paths
    from webwarden.config import load_config

    for service, rule in (("svc1", "/orders/<int:number>"), ("svc2", "/invoices")):
        (tmp_path / service).mkdir()
        (tmp_path / service / "app.py").write_text(
            "from flask import Flask\n\napp = Flask(__name__)\n\n"
            f'@app.get("{rule}")\ndef page(**kwargs):\n    return "ok"\n'
        )
    paths = project_paths(tmp_path, load_config([tmp_path], isolated=True))
    assert {"/orders/1", "/invoices"} <= set(paths)


def test_check_with_url_confirms_static_findings(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(
        "from flask import Flask, session\n\napp = Flask(__name__)\n"
        'app.secret_key = __import__("os").environ["SECRET_KEY"]\n\n'
        '@app.get("/")\ndef home():\n    session["seen"] = True\n    return "hi"\n'
    )
    (tmp_path / "live").mkdir()
    with serve("flask_insecure", tmp_path / "live") as flask_app:
        result = run_cli(
            [
                "check",
                str(tmp_path / "app.py"),
                "--isolated",
                "--url",
                flask_app.url,
                *FAST,
                "--format",
                "json",
                "--select",
                "WW8",
            ]
        )
    document = json.loads(result.stdout)
    static = {
        f["code"]: f for f in document["findings"] if not f["location"]["path"].startswith("http")
    }
    assert static["WW820"]["confirmed"] is True
    assert static["WW820"]["confidence"] == "high"


def test_check_with_url_reports_both_sides(django_app: LiveServer, tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(
        "import subprocess\n\ndef run(c):\n    subprocess.run(c, shell=True)\n"
    )
    result = run_cli(
        [
            "check",
            str(tmp_path),
            "--isolated",
            "--url",
            django_app.url,
            *FAST,
            "--format",
            "json",
            "--active",
        ]
    )
    assert result.status == 1
    document = json.loads(result.stdout)
    codes = [f["code"] for f in document["findings"]]
    assert "WW1101" in codes, "the static finding"
    assert "WW661" in codes, "the active probe's finding"
    assert document["command"] == "check"
    text = run_cli(
        ["check", str(tmp_path), "--isolated", "--url", django_app.url, *FAST, "--no-color"]
    )
    assert "probed" in text.stdout.splitlines()[-1]
    assert "1 file and 4 URLs" in text.stdout.splitlines()[-1]


@pytest.mark.parametrize(
    ("url", "error"),
    [
        pytest.param("ftp://example.com/", "not an http(s) URL", id="scheme"),
        pytest.param("http://127.0.0.1:1/", "cannot connect", id="refused"),
    ],
)
def test_bad_targets_are_one_line_errors(url: str, error: str) -> None:
    result = run_cli(["probe", url, "--timeout", "1"])
    assert result.status == 2
    assert error in result.stderr
    assert result.stderr.count("\n") == 1
