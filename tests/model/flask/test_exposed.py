"""Flask-AppBuilder and Flask-Admin view classes: their `@expose` methods are routes."""

from __future__ import annotations

from pathlib import Path

from tests.model.flask.model_helpers import flask_model

FIXTURES = Path(__file__).resolve().parents[2] / "rules" / "fixtures"


def _routes(name: str) -> dict[str, tuple[str | None, frozenset[str], bool]]:
    model = flask_model(FIXTURES / name)
    (app,) = model.apps
    return {
        r.endpoint: (r.rule, r.methods, app.protected_by_login(r))
        for r in app.routes
        if r.endpoint != "static"
    }


def test_appbuilder_views_and_apis_with_their_guards() -> None:
    routes = _routes("WW721/safe_appbuilder_views")
    assert routes == {
        "VariableModelView.varimport": (
            "/variablemodelview/varimport",
            frozenset({"POST", "OPTIONS"}),
            True,
        ),
        "Admin.reset": ("/manage/reset/<name>", frozenset({"POST", "OPTIONS"}), True),
        "VariableApi.delete": (
            "/api/v1/variableapi/<name>",
            frozenset({"DELETE", "OPTIONS"}),
            True,
        ),
    }


def test_appbuilder_default_get_and_missing_guard() -> None:
    routes = _routes("WW721/vulnerable_appbuilder_views")
    assert routes["Admin.index"] == ("/manage/", frozenset({"GET", "HEAD", "OPTIONS"}), False)
    assert routes["VariableModelView.varimport"][2] is False
    assert routes["VariableModelView.action_post"][2] is True


def test_flask_admin_is_accessible_guards_the_class_and_its_subclasses() -> None:
    routes = _routes("WW721/safe_flask_admin")
    assert routes["maintenanceview.purge"] == (
        "/admin/maintenanceview/purge",
        frozenset({"POST", "OPTIONS"}),
        True,
    )
    # NOTE: the built-in views of a ModelView guarded by its project base class.
    assert routes["UserView.delete_view"] == (
        "/admin/<model>/delete/",
        frozenset({"GET", "HEAD", "POST", "OPTIONS"}),
        True,
    )
    assert routes["homeview.index"][0] == "/admin/"
    assert routes["homeview.index"][2] is True
    assert "SecureModelView.delete_view" not in routes  # a base class, not added itself


def test_flask_admin_is_accessible_returning_true_guards_nothing() -> None:
    routes = _routes("WW721/vulnerable_flask_admin")
    assert routes["openview.purge"][2] is False
    assert routes["UserView.action_view"][2] is False


def test_flask_admin_endpoint_and_url_given_to_add_view() -> None:
    # `add_view(View(endpoint=..., url=...))` in a module importing no Flask: the
    # endpoint names the blueprint, a relative URL goes under `/admin`, an absolute one
    # replaces it.
    routes = _routes("WW721/vulnerable_flask_admin_mounted")
    assert {endpoint: rule for endpoint, (rule, _, _) in routes.items()} == {
        "profile": "/profile",
        "purge_users.index": "/admin/purge_users/",
        "archiveview.index": "/admin/old-orders/",
        "rebuild.run": "/ops/rebuild/run",
    }


def test_flask_admin_view_class_never_added_serves_nothing() -> None:
    # The project adds its views by `add_view(View(...))` and `add_views(...)`: a view
    # class it never adds has no route, whether a model view or one with `@expose`.
    routes = _routes("WW721/safe_flask_admin_unused_view")
    assert "CachedSessionView.delete_view" not in routes
    assert "scratchview.wipe" not in routes
    assert routes["UserView.delete_view"][2] is True
    assert routes["tags.delete_view"][0] == "/admin/tags/delete/"


def test_flask_admin_view_added_by_name_keeps_every_class() -> None:
    # `admin.add_view(view)`: which class is added is not followed.
    routes = _routes("WW721/vulnerable_flask_admin_view_held")
    assert routes["UserView.action_view"][2] is False
