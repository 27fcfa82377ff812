"""Shared by the template CSRF rules: which forms leave the site, which write a token."""

from __future__ import annotations

from urllib.parse import urlsplit

from webwarden.model.flask.app import FlaskApp
from webwarden.model.project import ProjectModel
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.facts import FormFact
from webwarden.parse.templates.html import DYNAMIC
from webwarden.rules.flask_base import CSRF_EXTENSIONS


def other_origin(action: str | None) -> str:
    """The host an absolute action URL posts to ("" for same-site or dynamic actions)."""
    if not action:
        return ""
    action = action.strip()
    if action.startswith(DYNAMIC) or not action.startswith(("http://", "https://", "//")):
        return ""
    host = urlsplit(action.replace(DYNAMIC, "x")).netloc
    return host


def token_from_elsewhere(form: FormFact, model: TemplateModel, relpath: str) -> bool:
    """An include or a form-rendering macro inside the form may write the token."""
    for name in form.includes:
        target = model.resolve(name, relpath) if name != "?" else None
        if target is None or model.files[target].writes_token:
            return True
    return any("form" in macro.rsplit(".", 1)[-1].lower() for macro in form.macros)


def _checks(app: FlaskApp) -> bool:
    return bool(app.extension(*CSRF_EXTENSIONS)) or any(
        app.uses_flask_form(route) for route in app.routes
    )


def flask_checks_tokens(project: ProjectModel, relpath: str) -> bool:
    """The Flask app that renders (or holds) the template uses CSRFProtect or SeaSurf,
    or a view of it validates a Flask-WTF form; any app of the project when the
    template belongs to none."""
    if project.flask is None:
        return False
    model = project.templates
    renderers = (
        {link.render.location.path for link in model.rendered_by(relpath)} if model else set()
    )
    owners = [
        app
        for app in project.flask.apps
        if renderers & app.modules
        or not app.root_dir
        or relpath.startswith(app.root_dir.rstrip("/") + "/")
    ]
    return any(_checks(app) for app in owners or project.flask.apps)


def django_checks_tokens(project: ProjectModel) -> bool:
    """Django's `CsrfViewMiddleware` is in the project's `MIDDLEWARE`."""
    model = project.templates
    return model is not None and model.csrf_middleware is True
