"""The outline of a module: the functions its body sets on classes as methods."""

from __future__ import annotations

from pathlib import Path

from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.analysis.taint.outline import outline_of
from webwarden.config import load_config
from webwarden.engine import scan
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source

_PATCHING = """\
from accounts.models import Team
from django.contrib.auth.models import User


def team_totals(team, query):
    return []


def user_badge(user):
    return ""


Team.totals = team_totals
User.add_to_class("badge", user_badge)
Team.label = "team"
User.add_to_class("badge_of", user_badge, private_only=True)


def later(team):
    team.totals = team_totals
"""


def test_functions_set_on_classes_at_module_level_are_outlined() -> None:
    parsed = parse_source(_PATCHING, "reports/patches.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("reports/patches.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    outline = outline_of(Lowering(ctx).module_ir())
    # NOTE: a constant is no method, a call with keywords is not Django's plain form, and
    # an instance's attribute set in a function is that object's alone.
    assert outline.patched == (
        ("accounts.models.Team", "totals", "patches.team_totals"),
        ("django.contrib.auth.models.User", "badge", "patches.user_badge"),
    )


_VIEW = """\
import json

from django.http import HttpResponse
from django.views.generic import DetailView


class TotalsView(DetailView):
    def get_object(self):
        return self.request.team

    def render_to_response(self, context, **kwargs):
        query = json.loads(self.request.GET.get("query", "{}"))
        return HttpResponse(json.dumps(self.get_object().totals(query)))
"""

_TOTALS = """\
from accounts.models import Team

from app.models import Region


def team_totals(team, query):
    return list(Region.objects.filter(team=team, level=query.get("level")).values("name"))


Team.totals = team_totals
"""


def _findings(root: Path, cache: Path | None) -> list[tuple[str, str, int]]:
    overrides: dict[str, object] = {"cache-dir": str(cache)} if cache else {"cache": False}
    config = load_config([root], root=root, overrides=overrides)
    found = scan([root], config).findings
    return sorted((f.code, f.location.path, f.location.line) for f in found if f.code == "WW544")


def test_a_patched_method_is_followed_and_its_removal_seen_incrementally(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "__init__.py").write_text("", encoding="utf-8")
    (app / "views.py").write_text(_VIEW, encoding="utf-8")
    (app / "totals.py").write_text(_TOTALS, encoding="utf-8")
    cache = tmp_path / "cache"
    # NOTE: the method returns rows the query only chose: nothing of the request is sent.
    assert _findings(app, cache) == []
    (app / "totals.py").write_text(_TOTALS.replace("Team.totals = team_totals", ""), "utf-8")
    # NOTE: without the patch, `.totals()` is a call webwarden does not model.
    unpatched = [("WW544", "views.py", 13)]
    assert _findings(app, cache) == _findings(app, None) == unpatched


_PROXIES = """\
import flask
from werkzeug.local import LocalProxy


class AppRequest(LocalProxy):
    pass


def _get_request():
    \"\"\"The current request.\"\"\"
    return flask.request


def _get_log():
    return flask.g.request_log


request = AppRequest(_get_request)
request_log = LocalProxy(_get_log)
other = AppRequest(_get_request)
"""


def test_a_module_level_proxy_of_the_request_is_the_request() -> None:
    parsed = parse_source(_PROXIES, "app/common.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/common.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    outline = outline_of(Lowering(ctx).module_ir())
    # NOTE: a proxy of another object is not the request, nor is an object whose name
    # says nothing of a request (the screen `objects.request_name` reads names by).
    assert dict(outline.instances) == {
        "common.request": "flask.request",
        "common.request_log": "werkzeug.local.LocalProxy",
        "common.other": "common.AppRequest",
    }
