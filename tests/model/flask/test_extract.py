"""Which modules have Flask facts."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.analysis.constants import UNKNOWN
from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.extract import extract
from webwarden.model.flask.facts import FlaskFacts
from webwarden.parse.python import ParsedPython, parse_source

SOURCE = textwrap.dedent(
    """
    from flask import Flask as Application

    app = Application(__name__)
    """
)


def _facts(relpath: str) -> FlaskFacts | None:
    parsed = parse_source(SOURCE, relpath)
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    return extract(make_context(relpath, parsed, plan))


def test_an_application_module_has_its_facts_through_an_aliased_import() -> None:
    facts = _facts("shop/app.py")
    assert facts is not None
    assert [app.ref for app in facts.apps] == ["app.app"]


@pytest.mark.parametrize(
    ("imported", "wanted"),
    [
        pytest.param("from shop.wsgi import flask_app", True, id="an-app-object"),
        pytest.param("from shop import create_app", True, id="a-factory"),
        # A Django project's model of installed integrations is a class, no Flask app.
        pytest.param("from shop.integrations.models import App", False, id="a-class"),
    ],
)
def test_a_module_importing_an_app_is_read_for_flask_facts(imported: str, wanted: bool) -> None:
    parsed = parse_source(f"{imported}\n\n\ndef handler(event):\n    return event\n", "x.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract(make_context("shop/handlers.py", parsed, plan))
    assert (facts is not None) is wanted


@pytest.mark.parametrize(
    ("source", "wanted"),
    [
        pytest.param(
            "from shop import wsgi\n\nwsgi.app.run(debug=True)\n", True, id="runs-app-of-module"
        ),
        pytest.param(
            "from shop import main\n\napp = main.get_app()\n", True, id="binds-app-of-module"
        ),
        pytest.param(
            "from shop import main\n\nserver = main.get_app()\nserver.run()\n",
            True,
            id="runs-what-a-module-factory-made",
        ),
        # A worker's `run()` of an object that names no app is none of Flask's.
        pytest.param("from shop import jobs\n\njobs.queue.run()\n", False, id="other-run"),
        pytest.param("from shop import main\n\nconfig = main.app\n", False, id="other-name"),
    ],
)
def test_a_module_reaching_an_app_through_a_module_is_read(source: str, wanted: bool) -> None:
    parsed = parse_source(source, "x.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract(make_context("shop/serve.py", parsed, plan))
    assert (facts is not None) is wanted


def test_test_code_has_no_facts() -> None:
    assert _facts("tests/test_app.py") is None


def test_a_route_decorator_applied_as_a_call_adds_a_route() -> None:
    source = textwrap.dedent(
        """
        from flask import Blueprint, request

        bp = Blueprint("security", __name__)

        def login():
            return request.form["email"]

        def lookup(handlers, name):
            return handlers.get(name)(request), handlers.get("/x")(request, 1)

        bp.route("/login", methods=["POST"], endpoint="login")(login)
        bp.get(LOGOUT_URL)(login)
        bp.get("/out")(login)
        """
    )
    parsed = parse_source(source, "security/views.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract(make_context("security/views.py", parsed, plan))
    assert facts is not None
    found = [(r.owner, r.rule, r.endpoint, r.methods, r.view_name) for r in facts.routes]
    assert found == [
        ("views.bp", "/login", "login", ("POST",), "login"),
        ("views.bp", "/out", None, ("GET",), "login"),
    ]
    assert "form" in facts.routes[0].body.request_reads


def test_a_route_call_takes_the_view_decorators_and_skips_imported_views() -> None:
    source = textwrap.dedent(
        """
        from flask import Blueprint
        from flask_login import login_required
        from flask_security.views import change_password

        bp = Blueprint("auth", __name__)

        @login_required
        def change_email():
            return "ok"

        bp.route(CHANGE_EMAIL_URL, methods=["POST"])(change_email)
        bp.route(CHANGE_URL, methods=["POST"])(change_password)
        """
    )
    parsed = parse_source(source, "auth/views.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract(make_context("auth/views.py", parsed, plan))
    assert facts is not None
    assert [(r.view_name, [d.name for d in r.decorators]) for r in facts.routes] == [
        ("change_email", ["flask_login.login_required"])
    ]


def test_a_rule_a_project_helper_builds_from_a_path_is_that_path() -> None:
    # Redash: `org_scoped_rule(rule)` puts `/<org_slug>` before the path when the site
    # has several organisations.
    source = textwrap.dedent(
        """
        from flask import Blueprint
        from redash.handlers.base import org_scoped_rule

        routes = Blueprint("redash", __name__)

        @routes.route(org_scoped_rule("/invite/<token>"), methods=["GET", "POST"])
        def invite(token):
            return token

        @routes.route(prefixed("/a", "/b"), methods=["POST"])
        def two(token):
            return token

        @routes.route(org_scoped_rule(NAME), methods=["POST"])
        def unknown(token):
            return token
        """
    )
    parsed = parse_source(source, "redash/handlers/authentication.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract(make_context("redash/handlers/authentication.py", parsed, plan))
    assert facts is not None
    assert [(r.view_name, r.rule) for r in facts.routes] == [
        ("invite", "/invite/<token>"),
        ("two", None),
        ("unknown", None),
    ]


@pytest.mark.parametrize(
    ("call", "remembers"),
    [
        pytest.param("login_user(user)", False, id="no-remember"),
        pytest.param("login_user(user, remember=False)", False, id="remember-false"),
        pytest.param("login_user(user, False)", False, id="positional-false"),
        pytest.param("login_user(user, remember=True)", True, id="remember-true"),
        pytest.param("login_user(user, form.remember.data)", True, id="positional-field"),
        pytest.param("login_user(user, None)", False, id="positional-none"),
        pytest.param("login_user(user, **options)", True, id="options"),
        pytest.param("login_user(*args)", True, id="arguments-unpacked"),
        pytest.param("other.login_user(user, remember=True)", False, id="not-flask-login"),
    ],
)
def test_logging_in_with_a_remember_me_cookie_is_a_fact(call: str, remembers: bool) -> None:
    source = f"import other\nfrom flask_login import login_user\n\ndef login(user, form, options, args):\n    {call}\n"
    parsed = parse_source(source, "shop/auth.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract(make_context("shop/auth.py", parsed, plan))
    assert facts is not None
    assert facts.remembers_logins is remembers


def test_a_hook_registered_under_an_if_on_a_config_key_has_that_guard() -> None:
    source = textwrap.dedent(
        """
        from flask import Flask

        import settings

        app = Flask(__name__)

        def audit():
            pass

        def init_app(app):
            if settings.CHECK_CSRF:
                @app.before_request
                def check_csrf():
                    pass
            if app.config.get("AUDIT"):
                app.before_request(audit)
            if debug:
                @app.after_request
                def headers(response):
                    return response
            else:
                @app.after_request
                def others(response):
                    return response
        """
    )
    parsed = parse_source(source, "shop/app.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract(make_context("shop/app.py", parsed, plan))
    assert facts is not None
    found = {hook.function.rsplit(".", 1)[-1]: hook.guards for hook in facts.hooks}
    assert found == {
        "check_csrf": ("CHECK_CSRF",),
        "audit": ("AUDIT",),
        "headers": (),
        "others": (),
    }


def test_a_method_handing_its_resource_to_add_resource_adds_resources() -> None:
    source = textwrap.dedent(
        """
        from flask_restful import Api

        from shop.resources import CartResource, OrderResource

        class ScopedApi(Api):
            def add_scoped(self, resource, *urls, **kwargs):
                return self.add_resource(resource, *[scoped(u) for u in urls], **kwargs)

            def add_other(self, name, resource):
                return self.add_resource(resource, "/" + name)

        api = ScopedApi()
        api.add_scoped(CartResource, "/cart", endpoint="cart")
        api.add_other("orders", OrderResource)
        """
    )
    parsed = parse_source(source, "shop/api.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract(make_context("shop/api.py", parsed, plan))
    assert facts is not None
    found = [(r.rule, r.endpoint, r.view) for r in facts.routes if r.owner == "api.api"]
    assert found == [("/cart", "cart", "shop.resources.CartResource")]


@pytest.mark.parametrize(
    ("written", "options"),
    [
        pytest.param(
            "dict(force_https=False, frame_options=choose())",
            {"force_https": False, "frame_options": UNKNOWN},
            id="dict-call",
        ),
        pytest.param(
            '{"force_https": False, "frame_options": choose()}',
            {"force_https": False, "frame_options": UNKNOWN},
            id="display-with-an-unknown-value",
        ),
        pytest.param("dict(other, force_https=False)", {"**": UNKNOWN}, id="dict-of-a-mapping"),
    ],
)
def test_spread_options_written_in_the_module_are_read_key_by_key(
    written: str, options: dict[str, object]
) -> None:
    source = (
        "from flask import Flask\nfrom flask_talisman import Talisman, talisman\n"
        f"CONFIG = {written}\napp = Flask(__name__)\nTalisman(app, **CONFIG)\n"
    )
    parsed = parse_source(source, "shop/app.py")
    assert isinstance(parsed, ParsedPython)
    facts = extract(make_context("shop/app.py", parsed, FilePlan((), 1 << 20, frozenset(), ())))
    assert facts is not None
    (extension,) = facts.extensions
    assert dict(extension.options) == options


def test_an_app_made_under_an_imported_name_is_the_modules_own() -> None:
    # A maintenance script falls back to an app of its own when the project's cannot be
    # imported: the app it makes is not the project's `app.app`, which is served.
    source = textwrap.dedent(
        """
        try:
            from app import app
        except ImportError:
            from flask import Flask

            app = Flask(__name__)
        """
    )
    parsed = parse_source(source, "bin/reset_password.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract(make_context("bin/reset_password.py", parsed, plan))
    assert facts is not None
    assert [app.ref for app in facts.apps] == ["reset_password.app"]


@pytest.mark.parametrize(
    ("server", "tls"),
    [
        pytest.param(
            'WSGIServer(("0.0.0.0", 443), app, certfile=cert, keyfile=key)', True, id="certificate"
        ),
        pytest.param("WSGIServer(listener, application=app, ssl_context=ctx)", True, id="context"),
        pytest.param('WSGIServer(("0.0.0.0", 80), app)', False, id="plain"),
    ],
)
def test_a_gevent_server_is_a_run_of_the_app_it_serves(server: str, tls: bool) -> None:
    source = f"from gevent.pywsgi import WSGIServer\nfrom shop import make_app\n\napp = make_app()\n{server}\n"
    parsed = parse_source(source, "x.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    facts = extract(make_context("shop/serve.py", parsed, plan))
    assert facts is not None
    [run] = facts.runs
    options = dict(run.options)
    assert (run.target, run.callee) == ("shop.make_app()", "gevent.pywsgi.WSGIServer")
    assert "application" in options  # NOTE: like `run_simple`, it reads no `DEBUG`
    assert (options["ssl_context"] is not None) is tls
