"""WW245: an example `.env` file holding a value that looks like a real secret."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from webwarden.analysis.secrets import find_credential_urls, local_credential_url
from webwarden.analysis.secrets.envfiles import EXAMPLE_PATTERNS
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.module import TextFile
from webwarden.model.project import ProjectModel
from webwarden.parse.keyvalues import dotenv_entries
from webwarden.rules.base import TextRule
from webwarden.rules.secrets._development_mode import development_env
from webwarden.rules.secrets._text_secrets import (
    DATABASE_URL_KIND,
    TextSecret,
    app_signing_key,
    secrets_with_snippets,
)


class EnvExampleRealSecret(TextRule):
    """## What it does
    Finds values in example environment files (`.env.example`, `.env.sample`,
    `.env.template`, `.env.dist`, `example.env`) that look like real secrets: credential
    formats, URLs with a password, and values of credential-named variables that are not
    placeholders.

    ## Why is this bad?
    Example files are committed on purpose and copied by every developer (`cp
    .env.example .env`). A real value in one is public to everyone with the repository,
    and it tends to end up as the actual configuration of every machine it was copied to.

    ## Known problems
    Placeholders (`changeme`, `your-key-here`, `<secret>`, `xxxx`, `asdf`, empty values, a value
    spelling the variable's own words: `EMAIL_HOST_PASSWORD=emailpassword123`, a sample
    word with digits for letters: `POSTGRES_PASSWORD=S3cret`, `P@ssw0rd`, or followed by
    digits counted up from one: `KEYSTORE_PASSWORD=supersecret123456789`, `password123`,
    a value saying what goes there: `SESSION_KEY=must_be_at_least_16_chars`, a URL
    whose password is its user's name: `postgres://shop:shop@db/shop`) are what these
    files should hold and are not reported; nor is a database URL to the developer's own
    machine (`postgres://jdoe:pa55wd@localhost/mydb`, `127.0.0.1`, a socket folder): the
    login the example has each developer give the database they make, which opens no
    one else's. So is one to a service of the project's compose file that creates its
    database with a password of its own (`postgres://shop:pa55wd@shop-db/shop` beside
    a `docker-compose.yml` whose service `shop-db`, or whose `container_name: shop-db`,
    sets `POSTGRES_PASSWORD`): the container each developer starts with `docker compose
    up`, reached by its name on the compose network, as `localhost` is on their machine.
    The app's own signing key (`SECRET_KEY`, `JWT_SECRET_KEY`) in an example that runs
    the app in development mode (a development settings module,
    `DJANGO_SETTINGS_MODULE=shop.settings.development`, a debug switch on,
    `FLASK_ENV=development`) or is named for development (`.env.dev.example`) is
    reported at low severity, as in a committed development `.env` (WW244): it signs
    only the sessions of the developer's server the copy runs. Another service's
    credential (`STRIPE_API_KEY`, `SLACK_SIGNING_SECRET`) works wherever it is copied
    to and stays reported as it is.

    ## Example
    ```bash
    DATABASE_URL=postgres://shop:Shop-2024!@db.internal/shop
    STRIPE_API_KEY=rk_9f2Lq7Xw4Tz8Nv3Bp6Hd1Ks5Mj0Ga
    ```

    ## Fix
    ```bash
    DATABASE_URL=postgres://shop:changeme@localhost/shop
    STRIPE_API_KEY=your-stripe-key-here
    ```

    ## References
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [python-dotenv](https://saurabh-kumar.com/python-dotenv/)
    """

    code = "WW245"
    name = "env-example-real-secret"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 798
    message = "`{variable}` in an example env file looks like a real secret ({kind}): `{masked}`"
    fix = "replace it with a placeholder and rotate the value that was committed"
    example_filename = ".env.example"
    patterns = EXAMPLE_PATTERNS

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        lines = file.text.splitlines()
        development = development_env(file.relpath, file.text)
        for secret, snippet in secrets_with_snippets(file, list(dotenv_entries(file.text))):
            value = lines[secret.line - 1][secret.start : secret.end]
            if secret.named and _spells_its_name(secret.key, value):
                continue
            if _user_as_password(value) or _own_machine_database(secret) or _leet_word(value):
                continue
            if _counted_sample_word(value) or _INSTRUCTION.search(value):
                continue
            finding = self.make_finding(
                file.location(secret.line, secret.start + 1),
                snippet=snippet,
                confidence=None if secret.named else Confidence.HIGH,
                variable=secret.key or "value",
                kind=secret.kind,
                masked=secret.masked,
            )
            if development and secret.named and app_signing_key(secret.key):
                # NOTE: copied to run a developer's server, the app's own key signs only
                # that server's sessions; another service's credential works anywhere.
                finding = lower_for_context(finding, Severity.LOW, development)
            hosts = _database_hosts(secret)
            yield dataclasses.replace(finding, tags=(*finding.tags, *hosts))

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """A database URL to a service the project's compose files start with a database
        password of their own (`ProjectModel.compose_login_hosts`)."""
        hosts = [t.removeprefix(_HOST_TAG) for t in finding.tags if t.startswith(_HOST_TAG)]
        return bool(hosts) and all(h in project.compose_login_hosts() for h in hosts)


_HOST_TAG = "database-host:"
"""Tag of a database URL's finding with the URL's host, lower case."""


def _database_hosts(secret: TextSecret) -> tuple[str, ...]:
    """The tags naming the hosts of the database URLs a secret holds."""
    if secret.kind != DATABASE_URL_KIND:
        return ()
    return tuple(
        f"{_HOST_TAG}{url.host.lower()}"
        for url in find_credential_urls(secret.masked, placeholders=True)
        if url.is_database and url.host
    )


_URL_LOGIN = re.compile(r"://(?P<user>[^\s:/@]+):(?P<password>[^\s/@]+)@")


def _user_as_password(value: str) -> bool:
    """`postgres://shop:shop@db/shop`: the password is the user's name, the default an
    example sets up (a compose file's `POSTGRES_USER=shop`, `POSTGRES_PASSWORD=shop`)."""
    login = _URL_LOGIN.search(value)
    return login is not None and login["user"] == login["password"]


def _own_machine_database(secret: TextSecret) -> bool:
    """`postgres://jdoe:pa55wd@localhost/mydb`: the database the example tells each
    developer to make on their own machine, with the login it gives; it opens no one
    else's database."""
    return secret.kind == DATABASE_URL_KIND and local_credential_url(secret.masked)


def _spells_its_name(key: str, value: str) -> bool:
    """`EMAIL_HOST_PASSWORD=emailpassword123`: letters made only of the variable's own
    words (digits and separators aside) say what goes there, as `changeme` does."""
    words = sorted({w for w in re.split(r"[\W_]+", key.lower()) if len(w) > 1}, key=len)
    letters = re.sub(r"[\d\W_]+", "", value.lower())
    if not (words and letters):
        return False
    spelled = "(?:" + "|".join(re.escape(w) for w in reversed(words)) + ")+"
    return re.fullmatch(spelled, letters) is not None


_LEET = str.maketrans("013457@$", "oieastas")
_SAMPLE_WORDS = frozenset(
    {"secret", "password", "passwd", "pass", "changeme", "admin", "root", "default", "token"}
)


def _leet_word(value: str) -> bool:
    """`S3cret`, `P@ssw0rd`: a sample word with digits for letters, which says what goes
    there as `secret` does; no leaked key reads as a word."""
    return value != value.translate(_LEET) and value.lower().translate(_LEET) in _SAMPLE_WORDS


_COUNTED_SAMPLE = re.compile(r"(?:super|top|very)?(?P<word>[a-z]+)[-_.]?(?P<digits>\d*)")


def _counted_sample_word(value: str) -> bool:
    """`supersecret123456789`, `password123`: a sample word (after `super`, `top` or
    `very` at most) and digits counted up from one, the stand-in a developer types
    to fill a length; a real password is not a word followed by `123`."""
    match = _COUNTED_SAMPLE.fullmatch(value.lower())
    if match is None or match["word"] not in _SAMPLE_WORDS:
        return False
    digits = match["digits"]
    return any(count.startswith(digits) for count in ("1234567890", "0123456789"))


_INSTRUCTION = re.compile(
    r"(?:^|[-_. ])(?:must|should)[-_. ]be(?:[-_. ]|$)|(?:^|[-_. ])at[-_. ]least[-_. ]\d",
    re.IGNORECASE,
)
"""`must_be_at_least_16_chars`, `should-be-random`: the value says what goes there, as
`changeme` does."""
