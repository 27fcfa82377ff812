from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import DeployTime
from webwarden.engine.files import FilePlan, make_context
from webwarden.model.module import FileContext
from webwarden.model.saml_settings import (
    django_saml2_auth_settings,
    is_off,
    is_on,
    off_unless_set,
    on_unless_set,
    pysaml2_service_provider,
    python3_saml_settings,
)
from webwarden.parse.python import ParsedPython, parse_source


def _context(source: str) -> FileContext:
    parsed = parse_source(textwrap.dedent(source), "app/saml.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    return make_context("app/saml.py", parsed, plan)


def _outermost_dict(ctx: FileContext) -> ast.Dict:
    """The outermost dict of the module's last statement."""
    last = ctx.tree.body[-1]
    return next(node for node in ast.walk(last) if isinstance(node, ast.Dict))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('C = {"service": {"sp": {"allow_unsolicited": True}}}', True, id="literal"),
        pytest.param(
            'SP = {"allow_unsolicited": True}\nC = {"service": {"sp": SP}}', True, id="named-sp"
        ),
        pytest.param('C = {"service": {"sp": {"name": "app"}}}', False, id="left-out"),
        pytest.param('C = {"service": {"idp": {"allow_unsolicited": True}}}', None, id="idp"),
        pytest.param('C = {"allow_unsolicited": True}', None, id="no-service"),
    ],
)
def test_pysaml2_service_provider(source: str, expected: bool | None) -> None:
    ctx = _context(source)
    found = pysaml2_service_provider(ctx, _outermost_dict(ctx))
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found.option("allow_unsolicited", False).value is expected


def test_spread_makes_left_out_option_unknown() -> None:
    ctx = _context('C = {"service": {"sp": {**BASE, "name": "app"}}}')
    found = pysaml2_service_provider(ctx, _outermost_dict(ctx))
    assert found is not None
    assert found.option("want_assertions_signed", False).value is UNKNOWN


def test_environment_value_is_deploy_time() -> None:
    ctx = _context(
        """
        import os
        S = {"strict": os.environ.get("SAML_STRICT", "false") == "true", "sp": {}, "idp": {}}
        """
    )
    found = python3_saml_settings(ctx, _outermost_dict(ctx))
    assert found is not None
    value = found.option("strict", True).value
    assert isinstance(value, DeployTime)
    assert off_unless_set(value)
    assert not on_unless_set(value)
    assert not is_off(value)


@pytest.mark.parametrize(
    ("source", "found"),
    [
        pytest.param('S = {"sp": {}, "idp": {}}', True, id="sp-idp"),
        pytest.param('S = {"strict": False, "sp": {}, "security": {}}', True, id="appbuilder"),
        pytest.param('S = {"strict": False, "idp": {}}', False, id="no-sp"),
        pytest.param('S = {"sp": {}, "name": "x"}', False, id="sp-alone"),
    ],
)
def test_python3_saml_settings(source: str, found: bool) -> None:
    ctx = _context(source)
    assert (python3_saml_settings(ctx, _outermost_dict(ctx)) is not None) is found


@pytest.mark.parametrize(
    ("source", "found"),
    [
        pytest.param('SAML2_AUTH = {"WANT_RESPONSE_SIGNED": False}', True, id="assigned"),
        pytest.param('SAML2_AUTH: dict = {"WANT_RESPONSE_SIGNED": False}', True, id="annotated"),
        pytest.param('OTHER = {"WANT_RESPONSE_SIGNED": False}', False, id="other-name"),
        pytest.param('f({"WANT_RESPONSE_SIGNED": False})', False, id="argument"),
    ],
)
def test_django_saml2_auth_settings(source: str, found: bool) -> None:
    ctx = _context(source)
    assert (django_saml2_auth_settings(ctx, _outermost_dict(ctx)) is not None) is found


@pytest.mark.parametrize(
    ("value", "off", "on"),
    [
        pytest.param(False, True, False, id="false"),
        pytest.param(None, True, False, id="none"),
        pytest.param("false", False, True, id="text-is-true"),
        pytest.param(True, False, True, id="true"),
        pytest.param(UNKNOWN, False, False, id="unknown"),
    ],
)
def test_known_truth(value: object, off: bool, on: bool) -> None:
    assert is_off(value) is off
    assert is_on(value) is on
