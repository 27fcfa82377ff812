"""A module's own environment helpers, followed for the value they give when unset."""

from __future__ import annotations

import ast
import textwrap

import pytest

from tests.analysis.test_environment import last_setting_value
from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.env_imported import follow_imported, imported_call
from webwarden.analysis.environment import NO_DEFAULT, DeployTime, evaluate_setting
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver

ENVBOOL = textwrap.dedent("""
    import os
    from django.core.exceptions import ImproperlyConfigured

    def envbool(s, default):
        v = os.getenv(s, default=default)
        if v not in ("", "True", "False"):
            raise ImproperlyConfigured(f"Unexpected value {s}={v}")
        return v == "True"
""")
ENVINT = textwrap.dedent("""
    import os

    def envint(s, default):
        v = os.getenv(s, default)
        if v == "None":
            return None

        return int(v)
""")
ENVSECRET = textwrap.dedent("""
    import os
    from pathlib import Path
    from typing import overload

    @overload
    def envsecret(s: str) -> str | None: ...
    @overload
    def envsecret(s: str, default: str) -> str: ...
    def envsecret(s: str, default: str | None = None) -> str | None:
        \"\"\"Read the secret from a file when `<s>_FILE` names one.\"\"\"
        if secret_path := os.getenv(s + "_FILE"):
            p = Path(secret_path)
            if not p.is_file():
                raise ValueError(secret_path)
            return p.read_text().strip()
        return os.getenv(s, default)
""")


def _value(helpers: str, assignment: str) -> object:
    return last_setting_value(textwrap.dedent(helpers) + "\n" + assignment)


CONFIG_GET = textwrap.dedent("""
    import os
    import yaml

    def load_config(path):
        with open(path) as stream:
            return yaml.safe_load(stream.read())

    CONFIG = load_config(os.path.expanduser("~/.app/settings.yaml"))

    def config_get(key, *args):
        if "APP_" + key in os.environ:
            return os.environ.get("APP_" + key)
        if key in CONFIG:
            return CONFIG.get(key)
        if len(args) > 0:
            return args[0]
        raise Exception("setting missing", key)
""")


@pytest.mark.parametrize(
    ("assignment", "if_unset"),
    [
        pytest.param('ALLOWED_HOSTS = config_get("ALLOWED_HOSTS", ["*"])', ["*"], id="list"),
        pytest.param(
            'CORS = str(config_get("CORS", True)).lower() == "true"', True, id="converted"
        ),
        pytest.param('SECRET_KEY = config_get("SECRET_KEY")', NO_DEFAULT, id="required"),
    ],
)
def test_getter_of_environment_and_config_file(assignment: str, if_unset: object) -> None:
    """A settings getter reading the environment, then a mapping the module loads from a
    configuration file, then its `*args` default: unset in both, the default ships."""
    value = _value(CONFIG_GET, assignment)
    assert isinstance(value, DeployTime)
    assert value.if_unset == if_unset or value.if_unset is if_unset


def test_getter_of_a_mapping_not_loaded_from_a_file() -> None:
    helpers = CONFIG_GET.replace("yaml.safe_load(stream.read())", "compute(stream.read())")
    assert _value(helpers, 'ALLOWED_HOSTS = config_get("ALLOWED_HOSTS", ["*"])') is UNKNOWN


CONFIG_ONLY = textwrap.dedent("""
    import yaml

    CONFIG = yaml.safe_load(open("settings.yaml"))

    def setting(key, *args):
        if key in CONFIG:
            return CONFIG[key]
        return args[0]
""")


def test_getter_of_config_file_alone() -> None:
    """`key in CONFIG` is a read of the configuration file's key, false when the file
    leaves it out: the getter's default ships, and the key is named."""
    value = _value(CONFIG_ONLY, 'ALLOWED_HOSTS = setting("ALLOWED_HOSTS", ["*"])')
    assert isinstance(value, DeployTime)
    assert value.if_unset == ["*"]
    assert value.shown_names == ("the configuration file's `ALLOWED_HOSTS`",)
    assert value.environment_variables == ()


def test_mapping_loaded_by_a_function_of_the_module() -> None:
    value = _value(CONFIG_GET, 'ALLOWED_HOSTS = CONFIG.get("ALLOWED_HOSTS", ["*"])')
    assert isinstance(value, DeployTime)
    assert value.if_unset == ["*"]
    assert value.shown_names == ("the configuration file's `ALLOWED_HOSTS`",)


@pytest.mark.parametrize(
    ("helpers", "assignment", "variables", "if_unset"),
    [
        pytest.param(ENVBOOL, 'DEBUG = envbool("DEBUG", "True")', ("DEBUG",), True, id="envbool"),
        pytest.param(
            ENVBOOL, 'DEBUG = envbool("DEBUG", default="False")', ("DEBUG",), False, id="keyword"
        ),
        pytest.param(
            ENVBOOL, 'DEBUG = not envbool("PROD", "False")', ("PROD",), True, id="in-expression"
        ),
        pytest.param(ENVINT, 'AGE = envint("AGE", "60")', ("AGE",), 60, id="envint"),
        pytest.param(ENVINT, 'AGE = envint("AGE", "None")', ("AGE",), None, id="envint-none"),
        pytest.param(
            ENVSECRET,
            'SECRET_KEY = envsecret("SECRET_KEY", "---")',
            ("SECRET_KEY_FILE", "SECRET_KEY"),
            "---",
            id="envsecret-walrus-overloads",
        ),
        pytest.param(
            ENVSECRET,
            'TOKEN = envsecret("TOKEN")',
            ("TOKEN_FILE", "TOKEN"),
            None,
            id="parameter-default",
        ),
        pytest.param(
            """
            import os
            PREFIX = "APP_"
            def env_flag(name, default=False):
                value = os.environ.get(PREFIX + name)
                if value is None:
                    return default
                return value.lower() in ("1", "true", "yes")
            """,
            "DEBUG = env_flag('DEBUG', default=True)",
            ("APP_DEBUG",),
            True,
            id="module-constant-and-early-return",
        ),
        pytest.param(
            """
            import environ
            env = environ.Env()
            def get_bool(name, default):
                return env.bool(name, default=default)
            """,
            "DEBUG = get_bool('DEBUG', True)",
            ("DEBUG",),
            True,
            id="django-environ-inside",
        ),
        pytest.param(
            """
            import os
            def required(name):
                value = os.getenv(name)
                if not value:
                    raise RuntimeError(name)
                return value
            """,
            "SECRET_KEY = required('SECRET_KEY')",
            ("SECRET_KEY",),
            NO_DEFAULT,
            id="raises-when-unset",
        ),
        pytest.param(
            ENVBOOL, 'DEBUG = envbool("DEBUG", "yes")', ("DEBUG",), NO_DEFAULT, id="bad-default"
        ),
        pytest.param(
            """
            import os
            def envflag(name, default):
                v = os.getenv(name, default)
                if v == "auto":
                    return ON_A_TERMINAL
                return v == "True"
            """,
            'DEBUG = envflag("DEBUG", "auto")',
            ("DEBUG",),
            UNKNOWN,
            id="path-returns-unknown",
        ),
        pytest.param(
            """
            import os
            def envbool(s, default):
                return os.getenv(s) == "True"
            """,
            'DEBUG = envbool("DEBUG", "True")',
            ("DEBUG",),
            False,
            id="ignores-its-default",
        ),
        pytest.param(
            """
            import os
            def env_flag(name, default=False):
                def to_bool(text):
                    return text.lower() in ("1", "true")
                value = os.environ.get(name)
                if value is None:
                    return default
                return to_bool(value)
            """,
            "THROTTLING = env_flag('THROTTLING', default=False)",
            ("THROTTLING",),
            False,
            id="own-converter-defined-first",
        ),
    ],
)
def test_helper_values(
    helpers: str, assignment: str, variables: tuple[str, ...], if_unset: object
) -> None:
    value = _value(helpers, assignment)
    assert isinstance(value, DeployTime)
    assert value.variables == variables
    assert value.if_unset == if_unset or value.if_unset is if_unset


@pytest.mark.parametrize(
    ("helpers", "assignment"),
    [
        pytest.param(
            """
            import os
            from pathlib import Path
            def envbool(name, default):
                value = os.getenv(name, default)
                if Path("/run/secrets/" + name).exists():
                    value = Path("/run/secrets/" + name).read_text()
                return value == "True"
            """,
            'DEBUG = envbool("DEBUG", "True")',
            id="test-unknown-neither-branch-raises",
        ),
        pytest.param(
            """
            import os
            def envbool(name, default):
                for prefix in ("DJANGO_", ""):
                    if prefix + name in os.environ:
                        return os.environ[prefix + name] == "True"
                return default == "True"
            """,
            'DEBUG = envbool("DEBUG", "True")',
            id="loop",
        ),
        pytest.param(ENVINT, "AGE = envint('AGE', DEFAULT_AGE)", id="default-unknown-path"),
        pytest.param(
            "from deploytools import envbool", 'DEBUG = envbool("DEBUG", "True")', id="imported"
        ),
        pytest.param(
            ENVBOOL + "\nenvbool = lambda s, default: False\n",
            'DEBUG = envbool("DEBUG", "True")',
            id="rebound",
        ),
        pytest.param(
            "import functools, os\n@functools.lru_cache\ndef envbool(s, d):\n"
            "    return os.getenv(s, d) == 'True'\n",
            'DEBUG = envbool("DEBUG", "True")',
            id="decorated",
        ),
        pytest.param(ENVBOOL, 'DEBUG = envbool("DEBUG")', id="missing-argument"),
        pytest.param(ENVBOOL, 'DEBUG = envbool(*["DEBUG", "True"])', id="star-arguments"),
        pytest.param(
            "def constant(name, default):\n    return default\n",
            'DEBUG = constant("DEBUG", True)',
            id="reads-no-environment",
        ),
        pytest.param(
            ENVBOOL + "\ndef debug_flag(name):\n    return envbool(name, 'True')\n",
            'DEBUG = debug_flag("DEBUG")',
            id="helper-of-a-helper",
        ),
        pytest.param(
            """
            import os
            def env_flag(name, default="False"):
                def to_bool(text):
                    return text.lower() in ("1", "true")
                return to_bool(os.environ.get(name, default))
            """,
            "THROTTLING = env_flag('THROTTLING')",
            id="own-converter-called-on-the-path",
        ),
        pytest.param(
            """
            import os
            def env_flag(name, default=False):
                @cached
                def to_bool(text):
                    return text.lower() in ("1", "true")
                if os.environ.get(name) is None:
                    return default
                return to_bool(os.environ[name])
            """,
            "THROTTLING = env_flag('THROTTLING')",
            id="decorated-converter",
        ),
    ],
)
def test_helpers_not_followed(helpers: str, assignment: str) -> None:
    assert _value(helpers, assignment) is UNKNOWN


def test_helper_returning_the_text() -> None:
    helpers = "import os\ndef env(name, default=None):\n    return os.environ.get(name, default)\n"
    value = _value(helpers, 'DEBUG = env("DEBUG", "False")')
    assert isinstance(value, DeployTime)
    assert value.text
    assert value.if_unset == "False"
    compared = _value(helpers, 'DEBUG = env("DEBUG", "False") == "True"')
    assert isinstance(compared, DeployTime)
    assert not compared.text


def test_shadowed_in_a_function() -> None:
    source = ENVBOOL + "\ndef f(envbool):\n    return envbool('DEBUG', 'True')\n"
    tree = ast.parse(textwrap.dedent(source))
    ctx = FileContext("settings.py", "settings", (), tree, NameResolver(tree))
    function = tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    returned = function.body[0]
    assert isinstance(returned, ast.Return)
    assert evaluate_setting(ctx, returned.value) is UNKNOWN


def test_conversion_helper_given_a_lookup() -> None:
    helpers = """
        import os
        def strtobool(val):
            val = val.lower()
            if val in ("y", "yes", "t", "true", "on", "1"):
                return 1
            elif val in ("n", "no", "f", "false", "off", "0"):
                return 0
            else:
                raise ValueError(val)
    """
    value = _value(helpers, 'SECURE = bool(strtobool(os.environ.get("SECURE") or "False"))')
    assert isinstance(value, DeployTime)
    assert value.variables == ("SECURE",)
    assert value.if_unset is False
    assert _value(helpers, 'SECURE = strtobool(os.environ.get("SECURE") or "maybe")') == (
        DeployTime(value.lookups, NO_DEFAULT)
    )
    assert _value(helpers, "SECURE = strtobool(UNKNOWN_TEXT)") is UNKNOWN


def _context(relpath: str, module: str, source: str) -> FileContext:
    tree = ast.parse(textwrap.dedent(source))
    return FileContext(relpath, module, (), tree, NameResolver(tree, module))


GET_ENV_BOOL = """
    import os

    def get_env_bool(name, default=False):
        \"\"\"Weblate's helper.\"\"\"
        if name not in os.environ:
            return default
        return os.environ[name].lower() in {"true", "yes", "1"}
"""
IS_TRUTHY = """
    def is_truthy(arg):
        if isinstance(arg, bool):
            return arg
        val = str(arg).lower()
        if val in ("y", "yes", "t", "true", "on", "1"):
            return True
        elif val in ("n", "no", "f", "false", "off", "0"):
            return False
        else:
            raise ValueError(arg)
"""


def _imported_value(helpers: str, settings: str) -> object:
    """The last setting of `settings` (module `proj.settings`), its call of a function
    of `proj.environment` (holding `helpers`) followed there."""
    ctx = _context("proj/settings.py", "proj.settings", settings)
    assignment = ctx.tree.body[-1]
    assert isinstance(assignment, ast.Assign)
    assert evaluate_setting(ctx, assignment.value) is UNKNOWN
    call = imported_call(ctx, assignment.value)
    if call is None:
        return None
    return follow_imported(_context("proj/environment.py", "proj.environment", helpers), call)


@pytest.mark.parametrize(
    ("helpers", "settings", "variables", "if_unset"),
    [
        pytest.param(
            GET_ENV_BOOL,
            "from proj.environment import get_env_bool\nDEBUG = get_env_bool('DEBUG', True)",
            ("DEBUG",),
            True,
            id="membership-test",
        ),
        pytest.param(
            GET_ENV_BOOL,
            "from .environment import get_env_bool as flag\nDEBUG = flag('DEBUG')",
            ("DEBUG",),
            False,
            id="relative-alias-parameter-default",
        ),
        pytest.param(
            IS_TRUTHY,
            "import os\nfrom proj.environment import is_truthy\n"
            "DEBUG = is_truthy(os.getenv('DEBUG', 'True'))",
            ("DEBUG",),
            True,
            id="conversion-given-a-lookup",
        ),
        pytest.param(
            IS_TRUTHY,
            "import os\nfrom proj.environment import is_truthy\n"
            "DEBUG = is_truthy(os.getenv('DEBUG', 'maybe'))",
            ("DEBUG",),
            NO_DEFAULT,
            id="conversion-raises",
        ),
        pytest.param(
            "import environ\nenv = environ.Env(DEBUG=(bool, True))\n",
            "from proj.environment import env\nDEBUG = env('DEBUG')",
            ("DEBUG",),
            True,
            id="environ-reader-scheme",
        ),
        pytest.param(
            "import environ\nenv = environ.Env()\n",
            "from proj.environment import env\nHOSTS = env.list('HOSTS', str)",
            ("HOSTS",),
            NO_DEFAULT,
            id="environ-list-second-is-cast",
        ),
        pytest.param(
            "from environs import Env\nenv = Env()\n",
            "from proj.environment import *\nDEBUG = env.bool('DEBUG', True)",
            ("DEBUG",),
            True,
            id="environs-reader-star-import",
        ),
        pytest.param(
            "from environs import env\n",
            "from proj.environment import env\nDEBUG = env.bool('DEBUG', False)",
            ("DEBUG",),
            False,
            id="environs-package-reader",
        ),
    ],
)
def test_imported_helper_values(
    helpers: str, settings: str, variables: tuple[str, ...], if_unset: object
) -> None:
    value = _imported_value(helpers, settings)
    assert isinstance(value, DeployTime)
    assert value.variables == variables
    assert value.if_unset == if_unset or value.if_unset is if_unset


@pytest.mark.parametrize(
    ("helpers", "settings"),
    [
        pytest.param(
            "from proj.environ_impl import get_env_bool\n",
            "from proj.environment import get_env_bool\nDEBUG = get_env_bool('DEBUG', True)",
            id="re-exported",
        ),
        pytest.param(
            textwrap.dedent(GET_ENV_BOOL)
            + "\ndef debug_flag(name):\n    return get_env_bool(name, True)\n",
            "from proj.environment import debug_flag\nDEBUG = debug_flag('DEBUG')",
            id="helper-of-a-helper",
        ),
        pytest.param(
            "def constant(name, default):\n    return default\n",
            "from proj.environment import constant\nDEBUG = constant('DEBUG', True)",
            id="reads-no-environment",
        ),
        pytest.param(
            GET_ENV_BOOL,
            "from proj.environment import get_env_bool\nDEBUG = get_env_bool('DEBUG', True, 1)",
            id="too-many-arguments",
        ),
        pytest.param(
            "env = {}\n",
            "from proj.environment import env\nDEBUG = env.bool('DEBUG', True)",
            id="not-a-reader",
        ),
    ],
)
def test_imported_helpers_not_followed(helpers: str, settings: str) -> None:
    assert _imported_value(helpers, settings) is UNKNOWN


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param("DEBUG = get_env_bool('DEBUG', True)", id="not-imported"),
        pytest.param(
            "from proj.environment import get_env_bool\nDEBUG = get_env_bool(*['DEBUG'])",
            id="star-arguments",
        ),
        pytest.param("import proj.environment\nDEBUG = proj.environment.flag('X')", id="attribute"),
        pytest.param("from proj.environment import env\nDEBUG = env.other('X')", id="not-a-parser"),
        pytest.param(
            "from proj.a import *\nfrom proj.b import *\nDEBUG = env('X')", id="two-star-imports"
        ),
        pytest.param("from proj.environment import *\nDEBUG = int(FLAG)", id="builtin"),
    ],
)
def test_calls_not_recorded(settings: str) -> None:
    assert _imported_value(GET_ENV_BOOL, settings) is None


def test_membership_at_module_level_is_not_a_lookup() -> None:
    # NOTE: only a helper's body reads `name in os.environ` as a lookup; a settings
    # module's own test of it keeps its meaning (unknown).
    assert last_setting_value("import os\nDEBUG = 'DEBUG' in os.environ") is UNKNOWN
