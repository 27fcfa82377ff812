"""WW1178: a django-cors-headers origin pattern that also matches other sites' origins."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import Possibility, SettingsModule
from webwarden.model.django.values import is_known
from webwarden.rules.auditing._origin_regex import other_site_origin
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_REGEX_SETTINGS = ("CORS_ALLOWED_ORIGIN_REGEXES", "CORS_ORIGIN_REGEX_WHITELIST")


class DjangoCorsOriginRegexLoose(DjangoSettingRule):
    """## What it does
    Finds patterns of django-cors-headers' `CORS_ALLOWED_ORIGIN_REGEXES` (or the old
    name `CORS_ORIGIN_REGEX_WHITELIST`) that also match the origin of a site anyone may
    register: a pattern without `$` (`r"^https://app\\.example\\.com"` also allows
    `https://app.example.com.attacker.example`), with a `.` left unescaped before the
    site's domain (`r"(.*).example.com"` allows `https://attackerexample.com`,
    `r"^https://api.example\\.com$"` allows `https://api-example.com`), or one that
    matches any origin (`r".*"`). django-cors-headers tests each origin with
    `re.match(pattern, origin)`, anchored at the start only; webwarden makes an origin
    the pattern was written for and tries such neighbours of it with the same call.
    A setting given one string instead of a list (`CORS_ALLOWED_ORIGIN_REGEXES =
    r"^https://app\\.example\\.com$"`) is reported too: django-cors-headers loops over
    it, so each of its characters is a pattern, and `^`, `.` or a letter `h` matches
    every origin (its system check lets a string through up to version 4.9).

    ## Why is this bad?
    The browser lets every origin the pattern matches read the API's answers. With
    `CORS_ALLOW_CREDENTIALS = True` that is the logged-in user's data, their CSRF token,
    anything their cookies reach (high). Without it the other site reads what it could
    fetch itself, but from the visitor's network position (an intranet's API): low.

    ## Known problems
    Patterns compiled in the settings (`re.compile(...)`) and patterns with
    back-references or look-arounds are not judged. The site's domain is taken as the
    host's last two labels, so an unescaped dot inside `example.co.uk` is reported only
    where it makes another registrable name (`example-co.uk`).

    ## Example
    ```python
    INSTALLED_APPS = ["corsheaders"]
    CORS_ALLOW_CREDENTIALS = True
    CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://(.*).example.com"]
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["corsheaders"]
    CORS_ALLOW_CREDENTIALS = True
    CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://[\\w-]+\\.example\\.com$"]
    ```

    ## References
    - [CWE-942: Permissive Cross-domain Policy with Untrusted Domains](https://cwe.mitre.org/data/definitions/942.html)
    - [django-cors-headers: CORS_ALLOWED_ORIGIN_REGEXES](https://github.com/adamchainz/django-cors-headers#cors_allowed_origin_regexes-sequencestr--patternstr)
    """

    code = "WW1178"
    name = "django-cors-origin-regex-loose"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 942
    about_pages = True
    message = (
        "`{setting}` pattern `{pattern}` also allows `{origin}`: "
        "other sites read responses with the user's cookies"
    )
    fix = 'give a list of patterns, each anchored with `^` and `$` with its dots escaped: `[r"^https://[\\w-]+\\.example\\.com$"]`'

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        credentials = [p.shipped for p in settings.get("CORS_ALLOW_CREDENTIALS")]
        cookies = any(is_known(value) and value for value in credentials)
        for setting in _REGEX_SETTINGS:
            for possibility in settings.get(setting):
                value = possibility.shipped
                if isinstance(value, str):
                    verdict = _string(setting, possibility, value, cookies=cookies)
                    if verdict is not None:
                        yield verdict
                    continue
                if not isinstance(value, list | tuple):
                    continue
                for pattern in value:
                    origin = other_site_origin(pattern) if isinstance(pattern, str) else None
                    if origin is None:
                        continue
                    fields = {"setting": setting, "pattern": pattern, "origin": origin}
                    if cookies:
                        yield Verdict(setting, possibility, fields)
                    else:
                        yield Verdict(
                            setting,
                            possibility,
                            fields,
                            message=(
                                "`{setting}` pattern `{pattern}` also allows `{origin}`: "
                                "other sites read responses (no credentials)"
                            ),
                            severity=Severity.LOW,
                        )


def _string(setting: str, possibility: Possibility, value: str, *, cookies: bool) -> Verdict | None:
    """The verdict on a setting given one string: django-cors-headers iterates it, each
    character a pattern of its own; the first that matches another site's origin."""
    for character in dict.fromkeys(value):
        origin = other_site_origin(character)
        if origin is None:
            continue
        fields = {"setting": setting, "pattern": value, "character": character, "origin": origin}
        reads = "with the user's cookies" if cookies else "(no credentials)"
        return Verdict(
            setting,
            possibility,
            fields,
            message=(
                "`{setting}` is the string `{pattern}`, not a list: each character is a"
                f" pattern, and `{{character}}` allows `{{origin}}`: other sites read responses {reads}"
            ),
            severity=None if cookies else Severity.LOW,
        )
    return None
