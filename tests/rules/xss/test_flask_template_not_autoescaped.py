"""WW559 names the request data a view passes step by step before what it only passes
through a call webwarden does not model."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import audit
from webwarden.findings import Severity

VIEW = """\
from flask import Flask, render_template, request

from store import client

app = Flask(__name__)


@app.route("/nodes/<compare>")
def nodes(compare):
    rows = client.nodes(order_by=request.args.get("dir", "asc"))
    listed = [{"certname": row.certname, "form": compare} for row in rows]
    return render_template("nodes.json.tpl", nodes=listed)
"""

TEMPLATE = '{% for node in nodes %}"<a>{{ node.certname }}</a><b>{{ node.form }}</b>"{% endfor %}\n'


def test_the_url_parameter_is_named_before_the_rows_a_client_fetched(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(VIEW, encoding="utf-8")
    (tmp_path / "store.py").write_text("client = object()\n", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "nodes.json.tpl").write_text(TEMPLATE, encoding="utf-8")
    [finding] = audit([tmp_path], tmp_path, select=["WW559"])
    assert finding.severity == Severity.HIGH
    assert finding.context.startswith("`nodes.form` comes from `URL parameter `compare``")
