"""What a throttle class keys on: every client, or authenticated users alone."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.auth.throttle_keys import users_only


def _users_only(source: str) -> bool | None:
    tree = ast.parse(textwrap.dedent(source))
    node = tree.body[0]
    assert isinstance(node, ast.ClassDef)
    return users_only(node)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            class T(SimpleRateThrottle):
                def get_cache_key(self, request, view):
                    user = request.user
                    if user.is_authenticated and not user.is_staff:
                        return self.cache_format % {"scope": self.scope, "ident": user.pk}
                    return None
            """,
            True,
            id="key-under-authenticated-test",
        ),
        pytest.param(
            """
            class T(SimpleRateThrottle):
                def get_cache_key(self, request, view):
                    if not request.user.is_authenticated:
                        return None
                    return f"throttle-{request.user.pk}"
            """,
            True,
            id="guard-returning-none-for-anonymous",
        ),
        pytest.param(
            """
            class T(SimpleRateThrottle):
                def get_cache_key(self, request, view):
                    if request.user.is_anonymous or request.user.is_staff:
                        return
                    return f"throttle-{request.user.pk}"
            """,
            True,
            id="guard-on-is-anonymous",
        ),
        pytest.param(
            """
            class T(SimpleRateThrottle):
                def get_cache_key(self, request, view):
                    if request.user.is_authenticated:
                        ident = request.user.pk
                    else:
                        ident = self.get_ident(request)
                    return self.cache_format % {"scope": self.scope, "ident": ident}
            """,
            False,
            id="anonymous-keyed-by-address",
        ),
        pytest.param(
            """
            class T(SimpleRateThrottle):
                def get_cache_key(self, request, view):
                    if request.user.is_authenticated:
                        return f"user-{request.user.pk}"
                    else:
                        return f"ip-{self.get_ident(request)}"
            """,
            False,
            id="else-keys-anonymous",
        ),
        pytest.param(
            """
            class T(SimpleRateThrottle):
                def get_cache_key(self, request, view):
                    return self.get_ident(request)
            """,
            False,
            id="every-client",
        ),
        pytest.param(
            """
            class T(UserRateThrottle):
                def allow_request(self, request, view):
                    if not request.user or not request.user.is_authenticated:
                        return True
                    return super().allow_request(request, view)
            """,
            True,
            id="allow-request-lets-anonymous-through",
        ),
        pytest.param(
            """
            class T(UserRateThrottle):
                def allow_request(self, request, view):
                    if request.method == "GET":
                        return True
                    return super().allow_request(request, view)
            """,
            False,
            id="allow-request-lets-reads-through",
        ),
        pytest.param(
            """
            class T(UserRateThrottle):
                scope = "burst"
            """,
            None,
            id="bases-decide",
        ),
    ],
)
def test_users_only(source: str, expected: bool | None) -> None:
    assert _users_only(source) is expected
