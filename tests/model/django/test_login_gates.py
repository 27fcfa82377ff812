from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.login_gates import turns_away_anonymous


def _method(source: str) -> ast.FunctionDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            def process_request(self, request):
                if not request.user.is_authenticated:
                    return redirect(settings.LOGIN_URL)
            """,
            id="redirect-to-login",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if not request.user.is_authenticated:
                    path = request.path_info.lstrip("/")
                    if not any(m.match(path) for m in EXEMPT_URLS):
                        return redirect(settings.LOGIN_URL)
            """,
            id="exempt-paths-let-through",
        ),
        pytest.param(
            """
            def __call__(self, request):
                if request.user.is_anonymous() and request.path != "/login/":
                    raise PermissionDenied
                return self.get_response(request)
            """,
            id="old-is-anonymous-method",
        ),
        pytest.param(
            """
            def process_view(self, req, view_func, args, kwargs):
                '''Log in first.'''
                if not req.user.is_authenticated:
                    return redirect_to_login(req.get_full_path())
            """,
            id="process-view",
        ),
        pytest.param(
            """
            def __call__(self, request):
                url = resolve(request.path_info)
                allow = True
                if request.user.is_anonymous and url.url_name not in self.PUBLIC_URLS:
                    allow = False
                if not allow:
                    for matcher in plugin_public_urls():
                        if matcher(request, url):
                            allow = True
                if not allow:
                    return redirect(reverse("login") + f"?next={request.path}")
                else:
                    return self.get_response(request)
            """,
            id="flag-answered-later",
        ),
        pytest.param(
            """
            def process_request(self, request):
                deny = False
                if not request.user.is_authenticated:
                    deny = True
                if deny:
                    raise PermissionDenied
            """,
            id="deny-flag",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if not (request.user.is_authenticated and request.user.is_staff):
                    return HttpResponseForbidden()
            """,
            id="not-logged-in-and-staff",
        ),
    ],
)
def test_turns_away_anonymous(source: str) -> None:
    assert turns_away_anonymous(_method(source))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            def process_view(self, request, view_func, view_args, view_kwargs):
                if getattr(view_func, "public", False):
                    return None
                token = request.session.get("sso_token")
                profile = request.session.get("profile")
                signed_in = token and profile
                on_login_page = request.path in (reverse("accounts:login"),)
                if signed_in or on_login_page:
                    return None
                request.session["next"] = request.path
                return HttpResponseRedirect(reverse("accounts:login"))
            """,
            id="session-token-else-login",
        ),
        pytest.param(
            """
            def __call__(self, request):
                if request.user.is_authenticated or request.path in EXEMPT:
                    return self.get_response(request)
                raise PermissionDenied
            """,
            id="user-else-refused",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if "access_token" in request.session:
                    return None
                return redirect(settings.LOGIN_URL)
            """,
            id="session-key-in",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if not request.session.get("oidc_user") and request.path != "/login/":
                    return redirect("/login/")
            """,
            id="session-lacking-key-sent-to-login",
        ),
    ],
)
def test_lets_only_logged_in(source: str) -> None:
    assert turns_away_anonymous(_method(source))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            def process_request(self, request):
                if request.path.startswith("/reports/"):
                    if not request.user.is_authenticated:
                        return redirect(settings.LOGIN_URL)
            """,
            id="under-a-path-only",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if not request.user.is_authenticated:
                    if request.path == "/logout/":
                        return redirect("/")
                    return None
            """,
            id="hands-on",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if request.user.is_authenticated:
                    return redirect("/home/")
            """,
            id="turns-away-the-logged-in",
        ),
        pytest.param(
            """
            def process_response(self, request, response):
                if not request.user.is_authenticated:
                    return HttpResponseForbidden()
                return response
            """,
            id="after-the-view",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if not other.user.is_authenticated:
                    return redirect(settings.LOGIN_URL)
            """,
            id="not-this-request",
        ),
        pytest.param(
            """
            def __call__(self, request):
                allow = True
                if request.user.is_anonymous:
                    allow = False
                allow = True
                if not allow:
                    return redirect(settings.LOGIN_URL)
                return self.get_response(request)
            """,
            id="flag-set-back-for-all",
        ),
        pytest.param(
            """
            def __call__(self, request):
                allow = True
                if request.user.is_anonymous:
                    allow = False
                if allow:
                    return redirect(settings.LOGIN_URL)
                return self.get_response(request)
            """,
            id="flag-tested-the-other-way",
        ),
        pytest.param(
            """
            def __call__(self, request):
                allow = True
                if request.user.is_anonymous:
                    allow = False
                if not allow:
                    request.guest = True
                return self.get_response(request)
            """,
            id="flag-hands-on",
        ),
    ],
)
def test_lets_anonymous_through(source: str) -> None:
    assert not turns_away_anonymous(_method(source))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            def __call__(self, request):
                if request.user.is_authenticated:
                    request.seen = True
                return self.get_response(request)
            """,
            id="ends-handing-on",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if request.session.get("cookies_accepted"):
                    return None
                return redirect("/cookie-consent/")
            """,
            id="session-key-not-a-login",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if not request.path.startswith("/admin/"):
                    return None
                if request.user.is_authenticated:
                    return None
                return redirect(settings.LOGIN_URL)
            """,
            id="some-paths-only",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if request.user.is_authenticated or request.path not in GUARDED:
                    return None
                return redirect(settings.LOGIN_URL)
            """,
            id="exempt-all-but-some",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if request.user.is_authenticated:
                    return None
                response = self.get_response(request)
                return response
            """,
            id="answer-is-the-views",
        ),
        pytest.param(
            """
            def process_request(self, request):
                if not request.session.get("basket"):
                    return redirect("/shop/")
            """,
            id="session-lacking-key-not-sent-to-login",
        ),
    ],
)
def test_lets_the_anonymous_on(source: str) -> None:
    assert not turns_away_anonymous(_method(source))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            def __call__(self, request):
                if resolve(request.path).url_name in settings.PUBLIC_NAMES:
                    return self.get_response(request)
                email = request.META.get(settings.SSO_EMAIL_HEADER)
                if email is None:
                    return HttpResponse("Log in through the proxy", status=401)
                request.user, _ = User.objects.get_or_create(username=email)
                return self.get_response(request)
            """,
            True,
            id="proxy-header-refused-when-absent",
        ),
        pytest.param(
            """
            def process_request(self, request):
                user_name = request.headers.get("X-Forwarded-User", "").strip()
                if not user_name or user_name == "-":
                    raise PermissionDenied
                request.user = get_user_model().objects.get(username=user_name)
            """,
            True,
            id="headers-not-or",
        ),
        pytest.param(
            """
            def __call__(self, request):
                email = request.META.get(settings.SSO_EMAIL_HEADER)
                if email is not None:
                    request.user = User.objects.get(username=email)
                return self.get_response(request)
            """,
            False,
            id="header-optional",
        ),
        pytest.param(
            """
            def __call__(self, request):
                key = request.headers.get("X-Api-Key")
                if key is None:
                    return HttpResponse(status=401)
                return self.get_response(request)
            """,
            False,
            id="presence-only-no-user",
        ),
        pytest.param(
            """
            def __call__(self, request):
                email = request.META.get(settings.SSO_EMAIL_HEADER)
                if request.path.startswith("/admin/"):
                    if email is None:
                        return HttpResponse(status=401)
                request.user = User.objects.get(username=email)
                return self.get_response(request)
            """,
            False,
            id="under-a-path-only",
        ),
        pytest.param(
            """
            def __call__(self, request):
                email = request.META.get(settings.SSO_EMAIL_HEADER)
                if email is None:
                    return None
                request.user = User.objects.get(username=email)
                return self.get_response(request)
            """,
            False,
            id="absent-handed-on",
        ),
    ],
)
def test_identity_header(source: str, expected: bool) -> None:
    assert turns_away_anonymous(_method(source)) is expected
