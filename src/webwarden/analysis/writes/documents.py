"""Writes to MongoDB through PyMongo (and Flask-PyMongo), and reads that make none.

A PyMongo object is known by where it comes from: a client made by `MongoClient(...)`
(or Flask-PyMongo's `PyMongo(app)`, whose `.db` is the database), then a database and a
collection taken from it by attribute, by key or by `get_database()`/`get_collection()`
(`MongoClient()["shop"]["orders"]`, `mongo.db.orders`), held in a module's global, a
local of the function, or an attribute its class's `__init__` sets (`self.users =
client.app.users`). On such an object every write method counts, the legacy ones of
PyMongo 3 too (`insert`, `update`, `remove`, `save`, `drop`); on an object of unknown
origin only the names no other common library uses (`insert_one`, `delete_many`,
`find_one_and_update`, `bulk_write`, `drop_collection`...), not `update()` or `drop()`,
which dicts and data frames have. A MongoEngine document (a class deriving from
`mongoengine.Document`, or from Flask-MongoEngine's `db.Document`) is a row
(`rows.is_model`: its `save()` and `delete()` write it, also its own `self.save()`), and
so are its `update()` and `modify()` (`DOCUMENT_ROW_WRITES`), on a row a query loaded or
on `self` in a method of the document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import ProjectIndex

MONGO_MAKERS = frozenset(
    {"pymongo.MongoClient", "pymongo.mongo_client.MongoClient", "pymongo.AsyncMongoClient",
     "pymongo.database.Database", "pymongo.collection.Collection", "flask_pymongo.PyMongo",
     "mongomock.MongoClient", "motor.motor_asyncio.AsyncIOMotorClient",
     "motor.motor_tornado.MotorClient"}
)  # fmt: skip
"""What makes a PyMongo client, database or collection."""
MONGO_PACKAGES = ("pymongo.", "flask_pymongo.", "mongomock.", "motor.")
UNAMBIGUOUS_WRITES = frozenset(
    {"insert_one", "insert_many", "update_one", "update_many", "replace_one", "delete_one",
     "delete_many", "find_one_and_update", "find_one_and_delete", "find_one_and_replace",
     "bulk_write", "drop_collection", "drop_database"}
)  # fmt: skip
"""PyMongo's writes whose names no other common library's objects use."""
_ORIGIN_WRITES = frozenset(
    {"drop", "insert", "update", "remove", "save", "find_and_modify", "rename",
     "drop_index", "drop_indexes"}
)  # fmt: skip
"""Writes of a collection (PyMongo 3's legacy `insert`, `update`, `remove`, `save` too)
named as a dict's, a list's or a data frame's methods are: counted on a known collection."""
_HOPS = frozenset({"get_database", "get_collection", "get_default_database"})
"""Methods giving a database of a client, or a collection of a database."""
DOCUMENT_ROW_WRITES = frozenset({"update", "modify"})
"""A MongoEngine document's own writes besides `save()` and `delete()`."""
_DOCUMENT_BASES = ("mongoengine.", "flask_mongoengine.")
_DOCUMENT_EXTENSIONS = frozenset({"flask_mongoengine.MongoEngine"})
"""Flask-MongoEngine's extension, whose `db.Document` is MongoEngine's."""
_AGGREGATE = "aggregate"
_WRITING_STAGES = frozenset({"$out", "$merge"})
"""Aggregation stages that write their result into a collection."""


def mongo_globals(
    modules: Iterable[tuple[str, ir.Function]], index: ProjectIndex
) -> frozenset[str]:
    """The module-level names (qualified) holding a PyMongo client, database or
    collection (`db = MongoClient().shop`, `users = db["users"]`), given each module's
    name and its module-level body."""
    found: set[str] = set()
    for _ in range(2):  # NOTE: a module may take its database from another's global
        for module, body in modules:
            for statement in body.body:
                if not isinstance(statement, ir.Assign):
                    continue
                if made_of_mongo(statement.value, found, frozenset(), index):
                    for target in statement.targets:
                        if isinstance(target, ir.TName):
                            found.add(f"{module}.{target.name}" if module else target.name)
    return frozenset(found)


def made_of_mongo(
    expr: ir.Expr, known: Iterable[str], local: frozenset[str], index: ProjectIndex
) -> bool:
    """Whether the expression is a PyMongo object: a maker's call, or an attribute,
    item or `get_collection()` of one, of a global holding one, or of a local in
    `local`."""
    for _ in range(12):
        match expr:
            case ir.Attr(value=value) | ir.Sub(value=value):
                expr = value
            case ir.Call(callee=None, func=ir.Attr(value=value, attr=attr)) if attr in _HOPS:
                expr = value
            case ir.Call(callee=str() as callee):
                if callee in MONGO_MAKERS:
                    return True
                owner, _, method = callee.rpartition(".")
                return method in _HOPS and _global(owner, known, index)
            case ir.Global(name=name):
                return _global(name, known, index)
            case ir.Local(name=name):
                return name in local
            case _:
                return False
    return False


def _global(name: str, known: Iterable[str], index: ProjectIndex) -> bool:
    """Whether a dotted global name is, or goes through, a global holding a PyMongo
    object (`app.db.users` through `app.db`)."""
    held = frozenset(known)
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        prefix = ".".join(parts[:cut])
        if prefix in held or index.instance_kind(prefix) in MONGO_MAKERS:
            return True
    return False


def mongo_locals(
    statements: Iterable[ir.Stmt], known: Iterable[str], index: ProjectIndex
) -> frozenset[str]:
    """The locals a function binds to PyMongo objects (`orders = db.get_collection(n)`)."""
    found: set[str] = set()
    for statement in statements:
        if isinstance(statement, ir.Assign) and made_of_mongo(
            statement.value, known, frozenset(found), index
        ):
            found.update(t.name for t in statement.targets if isinstance(t, ir.TName))
    return frozenset(found)


def mongo_members(
    init: ir.Function | None,
    statements: Callable[[ir.Block], Iterable[ir.Stmt]],
    known: Iterable[str],
    index: ProjectIndex,
) -> frozenset[str]:
    """The attributes of `self` an `__init__` sets to PyMongo objects (`self.users =
    client.app.users`)."""
    if init is None:
        return frozenset()
    body = list(statements(init.body))
    local = mongo_locals(body, known, index)
    found: set[str] = set()
    for statement in body:
        if isinstance(statement, ir.Assign) and made_of_mongo(statement.value, known, local, index):
            found.update(
                t.attr
                for t in statement.targets
                if isinstance(t, ir.TAttr) and t.value == ir.Local("self")
            )
    return frozenset(found)


def mongo_write(
    call: ir.Call,
    known: Iterable[str],
    local: frozenset[str],
    members: frozenset[str],
    index: ProjectIndex,
) -> bool | None:
    """Whether the call writes through PyMongo: True for a write (also an aggregation
    with a `$out` or `$merge` stage), False for another method of a known PyMongo object
    (a read: `find`, `count_documents`), None when the call is not judged here."""
    receiver, method = _receiver(call)
    if receiver is not None and _cache(receiver):
        return None  # NOTE: Django's `cache.delete_many(keys)`: a cache, judged by `classify`
    if method in UNAMBIGUOUS_WRITES:
        return True
    if receiver is None or not _known(receiver, known, local, members, index):
        return None
    if method == _AGGREGATE:
        return _writing_pipeline(call)
    return method in _ORIGIN_WRITES


def _cache(receiver: ir.Expr) -> bool:
    """Whether a receiver is named for a cache (`cache`, `caches["default"]`)."""
    while True:
        match receiver:
            case ir.Attr(value=value, attr=attr):
                if "cache" in attr.lower():
                    return True
                receiver = value
            case ir.Sub(value=value):
                receiver = value
            case ir.Global(name=name) | ir.Local(name=name):
                return "cache" in name.lower()
            case _:
                return False


def _receiver(call: ir.Call) -> tuple[ir.Expr | None, str]:
    if call.callee is not None:
        owner, _, method = call.callee.rpartition(".")
        return (ir.Global(owner) if owner else None), method
    if isinstance(call.func, ir.Attr):
        return call.func.value, call.func.attr
    return None, ""


def _known(
    receiver: ir.Expr,
    known: Iterable[str],
    local: frozenset[str],
    members: frozenset[str],
    index: ProjectIndex,
) -> bool:
    if made_of_mongo(receiver, known, local, index):
        return True
    while isinstance(receiver, ir.Attr | ir.Sub) and not (
        isinstance(receiver, ir.Attr) and receiver.value == ir.Local("self")
    ):
        receiver = receiver.value
    return (
        isinstance(receiver, ir.Attr)
        and receiver.value == ir.Local("self")
        and receiver.attr in members
    )


def _writing_pipeline(call: ir.Call) -> bool | None:
    """Whether an aggregation's pipeline has a stage writing a collection; None for one
    not written in the call (a variable), which is not judged here."""
    pipeline = call.args[0] if call.args else None
    if not isinstance(pipeline, ir.Seq):
        return None
    for stage in pipeline.elts:
        if not isinstance(stage, ir.DictE):
            return True
        for key in stage.keys:
            if not isinstance(key, ir.Const) or key.value in _WRITING_STAGES:
                return True
    return False


def is_document(index: ProjectIndex, cls: str) -> bool:
    """Whether a project class is a MongoEngine document: it derives from a class of
    MongoEngine (`Document`, `DynamicDocument`) or from one Flask-MongoEngine's extension
    object holds (`db.Document` with `db = MongoEngine(app)`)."""
    for base in index.mro(cls)[1:]:
        if base.startswith(_DOCUMENT_BASES):
            return True
        owner = base.rpartition(".")[0]
        if owner and index.instance_kind(owner) in _DOCUMENT_EXTENSIONS:
            return True
    return False
