"""What a parameter's annotation says about the object it is given.

A typed project says the class of what its helpers take (`def save(entity: Entity, data)`).
When that class is the project's own, a method called on the parameter
(`entity.update(data)`) is that class's method, followed as one on an object the code
made (`Entity(...)`): not a `dict.update` that would put the data into the object. The
lowering keeps the qualified name the annotation gives; the interpreter gives the
parameter that class only when the project defines it (see `ObjectModel.initial_env`),
so a library's class or a name it cannot resolve changes nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.analysis.taint.annotation_types import single_type

_NOT_CLASSES = frozenset(
    {"str", "int", "float", "bool", "bytes", "dict", "list", "tuple", "set", "object"}
    | {"Any", "Optional", "Union", "Callable", "Iterable", "Mapping", "Sequence", "type"}
)
"""Names read as builtins or `typing`'s: an annotation of only these names qualifies to
no class of the project, and most annotations are these (no names to qualify)."""


def annotated_classes(
    args: ast.arguments, qualify: Callable[[ast.expr], str | None]
) -> tuple[tuple[str, str], ...]:
    """(parameter, qualified name) for each parameter annotated with one class:
    `entity: Entity`, `entity: "Entity"`, `Optional[Entity]`, `Entity | None`,
    `Union[Entity, None]`. A union of classes, a generic (`list[Entity]`, `type[Entity]`)
    or a string that does not parse names none. `qualify` gives the qualified name of a
    name or attribute the module reads."""
    found = []
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        if arg.annotation is not None:
            named = _of(arg.annotation, qualify, 0)
            if named:
                found.append((arg.arg, named))
    return tuple(found)


def names_class(annotation: ast.expr | None) -> bool:
    """Whether the annotation may name a class of the project: cheap, before any name is
    qualified (a `str`, an `int`, `dict[str, Any]` does not)."""
    if annotation is None:
        return False
    if isinstance(annotation, ast.Name):
        return annotation.id not in _NOT_CLASSES
    if isinstance(annotation, ast.Subscript):
        outer = annotation.value
        return isinstance(outer, ast.Name | ast.Attribute) and _wrapper(outer) in {
            "Optional",
            "Union",
        }
    return isinstance(annotation, ast.Attribute | ast.BinOp | ast.Constant)


def _wrapper(node: ast.Name | ast.Attribute) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr


def _of(node: ast.expr, qualify: Callable[[ast.expr], str | None], depth: int) -> str:
    found = single_type(node, qualify, depth)
    if isinstance(found, ast.Name) and found.id in _NOT_CLASSES:
        return ""
    if isinstance(found, ast.Name | ast.Attribute):
        return qualify(found) or ""
    return ""
