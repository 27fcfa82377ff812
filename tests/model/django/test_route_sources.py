"""Which modules may add routes, told by a word search before they are parsed."""

from __future__ import annotations

import pytest

from webwarden.model.django.route_sources import may_add_routes


@pytest.mark.parametrize(
    "source",
    [
        'urlpatterns = [path("", views.index)]\n',
        "router = routers.DefaultRouter()\nrouter.register('items', ItemViewSet)\n",
        "class ApiRouter(SimpleRouter):\n    pass\nApiRouter().register('a', A)\n",
        'ROOT_URLCONF = "site.urls"\n',
        'if DEBUG:\n    ROOT_URLCONF = "site.dev_urls"\n',
        'ROOT_URLCONF: str = "site.urls"\n',
        'URLCONF = ROOT_URLCONF = "site.urls"\n',
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n',
        '@override_settings(ROOT_URLCONF="a.urls")\nclass T: pass\nROOT_URLCONF = "b.urls"\n',
    ],
)
def test_a_module_that_may_add_routes_is_picked(source: str) -> None:
    assert may_add_routes("tests/test_views.py", source.encode())


@pytest.mark.parametrize(
    "source",
    [
        '@override_settings(ROOT_URLCONF="admin_views.urls")\nclass T(TestCase):\n    pass\n',
        'with self.settings(ROOT_URLCONF="a.urls"):\n    pass\n',
        "if settings.ROOT_URLCONF == 'a.urls':\n    pass\n",
        "class Router:\n    def db_for_read(self, model, **hints):\n        return 'other'\n",
        '@override_settings(DATABASE_ROUTERS=["%s.Router" % __name__])\ndef test(): pass\n',
        "@override_settings(DATABASE_ROUTERS=[TestRouter()])\ndef test(): pass\n",
        '@override_settings(\n    ROOT_URLCONF="a.urls",\n    DEBUG=True,\n)\nclass T: pass\n',
    ],
)
def test_a_module_that_only_chooses_among_urlconfs_is_left_for_later(source: str) -> None:
    assert not may_add_routes("tests/test_views.py", source.encode())


def test_settings_and_entry_files_are_picked_by_name() -> None:
    assert may_add_routes("tests/settings.py", b"")
    assert may_add_routes("manage.py", b"")
