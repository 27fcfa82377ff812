"""A real server's log: the insecure Flask app under Werkzeug, probed on 127.0.0.1, then
its own request log (as the server wrote it) read by `webwarden logs`."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.live_apps.harness import serve

REQUESTS = [
    "/",
    "/contact",
    "/?q=1%27%20UNION%20SELECT%20username,password%20FROM%20users--",
    "/contact?name=%3Cscript%3Ealert(document.cookie)%3C/script%3E",
    "/report",
    "/console",
    "/.env",
    "/.git/config",
    "/wp-login.php",
    "/phpmyadmin/",
    "/server-status",
    "/backup.sql",
]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.read()
        return error.code


@pytest.mark.live
def test_the_werkzeug_log_of_a_probed_flask_app(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SECRET_KEY=not-for-production\n")  # served: static root
    with serve("flask_insecure", tmp_path) as server:
        statuses = [_get(server.url.rstrip("/") + path) for path in REQUESTS]
    assert statuses[:2] == [200, 200]
    assert statuses[4] == 500  # the app's bug, shown by the debugger
    log = server.log
    (tmp_path / "pyproject.toml").write_text("[tool.webwarden]\n")
    result = run_cli(["logs", str(log), "--format", "json", "--show-ips"], env_cwd=tmp_path)
    document = json.loads(result.stdout)
    found = {(f["code"], f["message"].split(" ")[0]) for f in document["findings"]}
    assert {code for code, _ in found} >= {"WW490", "WW590", "WW1195", "WW1197", "WW1198"}
    assert all(client == "127.0.0.1" for code, client in found if code != "WW030")
    assert not [f for f in document["findings"] if f["code"] in ("WW030", "WW031")]
    assert document["summary"]["lines"] >= len(REQUESTS)
    (anomalies,) = [f for f in document["findings"] if f["code"] == "WW1198"]
    # The debugger's 500 after the probes, and `.env` served (Werkzeug logs no sizes).
    assert anomalies["message"].startswith(
        "127.0.0.1 got 2 anomalous responses from `/report`, `/.env`"
    )
