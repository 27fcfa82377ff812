"""The project-wide model handed to `ProjectRule`s, built from per-file summaries.

Per-file work produces small, picklable `ModuleSummary` objects (never trees), so it can
run in worker processes and be cached by content hash; the project model is assembled
from them. Framework models (Django, Flask) hang off `ProjectModel` as they are built.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from webwarden.discover import SourceFile
from webwarden.discover.repository import Repository
from webwarden.model.facts import Facts
from webwarden.model.platform_redirects import (
    is_platform_manifest,
    platform_redirects,
    platform_sends_hsts,
)
from webwarden.model.server_headers import (
    denies_framing,
    sends_hsts,
    server_config_text,
    server_headers,
)
from webwarden.model.server_redirects import redirects_to_https, serves_https_only

if TYPE_CHECKING:
    from packaging.version import Version

    from webwarden.analysis.taint import Kept
    from webwarden.analysis.taint.engine import Flow
    from webwarden.analysis.writes import StateChanges
    from webwarden.model.compose_files import ComposeFile
    from webwarden.model.compose_logins import ComposeLogin
    from webwarden.model.django import DjangoProject
    from webwarden.model.flask.app import FlaskModel
    from webwarden.model.module import FileContext
    from webwarden.model.templates.build import TemplateModel


@dataclass(slots=True)
class ModuleSummary:
    """What the project model needs to know of one Python module."""

    relpath: str
    module: str
    is_test: bool
    frameworks: frozenset[str]
    imports: dict[str, str]
    """Local name -> qualified name for every name the module imports."""
    facts: Facts = field(default_factory=Facts)
    """Per-file facts by extractor name (picklable values), for the framework models."""
    stars: tuple[str, ...] = ()
    """The modules it star-imports (`from .helpers import *`), absolute, in order."""
    star_names: frozenset[str] = frozenset()
    """The names it reads that only those star imports can have bound."""
    exports: tuple[str, ...] = ()
    """The public names its module-level statements bind."""
    declared_all: tuple[str, ...] | None = None
    """The names of its literal `__all__` (None: it gives none webwarden can read)."""


def import_precedence(summary: ModuleSummary) -> tuple[bool, bool, str]:
    """Sort key of the project's modules such that, of files naming the same module,
    the one `import` finds comes first: code before tests, and a package's `__init__.py`
    before a module file beside it of the same name (`app/__init__.py`, not the script
    `app.py` next to the `app/` folder: Python's finder looks for the package first)."""
    return (summary.is_test, posixpath.basename(summary.relpath) != "__init__.py", summary.relpath)


def module_files(modules: Mapping[str, ModuleSummary]) -> dict[str, str]:
    """Module name -> the relpath of the file of `modules` that `import` finds for it
    (`import_precedence`), when several files name the same module."""
    found: dict[str, str] = {}
    for relpath in sorted(modules, key=lambda r: import_precedence(modules[r])):
        found.setdefault(modules[relpath].module, relpath)
    return found


_MARKERS = frozenset(
    {"manage.py", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "Pipfile"}
)


_MAX_SERVER_CONFIG = 1 << 20
"""Larger files are no web server configuration worth reading."""


def _server_text(file: SourceFile) -> str | None:
    if file.size > _MAX_SERVER_CONFIG:
        return None
    try:
        return Path(file.abspath).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


_Front = tuple[str, str | None]
"""An application fronted by a server configuration, and the Django project holding the
configuration (`ProjectModel._django_scope`)."""


def _front_text(file: SourceFile) -> str | None:
    """The text of a web server configuration or of a platform manifest in front of the
    app, else None."""
    if is_platform_manifest(file.relpath):
        return _server_text(file)
    return server_config_text(file.relpath, partial(_server_text, file))


def _redirects(relpath: str, text: str) -> bool:
    return redirects_to_https(text) or serves_https_only(text) or platform_redirects(relpath, text)


def _denies_framing(relpath: str, text: str) -> bool:
    return any(denies_framing(header) for header in server_headers(relpath, text))


def _sends_hsts(relpath: str, text: str) -> bool:
    if platform_sends_hsts(relpath, text):
        return True
    return any(sends_hsts(header) for header in server_headers(relpath, text))


def _application_roots(files: list[SourceFile]) -> frozenset[str]:
    """The folders holding a project marker. A `setup.py` beside an `__init__.py` is a
    module of that package (a first-run setup view, `pkg.handlers.setup`), not one; a
    marker in a subpackage of an application is that application's file (see
    `_subpackage_of_application`)."""
    packages = {
        posixpath.dirname(f.relpath)
        for f in files
        if posixpath.basename(f.relpath) == "__init__.py"
    }
    marked: dict[str, set[str]] = {}
    for file in files:
        folder, name = posixpath.split(file.relpath)
        if name in _MARKERS and not (name == "setup.py" and folder in packages):
            marked.setdefault(folder, set()).add(name)
    return frozenset(
        folder for folder in marked if not _subpackage_of_application(folder, packages, marked)
    )


def _subpackage_of_application(
    folder: str, packages: set[str], marked: dict[str, set[str]]
) -> bool:
    """Whether `folder` is a package importable from an enclosing marked folder: the
    packages above it unbroken up to a folder that holds `manage.py` (the import root
    Django runs from) or is a package itself. A `requirements.txt` in the settings
    package beside `manage.py` lists that project's dependencies; it starts no second
    application. A package folder under a plain `pyproject.toml` (a repository of
    several apps) stays one of its own."""
    while folder and folder in packages:
        folder = posixpath.dirname(folder)
        names = marked.get(folder)
        if names is not None and ("manage.py" in names or folder in packages):
            return True
    return False


@dataclass(slots=True)
class ProjectModel:
    """Everything project rules may judge."""

    root: Path
    files: list[SourceFile]
    modules: dict[str, ModuleSummary] = field(default_factory=dict)
    """Module summaries by relative path."""
    django: DjangoProject | None = None
    """The Django model (settings, routes, views), when the project has Django parts."""
    flask: FlaskModel | None = None
    """The Flask apps of the project (None when it makes none)."""
    repository: Repository | None = None
    """The project's dotenv files and what git says of them (when a rule needs it)."""
    templates: TemplateModel | None = None
    """Templates, their folders and the views that render them (None: none found)."""
    options: dict[str, object] = field(default_factory=dict)
    """The subsystem tables of the configuration (`Config.extra`, e.g. `taint`)."""
    memo: dict[object, object] = field(default_factory=dict)
    """Answers a rule works out once per project, under a key of its own."""
    taint: list[Flow] | None = None
    """Request data reaching sinks; computed on first use by the taint rules."""
    taint_kept: Kept | None = None
    """The project index the taint analysis made, for the write analysis to reuse."""
    state_changes: StateChanges | None = None
    """What the project's functions write; made on first use (`analysis.writes`)."""
    read_module: Callable[[str], FileContext | None] | None = None
    """The project's module of a qualified name, parsed (`ModuleConstants.context`); None
    where the project step did not set it."""
    _application_roots: frozenset[str] | None = field(default=None, repr=False)
    _redirecting: frozenset[_Front] | None = field(default=None, repr=False)
    _hsts: frozenset[_Front] | None = field(default=None, repr=False)
    _framing_denied: frozenset[_Front] | None = field(default=None, repr=False)
    _server_texts: list[tuple[str, str]] | None = field(default=None, repr=False)
    """The web server configurations shipped with the project (relpath, text), read once."""
    _manage_folders: frozenset[str] | None = field(default=None, repr=False)
    _lowest: dict[tuple[str, str], Version | None] = field(default_factory=dict, repr=False)
    _below: dict[tuple[str, str, str], bool] = field(default_factory=dict, repr=False)
    _declaring: list[SourceFile] | None = field(default=None, repr=False)
    _python: dict[str, Version | None] = field(default_factory=dict, repr=False)
    _mysql: dict[str, bool] = field(default_factory=dict, repr=False)
    _composes: list[ComposeFile] | None = field(default=None, repr=False)
    _compose_logins: frozenset[str] | None = field(default=None, repr=False)
    _logins: tuple[ComposeLogin, ...] | None = field(default=None, repr=False)
    _realm_secrets: frozenset[str] | None = field(default=None, repr=False)
    _compose_envs: dict[str, tuple[tuple[str, str], ...]] | None = field(default=None, repr=False)
    _fail2ban: frozenset[str] | None = field(default=None, repr=False)
    _csrf_header_script: str | None = field(default=None, repr=False)
    _local_folders: dict[str, bool] = field(default_factory=dict, repr=False)

    def compose_files(self) -> list[ComposeFile]:
        """The project's compose files, read and parsed once (see
        `webwarden.model.compose_files`)."""
        if self._composes is None:
            from webwarden.model.compose_files import parsed_compose_files

            self._composes = parsed_compose_files(self.files)
        return self._composes

    def compose_login_hosts(self) -> frozenset[str]:
        """The compose services (by name and `container_name:`, lower case) that create
        their database with a password of the compose file (see
        `webwarden.model.compose_logins`)."""
        if self._compose_logins is None:
            from webwarden.model.compose_logins import compose_login_hosts

            self._compose_logins = compose_login_hosts(self.compose_files())
        return self._compose_logins

    def compose_logins(self) -> tuple[ComposeLogin, ...]:
        """The database containers the project's compose files start with a password
        they write (see `webwarden.model.compose_logins`)."""
        if self._logins is None:
            from webwarden.model.compose_logins import compose_logins

            self._logins = compose_logins(self.compose_files())
        return self._logins

    def gives_realm_secret(self, relpath: str, line: int) -> bool:
        """Whether the line of the file at `relpath` holds a client secret of one of the
        project's development identity realms (see `webwarden.model.realms`)."""
        from webwarden.model.realms import development_realm_secrets

        if self._realm_secrets is None:
            self._realm_secrets = development_realm_secrets(self.files)
        if not self._realm_secrets:
            return False
        text = self.line_of(relpath, line)
        return any(secret in text for secret in self._realm_secrets)

    def line_of(self, relpath: str, line: int) -> str:
        """The text of line `line` (from 1) of the project's file at `relpath` ("" when it
        cannot be read): what a finding's rule reads of a file it was not handed, such
        as a configuration file's line naming a database."""
        from webwarden.model.realms import line_of

        return line_of(self.root / relpath, line)

    def compose_env_readers(self, relpath: str) -> tuple[tuple[str, str], ...]:
        """(relpath, text) of each compose file naming the env file at `relpath` in a
        service's `env_file:` (see `webwarden.model.compose_env_files`)."""
        if self._compose_envs is None:
            from webwarden.model.compose_env_files import compose_env_readers

            self._compose_envs = compose_env_readers(self.compose_files())
        return self._compose_envs.get(relpath, ())

    def local_environment(self, folder: str) -> bool:
        """Whether the values files of the folder at `folder` (relative to the root)
        serve the app under a host only the developer's machine answers to (see
        `webwarden.model.local_clusters`); asked once per folder."""
        if folder not in self._local_folders:
            from webwarden.model.local_clusters import serves_loopback_host

            self._local_folders[folder] = serves_loopback_host(self.root / folder)
        return self._local_folders[folder]

    def fail2ban_throttled(self, application: str) -> bool:
        """Whether a fail2ban jail shipped with the project bans clients for a failed-login
        line the code of `application` writes (see `webwarden.model.fail2ban`)."""
        if self._fail2ban is None:
            from webwarden.model.fail2ban import watched_lines, writers

            lines = watched_lines(self.files)
            written = writers(self.files, lines) if lines else []
            self._fail2ban = frozenset(self.application_of(relpath) for relpath in written)
        return application in self._fail2ban

    def csrf_header_script(self) -> str:
        """The relpath of the project's script that sends the CSRF token in a header with
        every request a script library makes; "" when none does (see
        `webwarden.model.templates.script_tokens`). Read on first use: only a form posting
        without a token asks."""
        if self._csrf_header_script is None:
            from webwarden.model.templates.script_tokens import csrf_header_script

            self._csrf_header_script = csrf_header_script(self.root, self.files)
        return self._csrf_header_script

    def mysql_possible(self, relpath: str) -> bool:
        """Whether the application holding `relpath` may connect to MySQL (see
        `webwarden.model.mysql_use`)."""
        folder = self.application_of(relpath)
        if folder not in self._mysql:
            from webwarden.model.mysql_use import mysql_possible

            inside = f"{folder}/" if folder else ""
            imports = (
                name
                for summary in self.modules.values()
                if summary.relpath.startswith(inside)
                for name in summary.imports.values()
            )
            self._mysql[folder] = mysql_possible(self.files, imports, folder)
        return self._mysql[folder]

    def lowest_allowed(self, package: str, relpath: str) -> Version | None:
        """The lowest version of `package` the requirement files of the application
        holding `relpath` allow (None: not known)."""
        folder = self.application_of(relpath)
        key = (package, folder)
        if key not in self._lowest:
            # NOTE: imported here: it imports `packaging`, slow to import and seldom needed
            from webwarden.model.declared_versions import lowest_allowed

            self._lowest[key] = lowest_allowed(self._version_files(), folder, package)
        return self._lowest[key]

    def _version_files(self) -> list[SourceFile]:
        if self._declaring is None:
            from webwarden.model.declared_versions import version_files  # NOTE: see above

            self._declaring = version_files(self.files)
        return self._declaring

    def runs_below(self, package: str, relpath: str, version: str) -> bool:
        """Whether the requirement (and lock) files of the application holding `relpath`
        allow only releases of `package` older than `version` (`Django==2.2.28`: Django's
        defaults of that release apply, not today's)."""
        from webwarden.model.declared_versions import allows_only_below  # NOTE: see above

        folder = self.application_of(relpath)
        key = (package, folder, version)
        if key not in self._below:
            self._below[key] = allows_only_below(self._version_files(), folder, package, version)
        return self._below[key]

    def requires_at_least(self, package: str, relpath: str, version: str) -> bool:
        """Whether the requirement (and lock) files of the application holding `relpath`
        allow no `package` older than `version` (`lxml` 5.0, whose default parser resolves
        no external entity)."""
        lowest = self.lowest_allowed(package, relpath)
        if lowest is None:
            return False
        from packaging.version import Version  # NOTE: see `lowest_allowed`

        return lowest >= Version(version)

    def python_at_least(self, relpath: str, version: str) -> bool:
        """Whether the package metadata of the application holding `relpath` requires
        Python `version` or later (`requires-python = ">=3.14"`; see
        `webwarden.model.python_floor`)."""
        folder = self.application_of(relpath)
        if folder not in self._python:
            from webwarden.model.python_floor import lowest_python  # NOTE: see `lowest_allowed`

            self._python[folder] = lowest_python(self.files, folder)
        lowest = self._python[folder]
        if lowest is None:
            return False
        from packaging.version import Version  # NOTE: see `lowest_allowed`

        return lowest >= Version(version)

    def application_of(self, relpath: str) -> str:
        """The folder of the application `relpath` belongs to: the nearest folder above it
        holding a project marker (manage.py, pyproject.toml, setup.py/cfg, requirements);
        "" when none does. Lets "anywhere in the app" checks keep apps scanned together
        apart."""
        if self._application_roots is None:
            # NOTE: worked out once per scan; rules ask for every module they judge.
            self._application_roots = _application_roots(self.files)
        roots = self._application_roots
        directory = posixpath.dirname(relpath)
        while directory:
            if directory in roots:
                return directory
            directory = posixpath.dirname(directory)
        return ""

    def https_redirected(self, relpath: str) -> bool:
        """Whether a web server configuration of the application holding `relpath` (an
        nginx or Apache file shipped with it, or a platform manifest: `platform_redirects`)
        redirects every plain-HTTP request to HTTPS (see `server_redirects`), or one of a folder enclosing that application
        that is no Django project itself: the `deploy/` folder of a repository fronts the
        app in its `api/` folder, while a project beside another is judged apart."""
        if self._redirecting is None:
            self._redirecting = self._applications_whose_server(_redirects)
        return self._fronted(relpath, self._redirecting)

    def hsts_at_proxy(self, relpath: str) -> bool:
        """Whether a web server configuration of the application holding `relpath` (or of
        an enclosing folder, as for `https_redirected`) sends `Strict-Transport-Security`
        with a max-age above zero (nginx's `add_header`, Apache's `Header set`), or an
        ingress-nginx `Ingress` with TLS does (`platform_sends_hsts`)."""
        if self._hsts is None:
            self._hsts = self._applications_whose_server(_sends_hsts)
        return self._fronted(relpath, self._hsts)

    def framing_denied_at_proxy(self, relpath: str) -> bool:
        """Whether a web server configuration of the application holding `relpath` (or of
        an enclosing folder, as for `https_redirected`) sends `X-Frame-Options: DENY` or
        `SAMEORIGIN`, or a CSP whose `frame-ancestors` is not `*` (`denies_framing`)."""
        if self._framing_denied is None:
            self._framing_denied = self._applications_whose_server(_denies_framing)
        return self._fronted(relpath, self._framing_denied)

    def _applications_whose_server(self, does: Callable[[str, str], bool]) -> frozenset[_Front]:
        """The applications with a server configuration whose text `does` (relpath, text),
        each with the Django project holding that configuration (`_django_scope`)."""
        if self._server_texts is None:
            self._server_texts = [
                (file.relpath, text)
                for file in self.files
                if (text := _front_text(file)) is not None
            ]
        return frozenset(
            (self.application_of(relpath), self._django_scope(relpath))
            for relpath, text in self._server_texts
            if does(relpath, text)
        )

    def _django_scope(self, relpath: str) -> str | None:
        """The nearest folder at or above the file holding a `manage.py` (a Django project
        of its own, "" for the root); None when no folder does."""
        if self._manage_folders is None:
            self._manage_folders = frozenset(
                posixpath.dirname(file.relpath)
                for file in self.files
                if posixpath.basename(file.relpath) == "manage.py"
            )
        directory = posixpath.dirname(relpath)
        while True:
            if directory in self._manage_folders:
                return directory
            if not directory:
                return None
            directory = posixpath.dirname(directory)

    def _fronted(self, relpath: str, fronts: frozenset[_Front]) -> bool:
        # NOTE: a configuration inside a Django project of its own (`standalone/` with
        # its `manage.py` and `Caddyfile`, a package of the repository's project) fronts
        # that project's settings, not those of the project around it or beside it.
        applications = {
            application
            for application, scope in fronts
            if not scope or relpath.startswith(scope + "/")
        }
        application = self.application_of(relpath)
        if application in applications:
            return True
        while application:
            application = self.application_of(application)
            if application in applications and not self._django_root(application):
                return True
        return False

    def _django_root(self, folder: str) -> bool:
        manage = posixpath.join(folder, "manage.py")
        return any(file.relpath == manage for file in self.files)

    def modules_named(self, dotted: str) -> ModuleSummary | None:
        """The module with this dotted name, if the project has it; else the one module
        a folder without `__init__.py` holds under that path (`utils/request_utils.py`
        beside `manage.py`, named `request_utils` from its stem: Python imports such a
        namespace folder as `utils`, PEP 420)."""
        for summary in self.modules.values():
            if summary.module == dotted:
                return summary
        if "." not in dotted:
            return None
        tail = "/" + dotted.replace(".", "/") + ".py"
        stem = dotted.rpartition(".")[2]
        found = [
            summary
            for relpath, summary in self.modules.items()
            if summary.module == stem and ("/" + relpath).endswith(tail)
        ]
        return found[0] if len(found) == 1 else None

    @property
    def frameworks(self) -> frozenset[str]:
        """The frameworks any non-test module of the project imports."""
        found: set[str] = set()
        for summary in self.modules.values():
            if not summary.is_test:
                found |= summary.frameworks
        return frozenset(found)
