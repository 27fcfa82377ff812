"""WW1123: PyYAML loading with a loader that can build arbitrary Python objects."""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.imported import bound_values, imported_name
from webwarden.model.project import ProjectModel
from webwarden.model.scopes import UNKNOWN_BINDING
from webwarden.model.yaml_loaders import derives_from
from webwarden.rules.auditing._fixed_callers import fixed_by_callers, imported_elsewhere
from webwarden.rules.auditing._shipped_files import fixed_file, rendered_without_context
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

SAFE_LOADERS = frozenset(
    {
        *(f"yaml.{name}" for name in ("SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader")),
        "yamlordereddictloader.SafeLoader",
        "yamlloader.ordereddict.SafeLoader",
        "yamlloader.ordereddict.CSafeLoader",
    }
)
"""PyYAML's safe loaders, and the libraries' loaders built on them that keep a mapping's
order (their `Loader` and `CLoader` derive from PyYAML's unsafe ones)."""
UNSAFE_FUNCTIONS = frozenset({"yaml.unsafe_load", "yaml.unsafe_load_all"})
LOAD_FUNCTIONS = frozenset({"yaml.load", "yaml.load_all"})
_FULL_LOADER = "pyyaml-full-loader"
"""Tag of a finding on `FullLoader`: founded only where PyYAML < 5.4 is installed."""
_FULL_LOADER_SAFE = "5.4"
_SHIPPED_FILE = " (reading a file at a path the source fixes)"
_SHIPPED_TEMPLATE = " (rendering a template of the project without a context)"
_IMPORTED_DOCUMENT = "yaml-document:"
"""Tag prefix of a finding on a document another module binds: its qualified name."""
_FIXED_CALLERS = "yaml-path-of-callers:"
"""Tag prefix of a finding on a file opened at a function's parameter that every call in
its module gives a fixed path: the function's qualified name."""
_LOADER = "yaml-loader:"
"""Tag prefix of a finding on a loader class of another module: its qualified name."""


class YamlUnsafeLoad(PythonRule):
    """## What it does
    Finds `yaml.load` / `yaml.load_all` without a safe loader (`SafeLoader`,
    `CSafeLoader`, `BaseLoader`, or the `SafeLoader` of `yamlordereddictloader` and
    `yamlloader.ordereddict`), and every `yaml.unsafe_load`. A local variable named
    `yaml` in a module that does not import PyYAML under that name is no module: a
    `ruamel.yaml` parser so named (`yaml = YAML(typ="rt")`, then `yaml.load(text)`) is
    reported only when made with `typ="unsafe"`, the one that builds Python objects.

    ## Why is this bad?
    PyYAML's `Loader`, `UnsafeLoader` and (before PyYAML 5.4) `FullLoader` construct
    arbitrary Python objects from tags such as `!!python/object/apply:os.system`. Loading
    a YAML document from a user, an upload or a third party with them runs the attacker's
    code. Older PyYAML defaulted to the unsafe loader when none was given.

    ## Known problems
    `FullLoader` is reported at medium severity and confidence: it runs callables only in
    PyYAML older than 5.4 (CVE-2020-14343). It is not reported where the application's
    requirement files (`requirements*.txt`, `pyproject.toml` dependencies, the `.txt`
    files of a `requirements/` folder) allow no PyYAML older than 5.4 (`PyYAML==6.0.3`),
    or a lock file beside them (`uv.lock`, `poetry.lock`, `pdm.lock`, `Pipfile.lock`)
    pins a release no older for one they leave open or do not name.
    A loader class of the project is judged by what it derives from, in any module:
    `class Loader(yaml.SafeLoader)` adding an `!include` tag is safe, and one named
    `SafeLoader` that derives from `yaml.Loader` is not; a loader class webwarden cannot
    see is reported at low confidence. A document read from a file at a path the source
    fixes (`open("/code/manifests/plugin.yml").read()`, `with open(os.path.join(
    os.path.dirname(__file__), "rules.yml")) as f:`, also in the folder of a Flask app's
    or blueprint's package: `os.path.join(current_app.root_path, "swagger-spec.yaml")`,
    not its `instance_path`; also at a function's parameter when every call of the
    function in its module gives such a path and no other module of the project imports
    the function or its module: `get_swagger_spec(os.path.join(dir_path,
    "swagger-spec.yaml"))`) is reported at low severity: it is a
    file the project or its image ships, which whoever could change could change the
    code that loads it too; so is a template of the project that Django's loader finds,
    rendered with no context (`get_template("layout.yaml").render()`,
    `render_to_string("menu.yaml")`): rendered with a context, it may hold the values
    the context brings, and is reported as any other document. A document the source
    writes out (a literal, or a constant its module, or a module of the project it is
    imported from, binds once: a module's multi-line `DEFAULTS` string read back as
    the default config) is not reported unless it holds a Python tag (`!!python/...`): the
    loader builds only what is written there.

    ## Example
    ```python
    import yaml

    def read_config(stream):
        return yaml.load(stream, Loader=yaml.Loader)
    ```

    ## Fix
    ```python
    import yaml

    def read_config(stream):
        return yaml.safe_load(stream)
    ```

    ## References
    - [CWE-502: Deserialization of Untrusted Data](https://cwe.mitre.org/data/definitions/502.html)
    - [PyYAML: yaml.load(input) deprecation](https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation)
    """

    code = "WW1123"
    name = "yaml-unsafe-load"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 502
    message = "`{call}` {problem}, which can construct arbitrary Python objects"
    fix = "use `yaml.safe_load` (or `Loader=yaml.SafeLoader`)"
    bandit = ("B506",)
    ruff = ("S506",)
    calls = UNSAFE_FUNCTIONS | LOAD_FUNCTIONS

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        stream = ctx.argument(node, 0, "stream")
        if stream is not None and _written_document(ctx, stream):
            return
        findings = self._unsafe_loads(node, ctx)
        imported = imported_name(ctx, stream) if stream is not None else None
        if imported is not None:
            findings = (
                dataclasses.replace(f, tags=(*f.tags, _IMPORTED_DOCUMENT + imported))
                for f in findings
            )
        if stream is not None and fixed_file(ctx, stream):
            shipped = _SHIPPED_FILE
        elif stream is not None and rendered_without_context(ctx, stream):
            shipped = _SHIPPED_TEMPLATE
        else:
            caller = fixed_by_callers(ctx, stream) if stream is not None else None
            tags = (_FIXED_CALLERS + caller,) if caller else ()
            yield from (dataclasses.replace(f, tags=(*f.tags, *tags)) for f in findings)
            return
        for finding in findings:
            yield dataclasses.replace(
                finding, severity=Severity.LOW, message=finding.message + shipped
            )

    def _unsafe_loads(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        parser = _shadowing_variable(ctx, node)
        if parser is not None:
            if name in LOAD_FUNCTIONS and _unsafe_ruamel(ctx, parser):
                call = f"YAML(typ='unsafe').{name.rsplit('.', 1)[-1]}"
                yield self.finding(ctx, node, call=call, problem="uses the unsafe loader")
            return
        if name in UNSAFE_FUNCTIONS:
            yield self.finding(ctx, node, call=name, problem="uses the unsafe loader")
            return
        if name not in LOAD_FUNCTIONS:
            return
        loader = ctx.argument(node, 1, "Loader")
        if loader is None:
            if ctx.has_kwargs_splat(node):
                return
            yield self.finding(
                ctx, node, confidence=Confidence.MEDIUM, call=name, problem="has no safe loader"
            )
            return
        loader_name = ctx.qualified(loader)
        if loader_name in SAFE_LOADERS or _is_safe_subclass(ctx, loader):
            return
        if loader_name in {"yaml.FullLoader", "yaml.CFullLoader"}:
            finding = self.finding(
                ctx,
                node,
                severity=Severity.MEDIUM,
                confidence=Confidence.MEDIUM,
                call=name,
                problem=f"uses `{loader_name}` (unsafe before PyYAML 5.4)",
            )
            yield dataclasses.replace(finding, tags=(*finding.tags, _FULL_LOADER))
            return
        known = loader_name is not None and loader_name.startswith("yaml.")
        finding = self.finding(
            ctx,
            node,
            confidence=Confidence.HIGH if known else Confidence.LOW,
            call=name,
            problem=f"uses `{loader_name or ast.unparse(loader)}`",
        )
        if not known and loader_name is not None:
            # NOTE: a class of another module, perhaps the project's: judged by its bases
            # once the project is read.
            finding = dataclasses.replace(finding, tags=(*finding.tags, _LOADER + loader_name))
        yield finding

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """A load with `FullLoader` in an application whose requirement files allow no
        PyYAML older than 5.4, whose `FullLoader` no longer runs Python callables; or with
        a loader class of another module of the project that derives from a safe loader
        (`class Loader(yaml.SafeLoader)` adding an `!include` tag); or of a document
        another module of the project writes out with no Python tag."""
        documents = [
            t.removeprefix(_IMPORTED_DOCUMENT)
            for t in finding.tags
            if t.startswith(_IMPORTED_DOCUMENT)
        ]
        if any(_written_elsewhere(project, document) for document in documents):
            return True
        for tag in finding.tags:
            if tag.startswith(_LOADER):
                return derives_from(project, tag.removeprefix(_LOADER), SAFE_LOADERS)
        if _FULL_LOADER not in finding.tags:
            return False
        return project.requires_at_least("pyyaml", finding.location.path, _FULL_LOADER_SAFE)

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low for a file opened at a function's parameter that every call in its module
        gives a fixed path, when no other module of the project imports the function or
        its module."""
        callers = [
            t.removeprefix(_FIXED_CALLERS) for t in finding.tags if t.startswith(_FIXED_CALLERS)
        ]
        if not callers or any(imported_elsewhere(project, c) for c in callers):
            return finding
        return dataclasses.replace(
            finding, severity=Severity.LOW, message=finding.message + _SHIPPED_FILE
        )


_PYTHON_TAG = re.compile(r"python/", re.IGNORECASE)
"""The tags of PyYAML's Python constructors (`!!python/object/apply:`, and written in
full, `tag:yaml.org,2002:python/name:`): the only way a document builds objects."""


def _written_document(ctx: FileContext, stream: ast.expr) -> bool:
    """A document the source writes out (a literal, or a constant of the module) with no
    Python tag: whatever the loader, it builds only what is written."""
    value = ctx.evaluate(stream)
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return isinstance(value, str) and _PYTHON_TAG.search(value) is None


def _written_elsewhere(project: ProjectModel, qualified: str) -> bool:
    """A document the module of the project binding `qualified` binds it to, at its top
    level and nowhere else, as written text with no Python tag (see `_written_document`)."""
    found = bound_values(project.read_module, qualified)
    if found is None:
        return False
    ctx, values, _ = found
    return all(v is not UNKNOWN_BINDING and _written_document(ctx, v) for v in values)


def _is_safe_subclass(ctx: FileContext, loader: ast.expr) -> bool:
    """A loader class defined in this module on top of a safe loader."""
    if not isinstance(loader, ast.Name):
        return False
    for statement in ctx.tree.body:
        if isinstance(statement, ast.ClassDef) and statement.name == loader.id:
            return any(ctx.qualified(base) in SAFE_LOADERS for base in statement.bases)
    return False


_RUAMEL_PARSERS = frozenset({"ruamel.yaml.YAML", "ruamel.yaml.main.YAML"})
_IMPORTERS = frozenset({"importlib.import_module", "__import__", "pytest.importorskip"})


def _shadowing_variable(ctx: FileContext, node: ast.Call) -> ast.Name | None:
    """`yaml` in `yaml.load(text)` when it is a variable of the code, not the module: the
    module imports nothing as `yaml` and a scope binds the name."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return None
    receiver = func.value
    if receiver.id in ctx.names.aliases or ctx.scopes.values_of(receiver) is None:
        return None
    made = ctx.scopes.made_by(receiver)
    if isinstance(made, ast.Call) and ctx.call_name(made) in _IMPORTERS:
        return None  # NOTE: `yaml = importlib.import_module("yaml")` is the module
    return receiver


def _unsafe_ruamel(ctx: FileContext, parser: ast.Name) -> bool:
    """`YAML(typ="unsafe")` of `ruamel.yaml`: its `load` builds arbitrary Python objects
    (the default round-trip parser and `typ="safe"` do not)."""
    made = ctx.scopes.made_by(parser)
    if not (isinstance(made, ast.Call) and ctx.call_name(made) in _RUAMEL_PARSERS):
        return False
    return ctx.evaluate(ctx.argument(made, 0, "typ")) == "unsafe"
