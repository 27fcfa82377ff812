"""A project's session scope: the `@contextmanager` SQLAlchemy's docs recommend for a
plain `Session` (`session_scope()`), which makes a session, yields it to the body of a
`with` statement, commits it after the `yield` and rolls back or closes it on the way out.

Its commit writes what the `with` body changed and nothing else: a body that only
queries through the session changes no row, one that adds, deletes, merges or assigns
attributes of the rows it loaded does (`view_body` judges that body as any other)."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_CONTEXT_MANAGERS = frozenset({"contextlib.contextmanager", "contextlib.asynccontextmanager"})
_SESSION_ENDS = frozenset({"commit", "rollback", "close", "flush", "remove", "expunge_all"})
"""What a session scope does with its session around the body: each stores what the body
left in the session, or drops it."""
_COMMIT = "commit"
_MAX_MAKERS = 3
"""How many names a session scope's session is followed through to the factory call
that made it (`session = Session()`; `maker = scoped_session(factory); session = maker()`)."""


def yielded_session(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> ast.Name | None:
    """The local name a session scope yields (`yield session`): `function` is decorated
    with `contextlib.contextmanager`, yields that one name only and commits it
    (`session.commit()`); None for any other function."""
    if not any(ctx.qualified(d) in _CONTEXT_MANAGERS for d in function.decorator_list):
        return None
    nodes = list(_own_nodes(function))
    yielded = [n.value for n in nodes if isinstance(n, ast.Yield | ast.YieldFrom)]
    names = [v for v in yielded if isinstance(v, ast.Name)]
    if not names or len(names) != len(yielded) or len({v.id for v in names}) != 1:
        return None
    first = names[0]
    commits = any(_session_method(n, first.id) == _COMMIT for n in nodes)
    return first if commits else None


def scope_calls(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[int]:
    """The ids of the calls of a session scope (`yielded_session`) that store only what
    the `with` body changes: the session's `commit()`, `rollback()`, `close()`, and the
    calls that made it (`Session()`, `scoped_session(factory)()`). Empty for a function
    that is no session scope."""
    session = yielded_session(ctx, function)
    if session is None:
        return set()
    found = {id(n) for n in _own_nodes(function) if _session_method(n, session.id) in _SESSION_ENDS}
    made = ctx.scopes.made_by(session)
    for _ in range(_MAX_MAKERS):
        if not isinstance(made, ast.Call):
            break
        found.update(id(n) for n in ast.walk(made) if isinstance(n, ast.Call))
        maker = made.func
        made = ctx.scopes.made_by(maker) if isinstance(maker, ast.Name) else None
    return found


def scoped_session(ctx: FileContext, name: ast.Name) -> bool:
    """Whether `name` is the session a `with` statement takes from a session scope: one
    this module defines (`yielded_session`), or one the project imports, whose call the
    view's reading puts off to the project step (`view_body.writes_only_through`), which
    judges the scope's own body the same way."""
    entered = ctx.scopes.entered_value(name)
    if not isinstance(entered, ast.Call) or entered.args or entered.keywords:
        return False
    func = entered.func
    called = ctx.call_name(entered) or ""
    if isinstance(func, ast.Name) and called in {func.id, f"{ctx.module}.{func.id}"}:
        own = ctx.module_function(func.id)
        return own is not None and yielded_session(ctx, own) is not None
    root = func
    while isinstance(root, ast.Attribute):
        root = root.value
    return isinstance(root, ast.Name) and root.id in ctx.names.aliases and "." in called


def _session_method(node: ast.AST, session: str) -> str | None:
    """`m` for a call `session.m()` of the session's name, else None."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    receiver = node.func.value
    return node.func.attr if isinstance(receiver, ast.Name) and receiver.id == session else None


def _own_nodes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.AST]:
    """The nodes of the function's body, those of functions and classes nested in it aside."""
    found: list[ast.AST] = []
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        found.append(node)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return found
