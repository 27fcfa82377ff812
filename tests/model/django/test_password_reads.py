"""Class views that take no password (`password_reads.takes_no_password`)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.password_reads import takes_no_password


def _class(source: str) -> ast.ClassDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.ClassDef)
    return node


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            class Exchange(APIView):
                def post(self, request):
                    data = request.data
                    logger.info("exchange %s", data)
                    user = User.objects.get(email=data.get("email"))
                    return JsonResponse({"token": make_token(user)})
            """,
            id="fields-read-one-by-one",
        ),
        pytest.param(
            """
            class Lookup(APIView):
                def get(self, request):
                    return JsonResponse({"id": find(request.query_params.get("email"))})
            """,
            id="query-field",
        ),
    ],
)
def test_takes_no_password(source: str) -> None:
    assert takes_no_password(_class(source))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            class Login(APIView):
                def post(self, request):
                    return check(request.data.get("email"), request.data.get("password"))
            """,
            id="names-password",
        ),
        pytest.param(
            """
            class Login(APIView):
                def post(self, request):
                    return authenticate(request, **request.data)
            """,
            id="authenticate",
        ),
        pytest.param(
            """
            class Login(APIView):
                def post(self, request):
                    form = LoginSerializer(data=request.data)
                    form.is_valid(raise_exception=True)
            """,
            id="serializer",
        ),
        pytest.param(
            """
            class Login(GenericAPIView):
                serializer_class = CredentialsSerializer
            """,
            id="serializer-class",
        ),
        pytest.param(
            """
            class Login(APIView):
                def post(self, request):
                    body = json.loads(request.body)
                    return sign_in(body)
            """,
            id="whole-body-to-helper",
        ),
        pytest.param(
            """
            class Login(APIView):
                def post(self, request):
                    return self.finish(request)
            """,
            id="request-handed-on",
        ),
        pytest.param(
            """
            class Verify(APIView):
                def post(self, request):
                    return confirm(request.data.get("otp"))
            """,
            id="one-time-code",
        ),
    ],
)
def test_may_take_password(source: str) -> None:
    assert not takes_no_password(_class(source))
