"""A one-module Django project with DEBUG = True and the default (insecure) cookies.

No SecurityMiddleware, no XFrameOptionsMiddleware; a `@csrf_exempt` contact form that
accepts any POST; an account form whose token CsrfViewMiddleware does enforce.
"""

from __future__ import annotations

import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

PAGE = """<!doctype html><title>{title}</title>
<nav><a href="/">Home</a> <a href="/contact/">Contact</a> <a href="/account/">Account</a></nav>
{body}"""


def home(request):
    request.session["visits"] = request.session.get("visits", 0) + 1
    return HttpResponse(PAGE.format(title="Home", body="<p>Welcome</p>"))


@csrf_exempt
def contact(request):
    if request.method == "POST":
        return HttpResponse(PAGE.format(title="Thanks", body="<p>Thanks.</p>"))
    form = '<form method="post" action="/contact/"><input name="email"><button>Send</button></form>'
    return HttpResponse(PAGE.format(title="Contact", body=form))


def account(request):
    from django.middleware.csrf import get_token

    if request.method == "POST":
        return HttpResponse(PAGE.format(title="Saved", body="<p>Saved.</p>"))
    token = get_token(request)
    form = (
        '<form method="post" action="/account/">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        '<input name="email"><button>Save</button></form>'
    )
    return HttpResponse(PAGE.format(title="Account", body=form))


def archive(request, year):
    return HttpResponse(PAGE.format(title="Archive", body=f"<p>{year}</p>"))


urlpatterns = [
    path("", home),
    path("contact/", contact),
    path("account/", account),
    path("archive/<int:year>/", archive),
]


def make_app(ports, docroot):
    settings.configure(
        DEBUG=True,
        SECRET_KEY="live-test-only",
        ALLOWED_HOSTS=["127.0.0.1"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
        ],
        SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
        INSTALLED_APPS=[],
        USE_TZ=True,
    )
    django.setup()
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()
