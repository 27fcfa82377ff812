"""Library model fields and StreamField blocks that clean the HTML they hold."""

from __future__ import annotations

import pytest

from webwarden.model.templates.sanitised_fields import (
    TOLD_CLEANER,
    TOLD_NOTHING,
    TOLD_OTHER,
    library_field_cleans,
)


@pytest.mark.parametrize(
    ("name", "told", "cleans"),
    [
        pytest.param("wagtail.fields.RichTextField", TOLD_NOTHING, True, id="rich-text-field"),
        pytest.param("wagtail.blocks.RichTextBlock", TOLD_NOTHING, True, id="rich-text-block"),
        pytest.param(
            "wagtail.core.blocks.RichTextBlock", TOLD_NOTHING, True, id="rich-text-block-v2"
        ),
        pytest.param(
            "wagtail.blocks.RichTextBlock", TOLD_OTHER, False, id="block-with-project-editor"
        ),
        pytest.param("wagtail.blocks.RawHTMLBlock", TOLD_NOTHING, None, id="raw-html-block"),
        pytest.param("wagtail.blocks.CharBlock", TOLD_NOTHING, None, id="char-block"),
        pytest.param(
            "django_bleach.models.BleachField", TOLD_CLEANER, True, id="bleach-field-told"
        ),
        pytest.param(
            "djangocms_text_ckeditor.fields.HTMLField", TOLD_NOTHING, True, id="cms-text-field"
        ),
        pytest.param(
            "djangocms_text.fields.HTMLFormField", TOLD_NOTHING, True, id="cms-text-form-field"
        ),
        pytest.param("parler.fields.TranslatedField", TOLD_NOTHING, None, id="parler-proxy"),
    ],
)
def test_library_field_cleans(name: str, told: str, cleans: bool | None) -> None:
    assert library_field_cleans(name, told) is cleans
