"""Extensions a settings file names by their dotted path, for a factory importing them."""

from __future__ import annotations

import pytest

from webwarden.discover.files import FileKind, SourceFile
from webwarden.model.flask.named_extensions import imports_by_name, named_extensions

_SETTINGS = """\
EXTENSIONS:
  - flask_wtf.csrf.CSRFProtect
  # - flask_talisman.Talisman
  - portal.views.setup
EXAMPLE: "flask_limiter.Limiter(app)"
"""


def _found(files: dict[str, str]) -> list[tuple[str, str, int]]:
    sources = [
        SourceFile(f"/p/{name}", name, FileKind.TEXT, len(text)) for name, text in files.items()
    ]
    return [
        (e.kind, e.location.path, e.location.line) for e in named_extensions(sources, files.get)
    ]


def test_a_dotted_class_of_an_extension_package_is_named() -> None:
    # NOTE: not a commented-out entry, nor a call written in an example
    assert _found({"settings.yml": _SETTINGS}) == [("flask_wtf.CSRFProtect", "settings.yml", 2)]


@pytest.mark.parametrize(
    "name", ["settings.py", "tests/settings.yml", "docs/settings.yml", "README.md"]
)
def test_only_configuration_files_of_the_application_are_read(name: str) -> None:
    assert _found({name: _SETTINGS}) == []


@pytest.mark.parametrize(
    ("imported", "expected"),
    [
        pytest.param(["werkzeug.utils.import_string"], True, id="werkzeug"),
        pytest.param(["import_string"], True, id="import-string-package"),
        pytest.param(["importlib.import_module"], True, id="importlib"),
        pytest.param(["flask.Flask", "yaml.safe_load"], False, id="none"),
    ],
)
def test_imports_by_name(imported: list[str], expected: bool) -> None:
    assert imports_by_name(imported) is expected
