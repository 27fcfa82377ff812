"""How a Flask app sends plain-HTTP visitors to HTTPS itself, for the WW92x/WW93x rules."""

from __future__ import annotations

from webwarden.model.flask import FlaskApp
from webwarden.model.flask.facts import HookFact

SSLIFY = ("flask_sslify.SSLify",)
_REDIRECT_READS = frozenset({"is_secure", "scheme"})
_FORWARDED_PROTO = "x-forwarded-proto"


def upgrade_hooks(app: FlaskApp) -> list[tuple[HookFact, str]]:
    """The app's `before_request` hooks (with the file of each) that look at the scheme
    (the hand-written redirect), or that redirect by the `X-Forwarded-Proto` header the
    proxy in front sets (`if request.headers.get("X-Forwarded-Proto") == "http": return
    redirect(...)`), or that redirect to a target written to start with `https://`
    (`redirect("https://" + request.url[7:])`, after testing
    `urlsplit(request.url).scheme`)."""
    return [
        (hook, relpath)
        for _, hook, relpath in app.hooks
        if hook.kind.startswith("before")
        and (
            bool(hook.body.request_reads & _REDIRECT_READS)
            or hook.body.redirects_to_https
            or (_FORWARDED_PROTO in hook.body.request_headers and _redirects(hook.body.calls))
        )
    ]


def redirects_itself(app: FlaskApp) -> bool:
    """Whether the app has an HTTP-to-HTTPS redirect hook (`upgrade_hooks`)."""
    return bool(upgrade_hooks(app))


def _redirects(calls: frozenset[str]) -> bool:
    return any(call.rsplit(".", 1)[-1] == "redirect" for call in calls)
