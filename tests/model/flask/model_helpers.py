"""Build the project model of a folder the way `scan` does, for model tests."""

from __future__ import annotations

from pathlib import Path

from webwarden.config import load_config
from webwarden.discover import discover
from webwarden.engine.files import FilePlan, analyse_file
from webwarden.engine.project import build_project
from webwarden.model.flask import FlaskModel
from webwarden.model.import_roots import importable_packages
from webwarden.model.project import ProjectModel

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "flask_apps"


def project_model(root: Path) -> ProjectModel:
    """The project model of `root` (no rules run)."""
    config = load_config([root], isolated=True, root=root)
    discovery = discover([root], config)
    package_dirs = importable_packages(discovery.files)
    plan = FilePlan((), config.max_file_size, package_dirs, config.test_paths)
    results = [analyse_file(file, plan) for file in discovery.files]
    return build_project(root, discovery, results, config.max_file_size)


def flask_model(root: Path) -> FlaskModel:
    """The Flask model of `root`; fails the test when there is none."""
    model = project_model(root).flask
    assert model is not None, f"no Flask app found in {root}"
    return model
