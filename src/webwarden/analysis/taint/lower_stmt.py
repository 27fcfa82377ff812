"""Lowering of statements, functions, classes and the module body into the taint IR."""

from __future__ import annotations

import ast
import copy
import dataclasses
import functools
from collections.abc import Callable, Mapping
from typing import Any

from webwarden.analysis.dispatch_tables import DispatchTables
from webwarden.analysis.patterns import compiled_patterns
from webwarden.analysis.taint import ir
from webwarden.analysis.taint.address_checks import AddressChecks, address_checks, refuses
from webwarden.analysis.taint.annotated_params import annotated_classes, names_class
from webwarden.analysis.taint.annotated_returns import return_type
from webwarden.analysis.taint.declared_bases import declared_bases
from webwarden.analysis.taint.dict_lookups import DictLookups
from webwarden.analysis.taint.done_flags import unflagged
from webwarden.analysis.taint.field_validators import restricting_validators, restricts_field
from webwarden.analysis.taint.flags import (
    StoredNames,
    body_span,
    else_needs,
    off_flags,
    on_flags,
    rebound_params,
    refused_names,
    required_names,
)
from webwarden.analysis.taint.instance_rebinds import replaced_imports
from webwarden.analysis.taint.lookup_test import (
    counted_local,
    held_count_test,
    missing_branch,
    unset_field,
)
from webwarden.analysis.taint.lower_expr import (
    MAX_STRING,
    Scope,
    Shared,
    content_type,
    known_text,
    lower,
    read_key,
)
from webwarden.analysis.taint.lower_guards import (
    checked_reads,
    guards,
    looked_up_guards,
    loop_guards,
    note_match,
    note_verdict,
    raising_checks,
    split_read,
)
from webwarden.analysis.taint.matched_keys import key_guards
from webwarden.analysis.taint.method_test import get_branch
from webwarden.analysis.taint.model_fields import FieldLookups, model_field_guards
from webwarden.analysis.taint.module_aliases import module_aliases
from webwarden.analysis.taint.none_tests import none_arm
from webwarden.analysis.taint.parsed_kwargs import parsed_kwargs
from webwarden.analysis.taint.predicate_bodies import (
    CHARACTER_GUARDS,
    decoded_copies,
    early_accept_test,
    early_return_test,
)
from webwarden.analysis.taint.prefix_ends import ensured_separator
from webwarden.analysis.taint.query_separator import as_read, opens_query, separator_statement
from webwarden.analysis.taint.raising_validators import validator_checks
from webwarden.analysis.taint.response_types import (
    TYPED,
    makes_response,
    markup_type,
    own_nodes,
    tuple_type,
    typed_responses,
)
from webwarden.analysis.taint.row_keys import (
    declared_primary_key,
    lookup_settings,
    lookup_starts,
    may_look_up,
    row_key_guards,
    tested_row_keys,
)
from webwarden.analysis.taint.saved_models import listed_meta_fields
from webwarden.analysis.taint.scope_names import (
    ModuleScopes,
    ScopeNames,
    module_strings,
    walk_scope_names,
)
from webwarden.analysis.taint.searched import searched_test
from webwarden.analysis.taint.settings_urls import settings_urls
from webwarden.analysis.taint.settled import AttributeWrites, built_urls, settled_kind
from webwarden.analysis.taint.shapes import closed_template
from webwarden.analysis.taint.specs import (
    ADDRESS_KINDS,
    DJANGO_SETTINGS_PREFIX,
    GRAPHQL_LIBRARIES,
    KEPT_REQUEST,
    RESTRICTED_FIELD,
    SAFE_PATTERN,
    TEXT_FIELDS,
)
from webwarden.analysis.taint.stored_values import stored_value_guards
from webwarden.analysis.taint.syntax_checks import checked_source
from webwarden.analysis.taint.taken_branch import EmptyStarts
from webwarden.model.django.session_nonce import refuses_unmatched
from webwarden.model.module import FileContext, spans_line
from webwarden.model.scopes import parameter_defaults
from webwarden.model.tree import walk

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
_WRAPPERS = frozenset({"Argument", "NonNull", "List"})
"""graphene's wrappers of a type: what an argument so declared holds is the wrapped type."""
_MAX_WRAPPERS = 4
_COMPILES = frozenset({"re.compile", "regex.compile"})
"""`re.compile`, and the `regex` package's, whose patterns `re` reads alike."""
_FIELD_OPTIONS = frozenset({"type", "type_", "of_type"})
"""Keywords of a graphene field that name its own type, not an argument."""
_FIELD_SETTINGS = frozenset(
    {"description", "deprecation_reason", "default_value", "name", "source"}
)
"""Keywords of a graphene field that set up the field, not one of its arguments: a name
given to one of them is a constant of the project, never an argument's type."""
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_BOUND = frozenset({"method", "property", "classmethod"})
"""Kinds of methods whose first parameter is the instance (or the class)."""
_KINDS = {
    "staticmethod": "staticmethod",
    "classmethod": "classmethod",
    "property": "property",
    "cached_property": "property",
}


def target(node: ast.expr, scope: Scope) -> ir.Target:
    """The IR of an assignment target."""
    if isinstance(node, ast.Name):
        return scope.leaf(ir.TName, node.id)
    if isinstance(node, ast.Attribute):
        return ir.TAttr(lower(node.value, scope), node.attr)
    if isinstance(node, ast.Subscript):
        return ir.TSub(lower(node.value, scope), lower(node.slice, scope))
    if isinstance(node, ast.Tuple | ast.List):
        star = next((i for i, e in enumerate(node.elts) if isinstance(e, ast.Starred)), -1)
        elts = tuple(target(e.value if isinstance(e, ast.Starred) else e, scope) for e in node.elts)
        return ir.TSeq(elts, star)
    if isinstance(node, ast.Starred):
        return target(node.value, scope)
    return ir.TSeq(())


def _enumerated(
    node: ast.For | ast.AsyncFor, scope: Scope
) -> tuple[ast.expr, ast.expr, ast.expr] | None:
    """(index, item, iterable) of `for index, item in enumerate(iterable)`, the builtin's."""
    call, pair = node.iter, node.target
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "enumerate"
        and len(call.args) == 1
        and not isinstance(call.args[0], ast.Starred)
        and all(k.arg == "start" for k in call.keywords)
        and isinstance(pair, ast.Tuple)
        and len(pair.elts) == 2
        and not any(isinstance(e, ast.Starred) for e in pair.elts)
    ):
        return None
    function = lower(call.func, scope)
    if not (isinstance(function, ir.Global) and function.name == "enumerate"):
        return None  # NOTE: a function of the module's own so named
    return pair.elts[0], pair.elts[1], call.args[0]


def _params(args: ast.arguments, shared: Shared) -> tuple[ir.Param, ...]:
    params = [_param(a.arg, "pos", shared) for a in (*args.posonlyargs, *args.args)]
    if args.vararg is not None:
        params.append(_param(args.vararg.arg, "vararg", shared))
    params += [_param(a.arg, "kwonly", shared) for a in args.kwonlyargs]
    if args.kwarg is not None:
        params.append(_param(args.kwarg.arg, "kwarg", shared))
    return tuple(params)


def _param(name: str, kind: str, shared: Shared) -> ir.Param:
    """`ir.Param(name, kind)`, shared by the module's functions (as `Scope.leaf`)."""
    key = (ir.Param, name, kind)
    found = shared.get(key)
    if found is None:
        found = shared[key] = ir.Param(name, kind)
    return found  # type: ignore[return-value]


_PLAIN_TYPES = frozenset(
    {"int", "float", "bool", "UUID", "date", "datetime", "time", "timedelta", "Decimal"}
    | {"PositiveInt", "NegativeInt", "NonNegativeInt", "NonPositiveInt", "StrictInt"}
    | {"PositiveFloat", "StrictBool", "StrictFloat", "conint", "confloat"}
)
"""Annotations of values that hold no text (pydantic's constrained numbers too)."""


def plain_params(args: ast.arguments) -> tuple[str, ...]:
    """The parameters annotated with a type that holds no text: `int`, `uuid.UUID`,
    `Path[int]` / `Query[int]` (the annotation a marker wraps), `Optional[int]`, `int | None`."""
    return tuple(
        a.arg
        for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)
        if a.annotation is not None and _plain(a.annotation, 0)
    )


def _plain(annotation: ast.expr, depth: int) -> bool:
    if depth > 3:
        return False
    if isinstance(annotation, ast.Name | ast.Attribute):
        name = annotation.id if isinstance(annotation, ast.Name) else annotation.attr
        return name in _PLAIN_TYPES
    if isinstance(annotation, ast.Call):
        return _plain(annotation.func, depth + 1)  # NOTE: `conint(gt=0)`
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        sides = (annotation.left, annotation.right)
        return all(_plain(s, depth + 1) or _none(s) for s in sides) and not all(map(_none, sides))
    if isinstance(annotation, ast.Subscript):
        inner = annotation.slice
        parts = inner.elts if isinstance(inner, ast.Tuple) else [inner]
        outer = annotation.value
        wrapper = outer.id if isinstance(outer, ast.Name) else getattr(outer, "attr", "")
        if wrapper == "Union":
            # NOTE: `Union[int, str]` may hold text; `Union[int, None]` is `Optional[int]`.
            return all(_plain(p, depth + 1) or _none(p) for p in parts) and not all(
                map(_none, parts)
            )
        if wrapper in _PAIRED:
            # NOTE: `dict[int, str]` holds text in its values, `tuple[int, str]` in one place.
            return all(_plain(p, depth + 1) or _ellipsis(p) for p in parts)
        return bool(parts) and _plain(parts[0], depth + 1)
    return False


_PAIRED = frozenset({"dict", "Dict", "Mapping", "MutableMapping", "tuple", "Tuple"})
"""Generic types whose every argument, not only the first, types what they hold."""


def _ellipsis(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is Ellipsis


def _none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _defaults(args: ast.arguments, scope: Scope) -> tuple[tuple[str, ir.Expr], ...]:
    if not args.defaults and not any(args.kw_defaults):
        return ()
    pairs = parameter_defaults(args).items()
    return tuple((name, lower(d, scope)) for name, d in pairs if not isinstance(d, ast.Constant))


def _ascii_position(node: ast.AST) -> ir.Pos:
    """`FileContext.position` in a module of ASCII text, where a column's bytes are its
    characters (most modules: their positions are the lowering's commonest question)."""
    return getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1


class Lowering:
    """Lowers one module: every function, method, lambda and the module body."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.position: Callable[[ast.AST], ir.Pos] = (
            _ascii_position if ctx.text.isascii() else ctx.position
        )
        """(line, column) of a node, columns counted in characters."""
        self.module = ctx.module
        self._renamed = module_aliases(ctx)
        self.aliases = {**ctx.names.aliases, **self._renamed}
        self._replaced = replaced_imports(ctx)
        self._function_aliases = (
            {n: q for n, q in self.aliases.items() if n not in self._replaced}
            if self._replaced
            else self.aliases
        )
        """What a function reads its names as: the import aliases, but for an imported
        class the module replaces by its instance (`instance_rebinds`)."""
        self._scopes = ModuleScopes(ctx)
        self._module_names = self._scopes.of(ctx.tree)
        # NOTE: a name only a star import binds is read as the module's own
        # (`app.routes.Search`); the project step maps it to what the import brings.
        module = self._module_names
        # NOTE: a module-level comprehension's target is read, like the module's names,
        # as a qualified name (the module scope has no locals).
        self.module_names = frozenset(module.bound | module.comprehended) | ctx.star_names
        self._shared: Shared = {}
        """What every scope's `Scope.leaf` shares."""
        self.functions: list[ir.Function] = []
        self.classes: list[ir.ClassDef] = []
        self._taken: set[str] = set()
        self._bodies: dict[str, list[ast.stmt]] = {}
        """Function -> its body, scanned by `response_types` only when a response is made."""
        # NOTE: the `regex` package is a drop-in for `re`: its patterns read the same.
        compiles = {n for n, q in self.aliases.items() if q in _COMPILES}
        compiles.update(f"{m}.compile" for m in ("re", "regex") if self.aliases.get(m) == m)
        self.patterns = compiled_patterns(ctx.tree, frozenset(compiles)) if compiles else {}
        self.addresses = (
            address_checks(ctx.tree)
            if any(ctx.mentions(kind) for kind in ADDRESS_KINDS)
            else AddressChecks()
        )
        self.strings = {
            f"{self.module}.{name}" if self.module else name: text[:MAX_STRING]
            for name, text in module_strings(ctx).items()
        }
        self._typed: dict[str, Mapping[str, str]] = {}
        """Function -> its locals holding responses it gives a type (`response_types`)."""
        self.writes = AttributeWrites()
        self._lookups = DictLookups(ctx)
        self._class_tables: dict[str, frozenset[str]] = {}
        """Class -> its fixed tables (`DictLookups.class_tables`)."""
        self._class_methods: dict[str, frozenset[str]] = {}
        """Class -> its methods written in this module, with its bases' written here."""
        self._dispatch_tables = DispatchTables.of(ctx)
        self._field_reads = FieldLookups(ctx)
        """Where the module reads `get_field` (the screen before `model_field_guards`)."""
        self._stores = StoredNames(ctx)

    @functools.cached_property
    def _lookup_starts(self) -> list[tuple[int, int]]:
        """Where the module's calls that may be row lookups start (`may_look_up`)."""
        return lookup_starts(self.ctx.nodes(ast.Call))

    @functools.cached_property
    def module_calls(self) -> dict[str, ast.Call]:
        """Module-level `name = call(...)`: a validator a module defines once and its
        forms name (`username_rule = Regexp(...)`)."""
        bound = self.ctx.scopes.bindings(self.ctx.tree)
        return {
            name: values[0]
            for name, values in bound.items()
            if len(values) == 1 and isinstance(values[0], ast.Call)
        }

    @functools.cached_property
    def _validators(self) -> Validators:
        """`module_calls`, and the module's own WTForms validators that admit only
        letters, digits, `_` and `-` (`field_validators`)."""
        return self.module_calls, restricting_validators(self.ctx)

    def _qualname(self, parent: str, name: str, node: ast.AST) -> str:
        qualname = f"{parent}.{name}" if parent else name
        if qualname in self._taken or _overload_stub(node):
            # NOTE: an `@overload` stub never runs: the name is the implementation's,
            # which follows the stubs.
            return f"{qualname}@{getattr(node, 'lineno', 0)}"
        self._taken.add(qualname)
        return qualname

    def _decorators(self, node: FunctionNode | ast.ClassDef, scope: Scope) -> tuple[str, ...]:
        names = []
        for decorator in node.decorator_list:
            func = decorator.func if isinstance(decorator, ast.Call) else decorator
            lowered = lower(func, scope)
            if isinstance(lowered, ir.Global):
                names.append(lowered.name)
            elif isinstance(lowered, ir.Attr):
                names.append(_attribute_decorator(lowered))
        return tuple(names)

    def module_ir(self) -> ir.ModuleIR:
        """Lower the whole module."""
        body = self.ctx.tree.body
        qualname = f"{self.module}.<module>" if self.module else "<module>"
        scope = self._scope(qualname, self._module_names, aliases=self.aliases)
        # NOTE: module-level names read as qualified names, even in the module body, so
        # calls there name their callee (`runner = Runner()` is an instance of `Runner`).
        scope.is_module = True
        scope.locals = frozenset()
        statements = self.block(body, scope, owner_class="")
        module_function = ir.Function(
            scope.qualname, "<module>", (), (), statements, (1, 1), kind="module"
        )
        self._lambdas(scope, "")
        names = self._qualifying(scope)
        made = declared_bases(self.module, self.module_calls, lambda node: lower(node, names))
        self.classes.extend(c for c in made if c.qualname not in self._taken)
        settings = settings_urls(self.ctx)
        built = built_urls(self.ctx, lambda value: lower(value, scope))
        return ir.ModuleIR(
            self.module,
            (module_function, *self.functions),
            tuple(self.classes),
            tuple(sorted(self.writes.outside)),
            (
                *(name for name, text in self.strings.items() if closed_template(text)),
                *(f"{self.module}.{name}" if self.module else name for name in built),
                *(DJANGO_SETTINGS_PREFIX + name for name, closed in settings.items() if closed),
            ),
            tuple(DJANGO_SETTINGS_PREFIX + name for name, closed in settings.items() if not closed),
            tuple(
                (f"{self.module}.{name}" if self.module else name, pattern)
                for name, pattern in self.patterns.items()
            ),
            tuple(sorted(self._renamed.items())),
            tuple(sorted(self._replaced)),
        )

    def _qualifying(self, scope: Scope) -> Scope:
        """`scope`, but with module-level names read as qualified names."""
        if not scope.is_module:
            return scope
        return Scope(
            qualname=scope.qualname,
            module=self.module,
            locals=frozenset(),
            enclosing=frozenset(),
            declared_global=frozenset(),
            aliases=self.aliases,
            module_names=self.module_names,
            position=self.position,
            patterns=self.patterns,
            addresses=self.addresses,
            strings=self.strings,
            shared=self._shared,
        )

    def _scope(
        self,
        qualname: str,
        names: ScopeNames,
        params: tuple[ir.Param, ...] = (),
        enclosing: frozenset[str] = frozenset(),
        body: list[ast.stmt] | None = None,
        aliases: dict[str, str] | None = None,
    ) -> Scope:
        bound = names.bound | {p.name for p in params}
        return Scope(
            qualname=qualname,
            module=self.module,
            locals=frozenset((bound | names.comprehended) - names.nonlocal_names - names.declared),
            comprehended=frozenset(names.comprehended - bound),
            enclosing=enclosing | frozenset(names.nonlocal_names),
            declared_global=frozenset(names.declared),
            aliases=self._function_aliases if aliases is None else aliases,
            module_names=self.module_names,
            position=self.position,
            patterns=self.patterns,
            addresses=self.addresses,
            strings=self.strings,
            shared=self._shared,
            body=body or (),
            dispatch_tables=self._dispatch_tables,
        )

    def function(
        self,
        node: FunctionNode | ast.Lambda,
        parent: str,
        outer: Scope | None,
        owner_class: str = "",
    ) -> str:
        """Lower a function (or lambda) and return its qualified name."""
        if isinstance(node, ast.Lambda):
            assert outer is not None  # noqa: S101 - lambdas are always met inside a scope
            qualname = outer.lambda_ref(node)
            body: list[ast.stmt] = [ast.Return(node.body, lineno=node.lineno, col_offset=0)]
            ast.copy_location(body[0], node.body)
        else:
            qualname = self._qualname(parent, node.name, node)
            body = node.body
        params = _params(node.args, self._shared)
        enclosing: frozenset[str] = frozenset()
        if outer is not None and not outer.is_module:
            enclosing = outer.enclosing | outer.locals
        scope = self._scope(qualname, self._scopes.of(node), params, enclosing, body)
        if not isinstance(node, ast.Lambda):
            scope.binds = functools.partial(self._stores.within, span=body_span(node))
        scope.tables = self._lookups.module_tables()
        self._bodies[qualname] = body
        decorators: tuple[str, ...] = ()
        kind = "method" if owner_class else "function"
        if not isinstance(node, ast.Lambda):
            decorators = self._decorators(node, self._qualifying(outer or scope))
            for decorator in decorators:
                kind = _KINDS.get(decorator.rsplit(".", 1)[-1], kind) if owner_class else kind
        bound = kind in _BOUND and bool(params) and params[0].kind == "pos"
        if bound:
            own = self._class_tables.get(owner_class, frozenset())
            scope.tables |= {f"{params[0].name}.{attribute}" for attribute in own}
            scope.receiver = params[0].name
            scope.methods = self._class_methods.get(owner_class, frozenset())
        self.writes.enter(owner_class if bound else "", params[0].name if bound else "")
        statements = self.block(body, scope, owner_class="")
        self.writes.leave()
        predicate = _predicate(body, scope, params) or host_check(scope, params)
        self.functions.append(
            ir.Function(
                qualname,
                "<lambda>" if isinstance(node, ast.Lambda) else node.name,
                params,
                _defaults(node.args, outer or scope),
                statements,
                self.position(node),
                owner_class,
                kind,
                decorators,
                predicate,
                plain_params(node.args) if decorators else (),
                off_flags(node, self._stores),
                rebound_params(node, self._stores),
                tuple(parameter_defaults(node.args)),
                "" if isinstance(node, ast.Lambda) else self._returns(node, outer or scope),
                False,
                None if isinstance(node, ast.Lambda) else parsed_kwargs(node.decorator_list),
                on_flags=on_flags(node, self._stores),
                raises_unless=validator_checks(node, scope, params, within=self._within),
                typed_params=self._typed_params(node.args, outer or scope),
            )
        )
        self._lambdas(scope, qualname)
        return qualname

    def _within(self, kind: type[ast.AST], node: ast.stmt) -> bool:
        """Whether a node of `kind` (a statement or expression) stands within the lines
        of `node`, from the module's index of nodes by type."""
        return spans_line(self.ctx.lines_of(kind), node)

    def _returns(self, node: FunctionNode, scope: Scope) -> str:
        if node.returns is None:
            return ""  # NOTE: most functions: no scope of qualified names to build
        names = self._qualifying(scope)

        def qualify(name: ast.expr) -> str | None:
            lowered = lower(name, names)
            return lowered.name if isinstance(lowered, ir.Global) else None

        return return_type(node.returns, qualify)

    def _typed_params(self, args: ast.arguments, scope: Scope) -> tuple[tuple[str, str], ...]:
        annotated = (*args.posonlyargs, *args.args, *args.kwonlyargs)
        if not any(names_class(a.annotation) for a in annotated):
            return ()  # NOTE: most functions: no scope of qualified names to build
        names = self._qualifying(scope)

        def qualify(name: ast.expr) -> str | None:
            lowered = lower(name, names)
            return lowered.name if isinstance(lowered, ir.Global) else None

        return annotated_classes(args, qualify)

    def _lambdas(self, scope: Scope, parent: str) -> None:
        while scope.lambdas:
            self.function(scope.lambdas.pop(0), parent, scope)

    def class_def(self, node: ast.ClassDef, parent: str, outer: Scope) -> str:
        """Lower a class and its methods; return its qualified name."""
        qualname = self._qualname(parent, node.name, node)
        # NOTE: bases and class attributes name module-level classes by qualified name,
        # even though the module body itself binds them as its variables.
        names = self._qualifying(outer)
        # NOTE: a generic base (`BaseDAO[Dashboard]`, `Generic[T]`) is its class.
        unsubscripted = (e.value if isinstance(e, ast.Subscript) else e for e in node.bases)
        bases = tuple(
            b.name for b in (lower(e, names) for e in unsubscripted) if isinstance(b, ir.Global)
        )
        methods, fields, annotations, refs, members = [], [], [], [], []
        plain: list[str] = []
        arguments: list[tuple[str, str, str]] = []
        given: list[tuple[str, str | None]] = []
        primary_key, lookups = "", []
        self._class_tables[qualname] = self._lookups.class_tables(node)
        self._class_methods[qualname] = frozenset(
            statement.name
            for statement in node.body
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
        ).union(*(self._class_methods.get(base, frozenset()) for base in bases))
        for statement in node.body:
            given += _class_constants(statement, names)
            primary_key = primary_key or declared_primary_key(statement)
            lookups += lookup_settings(statement, names)
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                self.function(statement, qualname, outer, qualname)
                methods.append(statement.name)
                members += _members(statement, names)
            elif isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
                callee = lower(statement.value.func, names)
                if isinstance(callee, ir.Global):
                    made = _field_kind(callee.name, statement.value, names, self._validators)
                    targets = [t.id for t in statement.targets if isinstance(t, ast.Name)]
                    fields += [(target, made) for target in targets]
                    declared = _declared_arguments(callee.name, statement.value, names)
                    arguments += [(t, arg, kind) for t in targets for arg, kind in declared]
            elif isinstance(statement, ast.Assign) and isinstance(
                statement.value, ast.Name | ast.Attribute
            ):
                value = lower(statement.value, names)
                if isinstance(value, ir.Global):
                    refs += [
                        (t.id, value.name) for t in statement.targets if isinstance(t, ast.Name)
                    ]
            elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                annotations.append(statement.target.id)
                if _plain(statement.annotation, 0):
                    plain.append(statement.target.id)
                if isinstance(statement.value, ast.Call):
                    callee = lower(statement.value.func, names)
                    if isinstance(callee, ir.Global):
                        made = _field_kind(callee.name, statement.value, names, self._validators)
                        fields.append((statement.target.id, made))
            elif isinstance(statement, ast.ClassDef):
                self.class_def(statement, qualname, outer)
        fields = _inline_checked(self.ctx, node, fields)
        self.classes.append(
            ir.ClassDef(
                qualname,
                bases,
                tuple(methods),
                tuple(fields),
                tuple(annotations),
                self._decorators(node, names),
                self.position(node),
                tuple(refs),
                tuple(dict.fromkeys(members)),
                tuple(arguments),
                tuple(dict.fromkeys((*given, *self.writes.by_class.pop(qualname, ())))),
                primary_key,
                tuple(lookups),
                listed_meta_fields(node),
                tuple(plain),
            )
        )
        return qualname

    # -- statements ------------------------------------------------------------------------

    def block(self, body: list[ast.stmt], scope: Scope, owner_class: str) -> ir.Block:
        """The IR of a statement list."""
        if not (scope.verdicts or scope.refutations or scope.hosts or scope.splits or scope.copies):
            # NOTE: nothing noted before the block (most blocks): nothing to copy, and
            # nothing the block notes outlives it.
            lowered = self._statements(body, scope)
            scope.verdicts, scope.refutations, scope.hosts, scope.splits = {}, {}, {}, {}
            scope.copies = {}
            return lowered
        before, hosts, splits = dict(scope.verdicts), dict(scope.hosts), dict(scope.splits)
        refutations, copies = dict(scope.refutations), dict(scope.copies)
        lowered = self._statements(body, scope)
        # NOTE: a check (or a host) stored inside this block may not have run after it,
        # unless the block stored the same check again (`ok = is_safe(url)` after `url =
        # default`): whichever ran, the local holds the verdict on the `url` of now.
        scope.verdicts = {k: v for k, v in before.items() if scope.verdicts.get(k) == v}
        scope.refutations = {k: v for k, v in refutations.items() if scope.refutations.get(k) == v}
        scope.hosts = {k: v for k, v in hosts.items() if scope.hosts.get(k) == v}
        scope.splits = {k: v for k, v in splits.items() if scope.splits.get(k) == v}
        scope.copies = {k: v for k, v in copies.items() if scope.copies.get(k) == v}
        return lowered

    def _statements(self, body: list[ast.stmt], scope: Scope) -> ir.Block:
        lowered: list[ir.Stmt] = []
        starts = EmptyStarts()
        # NOTE: `if not done: fallback` after an `if` setting `done = True` runs where the
        # flag was not set (see `done_flags`).
        for statement in unflagged(body):
            # NOTE: `model = None; if kind in MODELS: model = ...`: past the `if`, a true
            # `model` says its test held (see `taken_branch`).
            wanted = isinstance(statement, ast.If) and starts.wants(statement)
            then = (
                guards(statement.test, scope)[0] if isinstance(statement, ast.If) and wanted else ()
            )
            lowered.extend(self.statement(statement, scope))
            for name, (held, none) in starts.taken_verdicts(statement, then).items():
                scope.verdicts[name] = held
                if none:
                    scope.none_when_failed.add(name)
                else:
                    scope.none_when_failed.discard(name)
            starts.passed(statement)
        return tuple(lowered)

    def _typed_responses(self, scope: Scope) -> Mapping[str, str]:
        """`response_types.typed_responses` of the function `scope` lowers, worked out on
        first use (from the scope's list of the body's nodes when it has it)."""
        found = self._typed.get(scope.qualname)
        if found is None:
            body = self._bodies.get(scope.qualname)
            found = {}
            if body:
                nodes = scope.own_nodes() if body is scope.body else own_nodes(body)
                found = typed_responses(nodes)
            self._typed[scope.qualname] = found
        return found

    def _hold_checked_reads(self, test: ast.expr, scope: Scope) -> list[ir.Stmt]:
        """`held = request.GET.get("next")` before `if is_safe(request.GET.get("next"))`,
        with later reads of the same expression in the function read from `held`."""
        return self._hold_reads(checked_reads(test), scope)

    def _hold_reads(self, reads: list[ast.expr], scope: Scope) -> list[ir.Stmt]:
        assignments: list[ir.Stmt] = []
        for read in reads:
            key = read_key(read)
            if key in scope.repeated:
                continue
            value = lower(read, scope)
            held = f"<read{len(scope.repeated)}>"
            scope.repeated[key] = held
            assignments.append(ir.Assign((ir.TName(held),), value, self.position(read)))
        return assignments

    def _unrolled(
        self,
        node: ast.For,
        names: tuple[str, ...],
        elements: list[tuple[ast.expr, ...]],
        scope: Scope,
    ) -> list[ir.Stmt]:
        """`for key in ("name", "email"): ...` as the body once per key, the key written
        as the constant it is: `data[key] = ...` then sets that item, as written out. So
        too a loop over a table of pairs (`for old, new in (("&", "&amp;"), ...)`), each
        variable its constant of the pass: `text = text.replace(old, new)` is then the
        chain of replacements written out (see `html_escaping`)."""
        lowered: list[ir.Stmt] = []
        for element in elements:
            given = dict(zip(names, element, strict=True))
            body = [_Substituted(given).visit(copy.deepcopy(s)) for s in node.body]
            lowered.extend(self.block(body, scope, ""))
        for name, last in zip(names, elements[-1], strict=True):
            lowered.append(ir.Assign((ir.TName(name),), lower(last, scope), self.position(node)))
        lowered.extend(self.block(node.orelse, scope, ""))
        return lowered

    def statement(self, node: ast.stmt, scope: Scope) -> list[ir.Stmt]:
        """The IR of one statement (none for those that move no data)."""
        lowering = _STATEMENTS.get(type(node))
        lowered = [] if lowering is None else lowering(self, node, scope)
        note_match(node, scope)
        return lowered

    def _definition(self, node: FunctionNode | ast.ClassDef, scope: Scope) -> list[ir.Stmt]:
        parent = scope.qualname.removesuffix(".<module>").removesuffix("<module>")
        if isinstance(node, ast.ClassDef):
            return [ir.Define(node.name, self.class_def(node, parent, scope))]
        return [ir.Define(node.name, self.function(node, parent, scope))]

    def _return(self, node: ast.Return, scope: Scope) -> list[ir.Stmt]:
        value = None if node.value is None else lower(node.value, scope)
        if isinstance(node.value, ast.Tuple):
            typed = self._typed_responses(scope)
            value = _typed_tuple(node.value, scope, typed) or value
        return [ir.Return(value, self.position(node))]

    def _assign(self, node: ast.Assign, scope: Scope) -> list[ir.Stmt]:
        split = split_read(node, scope)
        held = self._hold_reads([split], scope) if split is not None else []
        # NOTE: the value is read before the names are bound, with what was known of them:
        # `url = url if url_is_safe else "/"` keeps the verdict the check gave `url`.
        value = known_text(lower(node.value, scope), scope)
        note_verdict(node, scope)
        targets = tuple(target(t, scope) for t in node.targets)
        if isinstance(value, ir.Call) and makes_response(value.callee):
            typed = self._typed_responses(scope)
            named = [t.id for t in node.targets if isinstance(t, ast.Name) and t.id in typed]
            if named:
                # NOTE: a response this function gives a type later is not HTML.
                given = ir.Const(typed[named[0]])
                value = dataclasses.replace(value, keywords=(*value.keywords, ("mimetype", given)))
        assigned = ir.Assign(targets, value, self.position(node))
        self.writes.note(targets, value)
        checked = _raised_unless(node.value, scope) or self._looked_up(node.value, scope)
        checked += self._field_names(node.value, scope)
        if isinstance(node.value, ast.Call):
            checked += row_key_guards(node.value, scope)
        if checked:
            # NOTE: `safe = check_path_safe(path, base)`: past it, the check held of `path`.
            return [*held, assigned, ir.If(ir.Clean(()), (), (ir.Exit("raise"),), checked, ())]
        return [*held, assigned]

    def _looked_up(self, value: ast.expr, scope: Scope) -> tuple[ir.Guard, ...]:
        return looked_up_guards(value, scope) if self._lookups.may_hold(value) else ()

    def _field_names(self, value: ast.expr, scope: Scope) -> tuple[ir.Guard, ...]:
        return model_field_guards(value, scope) if self._field_reads.may_hold(value) else ()

    def _annotated(self, node: ast.AnnAssign, scope: Scope) -> list[ir.Stmt]:
        if node.value is None:
            return []
        value = lower(node.value, scope)
        written = target(node.target, scope)
        self.writes.note((written,), value)
        return [ir.Assign((written,), value, self.position(node))]

    def _augmented(self, node: ast.AugAssign, scope: Scope) -> list[ir.Stmt]:
        if isinstance(node.op, ast.Add) and opens_query(node.value, node.target, scope.assignments):
            # NOTE: `url += "&" + q if "?" in url else "?" + q`: as `url = url + ...`, whose
            # query the choice continues (see `query_separator`).
            read = ast.fix_missing_locations(ast.copy_location(as_read(node.target), node))
            joined = ast.copy_location(ast.BinOp(read, ast.Add(), node.value), node)
            targets = (target(node.target, scope),)
            value = lower(joined, scope)
            self.writes.note(targets, value)
            return [ir.Assign(targets, value, self.position(node))]
        value = lower(node.value, scope)
        written = target(node.target, scope)
        self.writes.note((written,), None)
        return [ir.AugAssign(written, value, self.position(node))]

    def _delete(self, node: ast.Delete, scope: Scope) -> list[ir.Stmt]:
        return [ir.Eval(lower(removal, scope)) for removal in _removals(node)]

    def _expression(self, node: ast.Expr, scope: Scope) -> list[ir.Stmt]:
        if isinstance(node.value, ast.Call):
            scope.refuses_internal.update(_refused_hosts(node.value, scope))
        checked = raising_checks(node.value, scope) if isinstance(node.value, ast.Call) else ()
        checked = checked or self._looked_up(node.value, scope)
        checked += self._field_names(node.value, scope)
        if isinstance(node.value, ast.Call):
            checked += row_key_guards(node.value, scope)
        if checked:
            # NOTE: as an `assert`: past the call, the check held.
            return [ir.If(lower(node.value, scope), (), (ir.Exit("raise"),), checked, ())]
        source = checked_source(node, scope)
        if source is not None:
            return [ir.Eval(lower(source, scope))]  # NOTE: a syntax check shows nothing
        return [ir.Eval(lower(node.value, scope))]

    def _if(self, node: ast.If, scope: Scope) -> list[ir.Stmt]:
        appended = separator_statement(node, scope.assignments)
        if appended is not None:
            return self._augmented(appended, scope)
        ensured = ensured_separator(node, scope)
        lowered = self._if_lowered(node, scope)
        if ensured is not None:
            # NOTE: `if not base.endswith(os.sep): base += os.sep`: past it, `base` ends in
            # a separator whichever arm ran.
            scope.prefixes.add(ensured)
        return lowered

    def _if_lowered(self, node: ast.If, scope: Scope) -> list[ir.Stmt]:
        if refuses(node, scope.addresses.predicates):
            # NOTE: the URLs split so far, whose host the address may be (what is noted
            # inside a block is forgotten after it).
            scope.refuses_internal.update((*scope.splits.values(), *scope.hosts.values()))
        held = self._hold_checked_reads(node.test, scope)
        then, otherwise = guards(node.test, scope)
        if scope.matches:
            # NOTE: `if m.group(1) in FIELDS:` of `m = re.match(r"^(.+)__(lt|gt)$", key)`
            # checks `key` too (`matched_keys`).
            lower_here = functools.partial(lower, scope=scope)
            keys = key_guards(node.test, scope.matches, scope.groups, lower_here)
            then, otherwise = then + keys[0], otherwise + keys[1]
        if _raises_unless(node, scope):
            scope.allowed_hosts.extend(g for g in otherwise if g.how == "host")
        looked_up = may_look_up(node.test, self._lookup_starts)
        row_keys = tested_row_keys(node.test, scope) if looked_up else ()
        fields = self._field_names(node.test, scope) + row_keys
        if fields:
            # NOTE: the test raises unless each name is a model's field or a key its lookup
            # converts: both arms are past it.
            held.append(ir.If(ir.Clean(()), (), (ir.Exit("raise"),), fields, ()))
        held_count = held_count_test(node.test, scope.body, scope.held_tests())
        body = self.block(node.body, scope, "")
        orelse = self.block(node.orelse, scope, "")
        deployed = _deployed_arm(node, scope)
        if deployed is not None:
            # NOTE: `if settings.DEBUG: check = rebuilt(url) else: check = url`: deployed,
            # the project runs the arm for `DEBUG` off, and past the `if` the copy it made
            # holds.
            scope.copies.update(_arm_copies(deployed, scope))
        return [
            *held,
            ir.If(
                lower(node.test, scope),
                body,
                orelse,
                then,
                otherwise,
                self.position(node.test),
                get_branch(node.test),
                missing_branch(node.test if held_count is None else held_count),
                required_names(node.test),
                counted_local(node.test),
                refused_names(node.test),
                unset=unset_field(node.test, node),
                unmatched_exit=refuses_unmatched(self.ctx, node, scope.body),
                else_needs=else_needs(node.test),
                counted_test=None if held_count is None else lower(held_count, scope),
                none_arm=none_arm(node.test),
            ),
        ]

    def _assert(self, node: ast.Assert, scope: Scope) -> list[ir.Stmt]:
        then, _ = guards(node.test, scope)
        return [ir.If(lower(node.test, scope), (), (ir.Exit("raise"),), then, ())]

    def _for(self, node: ast.For | ast.AsyncFor, scope: Scope) -> list[ir.Stmt]:
        unrolled = _unrollable(node) if isinstance(node, ast.For) else None
        if unrolled is not None and isinstance(node, ast.For):
            return self._unrolled(node, *unrolled, scope)
        searched = searched_test(node, scope)
        if searched is not None:
            return self._searched(node, searched, scope)
        counted = _enumerated(node, scope)
        if counted is not None:
            # NOTE: `for n, item in enumerate(items)`: `n` counts, only `item` carries data.
            index, item, items = counted
            count = ir.Assign((target(index, scope),), ir.Const(0), scope.position(index))
            body = self._loop_body(node, item, scope)
            return [
                ir.Loop(
                    target(item, scope),
                    lower(items, scope),
                    (count, *body),
                    self.block(node.orelse, scope, ""),
                    scope.position(node.iter),
                )
            ]
        loop = ir.Loop(
            target(node.target, scope),
            lower(node.iter, scope),
            self._loop_body(node, node.target, scope),
            self.block(node.orelse, scope, ""),
            scope.position(node.iter),
        )
        checked = loop_guards(node, scope)
        if checked:
            return [loop, ir.If(ir.Clean(()), (), (ir.Exit("raise"),), checked, ())]
        return [loop]

    def _loop_body(self, node: ast.For | ast.AsyncFor, item: ast.expr, scope: Scope) -> ir.Block:
        """The IR of a loop's body, its local `item` noted as one item (`Scope.items`)."""
        before = scope.items
        if isinstance(item, ast.Name):
            scope.items = before | {item.id}
        try:
            return self.block(node.body, scope, "")
        finally:
            scope.items = before

    def _searched(
        self, node: ast.For | ast.AsyncFor, test: ast.Compare, scope: Scope
    ) -> list[ir.Stmt]:
        """A loop that breaks on the first item matching a value, its `else` run when none
        did: the loop, then as `if value not in items:` its `else`."""
        then, otherwise = guards(test, scope)
        loop = ir.Loop(
            target(node.target, scope),
            lower(node.iter, scope),
            self.block(node.body, scope, ""),
            (),
            scope.position(node.iter),
        )
        orelse = self.block(node.orelse, scope, "")
        return [loop, ir.If(ir.Clean(()), (), orelse, then, otherwise, self.position(test))]

    def _while(self, node: ast.While, scope: Scope) -> list[ir.Stmt]:
        body = self.block(node.body, scope, "")
        return [ir.Loop(None, lower(node.test, scope), body, self.block(node.orelse, scope, ""))]

    def _with(self, node: ast.With | ast.AsyncWith, scope: Scope) -> list[ir.Stmt]:
        items = tuple(
            (
                lower(i.context_expr, scope),
                None if i.optional_vars is None else target(i.optional_vars, scope),
            )
            for i in node.items
        )
        return [ir.With(items, self.block(node.body, scope, ""))]

    def _try(self, node: ast.Try | ast.TryStar, scope: Scope) -> list[ir.Stmt]:
        handlers = tuple((h.name or "", self.block(h.body, scope, "")) for h in node.handlers)
        # NOTE: when every handler leaves (`except ValueError: return ...`), the code after
        # the statement runs only once the whole body has: what it noted (`parsed =
        # urlsplit(url)`) still holds there.
        leaving = bool(node.handlers) and all(_leaves(h.body) for h in node.handlers)
        body = self._statements(node.body, scope) if leaving else self.block(node.body, scope, "")
        return [
            ir.Try(
                body,
                handlers,
                self.block(node.orelse, scope, ""),
                self.block(node.finalbody, scope, ""),
                tuple(_caught_classes(h.type, scope) for h in node.handlers),
            )
        ]

    def _exit(self, node: ast.Raise | ast.Break | ast.Continue, scope: Scope) -> list[ir.Stmt]:
        if isinstance(node, ast.Raise):
            value = lower(node.exc, scope) if node.exc is not None else None
            return [ir.Exit("raise", value, self.position(node))]
        return [ir.Exit(type(node).__name__.lower())]

    def _match(self, node: ast.Match, scope: Scope) -> list[ir.Stmt]:
        subject = lower(node.subject, scope)
        chain: ir.Block = ()
        for case in reversed(node.cases):
            captures = tuple(
                ir.Assign((ir.TName(name),), subject, self.position(case.pattern))
                for name in sorted(walk_scope_names([case.pattern]).bound)
            )
            body = captures + self.block(case.body, scope, "")
            then: tuple[ir.Guard, ...] = ()
            if (literals := _literal_alternatives(case)) is not None:
                # NOTE: `case "a" | "b":` holds as `if subject in ("a", "b"):` does.
                options = ast.copy_location(ast.Tuple(literals, ast.Load()), case.pattern)
                test = ast.copy_location(
                    ast.Compare(node.subject, [ast.In()], [options]), case.pattern
                )
                then, _ = guards(test, scope)
            chain = (ir.If(ir.Clean((subject,)), body, chain, then),)
        return list(chain)


def _field_kind(callee: str, call: ast.Call, names: Scope, validators: Validators) -> str:
    """What a class attribute made by `callee(...)` is recorded as: the callee, the type a
    GraphQL wrapper holds (`graphene.Argument(graphene.Int)`, `graphene.NonNull(...)`), or
    a text field whose pattern admits no character that matters to a sink
    (`forms.RegexField(regex=r"^[a-z][0-9a-z_-]+$")`, a WTForms `StringField` with a
    `Regexp` validator so restricted, in its list or named by a module constant, or with
    a validator function of the module that refuses other characters: `field_validators`)."""
    module_calls, restricting = validators
    if callee.startswith(GRAPHQL_LIBRARIES):
        return _graphql_type(call, names) or callee
    last = callee.rsplit(".", 1)[-1]
    if last == "RegexField":
        return RESTRICTED_FIELD if _safe_pattern(call) else callee
    if last not in TEXT_FIELDS or not callee.startswith(_WTFORMS):
        return callee
    given = next((k.value for k in call.keywords if k.arg == "validators"), None)
    if given is None and len(call.args) > 1:
        given = call.args[1]
    if not isinstance(given, ast.List | ast.Tuple):
        return callee
    for validator in given.elts:
        if isinstance(validator, ast.Name) and validator.id in restricting:
            return RESTRICTED_FIELD
        if isinstance(validator, ast.Name) and validator.id in module_calls:
            validator = module_calls[validator.id]
        if not isinstance(validator, ast.Call):
            continue
        made = lower(validator.func, names)
        if (
            isinstance(made, ir.Global)
            and made.name.startswith(_WTFORMS)
            and made.name.rsplit(".", 1)[-1] in _REGEXP_VALIDATORS
            and _safe_pattern(validator)
        ):
            return RESTRICTED_FIELD
    return callee


_WTFORMS = ("wtforms.", "flask_wtf.")
Validators = tuple[Mapping[str, ast.Call], frozenset[str]]
"""The module's `name = call(...)` bindings and its restricting validator functions."""


def _inline_checked(
    ctx: FileContext, node: ast.ClassDef, fields: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The class's fields, a WTForms text field recorded as restricted when the form's
    `validate_<field>(self, field)` method, which WTForms runs for it, refuses any
    character but letters, digits, `_` and `-` (`field_validators`)."""
    methods = {
        statement.name: statement
        for statement in node.body
        if isinstance(statement, ast.FunctionDef) and statement.name.startswith("validate_")
    }
    if not methods:
        return fields
    checked = []
    for name, kind in fields:
        method = methods.get(f"validate_{name}")
        if (
            method is not None
            and kind.startswith(_WTFORMS)
            and kind.rsplit(".", 1)[-1] in TEXT_FIELDS
            and restricts_field(ctx, method)
        ):
            kind = RESTRICTED_FIELD
        checked.append((name, kind))
    return checked


_REGEXP_VALIDATORS = frozenset({"Regexp", "regexp"})


def _safe_pattern(call: ast.Call) -> bool:
    """Whether the pattern a `RegexField` or a `Regexp` validator is given, first or as
    `regex=`, is a constant that admits no character that matters to a sink."""
    pattern = next((k.value for k in call.keywords if k.arg == "regex"), None)
    if pattern is None and call.args:
        pattern = call.args[0]
    text = pattern.value if isinstance(pattern, ast.Constant) else None
    return isinstance(text, str) and SAFE_PATTERN.fullmatch(text) is not None


def _declared_arguments(callee: str, call: ast.Call, names: Scope) -> list[tuple[str, str]]:
    """(keyword, type) for the arguments a GraphQL field made by `call` declares: its
    keywords holding a GraphQL library's type (`id=graphene.Int()`,
    `id=graphene.Argument(graphene.ID)`), also when the field is the project's own class;
    and (`resolver`, the function) for the resolver it is given (`resolver=find_paste`).
    A field of a GraphQL library's, or one declaring such an argument, also gets its
    arguments of the project's types (`address=AddressInput()`, which the index tells an
    input object or an enum); so does any field for those it mounts as instances
    (`sort_by=SortInput(description="...")`, a project's connection field)."""
    found = []
    mounted = []
    graphql = callee.startswith(GRAPHQL_LIBRARIES)
    for keyword in call.keywords:
        if keyword.arg is None or keyword.arg in _FIELD_OPTIONS | _FIELD_SETTINGS:
            continue
        kind = _graphql_type(keyword.value, names)
        if kind is not None:
            found.append((keyword.arg, kind))
            graphql = graphql or kind.startswith(GRAPHQL_LIBRARIES)
            if isinstance(keyword.value, ast.Call):
                mounted.append((keyword.arg, kind))
    if graphql:
        return found
    return [(arg, kind) for arg, kind in found if arg == "resolver"] + mounted


def _graphql_type(node: ast.expr, names: Scope) -> str | None:
    """The qualified type a GraphQL type expression names, wrappers taken off:
    `graphene.Int`, `graphene.Int()`, `graphene.NonNull(graphene.List(graphene.ID))`."""
    for _ in range(_MAX_WRAPPERS):
        func = node.func if isinstance(node, ast.Call) else node
        # NOTE: only names are lowered here: lowering a lambda (`Field(lambda: Paste)`)
        # would make it a function of the module, which a class body's lambdas are not.
        if not isinstance(func, ast.Name | ast.Attribute):
            return None
        lowered = lower(func, names)
        if not isinstance(lowered, ir.Global):
            return None
        if lowered.name.rsplit(".", 1)[-1] not in _WRAPPERS or not isinstance(node, ast.Call):
            return lowered.name
        if not node.args:
            return None
        node = node.args[0]
    return None


def _literal_alternatives(case: ast.match_case) -> list[ast.expr] | None:
    """The constants a guard-free `case "a" | "b":` compares its subject with."""
    if case.guard is not None:
        return None
    pattern = case.pattern
    options = pattern.patterns if isinstance(pattern, ast.MatchOr) else [pattern]
    values = [p.value for p in options if isinstance(p, ast.MatchValue)]
    if len(values) != len(options) or not all(isinstance(v, ast.Constant) for v in values):
        return None
    return values


_STATEMENTS: dict[type[ast.AST], Callable[[Lowering, Any, Scope], list[ir.Stmt]]] = {
    ast.FunctionDef: Lowering._definition,
    ast.AsyncFunctionDef: Lowering._definition,
    ast.ClassDef: Lowering._definition,
    ast.Return: Lowering._return,
    ast.Assign: Lowering._assign,
    ast.AnnAssign: Lowering._annotated,
    ast.AugAssign: Lowering._augmented,
    ast.Delete: Lowering._delete,
    ast.Expr: Lowering._expression,
    ast.If: Lowering._if,
    ast.Assert: Lowering._assert,
    ast.For: Lowering._for,
    ast.AsyncFor: Lowering._for,
    ast.While: Lowering._while,
    ast.With: Lowering._with,
    ast.AsyncWith: Lowering._with,
    ast.Try: Lowering._try,
    ast.TryStar: Lowering._try,
    ast.Raise: Lowering._exit,
    ast.Break: Lowering._exit,
    ast.Continue: Lowering._exit,
    ast.Match: Lowering._match,
}
"""Statement type -> how `Lowering.statement` lowers it (any other moves no data)."""


def _removals(node: ast.Delete) -> list[ast.Call]:
    """`del x[i]` as the call that does the same, `x.pop(i)` (the elements after `i`
    move: see `calls.reordered`)."""
    found = []
    for deleted in node.targets:
        if isinstance(deleted, ast.Subscript):
            method = ast.Attribute(deleted.value, "pop", ast.Load())
            index = deleted.slice
            if isinstance(index, ast.Slice):
                index = ast.copy_location(ast.Constant(None), deleted)
            found.append(ast.Call(method, [index], []))
            ast.copy_location(method, deleted)
            ast.copy_location(found[-1], deleted)
    return found


def _class_constants(statement: ast.stmt, names: Scope) -> list[tuple[str, str | None]]:
    """`BASE = "https://..."` in a class body: (attribute, `settled_kind` of the value)."""
    if isinstance(statement, ast.Assign):
        targets, value = statement.targets, statement.value
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        targets, value = [statement.target], statement.value
    else:
        return []
    named = [t.id for t in targets if isinstance(t, ast.Name)]
    if not named:
        return []
    kind = settled_kind(lower(value, names))
    return [(name, kind) for name in named]


def _members(method: ast.FunctionDef | ast.AsyncFunctionDef, names: Scope) -> list[tuple[str, str]]:
    """`self.repo = Repository(...)` statements of a method's own body: (attribute, callee;
    `@name` for a class a class attribute holds, `self.repo_class()`); and `KEPT_REQUEST`
    for `self.request = request` in an `__init__` taking `request` first."""
    positional = [*method.args.posonlyargs, *method.args.args]
    if not positional:
        return []
    receiver = positional[0].arg
    found = _kept_request(method, receiver, [p.arg for p in positional[1:2]])
    for statement in method.body:
        if not (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call)):
            continue
        for target in statement.targets:
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == receiver
            ):
                func = statement.value.func
                if (
                    isinstance(func, ast.Attribute)
                    and isinstance(func.value, ast.Name)
                    and func.value.id == receiver
                ):
                    # NOTE: `self.repo = self.repo_class()`: the class a class attribute names.
                    found.append((target.attr, f"@{func.attr}"))
                    continue
                callee = lower(func, names)
                if isinstance(callee, ir.Global):
                    found.append((target.attr, callee.name))
    return found


def _kept_request(
    method: ast.FunctionDef | ast.AsyncFunctionDef, receiver: str, first: list[str]
) -> list[tuple[str, str]]:
    """`self.request = request` in the own body of an `__init__` whose first parameter
    is `request` (as a view's is: see `objects`), never assigned anew there."""
    if method.name != "__init__" or first != ["request"]:
        return []
    found: list[tuple[str, str]] = []
    for statement in method.body:
        if not isinstance(statement, ast.Assign):
            continue
        if any(isinstance(t, ast.Name) and t.id == "request" for t in statement.targets):
            return []  # NOTE: `request = request or build()`: no longer what was passed
        if isinstance(statement.value, ast.Name) and statement.value.id == "request":
            found += [
                (target.attr, KEPT_REQUEST)
                for target in statement.targets
                if isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == receiver
            ]
    return found


def _predicate(
    body: list[ast.stmt], scope: Scope, params: tuple[ir.Param, ...]
) -> tuple[ir.Guard, ...]:
    """The guards a function that only returns a test establishes on its parameters when
    it returns true (`return theme in theme_choices()`; see `ir.Function.predicate`)."""
    docstring = (
        bool(body)
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    )
    statements = body[1:] if docstring else body
    names = {param.name for param in params}
    decoded, copies = decoded_copies(
        statements, names, functools.partial(_global_name, scope=scope)
    )
    statements, scope = _with_local_patterns(list(decoded), scope)
    statements = _past_normalised_copies(statements, scope, names)
    if len(statements) == 1 and isinstance(statements[0], ast.Try):
        return _raising_predicate(statements[0], scope, names)
    test = (
        _kept_test(statements, names)
        or early_return_test(statements)
        or early_accept_test(statements)
    )
    if test is None:
        if len(statements) != 1 or not isinstance(statements[0], ast.Return):
            return ()
        test = statements[0].value
    if not isinstance(test, ast.Compare | ast.Call | ast.BoolOp | ast.UnaryOp):
        return ()
    stored = stored_value_guards(test, names)
    if stored:
        return stored
    if any(isinstance(node, ast.Lambda) for node in walk(test)):
        return ()  # NOTE: lowered once already, with the statement
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return _contained_either_way(test, scope, names)
    then, _ = guards(test, scope)
    then = tuple(
        dataclasses.replace(g, name=copies[g.name])
        if g.name in copies and g.how in CHARACTER_GUARDS
        else g
        for g in then
    )
    return tuple(guard for guard in then if guard.name in names and guard.how != "falsy")


def _contained_either_way(test: ast.BoolOp, scope: Scope, names: set[str]) -> tuple[ir.Guard, ...]:
    """`return path.is_relative_to(MEDIA) or path.is_relative_to(STATIC)`: true when
    either check holds, so only a check every one makes of a parameter holds, and only a
    path's containment (below one base or another, it is below a base of the project)."""
    alternatives = [
        [g for g in guards(value, scope)[0] if g.how == "contained" and g.name in names]
        for value in test.values
    ]
    first, *others = alternatives
    return tuple(g for g in first if all(g in other for other in others))


def _global_name(node: ast.expr, scope: Scope) -> str | None:
    """The qualified name of a module-level function named by `node`."""
    found = lower(node, scope)
    return found.name if isinstance(found, ir.Global) else None


def _kept_test(statements: list[ast.stmt], names: set[str]) -> ast.expr | None:
    """The test a predicate keeps, logs the failure of, and returns: `found =
    PATTERN.match(value)`, then `if not found: logger.error(...)` (branches that only call),
    then `return found`; None for any other body."""
    if len(statements) < 2:
        return None
    first, *middle, last = statements
    if not (
        isinstance(first, ast.Assign)
        and len(first.targets) == 1
        and isinstance(first.targets[0], ast.Name)
        and first.targets[0].id not in names
        and isinstance(last, ast.Return)
        and isinstance(last.value, ast.Name)
        and last.value.id == first.targets[0].id
    ):
        return None
    only_calls = all(
        isinstance(s, ast.If)
        and not s.orelse
        and all(isinstance(b, ast.Expr) and isinstance(b.value, ast.Call) for b in s.body)
        for s in middle
    )
    return first.value if only_calls else None


def host_check(scope: Scope, params: tuple[ir.Param, ...]) -> tuple[ir.Guard, ...]:
    """The parameters of a function that splits them as URLs (`urlparse(url)`) and then
    raises when an address is one of the network's own (`if ip.is_private: raise`): past
    a call of it, the URL leads to no internal host (`ir.Guard` `public_host`); and those
    whose host it compares with an allow-list, raising when it is not there (`ir.Guard`
    `host`)."""
    refused = scope.refuses_internal
    public = tuple(ir.Guard(p.name, "public_host") for p in params if p.name in refused)
    checked = {g.name for g in scope.allowed_hosts}
    if not checked:
        return public
    # NOTE: a parameter never rebound: the URL checked is the one the caller gave.
    given = {p.name for p in params if p.name in checked and scope.assignments(p.name) == []}
    return public + tuple(g for g in scope.allowed_hosts if g.name in given)


_DEBUG = "django.conf.settings.DEBUG"


def _deployed_arm(node: ast.If, scope: Scope) -> list[ast.stmt] | None:
    """The arm of `if settings.DEBUG:` (or `if not settings.DEBUG:`) that runs with `DEBUG`
    off, as the project is deployed, when both arms have statements; None for another test."""
    test, negated = node.test, False
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test, negated = test.operand, True
    if not (node.body and node.orelse) or not isinstance(test, ast.Attribute | ast.Name):
        return None
    read = lower(test, scope)
    if not (isinstance(read, ir.Global) and read.name == _DEBUG):
        return None
    return node.body if negated else node.orelse


def _arm_copies(arm: list[ast.stmt], scope: Scope) -> dict[str, str]:
    """The copies (`check = url`) an arm's own statements make and leave standing at its
    end: the copy bound nowhere else in the arm, the original bound nowhere in it."""
    stored = [
        n.id
        for statement in arm
        for n in ast.walk(statement)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store | ast.Del)
    ]
    found: dict[str, str] = {}
    for statement in arm:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
            continue
        copy, original = statement.targets[0], statement.value
        if not (isinstance(copy, ast.Name) and isinstance(original, ast.Name)):
            continue
        if not (scope.is_local(copy.id) and scope.is_local(original.id)):
            continue
        if copy.id != original.id and stored.count(copy.id) == 1 and original.id not in stored:
            found[copy.id] = original.id
    return found


def _raises_unless(node: ast.If, scope: Scope) -> bool:
    """`if <test>: ...; raise ...` with no `else`, a statement of the function's own body
    (not inside another block, which may not run): past it, the test failed."""
    top_level = any(node is statement for statement in scope.body)
    return top_level and not node.orelse and isinstance(node.body[-1], ast.Raise)


def _refused_hosts(call: ast.Call, scope: Scope) -> set[str]:
    """`check_host(host)` as a statement, of a function of the module that raises when an
    address is one of the network's own: the locals given, and the URLs they are the host
    or the parts of (`host = urlsplit(url).hostname`: `url`)."""
    func = call.func
    if not (isinstance(func, ast.Name) and func.id in scope.addresses.refusers):
        return set()
    if scope.is_local(func.id):
        return set()
    given = {arg.id for arg in call.args if isinstance(arg, ast.Name) and scope.is_local(arg.id)}
    found = set(given)
    pending = list(given)
    while pending:
        name = pending.pop()
        for whose in (scope.hosts.get(name), scope.splits.get(name)):
            if whose and whose not in found:
                found.add(whose)
                pending.append(whose)
    return found


def _with_local_patterns(statements: list[ast.stmt], scope: Scope) -> tuple[list[ast.stmt], Scope]:
    """`pattern = re.compile(r"...")` before a predicate's `return`: the statements left,
    and a scope that knows the pattern as it knows a module-level one."""
    found: dict[str, str] = {}
    while len(statements) > 1:
        compiled = _compiled_pattern(statements[0], scope)
        if compiled is None:
            break
        found[compiled[0]] = compiled[1]
        statements = statements[1:]
    if not found:
        return statements, scope
    patterns = {**scope.patterns, **found}
    return statements, dataclasses.replace(
        scope, patterns=patterns, locals=scope.locals - found.keys()
    )


def _past_normalised_copies(
    statements: list[ast.stmt], scope: Scope, names: set[str]
) -> list[ast.stmt]:
    """The statements past `resolved = Path(path).resolve()` (or `os.path.realpath(path)`)
    opening a predicate's body: a check of the local tells of the parameter it normalises
    (`Scope.resolutions`, as the body left it), which names the same file."""
    while len(statements) > 1:
        first = statements[0]
        if not (
            isinstance(first, ast.Assign)
            and len(first.targets) == 1
            and isinstance(first.targets[0], ast.Name)
            and first.targets[0].id not in names
            and scope.resolutions.get(first.targets[0].id) in names
        ):
            break
        statements = statements[1:]
    return statements


def _compiled_pattern(statement: ast.stmt, scope: Scope) -> tuple[str, str] | None:
    """`name = re.compile("<constant>")`: the name and the pattern."""
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
        return None
    target, value = statement.targets[0], statement.value
    if not (isinstance(target, ast.Name) and isinstance(value, ast.Call) and value.args):
        return None
    pattern = value.args[0]
    if not (isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)):
        return None
    callee = lower(value.func, scope)
    compiles = isinstance(callee, ir.Global) and callee.name == "re.compile"
    return (target.id, pattern.value) if compiles else None


def _raising_predicate(node: ast.Try, scope: Scope, names: set[str]) -> tuple[ir.Guard, ...]:
    """`try: safe_join(root, path); return True` with every handler returning false: true
    only once the calls before the `return` did not raise, so their checks hold."""
    *calls, last = node.body
    if node.orelse or node.finalbody or not _returns(last, True) or not calls:
        return ()
    if not all(_returns(h.body[-1], False) and len(h.body) == 1 for h in node.handlers):
        return ()
    found: list[ir.Guard] = []
    for statement in calls:
        call = statement.value if isinstance(statement, ast.Expr | ast.Assign) else None
        if not isinstance(call, ast.Call):
            return ()
        bound = statement.targets if isinstance(statement, ast.Assign) else []
        if any(not isinstance(t, ast.Name) or t.id in names for t in bound):
            return ()  # NOTE: a parameter bound anew is not the value the caller gave
        found += raising_checks(call, scope)
    return tuple(guard for guard in found if guard.name in names)


def _raised_unless(value: ast.expr, scope: Scope) -> tuple[ir.Guard, ...]:
    """The guards of a check whose result is kept, when its name says it raises rather
    than answers (`check_...`, `..._traversal_check`; not `is_...` or `has_...`, whose
    verdict a later `if` tests)."""
    if not isinstance(value, ast.Call):
        return ()
    func = value.func
    written = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if written.lower().lstrip("_").startswith(("is_", "has_")):
        return ()
    return raising_checks(value, scope)


def _caught_classes(node: ast.expr | None, scope: Scope) -> tuple[str, ...] | None:
    """The qualified names of the classes an `except` names, None when it takes any
    exception (bare) or names them through something else than names (`except
    self.errors:`)."""
    if node is None:
        return None
    named = node.elts if isinstance(node, ast.Tuple) else [node]
    found = []
    for each in named:
        lowered = lower(each, scope)
        if not isinstance(lowered, ir.Global):
            return None
        found.append(lowered.name)
    return tuple(found)


def _leaves(body: list[ast.stmt]) -> bool:
    """Whether a block always ends by leaving it: its last statement returns or raises
    (or breaks or continues a loop)."""
    return bool(body) and isinstance(body[-1], ast.Return | ast.Raise | ast.Break | ast.Continue)


def _returns(statement: ast.stmt, truth: bool) -> bool:
    """Whether `statement` is `return True` (`truth`) or `return False`/`None`/bare."""
    if not isinstance(statement, ast.Return):
        return False
    value = statement.value
    if value is None:
        return not truth
    return isinstance(value, ast.Constant) and value.value in ((True,) if truth else (False, None))


def _typed_tuple(node: ast.Tuple, scope: Scope, typed: Mapping[str, str]) -> ir.Call | None:
    """`return body, 200, {"Content-Type": "application/json"}`: Flask makes the response
    with that type, as `make_response(body, content_type=...)` would (None: no type
    given, or one that may be HTML, which the view's own judgement keeps). So does
    `return body, 200, headers` with `headers` a local of the function `typed` names,
    whose `headers["Content-Type"] = "application/octet-stream"` gives a type that is
    not HTML (or marks a download)."""
    given = tuple_type(node)
    if given is None:
        if not _typed_headers(node, typed):
            return None
        kind: ir.Expr = TYPED
    else:
        kind = content_type(given, scope)
    if isinstance(kind, ir.Local | ir.Free) or (
        isinstance(kind, ir.Const) and markup_type(str(kind.value))
    ):
        return None
    body = lower(node.elts[0], scope)
    maker = "flask.make_response"
    return ir.Call(
        ir.Global(maker), maker, (body,), (("content_type", kind),), scope.position(node)
    )


def _typed_headers(node: ast.Tuple, typed: Mapping[str, str]) -> bool:
    """Whether a response tuple's headers are a local the function gives a type that is
    not HTML (`headers["Content-Type"] = "text/plain"` before `return body, 200,
    headers`)."""
    if any(isinstance(e, ast.Starred) for e in node.elts) or not 2 <= len(node.elts) <= 3:
        return False
    return any(isinstance(e, ast.Name) and e.id in typed for e in node.elts[1:3])


MAX_UNROLLED = 8
"""Loops over at most this many constants are written out (see `Lowering._unrolled`)."""
_DISPLAYS = (ast.Tuple, ast.List, ast.Set)


def _unrollable(node: ast.For) -> tuple[tuple[str, ...], list[tuple[ast.expr, ...]]] | None:
    """The variables and the constants of a loop over a display of a few string or
    integer constants (or of tuples of them, as many as the loop's tuple of names), whose
    body neither leaves the loop early, nor binds its variables, nor defines a function
    or class (which would be lowered once per copy); else None."""
    if not isinstance(node.iter, _DISPLAYS):
        return None
    target = node.target
    if isinstance(target, ast.Name):
        names: tuple[str, ...] = (target.id,)
        elements: list[tuple[ast.expr, ...]] = [(e,) for e in node.iter.elts]
    elif isinstance(target, ast.Tuple) and all(isinstance(n, ast.Name) for n in target.elts):
        names = tuple(n.id for n in target.elts)  # type: ignore[attr-defined]
        elements = [
            tuple(e.elts) if isinstance(e, ast.Tuple) and len(e.elts) == len(names) else ()
            for e in node.iter.elts
        ]
        if not all(elements):
            return None
    else:
        return None
    if not 0 < len(elements) <= MAX_UNROLLED or not all(
        _short_constant(value) for element in elements for value in element
    ):
        return None
    for statement in node.body:
        for inner in walk(statement):
            if isinstance(inner, (*_NESTED, ast.Break, ast.Continue, ast.Global, ast.Nonlocal)):
                return None
            if (
                isinstance(inner, ast.Name)
                and inner.id in names
                and not isinstance(inner.ctx, ast.Load)
            ):
                return None
    return names, elements


def _short_constant(node: ast.expr) -> bool:
    if not isinstance(node, ast.Constant) or isinstance(node.value, bool):
        return False
    value = node.value
    return isinstance(value, int) or (isinstance(value, str) and len(value) <= MAX_STRING)


class _Substituted(ast.NodeTransformer):
    """The loop's variables read as the constants of one pass."""

    def __init__(self, given: dict[str, ast.expr]) -> None:
        self.given = given

    def visit_Name(self, node: ast.Name) -> ast.AST:
        value = self.given.get(node.id)
        if value is not None and isinstance(node.ctx, ast.Load):
            return ast.copy_location(copy.copy(value), node)
        return node


def _overload_stub(node: ast.AST) -> bool:
    """`@overload` (`typing`'s or `typing_extensions`'): a signature for type checkers,
    with `...` for its body."""
    for decorator in getattr(node, "decorator_list", ()):
        name = (
            decorator.attr if isinstance(decorator, ast.Attribute) else getattr(decorator, "id", "")
        )
        if name == "overload":
            return True
    return False


LOCAL_HOLDER = "<local>"
"""What names a decorator's holder that is a variable of a function (`@socketio.on("x")`
in an app factory): no qualified name, but its name still tells what it may be."""


def _attribute_decorator(decorator: ir.Attr) -> str:
    """`<local>.socketio.on` for `@socketio.on` of a function's variable; the attribute
    alone for a decorator of any other holder."""
    holder = decorator.value
    if isinstance(holder, ir.Local | ir.Free):
        return f"{LOCAL_HOLDER}.{holder.name}.{decorator.attr}"
    return decorator.attr
