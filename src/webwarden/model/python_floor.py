"""The oldest Python an application's package metadata lets it run on.

`requires-python = ">=3.14"` in `pyproject.toml`'s `[project]`, `python_requires =
>=3.14` in `setup.cfg`'s `[options]`, or `setup(python_requires=">=3.14, <3.15")` in
`setup.py`: pip refuses to install the package on an older interpreter, so the
standard library's defaults of that release apply (tarfile's `data` extraction filter
from 3.14).
"""

from __future__ import annotations

import ast
import configparser
import posixpath
import tomllib
from collections.abc import Iterator

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from webwarden.discover import SourceFile
from webwarden.model.declared_versions import read_declaration, specifiers_floor

_METADATA = ("pyproject.toml", "setup.cfg", "setup.py")
_MAX_SETUP_SIZE = 1 << 18
"""A larger `setup.py` is not worth parsing for one keyword."""


def lowest_python(files: list[SourceFile], folder: str) -> Version | None:
    """The lowest Python release the package metadata of `folder` (or of the nearest
    folder above it that has any) requires; None when none declares one. Of several
    declarations the highest floor holds: pip checks each that the build reads."""
    while True:
        declared = [
            floor
            for file in files
            if posixpath.split(file.relpath) in {(folder, name) for name in _METADATA}
            for floor in _floors(file)
        ]
        if declared:
            return min(declared)
        if not folder:
            return None
        folder = posixpath.dirname(folder)


def _floors(file: SourceFile) -> Iterator[Version]:
    name = posixpath.basename(file.relpath)
    text = read_declaration(file)
    if name == "pyproject.toml":
        specifier = _pyproject(text)
    elif name == "setup.cfg":
        specifier = _setup_cfg(text)
    else:
        specifier = _setup_py(text)
    floor = specifier_floor(specifier) if specifier else None
    if floor is not None:
        yield floor


def specifier_floor(text: str) -> Version | None:
    """The lowest release a version specifier allows as far as its lower bounds tell
    (`>=3.14, <3.15` -> 3.14, `==3.12.*` -> 3.12, `>3.11` -> 3.11, below what it allows);
    None when it sets no lower bound or cannot be read."""
    try:
        specifiers = SpecifierSet(text)
    except InvalidSpecifier:
        return None
    return specifiers_floor(specifiers)


def _pyproject(text: str) -> str:
    try:
        project = tomllib.loads(text).get("project", {})
    except tomllib.TOMLDecodeError:
        return ""
    declared = project.get("requires-python") if isinstance(project, dict) else None
    return declared if isinstance(declared, str) else ""


def _setup_cfg(text: str) -> str:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return ""
    return parser.get("options", "python_requires", fallback="").strip()


def _setup_py(text: str) -> str:
    """The literal `python_requires=` of a `setup(...)` call."""
    if "python_requires" not in text or len(text) > _MAX_SETUP_SIZE:
        return ""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return ""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            value = keyword.value
            if (
                keyword.arg == "python_requires"
                and isinstance(value, ast.Constant)
                and isinstance(value.value, str)
            ):
                return value.value
    return ""
