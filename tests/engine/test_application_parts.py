"""Applications side by side sharing module names: a scan of the whole tree finds what a
scan of each application's folder alone finds (`build_projects`)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import audit
from webwarden.analysis import taint
from webwarden.config import load_config
from webwarden.engine import pipeline, scan
from webwarden.findings import Finding
from webwarden.model.project import ProjectModel

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


def _found(root: Path, cache_dir: Path | None, jobs: int = 1) -> list[tuple[str, str, int]]:
    overrides: dict[str, object] = {"select": ["WW4"], "jobs": jobs}
    if cache_dir is None:
        overrides["cache"] = False
    else:
        overrides["cache-dir"] = str(cache_dir)
    config = load_config([root], isolated=True, overrides=overrides)
    return sorted((f.code, f.location.path, f.location.line) for f in scan([root], config).findings)


class _Analyses:
    """The taint analyses a scan runs rather than takes from the cache, with the replay
    record each was given."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.memos: list[object] = []
        real = taint.compute

        def counted(project: ProjectModel, **options: Any) -> object:
            self.memos.append(options.get("memo"))
            return real(project, **options)

        monkeypatch.setattr(taint, "compute", counted)


SAFE_MODELS = """\
    import sqlite3


    def find_posts(term):
        db = sqlite3.connect("blog.db")
        return db.execute("SELECT title FROM posts WHERE title LIKE ?", ("%" + term + "%",)).fetchall()
    """


def test_warm_scans_of_a_split_tree_take_each_part_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, cache = tmp_path / "tree", tmp_path / "cache"
    _write(root, TREE)
    cold = _found(root, cache)
    assert ("WW440", "blog/models.py", 6) in cold
    analyses = _Analyses(monkeypatch)
    assert _found(root, cache) == cold
    assert analyses.memos == []
    # NOTE: an edit of one application's module analyses that part again, replaying
    # its own record; the other part's results are still the cached ones.
    _write(root, {"blog/models.py": textwrap.dedent(TREE["blog/models.py"]) + "# an edit\n"})
    assert _found(root, cache) == cold
    assert len(analyses.memos) == 1
    assert isinstance(analyses.memos[0], taint.Memo)
    _write(root, {"blog/models.py": SAFE_MODELS})
    edited = _found(root, cache)
    assert edited == _found(root, None)
    assert ("WW440", "blog/models.py", 6) not in edited
    _write(root, TREE)
    assert _found(root, cache) == cold


def test_each_part_of_a_split_tree_keeps_its_early_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "tree"
    _write(root, TREE)
    # NOTE: enough test modules for two workers (see `runner.MIN_FILES_PER_WORKER`).
    for n in range(60):
        _write(root, {f"tests/test_fill_{n}.py": f"def test_{n}():\n    assert {n}\n"})
    alone = _found(root, None)
    after: list[int] = []
    real = pipeline.prepare_taint

    def counted(*args: Any, **kwargs: Any) -> None:
        after.append(1)
        real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "prepare_taint", counted)
    assert _found(root, None, jobs=2) == alone
    assert after == []
    assert _found(root, tmp_path / "cache", jobs=2) == alone
    assert after == []


def _django_project(folder: str, settings: str, views: str) -> dict[str, str]:
    return {
        f"{folder}/manage.py": """\
            import os
            import sys

            if __name__ == "__main__":
                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
                from django.core.management import execute_from_command_line

                execute_from_command_line(sys.argv)
            """,
        f"{folder}/mysite/__init__.py": "",
        f"{folder}/mysite/settings.py": settings,
        f"{folder}/mysite/urls.py": """\
            from django.urls import path

            from polls import views

            urlpatterns = [path("polls/<str:name>/", views.detail)]
            """,
        f"{folder}/polls/__init__.py": "",
        f"{folder}/polls/views.py": views,
    }


DJANGO_SETTINGS = """\
    import os

    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    DEBUG = {debug}
    ALLOWED_HOSTS = ["polls.example.org"]
    ROOT_URLCONF = "mysite.urls"
    INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "polls"]
    MIDDLEWARE = [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
    """
DJANGO_SAFE_VIEWS = """\
    from django.http import JsonResponse

    from polls.models import Poll


    def detail(request, name):
        return JsonResponse({"polls": list(Poll.objects.filter(name=name).values("id"))})
    """
DJANGO_RAW_SQL_VIEWS = """\
    from django.db import connection
    from django.http import JsonResponse


    def detail(request, name):
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM polls_poll WHERE name = '%s'" % name)
            return JsonResponse({"polls": cursor.fetchall()})
    """


def test_django_projects_side_by_side_are_judged_each_alone(tmp_path: Path) -> None:
    # NOTE: judged as one project, the first folder's `mysite.urls` and `polls.views`
    # hid the second's: its view building SQL from the URL was never reached.
    _write(
        tmp_path, _django_project("first", DJANGO_SETTINGS.format(debug=False), DJANGO_SAFE_VIEWS)
    )
    _write(
        tmp_path,
        _django_project("second", DJANGO_SETTINGS.format(debug=True), DJANGO_RAW_SQL_VIEWS),
    )
    whole = audit([tmp_path], tmp_path)
    alone = set()
    for folder in ("first", "second"):
        alone |= _seen(audit([tmp_path / folder], tmp_path / folder), folder)
    assert _seen(whole) == alone
    assert ("second/polls/views.py", "WW440") in {(path, code) for path, code, _, _ in alone}
