"""From config operations to ordered config layers, following `from_object` and files."""

from __future__ import annotations

import ast
import json
import posixpath
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Location
from webwarden.model.flask.app import (
    FLASK_DEFAULTS,
    EnvFile,
    Layer,
    Setting,
    Variant,
    is_development_name,
)
from webwarden.model.flask.config_files import (
    IN_CONSTANT,
    IN_MODULE,
    IN_PROJECT,
    constant_path,
    module_path,
)
from webwarden.model.flask.config_names import ANY_CLASS, INSTANCE_MARK
from webwarden.model.flask.facts import ConfigMapFact, ConfigOp, SettingFact
from webwarden.model.flask.index import Index
from webwarden.model.flask.mapping_returns import returned_settings
from webwarden.model.imported import ImportedValue, Modules, resolve_imported
from webwarden.model.module import FileContext

_MAX_ANCESTORS = 16
"""Config classes followed up a class's bases, at most."""

_MAX_DEPTH = 8
FileReader = Callable[[str], str | None]
"""Reads a project file by relpath (None when absent or unreadable)."""
ModuleLoader = Callable[[str], bool]
"""Parses a project Python file not yet indexed and indexes its config; True if it did."""


def located(relpath: str, location: Location) -> Location:
    """A fact's location with the path of the file it came from."""
    return Location(relpath, location.line, location.column, location.end_line, location.end_column)


def _key_location(relpath: str, lines: list[str], key: str) -> Location:
    """The line of a JSON (`"KEY": ...`) or TOML (`KEY = ...`) file that sets `key`."""
    pattern = re.compile(rf'^\s*(?:"{re.escape(key)}"\s*:|{re.escape(key)}\s*=)')
    for number, line in enumerate(lines, start=1):
        if pattern.match(line) or f'"{key}":' in line:
            return Location(relpath, number)
    return Location(relpath, 1)


_TEMPLATE_WORDS = frozenset({"example", "sample", "template", "dist", "tmpl"})
"""Words naming a config module as a template the deployer fills in, not one linked."""


@dataclass(slots=True)
class LayerBuilder:
    """Turns one app's config operations into layers and variants."""

    index: Index
    read: FileReader
    load_module: ModuleLoader
    env_files: list[EnvFile]
    root_dir: str
    instance_dir: str
    instance_relative: bool
    parsed: Modules | None = None
    """The project's modules, whose functions a config module may call."""

    def _settings(
        self, facts: tuple[SettingFact, ...], relpath: str, source: str
    ) -> dict[str, Setting]:
        return {
            fact.key: Setting(
                fact.key, self.imported(fact.value), located(relpath, fact.location), source
            )
            for fact in facts
        }

    def imported(self, value: object) -> object:
        """The constant an `ImportedValue` names, read from its module (`UNKNOWN` when
        the module is not the project's or does not set it as a constant), or the value
        an `ImportedCall` gives."""
        return resolve_imported(value, self._constants, self.parsed)

    def _constants(self, module: str) -> dict[str, object] | None:
        """The UPPERCASE constants of a module, loaded as `from_object` loads it."""
        if module not in self.index.module_settings:
            self.load_module(module)
        found = self.index.module_settings.get(module)
        if found is None or module in self.index.open_modules:
            return None
        return {fact.key: fact.value for fact in found[0]}

    def spread_options(self, options: dict[str, object]) -> dict[str, object]:
        """An extension's options with a `**Config.TALISMAN_SETTINGS` spread read where it
        is written: a dict attribute of the config class (inherited too; the same in
        every class conditional imports may bind the name to) or a module's constant;
        left unknown when it is not such a dict of keywords."""
        # NOTE: an option given an imported UPPERCASE name (`content_security_policy=
        # SITE_CSP`, `Config.TALISMAN_CSP`) is read where it is bound, as a spread is.
        options = {
            key: self._spread_value(value)
            if key != "**" and isinstance(value, ImportedValue)
            else value
            for key, value in options.items()
        }
        spread = options.get("**")
        if not isinstance(spread, ImportedValue):
            return options
        found = self._spread_value(spread)
        read = {k: v for k, v in options.items() if k != "**"}
        if isinstance(found, dict) and all(isinstance(k, str) for k in found):
            return {**found, **read}
        return {**read, "**": UNKNOWN}

    def _spread_value(self, spread: ImportedValue) -> object:
        """The value every class the owner may be gives, or the deployed ones give when
        a development class differs (`DevelopmentConfig` remaking the dict from a
        `deepcopy` of its base's to allow its debug toolbar's scripts): the options
        judged are those of the app as deployed, as for its config's variants."""
        owner, _, name = spread.ref.rpartition(".")
        chosen = self._chosen(owner) if owner else None
        owners = list(chosen.entries) if chosen else [("", owner)]
        values: list[tuple[bool, object]] = []
        for key, each in owners:
            settings = self.object_settings(each) if each else None
            if settings is None and chosen is None:
                return self.imported(spread)
            if settings is not None:
                # NOTE: a class webwarden cannot read (in test code) is no variant judged.
                value = settings[name].value if name in settings else UNKNOWN
                values.append((self._named_for_development(each, key), value))
        judged = [v for development, v in values if not development] or [v for _, v in values]
        return judged[0] if judged and all(v == judged[0] for v in judged) else UNKNOWN

    def _named_for_development(self, ref: str, key: str) -> bool:
        ref = self.index.canonical(ref)
        name = ref.rsplit(".", 1)[-1]
        keys = (key,) if key else ()
        return Variant(name, ref, Location("."), keys, self._ancestors(ref)).named_for_development

    def class_settings(self, ref: str, depth: int = 0) -> dict[str, Setting] | None:
        """Inherited then own UPPERCASE attributes of a config class (None: not one)."""
        found = self.index.config_classes.get(self.index.canonical(ref))
        if found is None and depth and self.load_module(ref.rpartition(".")[0]):
            # NOTE: a base class in a config module nothing has loaded yet (each variant
            # of a `match` in its own module, deriving from the default one).
            found = self.index.config_classes.get(self.index.canonical(ref))
        if found is None or depth > _MAX_DEPTH:
            return None
        fact, relpath = found
        merged: dict[str, Setting] = {}
        for base in reversed(fact.bases):
            inherited = self.class_settings(base, depth + 1)
            if inherited:
                merged.update(inherited)
        merged.update(self._settings(fact.settings, relpath, fact.ref.rsplit(".", 1)[-1]))
        return merged

    def object_settings(self, ref: str) -> dict[str, Setting] | None:
        """What `from_object(ref)` copies: a config class, an instance of one, or a
        config module; for an instance made in the call (`DefaultConfig()`, marked
        `()`), the class attributes of the class made, None when it is no config class
        (a factory function's result)."""
        if ref.endswith(INSTANCE_MARK):
            made_by = ref.removesuffix(INSTANCE_MARK)
            settings = self.class_settings(made_by)
            if settings is None and self.load_module(made_by.rpartition(".")[0]):
                settings = self.class_settings(made_by)
            return settings
        ref = self.index.canonical(ref)
        settings = self.class_settings(ref)
        if settings is None and ref not in self.index.module_settings:
            module, _, _name = ref.rpartition(".")
            if self.load_module(ref) or (module and self.load_module(module)):
                settings = self.class_settings(ref)
        if settings is None and (made_of := self.instance_of(ref)) is not None:
            settings = self.class_settings(made_of)
        if settings is not None:
            return settings
        found = self.index.module_settings.get(ref)
        if found is None:
            return None
        facts, relpath = found
        return self._settings(facts, relpath, posixpath.basename(relpath))

    def instance_of(self, ref: str) -> str | None:
        """The config class `ref` is an instance of (`Config = ServerConfig()`), else None."""
        made_by = self.index.aliases.get(ref)
        if made_by is None:
            return None
        made_by = self.index.canonical(made_by)
        return made_by if made_by in self.index.config_classes else None

    def _launched(self, variable: str) -> list[str]:
        """What the project's launchers set `variable` to that names no development,
        testing or local config (`app.config.ProductionConfig`, `production`): the
        config the app is served with wherever they start it."""
        chosen = self.index.launch_environment.get(variable, ())
        return sorted(t for t in chosen if not is_development_name(t.rpartition(".")[2]))

    def _targets(self, op: ConfigOp) -> tuple[list[tuple[str, tuple[str, ...]]], bool]:
        """(reference, mapping keys) candidates of a `from_object`, and whether some are
        instances a mapping holds. A launcher's choice of the object (`_launched`) is
        one beside the text the variable's reader falls back on."""
        targets: list[tuple[str, tuple[str, ...]]] = []
        instances = False
        pending = [*op.references, *(c for v in op.variables for c in self._launched(v))]
        seen: set[str] = set()
        while pending and len(seen) < 50:
            ref = pending.pop(0)
            if ref in seen:
                continue
            seen.add(ref)
            if ref.endswith("[]"):
                mapping = self.index.config_maps.get(self.index.canonical(ref[:-2]))
                if mapping is None and ":" in ref:
                    pending.extend(f"{r}[]" for r in self.index.defaults_of(ref[:-2]))
                instances = instances or (mapping is not None and mapping.instances)
                keyed: dict[str, list[str]] = {}
                for key, entry in mapping.entries if mapping else ():
                    keyed.setdefault(self.index.canonical(entry), []).append(key)
                targets.extend((entry, tuple(keys)) for entry, keys in keyed.items())
            elif ref.endswith(INSTANCE_MARK):
                made_by = self._beside(ref.removesuffix(INSTANCE_MARK), op.location.path)
                targets.append((self.index.canonical(made_by) + INSTANCE_MARK, ()))
            elif ":" in ref:
                pending.extend(self.index.defaults_of(ref))
            elif ref.endswith(f".{ANY_CLASS}"):
                targets.extend((name, ()) for name in self._module_classes(ref[:-2]))
            elif (chosen := self._chosen(ref)) is not None:
                keyed = {}
                for key, entry in chosen.entries:
                    keyed.setdefault(self.index.canonical(entry), []).append(key)
                targets.extend((entry, tuple(keys)) for entry, keys in keyed.items())
            elif stand_ins := self._stand_ins(self._beside(ref, op.location.path)):
                targets.extend((module, (module.rpartition(".")[2],)) for module in stand_ins)
            else:
                targets.append((self._beside(ref, op.location.path), ()))
        return targets, instances

    def _stand_ins(self, ref: str) -> list[str]:
        """The project's modules beside a config module it does not hold, named for it
        with a suffix (`app.config_dev`, `app.config_prod` for `app.config`): the ones a
        deployer links or copies to the name the app loads (`ln -sf config_prod.py
        config.py`, the real one kept out of the repository), each a variant; not a
        template to fill in (`config_example`, `config_sample`). None when the module is
        the project's, or its package is not."""
        package = ref.rpartition(".")[0]
        if ref in self.index.paths or (package and package not in self.index.paths):
            return []
        prefix = f"{ref}_"
        return sorted(
            module
            for module in self.index.paths
            if module.startswith(prefix)
            and "." not in (suffix := module[len(prefix) :])
            and not set(suffix.lower().split("_")) & _TEMPLATE_WORDS
        )

    def _chosen(self, ref: str) -> ConfigMapFact | None:
        """The classes conditional imports bind `ref` to (`config.Config`, imported in
        the arms of a `match` in `config/__init__.py`), its module loaded first."""
        module = ref.rpartition(".")[0]
        if module and module not in self.index.module_settings:
            self.load_module(module)
        found = self.index.config_maps.get(ref)
        return found if found is not None and found.chosen else None

    def _beside(self, ref: str, relpath: str) -> str:
        """`ref` as a module beside the file loading it names it (`from config import
        DefaultConfig` in `pkg/app.py`, with `pkg/config.py`: `pkg.config.DefaultConfig`)
        when no module of the project, nor of the standard library, has its first name:
        Python 2 imported a module beside the importing one so (an implicit relative
        import), and Python 3 does for a package folder the app runs from (`sys.path[0]`).
        Any other reference as it is."""
        first = ref.partition(".")[0]
        if not first or first in sys.stdlib_module_names or self._project_top(first):
            return ref
        module = self._modules_by_path().get(relpath, "")
        package = module.rpartition(".")[0]
        beside = f"{package}.{first}"
        if not package or beside == module or beside not in self.index.paths:
            return ref
        return f"{package}.{ref}"

    def _project_top(self, first: str) -> bool:
        """Whether a module of the project is named `first` or lies in a package so named."""
        return any(m == first or m.startswith(first + ".") for m in self.index.paths)

    def _modules_by_path(self) -> dict[str, str]:
        """Relpath -> module, of the project's indexed modules."""
        return {relpath: module for module, relpath in self.index.paths.items()}

    def _module_classes(self, module: str) -> list[str]:
        """The config classes a module defines (loaded if not yet indexed), sorted."""
        module = self.index.canonical(module)
        if not any(ref.rpartition(".")[0] == module for ref in self.index.config_classes):
            self.load_module(module)
        return sorted(ref for ref in self.index.config_classes if ref.rpartition(".")[0] == module)

    def from_object(self, op: ConfigOp, variants: list[Variant], relpath: str) -> list[Layer]:
        """One layer for a single config object; one per variant for a mapping."""
        targets, instances = self._targets(op)
        resolved = [(ref, keys, self.object_settings(ref)) for ref, keys in targets]
        known = [(ref, keys, s) for ref, keys, s in resolved if s is not None]
        opaque = op.opaque or len(known) < len(resolved) or not resolved
        handed_in = len(known) == 1 and not known[0][1] and self._handed_in(op, known[0][0])
        if len(known) == 1 and not known[0][1] and not handed_in:
            layers = [Layer(known[0][2], opaque=opaque)]
            ref = self.index.canonical(known[0][0])
            made_here = ref.endswith(INSTANCE_MARK)
            if ref in self.index.open_modules or made_here or self.instance_of(ref) is not None:
                # NOTE: what a star import or `locals().update()` in the module adds
                # comes after (and may replace) the settings it spells out; so do the
                # attributes an instance is given (`__init__`, `setattr(config, ...)`).
                layers.append(Layer({}, opaque=True))
            return layers
        layers = [Layer({}, opaque=True)] if opaque else []
        unset = {
            key: variable
            for variable, key in (*op.unset_keys, *self.index.unset_arguments(op.key_parameter))
            if not self._launched(variable)
        }
        for ref, keys, settings in known:
            name = ref.rsplit(".", 1)[-1]
            found = self.index.config_classes.get(ref)
            location = located(found[1], found[0].location) if found else Location(".")
            if all(v.ref != ref for v in variants):
                unset_by = next((unset[key] for key in keys if key in unset), "")
                variants.append(Variant(name, ref, location, keys, self._ancestors(ref), unset_by))
            layers.append(Layer(settings, variant=ref))
        if instances:
            layers.append(Layer({}, opaque=True))  # NOTE: as for one instance, above
        if handed_in and all(v.ref for v in variants):
            # NOTE: the app's other callers load some other config: a variant of its own,
            # with only the settings every variant has (`ref` "" picks no variant's layer).
            variants.append(Variant("", "", located(relpath, op.location)))
        return layers

    def loads_flask_config(self, op: ConfigOp) -> bool:
        """Whether every object a `from_object` names is a config the project writes
        that sets some of Flask's own keys (`SECRET_KEY`, `SESSION_COOKIE_SECURE`): what
        an outside function handed it with the app is there to load (`handed_config_ops`),
        not a class of constants it reads for itself."""
        targets, _ = self._targets(op)
        found = [self.object_settings(ref) for ref, _ in targets]
        return bool(found) and all(s is not None and bool(FLASK_DEFAULTS.keys() & s) for s in found)

    def _handed_in(self, op: ConfigOp, ref: str) -> bool:
        """Whether the one config object found is a development or testing one that a
        caller hands in (`create_app(TestConfig)` in a test helper, reaching
        `from_object(config)`): a variant that caller chooses, not the app's only config."""
        if ref in op.references:
            return False
        found = self.index.config_classes.get(ref)
        location = located(found[1], found[0].location) if found else Location(".")
        name = ref.rsplit(".", 1)[-1]
        return Variant(name, ref, location, (), self._ancestors(ref)).is_development

    def _ancestors(self, ref: str) -> tuple[str, ...]:
        """The names of the project config classes `ref` derives from, nearest first."""
        found: list[str] = []
        queue = [ref]
        while queue and len(found) < _MAX_ANCESTORS:
            known = self.index.config_classes.get(queue.pop(0))
            for base in known[0].bases if known else ():
                canonical = self.index.canonical(base)
                if canonical in self.index.config_classes and canonical not in found:
                    found.append(canonical)
                    queue.append(canonical)
        return tuple(b.rsplit(".", 1)[-1] for b in found)

    def _file(self, name: str) -> str:
        base = self.instance_dir if self.instance_relative else self.root_dir
        return posixpath.normpath(posixpath.join(base, name)) if not name.startswith("/") else name

    def _config_file(self, op: ConfigOp) -> str:
        """The project path of the file a `from_pyfile`/`from_file` reads ("" if unknown)."""
        if not op.references:
            return ""
        return self._resolved(op.path_from, op.references[0])

    def _resolved(self, path_from: str, reference: str) -> str:
        """The project path a file reference names (see `ConfigOp.path_from`)."""
        if path_from == IN_PROJECT:
            return reference
        if path_from == IN_CONSTANT:
            return constant_path(self.parsed, reference)
        if path_from == IN_MODULE:
            return module_path(self.parsed, reference)
        return self._file(reference)

    def from_pyfile(self, op: ConfigOp) -> Layer:
        """A Python config file in the project (`from_pyfile("config.py")`)."""
        return self._python_file(self._config_file(op)) or Layer({}, opaque=True)

    def _python_file(self, relpath: str) -> Layer | None:
        """The settings of a Python config file of the project (None: not one)."""
        if not relpath or not self.load_module(relpath):
            return None
        facts, path = self.index.module_settings[f"file:{relpath}"]
        return Layer(self._settings(facts, path, posixpath.basename(path)))

    def from_file(self, op: ConfigOp) -> Layer:
        """A JSON or TOML config file (`from_file("config.json", load=json.load)`)."""
        return self._data_file(self._config_file(op)) or Layer({}, opaque=True)

    def _data_file(self, relpath: str) -> Layer | None:
        """The settings of a JSON or TOML config file of the project (None: not one)."""
        text = self.read(relpath) if relpath else None
        if text is None:
            return None
        try:
            data = tomllib.loads(text) if relpath.endswith(".toml") else json.loads(text)
        except (ValueError, tomllib.TOMLDecodeError):
            return None
        if not isinstance(data, dict):
            return None
        lines = text.splitlines()
        return Layer(
            {
                key: Setting(
                    key, value, _key_location(relpath, lines, key), posixpath.basename(relpath)
                )
                for key, value in data.items()
                if isinstance(key, str) and key.isupper()
            }
        )

    def chosen_files(self, op: ConfigOp, variants: list[Variant]) -> list[Layer]:
        """The files a name bound several ways may name (`ConfigOp.choices`): the one the
        project holds as a layer, opaque when another binding is known only at run time
        or names a file the tree does not hold; two or more, each a variant of the
        app's config, as `from_object` makes the classes a mapping holds."""
        read = self._python_file if op.kind == "from_pyfile" else self._data_file
        found: dict[str, Layer] = {}
        unknown = op.opaque
        for path_from, reference in op.choices:
            relpath = self._resolved(path_from, reference)
            layer = read(relpath) if relpath and relpath not in found else None
            if layer is not None:
                found[relpath] = layer
            elif relpath not in found:
                unknown = True
        if len(found) < 2:
            layer = next(iter(found.values()), Layer({}))
            layer.opaque = unknown or not found
            return [layer]
        layers = [Layer({}, opaque=True)] if unknown else []
        for relpath, layer in found.items():
            layer.variant = f"file:{relpath}"
            if all(v.ref != layer.variant for v in variants):
                name = posixpath.splitext(posixpath.basename(relpath))[0]
                variants.append(Variant(name, layer.variant, Location(relpath, 1)))
            layers.append(layer)
        return layers

    def from_prefixed_env(self, op: ConfigOp) -> Layer:
        """`FLASK_*` variables: unknowable at deploy time, but the dotenv files show some."""
        prefix = (op.references[0] if op.references else "FLASK") + "_"
        settings: dict[str, Setting] = {}
        for env_file in self.env_files:
            for variable, (text, line) in env_file.values.items():
                key = variable.removeprefix(prefix)
                if variable.startswith(prefix) and key and "__" not in key:
                    settings[key] = Setting(
                        key,
                        _json_or_text(text),
                        Location(env_file.relpath, line),
                        posixpath.basename(env_file.relpath),
                        from_env_file=True,
                    )
        return Layer(settings, opaque=True)

    def returned_mappings(self, op: ConfigOp) -> list[Layer]:
        """`from_mapping(load_config())`: the dict each function named returns, read
        where the project defines it (`mapping_returns`); opaque where it may hold keys
        the source does not name, or the call may be given another mapping."""
        layers: list[Layer] = []
        for ref in op.references:
            returned = returned_settings(ref.removesuffix("()"), self._function)
            if returned is None:
                layers.append(Layer({}, opaque=True))
                continue
            facts = _mapped(op.kind, tuple(returned.settings))
            settings = self._settings(facts, returned.relpath, "app.config")
            layers.append(Layer(settings, opaque=returned.opaque or op.opaque))
        return layers

    def _function(
        self, ref: str
    ) -> tuple[FileContext, ast.FunctionDef | ast.AsyncFunctionDef] | None:
        """The module-level function `ref` names, in a module of the project."""
        module, _, name = ref.rpartition(".")
        ctx = self.parsed(module) if self.parsed is not None and module else None
        function = ctx.module_function(name) if ctx is not None else None
        return (ctx, function) if ctx is not None and function is not None else None

    def layers(self, op: ConfigOp, relpath: str, variants: list[Variant]) -> list[Layer]:
        """The layers one operation contributes."""
        kind = op.kind
        if kind == "from_object":
            return self.from_object(op, variants, relpath)
        if kind in {"from_pyfile", "from_file"} and op.choices:
            return self.chosen_files(op, variants)
        if kind == "from_pyfile":
            return [self.from_pyfile(op)]
        if kind == "from_file":
            return [self.from_file(op)]
        if kind == "from_prefixed_env":
            return [self.from_prefixed_env(op)]
        if kind == "from_envvar":
            return [Layer({}, opaque=True)]
        if kind in {"update", "from_mapping"} and op.references:
            return self.returned_mappings(op)
        facts = _mapped(kind, op.settings)
        source = "app" if kind == "attribute" else "app.config"
        return [
            Layer(
                self._settings(facts, relpath, source),
                opaque=op.opaque,
                setdefault=kind == "setdefault",
            )
        ]


def _mapped(kind: str, facts: tuple[SettingFact, ...]) -> tuple[SettingFact, ...]:
    """The settings an operation of `kind` sets of those given: `from_mapping` keeps
    only the UPPERCASE keys, as Flask's does."""
    if kind == "from_mapping":
        return tuple(f for f in facts if f.key.isupper())
    return facts


def _json_or_text(text: str) -> object:
    """How `from_prefixed_env` reads a value: JSON when it parses, else the string."""
    try:
        return json.loads(text)
    except ValueError:
        return text
