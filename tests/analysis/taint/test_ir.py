"""The taint IR pickles back to equal objects, through both pickle formats it has had."""

from __future__ import annotations

import copyreg
import dataclasses
import io
import pickle
import textwrap
from typing import Any

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.analysis.taint.outline import outline_of
from webwarden.analysis.taint.specs import KEPT_REQUEST
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source

SOURCE = textwrap.dedent(
    """
    import os
    from flask import request
    class View(Base):
        form = Form()
        @property
        def get(self, a, *rest, b=len, **kw):
            x: int = request.args["q"] or f"{a!r}" % (1, 2.5, None, True)
            y, *z = [v for v in rest if v], {k: 1 for k in kw}
            with open(x) as handle:
                for item in handle:
                    if item is None:
                        continue
            try:
                os.system(x + y)
            except OSError as error:
                raise
            match z:
                case [first, *others]:
                    return lambda: first
    def save(view: "View | None", data):
        view.get(data)
    """
)


def _module_ir() -> ir.ModuleIR:
    parsed = parse_source(SOURCE, "views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("views.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    return Lowering(ctx).module_ir()


def test_the_ir_pickles_back_to_equal_objects() -> None:
    module = _module_ir()
    assert len(module.functions) > 2
    assert pickle.loads(pickle.dumps(module, protocol=5)) == module  # noqa: S301 - our own bytes


def test_the_outline_keeps_every_field_but_bodies_and_positions() -> None:
    module = _module_ir()
    assert ("view", "views.View") in next(
        f for f in module.functions if f.name == "save"
    ).typed_params
    outline = outline_of(module)
    nowhere = (0, 0)
    assert outline.functions == tuple(
        dataclasses.replace(f, body=(), defaults=(), pos=nowhere) for f in module.functions
    )
    assert outline.classes == tuple(dataclasses.replace(c, pos=nowhere) for c in module.classes)
    # NOTE: the outline copies the fields one by one: a new field must be copied too.
    copied = {
        ir.Function: (
            "qualname name params defaults body pos owner kind decorators predicate plain_params"
            " off_flags rebound defaulted returns validates_data parsed_kwargs handed on_flags raises_unless"
            " typed_params"
        ),
        ir.ClassDef: (
            "qualname bases methods fields annotations decorators pos refs members arguments"
            " assigned primary_key lookups listed_fields plain"
        ),
    }
    for kind, names in copied.items():
        assert tuple(f.name for f in dataclasses.fields(kind)) == tuple(names.split())


class _OldFormat(pickle.Pickler):
    """Pickles dataclasses as `dataclasses` does by default (state from `fields()`)."""

    def reducer_override(self, obj: object) -> Any:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            state = [getattr(obj, f.name) for f in dataclasses.fields(obj)]
            return copyreg.__newobj__, (type(obj),), state  # type: ignore[attr-defined]
        return NotImplemented


def test_pickles_of_the_default_format_still_load() -> None:
    module = _module_ir()
    buffer = io.BytesIO()
    _OldFormat(buffer, protocol=5).dump(module)
    assert pickle.loads(buffer.getvalue()) == module  # noqa: S301 - our own bytes


def test_a_path_check_called_as_a_statement_holds_past_it() -> None:
    source = "def f(base, path):\n    check_access_permission(base, path)\n    log(path)\n"
    parsed = parse_source(source, "views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("views.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    function = next(f for f in Lowering(ctx).module_ir().functions if f.name == "f")
    check, logged = function.body
    assert isinstance(check, ir.If)
    assert check.orelse == (ir.Exit("raise"),)
    guard = "check_access_permission"
    called = ir.Global(guard)
    assert check.then_guards == (
        ir.Guard("base", "call", guard, container=called),
        ir.Guard("path", "call", guard, container=called),
    )
    assert isinstance(logged, ir.Eval)


def _functions(source: str) -> dict[str, ir.Function]:
    parsed = parse_source(textwrap.dedent(source), "views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("views.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    return {f.name: f for f in Lowering(ctx).module_ir().functions}


def test_a_function_returning_only_a_check_is_a_predicate_of_its_parameter() -> None:
    functions = _functions(
        '''
        def is_known(theme):
            """Docstrings do not count."""
            return theme in theme_names()
        def is_either(name):
            return name.isdigit() or name in NAMES
        def is_kept(name):
            log(name)
            return name in NAMES
        def is_sorted(items):
            return sorted(items, key=lambda item: item.rank) == items
        '''
    )
    (guard,) = functions["is_known"].predicate
    assert (guard.name, guard.how) == ("theme", "member")
    assert functions["is_either"].predicate == ()
    assert functions["is_kept"].predicate == ()
    assert functions["is_sorted"].predicate == ()


def test_a_module_shares_its_names_and_constants_but_not_across_types() -> None:
    functions = _functions(
        """
        import os
        def f(self, flag=1):
            self.name = os.path.join(self.root, "x")
            return self.name, True, 1, 1.0, "x"
        def g(self, flag=1):
            return self.name, os.path
        """
    )
    name, true, one, one_float, text = _returned(functions["f"])
    assert name is _returned(functions["g"])[0]
    assert functions["f"].params[0] is functions["g"].params[0]
    # NOTE: equal, yet not to be one: `True == 1 == 1.0`.
    assert (true, one, one_float) == (ir.Const(True), ir.Const(1), ir.Const(1.0))
    assert [type(c.value) for c in (true, one, one_float)] == [bool, int, float]
    assert text == ir.Const("x")


def _returned(function: ir.Function) -> tuple[ir.Expr, ...]:
    """The elements of the tuple a function's last statement returns."""
    returned = function.body[-1]
    assert isinstance(returned, ir.Return)
    assert isinstance(returned.value, ir.Seq)
    return returned.value.elts


def test_a_graphql_field_keeps_the_types_of_its_arguments_and_its_resolver() -> None:
    parsed = parse_source(
        textwrap.dedent(
            """
            import graphene
            from app.fields import PermissionsField
            def find_paste(root, info, id):
                return id
            class Query(graphene.ObjectType):
                paste = graphene.Field(
                    lambda: Paste,
                    id=graphene.Argument(graphene.NonNull(graphene.Int)),
                    title=graphene.String,
                    description="not an argument",
                    resolver=find_paste,
                )
                pastes = PermissionsField(Paste, owner=graphene.ID(), scope=Scope())
                similar = graphene.List(lambda: Paste)
                author = models.ForeignKey(User, on_delete=models.CASCADE)
                class Arguments:
                    limit = graphene.Argument(graphene.List(graphene.Int), required=True)
            """
        ),
        "schema.py",
    )
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("schema.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    module = Lowering(ctx).module_ir()
    classes = {c.qualname: c for c in module.classes}
    assert classes["schema.Query"].arguments == (
        ("paste", "id", "graphene.Int"),
        ("paste", "title", "graphene.String"),
        ("paste", "resolver", "schema.find_paste"),
        ("pastes", "owner", "graphene.ID"),
        ("pastes", "scope", "Scope"),
    )
    assert classes["schema.Query.Arguments"].fields == (("limit", "graphene.Int"),)
    assert ("similar", "graphene.List") in classes["schema.Query"].fields
    # NOTE: reading the field's types lowers no lambda of the class body into a function.
    assert not any("<lambda" in f.qualname for f in module.functions)


def test_an_init_keeping_its_request_marks_the_attribute() -> None:
    parsed = parse_source(
        textwrap.dedent(
            """
            class Info:
                def __init__(self, request, ids=None):
                    self.request = self.req = request
                    self.ids = ids

            class Rebuilt:
                def __init__(self, request=None):
                    request = request or make_request()
                    self.request = request

            class Helper:
                def setup(self, request):
                    self.request = request
            """
        ),
        "views.py",
    )
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("views.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    classes = {c.qualname: c for c in Lowering(ctx).module_ir().classes}
    assert classes["views.Info"].members == (("request", KEPT_REQUEST), ("req", KEPT_REQUEST))
    assert classes["views.Rebuilt"].members == ()
    assert classes["views.Helper"].members == ()


def test_a_class_keeps_its_fields_typed_to_hold_no_text() -> None:
    source = (
        "from typing import Optional, Union\n"
        "import uuid\n"
        "class Query:\n"
        "    frame: Optional[int] = None\n"
        "    export_id: uuid.UUID\n"
        "    pages: tuple[int, ...] = ()\n"
        "    either: Union[int, None] = None\n"
        "    label: str = ''\n"
        "    number_or_text: Union[int, str] = 0\n"
        "    counts: dict[int, str] = {}\n"
    )
    parsed = parse_source(source, "schemas.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("schemas.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    (cls,) = Lowering(ctx).module_ir().classes
    assert cls.plain == ("frame", "export_id", "pages", "either")
