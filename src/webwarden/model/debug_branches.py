"""Branches of a Django module that run only with `settings.DEBUG` on.

`if settings.DEBUG:` in a URLconf adds the development server's routes (static files,
the debug toolbar, an admin kept off the deployed site): the project, deployed with
`DEBUG` off, does not serve them. So does a test that the environment the project runs
in is a developer's (`if settings.ENVIRONMENT == "local":`, `if get_env() in ("local",
"development"):`): a deployment names its environment otherwise.
"""

from __future__ import annotations

import ast

from webwarden.analysis.environment import env_lookup
from webwarden.model.module import FileContext, identifier_words
from webwarden.model.scopes import block_holding


def served_under_debug(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` sits in the branch of an `if` that runs only when `settings.DEBUG`
    is on (the body of `if settings.DEBUG:`, the `else` of `if not settings.DEBUG:`): a
    URL pattern added there is served by a development server, not where the project is
    deployed with `DEBUG` off."""
    child = node
    for parent in ctx.ancestors(node):
        if isinstance(parent, ast.If):
            on = debug_test(ctx, parent.test)
            if (on is True and child in parent.body) or (on is False and child in parent.orelse):
                return True
        child = parent
    return False


def debug_test(ctx: FileContext, test: ast.expr) -> bool | None:
    """True for a test that holds only with `DEBUG` on (`settings.DEBUG`, also joined by
    `and`), False for one that fails only then (`not settings.DEBUG`), else None."""
    match test:
        case ast.Attribute() | ast.Call():
            return True if _setting_read(ctx, test) == _SETTINGS + "DEBUG" else None
        case ast.BoolOp(op=ast.And(), values=values):
            return True if any(debug_test(ctx, v) is True for v in values) else None
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            return False if debug_test(ctx, operand) is True else None
        case ast.Compare(left=left, ops=[op], comparators=[right]):
            return _development_environment_test(ctx, left, op, right)
    return None


def after_debug_exit(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` runs only past an `if` that stops the program unless `DEBUG` is on
    (`if not app.config["DEBUG"]: sys.exit(1)`, `if not settings.DEBUG: raise
    SystemExit`) earlier in its block or an enclosing one: a development script (seeding
    a local database) that refuses to run on a deployed site."""
    child = node
    for parent in ctx.ancestors(node):
        block = block_holding(parent, child)
        if block is not None:
            for statement in block:
                if statement is child:
                    break
                if isinstance(statement, ast.If) and _exits_unless_debug(ctx, statement):
                    return True
        child = parent
    return False


def _exits_unless_debug(ctx: FileContext, statement: ast.If) -> bool:
    test = statement.test
    if not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)):
        return False
    if not (debug_test(ctx, test.operand) is True or _config_debug(test.operand)):
        return False
    last = statement.body[-1]
    if isinstance(last, ast.Raise | ast.Return):
        return True
    return (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and ctx.call_name(last.value) in _EXITS
    )


_EXITS = frozenset({"exit", "quit", "sys.exit", "os._exit"})


def _config_debug(node: ast.expr) -> bool:
    """`app.config["DEBUG"]`, `app.config.get("DEBUG")`, `app.debug`: Flask's flag."""
    match node:
        case ast.Subscript(value=ast.Attribute(attr="config"), slice=ast.Constant(value="DEBUG")):
            return True
        case ast.Call(
            func=ast.Attribute(value=ast.Attribute(attr="config"), attr="get"),
            args=[ast.Constant(value="DEBUG"), *_],
        ):
            return True
        case ast.Attribute(value=ast.Name(), attr="debug"):
            return True
    return False


_ENVIRONMENT_WORDS = frozenset({"env", "environment", "stage", "tier"})
_DEVELOPMENT_ENVIRONMENTS = frozenset({"local", "localhost", "development"})
"""Names of a developer's environment, as a string or a constant's name
(`RUNTIME_ENVS.LOCAL`, `Environment.DEVELOPMENT`). NOTE: not `dev`, often a shared
server deployed on the internet (`dev.example.org`)."""


def _development_environment_test(
    ctx: FileContext, left: ast.expr, op: ast.cmpop, right: ast.expr
) -> bool | None:
    """True for `ENVIRONMENT == "local"` or `env in ("local", "development")` (also written
    the other way round), False for `!=` and `not in`: a read of a value named for the
    environment (a setting, a name, a call of one, an environment variable) against
    names of developers' environments only; else None."""
    for read, value in ((left, right), (right, left)):
        if not _environment_read(ctx, read):
            continue
        if isinstance(op, ast.Eq | ast.NotEq) and _development_name(value):
            return isinstance(op, ast.Eq)
        if (
            isinstance(op, ast.In | ast.NotIn)
            and read is left
            and isinstance(value, ast.Tuple | ast.List | ast.Set)
            and value.elts
            and all(_development_name(element) for element in value.elts)
        ):
            return isinstance(op, ast.In)
    return None


def _environment_read(ctx: FileContext, node: ast.expr) -> bool:
    """`settings.ENVIRONMENT`, `APP_ENV`, `get_runtime_env()`, `os.environ["STAGE"]`, a
    configuration mapping's item (`app.config["APP_ENVIRONMENT"]`): the last name read or
    called says it is the environment the project runs in."""
    lookup = env_lookup(ctx, node)
    if lookup is not None:
        name = lookup.variable
    else:
        if isinstance(node, ast.Call) and not node.args and not node.keywords:
            node = node.func
        match node:
            case (
                ast.Attribute(attr=name)
                | ast.Name(id=name)
                | ast.Subscript(slice=ast.Constant(value=str(name)))
            ):
                pass
            case _:
                return False
    words = identifier_words(name)
    return bool(words) and words[-1] in _ENVIRONMENT_WORDS


def _development_name(node: ast.expr) -> bool:
    """`"local"`, `"development"`, or a constant so named (`RUNTIME_ENVS.LOCAL`)."""
    match node:
        case ast.Constant(value=str(text)):
            return text.strip().lower() in _DEVELOPMENT_ENVIRONMENTS
        case ast.Attribute(attr=name) | ast.Name(id=name):
            return name.lower() in _DEVELOPMENT_ENVIRONMENTS
    return False


_SETTINGS = "django.conf.settings."


def setting_guards(ctx: FileContext, test: ast.expr) -> tuple[str, ...]:
    """The settings other than `DEBUG` a test needs true (`settings.USE_SILK`, also
    joined by `and`): a branch it guards runs only with `DEBUG` on when one of them is
    the project's alias of `DEBUG` (see `webwarden.model.django.debug_flags`)."""
    match test:
        case ast.Attribute() | ast.Call():
            name = _setting_read(ctx, test) or ""
            if name.startswith(_SETTINGS) and name != _SETTINGS + "DEBUG":
                return (name.removeprefix(_SETTINGS),)
        case ast.BoolOp(op=ast.And(), values=values):
            return tuple(guard for value in values for guard in setting_guards(ctx, value))
    return ()


def _setting_read(ctx: FileContext, node: ast.expr) -> str | None:
    """The qualified name of the setting `node` reads: `settings.DEBUG`, or
    `getattr(settings, "DEBUG", False)` with no default or a false constant one (a true
    default would hold for a project that never sets it)."""
    if isinstance(node, ast.Attribute):
        return ctx.qualified(node)
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) in {2, 3}
        and not node.keywords
    ):
        return None
    holder, name = node.args[0], node.args[1]
    default = node.args[2] if len(node.args) == 3 else None
    if default is not None and not (isinstance(default, ast.Constant) and not default.value):
        return None
    if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
        return None
    qualified = ctx.qualified(holder) if isinstance(holder, ast.Name | ast.Attribute) else None
    return f"{qualified}.{name.value}" if qualified == _SETTINGS.rstrip(".") else None
