"""A method called on an object whose class was lost, resolved as the one project method
of that name: which calls fit it, which names are never resolved so, and an edit that
adds a second definer in another module, replayed incrementally."""

from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.sole_methods import fits, resolvable
from webwarden.config import load_config
from webwarden.engine import scan


def _method(*params: ir.Param, defaults: tuple[str, ...] = (), kind: str = "method") -> ir.Function:
    return ir.Function(
        "app.Store.rows",
        "rows",
        (ir.Param("self"), *params) if kind != "staticmethod" else params,
        tuple((name, ir.Const(None)) for name in defaults),
        ir.Block(()),
        (1, 1),
        owner="app.Store",
        kind=kind,
    )


@pytest.mark.parametrize(
    ("function", "positional", "keywords", "expected"),
    [
        (_method(ir.Param("name")), 1, (), True),
        (_method(ir.Param("name")), 0, ("name",), True),
        (_method(ir.Param("name")), 0, (), False),
        (_method(ir.Param("name")), 2, (), False),
        (_method(ir.Param("name")), 1, ("name",), False),
        (_method(ir.Param("name")), 1, ("other",), False),
        (_method(ir.Param("name"), ir.Param("kw", "kwarg")), 1, ("other",), True),
        (_method(ir.Param("name"), defaults=("name",)), 0, (), True),
        (_method(ir.Param("name"), ir.Param("rest", "vararg")), 3, (), True),
        (_method(ir.Param("name"), ir.Param("limit", "kwonly")), 1, (), False),
        (_method(ir.Param("name")), None, (), True),
        (_method(ir.Param("name")), 0, (None,), True),
        (_method(ir.Param("name"), kind="staticmethod"), 1, (), True),
        (_method(ir.Param("name"), kind="property"), 1, (), False),
    ],
)
def test_a_call_fits_the_parameters_it_binds(
    function: ir.Function, positional: int | None, keywords: tuple[str | None, ...], expected: bool
) -> None:
    assert fits(function, positional, keywords) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("rows_of_report", True),
        ("get_block", True),
        ("get", False),
        ("execute", False),
        ("format", False),
        ("__call__", False),
        ("test_rows", False),
    ],
)
def test_names_libraries_use_too_are_never_resolved_by_name(name: str, expected: bool) -> None:
    assert resolvable(name) is expected


_VIEW = """\
from flask import Flask, current_app, request

app = Flask(__name__)


@app.route("/reports")
def show_report():
    store = current_app.extensions["reports"]
    return {"rows": store.rows_of_report(request.args["name"])}
"""

_STORE = """\
import sqlite3


class ReportStore:
    def rows_of_report(self, name):
        cursor = sqlite3.connect("reports.db").cursor()
        cursor.execute(f"SELECT * FROM reports WHERE name = '{name}'")
        return cursor.fetchall()
"""

_ARCHIVE = """\
class ArchiveStore:
    def rows_of_report(self, name):
        return []
"""


def _findings(root: Path, cache: Path | None) -> list[tuple[str, str, int]]:
    overrides: dict[str, object] = {"cache-dir": str(cache)} if cache else {"cache": False}
    config = load_config([root], root=root, overrides=overrides)
    found = scan([root], config).findings
    return sorted((f.code, f.location.path, f.location.line) for f in found if f.code == "WW440")


def test_a_second_definer_elsewhere_is_seen_by_an_incremental_scan(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "views.py").write_text(_VIEW, encoding="utf-8")
    (app / "stores.py").write_text(_STORE, encoding="utf-8")
    cache = tmp_path / "cache"
    resolved = _findings(app, cache)
    assert resolved == [("WW440", "stores.py", 7)]
    # NOTE: with two classes defining the method, either may be the one called: the call
    # is one webwarden does not model, and the SQL inside is no longer reached from it.
    (app / "archive.py").write_text(_ARCHIVE, encoding="utf-8")
    assert _findings(app, cache) == _findings(app, None) == []
    (app / "archive.py").unlink()
    assert _findings(app, cache) == resolved
