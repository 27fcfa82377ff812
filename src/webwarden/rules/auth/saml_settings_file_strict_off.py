"""WW798: a python3-saml `settings.json` that turns strict mode off."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import TextFile
from webwarden.model.saml_settings import is_off
from webwarden.rules.base import TextRule

_FILES = {"settings.json": ("sp", "idp"), "advanced_settings.json": ("security",)}
"""The files python3-saml reads from its base path, and keys only its files hold."""
_STRICT_KEY = re.compile(r'"strict"\s*:')


class SamlSettingsFileStrictOff(TextRule):
    """## What it does
    Finds `"strict": false` in the settings files python3-saml (OneLogin's toolkit)
    loads from its base path (`OneLogin_Saml2_Auth(req, custom_base_path=...)`):
    `settings.json` (holding `sp` and `idp`) or `advanced_settings.json` (holding
    `security`) in a folder whose name says SAML (`saml/`, `saml2/`). python3-saml's
    default is `true` (since 1.8.0); a file leaving the key out is not reported. The
    same setting in a Python dict is WW797's.

    ## Why is this bad?
    Out of strict mode python3-saml still wants a valid signature on the response or
    the assertion, but skips every other check of what was signed: the audience (an
    assertion the identity provider issued to another application logs in here), the
    destination and recipient, `InResponseTo`, the validity window (an old response is
    good forever), the issuer and `wantAssertionsSigned` / `wantMessagesSigned`. Whoever
    holds any response the identity provider signed, for any of its applications, at
    any time, logs in as the user it names.

    ## Known problems
    A settings file in another folder, or under another name, is not read; nor is
    `set_strict(False)` called at run time.

    ## Example
    ```json
    {"strict": false, "sp": {"entityId": "https://app.example.com/"}, "idp": {}}
    ```

    ## Fix
    ```json
    {"strict": true, "sp": {"entityId": "https://app.example.com/"}, "idp": {}}
    ```

    ## References
    - [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)
    - [CWE-294: Authentication Bypass by Capture-replay](https://cwe.mitre.org/data/definitions/294.html)
    - [python3-saml: settings, strict](https://github.com/SAML-Toolkits/python3-saml#settings)
    """

    code = "WW798"
    name = "saml-settings-file-strict-off"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 347
    message = "`{path}` sets python3-saml's `strict` to `{value}`: the audience, lifetime and destination of a signed response go unchecked"
    fix = 'set `"strict": true` (python3-saml\'s default)'
    example_filename = "saml/settings.json"
    patterns = tuple(_FILES)

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        *folders, name = file.relpath.split("/")
        if not any("saml" in folder.lower() for folder in folders):
            return
        try:
            settings = json.loads(file.text)
        except ValueError:
            return
        if not isinstance(settings, dict) or "strict" not in settings:
            return
        if not all(key in settings for key in _FILES.get(name, ("",))):
            return
        if not is_off(settings["strict"]):
            return
        line, column = next(
            (
                (number, found.start() + 1)
                for number, text in enumerate(file.lines, 1)
                if (found := _STRICT_KEY.search(text))
            ),
            (1, 1),
        )
        yield self.make_finding(
            file.location(line, column),
            snippet=file.lines[line - 1].strip() if file.lines else "",
            path=name,
            value=json.dumps(settings["strict"]),
        )
