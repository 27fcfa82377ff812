"""The constants of project modules read through star imports of the project's own modules."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from webwarden.model.module_constants import ModuleConstants
from webwarden.model.project import ModuleSummary


def constants(root: Path, files: dict[str, str]) -> ModuleConstants:
    summaries = {}
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        module = relpath.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        summaries[relpath] = ModuleSummary(relpath, module, False, frozenset(), {})
    return ModuleConstants(root, summaries)


def test_a_closed_module_gives_its_uppercase_names(tmp_path: Path) -> None:
    read = constants(tmp_path, {"mysite/__init__.py": "", "mysite/config.py": "DEBUG = False\n"})
    assert read("mysite.config") == {"DEBUG": False}


@pytest.mark.parametrize(
    "star",
    [
        pytest.param("from mysite.base import *", id="absolute"),
        pytest.param("from .base import *", id="relative"),
    ],
)
def test_star_imports_of_project_modules_are_followed(tmp_path: Path, star: str) -> None:
    read = constants(
        tmp_path,
        {
            "mysite/__init__.py": "",
            "mysite/errors.py": "class SiteError(Exception):\n    pass\n",
            "mysite/base.py": "from mysite.errors import *\nTIMEOUT = 5\nDEBUG = True\n",
            "mysite/config.py": f"{star}\nDEBUG = False\n",
        },
    )
    # NOTE: the module's own statements override what its star imports bind.
    assert read("mysite.config") == {"TIMEOUT": 5, "DEBUG": False}


@pytest.mark.parametrize(
    "files",
    [
        pytest.param(
            {"mysite/config.py": "from site_local import *\nDEBUG = False\n"}, id="absent"
        ),
        pytest.param(
            {
                "mysite/config.py": "from mysite.other import *\nDEBUG = False\n",
                "mysite/other.py": "from mysite.config import *\n",
            },
            id="cycle",
        ),
        pytest.param(
            {
                "mysite/config.py": "from mysite.base import *\n",
                "mysite/base.py": "globals().update(x)\n",
            },
            id="namespace-update",
        ),
    ],
)
def test_a_star_import_binding_unseen_names_leaves_the_module_open(
    tmp_path: Path, files: dict[str, str]
) -> None:
    read = constants(tmp_path, {"mysite/__init__.py": "", **files})
    assert read("mysite.config") is None
