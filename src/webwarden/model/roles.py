"""What a module or a branch of the code is for, from the words of its name or its
conditions: production, development, test, or unspecified (judged as production).

`role_of` reads a settings or configuration module's name (`mysite.settings.dev`),
`role_of_branch` the conditions of a branch (`if DEBUG:`, `if "test" in sys.argv:`); the
Django and Flask models and the rules lowering findings in development code share them.
"""

from __future__ import annotations

import ast
import enum
import re

from webwarden.model.module import DEPLOYMENT_WORDS, role_words
from webwarden.model.switches import CI_SERVICES, names_ci

BUILD_COMMANDS = frozenset({"collectstatic", "compilemessages", "compress", "compilescss"})
"""Management commands that write files and serve nothing: django.contrib.staticfiles',
Django's translations, django-compressor's offline compression, django-sass-processor's."""
_DEVELOPMENT = frozenset(
    {"dev", "devel", "develop", "development", "local", "debug"}
    | {"devcontainer", "devstack", "developer", "nonprod", "nonproduction"}
    | {"runserver", "devserver"}
)
"""Also `nonprod`: what every machine but the production server runs, also written as a
production word after a negation (`not_production_settings.py`, `NON_PROD`: see
`_role_words`); `devcontainer`: the Dev Containers folder (`.devcontainer/`), whose compose file
starts the containers an editor develops in; `devstack`: the containers a developer
runs the whole set of services in on their machine (OpenStack's and Open edX's name for
it, `settings/devstack.py`); and `developer`: the settings a developer's machine runs
(`settings/developer.py`, which the project's `.env.example` selects); and `runserver`
or `devserver`: Django's development server command (and django-devserver's), a branch
taken when it is the one run (`if "runserver" in sys.argv:`) being a developer's."""
_TEST = frozenset(
    {"test", "tests", "testing", "ci", "pytest", "unittest", "unittests", "smoketest", "smoke"}
    | {"build", "e2e", "testserver", "cypress", "playwright", "selenium", "loadtest"}
    | {"bdd", "behave"}
    | BUILD_COMMANDS
    | CI_SERVICES
)
"""Also `e2e`: the settings an end-to-end test run starts the server with (also named
for the browser tool driving it: `cypress_settings.py`, `settings/playwright.py`), and
`testserver`: those of Django's `testserver` command, which serves a test database loaded
with fixtures (`settings_testserver.py`), and `loadtest`: those a load test (Locust's)
runs the server with, on a database of its own (`settings_loadtest.py`), and `bdd` or
`behave`: those behaviour-driven test runs start the server with (`settings/bdd.py`
adding behave-django and pointing at a test API). Also `build`:
settings for building the package or its assets (`_build_settings.py`), which no server
runs (as is a module the project's scripts load only to build files, whatever its name:
see `build_commands`, and one named for such a command: `collectstatic_settings.py`,
the settings an image build collects the static files with); a smoke test's (`smoketest_configuration.py`, which CI starts the server with once
to see it come up); and those named for the service that runs the tests
(`settings/travis.py`, `settings_circleci.py`, `if TRAVIS:`)."""
_DOCUMENTATION = frozenset({"docs", "documentation", "sphinx"})
"""Words of the settings Sphinx loads to build the documentation (`settings/docs.py`,
django-configurations' `class Docs(Base)` that `docs/conf.py` selects): autodoc imports
the project with them, and no server runs them, as no server runs a `build`'s. A
module's or configuration's own name only: a flag so named (`if ENABLE_API_DOCS:`)
switches a feature of the site on."""
_STATIC_CHECKS = frozenset({"lint", "linter", "linting", "typecheck", "mypy", "pylint", "pyright"})
"""Words of what a linter or a type checker loads (`settings/mypy.py`, which
django-stubs' mypy plugin imports; `run_pylint.sh`, exporting what pylint-django needs to
load the settings): the checker reads the code and no server runs with them, as no
server runs a `build`'s. A module's, script's or configuration's own name only."""
_CI_FOLDERS = frozenset({".github", ".gitlab", ".circleci", ".buildkite"})
"""Folders a CI service reads its jobs from (GitHub Actions' `.github/workflows/`): a
settings module there is the one a job runs the test suite with (`mysql_settings.py`
beside the workflow that starts a MySQL service), whatever its own name."""
_PRODUCTION = DEPLOYMENT_WORDS
_PROJECT_SUFFIXES = ("project", "site")
_EXAMPLE = frozenset({"example", "examples", "demo"})
"""Words of a project package a reusable app ships to be tried with (`example_project`,
the `demo/` project beside a blog app's package that its buildout runs with
`runserver`): a developer runs it on their machine. Only a package's: a settings module
named so (`settings_example.py`) is the template a deployment copies, and one named for
a demo beside the project's own (`settings_demo.py`) is what a public demo server runs."""


class Role(enum.StrEnum):
    """What a settings module is for, from its name."""

    PRODUCTION = "production"
    DEVELOPMENT = "development"
    TEST = "test"
    UNSPECIFIED = "unspecified"
    """The only settings module, or one whose name says nothing: judged as production."""

    @property
    def is_development(self) -> bool:
        """Development and test modules: findings there are lowered."""
        return self in {Role.DEVELOPMENT, Role.TEST}


def role_of(
    module: str, is_test: bool = False, relpath: str = "", *, documentation: bool = True
) -> Role:
    """`mysite.settings.dev` -> development, `settings_test` -> test (as is `settings.docs`,
    which builds the documentation, unless `documentation` is off: for names of what runs
    containers, a compose project's, which no Sphinx build loads), as is one named for a
    linter or type checker (`settings.mypy`), `prod` -> production;
    when the module's own name says nothing, its package's (`devproject.settings`, and
    the `example_project.settings` of an app's example project, or its `demo.settings`), or
    for a module of no package, the folder holding it (`development/app_config.py`, run
    with that folder on the path); test for any module in a CI service's folder
    (`.github/workflows/mysql_settings.py`)."""
    parts = module.split(".")
    folders = relpath.split("/")[:-1]
    if _CI_FOLDERS.intersection(folders):
        return Role.TEST
    stem = relpath.rpartition("/")[2].removesuffix(".py")
    if "." in stem:
        # NOTE: `localsettings.template.py`, `settings.example.py`: no module of that name
        # can be imported; it is a file to copy, named by its folder.
        parts = [*folders, stem.replace(".", "_")]
    own = _role_words(parts[-1])
    role = _role_of_words(own, is_test)
    if role is Role.UNSPECIFIED and documentation and own & _DOCUMENTATION:
        role = Role.TEST
    if role is Role.UNSPECIFIED and own & _STATIC_CHECKS:
        role = Role.TEST
    package = parts[-2] if len(parts) > 1 else (folders[-1] if folders else "")
    if role is Role.UNSPECIFIED and package:
        # NOTE: not a `tests/` package's: test code is told by its path, and its settings
        # modules are judged only when nothing imports them. A project package named for
        # tests (`test_project`, `testsite`), which no test path names, is a test one.
        words = _package_words(package)
        if not _named_project(package):
            words -= _TEST
        role = _role_of_words(words, is_test=False)
        if role is Role.UNSPECIFIED and words & _EXAMPLE:
            role = Role.DEVELOPMENT
    return role


def _named_project(package: str) -> bool:
    """Whether a package's name ends in `project` or `site` (`test_project`,
    `testsite`): a Django project a reusable app ships to run its tests or try it with,
    whatever words come before, unlike a folder of tests (`tests`)."""
    return package.lower().endswith(_PROJECT_SUFFIXES)


def role_of_branch(branch: str) -> Role:
    """What a branch of the settings is for, from its conditions (each in backticks, all
    holding when it is taken): test when one is a test flag (`TESTING`, `"test" in
    sys.argv`, `any("pytest" in arg for arg in sys.argv)`, `ENV == "ci"`, or each of
    alternatives joined by `or`), development when one is a development flag (`DEBUG`,
    `ENVIRONMENT == "local"`); a value given only then is the one a test run or a
    developer's machine gets (a deployment with `DEBUG` on is reported for that). Also
    when one is the import of a development or test settings module succeeding (`from
    .dev import *` before `except ImportError: from .prod import *`): what the branch
    adds is that module's. Not a `local` module's: the overlay a host keeps beside the
    settings is often the production server's own."""
    roles = {_role_of_condition(text) for text in _CONDITION.findall(branch)}
    roles |= {_role_of_import(text) for text in _SUCCEEDS.findall(branch)}
    return next((r for r in (Role.TEST, Role.DEVELOPMENT) if r in roles), Role.UNSPECIFIED)


_CONDITION = re.compile(r"`([^`]+)`")
_SUCCEEDS = re.compile(r"`([^`]+)` succeeds")


def exclusive(first: str, second: str) -> bool:
    """Whether two branch labels cannot both hold: one has a condition the other denies
    (`` `not DEBUG` `` and `` `DEBUG` ``, the two arms of one `if`)."""
    ours, theirs = set(_CONDITION.findall(first)), set(_CONDITION.findall(second))
    return any(_denies(a, b) or _denies(b, a) for a in ours for b in theirs)


def _denies(condition: str, other: str) -> bool:
    return other in {f"not {condition}", f"not ({condition})"}


def _role_of_import(text: str) -> Role:
    """The role of the module an import statement reads, by its own name."""
    try:
        statement = ast.parse(text).body
    except SyntaxError:
        return Role.UNSPECIFIED
    if len(statement) != 1 or not isinstance(statement[0], ast.ImportFrom | ast.Import):
        return Role.UNSPECIFIED
    node = statement[0]
    module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
    words = _role_words((module or "").rsplit(".", 1)[-1])
    role = _role_of_words(words - {"local"}, is_test=False)
    return role if role.is_development else Role.UNSPECIFIED


def _role_of_condition(text: str) -> Role:
    try:
        test = ast.parse(text, mode="eval").body
    except SyntaxError:
        return Role.UNSPECIFIED
    return _role_of_test(test)


def _role_of_test(test: ast.expr) -> Role:
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        roles = {_role_of_test(value) for value in test.values}
        return next((r for r in (Role.TEST, Role.DEVELOPMENT) if r in roles), Role.UNSPECIFIED)
    if isinstance(test, ast.BoolOp):
        # NOTE: taken when any alternative holds: a test run's only when each is a test's.
        return _all_of({_role_of_test(value) for value in test.values})
    scanned = _scanned_test(test)
    if scanned is not None:
        return _role_of_test(scanned)
    flag_test = _flag_read_test(test)
    if flag_test is not None:
        return flag_test
    if _plain_http_test(test):
        return Role.DEVELOPMENT
    match test:
        case ast.UnaryOp(
            op=ast.Not(),
            operand=ast.Compare(left=left, ops=[ast.NotEq() | ast.NotIn() as op], comparators=rest),
        ):
            # NOTE: the other arm of `if ENVIRONMENT != "local":`, as the engine labels it.
            denied = ast.Eq() if isinstance(op, ast.NotEq) else ast.In()
            return _role_of_test(ast.Compare(left=left, ops=[denied], comparators=rest))
    if (
        isinstance(test, ast.UnaryOp)
        and isinstance(test.op, ast.Not)
        and isinstance(test.operand, ast.Name | ast.Attribute)
    ):
        operand = test.operand
        name = operand.id if isinstance(operand, ast.Name) else operand.attr
        # NOTE: `not IN_PRODUCTION`: a machine that is not the production server
        return Role.DEVELOPMENT if production_flag(name) else Role.UNSPECIFIED
    if isinstance(test, ast.Name | ast.Attribute):
        # NOTE: a flag's own name (`TESTING`, `settings.DEBUG`), not a production word.
        return _flag_role(test.id if isinstance(test, ast.Name) else test.attr)
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, right = test.left, test.comparators[0]
        if isinstance(test.ops[0], ast.In) and isinstance(left, ast.Constant):
            return _flag_role(str(left.value))  # `"test" in sys.argv`
        if isinstance(test.ops[0], ast.Eq | ast.In):
            values = right.elts if isinstance(right, ast.Tuple | ast.List | ast.Set) else [right]
            if values and all(isinstance(v, ast.Constant) for v in values):
                return _all_of({_flag_role(str(getattr(v, "value", ""))) for v in values})
    return Role.UNSPECIFIED


_ON_WORDS = frozenset({"1", "true", "yes", "on", "t", "y"})
_OFF_WORDS = frozenset({"0", "false", "no", "off", "f", "n", ""})
_CASE_FOLDS = frozenset({"lower", "upper", "casefold", "strip"})
_ENVIRONMENT_READS = ("getenv", "environ.get", "env", "env.bool", "env.str", "config")


def _flag_read_test(test: ast.expr) -> Role | None:
    """The role of a test comparing an environment variable named for a flag with an on
    or off word (`os.environ.get("DEBUG", "true").lower() == "false"`, or the `not` of
    one, as the engine labels the other arm): the arm where a development flag is on, or
    a production flag off, is a developer's machine. None for any other test."""
    negated = False
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        negated, test = True, test.operand
    read = _environment_variable(test)
    if read is not None:
        # NOTE: `if env.bool("DJANGO_DEBUG", True):`, `if os.getenv("DEBUG"):`: on when set.
        return _flag_arm_role(read, on=not negated)
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    variable = _environment_variable(test.left)
    op, right = test.ops[0], test.comparators[0]
    values = right.elts if isinstance(right, ast.Tuple | ast.List | ast.Set) else [right]
    if variable is None or not all(isinstance(v, ast.Constant) for v in values):
        return None
    words = {str(getattr(v, "value", "")).strip().lower() for v in values}
    if words <= _ON_WORDS:
        on = True
    elif words <= _OFF_WORDS:
        on = False
    else:
        return None
    return _flag_arm_role(variable, on=on != (isinstance(op, ast.NotEq | ast.NotIn) != negated))


def _plain_http_test(test: ast.expr) -> bool:
    """Whether a test holds only for an address served over plain HTTP: the arm of `if
    SITE_URL.startswith("https://"):` that is not taken (`not SITE_URL.startswith("https")`),
    `BASE_URL.startswith("http://")`, `urlparse(URL).scheme == "http"` (or `!= "https"`).
    A site whose own address is plain HTTP is a developer's machine (the address read
    from the environment with `http://localhost:8000` as its default): no deployment
    serving users over HTTPS takes that arm, and the HTTPS-only settings the other arm
    sets (`SESSION_COOKIE_SECURE`, HSTS) would break a plain-HTTP site."""
    negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    match test:
        case ast.Call(
            func=ast.Attribute(attr="startswith"), args=[ast.Constant(value=str(prefix))]
        ):
            prefix = prefix.lower()
            return (prefix.startswith("https") and negated) or (
                prefix.startswith("http:") and not negated
            )
        case ast.Compare(
            left=ast.Attribute(attr="scheme"),
            ops=[ast.Eq() | ast.NotEq() as op],
            comparators=[ast.Constant(value=str(scheme))],
        ):
            equal = isinstance(op, ast.Eq) != negated
            return (scheme.lower() == "http" and equal) or (scheme.lower() == "https" and not equal)
    return False


def _flag_arm_role(variable: str, on: bool) -> Role:
    """The role of the arm where the flag `variable` is `on` (or off): a developer's
    machine where a development flag is on, or a production flag off."""
    if production_flag(variable):
        return Role.UNSPECIFIED if on else Role.DEVELOPMENT
    return _flag_role(variable) if on else Role.UNSPECIFIED


def _environment_variable(read: ast.expr) -> str | None:
    """The variable an environment read names (`os.environ.get("DEBUG", "true")`,
    `os.getenv("DEBUG")`, `os.environ["DEBUG"]`, `env("DEBUG")`), also with its text's
    case folded (`.lower()`); None for anything else."""
    while (
        isinstance(read, ast.Call)
        and isinstance(read.func, ast.Attribute)
        and read.func.attr in _CASE_FOLDS
        and not read.args
    ):
        read = read.func.value
    if isinstance(read, ast.Subscript) and ast.unparse(read.value).endswith("environ"):
        key = read.slice
    elif isinstance(read, ast.Call) and read.args:
        if not ast.unparse(read.func).endswith(_ENVIRONMENT_READS):
            return None
        key = read.args[0]
    else:
        return None
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    return None


def _scanned_test(test: ast.expr) -> ast.expr | None:
    """The test `any()` makes of each item (`any("pytest" in arg for arg in sys.argv)`):
    the branch is taken when it holds of one."""
    if not (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and test.func.id == "any"
        and len(test.args) == 1
        and not test.keywords
    ):
        return None
    scan = test.args[0]
    if isinstance(scan, ast.GeneratorExp | ast.ListComp) and len(scan.generators) == 1:
        return scan.elt
    return None


_PRODUCTION_FLAG = frozenset({"prod", "production"})
_HOSTING_PLATFORMS = frozenset({"heroku", "dokku", "pythonanywhere"})
"""Hosting platforms a flag may name for the servers the site is deployed on (`ON_HEROKU`,
`IS_DOKKU`): the platform's config vars turn it on there, and a checkout run anywhere
else (a developer's machine, a test run) leaves it off. Only names no other meaning
shares: not `render` or `fly`, which also name what a site does."""


def production_flag(name: str) -> bool:
    """A flag named for the production server (`IN_PRODUCTION`, `IS_PROD`,
    `settings.PRODUCTION`) or for the hosting platform it runs on (`ON_HEROKU`), not for
    staging or a release: where it is off, the code runs on a developer's machine or a
    test run. Not one naming a development or test word too (`PROD_LIKE_TESTS`,
    `HEROKU_CI`)."""
    words = _role_words(name)
    deployed = words & (_PRODUCTION_FLAG | _HOSTING_PLATFORMS)
    return bool(deployed) and not (words & (_DEVELOPMENT | _TEST))


def _all_of(roles: set[Role]) -> Role:
    """`ENV in ("dev", "test")`: development when every value is a development or test
    one."""
    if not roles or Role.UNSPECIFIED in roles:
        return Role.UNSPECIFIED
    return Role.TEST if roles == {Role.TEST} else Role.DEVELOPMENT


def _flag_role(name: str) -> Role:
    role = _role_of_words(_role_words(name), is_test=False)
    return role if role.is_development else Role.UNSPECIFIED


def _role_words(name: str) -> set[str]:
    """The `role_words` of a name, as a set."""
    return set(role_words(name))


def _role_of_words(words: set[str], is_test: bool) -> Role:
    if is_test or words & _TEST or names_ci(words):
        return Role.TEST
    development = words & _DEVELOPMENT
    if development and not (development == _SWITCHED_ON and words & _PRODUCTION):
        return Role.DEVELOPMENT
    if words & _PRODUCTION:
        return Role.PRODUCTION
    return Role.UNSPECIFIED


_SWITCHED_ON = frozenset({"debug"})
"""A development word that names a switch, not a machine: beside a deployment's word
(`settings/production_debug.py`, `prod-debug`) it is the deployment with debugging
turned on, a server others reach (a staging copy of production), not a developer's
machine; alone (`settings/debug.py`) or beside a machine's word (`local_debug`) it stays
a developer's."""


def _package_words(name: str) -> set[str]:
    """A project package's words, each also without a trailing `project` or `site`
    (`devproject`, `testsite`)."""
    words = _role_words(name)
    return words | {
        word[: -len(suffix)]
        for word in words
        for suffix in _PROJECT_SUFFIXES
        if word.endswith(suffix) and len(word) > len(suffix)
    }
