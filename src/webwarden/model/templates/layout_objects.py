"""Templates that django-crispy-forms' layout objects render, and what they hand them.

A form's layout (`TabHolder(..., template="tab.html")`, `Alert(..., template=
"alert.html")`, a project's `class SwitchToggle(Field): template = "switch.html"`, a
layout slice's `helper["name"].wrap(Field, template="field.html")`) renders
its template itself, with `render_to_string`, handing it markup it made: the fields it
rendered (`fields`), a tab holder's links and panes (`links`, `content`), a fieldset's
legend, a button holder's rendered buttons (`fields_output`, `buttons`), a button's
content (`button.content`, the developer's markup rendered as a template), and the
attributes it was given as `flatatt()` wrote them (`flat_attrs`, `div.flat_attrs`), their
values escaped; its field and form templates get the field's or the form's attributes so
(`flat_attrs`). crispy's own templates mark these `|safe`. A project that uses crispy
and keeps a template under the name of one of the pack's own layout templates
(`bootstrap5/layout/div.html`) overrides it: crispy's built-in objects render that file.
"""

from __future__ import annotations

import ast
import re

from webwarden.model.module import FileContext

_LIBRARY = "crispy_forms."
_TEMPLATE_ATTRIBUTES = frozenset({"template", "field_template"})
_MARKUP_NAMES = frozenset({"fields", "links", "content", "legend", "fields_output", "buttons"})
"""What a layout object hands its template as markup: rendered fields, a tab holder's
links and panes, a fieldset's legend (the developer's layout text, rendered), an
alert's content (the developer's markup, as crispy documents), the rendered fields of a
`ButtonHolder` or `FormActions` and the buttons of a `FieldWithButtons`."""
_OBJECT_MARKUP = frozenset({"button.content"})
"""Markup a layout object keeps on itself: a `StrictButton`'s content, rendered as a
template before the object hands itself to its template."""
_PACK_TEMPLATES = (
    *(
        f"%s/layout/{name}.html"
        for name in (
            "div",
            "row",
            "column",
            "fieldset",
            "buttonholder",
            "formactions",
            "tab",
            "field_with_buttons",
            "alert",
            "button",
            "modal",
        )
    ),
    "%s/accordion.html",
    "%s/accordion-group.html",
)
"""crispy's own templates of its built-in layout objects, `%s` the template pack."""
_FIELD_TEMPLATES = (
    "%s/field.html",
    "%s/multifield.html",
    *(
        f"%s/layout/{name}.html"
        for name in (
            "radioselect",
            "radioselect_inline",
            "checkboxselectmultiple",
            "checkboxselectmultiple_inline",
            "prepended_appended_text",
            "multifield",
        )
    ),
    "%s/whole_uni_form.html",
    "%s/whole_uni_formset.html",
)
"""crispy's own templates of a field (`render_field`, which hands the field's template,
and those it includes, the attributes the layout gave the field as `flat_attrs`, written
by `flatatt()`) and of a whole form (the helper's attributes, so written): there only
`flat_attrs` itself is the markup crispy made; the other values come from the page's
context, which crispy hands on."""
_TEMPLATES = (*_PACK_TEMPLATES, *_FIELD_TEMPLATES)
_PACKS = ("bootstrap", "bootstrap3", "bootstrap4", "bootstrap5", "uni_form", "tailwind", "bulma")
"""Template packs of crispy and of its official pack packages."""
_ATTRIBUTES = "flat_attrs"
_PACK_SETTINGS = frozenset({"CRISPY_TEMPLATE_PACK", "CRISPY_ALLOWED_TEMPLATE_PACKS"})
_PACK_ATTRIBUTE = "template_pack"
_PACK_NAME = re.compile(r"[\w-]+")
_PACK = re.compile("%s")
"""The template pack's place in a layout's template name (`"%s/layout/pills.html"`),
which crispy fills with the pack in use (`bootstrap4`)."""


def layout_templates(ctx: FileContext) -> tuple[str, ...]:
    """The template names the module gives django-crispy-forms layout objects: a
    `template=` argument of one of its classes, or the `template` attribute of a class
    the module derives from one (directly or through another class of the module); and,
    as the module uses crispy, the names of the packs' own layout templates, which a
    project template of that name overrides."""
    uses_crispy = ctx.names.imports(_LIBRARY.rstrip("."))
    named = _named_packs(ctx, uses_crispy)
    if not uses_crispy:
        return tuple(name % pack for name in _TEMPLATES for pack in named)
    layouts = _layout_classes(ctx)
    found = [name % pack for name in _TEMPLATES for pack in (*_PACKS, *named)]
    for node in ctx.nodes(ast.Call):
        if not isinstance(node, ast.Call):
            continue
        if not (_is_layout(ctx, node.func, layouts) or _wraps_in_layout(ctx, node, layouts)):
            continue
        for keyword in node.keywords:
            if keyword.arg in _TEMPLATE_ATTRIBUTES:
                found.extend(_names(ctx, keyword.value))
    for node in ctx.nodes(ast.ClassDef):
        if isinstance(node, ast.ClassDef) and node.name in layouts:
            for statement in node.body:
                if isinstance(statement, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id in _TEMPLATE_ATTRIBUTES
                    for t in statement.targets
                ):
                    found.extend(_names(ctx, statement.value))
    return tuple(dict.fromkeys(found))


def _named_packs(ctx: FileContext, uses_crispy: bool) -> list[str]:
    """The template packs of the project's own the module names: the settings
    `CRISPY_TEMPLATE_PACK` and `CRISPY_ALLOWED_TEMPLATE_PACKS`, and, in a module using
    crispy, a form helper's `template_pack` (`self.helper.template_pack = "forms"`, a class
    attribute, or a `template_pack=` argument). crispy renders its built-in layout objects
    with `<pack>/layout/div.html` of the pack in use, which the project writes itself."""
    if not any(map(ctx.mentions, (_PACK_ATTRIBUTE, *_PACK_SETTINGS))):
        return []  # NOTE: every module is asked; few name a pack
    values: list[ast.expr] = []
    for node in ctx.nodes(ast.Assign, ast.AnnAssign):
        if not isinstance(node, ast.Assign | ast.AnnAssign):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            name = target.id if isinstance(target, ast.Name) else ""
            helper = uses_crispy and (
                name == _PACK_ATTRIBUTE
                or (isinstance(target, ast.Attribute) and target.attr == _PACK_ATTRIBUTE)
            )
            if (name in _PACK_SETTINGS or helper) and node.value is not None:
                values.append(node.value)
    if uses_crispy:
        for call in ctx.nodes(ast.Call):
            if isinstance(call, ast.Call):
                values.extend(k.value for k in call.keywords if k.arg == _PACK_ATTRIBUTE)
    packs: list[str] = []
    for value in values:
        constant = ctx.evaluate(value)
        named = [constant] if isinstance(constant, str) else constant
        if isinstance(named, list | tuple):
            packs.extend(p for p in named if isinstance(p, str) and _PACK_NAME.fullmatch(p))
    return [pack for pack in dict.fromkeys(packs) if pack not in _PACKS]


def _layout_classes(ctx: FileContext) -> set[str]:
    """The module's classes that derive from a crispy class, directly or through one
    another of them (in the order the module defines them)."""
    layouts: set[str] = set()
    for node in ctx.nodes(ast.ClassDef):
        if isinstance(node, ast.ClassDef) and any(
            _is_layout(ctx, base, layouts) for base in node.bases
        ):
            layouts.add(node.name)
    return layouts


_WRAPPERS = frozenset({"wrap", "wrap_once", "wrap_together"})
"""Methods of crispy's `LayoutSlice` (`helper["name"]`, `helper[1:3]`, `helper.all()`)
that make the layout class they are given around the fields, with the arguments after it
(`helper["assignments"].wrap(Field, template="assignments_field.html")`)."""


def _wraps_in_layout(ctx: FileContext, call: ast.Call, layouts: set[str]) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr in _WRAPPERS
        and bool(call.args)
        and _is_layout(ctx, call.args[0], layouts)
    )


def _is_layout(ctx: FileContext, node: ast.expr, layouts: set[str]) -> bool:
    if isinstance(node, ast.Name) and node.id in layouts:
        return True
    return (ctx.qualified(node) or "").startswith(_LIBRARY)


def _names(ctx: FileContext, value: ast.expr) -> list[str]:
    constant = ctx.evaluate(value)
    return [constant] if isinstance(constant, str) and constant else []


def matches(name: str, relpath: str) -> bool:
    """Whether the layout's template name (`tab.html`, `%s/layout/pills.html`) names the
    template file at `relpath`, the pack's place matching any folder."""
    parts = [re.escape(part) for part in _PACK.split(name.lstrip("/"))]
    return re.search("(?:^|/)" + "[^/]+".join(parts) + "$", relpath) is not None


def markup_in(name: str, path: str) -> bool:
    """Whether the variable `path` is markup crispy hands the template it renders under
    `name` (`layout_markup`): in one of its field or form templates
    (`bootstrap4/layout/radioselect.html`), `flat_attrs` alone."""
    if any(matches(template, name) for template in _FIELD_TEMPLATES):
        return path == _ATTRIBUTES
    return layout_markup(path)


def layout_markup(path: str) -> bool:
    """Whether the template variable `path` is markup a layout object hands its template
    (`fields`, `links`, `content`, `legend`) or attributes it wrote with `flatatt()`
    (`flat_attrs`, `alert.flat_attrs`), or a button's content (`button.content`)."""
    parts = path.split(".")
    if path in _OBJECT_MARKUP:
        return True
    return (len(parts) == 1 and path in _MARKUP_NAMES) or (
        len(parts) <= 2 and parts[-1] == _ATTRIBUTES
    )
