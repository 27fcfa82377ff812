"""Renders of helpers the views call, judged with what each call hands them."""

from __future__ import annotations

from pathlib import Path

from tests.model.templates.helpers import template_model

_SETTINGS = """
    INSTALLED_APPS = ["records"]
    ROOT_URLCONF = "records.urls"
    TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
"""
_URLS = """
    from django.urls import path
    from records.views import RecordView

    urlpatterns = [path("<int:pk>/", RecordView.as_view())]
"""


def _sources(tmp_path: Path, views: str) -> dict[str, set[tuple[str, str, str]]]:
    """Each context name -> (the function rendering, its source, the URL parameter it is)."""
    model = template_model(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings.py": _SETTINGS,
            "records/__init__.py": "",
            "records/urls.py": _URLS,
            "records/views.py": views,
        },
    )
    found: dict[str, set[tuple[str, str, str]]] = {}
    for render in model.renders:
        function = render.function.rpartition(".")[2]
        for name in render.context:
            found.setdefault(name.name, set()).add((function, name.source, name.parameter))
    return found


def test_a_views_own_helper_method_gets_what_each_call_passes(tmp_path: Path) -> None:
    # Django's `View.dispatch` gives the URL's arguments to `get` and `post` only: the
    # helper's `record_id` is what `post` passes, a number here and request data there.
    sources = _sources(
        tmp_path,
        """
        from django.shortcuts import render
        from django.views import View

        class RecordView(View):
            def _row(self, request, record_id, note=""):
                return render(request, "row.html", {"record_id": record_id, "note": note})

            def get(self, request, pk):
                return self._row(request, int(request.GET["id"]))

            def post(self, request, pk):
                return self._row(request, pk, note=request.POST["note"])
        """,
    )
    assert sources["record_id"] == {("get", "", ""), ("post", "URL parameter `pk`", "")}
    assert sources["note"] == {("get", "", ""), ("post", "request.POST['note']", "")}


def test_an_http_handler_called_by_another_keeps_its_url_parameters(tmp_path: Path) -> None:
    # `post` handing its request to `get` passes the URL's arguments on with it.
    sources = _sources(
        tmp_path,
        """
        from django.shortcuts import render
        from django.views import View

        class RecordView(View):
            def get(self, request, pk):
                return render(request, "row.html", {"record_id": pk})

            def post(self, request, pk):
                return self.get(request, pk)
        """,
    )
    assert sources["record_id"] == {("get", "", "pk")}


def test_a_helper_called_through_its_module_gets_what_each_call_passes(tmp_path: Path) -> None:
    # `from records import notices` then `notices.show(request, ...)`: the helper's
    # `text` is what the call hands it, not a URL parameter of a view no route serves.
    model = template_model(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings.py": _SETTINGS,
            "records/__init__.py": "",
            "records/urls.py": _URLS,
            "records/notices.py": """
                from django.shortcuts import render

                def show(request, text):
                    return render(request, "notice.html", {"text": text})
            """,
            "records/views.py": """
                from django.shortcuts import render
                from django.views import View
                from records import notices

                class RecordView(View):
                    def get(self, request, pk):
                        return notices.show(request, "Saved.")

                    def post(self, request, pk):
                        return notices.show(request, request.POST["note"])
            """,
        },
    )
    sources = {
        (render.function.rpartition(".")[2], name.source)
        for render in model.renders
        for name in render.context
        if name.name == "text"
    }
    assert sources == {("get", ""), ("post", "request.POST['note']")}
