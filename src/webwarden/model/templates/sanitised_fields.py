"""Model fields whose library cleans the HTML they hold.

A template writes `{{ event.text|safe }}` where the model declares `text =
BleachField()`: django-bleach cleans the value whenever the row is saved, and
django-prose-editor's field told to `sanitize` cleans it whenever a form (the admin's,
a `ModelForm`) validates it. Wagtail's `RichTextField` is cleaned the same way: its form
field's editor widget (Draftail's, Hallo's before it) builds the HTML it stores from the
editor's content, with only the elements, attributes and link schemes of the editor's
features (`{{ page.bio|safe }}` writes what that kept, only not its internal links
expanded, as `|richtext` would). So is the `RichTextBlock` of a StreamField block
(`body = blocks.RichTextBlock()` in a `StructBlock`): the same widget builds the HTML
stored in the StreamField's JSON, and its value's `str()` is that HTML with internal links
expanded. Mezzanine's `RichTextField` cleans what a form (the admin's) validates with
bleach in its own `clean()`, keeping only the `RICHTEXT_ALLOWED_TAGS` and attributes of
its settings, unless `RICHTEXT_FILTER_LEVEL` says "no filtering"; its `RichText` mixin
(and `RichTextPage`) declares `content` as one, so a model deriving from it has that
field without a line of its own (`class Category(Page, RichText)`). The markup is what
the sanitiser's allow-list kept. django CMS's text fields (djangocms-text-ckeditor's
`HTMLField` and `HTMLFormField`, and djangocms-text's, which replaces it) clean what a
form validates with html5lib's sanitiser (djangocms-text also whenever the row is
saved), unless a settings module sets `TEXT_HTML_SANITIZE` to something other than
`True`. django-parler's `TranslatedField()` declares no field of its own: it reads the
field of the same name on the model's translations model, which is judged instead.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.templates.safe_marking import SANITISER_NAME

MEZZANINE_FIELD = "mezzanine.core.fields.RichTextField"
_ALWAYS = frozenset(
    {
        "django_bleach.models.BleachField",
        "django_prose_editor.sanitized.SanitizedProseEditorField",
        MEZZANINE_FIELD,
    }
)
"""Fields that clean what they store whatever they are given: django-bleach's (in
`pre_save`), django-prose-editor's sanitised field (nh3 unless told otherwise) and
Mezzanine's rich text field (bleach, in `clean()`, at the filter level of its settings:
see `FILTER_LEVEL_SETTING`)."""
FILTER_LEVEL_SETTING = "RICHTEXT_FILTER_LEVEL"
"""Mezzanine's setting for how its rich text field cleans: `1` (high, its default) and
`2` (low: video and `iframe` elements kept too) clean with bleach, `3` cleans nothing."""
CLEANING_LEVELS = frozenset({1, 2})
_RICH_TEXT_BASES = frozenset(
    {"mezzanine.core.models.RichText", "mezzanine.pages.models.RichTextPage"}
)
"""Mezzanine's model mixin declaring `content = RichTextField(...)`, and its page type
deriving from it."""
RICH_TEXT_ATTRIBUTE = "content"
CMS_TEXT_FIELDS = frozenset(
    {
        "djangocms_text_ckeditor.fields.HTMLField",
        "djangocms_text_ckeditor.fields.HTMLFormField",
        "djangocms_text.fields.HTMLField",
        "djangocms_text.fields.HTMLFormField",
    }
)
"""django CMS's text fields, which clean what they store with html5lib's sanitiser as
the `CMS_TEXT_SETTING` setting asks (see `cms_text_level`)."""
CMS_TEXT_SETTING = "TEXT_HTML_SANITIZE"
"""django CMS text's setting for whether its fields clean HTML: `True` by default."""
_PROXIES = frozenset({"parler.fields.TranslatedField", "parler.models.TranslatedField"})
"""django-parler's proxy to the translated field of the same name: no field itself."""
_TOLD = frozenset(
    {
        "django_prose_editor.fields.ProseEditorField",
        "django_prose_editor.configurable.ConfigurableProseEditorField",
    }
)
"""Fields that clean what they store when given `sanitize=True` (the allow-list of the
editor's extensions) or a cleaning function (`sanitize=nh3.clean`)."""
_EDITED = frozenset(
    {
        "wagtail.fields.RichTextField",
        "wagtail.core.fields.RichTextField",
        "wagtail.wagtailcore.fields.RichTextField",
        "wagtail.blocks.RichTextBlock",
        "wagtail.blocks.field_block.RichTextBlock",
        "wagtail.core.blocks.RichTextBlock",
        "wagtail.wagtailcore.blocks.RichTextBlock",
    }
)
"""Wagtail's rich text field and StreamField block (as versions 3+, 2 and 1 name them),
which store what their editor widget built from the editor's content: cleaned whenever
a form validates it, unless given an `editor=` of the project's
`WAGTAILADMIN_RICH_TEXT_EDITORS` (a widget that may keep any HTML)."""


def sanitised_field(ctx: FileContext, value: ast.expr | None) -> bool:
    """Whether a class body's `value` is a model field that cleans the HTML it holds:
    `BleachField(...)`, `ProseEditorField(sanitize=True)`; not one told
    `sanitize=False`, nor a cleaner the field takes from elsewhere."""
    if not isinstance(value, ast.Call):
        return False
    return library_field_cleans(ctx.call_name(value) or "", told(ctx, value)) is True


def inherits_rich_text(ctx: FileContext, node: ast.ClassDef) -> bool:
    """Whether the class derives from Mezzanine's `RichText` mixin (or `RichTextPage`)
    and leaves its `content` field as the mixin declares it (no assignment of its own)."""
    if not any(ctx.qualified_here(base) in _RICH_TEXT_BASES for base in node.bases):
        return False
    return not any(
        isinstance(target, ast.Name) and target.id == RICH_TEXT_ATTRIBUTE
        for statement in node.body
        if isinstance(statement, ast.Assign | ast.AnnAssign)
        for target in (
            statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        )
    )


def cms_text_field(ctx: FileContext, value: ast.expr | None) -> bool:
    """Whether a class body's `value` is one of django CMS's text fields (`HTMLField()`),
    whose cleaning its `TEXT_HTML_SANITIZE` setting may turn off."""
    return isinstance(value, ast.Call) and ctx.call_name(value) in CMS_TEXT_FIELDS


def proxy_field(ctx: FileContext, value: ast.expr | None) -> bool:
    """Whether a class body's `value` is django-parler's `TranslatedField()`: a proxy to
    the translations model's field of the same name, which declares what it holds."""
    return isinstance(value, ast.Call) and ctx.call_name(value) in _PROXIES


def mezzanine_field(ctx: FileContext, value: ast.expr | None) -> bool:
    """Whether a class body's `value` is Mezzanine's `RichTextField(...)`, whose cleaning
    its `RICHTEXT_FILTER_LEVEL` setting may turn off."""
    return isinstance(value, ast.Call) and ctx.call_name(value) == MEZZANINE_FIELD


def library_field_cleans(name: str, told: str) -> bool | None:
    """Whether the library field class `name`, given `sanitize` as `told` says, cleans
    what it stores; None when it is no field these libraries define."""
    if name in _ALWAYS or name in CMS_TEXT_FIELDS:
        return told in (TOLD_NOTHING, TOLD_CLEANER)
    if name in _TOLD:
        return told == TOLD_CLEANER
    if name in _EDITED:
        return told == TOLD_NOTHING
    return None


TOLD_NOTHING = ""
TOLD_CLEANER = "cleaner"
TOLD_OTHER = "other"


def told(ctx: FileContext, call: ast.Call) -> str:
    """What a field's `sanitize=` argument tells it: nothing, to clean (`True`, a
    cleaning function), or anything else (`False`, a function of another name, or an
    `editor=` other than Wagtail's `"default"`, which names a widget of the project's
    settings)."""
    given = ctx.keyword(call, "sanitize")
    if given is None:
        editor = ctx.keyword(call, "editor")
        if editor is not None and ctx.evaluate(editor) != "default":
            return TOLD_OTHER
        return TOLD_NOTHING
    return TOLD_CLEANER if _cleaner(ctx, given) else TOLD_OTHER


def _cleaner(ctx: FileContext, given: ast.expr) -> bool:
    """`True`, or a function named for cleaning HTML (`nh3.clean`, `sanitize_html`) or
    made by one (`nh3_sanitizer()`)."""
    if isinstance(given, ast.Constant):
        return given.value is True
    if isinstance(given, ast.Call):
        given = given.func  # NOTE: a factory of the cleaner, `_nh3_sanitizer()`
    if isinstance(given, ast.Name | ast.Attribute):
        named = (ctx.qualified(given) or ast.unparse(given)).lower()
        return SANITISER_NAME.search(named) is not None
    return False
