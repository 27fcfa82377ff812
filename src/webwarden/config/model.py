"""The configuration of one run: `[tool.webwarden]` merged with command-line flags."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from webwarden.findings import Confidence, Severity

DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".git",
    ".hg",
    ".svn",
    ".bzr",
    "__pycache__",
    "node_modules",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    ".eggs",
    "*.egg-info",
    "build",
    "dist",
    "site-packages",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".webwarden_cache",
    "htmlcov",
)
"""Directory names skipped everywhere (any directory holding `pyvenv.cfg` is skipped too)."""

DEFAULT_TEST_PATHS: tuple[str, ...] = (
    "tests/",
    "test/",
    "testing/",
    "_tests/",
    "unittests/",
    "test_utils/",
    "testutils/",
    "*_tests/",
    "*-tests/",
    "*-test/",
    "e2e/",
    "molecule/",
    "testinfra/",
    "testdata/",
    "testfiles/",
    "test_files/",
    "test-env*/",
    "test_env*/",
    "dev/",
    "localdev/",
    "local_dev/",
    "local-dev/",
    "dev-env*/",
    "dev_env*/",
    "mock/",
    "mocks/",
    "*_mock/",
    "*-mock/",
    "*_mocks/",
    "*-mocks/",
    "test_*.py",
    "tests_*.py",
    "*_test.py",
    "*_tests.py",
    "tests.py",
    "conftest.py",
    "test_requirements/",
    "test-requirements*.txt",
    "test_requirements*.txt",
    "requirements[-_]test*.txt",
    "requirements[-_]for[-_]test*.txt",
    "requirements/test*.txt",
    "locustfile.py",
    "locustfiles/",
    "*compose.test.y*ml",
    "*compose.tests.y*ml",
    "*compose.testing.y*ml",
    "*compose-test.y*ml",
    "*compose.ci.y*ml",
    "*compose-ci.y*ml",
    "**/.ci/**/*compose*.y*ml",
    "**/ci/**/*compose*.y*ml",
    "**/*-ci/**/*compose*.y*ml",
    "**/*_ci/**/*compose*.y*ml",
)
"""gitignore-style patterns of test code, whose findings are lowered by default
(`molecule/`: Ansible Molecule's test scenarios of a role, with the variables and
inventories their throwaway machines are built from; `testinfra/`: Testinfra's tests of
such machines; `testdata/`: the inputs a test suite reads, Go's convention that
Python projects follow too, such as a throwaway TLS key; `test-environments/`,
`test_env/`: the services a developer starts to try the app against, such as a local
identity provider with its signing key; `dev/`: the environment a developer runs the
app in, its compose files, `.env` files, signing keys and the playbooks seeding its
users, also named so (`dev-env/`, `dev_env/`: the app's settings file for a developer's
containers, with a throwaway signing key; `localdev/`: the package that seeds a
developer's database with sample rows, which settings install outside production); `mocks/`, `github_mock/`: a stand-in for
another service that the tests call instead, such as a few routes of an OAuth provider
answering the test suite's logins; `tests_*.py`: a module of tests named as `tests.py` is, with a suffix,
such as Hedy's `tests_e2e.py`; `locustfile.py` (Locust's default name) and
`locustfiles/`: a load test, whose simulated users log in to a test or staging server;
`docker-compose.test.yml`: the containers a test suite runs
against; `test_utils/`, `testutils/`: a package's helpers for its tests, as Django's
`django.test.utils`, with the test project, settings and views they run against
(`cms/test_utils/project/urls.py`, `app/testutils/settings.py`); `test_requirements/`,
`test-requirements.txt`, `requirements-test.txt`, `requirements_for_test.txt` (as
GOV.UK's services name it), `requirements/tests.txt`: the packages
the test suite installs, which a deployment does not; `compose.ci.yaml` and
any compose file in a `.ci/` or `ci/` folder or one named for CI (`docker-ci/`): those
a CI job runs its checks against, which live as long as the job)."""

DEFAULT_DOCS_PATHS: tuple[str, ...] = (
    "docs/",
    "doc/",
    "documentation/",
    "api-ref/",
    "examples/",
    "example/",
    "*_example.py",
    "example_*.py",
)
"""gitignore-style patterns of documentation, whose findings are lowered by default
(`api-ref/`: the API reference, with sample requests and responses, of OpenStack's
services; `examples/`: sample deployments and scripts, such as Review Board's
`contrib/docker/examples/docker-compose.mysql.yaml`, whose passwords say `CHANGEME`;
`*_example.py`: a sample script named as one, such as knowledge-repo's
`scripts/email_client_example.py`, a Flask-Mail tutorial whose `SECRET_KEY` signs
nothing; a module of a package so named stays code, see `engine.triage`)."""

DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class AcceptedRisk:
    """An accepted finding: `[[tool.webwarden.ignore]]` with a reason and an optional expiry."""

    rule: str
    reason: str
    path: str | None = None
    expires: dt.date | None = None

    def expired(self, today: dt.date) -> bool:
        """Whether the acceptance has run out (it lasts through its expiry day)."""
        return self.expires is not None and today > self.expires


@dataclass(frozen=True, slots=True)
class Config:
    """Every setting of a run, already validated; see README.md for each key."""

    root: Path = field(default_factory=Path.cwd)
    config_file: Path | None = None
    select: tuple[str, ...] = ()
    """Codes, code prefixes or rule names to run; empty means every rule."""
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    accepted: tuple[AcceptedRisk, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    respect_gitignore: bool = True
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    fail_on: Severity = Severity.MEDIUM
    min_severity: Severity = Severity.LOW
    min_confidence: Confidence = Confidence.LOW
    format: str = "text"
    output: Path | None = None
    test_paths: tuple[str, ...] = DEFAULT_TEST_PATHS
    test_severity: Severity | None = Severity.LOW
    """The highest severity a finding in test code keeps; `None` keeps it unchanged."""
    docs_paths: tuple[str, ...] = DEFAULT_DOCS_PATHS
    docs_severity: Severity | None = Severity.LOW
    """The highest severity a finding in documentation (example code, sample configs)
    keeps; `None` keeps it unchanged."""
    other_tool_markers: bool = True
    """Honour Bandit's `# nosec` and ruff's `# noqa: S...` for equivalent rules, and the
    secret scanners' allowlist markers for the rules finding credentials."""
    report_unused_ignores: bool = False
    baseline: Path | None = None
    jobs: int = 0
    """Worker processes for the per-file step; 0 means one per CPU."""
    cache: bool = True
    cache_dir: Path | None = None
    """Where the per-file result cache lives (None: the user cache dir)."""
    today: dt.date = field(default_factory=dt.date.today)
    extra: dict[str, object] = field(default_factory=dict)
    """Tables owned by later subsystems (e.g. `logs`, `deps`, `taint`), validated by them."""
