"""How a project uses its classes, for telling a Django REST framework serializer it only
validates request bodies with from one whose output may reach a response.

A serializer writes its fields into `.data`; one the project only builds from request
data and validates (`s = UserCreateSerializer(data=request.data)`, then `s.is_valid()`,
`s.validated_data`, `s.save()`), or only hands to a helper or decorator that does so
(`@validate_body(UserCreateSerializer)`), never renders anything. Any other use may put
its output in a response: `serializer_class = X` (generic views render `.data` after each
write), `get_serializer_class()` returning it, `@extend_schema(responses=X)`,
`Response(X(obj).data)`, a nested field, a subclass, a name bound to it.

The per-file step records, for every serializer-like name a non-test module reads (named
as DRF names them, `...Serializer...`, resolved through its imports), whether each read
is such an input-only use, a use that may give output, or the class handed to a function
of the project (`ClassUses`). Only modules whose text holds `Serializer` can name such a
class, so the others cost a text search; a serializer named otherwise is not judged by
its uses. The project step indexes these by class name once and judges what a helper does with the
class it is handed from the helper's own body (`read_module`), following the class from
a decorator to the function its wrapper hands it to.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast

from webwarden.model.module import FileContext
from webwarden.model.names import last_part
from webwarden.model.project import ProjectModel
from webwarden.pickling import fast_pickling

CLASS_USE_FACTS = "class_uses"
_WORD = "Serializer"
_SCHEMA_DECORATORS = frozenset(
    {"drf_spectacular.utils.extend_schema", "drf_yasg.utils.swagger_auto_schema"}
)
_REQUEST_KEYWORDS = frozenset({"request", "request_body"})
"""Keywords of the OpenAPI decorators that document the request body (not the response)."""
_NEUTRAL_CALLS = frozenset({"isinstance", "issubclass"})
_CHECKED = frozenset({"is_valid", "validated_data", "errors", "save", "initial_data", "instance"})
"""What a serializer built from request data is asked for when only its input counts."""
_MAX_HOPS = 6


@dataclass(frozen=True, slots=True)
class Handed:
    """A class handed to a call: the class (qualified as the module reads it), the callee
    (qualified), and where (`position` from 0, or -1 with `keyword`)."""

    target: str
    callee: str
    position: int
    keyword: str = ""


@dataclass(frozen=True, slots=True)
class ClassUses:
    """What one module does with the class-like names it reads."""

    output: frozenset[str]
    """Names (last part) read in a way that may put the class's output in a response."""
    validated: frozenset[str]
    """Qualified names of classes built from request data and only validated or saved."""
    handed: tuple[Handed, ...]
    """Classes handed as an argument to a call of a named function."""


def extract_class_uses(ctx: FileContext) -> ClassUses | None:
    """The uses of the serializer-like names a non-test module reads (None: none)."""
    if ctx.is_test_file or not ctx.mentions(_WORD):
        return None
    output: set[str] = set()
    validated: set[str] = set()
    handed: list[Handed] = []
    for ref in _references(ctx, output):
        qualified = ctx.qualified_here(ref) or ""
        name = last_part(qualified)
        if not name or name in output:
            continue
        use = _use(ctx, ref, qualified)
        if isinstance(use, Handed):
            handed.append(use)
        elif use is True:
            validated.add(qualified)
        elif use is False:
            output.add(name)
    if not (output or validated or handed):
        return None
    return ClassUses(frozenset(output), frozenset(validated), tuple(handed))


def _references(ctx: FileContext, output: set[str]) -> Iterator[ast.Name | ast.Attribute]:
    """Every read of a serializer-like name (`UserSerializer`,
    `serializers.UserSerializer`), but of one `output` already holds.

    NOTE: every name of every module passes here: whether a name is worth a look is
    worked out once per name, and a name already known to give output costs a lookup.
    """
    worth: dict[str, bool] = {}
    load = ast.Load
    for node in cast("list[ast.Name]", ctx.nodes(ast.Name)):
        name = node.id
        looked = worth.get(name)
        if looked is None:
            # NOTE: by what it imports (`from .serializers import UserSerializer as Users`)
            looked = worth[name] = _class_like(last_part(ctx.qualified(node)))
        if looked and type(node.ctx) is load:
            yield node
            if name in output:
                worth[name] = False
    for attribute in cast("list[ast.Attribute]", ctx.nodes(ast.Attribute)):
        name = attribute.attr
        looked = worth.get(name)
        if looked is None:
            looked = worth[name] = _class_like(name)
        if looked and type(attribute.ctx) is load:
            yield attribute
            if name in output:
                worth[name] = False


def _class_like(name: str) -> bool:
    """Whether `name` is PascalCase and says it names a serializer (`UserCreateSerializer`,
    `SerializerOfUsers`), not a constant (`SERIALIZER_CLASSES`) or a module."""
    return _WORD in name and name[:1].isupper() and not name.isupper()


def _use(ctx: FileContext, ref: ast.expr, qualified: str) -> Handed | bool | None:
    """One read of a class: True when it builds the class from request data and only
    validates it, a `Handed` when it hands the class to a named function, None when it
    gives no output (an `isinstance`, an annotation, the request schema of an OpenAPI
    decorator), False for any other use."""
    holder = ctx.parent(ref)
    if isinstance(holder, ast.Call):
        if holder.func is ref:
            return _built_for_input(ctx, holder, helper=False)
        if ref not in holder.args:
            return False
        position = holder.args.index(ref)
        if any(isinstance(a, ast.Starred) for a in holder.args[:position]):
            return False
        return _handed(ctx, holder, qualified, position, "")
    if isinstance(holder, ast.keyword):
        call = ctx.parent(holder)
        if holder.arg is None or not isinstance(call, ast.Call):
            return False
        return _handed(ctx, call, qualified, -1, holder.arg)
    if isinstance(holder, ast.arg) or (
        isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef) and holder.returns is ref
    ):
        return None
    if isinstance(holder, ast.AnnAssign) and holder.annotation is ref:
        return None
    # NOTE: `serializer_class = X` of a view that answers without X's output
    return isinstance(holder, ast.Assign) and _answered_without_output(ctx, holder)


def _answered_without_output(ctx: FileContext, assign: ast.Assign) -> bool:
    """`serializer_class = X` in a create-only generic view (`CreateAPIView`, or
    `GenericAPIView` with `CreateModelMixin`) whose handler answers without what the
    serializer renders: every `return` of its `post` (else `create`) is a response given
    no data (`Response(status=201)`, `Response(None, status=200)`) or one whose `data`
    the statements just before set to a constant (`response = super().post(...)`, then
    `response.data = None`). Such a view validates and saves the body, and shows no
    field of it; one defining any other handler (`get`, `update`) may."""
    owner = ctx.parent(assign)
    if not (
        isinstance(owner, ast.ClassDef)
        and len(assign.targets) == 1
        and isinstance(assign.targets[0], ast.Name)
        and assign.targets[0].id == "serializer_class"
    ):
        return False
    bases = {ctx.qualified(base) for base in owner.bases}
    if not bases or not bases <= _CREATE_ONLY_PARTS or not bases & _CREATE_HANDLERS.keys():
        return False
    methods = {
        m.name: m for m in owner.body if isinstance(m, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    if methods.keys() & _OTHER_HANDLERS:
        return False
    handler = next((methods[name] for name in ("post", "create") if name in methods), None)
    if handler is None or (handler.name == "create" and "post" not in _given_handlers(bases)):
        return False
    returns = [node for node in ast.walk(handler) if isinstance(node, ast.Return)]
    return bool(returns) and all(_empty_answer(ctx, found) for found in returns)


_CREATE_HANDLERS = {
    "rest_framework.generics.CreateAPIView": ("post",),
    "rest_framework.mixins.CreateModelMixin": ("create",),
}
"""Bases of a create-only view, with the handlers each gives it."""
_CREATE_ONLY_PARTS = frozenset({*_CREATE_HANDLERS, "rest_framework.generics.GenericAPIView"})
_OTHER_HANDLERS = frozenset(
    {"get", "put", "patch", "delete", "list", "retrieve", "update", "partial_update"}
    | {"destroy", "get_serializer_class", "to_representation"}
)
"""Methods of a view that may answer with a serializer's output, or choose another one."""


def _given_handlers(bases: set[str | None]) -> set[str]:
    return {name for base in bases for name in _CREATE_HANDLERS.get(base or "", ())}


def _empty_answer(ctx: FileContext, found: ast.Return) -> bool:
    """A `return` of a response given no data, or of a response whose `data` the
    statements before it, in the same block, set to a constant last (`response.data =
    None`, not rebound or changed after)."""
    value = found.value
    if isinstance(value, ast.Call):
        name = last_part(ctx.qualified(value.func))
        return (
            name.endswith("Response")
            and all(isinstance(a, ast.Constant) and a.value is None for a in value.args)
            and not any(k.arg in (None, "data") for k in value.keywords)
        )
    if not isinstance(value, ast.Name):
        return False
    block = ctx.parent(found)
    before: list[ast.stmt] = []
    for field_name in ("body", "orelse", "finalbody"):
        body = getattr(block, field_name, None)
        if isinstance(body, list) and found in body:
            before = body[: body.index(found)]
    for statement in reversed(before):
        if not isinstance(statement, ast.Assign | ast.AugAssign | ast.AnnAssign):
            continue
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == "data"
                and isinstance(target.value, ast.Name)
                and target.value.id == value.id
            ):
                return isinstance(statement, ast.Assign) and isinstance(
                    statement.value, ast.Constant
                )
            if any(isinstance(n, ast.Name) and n.id == value.id for n in ast.walk(target)):
                return False  # NOTE: the response bound anew, or an item of it set
    return False


def _handed(
    ctx: FileContext, call: ast.Call, target: str, position: int, keyword: str
) -> Handed | bool | None:
    callee = ctx.qualified_here(call.func)
    if callee is None:
        return False
    if callee in _NEUTRAL_CALLS or (callee in _SCHEMA_DECORATORS and keyword in _REQUEST_KEYWORDS):
        return None
    return Handed(target, callee, position, keyword)


def _built_for_input(ctx: FileContext, call: ast.Call, *, helper: bool) -> bool:
    """Whether `call` builds a serializer from request data (`data=`, or the data as the
    second argument after the instance) and the result is only validated, read for its
    validated data or errors, or saved: `X(data=d).is_valid(raise_exception=True)`, or
    bound to a name of which nothing else is asked. In a `helper` handed the class, its
    `.data` may be handed back too when it is not saved: it is then the checked input,
    not a stored row."""
    if not any(k.arg == "data" for k in call.keywords) and len(call.args) < 2:
        return False
    holder = ctx.parent(call)
    if isinstance(holder, ast.Attribute):
        return holder.attr == "is_valid" and isinstance(ctx.parent(holder), ast.Call)
    name = ctx.assigned_name(call)
    if name is None:
        return False
    scope: ast.AST = ctx.scopes.enclosing_function(call) or ctx.tree
    asked: set[str] = set()
    for node in ctx.subtree(scope) if scope is not ctx.tree else ctx.nodes(ast.Name):
        if not isinstance(node, ast.Name) or node.id != name or ctx.parent(node) is holder:
            continue  # NOTE: the assignment's own target
        read = ctx.parent(node)
        if not isinstance(node.ctx, ast.Load) or not isinstance(read, ast.Attribute):
            return False
        if read.attr not in _CHECKED and not (helper and read.attr == "data"):
            return False
        if _answered(ctx, read):
            return False
        asked.add(read.attr)
    return "is_valid" in asked and not (helper and {"save", "data"} <= asked)


def _answered(ctx: FileContext, read: ast.Attribute) -> bool:
    """Whether what is read of the serializer is the response itself
    (`Response(serializer.validated_data)`): what a `validate()` returned, which may be
    more than the input."""
    holder = ctx.parent(read)
    if not isinstance(holder, ast.Call) or read not in holder.args:
        return False
    return last_part(ctx.qualified(holder.func)).endswith("Response")


@dataclass(slots=True)
class _Index:
    """Every non-test module's class uses, by class name."""

    output: set[str] = field(default_factory=set)
    validated: dict[str, set[str]] = field(default_factory=dict)
    handed: dict[str, list[Handed]] = field(default_factory=dict)
    imports: dict[str, dict[str, str]] = field(default_factory=dict)
    """Each module's imports (local name -> qualified), by module name."""
    helpers: dict[tuple[str, int, str], bool] = field(default_factory=dict)
    """Whether a function validates the class handed at (callee, position, keyword)."""


def _index(project: ProjectModel) -> _Index:
    known = project.memo.get(_index)
    if isinstance(known, _Index):
        return known
    index = _Index()
    for summary in project.modules.values():
        index.imports.setdefault(summary.module, summary.imports)
        uses = summary.facts.get(CLASS_USE_FACTS)
        if summary.is_test or not isinstance(uses, ClassUses):
            continue
        index.output |= uses.output
        for qualified in uses.validated:
            index.validated.setdefault(last_part(qualified), set()).add(qualified)
        for handed in uses.handed:
            index.handed.setdefault(last_part(handed.target), []).append(handed)
    project.memo[_index] = index
    return index


def used_only_for_input(project: ProjectModel, qualified: str) -> bool:
    """Whether the project's non-test modules use the serializer class `qualified`
    (`module.Class`, named `...Serializer...`) only to validate request data: built from it and validated, or handed to a function
    that does so, at least once; never in a way that may give its output (another class
    of the same name counts as it), nor handed to a function that may."""
    name = last_part(qualified)
    index = _index(project)
    if not _class_like(name) or name in index.output:
        return False
    found = any(_same_class(index, t, qualified) for t in index.validated.get(name, ()))
    for handed in index.handed.get(name, ()):
        if not _validates(project, index, handed.callee, handed.position, handed.keyword):
            return False
        found = found or _same_class(index, handed.target, qualified)
    return found


def _same_class(index: _Index, target: str, qualified: str) -> bool:
    """Whether `target` names the class `qualified`: the same name, or one a module of
    the project imports it under (`from .serializers import X` in a package's
    `__init__`)."""
    for _ in range(_MAX_HOPS):
        if target == qualified:
            return True
        module, _, name = target.rpartition(".")
        following = index.imports.get(module, {}).get(name)
        if following is None or following == target:
            return False
        target = following
    return False


def _validates(
    project: ProjectModel, index: _Index, callee: str, position: int, keyword: str, depth: int = 0
) -> bool:
    """Whether the project's function `callee` builds the class it is handed at
    `position` (or `keyword`) from request data and validates it, itself or by handing
    it on to a function that does (a decorator's wrapper)."""
    key = (callee, position, keyword)
    known = index.helpers.get(key)
    if known is not None:
        return known
    index.helpers[key] = False  # NOTE: a cycle validates nothing
    found = depth < _MAX_HOPS and _judged_helper(project, index, callee, position, keyword, depth)
    index.helpers[key] = found
    return found


def _judged_helper(
    project: ProjectModel, index: _Index, callee: str, position: int, keyword: str, depth: int
) -> bool:
    module, _, name = callee.rpartition(".")
    ctx = project.read_module(module) if project.read_module is not None and module else None
    if ctx is None:
        return False
    function = ctx.module_function(name)
    if function is None:
        imported = ctx.names.aliases.get(name)
        return imported is not None and _validates(
            project, index, imported, position, keyword, depth + 1
        )
    parameter = _parameter(function, position, keyword)
    if parameter is None:
        return False
    onward = _parameter_uses(ctx, function, parameter)
    if onward is None:
        return False
    validates, handed_on = onward
    return (validates or bool(handed_on)) and all(
        _validates(project, index, *handed, depth=depth + 1) for handed in handed_on
    )


def _parameter(
    function: ast.FunctionDef | ast.AsyncFunctionDef, position: int, keyword: str
) -> str | None:
    arguments = function.args
    positional = [a.arg for a in arguments.posonlyargs + arguments.args]
    if position >= 0:
        return positional[position] if position < len(positional) else None
    named = positional[len(arguments.posonlyargs) :] + [a.arg for a in arguments.kwonlyargs]
    return keyword if keyword in named else None


def _parameter_uses(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef, parameter: str
) -> tuple[bool, list[tuple[str, int, str]]] | None:
    """What the function does with the class its `parameter` is handed: whether it
    builds it from request data and validates it, and the calls it hands it on to
    (callee, position, keyword); None when it does anything else with it."""
    validates = False
    onward: list[tuple[str, int, str]] = []
    for node in ctx.subtree(function):
        if not isinstance(node, ast.Name) or node.id != parameter:
            continue
        if not isinstance(node.ctx, ast.Load):
            return None
        holder = ctx.parent(node)
        if isinstance(holder, ast.Call) and holder.func is node:
            if not _built_for_input(ctx, holder, helper=True):
                return None
            validates = True
            continue
        use = _use(ctx, node, parameter)
        if isinstance(use, Handed):
            onward.append((use.callee, use.position, use.keyword))
        elif use is not None:
            return None
    return validates, onward


fast_pickling(globals())
