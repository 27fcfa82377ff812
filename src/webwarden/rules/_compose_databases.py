"""Database URLs naming a container a compose file of the project starts, with its login."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from webwarden.analysis.secrets.urls import default_port, is_local_host
from webwarden.findings import Location
from webwarden.model.project import ProjectModel
from webwarden.rules._compose_roles import development_compose
from webwarden.rules.database._compose import unpublished_services


def development_compose_database(project: ProjectModel, url: str, location: Location) -> str:
    """Why a URL with a password (masked or not), written at `location`, names the
    database container a development compose file of the project starts, with the
    password that file gives it: `postgres://shop:s3cr3t@db/shop` (or `@localhost:5405`,
    the port the file publishes it on, or `@localhost` when it publishes the scheme's own,
    `"5432:5432"`) beside a `docker-compose.yml` running the app in
    development mode whose service `db` has `POSTGRES_PASSWORD: s3cr3t`. A developer's
    database, whose login the compose file already holds; "" when no such container
    matches, or a compose file for deployment starts one of the same name."""
    if not (logins := project.compose_logins()):
        return ""
    try:
        parts = urlsplit(url)
        host, port = (parts.hostname or "").lower(), parts.port or default_port(parts.scheme)
    except ValueError:
        return ""
    reached = [
        login
        for login in logins
        if host in login.hosts or (is_local_host(host) and port in login.host_ports)
    ]
    texts = {compose.relpath: compose.text for compose in project.compose_files()}
    roles = {
        login.relpath: development_compose(
            login.relpath, posixpath.basename(login.relpath), texts.get(login.relpath, "")
        )
        for login in reached
    }
    if not reached or not all(roles.values()):
        return ""
    line = project.line_of(location.path, location.line)
    for login in reached:
        if f":{login.password}@" in line:
            return f"the database {login.relpath} starts, {roles[login.relpath]}"
    return ""


def compose_network_database(project: ProjectModel, url: str, location: Location) -> str:
    """Why a URL with a password (masked or not), written at `location` outside a compose
    file, names by its service name a database container a compose file of the project
    starts, with the password that file gives it, and which publishes no port on every
    interface of the host: `postgresql://shop:shop@db/shop` in the `config.ini` the
    stack's image is built with, beside a `docker-compose.yml` whose unpublished service
    `db` has `POSTGRES_PASSWORD: shop`. Only the containers of that file reach it, as
    such a URL in the compose file itself; "" when no such container matches."""
    if not (logins := project.compose_logins()):
        return ""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    reached = [login for login in logins if host in login.hosts]
    if not reached:
        return ""
    internal = {
        compose.relpath: unpublished_services(compose.documents)
        for compose in project.compose_files()
    }
    line = project.line_of(location.path, location.line)
    for login in reached:
        hidden = {name.lower() for name in internal.get(login.relpath, frozenset())}
        if f":{login.password}@" in line and login.hosts & hidden:
            return f"the database only the containers of {login.relpath} reach"
    return ""
