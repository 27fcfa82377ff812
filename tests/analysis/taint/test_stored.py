"""The session keys a module stores request data under."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.stored import session_item, stored_keys, stored_session_keys
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source


def _keys(source: str) -> dict[str, bool]:
    """Each key stored with request data -> whether only as another object's answer."""
    parsed = parse_source(textwrap.dedent(source), "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    return {key: relayed for key, _, relayed in stored_session_keys(ctx)}


@pytest.mark.parametrize(
    ("body", "relayed"),
    [
        pytest.param('request.session["k"] = request.POST["next"]', False, id="direct"),
        pytest.param(
            'request.session["k"] = json.loads(request.body)', False, id="module-function"
        ),
        pytest.param(
            'request.session["k"] = ", ".join(request.POST.getlist("ids"))', False, id="string"
        ),
        pytest.param(
            'form = Form(request.POST)\nrequest.session["k"] = form.cleaned_data.get("next")',
            False,
            id="method-of-request-data",
        ),
        pytest.param(
            'answer = Client().login(request.POST["email"])\nrequest.session["k"] = answer["user"]',
            True,
            id="answer",
        ),
        pytest.param(
            'request.session["k"] = self.api.update(name=request.POST["name"])',
            True,
            id="answer-by-keyword",
        ),
        pytest.param(
            'request.session["k"] = api.find(request.GET["q"]) or request.GET["q"]',
            False,
            id="answer-or-direct",
        ),
    ],
)
def test_stored_keys_and_whether_only_answers(body: str, relayed: bool) -> None:
    source = f"import json\n\ndef view(request):\n{textwrap.indent(body, '    ')}\n"
    assert _keys(source) == {"k": relayed}


def test_a_key_is_relayed_only_when_every_module_relays_it() -> None:
    answer = (("user", frozenset(), True),)
    direct = (("user", frozenset(), False),)
    assert stored_keys([answer, answer]) == ({"user": frozenset()}, frozenset({"user"}))
    assert stored_keys([answer, direct]) == ({"user": frozenset()}, frozenset())


@pytest.mark.parametrize(
    ("body", "key"),
    [
        pytest.param(
            "request.session.update({'k': request.GET['next']})", "k", id="update-with-dict"
        ),
        pytest.param("request.session.update(k=request.GET['next'])", "k", id="update-keywords"),
        pytest.param(
            "request.session[REDIRECT_FIELD_NAME] = request.GET['next']",
            "<django.contrib.auth.REDIRECT_FIELD_NAME>",
            id="imported-constant-key",
        ),
        pytest.param(
            "request.session.update({REDIRECT_FIELD_NAME: request.GET['next']})",
            "<django.contrib.auth.REDIRECT_FIELD_NAME>",
            id="update-with-imported-constant-key",
        ),
    ],
)
def test_keys_stored_by_update_and_by_imported_constant(body: str, key: str) -> None:
    source = (
        "from django.contrib.auth import REDIRECT_FIELD_NAME\n\n"
        f"def view(request):\n{textwrap.indent(body, '    ')}\n"
    )
    assert _keys(source) == {key: False}


def test_a_key_held_in_a_variable_is_no_key() -> None:
    source = "def view(request, name):\n    request.session[name] = request.GET['next']\n"
    assert _keys(source) == {}


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "def view(req):\n    req.session['k'] = req.GET['next']\n", id="function-view"
        ),
        pytest.param(
            "class Login:\n    def get(self, http_request):\n"
            "        http_request.session['k'] = http_request.GET['next']\n",
            id="method-after-self",
        ),
    ],
)
def test_the_request_is_the_views_first_parameter_whatever_its_name(source: str) -> None:
    assert _keys(source) == {"k": False}


def test_another_parameter_is_no_request() -> None:
    source = "def helper(form, holder):\n    holder.session['k'] = holder.GET['next']\n"
    assert _keys(source) == {}


@pytest.mark.parametrize(
    ("kind", "index", "key"),
    [
        pytest.param("<session>", ir.Global("app.keys.NEXT"), "[<app.keys.NEXT>]", id="django"),
        pytest.param("flask.session", ir.Global("app.NEXT"), "[<app.NEXT>]", id="flask"),
        pytest.param("<dict>", ir.Global("app.keys.NEXT"), "", id="not-a-session"),
        pytest.param("<session>", ir.Const("next"), "", id="string-key"),
    ],
)
def test_session_item_named_by_a_constant(kind: str, index: ir.Expr, key: str) -> None:
    assert session_item(kind, index) == key
