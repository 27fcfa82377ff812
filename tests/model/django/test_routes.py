"""The route map: include chains, routers, converters, views and what protects them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.model.django.test_settings import PROJECTS, model, write
from webwarden.findings import Location
from webwarden.model.django import Route
from webwarden.model.django.extract_views import ViewDef
from webwarden.model.django.routes import UrlParameter
from webwarden.model.django.views import Definitions


def by_pattern(routes: list[Route]) -> dict[str, Route]:
    return {route.pattern: route for route in routes}


def test_include_chain_with_namespace_and_converters() -> None:
    django = model(PROJECTS / "split_settings")
    routes = by_pattern(django.routes)
    assert set(routes) == {
        "blog/<slug:slug>/",
        "blog/archive/(?P<year>[0-9]{4})/$",
        "blog/search/<str:term>/",
    }
    detail = routes["blog/<slug:slug>/"]
    assert detail.name == "blog:detail"
    assert detail.parameters == (UrlParameter("slug", "slug"),)
    assert not detail.parameters[0].tainted
    assert detail.view is not None
    assert detail.view.kind == "class"
    assert detail.methods == ("GET",)
    archive = routes["blog/archive/(?P<year>[0-9]{4})/$"]
    assert archive.parameters == (UrlParameter("year", "regex", "[0-9]{4}"),)
    assert not archive.parameters[0].tainted
    assert archive.methods == ("GET",)
    search = routes["blog/search/<str:term>/"]
    assert search.parameters[0].tainted
    assert search.methods is None


def test_drf_router_and_permissions() -> None:
    django = model(PROJECTS / "drf_project")
    routes = by_pattern(django.routes)
    assert set(routes) == {
        "api/notes/",
        "api/notes/<pk>/",
        "api/users/",
        "api/users/<username>/",
        "api/notes/<pk>/pin/",
        "api/notes/recent-notes/",
        "api/users/<username>/avatar/",
        "api/ping/",
        "api/me/",
    }
    note = routes["api/notes/<pk>/"]
    assert note.kind == "router"
    assert note.action == "detail"
    assert note.parameters == (UrlParameter("pk", "regex", "[0-9]+"),)
    assert not note.parameters[0].tainted
    assert note.view is not None
    assert note.view.is_drf
    assert note.view.permission_classes is None
    assert not note.view.requires_login
    users = routes["api/users/<username>/"]
    assert users.parameters[0].tainted
    assert users.view is not None
    assert users.view.requires_login
    assert users.view.methods == ("GET",)
    ping = routes["api/ping/"]
    assert ping.view is not None
    assert ping.view.methods == ("GET", "POST")
    me = routes["api/me/"]
    assert me.view is not None
    assert me.view.requires_login
    assert me.view.methods == ("GET",)


def test_drf_extra_actions_are_routed_as_their_methods() -> None:
    django = model(PROJECTS / "drf_project")
    routes = by_pattern(django.routes)
    pin = routes["api/notes/<pk>/pin/"]
    assert (pin.kind, pin.action) == ("router", "pin")
    assert pin.parameters == (UrlParameter("pk", "regex", "[0-9]+"),)
    assert pin.view is not None
    assert (pin.view.kind, pin.view.target) == ("action", "notes.views.NoteViewSet.pin")
    assert pin.view.location is not None
    assert pin.view.location.line == 24
    assert pin.methods == ("POST", "DELETE")
    assert pin.view.is_drf
    assert pin.view.requires_login  # its own `permission_classes`, the class has none
    recent = routes["api/notes/recent-notes/"]
    assert recent.parameters == ()
    assert recent.methods == ("GET",)
    assert recent.view is not None
    assert not recent.view.requires_login
    avatar = routes["api/users/<username>/avatar/"]
    assert avatar.parameters[0].name == "username"
    assert avatar.view is not None
    assert not avatar.view.requires_login  # `AllowAny` on the action, `IsAdminUser` on the class


def test_view_protection_from_decorators_and_mixins() -> None:
    django = model(PROJECTS / "hardened")
    routes = by_pattern(django.routes)
    home = routes[""].view
    assert home is not None
    assert home.requires_login
    assert "django.contrib.auth.mixins.LoginRequiredMixin" in home.bases
    secret = routes["secrets/<uuid:secret_id>/"]
    assert secret.view is not None
    assert secret.view.requires_login
    assert secret.methods == ("POST",)
    assert not secret.parameters[0].tainted
    insecure = model(PROJECTS / "minimal_insecure")
    cancel = by_pattern(insecure.routes)["orders/<int:pk>/cancel/"]
    assert cancel.view is not None
    assert cancel.view.csrf_exempt
    assert not cancel.view.requires_login


def test_urlconf_forms(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.conf.urls import url
                from django.urls import include, path
                from django.utils.decorators import method_decorator
                from django.views.decorators.csrf import csrf_exempt
                import views

                extra = [path("extra/", views.Base.as_view())]
                urlpatterns = [
                    path("hook/", csrf_exempt(views.hook)),
                    path("shop/", include(("shop.urls", "shop"), namespace="store")),
                    path("inline/", include([path("x/<int:n>/", views.hook)])),
                    url(r"^old/(?P<slug>[-\\w]+)/$", views.Child.as_view()),
                ]
                urlpatterns += extra
            """,
            "shop/__init__.py": "",
            "shop/urls.py": """
                from django.urls import path
                from . import views
                urlpatterns = [path("cart/", views.cart, name="cart")]
            """,
            "shop/views.py": """
                from django.contrib.auth.decorators import login_required
                @login_required
                def cart(request):
                    pass
            """,
            "views.py": """
                from django.utils.decorators import method_decorator
                from django.views import View
                from django.views.decorators.csrf import csrf_exempt

                def hook(request):
                    pass

                @method_decorator(csrf_exempt, name="dispatch")
                class Base(View):
                    http_method_names = ["get", "post"]
                    def post(self, request):
                        pass

                class Child(Base):
                    def get(self, request):
                        pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    assert set(routes) == {
        "hook/",
        "shop/cart/",
        "inline/x/<int:n>/",
        "^old/(?P<slug>[-\\w]+)/$",
        "extra/",
    }
    hook = routes["hook/"].view
    assert hook is not None
    assert hook.csrf_exempt
    cart = routes["shop/cart/"]
    assert cart.name == "store:cart"
    assert cart.view is not None
    assert cart.view.requires_login
    child = routes["^old/(?P<slug>[-\\w]+)/$"]
    assert child.view is not None
    assert child.view.csrf_exempt
    assert child.view.methods == ("GET", "POST")
    assert not child.parameters[0].tainted


@pytest.mark.parametrize(
    ("regex", "tainted"),
    [
        pytest.param(r"\d+", False, id="digits"),
        pytest.param(r"[0-9]{4}", False, id="year"),
        pytest.param(r"[-\w]+", False, id="slug"),
        pytest.param(r".+", True, id="anything"),
        pytest.param(r"[^/]+", True, id="segment"),
        pytest.param(r"[\d]+", False, id="digit-class"),
        pytest.param(r"png|jpg|webp", False, id="choice-of-words"),
        pytest.param(r"[0-9a-f]{32}", False, id="hex"),
        pytest.param(r"png|.+", True, id="choice-with-anything"),
        pytest.param(r"[^/.]+", True, id="segment-without-dot"),
        pytest.param("({listed:codes})", False, id="listed-choice"),
        pytest.param("{listed:}", False, id="listed-choice-bare"),
        pytest.param("({listed:codes}|.+)", True, id="listed-choice-or-anything"),
    ],
)
def test_regex_parameters(regex: str, tainted: bool) -> None:
    assert UrlParameter("x", "regex", regex).tainted is tainted


def test_view_definitions_are_read_a_module_at_a_time() -> None:
    read: list[str] = []

    def module(name: str, kind: str, *views: str) -> tuple[str, Callable[[], object]]:
        def views_of() -> object:
            read.append(name)
            return tuple(ViewDef(f"{name}.{view}", kind, Location(name)) for view in views)

        return name, views_of

    definitions = Definitions(
        [
            module("shop.views", "class", "Cart", "Pay"),
            module("blog.views", "class", "Post"),
            module("shop.views", "function", "Pay"),
        ]
    )
    assert definitions.get("blog.views.Post") == ViewDef(
        "blog.views.Post", "class", Location("blog.views")
    )
    assert "blog.views.Draft" not in definitions
    assert "shop.Cart" not in definitions
    assert read == ["blog.views"]
    # NOTE: of two modules with one dotted name (two example projects), the last wins.
    assert definitions["shop.views.Pay"].kind == "function"
    assert definitions["shop.views.Cart"].kind == "class"
    assert read == ["blog.views", "shop.views", "shop.views"]
    assert list(definitions) == ["shop.views.Cart", "shop.views.Pay", "blog.views.Post"]
    assert len(definitions) == 3


def test_urlpatterns_of_other_urlconfs_imported(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "game.urls"\n',
            "game/__init__.py": "",
            # NOTE: the game's URLconf reuses the framework's lists, imported, and
            # rebinds `urlpatterns` to itself plus them (Evennia's game template).
            "game/urls.py": """
                from django.urls import path
                from engine.urls import urlpatterns as engine_urlpatterns
                from engine.api import api_urls
                import engine.admin_urls
                from . import views

                urlpatterns = [path("", views.home)]
                urlpatterns = urlpatterns + engine_urlpatterns
                urlpatterns += api_urls
                urlpatterns += engine.admin_urls.urlpatterns
            """,
            "game/views.py": """
                from django.http import HttpResponse
                def home(request):
                    return HttpResponse("home")
            """,
            "engine/__init__.py": "",
            "engine/urls.py": """
                from django.urls import path
                from engine import views
                urlpatterns = [path("help/", views.help_page)]
            """,
            "engine/api.py": """
                from django.urls import path
                from engine import views
                api_urls = [path("api/ping/", views.ping)]
                unrelated = ["not", "routes"]
            """,
            "engine/admin_urls.py": """
                from django.urls import path
                from engine import views
                urlpatterns = [path("manage/", views.manage)]
            """,
            "engine/views.py": """
                from django.views.decorators.http import require_POST
                def help_page(request):
                    pass
                @require_POST
                def ping(request):
                    pass
                def manage(request):
                    pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    assert set(routes) == {"", "help/", "api/ping/", "manage/"}
    ping = routes["api/ping/"].view
    assert ping is not None
    assert ping.kind == "function"
    assert ping.methods == ("POST",)


def test_long_chain_of_added_route_lists(tmp_path: Path) -> None:
    apps = [f"app{n}" for n in range(12)]
    files = {
        "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "site_urls"\n',
        # NOTE: a root URLconf adding a dozen apps' imported lists to its own in one
        # expression: each `+` nests a level, and none of them may be lost.
        "site_urls.py": "from django.urls import path\n"
        "import views\n"
        + "".join(f"from {app}.urls import urlpatterns as {app}_urls\n" for app in apps)
        + "urlpatterns = []\n"
        + 'urlpatterns += [path("home/", views.home)] + '
        + " + ".join(f"{app}_urls" for app in apps)
        + "\n",
        "views.py": "def home(request):\n    pass\n",
    }
    for app in apps:
        files[f"{app}/__init__.py"] = ""
        files[f"{app}/urls.py"] = (
            "from django.urls import path\n"
            "import views\n"
            f'urlpatterns = [path("{app}/", views.home)]\n'
        )
    write(tmp_path, files)
    routes = by_pattern(model(tmp_path).routes)
    assert set(routes) == {"home/", *(f"{app}/" for app in apps)}


def test_view_named_through_the_package_re_exporting_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "shop.urls"\n',
            "shop/__init__.py": "",
            "shop/urls.py": """
                from django.urls import path
                from shop.views import CartView, checkout
                urlpatterns = [
                    path("cart/", CartView.as_view()),
                    path("checkout/", checkout),
                ]
            """,
            "shop/views/__init__.py": """
                from .cart import CartView
                from .checkout import checkout
            """,
            "shop/views/cart.py": """
                from django.contrib.auth.mixins import LoginRequiredMixin
                from django.views import View
                class CartView(LoginRequiredMixin, View):
                    def post(self, request):
                        pass
            """,
            "shop/views/checkout.py": """
                from django.views.decorators.http import require_POST
                @require_POST
                def checkout(request):
                    pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    cart = routes["cart/"].view
    assert cart is not None
    assert cart.kind == "class"
    assert cart.requires_login
    assert cart.methods == ("POST",)
    checkout = routes["checkout/"].view
    assert checkout is not None
    assert checkout.kind == "function"
    assert checkout.methods == ("POST",)


def test_views_a_star_import_brings(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "blog.urls"\n',
            "blog/__init__.py": "",
            # NOTE: the URLconf names its views only through `from .views import *`; the
            # views module's `__all__` leaves `hidden` out, so that name is not its.
            "blog/urls.py": """
                from django.urls import path
                from .views import *
                urlpatterns = [path("publish/", publish), path("hidden/", hidden)]
            """,
            "blog/views.py": """
                from django.views.decorators.csrf import csrf_exempt
                __all__ = ["publish"]

                @csrf_exempt
                def publish(request):
                    pass

                def hidden(request):
                    pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    publish, hidden = routes["publish/"].view, routes["hidden/"].view
    assert publish is not None
    assert publish.kind == "function"
    assert publish.csrf_exempt
    assert hidden is not None
    assert hidden.kind == "unknown"


def test_legacy_patterns_with_prefix_tuples_and_dotted_views(tmp_path: Path) -> None:
    # Django < 1.10: `patterns(prefix, ...)`, views named by dotted strings, and
    # `(regex, view, kwargs, name)` tuples.
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.conf.urls import include, patterns, url

                urlpatterns = patterns(
                    "",
                    url(r"^$", "shop.views.home", name="home"),
                    url(r"^shop/", include("shop.urls")),
                )
            """,
            "shop/__init__.py": "",
            "shop/urls.py": """
                from django.conf.urls import patterns, url

                urlpatterns = patterns(
                    "shop.views",
                    url(r"^cart/$", "cart", name="cart"),
                    (r"^notes/(?P<slug>[-\\w]+)/$", "notes", {}, "notes"),
                    (r"^about/$", "about"),
                )
            """,
            "shop/views.py": """
                def home(request):
                    pass

                def cart(request):
                    pass

                def notes(request, slug):
                    pass

                def about(request):
                    pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    assert {
        pattern: (r.name, r.view.target if r.view else None) for pattern, r in routes.items()
    } == {
        "^$": ("home", "shop.views.home"),
        "^shop/cart/$": ("cart", "shop.views.cart"),
        "^shop/notes/(?P<slug>[-\\w]+)/$": ("notes", "shop.views.notes"),
        "^shop/about/$": (None, "shop.views.about"),
    }


def test_legacy_patterns_made_in_place_inside_include(tmp_path: Path) -> None:
    # `include(patterns("", ...))` under a prefix: the list is made in the include, not
    # a module named by it; `i18n_patterns(...)` likewise.
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.conf.urls import include, patterns, url
                from django.conf.urls.i18n import i18n_patterns

                import shop.views

                urlpatterns = patterns(
                    "",
                    url(r"^2024/", include(patterns(
                        "",
                        url(r"^$", shop.views.home, name="home"),
                        url(r"^shop/", include(patterns("shop.views", url(r"^cart/$", "cart")))),
                    ))),
                    url(r"^i18n/", include(i18n_patterns(url(r"^about/$", shop.views.about)))),
                )
            """,
            "shop/__init__.py": "",
            "shop/views.py": """
                def home(request):
                    pass

                def cart(request):
                    pass

                def about(request):
                    pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    assert {pattern: r.view.target if r.view else None for pattern, r in routes.items()} == {
        "^2024/$": "shop.views.home",
        "^2024/shop/cart/$": "shop.views.cart",
        "^i18n/about/$": "shop.views.about",
    }


def test_viewset_as_view_answers_the_mapped_methods_only(tmp_path: Path) -> None:
    # Plane's URLconfs route one viewset twice: the list with GET and POST, the detail
    # with the rest; a method the mapping leaves out gets no handler (405).
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = ["rest_framework"]\nROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.urls import path
                from views import CycleViewSet, NoteViewSet, UnseenViewSet

                urlpatterns = [
                    path("cycles/", CycleViewSet.as_view({"get": "list", "post": "create"})),
                    path("cycles/<uuid:pk>/", CycleViewSet.as_view({"get": "retrieve"})),
                    path("notes/", NoteViewSet.as_view(actions={"get": "list"})),
                    path("all/", CycleViewSet.as_view()),
                    path("unseen/", UnseenViewSet.as_view({"get": "create", "post": "create"})),
                ]
            """,
            "bases.py": """
                # A viewset made of the project's mixins, in a module importing neither
                # Django nor DRF (nautobot's `NautobotUIViewSet`): its bases are not known.
                from mixins import EditMixin

                class ProjectViewSet(EditMixin):
                    pass
            """,
            "views.py": """
                from rest_framework import viewsets

                class CycleViewSet(viewsets.ModelViewSet):
                    pass

                class NoteViewSet(viewsets.ModelViewSet):
                    pass

                from bases import ProjectViewSet

                class UnseenViewSet(ProjectViewSet):
                    pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    assert routes["cycles/"].methods == ("GET", "POST")
    unseen = routes["unseen/"].view
    assert unseen is not None
    assert unseen.is_drf
    assert unseen.methods == ("GET", "POST")
    assert routes["cycles/<uuid:pk>/"].methods == ("GET",)
    assert routes["notes/"].methods == ("GET",)
    every = routes["all/"].methods
    assert every is not None
    assert {"PUT", "PATCH", "DELETE"} <= set(every)


def test_template_the_urlconf_hands_a_view(tmp_path: Path) -> None:
    # djangoproject.com serves its style guide through TemplateView in the URLconf.
    write(
        tmp_path,
        {
            "settings.py": 'ROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.urls import path
                from django.views.generic import TemplateView

                PAGE = "about.html"
                urlpatterns = [
                    path("styleguide/", TemplateView.as_view(template_name="styleguide.html")),
                    path("about/", TemplateView.as_view(template_name=PAGE)),
                    path("plain/", TemplateView.as_view()),
                ]
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    assert routes["styleguide/"].template_name == "styleguide.html"
    assert routes["about/"].template_name == "about.html"
    assert routes["plain/"].template_name is None


def test_patterns_built_from_unknown_values_keep_what_they_say(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.urls import re_path
                from django.utils.translation import pgettext, pgettext_lazy
                from site_settings import get_setting
                import views

                urlpath = get_setting("module", "events", "url") or "events"
                urlpatterns = [
                    re_path(r"^%s/ics/$" % urlpath, views.ics),
                    re_path(r"^%s/%s/login/$" % (urlpath, "members"), views.login),
                    re_path(f"^{urlpath}/feed/$", views.ics),
                    re_path(r"^" + urlpath + r"/add/$", views.ics),
                    re_path(r"^%(p)s/x/$" % {"p": urlpath}, views.ics),
                    re_path(r"^%s$" % pgettext("urls", "signout/"), views.ics),
                    re_path(pgettext_lazy("urls", r"^questions/$"), views.ics),
                ]
            """,
            "views.py": """
                def ics(request):
                    pass

                def login(request):
                    pass
            """,
        },
    )
    patterns = set(by_pattern(model(tmp_path).routes))
    assert patterns == {
        "^{urlpath}/ics/$",
        "^{urlpath}/members/login/$",
        "^{urlpath}/feed/$",
        "^{urlpath}/add/$",
        "^signout/$",
        "^questions/$",
        "",
    }


def test_groups_read_from_constants_imported_and_tuples_formatted(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "urls"\n',
            "patterns.py": """
                slug = "[a-z0-9][a-z0-9_.-]*"
                group_slug = "~?" + slug
                twice = "a"
                twice = "b"
            """,
            "urls.py": """
                from django.urls import re_path
                import patterns
                from patterns import group_slug, slug, twice
                import views

                both = (group_slug, slug)
                urlpatterns = [
                    re_path(r"^(%s)/(%s)/$" % both, views.home),
                    re_path(r"^x/(%s)/$" % patterns.slug, views.home),
                    re_path(r"^y/(%s)/$" % twice, views.home),
                ]
            """,
            "views.py": """
                def home(request, *args):
                    pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    # NOTE: the pattern shown keeps the names; the parameters take the constants' text.
    assert [p.regex for p in routes["^({group_slug})/({slug})/$"].parameters] == [
        "~?[a-z0-9][a-z0-9_.-]*",
        "[a-z0-9][a-z0-9_.-]*",
    ]
    assert [p.regex for p in routes["^x/({patterns.slug})/$"].parameters] == [
        "[a-z0-9][a-z0-9_.-]*"
    ]
    assert [p.regex for p in routes["^y/({twice})/$"].parameters] == ["{twice}"]
    assert all(p.inert_for for p in routes["^({group_slug})/({slug})/$"].parameters)


def test_patterns_formatted_with_str_format_and_listed_choices(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "urls"\n',
            "patterns.py": 'slug = "[a-z0-9-]+"\n',
            "urls.py": """
                from django.urls import re_path
                from patterns import slug
                from regions import REGIONS
                import views

                codes = [r.code for r in REGIONS]
                grouped = r"({})".format("|".join(codes))
                unknown = compute()
                urlpatterns = [
                    re_path(r"^a/(?P<code>{})/$".format(grouped), views.home),
                    re_path(r"^b/(?P<code>{0})/(?P<n>\\d{{4}})/$".format("|".join(codes)), views.home),
                    re_path(r"^c/(?P<code>{s})/$".format(s=slug), views.home),
                    re_path(r"^d/(?P<code>{})/$".format(unknown), views.home),
                    re_path(r"^e/(?P<code>{!r})/$".format(unknown), views.home),
                ]
            """,
            "views.py": """
                def home(request, **kwargs):
                    pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    assert set(routes) == {
        "^a/(?P<code>({listed:codes}))/$",
        r"^b/(?P<code>{listed:codes})/(?P<n>\d{4})/$",
        "^c/(?P<code>{slug})/$",
        "^d/(?P<code>{unknown})/$",
        "",
    }
    listed = routes["^a/(?P<code>({listed:codes}))/$"].parameters[0]
    assert listed.listed
    assert not listed.tainted
    assert listed.one_segment
    assert "html" in listed.inert_for
    assert [p.regex for p in routes["^c/(?P<code>{slug})/$"].parameters] == ["[a-z0-9-]+"]
    assert routes["^d/(?P<code>{unknown})/$"].parameters[0].tainted


def test_list_built_up_and_included_by_name(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.conf.urls import include, url
                from rest_framework import routers
                import views

                router = routers.SimpleRouter()
                router.register(r"notes", views.NoteViewSet, "notes")
                v1_patterns = router.urls
                v1_patterns += [url(r"^search$", views.search)]
                v1_patterns.append(url(r"^about$", views.about))
                single = router.urls

                urlpatterns = [
                    url(r"^v1/", include((v1_patterns, "v1"), namespace="v1")),
                    url(r"^v2/", include(single)),
                ]
            """,
            "views.py": """
                from rest_framework import viewsets

                class NoteViewSet(viewsets.ModelViewSet):
                    pass

                def search(request):
                    pass

                def about(request):
                    pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    assert set(routes) == {
        "^v1/notes/",
        "^v1/notes/<pk>/",
        "^v1/search$",
        "^v1/about$",
        "^v2/notes/",
        "^v2/notes/<pk>/",
    }
    assert routes["^v1/search$"].name is None
    search = routes["^v1/search$"].view
    assert search is not None
    assert search.target == "views.search"


def test_sum_of_router_urls_included_in_place(tmp_path: Path) -> None:
    # A main router and a nested one, their `urls` summed inside the `include()`.
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.urls import include, path
                from rest_framework.routers import DefaultRouter
                from rest_framework_nested.routers import NestedSimpleRouter
                import views

                router = DefaultRouter()
                router.register("auth", views.AuthViewSet, basename="auth")
                router.register("projects", views.ProjectViewSet, basename="project")
                project_router = NestedSimpleRouter(router, "projects", lookup="project")
                project_router.register("notes", views.NoteViewSet, basename="note")

                urlpatterns = [
                    path("api/v1/", include([
                        path("", include(router.urls + project_router.urls)),
                    ])),
                ]
            """,
            "views.py": """
                from rest_framework import viewsets
                from rest_framework.decorators import action

                class AuthViewSet(viewsets.ViewSet):
                    @action(detail=False, methods=["post"])
                    def login(self, request):
                        pass

                class ProjectViewSet(viewsets.ModelViewSet):
                    pass

                class NoteViewSet(viewsets.ModelViewSet):
                    pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    assert {"api/v1/auth/login/", "api/v1/projects/<pk>/"} <= set(routes)
    assert any(r.view is not None and r.view.target == "views.NoteViewSet" for r in routes.values())
    login = routes["api/v1/auth/login/"]
    assert (login.kind, login.action) == ("router", "login")


def test_imported_list_added_to_is_read_from_its_urlconf(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.urls import path
                from api.urls import api_patterns
                import views

                api_patterns.append(path("api/extra/", views.extra))
                urlpatterns = [path("home/", views.extra)]
                urlpatterns += api_patterns
            """,
            "api/__init__.py": "",
            "api/urls.py": """
                from django.urls import path
                import views

                api_patterns = [path("api/notes/", views.extra)]
                urlpatterns = api_patterns
            """,
            "views.py": """
                def extra(request):
                    pass
            """,
        },
    )
    assert set(by_pattern(model(tmp_path).routes)) == {"home/", "api/notes/"}


def test_routes_added_under_debug_are_marked(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings.py": 'ROOT_URLCONF = "site.urls"\n',
            "site/views.py": "def home(request): ...\ndef tools(request): ...\n",
            "site/dev_urls.py": """
                from django.urls import path
                from site import views
                urlpatterns = [path("tools/", views.tools)]
            """,
            "site/urls.py": """
                from django.conf import settings
                from django.urls import include, path
                from site import views
                urlpatterns = [path("", views.home)]
                if settings.DEBUG:
                    urlpatterns += [path("debug/", include("site.dev_urls"))]
                if not settings.DEBUG:
                    urlpatterns.append(path("live/", views.home))
                else:
                    urlpatterns.append(path("dev/", views.tools))
                if settings.DEBUG or settings.SHOW_TOOLS:
                    urlpatterns += [path("shown/", views.tools)]
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    debug_only = {pattern for pattern, route in routes.items() if route.debug_only}
    assert debug_only == {"debug/tools/", "dev/"}
    assert set(routes) - debug_only == {"", "live/", "shown/"}


def test_routes_of_a_conditional_list_are_read(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings.py": 'ROOT_URLCONF = "site.urls"\nSTATIC_BUILD = False\n',
            "site/views.py": "def home(request): ...\ndef tools(request): ...\n",
            "site/urls.py": """
                from django.conf import settings
                from django.urls import path
                from site import views
                LIVE = [path("api/", views.tools)] if not settings.STATIC_BUILD else []
                DEV = [path("dev/", views.tools)] if settings.DEBUG else [path("prod/", views.home)]
                urlpatterns = [*LIVE, *DEV, path("", views.home)]
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    assert set(routes) == {"api/", "dev/", "prod/", ""}
    assert {pattern for pattern, route in routes.items() if route.debug_only} == {"dev/"}


def test_static_method_of_a_class_as_view(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "lab/__init__.py": "",
            "lab/settings.py": 'ROOT_URLCONF = "lab.urls"\nINSTALLED_APPS = ["lab"]\n',
            "lab/routes.py": """
                from django.views.decorators.http import require_POST


                class Routes:
                    @staticmethod
                    def show(request, pk):
                        pass

                    @staticmethod
                    @require_POST
                    def retry(request, pk):
                        pass

                    def helper(self, request):
                        pass
            """,
            "lab/urls.py": """
                from django.urls import path

                from lab.routes import Routes

                urlpatterns = [
                    path("<int:pk>/", Routes.show),
                    path("<int:pk>/retry/", Routes.retry),
                ]
            """,
        },
    )
    routes = by_pattern(model(root).routes)
    show, retry = routes["<int:pk>/"].view, routes["<int:pk>/retry/"].view
    assert show is not None
    assert (show.kind, show.methods) == ("function", None)
    assert retry is not None
    assert (retry.kind, retry.methods) == ("function", ("POST",))


def test_library_generic_view_routed_directly(tmp_path: Path) -> None:
    # `TemplateView.as_view(...)` in a URLconf: Django's own class, whose handlers are
    # known (GET alone); a view of another library stays unknown, any method.
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.urls import path
                from django.views import generic
                from rest_framework.generics import ListCreateAPIView
                from otherlib.views import PageView

                urlpatterns = [
                    path("about/", generic.TemplateView.as_view(template_name="a.html")),
                    path("rows/", ListCreateAPIView.as_view(queryset=None)),
                    path("other/", PageView.as_view()),
                ]
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    about = routes["about/"].view
    assert about is not None
    assert (about.kind, about.methods, about.handlers_known) == ("unknown", ("GET",), True)
    rows = routes["rows/"].view
    assert rows is not None
    assert (rows.methods, rows.handlers_known) == (("GET", "POST"), True)
    other = routes["other/"].view
    assert other is not None
    assert (other.methods, other.handlers_known) == (None, False)


def test_wagtail_decorate_urlpatterns_wraps_listed_and_included_views(tmp_path: Path) -> None:
    # `decorate_urlpatterns(urlpatterns, decorator)` returns the list it is given, every
    # view in it and in the URLconfs it includes wrapped by the decorator (a factory's call
    # names the factory); the decorator itself is no list of routes.
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.contrib.auth.decorators import login_required
                from django.urls import include, path
                from django.views.decorators.cache import never_cache
                from django.views.decorators.vary import vary_on_headers
                from wagtail.utils.urlpatterns import decorate_urlpatterns

                import shop.views

                private = [
                    path("cart/", shop.views.cart),
                    path("tools/", include("shop.urls")),
                ] + decorate_urlpatterns([path("docs/", shop.views.notes)], never_cache)
                urlpatterns = [path("", shop.views.home)]
                urlpatterns = decorate_urlpatterns(urlpatterns, vary_on_headers("Cookie"))
                urlpatterns = decorate_urlpatterns(private, login_required) + urlpatterns
            """,
            "shop/__init__.py": "",
            "shop/urls.py": """
                from django.urls import path

                from shop import views

                urlpatterns = [path("about/", views.about)]
            """,
            "shop/views.py": """
                def home(request):
                    pass

                def cart(request):
                    pass

                def notes(request):
                    pass

                def about(request):
                    pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    login = "django.contrib.auth.decorators.login_required"
    assert {
        pattern: r.view.decorators[:2] if r.view else None for pattern, r in routes.items()
    } == {
        "cart/": (login,),
        "tools/about/": (login,),
        "docs/": (login, "django.views.decorators.cache.never_cache"),
        "": ("django.views.decorators.vary.vary_on_headers",),
    }
    assert all(r.view is not None and r.view.requires_login for p, r in routes.items() if p)


def test_urlconf_included_as_the_module_imported_by_its_dotted_name(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "site_root.urls"\n',
            "site_root/__init__.py": "",
            # NOTE: `include(site_root.accounts.urls)` hands over the module object that
            # `import site_root.accounts.urls` bound; `admin.site.urls` is an attribute
            # of an object, which no import names as a module.
            "site_root/urls.py": """
                import site_root.accounts.urls
                from django.contrib import admin
                from django.urls import include, path

                urlpatterns = [
                    path("accounts/", include(site_root.accounts.urls, namespace="acc")),
                    path("admin/", include(admin.site.urls)),
                ]
            """,
            "site_root/accounts/__init__.py": "",
            "site_root/accounts/urls.py": """
                from django.urls import path
                from site_root.accounts import views
                urlpatterns = [path("login/", views.login, name="login")]
            """,
            "site_root/accounts/views.py": """
                def login(req):
                    pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    assert set(routes) == {"accounts/login/"}
    login = routes["accounts/login/"]
    assert login.name == "acc:login"
    assert login.view is not None
    assert login.view.target == "site_root.accounts.views.login"


def test_lists_of_other_urlconfs_included_with_their_namespace(tmp_path: Path) -> None:
    # A versioned API: the root URLconf includes `(api.v2_routes, "api")` pairs, the API
    # module includes each app's lists by name (one of them named `urls`), summed with
    # more routes or a router's, and the apps route views made once under a name.
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = ["rest_framework"]\nROOT_URLCONF = "root.urls"\n',
            "root/__init__.py": "",
            "root/urls.py": """
                from django.contrib import admin
                from django.urls import include, path
                from root import api

                urlpatterns = [
                    path("", include((api.v1_routes, "api"), namespace="api-v1")),
                    path("v2/", include((api.v2_routes, "api"), namespace="api-v2")),
                    path("admin/", include(admin.site.urls)),
                ]
            """,
            "root/api.py": """
                from django.urls import include, path
                from rest_framework import routers
                from notes import urls as note_urls
                from tags.urls import tag_routes
                from root.docs import doc_routes

                router = routers.SimpleRouter()
                router.register(r"owner", OwnerViewSet)

                v1_routes = router.urls + doc_routes()

                v2_routes = [
                    path("", include((note_urls.urls, "notes"), namespace="notes")),
                    path("", include((tag_routes, "tags"), namespace="tags")),
                ] + doc_routes()
            """,
            "notes/__init__.py": "",
            "notes/urls.py": """
                from django.urls import path
                from django.views.decorators.csrf import csrf_exempt
                from notes.views import NoteViewSet

                collection = NoteViewSet.as_view({"get": "list", "post": "create"})
                item = csrf_exempt(NoteViewSet.as_view({"get": "retrieve"}))

                urls = [
                    path("note", collection, name="collection"),
                    path("note/<uuid:pk>", item, name="item"),
                ]
            """,
            "notes/views.py": """
                from rest_framework import viewsets

                class NoteViewSet(viewsets.ModelViewSet):
                    pass
            """,
            "tags/__init__.py": "",
            "tags/urls.py": """
                from django.urls import path
                from tags import views

                tag_routes = [path("tag", views.tags, name="list")]
            """,
            "tags/views.py": """
                def tags(request):
                    pass
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    assert {"v2/note", "v2/note/<uuid:pk>", "v2/tag"} <= set(routes)
    assert "owner/" in routes
    collection = routes["v2/note"]
    assert collection.name == "notes:collection"
    assert collection.methods == ("GET", "POST")
    assert collection.view is not None
    assert collection.view.target == "notes.views.NoteViewSet"
    item = routes["v2/note/<uuid:pk>"].view
    assert item is not None
    assert item.csrf_exempt
    assert routes["v2/tag"].name == "tags:list"


def test_drf_function_view_classes_set_by_decorators(tmp_path: Path) -> None:
    # `@permission_classes` and `@authentication_classes` replace the project's defaults
    # for one function view, as the class attributes do for a class-based one.
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = ["rest_framework"]\nROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.urls import path
                import views

                urlpatterns = [
                    path("open/", views.opened),
                    path("staff/", views.staff),
                    path("plain/", views.plain),
                ]
            """,
            "views.py": """
                from rest_framework import permissions
                from rest_framework.decorators import (
                    api_view, authentication_classes, permission_classes,
                )

                @api_view(["POST"])
                @authentication_classes(())
                @permission_classes([permissions.AllowAny])
                def opened(request):
                    pass

                @api_view(["POST"])
                @permission_classes((permissions.IsAdminUser,))
                def staff(request):
                    pass

                @api_view(["POST"])
                def plain(request):
                    pass
            """,
        },
    )
    views = {p: r.view for p, r in by_pattern(model(tmp_path).routes).items()}
    opened, staff, plain = views["open/"], views["staff/"], views["plain/"]
    assert opened is not None
    assert staff is not None
    assert plain is not None
    assert opened.permission_classes == ("rest_framework.permissions.AllowAny",)
    assert opened.authentication_classes == ()
    assert not opened.requires_login
    assert staff.permission_classes == ("rest_framework.permissions.IsAdminUser",)
    assert staff.requires_login
    assert plain.permission_classes is None
    assert plain.authentication_classes is None


def test_drf_views_taking_the_default_permission_classes(tmp_path: Path) -> None:
    # Only a view whose whole ancestry webwarden reads, and that sets no classes (even
    # unreadable ones) nor decides them in a method, is known to take the default.
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = ["rest_framework"]\nROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.urls import path
                import views

                urlpatterns = [
                    path("plain/", views.Plain.as_view()),
                    path("based/", views.Based.as_view()),
                    path("composed/", views.Composed.as_view()),
                    path("decided/", views.Decided.as_view()),
                    path("library/", views.FromLibrary.as_view()),
                    path("function/", views.function),
                    path("classed/", views.classed),
                    path("keyed/", views.Keyed.as_view()),
                    path("sessions/", views.Sessions.as_view()),
                    path("hook/", views.hook),
                ]
            """,
            "views.py": """
                from keys.auth import ApiKeyAuthentication
                from rest_framework.authentication import SessionAuthentication
                from rest_framework.decorators import (
                    api_view, authentication_classes, permission_classes,
                )
                from rest_framework.permissions import IsAuthenticated
                from rest_framework.views import APIView
                from vendor.api import VendorAPIView

                class Base(APIView):
                    permission_classes = [IsAuthenticated]

                class Plain(APIView):
                    pass

                class Based(Base):
                    pass

                class Composed(APIView):
                    permission_classes = [IsAuthenticated & IsOwner]

                class Decided(APIView):
                    def get_permissions(self):
                        return []

                class FromLibrary(VendorAPIView):
                    pass

                @api_view(["POST"])
                def function(request):
                    pass

                @api_view(["POST"])
                @permission_classes([IsAuthenticated])
                def classed(request):
                    pass

                class Keyed(APIView):
                    authentication_classes = [ApiKeyAuthentication]

                class Sessions(APIView):
                    authentication_classes = [SessionAuthentication]

                @api_view(["POST"])
                @authentication_classes([ApiKeyAuthentication])
                def hook(request):
                    pass
            """,
        },
    )
    views = {p: r.view for p, r in by_pattern(model(tmp_path).routes).items()}
    taking = {p for p, v in views.items() if v is not None and v.takes_default_permissions}
    assert taking == {"plain/", "function/", "sessions/"}


def test_pass_through_wrapper_of_project_decorator(tmp_path: Path) -> None:
    # A decorator's wrapper taking `*args, **kwargs` (the request among them) is the view
    # Django calls: its own decorators guard the view, and its method list limits it.
    write(
        tmp_path,
        {
            "settings.py": 'INSTALLED_APPS = ["rest_framework"]\nROOT_URLCONF = "urls"\n',
            "urls.py": """
                from django.urls import path
                import views

                urlpatterns = [path("save/", views.save), path("logged/", views.logged)]
            """,
            "guards.py": """
                import logging
                from django.contrib.auth.decorators import login_required
                from rest_framework.decorators import api_view

                def endpoint(methods):
                    def decorator(func):
                        @api_view(methods)
                        @login_required
                        def handler(*args, **kwargs):
                            return func(*args, **kwargs)
                        return handler
                    return decorator

                def traced(func):
                    def handler(*args, **kwargs):
                        logging.info("call")
                        return func(*args, **kwargs)
                    return handler
            """,
            "views.py": """
                from django.http import HttpResponse
                from guards import endpoint, traced

                @endpoint(methods=["POST"])
                def save(request):
                    return HttpResponse()

                @traced
                def logged(request):
                    return HttpResponse()
            """,
        },
    )
    routes = by_pattern(model(tmp_path).routes)
    save = routes["save/"].view
    assert save is not None
    assert save.requires_login
    assert save.methods == ("POST",)
    logged = routes["logged/"].view
    assert logged is not None
    assert not logged.requires_login
    assert logged.methods is None
