"""Settings modules resolved from facts: chains, edits, branches, roles, pickling."""

from __future__ import annotations

import pickle
import textwrap
from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import NO_DEFAULT, DeployTime
from webwarden.config import load_config
from webwarden.discover import discover
from webwarden.engine import scan
from webwarden.engine.files import FilePlan, analyse_file
from webwarden.engine.project import build_project
from webwarden.findings import Severity
from webwarden.model.django import DjangoProject, Role
from webwarden.model.django.values import contains, deploy_note, lookup, shipped
from webwarden.model.roles import role_of, role_of_branch

PROJECTS = Path(__file__).parent / "projects"


def write(root: Path, files: dict[str, str]) -> Path:
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def model(root: Path) -> DjangoProject:
    config = load_config([root], isolated=True, root=root)
    discovery = discover([root], config)
    package_dirs = frozenset(
        f.relpath.rpartition("/")[0] for f in discovery.files if f.path.name == "__init__.py"
    )
    plan = FilePlan((), config.max_file_size, package_dirs, config.test_paths)
    results = [analyse_file(f, plan) for f in discovery.files]
    # NOTE: the per-file results must survive a trip to a worker process and back.
    results = pickle.loads(pickle.dumps(results))  # noqa: S301 - our own data
    django = build_project(root, discovery, results).django
    assert django is not None
    return django


def values(django: DjangoProject, relpath: str, name: str) -> list[object]:
    return [shipped(p.value) for p in django.settings[relpath].get(name)]


def test_split_settings_chain(tmp_path: Path) -> None:
    django = model(PROJECTS / "split_settings")
    assert [s.relpath for s in django.judged] == [
        "config/settings/dev.py",
        "config/settings/prod.py",
    ]
    prod = django.settings["config/settings/prod.py"]
    assert prod.role is Role.PRODUCTION
    assert prod.chain == ("config/settings/prod.py", "config/settings/base.py")
    assert values(django, "config/settings/prod.py", "MIDDLEWARE")[0] == [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
    assert values(django, "config/settings/prod.py", "SECURE_HSTS_SECONDS") == [3600]
    assert values(django, "config/settings/dev.py", "DEBUG") == [True]
    assert values(django, "config/settings/prod.py", "DEBUG") == [False]
    secret = prod.get("SECRET_KEY")[0]
    assert isinstance(secret.value, DeployTime)
    assert secret.location is not None
    assert secret.location.path == "config/settings/base.py"
    assert django.entry_points[0][0] == "config.settings.prod"
    assert {dotted for dotted, _ in django.entry_points} == {
        "config.settings.dev",
        "config.settings.prod",
    }


@pytest.mark.parametrize(
    ("source", "name", "expected"),
    [
        pytest.param(
            'MIDDLEWARE = ["a"]\nMIDDLEWARE += ["b"]\nMIDDLEWARE.insert(0, "c")',
            "MIDDLEWARE",
            [["c", "a", "b"]],
            id="augassign-insert",
        ),
        pytest.param(
            'MIDDLEWARE = ("a", "b")\nMIDDLEWARE = ("z",) + MIDDLEWARE\nMIDDLEWARE.remove("a")',
            "MIDDLEWARE",
            [("z", "b")],
            id="tuple-prepend-remove",
        ),
        pytest.param(
            'MIDDLEWARE = ("a", "b")\nMIDDLEWARE = ("y",) + MIDDLEWARE + ("z",)',
            "MIDDLEWARE",
            [("y", "a", "b", "z")],
            id="tuple-wrapped",
        ),
        pytest.param(
            'MIDDLEWARE = ["a"]\nMIDDLEWARE = ["w"] + ["x"] + MIDDLEWARE + ["y"] + ["z"]',
            "MIDDLEWARE",
            [["w", "x", "a", "y", "z"]],
            id="list-wrapped-in-several",
        ),
        pytest.param(
            'INSTALLED_APPS = ["a"]\nINSTALLED_APPS = [*INSTALLED_APPS, "b"]\nINSTALLED_APPS.extend(["c"])',
            "INSTALLED_APPS",
            [["a", "b", "c"]],
            id="star-extend",
        ),
        pytest.param(
            "INSTALLED_APPS = []\nDEBUG = False\nif DEBUG:\n    DEBUG = 1\nelse:\n    DEBUG = 2",
            "DEBUG",
            [2],
            id="if-decided-by-constant",
        ),
        pytest.param(
            "import sys\nINSTALLED_APPS = []\nDEBUG = False\nif 'test' in sys.argv:\n    DEBUG = True",
            "DEBUG",
            [True, False],
            id="if-undecided-keeps-both",
        ),
        pytest.param(
            'INSTALLED_APPS = []\nDATABASES = {"default": {"NAME": "x"}}\nDATABASES["default"]["PASSWORD"] = "pw"',
            "DATABASES",
            [{"default": {"NAME": "x", "PASSWORD": "pw"}}],
            id="setitem",
        ),
        pytest.param(
            'INSTALLED_APPS = []\nOAUTH2_PROVIDER = {"SCOPES": {}}\n'
            'OAUTH2_PROVIDER["PKCE_REQUIRED"] = False',
            "OAUTH2_PROVIDER",
            [{"SCOPES": {}, "PKCE_REQUIRED": False}],
            id="setitem-of-a-recorded-option-dict",
        ),
        pytest.param(
            'from site_options import *\nINSTALLED_APPS = []\nOAUTH2_PROVIDER["PKCE_REQUIRED"] = False',
            "OAUTH2_PROVIDER",
            [UNKNOWN],
            id="setitem-of-an-option-dict-not-seen-stays-unknown",
        ),
        pytest.param(
            'import os\nINSTALLED_APPS = []\nX = os.environ["X"]\nSECRET_KEY = X',
            "SECRET_KEY",
            [NO_DEFAULT],
            id="required-variable",
        ),
        pytest.param(
            "from helpers import compute\nINSTALLED_APPS = []\nMIDDLEWARE = compute()\nMIDDLEWARE += ['x']",
            "MIDDLEWARE",
            [UNKNOWN],
            id="unknown-stays-unknown",
        ),
        pytest.param(
            "from django.conf import global_settings\nINSTALLED_APPS = []\n"
            "MIDDLEWARE_CLASSES = global_settings.MIDDLEWARE_CLASSES + ['x']",
            "MIDDLEWARE_CLASSES",
            [
                [
                    "django.middleware.common.CommonMiddleware",
                    "django.middleware.csrf.CsrfViewMiddleware",
                    "x",
                ]
            ],
            id="django-default-extended",
        ),
        pytest.param(
            "from django.conf import global_settings as defaults\nINSTALLED_APPS = []\n"
            "MIDDLEWARE = tuple(defaults.MIDDLEWARE) + ('x',)",
            "MIDDLEWARE",
            [("x",)],
            id="django-default-copied-then-extended",
        ),
        pytest.param(
            "INSTALLED_APPS = list(filter(None, ['a', 'b' if False else None, None, 'c']))",
            "INSTALLED_APPS",
            [["a", "c"]],
            id="falsy-entries-filtered-out",
        ),
        pytest.param(
            "INSTALLED_APPS = []\nMIDDLEWARE = tuple(filter(None, ('a', '', 'b')))",
            "MIDDLEWARE",
            [("a", "b")],
            id="filtered-tuple",
        ),
        pytest.param(
            "INSTALLED_APPS = []\nMIDDLEWARE = list(filter(bool, ['a']))",
            "MIDDLEWARE",
            [UNKNOWN],
            id="filtered-by-a-function-stays-unknown",
        ),
        pytest.param(
            "from django.conf import global_settings\nINSTALLED_APPS = []\n"
            "MIDDLEWARE = global_settings.UNHEARD_OF + ['x']",
            "MIDDLEWARE",
            [UNKNOWN],
            id="django-default-not-known",
        ),
        pytest.param(
            "INSTALLED_APPS = ['oauth2_provider']\n"
            "OAUTH2_PROVIDER = {'SCOPES': {'read': 'Read'}, 'PKCE_REQUIRED': False}",
            "OAUTH2_PROVIDER",
            [{"SCOPES": {"read": "Read"}, "PKCE_REQUIRED": False}],
            id="oauth-toolkit-dict-recorded",
        ),
        pytest.param(
            "INSTALLED_APPS = ['social_django']\n"
            "SOCIAL_AUTH_GITHUB_PIPELINE = ('a.b', 'social_core.pipeline.debug.debug')",
            "SOCIAL_AUTH_GITHUB_PIPELINE",
            [("a.b", "social_core.pipeline.debug.debug")],
            id="social-auth-backend-pipeline-recorded",
        ),
    ],
)
def test_one_module(tmp_path: Path, source: str, name: str, expected: list[object]) -> None:
    django = model(write(tmp_path, {"settings.py": source}))
    assert values(django, "settings.py", name) == expected


def test_branch_labels_and_imports_across_modules(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "base.py": """
                import os
                INSTALLED_APPS = ["django.contrib.sessions"]
                DEBUG = os.environ.get("DEBUG", "") == "1"
            """,
            "settings.py": """
                from base import *
                from base import DEBUG
                ROOT_URLCONF = "urls"
                SESSION_COOKIE_SECURE = not DEBUG
                if not DEBUG:
                    CSRF_COOKIE_SECURE = True
                try:
                    from local_settings import *
                except ImportError:
                    pass
            """,
            "local_settings.py": """
                SESSION_COOKIE_SAMESITE = "None"
            """,
        },
    )
    django = model(tmp_path)
    assert [s.relpath for s in django.judged] == ["settings.py"]
    assert values(django, "settings.py", "SESSION_COOKIE_SECURE") == [True]
    assert values(django, "settings.py", "CSRF_COOKIE_SECURE") == [True]
    samesite = django.settings["settings.py"].get("SESSION_COOKIE_SAMESITE")
    assert [(shipped(p.value), p.branch) for p in samesite] == [
        ("None", "`from local_settings import *` succeeds"),
        ("Lax", "`from local_settings import *` fails"),
    ]


def test_a_required_variable_replaces_a_setting_webwarden_does_not_track(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "base.py": """
                INSTALLED_APPS = ["django.contrib.sessions"]
                TWILIO_AUTH_TOKEN = "f3a9c1d27be84e06a5d9c0b1e2f47a83"
            """,
            "settings.py": """
                import os
                from base import *
                ROOT_URLCONF = "urls"
                TWILIO_AUTH_TOKEN = os.environ["TWILIO_AUTH_TOKEN"]
            """,
        },
    )
    django = model(tmp_path)
    (token,) = django.settings["settings.py"].get("TWILIO_AUTH_TOKEN")
    assert token.location is not None
    assert token.location.path == "settings.py"
    assert shipped(token.value) is NO_DEFAULT


def test_an_edit_adds_its_conditions_to_the_value_it_edits(tmp_path: Path) -> None:
    """A dict edited in one `if` and again in a later one holds the second edit only
    when the second test holds too: a password set for test runs alone stays a test
    branch's, though another branch edited the dict first."""
    write(
        tmp_path,
        {
            "settings.py": """
                import sys
                INSTALLED_APPS = ["django.contrib.auth"]
                DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}
                if "--replica" in sys.argv:
                    DATABASES["default"]["HOST"] = "replica"
                if "test" in sys.argv:
                    DATABASES["default"]["PASSWORD"] = "test"
            """,
        },
    )
    django = model(tmp_path)
    databases = django.settings["settings.py"].get("DATABASES")
    replica, test = "`'--replica' in sys.argv`", "`'test' in sys.argv`"
    with_password = [p.branch for p in databases if lookup(p.value, "default", "PASSWORD")]
    assert with_password == [f"{replica} and {test}", f"`not ({replica[1:-1]})` and {test}"]
    assert {role_of_branch(branch) for branch in with_password} == {Role.TEST}


def test_a_setting_given_a_flag_set_in_branches_keeps_their_conditions(tmp_path: Path) -> None:
    """`DEBUG = STAGING`, the flag set in both arms of an `if`, is true only under the
    arm that sets it so, here or through an import of it from another module."""
    write(
        tmp_path,
        {
            "base_settings.py": """
                from conf import config
                INSTALLED_APPS = ["django.contrib.auth"]
                ROOT_URLCONF = "urls"
                if int(config.get("STAGING")):
                    STAGING = True
                else:
                    STAGING = False
                DEBUG = STAGING
            """,
            "settings.py": """
                from base_settings import STAGING
                INSTALLED_APPS = ["django.contrib.auth"]
                ROOT_URLCONF = "urls"
                TEMPLATE_DEBUG = STAGING
            """,
        },
    )
    django = model(tmp_path)
    arm = "`int(config.get('STAGING'))`"
    expected = [(True, arm), (False, f"`not {arm[1:-1]}`")]
    debug = django.settings["base_settings.py"].get("DEBUG")
    assert [(shipped(p.value), p.branch) for p in debug] == expected
    imported = django.settings["settings.py"].get("TEMPLATE_DEBUG")
    assert [(shipped(p.value), p.branch) for p in imported] == expected


def test_unreadable_star_import_makes_missing_settings_unknown(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "settings.py": """
                from components.common import *
                try:
                    from missing_local import *
                except ImportError:
                    pass
                INSTALLED_APPS = ["django.contrib.sessions"]
            """,
            "other/settings.py": """
                try:
                    from missing_local import *
                except ImportError:
                    pass
                INSTALLED_APPS = ["django.contrib.sessions"]
            """,
        },
    )
    django = model(tmp_path)
    assert values(django, "settings.py", "SESSION_COOKIE_SECURE") == [UNKNOWN]
    # A missing module inside `try` is optional: Django's default still applies.
    assert values(django, "other/settings.py", "SESSION_COOKIE_SECURE") == [False]


def test_relative_import_is_not_a_module_of_the_same_last_name_elsewhere(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "mysite/__init__.py": "",
            "mysite/settings/__init__.py": "from .base import *\n",
            "mysite/settings/base.py": """
                INSTALLED_APPS = ["django.contrib.sessions"]
                try:
                    from .local import *
                except ImportError:
                    pass
            """,
            # A container's own settings, kept beside the Dockerfile: not `mysite.settings.local`.
            "docker/local.py": """
                from .base import *
                SESSION_COOKIE_SECURE = True
            """,
        },
    )
    django = model(tmp_path)
    package = django.settings["mysite/settings/__init__.py"]
    assert package.chain == ("mysite/settings/__init__.py", "mysite/settings/base.py")
    assert values(django, "mysite/settings/__init__.py", "SESSION_COOKIE_SECURE") == [False]


_OPTIONAL_OVERRIDES = {
    "exists": """
        from pathlib import Path
        BASE_DIR = Path(__file__).resolve().parent
        if (BASE_DIR / "local_settings.py").exists():
            from local_settings import *
    """,
    "isfile": """
        import os
        if os.path.isfile(os.path.join(os.path.dirname(__file__), "local_settings.py")):
            from local_settings import *
    """,
    "not_exists": """
        import os
        if not os.path.exists("local_settings.py"):
            pass
        else:
            from local_settings import *
    """,
    "find_spec": """
        import importlib.util
        if importlib.util.find_spec("local_settings") is not None:
            from local_settings import *
    """,
    "suppress": """
        import contextlib
        with contextlib.suppress(ImportError):
            from local_settings import *
    """,
    "try": """
        try:
            from local_settings import *
        except ImportError:
            pass
    """,
    "try_under_if": """
        import os
        try:
            if os.environ.get("DJANGO_SETTINGS_MODULE") != "settings_test":
                from local_settings import *
        except ImportError:
            pass
    """,
}


@pytest.mark.parametrize("shape", list(_OPTIONAL_OVERRIDES), ids=str)
def test_optional_override_absent_from_the_tree(tmp_path: Path, shape: str) -> None:
    # The module's own values are in effect: Django's defaults fill what it leaves unset.
    body = textwrap.dedent(_OPTIONAL_OVERRIDES[shape])
    write(tmp_path, {"settings.py": f"INSTALLED_APPS = ['django.contrib.sessions']\n{body}"})
    django = model(tmp_path)
    assert django.settings["settings.py"].complete
    assert values(django, "settings.py", "SESSION_COOKIE_SECURE") == [False]


@pytest.mark.parametrize("shape", ["exists", "suppress", "try"], ids=str)
def test_optional_override_in_the_tree(tmp_path: Path, shape: str) -> None:
    # The override's values, when it is there, and the module's own otherwise.
    body = textwrap.dedent(_OPTIONAL_OVERRIDES[shape])
    write(
        tmp_path,
        {
            "settings.py": f"INSTALLED_APPS = ['django.contrib.sessions']\n{body}",
            "local_settings.py": "SESSION_COOKIE_SECURE = True\n",
        },
    )
    django = model(tmp_path)
    possible = django.settings["settings.py"].get("SESSION_COOKIE_SECURE")
    assert [shipped(p.value) for p in possible] == [True, False]


@pytest.mark.parametrize(
    ("module", "installed"),
    [
        pytest.param("assets_kit.settings.pipeline", True, id="installed-package"),
        pytest.param("site_conf.deployment", False, id="own-package-lacks-it"),
        pytest.param("deployment_settings", False, id="bare-name"),
    ],
)
def test_star_import_of_a_module_the_tree_lacks(
    tmp_path: Path, module: str, installed: bool
) -> None:
    # An installed package's settings leave the project's key as it is; a deployment's
    # module, required, sets each host's own.
    write(
        tmp_path,
        {
            "site_conf/__init__.py": "",
            "site_conf/settings.py": f"""
                INSTALLED_APPS = ["django.contrib.sessions"]
                SECRET_KEY = "in-the-code"
                from {module} import *
            """,
        },
    )
    settings = model(tmp_path).settings["site_conf/settings.py"]
    assert not settings.complete
    expected = ["in-the-code"] if installed else [UNKNOWN]
    assert [p.value for p in settings.get("SECRET_KEY")] == expected
    assert [p.value for p in settings.get("SESSION_COOKIE_SECURE")] == [UNKNOWN]


def test_edit_of_a_list_a_missing_star_import_gives_is_unknown(tmp_path: Path) -> None:
    # `MIDDLEWARE += [...]` after a star import of a module the tree lacks (written from
    # a template at install time) extends that module's list, not Django's empty default;
    # with every module read, the edit starts from Django's default.
    write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings_dev.py": """
                from site.settings import *
                DEBUG = True
                MIDDLEWARE += ["debug_toolbar.middleware.DebugToolbarMiddleware"]
            """,
            "other/settings.py": """
                from django.conf.global_settings import *
                MIDDLEWARE += ["debug_toolbar.middleware.DebugToolbarMiddleware"]
            """,
        },
    )
    django = model(tmp_path)
    assert values(django, "site/settings_dev.py", "MIDDLEWARE") == [UNKNOWN]
    assert values(django, "other/settings.py", "MIDDLEWARE") == [
        ["debug_toolbar.middleware.DebugToolbarMiddleware"]
    ]


def test_required_override_in_a_try(tmp_path: Path) -> None:
    # A handler that raises leaves no way on without the override: its values are the ones.
    write(
        tmp_path,
        {
            "settings.py": """
                INSTALLED_APPS = ["django.contrib.sessions"]
                try:
                    from local_settings import *
                except ImportError:
                    raise RuntimeError("copy local_settings.py.example to local_settings.py")
            """,
            "local_settings.py": "SESSION_COOKIE_SECURE = True\n",
        },
    )
    django = model(tmp_path)
    assert values(django, "settings.py", "SESSION_COOKIE_SECURE") == [True]


def test_unreadable_star_import_under_another_test_makes_missing_settings_unknown(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "settings.py": """
                import socket
                INSTALLED_APPS = ["django.contrib.sessions"]
                if socket.gethostname().startswith("web"):
                    from production_settings import *
            """,
        },
    )
    django = model(tmp_path)
    assert not django.settings["settings.py"].complete
    assert values(django, "settings.py", "SESSION_COOKIE_SECURE") == [UNKNOWN]


def test_values_of_a_try_handler(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "literals.py": 'DEFAULT_SECRET_KEY = "secret-key-missing!"\n',
            "settings.py": """
                import contextlib
                import os
                import sys
                from literals import DEFAULT_SECRET_KEY
                INSTALLED_APPS = ["django.contrib.sessions"]
                try:
                    SECRET_KEY = os.environ["SECRET_KEY"]
                except KeyError:
                    try:
                        with open("secret.txt") as key_file:
                            SECRET_KEY = key_file.read()
                    except FileNotFoundError:
                        SECRET_KEY = DEFAULT_SECRET_KEY
                try:
                    DEBUG = os.environ["DEBUG"] == "1"
                except KeyError:
                    pass
                try:
                    ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")
                except KeyError:
                    raise RuntimeError("ALLOWED_HOSTS")
                except ValueError:
                    sys.exit(1)
                CSRF_COOKIE_SECURE = True
                try:
                    CSRF_COOKIE_SECURE = os.environ["CSRF"] == "1"
                finally:
                    pass
                with contextlib.suppress(KeyError):
                    SESSION_COOKIE_SECURE = os.environ["SECURE"] == "1"
            """,
        },
    )
    django = model(tmp_path)
    keys = django.settings["settings.py"].get("SECRET_KEY")
    environ = "`SECRET_KEY = os.environ['SECRET_KEY']`"
    assert [(p.location.line if p.location else None, p.branch) for p in keys] == [
        (7, f"{environ} succeeds"),
        (11, f"{environ} fails and `with open('secret.txt') as key_file:` succeeds"),
        (13, f"{environ} fails and `with open('secret.txt') as key_file:` fails"),
    ]
    assert shipped(keys[2].value) == "secret-key-missing!"
    # A handler that does nothing leaves the value before the `try` (Django's default).
    assert values(django, "settings.py", "DEBUG")[1] is False
    # Handlers that raise or exit are no way on: the body's value is the only one.
    hosts = django.settings["settings.py"].get("ALLOWED_HOSTS")
    assert [p.branch for p in hosts] == [""]
    assert [p.branch for p in django.settings["settings.py"].get("CSRF_COOKIE_SECURE")] == [""]
    # `with suppress(KeyError):` is `except KeyError: pass`.
    assert values(django, "settings.py", "SESSION_COOKIE_SECURE")[1] is False


def test_library_modules_are_not_settings(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "oscar/__init__.py": 'INSTALLED_APPS = ["oscar.apps.basket"]\n',
            "compat.py": 'AUTH_USER_MODEL = "auth.User"\n',
            "django/conf/global_settings.py": "INSTALLED_APPS = []\nMIDDLEWARE = []\n",
            "settings.py": "ROOT_URLCONF = 'urls'\n",
        },
    )
    assert [s.relpath for s in model(tmp_path).judged] == ["settings.py"]


def test_flask_config_is_not_django(tmp_path: Path) -> None:
    write(tmp_path, {"config.py": 'SECRET_KEY = "x"\nDEBUG = True\n'})
    config = load_config([tmp_path], isolated=True, root=tmp_path)
    result = scan([tmp_path], config)
    assert result.findings == []


@pytest.mark.parametrize(
    ("module", "is_test", "role"),
    [
        pytest.param("mysite.settings.dev", False, Role.DEVELOPMENT, id="dev"),
        pytest.param("mysite.settings.local", False, Role.DEVELOPMENT, id="local"),
        pytest.param("mysite.settings.devstack", False, Role.DEVELOPMENT, id="devstack"),
        pytest.param("config.settings.developer", False, Role.DEVELOPMENT, id="developer"),
        pytest.param("settings_test", False, Role.TEST, id="settings-test"),
        pytest.param("pretix._build_settings", False, Role.TEST, id="build"),
        pytest.param("dojo.settings.unittests", False, Role.TEST, id="unittests"),
        pytest.param("scripts.smoketest_configuration", False, Role.TEST, id="smoketest"),
        pytest.param("mysite.settings.docs", False, Role.TEST, id="docs"),
        pytest.param("proj.settings.Docs", False, Role.TEST, id="docs-configuration"),
        pytest.param("mysite.sphinx_settings", False, Role.TEST, id="sphinx"),
        pytest.param("docs.settings", False, Role.UNSPECIFIED, id="docs-package"),
        pytest.param("mysite.settings.api_docs_prod", False, Role.PRODUCTION, id="docs-prod"),
        pytest.param("settings_smoke", False, Role.TEST, id="smoke"),
        pytest.param("mysite.settings_loadtest", False, Role.TEST, id="loadtest"),
        pytest.param("mysite.settings.load_test", False, Role.TEST, id="load-test"),
        pytest.param("config.settings.e2e", False, Role.TEST, id="e2e"),
        pytest.param("mysite.settings_e2e", False, Role.TEST, id="settings-e2e"),
        pytest.param("mysite.cypress_settings", False, Role.TEST, id="cypress"),
        pytest.param("config.settings.bdd", False, Role.TEST, id="bdd"),
        pytest.param("mysite.behave_settings", False, Role.TEST, id="behave"),
        pytest.param("config.settings.playwright", False, Role.TEST, id="playwright"),
        pytest.param("mainsite.settings_testserver", False, Role.TEST, id="testserver"),
        pytest.param("mysite.settings.testserver", False, Role.TEST, id="testserver-module"),
        pytest.param("mysite.settings.e2ee", False, Role.UNSPECIFIED, id="e2ee-not-e2e"),
        pytest.param("config.settings.travis", False, Role.TEST, id="ci-service"),
        pytest.param("mysite.settings_circleci", False, Role.TEST, id="ci-service-suffix"),
        pytest.param("smokehouse.settings", False, Role.UNSPECIFIED, id="smokehouse"),
        pytest.param("mysite.settings", True, Role.TEST, id="in-tests"),
        pytest.param("config.settings.production", False, Role.PRODUCTION, id="production"),
        pytest.param("mysite.settings", False, Role.UNSPECIFIED, id="only"),
        pytest.param("devproject.settings", False, Role.DEVELOPMENT, id="dev-project"),
        pytest.param("dev_site.settings", False, Role.DEVELOPMENT, id="dev-site"),
        pytest.param("website.settings", False, Role.UNSPECIFIED, id="website"),
        pytest.param("example_project.settings", False, Role.DEVELOPMENT, id="example-project"),
        pytest.param("test_project.settings", False, Role.TEST, id="test-project"),
        pytest.param("testsite.settings", False, Role.TEST, id="testsite"),
        pytest.param("tests.settings", False, Role.UNSPECIFIED, id="tests-package"),
        pytest.param("contest_site.settings", False, Role.UNSPECIFIED, id="contest-site"),
        pytest.param("exampleproject.settings", False, Role.DEVELOPMENT, id="exampleproject"),
        pytest.param("demo.settings", False, Role.DEVELOPMENT, id="demo-project"),
        pytest.param("demo_project.settings", False, Role.DEVELOPMENT, id="demo-underscore"),
        pytest.param("blog.settings_demo", False, Role.UNSPECIFIED, id="settings-demo"),
        pytest.param("example.settings_prod", False, Role.PRODUCTION, id="example-prod"),
        pytest.param("mysite.settings_example", False, Role.UNSPECIFIED, id="settings-example"),
        pytest.param("config.settings.base", False, Role.UNSPECIFIED, id="base"),
        pytest.param("devproject.settings_prod", False, Role.PRODUCTION, id="own-name-first"),
        pytest.param("studio.not_production_settings", False, Role.DEVELOPMENT, id="not-prod"),
        pytest.param("mysite.settings.non_prod", False, Role.DEVELOPMENT, id="non-prod"),
        pytest.param("mysite.settings.nonprod", False, Role.DEVELOPMENT, id="nonprod"),
        pytest.param("mysite.settings.not_production_test", False, Role.TEST, id="not-prod-test"),
        pytest.param("mysite.settings.production_no_cache", False, Role.PRODUCTION, id="prod-no"),
        pytest.param("studio.collectstatic_settings", False, Role.TEST, id="collectstatic"),
        pytest.param("mysite.settings.debug", False, Role.DEVELOPMENT, id="debug"),
        pytest.param(
            "mysite.settings.production_debug", False, Role.PRODUCTION, id="production-debug"
        ),
        pytest.param("mysite.settings.local_prod_debug", False, Role.DEVELOPMENT, id="local-debug"),
    ],
)
def test_roles(module: str, is_test: bool, role: Role) -> None:
    assert role_of(module, is_test) is role


def test_documentation_words_only_where_asked() -> None:
    assert role_of("mysite.settings.docs") is Role.TEST
    assert role_of("docs", documentation=False) is Role.UNSPECIFIED
    assert role_of("docs_dev", documentation=False) is Role.DEVELOPMENT


@pytest.mark.parametrize(
    ("debug", "role"),
    [
        pytest.param("", Role.DEVELOPMENT, id="keeps-debug-on"),
        pytest.param("DEBUG = True\n", Role.DEVELOPMENT, id="debug-on-again"),
        pytest.param("DEBUG = False\n", Role.UNSPECIFIED, id="debug-off"),
        pytest.param('DEBUG = os.environ.get("DEBUG") == "1"\n', Role.UNSPECIFIED, id="env"),
    ],
)
def test_module_starting_from_a_development_one_keeping_debug_on_is_one(
    tmp_path: Path, debug: str, role: Role
) -> None:
    # djangoproject.com: `settings/docker.py` (Docker Compose's) starts `from .dev import *`.
    write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings/__init__.py": "",
            "site/settings/dev.py": 'ROOT_URLCONF = "site.urls"\nDEBUG = True\n',
            "site/settings/docker.py": f"import os\nfrom .dev import *\n{debug}",
            "site/settings/common.py": 'ROOT_URLCONF = "site.urls"\nDEBUG = True\n',
            "site/settings/server.py": "from .common import *\n",
        },
    )
    django = model(tmp_path)
    assert django.role_of_path("site/settings/docker.py") is role
    assert django.settings["site/settings/docker.py"].role is role
    # NOTE: a base whose name says nothing makes nothing a development module.
    assert django.role_of_path("site/settings/server.py") is Role.UNSPECIFIED


def test_test_code_does_not_make_base_modules_judged(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "tests/settings/__init__.py": "",
            "tests/settings/base.py": "INSTALLED_APPS = []\nMIDDLEWARE = []\n",
            "tests/settings/prod.py": "from .base import *\n",
        },
    )
    assert [s.relpath for s in model(tmp_path).judged] == ["tests/settings/prod.py"]


@pytest.mark.parametrize(
    ("importers", "judged"),
    [
        pytest.param(("dev", "test"), ["base", "dev", "test"], id="only-dev-and-test"),
        pytest.param(("dev", "prod"), ["dev", "prod"], id="prod-imports-it"),
        pytest.param(("dev", "common"), ["common", "dev"], id="unnamed-imports-it"),
    ],
)
def test_base_imported_only_by_dev_and_test_modules_is_judged(
    tmp_path: Path, importers: tuple[str, ...], judged: list[str]
) -> None:
    # Baby Buddy: `settings/base.py` is what production runs; `development.py`, `ci.py`
    # and `test.py` import it.
    files = {
        "site/__init__.py": "",
        "site/settings/__init__.py": "",
        "site/settings/base.py": 'INSTALLED_APPS = []\nMIDDLEWARE = []\nROOT_URLCONF = "site.urls"\n',
        "site/settings_example.py": 'INSTALLED_APPS = []\nROOT_URLCONF = "site.urls"\n',
        # Misago: a reusable app's defaults, imported only by its development project.
        "forum/__init__.py": "",
        "forum/settings.py": 'INSTALLED_APPS = ["forum"]\nFORUM_MIDDLEWARE = []\n',
        "devproject/__init__.py": "",
        "devproject/settings.py": (
            'from forum.settings import *\nMIDDLEWARE = []\nROOT_URLCONF = "devproject.urls"\n'
        ),
        "site/settings_test.py": "from .settings_example import *\n",
    }
    for name in importers:
        files[f"site/settings/{name}.py"] = "from .base import *\n"
    write(tmp_path, files)
    # Weblate: `settings_test.py` imports `settings_example.py`, which production copies.
    relpaths = [s.relpath for s in model(tmp_path).judged]
    assert relpaths == [
        "devproject/settings.py",
        *(f"site/settings/{name}.py" for name in judged),
        "site/settings_test.py",
    ]


def test_test_code_base_imported_by_test_settings_stays_unjudged(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "tests/settings/__init__.py": "",
            "tests/settings/base.py": "INSTALLED_APPS = []\nMIDDLEWARE = []\n",
            "tests/settings/sqlite.py": "from .base import *\n",
        },
    )
    assert [s.relpath for s in model(tmp_path).judged] == ["tests/settings/sqlite.py"]


def test_dev_module_findings_are_lowered_with_context() -> None:
    root = PROJECTS / "split_settings"
    findings = audit([root], root, select=["WW201", "WW203", "WW1160"])
    by_place = {(f.code, f.location.path): f for f in findings}
    dev_key = by_place["WW203", "config/settings/dev.py"]
    assert dev_key.severity is Severity.LOW
    assert dev_key.context == "settings module config/settings/dev.py (development)"
    prod_key = by_place["WW203", "config/settings/base.py"]
    assert prod_key.severity is Severity.HIGH
    assert prod_key.context == "settings module config/settings/prod.py"
    # DEBUG = True in dev.py is what dev.py is for.
    assert not [f for f in findings if f.code == "WW1160"]


def test_value_helpers() -> None:
    value = [
        "a",
        DeployTime((), "b"),
    ]
    assert shipped(value) == ["a", "b"]
    assert contains(["a", UNKNOWN], "b") is None
    assert contains(["a"], "b") is False
    assert contains(UNKNOWN, "b") is None
    assert lookup({"a": {"b": 1}}, "a", "b") == 1
    assert lookup({"a": 1}, "a", "b") is UNKNOWN
    assert deploy_note("x") == ""


@pytest.mark.parametrize(
    ("branch", "role"),
    [
        pytest.param("`TESTING`", Role.TEST, id="flag"),
        pytest.param("`'test' in sys.argv`", Role.TEST, id="argv"),
        pytest.param("`'runserver' in sys.argv`", Role.DEVELOPMENT, id="argv-dev-server"),
        pytest.param("`not ('runserver' in sys.argv)`", Role.UNSPECIFIED, id="argv-not-dev-server"),
        pytest.param("`not ALLOWED_HOSTS` and `DEBUG`", Role.DEVELOPMENT, id="and-debug"),
        pytest.param("`settings.DEBUG`", Role.DEVELOPMENT, id="attribute"),
        pytest.param("`ENV in ('dev', 'test')`", Role.DEVELOPMENT, id="env-in"),
        pytest.param("`ENV == 'ci'`", Role.TEST, id="env-eq"),
        pytest.param("`'TRAVIS' in os.environ`", Role.TEST, id="ci-service-variable"),
        pytest.param("`'GHACTIONS' in os.environ`", Role.TEST, id="github-actions-short"),
        pytest.param("`GITHUB_ACTIONS`", Role.TEST, id="github-actions-flag"),
        pytest.param("`ENABLE_ACTIONS`", Role.UNSPECIFIED, id="actions-alone"),
        pytest.param("`not TESTING`", Role.UNSPECIFIED, id="negated"),
        pytest.param("`not IN_PRODUCTION`", Role.DEVELOPMENT, id="not-production-flag"),
        pytest.param("`not settings.IS_PROD`", Role.DEVELOPMENT, id="not-prod-attribute"),
        pytest.param("`not IS_STAGING`", Role.UNSPECIFIED, id="not-staging"),
        pytest.param("`IN_PRODUCTION`", Role.UNSPECIFIED, id="production-flag"),
        pytest.param("`NOT_PRODUCTION`", Role.DEVELOPMENT, id="negated-production-flag"),
        pytest.param("`not IS_NON_PROD`", Role.UNSPECIFIED, id="not-a-non-production-flag"),
        pytest.param("`DEBUG or SHOW_ERRORS`", Role.UNSPECIFIED, id="either"),
        pytest.param(
            "`any(('pytest' in arg for arg in sys.argv)) or 'test' in sys.argv`",
            Role.TEST,
            id="either-test-run",
        ),
        pytest.param("`'test' in sys.argv or DEBUG`", Role.DEVELOPMENT, id="test-or-debug"),
        pytest.param("`'test' in sys.argv or LIVE`", Role.UNSPECIFIED, id="test-or-other"),
        pytest.param("`any((DEBUG for _ in FLAGS))`", Role.DEVELOPMENT, id="any-debug"),
        pytest.param("`any(PRODUCTION, TESTING)`", Role.UNSPECIFIED, id="any-not-a-scan"),
        pytest.param("`not (ENV != 'local')`", Role.DEVELOPMENT, id="other-arm-of-not-local"),
        pytest.param("`not (ENV not in ('dev', 'test'))`", Role.DEVELOPMENT, id="not-not-in"),
        pytest.param("`not (ENV != 'production')`", Role.UNSPECIFIED, id="other-arm-of-not-prod"),
        pytest.param("`ENV != 'local'`", Role.UNSPECIFIED, id="not-local"),
        pytest.param("`ENV == 'production'`", Role.UNSPECIFIED, id="production"),
        pytest.param("`ENV in ('dev', 'prod')`", Role.UNSPECIFIED, id="env-in-prod"),
        pytest.param(
            "`os.environ.get('DEBUG', 'true').lower() == 'false'`",
            Role.UNSPECIFIED,
            id="debug-variable-off",
        ),
        pytest.param(
            "`not (os.environ.get('DEBUG', 'true').lower() == 'false')`",
            Role.DEVELOPMENT,
            id="debug-variable-not-off",
        ),
        pytest.param(
            "`os.getenv('DJANGO_DEBUG') in ('1', 'True')`", Role.DEVELOPMENT, id="debug-variable-on"
        ),
        pytest.param(
            "`os.environ['IN_PRODUCTION'] != 'true'`",
            Role.DEVELOPMENT,
            id="production-variable-not-on",
        ),
        pytest.param("`os.getenv('STAGING') == '1'`", Role.UNSPECIFIED, id="staging-variable-on"),
        pytest.param("`os.getenv('DEBUG') == 'verbose'`", Role.UNSPECIFIED, id="not-a-flag-word"),
        pytest.param(
            "`env.bool('DJANGO_DEBUG', True)`", Role.DEVELOPMENT, id="debug-variable-read"
        ),
        pytest.param("`not os.getenv('DEBUG')`", Role.UNSPECIFIED, id="debug-variable-unset"),
        pytest.param("`from .local import *` succeeds", Role.UNSPECIFIED, id="import"),
        pytest.param("`from .dev import *` succeeds", Role.DEVELOPMENT, id="import-dev"),
        pytest.param("`from .dev import *` fails", Role.UNSPECIFIED, id="import-dev-fails"),
        pytest.param("`from app.settings_test import *` succeeds", Role.TEST, id="import-test"),
        pytest.param("`from .production import *` succeeds", Role.UNSPECIFIED, id="import-prod"),
        pytest.param("`import local_settings` succeeds", Role.UNSPECIFIED, id="import-local"),
    ],
)
def test_branch_roles(branch: str, role: Role) -> None:
    assert role_of_branch(branch) is role


def test_values_only_a_test_or_development_branch_gives_are_lowered(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings.py": textwrap.dedent(
                """\
                import os
                import sys

                DEBUG = os.environ.get("DEBUG") == "1"
                ALLOWED_HOSTS = os.environ.get("HOSTS", "").split()
                INSTALLED_APPS = ["django.contrib.auth"]
                TESTING = "test" in sys.argv
                if TESTING:
                    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
                if not ALLOWED_HOSTS and DEBUG:
                    ALLOWED_HOSTS = ["*"]
                if not TESTING:
                    SECRET_KEY = "a-literal-key-that-production-runs-with-1234567890"
                """
            ),
        },
    )
    findings = audit([tmp_path], tmp_path, select=["WW701", "WW1162", "WW203"])
    by_code = {f.code: f for f in findings}
    assert by_code["WW701"].severity is Severity.LOW
    assert by_code["WW701"].context == "settings module site/settings.py, test branch"
    assert by_code["WW1162"].severity is Severity.LOW
    assert by_code["WW203"].severity is Severity.HIGH


@pytest.mark.parametrize(
    ("flag", "severity", "context"),
    [
        pytest.param(
            "IN_PRODUCTION",
            Severity.LOW,
            "settings module site/settings.py, development branch",
            id="production-flag",
        ),
        pytest.param(
            "ON_HEROKU",
            Severity.LOW,
            "settings module site/settings.py, development branch",
            id="hosting-platform-flag",
        ),
        pytest.param(
            "IS_STAGING", Severity.HIGH, "settings module site/settings.py", id="staging-flag"
        ),
    ],
)
def test_a_production_flag_off_when_unset_keeps_both_arms(
    tmp_path: Path, flag: str, severity: Severity, context: str
) -> None:
    """OpenCodelists' `if IN_PRODUCTION:`, read from the environment and off when unset:
    the production server turns it on, so what it sets is what production gets, and the
    other arm is a developer's machine. A staging flag's other arm is production too."""
    settings = f"""\
import os

INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions"]
ROOT_URLCONF = "site.urls"
{flag} = os.environ.get("{flag}", default=False) == "True"
if {flag}:
    SESSION_COOKIE_SECURE = True
"""
    write(tmp_path, {"site/__init__.py": "", "site/settings.py": settings})
    findings = audit([tmp_path], tmp_path, select=["WW801"])
    assert [(f.severity, f.context) for f in findings] == [(severity, context)]


@pytest.mark.parametrize(
    ("default", "expected"),
    [
        pytest.param(
            "true",
            [
                ("WW1160", 13, Severity.HIGH),
                ("WW1162", 8, Severity.MEDIUM),
                ("WW203", 12, Severity.LOW),
            ],
            id="on-when-unset",
        ),
        pytest.param(
            "false",
            [("WW1162", 8, Severity.MEDIUM)],
            id="off-when-unset",
        ),
    ],
)
def test_a_development_flag_read_in_the_test_keeps_both_arms(
    tmp_path: Path, default: str, expected: list[tuple[str, int, Severity]]
) -> None:
    """openstates.org's `if os.environ.get("DEBUG", "true").lower() == "false":`: on when
    unset, so the `else` arm is a developer's machine and the first is what deployments
    get, as with `if not DEBUG:`, and `DEBUG`, set by the arms to the flag, is the flag
    read at deploy time, on when unset; off when unset, the default decides: the first
    arm alone."""
    settings = f"""\
import os

INSTALLED_APPS = ["django.contrib.auth"]
ROOT_URLCONF = "site.urls"

if os.environ.get("DEBUG", "{default}").lower() == "false":
    DEBUG = False
    ALLOWED_HOSTS = ["*"]
    SECRET_KEY = os.environ["SECRET_KEY"]
else:
    ALLOWED_HOSTS = ["localhost"]
    SECRET_KEY = "a-development-key"
    DEBUG = True
"""
    write(tmp_path, {"site/__init__.py": "", "site/settings.py": settings})
    findings = audit([tmp_path], tmp_path, select=["WW1160", "WW1162", "WW203"])
    found = sorted((f.code, f.location.line, f.severity) for f in findings)
    assert found == expected


@pytest.mark.parametrize(
    ("test", "severity", "shown"),
    [
        pytest.param(
            'any("pytest" in arg for arg in sys.argv) or "test" in sys.argv',
            Severity.LOW,
            "`any(('pytest' in arg for arg in sys.argv)) or 'test' in sys.argv`",
            id="test-run",
        ),
        pytest.param(
            '"test" in sys.argv or os.environ.get("FAST_PASSWORD_HASHING_IN_PRODUCTION")',
            Severity.HIGH,
            "`'test' in sys.argv or os.environ.get('FAST_PASSWORD_HASHI...`",
            id="test-run-or-other",
        ),
    ],
)
def test_a_long_test_keeps_its_role(
    tmp_path: Path, test: str, severity: Severity, shown: str
) -> None:
    """Hydroshare's test runner branch: longer than a message shows, read whole."""
    settings = f"""\
import os
import sys

INSTALLED_APPS = ["django.contrib.auth"]
ROOT_URLCONF = "site.urls"
if {test}:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
"""
    write(tmp_path, {"site/__init__.py": "", "site/settings.py": settings})
    (finding,) = audit([tmp_path], tmp_path, select=["WW701"])
    assert finding.severity is severity
    assert finding.message.endswith(f"(when {shown})")


@pytest.mark.parametrize(
    ("relpath", "role"),
    [
        pytest.param(
            "evap/development/localsettings.template.py", Role.DEVELOPMENT, id="in-dev-folder"
        ),
        pytest.param("deploy/settings.production.py", Role.PRODUCTION, id="named-production"),
        pytest.param("conf/localsettings.template.py", Role.UNSPECIFIED, id="says-nothing"),
    ],
)
def test_files_to_copy_are_named_by_their_stem_and_folder(relpath: str, role: Role) -> None:
    module = relpath.removesuffix(".py").replace("/", ".")
    assert role_of(module, relpath=relpath) is role


@pytest.mark.parametrize(
    ("relpath", "role"),
    [
        pytest.param(".github/workflows/mysql_settings.py", Role.TEST, id="github-workflow"),
        pytest.param(".gitlab/ci/production_settings.py", Role.TEST, id="gitlab-ci"),
        pytest.param("github/settings.py", Role.UNSPECIFIED, id="package-named-github"),
    ],
)
def test_modules_in_a_ci_service_folder_are_test_ones(relpath: str, role: Role) -> None:
    module = relpath.rpartition("/")[2].removesuffix(".py")
    assert role_of(module, relpath=relpath) is role


def test_an_unseen_optional_module_leaves_the_alternative_in_effect(tmp_path: Path) -> None:
    """`try: from .local import * except ImportError: from .base import *` with no
    `local.py` in the tree: what the host's module sets is unknown, so the settings are
    the alternative's, not Django's defaults under the import's success."""
    write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings/__init__.py": """
                try:
                    from .local import *
                except ImportError:
                    from .base import *
            """,
            "site/settings/base.py": """
                ROOT_URLCONF = "site.urls"
                SESSION_COOKIE_SECURE = True
            """,
        },
    )
    django = model(tmp_path)
    secure = django.settings["site/settings/__init__.py"].get("SESSION_COOKIE_SECURE")
    assert [(p.value, p.branch) for p in secure] == [(True, "")]


@pytest.mark.parametrize(
    ("settings", "base"),
    [
        pytest.param(
            'import os\nDEBUG = os.getenv("DJANGO_DEBUG") != "FALSE"\n', "", id="same-module"
        ),
        pytest.param(
            "from base import *\n",
            'import os\nDEBUG = os.getenv("DJANGO_DEBUG") != "FALSE"\n',
            id="across-modules",
        ),
    ],
)
def test_a_setting_given_a_development_flag_on_when_unset_is_a_branch(
    tmp_path: Path, settings: str, base: str
) -> None:
    """`X = not DEBUG` with the flag on when unset is `if DEBUG:` written as an
    expression: each arm is kept, the flag's a development branch."""
    common = 'INSTALLED_APPS = ["django.contrib.sessions"]\nROOT_URLCONF = "urls"\n'
    assigned = "SESSION_COOKIE_SECURE = not DEBUG\nCSRF_COOKIE_SECURE = DEBUG\n"
    files = {"settings.py": settings + common + assigned}
    if base:
        files["base.py"] = base
    django = model(write(tmp_path, files))
    module = django.settings["settings.py"]
    cookie = [(p.shipped, p.branch) for p in module.get("SESSION_COOKIE_SECURE")]
    assert cookie == [(False, "`DEBUG`"), (True, "`not DEBUG`")]
    csrf = [(p.shipped, p.branch) for p in module.get("CSRF_COOKIE_SECURE")]
    assert csrf == [(True, "`DEBUG`"), (False, "`not DEBUG`")]
    findings = audit([tmp_path], tmp_path, select=["WW801"])
    assert [(f.code, f.severity) for f in findings] == [("WW801", Severity.LOW)]


def test_settings_kept_to_be_copied_into_place_are_judged_by_their_names(tmp_path: Path) -> None:
    # U-Report: `settings.py.prod`, `settings.py.dev` beside the `settings.py` they replace.
    write(
        tmp_path,
        {
            "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n',
            "site/__init__.py": "",
            "site/settings_common.py": 'ROOT_URLCONF = "site.urls"\nDEBUG = False\n',
            "site/settings.py": "from .settings_common import *\n",
            "site/settings.py.prod": 'from .settings_common import *\nALLOWED_HOSTS = ["*"]\n',
            "site/settings.py.dev": "from .settings_common import *\nDEBUG = True\n",
        },
    )
    django = model(tmp_path)
    prod = django.settings["site/settings.py.prod"]
    assert prod.role is Role.PRODUCTION
    assert prod.chain == ("site/settings.py.prod", "site/settings_common.py")
    assert values(django, "site/settings.py.prod", "ALLOWED_HOSTS") == [["*"]]
    assert django.settings["site/settings.py.dev"].role is Role.DEVELOPMENT
    findings = {(f.code, f.location.path, f.severity) for f in audit([tmp_path], tmp_path)}
    assert ("WW1162", "site/settings.py.prod", Severity.MEDIUM) in findings
    # NOTE: a developer's `DEBUG = True` is no finding; what a deployment misses is low there.
    assert {(code, severity) for code, path, severity in findings if path.endswith(".dev")} == {
        ("WW601", Severity.LOW),
        ("WW901", Severity.LOW),
        ("WW1001", Severity.LOW),
    }


@pytest.mark.parametrize(
    ("production", "context"),
    [
        pytest.param(
            "from .base import *\nDEBUG = False\n",
            "settings module site/settings/production.py",
            id="deployed-module-named",
        ),
        pytest.param(
            "from .base import *\nSECURE_HSTS_SECONDS = 31536000\n",
            "settings module site/settings/dev.py (development)",
            id="only-dev-keeps-it",
        ),
    ],
)
def test_base_value_names_deployed_module_at_equal_severity(
    tmp_path: Path, production: str, context: str
) -> None:
    # `base.py`'s value reached from `dev.py` and `production.py` alike: a low-severity
    # rule gives both the same severity, and the finding names the deployed module.
    write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings/__init__.py": "",
            "site/settings/base.py": (
                'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n'
                "SECURE_HSTS_SECONDS = 2592000\n"
            ),
            "site/settings/dev.py": "from .base import *\nDEBUG = True\n",
            "site/settings/production.py": production,
        },
    )
    findings = audit([tmp_path], tmp_path, select=["WW903"])
    assert [(f.location.path, f.location.line, f.context) for f in findings] == [
        ("site/settings/base.py", 2, context)
    ]


def test_value_kept_by_both_arms_is_not_a_development_value(tmp_path: Path) -> None:
    # `SESSION_COOKIE_SECURE = False` holds with `DEBUG` off, and with it on when the
    # development arm's `try` fails: the value every deployment gets, not lowered.
    write(
        tmp_path,
        {
            "settings.py": (
                "import os\nimport sys\n\n"
                'DEBUG = "runserver" in sys.argv\n'
                'INSTALLED_APPS = ["django.contrib.sessions"]\n'
                'MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n'
                "SESSION_COOKIE_SECURE = False\n"
                "if DEBUG:\n"
                "    try:\n"
                '        SESSION_COOKIE_SECURE = os.environ["DEV_SECURE"] == "1"\n'
                "    except KeyError:\n"
                "        pass\n"
            ),
        },
    )
    findings = audit([tmp_path], tmp_path, select=["WW801"])
    assert [(f.location.line, f.severity, f.context) for f in findings] == [
        (7, Severity.HIGH, "settings module settings.py")
    ]
    assert "when `not DEBUG`" in findings[0].message


@pytest.mark.parametrize(
    ("middleware", "expected"),
    [
        pytest.param("djangosecure.middleware.SecurityMiddleware", [False], id="django-secure"),
        pytest.param("django.middleware.security.SecurityMiddleware", [True], id="django"),
    ],
)
def test_django_secure_stands_in_with_its_own_defaults(
    tmp_path: Path, middleware: str, expected: list[object]
) -> None:
    django = model(
        write(
            tmp_path,
            {"settings.py": f'MIDDLEWARE_CLASSES = ["{middleware}"]\nSECURE_FRAME_DENY = True\n'},
        )
    )
    settings = django.settings["settings.py"]
    assert contains(settings.get("MIDDLEWARE")[0].value, middleware)
    assert contains(
        settings.get("MIDDLEWARE")[0].value, "django.middleware.security.SecurityMiddleware"
    )
    assert values(django, "settings.py", "SECURE_CONTENT_TYPE_NOSNIFF") == expected
    assert values(django, "settings.py", "SECURE_FRAME_DENY") == [True]


_PROXY_MIDDLEWARE = """
    from django.conf import settings
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django.http import HttpResponse


    class ProxyLogin(AuthenticationMiddleware):
        def __call__(self, request):
            email = request.META.get(settings.SSO_HEADER)
            if email is None:
                return HttpResponse(status=401)
            request.user = find_user(email)
            return self.get_response(request)


    class SiteLogin(ProxyLogin):
        pass
"""


@pytest.mark.parametrize(
    ("middleware", "expected"),
    [
        pytest.param("site.gate.SiteLogin", True, id="subclass-of-a-proxy-gate"),
        pytest.param("django.contrib.auth.middleware.AuthenticationMiddleware", False, id="none"),
    ],
)
def test_proxy_login(tmp_path: Path, middleware: str, expected: bool) -> None:
    root = write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/gate.py": _PROXY_MIDDLEWARE,
            "site/settings.py": f"""
                INSTALLED_APPS = ["django.contrib.auth"]
                ROOT_URLCONF = "site.urls"
                MIDDLEWARE = ["{middleware}"]
            """,
            "site/urls.py": "urlpatterns = []\n",
        },
    )
    django = model(root)
    assert django.proxy_login is expected
    assert django.login_middleware is expected


def test_variables_a_settings_chain_requires(tmp_path: Path) -> None:
    """Variables read without a default at the top level of a module of the chain, also
    inside a dict and through a reader the base module makes; not those read in a branch,
    a lambda, with a default, or set."""
    write(
        tmp_path,
        {
            "config/__init__.py": "",
            "config/settings/__init__.py": "",
            "config/settings/base.py": """
                import os

                import environ

                env = environ.Env()
                ROOT_URLCONF = "config.urls"
                INSTALLED_APPS = ["django.contrib.auth"]
                DATABASE_URL = os.environ["DATABASE_URL"]
                HOOK_KEY = env("HOOK_KEY", default="")
                os.environ["CREDENTIALS_FILE"] = "/tmp/credentials"
            """,
            "config/settings/production.py": """
                import os

                from .base import *
                from .base import env

                SECRET_KEY = os.environ["SECRET_KEY"]
                ANYMAIL = {"API_KEY": env("MAIL_KEY"), "DOMAIN": env("MAIL_DOMAIN", default="")}
                if os.environ.get("SENTRY"):
                    SENTRY_DSN = os.environ["SENTRY_DSN"]
                CALLBACK = lambda request: os.environ["TOOLBAR_USER"]
            """,
        },
    )
    django = model(tmp_path)
    assert django.settings["config/settings/production.py"].required == {
        "DATABASE_URL",
        "SECRET_KEY",
        "MAIL_KEY",
    }
    assert django.settings["config/settings/base.py"].required == {"DATABASE_URL"}


def test_entries_of_config_dicts(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "portal/__init__.py": "",
            "portal/options.py": """
                import environ

                env = environ.Env()
                SITE = {
                    "hosts": env.list("HOSTS", default=["*"]),
                    "mail": {"port": 2525},
                    "debug": env.bool("DEBUG", default=False),
                }
                CHANGED = {"hosts": ["a.example"]}
                CHANGED["hosts"] = ["*"]
            """,
            "portal/settings.py": """
                from portal.options import CHANGED, SITE

                LOCAL = {"key": "local-value"}
                ROOT_URLCONF = "portal.urls"
                INSTALLED_APPS = ["django.contrib.auth"]
                ALLOWED_HOSTS = SITE["hosts"]
                EMAIL_PORT = SITE["mail"]["port"]
                DEBUG = SITE["debug"]
                SECRET_KEY = LOCAL["key"]
                CSRF_TRUSTED_ORIGINS = CHANGED["hosts"]
                SERVER_EMAIL = SITE["missing"]
            """,
        },
    )
    django = model(tmp_path)
    assert values(django, "portal/settings.py", "ALLOWED_HOSTS") == [["*"]]
    assert values(django, "portal/settings.py", "EMAIL_PORT") == [2525]
    assert values(django, "portal/settings.py", "DEBUG") == [False]
    assert values(django, "portal/settings.py", "SECRET_KEY") == ["local-value"]
    # NOTE: a dict the module changes after binding it, or a key it lacks: not known.
    assert values(django, "portal/settings.py", "CSRF_TRUSTED_ORIGINS") == [UNKNOWN]
    assert values(django, "portal/settings.py", "SERVER_EMAIL") == [UNKNOWN]


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        pytest.param(
            'LOCAL = os.environ.get("LOCAL", "1") == "1"\nif LOCAL:',
            [(True, "")],
            id="flag-on-when-unset",
        ),
        pytest.param(
            'if os.environ.get("DJANGO_DEBUG", "true") != "false":',
            [(True, "")],
            id="read-in-the-test",
        ),
        pytest.param(
            'if os.environ.get("DJANGO_DEBUG", "false") == "true":', [(False, "")], id="off"
        ),
    ],
)
def test_debug_set_to_a_development_flag_in_its_arms_is_the_flag(
    tmp_path: Path, flag: str, expected: list[tuple[object, str]]
) -> None:
    """`DEBUG = True` in the arm a development flag's default takes, `False` in the
    other: `DEBUG` read at deploy time, one value whichever arm runs."""
    source = f"import os\n{flag}\n    DEBUG = True\nelse:\n    DEBUG = False\n"
    django = model(write(tmp_path, {"settings.py": source + 'ROOT_URLCONF = "urls"\n'}))
    debug = django.settings["settings.py"].get("DEBUG")
    assert [(p.shipped, p.branch) for p in debug] == expected
    assert isinstance(debug[0].value, DeployTime) == (expected[0][0] is True)


@pytest.mark.parametrize(
    ("missing", "complete"),
    [
        pytest.param("local", True, id="developers-overlay"),
        pytest.param("production_settings", False, id="deployments-own"),
    ],
)
def test_star_import_the_tree_lacks_in_one_arm(
    tmp_path: Path, missing: str, complete: bool
) -> None:
    # A developer's or host's overlay missing in one arm leaves that arm's per-host
    # settings unknown and the rest as the tree gives them; a deployment's own module
    # may set anything.
    write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings/__init__.py": f"""
                import os
                INSTALLED_APPS = ["django.contrib.sessions"]
                ROOT_URLCONF = "site.urls"
                DEBUG = False
                if "ON_PAAS" in os.environ:
                    from .paas import *
                else:
                    from .{missing} import *
            """,
            "site/settings/paas.py": "SESSION_COOKIE_SECURE = True\n",
        },
    )
    settings = model(tmp_path).settings["site/settings/__init__.py"]
    assert settings.complete is complete
    if not complete:
        assert [p.value for p in settings.get("SESSION_COOKIE_SAMESITE")] == [UNKNOWN]
        return
    assert [p.value for p in settings.get("SESSION_COOKIE_SAMESITE")] == ["Lax"]
    assert sorted((p.branch, p.value) for p in settings.get("SESSION_COOKIE_SECURE")) == [
        ("`'ON_PAAS' in os.environ`", True),
        ("`not ('ON_PAAS' in os.environ)`", False),
    ]
    assert [(p.branch, p.value) for p in settings.get("DEBUG")] == [
        ("`'ON_PAAS' in os.environ`", False),
        ("`not ('ON_PAAS' in os.environ)`", UNKNOWN),
    ]


def test_star_import_the_tree_lacks_under_an_undecided_test(tmp_path: Path) -> None:
    # A module the tree lacks, star-imported only where an optional backend is chosen:
    # it may set anything there, but only there. A setting left unset keeps Django's
    # default with that arm as how it may hold another value; one set after the import
    # is known; a per-host setting given before is unknown in that arm alone.
    write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/config.py": "import os\nBACKENDS = os.environ['BACKENDS'].split(',')\n",
            "site/settings.py": """
                from site.config import BACKENDS
                INSTALLED_APPS = ["django.contrib.sessions"]
                ROOT_URLCONF = "site.urls"
                DEBUG = False
                AUTHENTICATION_BACKENDS = [*BACKENDS]
                if "ldap.Backend" in AUTHENTICATION_BACKENDS:
                    from site.ldap_config import *
                SESSION_COOKIE_SECURE = True
                MIDDLEWARE += ["site.middleware.Audit"]
            """,
        },
    )
    settings = model(tmp_path).settings["site/settings.py"]
    assert settings.complete
    when = (
        "`site.ldap_config` (not in the tree, star-imported when "
        "`'ldap.Backend' in AUTHENTICATION_BACKENDS`) sets it"
    )
    assert [u.when for u in settings.unseen] == [when]
    hsts = settings.get("SECURE_HSTS_SECONDS")
    assert [(p.value, p.location, [u.when for u in p.unless]) for p in hsts] == [(0, None, [when])]
    assert [(p.value, p.unless) for p in settings.get("SESSION_COOKIE_SECURE")] == [(True, ())]
    assert sorted((p.branch, p.value) for p in settings.get("DEBUG")) == [
        ("`'ldap.Backend' in AUTHENTICATION_BACKENDS`", UNKNOWN),
        ("`not ('ldap.Backend' in AUTHENTICATION_BACKENDS)`", False),
    ]
    middleware = settings.get("MIDDLEWARE")
    assert [(p.value, [(u.when, u.value) for u in p.unless]) for p in middleware] == [
        (["site.middleware.Audit"], [(when, UNKNOWN)])
    ]
