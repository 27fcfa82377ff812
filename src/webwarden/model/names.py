"""Qualified names through import aliases: `from subprocess import call as c` -> `c` is
`subprocess.call`; `import yaml as y` -> `y.load` is `yaml.load`."""

from __future__ import annotations

import ast
import builtins
import copy
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

from webwarden.model.swappable import swappable_classes
from webwarden.parse.cookiecutter import with_stand_ins

BUILTIN_NAMES = frozenset(dir(builtins))


def package_dirs(relpaths: Iterable[str]) -> frozenset[str]:
    """The folders among `relpaths` that are packages (hold an `__init__.py`), as
    `module_name` takes them."""
    return frozenset(
        folder
        for folder, _, name in (relpath.rpartition("/") for relpath in relpaths)
        if name == "__init__.py"
    )


def module_name(relpath: str, package_dirs: Iterable[str] | frozenset[str]) -> str:
    """The dotted module name of a file, from the chain of packages that hold it.

    `package_dirs` are POSIX directories (relative, like `relpath`) holding an
    `__init__.py`. `mysite/settings/base.py` with `mysite/` and `mysite/settings/` packages
    is `mysite.settings.base`; a file outside any package is named after its stem. A
    folder without `__init__.py` inside a package is a namespace package (PEP 420), which
    Python imports all the same: `plane/auth/utils/host.py` is `plane.auth.utils.host`
    when `plane/` and `plane/auth/` are packages and `utils/` is not. A cookiecutter
    template's folder `{{cookiecutter.app_name}}` is named `app_name`.
    """
    packages = package_dirs if isinstance(package_dirs, frozenset) else frozenset(package_dirs)
    return _module_name(relpath, packages)


@lru_cache(maxsize=65536)
def _module_name(relpath: str, packages: frozenset[str]) -> str:
    # Cached: a scan names every module several times (cache keys, the taint inputs, the
    # per-file facts), and a frozenset keeps its hash once computed.
    parts = relpath.removesuffix(".py").removesuffix(".pyw").split("/")
    if ".py." in parts[-1] or parts[-1].endswith(".conf"):
        # NOTE: `settings.py.prod`, a copy to put in place, is no submodule of anything:
        # named `settings_py_prod` in the package holding it; so is a settings folder's
        # `10-base.conf`, which its settings module runs (`settings.10_base_conf`).
        parts[-1] = parts[-1].replace(".", "_").replace("-", "_")
    if parts[-1] == "__init__":
        parts = parts[:-1]
        names = [parts[-1]] if parts else []
        directory_parts = parts[:-1]
    else:
        names = [parts[-1]]
        directory_parts = parts[:-1]
    while directory_parts and _importable(directory_parts, packages):
        names.insert(0, directory_parts[-1])
        directory_parts = directory_parts[:-1]
    name = ".".join(names)
    # NOTE: a cookiecutter template's package folder `{{cookiecutter.app_name}}` is named
    # as its modules' imports are read (`parse.cookiecutter`).
    return with_stand_ins(name) or name


def _importable(folder: list[str], packages: frozenset[str]) -> bool:
    """Whether a folder is imported as a package: it holds an `__init__.py`, or it is a
    namespace package inside one (itself, or some folder above it, is a package)."""
    return any("/".join(folder[:depth]) in packages for depth in range(len(folder), 0, -1))


_SIX_MOVES = {
    "http_client": "http.client",
    "urllib": "urllib",
    "urllib_parse": "urllib.parse",
    "urllib_request": "urllib.request",
    "cPickle": "pickle",
    "builtins": "builtins",
    "shlex_quote": "shlex.quote",
    "html_parser": "html.parser",
    "configparser": "configparser",
    "cStringIO": "io.StringIO",
}
"""What `six.moves` names stand for on Python 3 (Django before 3.0 shipped six as
`django.utils.six`)."""
_SIX_PREFIXES = ("six.moves.", "django.utils.six.moves.")


_PYTHON2_MODULES = {
    "urlparse": "urllib.parse",
    "urllib2": "urllib.request",
    "cPickle": "pickle",
    "httplib": "http.client",
    "cookielib": "http.cookiejar",
    "cStringIO": "io",
    "StringIO": "io",
}
"""Python 2 standard modules by the name Python 3 gave them, for code written to run on
both (`import urlparse` where six is not used): their functions are the same
(`cStringIO.StringIO(data)` and `StringIO.StringIO(data)` are in-memory files, as
`io.StringIO` is)."""
_PYTHON2_URLLIB = {
    **dict.fromkeys(
        ("quote", "quote_plus", "unquote", "unquote_plus", "urlencode"), "urllib.parse"
    ),
    **dict.fromkeys(("urlopen", "urlretrieve"), "urllib.request"),
}
"""Python 2's `urllib` functions by the Python 3 module that holds them now."""

_IN_MEMORY_FILES = {"six.StringIO": "io.StringIO", "six.BytesIO": "io.BytesIO"}
"""six's in-memory files, which are `io`'s."""
_LIBRARY_REQUESTS = dict.fromkeys(
    (
        "connexion.request",
        "flask_classful.request",
        "ckan.common.request",
        "ckan.plugins.toolkit.request",
    ),
    "flask.request",
)
_REEXPORTS = {
    **_LIBRARY_REQUESTS,
    "flask.helpers.url_for": "flask.url_for",
    **_IN_MEMORY_FILES,
}
"""Names a library re-exports from another: Connexion 2's `connexion.request` is Flask's, and
so is Flask-Classful's (`from flask_classful import FlaskView, route, request`), and CKAN's
(`ckan.common.request`, a `LocalProxy` of Flask's, which `ckan.plugins.toolkit`
re-exports for extensions: `toolkit.request.args`); Flask's
own `url_for` is defined in `flask.helpers` (`from flask.helpers import url_for`); six's
`StringIO` and `BytesIO` are `io`'s."""


_GIS_MODELS = "django.contrib.gis.db.models."
_GIS_OWN = frozenset(
    {"GeometryField", "PointField", "LineStringField", "PolygonField", "MultiPointField"}
    | {"MultiLineStringField", "MultiPolygonField", "GeometryCollectionField", "RasterField"}
    | {"GeoManager", "Collect", "Extent", "Extent3D", "MakeLine", "Union"}
    | {"aggregates", "fields", "functions", "lookups", "proxy", "sql"}
)
"""What GeoDjango's `django.contrib.gis.db.models` defines itself: its geometry fields,
aggregates and submodules. Every other name of it is `django.db.models`' (it star-imports
that module), so `from django.contrib.gis.db import models` makes `models.Model` and
`models.IntegerField` Django's own."""


def _gis_model_name(name: str) -> str:
    """`django.contrib.gis.db.models.CharField` -> `django.db.models.CharField`; the names
    GeoDjango defines itself (`PointField`) as they are."""
    rest = name[len(_GIS_MODELS) :]
    return name if rest.partition(".")[0] in _GIS_OWN else f"django.db.models.{rest}"


_FLASK_EXTENSION_PACKAGES = ("flask.ext", "flaskext")
_FLASK_EXTENSION_PREFIXES = tuple(f"{package}." for package in _FLASK_EXTENSION_PACKAGES)
"""Flask before 1.0 imported every extension through `flask.ext` (`from flask.ext.wtf
import Form` is `flask_wtf.Form`), and extensions before then lived in the `flaskext`
namespace package (`flaskext.wtf`): both stand for the `flask_<name>` package."""


def _flask_extension_name(name: str) -> str:
    """`flask.ext.wtf.Form` and `flaskext.wtf.Form` -> `flask_wtf.Form`."""
    package = next(p for p in _FLASK_EXTENSION_PREFIXES if name.startswith(p))
    return "flask_" + name[len(package) :]


def library_name(name: str) -> str:
    """The name of a library object by the module that defines it, for the few names
    another module re-exports under its own (six's `BytesIO` is `io.BytesIO`, GeoDjango's
    `models.Model` is `django.db.models.Model`); others as they are: the taint engine's
    names keep the code's spelling otherwise."""
    if name.startswith(_GIS_MODELS):
        return _gis_model_name(name)
    return _IN_MEMORY_FILES.get(name, name)


def _six_moved(name: str) -> str:
    """`six.moves.http_client.HTTPConnection` -> `http.client.HTTPConnection`, a
    re-exported name (`connexion.request`, GeoDjango's `models.CharField`) -> the name it
    stands for, and a Python 2 name (`urlparse.urljoin`, `urllib.quote`) -> Python 3's
    (`urllib.parse.urljoin`)."""
    if name in _REEXPORTS:
        return _REEXPORTS[name]
    if name.startswith(_FLASK_EXTENSION_PREFIXES):
        return _flask_extension_name(name)
    if name.startswith(_GIS_MODELS):
        return _gis_model_name(name)
    top, dot, rest = name.partition(".")
    if top in _PYTHON2_MODULES:
        return _PYTHON2_MODULES[top] + dot + rest
    if top == "urllib" and rest in _PYTHON2_URLLIB:
        return f"{_PYTHON2_URLLIB[rest]}.{rest}"
    for prefix in _SIX_PREFIXES:
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            for moved, real in _SIX_MOVES.items():
                if rest == moved or rest.startswith(moved + "."):
                    return real + rest[len(moved) :]
    return name


def attribute_name(base: str, attr: str) -> str:
    """The qualified name `base.attr` stands for, `base` a qualified name: `six.BytesIO`
    -> `io.BytesIO`, `urllib.quote` -> `urllib.parse.quote`, others as they are."""
    dotted = f"{base}.{attr}"
    if base in _FLASK_EXTENSION_PACKAGES:
        return _flask_extension_name(dotted)
    if "six.moves" in base or base == "urllib" or dotted in _REEXPORTS:
        return _six_moved(dotted)
    if dotted.startswith(_GIS_MODELS):
        return _gis_model_name(dotted)
    return dotted


_OSCAR_LOADERS = frozenset({"oscar.core.loading.get_class", "oscar.core.loading.get_classes"})
_CACHES = frozenset({"functools.lru_cache", "functools.cache"})
"""django-oscar's class loaders (`oscar.core.loading`), which import a class by name."""


def _resolve_relative(module: str, level: int, target: str | None, is_package: bool) -> str:
    base = module.split(".") if module else []
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)] if level - 1 <= len(base) else []
    if target:
        base.append(target)
    return ".".join(base)


def absolute_module(module: str, level: int, target: str | None, *, is_package: bool) -> str:
    """The absolute name `from {"." * level}{target} import ...` imports, seen from `module`."""
    if not level:
        return target or ""
    return _resolve_relative(module, level, target, is_package)


class NameResolver:
    """Maps the names a module binds by import to the qualified names they stand for.

    Imports anywhere in the module count (function-level imports are common in Django
    code); a name rebound by `def`/`class` at module level shadows a builtin.
    """

    __slots__ = ("_aliases", "_defined", "_imported", "module", "stars")

    def __init__(
        self,
        tree: ast.Module,
        module: str = "",
        *,
        is_package: bool = False,
        imports: Iterable[ast.AST] | None = None,
    ) -> None:
        """`imports`: the module's import statements when the caller has already found
        them (the engine's walk does); otherwise the tree is walked for them."""
        self.module = module
        self._aliases: dict[str, str] = {}
        self._defined: set[str] = set()
        self._imported: dict[str, bool] = {}
        """`imports` answers by prefix (the extractors ask the same few of every module)."""
        self.stars: tuple[str, ...] = ()
        """The modules `from x import *` imports, absolute, in the order imported."""
        stars: list[str] = []
        found = ast.walk(tree) if imports is None else imports
        statements = sorted(
            (n for n in found if isinstance(n, ast.Import | ast.ImportFrom)),
            key=lambda n: (n.lineno, n.col_offset),
        )
        for node in statements:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self._aliases[alias.asname] = _six_moved(alias.name)
                    else:
                        top = alias.name.split(".")[0]
                        self._aliases[top] = _six_moved(top)
            elif isinstance(node, ast.ImportFrom):
                source = node.module or ""
                if node.level:
                    source = _resolve_relative(module, node.level, node.module, is_package)
                for alias in node.names:
                    if alias.name == "*":
                        if source:
                            stars.append(source)
                        continue
                    qualified = f"{source}.{alias.name}" if source else alias.name
                    self._aliases[alias.asname or alias.name] = _six_moved(qualified)
        self.stars = tuple(stars)
        for stmt in tree.body:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                self._defined.add(stmt.name)
            elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
                self._aliases.update(self._loaded_classes(stmt.targets, stmt.value))
                self._aliases.update(self._cached_imports(stmt.targets, stmt.value))
                self._aliases.update(swappable_classes(stmt.targets, stmt.value, self._aliases))

    def _cached_imports(self, targets: list[ast.expr], call: ast.Call) -> dict[str, str]:
        """`cached_url_for = functools.lru_cache(2048)(url_for)` (or `functools.cache(f)`)
        of an imported function: the cache returns what the function returns, so the name
        calls that function."""
        maker = call.func.func if isinstance(call.func, ast.Call) else call.func
        if self.qualified(maker) not in _CACHES or len(call.args) != 1 or call.keywords:
            return {}
        wrapped = call.args[0]
        if len(targets) != 1 or not isinstance(targets[0], ast.Name):
            return {}
        if not isinstance(wrapped, ast.Name) or wrapped.id not in self._aliases:
            return {}
        return {targets[0].id: self._aliases[wrapped.id]}

    def _loaded_classes(self, targets: list[ast.expr], call: ast.Call) -> dict[str, str]:
        """Names bound to classes that django-oscar's loader imports by name:
        `Form = get_class("customer.forms", "Form")` and `A, B = get_classes("x", ["A",
        "B"])` name `oscar.apps.customer.forms.Form` (the class oscar ships; a project
        that forks the app overrides it, which only its settings tell)."""
        loader = self.qualified(call.func)
        if loader not in _OSCAR_LOADERS or len(call.args) != 2 or len(targets) != 1:
            return {}
        label, names = call.args
        if not (isinstance(label, ast.Constant) and isinstance(label.value, str)):
            return {}
        target = targets[0]
        pairs: list[tuple[ast.expr, ast.expr]]
        if isinstance(target, ast.Name) and loader.endswith(".get_class"):
            pairs = [(target, names)]
        elif isinstance(target, ast.Tuple | ast.List) and isinstance(names, ast.List | ast.Tuple):
            if len(target.elts) != len(names.elts):
                return {}
            pairs = list(zip(target.elts, names.elts, strict=True))
        else:
            return {}
        return {
            local.id: f"oscar.apps.{label.value}.{name.value}"
            for local, name in pairs
            if isinstance(local, ast.Name)
            and isinstance(name, ast.Constant)
            and isinstance(name.value, str)
        }

    @property
    def aliases(self) -> dict[str, str]:
        """Local name -> qualified name, for every imported name."""
        return dict(self._aliases)

    def with_aliases(self, changed: Mapping[str, str]) -> NameResolver:
        """A resolver of the same module with the imported names `changed` standing for
        other qualified names (`request` -> `flask.request`)."""
        other = copy.copy(self)
        other._aliases = {**self._aliases, **changed}
        other._imported = {}
        return other

    def binds_import(self, name: str) -> bool:
        """Whether `name` is a name the module's imports bind (`prompt` for `from app.views
        import prompt`)."""
        return name in self._aliases

    def defines(self, name: str) -> bool:
        """Whether the module body binds `name` by a `def` or `class` statement."""
        return name in self._defined

    def imports(self, prefix: str) -> bool:
        """Whether the module imports `prefix` or anything below it."""
        found = self._imported.get(prefix)
        if found is None:
            below = prefix + "."
            found = self._imported[prefix] = any(
                q == prefix or q.startswith(below) for q in self._aliases.values()
            )
        return found

    def qualified(self, node: ast.AST) -> str | None:
        """`os.path.join` for `from os import path; path.join`; None for non-names.

        A name that is neither imported nor a builtin resolves to itself; a builtin that
        the module redefines resolves to `<module>.<name>`.
        """
        if isinstance(node, ast.Name):
            name = node.id
            if name in self._aliases:
                return self._aliases[name]
            if name in self._defined and name in BUILTIN_NAMES:
                return f"{self.module}.{name}" if self.module else name
            return name
        if isinstance(node, ast.Attribute):
            base = self.qualified(node.value)
            if base is None:
                return None
            return attribute_name(base, node.attr)
        return None

    def call_name(self, call: ast.Call) -> str | None:
        """The qualified name of what `call` calls."""
        return self.qualified(call.func)


def _bound_at_module_level(body: list[ast.stmt]) -> Iterator[str]:
    """Every name the module's own statements bind (those nested in `if`/`try`/`with`/
    loops included, not those of functions and classes)."""
    for stmt in body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield stmt.name
            continue
        if isinstance(stmt, ast.Import | ast.ImportFrom):
            for alias in stmt.names:
                if alias.name != "*":
                    yield alias.asname or alias.name.split(".")[0]
            continue
        targets: list[ast.expr] = []
        if isinstance(stmt, ast.Assign):
            targets = stmt.targets
        elif isinstance(stmt, ast.AnnAssign | ast.AugAssign | ast.For | ast.AsyncFor):
            targets = [stmt.target]
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            targets = [i.optional_vars for i in stmt.items if i.optional_vars is not None]
        for target in targets:
            for node in ast.walk(target):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    yield node.id
        for field in ("body", "orelse", "finalbody"):
            nested = getattr(stmt, field, None)
            if isinstance(nested, list) and not isinstance(stmt, ast.ClassDef):
                yield from _bound_at_module_level(nested)
        for handler in getattr(stmt, "handlers", ()):
            if handler.name:
                yield handler.name
            yield from _bound_at_module_level(handler.body)


def _literal_names(node: ast.expr | None) -> list[str] | None:
    if not isinstance(node, ast.List | ast.Tuple):
        return None
    names = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return names if len(names) == len(node.elts) else None


def _declared_all(body: list[ast.stmt]) -> list[str] | None:
    """The names a literal `__all__` lists (`__all__ = [...]`, then `+= [...]`); None when
    the module gives none, or one webwarden cannot read."""
    found: list[str] | None = None
    for stmt in body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in stmt.targets
        ):
            found = _literal_names(stmt.value)
            if found is None:
                return None
        elif isinstance(stmt, ast.AugAssign) and getattr(stmt.target, "id", "") == "__all__":
            more = _literal_names(stmt.value)
            if found is None or more is None:
                return None
            found += more
    return found


def star_exports(tree: ast.Module) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    """What `from module import *` may take from the module: the public names its own
    module-level statements bind, and the names of its literal `__all__` (None when it
    gives none: then the public names, and those its own star imports bring, are taken)."""
    names = dict.fromkeys(n for n in _bound_at_module_level(tree.body) if not n.startswith("_"))
    declared = _declared_all(tree.body)
    return tuple(names), None if declared is None else tuple(dict.fromkeys(declared))


def last_part(name: str | None) -> str:
    """The last part of a dotted name (`escape` of `django.utils.html.escape`), "" for
    none."""
    return (name or "").rpartition(".")[2]


def last_name(node: ast.expr) -> str:
    """The name an attribute or a name expression ends with (`clean` of `bleach.clean`,
    `escape`), "" for any other expression."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""
