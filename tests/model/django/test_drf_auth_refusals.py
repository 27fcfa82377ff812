"""Which handlers of class-based views first call a method raising REST framework's
`AuthenticationFailed` for the request they hand it."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.django.drf_auth_refusals import authenticates_by_raising
from webwarden.parse.python import ParsedPython, parse_source

BASE = """
from django.conf import settings
from rest_framework import exceptions
from rest_framework.views import APIView

from intake.models import Feed, Item


class KeyedBase(APIView):
    authentication_classes = []

    @classmethod
    def key_from(cls, request):
        key = request.headers.get("X-Feed-Key") or request.GET.get("feed_key")
        if not key:
            raise exceptions.NotAuthenticated("no key")
        return key

    def feed_for(self, request, feed_id):
        key = KeyedBase.key_from(request)
        feed = Feed.objects.filter(id=feed_id, key=key).first()
        if feed is None:
            raise exceptions.AuthenticationFailed("unknown key")
        return feed

    def via_helper(self, request):
        return self.feed_for(request, 1)

    def missing(self, request):
        if not request.headers.get("X-Feed-Key"):
            raise exceptions.NotAuthenticated("no key")

    def by_cookie(self, request):
        if not request.COOKIES.get("feed"):
            raise exceptions.AuthenticationFailed("no cookie")

    def not_found(self, request):
        if not Feed.objects.filter(key=request.headers.get("X-Feed-Key")).exists():
            raise exceptions.NotFound("unknown")
"""


def _authenticates(handler_body: str) -> bool:
    source = (
        BASE
        + "\n\nclass Handler(KeyedBase):\n    def post(self, request, feed_id):\n"
        + textwrap.indent(textwrap.dedent(handler_body), "        ")
        + "\n"
    )
    parsed = parse_source(source, "intake/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("intake/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    owner = ctx.tree.body[-1]
    assert isinstance(owner, ast.ClassDef)
    handler = owner.body[0]
    assert isinstance(handler, ast.FunctionDef)
    return authenticates_by_raising(ctx, handler, owner)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("feed = self.feed_for(request, feed_id)\nItem.objects.create(feed=feed)", True),
        (
            "if settings.FROZEN:\n    return Response(status=503)\n"
            "try:\n    feed = self.feed_for(request, feed_id)\n"
            "except exceptions.AuthenticationFailed as err:\n"
            "    return Response(err.detail, status=401)\n"
            "Item.objects.create(feed=feed)",
            True,
        ),
        ("feed = self.via_helper(request)\nItem.objects.create(feed=feed)", True),
        ("Item.objects.create(feed_id=feed_id)\nself.feed_for(request, feed_id)", False),
        ("try:\n    feed = self.feed_for(request, feed_id)\nexcept Exception:\n    pass", False),
        ("feed = self.feed_for(None, feed_id)", False),
        ("self.missing(request)\nItem.objects.create(feed_id=feed_id)", False),
        ("self.by_cookie(request)\nItem.objects.create(feed_id=feed_id)", False),
        ("self.not_found(request)\nItem.objects.create(feed_id=feed_id)", False),
    ],
    ids=[
        "inherited-lookup",
        "after-switch-in-try",
        "through-another-method",
        "after-a-write",
        "try-swallowing",
        "request-not-handed",
        "missing-key-only",
        "cookie-read",
        "not-found-only",
    ],
)
def test_authenticates_by_raising(body: str, expected: bool) -> None:
    assert _authenticates(body) is expected
