"""WW563: a Content-Security-Policy set in Django's settings that lets injected scripts run."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import Possibility, SettingsModule
from webwarden.model.django.values import is_known
from webwarden.rules.django_settings import DjangoSettingRule, Verdict
from webwarden.rules.xss._csp_policy import PINS, SCHEMES, WILDCARDS


class DjangoCspUnsafeSource(DjangoSettingRule):
    """## What it does
    Reads the Content-Security-Policy a Django project sets in its settings and reports
    script sources (`script-src`, or `default-src` when there is none) that let an
    injected script run: `'unsafe-eval'`, `'unsafe-inline'` with no nonce, hash or
    `'strict-dynamic'` beside it, and a wildcard (`*`, `https:`, `data:`...). It reads
    django-csp's settings before version 4 (`CSP_SCRIPT_SRC`, `CSP_DEFAULT_SRC`; with
    `CSP_INCLUDE_NONCE_IN` naming the directive, a nonce is meant), django-csp 4's
    `CONTENT_SECURITY_POLICY["DIRECTIVES"]` and Django 6's `SECURE_CSP`; not the
    report-only policies (`CSP_REPORT_ONLY` set to true or to a value not known, such as
    a project's helper reading the environment; `..._REPORT_ONLY` settings), which block
    nothing. A source written as a library's constant (`CSP.NONCE`) is taken for a
    possible nonce. A policy set only in an arm of a test of environment variables
    that their defaults skip (`if os.getenv("PRODUCTION", "false") == "true":
    CSP_SCRIPT_SRC = ...`) is judged too, and reported with how a deployment gets it
    ("when $PRODUCTION is set to true"): it is the policy the site serves where that
    deployment runs, and the code ships no other (a nonce or report-only switch set in
    such an arm counts too).

    ## Why is this bad?
    A policy is there to stop the script an XSS bug lets in. `'unsafe-inline'` runs
    inline `<script>` blocks and `onerror=` handlers, `'unsafe-eval'` runs strings
    through `eval()`, `setTimeout("...")` and `new Function`, the way many injected
    payloads and script gadgets do, and a wildcard runs a script from any host, the
    attacker's too.

    ## Example
    ```python
    MIDDLEWARE = ["csp.middleware.CSPMiddleware"]
    CSP_DEFAULT_SRC = ("'self'",)
    CSP_SCRIPT_SRC = ("'self'", "'unsafe-eval'")
    ```

    ## Fix
    ```python
    MIDDLEWARE = ["csp.middleware.CSPMiddleware"]
    CSP_DEFAULT_SRC = ("'self'",)
    CSP_SCRIPT_SRC = ("'self'",)
    ```

    ## References
    - [CWE-693: Protection Mechanism Failure](https://cwe.mitre.org/data/definitions/693.html)
    - [django-csp: configuration](https://django-csp.readthedocs.io/en/latest/configuration.html)
    - [Django: Content Security Policy](https://docs.djangoproject.com/en/dev/ref/csp/)
    - [MDN: script-src](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/script-src)
    """

    code = "WW563"
    name = "django-csp-unsafe-source"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 693
    message = "`{setting}` allows {sources} in `{directive}`: an injected script can still run"
    fix = (
        "drop `'unsafe-inline'`, `'unsafe-eval'` and wildcards from the script sources"
        " (give the inline scripts kept a nonce or a hash)"
    )

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        yield from _legacy(settings)
        for setting in ("CONTENT_SECURITY_POLICY", "SECURE_CSP"):
            for possibility in _deployed(settings.get(setting)):
                policy = possibility.shipped
                if setting == "CONTENT_SECURITY_POLICY" and isinstance(policy, dict):
                    policy = policy.get("DIRECTIVES")
                if not isinstance(policy, dict):
                    continue
                for directive in ("script-src", "default-src"):
                    sources = policy.get(directive)
                    if directive in policy:
                        verdict = _verdict(setting, possibility, directive, sources, pinned=False)
                        if verdict is not None:
                            yield verdict
                        break


def _legacy(settings: SettingsModule) -> Iterator[Verdict]:
    """django-csp before 4.0: one setting per directive, `CSP_REPORT_ONLY` for all."""
    if any(_may_be_true(p) for p in _deployed(settings.get("CSP_REPORT_ONLY"))):
        return
    nonces = [p.shipped for p in _deployed(settings.get("CSP_INCLUDE_NONCE_IN"))]
    for setting, directive in (
        ("CSP_SCRIPT_SRC", "script-src"),
        ("CSP_DEFAULT_SRC", "default-src"),
    ):
        possible = settings.get(setting)
        if not possible:
            continue
        pinned = any(isinstance(n, list | tuple) and directive in n for n in nonces)
        for possibility in _deployed(possible):
            verdict = _verdict(setting, possibility, directive, possibility.shipped, pinned=pinned)
            if verdict is not None:
                yield verdict
        return


def _deployed(possible: Sequence[Possibility]) -> Iterator[Possibility]:
    """Each value, and after it each value a deployment gets by turning a test of
    environment variables the module decides by their defaults (`Possibility.unless`),
    under the words saying how (`$PRODUCTION is set to true`) as its branch."""
    for possibility in possible:
        yield possibility
        for unless in possibility.unless:
            yield dataclasses.replace(
                possibility,
                value=unless.value,
                location=unless.location,
                branch=unless.when,
                unless=(),
            )


def _may_be_true(possibility: Possibility) -> bool:
    """A value the module sets that may be true: `True`, or one not known (`report_only =
    get_bool_env("CSP_REPORT_ONLY", True)`, a project's helper); not one left unset."""
    value = possibility.shipped
    return possibility.location is not None and (not is_known(value) or bool(value))


def _verdict(
    setting: str, possibility: Possibility, directive: str, sources: object, *, pinned: bool
) -> Verdict | None:
    if isinstance(sources, str):
        sources = sources.split()
    if not isinstance(sources, list | tuple):
        return None
    found = _weaknesses(sources, pinned=pinned)
    if not found:
        return None
    fields = {"setting": setting, "directive": directive, "sources": ", ".join(found)}
    return Verdict(setting, possibility, fields)


def _weaknesses(sources: Sequence[object], *, pinned: bool) -> list[str]:
    """The sources that let an injected script run. A source not known (a library's
    constant) may be a nonce: `'unsafe-inline'` is then not judged. An item holding
    several sources apart by spaces (`("'self' 'unsafe-eval'", "https://cdn.example")`)
    is several sources: django-csp joins the items with a space."""
    written = [part.lower() for s in sources if isinstance(s, str) for part in s.split()]
    unknown = any(not isinstance(s, str) for s in sources)
    hashed = unknown or any(s.startswith(PINS) for s in written)
    pinned = pinned or hashed or "'strict-dynamic'" in written
    found = []
    if "'unsafe-inline'" in written and not pinned:
        found.append("`'unsafe-inline'`")
    if "'unsafe-eval'" in written:
        found.append("`'unsafe-eval'`")
    # NOTE: with 'strict-dynamic' and a nonce or hash, CSP3 browsers ignore host and
    # scheme sources: the fallbacks of a strict policy for old browsers.
    strict = "'strict-dynamic'" in written and hashed
    found += [
        f"`{s}`" for s in dict.fromkeys(written) if s in WILDCARDS and not (strict and s in SCHEMES)
    ]
    return found
