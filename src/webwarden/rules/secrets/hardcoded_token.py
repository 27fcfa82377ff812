"""WW240: a well-known credential format written in Python source."""

from __future__ import annotations

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.secrets import Category, SecretSite
from webwarden.rules.secret_sites import SecretSiteRule

_LOWER = {
    "a JSON Web Token": (Severity.MEDIUM, Confidence.HIGH),
    "a URL with a password": (Severity.HIGH, Confidence.MEDIUM),
}


class HardcodedToken(SecretSiteRule):
    """## What it does
    Finds credentials of a well-known format in Python string literals, wherever they
    are: AWS access key IDs, GitHub, GitLab, Slack, Stripe (live), Twilio, SendGrid,
    Google, PyPI, npm, OpenAI and Mailchimp keys, Slack webhook URLs, private key (PEM)
    blocks, JSON Web Tokens, and HTTP/FTP/SMTP URLs with a password. The message says
    which kind it found and shows at most the first four characters.

    ## Why is this bad?
    These formats are recognised on sight, by people and by the bots that scan every
    public push for them within minutes. A token in the source is in every clone, fork,
    CI log and backup, and stays in the git history after it is deleted: it must be
    revoked, not just removed.

    ## Known problems
    Documentation examples (`AKIAIOSFODNN7EXAMPLE`, the `ghs_16C7e4...` token of
    GitHub's docs, the `xoxb-1765...` bot token of Slack's OAuth docs, `xxxx` fillers)
    are not reported, nor are a command-line option's help
    and an API schema's examples (`fields.String(example="eyJ0...")`, `Field(examples=[...])`,
    `metadata={"example": ...}`), which the API's documentation shows, nor the anonymous FTP login
    (`ftp://anonymous:guest@...`), whose password is an e-mail address by custom, nor
    a key a vendor publishes in every copy of its own client (the InnerTube key of
    YouTube's web client, which each youtube.com page carries as `INNERTUBE_API_KEY`, and
    of its Android app): every reader has it, and it is no credential the project could
    revoke. A private key's message and snippet
    mask its whole block, header to footer.
    Database URLs with a password are WW341. Values in test code and in development and
    test settings modules (`settings/test.py`) are reported at low severity (`test-paths`),
    and so are those in a table named for test cases (`URL_TESTS = [...]`,
    `PARSER_TEST_CASES`) that a module checks itself against, those a settings module gives a setting that every deployed settings
    module built on it replaces with a value of its own (`settings/base.py`'s token,
    read from the environment in `settings/production.py`).

    ## Example
    ```python
    import requests

    GITHUB_TOKEN = "ghp_R8pQ2mX7vK4nT9wL3sJ6hF1dG5bC0aZyE2uW"

    def repos():
        return requests.get(
            "https://api.github.com/user/repos",
            headers={"Authorization": f"Bearer {GITHUB_TOKEN}"},
            timeout=10,
        )
    ```

    ## Fix
    ```python
    import os

    import requests

    GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]

    def repos():
        return requests.get(
            "https://api.github.com/user/repos",
            headers={"Authorization": f"Bearer {GITHUB_TOKEN}"},
            timeout=10,
        )
    ```
    Revoke the token that was committed, then read its replacement from the
    environment or a secrets manager.

    ## References
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [GitHub: about secret scanning](https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning)
    - [OWASP Secrets Management Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html)
    """

    code = "WW240"
    name = "hardcoded-token"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 798
    message = "{kind} is written in the source: `{masked}`"
    fix = "revoke it, then read the new one from the environment or a secrets manager"
    categories = (Category.TOKEN,)

    def judge(self, site: SecretSite) -> Finding | None:
        severity, confidence = _LOWER.get(site.kind, (self.severity, self.confidence))
        return self.make_finding(
            site.location,
            snippet=site.snippet,
            severity=severity,
            confidence=confidence,
            kind=site.kind[0].upper() + site.kind[1:],
            masked=site.masked,
        )
