"""Which serializers refuse a bad signature, and which serializers each view handler validates."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.signed_serializers import (
    GENERAL,
    declares_signature_field,
    handler_serializers,
    refuses_bad_signature,
)
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _class(source: str) -> tuple[FileContext, ast.ClassDef]:
    text = "from rest_framework import serializers\nfrom api import checks\n" + textwrap.dedent(
        source
    )
    tree = ast.parse(text)
    ctx = FileContext(
        "api/views.py", "api.views", tuple(text.splitlines()), tree, NameResolver(tree, "api.views")
    )
    return ctx, next(node for node in tree.body if isinstance(node, ast.ClassDef))


@pytest.mark.parametrize(
    ("source", "field", "refusal"),
    [
        pytest.param(
            """
            class S(serializers.Serializer):
                signature = serializers.CharField()

                def validate(self, attrs):
                    if not checks.recover(attrs["message"], attrs["signature"]):
                        raise serializers.ValidationError("bad signature")
                    return attrs
            """,
            True,
            True,
            id="recovered-signer",
        ),
        pytest.param(
            """
            class S(serializers.Serializer):
                signature = serializers.CharField()

                def validate_signature(self, value):
                    if len(value.signature) < 10:
                        raise serializers.ValidationError("too short")
                    return value
            """,
            True,
            False,
            id="length-only",
        ),
        pytest.param(
            """
            class S(serializers.Serializer):
                email_signature = serializers.CharField()

                def validate_email_signature(self, email_signature):
                    if checks.contains_html(email_signature):
                        raise serializers.ValidationError("no HTML")
                    return email_signature
            """,
            True,
            False,
            id="text-named-signature",
        ),
        pytest.param(
            """
            class S(serializers.Serializer):
                name = serializers.CharField()

                def validate(self, attrs):
                    checks.log(signature=attrs.get("signature"))
                    return attrs
            """,
            False,
            False,
            id="no-refusal",
        ),
    ],
)
def test_signature_checks(source: str, field: bool, refusal: bool) -> None:
    ctx, node = _class(source)
    assert declares_signature_field(node) is field
    assert refuses_bad_signature(ctx, node) is refusal


def test_handler_serializers() -> None:
    ctx, node = _class(
        """
        class V(GenericAPIView):
            def get_serializer_class(self):
                if self.request.method == "GET":
                    return ShownSerializer
                return serializers.SignedSerializer

            def post(self, request):
                return super().post(request)

            def put(self, request):
                s = serializers.EditSerializer(data=request.data)
                s.is_valid(raise_exception=True)
                return Response(data={"ok": True})

            def patch(self, request):
                serializers.EditSerializer(data=request.data).save()

            def delete(self, request):
                return super().delete(request)
        """
    )
    assert dict(handler_serializers(ctx, node)) == {
        "post": (GENERAL,),
        "put": ("rest_framework.serializers.EditSerializer",),
        "patch": (),
        "delete": (),
        GENERAL: ("rest_framework.serializers.SignedSerializer",),
    }
