"""WW1111: request data in a response header."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInResponseHeader(TaintRule):
    """## What it does
    Follows request data into a response header: `response["X-Header"] = value` on a
    Django response, `response.headers["X-Header"] = value` on a Flask, Werkzeug or Django
    response, or Werkzeug's `response.headers.add(name, value)` (`set`, `setdefault`),
    where a name the client chose counts as its data too; also `self[...] = value` in a
    project's own response class (`class Download(HttpResponse)`), with what its callers
    hand it. The `Location` of a response the function answers with a redirect status
    (`302`), or of one a redirect call made (`flask.redirect(...)`,
    `HttpResponseRedirect(...)`), is judged as a redirect's target instead (request-data-in-redirect): the
    browser goes there and shows nothing of it, so a target checked as a redirect's is
    harmless in it; so is htmx's `HX-Redirect` on any response, which htmx follows
    whatever the status (the page htmx sent from, its `HX-Current-URL`, is one of the
    site's). The preflight's answers `Access-Control-Allow-Headers` and
    `-Allow-Methods` are not judged: echoing the requested headers and method lets only
    an origin that `Access-Control-Allow-Origin` admits use them. Nor is the request's
    `Authorization` header (`request.headers.get("Authorization")`, `HTTP_AUTHORIZATION`)
    handed back: no other site can make a browser send one it chose (a script sets it
    only past a CORS preflight, a browser adds only the user's own Basic credentials),
    and a shared cache stores no answer to a request carrying one, so only its sender
    sees the echo. Nor is the request's own
    path made absolute by Django's `request.build_absolute_uri(request.path)` (a
    `Location` answering a submission): the decoded `request.path` may hold a line break,
    but `build_absolute_uri()` percent-encodes it (also in a helper the view hands the
    request to, which reads it as the view would, or in a method of an object keeping the
    request, `self._request.build_absolute_uri(self._request.path)`). Nor is a key that
    found a Django row by an integer or UUID primary key (`get_object_or_404(Envelope,
    pk=envelope_id)`, a generic view's `self.get_object()`) or by another integer field
    (`Term.objects.get(year=year)`), also in a helper the view hands the key to that
    starts with the lookup (`policy = self._policy(pk)`), or in the queryset a function
    annotated `-> QuerySet[Policy]` gives (`visible_policies().filter(pk=pk).first()`):
    Django turned it into a number or a UUID first, so it holds no quote, `;` or `,`. Nor is a key that found a row by a `SlugField` through
    a lookup that raises unless one matches (`Bundle.objects.get(slug=slug)`,
    `get_object_or_404`, a generic view's `lookup_field = "slug"`; not
    `filter(...).first()`): it equals a saved slug, which forms and serializers keep to
    letters, digits, `-` and `_`. Nor is the `redirect_uri` of the credentials
    OAuthLib's `validate_authorization_request()` returns (as django-allauth's and Django
    OAuth Toolkit's providers use it): it raises unless the client registered that URI;
    the other credentials (`state`) are the request's. Nor are the headers of its
    server's answers (`create_authorization_response()`, `create_token_response()`...):
    that URI with its parameters URL-encoded, and headers of OAuthLib's own; also as
    Django OAuth Toolkit's views and `OAuthLibCore` hand them on, `uri, headers, body,
    status = self.create_token_response(request)`. Nor is a boto3 presigned URL
    (`s3.generate_presigned_url("get_object", Params=...)`, handed to a proxy in a
    header) the request chose only the `Key`, `VersionId` or response overrides of: boto3
    percent-encodes them, so they bring no quote, `;` or line break; a `Bucket` from the
    request is still reported.

    ## Why is this bad?
    Werkzeug and Django refuse header values containing newlines, so classic response
    splitting is blocked; what remains is the client choosing the header's *value*:
    a `Content-Disposition` filename with quotes and `;` parameters, a reflected
    `Access-Control-Allow-Origin` that opens the API to any site, a `Link` or `Refresh`
    header sending users elsewhere, or a cache key that poisons shared caches.

    ## Known problems
    Header values are judged by where they come from, not by which header is set; an
    allow-list check, `urllib.parse.quote` or Werkzeug's `quote_header_value` (a quoted
    parameter value, `"` and `\\` escaped) on the value makes it safe, as does
    `json.dumps` making it a JSON document (htmx's `HX-Trigger`: the client's text is a
    string inside it, quotes, backslashes and line breaks escaped), and so does a
    substitution dropping every character a negated class does not list when it lists
    no quote, `;`, `,`, `=`, `<`, `>`, `\\`, `:` or `/` (`re.sub(r"[^\\w\\s.-]", "",
    name)`: white space is harmless, as the frameworks refuse a line break).

    ## Example
    ```python
    from django.http import HttpResponse

    def export(request):
        name = request.GET.get("name", "report")
        response = HttpResponse(b"...", content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    ```

    ## Fix
    ```python
    from django.http import HttpResponse
    from django.utils.text import get_valid_filename

    def export(request):
        name = get_valid_filename(request.GET.get("name", "report"))
        response = HttpResponse(b"...", content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    ```
    Validate header values against an allow-list or a strict pattern (a safe file name,
    a known origin) before setting them.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-113: HTTP Response Splitting](https://cwe.mitre.org/data/definitions/113.html)
    - [Django docs: setting header fields](https://docs.djangoproject.com/en/stable/ref/request-response/#setting-header-fields)
    """

    code = "WW1111"
    name = "request-data-in-response-header"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 113
    message = "{source} is written into a response header"
    fix = "validate header values against an allow-list or a strict pattern before setting them"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
