"""Names the taint analysis reads as a project's own checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysis.taint.test_engine import FLASK, findings
from webwarden.analysis.taint.specs import (
    CALLBACK_CHECK_NAME,
    CALLBACK_CHECKED,
    HOST_MATCHED_KINDS,
    PATH_CHECKED,
    URL_CHECKED,
    is_extension_key,
    named_check_kinds,
    source_cleansed,
)
from webwarden.analysis.taint.values import PERCENT_ENCODED


@pytest.mark.parametrize(
    ("name", "checks"),
    [
        pytest.param("is_valid_jsonp_callback_value", True, id="tav-validate-jsonp"),
        pytest.param("is_valid_javascript_identifier", True, id="js-identifier"),
        pytest.param("valid_callback", True, id="valid-callback"),
        pytest.param("_check_jsonp_callback", True, id="private-check"),
        pytest.param("is_valid_callback_url", False, id="callback-url"),
        pytest.param("validate_redirect_uri_callback", False, id="redirect-uri"),
        pytest.param("run_callback", False, id="no-check"),
    ],
)
def test_callback_check_names(name: str, checks: bool) -> None:
    assert (CALLBACK_CHECK_NAME.search(name) is not None) is checks


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        pytest.param("if is_valid_jsonp_callback_value(cb):", [], id="checked"),
        pytest.param("if cb and valid_callback(cb):", [], id="checked-in-and"),
        pytest.param("if not valid_callback(cb):", [9], id="refused-branch"),
        pytest.param("if is_valid_callback_url(cb):", [9], id="url-check"),
    ],
)
def test_callback_check_guards_html(tmp_path: Path, test: str, expected: list[int]) -> None:
    source = (
        "from jsonp import is_valid_jsonp_callback_value, valid_callback, is_valid_callback_url\n"
        f"{FLASK}@app.route('/')\ndef view():\n"
        "    cb = request.args['callback']\n"
        f"    {test}\n"
        "        return '<pre>' + cb + '()</pre>'\n"
        "    return 'none'\n"
    )
    found = findings(tmp_path, {"app.py": source})
    assert [line for _, line, _, _ in found] == expected


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        pytest.param("is_safe_url", URL_CHECKED, id="redirect"),
        pytest.param("hostname_matches", HOST_MATCHED_KINDS, id="host"),
        pytest.param("is_within_directory", PATH_CHECKED, id="path"),
        pytest.param("valid_callback", CALLBACK_CHECKED, id="callback"),
        pytest.param("run_callback", None, id="none"),
    ],
)
def test_named_check_kinds(name: str, kinds: frozenset[str] | None) -> None:
    assert named_check_kinds(name) == kinds


@pytest.mark.parametrize(
    ("name", "encoded"),
    [
        pytest.param("get_full_path", True, id="django-full-path"),
        pytest.param("get_full_path_info", True, id="django-full-path-info"),
        pytest.param("build_absolute_uri", True, id="django-absolute-uri"),
        pytest.param("path", False, id="decoded-path"),
        pytest.param("full_path", False, id="werkzeug-full-path"),
    ],
)
def test_django_percent_encoded_own_url(name: str, encoded: bool) -> None:
    assert (PERCENT_ENCODED in source_cleansed(name)) is encoded
    assert (PERCENT_ENCODED in source_cleansed(name, unrouted=True)) is encoded


@pytest.mark.parametrize(
    ("key", "set_by_server"),
    [
        pytest.param("[myapp.tenant]", True, id="extension-variable"),
        pytest.param("[issuer]", True, id="lower-case-name"),
        pytest.param("[CKAN_LANG]", True, id="app-variable"),
        pytest.param("[SERVER_SOFTWARE]", True, id="server-variable"),
        pytest.param("[HTTP_X_NEXT]", False, id="header"),
        pytest.param("[QUERY_STRING]", False, id="query"),
        pytest.param("[REQUEST_URI]", False, id="request-target"),
        pytest.param("[SERVER_NAME]", False, id="host-named-by-client"),
        pytest.param("[REDIRECT_QUERY_STRING]", False, id="before-internal-redirect"),
        pytest.param("[wsgi.input]", False, id="body"),
        pytest.param("", False, id="unknown-key"),
    ],
)
def test_environment_items_set_by_server_or_app(key: str, set_by_server: bool) -> None:
    assert is_extension_key(key) is set_by_server
