"""Items of a dict a function builds and returns, each judged inert on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model
from webwarden.model.templates import TemplateModel

PARAMS = """
from flask import request


def paging(req):
    found = {"tab": "all"}
    found["query"] = req.args.get("q")
    found["start"] = int(req.args.get("start", 0))
    found["total"] = 0
    found["total"] += len(req.args)
    found["label"] = "page"
    found["label"] %= req.args
    if found.get("start") > 100 or "start" in found:
        found["start"] = 100
    return found


def merged(req):
    found = {"start": 0}
    found.update(req.args)
    return found


def computed(req, key):
    found = {"start": 0}
    found[key] = req.args[key]
    return found


def handed(req):
    found = {"start": 0}
    fill(found)
    return found


def either(req):
    found = {"start": 0}
    if req.args:
        other = {"start": req.args["start"]}
        return other
    return found


def fill(found):
    found["start"] = request.args["start"]
"""
VIEWS = """
from flask import Flask, render_template, request

from shop.params import paging

app = Flask(__name__)


@app.route("/")
def page():
    found = paging(request)
    found["shown"] = 3
    return render_template("page.html", found=found, direct=paging(request))


@app.route("/edited")
def edited():
    found = paging(request)
    found.setdefault("start", request.args["start"])
    return render_template("edited.html", found=found)
"""


def _model(tmp_path: Path) -> TemplateModel:
    files = {
        "shop/__init__.py": "",
        "shop/params.py": PARAMS,
        "shop/views.py": VIEWS,
        "shop/templates/page.html": "{{ found.start }}",
        "shop/templates/edited.html": "{{ found.start }}",
    }
    return template_model(tmp_path, files)


@pytest.mark.parametrize(
    ("item", "told"),
    [
        pytest.param("paging()['start']", True, id="set-to-int-and-literal"),
        pytest.param("paging()['tab']", True, id="display-word"),
        pytest.param("paging()['total']", True, id="stepped-by-a-count"),
        pytest.param("paging()['query']", False, id="request-text"),
        pytest.param("paging()['label']", False, id="formatted-with-percent"),
        pytest.param("merged()['start']", False, id="updated-from-the-request"),
        pytest.param("computed()['start']", False, id="computed-key"),
        pytest.param("handed()['start']", False, id="handed-to-a-call"),
        pytest.param("either()['start']", False, id="returns-another-dict"),
    ],
)
def test_returned_items(tmp_path: Path, item: str, told: bool) -> None:
    assert (f"shop.params.{item}" in _model(tmp_path).number_functions) is told


@pytest.mark.parametrize(
    ("template", "path", "inert"),
    [
        pytest.param("page.html", "found.start", True, id="local-bound-to-the-call"),
        pytest.param("page.html", "direct.start", True, id="the-call-itself"),
        pytest.param("page.html", "found.query", False, id="item-of-request-text"),
        pytest.param("page.html", "found", False, id="the-dict-itself"),
        pytest.param("edited.html", "found.start", False, id="view-changes-the-dict"),
    ],
)
def test_inert_item_of_returned_dict(tmp_path: Path, template: str, path: str, inert: bool) -> None:
    model = _model(tmp_path)
    relpath = next(p for p in model.files if p.endswith(template))
    assert model.inert(relpath, path) is inert
