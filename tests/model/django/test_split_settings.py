from __future__ import annotations

from pathlib import Path

from tests.model.django.test_settings import model, values, write
from webwarden.analysis.constants import UNKNOWN

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
