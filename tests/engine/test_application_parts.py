"""Applications side by side sharing module names: a scan of the whole tree finds what a
scan of each application's folder alone finds (`build_projects`)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.helpers import audit
from webwarden.findings import Finding

# NOTE: both apps have an `app` and a `models` module. `blog` reads request data into
# SQL in its `models` helper; `shop` loads a configuration class whose `SECRET_KEY`
# falls back to a literal. Judged as one project, one `app` module hid the other.
TREE = {
    "blog/app.py": """\
        import os

        from flask import Flask, request

        from models import find_posts

        app = Flask(__name__)
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]


        @app.route("/search")
        def search():
            return {"posts": find_posts(request.args.get("q", ""))}
        """,
    "blog/models.py": """\
        import sqlite3


        def find_posts(term):
            db = sqlite3.connect("blog.db")
            return db.execute("SELECT title FROM posts WHERE title LIKE '%" + term + "%'").fetchall()
        """,
    "shop/app.py": """\
        from flask import Flask, render_template

        from models import newest_products

        app = Flask(__name__)
        app.config.from_object("config.Settings")


        @app.route("/")
        def index():
            return render_template("index.html", products=newest_products())
        """,
    "shop/config.py": """\
        import os


        class Settings:
            SECRET_KEY = os.environ.get("SECRET_KEY", "shop-development-key")
        """,
    "shop/models.py": """\
        import sqlite3


        def newest_products():
            db = sqlite3.connect("shop.db")
            return db.execute("SELECT name FROM products ORDER BY added DESC LIMIT 10").fetchall()
        """,
}


def _write(root: Path, files: dict[str, str]) -> None:
    for relpath, text in files.items():
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")


def _seen(findings: list[Finding], folder: str = "") -> set[tuple[str, str, int, int]]:
    # NOTE: a message may name a file too, relative to the folder scanned.
    prefix = f"{folder}/" if folder else ""
    where = ((prefix + f.location.path, f.code, f.location) for f in findings)
    return {(path, code, at.line, at.column) for path, code, at in where}


def test_whole_tree_finds_what_each_folder_alone_finds(tmp_path: Path) -> None:
    _write(tmp_path, TREE)
    whole = audit([tmp_path], tmp_path)
    alone = set()
    for folder in ("blog", "shop"):
        alone |= _seen(audit([tmp_path / folder], tmp_path / folder), folder)
    assert _seen(whole) == alone
    assert len(whole) == len(alone), "a finding is reported twice"
    codes = {(path, code) for path, code, _, _ in alone}
    assert {("blog/models.py", "WW440"), ("shop/config.py", "WW221")} <= codes
    assert "WW004" not in {code for _, code in codes}


def test_module_the_applications_share_is_judged_once(tmp_path: Path) -> None:
    # NOTE: `common/` is no application of its own: both import its `storage` module,
    # whose SQL takes the request data each passes. One finding per route, none twice.
    _write(tmp_path, TREE)
    _write(
        tmp_path,
        {
            "common/storage.py": """\
                import sqlite3


                def lookup(table, term):
                    db = sqlite3.connect("shared.db")
                    return db.execute("SELECT * FROM " + table + " WHERE id = " + term).fetchall()
                """,
            "shop/views.py": """\
                from flask import request

                from app import app
                from common.storage import lookup


                @app.route("/item")
                def item():
                    return {"item": lookup("items", request.args["id"])}
                """,
        },
    )
    whole = audit([tmp_path], tmp_path, select=["WW440"])
    found = sorted((f.location.path, f.location.line, f.message) for f in whole)
    assert len(found) == len(set(found))
    assert [(path, line) for path, line, _ in found] == [
        ("blog/models.py", 6),
        ("common/storage.py", 6),
    ]
