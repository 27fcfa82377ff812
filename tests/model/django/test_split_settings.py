from __future__ import annotations

from pathlib import Path

from tests.model.django.test_settings import model, values, write
from webwarden.analysis.constants import UNKNOWN
from webwarden.model.django.values import shipped

_INIT = """
    from split_settings.tools import include, optional
    include({})
"""


def test_included_files_run_in_the_includers_namespace(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/settings/__init__.py": _INIT.format(
                '"components/base.py", "components/middleware.py", optional("local.py")'
            ),
            "site/settings/components/base.py": """
                DEBUG = False
                ROOT_URLCONF = "site.urls"
                MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
            """,
            "site/settings/components/middleware.py": """
                MIDDLEWARE += ["django.middleware.csrf.CsrfViewMiddleware"]
                if not DEBUG:
                    SESSION_COOKIE_SECURE = True
            """,
        },
    )
    django = model(tmp_path)
    assert [s.relpath for s in django.judged] == ["site/settings/__init__.py"]
    init = django.settings["site/settings/__init__.py"]
    assert init.complete
    assert init.chain == (
        "site/settings/__init__.py",
        "site/settings/components/base.py",
        "site/settings/components/middleware.py",
    )
    assert values(django, "site/settings/__init__.py", "MIDDLEWARE") == [
        [
            "django.middleware.security.SecurityMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
        ]
    ]
    assert values(django, "site/settings/__init__.py", "SESSION_COOKIE_SECURE") == [True]


def test_a_glob_runs_the_folders_files_in_order(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "settings/__init__.py": _INIT.format('"parts/*.py"'),
            "settings/parts/a_base.py": 'ROOT_URLCONF = "urls"\nSESSION_COOKIE_SECURE = False\n',
            "settings/parts/b_cookies.py": "SESSION_COOKIE_SECURE = True\n",
            "settings/parts/deeper/c_off.py": "SESSION_COOKIE_SECURE = False\n",
        },
    )
    django = model(tmp_path)
    assert values(django, "settings/__init__.py", "SESSION_COOKIE_SECURE") == [True]


def test_a_required_file_the_tree_lacks_leaves_settings_unknown(tmp_path: Path) -> None:
    base = 'ROOT_URLCONF = "urls"\nINSTALLED_APPS = ["django.contrib.sessions"]\n'
    write(
        tmp_path,
        {
            "a/settings/__init__.py": _INIT.format('"base.py", "production.py"'),
            "a/settings/base.py": base,
            "b/settings/__init__.py": _INIT.format('"base.py", "tools.py", optional("local.py")'),
            "b/settings/base.py": base,
            # NOTE: a file that exists but sets no setting is no missing one.
            "b/settings/tools.py": "import os\nos.makedirs('/tmp/x', exist_ok=True)\n",
        },
    )
    django = model(tmp_path)
    assert values(django, "a/settings/__init__.py", "SESSION_COOKIE_SECURE") == [UNKNOWN]
    assert values(django, "b/settings/__init__.py", "SESSION_COOKIE_SECURE") == [False]


def test_a_path_known_at_run_time_runs_one_of_the_files_it_may_name(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/settings/__init__.py": """
                import os
                from split_settings.tools import include, optional
                env = os.environ.get("SITE_ENV", "prod")
                include("base.py", f"{env}.py", optional("local.py"))
            """,
            "site/settings/base.py": 'ROOT_URLCONF = "site.urls"\nSESSION_COOKIE_SECURE = True\n',
            "site/settings/dev.py": "DEBUG = True\nSESSION_COOKIE_SECURE = False\n",
            "site/settings/prod.py": "DEBUG = False\n",
            # NOTE: named literally by the same call: another component, never the one picked.
            "site/settings/local.py": "ALLOWED_HOSTS = ['example.org']\n",
        },
    )
    django = model(tmp_path)
    assert [s.relpath for s in django.judged] == ["site/settings/__init__.py"]
    init = django.settings["site/settings/__init__.py"]
    assert init.complete
    assert sorted(values(django, "site/settings/__init__.py", "SESSION_COOKIE_SECURE")) == [
        False,
        True,
    ]
    assert sorted(values(django, "site/settings/__init__.py", "DEBUG")) == [False, True]
    assert values(django, "site/settings/__init__.py", "ALLOWED_HOSTS") == [["example.org"]]


def test_a_loop_running_a_folders_conf_files_with_exec_includes_them(tmp_path: Path) -> None:
    # NOTE: Django's wiki (Transifex): `settings.py` runs `settings/*.conf` in its namespace.
    write(
        tmp_path,
        {
            "settings.py": """
                import glob
                import os
                conffiles = glob.glob(os.path.join(os.path.dirname(__file__), "settings", "*.conf"))
                conffiles.sort()
                for f in conffiles:
                    execfile(os.path.abspath(f))
            """,
            "settings/10-base.conf": 'ROOT_URLCONF = "urls"\nSESSION_COOKIE_SECURE = False\n',
            "settings/20-cookies.conf": "SESSION_COOKIE_SECURE = True\n",
        },
    )
    django = model(tmp_path)
    assert django.settings["settings.py"].chain == (
        "settings.py",
        "settings/10-base.conf",
        "settings/20-cookies.conf",
    )
    assert values(django, "settings.py", "SESSION_COOKIE_SECURE") == [True]
    assert values(django, "settings.py", "ROOT_URLCONF") == ["urls"]


def test_exec_of_an_absolute_folders_files_may_set_anything(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/settings/__init__.py": """
                import glob
                import os
                here = os.path.dirname(os.path.abspath(__file__))
                for f in sorted(glob.glob(os.path.join(here, "*.conf"))):
                    exec(compile(open(f).read(), f, "exec"))
                for f in sorted(glob.glob("/etc/site/*.conf")):
                    exec(compile(open(f).read(), f, "exec"))
            """,
            "site/settings/10-base.conf": 'ROOT_URLCONF = "urls"\nDEBUG = True\n',
        },
    )
    django = model(tmp_path)
    init = django.settings["site/settings/__init__.py"]
    assert init.chain == ("site/settings/__init__.py", "site/settings/10-base.conf")
    # NOTE: what `/etc/site/*.conf` holds is each deployment's: its DEBUG may be off.
    assert values(django, "site/settings/__init__.py", "DEBUG") == [UNKNOWN]
    assert not init.complete


def test_a_settings_folders_conf_file_that_is_no_python_is_read_as_text(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/settings/__init__.py": 'ROOT_URLCONF = "urls"\n',
            "site/settings/uwsgi.conf": "[uwsgi]\nmodule = site.wsgi\n",
        },
    )
    django = model(tmp_path)
    assert list(django.settings) == ["site/settings/__init__.py"]


def test_exec_of_a_file_in_a_run_time_folder_runs_the_trees_file_ending_so(
    tmp_path: Path,
) -> None:
    # NOTE: the folder is picked from `sys.prefix` at run time; the tree ships the
    # template a deployment copies there, and the base's DEBUG is its copy's.
    write(
        tmp_path,
        {
            "site/settings.py": """
                import os
                import sys
                DEBUG = True
                ROOT_URLCONF = "site.urls"
                if sys.prefix == "/usr":
                    conf_dir = "/etc/site"
                else:
                    conf_dir = os.path.join(sys.prefix, "etc/site")
                local_settings = os.path.join(conf_dir, "local_settings.py")
                with open(local_settings, "r") as handle:
                    exec(compile(handle.read(), local_settings, "exec"))
            """,
            "etc/site/local_settings.py": "DEBUG = False\nSECRET_KEY = 'changeme'\n",
        },
    )
    django = model(tmp_path)
    settings = django.settings["site/settings.py"]
    assert settings.chain == ("site/settings.py", "etc/site/local_settings.py")
    assert values(django, "site/settings.py", "DEBUG") == [False]
    assert settings.complete


def test_exec_of_a_file_beside_the_module_includes_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/settings.py": """
                import os
                DEBUG = False
                ROOT_URLCONF = "site.urls"
                here = os.path.dirname(__file__)
                if os.path.exists(os.path.join(here, "local.py")):
                    exec(open(os.path.join(here, "local.py")).read())
            """,
            "site/local.py": "DEBUG = True\n",
        },
    )
    django = model(tmp_path)
    assert django.settings["site/settings.py"].chain == ("site/settings.py", "site/local.py")
    assert sorted(values(django, "site/settings.py", "DEBUG")) == [False, True]


def test_exec_of_a_file_the_environment_names_beside_the_module_runs_one_of_them(
    tmp_path: Path,
) -> None:
    # NOTE: `stage_dev.py` extends the base's list; it is no settings module of its own.
    write(
        tmp_path,
        {
            "site/settings.py": """
                import os
                DEBUG = False
                ROOT_URLCONF = "site.urls"
                MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
                STAGE = os.getenv("STAGE", "prod")
                stage_file = os.path.join(os.path.dirname(__file__), f"stage_{STAGE}.py")
                with open(stage_file) as f:
                    exec(f.read())
            """,
            "site/stage_dev.py": "DEBUG = True\nMIDDLEWARE += ['debug_toolbar.middleware.X']\n",
            "site/stage_prod.py": "SESSION_COOKIE_SECURE = True\n",
            "site/other_dev.py": "DEBUG = 'other'\n",
        },
    )
    django = model(tmp_path)
    assert [s.relpath for s in django.judged] == ["site/settings.py"]
    settings = django.settings["site/settings.py"]
    assert settings.chain == ("site/settings.py", "site/stage_dev.py", "site/stage_prod.py")
    assert sorted(values(django, "site/settings.py", "DEBUG")) == [False, True]
    assert settings.complete


def test_exec_of_a_deployments_own_file_may_set_the_critical_settings(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/settings.py": """
                DEBUG = True
                ROOT_URLCONF = "site.urls"
                execfile("/etc/site/settings.py")
            """,
        },
    )
    django = model(tmp_path)
    assert values(django, "site/settings.py", "DEBUG") == [UNKNOWN]
    assert not django.settings["site/settings.py"].complete


def test_exec_in_a_namespace_of_its_own_sets_nothing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/settings.py": """
                DEBUG = True
                ROOT_URLCONF = "site.urls"
                exec(open("/etc/site/extra.py").read(), {})
                with open("local_settings.py") as handle:
                    exec(handle.read(), {})
            """,
            "local_settings.py": "DEBUG = False\n",
        },
    )
    django = model(tmp_path)
    assert values(django, "site/settings.py", "DEBUG") == [True]
    assert django.settings["site/settings.py"].chain == ("site/settings.py",)


def test_exec_of_a_path_relative_to_the_working_folder_runs_a_file_ending_so(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "settings.py": """
                DEBUG = True
                ROOT_URLCONF = "urls"
                exec(open("local_settings.py").read())
            """,
            "local_settings.py": "DEBUG = False\n",
        },
    )
    django = model(tmp_path)
    assert django.settings["settings.py"].chain == ("settings.py", "local_settings.py")
    assert values(django, "settings.py", "DEBUG") == [False]


def test_a_list_of_files_given_spread_runs_its_files_and_those_added_to_it(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "site/settings/__init__.py": """
                import environ
                from split_settings.tools import include, optional
                env = environ.Env()
                components = ["base.py", "cookies.py"]
                components += ["hosts.py"]
                plugins = {"PLUGIN_SSO": "plugins/sso.py"}
                for key, path in plugins.items():
                    if env.bool(key, default=False):
                        components.append(path)
                for local in ["local.py", "/etc/site/local.py"]:
                    components.append(optional(local))
                include(*components)
            """,
            "site/settings/base.py": 'ROOT_URLCONF = "site.urls"\nDEBUG = False\n',
            "site/settings/cookies.py": "SESSION_COOKIE_SECURE = True\n",
            "site/settings/hosts.py": "ALLOWED_HOSTS = ['*']\n",
            # NOTE: added under a test of the environment: it may run or not.
            "site/settings/plugins/sso.py": "SESSION_COOKIE_SECURE = False\n",
            "site/settings/local.py": "DEBUG = True\n",
        },
    )
    django = model(tmp_path)
    assert [s.relpath for s in django.judged] == ["site/settings/__init__.py"]
    init = django.settings["site/settings/__init__.py"]
    assert init.complete
    assert values(django, "site/settings/__init__.py", "ALLOWED_HOSTS") == [["*"]]
    assert values(django, "site/settings/__init__.py", "DEBUG") == [True]
    secure = django.settings["site/settings/__init__.py"].get("SESSION_COOKIE_SECURE")
    # NOTE: the plugin's test reads as `env.bool("PLUGIN_SSO", default=False)`, off when
    # the variable is unset, as a test written so is.
    assert [(p.branch, shipped(p.value)) for p in secure] == [("", True)]


def test_a_spread_list_rebound_to_an_unknown_value_includes_nothing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/settings/__init__.py": """
                import os
                from split_settings.tools import include
                components = ["base.py"]
                components = os.environ["COMPONENTS"].split(",")
                include(*components)
            """,
            "site/settings/base.py": 'ROOT_URLCONF = "site.urls"\nDEBUG = True\n',
        },
    )
    django = model(tmp_path)
    assert "site/settings/__init__.py" not in django.settings


_PICKED_BY_ENVIRONMENT = """
    import os
    from split_settings.tools import include
    parts = ["base.py"]
    if "ON_PAAS" in os.environ:
        parts.append("paas.py")
    elif "IN_CONTAINER" in os.environ:
        parts.append("container.py")
    else:
        parts.append("{fallback}")
    include(*parts)
"""


def _picked_by_environment(tmp_path: Path, fallback: str) -> Path:
    return write(
        tmp_path,
        {
            "site/settings/__init__.py": _PICKED_BY_ENVIRONMENT.format(fallback=fallback),
            "site/settings/base.py": """
                ROOT_URLCONF = "site.urls"
                MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
                DEBUG = False
                SECRET_KEY = "in-the-code"
            """,
            "site/settings/paas.py": "SECURE_SSL_REDIRECT = True\nALLOWED_HOSTS = ['*']\n",
            "site/settings/container.py": "ALLOWED_HOSTS = ['*']\n",
        },
    )


def test_a_developers_file_the_tree_lacks_in_one_arm_leaves_the_others_known(
    tmp_path: Path,
) -> None:
    # The arm that runs `local.py` (kept out of the repository) may set what each host
    # sets; what no arm the tree holds sets is Django's default, not unknown.
    django = model(_picked_by_environment(tmp_path, "local.py"))
    init = django.settings["site/settings/__init__.py"]
    assert init.complete
    assert values(django, "site/settings/__init__.py", "SECURE_HSTS_SECONDS") == [0]
    assert values(django, "site/settings/__init__.py", "SESSION_COOKIE_SAMESITE") == ["Lax"]
    secret = [(p.branch, p.value) for p in init.get("SECRET_KEY")]
    assert secret == [
        ("`not ('ON_PAAS' in os.environ)` and `not ('IN_CONTAINER' in os.environ)`", UNKNOWN),
        ("`'IN_CONTAINER' in os.environ`", "in-the-code"),
    ]


def test_a_deployments_file_the_tree_lacks_in_one_arm_may_set_anything(
    tmp_path: Path,
) -> None:
    # A production module kept out of the repository may set any setting: still unknown.
    django = model(_picked_by_environment(tmp_path, "production.py"))
    assert not django.settings["site/settings/__init__.py"].complete
    assert values(django, "site/settings/__init__.py", "SECURE_HSTS_SECONDS") == [UNKNOWN]


def test_files_added_in_an_elif_chain_are_labelled_by_each_condition(tmp_path: Path) -> None:
    django = model(_picked_by_environment(tmp_path, "local.py"))
    redirect = django.settings["site/settings/__init__.py"].get("SECURE_SSL_REDIRECT")
    assert sorted((p.branch, p.value) for p in redirect) == [
        ("`'ON_PAAS' in os.environ`", True),
        # NOTE: left out when its own test fails: read as written, not `not (A and B)`.
        ("`not ('ON_PAAS' in os.environ)`", False),
    ]
    hosts = django.settings["site/settings/__init__.py"].get("ALLOWED_HOSTS")
    # NOTE: the item of `elif B:` is labelled by `B`, as written.
    assert ("`'IN_CONTAINER' in os.environ`", ["*"]) in [(p.branch, p.value) for p in hosts]
