"""Whether an application may talk to MySQL (or MariaDB).

Quotes doubled by hand are the SQL standard's escape; only MySQL also reads a backslash
before a quote as an escape, which defeats it. An application whose dependency files
name every package it installs, none of them a MySQL driver, and none of whose modules
imports one cannot reach MySQL: its hand-quoted literals hold. An application that
declares no dependencies says nothing, and may.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from webwarden.discover import SourceFile

_DEPENDENCY_FILE = re.compile(
    r"[\w.-]*requirements[\w.-]*\.(?:txt|in)|pyproject\.toml|setup\.(?:py|cfg)|Pipfile"
    r"|environment\.ya?ml"
)
_DEPLOYMENT_FILE = re.compile(r"(?:Dockerfile|Containerfile)[\w.-]*|[\w.-]*compose[\w.-]*\.ya?ml")
"""Files that may install or run a database the dependency files do not name (`pip
install mysqlclient` in a Dockerfile, a `mariadb` service): read wherever they are."""
_REQUIREMENTS_FOLDERS = frozenset({"requirements", "reqs", "deps"})
_MYSQL = re.compile(r"mysql|mariadb", re.IGNORECASE)
_DRIVER_MODULES = frozenset(
    {"MySQLdb", "pymysql", "mysql", "aiomysql", "asyncmy", "mariadb", "cymysql", "oursql"}
    | {"django_mysql", "mysqlx"}
)
_MAX_DEPENDENCY_FILE = 1 << 20


def mysql_possible(files: Iterable[SourceFile], imports: Iterable[str], folder: str) -> bool:
    """Whether the application in `folder` may connect to MySQL: it declares no
    dependencies in a file webwarden reads, one of them names MySQL or MariaDB (a driver,
    `django-mysql`, an extra such as `sqlalchemy[mysql]`), or one of its modules imports
    a driver (`imports`: the qualified names its modules import), or a Dockerfile or
    compose file of the project names MySQL or MariaDB."""
    if any(name.split(".", 1)[0] in _DRIVER_MODULES for name in imports):
        return True
    declared = False
    for file in files:
        dependencies = _dependency_file(file.relpath, folder)
        if not (dependencies or _DEPLOYMENT_FILE.fullmatch(posixpath.basename(file.relpath))):
            continue
        text = _read(file)
        if _MYSQL.search(text):
            return True
        declared = declared or (dependencies and bool(text.strip()))
    return not declared


def _dependency_file(relpath: str, folder: str) -> bool:
    where, name = posixpath.split(relpath)
    if where == folder:
        return _DEPENDENCY_FILE.fullmatch(name) is not None
    parent, last = posixpath.split(where)
    return parent == folder and last in _REQUIREMENTS_FOLDERS and name.endswith((".txt", ".in"))


def _read(file: SourceFile) -> str:
    try:
        with Path(file.abspath).open(encoding="utf-8", errors="replace") as handle:
            return handle.read(_MAX_DEPENDENCY_FILE)
    except OSError:
        return ""
