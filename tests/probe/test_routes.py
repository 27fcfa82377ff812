"""Paths to visit from the static route models."""

from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.model.project import ProjectModel
from webwarden.probe import routes
from webwarden.probe.routes import fill_template, project_routes, route_paths


@pytest.mark.parametrize(
    ("template", "path"),
    [
        pytest.param("/users/<int:user_id>", "/users/1", id="flask-int"),
        pytest.param("/files/<path:name>", "/files/webwarden", id="flask-path"),
        pytest.param(
            "/p/<name>/<uuid:key>",
            "/p/webwarden/00000000-0000-0000-0000-000000000000",
            id="flask-default",
        ),
        pytest.param("/a/<any(x, y):kind>", "/a/webwarden", id="flask-any"),
        pytest.param("/v/<custom:thing>", "/v/webwarden", id="unknown-converter"),
        pytest.param("articles/<slug:slug>/", "/articles/webwarden/", id="django-path"),
        pytest.param(r"^blog/(?P<year>[0-9]{4})/$", "/blog/1/", id="django-regex-digits"),
        pytest.param(r"^tag/(?P<name>\w+)/(\d+)/$", "/tag/webwarden/1/", id="django-regex-groups"),
        pytest.param(r"^(?P<a>(x|y))/$", None, id="django-regex-nested"),
        pytest.param(r"^files/.*$", None, id="django-regex-wildcard"),
    ],
)
def test_fill_template(template: str, path: str | None) -> None:
    assert fill_template(template) == path


def test_route_paths_keeps_get_routes_once() -> None:
    found = route_paths(
        [
            ("/", ("GET", "HEAD")),
            ("/login", ("post",)),
            ("/items/<int:id>", ()),
            ("/items/<int:other>", ("GET",)),
            (r"^files/.*$", ("GET",)),
        ]
    )
    assert found == ["/", "/items/1"]


def test_project_routes_asks_every_source(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    project = ProjectModel(root=tmp_path, files=[])
    monkeypatch.setattr(
        routes,
        "ROUTE_SOURCES",
        [lambda p: [("/a", ("GET",))], lambda p: [("/b/<int:n>", ("GET",))]],
    )
    assert route_paths(project_routes(project)) == ["/a", "/b/1"]
