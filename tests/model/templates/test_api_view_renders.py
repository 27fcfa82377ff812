"""The context a REST framework `APIView` hands its `template_name`."""

from __future__ import annotations

from pathlib import Path

from tests.model.templates.helpers import template_model
from webwarden.model.templates.facts import RenderFact

VIEWS = """
from rest_framework import generics
from rest_framework.renderers import TemplateHTMLRenderer
from rest_framework.response import Response
from rest_framework.views import APIView


class Board(APIView):
    renderer_classes = [TemplateHTMLRenderer]
    template_name = "board.html"

    def get(self, request):
        return Response({"rows": Row.objects.all(), "title": request.GET.get("title")})

    def post(self, request):
        return Response(data={"notice": "Saved"})


class Serialized(APIView):
    renderer_classes = [TemplateHTMLRenderer]
    template_name = "board.html"

    def get(self, request):
        return Response(RowSerializer(Row.objects.all(), many=True).data)


class Listed(generics.ListAPIView):
    renderer_classes = [TemplateHTMLRenderer]
    template_name = "board.html"
"""


def _renders(tmp_path: Path) -> dict[str, RenderFact]:
    files = {"shop/views.py": VIEWS, "shop/templates/board.html": "{{ title }}"}
    model = template_model(tmp_path, files)
    return {r.function.rpartition(".")[2]: r for r in model.renders}


def test_response_data_is_the_context(tmp_path: Path) -> None:
    board = _renders(tmp_path)["Board"]
    names = {name.name: name for name in board.context}
    assert set(names) == {"rows", "title", "notice"}
    assert names["title"].source == "request.GET.get('title')"
    assert board.shortcut
    assert not board.opaque


def test_data_not_shown_as_a_mapping_is_opaque(tmp_path: Path) -> None:
    assert _renders(tmp_path)["Serialized"].opaque


def test_generic_view_answers_with_data_of_its_own(tmp_path: Path) -> None:
    assert not _renders(tmp_path)["Listed"].shortcut


HELPED = """
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.answers import table


class Helped(APIView):
    template_name = "board.html"

    def get(self, request):
        return table(request)

    def post(self, request):
        return self.saved()

    def saved(self):
        return Response({"notice": "Saved"})
"""


def test_handler_answering_with_a_helper_is_opaque(tmp_path: Path) -> None:
    files = {"shop/views.py": HELPED, "shop/templates/board.html": "{{ title }}"}
    model = template_model(tmp_path, files)
    (helped,) = [r for r in model.renders if r.function.endswith(".Helped")]
    assert helped.opaque
    assert {name.name for name in helped.context} == {"notice"}
