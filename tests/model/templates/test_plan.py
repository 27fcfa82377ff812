"""How each template is read: dialect and delimiters per folder, from the Python facts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.model.templates.helpers import template_model, write
from webwarden.config import load_config
from webwarden.engine import scan


def test_flask_folder_with_custom_delimiters_is_read_as_jinja(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "app.py": """
                from flask import Flask
                app = Flask(__name__)
                app.jinja_options = {"variable_start_string": "((", "variable_end_string": "))"}
            """,
            "templates/page.html": "{% load x %}<p>(( name|safe ))</p>{{ not_a_variable }}",
            "templates/notes.txt": "(( a ))",
            "other/notes.txt": "{{ a }}",
        },
    )
    facts = model.files["templates/page.html"]
    assert facts.dialect == "jinja"
    assert [o.path for o in facts.outputs] == ["name"]
    assert "templates/notes.txt" in model.files, ".txt in a template folder is a template"
    assert "other/notes.txt" not in model.files


def test_django_app_dirs_and_backends(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "settings.py": """
                TEMPLATES = [
                    {"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True},
                    {"BACKEND": "django.template.backends.jinja2.Jinja2", "APP_DIRS": True},
                ]
            """,
            "shop/models.py": "",
            "shop/templates/a.html": "{% if a %}{{ b }}{% endif %}",
            "shop/jinja2/a.html": "{% if a %}{{ b }}{% endif %}",
            "docs/templates/guide.html": "{% if a %}{{ b }}{% endif %}",
        },
    )
    assert model.files["shop/templates/a.html"].dialect == "django"
    assert model.files["shop/jinja2/a.html"].dialect == "jinja"
    assert model.files["docs/templates/guide.html"].dialect == "django", "the project's fallback"


def test_django_jinja_app_dirs_leave_each_file_to_its_text(tmp_path: Path) -> None:
    # Pontoon: django-jinja reads apps' `templates/` for its pattern, Django the rest.
    model = template_model(
        tmp_path,
        {
            "settings.py": """
                TEMPLATES = [
                    {"BACKEND": "django_jinja.backend.Jinja2", "APP_DIRS": True},
                    {"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True},
                ]
            """,
            "shop/models.py": "",
            "shop/templates/list.html": "{{ ProjectList.header() }}{{ name|safe }}",
            "shop/templates/admin/change.html": "{% load static %}{{ name|safe }}",
        },
    )
    assert model.files["shop/templates/list.html"].dialect == "jinja"
    assert model.files["shop/templates/admin/change.html"].dialect == "django"


def test_plain_html_outside_template_folders_is_not_a_template(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "docs/index.html": "<a href=x target=_blank>",
            "pages/a.html": "<p>{{ a|safe }}</p>",
            # Served as it is, never rendered: `{{ }}` there is a client-side template's.
            "static/b.html": "<p>{{ a|safe }}</p>",
        },
    )
    config = load_config([tmp_path], isolated=True, root=tmp_path, overrides={"select": ["WW55"]})
    result = scan([tmp_path], config)
    assert [f.location.path for f in result.findings] == ["pages/a.html"]
    assert result.files_analysed == 1


def test_a_flask_static_folder_inside_the_template_folder_holds_no_templates(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "app.py": """
                from flask import Blueprint, Flask
                app = Flask(__name__, static_folder="templates/asset")
                bp = Blueprint("docs", __name__, static_folder="templates/docs/files")
                none = Flask("other", static_folder=None)
            """,
            "templates/page.html": "<p>{{ a|safe }}</p>",
            "templates/asset/demo.html": "<p>{{ a|safe }}</p>",
            "templates/docs/files/demo.html": "<p>{{ a|safe }}</p>",
            "templates/docs/page.html": "<p>{{ a|safe }}</p>",
        },
    )
    config = load_config([tmp_path], isolated=True, root=tmp_path, overrides={"select": ["WW55"]})
    result = scan([tmp_path], config)
    assert sorted(f.location.path for f in result.findings) == [
        "templates/docs/page.html",
        "templates/page.html",
    ]


def test_a_broken_template_is_reported_whatever_rules_run(tmp_path: Path) -> None:
    # NOTE: notices always run, as a Python syntax error is reported under any selection.
    write(tmp_path, {"templates/a.html": "{% for a in b %}<p>{{ a|safe }}</p>"})
    config = load_config([tmp_path], isolated=True, root=tmp_path, overrides={"select": ["WW1101"]})
    result = scan([tmp_path], config)
    assert [(f.code, f.location.line) for f in result.findings] == [("WW000", 1)]
    config = load_config(
        [tmp_path],
        isolated=True,
        root=tmp_path,
        overrides={"select": ["WW1101"], "ignore": ["WW000"]},
    )
    assert scan([tmp_path], config).files_analysed == 0, "nothing asks for templates"


PLAN_DIGEST = """\
import hashlib, pickle, sys
from pathlib import Path
from webwarden.config import load_config
from webwarden.engine import scan
from webwarden.model.templates.plan import plan_templates

root = Path(sys.argv[1])
result = scan([root], load_config([root], isolated=True, overrides={"cache": False}))
assert result.project is not None
plan = plan_templates(result.project.modules.values(), result.project.files)
print(hashlib.sha256(pickle.dumps(plan)).hexdigest(), len(plan.folders))
"""


def test_the_plan_is_the_same_in_every_process(tmp_path: Path) -> None:
    # NOTE: the plan is part of each template's cache key: a plan that changed with the
    # hash seed made every template a cache miss on every scan.
    files = {"settings.py": 'TEMPLATES = [{"BACKEND": "x.DjangoTemplates", "APP_DIRS": True}]'}
    for app in ("aa", "bb", "cc", "dd", "ee", "ff"):
        files[f"{app}/__init__.py"] = ""
        files[f"{app}/templates/{app}/page.html"] = "<p>{{ x }}</p>"
    write(tmp_path, files)
    digests = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-c", PLAN_DIGEST, str(tmp_path)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO / "src")},
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1
    assert digests.pop().endswith(" 6")
