"""The entries of the files tools keep their credentials in: `.netrc` (curl, git,
requests, pip), PostgreSQL's `.pgpass`, npm's `.npmrc`, MySQL option files (`.my.cnf`) and
`.htpasswd`. The INI-like ones (`.pypirc`, AWS's `credentials`, `.s3cfg`, `.boto`) are
`ini_entries`', and `.git-credentials` is a list of URLs with their passwords."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.parse.keyvalues import Entry

_NETRC_PASSWORD = re.compile(r"(?:^|\s)(?P<key>password)\s+(?P<value>\S+)")
"""`password <value>` among a `.netrc` file's tokens (`machine h login u password p`),
on one line or several."""
_NPMRC = re.compile(r"^\s*(?P<key>[^\s=#;][^=]*?)\s*=\s*(?P<value>.*?)\s*$")
"""`key = value`, the key a registry's scoped setting (`//npm.example.com/:_authToken`)."""
_NPM_AUTH = "_auth (user:password)"
"""How npm's `_auth` setting is named in an entry: `user:password` in base64, a password
(its own name says no credential)."""


def netrc_entries(text: str) -> Iterator[Entry]:
    """The `password` tokens of a `.netrc` file, outside `macdef` macros."""
    in_macro = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if in_macro:
            in_macro = bool(stripped)  # NOTE: a macro runs to the first empty line
            continue
        if stripped.startswith("#"):
            continue
        if stripped.startswith("macdef"):
            in_macro = True
            continue
        for match in _NETRC_PASSWORD.finditer(line):
            yield Entry(match["key"], match["value"], number, *match.span("value"))


def pgpass_entries(text: str) -> Iterator[Entry]:
    """The password of each `host:port:database:user:password` line of a `.pgpass` file
    (`\\:` and `\\\\` in a field stand for `:` and `\\`)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        starts = _field_starts(line)
        if len(starts) >= 5:
            start = starts[4]
            value = re.sub(r"\\(.)", r"\1", line[start:])
            yield Entry("password", value, number, start, len(line))


def _field_starts(line: str) -> list[int]:
    starts, index = [0], 0
    while index < len(line):
        if line[index] == "\\":
            index += 2
            continue
        if line[index] == ":":
            starts.append(index + 1)
        index += 1
    return starts


def npmrc_entries(text: str) -> Iterator[Entry]:
    """`.npmrc`'s settings by their names without a registry's scope
    (`//registry.npmjs.org/:_authToken=...` as `_authToken`)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("#", ";")):
            continue
        match = _NPMRC.match(line)
        if match is None:
            continue
        setting = match["key"].rpartition(":")[2]
        key = _NPM_AUTH if setting == "_auth" else setting
        yield Entry(key, match["value"], number, *match.span("value"))


_HTPASSWD = re.compile(r"^(?P<user>[^:#\s][^:]*):(?P<hash>\S+)\s*$")
_HASH_SCHEMES = (
    ("$apr1$", "Apache MD5"),
    ("$2y$", "bcrypt"),
    ("$2a$", "bcrypt"),
    ("$2b$", "bcrypt"),
    ("$5$", "SHA-256 crypt"),
    ("$6$", "SHA-512 crypt"),
    ("{SHA}", "unsalted SHA-1"),
    ("{SSHA}", "salted SHA-1"),
    ("{PLAIN}", "plain text"),
)


def htpasswd_entries(text: str) -> Iterator[Entry]:
    """Each `user:hash` line of an `.htpasswd` file, keyed by the user, its value the
    hash's scheme (`bcrypt`, `Apache MD5`, `crypt` for a 13-character DES hash, `plain
    text` for nginx's `{PLAIN}` or a value no scheme names)."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HTPASSWD.match(line)
        if match is None:
            continue
        hashed = match["hash"]
        scheme = next((name for prefix, name in _HASH_SCHEMES if hashed.startswith(prefix)), "")
        if not scheme:
            scheme = "crypt" if re.fullmatch(r"[./0-9A-Za-z]{13}", hashed) else "plain text"
        yield Entry(match["user"], scheme, number, *match.span("hash"))


_SECTION = re.compile(r"^\s*\[(?P<name>[^\]]+)\]")
_MYSQL_GROUP = re.compile(
    r"^(client|mysql|mariadb|mysqld|mysqladmin|mysqldump)([-_][\w-]*)?$|^\w+-server$"
)
"""The option groups MySQL and MariaDB clients and servers read (`[client]`, `[mysql]`,
`[mysqldump]`, `[client-server]`, `[mariadb-client]`): not an OpenSSL configuration's
sections, also kept in `.cnf` files."""
_MYSQL_OPTION = re.compile(r"^\s*(?P<key>password|passwd)\s*=\s*(?P<value>.*?)\s*$")


def mysql_option_entries(text: str) -> Iterator[Entry]:
    """The `password` (or `passwd`) options of a MySQL option file (`.my.cnf`) in the
    groups MySQL's programs read."""
    in_group = False
    for number, line in enumerate(text.splitlines(), start=1):
        section = _SECTION.match(line)
        if section is not None:
            in_group = _MYSQL_GROUP.match(section["name"].strip().lower()) is not None
            continue
        match = _MYSQL_OPTION.match(line) if in_group else None
        if match is not None:
            value, start = match["value"], match.start("value")
            if value[:1] in {"'", '"'} and value[-1:] == value[:1] and len(value) > 1:
                value, start = value[1:-1], start + 1
            yield Entry("password", value, number, start, start + len(value))
