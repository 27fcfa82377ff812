"""The Django project done right: DEBUG off, SecurityMiddleware with HSTS and the HTTPS
redirect (to the https port through SECURE_SSL_HOST), secure cookies, framing denied."""

from __future__ import annotations

import django
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

HIDE_SERVER_VERSION = True
PAGE = """<!doctype html><title>{title}</title>
<nav><a href="/">Home</a> <a href="/account/">Account</a></nav>
{body}"""


def home(request):
    return HttpResponse(PAGE.format(title="Home", body="<p>Welcome</p>"))


def account(request):
    if request.method == "POST":
        return HttpResponse(PAGE.format(title="Saved", body="<p>Saved.</p>"))
    request.session["seen"] = True
    form = (
        '<form method="post" action="/account/">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">'
        '<input name="email"><button>Save</button></form>'
    )
    return HttpResponse(PAGE.format(title="Account", body=form))


def policies(get_response):
    """Headers Django 5.2 has no setting for (Django 6 adds CSP)."""

    def middleware(request):
        response = get_response(request)
        response["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'"
        response["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        return response

    return middleware


urlpatterns = [path("", home), path("account/", account)]


def make_app(ports, docroot):
    settings.configure(
        DEBUG=False,
        SECRET_KEY="live-test-only-" + "x" * 50,
        ALLOWED_HOSTS=["127.0.0.1"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            f"{__name__}.policies",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
        INSTALLED_APPS=[],
        USE_TZ=True,
        SECURE_SSL_REDIRECT=True,
        SECURE_SSL_HOST=f"127.0.0.1:{ports['main']}",
        SECURE_HSTS_SECONDS=31536000,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
        SECURE_HSTS_PRELOAD=True,
        SESSION_COOKIE_SECURE=True,
        CSRF_COOKIE_SECURE=True,
        CSRF_COOKIE_HTTPONLY=True,
    )
    django.setup()
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()
