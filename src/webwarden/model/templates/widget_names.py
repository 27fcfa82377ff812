"""The name a Django form widget is given: the field's HTML name, not the client's text.

Django calls a widget's `get_context(name, value, attrs)` and `render(name, value, ...)`
(and `optgroups`, `create_option`, `value_from_datadict`, ...) with the bound field's
`html_name`: the form's prefix and the field's name, which the developer chose, whatever
data the form was bound to (as a template's `{{ field.html_name }}` is). A widget of the
project that renders a template of its own with that name (`render_to_string(
"colour_js.html", {"js_name": name.replace("-", "_")})`, also in a method of the class
that every call in it hands such a name) passes the developer's identifier, not request
data.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.tree import walk

_WIDGET_MODULE = "django.forms.widgets."
_WIDGET_CLASSES = frozenset(
    {
        "Widget", "Input", "TextInput", "NumberInput", "EmailInput", "URLInput",
        "ColorInput", "SearchInput", "TelInput", "PasswordInput", "HiddenInput",
        "MultipleHiddenInput", "FileInput", "ClearableFileInput", "Textarea", "DateInput",
        "DateTimeInput", "TimeInput", "CheckboxInput", "ChoiceWidget", "Select",
        "NullBooleanSelect", "SelectMultiple", "RadioSelect", "CheckboxSelectMultiple",
        "MultiWidget", "SplitDateTimeWidget", "SplitHiddenDateTimeWidget",
        "SelectDateWidget",
    }
)  # fmt: skip
"""Django's widget classes, as `django.forms` exports them."""
_NAMED_BY_DJANGO = frozenset(
    {
        "get_context", "render", "optgroups", "create_option", "value_from_datadict",
        "value_omitted_from_data",
    }
)  # fmt: skip
"""The widget methods Django calls with the field's HTML name as their `name`."""
_KEEPING_METHODS = frozenset(
    {"replace", "lower", "upper", "strip", "lstrip", "rstrip", "removeprefix", "removesuffix"}
)
"""String methods that, given literals, make the name of the name and the literals only."""
_MAX_HOPS = 3
"""Methods of the class followed back to the one Django calls."""


def widget_name(
    ctx: FileContext, value: ast.expr, function: ast.FunctionDef | ast.AsyncFunctionDef | None
) -> bool:
    """Whether `value`, read in `function`, is the name a Django widget of the project is
    given (see the module's docstring), as it is or through string methods given
    literals only (`name.replace("-", "_")`)."""
    if function is None:
        return False
    owner = ctx.parent(function)
    if not isinstance(owner, ast.ClassDef) or not widget_class(ctx, owner):
        return False
    return _named_by_django(ctx, owner, function, value, _MAX_HOPS)


def _named_by_django(
    ctx: FileContext,
    owner: ast.ClassDef,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    value: ast.expr,
    hops: int,
) -> bool:
    parameter = _kept_parameter(function, value)
    if parameter is None:
        return False
    if function.name in _NAMED_BY_DJANGO:
        return parameter == "name"
    if hops <= 0:
        return False
    handed = _handed(owner, function, parameter)
    return bool(handed) and all(
        _named_by_django(ctx, owner, caller, argument, hops - 1) for caller, argument in handed
    )


def _kept_parameter(
    function: ast.FunctionDef | ast.AsyncFunctionDef, value: ast.expr
) -> str | None:
    """The parameter of `function` that `value` is, as it came or through string methods
    given literals only, when the function never binds it again."""
    while (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in _KEEPING_METHODS
        and not value.keywords
        and all(isinstance(each, ast.Constant) for each in value.args)
    ):
        value = value.func.value
    if not isinstance(value, ast.Name):
        return None
    arguments = function.args
    if value.id not in {a.arg for a in (*arguments.posonlyargs, *arguments.args)}:
        return None
    rebound = any(
        isinstance(node, ast.Name) and node.id == value.id and not isinstance(node.ctx, ast.Load)
        for node in walk(function)
    )
    return None if rebound else value.id


def _handed(
    owner: ast.ClassDef, function: ast.FunctionDef | ast.AsyncFunctionDef, parameter: str
) -> list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.expr]]:
    """Each method of `owner` calling `self.<function>(...)` with what it hands
    `parameter`; empty when a call hands it nothing that can be told (`*args`) or the
    method is used otherwise than called on `self`."""
    positional = [a.arg for a in (*function.args.posonlyargs, *function.args.args)][1:]
    found: list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.expr]] = []
    for method in owner.body:
        if not isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in walk(method):
            if not (
                isinstance(node, ast.Attribute)
                and node.attr == function.name
                and isinstance(node.value, ast.Name)
                and node.value.id == "self"
            ):
                continue
            call = _called(method, node)
            if call is None:
                return []
            argument = _argument(call, positional, parameter)
            if argument is None:
                return []
            found.append((method, argument))
    return found


def _called(method: ast.AST, reference: ast.Attribute) -> ast.Call | None:
    for node in walk(method):
        if isinstance(node, ast.Call) and node.func is reference:
            return node
    return None


def _argument(call: ast.Call, positional: list[str], parameter: str) -> ast.expr | None:
    if any(isinstance(each, ast.Starred) for each in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return None
    for keyword in call.keywords:
        if keyword.arg == parameter:
            return keyword.value
    at = positional.index(parameter) if parameter in positional else -1
    return call.args[at] if 0 <= at < len(call.args) else None


def widget_class(ctx: FileContext, node: ast.ClassDef, hops: int = _MAX_HOPS) -> bool:
    """A class deriving from Django's widgets, also through classes of its module."""
    for base in node.bases:
        name = ctx.qualified(base) or ""
        if name.startswith(_WIDGET_MODULE) or (
            name.startswith("django.forms.") and name.rpartition(".")[2] in _WIDGET_CLASSES
        ):
            return True
        if isinstance(base, ast.Name) and hops > 0:
            local = _module_class(ctx, base.id)
            if local is not None and local is not node and widget_class(ctx, local, hops - 1):
                return True
    return False


def _module_class(ctx: FileContext, name: str) -> ast.ClassDef | None:
    found = [node for node in ctx.tree.body if isinstance(node, ast.ClassDef) and node.name == name]
    return found[-1] if found else None
