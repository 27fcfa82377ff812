"""Dependencies only a developer installs: those a development requirements file or a
development group declares (`requirements-dev.txt`, `requirements/local.txt`,
`[dependency-groups] lint`, Poetry's `dev` group, Pipfile's `[dev-packages]`, a lock's
`develop` category), which a deployment of the app does not install."""

from __future__ import annotations

import posixpath
import re

from webwarden.deps.model import Dependency

_DEVELOPMENT_WORDS = frozenset(
    {"dev", "devel", "develop", "development", "developer", "local", "test", "tests",
     "testing", "unit", "integration", "e2e", "functional", "lint", "linting", "linter",
     "linters", "style", "format", "formatting", "typing", "types", "typecheck", "mypy",
     "functest", "functests", "unittest", "unittests", "stubs", "docs", "doc", "documentation", "readthedocs", "rtd", "sphinx", "ci", "qa",
     "coverage", "cov", "tox", "nox", "pre", "commit", "precommit", "bench", "benchmark",
     "benchmarks", "debug", "tools", "tooling"}
)  # fmt: skip
"""Words of a group or file name for what a developer runs: tests, linters, type checks,
the documentation build, a local environment (cookiecutter-django's
`requirements/local.txt`; `functest`, `unittest`: functional and unit tests, as Pulp
names its `functest_requirements.txt`)."""
_FILLER = frozenset(
    {"requirements", "requirement", "reqs", "req", "constraints", "constraint", "packages",
     "dependencies", "deps", "extras", "extra", "pip", "only", "group", "txt", "in"}
)  # fmt: skip
"""Words of such a name that say nothing of what the packages are for."""
_SEPARATORS = re.compile(r"[-_.\s]+")
_REQUIREMENTS_FOLDERS = frozenset({"requirements", "reqs", "requirements.d", "deps"})
"""Folders whose files are requirement lists named for their use (`requirements/dev.txt`)."""
_CI_FOLDERS = frozenset({".ci", ".github", ".circleci", ".gitlab"})
"""Folders only CI jobs read: a requirements file kept there (`.ci/assets/
release_requirements.txt`) is what a job installs to test or release the code, not what
a deployment runs."""


_DEVELOPER_TOOLS = frozenset(
    {"black", "isort", "flake8", "pycodestyle", "pep8", "pyflakes", "pylint", "autopep8",
     "yapf", "ruff", "mypy", "pre-commit", "tox", "nox", "coverage", "pytest", "pytest-cov",
     "bandit", "pydocstyle", "autoflake", "pyupgrade", "codespell"}
)  # fmt: skip
"""Formatters, linters, type checkers, test runners and hook managers: tools a developer
runs on the code, which the running app never imports, wherever a project lists them
(some list `black` and `pre-commit` among their main Poetry dependencies)."""


def development_only(dependency: Dependency) -> bool:
    """Whether the dependency is declared for development only: in a group named so (all
    of a lock's groups, when a package is in several), or in a requirements file named
    so, by its own name or, for a generic name (`requirements.txt`), its folder's, or
    kept in a folder only CI jobs read (`.ci/`, `.github/`); or is a tool only developers run (`_DEVELOPER_TOOLS`), wherever it is declared."""
    if dependency.key in _DEVELOPER_TOOLS:
        return True
    if dependency.group:
        return all(_development_name(group) for group in dependency.group.split(","))
    if dependency.source != "requirements":
        return False
    path = dependency.declared.path
    if _CI_FOLDERS.intersection(posixpath.dirname(path).split("/")):
        return True
    words = _words(posixpath.basename(path))
    if not words:
        folder = posixpath.basename(posixpath.dirname(path))
        words = [] if folder in _REQUIREMENTS_FOLDERS else _words(folder)
    return bool(words) and all(w in _DEVELOPMENT_WORDS for w in words)


def _development_name(name: str) -> bool:
    words = _words(name)
    return bool(words) and all(w in _DEVELOPMENT_WORDS for w in words)


def _words(name: str) -> list[str]:
    return [w for w in _SEPARATORS.split(name.lower()) if w and w not in _FILLER]
