"""WW1104: `exec()` of code that is not a constant."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auditing._allow_lists import listed_code
from webwarden.rules.auditing._babel_extractors import extracted_file
from webwarden.rules.auditing._common import COMPILERS, compiled_here, describe, operator_severity
from webwarden.rules.auditing._config_loader import loads_config
from webwarden.rules.auditing._configured import configured_code, environment_path
from webwarden.rules.auditing._module_code import module_code
from webwarden.rules.auditing._shipped_files import opened_path, read_from_fixed_path
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class ExecNonConstant(PythonRule):
    """## What it does
    Finds calls of the builtin `exec()` whose code is not a constant string.
    In a command an operator starts from a shell (a Django management command, a Click or
    Flask CLI command, a script parsing its arguments with `argparse` (or reading
    `sys.argv`) under `if __name__ == "__main__":` with no `else:`, or reading `sys.argv`
    in its top-level code, routing nothing, or a
    standalone Django program calling
    `django.setup()` itself) the finding is low: whoever types its arguments
    may run the app's code already, and no request reaches it.
    Code built only from constants and the deployment's settings (`for path in
    settings.ADMIN_REMOVAL: ... % tuple(path.rsplit(".", 1))`, through string building,
    string methods and locals every binding of which holds only those, also the variable
    of a loop at module level, `for app in settings.INSTALLED_APPS:` in a shell's
    start-up script) is low too: the
    operator writes the settings, no request does. So is code read from the process's
    environment (`exec(os.environ.get("EXTRA_SETTINGS", ""), globals())`), directly or
    through a module-level name every binding of which holds only those; and so is the
    code of a file at a path made only of constants and the environment
    (`os.path.join(os.environ["VIRTUAL_ENV"], "bin/activate_this.py")`, a container
    entrypoint activating the virtualenv its image names, also through locals and
    module-level names holding only those): the operator put the file where the
    environment says (not a folder of the settings, such as `MEDIA_ROOT`, where the app
    may write uploads: that is reported as any other path).

    ## Why is this bad?
    `exec` runs arbitrary Python statements. Code assembled from outside values lets an
    attacker run their own code inside your application process, with its secrets and
    database access.

    ## Known problems
    A management command running the code its operator passed on the command line
    (`exec(options["command"])`, as Django's own `shell -c` does) is not reported: whoever
    runs it has a shell already. Code a command reads from a file or the database is.
    Code read from a file at a constant path (`exec(open("/app/olefy.py").read())`, also
    literals joined: `os.path.join("pkg", "version.py")`), or
    at one the source fixes beside itself (`os.path.join(os.path.dirname(__file__),
    "version.py")`, `Path(__file__).parent / "about.py"`, `Path(__file__).parents[2] /
    "VERSION"`, or a file a `for` loop lists in such a folder, `for name in
    os.listdir(PLUGINS):` then `os.path.join(PLUGINS, name)`: a setup script reading its
    version, a WSGI file running a virtualenv's `activate_this.py`), or at the file of a
    module the source imports (`inspect.getsourcefile(queue)`, `queue.__file__`: a
    standard library module's pure-Python code run again), compiled first or
    not, also read through the `with open(...) as f:` around it when the module opens
    other files as `f` too (its README), is not reported: it is a script the project or its image ships, which whoever
    could change could change the code that runs it too; nor is the file a Babel
    extraction method is handed (`def extract(fileobj, keywords, comment_tags,
    options):` then `exec(fileobj.read(), {}, namespace)`): `pybabel extract` calls it,
    when a developer extracts the messages to translate, with each file of the project's
    source tree that the mapping configuration (`babel.cfg`) assigns it; nor is a module executed into its own
    namespace by an import loader's `exec_module` (`exec(code, module.__dict__)`), which
    is how `importlib` runs every module it imports, nor the code the import system
    finds for a module by its name (`spec = importlib.util.find_spec("local_settings")`,
    `exec(spec.loader.get_code("local_settings"), settings)`: a settings package running
    its optional local module into its namespace), which `import` would run as well; nor a file's code that a settings
    or configuration module runs (`exec(compile(f.read(), path, "exec"), globals())`,
    Django's split-settings idiom including `local.py` or the file an environment
    variable names): that file is configuration, and whoever writes it sets the secret
    key and the database already. Nor is a file's code that a function named for
    configuration runs into the namespace it returns (`def read_config(filename): config
    = {}; exec(compile(fh.read(), filename, "exec"), config); return config`): it loads a
    Python config file as Flask's `from_pyfile` does, the one its caller names. Nor is
    code made of constants and names held to a collection of the developer's (`exec("x" + op + "y", names)` after
    `if op not in OPERATORS: raise ValueError(op)`, or inside `if op in OPERATORS:`), or
    drawn by the code (`random.choice` of such a collection, `random.randint`): it is one
    of a few texts the source fixes. Code RestrictedPython compiled
    (`exec(compile_restricted(source, ...), restricted_globals)`) is reported at low
    severity: running its users' code is what such a feature is for, and RestrictedPython
    confines it to the guards the globals are given, which are what to review.

    ## Example
    ```python
    def apply_plugin(source_code):
        exec(source_code)
    ```

    ## Fix
    ```python
    import importlib

    def apply_plugin(module_name):
        return importlib.import_module(f"myapp.plugins.{module_name}")
    ```
    Dispatch to code you ship (a dict of functions, `importlib` on an allow-list of
    modules) instead of executing code text.

    ## References
    - [CWE-95: Eval Injection](https://cwe.mitre.org/data/definitions/95.html)
    - [Python docs: exec](https://docs.python.org/3/library/functions.html#exec)
    """

    code = "WW1104"
    name = "exec-non-constant"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 95
    message = "`exec()` runs {source}"
    fix = "call code you ship (a dispatch table, an allow-listed import) instead of `exec`"
    bandit = ("B102",)
    ruff = ("S102",)
    calls = frozenset({"exec", "builtins.exec"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if ctx.call_name(node) not in {"exec", "builtins.exec"}:
            return
        code = ctx.argument(node, 0, "source")
        if code is None or ctx.is_constant(code) or _typed_by_operator(ctx, code):
            return
        if read_from_fixed_path(ctx, code) or _loads_module(ctx, node, code):
            return
        if extracted_file(ctx, node, code):
            return
        if module_code(ctx, code):
            return
        if ctx.is_settings_module and _file_code(ctx, code):
            return
        if _file_code(ctx, code) and loads_config(ctx, node):
            return
        if _environment_file(ctx, code):
            yield self.finding(ctx, node, severity=Severity.LOW, source=_ENVIRONMENT_FILE)
            return
        if listed_code(ctx, node, code):
            return
        if _restricted(ctx, code):
            yield self.finding(ctx, node, severity=Severity.LOW, source=_RESTRICTED_SOURCE)
            return
        severity = operator_severity(ctx, node)
        if configured_code(ctx, code):
            yield self.finding(ctx, node, severity=Severity.LOW, source=_CONFIGURED)
            return
        flow = compiled_here(ctx, code)
        yield self.finding(ctx, node, severity=severity, source=describe(ctx, code), flow=flow)


_RESTRICTED_COMPILERS = frozenset(
    {"RestrictedPython.compile_restricted", "RestrictedPython.compile.compile_restricted"}
)
_RESTRICTED_SOURCE = (
    "code RestrictedPython's `compile_restricted()` made: restricted as far as the guards "
    "its globals are given"
)


def _restricted(ctx: FileContext, code: ast.expr) -> bool:
    """`exec(compile_restricted(source, "<string>", "exec"), restricted_globals)`, also
    through a local: RestrictedPython's documented way to run code its users write (a
    query runner, a formula), which rewrites attribute, item and import access into the
    guards the globals supply; what remains is how safe those guards are."""
    if isinstance(code, ast.Name):
        code = ctx.lookup(code) or code
    return isinstance(code, ast.Call) and ctx.call_name(code) in _RESTRICTED_COMPILERS


def _environment_file(ctx: FileContext, code: ast.expr) -> bool:
    """`exec(f.read(), ...)` after `with open(os.path.join(VENV_DIR, "bin/activate_this.py"))
    as f`, `VENV_DIR = os.environ.get("VENV_DIR")`: the code of a file at a path made of
    constants and the process's environment, which the operator chose as they chose the
    environment."""
    path = opened_path(ctx, code)
    return path is not None and environment_path(ctx, path)


def _typed_by_operator(ctx: FileContext, code: ast.expr) -> bool:
    """`exec(options["command"])` in a management command's `handle`: the code the
    operator passed on the command line (Django's own `shell -c`), who runs it from a
    shell already."""
    if not ctx.is_management_command:
        return False
    function = ctx.scopes.enclosing_function(code)
    if function is None or function.name != "handle":
        return False
    given = {a.arg for a in (function.args.vararg, function.args.kwarg) if a is not None}
    if isinstance(code, ast.Call) and isinstance(code.func, ast.Attribute):
        if code.func.attr != "get":
            return False
        code = code.func.value
    elif isinstance(code, ast.Subscript):
        code = code.value
    else:
        return False
    return isinstance(code, ast.Name) and code.id in given


def _file_code(ctx: FileContext, code: ast.expr) -> bool:
    """`exec(compile(f.read(), path, "exec"), globals())`, `exec(handle.read(), scope)`:
    the code of a file read whole (through a local or `compile()` too)."""
    if isinstance(code, ast.Name):
        code = ctx.lookup(code) or code
    if isinstance(code, ast.Call) and ctx.call_name(code) in COMPILERS:
        code = ctx.argument(code, 0, "source") or code
    return _read_by(ctx, code, _FILE_READS)


_FILE_READS = frozenset({"read", "read_text"})
_SOURCE_READS = _FILE_READS | {"get_data", "get_source", "source_to_code"}


def _read_by(ctx: FileContext, code: ast.expr, reads: frozenset[str]) -> bool:
    """`code` (or the value of the local it names) is a call of one of these methods."""
    if isinstance(code, ast.Name):
        code = ctx.lookup(code) or code
    return (
        isinstance(code, ast.Call)
        and isinstance(code.func, ast.Attribute)
        and code.func.attr in reads
    )


def _loads_module(ctx: FileContext, call: ast.Call, code: ast.expr) -> bool:
    """`def exec_module(self, module): ... exec(f.read(), module.__dict__)`: an import
    loader (`importlib.abc.Loader`) running the source it read into the namespace the
    import made for the module."""
    if not _read_by(ctx, code, _SOURCE_READS):
        return False
    function = ctx.scopes.enclosing_function(call)
    if function is None or function.name != "exec_module" or len(function.args.args) != 2:
        return False
    module = function.args.args[1].arg
    namespace = ctx.argument(call, 1, "globals")
    return (
        isinstance(namespace, ast.Attribute)
        and namespace.attr == "__dict__"
        and isinstance(namespace.value, ast.Name)
        and namespace.value.id == module
    )


_ENVIRONMENT_FILE = (
    "the code of a file at a path the process's environment chooses (the operator's, no request's)"
)
_CONFIGURED = "code built from the deployment's settings (the operator's, no request's)"
