"""Hosts that serve third-party scripts, for the subresource integrity rules."""

from __future__ import annotations

from urllib.parse import urlsplit

PACKAGE_CDNS = frozenset(
    {"cdnjs.cloudflare.com", "cdn.jsdelivr.net", "fastly.jsdelivr.net", "gcore.jsdelivr.net"}
    | {"unpkg.com", "code.jquery.com", "ajax.googleapis.com", "ajax.aspnetcdn.com"}
    | {"maxcdn.bootstrapcdn.com", "stackpath.bootstrapcdn.com", "netdna.bootstrapcdn.com"}
    | {"cdn.datatables.net", "oss.maxcdn.com", "twemoji.maxcdn.com", "cdn.skypack.dev"}
    | {"esm.sh", "ga.jspm.io", "cdn.plot.ly", "d3js.org", "cdn.ckeditor.com"}
    | {"use.fontawesome.com", "cdn.tiny.cloud", "code.highcharts.com", "cdn.socket.io"}
)
"""Public CDNs of versioned library files (`jquery/3.6.0/jquery.min.js`): a file there
never changes, so its hash can be pinned, and each of these CDNs shows it beside the URL.
Not the services whose script changes by design and cannot be pinned (analytics, tag
managers, reCAPTCHA, Stripe.js, translation widgets): integrity would break them."""
_POLYFILL = "sold in 2024 and made to serve malware"
_POLYFILL_OWNER = "run by the owner who made polyfill.io serve malware"
_RAWGIT = "shut down in 2019; its domain may serve anyone's files"
UNTRUSTED_HOSTS = {
    **dict.fromkeys(("polyfill.io", "cdn.polyfill.io"), _POLYFILL),
    **dict.fromkeys(
        ("bootcss.com", "cdn.bootcss.com", "bootcdn.net", "cdn.bootcdn.net"), _POLYFILL_OWNER
    ),
    **dict.fromkeys(
        ("staticfile.org", "cdn.staticfile.org", "staticfile.net", "cdn.staticfile.net"),
        _POLYFILL_OWNER,
    ),
    **dict.fromkeys(("rawgit.com", "cdn.rawgit.com", "rawgithub.com"), _RAWGIT),
}
"""Script hosts no page should load from, with why: a domain sold to or run by someone who
served malware from it, or a service shut down whose domain serves what its next owner
wants."""


def script_host(url: str) -> str:
    """The host of an absolute or protocol-relative `http(s)` URL, lower-cased; "" for a
    relative URL or another scheme."""
    url = url.strip()
    if not url.startswith(("http://", "https://", "//")):
        return ""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def untrusted(host: str) -> str:
    """Why scripts from `host` (or a subdomain of a listed domain) are not to be loaded; ""
    when they may be."""
    parts = host.split(".")
    for start in range(len(parts) - 1):
        reason = UNTRUSTED_HOSTS.get(".".join(parts[start:]))
        if reason:
            return reason
    return ""
