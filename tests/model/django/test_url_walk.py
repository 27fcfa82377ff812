"""`url_entries`: every route of a project's URLconfs, in-place includes and lists too."""

from __future__ import annotations

from pathlib import Path

from tests.model.django.test_settings import write
from webwarden.config import load_config
from webwarden.discover import discover
from webwarden.engine.files import FilePlan, analyse_file
from webwarden.engine.project import build_project
from webwarden.model.django.url_walk import url_entries
from webwarden.model.project import ProjectModel

_FILES = {
    "settings.py": 'ROOT_URLCONF = "urls"\nINSTALLED_APPS = ["django.contrib.auth"]\n',
    "views.py": "def a(request): ...\ndef b(request): ...\ndef c(request): ...\n",
    "api.py": """
        from django.urls import path
        from views import c

        v1_urls = [path("c/", c)]
        """,
    "urls.py": """
        from django.urls import include, path
        from views import a, b
        import api

        urlpatterns = [
            path("in/", include([path("b/", b)])),
            path("a/", a),
            path("api/", include((api.v1_urls, "api"))),
        ]
        """,
}


def _project(root: Path) -> ProjectModel:
    config = load_config([root], isolated=True, root=root)
    discovery = discover([root], config)
    plan = FilePlan((), config.max_file_size, frozenset(), config.test_paths)
    return build_project(root, discovery, [analyse_file(f, plan) for f in discovery.files])


def test_entries_of_in_place_includes_and_lists(tmp_path: Path) -> None:
    project = _project(write(tmp_path, _FILES))
    found = sorted(e.pattern or "" for e in url_entries(project))
    assert found == ["a/", "api/", "b/", "c/", "in/"]


def test_a_skipped_entry_hides_what_it_includes(tmp_path: Path) -> None:
    project = _project(write(tmp_path, _FILES))
    found = sorted(e.pattern or "" for e in url_entries(project, skip=lambda e: e.pattern == "in/"))
    assert found == ["a/", "api/", "c/"]
