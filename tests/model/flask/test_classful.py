"""Flask-Classful views: the routes `View.register(bp)` adds, and what guards them."""

from __future__ import annotations

from pathlib import Path

from tests.model.flask.model_helpers import flask_model

FIXTURES = Path(__file__).resolve().parents[2] / "rules" / "fixtures" / "WW620"
_AUTOMATIC = {"OPTIONS"}


def _routes(name: str) -> dict[str, tuple[str | None, set[str], bool, frozenset[str]]]:
    (app,) = flask_model(FIXTURES / name).apps
    return {
        r.endpoint: (
            r.rule,
            set(r.methods) - _AUTOMATIC - {"HEAD"},
            app.protected_by_login(r),
            r.body.request_reads,
        )
        for r in app.routes
        if r.endpoint != "static"
    }


def test_members_mixins_prefix_and_login_hook() -> None:
    # NOTE: `route` comes through a project module that re-exports Flask-Classful's; the
    # mixin's method is routed under the view's base; `get` takes its parameter as a URL
    # part; `_count` is not routed; `before_request` checks the login for every view.
    assert _routes("vulnerable_classful_views") == {
        "notes.NotesView:archive": (
            "/api/notes/<int:note_id>/archive",
            {"POST"},
            True,
            frozenset(),
        ),
        "notes.NotesView:index": ("/api/notes", {"GET"}, True, frozenset()),
        "notes.NotesView:get": ("/api/notes/<note_id>", {"GET"}, True, frozenset()),
        "notes.NotesView:post": ("/api/notes", {"POST"}, True, frozenset({"form"})),
        "notes.NotesView:pin": ("/api/notes/pin/<note_id>", {"POST"}, True, frozenset()),
    }


def test_helpers_excluded_methods_and_classes_that_are_no_views() -> None:
    # NOTE: `post` reads JSON through `self._parse` (webargs, `location="json"`);
    # `reset` is excluded; `Exporter` has a `register` call but is no `FlaskView`;
    # `TagsView` reads Flask's `request` as Flask-Classful re-exports it.
    assert _routes("safe_classful_views") == {
        "items.ItemsView:post": ("/shop/items/", {"POST"}, False, frozenset({"json"})),
        "items.ItemsView:upload": ("/shop/items/import", {"POST"}, False, frozenset()),
        "tags.TagsView:post": ("/tags/", {"POST"}, False, frozenset({"json"})),
    }


def _judged(name: str) -> dict[str | None, tuple[bool, bool]]:
    (app,) = flask_model(FIXTURES / name).apps
    return {
        r.endpoint: (app.protected_by_login(r), app.checks_csrf_itself(r))
        for r in app.routes
        if r.endpoint != "static"
    }


def test_hooks_of_mixins_and_the_base_hooks_they_call() -> None:
    # NOTE: the mixins' module imports Flask, not Flask-Classful; `ShelfPage` calls
    # `SignedInPage.before_request(self, ...)` and `LoanDesk` `super().before_request(...)`:
    # both run the base's login check and its check named for CSRF.
    assert _judged("safe_classful_hook_mixins") == {
        "BooksView:post": (True, True),
        "BooksView:remove": (True, True),
        "LoansView:renew": (True, True),
    }


def test_base_hook_checking_the_login_only() -> None:
    assert _judged("vulnerable_classful_hook_login_only") == {"RecipesView:post": (True, False)}
