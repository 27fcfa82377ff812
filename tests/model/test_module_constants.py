"""The project's modules read by name when a setting or a command names their constants."""

from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.model.module_constants import ModuleConstants
from webwarden.model.project import ModuleSummary


def _summary(relpath: str, module: str, *, is_test: bool = False) -> ModuleSummary:
    return ModuleSummary(relpath, module, is_test, frozenset(), {})


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"shop.py": "shop", "shop/__init__.py": "shop"},
            "shop/__init__.py",
            id="package-before-script-beside-it",
        ),
        pytest.param(
            {"tests/shop/__init__.py": "shop", "src/shop.py": "shop"},
            "src/shop.py",
            id="code-before-tests",
        ),
        pytest.param({"shop.py": "shop"}, "shop.py", id="module-alone"),
    ],
)
def test_the_module_import_finds(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    for relpath in files:
        path = tmp_path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"VERSION = {relpath!r}\n")
    modules = {
        relpath: _summary(relpath, module, is_test=relpath.startswith("tests/"))
        for relpath, module in files.items()
    }
    ctx = ModuleConstants(tmp_path, modules).context("shop")
    assert ctx is not None
    assert ctx.relpath == expected
