"""Arguments a Flask-RESTful `RequestParser` (or Flask-RESTX's) declares so that what
`parse_args()` gives under them is no text the client chose:

    parser = reqparse.RequestParser()
    parser.add_argument("start", type=int)               # an int, or a 400 answer
    parser.add_argument("order", choices=("asc", "desc"))  # one of the code's strings
    parser.add_argument("path", type=str)                 # the client's text

`parse_args()` calls the `type` on each value sent and refuses the request when it
raises, and refuses a value not among `choices`. Each module's step lists, as
`holder:name`, the arguments it declares so on a parser named in the module (a module
or class attribute, `self.parser` set in a method, a function's local); the analysis
reads them from the project-wide `TaintOptions.converted_arguments`.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import SANITISERS
from webwarden.analysis.taint.values import CLEAN, Value
from webwarden.model.module import FileContext

if TYPE_CHECKING:
    from webwarden.analysis.taint.interpret import Interpreter

_RESTFUL = ("flask_restful", "flask_restx", "flask_restplus")
_CONVERTING_INPUTS = frozenset(
    f"{package}.inputs.{name}"
    for package in _RESTFUL
    for name in (
        "boolean",
        "natural",
        "positive",
        "date",
        "date_from_iso8601",
        "datetime_from_iso8601",
        "datetime_from_rfc822",
    )
)
"""Flask-RESTful's converters giving a bool, an int, a date or a datetime."""
_CONVERTER_FACTORIES = frozenset(f"{package}.inputs.int_range" for package in _RESTFUL)
"""`inputs.int_range(low, high)`: a converter giving an int within the range."""
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def converted_arguments(ctx: FileContext) -> tuple[str, ...]:
    """`holder:name` for each argument the module's `add_argument` calls declare with a
    converting `type` or constant `choices`."""
    if not ctx.mentions("add_argument"):
        return ()
    found: dict[str, None] = {}
    for node in ctx.nodes(ast.Call):
        assert isinstance(node, ast.Call)  # noqa: S101 - nodes() of that type
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "add_argument"):
            continue
        name = _argument_key(node)
        if name is None or not _restricted(ctx, node):
            continue
        holder = _holder(ctx, func.value)
        if holder is not None:
            found[f"{holder}:{name}"] = None
    return tuple(found)


def _argument_key(call: ast.Call) -> str | None:
    """The key `parse_args()` gives the argument under: its `dest`, else its name."""
    named = next((k.value for k in call.keywords if k.arg == "dest"), None)
    if named is None and call.args:
        named = call.args[0]
    text = named.value if isinstance(named, ast.Constant) else None
    return text if isinstance(text, str) else None


def _restricted(ctx: FileContext, call: ast.Call) -> bool:
    """Whether the argument's `type` converts the text away or its `choices` are fixed
    (either is enough: `type=str, choices=("asc", "desc")` gives one of the two)."""
    return any(_restricts(ctx, keyword) for keyword in call.keywords)


def _restricts(ctx: FileContext, keyword: ast.keyword) -> bool:
    value = keyword.value
    if keyword.arg == "type":
        if isinstance(value, ast.Call):
            return ctx.qualified(value.func) in _CONVERTER_FACTORIES
        name = ctx.qualified(value) or ""
        return name in _CONVERTING_INPUTS or bool(SANITISERS.get(name))
    if keyword.arg == "choices" and isinstance(value, ast.List | ast.Tuple | ast.Set):
        return all(isinstance(item, ast.Constant) for item in value.elts)
    return False


def _holder(ctx: FileContext, parser: ast.expr) -> str | None:
    """The qualified name of what holds the parser, as the analysis names it where
    `parse_args()` is called: `module.parser`, `module.Class.parser` (also for
    `self.parser` in a method), `module.function.parser` for a local."""
    scopes: list[ast.AST] = [a for a in ctx.ancestors(parser) if isinstance(a, _SCOPES)]
    if isinstance(parser, ast.Name):
        return ".".join([*_qualified(ctx, scopes), parser.id])
    if (
        isinstance(parser, ast.Attribute)
        and isinstance(parser.value, ast.Name)
        and parser.value.id == "self"
    ):
        while scopes and not isinstance(scopes[0], ast.ClassDef):
            scopes.pop(0)
        return ".".join([*_qualified(ctx, scopes), parser.attr]) if scopes else None
    return None


def _qualified(ctx: FileContext, scopes: list[ast.AST]) -> list[str]:
    """The module and the names of the enclosing scopes, outermost first."""
    names = [getattr(scope, "name", "") for scope in reversed(scopes)]
    return [ctx.module, *names] if ctx.module else names


def parsed(interp: Interpreter, parser: ir.Expr, read: Value) -> Value:
    """What `parser.parse_args()` gives: the request's data, but nothing under the keys of
    the arguments the parser declares converted."""
    declared = interp.engine.options.converted_arguments
    if not declared:
        return read
    holders = _holders_of(interp, parser)
    names = [key.partition(":")[2] for key in declared if key.partition(":")[0] in holders]
    if not names:
        return read
    parts = {form: CLEAN for name in names for form in (f"[{name}]", f".{name}")}
    return Value(read.taint, parts, read.kind)


def _holders_of(interp: Interpreter, parser: ir.Expr) -> frozenset[str]:
    """The names `_holder` may have given the parser `parse_args()` is called on."""
    function = interp.function
    if isinstance(parser, ir.Global):
        return frozenset({parser.name})
    if isinstance(parser, ir.Local):
        return frozenset({f"{function.qualname}.{parser.name}"})
    if (
        isinstance(parser, ir.Attr)
        and isinstance(parser.value, ir.Local)
        and parser.value.name == "self"
        and function.owner
    ):
        return frozenset(f"{cls}.{parser.attr}" for cls in interp.engine.index.mro(function.owner))
    return frozenset()
