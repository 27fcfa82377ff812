"""Whether the project's own scripts send the CSRF token with every library request."""

from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.discover.files import FileKind, SourceFile
from webwarden.model.templates.script_tokens import csrf_header_script


def found(root: Path, files: dict[str, str]) -> str:
    sources = []
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        sources.append(SourceFile(str(path), relpath, FileKind.OTHER, len(text)))
    return csrf_header_script(root, sources)


@pytest.mark.parametrize(
    "script",
    [
        pytest.param('$.ajaxSetup({headers: {"X-CSRFToken": token}});', id="jquery-headers"),
        pytest.param(
            "$.ajaxSetup({beforeSend: function (xhr) {\n"
            "  xhr.setRequestHeader('X-CSRFToken', getCookie('csrftoken'));\n}});",
            id="jquery-before-send",
        ),
        pytest.param(
            "$(document).ajaxSend(function (event, xhr, settings) {\n"
            + "  function cookie(name) { return read(name); }\n" * 40
            + "  if (!/^(GET|HEAD)$/.test(settings.type)) {\n"
            "    xhr.setRequestHeader('X-CSRFToken', cookie('csrftoken'));\n  }\n});",
            id="jquery-ajax-send-helpers-first",
        ),
        pytest.param("axios.defaults.headers.common['X-CSRF-Token'] = token;", id="axios"),
        pytest.param(
            "document.body.addEventListener('htmx:configRequest', (e) => {\n"
            "  e.detail.headers['X-CSRFToken'] = token;\n});",
            id="htmx",
        ),
    ],
)
def test_a_set_up_for_every_request(tmp_path: Path, script: str) -> None:
    assert found(tmp_path, {"app/static/js/site.js": script}) == "app/static/js/site.js"


@pytest.mark.parametrize(
    "files",
    [
        pytest.param(
            {"static/js/a.js": 'fetch(u, {headers: {"X-CSRFToken": t}});'}, id="one-request"
        ),
        pytest.param(
            {"static/js/a.js": "$.ajaxSetup({cache: false});\n" + " " * 700 + "'X-CSRFToken'"},
            id="header-far-from-set-up",
        ),
        pytest.param(
            {"static/js/a.js": "$.ajaxSetup({cache: false});\n// 'X-CSRFToken' is sent by fetch\n"},
            id="header-after-set-up-closed",
        ),
        pytest.param(
            {"static/js/a.js": "$.ajaxSetup({cache: false, note: ')'});\n'X-CSRFToken'"},
            id="paren-in-string",
        ),
        pytest.param(
            {"static/vendor/csrf.js": '$.ajaxSetup({headers: {"X-CSRFToken": t}});'},
            id="vendored",
        ),
        pytest.param(
            {"static/js/site.min.js": '$.ajaxSetup({headers: {"X-CSRFToken": t}});'},
            id="minified",
        ),
    ],
)
def test_not_a_set_up_of_the_project(tmp_path: Path, files: dict[str, str]) -> None:
    assert found(tmp_path, files) == ""
