"""Tests for `webwarden.parse.cookiecutter`."""

from __future__ import annotations

import pytest

from webwarden.parse.cookiecutter import unwrapped_template, with_stand_ins

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
