"""What discovery hands on: the files of the project, each with its kind."""

from __future__ import annotations

import enum
import fnmatch
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from webwarden.pickling import fast_pickling


class FileKind(enum.StrEnum):
    """What webwarden does with a file."""

    PYTHON = "python"
    TEMPLATE = "template"
    TEXT = "text"
    """Configuration-like text: .env, YAML, TOML, INI, requirements and lock files, ..."""
    OTHER = "other"
    """Listed for completeness; no rule reads it."""


_PYTHON_SUFFIXES = frozenset({".py", ".pyw"})
_TEMPLATE_SUFFIXES = frozenset({".html", ".htm", ".jinja", ".jinja2", ".j2", ".djhtml", ".xhtml"})
_KEY_COPIES = ("default", "example", "sample", "dist", "orig", "bak", "old")
KEY_FILE_PATTERNS = (
    *("*.key", "*.pem", "*.p8", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"),
    *(f"*.{kind}.{copy}" for kind in ("key", "pem") for copy in _KEY_COPIES),
)
"""Where private keys are kept: TLS keys (`server.key`, `privkey.pem`), PKCS #8 keys
(`AuthKey_X.p8`) and OpenSSH's default key names; and a key file under a name to be copied
into place (`tls.key.default`, `server.pem.example`) or kept as a copy (`server.key.bak`),
which holds a key all the same."""
CREDENTIAL_STORE_PATTERNS = (
    ".netrc",
    "_netrc",
    ".pgpass",
    ".npmrc",
    ".pypirc",
    "credentials",
    ".s3cfg",
    ".boto",
    "*.cnf",
    ".git-credentials",
    "*htpasswd",
    "*htpassword",
)
"""The files tools keep credentials in: `.netrc`, PostgreSQL's `.pgpass`, npm's `.npmrc`,
twine's `.pypirc`, AWS's shared `credentials`, s3cmd's and boto's configurations, MySQL
option files (`.my.cnf`), git's credential store and `.htpasswd` (or `htpassword`)."""
ENTRYPOINT_SCRIPTS = ("entrypoint", "docker-entrypoint")
"""Shell scripts images start their containers with, kept without an extension (`COPY
entrypoint /`, `ENTRYPOINT ["/entrypoint"]`): read as text, as `*.sh` files are."""
_TEXT_PATTERNS = (
    ".env",
    ".env.*",
    ".env_*",
    ".env-*",
    "*.env",
    "*.env.*",
    "*_env",
    "*-env",
    "env.list",
    "env.example",
    "env.sample",
    ".flaskenv",
    "*.toml",
    "*.ini",
    "*.cfg",
    "*.yaml",
    "*.yml",
    "*.json",
    "requirements*.txt",
    "*requirements.txt",
    "constraints*.txt",
    "*.lock",
    "Pipfile",
    "Procfile",
    "Dockerfile",
    "*.dockerfile",
    "Dockerfile.*",
    "Dockerfile-*",
    "*.Dockerfile",
    "Containerfile",
    "Containerfile.*",
    "*.config",
    "*.conf",
    "*.nginx",
    "Caddyfile",
    "Caddyfile.*",
    "Caddyfile-*",
    "Caddyfile_*",
    "*.caddyfile",
    "*.Caddyfile",
    "*.tf",
    "*.service",
    "*.sh",
    "*.bash",
    *ENTRYPOINT_SCRIPTS,
    *KEY_FILE_PATTERNS,
    *CREDENTIAL_STORE_PATTERNS,
)


_PYTHON_VARIANT = re.compile(
    r"\.py\.[a-z0-9_-]*(prod|live|stag|deploy|dev|local|example|sample|dist|default|docker"
    r"|heroku|server|postgres|mysql|sqlite|template)[a-z0-9_-]*$",
    re.IGNORECASE,
)
"""A Python module kept under a name Python does not import, to be copied into place:
`settings.py.prod`, `local_settings.py.example`, `config.py.dist`, `settings.py.template`
(which an install script copies to `settings.py`). What a deployment gets is
in it (a production settings file's `ALLOWED_HOSTS`, a shipped key), so it is read as
Python. Not `script.py.mako` or `models.py.jinja2`, templates of code, nor `.bak`/`.orig`
copies of a module already read."""
_TEXT_NAME = re.compile("|".join(fnmatch.translate(pattern) for pattern in _TEXT_PATTERNS))
"""The text patterns as one expression (each one is matched case-sensitively)."""


def _suffix(name: str) -> str:
    """`PurePosixPath(name).suffix`, without making a path."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


SETTINGS_FRAGMENT_SUFFIX = ".conf"
"""The files of a `settings` folder that a settings module runs with `exec` in its own
namespace, in sorted order (`10-base.conf`, `20-production.conf`): the split settings of
Django's wiki (Transifex's layout). Python, read as such; a file there that does not parse
as Python is read as text (see `webwarden.engine.files`)."""


@functools.lru_cache(maxsize=4096)
def _kind_by_name(
    name: str, in_templates: bool, in_requirements: bool, in_settings: bool = False
) -> FileKind:
    suffix = _suffix(name).lower()
    if suffix in _PYTHON_SUFFIXES or _PYTHON_VARIANT.search(name):
        return FileKind.PYTHON
    if in_settings and suffix == SETTINGS_FRAGMENT_SUFFIX:
        return FileKind.PYTHON
    if suffix in _TEMPLATE_SUFFIXES or (suffix == ".txt" and in_templates):
        return FileKind.TEMPLATE
    if _TEXT_NAME.match(name):
        return FileKind.TEXT
    if in_requirements and suffix in {".txt", ".in"}:
        return FileKind.TEXT
    return FileKind.OTHER


def classify(name: str, parent_parts: tuple[str, ...] = ()) -> FileKind:
    """The kind of a file from its name (and, for templates and a settings folder's
    `.conf` files, its folders)."""
    return _kind_by_name(
        name,
        "templates" in parent_parts,
        "requirements" in parent_parts,
        bool(parent_parts) and parent_parts[-1] == "settings",
    )


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file found by discovery."""

    abspath: str
    """Absolute path (symlinks not resolved, so it reads as the user sees it)."""
    relpath: str
    """POSIX path relative to the project root, as shown in reports."""
    kind: FileKind
    size: int
    mtime_ns: int = 0
    """When discovery saw it modified (0: not known); with `size` and `inode`, how the
    caches tell an unchanged file without reading it."""
    inode: int = 0

    @property
    def path(self) -> Path:
        """`abspath` as a `Path`.

        NOTE: made on each use, not by discovery: building a `Path` per file was a third
        of a warm run's walk, and most files found are never opened.
        """
        return Path(self.abspath)

    @property
    def name(self) -> str:
        """The file's name."""
        return self.relpath.rpartition("/")[2]

    @property
    def stats(self) -> tuple[int, int, int]:
        """(size, modification time, inode): what tells the file unchanged unread, while
        `mtime_ns` is known."""
        return (self.size, self.mtime_ns, self.inode)


@dataclass(frozen=True, slots=True)
class Problem:
    """A path discovery could not list or read; reported as a WW000 finding."""

    relpath: str
    reason: str


fast_pickling(globals())
