"""WTForms validators a project writes itself that admit only letters, digits, `_` and `-`.

WTForms runs, for each field, the callables in its `validators=[...]` list and the form's
`validate_<field>(self, field)` method, each called with the form and the field; a
`ValidationError` it raises fails `form.validate()`. A validator of the project's own
whose first statements refuse any other character:

    def validate_name(form, field):
        if re.search(r"[^A-Za-z0-9\\-]", field.data):
            raise ValidationError("letters, digits and hyphens only")

(or `if not re.fullmatch(r"[a-z0-9_]+", field.data): raise ...`) leaves the field's data
as harmless to paths, markup and code as a `Regexp(r"^[A-Za-z0-9-]+$")` validator does.
"""

from __future__ import annotations

import ast

from webwarden.analysis.patterns import allowed_class
from webwarden.analysis.taint.specs import SAFE_PATTERN
from webwarden.model.module import FileContext

_SEARCHES = frozenset({"re.search"})
_MATCHES = frozenset({"re.match", "re.fullmatch"})


def restricting_validators(ctx: FileContext) -> frozenset[str]:
    """The module's top-level functions that are such validators (`validate_name`)."""
    if not ctx.mentions("ValidationError"):
        return frozenset()
    return frozenset(
        statement.name
        for statement in ctx.tree.body
        if isinstance(statement, ast.FunctionDef) and restricts_field(ctx, statement)
    )


def restricts_field(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether `function(form, field)` (or a form's `validate_x(self, field)`) raises,
    before it can return, whenever `field.data` holds a character other than a letter,
    digit, `_` or `-`."""
    params = [*function.args.posonlyargs, *function.args.args]
    if len(params) != 2:
        return False
    field = params[1].arg
    for statement in function.body:
        if (
            isinstance(statement, ast.If)
            and _raises(statement.body)
            and _refuses_others(ctx, statement.test, field)
        ):
            return True
        if any(isinstance(node, ast.Return) for node in ast.walk(statement)):
            return False  # NOTE: a check after a `return` may not run
    return False


def _raises(body: list[ast.stmt]) -> bool:
    return any(isinstance(statement, ast.Raise) for statement in body)


def _refuses_others(ctx: FileContext, test: ast.expr, field: str) -> bool:
    """`re.search(r"[^A-Za-z0-9_-]", field.data)` or `not re.match(r"^[a-z0-9]+$",
    field.data)`, alone or as one operand of an `or` (any true operand raises)."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return any(_refuses_others(ctx, value, field) for value in test.values)
    negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
    call = test.operand if isinstance(test, ast.UnaryOp) else test
    if not isinstance(call, ast.Call) or len(call.args) < 2 or not _field_data(call, field):
        return False
    pattern = call.args[0]
    if not isinstance(pattern, ast.Constant) or not isinstance(pattern.value, str):
        return False
    text = pattern.value
    name = ctx.call_name(call)
    if not negated and name in _SEARCHES:
        allowed = allowed_class(text)
        return allowed is not None and SAFE_PATTERN.fullmatch(f"^{allowed}+$") is not None
    if negated and name in _MATCHES:
        # NOTE: `match` anchors at the start and `fullmatch` at both ends by themselves.
        anchored = text if text.startswith("^") else f"^{text}"
        if name == "re.fullmatch" and not anchored.endswith("$"):
            anchored += "$"
        return SAFE_PATTERN.fullmatch(anchored) is not None
    return False


def _field_data(call: ast.Call, field: str) -> bool:
    """Whether the call's second argument is `field.data` (or `str(field.data)`)."""
    subject = call.args[1]
    if (
        isinstance(subject, ast.Call)
        and isinstance(subject.func, ast.Name)
        and subject.func.id == "str"
        and len(subject.args) == 1
    ):
        subject = subject.args[0]
    return (
        isinstance(subject, ast.Attribute)
        and subject.attr == "data"
        and isinstance(subject.value, ast.Name)
        and subject.value.id == field
    )
