"""Which Django view functions and methods refuse first a request without a header
credential, and which `dispatch`es go on only through `super().dispatch()`."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.django.caller_checks import (
    ACTS,
    PASSES,
    VERIFIES,
    caller_check,
    reads_session,
)
from webwarden.parse.python import ParsedPython, parse_source

IMPORTS = "import hmac\nfrom django.conf import settings\nfrom django.views import View\n"


def _method(body: str, name: str = "dispatch") -> tuple[str, bool]:
    source = (
        IMPORTS
        + "class Hook(View):\n"
        + f"    def {name}(self, request, *args, **kwargs):\n"
        + textwrap.indent(textwrap.dedent(body), "        ")
    )
    parsed = parse_source(source, "hooks/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("hooks/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    cls = ctx.tree.body[-1]
    assert isinstance(cls, ast.ClassDef)
    method = cls.body[0]
    assert isinstance(method, ast.FunctionDef)
    return caller_check(ctx, method), reads_session(ctx, cls)


GO_ON = "return super().dispatch(request, *args, **kwargs)"


@pytest.mark.parametrize(
    ("body", "verdict"),
    [
        pytest.param(
            f"if request.headers.get('X-Secret') != settings.HOOK_SECRET:\n    return deny()\n{GO_ON}",
            VERIFIES,
            id="header-against-setting",
        ),
        pytest.param(
            "sent = request.META.get('HTTP_X_SECRET', '')\n"
            f"if not hmac.compare_digest(sent, settings.HOOK_SECRET):\n    return deny()\n{GO_ON}",
            VERIFIES,
            id="meta-compared-in-constant-time",
        ),
        pytest.param(
            f"if verify_hook(request.headers):\n    {GO_ON}\nreturn deny()",
            VERIFIES,
            id="verified-headers-then-refused",
        ),
        pytest.param(
            f"if self.request.headers.get('X-Secret') != settings.HOOK_SECRET:\n"
            f"    return deny()\n{GO_ON}",
            VERIFIES,
            id="self-request",
        ),
        pytest.param(
            f"if request.COOKIES.get('secret') != settings.HOOK_SECRET:\n    return deny()\n{GO_ON}",
            PASSES,
            id="cookie-proves-nothing",
        ),
        pytest.param(
            f"form = Form(request.POST)\nif not form.is_valid():\n    return deny()\n{GO_ON}",
            PASSES,
            id="form-validation-proves-nothing",
        ),
        pytest.param(
            f"if self.token:\n    {GO_ON}\nreturn deny()",
            PASSES,
            id="gate-going-on-by-super",
        ),
        pytest.param(
            f"if request.GET.get('preview'):\n    return self.post(request)\n{GO_ON}",
            ACTS,
            id="runs-a-handler-itself",
        ),
        pytest.param(
            "handler = getattr(self, request.method.lower())\nreturn handler(request)",
            ACTS,
            id="dispatches-itself",
        ),
    ],
)
def test_dispatch_verdict(body: str, verdict: str) -> None:
    assert _method(body)[0] == verdict


def test_a_handler_that_verifies_is_no_gate() -> None:
    checked = "if not verify_hook(request.headers):\n    return deny()\nsave()"
    assert _method(checked, "post")[0] == VERIFIES
    assert _method("save()", "post")[0] == ACTS


@pytest.mark.parametrize(
    ("body", "reads"),
    [
        pytest.param("return request.user.pk", True, id="request-user"),
        pytest.param("self.request.session['k'] = 1", True, id="self-request-session"),
        pytest.param("return self.user_obj", False, id="own-attribute"),
    ],
)
def test_reads_session(body: str, reads: bool) -> None:
    assert _method(body, "post")[1] is reads
