"""Fields a model's own `save()` sets to cleaned HTML count as escaped attributes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

MODELS = """
import bleach
from django.db import models
from markdown import markdown
from pygments import highlight
from pygments.formatters import HtmlFormatter


class Post(models.Model):
    body = models.TextField()
    body_html = models.TextField(editable=False)
    code_html = models.TextField(editable=False)
    teaser_html = models.TextField(editable=False)
    late_html = models.TextField(editable=False)
    raw_html = models.TextField(editable=False)
    plain_html = models.TextField(editable=False)

    def save(self, *args, **kwargs):
        self.body_html = bleach.clean(markdown(self.body))
        self.code_html = self.highlighted()
        if self.body:
            self.teaser_html = bleach.clean(self.body[:50])
        self.raw_html = markdown(self.body)
        self.plain_html = self.plain()
        super().save(*args, **kwargs)
        self.late_html = bleach.clean(self.body)

    def highlighted(self):
        return highlight(self.body, self.lexer(), HtmlFormatter())

    def plain(self):
        return self.body
"""


@pytest.mark.parametrize(
    ("attribute", "escaped"),
    [
        pytest.param("body_html", True, id="sanitiser-call"),
        pytest.param("code_html", True, id="own-method-pygments-html"),
        pytest.param("teaser_html", False, id="set-under-if"),
        pytest.param("late_html", False, id="set-after-saving"),
        pytest.param("raw_html", False, id="markdown-uncleaned"),
        pytest.param("plain_html", False, id="own-method-returning-input"),
    ],
)
def test_field_save_cleans_is_escaped_attribute(
    tmp_path: Path, attribute: str, escaped: bool
) -> None:
    files = {"posts/models.py": MODELS, "posts/templates/posts/page.html": "{{ post|safe }}"}
    model = template_model(tmp_path, files)
    assert model.markup_attributes.get(attribute) is escaped
