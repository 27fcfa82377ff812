"""Which Django view functions and methods refuse first a request without a header
credential, and which `dispatch`es go on only through `super().dispatch()`."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.django.caller_checks import (
    ACTS,
    PASSES,
    VERIFIES,
    caller_check,
    decorator_verifies,
    reads_session,
    refuses_non_ajax_first,
    request_name,
)
from webwarden.parse.python import ParsedPython, parse_source

IMPORTS = "import hmac\nfrom django.conf import settings\nfrom django.views import View\n"


def _method(body: str, name: str = "dispatch") -> tuple[str, bool]:
    source = (
        IMPORTS
        + "class Hook(View):\n"
        + f"    def {name}(self, request, *args, **kwargs):\n"
        + textwrap.indent(textwrap.dedent(body), "        ")
    )
    parsed = parse_source(source, "hooks/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("hooks/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    cls = ctx.tree.body[-1]
    assert isinstance(cls, ast.ClassDef)
    method = cls.body[0]
    assert isinstance(method, ast.FunctionDef)
    return caller_check(ctx, method), reads_session(ctx, cls)


GO_ON = "return super().dispatch(request, *args, **kwargs)"


@pytest.mark.parametrize(
    ("body", "verdict"),
    [
        pytest.param(
            f"if request.headers.get('X-Secret') != settings.HOOK_SECRET:\n    return deny()\n{GO_ON}",
            VERIFIES,
            id="header-against-setting",
        ),
        pytest.param(
            "sent = request.META.get('HTTP_X_SECRET', '')\n"
            f"if not hmac.compare_digest(sent, settings.HOOK_SECRET):\n    return deny()\n{GO_ON}",
            VERIFIES,
            id="meta-compared-in-constant-time",
        ),
        pytest.param(
            f"if verify_hook(request.headers):\n    {GO_ON}\nreturn deny()",
            VERIFIES,
            id="verified-headers-then-refused",
        ),
        pytest.param(
            f"if self.request.headers.get('X-Secret') != settings.HOOK_SECRET:\n"
            f"    return deny()\n{GO_ON}",
            VERIFIES,
            id="self-request",
        ),
        pytest.param(
            f"if request.COOKIES.get('secret') != settings.HOOK_SECRET:\n    return deny()\n{GO_ON}",
            PASSES,
            id="cookie-proves-nothing",
        ),
        pytest.param(
            f"form = Form(request.POST)\nif not form.is_valid():\n    return deny()\n{GO_ON}",
            PASSES,
            id="form-validation-proves-nothing",
        ),
        pytest.param(
            f"if self.token:\n    {GO_ON}\nreturn deny()",
            PASSES,
            id="gate-going-on-by-super",
        ),
        pytest.param(
            "key = request.headers.get('X-Api-Key', '')\n"
            "client = Client.objects.filter(api_key=key).first()\n"
            f"if client is None:\n    return deny()\n{GO_ON}",
            VERIFIES,
            id="sent-key-looked-up-else-refused",
        ),
        pytest.param(
            "if 'X-Api-Key' in request.headers:\n    key = request.headers['X-Api-Key']\n"
            "else:\n    key = ''\n"
            "if len(key) != 32:\n    return deny()\n"
            "token = Token.objects.by_key(key)\n"
            f"if not token:\n    return deny()\n{GO_ON}",
            VERIFIES,
            id="key-read-in-branches-then-looked-up",
        ),
        pytest.param(
            f"key = request.headers.get('X-Api-Key', '')\nif not key:\n    return deny()\n{GO_ON}",
            PASSES,
            id="sent-key-present-proves-nothing",
        ),
        pytest.param(
            "client = Client.objects.filter(name=request.headers.get('X-Client')).first()\n"
            f"if client is None:\n    return deny()\n{GO_ON}",
            PASSES,
            id="lookup-by-no-secret",
        ),
        pytest.param(
            "if 'X-Api-Key' in request.headers:\n"
            "    client = Client.objects.by_key(request.headers['X-Api-Key'])\n"
            "    if client is None:\n        return deny()\n"
            f"{GO_ON}",
            PASSES,
            id="key-checked-only-when-sent",
        ),
        pytest.param(
            f"if request.GET.get('token') != settings.CRON_TOKEN:\n    return deny()\n{GO_ON}",
            VERIFIES,
            id="query-parameter-against-secret-setting",
        ),
        pytest.param(
            "if not settings.CRON_TOKEN:\n    return deny()\n"
            f"if settings.CRON_TOKEN != request.POST['token']:\n    return deny()\n{GO_ON}",
            VERIFIES,
            id="form-field-against-secret-setting",
        ),
        pytest.param(
            "sign = request.GET.get('sign')\nif not sign:\n    return deny()\n"
            "if not sign == get_sha256(get_sha256(settings.SECRET_KEY)):\n"
            f"    return deny()\n{GO_ON}",
            VERIFIES,
            id="query-parameter-local-against-secret-digest",
        ),
        pytest.param(
            "expected = hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest()\n"
            f"if expected != request.POST['sign']:\n    return deny()\n{GO_ON}",
            VERIFIES,
            id="form-field-against-digest-in-local",
        ),
        pytest.param(
            f"if request.GET.get('n') != str(len(settings.SECRET_KEY)):\n    return deny()\n{GO_ON}",
            PASSES,
            id="query-parameter-against-no-digest",
        ),
        pytest.param(
            f"if request.GET.get('sign') != get_sha256(settings.SITE_NAME):\n    return deny()\n{GO_ON}",
            PASSES,
            id="query-parameter-against-digest-of-no-secret",
        ),
        pytest.param(
            f"if request.GET.get('version') != settings.API_VERSION:\n    return deny()\n{GO_ON}",
            PASSES,
            id="query-parameter-against-no-secret",
        ),
        pytest.param(
            f"if request.GET.get('token') != self.token:\n    return deny()\n{GO_ON}",
            PASSES,
            id="query-parameter-against-no-setting",
        ),
        pytest.param(
            f"if request.GET.get('preview'):\n    return self.post(request)\n{GO_ON}",
            ACTS,
            id="runs-a-handler-itself",
        ),
        pytest.param(
            "handler = getattr(self, request.method.lower())\nreturn handler(request)",
            ACTS,
            id="dispatches-itself",
        ),
    ],
)
def test_dispatch_verdict(body: str, verdict: str) -> None:
    assert _method(body)[0] == verdict


@pytest.mark.parametrize(
    ("otherwise", "verdict"),
    [
        pytest.param(
            "else:\n    return HttpResponse('only for post')", VERIFIES, id="else-refuses"
        ),
        pytest.param("return HttpResponseNotAllowed(['POST'])", VERIFIES, id="then-refused"),
        pytest.param("save()\nreturn HttpResponse('ok')", ACTS, id="other-methods-write"),
    ],
)
def test_a_secret_checked_in_the_only_method_let_on(otherwise: str, verdict: str) -> None:
    body = (
        "if request.method == 'POST':\n"
        "    if request.GET.get('token') != settings.CRON_TOKEN:\n"
        "        return deny()\n"
        "    save()\n"
        "    return HttpResponse('ok')\n"
    )
    assert _method(body + otherwise, "post")[0] == verdict


def test_a_handler_that_verifies_is_no_gate() -> None:
    checked = "if not verify_hook(request.headers):\n    return deny()\nsave()"
    assert _method(checked, "post")[0] == VERIFIES
    assert _method("save()", "post")[0] == ACTS


@pytest.mark.parametrize(
    ("body", "reads"),
    [
        pytest.param("return request.user.pk", True, id="request-user"),
        pytest.param("self.request.session['k'] = 1", True, id="self-request-session"),
        pytest.param("return self.user_obj", False, id="own-attribute"),
    ],
)
def test_reads_session(body: str, reads: bool) -> None:
    assert _method(body, "post")[1] is reads


def _decorator(source: str) -> bool:
    parsed = parse_source(IMPORTS + textwrap.dedent(source), "api/auth.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("api/auth.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    return decorator_verifies(ctx, function)


WRAPPER = """
def key_required(view):
    def wrapper(req, *args, **kwargs):
        client = Client.objects.for_key(req.headers.get("X-Key", ""))
        if client is None:
            return deny()
        {then}
        return view(req, *args, **kwargs)

    return wrapper
"""


def test_a_decorator_judged_by_its_wrapper() -> None:
    assert _decorator(WRAPPER.format(then="req.client = client"))
    assert not _decorator(WRAPPER.format(then="req.client = req.user"))
    assert not _decorator(WRAPPER.replace("return deny()", "pass").format(then=""))
    factory = "def scoped(scope):\n" + textwrap.indent(
        WRAPPER.format(then="") + "\nreturn key_required", "    "
    )
    assert _decorator(factory)


def _first_act(body: str) -> bool:
    source = IMPORTS + "def hook(request):\n" + textwrap.indent(textwrap.dedent(body), "    ")
    parsed = parse_source(source, "hooks/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("hooks/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    return refuses_non_ajax_first(ctx, function)


@pytest.mark.parametrize(
    ("body", "refuses"),
    [
        pytest.param(
            "if (a := request.headers.get('Authorization')) is None or not a.startswith('Bearer '):\n"
            "    return HttpResponse(status=401)\nsave()",
            True,
            id="walrus-bearer",
        ),
        pytest.param(
            "auth = request.META.get('HTTP_AUTHORIZATION', '')\n"
            "if not auth.startswith('Token '):\n    return deny()\nsave()",
            True,
            id="local-token-scheme",
        ),
        pytest.param(
            "if not request.headers.get('authorization', '').startswith('JWT'):\n"
            "    return deny()\nsave()",
            True,
            id="direct-read",
        ),
        pytest.param(
            "if request.headers.get('Authorization') is None:\n    return deny()\nsave()",
            False,
            id="presence-only",
        ),
        pytest.param(
            "auth = request.headers.get('Authorization', '')\n"
            "if not auth.startswith('Basic '):\n    return deny()\nsave()",
            False,
            id="basic-scheme",
        ),
        pytest.param(
            "auth = request.headers.get('X-Other', '')\n"
            "if not auth.startswith('Bearer '):\n    return deny()\nsave()",
            False,
            id="other-header",
        ),
        pytest.param(
            "if not request.headers.get('Authorization', '').startswith('Bearer '):\n"
            "    log()\nsave()",
            False,
            id="no-refusal",
        ),
    ],
)
def test_a_token_scheme_required_first(body: str, refuses: bool) -> None:
    assert _first_act(body) is refuses


_SCRIPTS_ONLY = (
    "if request.headers.get('x-requested-with') != 'XMLHttpRequest':\n    raise Denied\n"
)


@pytest.mark.parametrize(
    ("body", "refuses"),
    [
        pytest.param(
            f"if request.method != 'POST':\n    return deny()\n{_SCRIPTS_ONLY}save()",
            True,
            id="method-refused-first",
        ),
        pytest.param(
            "if request.method not in ('POST', 'PUT') or request.method == 'GET':\n"
            f"    return HttpResponseNotAllowed(['POST'])\n{_SCRIPTS_ONLY}save()",
            True,
            id="methods-listed",
        ),
        pytest.param(
            f"if request.method != 'POST' or not save():\n    return deny()\n{_SCRIPTS_ONLY}",
            False,
            id="test-with-a-call",
        ),
        pytest.param(
            f"if request.method == 'POST':\n    save()\n{_SCRIPTS_ONLY}",
            False,
            id="method-branch-acting",
        ),
        pytest.param(
            f"if request.method != 'POST':\n    return deny()\nelse:\n    save()\n{_SCRIPTS_ONLY}",
            False,
            id="method-branch-with-else",
        ),
    ],
)
def test_a_method_refusal_may_come_before_the_header_check(body: str, refuses: bool) -> None:
    assert _first_act(body) is refuses


@pytest.mark.parametrize(
    ("body", "refuses"),
    [
        pytest.param(
            "if request.is_ajax():\n    save()\n    return HttpResponse('ok')",
            True,
            id="whole-body-for-scripts",
        ),
        pytest.param(
            "if request.method != 'GET':\n    return deny()\n"
            "if request.is_ajax() and request.GET.get('q'):\n    return HttpResponse(find())",
            True,
            id="after-a-method-refusal-joined-by-and",
        ),
        pytest.param(
            "if request.is_ajax() or request.GET.get('q'):\n    save()",
            False,
            id="joined-by-or",
        ),
        pytest.param(
            "if request.is_ajax():\n    save()\nreturn HttpResponse('page')",
            False,
            id="statement-after-the-branch",
        ),
        pytest.param(
            "if request.is_ajax():\n    save()\nelse:\n    return page()",
            False,
            id="branch-with-else",
        ),
    ],
)
def test_a_view_acting_only_for_a_script(body: str, refuses: bool) -> None:
    # `None` from a request that falls off the end is an error Django raises.
    assert _first_act(body) is refuses


HELPERS = """
def _token_from(request):
    auth = request.headers["Authorization"]
    return auth.split("Bearer ")[1]


def _session_token(request):
    return request.session["token"]


def _authenticate(token):
    event = verify_event(token, keys())
    if not event:
        event = verify_event(token, keys(reload=True))
        if not event:
            raise PermissionError("unsigned")
    return event
"""


@pytest.mark.parametrize(
    ("body", "verdict"),
    [
        pytest.param(
            "token = _token_from(request)\nevent = _authenticate(token)\nsave(event)",
            VERIFIES,
            id="header-reader-then-raising-check",
        ),
        pytest.param(
            "token = _session_token(request)\nevent = _authenticate(token)\nsave(event)",
            ACTS,
            id="session-reader",
        ),
        pytest.param(
            "event = verify_event(request.headers['X-Sig'], keys())\n"
            "if event is None:\n    return deny()\nsave(event)",
            VERIFIES,
            id="verified-local-refused",
        ),
        pytest.param(
            "errors = validate_event(request.headers['X-Sig'])\n"
            "if not errors:\n    return deny()\nsave()",
            ACTS,
            id="validate-returns-errors",
        ),
    ],
)
def test_helpers_reading_and_verifying_the_token(body: str, verdict: str) -> None:
    source = (
        IMPORTS
        + HELPERS
        + "\ndef hook(request):\n"
        + textwrap.indent(textwrap.dedent(body), "    ")
    )
    parsed = parse_source(source, "hooks/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("hooks/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    assert caller_check(ctx, function) == verdict


PREDICATES = """
class Hook(View):
    def post(self, request):
        if not self._validate(request):
            return deny()
        save()

    def _validate(self, request):
        sent = request.GET.get("token", "")
        return {test}
"""


@pytest.mark.parametrize(
    ("test", "verdict"),
    [
        pytest.param(
            "request.GET.get('token') == settings.HOOK_SECRET",
            VERIFIES,
            id="query-parameter-equals-secret-setting",
        ),
        pytest.param(
            "hmac.compare_digest(request.headers.get('X-Sig', ''), settings.HOOK_SECRET)",
            VERIFIES,
            id="header-compared-in-constant-time",
        ),
        pytest.param(
            "bool(request.POST.get('token')) and "
            "hmac.compare_digest(request.POST['token'], settings.HOOK_SECRET)",
            VERIFIES,
            id="form-field-present-and-matching",
        ),
        pytest.param(
            "sent == settings.HOOK_SECRET",
            VERIFIES,
            id="local-given-the-parameter",
        ),
        pytest.param(
            "request.GET.get('token') == settings.API_VERSION",
            ACTS,
            id="parameter-against-no-secret",
        ),
        pytest.param(
            "request.GET.get('token') == settings.HOOK_SECRET or request.user.is_staff",
            ACTS,
            id="or-the-session-user",
        ),
        pytest.param(
            "request.COOKIES.get('token') == settings.HOOK_SECRET",
            ACTS,
            id="cookie-against-secret",
        ),
    ],
)
def test_a_predicate_helper_the_view_tests(test: str, verdict: str) -> None:
    source = IMPORTS + PREDICATES.format(test=test)
    parsed = parse_source(source, "hooks/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("hooks/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    cls = ctx.tree.body[-1]
    assert isinstance(cls, ast.ClassDef)
    method = cls.body[0]
    assert isinstance(method, ast.FunctionDef)
    assert caller_check(ctx, method) == verdict


@pytest.mark.parametrize(
    ("source", "name"),
    [
        pytest.param("def view(req, pk):\n    pass\n", "req", id="function"),
        pytest.param(
            "class Edit:\n    def post(self, http_request):\n        pass\n",
            "http_request",
            id="method-after-self",
        ),
        pytest.param("def view():\n    pass\n", "request", id="no-parameter"),
        pytest.param("class Edit:\n    pass\n", "request", id="class"),
    ],
)
def test_request_name(source: str, name: str) -> None:
    parsed = parse_source(source, "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    node = ctx.tree.body[0]
    if isinstance(node, ast.ClassDef) and isinstance(node.body[0], ast.FunctionDef):
        node = node.body[0]
    assert request_name(ctx, node) == name


@pytest.mark.parametrize(
    ("body", "refuses"),
    [
        pytest.param(
            "key = 'HTTP_HX_REQUEST'\nif key not in request.META.keys():\n"
            "    return render(request, '405.html')\nsave()",
            True,
            id="htmx-header-named-by-a-local",
        ),
        pytest.param(
            "if not request.headers.get('HX-Request'):\n    return HttpResponseBadRequest()\nsave()",
            True,
            id="htmx-header-read",
        ),
        pytest.param(
            "if not request.htmx:\n    return render(request, 'errors/permission_denied.html')\n"
            "save()",
            True,
            id="django-htmx-attribute",
        ),
        pytest.param(
            "key = 'HTTP_HX_TARGET'\nif key not in request.META:\n    return deny()\nsave()",
            False,
            id="other-header-named-by-a-local",
        ),
        pytest.param(
            "if not request.htmx:\n    return render(request, 'notes/list.html')\nsave()",
            False,
            id="ordinary-page-rendered",
        ),
        pytest.param(
            "if not request.htmx:\n    return render(request, '405.html', {'n': count()})\nsave()",
            False,
            id="error-page-that-calls-more",
        ),
        pytest.param(
            "if not request.htmx and request.method == 'POST':\n    return deny()\nsave()",
            False,
            id="refused-for-posts-only",
        ),
    ],
)
def test_a_header_only_scripts_send_required_first(body: str, refuses: bool) -> None:
    assert _first_act(body) is refuses


FORM_CHECK = """
def _verify(form):
    sent = form.get("signature", "")
    token = form.get("token", "")
    expected = hmac.new({key}.encode(), token.encode(), "sha256").hexdigest()
    return {test}


def hook(request):
    if not _verify(request.{part}):
        return deny()
    save()
"""


@pytest.mark.parametrize(
    ("key", "test", "part", "verdict"),
    [
        pytest.param(
            "settings.MAIL_API_KEY", "sent == expected", "POST", VERIFIES, id="form-signature"
        ),
        pytest.param(
            "settings.MAIL_API_KEY",
            "hmac.compare_digest(sent, expected) and bool(sent)",
            "GET",
            VERIFIES,
            id="query-signature-constant-time",
        ),
        pytest.param("settings.MAIL_DOMAIN", "sent == expected", "POST", ACTS, id="key-no-secret"),
        pytest.param(
            "settings.MAIL_API_KEY", "sent != expected", "POST", ACTS, id="holds-when-unmatched"
        ),
        pytest.param(
            "settings.MAIL_API_KEY", "sent == expected", "COOKIES", ACTS, id="cookies-handed"
        ),
    ],
)
def test_a_part_of_the_request_handed_to_a_check(
    key: str, test: str, part: str, verdict: str
) -> None:
    source = IMPORTS + FORM_CHECK.format(key=key, test=test, part=part)
    parsed = parse_source(source, "hooks/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("hooks/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    assert caller_check(ctx, function) == verdict


@pytest.mark.parametrize(
    ("inner", "verdict"),
    [
        pytest.param(
            "return hmac.compare_digest(request.headers['X-Sig'], settings.HOOK_SECRET)",
            VERIFIES,
            id="nested-constant-time-compare",
        ),
        pytest.param("return request.user.is_staff", ACTS, id="nested-reads-the-user"),
    ],
)
def test_a_check_the_view_defines_in_its_body(inner: str, verdict: str) -> None:
    source = (
        IMPORTS
        + "def hook(request):\n"
        + "    def verify_signature(request):\n"
        + f"        {inner}\n\n"
        + "    if not verify_signature(request):\n        return deny()\n    save()\n"
    )
    parsed = parse_source(source, "hooks/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("hooks/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    assert caller_check(ctx, function) == verdict


SIGNED = "if not hmac.compare_digest(sent, settings.HOOK_SECRET):\n    return deny()\n" + GO_ON


@pytest.mark.parametrize(
    ("body", "verdict"),
    [
        pytest.param(
            "sent = force_bytes(request.GET.get('signature', ''))\n" + SIGNED,
            VERIFIES,
            id="parameter-turned-into-bytes",
        ),
        pytest.param(
            "sent = str(request.GET['signature']).strip()\n" + SIGNED,
            VERIFIES,
            id="parameter-turned-into-text",
        ),
        pytest.param(
            "sent = force_bytes(request.GET.get('signature', ''), user)\n" + SIGNED,
            PASSES,
            id="call-given-more-than-the-parameter",
        ),
        pytest.param(
            "now = time.time()\nsent = request.headers.get('X-Signature')\n" + SIGNED,
            VERIFIES,
            id="clock-read-before-the-check",
        ),
        pytest.param(
            "sent = request.headers.get('X-Signature')\n"
            "if not args:\n    return JsonResponse(dict(cmds=[dict(cmd='rel', id=request)]))\n"
            + SIGNED,
            VERIFIES,
            id="fixed-answer-before-the-check",
        ),
        pytest.param(
            "sent = request.headers.get('X-Signature')\n"
            "if not args:\n    return JsonResponse(dict(released=Hook.release_all()))\n" + SIGNED,
            PASSES,
            id="answer-that-acts-before-the-check",
        ),
        pytest.param(
            "sent = request.headers.get('X-Signature')\nrows = list(Hook.objects.all())\n"
            "if not args:\n    return JsonResponse({'rows': rows})\n" + SIGNED,
            PASSES,
            id="answer-telling-what-was-read-before-the-check",
        ),
    ],
)
def test_what_a_signed_request_may_meet_before_the_check(body: str, verdict: str) -> None:
    assert _method(body)[0] == verdict
