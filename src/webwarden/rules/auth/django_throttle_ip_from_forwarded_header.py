"""WW752: django-axes or django-ratelimit told to take the client's address from
`X-Forwarded-For` as the client wrote it."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.settings import Possibility
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_AXES_ORDERS = ("AXES_IPWARE_META_PRECEDENCE_ORDER", "AXES_META_PRECEDENCE_ORDER")
"""django-axes' header order (6.x, on python-ipware; 5.x, on django-ipware)."""
_AXES_TRUSTING = (
    "AXES_IPWARE_PROXY_COUNT",
    "AXES_PROXY_COUNT",
    "AXES_IPWARE_PROXY_TRUSTED_IPS",
    "AXES_PROXY_TRUSTED_IPS",
    "AXES_CLIENT_IP_CALLABLE",
)
"""Settings with which axes picks the address the project's own proxies added (or the
project picks it): any of them set, the header order is the operator's considered one."""
_AXES_PROXY_ORDERS = ("AXES_IPWARE_PROXY_ORDER", "AXES_PROXY_ORDER")
_RIGHT_MOST = "right-most"
_RATELIMIT_KEY = "RATELIMIT_IP_META_KEY"
_PEER = "REMOTE_ADDR"


def _forwarded(key: object) -> bool:
    """A request header listing the hops (`HTTP_X_FORWARDED_FOR`, `HTTP_FORWARDED`):
    proxies append to it, so its start is what the client sent."""
    return isinstance(key, str) and key.startswith("HTTP_") and "FORWARDED" in key.upper()


class DjangoThrottleIpFromForwardedHeader(DjangoSettingRule):
    """## What it does
    Finds settings that make django-axes (its login lockout) or django-ratelimit take
    the client's address from `X-Forwarded-For` as the client can write it:
    `AXES_IPWARE_META_PRECEDENCE_ORDER` (axes 5's `AXES_META_PRECEDENCE_ORDER`) listing
    `HTTP_X_FORWARDED_FOR` (or another `Forwarded` header) before `REMOTE_ADDR` while no
    settings module sets a proxy count (`AXES_IPWARE_PROXY_COUNT`), the trusted
    proxies (`AXES_IPWARE_PROXY_TRUSTED_IPS`), the `right-most` proxy order or an
    `AXES_CLIENT_IP_CALLABLE`; and `RATELIMIT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"`,
    which keys each limit on the whole header.

    ## Why is this bad?
    Proxies append the address they received the request from to `X-Forwarded-For`
    (nginx's `$proxy_add_x_forwarded_for`); what comes before it is whatever the client
    sent. Axes (through ipware) takes the left-most public address unless told how many
    proxies to skip, and django-ratelimit takes the header whole: a client sending a new
    `X-Forwarded-For: 203.0.113.<n>` with every guess is never locked out or limited
    by address, and one naming a victim's address locks the victim out.

    ## Known problems
    A proxy count set outside the project's settings modules (a configuration file the
    deployment writes) is not seen. A proxy that overwrites the header rather than
    appending to it makes the setting safe; say so with a suppression.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "axes"]
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "axes"]
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    AXES_IPWARE_PROXY_COUNT = 1
    ```

    ## References
    - [CWE-348: Use of Less Trusted Source](https://cwe.mitre.org/data/definitions/348.html)
    - [django-axes: configuring reverse proxies](https://django-axes.readthedocs.io/en/latest/4_configuration.html#configuring-reverse-proxies)
    - [django-ratelimit: client IP address](https://django-ratelimit.readthedocs.io/en/stable/security.html#client-ip-address)
    """

    code = "WW752"
    name = "django-throttle-ip-from-forwarded-header"
    practice = Practice.AUTHENTICATION
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 348
    message = "`{setting}` {problem}: a client chooses the address it is locked out or limited by"
    fix = (
        "set `AXES_IPWARE_PROXY_COUNT` to the number of proxies in front; for django-ratelimit,"
        " a function returning the address your proxy added"
    )

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        trusted = _axes_trusts_proxies(settings)
        for setting in _AXES_ORDERS:
            if trusted or not settings.is_set(setting):
                continue
            for possibility in settings.get(setting):
                header = _first_forwarded(possibility.shipped)
                if header is not None:
                    problem = f"takes `{header}` before `{_PEER}` with no proxy count"
                    fields = {"setting": setting, "problem": problem}
                    yield Verdict(setting, possibility, fields)
        if settings.is_set(_RATELIMIT_KEY):
            for possibility in settings.get(_RATELIMIT_KEY):
                if _forwarded(possibility.shipped):
                    problem = f"keys limits on `{possibility.shipped}` as sent"
                    fields = {"setting": _RATELIMIT_KEY, "problem": problem}
                    yield Verdict(_RATELIMIT_KEY, possibility, fields)


def _first_forwarded(order: object) -> str | None:
    """The forwarded header an order lists before `REMOTE_ADDR` (None when it lists none:
    `REMOTE_ADDR` is always there, so what follows it is never read)."""
    if not isinstance(order, list | tuple):
        return None
    for key in order:
        if key == _PEER:
            return None
        if _forwarded(key):
            return str(key)
    return None


def _axes_trusts_proxies(settings: SettingsModule) -> bool:
    """Whether the settings tell axes which address of the header to believe."""
    if any(
        _given(p) for name in _AXES_TRUSTING if settings.is_set(name) for p in settings.get(name)
    ):
        return True
    return any(
        p.shipped == _RIGHT_MOST
        for name in _AXES_PROXY_ORDERS
        if settings.is_set(name)
        for p in settings.get(name)
    )


def _given(possibility: Possibility) -> bool:
    """A value other than `None`, `0` or empty (an environment lookup counts as given)."""
    value = possibility.shipped
    return value is not None and value != 0 and value not in ("", [], ())
