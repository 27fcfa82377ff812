"""Tests for `webwarden.parse.cookiecutter`."""

from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.parse.cookiecutter import generated_text, unwrapped_template, with_stand_ins

_FOLDER = "{{cookiecutter.app_name}}/templates/page.html"


@pytest.mark.parametrize(
    ("text", "stand_ins"),
    [
        pytest.param(
            "from {{cookiecutter.app_name}} import a", "from app_name import a", id="bare"
        ),
        pytest.param("x = '{{ cookiecutter.use_heroku }}'", "x = 'use_heroku'", id="spaced"),
        pytest.param("from {{ project.name }} import a", None, id="other-generator"),
        pytest.param("import a", None, id="none"),
    ],
)
def test_with_stand_ins(text: str, stand_ins: str | None) -> None:
    assert with_stand_ins(text) == stand_ins


@pytest.mark.parametrize(
    ("relpath", "text", "unwrapped"),
    [
        pytest.param(_FOLDER, "{% raw %}\n<p>{{ x }}</p>\n{% endraw %}\n",
                     " " * 9 + "\n<p>{{ x }}</p>\n" + " " * 12 + "\n", id="whole-file"),
        pytest.param(_FOLDER, "{%- raw -%}<p>{{ x }}</p>{%- endraw -%}",
                     " " * 11 + "<p>{{ x }}</p>" + " " * 14, id="whitespace-control"),
        pytest.param("app/templates/page.html", "{% raw %}<p>{{ x }}</p>{% endraw %}", None,
                     id="not-a-cookiecutter-folder"),
        pytest.param(_FOLDER, "{% raw %}a{% endraw %}{{ cookiecutter.x }}{% raw %}b{% endraw %}",
                     None, id="several-raw-blocks"),
        pytest.param(_FOLDER, "<p>{% raw %}{{ x }}{% endraw %}</p>", None, id="raw-inside"),
    ],
)  # fmt: skip
def test_unwrapped_template(relpath: str, text: str, unwrapped: str | None) -> None:
    assert unwrapped_template(relpath, text) == unwrapped


def _template(tmp_path: Path, answers: str, text: str) -> Path:
    (tmp_path / "cookiecutter.json").write_text(answers, encoding="utf-8")
    folder = tmp_path / "{{cookiecutter.slug}}" / "config"
    folder.mkdir(parents=True)
    path = folder / "settings.py"
    path.write_text(text, encoding="utf-8")
    return path


_ANSWERS = (
    '{"name": "My Shop", "slug": "{{ cookiecutter.name.lower()|replace(\' \', \'_\') }}",'
    ' "cloud": ["AWS", "GCP"], "debug": "n"}'
)


@pytest.mark.parametrize(
    ("text", "generated"),
    [
        pytest.param("{% if cookiecutter.debug == 'y' %}\nA = 1\n{% else %}\nA = 2\n{% endif %}\n",
                     " " * 34 + "\n     \n" + " " * 10 + "\nA = 2\n" + " " * 11 + "\n", id="else"),
        pytest.param("{%- if cookiecutter.cloud == 'GCP' %}G{%- elif cookiecutter.cloud == 'AWS' %}A"
                     "{%- endif %}", " " * 37 + " " + " " * 39 + "A" + " " * 12,
                     id="first-option-of-a-choice"),
        pytest.param("{% if cookiecutter.debug == 'n' %}{% if cookiecutter.cloud == 'GCP' %}G"
                     "{% endif %}D{% endif %}",
                     " " * (34 + 36 + 1 + 11) + "D" + " " * 11, id="nested"),
        pytest.param("{# note #}x = '{{ cookiecutter.slug }}'", " " * 10 + "x = 'slug'",
                     id="comment-and-placeholder"),
        pytest.param("{% raw %}{% if x %}{% endraw %}{{ cookiecutter.slug }}",
                     " " * 9 + "{% if x %}" + " " * 12 + "slug",
                     id="raw-kept"),
        pytest.param("{% for x in cookiecutter.cloud %}{% endfor %}", None, id="loop"),
        pytest.param("{% if cookiecutter.unknown == 'y' %}{% endif %}", None,
                     id="undeclared-variable"),
        pytest.param("{% if cookiecutter.debug == 'y' %}", None, id="unclosed"),
        pytest.param("{% if cookiecutter.debug * 10**9 %}{% endif %}", None, id="multiplied"),
        pytest.param("{% if cookiecutter.debug|center(10**9) %}{% endif %}", None,
                     id="unknown-filter"),
        pytest.param("{% if cookiecutter.debug.replace('n', 'nnnn') %}{% endif %}", None,
                     id="growing-replace"),
        pytest.param("{% endif %}", None, id="unopened"),
        pytest.param("A = 1\n", None, id="no-template"),
    ],
)  # fmt: skip
def test_generated_text(tmp_path: Path, text: str, generated: str | None) -> None:
    assert generated_text(_template(tmp_path, _ANSWERS, text), text) == generated


def test_generated_text_default_answers_rendered_in_order(tmp_path: Path) -> None:
    text = "{% if cookiecutter.slug == 'my_shop' %}S{% endif %}"
    assert generated_text(_template(tmp_path, _ANSWERS, text), text) == " " * 39 + "S" + " " * 11


def test_generated_text_needs_the_template_answers(tmp_path: Path) -> None:
    text = "{% if cookiecutter.debug == 'y' %}{% endif %}"
    path = _template(tmp_path, "not json", text)
    assert generated_text(path, text) is None
    assert generated_text(tmp_path / "app" / "settings.py", text) is None


def test_generated_text_keeps_a_runaway_default_as_written(tmp_path: Path) -> None:
    answers = '{"a": "{{ \'x\' * 10**9 }}"}'
    text = "{% if cookiecutter.a.startswith('{{') %}A{% endif %}"
    # NOTE: the default multiplies: it is not rendered, and compared as written.
    assert generated_text(_template(tmp_path, answers, text), text) == " " * 40 + "A" + " " * 11
