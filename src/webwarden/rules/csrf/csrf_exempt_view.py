"""WW603: a Django view exempted from CSRF protection."""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.auth.logins import SOCIAL_LOGIN_STARTS, starts_social_login
from webwarden.model.django import Route, View
from webwarden.model.django.caller_checks import VERIFIES, caller_check, reads_session
from webwarden.model.django.csrf_switch_offs import NO_CHECKS
from webwarden.model.django.extract_views import ViewDef
from webwarden.model.django.project import VIEW_FACTS, DjangoProject
from webwarden.model.django.session_use import helpers_use_session
from webwarden.model.django.setting_gates import switched_off
from webwarden.model.django.views import inheriting
from webwarden.model.graphql_schemas import graphql_view, query_only_schemas
from webwarden.model.project import ProjectModel
from webwarden.model.sso_answers import takes_signed_sso_answer
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.csrf._called_helpers import called_helper, refuted_called_helper
from webwarden.rules.csrf._forms import django_checks_no_tokens
from webwarden.rules.csrf._lti import runs_lti_flow
from webwarden.rules.csrf._method_guard import refuses_post_first
from webwarden.rules.csrf._mixins import mixed_in_elsewhere
from webwarden.rules.csrf._post_as_get import answers_post_as_get
from webwarden.rules.csrf._reprotected import protects_again
from webwarden.rules.csrf._rest_framework_handoff import hands_to_rest_framework
from webwarden.rules.csrf._session_use import mixin_session_use, session_use
from webwarden.rules.csrf._signatures import verifies_signature
from webwarden.rules.csrf._slack_bolt import hands_to_bolt
from webwarden.rules.csrf._url_secrets import keyed_by_url_secret
from webwarden.rules.csrf._writes_nothing import reads_nothing_sent, refuted_writing_nothing
from webwarden.rules.decorators import applied

CSRF_EXEMPT = "django.views.decorators.csrf.csrf_exempt"


class CsrfExemptView(PythonRule):
    """## What it does
    Finds Django views exempted from CSRF checks: `@csrf_exempt` on a function,
    `@method_decorator(csrf_exempt, name="dispatch")` on a class or its `dispatch` (on
    another method, such as `post`, it has no effect: Django still checks), and
    `csrf_exempt(view)` wrapped around a view in a URLconf or in a class's own
    `as_view()` (`return csrf_exempt(super().as_view(**initkwargs))`, which exempts every
    view the class and its subclasses make, and is judged as an exemption on the class's
    `dispatch` is, the finding naming the class), and code that marks requests
    for the middleware to leave alone (`request._dont_enforce_csrf_checks = True`, what
    Django's test client does), such as a middleware that switches the checks off for
    every view but a few.

    ## Why is this bad?
    `CsrfViewMiddleware` no longer checks the token for that view, so any web site a
    logged-in user visits can post to it with the user's session cookie: the view runs
    whatever state change it makes (cancel an order, change a password) in their name.

    Not reported: an exemption in a project whose settings set `MIDDLEWARE` without
    `CsrfViewMiddleware` (an API authenticated by header): it changes nothing, and WW601
    reports the missing middleware. Nor a view that runs a CSRF check itself (`CsrfViewMiddleware.process_view`,
    a helper named for it such as `_enforce_csrf(request)`), choosing when to check, or
    that hands the request, before reading anything posted, to a function decorated
    `csrf_protect` (`return _upload_file_view(request)`), or whose class has its `post`
    so decorated (`@method_decorator(csrf_protect)`) or its exempted `dispatch` return
    through a method so decorated: Django's documented way to change
    `request.upload_handlers`, which the middleware's early read of `request.POST`
    would freeze, and then check the token all the same; a
    Django REST framework view (`csrf_exempt(Api.as_view())`, or on an `APIView`'s class
    or `dispatch`, also of a project's own copy of `APIView` that authenticates with the
    setting's classes, `authentication_classes =
    api_settings.DEFAULT_AUTHENTICATION_CLASSES`, as Taiga's fork of DRF 2, or a
    mixin's that only such views of the project's routes inherit,
    also one made in such a class's or mixin's own `as_view()` (`return
    csrf_exempt(view)`, as REST framework's `ViewSetMixin.as_view` ends), or
    a function under `@api_view`, the exemption above or below it, or wrapped around it
    in a URLconf), which `as_view()` exempts already and whose session authentication checks the token
    itself whatever the view is marked with, nor a function view that only hands the
    request on to such views of its module by method (`if request.method == "POST":
    return create_view(request)`, `create_view = CreateFeedback.as_view()`); a view served only under a path, such as
    `/api/`, that a middleware of `MIDDLEWARE` refuses every request to without an API
    key header first (`if not request.path.startswith("/api/"): return None`, then the
    check); and a view that answers
    only GET or HEAD (`@require_GET`, `http_method_names = ["get"]`, or a first statement
    `if request.method != "GET": return HttpResponse(status=405)`), which CSRF checks
    leave alone anyway, or only PUT, PATCH and DELETE (a plain `View` or
    `APIView` without `post`, `@require_http_methods(["PUT", "DELETE"])`), which a page on
    another site cannot send without a CORS preflight the site allows. Nor is a
    class on Django's own views (`TemplateView`, no base of the project but those its
    module defines) whose `post`, its own or such a base's,
    does only what its GET does (`return self.get(request, *args, **kwargs)`, or the
    page rendered: `context = self.get_context_data(**kwargs)` then `return
    self.render_to_response(context)`, or a redirect to the address posted to, `return
    redirect(request.build_absolute_uri())`, which the browser follows with a GET), and
    none of whose code, nor its bases', reads what was posted or
    the method (`request.POST`, `self.request.body`, `request.method`): a forged post
    gains nothing a link to the page would not, as on the cancel or error page a
    payment processor posts the buyer back to, or a single-page app's shell. A URLconf's
    `csrf_exempt(View.as_view())`, or an exemption on a class or its `dispatch` that no
    class of the project deriving from it answers POST through (an LTI tool's
    configuration XML on `TemplateResponseMixin` and `View`, a `get` alone), is judged
    with the view's handlers, in its own class and
    its project bases in other modules (mixins of no base too, `class StaffOnlyMixin:`,
    adding the handlers they define or none) (and Django's or smartmin's generic views it
    derives from: `SmartTemplateView` and `SmartReadView` answer GET alone, unless a
    `pre_process` of the project, which `SmartView.dispatch` runs first, could answer a
    POST; an exempted `dispatch` that only hands on to `super().dispatch()` adds no
    method): no `post` among them, no POST to forge; or
    no POST in the `http_method_names` it inherits or sets (`["get"]` on a webhook whose
    project base takes only `post`), also when a base adds its own `dispatch` that
    hands every request on to Django's (`super().dispatch()`) without handling a POST
    itself: Django's refuses the methods not listed with a 405.

    A view that reads no user or session itself (no `request.user`, `request.session`,
    login, login or permission decorator (a name another module of the project binds to
    a decorator acting as no one, `ratelimit_3_per_m = ratelimit(key="ip", rate="3/m")`,
    is none, nor is a retry decorator, tenacity's `@retry(...)` or backoff's, nor is a decorator of the project, in any module, that returns a wrapper
    handing the request to the view it wraps alone and reading no user, session or
    client address, `return view(*args, **kwargs)` in a `try` answering errors as JSON,
    or timed or logged), base class other than `View` (or Django's `FormView`,
    `TemplateView` or `RedirectView`, which build the form from the posted data alone and
    answer with a page or a redirect: a payment provider's notification validated by a
    form; or `SingleObjectMixin`, which finds the row by the URL's keywords) but a mixin
    the module defines, nor helper handed the request (a value spread into a call counts
    only when it may hold the request: a handler's `*args` beside its own `request`
    parameter are the URL's arguments, and a local built of what was read from the
    request, `tags.add(*labels)`, or a method's `**kwargs` that every call of it,
    `self.build(**request.POST.dict())`, fills with posted fields, holds none) but a page renderer, `get_current_site`,
    django-ipware's `get_client_ip`, django-ratelimit's `is_ratelimited`, Raven's
    `client.get_data_from_request` (what an error report says of the request), REST
    framework's `get_authorization_header` (the header's bytes, which a browser never
    adds to a cross-site post), a method of the
    view itself or a function of the module, which are judged with it, or a function of
    another module of the project, judged by its body the same way (`has_api_key(request)`
    reading the posted key and a header; a library's counts as reading the user), nor an exempted `dispatch`'s `super().dispatch()`,
    which Django's `View` answers with the class's own handlers, or, in a mixin of no
    base (`class UploadMixin:`), the handlers of the classes mixing it in, when each is a
    class of the module judged with it and no class of another module derives from it
    (such a class inherits the exemption unseen); nor, for a class, any
    subclass the module derives from it, which inherits the exemption: an API base
    whose `dispatch` is exempt and whose subclasses check `request.user` or log users
    in is reported at medium) is reported at low severity and confidence: a forged post
    gains what any caller could, unless a middleware logs users in
    (`LoginRequiredMiddleware`). CSP report collectors, payment notifications, telephony
    callbacks and OAuth token endpoints are such views, and
    so are views that check credentials the post carries (`authenticate(username=...,
    password=...)` without the request, throttled by django-ratelimit's `@ratelimit`)
    without logging anyone in.

    Nor is `@csrf_exempt` on a function that no route of the project leads to and that
    its module only calls (`get_step_form(1, request)` in its views), never answering a
    request with what it returns (`return complete(request, "email")` hands the request
    on to a view, which a route may serve), and which no other module imports by name:
    the middleware reads the exemption off the view a URL
    resolves to, so on a helper the views call it changes nothing, and their own checks
    still run.
    Nor is a function view that reads nothing the client posts (no `request.POST`,
    `FILES`, `body` or `method`; its query, `request.GET`, which a link sends alike,
    may be read), names no session, hands its request to no function picked at run
    time (`getattr(module, name)(request)`, whose pick may read the post; a table of
    functions written in the code and never changed, `ACTIONS[name](request)`, is
    followed: each of its functions is judged as a call), has no decorator
    but Django's and those of the
    project's modules that change only the view or its response (a mark for a
    middleware, `fn.allowed_params = names`, or a header set on the response the view
    returns, `resp["Cache-Control"] = ...`; another may wrap it with a write), and
    writes nothing, itself
    or through the project's functions it calls (no row saved, file written, login, mail
    or call named for a change, nor the request handed to a library's reverse proxy,
    `proxy_view(request, url)`, which passes the forged post on to another server with
    what the view adds, such as the user's token; a project function that cannot be
    found counts as a write): a page's script fetching the session's status or its
    messages, or a home page sending a signed-in user on with the query it was given.
    Another site's post makes it answer what a link would, and cannot read the answer.
    Nor is a function view whose first act refuses every request unless settings are on
    that the deployment's settings ship off (`if not (settings.DEV and
    settings.ENABLE_TEST_ENDPOINTS): raise Http404`, each `False` or an environment
    lookup defaulting to off, in every settings module but development and test ones):
    a test-only endpoint, which answers nothing where the defaults are kept.
    Nor is a view that completes a python-social-auth login (`do_complete(...)`, as the
    library's own `complete` view, which is exempt too, or that hands the request to that
    view: `social_django.views.complete(request, backend)`): providers post their answer back
    without the site's token, and `do_complete` refuses one whose OAuth `state` differs
    from the session's, or whose signature fails. Nor is the start of such a login
    (`do_auth(...)`, or the library's `auth` view wrapped in a URLconf,
    `csrf_exempt(require_POST(social_django.views.auth))`): it redirects the browser to the
    provider, where its own user logs in, as a link to it would. Nor is a view that runs pylti1p3's LTI
    1.3 login initiation or launch (`OIDCLogin(...)`, `DjangoMessageLaunch(...)`, or a
    subclass of them): the LMS posts both cross-site, and the launch refuses an
    `id_token` whose signature, nonce or `state` (bound to the browser by the login)
    does not check out. Nor is a SAML assertion consumer or single logout service: a view
    (or a URLconf's `csrf_exempt(SamlView.as_view())` around one) that hands the request
    to python3-saml's `process_response()` or `process_slo()`, or to pysaml2's
    `parse_authn_request_response()`: the identity provider's page posts its answer from
    its own origin, and the library refuses one its key did not sign. So is a view that
    verifies a signed token read from the posted form: a keyed `jwt.decode` whose
    signature check is on (`jwt.decode(request.POST["assertion"], secret, audience=aud)`,
    AAF Rapid Connect's assertion) or google-auth's `id_token.verify_oauth2_token` (the
    `credential` Google's sign-in posts).

    Webhooks that authenticate their caller by a signature checked in the view
    (`hmac.compare_digest`, Stripe's `Webhook.construct_event`, MIT Open Learning's
    payment gateway's `PaymentGateway.validate_processor_response`, which checks the
    HMAC CyberSource signs its answer with, a `verify_signature` or
    `has_valid_signature` helper: an ActivityPub inbox's HTTP Signatures, or a sent value
    compared with an HMAC the view computes with its key, `signature !=
    hmac.new(key, msg, sha256).hexdigest()`, whose timing WW744 reports, also in a method
    of the view's class or a function of its module that the view calls, `if not
    self.validate_shared_secret(request): return HttpResponseBadRequest()`; for a class's
    `dispatch` that goes on only through `super().dispatch()`, in every `post`, `put`,
    `patch` and `delete` the class defines; for a function view, also in the wrapper of
    a decorator of its module, itself or through a function of the module it calls:
    `@mailgun_verify` calling the view only `if _verify(request.POST)`) are not reported either: other servers call
    them without a CSRF token, and a page on another site cannot sign what it sends; nor
    is a view that hands the request to Slack Bolt's Django adapter
    (`handler.handle(request)`, `handler = SlackRequestHandler(app=app)`), which checks
    Slack's signature first unless the module builds an app with
    `request_verification_enabled=False`; nor a subclass of django-sns-view's
    `SNSEndpoint` defining no `post`, `put`, `patch` or `delete` of its own and reading
    no user or session (its `handle_message` runs after the library checks the message's
    signature against Amazon's certificate), unless the settings set
    `SNS_VERIFY_CERTIFICATE = False`. Nor is a view whose first act checks the
    server's own signature of a URL parameter or of what was sent (`user_uuid =
    signing.loads(key)`, a signer's `unsign()`, raising `BadSignature`): a callback's
    link the app signed and handed to one server. Nor are views authenticated by a
    header: whose first act (after bare refusals such as `if not data: return
    JsonResponse(..., status=400)`, the record the URL names loaded and refused when
    missing, `try: job = Job.objects.get(pk=pk) except Job.DoesNotExist: return ...` or
    `get_object_or_404`, and checks that only log or refuse: the settings it
    needs present, the caller's address allowed) refuses every request without a credential in its
    headers or a signature of its body (a secret header compared with a setting or by
    `hmac.compare_digest` or Django's `constant_time_compare` (with the loaded job's
    token, say), a `verify_*` check of `request.headers`, a keyed `jwt.decode`
    whose failure returns, or a `verify_*` method of the view's class or function of the
    module handed the request that itself checks so and raises: `try:
    self.verify_signature(request)` whose handlers return, or one handed the credential
    read from a header that raises unless it checks out and returns only at its end:
    `payload = self.verify_token(token)`, the bearer token of `Authorization`, with `if
    not jws.verify(key): raise SuspiciousOperation(...)`), in the function view, in the class's `dispatch` or a project
    base's reached through `super().dispatch()` (a URLconf's `csrf_exempt(View.as_view())`
    is judged with the view's bases in other modules: an API gateway's action or event
    views), or in every state-changing handler, and that read no `request.user`, session
    or cookies: a browser never adds such a header to a cross-site post. So is a view a
    decorator of the project, defined in any module, guards so, on the view or on each
    state-changing handler of a class (`@method_decorator(api_authorized)` on `post`,
    whose wrapper refuses a `?token=` other than the settings' secret) (an API's `@authorize`
    whose wrapper reads the key from `X-Api-Key` or the JSON body, looks it up,
    `Project.objects.for_api_key(key)`, and returns a 401 when no record has it, or
    asks a REST framework authentication class reading a token from the
    `Authorization` header to authenticate it, `TokenAuthentication().authenticate(
    request)`, refusing when it returns `None`, itself or in a function of its module
    it calls in a `try` whose handlers refuse; not `SessionAuthentication` or
    `BasicAuthentication`, which the browser's own session or saved password pass), or
    that only hands the request on by its method to views each so guarded (but for
    those it hands only GET or HEAD requests, `if request.method == "GET": return
    list_items(request)`, which CSRF checks leave alone anyway), or an OAuth 2
    library's decorator refuses every request to without a valid access token
    (django-oidc-provider's `@protected_resource_view(["openid"])`, django-oauth-toolkit's
    `@protected_resource()`), or that subclasses such a library's token endpoint or
    protected resource view (`class TokenView(oidc_provider.views.TokenView)`, wrapped in
    `csrf_exempt()` in a URLconf as the library's own URLconf does; django-oauth-toolkit's
    `ClientProtectedResourceView` and `IntrospectTokenView`, which admit only a request
    authenticating an OAuth client), reading no user or session of the browser. Nor is a view
    a decorator of the project makes refuse every request without `X-Requested-With`
    (`@require_AJAX`) or htmx's `HX-Request`, or without a custom header of the site's
    holding a value it sets (`if request.headers.get("X-Preview") != "markdown": raise
    Http404`; not a header a proxy adds, `X-Forwarded-Proto`, nor a test of presence
    alone), or whose own first act so refuses (`if not request.is_ajax() or
    not request.user.is_active: return HttpResponseForbidden()`, also after guards that
    only turn requests away by their method: `if request.method != "POST": return
    HttpResponseNotAllowed(["POST"])`), or refuses so every
    request without an `Authorization` header of a token scheme (`if (auth :=
    request.headers.get("Authorization")) is None or not auth.startswith("Bearer "):`;
    not a test of its presence alone, nor of `Basic`, which a browser sends by itself
    once logged in), or refuses so every body of a type a form sends (`if
    request.content_type != "application/json": return HttpResponseBadRequest()`; not
    `text/plain`, a form's `enctype`): a form or a script on another site cannot add
    that header or send that type without a CORS preflight the site allows. Nor is graphene-django's or strawberry's `GraphQLView` (or a project subclass of one) wrapped
    in `csrf_exempt()` in a URLconf, or a project subclass exempt on its class or its
    `dispatch` (`@csrf_exempt def dispatch(...)`), in a project every GraphQL schema of which answers
    queries only (`graphene.Schema(query=Query)`, no `mutation=` or `subscription=`):
    both views run a query sent by GET as well, so a forged post runs nothing a link
    would not, and another site cannot read the answer. Nor is a view whose first act
    refuses a request whose query or form parameter does not match a secret of the settings or a digest of one
    (`sign = request.GET.get("sign")`, then `if not sign ==
    get_sha256(settings.SECRET_KEY): return HttpResponseForbidden()`, also inside `if
    request.method == "POST":` whose `else` refuses): an image host's upload script. A check that
    can be skipped (the header checked only when sent, work done before it), that reads
    a cookie or the user (a key or a login), or a lookup by what is no secret (a name)
    proves nothing of the kind, and is reported. Nor is a function view whose address
    holds a secret: its first act (also the first of a `try` whose handlers, with what
    follows the `try`, only log and refuse) loads the row whose field named for a
    secret matches a URL parameter, refusing any other (`get_object_or_404(Hook,
    webhook_token=token)` for `path("hooks/<slug:token>/", hook)`), and it reads no
    user, session or cookie: a page on another site cannot post to an address it
    does not know, and the view acts for the row, not for the browser's user (not a
    lookup by an id, a slug or a `uuid`, which pages show). Nor is a view that only routes a URLconf
    adds under `if settings.DEBUG:` serve (`urlpatterns += debug_urls.urlpatterns`): a
    development server's page, not one the deployed site answers.

    ## Known problems
    A webhook that checks its signature in a helper of another module, or in a
    middleware, is still reported; suppress the finding there with that reason. So is a class
    exempted by decorator whose checking `dispatch` is in a base defined in another
    module (the URLconf wrapper is judged with the whole project).

    ## Example
    ```python
    from django.http import HttpResponse
    from django.views.decorators.csrf import csrf_exempt


    @csrf_exempt
    def cancel_order(request, order_id):
        request.user.orders.filter(pk=order_id).update(status="cancelled")
        return HttpResponse("cancelled")
    ```

    ## Fix
    ```python
    from django.http import HttpResponse
    from django.views.decorators.http import require_POST


    @require_POST
    def cancel_order(request, order_id):
        request.user.orders.filter(pk=order_id).update(status="cancelled")
        return HttpResponse("cancelled")
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery](https://cwe.mitre.org/data/definitions/352.html)
    - [Django: csrf_exempt](https://docs.djangoproject.com/en/stable/ref/csrf/#django.views.decorators.csrf.csrf_exempt)
    """

    code = "WW603"
    name = "csrf-exempt-view"
    practice = Practice.CSRF
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 352
    message = (
        "`{view}` is exempt from CSRF checks: other sites can post to it with the user's session"
    )
    fix = "remove `csrf_exempt`; for webhooks, verify a signature on every request instead"
    frameworks = frozenset({Framework.DJANGO})
    calls = frozenset({CSRF_EXEMPT, "setattr"})
    assigns = frozenset({NO_CHECKS})
    decorated_only = True

    def _exempting(self, ctx: FileContext, decorator: ast.expr) -> bool:
        return any(ctx.qualified(node) == CSRF_EXEMPT for node in applied(ctx, decorator))

    def _definition(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, ctx: FileContext
    ) -> Iterator[Finding]:
        exempting = [d for d in node.decorator_list if self._exempting(ctx, d)]
        if exempting:
            yield from self._judged(node, exempting, ctx)

    def _judged(
        self,
        node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
        exempting: list[ast.expr],
        ctx: FileContext,
    ) -> Iterator[Finding]:
        """The findings at `exempting` (the decorators, or the `csrf_exempt()` call of the
        class's own `as_view()`) on the view `node` they exempt."""
        if _checks_itself(node) or _takes_no_post(ctx, node) or protects_again(ctx, node):
            return
        if verifies_signature(ctx, node) or _authenticated_by_header(ctx, node):
            return
        if keyed_by_url_secret(ctx, node):
            return
        if _completes_social_login(ctx, node) or runs_lti_flow(ctx, node):
            return
        if _takes_sso_answer(ctx, node) or hands_to_bolt(ctx, node):
            return
        if _handler_method(ctx, node) or _rest_framework_class(ctx, node):
            return  # NOTE: Django reads the exemption off the view `as_view()` returns
        if _rest_framework_function(ctx, node) or hands_to_rest_framework(ctx, node):
            return
        if _no_simple_writes(ctx, node) or _answers_post_as_get(ctx, node):
            return
        owner = ctx.parent(node)
        # NOTE: an exempted `dispatch` exempts the whole class-based view: name the view.
        view = owner.name if isinstance(owner, ast.ClassDef) else node.name
        tags = (*called_helper(ctx, node), *reads_nothing_sent(node, ctx))
        callees = session_use(ctx, node)
        if callees:
            tags = (*tags, f"{_CALLEES}{view}:{','.join(callees)}")
        elif callees is None and (mixed := mixin_session_use(ctx, node)) is not None:
            # NOTE: left medium: classes of other modules may mix it into views that do.
            tags = (*tags, f"{_CALLEES}{view}:{','.join(mixed)}", f"{_MIXIN}{view}")
        if callees == ():
            for decorator in exempting:
                finding = self.finding(
                    ctx,
                    decorator,
                    severity=Severity.LOW,
                    confidence=Confidence.LOW,
                    message=_SESSIONLESS_MESSAGE,
                    view=view,
                )
                yield dataclasses.replace(finding, tags=(*finding.tags, *tags))
            return
        for decorator in exempting:
            finding = self.finding(ctx, decorator, view=view)
            yield dataclasses.replace(finding, tags=(*finding.tags, *tags))

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """`csrf_exempt(View.as_view())` in a URLconf around a view authenticated by
        header (its class, or a project base in another module, refuses in `dispatch`
        every request without the credential, which no cross-site post carries) or around
        a class-based view whose handlers, its own and its project bases', answer no POST;
        and `@csrf_exempt` (or `@method_decorator(csrf_exempt, name="dispatch")`) on such a
        class none of whose subclasses answers POST either; and `@csrf_exempt` on a view a decorator of the project, defined in any module,
        authenticates so (`@authorize` looking up the API key sent), itself or in every
        view it only hands the request on to by method, or on a function its module only
        calls and no route leads to (`_called_helpers`); a GraphQL view exempted in a
        URLconf or on its class or `dispatch`, in a project whose schemas take no
        mutations; and any exemption in a project
        whose settings install no `CsrfViewMiddleware` at all."""
        django = project.django
        if django is None:
            return False
        if django_checks_no_tokens(project):
            return True  # NOTE: the exemption changes nothing; WW601 reports why
        where = finding.location
        if _decorated_view_verifies(finding, project) or _mixed_into_rest_framework_only(
            finding, project
        ):
            return True
        if _switched_off(finding, project) or refuted_called_helper(finding, project):
            return True
        decorated = _decorated_view(finding, project)
        if refuted_writing_nothing(finding, project, decorated):
            return True
        if decorated is not None and _served_under_debug_only(decorated, django):
            return True
        if decorated is not None and _takes_no_post_with_subclasses(decorated, django):
            return True
        if (
            decorated is not None
            and decorated.kind == "class"
            and _query_only_graphql(decorated, project)
        ):
            return True
        return any(
            route.view is not None
            and route.view.csrf_exempt
            and (
                route.view.verifies_caller
                or route.view.takes_sso_answer
                or starts_social_login(route.view.target)
                or _answers_no_post(route.view)
                or switched_off(route.view.gated_by, django.judged)
                or _rest_framework_view(route.view)
                or django.served_with_credential(route)
                or route.debug_only
                or _query_only_graphql(route.view, project)
            )
            and route.location.path == where.path
            and route.location.line <= where.line <= route.location.last_line
            for route in django.routes
        )

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low, as a view that reads no user or session, when the only functions of other
        modules the view hands the request to are the project's and act as no one
        either (`helpers_use_session`)."""
        tag = next((t for t in finding.tags if t.startswith(_CALLEES)), None)
        if tag is None or finding.severity is Severity.LOW:
            return finding
        view, _, callees = tag.removeprefix(_CALLEES).rpartition(":")
        if helpers_use_session(project, [c for c in callees.split(",") if c]):
            return finding
        if f"{_MIXIN}{view}" in finding.tags and mixed_in_elsewhere(finding, view, project):
            return finding
        return dataclasses.replace(
            finding,
            severity=Severity.LOW,
            confidence=Confidence.LOW,
            message=_SESSIONLESS_MESSAGE.format(view=view),
        )

    def visit_FunctionDef(self, node: ast.FunctionDef, ctx: FileContext) -> Iterator[Finding]:
        yield from self._definition(node, ctx)

    def visit_AsyncFunctionDef(
        self, node: ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        yield from self._definition(node, ctx)

    def visit_ClassDef(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        yield from self._definition(node, ctx)

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        for target in node.targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == NO_CHECKS
                and ctx.evaluate(node.value) is True
            ):
                yield self._marking(ctx, node)

    def _marking(self, ctx: FileContext, node: ast.AST) -> Finding:
        where = next(
            (a.name for a in ctx.ancestors(node) if isinstance(a, ast.ClassDef | _Function)),
            ctx.relpath.rsplit("/", 1)[-1],
        )
        return self.finding(ctx, node, message=_MARKING_MESSAGE.format(where=where), view=where)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if ctx.call_name(node) == "setattr" and len(node.args) == 3:
            name, value = ctx.evaluate(node.args[1]), ctx.evaluate(node.args[2])
            if name == NO_CHECKS and value is True:
                yield self._marking(ctx, node)
            return
        if ctx.call_name(node) == CSRF_EXEMPT and node.args:
            maker = _made_views_class(ctx, node)
            if maker is not None:
                # NOTE: exempts every view the class and its subclasses make: judge the class
                yield from self._judged(maker, [node], ctx)
                return
            view = ast.unparse(node.args[0])
            yield self.finding(ctx, node, view=view if len(view) <= 60 else view[:57] + "...")


_SESSIONLESS_MESSAGE = (
    "`{view}` is exempt from CSRF checks but reads no user or session: a forged post gains"
    " what any caller could (unless a middleware logs users in)"
)
_CALLEES = "csrf-exempt-session-callees:"
_MIXIN = "csrf-exempt-mixin:"
"""A mixin judged with the module's classes deriving from it (`mixin_session_use`)."""
"""Tag of a finding on a view that acts as no one unless the imported functions it hands
the request to do: `<view>:<qualified name>,...`, judged in the project step."""
_MARKING_MESSAGE = (
    "`{where}` sets `request._dont_enforce_csrf_checks`: the CSRF middleware checks none of"
    " the requests it marks, so other sites can post to those views with the user's session"
)
_Function = ast.FunctionDef | ast.AsyncFunctionDef
_CHECK = re.compile(
    r"(enforce|check|verify|validate|protect)\w*csrf|csrf\w*(enforce|check|verify|valid|protect)"
)
_SAFE_ONLY = frozenset(
    {"django.views.decorators.http.require_GET", "django.views.decorators.http.require_safe"}
)
_ALLOWING = "django.views.decorators.http.require_http_methods"


def _made_views_class(ctx: FileContext, node: ast.Call) -> ast.ClassDef | None:
    """The class whose own `as_view()` the `csrf_exempt()` call is in (`return
    csrf_exempt(super().as_view(**initkwargs))`, or `view = super().as_view(...)` then
    `return csrf_exempt(view)`): it exempts each view the class and its subclasses make,
    as a `csrf_exempt` on the class's `dispatch` would, and is judged so."""
    method = next((a for a in ctx.ancestors(node) if isinstance(a, _Function)), None)
    if method is None or method.name != "as_view":
        return None
    owner = ctx.parent(method)
    return owner if isinstance(owner, ast.ClassDef) else None


def _checks_itself(node: ast.AST) -> bool:
    """The view runs a CSRF check of its own (`CsrfViewMiddleware(...).process_view(...)`,
    `self._enforce_csrf(request)`, DRF's `enforce_csrf`): exempt from the middleware's
    so that it can choose when to check."""
    for inner in ast.walk(node):
        if not isinstance(inner, ast.Call):
            continue
        func = inner.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "process_view" or _CHECK.search(name.lower()):
            return True
    return False


_SOCIAL_COMPLETIONS = SOCIAL_LOGIN_STARTS | frozenset(
    {
        "social_core.actions.do_complete",
        "social.actions.do_complete",
        "social_django.views.complete",
        "social.apps.django_app.views.complete",
    }
)
"""`do_complete`, and social-django's own `complete` view around it (a project's view
wrapping that one, to change the session's expiry after it); and the login's start,
`do_auth` and the `auth` view around it (`logins.SOCIAL_LOGIN_STARTS`)."""


def _completes_social_login(ctx: FileContext, node: ast.AST) -> bool:
    """The view ends a python-social-auth login (`do_complete(request.backend, ...)`), as
    that library's own `complete` view does, exempt for the same reason: providers post
    their answer back (Apple's `form_post`, SAML) without the site's token, and
    `do_complete` refuses an answer whose OAuth `state` differs from the session's, or
    whose signature fails, before it logs anyone in. Or it starts one (`do_auth`), which
    a forged post makes as a link would: the browser's own user logs in at the provider."""
    return any(
        isinstance(inner, ast.Call) and ctx.call_name(inner) in _SOCIAL_COMPLETIONS
        for inner in ast.walk(node)
    )


def _takes_sso_answer(ctx: FileContext, node: ast.AST) -> bool:
    """The exempted function, or class (exempt on itself or its `dispatch`), checks a SAML
    identity provider's signed answer (`sso_answers.takes_signed_sso_answer`)."""
    view = ctx.parent(node) if _is_dispatch(ctx, node) else node
    return view is not None and takes_signed_sso_answer(ctx, view)


def _authenticated_by_header(ctx: FileContext, node: ast.AST) -> bool:
    """The exempted view (a function, or a class or its `dispatch`, as far as this module
    shows it) refuses first every request without a header credential, and reads no
    session: another server's or a script's to call, which a cross-site post cannot
    impersonate."""
    view = ctx.parent(node) if _is_dispatch(ctx, node) else node
    if view is None or reads_session(ctx, view):
        return False
    if isinstance(view, _Function):
        return caller_check(ctx, view) == VERIFIES
    return isinstance(view, ast.ClassDef) and any(
        isinstance(s, _Function) and s.name == "dispatch" and caller_check(ctx, s) == VERIFIES
        for s in view.body
    )


def _is_dispatch(ctx: FileContext, node: ast.AST) -> bool:
    return (
        isinstance(node, _Function)
        and node.name == "dispatch"
        and isinstance(ctx.parent(node), ast.ClassDef)
    )


def _takes_no_post(ctx: FileContext, node: ast.AST) -> bool:
    """The view answers no POST: only methods that change nothing, which CSRF checks
    leave alone anyway, or that another site cannot send (`@require_GET`,
    `http_method_names = ["get"]`, `@require_http_methods(["PUT", "DELETE"])`, a first
    `if request.method != "GET": return ...`)."""
    if isinstance(node, ast.ClassDef):
        for statement in node.body:
            if (
                isinstance(statement, ast.Assign)
                and any(
                    isinstance(t, ast.Name) and t.id == "http_method_names"
                    for t in statement.targets
                )
                and isinstance(statement.value, ast.List | ast.Tuple)
            ):
                return _no_post(statement.value.elts)
        return False
    if refuses_post_first(node):
        return True
    for decorator in getattr(node, "decorator_list", ()):
        if ctx.qualified(decorator) in _SAFE_ONLY:
            return True
        if isinstance(decorator, ast.Call) and ctx.call_name(decorator) == _ALLOWING:
            allowed = decorator.args[0] if decorator.args else None
            if isinstance(allowed, ast.List | ast.Tuple) and _no_post(allowed.elts):
                return True
    return False


def _decorated_view_verifies(finding: Finding, project: ProjectModel) -> bool:
    """The view `@csrf_exempt` decorates verifies its caller, or checks a SAML identity
    provider's signed answer (in a project base too), or hands each request on to views
    that all verify their caller, or a decorator of the project refuses every request
    without `X-Requested-With` before it runs."""
    django, view = project.django, _decorated_view(finding, project)
    if django is None or view is None:
        return False
    return (
        view.verifies_caller
        or view.requires_ajax
        or view.takes_sso_answer
        or view.hands_on_only_to(django.views, lambda target: target.verifies_caller, unsafe=True)
        or _served_with_credential_only(view, django)
    )


def _served_with_credential_only(view: View, django: DjangoProject) -> bool:
    """Every route to the view lies under a path a middleware refuses each request to
    unless it proves a header credential (an API key middleware for `/api/`)."""
    routes = _routes_to(view, django)
    return bool(routes) and all(django.served_with_credential(r) for r in routes)


def _served_under_debug_only(view: View, django: DjangoProject) -> bool:
    """Every route to the view is added under `if settings.DEBUG:` (`Route.debug_only`)."""
    routes = _routes_to(view, django)
    return bool(routes) and all(r.debug_only for r in routes)


def _routes_to(view: View, django: DjangoProject) -> list[Route]:
    """The project's routes whose view is `view`."""
    return [r for r in django.routes if r.view is not None and r.view.target == view.target]


def _decorated_view(finding: Finding, project: ProjectModel) -> View | None:
    """The view `@csrf_exempt` decorates: named by the finding, defined right below it,
    or the class-based view whose `dispatch` it decorates (`@method_decorator(csrf_exempt)`
    inside the class, the finding naming the class)."""
    django, summary = project.django, project.modules.get(finding.location.path)
    name = finding.message.split("`")[1] if finding.message.count("`") >= 2 else ""
    if django is None or summary is None or not name.isidentifier():
        return None
    view = django.views.get(f"{summary.module}.{name}")
    if view is None or view.location is None:
        return None
    line, span = finding.location.line, view.location
    if span.line <= line and not (view.kind == "class" and line <= span.last_line):
        return None
    return view


def _switched_off(finding: Finding, project: ProjectModel) -> bool:
    """`@csrf_exempt` on a function view whose first act refuses every request unless
    settings are on that every settings module judged ships off (`if not
    settings.ENABLE_TEST_ENDPOINTS: raise Http404`): a test-only endpoint that answers
    nothing in a deployment keeping the defaults."""
    django, view = project.django, _decorated_view(finding, project)
    return django is not None and view is not None and switched_off(view.gated_by, django.judged)


def _answers_no_post(view: View) -> bool:
    """A class-based view whose handlers are all known, POST not among them (`get`
    alone), or that lists its methods without POST (`http_method_names = ["get"]`, its
    own or a project base's), which Django refuses with a 405 whatever `dispatch` the
    project's bases add before its own."""
    return (
        (view.handlers_known or view.names_methods)
        and view.methods is not None
        and "POST" not in view.methods
    )


def _takes_no_post_with_subclasses(view: View, django: DjangoProject) -> bool:
    """A class-based view exempt on itself or its `dispatch` that answers no POST
    (`_answers_no_post`: an LTI tool's configuration XML, a `get` alone), nor does any
    class of the project deriving from it, which inherits the exemption."""
    if view.kind != "class" or not _answers_no_post(view):
        return False
    return not any(
        view.target in other.bases and not _answers_no_post(other)
        for other in django.views.values()
    )


def _rest_framework_class(ctx: FileContext, node: ast.AST) -> bool:
    """`@csrf_exempt` on a class (or its `dispatch`) with a Django REST framework view
    among its bases: it changes nothing (see `_rest_framework_view`). So on a class that
    authenticates with the classes of the `REST_FRAMEWORK` setting, as DRF's `APIView`
    does (`authentication_classes = api_settings.DEFAULT_AUTHENTICATION_CLASSES`): a
    project's own copy of REST framework (Taiga's fork of DRF 2), whose session
    authentication checks the token, as WW605 judges."""
    view = ctx.parent(node) if _is_dispatch(ctx, node) else node
    return isinstance(view, ast.ClassDef) and (
        any((ctx.qualified(base) or "").startswith("rest_framework.") for base in view.bases)
        or any(_default_authentication(statement) for statement in view.body)
    )


def _default_authentication(statement: ast.stmt) -> bool:
    """`authentication_classes = <settings>.DEFAULT_AUTHENTICATION_CLASSES`."""
    return (
        isinstance(statement, ast.Assign)
        and any(
            isinstance(t, ast.Name) and t.id == "authentication_classes" for t in statement.targets
        )
        and isinstance(statement.value, ast.Attribute)
        and statement.value.attr == "DEFAULT_AUTHENTICATION_CLASSES"
    )


_API_VIEW = "rest_framework.decorators.api_view"


def _rest_framework_function(ctx: FileContext, node: ast.AST) -> bool:
    """`@csrf_exempt` beside `@api_view([...])` on a function, above or below it: the view
    is an `APIView` made by `as_view()`, so the exemption changes nothing (see
    `_rest_framework_view`)."""
    return isinstance(node, _Function) and any(
        (ctx.call_name(d) if isinstance(d, ast.Call) else ctx.qualified(d)) == _API_VIEW
        for d in node.decorator_list
    )


_DECORATOR_LINES = 4
"""How far above its `def` or `class` line a decorator reported may be."""


def _mixed_into_rest_framework_only(finding: Finding, project: ProjectModel) -> bool:
    """The exemption is on a class (or its `dispatch`, or made in its own `as_view()`)
    that is a REST framework view by
    a project base the module cannot see (`class Callback(ApiBase)`), or a mixin's
    (`class CsrfExemptMixin:`) and every view of the project's routes that inherits it
    is one: there it changes nothing (see `_rest_framework_view`)."""
    django, summary = project.django, project.modules.get(finding.location.path)
    if django is None or summary is None:
        return False
    definitions = summary.facts.get(VIEW_FACTS)
    if not isinstance(definitions, tuple):
        return False
    line = finding.location.line
    owner = next(
        (
            definition.qualified
            for definition in definitions
            if isinstance(definition, ViewDef)
            and definition.kind == "class"
            and (_exempts_class(definition, line) or _exempts_made_views(definition, line))
        ),
        None,
    )
    if owner is None:
        return False
    own = django.views.get(owner)
    if own is not None and _rest_framework_view(own):
        return True  # NOTE: a REST framework view through a project base of another module
    users = inheriting(django.views, owner)
    return bool(users) and all(_rest_framework_view(view) for view in users)


def _exempts_class(definition: ViewDef, line: int) -> bool:
    """The exemption at `line` decorates the class or its `dispatch`."""
    return any(
        place is not None and 0 < place.line - line <= _DECORATOR_LINES
        for place in (
            definition.location,
            *(m.location for m in definition.methods if m.name == "dispatch"),
        )
    )


def _exempts_made_views(definition: ViewDef, line: int) -> bool:
    """The exemption at `line` is in the class's own `as_view()` (`return
    csrf_exempt(view)`, as REST framework's `ViewSetMixin.as_view` ends): it exempts the
    views that class and its subclasses make."""
    return any(
        m.name == "as_view"
        and m.location is not None
        and m.location.line <= line <= m.location.last_line
        for m in definition.methods
    )


def _query_only_graphql(view: View, project: ProjectModel) -> bool:
    """A graphene-django or strawberry `GraphQLView` (or a project subclass of one) in a
    project every GraphQL schema of which answers queries only (`graphene.Schema(query=
    Query)`): both views run a query sent by GET as well, so a forged post runs nothing
    a link would not, and another site cannot read the answer."""
    return graphql_view(project, view.target) and query_only_schemas(project)


def _rest_framework_view(view: View) -> bool:
    """A Django REST framework view (a class-based one, or a function under `@api_view`):
    `APIView.as_view()` exempts every view already, and DRF's `SessionAuthentication`
    runs its own CSRF check, which reads no exemption, so `csrf_exempt(ApiView.as_view())`
    changes nothing."""
    return view.kind in {"class", "function"} and view.is_drf


def _no_post(methods: list[ast.expr]) -> bool:
    """`require_http_methods(["GET", "PUT", "DELETE"])`: methods all written out, POST not
    among them. GET and HEAD change nothing the checks would guard, and a page on another
    site sends PUT, PATCH or DELETE only after a CORS preflight the site allows."""
    names = [
        m.value.upper() for m in methods if isinstance(m, ast.Constant) and isinstance(m.value, str)
    ]
    return len(names) == len(methods) and "POST" not in names


_HANDLERS = frozenset({"get", "head", "options", "trace", "post", "put", "patch", "delete"})
_PLAIN_VIEWS = frozenset(
    {
        "django.views.View",
        "django.views.generic.View",
        "django.views.generic.base.View",
        "rest_framework.views.APIView",
    }
)


def _handler_method(ctx: FileContext, node: ast.AST) -> bool:
    """`@csrf_exempt` on a class-based view's `post()` (or any method but `dispatch`):
    the middleware looks for the mark on the function `as_view()` returns, which copies
    it from `dispatch` only, so the checks still run."""
    return (
        isinstance(node, _Function)
        and node.name != "dispatch"
        and isinstance(ctx.parent(node), ast.ClassDef)
    )


def _answers_post_as_get(ctx: FileContext, node: ast.AST) -> bool:
    """A class exempt on itself or its `dispatch` whose `post` does what its GET does
    (see `_post_as_get`)."""
    view = ctx.parent(node) if _is_dispatch(ctx, node) else node
    return isinstance(view, ast.ClassDef) and answers_post_as_get(ctx, view)


def _no_simple_writes(ctx: FileContext, node: ast.AST) -> bool:
    """A plain class-based view (exempt on the class or its `dispatch`) that handles PUT,
    PATCH or DELETE and no POST: a browser sends those to another site only after a CORS
    preflight that site allows, so no page elsewhere can forge them."""
    view = node
    if isinstance(node, _Function) and node.name == "dispatch":
        view = ctx.parent(node) or node
    if not isinstance(view, ast.ClassDef):
        return False
    if not any(ctx.qualified(base) in _PLAIN_VIEWS for base in view.bases):
        return False
    handlers = {
        statement.name
        for statement in view.body
        if isinstance(statement, _Function) and statement.name in _HANDLERS
    }
    return "post" not in handlers and bool(handlers & {"put", "patch", "delete"})
