"""Settings modules that the project's scripts load only to build its files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.django.test_settings import model, write
from webwarden.discover.files import FileKind, SourceFile
from webwarden.model.django.build_commands import build_only
from webwarden.model.roles import Role

BASE = 'INSTALLED_APPS = ["django.contrib.staticfiles"]\nROOT_URLCONF = "site.urls"\n'
_MODULE = "site.settings.static"


def _built(
    tmp_path: Path, files: dict[str, str], modules: frozenset[str] = frozenset()
) -> frozenset[str]:
    write(tmp_path, files)
    sources = [
        SourceFile(str(p), p.relative_to(tmp_path).as_posix(), FileKind.OTHER, p.stat().st_size)
        for p in tmp_path.rglob("*")
        if p.is_file()
    ]
    return build_only(tmp_path, sources, 100_000, modules or {_MODULE, "site.settings.other"})


_SPHINX_CONF = """# Configuration file for the Sphinx documentation builder.
import os
import django

os.environ["DJANGO_SETTINGS_MODULE"] = "{module}"
django.setup()
# -- General settings
extensions = ["sphinx.ext.autodoc"]
"""


@pytest.mark.parametrize(
    ("files", "built"),
    [
        pytest.param(
            {
                "Dockerfile.prod": f"RUN DJANGO_SETTINGS_MODULE={_MODULE} python manage.py collectstatic\n"
            },
            {_MODULE},
            id="dockerfile-collectstatic",
        ),
        pytest.param(
            {"Makefile": f"messages:\n\tdjango-admin compilemessages --settings={_MODULE}\n"},
            {_MODULE},
            id="makefile-compilemessages",
        ),
        pytest.param(
            {
                "Dockerfile": f"RUN DJANGO_SETTINGS_MODULE={_MODULE} ./manage.py collectstatic\n",
                "deploy/web.yaml": f"env:\n  - name: DJANGO_SETTINGS_MODULE\n    value: {_MODULE}\n",
            },
            set(),
            id="also-a-service-environment",
        ),
        pytest.param(
            {"run.sh": f"gunicorn site.wsgi --env DJANGO_SETTINGS_MODULE={_MODULE}\n"},
            set(),
            id="serving-only",
        ),
        pytest.param(
            {"Dockerfile": f"RUN DJANGO_SETTINGS_MODULE={_MODULE}_extra manage.py collectstatic\n"},
            set(),
            id="a-longer-name",
        ),
        pytest.param(
            {"notes.md": f"DJANGO_SETTINGS_MODULE={_MODULE} python manage.py collectstatic\n"},
            set(),
            id="not-a-script",
        ),
        pytest.param(
            {
                "Dockerfile": (
                    "WORKDIR /srv\nCOPY site/settings/static.py site/local.py\n"
                    "RUN ./manage.py collectstatic --noinput && \\\n    rm -f site/local.py\n"
                )
            },
            {_MODULE},
            id="dockerfile-copies-then-removes",
        ),
        pytest.param(
            {
                "Dockerfile": (
                    "COPY site/settings/static.py site/local.py\n"
                    "RUN ./manage.py collectstatic --noinput\n"
                )
            },
            set(),
            id="dockerfile-copies-and-keeps",
        ),
        pytest.param(
            {
                "Dockerfile": (
                    "COPY site/settings/static.py site/local.py\nRUN rm site/local.py\n"
                    "RUN ./manage.py collectstatic --noinput\n"
                )
            },
            set(),
            id="dockerfile-removes-before-building",
        ),
        pytest.param(
            {"docs/conf.py": _SPHINX_CONF.format(module=_MODULE)},
            {_MODULE},
            id="sphinx-configuration",
        ),
        pytest.param(
            {
                "docs/conf.py": _SPHINX_CONF.format(module=_MODULE),
                "deploy/web.yaml": f"env:\n  - name: DJANGO_SETTINGS_MODULE\n    value: {_MODULE}\n",
            },
            set(),
            id="sphinx-and-a-service",
        ),
        pytest.param(
            {"conf.py": f'import os\nos.environ["DJANGO_SETTINGS_MODULE"] = "{_MODULE}"\n'},
            set(),
            id="conf-not-sphinx",
        ),
    ],
)
def test_build_only(tmp_path: Path, files: dict[str, str], built: set[str]) -> None:
    assert _built(tmp_path, files) == built


def test_a_src_layout_module_is_named_without_src(tmp_path: Path) -> None:
    conf = _SPHINX_CONF.format(module="site.doc_settings")
    assert _built(tmp_path, {"docs/conf.py": conf}, frozenset({"src.site.doc_settings"})) == {
        "src.site.doc_settings"
    }


def test_a_bare_module_named_in_sphinx_words_is_not_built(tmp_path: Path) -> None:
    # `settings` (a top-level module) is a word of the comments, not the selected module.
    conf = _SPHINX_CONF.format(module="site.doc_settings")
    assert _built(tmp_path, {"docs/conf.py": conf}, frozenset({"settings"})) == set()


def test_a_build_only_module_takes_the_test_role(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings/__init__.py": "",
            "site/settings/base.py": BASE,
            "site/settings/static.py": "from .base import *\nDEBUG = False\n",
            "site/settings/deploy.py": "from .base import *\nDEBUG = False\n",
            "Dockerfile": (
                f"RUN DJANGO_SETTINGS_MODULE={_MODULE} python manage.py collectstatic\n"
                'CMD ["gunicorn", "site.wsgi"]\n'
            ),
        },
    )
    roles = {relpath: module.role for relpath, module in model(tmp_path).settings.items()}
    assert roles["site/settings/static.py"] is Role.TEST
    assert roles["site/settings/deploy.py"] is Role.PRODUCTION


def test_an_answer_is_kept_while_the_scripts_stay_as_they_were(tmp_path: Path) -> None:
    """The daemon asks again after each edit: the same scripts give the kept answer, an
    edited one (its stats changed) is read again."""
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(f"RUN DJANGO_SETTINGS_MODULE={_MODULE} python manage.py collectstatic\n")

    def sources() -> list[SourceFile]:
        stat = dockerfile.stat()
        kind = FileKind.OTHER
        return [
            SourceFile(
                str(dockerfile), "Dockerfile", kind, stat.st_size, stat.st_mtime_ns, stat.st_ino
            )
        ]

    assert build_only(tmp_path, sources(), 100_000, {_MODULE}) == {_MODULE}
    assert build_only(tmp_path, sources(), 100_000, {_MODULE}) == {_MODULE}
    dockerfile.write_text(f"CMD DJANGO_SETTINGS_MODULE={_MODULE} gunicorn site.wsgi\n")
    assert build_only(tmp_path, sources(), 100_000, {_MODULE}) == frozenset()
