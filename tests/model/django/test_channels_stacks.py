"""The WebSocket stacks of Django Channels routers: origins let through, cookie read."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.channels_stacks import Origins, websocket_stacks
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver

_HEAD = """\
from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator, OriginValidator
from channels.sessions import CookieMiddleware
from site_app.stacks import TokenStack, CheckedStack, OriginCheck, SiteValidator
from site_app import stacks
from sentry_sdk.integrations.asgi import SentryAsgiMiddleware
"""

_STACKS = """\
from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator, OriginValidator

class TokenMiddleware:
    async def __call__(self, scope, receive, send):
        scope["user"] = await user_of(scope["query_string"])
        return await self.app(scope, receive, send)

TokenStack = lambda inner: TokenMiddleware(AuthMiddlewareStack(inner))

def CheckedStack(inner):
    return OriginValidator(AuthMiddlewareStack(inner), ["https://a.example"])

class OriginCheck:
    async def __call__(self, scope, receive, send):
        headers = dict(scope["headers"])
        if headers.get(b"origin") not in ALLOWED:
            return await self.deny(send)
        return await self.app(scope, receive, send)

class SiteValidator(OriginValidator):
    pass

websocket_app = AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter([])))
"""


def _context(module: str, source: str) -> FileContext:
    tree = ast.parse(source)
    relpath = module.replace(".", "/") + ".py"
    return FileContext(
        relpath, module, tuple(source.splitlines()), tree, NameResolver(tree, module)
    )


def _read(module: str) -> FileContext | None:
    return _context(module, _STACKS) if module == "site_app.stacks" else None


def _stack(branch: str) -> tuple[Origins, bool, str]:
    source = _HEAD + textwrap.dedent(branch)
    (stack,) = websocket_stacks(_context("site_app.asgi", source), _read)
    return stack.origins, stack.cookie, stack.token_user


@pytest.mark.parametrize(
    ("branch", "expected"),
    [
        pytest.param(
            'a = ProtocolTypeRouter({"websocket": AuthMiddlewareStack(URLRouter([]))})',
            (Origins.UNCHECKED, True, ""),
            id="auth-stack-unchecked",
        ),
        pytest.param(
            'a = ProtocolTypeRouter({"websocket": URLRouter([])})',
            (Origins.UNCHECKED, False, ""),
            id="no-cookie-layer",
        ),
        pytest.param(
            """\
            ws = AllowedHostsOriginValidator(CookieMiddleware(URLRouter([])))
            a = ProtocolTypeRouter({"websocket": ws})
            """,
            (Origins.ALLOWED_HOSTS, True, ""),
            id="allowed-hosts-through-a-name",
        ),
        pytest.param(
            'a = ProtocolTypeRouter({"websocket": OriginValidator(URLRouter([]), ["*"])})',
            (Origins.ANY, False, ""),
            id="origin-validator-any",
        ),
        pytest.param(
            'a = ProtocolTypeRouter({"websocket": OriginValidator(URLRouter([]), ORIGINS)})',
            (Origins.LISTED, False, ""),
            id="origin-validator-unread-list",
        ),
        pytest.param(
            'a = ProtocolTypeRouter({"websocket": TokenStack(URLRouter([]))})',
            (Origins.UNCHECKED, True, "TokenMiddleware"),
            id="project-lambda-in-other-module",
        ),
        pytest.param(
            'a = ProtocolTypeRouter({"websocket": CheckedStack(URLRouter([]))})',
            (Origins.LISTED, True, ""),
            id="project-function-with-validator",
        ),
        pytest.param(
            """\
            def stack(inner):
                return AuthMiddlewareStack(inner)
            a = ProtocolTypeRouter({"websocket": OriginValidator(stack(URLRouter([])), ["*"])})
            """,
            (Origins.ANY, True, ""),
            id="local-function",
        ),
        pytest.param(
            'a = ProtocolTypeRouter({"websocket": stacks.websocket_app})',
            (Origins.ALLOWED_HOSTS, True, ""),
            id="stack-bound-in-other-module",
        ),
        pytest.param(
            """\
            ws = URLRouter([])
            ws = AllowedHostsOriginValidator(ws)
            a = ProtocolTypeRouter({"websocket": ws})
            """,
            (Origins.ALLOWED_HOSTS, False, ""),
            id="name-wrapped-again",
        ),
        pytest.param(
            'a = ProtocolTypeRouter({"websocket": make_websocket_app()})',
            (Origins.LISTED, False, ""),
            id="unread-factory-not-claimed",
        ),
        pytest.param(
            """\
            class Chat:
                pass
            a = ProtocolTypeRouter({"websocket": AuthMiddlewareStack(Chat)})
            """,
            (Origins.UNCHECKED, True, ""),
            id="channels-2-consumer-class",
        ),
        pytest.param(
            """\
            ws = SentryAsgiMiddleware(AuthMiddlewareStack(URLRouter([])))
            a = ProtocolTypeRouter({"websocket": ws})
            """,
            (Origins.UNCHECKED, True, ""),
            id="library-middleware-read-through",
        ),
        pytest.param(
            'a = ProtocolTypeRouter({"websocket": OriginCheck(AuthMiddlewareStack(URLRouter([])))})',
            (Origins.LISTED, True, ""),
            id="project-middleware-reading-origin",
        ),
        pytest.param(
            'a = ProtocolTypeRouter({"websocket": SiteValidator(URLRouter([]), ORIGINS)})',
            (Origins.LISTED, False, ""),
            id="project-subclass-of-validator",
        ),
    ],
)
def test_websocket_stack(branch: str, expected: tuple[Origins, bool, str]) -> None:
    assert _stack(branch) == expected


def test_router_without_websocket_branch() -> None:
    source = _HEAD + 'a = ProtocolTypeRouter({"http": app})\n'
    assert list(websocket_stacks(_context("site_app.asgi", source), _read)) == []
