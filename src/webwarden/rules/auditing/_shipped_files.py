"""Text or a file the code reads from a path its source fixes, or a template it renders.

`open("/app/olefy.py").read()`, `Path("setup.py").read_text()`, `with open(os.path.join(
os.path.dirname(__file__), "manifest.yml")) as f`, `os.path.join(current_app.root_path,
"swagger-spec.yaml")` (the folder of a Flask app's package): a file the project or its image ships,
which whoever could change could change the code that reads it too.
"""

from __future__ import annotations

import ast

from webwarden.model.templates.paths import folder_path
from webwarden.rules.auditing._common import COMPILERS
from webwarden.rules.context import FileContext

_OPENERS = frozenset({"open", "builtins.open", "io.open", "codecs.open"})


def read_from_fixed_path(ctx: FileContext, code: ast.expr) -> bool:
    """`exec(open("/app/olefy.py").read())`, also through `with open(...) as f:` and a
    local holding `f.read()`, or `Path("setup.py").read_text()`, compiled first or not:
    the code of a file whose path the source fixes (a constant, or one beside the source
    file: `os.path.join(os.path.dirname(__file__), "version.py")`)."""
    text = _unwrapped(ctx, code)
    if not (isinstance(text, ast.Call) and isinstance(text.func, ast.Attribute)):
        return False
    if text.func.attr == "read":
        return fixed_path(ctx, opened_path(ctx, text))
    opened = _opened(ctx, text.func)
    if text.func.attr != "read_text" or opened is None:
        return False
    if isinstance(opened, ast.Call) and ctx.call_name(opened) in _PATHS:
        return bool(opened.args) and all(ctx.is_constant(a) for a in opened.args)
    return fixed_path(ctx, opened)


def opened_path(ctx: FileContext, code: ast.expr) -> ast.expr | None:
    """The path of the file whose whole text `code` is: `open(path).read()`, also through
    `with open(path) as f:` and a local holding `f.read()`, compiled first or not."""
    text = _unwrapped(ctx, code)
    if not (
        isinstance(text, ast.Call)
        and isinstance(text.func, ast.Attribute)
        and text.func.attr == "read"
    ):
        return None
    opened = _opened(ctx, text.func)
    if not (isinstance(opened, ast.Call) and ctx.call_name(opened) in _OPENERS):
        return None
    return ctx.argument(opened, 0, "file")


def _unwrapped(ctx: FileContext, code: ast.expr) -> ast.expr | None:
    """The value of the local `code` names, and the source a `compile()` is given."""
    if isinstance(code, ast.Name):
        bound = ctx.lookup(code)
        if bound is None:
            return None
        code = bound
    if isinstance(code, ast.Call) and ctx.call_name(code) in COMPILERS:
        code = ctx.argument(code, 0, "source") or code
        if isinstance(code, ast.Name):
            code = ctx.lookup(code) or code
    return code


def _opened(ctx: FileContext, reader: ast.Attribute) -> ast.expr | None:
    """What the reading method is called on: the call that made the local, if it is one."""
    opened: ast.expr | None = reader.value
    if isinstance(opened, ast.Name):
        # NOTE: a setup script opens its version file and then its README as `f` too
        opened = ctx.scopes.made_by(opened) or ctx.scopes.entered_value(opened)
    return opened


_PATHS = frozenset({"pathlib.Path", "pathlib.PurePath"})


def fixed_path(ctx: FileContext, path: ast.expr | None) -> bool:
    """A constant path (also literals joined: `os.path.join("pkg", "version.py")`), or one built from the source file's own (`__file__`) and
    constants: where the project's files are installed; or the file of a module the
    source imports (`_module_file`)."""
    if path is None:
        return False
    if ctx.is_constant(path) or _joined_constants(ctx, path) or _listed_entry(ctx, path):
        return True
    if folder_path(ctx, path) is not None:
        # NOTE: relative ones too (`os.path.join("pkg", "version.py")`): made of literals
        # alone, as `open("pkg/version.py")` is.
        return True
    if _in_flask_root(ctx, path):
        return True
    if isinstance(path, ast.Name):
        path = ctx.lookup(path)
    return path is not None and _module_file(ctx, path)


_JOINS = frozenset({"os.path.join", "posixpath.join", "ntpath.join"})


def _joined_constants(ctx: FileContext, path: ast.expr) -> bool:
    """`os.path.join("/app/vendor", "olefy.py")`: literals alone, joined."""
    if isinstance(path, ast.Name):
        path = ctx.lookup(path) or path
    return (
        isinstance(path, ast.Call)
        and ctx.call_name(path) in _JOINS
        and bool(path.args)
        and not path.keywords
        and all(ctx.is_constant(part) for part in path.args)
    )


_LISTINGS = frozenset({"os.listdir"})
_ORDERINGS = frozenset({"sorted", "builtins.sorted", "list", "builtins.list"})


def _listed_entry(ctx: FileContext, path: ast.expr) -> bool:
    """`os.path.join(PLUGINS, filename)` in `for filename in os.listdir(PLUGINS):` (also
    `sorted(...)`), the folder fixed: a file the project ships in that folder, which the
    listing found by its bare name (no `/` or `..` to leave the folder by)."""
    if isinstance(path, ast.Name):
        path = ctx.lookup(path) or path
    if not (
        isinstance(path, ast.Call)
        and ctx.call_name(path) in _JOINS
        and len(path.args) == 2
        and not path.keywords
    ):
        return False
    folder, entry = path.args
    listed = _listing_loop(ctx, entry) if isinstance(entry, ast.Name) else None
    return (
        listed is not None
        and ctx.call_name(listed) in _LISTINGS
        and fixed_path(ctx, ctx.argument(listed, 0, "path"))
        and fixed_path(ctx, folder)
    )


def _listing_loop(ctx: FileContext, entry: ast.Name) -> ast.Call | None:
    """The call the `for` loop around `entry` iterates, the loop's target being that
    name and nothing else in its scope binding it (`for name in sorted(listing):`
    gives the listing)."""
    loop = next(
        (
            node
            for node in ctx.ancestors(entry)
            if isinstance(node, ast.For)
            and isinstance(node.target, ast.Name)
            and node.target.id == entry.id
        ),
        None,
    )
    if loop is None or len(ctx.scopes.values_of(entry) or ()) != 1:
        return None
    if ctx.scopes.enclosing_scope(loop) is not ctx.scopes.enclosing_scope(entry):
        return None
    listed = loop.iter
    if isinstance(listed, ast.Call) and ctx.call_name(listed) in _ORDERINGS and listed.args:
        listed = listed.args[0]
    return listed if isinstance(listed, ast.Call) else None


_FLASK_ROOTED = frozenset({"flask.Flask", "flask.Blueprint"})
_UNCHANGED = frozenset(
    {"str", "os.fspath", "os.path.abspath", "os.path.realpath", "os.path.normpath", *_PATHS}
)
_MAX_DEPTH = 8


def _in_flask_root(ctx: FileContext, path: ast.expr | None, depth: int = 0) -> bool:
    """`os.path.join(current_app.root_path, "swagger-spec.yaml")`, `Path(app.root_path) /
    "rules.yml"`: a file in the folder of the Flask app's (or a blueprint's) package, where
    the project's files are installed. Not its `instance_path`, which each deployment
    writes, nor a part the source does not fix."""
    if path is None or depth > _MAX_DEPTH:
        return False
    if isinstance(path, ast.Name):
        return _in_flask_root(ctx, ctx.lookup(path), depth + 1)
    if isinstance(path, ast.Attribute) and path.attr == "root_path":
        return _flask_rooted(ctx, path.value)
    if isinstance(path, ast.BinOp) and isinstance(path.op, ast.Div):
        return _relative_part(ctx, path.right) and _in_flask_root(ctx, path.left, depth + 1)
    if not isinstance(path, ast.Call) or not path.args:
        return False
    name = ctx.call_name(path)
    if name in _UNCHANGED and len(path.args) == 1:
        return _in_flask_root(ctx, path.args[0], depth + 1)
    if name == "os.path.join":
        base, *parts = path.args
    elif isinstance(path.func, ast.Attribute) and path.func.attr == "joinpath":
        base, parts = path.func.value, path.args
    else:
        return False
    return all(_relative_part(ctx, p) for p in parts) and _in_flask_root(ctx, base, depth + 1)


def _relative_part(ctx: FileContext, part: ast.expr) -> bool:
    """A relative path the source fixes (`"rules"`, `"default.yml"`)."""
    value = ctx.evaluate(part)
    return isinstance(value, str) and not value.startswith("/") and ".." not in value


def _flask_rooted(ctx: FileContext, owner: ast.expr) -> bool:
    """Flask's `current_app`, or a name bound to a `Flask(...)` or `Blueprint(...)`."""
    if ctx.names.qualified(owner) == "flask.current_app":
        return True
    made = ctx.lookup(owner) if isinstance(owner, ast.Name) else None
    return isinstance(made, ast.Call) and ctx.call_name(made) in _FLASK_ROOTED


_MODULE_FILES = frozenset({"inspect.getsourcefile", "inspect.getfile"})


def _module_file(ctx: FileContext, path: ast.expr) -> bool:
    """`inspect.getsourcefile(queue)`, `inspect.getfile(queue)`, `queue.__file__`: the
    file of a module the source imports by name, installed with the program (a
    standard library module whose pure-Python code a project runs again)."""
    if isinstance(path, ast.Call) and ctx.call_name(path) in _MODULE_FILES:
        module = ctx.argument(path, 0, "object")
    elif isinstance(path, ast.Attribute) and path.attr == "__file__":
        module = path.value
    else:
        return False
    return (
        isinstance(module, ast.Name)
        and module.id in ctx.names.aliases
        and ctx.scopes.binding_scope(module) is ctx.tree
    )


def fixed_file(ctx: FileContext, stream: ast.expr) -> bool:
    """`stream` is a file opened at a fixed path (`with open("rules.yml") as f:` then `f`),
    or the text read from one (`read_from_fixed_path`)."""
    opened = opener_call(ctx, stream)
    if opened is not None:
        return fixed_path(ctx, ctx.argument(opened, 0, "file"))
    return read_from_fixed_path(ctx, stream)


def opener_call(ctx: FileContext, stream: ast.expr) -> ast.Call | None:
    """The `open(...)` call `stream` is, or that made the local it names (`f = open(p)`,
    `with open(p) as f:`); None for anything else."""
    opened: ast.expr | None = stream
    if isinstance(stream, ast.Name):
        opened = ctx.scopes.made_by(stream) or ctx.scopes.entered_value(stream)
    if isinstance(opened, ast.Call) and ctx.call_name(opened) in _OPENERS:
        return opened
    return None


_TEMPLATE_GETTERS = frozenset(
    {"django.template.loader.get_template", "django.template.loader.select_template"}
)
_RENDER_TO_STRING = "django.template.loader.render_to_string"
_TRIMMING = frozenset({"strip", "lstrip", "rstrip"})


def rendered_without_context(ctx: FileContext, text: ast.expr) -> bool:
    """`text` is a template of the project's own that Django's loader found, rendered
    with no context (`get_template("layouts.yaml").render()`, `render_to_string(name)`),
    also as `str(...)` or trimmed: the template's own text, which only whoever could
    change the code could change; a context could bring other values into it."""
    values = ctx.scopes.values_of(text) if isinstance(text, ast.Name) else [text]
    return bool(values) and all(_rendered_alone(ctx, value, text) for value in values or ())


def _rendered_alone(ctx: FileContext, value: ast.expr, text: ast.expr) -> bool:
    if not isinstance(value, ast.Call):
        return False
    if ctx.call_name(value) == "str" and len(value.args) == 1 and not value.keywords:
        return _rendered_alone(ctx, value.args[0], text)
    func = value.func
    if isinstance(func, ast.Attribute) and func.attr in _TRIMMING:
        # NOTE: `rendered = rendered.strip()`: the same text, trimmed.
        receiver = func.value
        if not (isinstance(receiver, ast.Name) and isinstance(text, ast.Name)):
            return False
        return receiver.id == text.id
    if value.args[1:] or value.keywords:
        return False
    if ctx.call_name(value) == _RENDER_TO_STRING:
        return bool(value.args)
    if not (isinstance(func, ast.Attribute) and func.attr == "render") or value.args:
        return False
    found: ast.expr | None = func.value
    if isinstance(found, ast.Attribute) and found.attr == "template":
        found = found.value  # NOTE: the backend's template wraps Django's own
    if isinstance(found, ast.Name):
        found = ctx.scopes.made_by(found)
    return isinstance(found, ast.Call) and ctx.call_name(found) in _TEMPLATE_GETTERS
