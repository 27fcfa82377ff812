"""Mezzanine's rich text fields where the project's settings turn their cleaning off.

Mezzanine's `RichTextField` cleans the HTML a form gives it with bleach at the level of
its `RICHTEXT_FILTER_LEVEL` setting: high (its default) or low keep an allow-list of
elements, "no filtering" (`3`) keeps whatever the editor typed, script included. The
per-file step takes the field as cleaned (`sanitised_fields`); once the settings are
known, a project setting the level to anything else in some settings module (or to a
value webwarden cannot read) makes every such attribute plain HTML again. django CMS's
text fields clean with html5lib's sanitiser unless its `TEXT_HTML_SANITIZE` setting is
anything but `True`, which likewise makes theirs plain HTML.
"""

from __future__ import annotations

from webwarden.model.django.project import DjangoProject
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.sanitised_fields import (
    CLEANING_LEVELS,
    CMS_TEXT_SETTING,
    FILTER_LEVEL_SETTING,
)


def drop_unfiltered_rich_text(model: TemplateModel, django: DjangoProject) -> None:
    """Mark Mezzanine's rich text attributes as unescaped when a settings module sets
    `RICHTEXT_FILTER_LEVEL` to a level that does not clean (or one not known), and
    django CMS's text fields when one sets `TEXT_HTML_SANITIZE` to anything but `True`."""
    if model.cms_text_attributes and not sanitises_cms_text(django):
        for name in model.cms_text_attributes:
            model.markup_attributes[name] = False
        model.untyped_attributes |= model.cms_text_attributes
    if not model.rich_text_attributes or filters_rich_text(django):
        return
    for name in model.rich_text_attributes:
        model.markup_attributes[name] = False
    model.untyped_attributes |= model.rich_text_attributes


def filters_rich_text(django: DjangoProject) -> bool:
    """Whether every settings module leaves `RICHTEXT_FILTER_LEVEL` unset (Mezzanine's
    default, high) or sets it only to a level that cleans."""
    for settings in django.settings.values():
        if not settings.is_set(FILTER_LEVEL_SETTING):
            continue
        for possibility in settings.get(FILTER_LEVEL_SETTING):
            value = possibility.value
            if isinstance(value, bool) or value not in CLEANING_LEVELS:
                return False
    return True


def sanitises_cms_text(django: DjangoProject) -> bool:
    """Whether every settings module leaves `TEXT_HTML_SANITIZE` unset (django CMS text's
    default, on) or sets it only to `True`."""
    for settings in django.settings.values():
        if not settings.is_set(CMS_TEXT_SETTING):
            continue
        if any(possibility.value is not True for possibility in settings.get(CMS_TEXT_SETTING)):
            return False
    return True
