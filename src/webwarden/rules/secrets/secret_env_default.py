"""WW242: an environment lookup of a credential with a literal default."""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.model.secrets import Category, SecretSite
from webwarden.model.secrets.helper_defaults import helper_default_sites
from webwarden.rules.secret_sites import SecretSiteRule

_PASSWORD = "a password"  # noqa: S105 - a kind of credential, no credential


class SecretEnvDefault(SecretSiteRule):
    """## What it does
    Finds credentials read from the environment with a literal fallback:
    `os.getenv("API_TOKEN", "...")`, `os.environ.get(...)`, python-decouple's
    `config("SMTP_PASSWORD", default=...)`, django-environ's `env.str(..., default=...)`,
    a default written as `os.environ.get("API_TOKEN") or "..."`, INI options read
    with a fallback (`parser.get("api", "token", fallback=...)`), and keys of a mapping
    named as the configuration read with a default (`daconfig.get("secretkey", "...")`,
    `settings.get(...)`, `app.config.get(...)`, `cfg.get(...)`), and Django settings a
    reusable app reads with a default (`getattr(settings, "API_TOKEN", "...")`: the
    value of every project that installs the app and leaves the setting out),
    when the variable names a password, token, secret or key, or, when its name does
    not say (`..._SECRET_ID` may name an identifier), the dict key, name or keyword the
    lookup is given to does and the default looks like a working credential
    (`"CLIENT_SECRET": os.environ.get("HELPDESK_SECRET_ID", "9f2c...")`). Placeholder
    defaults are reported too (`changeme`, `my-secret-key`, words saying they stand in
    for one: `insecure-export-token`, `unsafe_default_jwt_secret`): they are what ships. A
    plain word is no credential (a field's or a header's name, `x-api-key`) and is left
    out, but not as the default of a credential-named setting of a framework's settings:
    a top-level setting of a Django settings module (a part of one too, `CACHES`'
    `"PASSWORD"`) or a key of a Flask app's config (`REDIS_PASSWORD =
    os.environ.get("REDIS_PASSWORD", "shopcache")`, `app.config["BROKER_TOKEN"] = ...`):
    the framework runs with that word as the password when the variable is unset, as
    it does with `SECRET_KEY`'s or a database password's default (a token's or key's
    word is reported at medium confidence; a word saying there is none, `disabled`, is
    no credential); nor as the default of a password or
    secret that the module gives the account it goes with too (`METRICS_USER` and
    `METRICS_PASS` both `prom`, an OAuth client's secret its `CLIENT_ID`), nor a
    well-known default password (`guest`, `root`), nor a password's default that only
    says it is unsafe (`insecure`, `unsafe-default`; as the default of a mode such as
    `GRPC_CREDENTIALS` it names no secret and is left out): such a value is the first
    anyone tries, reported as a placeholder. In Django settings modules the lookup may also go
    through a function of the project, the module's own or an imported one
    (`ADMIN_API_PASSWORD = get_string("ADMIN_API_PASSWORD", "...")` after `from app.envs
    import get_string`), or through a django-environ reader another settings module makes
    (`from .base import env`): the call is followed as the settings model follows it, and
    the literal handed to it is reported when the call gives it back with the variable
    unset.

    ## Why is this bad?
    The default is what runs whenever the variable is missing: a forgotten line in a
    deployment, a new worker, a cron job. The app starts normally with a credential
    that is in the source, so the missing configuration goes unnoticed while anyone with
    the code knows the value. Failing at start-up is the safe behaviour.

    ## Known problems
    Empty defaults (`""`, `None`) are fine and not reported, nor is one that JSON
    decoding at once makes empty (`json.loads(os.getenv("CLIENT_KEYS", "{}"))`, `"[]"`,
    `json.loads(os.getenv("CALLBACK_AUTH") or "null")`), or decodes in place a few
    lines on, the name it is bound to read only in tests or remade in place between
    (`CREDENTIALS = os.environ.get("CREDENTIALS", "{}")`, `if CREDENTIALS != "{}":
    CREDENTIALS = b64decode(CREDENTIALS)`, then `CREDENTIALS = json.loads(CREDENTIALS)`),
    nor is a lookup made a
    number at once (`int(os.getenv("REFRESH_TOKEN_DAYS", "7"))`: a lifetime, not a token),
    nor a default that is a duration (`config.get("EXPIRED_TOKEN_GC", "1d")`, `"30m"`,
    `"1h30m"`: how long expired tokens are kept, not a token). Nor
    is a published test secret with which every check fails (Cloudflare Turnstile's
    `2x...AA`, `3x...AA`): the captcha refuses everyone when the variable is missing,
    while its always-passing `1x...AA` is reported. `SECRET_KEY` and
    `DATABASES` of Django settings and the keys the app signs with, in Django settings
    or Flask config (`WEBHOOK_SECRET`, `*_HMAC_KEY`), are judged by the framework rules
    (WW203, WW221); database URLs with a password are WW341. A helper function
    is followed only for a module-level setting of a Django settings module that is its
    call; elsewhere, or when the helper itself writes the default, the call is not seen.

    ## Example
    ```python
    import os

    SMTP_PASSWORD = os.getenv("SMTP_PASSWORD", "smtp-pass-123")
    ```

    ## Fix
    ```python
    import os

    SMTP_PASSWORD = os.environ["SMTP_PASSWORD"]
    ```

    ## References
    - [CWE-1188: Initialization of a Resource with an Insecure Default](https://cwe.mitre.org/data/definitions/1188.html)
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [The Twelve-Factor App: config](https://12factor.net/config)
    """

    code = "WW242"
    name = "secret-env-default"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 1188
    message = "`{target}` falls back to {what} written in the source (`{masked}`) when unset"
    fix = "drop the default so that a missing variable stops start-up"
    categories = (Category.DEFAULT,)

    def more_sites(self, project: ProjectModel) -> Iterable[SecretSite]:
        return helper_default_sites(project)

    def judge(self, site: SecretSite) -> Finding | None:
        what, confidence = site.kind, None
        if site.placeholder:
            what, confidence = f"{site.kind} placeholder", Confidence.MEDIUM
        elif site.word and site.kind != _PASSWORD:
            confidence = Confidence.MEDIUM  # NOTE: a word may name something else than a key
        return self.make_finding(
            site.location,
            snippet=site.snippet,
            confidence=confidence,
            target=site.target,
            what=what,
            masked=site.masked,
        )
