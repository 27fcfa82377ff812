"""URLconfs a project serves per host name, besides `ROOT_URLCONF`.

django-subdomains (`subdomains.middleware.SubdomainURLRoutingMiddleware`) sets
`request.urlconf` from the `SUBDOMAIN_URLCONFS` setting, a dict of subdomain -> URLconf
(`{None: ROOT_URLCONF, "api": "myproject.urls.api"}`); its keys may come from the
environment, its values are the URLconfs. django-hosts (`django_hosts.middleware.
HostsRequestMiddleware`) does so from the module `ROOT_HOSTCONF` names, whose
`host_patterns = patterns(prefix, host(regex, urlconf, name=...), ...)` lists them: each
`urlconf` behind the `prefix` of `patterns` and of `host` (`patterns("path.to",
host(r"api", "api.urls"))` serves `path.to.api.urls`). Each such URLconf is a root of the
project's routes, as `ROOT_URLCONF` is.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeGuard

from webwarden.analysis.constants import evaluate
from webwarden.model.django.settings import SettingsModule
from webwarden.model.django.values import shipped
from webwarden.model.module import FileContext

HOSTCONF_FACTS = "django.hostconf"

_SUBDOMAIN_MIDDLEWARE = "SubdomainURLRoutingMiddleware"
"""django-subdomains' middleware (`subdomains.middleware.`), by its class name: projects
carry copies of the unmaintained library under their own package
(`core.subdomains_middleware.SubdomainURLRoutingMiddleware`)."""
_HOSTS_MIDDLEWARE = "django_hosts.middleware."
"""django-hosts' `HostsRequestMiddleware` (and the older `HostsMiddleware`)."""


@dataclass(frozen=True, slots=True)
class HostConf:
    """The URLconfs a module names per host: a django-hosts hostconf's `host_patterns`,
    and the values of a settings module's `SUBDOMAIN_URLCONFS` dict display, read from
    the code because a key the environment gives (`env("LMS_SUBDOMAIN")`) leaves the
    setting's value unreadable."""

    urlconfs: tuple[str, ...] = ()
    subdomain_urlconfs: tuple[str, ...] = ()


def extract_hostconf(ctx: FileContext) -> HostConf | None:
    """The URLconfs of a module assigning `host_patterns` or `SUBDOMAIN_URLCONFS`."""
    urlconfs: list[str] = []
    subdomains: list[str] = []
    for stmt in _flattened(ctx.tree.body):
        if _assigns(stmt, "host_patterns"):
            urlconfs += _listed(stmt.value)
        elif _assigns(stmt, "SUBDOMAIN_URLCONFS"):
            subdomains += _values(stmt.value)
    if not (urlconfs or subdomains):
        return None
    return HostConf(tuple(urlconfs), tuple(subdomains))


def _flattened(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Module-level statements, also in the arms of an `if` or the body of a `try`."""
    for stmt in body:
        if isinstance(stmt, ast.If):
            yield from _flattened(stmt.body)
            yield from _flattened(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            yield from _flattened(stmt.body)
        else:
            yield stmt


def _assigns(stmt: ast.stmt, name: str) -> TypeGuard[ast.Assign]:
    return isinstance(stmt, ast.Assign) and any(
        isinstance(target, ast.Name) and target.id == name for target in stmt.targets
    )


def _values(value: ast.expr) -> Iterator[str]:
    """The constant values of a dict display (`{None: "site.urls", key: "lms.urls"}`) or
    of `dict(lms="lms.urls")`."""
    written: list[ast.expr | None] = []
    if isinstance(value, ast.Dict):
        written = list(value.values)
    elif isinstance(value, ast.Call) and _called(value) == "dict":
        written = [k.value for k in value.keywords if k.arg is not None]
    for item in written:
        if isinstance(found := evaluate(item), str):
            yield found


def _listed(value: ast.expr) -> Iterator[str]:
    """The URLconfs `patterns(prefix, *hosts)`, or a list of `host(...)`, names."""
    prefix: object = ""
    hosts: list[ast.expr] = []
    if isinstance(value, ast.Call) and _called(value) == "patterns" and value.args:
        prefix, hosts = evaluate(value.args[0]), value.args[1:]
    elif isinstance(value, ast.List | ast.Tuple):
        hosts = value.elts
    for item in hosts:
        urlconf = _host_urlconf(item)
        if isinstance(urlconf, str) and isinstance(prefix, str):
            yield _prefixed(prefix, urlconf)


def _host_urlconf(item: ast.expr) -> str | None:
    """The URLconf of `host(regex, urlconf, ...)` (or `urlconf=`), behind its own
    `prefix=`; also a `(regex, urlconf, name)` tuple, which `patterns` makes a host of."""
    if isinstance(item, ast.Tuple) and len(item.elts) > 1:
        found = evaluate(item.elts[1])
        return found if isinstance(found, str) else None
    if not (isinstance(item, ast.Call) and _called(item) == "host"):
        return None
    keywords = {k.arg: k.value for k in item.keywords if k.arg is not None}
    written = item.args[1] if len(item.args) > 1 else keywords.get("urlconf")
    urlconf = evaluate(written) if written is not None else None
    prefix = evaluate(keywords["prefix"]) if "prefix" in keywords else ""
    if not (isinstance(urlconf, str) and isinstance(prefix, str)):
        return None
    return _prefixed(prefix, urlconf)


def _called(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _prefixed(prefix: str, urlconf: str) -> str:
    return f"{prefix.rstrip('.')}.{urlconf}" if prefix else urlconf


def host_urlconfs(
    module: SettingsModule,
    hostconfs: Mapping[str, HostConf],
    find: Callable[[str, str], str | None],
) -> Iterator[str]:
    """The URLconfs the settings module serves per host name: the values of its
    `SUBDOMAIN_URLCONFS` under django-subdomains' middleware, and those of the hostconf
    its `ROOT_HOSTCONF` names (a relpath of `hostconfs`, found by `find(dotted, near)`)
    under django-hosts'. A `SUBDOMAIN_URLCONFS` webwarden cannot read is taken from the
    dict display the nearest module of its chain writes (`HostConf.subdomain_urlconfs`)."""
    listed = list(_middleware(module))
    if any(entry.rpartition(".")[2] == _SUBDOMAIN_MIDDLEWARE for entry in listed):
        values = [shipped(p.value) for p in module.get("SUBDOMAIN_URLCONFS")]
        read = [value for value in values if isinstance(value, dict)]
        for urlconfs in read:
            yield from (v for v in map(shipped, urlconfs.values()) if isinstance(v, str))
        if not read:
            yield from _written_subdomain_urlconfs(module, hostconfs)
    if any(entry.startswith(_HOSTS_MIDDLEWARE) for entry in listed):
        for possibility in module.get("ROOT_HOSTCONF"):
            hostconf = shipped(possibility.value)
            relpath = find(hostconf, module.relpath) if isinstance(hostconf, str) else None
            if relpath is not None and relpath in hostconfs:
                yield from hostconfs[relpath].urlconfs


def _written_subdomain_urlconfs(
    module: SettingsModule, hostconfs: Mapping[str, HostConf]
) -> tuple[str, ...]:
    for relpath in module.chain or (module.relpath,):
        if relpath in hostconfs and hostconfs[relpath].subdomain_urlconfs:
            return hostconfs[relpath].subdomain_urlconfs
    return ()


def _middleware(module: SettingsModule) -> Iterator[str]:
    for name in ("MIDDLEWARE", "MIDDLEWARE_CLASSES"):
        for possibility in module.get(name):
            value = possibility.value
            for entry in value if isinstance(value, list | tuple) else ():
                if isinstance(entry, str):
                    yield entry
