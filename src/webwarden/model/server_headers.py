"""Response headers that a web server configuration shipped with the project sets in
front of the app: nginx's `add_header`, Apache's `Header set` (`*.conf` files, templates
of them too, as deployment roles keep them)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from webwarden.findings import Location
from webwarden.model.hsts_syntax import hsts_problem

_NGINX = re.compile(
    r"""^\s*add_header\s+(["']?)(?P<name>[A-Za-z0-9-]+)\1\s+"""
    r"""(?P<value>"[^"]*"|'[^']*'|[^;\s]+)[^;]*;""",
    re.MULTILINE,
)
_APACHE = re.compile(
    r"""^\s*Header\s+(?:(?:always|onsuccess)\s+)?(?:set|add|append|merge)\s+"""
    r"""(["']?)(?P<name>[A-Za-z0-9-]+)\1\s+(?P<value>.+?)\s*$""",
    re.MULTILINE | re.IGNORECASE,
)
_SERVER_CONFIG_SUFFIXES = (
    ".conf",
    ".conf.j2",
    ".conf.jinja",
    ".conf.tmpl",
    ".conf.template",
    # NOTE: `.jnj`, a Jinja template's suffix some projects use (`nginx.conf.jnj`
    # rendered by the container's start-up script)
    ".conf.jnj",
    # NOTE: a site's file named for its server, as shipped to copy into `sites-available/`
    # (`deploy/nginx/shop.nginx`)
    ".nginx",
    ".nginx.j2",
    ".nginx.template",
)


@dataclass(frozen=True, slots=True)
class ServerHeader:
    """One header a server configuration sets on the responses it passes on."""

    name: str
    """Lower-cased (`x-frame-options`)."""
    value: str
    """As written, quotes removed (`DENY`, `frame-ancestors 'none'`)."""
    location: Location


_SERVER_TEMPLATE = re.compile(r"(^|/)(nginx|apache2?|httpd)[\w.-]*\.(template|tmpl|j2|jnj|jinja)$")
"""A template of one named for its server (`nginx.template`, `apache-site.j2`)."""


def is_server_config(relpath: str) -> bool:
    """Whether the file's name is that of an nginx or Apache configuration file."""
    lowered = relpath.lower()
    return lowered.endswith(_SERVER_CONFIG_SUFFIXES) or bool(_SERVER_TEMPLATE.search(lowered))


_TEMPLATE_SUFFIXES = (".j2", ".jnj", ".jinja", ".jinja2", ".tmpl", ".template")
_SITE_FOLDERS = frozenset(
    {"nginx", "sites-available", "sites-enabled", "conf.d", "apache", "apache2", "httpd"}
)


def _site_file(relpath: str) -> bool:
    """A file without a suffix in a folder named for a web server's sites (`nginx/shop`)."""
    folder, _, name = relpath.rpartition("/")
    return "." not in name and folder.rpartition("/")[2].lower() in _SITE_FOLDERS


_NGINX_SERVER = re.compile(r"^\s*server\s*\{", re.MULTILINE)
_NGINX_SITE = re.compile(r"^\s*(?:listen|server_name)\s+[^\s;]", re.MULTILINE)
_APACHE_HOST = re.compile(r"^\s*<VirtualHost\s", re.MULTILINE | re.IGNORECASE)


def server_config_text(relpath: str, read: Callable[[], str | None]) -> str | None:
    """The text of a web server configuration shipped with the project: a file named as
    one (`is_server_config`), or a template of another name whose text is one, an nginx
    `server {` block with its `listen` or `server_name`, or an Apache `<VirtualHost>`
    (an Ansible role's `templates/shop.j2` that its task copies to
    `/etc/nginx/sites-available/shop`), or such a site file itself, named without a
    suffix as Debian's layout names them, in a folder named for the server
    (`deployment/nginx/shop`, `sites-available/shop`); None for any other file (`read`
    gives the text)."""
    if is_server_config(relpath):
        return read()
    if not (relpath.lower().endswith(_TEMPLATE_SUFFIXES) or _site_file(relpath)):
        return None
    text = read()
    if text is None:
        return None
    nginx = _NGINX_SERVER.search(text) is not None and _NGINX_SITE.search(text) is not None
    return text if nginx or _APACHE_HOST.search(text) is not None else None


_MAX_AGE = re.compile(r"max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


def sends_hsts(header: ServerHeader) -> bool:
    """`Strict-Transport-Security` with a max-age above zero, written so that browsers
    apply it (`hsts_problem`: not `max-age=31536000, includeSubDomains`)."""
    if header.name != "strict-transport-security" or hsts_problem(header.value) is not None:
        return False
    found = _MAX_AGE.search(header.value)
    return found is not None and int(found.group(1)) > 0


def server_headers(relpath: str, text: str) -> list[ServerHeader]:
    """The headers the configuration in `text` sets (commented-out lines are skipped:
    the patterns start at the line's first non-blank character)."""
    found = []
    for pattern in (_NGINX, _APACHE):
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start("name")) + 1
            value = _first_word(match.group("value").strip())
            found.append(ServerHeader(match.group("name").lower(), value, Location(relpath, line)))
    return sorted(found, key=lambda header: header.location.line)


def _first_word(written: str) -> str:
    """The value, its quotes removed, without what follows it (nginx's `always`,
    Apache's `env=...` condition)."""
    quote = written[:1]
    if quote in {'"', "'"}:
        end = written.find(quote, 1)
        return written[1:end] if end > 0 else written[1:]
    return written.split(maxsplit=1)[0] if written else ""


_FRAME_ANCESTORS = re.compile(r"(?:^|;)\s*frame-ancestors\s+([^;]*)", re.IGNORECASE)
_ANY_ANCESTOR = frozenset({"*", "http:", "https:"})


def denies_framing(header: ServerHeader) -> bool:
    """`X-Frame-Options: DENY` or `SAMEORIGIN`, or a CSP whose `frame-ancestors` lets
    not every site frame the pages (`'none'`, `'self'`, named hosts; not `*`)."""
    return header_denies_framing(header.name, header.value)


def header_denies_framing(name: str, value: str) -> bool:
    """`denies_framing` for a header's lower-cased name and its value."""
    if name == "x-frame-options":
        return value.strip().upper() in {"DENY", "SAMEORIGIN"}
    if name != "content-security-policy":
        return False
    directive = _FRAME_ANCESTORS.search(value)
    return directive is not None and not _ANY_ANCESTOR & set(directive.group(1).split())
