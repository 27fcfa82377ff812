"""WW562: a response whose content type the request chooses."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.model.templates.extract_renders import scope_feeds
from webwarden.model.templates.feeds import BODY_TYPE_SAFE
from webwarden.rules.auditing._allow_lists import chosen_from_constants, refused_unless_listed
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.xss._typed_url_parameters import refuted_typed_parameter, typed_parameter_tags
from webwarden.rules.xss._unrouted_helpers import helper_parameter_tags, refuted_unrouted_helper

_RESPONSES = frozenset(
    {
        "flask.send_file", "flask.helpers.send_file", "werkzeug.utils.send_file",
        "flask.Response", "flask.wrappers.Response", "werkzeug.Response",
        "werkzeug.wrappers.Response", "werkzeug.wrappers.response.Response",
        "django.http.HttpResponse", "django.http.response.HttpResponse",
        "django.http.FileResponse", "django.http.response.FileResponse",
        "django.http.StreamingHttpResponse", "django.http.response.StreamingHttpResponse",
    }
)  # fmt: skip
_TYPE_KEYWORDS = ("mimetype", "content_type")


class RequestChosenContentType(PythonRule):
    """## What it does
    Finds responses whose content type is taken from the request: `send_file(data,
    mimetype=request.args["type"])`, `Response(body, mimetype=...)`,
    `HttpResponse(body, content_type=request.GET["type"])`, the value read in the view
    itself or through its locals. A value made only of locals the view first refuses
    unless each is one of a collection of the code's own (`if kind not in IMAGE_TYPES:
    return ..., 400`, also a copy of it: `if kind not in dict(settings.EXPORT_FORMATS):`),
    or uses only under such a test (`"image/" + filetype` under
    `elif filetype in ("png", "gif"):`), is not reported. Nor is the type of the
    request's own body (`request.META.get("CONTENT_TYPE")`, `headers["Content-Type"]`):
    a link sends none, and another site's form only `application/x-www-form-urlencoded`,
    `multipart/form-data` or `text/plain`, in none of which a browser runs script
    (what a view sends when the header is absent, Django's default `text/html`, is
    judged by WW544 for the request data the body holds). Nor is a parameter of a
    function taking `request` first that no route of the project's URLconfs serves and
    that its module calls or another module imports (`def render_list(request,
    queryset, content_type=None)`, a generic helper the views call): its parameters are
    what each caller passes, not parts of a URL. Nor is a URL parameter of a Django view
    that every route to the view naming it lets through as digits or words only
    (`(?P<ext>png|jpg|webp)`, `<slug:kind>`): no such value names a type a browser runs.

    ## Why is this bad?
    The content type tells the browser how to read the body. A client that chooses it
    makes any body a page: a proxied image, an uploaded file or a JSON answer served as
    `text/html` (or `image/svg+xml`) runs the script it holds in the site's origin,
    cross-site scripting through a link (whoogle-search's `/element` proxied any URL
    under the type its query named).

    ## Example
    ```python
    from flask import Flask, request, send_file

    app = Flask(__name__)


    @app.route("/file")
    def file():
        return send_file(open_upload(request.args["name"]), mimetype=request.args["type"])
    ```

    ## Fix
    ```python
    from flask import Flask, request, send_file

    app = Flask(__name__)
    IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif"}


    @app.route("/file")
    def file():
        kind = request.args["type"]
        if kind not in IMAGE_TYPES:
            return "unsupported type", 400
        return send_file(open_upload(request.args["name"]), mimetype=kind)
    ```

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [OWASP: Content sniffing and content type](https://owasp.org/www-community/attacks/Content_Spoofing)
    """

    code = "WW562"
    name = "request-chosen-content-type"
    practice = Practice.XSS
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 79
    message = (
        "the response's content type is {source}: the client decides how the browser reads the body"
    )
    fix = "pick the content type from the server's own data, or check it against an allow-list of safe types"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    calls = _RESPONSES
    keyword_calls_only = True

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        chosen = [k.value for k in node.keywords if k.arg in _TYPE_KEYWORDS]
        if not chosen:
            return
        feeds, function = scope_feeds(ctx, node)
        for value in chosen:
            if _held_to_constants(ctx, node, value):
                continue
            trail = feeds.trail(value)
            if trail is not None and not trail.safe_for & BODY_TYPE_SAFE:
                finding = self.finding(ctx, value, source=f"`{trail.source}`")
                tags = (
                    *helper_parameter_tags(ctx, function, trail.source),
                    *typed_parameter_tags(ctx, function, trail.source),
                )
                yield dataclasses.replace(finding, tags=(*finding.tags, *tags))

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """A parameter of a function taking `request` first that views call and no route
        serves: what its callers pass, not a URL's; or a URL parameter every route to the
        view gives as digits or words."""
        return refuted_unrouted_helper(finding, project) or refuted_typed_parameter(
            finding, project
        )


def _held_to_constants(ctx: FileContext, call: ast.Call, value: ast.expr) -> bool:
    """Every name the value is made of is one of a collection of the code's own where the
    call runs (`"image/" + filetype` under `elif filetype in ("png", "gif"):`)."""
    names = [n for n in ast.walk(value) if isinstance(n, ast.Name)]
    return bool(names) and all(
        chosen_from_constants(ctx, call, name) or refused_unless_listed(ctx, call, name)
        for name in names
    )
