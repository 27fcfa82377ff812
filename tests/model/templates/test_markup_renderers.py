"""Whether the project's django-markupfield renderers clean the HTML they make."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model


@pytest.mark.parametrize(
    ("source", "renderers"),
    [
        pytest.param(
            """
            import bleach
            import markdown

            MARKUP_FIELD_TYPES = (("markdown", lambda text: bleach.clean(markdown.markdown(text))),)
            """,
            {"": True},
            id="setting-lambda-cleans",
        ),
        pytest.param(
            """
            import markdown

            MARKUP_FIELD_TYPES = {"markdown": markdown.markdown}
            """,
            {"": False},
            id="setting-dict-raw",
        ),
        pytest.param(
            """
            import nh3
            from markupfield.markup import DEFAULT_MARKUP_TYPES

            def sanitize(html):
                return nh3.clean(html)

            def _wrap(render):
                if render is None:
                    return lambda text: sanitize(text)
                def inner(text):
                    return sanitize(render(text))
                return inner

            MARKUP_FIELD_TYPES = [(name, _wrap(render)) for name, render in DEFAULT_MARKUP_TYPES]
            """,
            {"": True},
            id="factory-wraps-each",
        ),
        pytest.param(
            """
            from markupfield.markup import DEFAULT_MARKUP_TYPES

            def _wrap(render):
                def inner(text):
                    return render(text)
                return inner

            MARKUP_FIELD_TYPES = [(name, _wrap(render)) for name, render in DEFAULT_MARKUP_TYPES]
            """,
            {"": False},
            id="factory-keeps-html",
        ),
        pytest.param(
            """
            from django.db import models
            from markupfield.fields import MarkupField

            from pages.renderers import RENDERERS

            class Page(models.Model):
                content = MarkupField(markup_choices=RENDERERS)
            """,
            {"content": False},
            id="field-choices-unknown",
        ),
    ],
)
def test_markup_renderers(tmp_path: Path, source: str, renderers: dict[str, bool]) -> None:
    model = template_model(tmp_path, {"app/markup.py": source, "app/t.html": "<p>{{ x }}</p>"})
    assert model.markup_renderers == renderers


def test_field_choices_win_over_the_setting(tmp_path: Path) -> None:
    files = {
        "app/markup.py": """
            import nh3
            from markdown import markdown
            MARKUP_FIELD_TYPES = [("markdown", lambda text: nh3.clean(markdown(text)))]
            """,
        "app/models.py": """
            from markupfield.fields import MarkupField
            from app.renderers import RAW

            class Page:
                content = MarkupField(markup_choices=RAW)
            """,
        "app/t.html": "<p>{{ x }}</p>",
    }
    model = template_model(tmp_path, files)
    assert model.markup_rendered_clean("body")
    assert not model.markup_rendered_clean("content")


def test_no_setting_is_markupfield_default(tmp_path: Path) -> None:
    model = template_model(tmp_path, {"app/t.html": "<p>{{ x }}</p>"})
    assert not model.markup_rendered_clean("body")


def test_a_variable_named_for_a_model_is_judged_by_its_fields(tmp_path: Path) -> None:
    files = {
        "app/markup.py": """
            import nh3
            from markdown import markdown
            MARKUP_FIELD_TYPES = [("markdown", lambda text: nh3.clean(markdown(text)))]
            """,
        "app/models.py": """
            from markupfield import fields
            from app.renderers import RAW

            class Page:
                content = fields.MarkupField(markup_choices=RAW)

            class JobOffer:
                content = fields.MarkupField()
            """,
        "app/t.html": "<p>{{ x }}</p>",
    }
    model = template_model(tmp_path, files)
    assert model.markup_rendered_clean("content", "job_offer")
    assert model.markup_rendered_clean("content", "joboffer")
    assert not model.markup_rendered_clean("content", "page")
    assert not model.markup_rendered_clean("content", "item")
    assert not model.markup_rendered_clean("content")
