"""Decorators that check a token sent in a header, the project's and the libraries', and
functions of the project that check the user's permission."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.model.flask.model_helpers import flask_model

_PROVIDER = """
from flask import Flask
from flask_oauthlib.provider import OAuth2Provider

app = Flask(__name__)


class Provider(OAuth2Provider):
    def required(self, *scopes):
        return self.require_oauth(*scopes)

    def listed(self, *scopes):
        return self.scopes(*scopes)


oauth = Provider(app)
"""


@pytest.mark.parametrize(
    ("source", "decorator", "header_guard"),
    [
        pytest.param(_PROVIDER, "@oauth.require_oauth('email')", True, id="library-method"),
        pytest.param(_PROVIDER, "@oauth.required()", True, id="subclass-delegating"),
        pytest.param(_PROVIDER, "@oauth.listed()", False, id="subclass-other-method"),
        pytest.param(
            "from flask import Flask\n"
            "from authlib.integrations.flask_oauth2 import ResourceProtector\n"
            "app = Flask(__name__)\n"
            "require_oauth = ResourceProtector()\n",
            "@require_oauth('profile')",
            True,
            id="authlib-instance-call",
        ),
        pytest.param(
            "from flask import Flask\n"
            "from flask_httpauth import HTTPTokenAuth\n"
            "app = Flask(__name__)\n"
            "auth = HTTPTokenAuth(scheme='Bearer')\n",
            "@auth.login_required",
            True,
            id="token-auth-extension-object",
        ),
        pytest.param(
            "from flask import Flask\n"
            "from flask_oauthlib.provider import OAuth2Provider\n"
            "app = Flask(__name__)\n"
            "oauth = OAuth2Provider(app)\n",
            "@oauth.require_oauth('email')",
            True,
            id="library-provider-object",
        ),
        pytest.param(
            "from flask import Flask\n"
            "from flask_httpauth import HTTPBasicAuth\n"
            "app = Flask(__name__)\n"
            "auth = HTTPBasicAuth()\n",
            "@auth.login_required",
            False,
            id="basic-auth-kept-by-browser",
        ),
    ],
)
def test_header_guards(tmp_path: Path, source: str, decorator: str, header_guard: bool) -> None:
    view = f"""
    @app.route("/things/<int:thing_id>")
    {decorator}
    def thing(thing_id):
        return "ok"
    """
    (tmp_path / "app.py").write_text(textwrap.dedent(source) + textwrap.dedent(view))
    (app,) = flask_model(tmp_path).apps
    route = next(r for r in app.routes if r.endpoint == "thing")
    assert app.header_guarded(route) is header_guard


_CHECKS = """
from flask import Flask, abort
from flask_login import current_user

app = Flask(__name__)


def owner_only(post, refusal=403):
    if current_user.id != post.owner_id:
        abort(refusal)


def missing_only(post, refusal=404):
    if current_user.id != post.owner_id:
        abort(refusal)


def rebound(post, refusal=403):
    refusal = 404
    if current_user.id != post.owner_id:
        abort(refusal)


def via_helper(post):
    owner_only(post, "no")


def recursive(post):
    return recursive(post)
"""


@pytest.mark.parametrize(
    ("call", "checks"),
    [
        pytest.param("owner_only(post)", True, id="default-refusal-403"),
        pytest.param("missing_only(post)", False, id="default-refusal-404"),
        pytest.param("rebound(post)", False, id="parameter-rebound"),
        pytest.param("via_helper(post)", True, id="through-a-helper"),
        pytest.param("recursive(post)", False, id="recursive-helper"),
    ],
)
def test_permission_calls(tmp_path: Path, call: str, checks: bool) -> None:
    view = f"""
    @app.post("/posts/<int:post_id>")
    def edit(post_id):
        post = None
        {call}
        return "ok"
    """
    (tmp_path / "app.py").write_text(textwrap.dedent(_CHECKS) + textwrap.dedent(view))
    (app,) = flask_model(tmp_path).apps
    route = next(r for r in app.routes if r.endpoint == "edit")
    assert bool(route.body.calls & app.called_guards) is checks


_KEPT_USER_WRAPPER = """
import functools

from flask import Flask, abort, g

app = Flask(__name__)


def needed(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        {check}
        return view(*args, **kwargs)

    return wrapper
"""


@pytest.mark.parametrize(
    ("check", "guards"),
    [
        pytest.param("if not g.user.can('edit'):\n            abort(403)", True, id="g-user"),
        pytest.param(
            "if not g.session or not g.session.user.can('edit'):\n            abort(403)",
            True,
            id="login-session-on-g",
        ),
        pytest.param("g.user = load_user()\n        abort(403)", False, id="user-only-set"),
        pytest.param("if not g.store.users:\n            abort(403)", False, id="users-collection"),
        pytest.param("print(g.session.user)", False, id="read-not-refused"),
    ],
)
def test_wrapper_refusing_user_kept_on_g(tmp_path: Path, check: str, guards: bool) -> None:
    view = """
    @app.post("/things")
    @needed
    def things():
        return "ok"
    """
    source = textwrap.dedent(_KEPT_USER_WRAPPER).replace("{check}", check)
    (tmp_path / "app.py").write_text(source + textwrap.dedent(view))
    (app,) = flask_model(tmp_path).apps
    (decorator,) = next(r for r in app.routes if r.endpoint == "things").decorators
    assert app.guards_access(decorator) is guards


_SCOPED = """
from functools import wraps

from authlib.integrations.flask_oauth2 import ResourceProtector, current_token
from flask import Flask, abort, session

app = Flask(__name__)
require_oauth = ResourceProtector()


def require_permission(permission):
    def decorator(f):
        @wraps(f)
        def wrapper(*args, **kwargs):
            {check}
            return f(*args, **kwargs)

        return wrapper

    return decorator
"""


@pytest.mark.parametrize(
    ("check", "scoped"),
    [
        pytest.param(
            "if not current_token.subject.can(permission):\n                abort(403)",
            True,
            id="asks-verified-token",
        ),
        pytest.param(
            "if not (current_token or session.get('user')):\n                abort(403)",
            False,
            id="falls-back-to-session",
        ),
        pytest.param("abort(403)", False, id="asks-no-token"),
    ],
)
def test_token_scoped_decorators(tmp_path: Path, check: str, scoped: bool) -> None:
    view = """
    @app.post("/things")
    @require_oauth()
    @require_permission("edit")
    def things():
        return "ok"
    """
    source = textwrap.dedent(_SCOPED).replace("{check}", check)
    (tmp_path / "app.py").write_text(source + textwrap.dedent(view))
    (app,) = flask_model(tmp_path).apps
    route = next(r for r in app.routes if r.endpoint == "things")
    assert (route.decorators[1].name in app.token_scoped) is scoped
    assert app.authenticates_by_cookie(route) is not scoped
