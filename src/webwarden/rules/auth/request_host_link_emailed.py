"""WW778: an e-mailed link carrying a secret, built on the Host header the request sent."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import Judged
from webwarden.model.flask.request_names import confirmed_request, request_candidates
from webwarden.model.project import ProjectModel
from webwarden.model.tree import self_method, summands
from webwarden.rules.auth._link_parts import leading_parts_in
from webwarden.rules.auth._mail import sends_mail
from webwarden.rules.auth._mailed_links import (
    carried_secret,
    holding,
    inside_mail,
    mail_text,
    mailed,
    mailed_secret,
    secret_in_url_for,
    secret_name,
)
from webwarden.rules.auth._request_headers import is_request
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.django_settings import any_host
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
_SCREEN = (
    "_external",
    "host_url",
    "url_root",
    ".host",
    "build_absolute_uri",
    "get_host",
    "request_host",
)
"""What a module building a link on the request's host spells."""
_TAG = "template:"
_DJANGO = "django"
_CANDIDATE = "request-candidate:"
"""Tag of a finding whose host is read from a name the module imports from its own
package as `request` (see `model.flask.request_names`): refuted unless it is Flask's."""
_DJANGO_MESSAGE = (
    "the link e-mailed by `{mail}` is built on the request's Host (`{source}`) and"
    " carries `{carried}`; `ALLOWED_HOSTS` accepts any host"
)
_TEMPLATE_SUFFIXES = (".html", ".txt", ".j2", ".jinja", ".jinja2")
_TEMPLATE_MESSAGE = (
    "the e-mail sent by `{mail}` renders `{template}`, whose link carrying a secret is"
    " built on the request's Host (`url_for(..., _external=True)`); no config sets"
    " `SERVER_NAME` or `TRUSTED_HOSTS`"
)


class RequestHostLinkEmailed(PythonRule):
    """## What it does
    Finds a view (or a helper it calls) that e-mails a link holding a secret (a
    password-reset or confirmation token, a one-time code) built on the host the request
    names. In a Flask app, while no config the project's apps load sets `SERVER_NAME` or
    `TRUSTED_HOSTS`: `url_for(..., token=token, _external=True)`, text starting with
    `request.host_url`, `request.url_root` or `request.host`, and a template the mail
    renders (`render_template("email/reset.txt", token=token)`, or a template name
    handed to the project's mail helper with the token) whose
    `{{ url_for(..., token=token, _external=True) }}` builds the link. In a Django
    project whose `ALLOWED_HOSTS` accepts any host (`"*"`; in a module the site is
    served with, when it has one: a development or test module's says nothing of the
    deployed site):
    `request.build_absolute_uri(reverse(..., kwargs={"token": token}))` and text
    starting with `request.get_host()`, also on the request a REST framework serializer
    is handed (`self.context["request"]`) and in a mail sent through asgiref's adapters
    (`async_to_sync(send_mail)(...)`), and python-social-auth's strategy, which builds
    on the request's host too (`strategy.build_absolute_uri(...)` in the function
    `SOCIAL_AUTH_EMAIL_VALIDATION_FUNCTION` names, `backend.strategy.request_host()`).
    When the link gains more parameters later (`url = f"{url}&ref={ref}"`), the
    message names the secret written first. A method of the view's class returning such a
    link (`self.reset_link(request, user)`) counts as building it.

    ## Why is this bad?
    Inside a request, Flask builds external URLs from the `Host` header the client sent,
    and without `SERVER_NAME` or `TRUSTED_HOSTS` it accepts any; Django checks the host
    against `ALLOWED_HOSTS`, which `"*"` turns off. Anyone can then ask for
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
    fix = (
        "pin the host: `SERVER_NAME` or `TRUSTED_HOSTS` (Flask), the real host names in"
        " `ALLOWED_HOSTS` (Django); or build the link from a setting"
    )
    mentions = ("mail", (*_SCREEN, "render_template", "mail/", "mails/"))

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if not sends_mail(ctx, node) or inside_mail(ctx, node):
            return
        function = ctx.scopes.enclosing_function(node)
        if function is None:
            return
        links = _host_links(ctx, function) if any(map(ctx.mentions, _SCREEN)) else iter(())
        for link in links:
            secret = link.secret
            if secret is None:
                secret = mailed_secret(ctx, function, node, link.whole, link.lead)
            elif not mailed(node, holding(ctx, function, link.whole), link.whole):
                secret = None
            if secret is not None:
                if _outside_request(ctx, function):
                    return
                finding = self.finding(
                    ctx,
                    node,
                    message=_DJANGO_MESSAGE if link.django else None,
                    mail=mail_text(ctx, node),
                    source=link.source,
                    carried=secret,
                )
                tags = (_DJANGO,) if link.django else _candidate_tags(ctx, link.lead)
                yield dataclasses.replace(finding, tags=tags) if tags else finding
                return
        names = _mailed_templates(ctx, function, node)
        if names and not _outside_request(ctx, function):
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
        if _DJANGO in finding.tags:
            return not _any_host(project)
        if not _requests_confirmed(finding, project):
            return True
        if any(_pinned(judged.value) for judged in _pinning(project)):
            return True
        names = _templates_of(finding)
        return bool(names) and not any(
            _secret_link(project, name, finding.location.path) for name in names
        )

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Named by the templates that build the link; low confidence when an app loads
        config webwarden cannot read, or pins its host only when the deployment sets a
        variable."""
        if _DJANGO in finding.tags:
            return finding
        names = _templates_of(finding)
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


def _templates_of(finding: Finding) -> list[str]:
    """The templates a finding's mail renders, as its tags name them."""
    return [tag.removeprefix(_TAG) for tag in finding.tags if tag.startswith(_TAG)]


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
        if not node.args or not mailed(mail, holding(ctx, function, node), node):
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


@dataclass(frozen=True, slots=True)
class _Link:
    """A link built on the request's host: the expression (`whole`), what in it names
    the host (`lead`), and the secret it carries when a method of the class built it."""

    whole: ast.expr
    lead: ast.expr
    source: str
    django: bool = False
    secret: str | None = None


def _host_links(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef, depth: int = 0
) -> Iterator[_Link]:
    """Each link `function` builds on the request's host: Flask's
    `url_for(..., _external=True)` and text starting with `request.host_url`
    (`request.host_url + "reset/" + token`, `f"{request.url_root}..."`); Django's
    `request.build_absolute_uri(...)` and text starting with `request.get_host()`; and
    a method of the class returning such a link with a secret
    (`self.activation_link(request, user)`)."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and _external_url_for(ctx, node):
            yield _Link(node, node.func, ast.unparse(node.func) + "(..., _external=True)")
        elif isinstance(node, ast.Call) and _absolute_uri(ctx, node):
            yield _Link(node, node.func, ast.unparse(node.func) + "(...)", django=True)
        elif isinstance(node, ast.Call) and depth == 0:
            yield from _method_links(ctx, function, node)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            first = summands(node)[0]
            if _request_host(ctx, first):
                yield _Link(node, first, ast.unparse(first), django=_django_host(ctx, first))
        elif isinstance(node, ast.JoinedStr) and node.values:
            first_value = node.values[0]
            if isinstance(first_value, ast.FormattedValue) and _request_host(
                ctx, first_value.value
            ):
                lead = first_value.value
                yield _Link(node, lead, ast.unparse(lead), django=_django_host(ctx, lead))
    for whole, lead in leading_parts_in(ctx, function):
        if _request_host(ctx, lead):
            yield _Link(whole, lead, ast.unparse(lead), django=_django_host(ctx, lead))


def _method_links(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call
) -> Iterator[_Link]:
    """`self.m(...)` where the class's method `m` returns a link built on the host that
    carries a secret."""
    name = self_method(call)
    owner = ctx.parent(function)
    if name is None:
        return
    if not isinstance(owner, ast.ClassDef):
        return
    method = next(
        (
            s
            for s in owner.body
            if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name == name
        ),
        None,
    )
    if method is None:
        return
    returned = [
        n.value for n in ast.walk(method) if isinstance(n, ast.Return) and n.value is not None
    ]
    for link in _host_links(ctx, method, depth=1):
        if not any(link.whole is value for value in returned):
            continue
        secret = carried_secret(method, set(), link.whole, {id(n) for n in ast.walk(link.lead)})
        if secret is not None:
            yield _Link(call, call.func, link.source, link.django, secret)
            return


def _absolute_uri(ctx: FileContext, call: ast.Call) -> bool:
    """Django's `request.build_absolute_uri(...)`: the scheme and host of the request;
    also python-social-auth's `strategy.build_absolute_uri(...)`, which hands the path
    to the request's own."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "build_absolute_uri"
        and (is_request(ctx, func.value) or _social_strategy(func.value))
    )


def _django_host(ctx: FileContext, node: ast.expr) -> bool:
    """`request.get_host()`: the host Django took from the request, if it is allowed;
    also python-social-auth's `strategy.request_host()`, which returns it."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return False
    func = node.func
    if func.attr == "request_host":
        return _social_strategy(func.value)
    return func.attr == "get_host" and is_request(ctx, func.value)


def _social_strategy(node: ast.expr) -> bool:
    """python-social-auth's strategy: the `strategy` its pipeline steps and its e-mail
    validation function are handed, or a backend's (`backend.strategy`)."""
    if isinstance(node, ast.Attribute):
        return node.attr == "strategy"
    return isinstance(node, ast.Name) and node.id == "strategy"


def _any_host(project: ProjectModel) -> bool:
    """Whether some settings module's `ALLOWED_HOSTS` accepts any host (`"*"`): one the
    site is served with, when the project has such a module; a development or test
    module's (`settings/dev.py`, the settings an image build collects the static files
    with) says nothing of the deployed site's hosts."""
    django = project.django
    if django is None:
        return False
    modules = list(django.settings.values())
    served = [settings for settings in modules if not settings.role.is_development]
    return any(
        any_host(possibility) is not None
        for settings in served or modules
        for possibility in settings.get("ALLOWED_HOSTS")
    )


def _external_url_for(ctx: FileContext, call: ast.Call) -> bool:
    if ctx.call_name(call) not in _URL_FOR:
        return False
    return any(
        k.arg == "_external" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in call.keywords
    )


def _request_host(ctx: FileContext, node: ast.expr) -> bool:
    """Flask's `request.host_url` (and the like), also through a name the module imports
    from its own package as `request` (confirmed at the project step: see `refuted`), or
    Django's `request.get_host()`."""
    if _django_host(ctx, node):
        return True
    if not (isinstance(node, ast.Attribute) and node.attr in _HOST_ATTRIBUTES):
        return False
    owner = ctx.qualified(node.value)
    return owner in _REQUEST or owner in _candidates(ctx)


def _candidates(ctx: FileContext) -> frozenset[str]:
    """The qualified names of the module's request candidates (`app.common.request`)."""
    found = ctx.memo.get(_CANDIDATE)
    if found is None:
        found = ctx.memo[_CANDIDATE] = frozenset(request_candidates(ctx).values())
    return cast("frozenset[str]", found)


def _candidate_tags(ctx: FileContext, lead: ast.expr) -> tuple[str, ...]:
    owner = ctx.qualified(lead.value) if isinstance(lead, ast.Attribute) else None
    return (_CANDIDATE + owner,) if owner is not None and owner in _candidates(ctx) else ()


def _requests_confirmed(finding: Finding, project: ProjectModel) -> bool:
    """Whether every request candidate the finding's link was read from is Flask's."""
    candidates = [t.removeprefix(_CANDIDATE) for t in finding.tags if t.startswith(_CANDIDATE)]
    if not candidates:
        return True
    imports = {s.module: s.imports for s in project.modules.values() if not s.is_test}
    return all(confirmed_request(c, imports, project.read_module) for c in candidates)


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
