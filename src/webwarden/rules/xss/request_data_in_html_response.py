"""WW544: request data written unescaped into an HTML response."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInHtmlResponse(TaintRule):
    """## What it does
    Follows request data into the body of a response sent as HTML without a template:
    Django's `HttpResponse(...)` (and its error subclasses), Flask's `make_response(...)`
    and `Response(...)` (also a project's subclass of these classes that keeps their
    constructor, `class HttpResponseUnauthorized(HttpResponse): status_code = 401`; not
    one that sets its own type, Flask's `default_mimetype = "application/json"`, or a
    Django one whose `__init__` defaults the keywords it hands on, as Django's own
    `JsonResponse` does: `kwargs.setdefault("content_type", "application/json")`), and a string returned by a Flask view (Flask sends it as
    `text/html`), or as XML (`text/xml`, `image/svg+xml`, `application/atom+xml`:
    browsers render it, and run the script of its XHTML and SVG elements). Responses
    with another `content_type`/`mimetype`, given by name or by position (Django's
    `HttpResponse(body, "text/plain")`, Werkzeug's `Response(body, 200, None,
    "text/csv")`; `None` is Django's default, HTML, and an empty type is judged as HTML
    too: browsers sniff the body; Werkzeug's own `Response`, not Flask's subclass, sends
    `text/plain` when given no type nor headers) (a constant, or a
    type an object or a call gives such as `content_type=exporter.content_type`; also one
    the view sets right after making them: `response.headers["Content-Type"] = ...`,
    Django's `response["Content-Type"] = ...`; a response the view so marks as a
    download, `response["Content-Disposition"] = "attachment; filename=%s" % name`,
    which the browser saves instead of showing; one given every header of another
    answer, `for key, value in upstream.headers.items(): response.headers[key] = value`
    or `response.headers.update(upstream.headers)`, a proxy's answer served with the
    type it came with, also one made of an answer's body and that answer's own headers,
    `Response(answer["data"], headers=answer["headers"])` of what pysaml2's
    `apply_binding()` prepared, `Response(reply.content, 200, reply.headers)`; not
    another answer's headers, `Response(page["data"], headers=meta["headers"])`; or one
    given among the headers:
    `make_response(body, 200, {"Content-Type": ...})`, `Response(body, headers={...})`,
    a download marked there too (`Response(data, mimetype=mimetype, headers={
    "Content-Disposition": f"attachment;filename={name}"})`, whatever the type),
    or a local bound once to such a display that nothing retypes or is handed,
    a view's `return body, 200, {"Content-Type": ...}`, or `return body, 200, headers`
    after the view sets `headers["Content-Type"]` to a type that is not HTML or marks
    the download in them), dicts and lists (displays, or
    built by `dict(...)` and `list(...)`: sent as JSON; also, given to Flask's
    `make_response` or returned by a Flask view, what a project function annotated to
    return a list or a dict returns, `-> list[str]` or `-> dict[str, Any] | None`, when
    its body's value is not a known object: `make_response(index.captures_for(tag))`
    with the helper returning a store client's `zrange(...)`), a response given to
    `make_response` (it returns it as it is: `make_response(send_file(path))` sends the
    file), redirect responses (`make_response(redirect(url))`: Werkzeug escapes the
    target in the page it writes; WW1109 judges the target), rendered templates (also
    the `.content` of Django's `TemplateResponse` or `SimpleTemplateResponse` sent on in
    another response, `HttpResponseForbidden(page.content)`; also
    TurboGears 1's `turbogears.view.render(data, name)`, a Kid or Genshi template, which
    escape) and
    forms (crispy-forms' `render_crispy_form(form)` escapes the data it was bound to),
    what a generic editing view's own `form_valid(form)` or `form_invalid(form)` answers
    (`super().form_valid(form).url`: Django's redirect goes to what `get_success_url()`
    returns, judged as the project's override returns it, never the form's data),
    escaped values (also by Django's `linebreaks`, `linebreaksbr` and `urlize` told to
    escape: `linebreaks(notes, autoescape=True)`; the template filters called from Python
    escape unless told not to), a Django form's errors as Django renders them
    (`str(form.errors)`, `"%s" % form.errors`: the `<ul class="errorlist">` whose
    messages are escaped) or its `errors` given whole as the content
    (`HttpResponseBadRequest(form.errors)`: the response iterates the `ErrorDict`,
    writing the fields' names) and numbers (the `status_code` of a response fetched from a
    URL the request chose) are not reported; a type read from the request is judged as HTML.
    Nor is a URL parameter whose route matches no `<`, `&` or quote in it: a `re_path`
    group of character classes (`[a-zA-Z0-9][a-zA-Z0-9_.-]*`), also one taken by position
    or written as a constant the URLconf imports (`r"^(%s)/(%s)/$" % (group_slug,
    slug)`, or a tuple of them bound to a name). Nor is a Flask URL parameter whose
    converter's `to_python` (its own, or the one its first base of the project has)
    returns a row it looked up by the text (`return self.model.objects.get_or_404(id=value)`,
    `Tag.query.get(value)`) and otherwise only `None` or an error object: the view is
    handed the row, not the request's text. Nor is Flask's JSON body
    (`request.json`, `request.get_json()`): Flask parses it only when it is sent as
    `application/json`, which another site's page cannot send without a CORS preflight,
    so it is written back to the client that sent it alone; `get_json(force=True)`,
    which parses a form's `text/plain` body too, is reported. Nor is a URL parameter of a Flask
    route accepting only PUT, PATCH or DELETE (`methods=["PATCH"]`, `@app.delete(...)`):
    no link, typed address or form sends those; the answer goes to the script that sent
    the request (another site's only past a CORS preflight), and the browser renders it
    as no page. Nor, alike, is the body of
    a Django view that `CsrfViewMiddleware` checks (in the `MIDDLEWARE` of every settings
    module but a local one laid over another, `local_settings.py.example` importing nothing
    and setting none of `INSTALLED_APPS`, `MIDDLEWARE`, `ROOT_URLCONF`; none of the
    project's modules turning it off with
    `request._dont_enforce_csrf_checks = True`; not `csrf_exempt`, not REST framework's):
    `request.POST`, `request.body`,
    `request.FILES`, and the form a form view's `form_valid(form)` is handed, which
    Django's `FormMixin` binds to them; another site's form cannot send the visitor's token, so the check
    refuses its post before the view runs. So is the body (`request.data` too) of a REST
    framework view whose every authentication class is the project's and refuses a
    request without a header credential, which no page of another site can make the
    browser send. So is the body of a Django function view whose
    first act refuses every request of a content type a form sends (`if
    request.content_type != "application/json": return HttpResponseBadRequest()`), or
    without `X-Requested-With` or a token's `Authorization`: another site's page can
    send none of these without a CORS preflight, so no navigation it starts gets past.
    Nor is the Host header a Django view reads (`request.headers["Host"]`,
    `request.META["HTTP_HOST"]`) when Django's own `CommonMiddleware` (not only a
    project subclass of it, which may replace `process_request`) is in the `MIDDLEWARE`
    of every settings module and none reads the host from `X-Forwarded-Host`
    (`USE_X_FORWARDED_HOST`), and no module of the project writes `HTTP_HOST` (a
    middleware putting `X-Forwarded-Host` in its place): the middleware calls
    `request.get_host()` on every request first, which refuses a Host that is not a host
    name (letters, digits, dots, dashes, a port), so the header holds no markup, as
    `get_host()` does not. A Mustache template
    rendered in Python (pystache's or chevron's `render(template, context)`) writes its
    own text as it is, and a context value HTML-escaped unless the template asks for it
    raw (`{{{name}}}`, `{{& name}}`): the template's data is followed, and the context's
    when a template written in the code has such a tag (or is not written there); HTML
    passed through `lxml.html.rewrite_links()` or premailer's `transform()` keeps its
    markup. The event Stripe's `Webhook.construct_event(payload, signature, secret)`
    returns is not request data: it returns it only when the signature header signs the
    body with the endpoint's secret, so Stripe wrote it (`HttpResponse(f"Skipped
    {event.type}")`), as it does the claims of a JWT whose signature was checked.

    The error of a parse that failed on request text quotes that text:
    `int("<b>x</b>")` raises "invalid literal for int() with base 10: '<b>x</b>'"
    (also `float`, `strptime`, `fromisoformat`, `ipaddress` and `dateutil` parsers), so an
    `except ValueError as err:` that writes `err` into the page is reported, also when
    the parse ran in a function the `try` called and no `try` of its own caught it. So
    is an exception the code raises with request data in its message (`raise
    ValueError(f"Unknown sort key: {key}")`), when the handler may take it: a builtin
    class or Django's `ValidationError` raised by name passes a handler that names only
    other classes (`except BillingError:` lets a `ValidationError` by), and one a
    handler before it surely takes (`except ValueError:` answering a fixed text, before
    `except PermissionDenied as err:`) reaches none after it; so does a parse error of
    `int`, `float`, `strptime`, `fromisoformat` or `ipaddress.ip_address`, a
    `ValueError` itself. The
    `ValidationError` a form's `clean()` or `clean_<field>()` raises is not followed
    out of the form: Django keeps it among the form's errors. A JSONP callback name
    that a check of the project named for one held for in an `if` (`if callback and
    is_valid_jsonp_callback_value(callback):`) is a JavaScript identifier, no markup.

    ## Why is this bad?
    The browser parses the body as HTML: a `<script>` or an `onerror=` attribute in the
    request data runs in the page (reflected cross-site scripting), with the victim's
    cookies and session.

    ## Known problems
    A string returned by a Flask view is judged only when it is built directly from
    request data; a value passed through a library function webwarden does not model is
    not reported there. A return annotation is trusted: a helper annotated `-> list`
    that returns text is taken to return a list. What a method named for a lookup by a key answers
    (`conn.storagePoolLookupByName(name)`, `directory.find_by_email(email)`) is the object
    kept under that key, not request data, so what is read off it is not reported.

    ## Example
    ```python
    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/search")
    def search():
        query = request.args.get("q", "")
        return f"<p>No results for {query}</p>"
    ```

    ## Fix
    ```python
    from flask import Flask, render_template_string, request

    app = Flask(__name__)

    @app.route("/search")
    def search():
        query = request.args.get("q", "")
        return render_template_string("<p>No results for {{ query }}</p>", query=query)
    ```
    Render a template (which escapes variables), or escape with `markupsafe.escape` /
    `django.utils.html.escape`, or send `text/plain`.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Flask docs: about responses](https://flask.palletsprojects.com/en/stable/quickstart/#about-responses)
    - [OWASP: XSS Prevention Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html)
    """

    code = "WW544"
    name = "request-data-in-html-response"
    practice = Practice.XSS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 79
    message = "{source} is written unescaped into an HTML response by `{sink}`"
    fix = "render a template, escape the value, or send a non-HTML content type"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
