"""Environment lookups and their values when unset."""

from __future__ import annotations

import ast
import datetime
import textwrap

import pytest

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import (
    NO_DEFAULT,
    PROBE_WORDS,
    DeployTime,
    evaluate_setting,
    probe_false_when_set,
)
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def last_setting_value(source: str) -> object:
    """What the settings reader makes of the last assignment of a settings module."""
    tree = ast.parse(textwrap.dedent(source))
    ctx = FileContext(
        "settings.py", "settings", tuple(source.splitlines()), tree, NameResolver(tree)
    )
    statement = tree.body[-1]
    assert isinstance(statement, ast.Assign)
    return evaluate_setting(ctx, statement.value)


@pytest.mark.parametrize(
    ("source", "variables", "if_unset"),
    [
        pytest.param(
            'import os\nSECRET_KEY = os.getenv("SECRET_KEY", "default-secret-key")',
            ("SECRET_KEY",),
            "default-secret-key",
            id="getenv-default",
        ),
        pytest.param(
            'import os\nKEY = os.environ.get("KEY")', ("KEY",), None, id="environ-get-none"
        ),
        pytest.param(
            'import os\nenv = os.environ\nSECRET_KEY = env.get("SECRET", "not-secret")',
            ("SECRET",),
            "not-secret",
            id="environ-alias-get-default",
        ),
        pytest.param(
            'import os\nenv = os.environ\nSECRET_KEY = env["SECRET"]',
            ("SECRET",),
            NO_DEFAULT,
            id="environ-alias-required",
        ),
        pytest.param(
            'import os\nenv = os.environ.get\nSECRET_KEY = env("SECRET", "not-secret")',
            ("SECRET",),
            "not-secret",
            id="environ-get-bound-to-name",
        ),
        pytest.param(
            'from os import getenv\nread = getenv\nHOSTS = read("HOSTS", "*").split(",")',
            ("HOSTS",),
            ["*"],
            id="getenv-bound-to-name",
        ),
        pytest.param(
            'import os\nKEY = os.environ["KEY"]', ("KEY",), NO_DEFAULT, id="environ-subscript"
        ),
        pytest.param(
            'import os\nDEBUG = os.environ.get("DEBUG", "False") == "True"',
            ("DEBUG",),
            False,
            id="compare-false",
        ),
        pytest.param(
            'import os\nDEBUG = os.getenv("DEBUG", "1").lower() in ("1", "true")',
            ("DEBUG",),
            True,
            id="lower-in",
        ),
        pytest.param(
            'import os\nDEBUG = bool(int(os.getenv("DEBUG", 0)))', ("DEBUG",), False, id="bool-int"
        ),
        pytest.param(
            'import environ\nenv = environ.Env(DEBUG=(bool, True))\nDEBUG = env("DEBUG")',
            ("DEBUG",),
            True,
            id="environ-scheme",
        ),
        pytest.param(
            'import environ\nenv = environ.FileAwareEnv(DEBUG=(bool, True))\nDEBUG = env("DEBUG")',
            ("DEBUG",),
            True,
            id="environ-file-aware-scheme",
        ),
        pytest.param(
            'import environ\nenv = environ.Env()\nDEBUG = env.bool("DEBUG", default="yes")',
            ("DEBUG",),
            True,
            id="environ-bool-cast",
        ),
        pytest.param(
            'import environ\nenv = environ.Env()\nDEBUG = env.bool("DEBUG", True)',
            ("DEBUG",),
            True,
            id="environ-bool-positional-default",
        ),
        pytest.param(
            'import environ\nenv = environ.Env()\nHOSTS = env.list("HOSTS", str)',
            ("HOSTS",),
            NO_DEFAULT,
            id="environ-list-second-is-cast",
        ),
        pytest.param(
            'import environ\nenv = environ.Env()\nPROXY = env.tuple("PROXY", str, None)',
            ("PROXY",),
            None,
            id="environ-tuple-third-is-default",
        ),
        pytest.param(
            'import environ\nenv = environ.Env()\nDEBUG = env("DEBUG", bool, True)',
            ("DEBUG",),
            True,
            id="environ-call-third-is-default",
        ),
        pytest.param(
            'import environ\nenv = environ.Env()\nKEY = env("SECRET_KEY")',
            ("SECRET_KEY",),
            NO_DEFAULT,
            id="environ-required",
        ),
        pytest.param(
            "import environ\nenv = environ.Env()\nenv.smart_cast = False\n"
            'HOSTS = env.list("HOSTS", default=["*"])',
            ("HOSTS",),
            ["*"],
            id="environ-attribute-set-on-env",
        ),
        pytest.param(
            'import environ\nenv = environ.Env()\nHOSTS = env.list("HOSTS", default="a.com,b.com")',
            ("HOSTS",),
            ["a.com", "b.com"],
            id="environ-list",
        ),
        pytest.param(
            'from environs import Env\nenv = Env()\nKEY = env("SECRET_KEY", "v8sk33sy82")',
            ("SECRET_KEY",),
            "v8sk33sy82",
            id="environs-call-positional-default",
        ),
        pytest.param(
            'from environs import Env\nenv = Env()\nDEBUG = env.bool("DEBUG", True)',
            ("DEBUG",),
            True,
            id="environs-bool",
        ),
        pytest.param(
            'import environs\nenv = environs.Env()\nDEBUG = env.bool("DEBUG", default="yes")',
            ("DEBUG",),
            True,
            id="environs-bool-cast",
        ),
        pytest.param(
            'from environs import Env\nenv = Env()\nHOSTS = env.list("HOSTS", ["a.com"])',
            ("HOSTS",),
            ["a.com"],
            id="environs-list-second-is-default",
        ),
        pytest.param(
            'from environs import Env\nenv = Env()\nKEY = env.str("SECRET_KEY")',
            ("SECRET_KEY",),
            NO_DEFAULT,
            id="environs-required",
        ),
        pytest.param(
            'from environs import env\nDEBUG = env.bool("DEBUG", False)',
            ("DEBUG",),
            False,
            id="environs-package-env",
        ),
        pytest.param(
            'from decouple import config\nDEBUG = config("DEBUG", default=True, cast=bool)',
            ("DEBUG",),
            True,
            id="decouple-bool",
        ),
        pytest.param(
            'from decouple import config, Csv\nHOSTS = config("HOSTS", default="x,y", cast=Csv())',
            ("HOSTS",),
            ["x", "y"],
            id="decouple-csv",
        ),
        pytest.param(
            'from decouple import config\nSECURE = config("COOKIE_SECURE", False, cast=bool)',
            ("COOKIE_SECURE",),
            False,
            id="decouple-positional-default",
        ),
        pytest.param(
            'from decouple import config, Csv\nHOSTS = config("HOSTS", "a,b", Csv())',
            ("HOSTS",),
            ["a", "b"],
            id="decouple-positional-cast",
        ),
        pytest.param(
            'from prettyconf import config\nDEBUG = config("DEBUG", config.boolean)',
            ("DEBUG",),
            NO_DEFAULT,
            id="prettyconf-positional-cast",
        ),
        pytest.param(
            'from decouple import config\nKEY = config("SECRET_KEY")',
            ("SECRET_KEY",),
            NO_DEFAULT,
            id="decouple-required",
        ),
        pytest.param(
            'from decouple import AutoConfig\nconfig = AutoConfig()\nKEY = config("K", default="v")',
            ("K",),
            "v",
            id="decouple-autoconfig",
        ),
        pytest.param(
            "from everett.manager import ConfigManager, ConfigOSEnv\n"
            "config = ConfigManager([ConfigOSEnv()])\n"
            'SSL = config("SECURE_SSL_REDIRECT", default="false", parser=bool)',
            ("SECURE_SSL_REDIRECT",),
            False,
            id="everett-bool",
        ),
        pytest.param(
            "from everett.manager import ConfigManager\n"
            "config = ConfigManager.basic_config()\n"
            'HSTS = config("hsts_seconds", namespace="secure", default="0", parser=int)',
            ("SECURE_HSTS_SECONDS",),
            0,
            id="everett-namespace-int",
        ),
        pytest.param(
            "from everett.manager import ConfigManager, ListOf\n"
            "config = ConfigManager([])\n"
            'HOSTS = config("ALLOWED_HOSTS", parser=ListOf(str), default="a.com,b.com")',
            ("ALLOWED_HOSTS",),
            ["a.com", "b.com"],
            id="everett-list",
        ),
        pytest.param(
            "from everett.manager import ConfigManager\n"
            "config = ConfigManager([])\n"
            'KEY = config("SECRET_KEY")',
            ("SECRET_KEY",),
            NO_DEFAULT,
            id="everett-required",
        ),
        pytest.param(
            "from everett.manager import ConfigManager\n"
            "config = ConfigManager([])\n"
            'HOST = config("SSL_HOST", raise_error=False)',
            ("SSL_HOST",),
            None,
            id="everett-optional",
        ),
        pytest.param(
            'import dj_database_url\nDB = dj_database_url.config(default="postgres://u:p@h/db")',
            ("DATABASE_URL",),
            "postgres://u:p@h/db",
            id="dj-database-url",
        ),
        pytest.param(
            'from dotenv import dotenv_values\nenv = dotenv_values(".env")\nKEY = env["SECRET_KEY"]',
            ("SECRET_KEY",),
            NO_DEFAULT,
            id="dotenv-values-subscript",
        ),
        pytest.param(
            'from dotenv import dotenv_values\nKEY = dotenv_values().get("SECRET_KEY", "dev")',
            ("SECRET_KEY",),
            "dev",
            id="dotenv-values-get",
        ),
        pytest.param(
            "import yaml\nconf = {}\ntry:\n    conf = yaml.safe_load(f).get('settings', {}) or {}\n"
            "except OSError:\n    pass\nDEBUG = conf.pop('DEBUG', True)",
            ("DEBUG",),
            True,
            id="yaml-section-pop",
        ),
        pytest.param(
            "import json\nconf = json.load(f)\nsession = conf.get('session', {})\n"
            "SECURE = session.get('SECURE')",
            ("SECURE",),
            None,
            id="json-nested-get",
        ),
        pytest.param(
            "import tomllib\nconf = tomllib.load(f)\nKEY = conf['SECRET_KEY']",
            ("SECRET_KEY",),
            NO_DEFAULT,
            id="toml-subscript",
        ),
        pytest.param(
            "import configparser\nconf = configparser.ConfigParser()\nconf.read(paths)\n"
            "section = conf['global']\nDEBUG = section.getboolean('debug', True)",
            ("debug",),
            True,
            id="ini-section-getboolean-fallback",
        ),
        pytest.param(
            "import configparser\nconf = configparser.ConfigParser()\nDEBUG = True\n"
            "DEBUG = conf['global'].getboolean('debug', DEBUG)",
            ("debug",),
            True,
            id="ini-fallback-the-value-before",
        ),
        pytest.param(
            "import configparser\nconf = configparser.ConfigParser()\n"
            "DEBUG = conf['global'].get('debug')",
            ("debug",),
            None,
            id="ini-section-get-without-fallback",
        ),
        pytest.param(
            "import configparser\nconf = configparser.RawConfigParser()\n"
            "DEBUG = conf.getboolean('global', 'debug', fallback=True)",
            ("debug",),
            True,
            id="ini-parser-getboolean-fallback",
        ),
        pytest.param(
            "import configparser\nconf = configparser.ConfigParser()\n"
            "KEY = conf.get('global', 'secret_key')",
            ("secret_key",),
            NO_DEFAULT,
            id="ini-parser-get-required",
        ),
        pytest.param(
            "from configparser import ConfigParser\nconf = ConfigParser()\n"
            "KEY = conf['global']['secret_key']",
            ("secret_key",),
            NO_DEFAULT,
            id="ini-section-subscript",
        ),
        pytest.param(
            'from getenv import env\nKEY = env("DJANGO_SECRET_KEY", "dev-key")',
            ("DJANGO_SECRET_KEY",),
            "dev-key",
            id="django-getenv-default",
        ),
        pytest.param(
            'from getenv import env\nDEBUG = env("DEBUG")',
            ("DEBUG",),
            None,
            id="django-getenv-optional",
        ),
        pytest.param(
            'from getenv import env\nKEY = env("SECRET_KEY", required=True)',
            ("SECRET_KEY",),
            NO_DEFAULT,
            id="django-getenv-required",
        ),
        pytest.param(
            'from getenv import env\nSSL = env("SSL", True, True)',
            ("SSL",),
            True,
            id="django-getenv-required-with-default",
        ),
    ],
)
def test_deploy_time_values(source: str, variables: tuple[str, ...], if_unset: object) -> None:
    value = last_setting_value(source)
    assert isinstance(value, DeployTime)
    assert value.variables == variables
    assert value.if_unset == if_unset or value.if_unset is if_unset


def test_constants_stay_constants() -> None:
    assert last_setting_value("DEBUG = True") is True
    assert last_setting_value('HOSTS = ["a", "b"]') == ["a", "b"]
    assert last_setting_value('import os\nX = os.path.join("a", "b")') is UNKNOWN


def test_describe() -> None:
    value = last_setting_value('import os\nKEY = os.getenv("KEY", "dev")')
    assert isinstance(value, DeployTime)
    assert value.describe() == "set at deploy time from $KEY; if unset: 'dev'"
    required = last_setting_value('import os\nKEY = os.environ["KEY"]')
    assert isinstance(required, DeployTime)
    assert required.describe() == "set at deploy time from $KEY; start-up fails if unset"


def test_describe_config_file_key() -> None:
    value = last_setting_value("import yaml\nconf = yaml.safe_load(f)\nX = conf.get('X', 1)")
    assert isinstance(value, DeployTime)
    assert value.describe() == "set at deploy time from the configuration file's `X`; if unset: 1"


def test_configuration_module_attribute() -> None:
    source = (
        "import importlib, os\n"
        "configuration = importlib.import_module(os.getenv('APP_CONFIG', 'app.config'))\n"
    )
    value = last_setting_value(source + "X = getattr(configuration, 'X', False)")
    assert isinstance(value, DeployTime)
    assert value.environment_variables == ()
    assert value.describe() == (
        "set at deploy time from the configuration module's `X`; if unset: False"
    )
    required = last_setting_value(source + "X = getattr(configuration, 'X')")
    assert isinstance(required, DeployTime)
    assert required.if_unset is NO_DEFAULT
    # NOTE: a module named by a constant may be the project's own, whose value is in sight
    constant = "import importlib\nconfiguration = importlib.import_module('app.config')\n"
    assert last_setting_value(constant + "X = getattr(configuration, 'X', False)") is UNKNOWN


def test_markers_survive_pickling() -> None:
    import pickle

    # The data pickled here is our own, made in this test.
    assert pickle.loads(pickle.dumps(UNKNOWN)) is UNKNOWN  # noqa: S301
    assert pickle.loads(pickle.dumps(NO_DEFAULT)) is NO_DEFAULT  # noqa: S301
    value = last_setting_value('import os\nKEY = os.environ["KEY"]')
    assert pickle.loads(pickle.dumps(value)) == value  # noqa: S301


def test_names_bound_to_other_calls_are_not_lookups() -> None:
    assert last_setting_value('import os\nenv = os.path.join\nX = env("A", "b")') is UNKNOWN
    # NOTE: a name bound twice may hold either; the lookup is not known to be the one called
    source = 'import os\nenv = os.environ.get\nif a:\n    env = f\nX = env("A", "b")'
    assert last_setting_value(source) is UNKNOWN


def test_other_mappings_are_not_environment() -> None:
    assert last_setting_value('d = {"A": 1}\nX = d.get("A", 2)') is UNKNOWN
    assert last_setting_value('import os\nd = dict(os.environ)\nX = d.get("A", 2)') is UNKNOWN
    assert (
        last_setting_value("from dotenv import dotenv_values\nX = dotenv_values()[name]") is UNKNOWN
    )
    # NOTE: a dict changed in the module, or bound to something else too, is not the file's
    assert (
        last_setting_value("import json\nd = json.load(f)\nd['A'] = 3\nX = d.get('A', 2)")
        is UNKNOWN
    )
    assert (
        last_setting_value("import json\nd = json.load(f) or load_defaults()\nX = d.get('A')")
        is UNKNOWN
    )


@pytest.mark.parametrize(
    ("source", "value"),
    [
        pytest.param(
            "from datetime import timedelta\nX = timedelta(hours=18)",
            datetime.timedelta(hours=18),
            id="keyword",
        ),
        pytest.param(
            "import datetime\nX = {'LIFETIME': datetime.timedelta(7, 60)}",
            {"LIFETIME": datetime.timedelta(days=7, seconds=60)},
            id="positional-in-dict",
        ),
        pytest.param(
            "from datetime import timedelta\nMINUTES = 15\nX = timedelta(minutes=MINUTES)",
            datetime.timedelta(minutes=15),
            id="named-constant",
        ),
        pytest.param(
            "from datetime import timedelta\nX = timedelta(minutes=m)", UNKNOWN, id="unknown"
        ),
        pytest.param(
            "from datetime import timedelta\nX = timedelta(fortnights=1)",
            UNKNOWN,
            id="no-such-unit",
        ),
        pytest.param(
            "from datetime import timedelta\nX = timedelta(1, 2, 3, 4, 5, 6, 7, 8)",
            UNKNOWN,
            id="too-many",
        ),
        pytest.param(
            "from datetime import timedelta\nX = timedelta(days=True)", UNKNOWN, id="bool"
        ),
        pytest.param(
            "from pendulum import duration as timedelta\nX = timedelta(days=1)", UNKNOWN, id="other"
        ),
    ],
)
def test_timedelta_values(source: str, value: object) -> None:
    found = last_setting_value(source)
    assert found == value or found is value


def test_timedelta_from_the_environment() -> None:
    value = last_setting_value(
        "import os\nfrom datetime import timedelta\n"
        'X = timedelta(minutes=int(os.getenv("MINUTES", "600")))'
    )
    assert isinstance(value, DeployTime)
    assert value.if_unset == datetime.timedelta(hours=10)
    assert value.describe() == "set at deploy time from $MINUTES; if unset: 10:00:00"


@pytest.mark.parametrize(
    ("source", "off_when_set"),
    [
        pytest.param(
            """
            import environ
            env = environ.Env()
            PRODUCTION = env.bool("PRODUCTION", True)
            DEBUG = False if PRODUCTION else env.bool("DJANGO_DEBUG", False)
            """,
            {("PRODUCTION", w) for w in PROBE_WORDS},
            id="production-flag",
        ),
        pytest.param(
            """
            import os
            DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
            """,
            {("DJANGO_DEBUG", w) for w in PROBE_WORDS if w != "1"},
            id="compared-with-one-word",
        ),
        pytest.param(
            """
            import os
            DEBUG = not os.environ.get("LIVE")
            """,
            {("LIVE", w) for w in PROBE_WORDS},
            id="negated-text",
        ),
        pytest.param(
            """
            import os
            DEBUG = os.environ.get("DJANGO_DEBUG")
            """,
            set(),
            id="text-is-on-when-set",
        ),
    ],
)
def test_words_that_leave_a_flag_off(source: str, off_when_set: set[tuple[str, str]]) -> None:
    tree = ast.parse(textwrap.dedent(source))
    ctx = FileContext(
        "settings.py", "settings", tuple(source.splitlines()), tree, NameResolver(tree)
    )
    statement = tree.body[-1]
    assert isinstance(statement, ast.Assign)
    value = evaluate_setting(ctx, statement.value)
    assert isinstance(value, DeployTime)
    probed = probe_false_when_set(ctx, statement.value, value, frozenset())
    assert probed.false_when_set == off_when_set


_PARSE_BOOLEAN = """
import os


def parse_boolean(s):
    s = s.strip().lower()
    if s in ("yes", "true", "on", "1"):
        return True
    elif s in ("no", "false", "off", "0"):
        return False
    raise ValueError(s)


ENFORCE_HTTPS = parse_boolean(os.environ.get("ENFORCE_HTTPS", "false"))
"""


@pytest.mark.parametrize(
    ("setting", "variables", "if_unset"),
    [
        pytest.param(
            'os.environ.get("COOKIES_SECURE", str(ENFORCE_HTTPS))',
            ("COOKIES_SECURE", "ENFORCE_HTTPS"),
            "False",
            id="default-read-from-the-environment",
        ),
        pytest.param(
            'parse_boolean(os.environ.get("COOKIES_SECURE", str(ENFORCE_HTTPS)))',
            ("COOKIES_SECURE", "ENFORCE_HTTPS"),
            False,
            id="helper-given-such-a-lookup",
        ),
        pytest.param(
            'parse_boolean(os.environ.get("REMEMBER_SECURE") or str(ENFORCE_HTTPS))',
            ("REMEMBER_SECURE", "ENFORCE_HTTPS"),
            False,
            id="unset-variable-or-another-setting",
        ),
        pytest.param(
            "parse_boolean(str(ENFORCE_HTTPS))",
            ("ENFORCE_HTTPS",),
            False,
            id="helper-given-another-setting",
        ),
    ],
)
def test_defaults_that_read_the_environment_too(
    setting: str, variables: tuple[str, ...], if_unset: object
) -> None:
    value = last_setting_value(f"{_PARSE_BOOLEAN}\nVALUE = {setting}\n")
    assert isinstance(value, DeployTime)
    assert (value.variables, value.if_unset) == (variables, if_unset)


@pytest.mark.parametrize(
    ("source", "variables", "if_unset", "text"),
    [
        pytest.param(
            'import os\nSECRET_KEY = os.environ.get("SECRET_KEY", SECRET_KEY)',
            ("SECRET_KEY",),
            UNKNOWN,
            True,
            id="default-reads-the-setting-itself",
        ),
        pytest.param(
            'import os\nURL = os.environ.get("A_URL", os.environ.get("URL", "redis://"))',
            ("A_URL", "URL"),
            "redis://",
            True,
            id="text-of-one-of-two-variables",
        ),
        pytest.param(
            'import os\nBASE = os.getenv("BASE", "https://x")\nURL = os.getenv("URL", f"{BASE}/t")',
            ("URL", "BASE"),
            "https://x/t",
            True,
            id="default-formats-another-setting",
        ),
    ],
)
def test_defaults_read_through_other_settings(
    source: str, variables: tuple[str, ...], if_unset: object, text: bool
) -> None:
    value = last_setting_value(source)
    assert isinstance(value, DeployTime)
    assert (value.variables, value.if_unset, value.text) == (variables, if_unset, text)
