from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.discover import FileKind, SourceFile
from webwarden.model.import_roots import importable_packages


def _files(root: Path, sources: dict[str, str]) -> list[SourceFile]:
    files = []
    for relpath, text in sorted(sources.items()):
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        files.append(SourceFile(str(path), relpath, FileKind.PYTHON, len(text)))
    return files


@pytest.mark.parametrize(
    ("manage", "packages"),
    [
        pytest.param(
            'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")',
            {"site/app"},
            id="settings-beside-manage-py",
        ),
        pytest.param(
            "os.environ[str('DJANGO_SETTINGS_MODULE')] = str('settings')",
            {"site/app"},
            id="assigned",
        ),
        pytest.param(
            'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")',
            {"site", "site/app"},
            id="named-through-the-package",
        ),
        pytest.param(
            'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")',
            {"site", "site/app"},
            id="settings-not-beside-it",
        ),
        pytest.param("print('no settings')", {"site", "site/app"}, id="names-none"),
    ],
)
def test_a_package_manage_py_runs_from(tmp_path: Path, manage: str, packages: set[str]) -> None:
    files = _files(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/manage.py": f"import os\n{manage}\n",
            "site/settings.py": "",
            "site/app/__init__.py": "",
        },
    )
    assert importable_packages(files) == packages


@pytest.mark.parametrize(
    ("manage", "packages"),
    [
        pytest.param(
            'from utils import load_settings\nos.environ.setdefault("APP_SETTINGS", "core.settings")',
            {"site/core", "site/utils"},
            id="imports-a-module-beside-it",
        ),
        pytest.param(
            "import utils.loading\n", {"site/core", "site/utils"}, id="imports-a-submodule"
        ),
        pytest.param(
            "from site.utils import load_settings\n",
            {"site", "site/core", "site/utils"},
            id="imports-through-its-package",
        ),
        pytest.param(
            "from django.core.management import execute_from_command_line\n",
            {"site", "site/core", "site/utils"},
            id="imports-a-library",
        ),
        pytest.param(
            'from utils import load_settings\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")',
            {"site", "site/core", "site/utils"},
            id="settings-named-through-the-package-win",
        ),
    ],
)
def test_a_manage_py_naming_no_settings_runs_from_its_imports(
    tmp_path: Path, manage: str, packages: set[str]
) -> None:
    files = _files(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/manage.py": f"import os\n{manage}\n",
            "site/core/__init__.py": "",
            "site/utils/__init__.py": "",
        },
    )
    assert importable_packages(files) == packages


@pytest.mark.parametrize(
    ("sources", "packages"),
    [
        pytest.param(
            {"src/__init__.py": "", "src/backend/__init__.py": ""},
            {"src/backend/config"},
            id="package-above-its-folder",
        ),
        pytest.param(
            {"src/__init__.py": ""},
            {"src/backend/config"},
            id="namespace-folder-inside-a-package",
        ),
        pytest.param({}, {"src/backend/config"}, id="no-package-around-it"),
    ],
)
def test_no_folder_above_where_manage_py_runs_from_is_a_package(
    tmp_path: Path, sources: dict[str, str], packages: set[str]
) -> None:
    manage = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")\n'
    tree = {
        **sources,
        "src/backend/manage.py": manage,
        "src/backend/config/__init__.py": "",
        "src/backend/config/settings.py": "",
    }
    assert importable_packages(_files(tmp_path, tree)) == packages


@pytest.mark.parametrize(
    ("installed", "packages"),
    [
        pytest.param('["apps.catalog"]', {"config", "apps", "apps/catalog"}, id="named-through-it"),
        pytest.param('["catalog"]', {"config", "apps/catalog"}, id="folder-on-sys-path"),
    ],
)
def test_a_namespace_folder_of_apps_beside_manage_py(
    tmp_path: Path, installed: str, packages: set[str]
) -> None:
    files = _files(
        tmp_path,
        {
            "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")\n',
            "config/__init__.py": "",
            "config/settings.py": f"INSTALLED_APPS = {installed}\n",
            "apps/catalog/__init__.py": "",
            "apps/catalog/views.py": "",
        },
    )
    assert importable_packages(files) == packages
