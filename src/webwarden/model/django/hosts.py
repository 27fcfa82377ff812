"""What `ALLOWED_HOSTS` lets `request.get_host()` return: the site's own host names, or
any name the client sends.

Django's `get_host()` returns the `Host` header (or `X-Forwarded-Host`) once it matches
an entry of `ALLOWED_HOSTS` (`validate_host`): the entry itself, `"*"` (any host) or a
leading-dot pattern (`".example.com"`: the domain and its subdomains). A list of the
site's own names makes the result one of them; an entry any host matches, or a pattern
under which anyone can have a name (a top-level domain, a shared hosting domain), makes
it whatever the client wrote.
"""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.analysis.environment import NO_DEFAULT
from webwarden.model.django.settings import Possibility, SettingsModule
from webwarden.model.roles import role_of_branch

ANY_HOST = frozenset({"*", ".*", "*.*"})
"""`ALLOWED_HOSTS` entries that accept any `Host` header."""

SHARED_DOMAINS = frozenset(
    {
        "herokuapp.com",
        "pythonanywhere.com",
        "appspot.com",
        "azurewebsites.net",
        "amazonaws.com",
        "elasticbeanstalk.com",
        "cloudfront.net",
        "onrender.com",
        "fly.dev",
        "vercel.app",
        "netlify.app",
        "pages.dev",
        "workers.dev",
        "web.app",
        "firebaseapp.com",
        "run.app",
        "ondigitalocean.app",
        "railway.app",
        "up.railway.app",
        "github.io",
        "gitpod.io",
        "github.dev",
        "app.github.dev",
        "repl.co",
        "glitch.me",
        "ngrok.io",
        "ngrok.app",
        "ngrok-free.app",
        "trycloudflare.com",
        "nip.io",
        "sslip.io",
        "xip.io",
        "co.uk",
        "com.au",
        "co.jp",
        "com.br",
    }
)
"""Domains under which anyone can have a name: hosting platforms giving each customer a
subdomain (`.herokuapp.com`), services resolving any name to the address written in it
(`169.254.169.254.nip.io`), and a few second-level public suffixes (`.co.uk`). A
leading-dot entry on one of them (or on a top-level domain, `.com`) admits a host the
client picks."""


def any_host_entry(value: object) -> str | None:
    """The entry of a shipped `ALLOWED_HOSTS` value accepting any host (`"*"`), if one
    does."""
    for host in _entries(value):
        if isinstance(host, str) and host.strip() in ANY_HOST:
            return host.strip()
    return None


def admits_foreign_host(value: object) -> bool:
    """Whether a shipped `ALLOWED_HOSTS` value may let `get_host()` return a host the
    client chose: an entry any host matches (`ANY_HOST`, and `"."`, which a name with
    its trailing dot matches), a leading-dot pattern anyone can have a name under (a
    top-level domain, `SHARED_DOMAINS`), or a value webwarden cannot read (computed by a
    function, an unreadable module's). Not a variable of the environment read without a
    default (`NO_DEFAULT`): Django does not start until the deployment names its hosts
    there, and a `"*"` given then is the deployment's, as `DEBUG` is."""
    if value is NO_DEFAULT:
        return False
    if not isinstance(value, str | list | tuple):
        return True
    for host in _entries(value):
        if host is NO_DEFAULT:
            continue
        if not isinstance(host, str):
            return True
        entry = host.strip().lower()
        if entry in ANY_HOST or entry == ".":
            return True
        if entry.startswith(".") and _shared(entry[1:].rstrip(".")):
            return True
    return False


def fixed_hosts(modules: Iterable[SettingsModule]) -> bool:
    """Whether `get_host()` surely returns one of the site's own host names under every
    settings module of `modules` that may be deployed (not a development or test one, by
    its name, unless all are; not one serving no page), whatever value `ALLOWED_HOSTS`
    takes outside a development branch (`if DEBUG:`). True when no such module is left:
    a reusable app's deployment lists its hosts in settings webwarden does not see, and
    `get_host()` is then what Django documents, one of them."""
    serving = [module for module in modules if module.serves_pages]
    deployed = [module for module in serving if not module.role.is_development] or serving
    return not any(
        admits_foreign_host(possibility.shipped)
        for module in deployed
        for possibility in module.get("ALLOWED_HOSTS")
        if not _developed(possibility)
    )


def _developed(possibility: Possibility) -> bool:
    return bool(possibility.branch) and role_of_branch(possibility.branch).is_development


def _entries(value: object) -> tuple[object, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value) if isinstance(value, list | tuple) else ()


def _shared(domain: str) -> bool:
    """Whether anyone can have a name under `domain`: a top-level domain (not
    `localhost`, Django's own `.localhost` entry under `DEBUG`, whose every name is this
    machine) or one of `SHARED_DOMAINS`."""
    return ("." not in domain and domain != "localhost") or domain in SHARED_DOMAINS
