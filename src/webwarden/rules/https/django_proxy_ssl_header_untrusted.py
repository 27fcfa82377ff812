"""WW907: `SECURE_PROXY_SSL_HEADER` trusting a header a client can forge."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.module import identifier_words
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_PROTOCOL_WORDS = frozenset({"proto", "protocol", "scheme", "ssl", "https", "tls"})
_SECURE_VALUES = frozenset({"https", "on", "1", "true", "ssl", "yes"})


class DjangoProxySslHeaderUntrusted(DjangoSettingRule):
    """## What it does
    Finds `SECURE_PROXY_SSL_HEADER` pairs that make Django trust a request header no proxy
    sets for the protocol: a request header that is not about the protocol (`HTTP_X_FORWARDED_HOST`, `HTTP_REFERER`, ...),
    or a value that does not mean "secure" (`("HTTP_X_FORWARDED_PROTO", "http")`).

    ## Why is this bad?
    Django treats a request as HTTPS when the named header has the given value. A header
    the proxy does not set (and overwrite) is whatever the client sends, so anyone can make
    a plain-HTTP request count as secure: `SECURE_SSL_REDIRECT` is skipped, secure cookies
    and CSRF's HTTPS referer checks are fooled.

    ## Known problems
    Whether the proxy in front of the site strips the client's copy of the header cannot
    be seen in code; make sure it does for `X-Forwarded-Proto` too.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_HOST", "https")
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    ```

    ## References
    - [CWE-348: Use of Less Trusted Source](https://cwe.mitre.org/data/definitions/348.html)
    - [Django: SECURE_PROXY_SSL_HEADER](https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header)
    """

    code = "WW907"
    name = "django-proxy-ssl-header-untrusted"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 348
    about_pages = True
    message = "`SECURE_PROXY_SSL_HEADER` {problem}: a client can make plain HTTP count as HTTPS"
    fix = 'use the header your proxy sets and overwrites: `("HTTP_X_FORWARDED_PROTO", "https")`'

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("SECURE_PROXY_SSL_HEADER"):
            problem = _problem(possibility.shipped)
            if problem is not None:
                yield Verdict("SECURE_PROXY_SSL_HEADER", possibility, {"problem": problem})


def _problem(value: object) -> str | None:
    if not (isinstance(value, list | tuple) and len(value) == 2):
        return None
    header, expected = value
    if not isinstance(header, str) or not isinstance(expected, str):
        return None
    if not header.startswith("HTTP_"):
        # NOTE: other META keys come from the server (mod_wsgi's `HTTPS=on`), not clients.
        return None
    if not set(identifier_words(header[5:])) & _PROTOCOL_WORDS:
        return f"trusts `{header}`, which says nothing about the protocol"
    if expected.strip().lower() not in _SECURE_VALUES:
        return f"treats `{header}: {expected}` as secure"
    return None
