from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.discover import FileKind, SourceFile
from webwarden.model.import_roots import importable_packages
from webwarden.model.namespace_imports import imported_namespaces


def _files(root: Path, sources: dict[str, str]) -> list[SourceFile]:
    files = []
    for relpath, text in sorted(sources.items()):
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        files.append(SourceFile(str(path), relpath, FileKind.PYTHON, len(text)))
    return files


@pytest.mark.parametrize(
    ("app", "inside", "namespaces"),
    [
        pytest.param(
            "from frontend.sso.routes import sso_bp\n", "", {"frontend"}, id="entry-beside-it"
        ),
        pytest.param(
            "import flask\n",
            "from frontend.sso.forms import LoginForm\n",
            {"frontend"},
            id="its-own-modules",
        ),
        pytest.param(
            "from sso.routes import sso_bp\n",
            "from sso.forms import LoginForm\n",
            set(),
            id="folder-on-sys-path",
        ),
        pytest.param(
            "from frontend.sso.routes import sso_bp\n",
            "from sso.forms import LoginForm\nfrom sso.views import index\n",
            set(),
            id="short-names-win",
        ),
        pytest.param("import flask\n", "", set(), id="not-imported"),
    ],
)
def test_a_folder_of_packages_imported_through_its_name(
    tmp_path: Path, app: str, inside: str, namespaces: set[str]
) -> None:
    files = _files(
        tmp_path,
        {
            "app.py": app,
            "frontend/sso/__init__.py": "",
            "frontend/sso/routes.py": inside,
            "api/__init__.py": "",
        },
    )
    packages = frozenset({"frontend/sso", "api"})
    assert imported_namespaces(files, packages) == namespaces
    assert importable_packages(files) == packages | namespaces


def test_a_folder_inside_a_package_is_no_candidate(tmp_path: Path) -> None:
    # `pkg/frontend/` is already imported as `pkg.frontend`: a namespace inside a package.
    files = _files(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/app.py": "from pkg.frontend.sso import routes\n",
            "pkg/frontend/sso/__init__.py": "",
        },
    )
    assert imported_namespaces(files, frozenset({"pkg", "pkg/frontend/sso"})) == frozenset()


@pytest.mark.parametrize(
    ("server", "inside", "namespaces"),
    [
        pytest.param(
            "from blueprints.root import root\nfrom blueprints.admin import admin\n",
            "from blueprints.admin import helper\n",
            {"web/blueprints"},
            id="script-beside-it",
        ),
        pytest.param(
            "import sys\nsys.path.append('blueprints')\nfrom root import root\n",
            "from admin import helper\n",
            set(),
            id="folder-on-sys-path",
        ),
        pytest.param("import flask\n", "import json\n", set(), id="not-imported"),
    ],
)
def test_a_folder_of_modules_imported_through_its_name(
    tmp_path: Path, server: str, inside: str, namespaces: set[str]
) -> None:
    # `web/blueprints/` holds plain modules and no `__init__.py`: a namespace package
    # when the script beside it imports `blueprints.root`, short names otherwise.
    files = _files(
        tmp_path,
        {
            "web/server.py": server,
            "web/blueprints/root.py": inside,
            "web/blueprints/admin.py": "",
        },
    )
    assert imported_namespaces(files, frozenset()) == namespaces
    assert importable_packages(files) == namespaces
