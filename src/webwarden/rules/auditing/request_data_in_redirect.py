"""WW1109: request data as a redirect target (open redirect)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInRedirect(TaintRule):
    """## What it does
    Follows request data into the target of a redirect, also once the session keeps it
    for a later request (`request.session[REDIRECT_FIELD_NAME] = request.GET["next"]`,
    or `request.session.update({...})`, before the login's callback redirects to
    `request.session.get(REDIRECT_FIELD_NAME)`, also once the callback has stored
    something else in the session under another constant, `request.session[TOKEN] =
    token`, which leaves the kept target as it was): Flask's and Werkzeug's
    `redirect()`, Django's `redirect()`, `HttpResponseRedirect` and
    `HttpResponsePermanentRedirect` (also a project's subclass of them, or of
    `HttpResponseRedirectBase`, in any module and through other classes of the
    project's: one that only sets its status, `class
    HttpResponseTemporaryRedirect(HttpResponseRedirect): status_code = 307`, or that
    hands the URL it is given to `super().__init__()`, checked there or not), what a class-based view's `get_success_url()` or
    `get_redirect_url()` returns (or leaves in `self.url`) where Django calls it (not a
    `TemplateView`'s: only where the view's own code redirects to it), and what a
    django-allauth adapter's `get_login_redirect_url()` (or another `get_*_redirect_url()`)
    returns, which allauth redirects to unchecked, and the `Location` header a view sets
    itself on a response it answers with a status the browser follows
    (`response.headers["Location"] = url` or Django's `response["Location"] = url`, with
    `302` or `HTTPStatus.SEE_OTHER` in the view; not on a `201` or `202`), or on a
    response a redirect call made (`response = redirect(url_for("home"))`, then
    `response.headers["Location"] += value`: appended to the site's own path, a value
    picks no host; appended to `/`, it may), also in a
    project's own redirect class (`self["Location"] = redirect_uri` in the `__init__` of
    a subclass of `HttpResponse` answering `HTTPStatus.FOUND`), with what its callers hand
    it, and htmx's `HX-Redirect` header on any response (`response["HX-Redirect"] = url`:
    htmx sends the browser there whatever the status). Not reported: a target checked with
    `url_has_allowed_host_and_scheme` (or the older `is_safe_url`) in an `if` (also
    through a flag holding it beside a test that a target was given, `ok = url and
    url_has_allowed_host_and_scheme(url, host)`, then `if not ok: url = "/"`; also
    as an attribute a view's other method set: `self.object.source_url` of the row its
    `post` saved), or with
    the project's own check named as one (`is_safe_redirect_url`, `url_is_local`,
    `is_redirect_uri_allowed`, or one
    named for matching the host, as an OAuth server's `client.host_matches(redirect_uri)`
    checks it against the hosts the client registered; not `is_valid_url`, which a URL to
    any host passes), or given to such a check named for
    raising, called as a statement (`validate_redirect_url(url)`), or to an OAuth
    authorization server's `validate_authorization_request(...)` so called (oauthlib's
    name: it refuses a redirect URI not registered for the client); one returned by a
    library's function named as one (`get_safe_redirect(url)`), or djangosaml2's
    `validate_referral_url(request, url)`, which returns the URL only when
    `url_has_allowed_host_and_scheme` passes it (None otherwise); one an itsdangerous
    serializer's `loads()` answers (also one Werkzeug's `LocalProxy(lambda: ...)`
    makes), which raises unless the server signed it, as the state an OAuth round trip
    carries; not `loads_unsafe()`; one compared with an allow-list
    or found equal to a path `reverse()` made (`if next == reverse("list", args=[slug]):`
    whatever its arguments), or whose
    host is (`urlsplit(url).netloc == request.host`, `parts.hostname in ALLOWED_HOSTS`
    with `parts = urlsplit(url)`; not `netloc == ""`, which `/\\evil.example` passes (the
    finding's flow shows where such a check is made), nor
    `if parts.netloc and parts.netloc != request.host: abort()`, which lets it through
    unchecked); one Django's `resolve()` matched (`resolve(url)` as a statement, or kept,
    `match = resolve(url)`, in a `try` whose `except Resolver404:` leaves), also when only
    its head up to the `?` or `#` was (`path = url.split("?")[0]`, `url[: url.index("?")]`):
    the root resolver's `^/` and the project's patterns, each starting with a word, leave a
    path starting with one `/`, which Django's redirects keep on the site (not htmx's
    `HX-Redirect`, which does not percent-encode the `/\\evil.example` a one-segment
    pattern may match); one that matched a pattern only a path of this site matches, `/` and then
    a letter, digit or `_` (`re.match(r"^/[a-z]+", url)`; not `^/[^/]`, which
    `/\\evil.example` passes, and `/\\t/evil.example` too: browsers drop tabs and
    newlines); one checked to start with the request's own absolute URL
    (`url.startswith(request.url_root)`, `host_url`, `base_url`, `url`: Werkzeug writes
    the `/` that ends the host, so the browser stays on the host it asked for; not once
    that read is changed, `request.host_url.rstrip("/")`, a prefix of
    `https://host.evil.example/`); one checked to start with one `/` and not two (`url.startswith("/") and
    not url.startswith("//")`, `url[:2] != "//"`) before Django's redirects, which
    percent-encode `\\` and tabs, or before Werkzeug's, which send them as they are,
    only once the backslashes are gone (`url.replace("\\", "/")` before the check, or
    `"\\" in url` refused) and the tabs and newlines too (the path of
    `urlsplit(url)`, which drops them, or `url.isprintable()`, `any(ord(c) < 32 for c in
    url)` refused), also by a predicate of the project written as steps that each return
    false (`if not url.startswith("/"): return False` ... `return True`), of the target or
    of its percent-decoded copy (`decoded = unquote(url)`); one built by `url_for`/`reverse`
    (whatever their arguments; also Django REST framework's `reverse` and django-hosts'
    `reverse`, a URL of one of the project's hosts), a model's
    `get_absolute_url()` or a generic view's `get_success_url()` (also through a hook a
    base view calls and each of its subclasses defines, `self.url_for_single_result(row)`
    returning `reverse(...)` in every one: the call is read as any of them), or a path `reverse`
    made with its end stripped and then a constant that begins neither a `/` nor a
    scheme's name (`"{}.{}".format(url.rstrip("/"), request.GET["format"])`: `.json`
    after the root's empty path is still a relative path; not `"{}/{}"`, which makes
    `//evil.example` then, nor an absolute URL so stripped, DRF's `reverse(...,
    request=request)`, whose host `.evil.example` would go on); an object given to Django's `redirect()` whatever the code
    stored on its attributes (`job.priority = request.POST["priority"]` before
    `redirect(job)`: Django sends the browser to the instance's `get_absolute_url()`), or
    handed to its own methods when it is a row `get_object_or_404()` or a generic view's
    inherited `get_object()` found (`project.update(name=request.POST["name"])`); one
    starting with a constant local path
    (`f"/items/{item}"`, `"/" + url.lstrip("/")` or `url.strip("/")`, also added to with `+=`: `url =
    "/docs/"` then `url += page`), or with a constant scheme naming no host
    (`"mailto:%s?subject=Invitation" % address`, `tel:`, `sms:`: the browser hands it
    to the mail or phone app), or with a URL parameter the router matched without a
    `/` right after the `/` it starts with, before Django's redirects (`f"/{username}"`
    for `<str:username>` or `(?P<username>[^/]+)`: one `/` and then no other; not for
    `<path:...>` or `.+`), or with a value not from the request
    and then a constant path segment (`f"{settings.KEYSTONE_URL}/auth/{protocol}"`, also
    after a scheme the code writes, `f"https://{server}/fetch/{guid}"`: the data is in
    the path whatever that value is, or after a host and a port the code places,
    `"http://{}:{}/{}".format(host, port, path)`; not after a bare `/`, which an empty
    value makes `//evil.example`), a `%` format held by a local or a module constant counting as one
    written in place (`template % (user, status)` after `template =
    "https://img.example/badge/%s-%s.png"`: the data is in the badge's path); request
    data that only fills the query string or fragment
    after a constant `?` or `#` (`f"{url}?{request.META['QUERY_STRING']}"`, or
    `"?".join([url, query])`; also read and so added by a helper the view hands the
    request to, `with_frame(url, request)`), also when added with `+=` to a local
    holding a constant `?` or the empty string (`args = ""`, then `args += "?year=%s" %
    year` and `args += "&kind=%s" % kind`), or to a URL whose query a
    `%` format or f-string began (`url = reverse("pick") + "?ids=%s" % ids` then
    `url += f"&next={next_url}"`), or to a URL after a `+=` that appended a `?` or `#`
    (`url = reverse("landing")`, `url += "?"`, then `url += f"{key}={value}&"` in a
    loop), or after the separator chosen by whether the URL
    holds a `?` already (`url + ("&" if "?" in url else "?") + query`, `url += "&" + q if
    "?" in url else "?" + q`, a local holding the choice, or an `if "?" not in url:`
    whose arms only append `?` and `&`, also in a helper given the URL): a `?` precedes it whatever
    the URL is, as it does the query or fragment of a URL put together from its
    components (`ParseResult(url.scheme, url.netloc, url.path, url.params, query,
    fragment).geturl()`, `urlunsplit(("", "", path, query, anchor))`, the `args`,
    `query` or `fragment` of `furl("/files/", args=request.args).url`, also given by
    its `set()` or `add()`, in place or in a chain: `furl(reverse("login")).set({"next":
    url})`, or added to its query object in place: `url.args.update(request.GET)`; not
    its scheme, host or path); the Referer
    header (`request.referrer`, `HTTP_REFERER`), which sends the browser back to the page
    it came from: a page that linked here could have sent the user there itself; the
    request's own URL or path (`request.url`, `request.full_path`), also once the session
    keeps it to come back to after signing in (`session["next"] = request.url`), but for
    Django's `request.path` and `get_full_path()` starting the target in a middleware's
    `process_request`, `process_response`, `process_exception` or `__call__`, also read
    by a helper the hook hands its request to (`def moved(req): return
    redirect(req.path)`; not yet one whose first parameter is named `request`, which is
    read as a view's), which run
    for every path, also `//evil.example/` no URL pattern of the site matches (Django
    keeps the slashes sent; its `CommonMiddleware` escapes them with
    `escape_leading_slashes`, which makes such a path safe; after a host, `"https://%s%s"
    % (host, request.get_full_path())`, it is safe too), unless the hook resolves the path itself (`resolve(request.path)`)
    or tests that it starts with, equals or is one of the site's paths
    (`request.path.startswith("/orga")`, `request.path in ("/shop", "/blog")`, or the
    site's media or static URL: `request.path.startswith(settings.MEDIA_URL)`), but for
    a test that lets such paths through untouched before the hook redirects every other
    (`if request.path.startswith("/api"): return self.get_response(request)`); the
    request's own host (`request.host`, `request.META["HTTP_HOST"]`, Werkzeug's
    `request.headers["Host"]`, `SERVER_NAME`,
    `SERVER_PORT`: what the browser asked for), and python3-saml's URL of the request
    (`OneLogin_Saml2_Utils.get_self_url(data)`, from the host and path `data` gives, not
    its posted data); the URL
    of an identity provider or learning platform that python3-saml
    (`OneLogin_Saml2_Auth.login()`, `process_slo()`, also on the object a project class
    keeps, `self.auth = OneLogin_Saml2_Auth(...)`) or pylti1p3 (`OIDCLogin.redirect()`)
    builds from its configuration, the request's data only in its query; the partner's
    endpoint a pysaml2 entity picks from its metadata (`idp.pick_binding(
    "assertion_consumer_service", ..., entity_id=issuer)` of a `saml2.server.Server` or a
    `Saml2Client`, also one a typed helper is handed, `idp: Server`: an entity not in the
    metadata raises) and the URL `apply_binding(binding, message, destination)` builds of
    it, the message and relay state only in its query (a `destination` the request gave
    is still reported); the provider's
    authorization URL an OAuth client builds, with the redirect URI, the state and the
    other arguments in its query: google-auth-oauthlib's `flow.authorization_url()` (the
    endpoint of the client configuration), requests-oauthlib's
    `session.authorization_url(url)` and Authlib's `client.create_authorization_url(url)`
    (the endpoint given first, still reported when it is the request's), and the URL
    oauthlib's and Authlib's `add_params_to_uri(uri, params)` (or `prepare_grant_uri`)
    return, the parameters percent-encoded into its query or fragment (the URL given
    first still reported when it is the request's); a split URL
    given both a scheme and a host the code chose (`urlparse(url)._replace(scheme=
    base.scheme, netloc=base.netloc).geturl()`: what `url` held stays in the path and
    query; not when only the host is replaced). A Flask view under coaster's
    `@load_models(...)` (or `@load_model`) is handed the rows its loader looked up by the
    URL's parameters, not the parameters: `redirect(action.link)` goes where the stored
    row says. Nor is the response a library's view answers with when a project's view (or
    a mixin wrapping `dispatch`) hands it the URL's parameters through `super()`
    (`super().dispatch(request, uidb36, key).url`): a redirect the library made. Nor is
    a boto3 presigned URL (`s3.generate_presigned_url("get_object", Params=...)`) the
    request chose only the object's `Key`, `VersionId` or response overrides of
    (`ResponseContentDisposition`): boto3 percent-encodes them into the path and query
    of a URL on the client's endpoint; a `Bucket` from the request (a host under that
    endpoint) or `Params` of names not known are still reported.

    ## Why is this bad?
    `/login?next=https://evil.example/` sends users who trust your domain to a phishing
    page after they log in (open redirect); with OAuth flows it can leak tokens.

    ## Known problems
    A project pattern that matches a leading `/` itself (`re_path(r"^(?P<url>.*)$")`,
    `path("<path:url>")` at the root) lets `resolve()` match `//evil.example/` too; such
    catch-all patterns are rare and not looked for.

    ## Example
    ```python
    from django.contrib.auth import login
    from django.shortcuts import redirect

    def after_login(request):
        login(request, request.user)
        return redirect(request.GET.get("next", "/"))
    ```

    ## Fix
    ```python
    from django.contrib.auth import login
    from django.shortcuts import redirect
    from django.utils.http import url_has_allowed_host_and_scheme

    def after_login(request):
        login(request, request.user)
        target = request.GET.get("next", "/")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "/"
        return redirect(target)
    ```
    Check the target with `url_has_allowed_host_and_scheme` (Django) or an equivalent
    host check (Flask), or redirect to a named route.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README);
    `guards-for = {"myapp.urls.is_local" = ["redirect"]}` declares your own check.

    ## References
    - [CWE-601: Open Redirect](https://cwe.mitre.org/data/definitions/601.html)
    - [Django docs: url_has_allowed_host_and_scheme](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.http.url_has_allowed_host_and_scheme)
    - [OWASP: Unvalidated Redirects Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html)
    """

    code = "WW1109"
    name = "request-data-in-redirect"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 601
    message = "{source} is the target of `{sink}`"
    fix = "check the target with `url_has_allowed_host_and_scheme` or redirect to a named route"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
