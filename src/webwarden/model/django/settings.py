"""Settings modules resolved: follow `from .base import *` chains, edits and branches.

Each settings module ends with a value per setting, or several when a module-level `if`
(or a `try`: its body, else its handlers) cannot be decided statically: then every
branch's value is kept as a `Possibility` labelled with the branch's condition. A branch
is decided when its test is a constant, an environment lookup with a default (decided by
the default, as the rest of webwarden judges what ships), or a setting (`if DEBUG:`) with
one known value; but not a development flag read from the environment that is on when
unset (`DEBUG = env.bool("DJANGO_DEBUG", True)`, then `if not DEBUG:`, or the variable
read in the test itself: `if os.environ.get("DEBUG", "true").lower() == "false":`):
deployments turn it off, so both arms are kept, the flag's a development branch. A setting given such a
flag (`SECURE_SSL_REDIRECT = not DEBUG`, in its module or one that imports it) is that
`if` written as an expression, kept as two possibilities the same way. A test decided
by environment defaults keeps, on each setting the skipped arm gives a value, that value
and how a deployment turns the test (`Possibility.unless`: "$HTTPS is set to true").

A module the tree lacks that the settings cannot start without leaves what it may set
unknown: any setting, for one run whatever the conditions or one named as a deployment's
own (`production.py`); for a host's or developer's overlay (`local.py`) that only one
arm runs (the `else:` of arms picking the platform), the settings each host sets for
itself, in that arm alone, the other arms' settings being what the tree shows. A star
import of such a module whose name says nothing of its role (`from mysite.radius_config
import *`) that only an undecided arm runs may set any setting, but only there: the
settings the module leaves unset keep Django's default, with that arm as how a
deployment may get another value (`SettingsModule.unseen`); what the module sets after
it, and on other paths, stays known.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.env_imported import ImportedCall
from webwarden.analysis.environment import NO_DEFAULT, DeployTime
from webwarden.findings import Location
from webwarden.model.django.certain_imports import imports_succeed
from webwarden.model.django.defaults import (
    DEFAULTS,
    DJANGOSECURE_DEFAULTS,
    DJANGOSECURE_MIDDLEWARE,
    SECURITY_MIDDLEWARE,
    UNTRACKED_DEFAULTS,
)
from webwarden.model.django.facts import (
    Alias,
    Assign,
    Branch,
    Comparison,
    Condition,
    Edit,
    Import,
    Include,
    Op,
    Overlay,
    Refusal,
    SettingsFacts,
)
from webwarden.model.django.split_settings import chosen_among, matching
from webwarden.model.django.values import is_known, shipped
from webwarden.model.imported import Constants, ImportedValue, Modules, resolve_imported
from webwarden.model.roles import Role, role_of, role_of_branch

_MAX_POSSIBILITIES = 6


@dataclass(frozen=True, slots=True)
class Unless:
    """What a setting is where a deployment turns a test the module decides by
    environment defaults the other way (`if os.getenv("HTTPS", "false") == "true":`)."""

    when: str
    """How the deployment does it: `$HTTPS is set to true`."""
    value: object
    location: Location | None


@dataclass(frozen=True, slots=True)
class Possibility:
    """One value a setting may have, and where it was given (None: Django's default)."""

    value: object
    location: Location | None
    parts: tuple[tuple[str, Location], ...] = ()
    credential_urls: tuple[tuple[str, Location], ...] = ()
    branch: str = ""
    """The condition under which the setting has this value; empty when it always does."""
    unless: tuple[Unless, ...] = ()
    """Other values an arm skipped as the code ships gives where a deployment sets its
    environment variables (`Condition.unless`)."""
    stand_in: bool = False
    """Only carries `unless` for a setting the module leaves unset (the resolver's; a
    `SettingsModule` keeps these apart, in `unset_unless`)."""

    @property
    def shipped(self) -> object:
        """The value with environment lookups replaced by their defaults."""
        return shipped(self.value)

    def part(self, path: str) -> Location | None:
        """Where the dict key path (`default.PASSWORD`) of the value was written."""
        for key, location in reversed(self.parts):
            if key == path:
                return location
        return None


State = dict[str, tuple[Possibility, ...]]

UNSEEN = "*"
"""The key of a state holding, as possibilities, the star imports of modules the tree
lacks that run only in an undecided arm (`Resolver._unseen_in_arm`): no setting's name."""


def default(name: str, branch: str = "") -> Possibility:
    """Django's default for `name` (`UNKNOWN` for settings webwarden does not track)."""
    value = DEFAULTS.get(name, UNTRACKED_DEFAULTS.get(name, UNKNOWN))
    return Possibility(value, None, branch=branch)


PAGE_SETTINGS = ("ROOT_URLCONF", "MIDDLEWARE", "MIDDLEWARE_CLASSES")
"""Settings without which Django serves no page (`ROOT_URLCONF`), or serves them with no
middleware at all, a set-up no site is deployed with: a module setting neither is a
worker's or a script's, giving the apps its ORM loads."""


@dataclass(slots=True)
class SettingsModule:
    """One settings module with every setting it ends up with."""

    module: str
    relpath: str
    role: Role
    values: State
    chain: tuple[str, ...] = ()
    """Relative paths of the settings modules it reads, itself first."""

    complete: bool = True
    """False when the chain star-imports a module webwarden could not read, or sets none
    of the settings a site needs (a part laid over other settings): a setting it does not
    see may be set elsewhere, so it is unknown rather than Django's default."""
    laid_over: bool = False
    """The module reads no other (no import, no star import of a module the tree lacks)
    and sets none of the settings a site needs: a part laid over another module's
    settings (a `local_settings.py` the main settings module runs with `exec` or
    star-imports at its end), which leaves `MIDDLEWARE` as that module sets it."""
    subclassed: dict[str, str] = field(default_factory=dict)
    """Django middleware in `MIDDLEWARE` only through a project subclass of it: Django's
    path -> the subclass (which may do part of the work its own way, cookies included)."""
    header_logins: frozenset[str] = frozenset()
    """Entries of `MIDDLEWARE` that are project middleware logging the request in from a
    header alone, deriving from no Django middleware
    (`middleware_gates.logs_in_by_header`)."""
    passwordless_backends: bool = False
    """`AUTHENTICATION_BACKENDS` lists only backends that check no password (Django's
    `RemoteUserBackend`, a project backend reading single sign-on headers): no password
    logs anyone in (`auth_backends.checks_no_password`)."""
    frame_guards: frozenset[str] = frozenset()
    """Entries of `MIDDLEWARE` that are project middleware (or subclasses of one) setting a
    header that denies framing on every response (`frame_headers.sets_frame_header`)."""
    configuration: str = ""
    """The django-configurations class judged as this module's settings, if any."""
    anchor: Location | None = None
    """Where a setting it lacks is reported (default: the module's first line)."""
    derives_from: tuple[str, ...] = ()
    """The configuration's bases among the classes of its module, followed transitively,
    nearest first."""
    required: frozenset[str] = frozenset()
    """Environment variables some module of its chain reads without a default outside any
    branch (`SettingsFacts.required`): set wherever the module runs."""
    release_defaults: dict[str, object] = field(default_factory=dict)
    """Defaults of the Django release the project's requirements pin, where they differ
    from the current release's (`OLDER_RELEASE_DEFAULTS`): they apply to what it leaves
    unset."""
    unset_unless: dict[str, tuple[Unless, ...]] = field(default_factory=dict)
    """For settings it leaves unset: the values an arm skipped as the code ships gives
    where a deployment sets its environment variables (`Possibility.unless`)."""
    set_at_runtime: frozenset[str] = frozenset()
    """Settings the project's code stores into `django.conf.settings` when it runs (an
    `AppConfig.ready()` handing it to a helper: `runtime_settings`): one the module leaves
    unset has a value decided then, unknown, not Django's default."""
    unseen: tuple[Unless, ...] = ()
    """Star imports of modules the tree lacks that only an undecided arm runs (`if
    "radius" in AUTHENTICATION_BACKENDS: from mysite.radius_config import *`): where
    they run they may set any setting, so each is how a setting left at Django's default
    may get another value (`Possibility.unless`, its value not known)."""

    def __post_init__(self) -> None:
        if UNSEEN in self.values:
            # NOTE: a copy: the resolver's state is shared with the modules importing it.
            self.values = dict(self.values)
            marks = self.values.pop(UNSEEN)
            self.unseen = tuple(
                dict.fromkeys((*self.unseen, *(u for p in marks for u in p.unless)))
            )
        if any(p.stand_in for found in self.values.values() for p in found):
            # NOTE: a copy: the resolver's state is shared with the modules importing it.
            values, self.values = self.values, {}
            for name, found in values.items():
                if all(p.stand_in for p in found):
                    self.unset_unless[name] = tuple(u for p in found for u in p.unless)
                else:
                    self.values[name] = found

    def get(self, name: str) -> tuple[Possibility, ...]:
        """Every value `name` may have (Django's default when the module never sets it, that
        of the release the requirements pin when it differs: `release_defaults`;
        django-secure's, `DJANGOSECURE_DEFAULTS`, when its middleware stands in for
        Django's `SecurityMiddleware`)."""
        found = self.values.get(name)
        if not found and (not self.complete or name in self.set_at_runtime):
            found = (Possibility(UNKNOWN, None),)
        elif not found and name in self.release_defaults:
            found = (Possibility(self.release_defaults[name], None),)
        elif not found:
            found = (default(name),)
        if name in self.unset_unless and name not in self.values:
            found = tuple(dataclasses.replace(p, unless=self.unset_unless[name]) for p in found)
        if self.unseen:
            found = tuple(
                dataclasses.replace(p, unless=(*p.unless, *self.unseen))
                if p.location is None and p.value is not UNKNOWN
                else p
                for p in found
            )
        if (
            name in DJANGOSECURE_DEFAULTS
            and self.subclassed.get(SECURITY_MIDDLEWARE) == DJANGOSECURE_MIDDLEWARE
        ):
            return tuple(
                dataclasses.replace(p, value=DJANGOSECURE_DEFAULTS[name])
                if p.location is None and p.value is not UNKNOWN
                else p
                for p in found
            )
        return found

    def is_set(self, name: str) -> bool:
        """Whether any module of the chain sets `name`."""
        return name in self.values

    @property
    def serves_pages(self) -> bool:
        """False when the module is complete and neither it nor its chain sets
        `ROOT_URLCONF` or `MIDDLEWARE`: Django serves no page under it (a worker's or a
        script's settings). False too when it sets `ROOT_URLCONF` to nothing
        (`ROOT_URLCONF = ""`, as a management command's settings do): Django resolves no
        URL without a URLconf, whatever middleware it inherits."""
        if self.is_set("ROOT_URLCONF") and all(
            p.location is not None and p.value in ("", None) for p in self.get("ROOT_URLCONF")
        ):
            return False
        return not self.complete or any(map(self.is_set, PAGE_SETTINGS))


@dataclass(slots=True)
class Resolver:
    """Resolves settings modules from their facts, following imports between them.

    Modules are keyed by relative path: several example projects in one tree may each
    have a `settings` module of the same dotted name.
    """

    facts: dict[str, SettingsFacts]
    """Facts by relative path."""
    find: Callable[[str, str], str | None]
    """(dotted name as imported, importing relpath) -> the relpath of that module."""
    constants: Constants = field(default=lambda module: None)
    """The constants of the project's other modules, which settings may import."""
    modules: Modules | None = None
    """The project's other modules, whose functions settings may call."""
    files: frozenset[str] = frozenset()
    """Relpaths of every module of the project, settings or not (what `include()` finds)."""
    _done: dict[str, State] = field(default_factory=dict)
    _chains: dict[str, tuple[str, ...]] = field(default_factory=dict)
    incomplete: set[str] = field(default_factory=set)
    """Relpaths whose chain star-imports an unreadable module (not an optional one)."""

    def resolve(self, relpath: str, _stack: frozenset[str] = frozenset()) -> State:
        """The final settings of the module at `relpath` (empty in an import cycle)."""
        if relpath in self._done:
            return self._done[relpath]
        if relpath in _stack:
            return {}
        chain: list[str] = [relpath]
        state = self._apply(self.facts[relpath].ops, {}, "", (relpath, _stack | {relpath}), chain)
        self._done[relpath] = state
        self._chains[relpath] = tuple(dict.fromkeys(chain))
        return state

    def resolve_class(self, relpath: str, name: str) -> tuple[State, tuple[str, ...]]:
        """The settings a class of the module gives (its bases' first) over those of the
        module itself, and the relpaths they are read from."""
        state = dict(self.resolve(relpath))
        chain: list[str] = list(self.chain(relpath))
        ops = dict(self.facts[relpath].classes).get(name, ())
        state = self._apply(ops, state, "", (relpath, frozenset({relpath})), chain)
        return state, tuple(dict.fromkeys(chain))

    def chain(self, relpath: str) -> tuple[str, ...]:
        """The relpaths the module reads settings from, itself first (after `resolve`)."""
        return self._chains.get(relpath, (relpath,))

    def _apply(
        self, ops: tuple[Op, ...], state: State, label: str, where: _Where, chain: list[str]
    ) -> State:
        for op in ops:
            match op:
                case Assign(value=ImportedValue() as imported):
                    state[op.name] = self._imported(op, imported, label, where)
                case Assign(value=ImportedCall() as call):
                    value = resolve_imported(call, self.constants, self.modules)
                    state[op.name] = (Possibility(value, op.location, branch=label),)
                case Assign():
                    state[op.name] = self._assign(op, state, label)
                case Edit():
                    before = _real(state.get(op.name)) or (
                        self._unset(op.name, state, label, where[0]),
                    )
                    state[op.name] = tuple(_edit(p, op, label) for p in before)
                case Import(of_class=name) if name:
                    state = self._class(op, state, label, where, chain)
                case Import():
                    self._import(op, state, label, where, chain)
                case Include():
                    state = self._include(op, state, label, where, chain)
                case Branch():
                    state = self._branch(op, state, label, where, chain)
                case Overlay():
                    self._set_per_deployment(state, where[0])
                case Refusal():
                    if op.name in state:
                        state[op.name] = tuple(_refused(p, op) for p in state[op.name])
        return state

    def _unset(self, name: str, state: State, label: str, origin: str) -> Possibility:
        """What a setting edited before anything of the tree set it held: Django's default
        (`from django.conf.global_settings import *`), unless the module took names from
        a module the tree lacks (`from mysite.settings import *` of a settings file the
        install script writes from a template, then `MIDDLEWARE += [...]`): the list
        edited is that module's, which no file shows; where only an undecided arm took
        them (`UNSEEN`), that arm is how it may hold another."""
        if origin in self.incomplete:
            return Possibility(UNKNOWN, None, branch=label)
        unseen = tuple(u for p in state.get(UNSEEN, ()) for u in p.unless)
        return dataclasses.replace(default(name, label), unless=unseen)

    def _assign(self, op: Assign, state: State, label: str) -> tuple[Possibility, ...]:
        if isinstance(op.value, Alias):
            name, negated = op.value.name, op.value.negated
            source = _real(state.get(name)) or (default(name),)
            if len(source) == 1 and _on_when_unset(name, source[0]):
                # NOTE: `SECURE_SSL_REDIRECT = not DEBUG` with the flag of `base.py` on
                # when unset: `if DEBUG:` written as an expression, judged as one.
                on, off = (
                    joined_branches(label, f"`{name}`"),
                    joined_branches(label, f"`not {name}`"),
                )
                return (
                    Possibility(not negated, op.location, branch=on),
                    Possibility(negated, op.location, branch=off),
                )
            # NOTE: a value the name has only in some arm (`if flag: STAGING = True`) is
            # the setting's under that arm's condition too.
            return tuple(
                Possibility(
                    _negate(p.value) if negated else p.value,
                    op.location,
                    branch=joined_branches(label, p.branch),
                    unless=tuple(
                        dataclasses.replace(u, value=_negate(u.value) if negated else u.value)
                        for u in p.unless
                    ),
                )
                for p in source
            )
        return (Possibility(op.value, op.location, op.parts, op.credential_urls, label),)

    def _imported(
        self, op: Assign, imported: ImportedValue, label: str, where: _Where
    ) -> tuple[Possibility, ...]:
        """A setting given a constant another module defines: another settings module's
        final value (`from .base import SECRET_KEY`), else the constant read in its
        module (`from myproj.constants import DEFAULT_KEY`; an entry of a dict it binds,
        `DJANGO_CONFIG["secret_key"]`, is read there as that module writes it)."""
        module, _, name = imported.ref.rpartition(".")
        origin, stack = where
        target = self.find(module, origin) if not imported.keys else None
        if target is not None and target != origin:
            found = self.resolve(target, stack).get(name)
            if found:
                return tuple(
                    Possibility(
                        p.value,
                        op.location,
                        branch=joined_branches(label, p.branch),
                        unless=p.unless,
                    )
                    for p in _real(found)
                )
        value = resolve_imported(imported, self.constants, self.modules)
        return (Possibility(value, op.location, branch=label),)

    def _target(self, op: Import, origin: str) -> str | None:
        """The relpath of the settings module `op` reads, None when the tree lacks it."""
        return imported_settings(self.find, op.module, origin)

    def _reads_unseen_module(self, ops: tuple[Op, ...], origin: str) -> bool:
        """Whether `ops` start by star-importing an optional settings module the tree
        lacks (a host's `local.py`, kept out of the repository): whatever follows runs on
        settings no file shows."""
        first = ops[0] if ops else None
        return (
            isinstance(first, Import)
            and first.optional
            and first.names is None
            and not first.of_class
            and not first.module.startswith("django.")
            and self._target(first, origin) is None
            and ("." not in first.module or self.constants(first.module) is None)
        )

    def _import(
        self, op: Import, state: State, label: str, where: _Where, chain: list[str]
    ) -> None:
        origin, stack = where
        target = self._target(op, origin)
        if target is None and op.names is not None and not op.module.startswith("django."):
            self._bind_unread(op, state, label)
            return
        if target is None or target == origin:
            if target is None and op.names is None and self._constants_module(op, state):
                return  # NOTE: a module of constants, read in full
            if op.names is None and not op.optional and not op.module.startswith("django."):
                if label and role_of(op.module) is Role.UNSPECIFIED:
                    self._unseen_in_arm(op, state, label, self._installed(op.module))
                elif self._installed(op.module):
                    # NOTE: a library's settings (DemocracyClub's `dc_utils.settings.
                    # pipeline`): its own settings, not the deployment's critical ones.
                    self.incomplete.add(origin)
                elif not self._lacks_overlay_in_arm(op.module, state, label):
                    # NOTE: a module the site cannot start without, which the tree lacks
                    # (a deployment's `settings_local`).
                    self._set_per_deployment(state, origin)
            return
        imported = self.resolve(target, stack)
        if target in self.incomplete:
            self.incomplete.add(origin)
        chain.extend(self.chain(target))
        for name, possibilities in imported.items():
            if op.names is None or name in op.names:
                state[name] = possibilities

    def _installed(self, dotted: str) -> bool:
        """Whether `dotted` is a module of an installed distribution: a dotted name whose
        top-level package the tree holds nowhere (`from dc_utils.settings.pipeline import
        *`), unlike a bare name a deployment puts on `sys.path` (`settings_local`) or a
        module missing from one of the project's own packages (`mysite.local`)."""
        top, dot, _ = dotted.partition(".")
        return bool(dot) and not any(
            f"/{top}/" in f"/{path}" or path.rpartition("/")[2] == f"{top}.py"
            for path in self.files
        )

    def _bind_unread(self, op: Import, state: State, label: str) -> None:
        """`from .local_settings import SESSION_COOKIE_SECURE` of a module the tree lacks
        (a host's, kept out of the repository): the import binds each name or fails, so
        where it succeeds each is set, to a value no file shows."""
        for name in op.names or ():
            state[name] = (Possibility(UNKNOWN, op.location, branch=label),)

    @staticmethod
    def _unseen_in_arm(op: Import, state: State, label: str, installed: bool) -> None:
        """A star import of a module the tree lacks whose name says nothing of its role,
        which only the undecided arm `label` runs (`if "radius" in AUTHENTICATION_BACKENDS:
        from mysite.radius_config import *`): there it may set any setting. The settings
        each deployment sets for itself that the module gave before are not known in
        that arm (unless the module is an installed package's, `_installed`); what it
        leaves unset may be set there (`UNSEEN`, then `SettingsModule.unseen`), and what
        it sets afterwards, or on the other paths, is what it shows."""
        if not installed:
            for name in _PER_DEPLOYMENT.intersection(state):
                if _real(state[name]):
                    state[name] = (Possibility(UNKNOWN, None, branch=label),)
        when = f"`{op.module}` (not in the tree, star-imported when {label}) sets it"
        mark = Possibility(
            UNKNOWN, op.location, branch=label, unless=(Unless(when, UNKNOWN, op.location),)
        )
        state[UNSEEN] = _unique((*state.get(UNSEEN, ()), mark))

    def _set_per_deployment(self, state: State, origin: str) -> None:
        """Settings the module at `origin` takes from a source the tree lacks (a required
        star import of a deployment's module, a mapping laid over its namespace): it sets
        what each deployment sets, so those are unknown, and any setting it leaves unset
        may be set there."""
        self.incomplete.add(origin)
        for name in _PER_DEPLOYMENT.intersection(state):
            if _real(state[name]):
                state[name] = (Possibility(UNKNOWN, None),)
            else:
                del state[name]

    def _lacks_overlay_in_arm(self, module: str, state: State, label: str) -> bool:
        """Whether a required settings module the tree lacks is a host's or a developer's
        overlay (`local.py`, `development.py`: named for development or tests, kept out
        of the repository) that only one arm of an `if` runs (`else: include("local.py")`
        beside arms for the platforms the project deploys on): then only that arm lacks
        it, and in that arm the settings each host sets for itself are unknown, as for
        a deployment's module (`_set_per_deployment`); what every arm the tree holds
        leaves unset stays Django's default. False (the whole module may lack anything)
        for a module run whatever the conditions, or named otherwise (`production.py`,
        `secrets.py`: a deployment's own settings, which may set any setting)."""
        if not label or not role_of(module).is_development:
            return False
        for name in _PER_DEPLOYMENT:
            state[name] = (Possibility(UNKNOWN, None, branch=label),)
        return True

    def _include(
        self, op: Include, state: State, label: str, where: _Where, chain: list[str]
    ) -> State:
        """The settings after the files an `include()` names run on them, each in turn;
        a required file the tree lacks leaves the module incomplete."""
        origin, stack = where
        if op.run_time:
            return self._include_one_of(op, state, label, where, chain)
        found = matching(op.pattern, self.files | self.facts.keys())
        if not found and not op.optional:
            stem = posixpath.splitext(posixpath.basename(op.pattern))[0]
            if not (_is_name(stem) and self._lacks_overlay_in_arm(stem, state, label)):
                self.incomplete.add(origin)
        for target in found:
            if target in stack or target not in self.facts:
                continue  # NOTE: a file that sets no setting (it writes a credentials file)
            chain.append(target)
            inner = (target, stack | {target})
            state = self._apply(self.facts[target].ops, state, label, inner, chain)
            if target in self.incomplete:
                self.incomplete.add(origin)
        return state

    def _include_one_of(
        self, op: Include, state: State, label: str, where: _Where, chain: list[str]
    ) -> State:
        """The settings after whichever file a run-time path names runs on them: each
        file it may name is an alternative, as the arms of an `if` are."""
        origin, stack = where
        found = chosen_among(op, self.files | self.facts.keys())
        if not found and not op.optional:
            self.incomplete.add(origin)
        arms: list[tuple[State, str]] = []
        for target in found:
            if target in stack or target not in self.facts:
                continue
            chain.append(target)
            arm = f"`{op.run_time} == {posixpath.basename(target)!r}`"
            if op.pattern.startswith("**/"):
                # NOTE: an exec'd path with a run-time folder (`exec_file`): a copy of
                # the tree's file that ends so.
                arm = f"`{op.run_time}` is `{target}`"
            arm = f"{label} and {arm}" if label else arm
            inner = (target, stack | {target})
            arms.append((self._apply(self.facts[target].ops, dict(state), arm, inner, chain), arm))
            if target in self.incomplete:
                self.incomplete.add(origin)
        return _merged(arms) if len(arms) > 1 else arms[0][0] if arms else state

    def _imports_certain(self, condition: Condition, origin: str) -> bool:
        """Whether the modules a `try` star-imports, guarded against `ImportError` only,
        are the tree's and import nothing that may be missing (`certain_imports`), and
        none lies beside the settings module or in a folder above it: there a host's
        override (`local_settings.py`) is left out of a deployment, or put in, by
        convention, even when a copy is in the tree."""
        if self.modules is None:
            return False
        targets = [self._target_of(dotted, origin) for dotted in condition.imports]
        if any(t is None or _beside_or_above(t, origin) for t in targets):
            return False
        return imports_succeed(
            condition.imports,
            origin,
            self._target_of,
            self.modules,
        )

    def _target_of(self, dotted: str, origin: str) -> str | None:
        return imported_settings(self.find, dotted, origin)

    def _constants_module(self, op: Import, state: State) -> bool:
        """`from myproj.config import *` of a project module that is no settings module
        (the app's own constants, read from the environment): every UPPERCASE name it
        binds is known, so each is set as given there and nothing else is; False when
        the module is not the project's, binds names no statement spells out, or is a
        top-level name (`from settings_local import *`), which may name a module of
        another folder than the one found."""
        found = self.constants(op.module) if "." in op.module else None
        if found is None:
            return False
        for name, value in found.items():
            resolved = resolve_imported(value, self.constants, self.modules)
            state[name] = (Possibility(resolved, op.location),)
        return True

    def _class(
        self, op: Import, state: State, label: str, where: _Where, chain: list[str]
    ) -> State:
        """The settings of a class another module defines, which a class of this one
        derives from (nothing when the module or class is not the project's settings)."""
        origin, stack = where
        target = self.find(op.module, origin)
        if target is None or target in stack or target not in self.facts:
            return state
        ops = dict(self.facts[target].classes).get(op.of_class)
        if ops is None:
            return state
        chain.append(target)
        return self._apply(ops, state, label, (target, stack | {target}), chain)

    def _branch(
        self, op: Branch, state: State, label: str, where: _Where, chain: list[str]
    ) -> State:
        condition = op.condition
        truth = condition.truth
        if truth is UNKNOWN and condition.setting is not None:
            found = _real(state.get(condition.setting)) or None
            truth = _setting_truth(found, condition.negated, condition.compared)
            if condition.compared is not None and _development_default(condition, found, truth):
                truth = UNKNOWN
        if truth is UNKNOWN and condition.imports and self._imports_certain(condition, where[0]):
            truth = True  # NOTE: a guarded star import of the tree's that cannot fail
        if isinstance(truth, bool) and condition.unless:
            return self._decided_unless(op, truth, state, label, where, chain)
        if truth is True:
            return self._apply(op.body, state, label, where, chain)
        if truth is False:
            return self._apply(op.orelse, state, label, where, chain)
        if self._reads_unseen_module(op.body, where[0]):
            # NOTE: `try: from .local import * except ImportError: from .base import *`:
            # what the unseen module sets is unknown, not Django's defaults; the settings
            # a checkout runs are the alternative's.
            return self._apply(op.orelse, state, label, where, chain)
        inner = condition.text
        outer = condition.otherwise or f"not ({condition.text})"
        if label:
            inner, outer = f"{label} and {inner}", f"{label} and {outer}"
        taken = self._apply(op.body, dict(state), inner, where, chain)
        skipped = self._apply(op.orelse, dict(state), outer, where, chain)
        return _merged([(taken, inner), (skipped, outer)])

    def _decided_unless(
        self, op: Branch, truth: bool, state: State, label: str, where: _Where, chain: list[str]
    ) -> State:
        """The arm the environment defaults take, each setting the other arm gives a value
        of its own keeping that value as what a deployment setting the variables gets
        (`Possibility.unless`): for a setting left unset, a stand-in carries it."""
        taken, skipped = (op.body, op.orelse) if truth else (op.orelse, op.body)
        before = dict(state)
        was_incomplete = where[0] in self.incomplete
        other = self._apply(skipped, dict(before), label, where, [])
        if not was_incomplete:
            # NOTE: what the skipped arm imports is not what the module runs with.
            self.incomplete.discard(where[0])
        after = self._apply(taken, state, label, where, chain)
        for name, given in other.items():
            real = _real(given)
            if (
                name == UNSEEN
                or given is before.get(name)
                or len(real) != 1
                or real[0].branch != label
            ):
                continue
            unless = Unless(op.condition.unless, real[0].value, real[0].location)
            kept = after.get(name) or (Possibility(UNKNOWN, None, branch=label, stand_in=True),)
            after[name] = tuple(
                dataclasses.replace(p, unless=(*p.unless, unless))
                if p.unless.count(unless) == 0
                else p
                for p in kept
            )
        return after


def _real(possibilities: tuple[Possibility, ...] | None) -> tuple[Possibility, ...]:
    """The possibilities that are values, not stand-ins carrying `unless` alone."""
    return tuple(p for p in possibilities or () if not p.stand_in)


_Where = tuple[str, frozenset[str]]
"""(relpath of the module being applied, modules being resolved: the cycle guard)."""


def _refused(possibility: Possibility, refusal: Refusal) -> Possibility:
    """The possibility after a guard that stops the module on some values: a value read
    from the environment whose default the guard refuses has none (start-up fails
    when the variable is unset)."""
    value = possibility.value
    if isinstance(value, DeployTime) and refusal.refuses(value.if_unset):
        return dataclasses.replace(
            possibility, value=dataclasses.replace(value, if_unset=NO_DEFAULT)
        )
    return possibility


def _on_when_unset(name: str, possibility: Possibility) -> bool:
    """A development flag read from the environment and on when unset, in every branch
    (`DEBUG = env.bool("DJANGO_DEBUG", True)`): deployments turn it off."""
    value = possibility.value
    return (
        not possibility.branch
        and isinstance(value, DeployTime)
        and value.if_unset is True
        and role_of_branch(f"`{name}`").is_development
    )


def _setting_truth(
    possibilities: tuple[Possibility, ...] | None,
    negated: bool,
    compared: Comparison | None = None,
) -> object:
    """Whether the test holds for the one value the setting has (as shipped: with its
    environment variables unset); `UNKNOWN` when it has several or one not known."""
    if possibilities is None or len(possibilities) != 1:
        return UNKNOWN
    value = possibilities[0].shipped
    if not is_known(value):
        return UNKNOWN
    if compared is not None:
        return compared.holds(value)
    return bool(value) != negated


def _development_default(
    condition: Condition, found: tuple[Possibility, ...] | None, truth: object
) -> bool:
    """Whether a comparison decided by a setting read from the environment
    (`ENVIRONMENT = env("ENV", default="development")`, then `if ENVIRONMENT ==
    "development":`) takes a development arm when the variable is unset: a developer's
    machine, which deployments leave by setting it, so both arms are kept (as the
    settings reader does for the variable read in the test itself)."""
    if not isinstance(truth, bool) or not found or not isinstance(found[0].value, DeployTime):
        return False
    taken = condition.text if truth else condition.otherwise
    return role_of_branch(taken).is_development


def _merged(arms: list[tuple[State, str]]) -> State:
    """The settings after one of the arms ran, each arm's state labelled with its
    conditions; a setting no arm changed keeps its possibilities as they were."""
    merged: State = {}
    for name in set().union(*(state.keys() for state, _ in arms)):
        raw = [state.get(name) for state, _ in arms]
        if raw[0] is not None and all(f is raw[0] for f in raw):
            merged[name] = raw[0]
            continue
        found = [_real(f) or None for f in raw]
        if all(f is None for f in found):
            continue  # NOTE: stand-ins of arms alike are kept above; others are dropped
        merged[name] = _unique(
            tuple(
                p
                for (state, label), given in zip(arms, found, strict=True)
                for p in _labelled(given or _left_unset(name), label)
            )
        )
    return merged


def _left_unset(name: str) -> tuple[Possibility, ...]:
    """What an arm that does not set `name` leaves it: Django's default; for `UNSEEN`,
    no star import of a module the tree lacks."""
    return () if name == UNSEEN else (default(name),)


def _labelled(possibilities: tuple[Possibility, ...], label: str) -> tuple[Possibility, ...]:
    return tuple(p if p.branch else dataclasses.replace(p, branch=label) for p in possibilities)


def _unique(possibilities: tuple[Possibility, ...]) -> tuple[Possibility, ...]:
    """One possibility per place and value. The same value from the same place under
    several branches holds whenever any of them does (a value set before `if "X" in env:`
    that the skipped arm keeps, and the taken arm too when its `try` fails): the one kept
    is under a branch that is no development or test one if there is such, then under the
    fewest conditions (`not ('X' in env)` rather than `'X' in env and ... fails`)."""
    seen: dict[tuple[object, str], Possibility] = {}
    for possibility in possibilities:
        key = (possibility.location, repr(possibility.value))
        kept = seen.get(key)
        if kept is None or _branch_rank(possibility.branch) < _branch_rank(kept.branch):
            seen[key] = possibility
    return tuple(seen.values())[:_MAX_POSSIBILITIES]


def _branch_rank(branch: str) -> tuple[bool, int]:
    """How narrow a branch is: a development or test one first, then by its conditions."""
    return role_of_branch(branch).is_development, len(_CONDITION_PART.findall(branch))


def _negate(value: object) -> object:
    if isinstance(value, DeployTime):
        return DeployTime(value.lookups, _negate(value.if_unset))
    return UNKNOWN if not is_known(value) else not value


def _edit(possibility: Possibility, op: Edit, label: str) -> Possibility:
    """The possibility with the edit made under the conditions `label`: the value it
    gives holds only when both its own conditions and the edit's do."""
    value = _edited(possibility.value, op)
    location = possibility.location or op.location
    if op.op == "remove":
        location = op.location
    return Possibility(
        value,
        location,
        possibility.parts + op.parts + _set_part(op),
        possibility.credential_urls + op.credential_urls,
        joined_branches(possibility.branch, label),
        tuple(dataclasses.replace(u, value=_edited(u.value, op)) for u in possibility.unless),
    )


def _set_part(op: Edit) -> tuple[tuple[str, Location], ...]:
    """Where an item set (`DATABASES["default"]["PASSWORD"] = ...`) wrote its key path."""
    return ((".".join(op.keys), op.location),) if op.op == "setitem" and op.keys else ()


_CONDITION_PART = re.compile(r"`[^`]+`(?: succeeds| fails)?")


def joined_branches(branch: str, label: str) -> str:
    """Both branch labels' conditions, each once (a label names every condition of the
    arms it is nested in, so one label often holds the other)."""
    have = _CONDITION_PART.findall(branch)
    more = [part for part in _CONDITION_PART.findall(label) if part not in have]
    if not more:
        return branch
    return " and ".join([*have, *more]) if have else label


def _edited(value: object, op: Edit) -> object:
    if isinstance(value, DeployTime):
        return DeployTime(value.lookups, _edited(value.if_unset, op))
    if op.keys and op.op != "setitem":
        return _edited_item(value, op)
    if op.op in {"setitem", "update"}:
        return _edited_dict(value, op)
    if not isinstance(value, list | tuple):
        return UNKNOWN
    items = list(value)
    if op.op == "extend":
        items += op.items
    elif op.op == "prepend":
        items = list(op.items) + items
    elif op.op == "append":
        items.append(op.items[0])
    elif op.op == "insert":
        items.insert(op.index, op.items[0])
    elif op.items[0] in items:
        items.remove(op.items[0])
    elif not isinstance(op.items[0], str):
        return UNKNOWN
    return tuple(items) if isinstance(value, tuple) else items


def _edited_item(value: object, op: Edit) -> object:
    """The dict `value` with the method of `op` called on its item at `op.keys`
    (`REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"].insert(0, ...)`)."""
    if not isinstance(value, dict):
        return UNKNOWN
    result = dict(value)
    key, rest = op.keys[0], op.keys[1:]
    # NOTE: an item not seen (set by a module webwarden did not read) stays unknown.
    result[key] = _edited(result.get(key, UNKNOWN), dataclasses.replace(op, keys=rest))
    return result


def _edited_dict(value: object, op: Edit) -> object:
    if not isinstance(value, dict):
        return UNKNOWN
    result = dict(value)
    if op.op == "update":
        update = op.items[0]
        return {**result, **update} if isinstance(update, dict) else UNKNOWN
    target = result
    for key in op.keys[:-1]:
        inner = target.get(key)
        if not isinstance(inner, dict):
            return UNKNOWN
        target[key] = dict(inner)
        target = target[key]
    target[op.keys[-1]] = op.items[0]
    return result


_PER_DEPLOYMENT = frozenset({"DEBUG", "ALLOWED_HOSTS", "SECRET_KEY", "DATABASES", "CACHES"})
"""What Django's deployment checklist calls critical settings, which each installation
sets for itself (Review Board's generated `settings_local.py` sets these and no others),
unlike the code's own structure (`MIDDLEWARE`, `INSTALLED_APPS`, cookie settings)."""


def _is_name(stem: str) -> bool:
    """Whether a file name's stem is a module name (no glob pattern)."""
    return stem.isidentifier()


def imported_settings(
    find: Callable[[str, str], str | None], dotted: str, origin: str
) -> str | None:
    """The relpath of the module that `dotted`, imported by the module at `origin`,
    names; None when the tree lacks it, or holds it only in another folder for a bare
    top-level name (`from settings import *`: the deployment's own module, on
    `sys.path` at run time; one found elsewhere is a guess, not read)."""
    target = find(dotted, origin)
    if target is not None and "." not in dotted and not _beside_or_above(target, origin):
        return None
    return target


def _beside_or_above(target: str, origin: str) -> bool:
    """Whether the module at `target` sits in the folder of the one at `origin` or a
    folder above it, where a bare `from settings_local import *` may find it (the
    project's root is on `sys.path`); a `settings_local.py` in some other folder
    (Review Board's build and documentation configurations) is another program's."""
    folder = target.rpartition("/")[0]
    return not folder or origin.startswith(folder + "/")
