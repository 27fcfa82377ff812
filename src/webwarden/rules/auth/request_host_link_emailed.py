"""WW778: a Flask app e-mails a link carrying a secret, built on the request's Host."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import Judged
from webwarden.model.project import ProjectModel
from webwarden.model.tree import summands
from webwarden.rules.auth._link_parts import leading_parts
from webwarden.rules.auth._mail import carriers, sends_mail
from webwarden.rules.auth._mailed_links import (
    holders,
    inside_mail,
    mail_text,
    mailed,
    mailed_secret,
    names_read,
    secret_in_url_for,
    secret_name,
)
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.flask_base import in_effect

_URL_FOR = frozenset({"flask.url_for", "flask.helpers.url_for"})
_REQUEST = frozenset({"flask.request", "flask.globals.request"})
_HOST_ATTRIBUTES = frozenset({"host_url", "url_root", "host", "root_url"})
"""Flask's request attributes made from the `Host` header the client sent."""
_PINNING_KEYS = ("SERVER_NAME", "TRUSTED_HOSTS")
"""Config that makes Flask build external URLs from the configured name
(`SERVER_NAME`) or refuse a request for a host not listed (`TRUSTED_HOSTS`, Flask 3.1)."""
_CONTEXT_MAKERS = frozenset({"app_context", "test_request_context"})
_RENDERERS = frozenset({"flask.render_template", "flask.templating.render_template"})
_UNSET = "no config sets `SERVER_NAME` or `TRUSTED_HOSTS`"
_OPTIONAL = "`SERVER_NAME` (or `TRUSTED_HOSTS`) is set only if the deployment sets a variable"
_TAG = "template:"
_TEMPLATE_SUFFIXES = (".html", ".txt", ".j2", ".jinja", ".jinja2")
_TEMPLATE_MESSAGE = (
    "the e-mail sent by `{mail}` renders `{template}`, whose link carrying a secret is"
    " built on the request's Host (`url_for(..., _external=True)`); no config sets"
    " `SERVER_NAME` or `TRUSTED_HOSTS`"
)


class RequestHostLinkEmailed(PythonRule):
    """## What it does
    Finds a Flask view (or a helper it calls) that e-mails a link holding a secret (a
    password-reset or confirmation token, a one-time code) built on the host the request
    names, while no config the project's apps load sets `SERVER_NAME` or
    `TRUSTED_HOSTS`: `url_for(..., token=token, _external=True)`, text starting with
    `request.host_url`, `request.url_root` or `request.host`, and a template the mail
    renders (`render_template("email/reset.txt", token=token)`, or a template name
    handed to the project's mail helper with the token) whose
    `{{ url_for(..., token=token, _external=True) }}` builds the link.

    ## Why is this bad?
    Inside a request, Flask builds external URLs from the `Host` header the client sent,
    and without `SERVER_NAME` or `TRUSTED_HOSTS` it accepts any. Anyone can then ask for
    a password reset of someone else's account with `Host: attacker.example`: the
    application mails the victim a genuine message whose link leads to the attacker's
    site, token included, and one click (or a mail scanner following links) gives the
    account away. This is password-reset poisoning. Whether it can be done depends on
    the server in front: a proxy that passes any `Host` to the app (nginx's
    `proxy_set_header Host $host` in a default server) lets it through.

    ## Known problems
    The link is followed within one function; a template is found by a constant name
    (a helper adding `.txt` or `.html` to a path is tried with both). A function
    decorated as a Celery task, or one pushing its own app context, runs outside any
    request and is not reported (without `SERVER_NAME` its
    `url_for(..., _external=True)` fails). When an app loads config webwarden cannot
    read (a file named at deploy time), or sets `SERVER_NAME` from a variable the
    deployment may leave unset (`os.environ.get("SERVER_NAME")`), the finding is of low
    confidence.

    ## Example
    ```python
    from flask import Flask, request, url_for
    from flask_mail import Mail, Message

    app = Flask(__name__)
    mail = Mail(app)

    @app.post("/forgot")
    def forgot():
        user = User.query.filter_by(email=request.form["email"]).one()
        token = user.get_reset_token()
        link = url_for("reset", token=token, _external=True)
        mail.send(Message("Reset your password", recipients=[user.email], body=link))
        return "sent"
    ```

    ## Fix
    ```python
    app = Flask(__name__)
    app.config["SERVER_NAME"] = "www.example.com"  # or TRUSTED_HOSTS on Flask 3.1+
    ```

    ## References
    - [CWE-640: Weak Password Recovery Mechanism for Forgotten Password](https://cwe.mitre.org/data/definitions/640.html)
    - [PortSwigger: Password reset poisoning](https://portswigger.net/web-security/host-header/exploiting/password-reset-poisoning)
    - [Flask: SERVER_NAME and TRUSTED_HOSTS](https://flask.palletsprojects.com/en/stable/config/#SERVER_NAME)
    """

    code = "WW778"
    name = "request-host-link-emailed"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 640
    message = (
        "the link e-mailed by `{mail}` is built on the request's Host (`{source}`) and"
        " carries `{carried}`; no config sets `SERVER_NAME` or `TRUSTED_HOSTS`"
    )
    fix = "set `SERVER_NAME` (or `TRUSTED_HOSTS`) in production config, or build the link from a setting"
    mentions = ("mail", "flask")

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if not sends_mail(ctx, node) or inside_mail(ctx, node):
            return
        function = ctx.scopes.enclosing_function(node)
        if function is None or _outside_request(ctx, function):
            return
        for whole, lead in _host_links(ctx, function):
            secret = mailed_secret(ctx, function, node, whole, lead)
            if secret is not None:
                source = ast.unparse(lead)
                if lead is getattr(whole, "func", None):
                    source += "(..., _external=True)"
                yield self.finding(
                    ctx, node, mail=mail_text(ctx, node), source=source, carried=secret
                )
                return
        names = _mailed_templates(ctx, function, node)
        if names:
            finding = self.finding(
                ctx,
                node,
                message=_TEMPLATE_MESSAGE,
                mail=mail_text(ctx, node),
                template=", ".join(names),
            )
            yield dataclasses.replace(finding, tags=tuple(_TAG + name for name in names))

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """Some app of the project pins its host (`SERVER_NAME`, `TRUSTED_HOSTS`, or
        a deploy-time value for one with no empty default), or no template the mail
        renders builds a link carrying a secret on the host."""
        if any(_pinned(judged.value) for judged in _pinning(project)):
            return True
        names = [tag.removeprefix(_TAG) for tag in finding.tags if tag.startswith(_TAG)]
        return bool(names) and not any(
            _secret_link(project, name, finding.location.path) for name in names
        )

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Named by the templates that build the link; low confidence when an app loads
        config webwarden cannot read, or pins its host only when the deployment sets a
        variable."""
        names = [tag.removeprefix(_TAG) for tag in finding.tags if tag.startswith(_TAG)]
        if names:
            found = [n for n in names if _secret_link(project, n, finding.location.path)]
            message = finding.message.replace(", ".join(names), ", ".join(found))
            finding = dataclasses.replace(finding, message=message)
        model = project.flask
        if any(judged.setting is not None for judged in _pinning(project)):
            message = finding.message.replace(_UNSET, _OPTIONAL)
            return dataclasses.replace(finding, confidence=Confidence.LOW, message=message)
        if model is not None and any(app.opaque for app in model.apps):
            return dataclasses.replace(finding, confidence=Confidence.LOW)
        return finding


def _pinning(project: ProjectModel) -> Iterator[Judged]:
    model = project.flask
    for app in model.apps if model is not None else ():
        for key in _PINNING_KEYS:
            yield from app.judge(key)


def _pinned(value: object) -> bool:
    """A host set, or required from the deployment (`os.environ["SERVER_NAME"]`); not
    `os.environ.get("SERVER_NAME")`, unset unless the deployment sets it."""
    return in_effect(value) is not None


def _secret_link(project: ProjectModel, name: str, near: str) -> bool:
    """Whether the template `name` builds an external link that carries a secret."""
    model = project.templates
    path = model.resolve(name, near) if model is not None else None
    facts = model.files.get(path) if model is not None and path is not None else None
    return facts is not None and any(
        secret_in_url_for(text) is not None for _, text in facts.external_links
    )


def _mailed_templates(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef, mail: ast.Call
) -> list[str]:
    """The templates `render_template` renders into what `mail` sends, by name."""
    names: list[str] = []
    for node in ast.walk(function):
        if not isinstance(node, ast.Call) or ctx.call_name(node) not in _RENDERERS:
            continue
        if not node.args or not mailed(
            mail, carriers(function, holders(ctx, node), names_read), node
        ):
            continue
        given = node.args[0]
        options = given.elts if isinstance(given, ast.List | ast.Tuple) else [given]
        names += [
            option.value
            for option in options
            if isinstance(option, ast.Constant) and isinstance(option.value, str)
        ]
    return names + _named_templates(mail)


def _named_templates(mail: ast.Call) -> list[str]:
    """The template a project's mail helper is told to render, with what it fills it
    with (`send_email(user.email, "Reset", "auth/email/reset", token=token)`): a name
    with a template's extension, or a path without one (the helper adds `.txt` and
    `.html`)."""
    if not any(k.arg is None or secret_name(k.arg) for k in mail.keywords):
        return []
    names: list[str] = []
    for argument in mail.args:
        if not isinstance(argument, ast.Constant) or not isinstance(argument.value, str):
            continue
        text = argument.value
        if " " in text or not text:
            continue
        if text.endswith(_TEMPLATE_SUFFIXES):
            names.append(text)
        elif "/" in text:
            names += [text + ".txt", text + ".html"]
    return names


def _host_links(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> Iterator[tuple[ast.expr, ast.expr]]:
    """Each link `function` builds on the request's host, with what names the host:
    `url_for(..., _external=True)` (with its callee), and text starting with
    `request.host_url` (`request.host_url + "reset/" + token`, `f"{request.url_root}..."`)."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and _external_url_for(ctx, node):
            yield node, node.func
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            first = summands(node)[0]
            if _request_host(ctx, first):
                yield node, first
        elif isinstance(node, ast.JoinedStr) and node.values:
            first_value = node.values[0]
            if isinstance(first_value, ast.FormattedValue) and _request_host(
                ctx, first_value.value
            ):
                yield node, first_value.value
    for whole, lead in leading_parts(function):
        if _request_host(ctx, lead):
            yield whole, lead


def _external_url_for(ctx: FileContext, call: ast.Call) -> bool:
    if ctx.call_name(call) not in _URL_FOR:
        return False
    return any(
        k.arg == "_external" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in call.keywords
    )


def _request_host(ctx: FileContext, node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr in _HOST_ATTRIBUTES
        and ctx.qualified(node.value) in _REQUEST
    )


def _outside_request(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A Celery task, or a function pushing its own app context: no request's host."""
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = ctx.qualified(target) or ast.unparse(target)
        if name.rpartition(".")[2] in {"task", "shared_task", "periodic_task"}:
            return True
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _CONTEXT_MAKERS
        for node in ast.walk(function)
    )
