"""Whether a function answers with a status a browser follows to the `Location`."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.analysis.taint.redirect_status import answers_redirect
from webwarden.analysis.taint.specs import REDIRECT_CHECK_NAME
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source


def _answers_redirect(body: str) -> bool:
    source = "from http import HTTPStatus\nfrom rest_framework import status\n"
    source += "def view(request):\n" + textwrap.indent(textwrap.dedent(body), "    ")
    parsed = parse_source(source, "views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("views.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    functions = [f for f in Lowering(ctx).module_ir().functions if f.name == "view"]
    return answers_redirect(functions[0])


@pytest.mark.parametrize(
    ("body", "redirects"),
    [
        pytest.param("r = make()\nr.status_code = 302\nreturn r", True, id="status-code-302"),
        pytest.param("return make(), 307", True, id="returned-status"),
        pytest.param("return Response(status=HTTPStatus.SEE_OTHER)", True, id="http-status"),
        pytest.param("return Response(status=status.HTTP_301_MOVED_PERMANENTLY)", True, id="drf"),
        pytest.param("return Response(status=201)", False, id="created"),
        pytest.param("return make(), 202", False, id="accepted"),
        pytest.param("return Response(status=status.HTTP_304_NOT_MODIFIED)", False, id="304"),
        pytest.param("def inner():\n    return 302\nreturn inner", False, id="nested-function"),
        pytest.param("return make(302.0)", False, id="float"),
    ],
)
def test_answers_redirect(body: str, redirects: bool) -> None:
    assert _answers_redirect(body) is redirects


@pytest.mark.parametrize(
    ("name", "checks"),
    [
        ("is_post_logout_redirect_uri_allowed", True),
        ("is_redirect_uri_allowed", True),
        ("url_allowed", True),
        ("is_safe_uri", True),
        ("url_is_safe", True),
        ("validate_redirect_url", True),
        # NOTE: `uri` inside a word (`security`) names no URI.
        ("local_security_check", False),
        ("is_safe_security_token", False),
        ("is_allowed", False),
        ("is_valid_url", False),
    ],
)
def test_redirect_check_names(name: str, checks: bool) -> None:
    assert (REDIRECT_CHECK_NAME.search(name) is not None) is checks
