"""Routes an app config's `get_urls()` makes, with the views its attributes hold."""

from __future__ import annotations

from pathlib import Path

from tests.model.django.test_routes import by_pattern
from tests.model.django.test_settings import model, write
from webwarden.model.django.routes import UrlParameter

_BASE = """
    from django.apps import AppConfig
    from django.urls import URLPattern

    from shop.decorators import permissions_required


    class ShopAppConfig(AppConfig):
        namespace = None
        permissions_map = {}
        default_permissions = None

        def get_urls(self):
            return []

        def post_process_urls(self, urlpatterns):
            for pattern in urlpatterns:
                if isinstance(pattern, URLPattern):
                    decorator = self.get_url_decorator(pattern)
                    if decorator:
                        pattern.callback = decorator(pattern.callback)
            return urlpatterns

        def get_permissions(self, name):
            return self.permissions_map.get(name, self.default_permissions)

        def get_url_decorator(self, pattern):
            permissions = self.get_permissions(pattern.name)
            if permissions:
                return permissions_required(permissions, login_url=self.login_url)

        @property
        def urls(self):
            return self.get_urls(), self.label, self.namespace
"""

_DECORATORS = """
    from django.contrib.auth.decorators import user_passes_test


    def permissions_required(permissions, login_url=None):
        def check(user):
            return all(getattr(user, p) for p in permissions)

        return user_passes_test(check, login_url=login_url)
"""

_APPS = {
    "shop/__init__.py": "",
    "shop/base.py": _BASE,
    "shop/decorators.py": _DECORATORS,
    "shop/loading.py": "def get_class(module_label, name):\n    pass\n",
    "shop/config.py": """
        from django.apps import apps
        from django.urls import path

        from shop.base import ShopAppConfig
        from shop.views import home


        class Shop(ShopAppConfig):
            name = "shop"

            def ready(self):
                self.cart_app = apps.get_app_config("cart")
                self.staff_app = apps.get_app_config("staff")
                self.home_view = home

            def get_urls(self):
                return [
                    path("", self.home_view, name="home"),
                    path("cart/", self.cart_app.urls),
                    path("staff/", self.staff_app.urls),
                ]
    """,
    "shop/cart/__init__.py": "",
    "shop/cart/apps.py": """
        from django.contrib.auth.decorators import login_required
        from django.urls import path

        from shop.base import ShopAppConfig
        from shop.loading import get_class


        class CartConfig(ShopAppConfig):
            label = "cart"
            name = "shop.cart"
            namespace = "cart"

            def ready(self):
                self.summary_view = get_class("cart.views", "SummaryView")
                self.remove_view = get_class("cart.views", "RemoveView")

            def get_urls(self):
                urls = [
                    path("", self.summary_view.as_view(), name="summary"),
                    path("saved/", login_required(self.summary_view.as_view()), name="saved"),
                ]
                urls += [path("lines/<int:pk>/remove/", self.remove_view.as_view())]
                return self.post_process_urls(urls)
    """,
    "shop/cart/views.py": """
        from django.views import View


        class SummaryView(View):
            def get(self, request):
                pass


        class RemoveView(View):
            def post(self, request, pk):
                pass
    """,
    "shop/staff/__init__.py": "",
    "shop/staff/apps.py": """
        from django.urls import path

        from shop.base import ShopAppConfig
        from shop.staff import views


        class StaffConfig(ShopAppConfig):
            name = "shop.staff"
            default_permissions = ["is_staff"]

            def get_urls(self):
                urls = super().get_urls()
                urls += [path("orders/<str:number>/", views.OrderView.as_view())]
                return self.post_process_urls(urls)
    """,
    "shop/staff/views.py": """
        from django.views import View


        class OrderView(View):
            def post(self, request, number):
                pass
    """,
    "shop/views.py": "def home(request):\n    pass\n",
}


def test_routes_of_app_configs_no_urlconf_includes(tmp_path: Path) -> None:
    # A project made of app configs (django-oscar's shape) and no ROOT_URLCONF: the config
    # no other includes is served at the root, each app's under the path including it.
    write(tmp_path, {"settings.py": "INSTALLED_APPS = ['shop']\n", **_APPS})
    routes = by_pattern(model(tmp_path).routes)
    assert set(routes) == {
        "",
        "cart/",
        "cart/saved/",
        "cart/lines/<int:pk>/remove/",
        "staff/orders/<str:number>/",
    }
    remove = routes["cart/lines/<int:pk>/remove/"]
    assert remove.view is not None
    assert remove.view.target == "shop.cart.views.RemoveView"
    assert remove.parameters == (UrlParameter("pk", "int"),)
    assert remove.methods == ("POST",)
    assert not remove.view.requires_login
    assert routes["cart/"].name == "cart:summary"
    saved = routes["cart/saved/"].view
    assert saved is not None
    assert saved.requires_login
    home = routes[""].view
    assert home is not None
    assert home.target == "shop.views.home"
    # The staff app asks a permission of every view: `post_process_urls` wraps each in
    # what `get_url_decorator` returns; the cart app asks none, and gets no wrapper.
    order = routes["staff/orders/<str:number>/"].view
    assert order is not None
    assert order.decorators[:1] == ("shop.decorators.permissions_required",)


def test_app_config_included_by_the_project_urlconf(tmp_path: Path) -> None:
    # `include(apps.get_app_config("shop").urls[0])`: the shop's routes under its path,
    # not again at the root.
    urls = """
        from django.apps import apps
        from django.urls import include, path

        urlpatterns = [path("store/", include(apps.get_app_config("shop").urls[0]))]
    """
    settings = "INSTALLED_APPS = ['shop']\nROOT_URLCONF = 'urls'\n"
    write(tmp_path, {"settings.py": settings, "urls.py": urls, **_APPS})
    routes = by_pattern(model(tmp_path).routes)
    assert "store/cart/lines/<int:pk>/remove/" in routes
    assert not any(pattern.startswith("cart/") for pattern in routes)


def test_a_class_that_is_no_app_config_makes_no_routes(tmp_path: Path) -> None:
    # `get_urls()` of another class (a model admin's) is not served as an app's routes.
    admin = """
        from django.contrib import admin
        from django.urls import path

        from shop.views import home


        class NoteAdmin(admin.ModelAdmin):
            def get_urls(self):
                return [path("export/", self.admin_site.admin_view(home))]
    """
    write(
        tmp_path,
        {
            "settings.py": "INSTALLED_APPS = []\n",
            "shop/__init__.py": "",
            "shop/admin.py": admin,
            "shop/views.py": _APPS["shop/views.py"],
        },
    )
    assert model(tmp_path).routes == []
