"""A Django row looked up by a request value as its key: past the lookup, the value is a key.

`get_object_or_404(Envelope, pk=envelope_id)`, `Envelope.objects.get(id=envelope_id)`,
`Term.objects.get(year=year)` (any field the model declares, compared for equality) or a
generic view's `self.get_object()` turn the value into the field's type before the
query runs, and raise when that fails: an `AutoField` or `IntegerField` through `int()`
(digits, a sign, `_` and blanks around them), a `UUIDField` through `uuid.UUID()` (hex
digits, `-`, braces, `urn:`, `uuid:`, and what `int(text, 16)` passes: `_`, `+`, `0x`,
blanks). Past the statement the value is such text; also past a condition that always
runs the lookup (`if not Term.objects.filter(year=year).exists():`), and past a chain
that asks the queryset for an answer (`.select_related().first()`).
Digits are safe for every sink, as after `int(value)`. A UUID's text holds no quote,
`;`, `,`, `=`, `/` or `\\`: written in a header it adds no parameter and names no host
(the line breaks blanks may hold are refused by Django and Werkzeug), and it names no
other folder. A `SlugField` (`slug = models.SlugField()`) converts nothing, but a lookup
that raises unless a row matches (`get()`, `get_object_or_404()`, a generic view's
`self.get_object()` by its `lookup_field`; not `filter(...).first()`) leaves the value
equal to a stored slug, which Django's forms, admin and REST framework's serializers only
save as letters, digits, `-` and `_`: a collation may also match it in another case, with
trailing blanks or accents, none of which is a quote, `;`, `,`, `/` or `.`. Such a value is
safe in a header and a file name, as a UUID's text, and in HTML: neither holds `<`, `&`
or a quote (a page answering `No file for %(slug)s` writes no markup of the client's). A text key of another type (a
`CharField` primary key or field), a relation and a lookup other than equality
(`year__contains`, `slug__iexact`) are not narrowed. Nor is a Flask-SQLAlchemy
`get_or_404(value)`: SQLAlchemy hands the text to the database as it is, and MySQL finds
row 5 for `'5"; x'`.
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Iterable

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.annotated_returns import queryset_model
from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.lower_expr import Scope, lower
from webwarden.analysis.taint.lower_guards import always_evaluated
from webwarden.analysis.taint.specs import PATH_CHECKED
from webwarden.analysis.taint.values import ALL_KINDS

_SHORTCUTS = frozenset(
    {
        "django.shortcuts.get_object_or_404",
        "django.shortcuts.aget_object_or_404",
        "django.shortcuts.get_list_or_404",
        "django.shortcuts.aget_list_or_404",
        "rest_framework.generics.get_object_or_404",
    }
)
_SHORTCUT_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in _SHORTCUTS)
_LOOKUPS = frozenset({"get", "aget", "filter", "exclude"})
"""Queryset methods that turn their keyword values into the fields' types at once."""
_LOOKUP_NAMES = _LOOKUPS | _SHORTCUT_NAMES | {"get_object"}
"""What a call `row_key_guards` may judge a lookup (or a chain asking one) is named."""
_RAISING = frozenset({"get", "aget"})
"""Queryset methods that raise unless exactly one row matches."""
_ANSWERS = frozenset({"exists", "first", "last", "count", "aexists", "afirst", "alast", "acount"})
"""Queryset methods that run the query: the lookup was made before them."""
_CHAIN = frozenset(
    {"all", "filter", "exclude", "select_related", "prefetch_related", "only", "defer"}
    | {"order_by", "using", "distinct", "select_for_update", "annotate"}
)
LOOKUP_SETTINGS = frozenset({"lookup_field", "lookup_url_kwarg", "pk_url_kwarg", "queryset"})
_INTEGER_FIELDS = frozenset(
    {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}
    | {"SmallIntegerField", "PositiveIntegerField", "PositiveBigIntegerField"}
    | {"PositiveSmallIntegerField"}
)
UUID_KINDS = PATH_CHECKED | {"header", "html"}
_SLUG_FIELDS = frozenset({"SlugField", "AutoSlugField"})
"""Fields whose saved values pass Django's `validate_slug` (django-extensions' and
django-autoslug's `AutoSlugField` subclass `SlugField` and fill it with `slugify()`)."""
_DJANGO_MODELS = frozenset({"django.db.models.Model", "django.db.models.base.Model"})
_KEYLESS_BASES = frozenset(
    {
        "django_extensions.db.models.TimeStampedModel",
        "django_extensions.db.models.TitleDescriptionModel",
        "django_extensions.db.models.TitleSlugDescriptionModel",
        "django_extensions.db.models.ActivatorModel",
        "model_utils.models.TimeStampedModel",
        "model_utils.models.TimeFramedModel",
        "model_utils.models.StatusModel",
        "model_utils.models.SoftDeletableModel",
    }
)
"""Library abstract models that declare no primary key: their subclasses keep Django's
integer `id` unless a project class declares one."""
_VIEW_LIBRARIES = ("rest_framework.", "django.", "builtins.object")
_CALLED = "()"


def lookup_starts(calls: Iterable[ast.AST]) -> list[tuple[int, int]]:
    """Where the module's calls that may be lookups start, sorted (`may_look_up`)."""
    return sorted(
        (call.lineno, call.col_offset)
        for call in calls
        if isinstance(call, ast.Call) and _written(call.func) in _LOOKUP_NAMES
    )


def may_look_up(test: ast.expr, starts: list[tuple[int, int]]) -> bool:
    """Whether one of the `lookup_starts` lies within `test`: if not, it runs no lookup
    (`tested_row_keys` need not walk it)."""
    start = (test.lineno, test.col_offset)
    at = bisect.bisect_left(starts, start)
    end = (test.end_lineno or test.lineno, test.end_col_offset or 0)
    return at < len(starts) and starts[at] <= end


def tested_row_keys(test: ast.expr, scope: Scope) -> tuple[ir.Guard, ...]:
    """The lookups a condition always runs (`if not Term.objects.filter(year=year).exists()`):
    each raises unless its value converts, whichever arm is taken."""
    calls = (node for node in always_evaluated(test) if isinstance(node, ast.Call))
    found = (guard for call in calls for guard in row_key_guards(call, scope))
    return tuple(dict.fromkeys(found))


def row_key_guards(call: ast.Call, scope: Scope) -> tuple[ir.Guard, ...]:
    """A statement's Django lookup of a row by a local as its key (see the module)."""
    found = _raises_unless_found(call, scope)
    call = _lookup_call(call)
    if _gets_own_object(call, scope):
        unbound = (n for n in sorted(scope.locals) if scope.assignments(n) == [])
        return tuple(ir.Guard(name, "row_key") for name in unbound if scope.is_local(name))
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in _LOOKUPS:
        chain = _unchained(func.value)
        model = _named(chain, scope) if isinstance(chain, ast.Attribute) else _made_by(chain, scope)
    elif call.args and _written(func) in _SHORTCUT_NAMES and _named(func, scope) in _SHORTCUTS:
        model = _named(_unchained(call.args[0]), scope)
    else:
        return ()
    if model is None:
        return ()
    guards = []
    for keyword in call.keywords:
        key = _looked_up_field(keyword.arg or "")
        value = keyword.value
        if key and isinstance(value, ast.Name) and scope.is_local(value.id):
            guards.append(ir.Guard(value.id, "row_key", model, key=key, found=found))
    return tuple(guards)


def _raises_unless_found(call: ast.Call, scope: Scope) -> bool:
    """`Model.objects.get(...)` or `get_object_or_404(...)`: no row, no going on."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in _RAISING:
        return True
    return _written(func) in _SHORTCUT_NAMES and _named(func, scope) in _SHORTCUTS


def _lookup_call(call: ast.Call) -> ast.Call:
    """The lookup a queryset's answer is asked of: `filter(pk=pk)` of
    `Envelope.objects.filter(pk=pk).select_related().first()`."""
    func = call.func
    while (
        isinstance(func, ast.Attribute)
        and func.attr in _ANSWERS | _CHAIN
        and func.attr not in _LOOKUPS
        and isinstance(func.value, ast.Call)
    ):
        call = func.value
        func = call.func
    return call


def _looked_up_field(argument: str) -> str:
    """The model field a lookup keyword compares for equality (`year`, `pk__exact`): ""
    for another lookup (`__contains` does not convert its value) or a related field."""
    field = argument.removesuffix("__exact")
    return "" if not field or "__" in field else field


def _gets_own_object(call: ast.Call, scope: Scope) -> bool:
    """`self.get_object()` in a method."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "get_object"
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
        and scope.is_local("self")
        and not call.args
        and not call.keywords
    )


def _made_by(chain: ast.expr, scope: Scope) -> str | None:
    """`visible_posts()` a queryset chain starts from: the function's name and `()`, its
    model read from its return annotation where the guard is judged (`_class_prefix`)."""
    if not isinstance(chain, ast.Call) or chain.args or chain.keywords:
        return None
    name = _named(chain.func, scope)
    return f"{name}{_CALLED}" if name else None


def _written(func: ast.expr) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _named(node: ast.expr, scope: Scope) -> str | None:
    lowered = lower(node, scope)
    return lowered.name if isinstance(lowered, ir.Global) else None


def _unchained(node: ast.expr) -> ast.expr:
    """What a queryset chain starts from: `Model.objects` of
    `Model.objects.filter(...).select_related()`."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr not in _CHAIN:
            return node
        node = node.func.value
    return node


def declared_primary_key(statement: ast.stmt) -> str:
    """The attribute `statement` declares a primary key (`id = UUIDField(primary_key=True)`)."""
    value: ast.expr | None
    if isinstance(statement, ast.Assign):
        targets, value = statement.targets, statement.value
    elif isinstance(statement, ast.AnnAssign):
        targets, value = [statement.target], statement.value
    else:
        return ""
    if not isinstance(value, ast.Call):
        return ""
    if not any(k.arg == "primary_key" and _true(k.value) for k in value.keywords):
        return ""
    return next((t.id for t in targets if isinstance(t, ast.Name)), "")


def _true(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def lookup_settings(statement: ast.stmt, names: Scope) -> list[tuple[str, str]]:
    """`lookup_field = "slug"` in a class body: (attribute, text; "" when not a constant);
    for `queryset = Model.objects.filter(...)`, the name the chain starts from."""
    if not isinstance(statement, ast.Assign):
        return []
    value = statement.value
    if isinstance(value, ast.Constant):
        text = value.value if isinstance(value.value, str) else ""
    else:
        text = _named(_unchained(value), names) or ""
    named = (t.id for t in statement.targets if isinstance(t, ast.Name))
    return [(name, text) for name in named if name in LOOKUP_SETTINGS]


def row_key_kinds(index: IndexView, guard: ir.Guard, owner: str) -> frozenset[str]:
    """The sink kinds a `row_key` guard makes its local safe for."""
    if guard.callee:
        model = _class_prefix(index, guard.callee)
        found = guard.found
        return _type_kinds(_key_type(index, model, guard.key), found) if model else frozenset()
    if not owner or not _generic_view(index, owner):
        return frozenset()
    drf = index.inherits(owner, ("rest_framework.",))
    field = _setting(index, owner, "lookup_field", "pk") if drf else "pk"
    given = _setting(index, owner, "lookup_url_kwarg", field) if drf else field
    if not drf:
        given = _setting(index, owner, "pk_url_kwarg", "pk")
    model = _view_model(index, owner)
    field = _looked_up_field(field)
    if given != guard.name or model is None or not field:
        return frozenset()
    # NOTE: `get_object()` answers 404 unless a row matches.
    return _type_kinds(_key_type(index, model, field), found=True)


def _type_kinds(kind: str | None, found: bool) -> frozenset[str]:
    """What a value a field of type `kind` converted (or, `found`, matched) is safe for."""
    if kind in _INTEGER_FIELDS:
        return ALL_KINDS
    if kind == "UUIDField" or (found and kind in _SLUG_FIELDS):
        return UUID_KINDS
    return frozenset()


def _generic_view(index: IndexView, owner: str) -> bool:
    """A class whose `get_object()` is Django's or REST framework's, behind no base that is
    neither the project's nor theirs."""
    for cls in index.mro(owner):
        if cls not in index.classes:
            if not cls.startswith(_VIEW_LIBRARIES):
                return False
        elif index.functions.get(f"{cls}.get_object") is not None:
            return False
    return index.inherits(owner, ("rest_framework.generics.", "rest_framework.viewsets.")) or (
        index.inherits(owner, ("django.views.generic.",))
    )


def _setting(index: IndexView, owner: str, name: str, default: str) -> str:
    """A lookup setting the view or a project ancestor gives as a constant ("" when given
    otherwise), else the default."""
    for cls in index.mro(owner):
        definition = index.classes.get(cls)
        if definition is None:
            continue
        for attribute, text in definition.lookups:
            if attribute == name:
                return text
        if any(attribute == name for attribute, _ in definition.assigned):
            return ""
    return default


def _view_model(index: IndexView, owner: str) -> str | None:
    """The model of the view's `queryset = Model.objects...` (or `model = Model`)."""
    for cls in index.mro(owner):
        definition = index.classes.get(cls)
        if definition is None:
            continue
        for attribute, text in definition.lookups:
            if attribute == "queryset":
                return _class_prefix(index, text) if text else None
        for attribute, target in definition.refs:
            if attribute == "model":
                return _class_prefix(index, target)
    return None


def _class_prefix(index: IndexView, name: str) -> str | None:
    """The project class a dotted name is, or whose attribute it is (`app.models.Catalog`,
    its manager `app.models.Catalog.objects`), or a project function called without
    arguments is annotated to return a queryset of (`visible_posts()`, `-> QuerySet[Post]`)."""
    if name.endswith(_CALLED):
        function = name.removesuffix(_CALLED)
        located = index.functions.get(index.resolve(function) or function)
        model = queryset_model(located.function.returns) if located is not None else ""
        return _class_prefix(index, model) if model else None
    parts = name.split(".")
    for end in range(len(parts), max(len(parts) - 2, 0), -1):
        prefix = ".".join(parts[:end])
        resolved = index.resolve(prefix) or prefix
        if resolved in index.classes:
            return resolved
    return None


def _key_type(index: IndexView, model: str, field: str) -> str | None:
    """The last name of the field type a Django model's `field` has (`pk`: its primary
    key): a field its classes declare, else Django's integer `id`. None when not known (a
    base the project does not define that may declare it, a relation)."""
    declared: dict[str, str] = {}
    primary = ""
    is_model = False
    for cls in index.mro(model):
        definition = index.classes.get(cls)
        if definition is None:
            is_model = is_model or cls in _DJANGO_MODELS or cls in _KEYLESS_BASES
            if cls in _DJANGO_MODELS or cls in _KEYLESS_BASES or cls == "builtins.object":
                continue
            return None
        for attribute, callee in definition.fields:
            declared.setdefault(attribute, callee.rsplit(".", 1)[-1])
        primary = primary or definition.primary_key
    if not is_model:
        return None
    if field in {"pk", "id"} and not primary:
        return "AutoField"
    name = primary if field == "pk" else field
    return declared.get(name) if name != "id" or name == primary else None
