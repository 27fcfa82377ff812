"""Write small projects and build their template model the way `scan` does."""

from __future__ import annotations

import textwrap
from pathlib import Path

from webwarden.config import load_config
from webwarden.engine import scan
from webwarden.model.templates import TemplateModel


def write(root: Path, files: dict[str, str]) -> Path:
    """Write dedented `files` under `root`."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def template_model(root: Path, files: dict[str, str]) -> TemplateModel:
    """The template model of a project made of `files` (every template rule selected)."""
    write(root, files)
    config = load_config([root], isolated=True, root=root, overrides={"select": ["WW55", "WW64"]})
    result = scan([root], config)
    assert result.project is not None
    assert result.project.templates is not None
    return result.project.templates
