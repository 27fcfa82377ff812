"""WW248: a tool's credential file (`.netrc`, `.pgpass`, `.npmrc`, `.pypirc`, AWS's
`credentials`, `.git-credentials`, `.htpasswd`) kept in the project."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Iterator

from webwarden.analysis.secrets import mask
from webwarden.discover.files import CREDENTIAL_STORE_PATTERNS
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import TextFile
from webwarden.model.secrets.snippets import mask_known
from webwarden.parse.credential_stores import (
    htpasswd_entries,
    mysql_option_entries,
    netrc_entries,
    npmrc_entries,
    pgpass_entries,
)
from webwarden.parse.keyvalues import Entry, ini_entries
from webwarden.rules.base import TextRule
from webwarden.rules.secrets._text_secrets import describe, secrets_with_snippets

Reader = Callable[[str], Iterable[Entry]]


def _none(text: str) -> Iterable[Entry]:
    return ()


_STORES: tuple[tuple[str, str, Reader], ...] = (
    (".netrc", "a `.netrc` file (curl, git, pip and requests log in with it)", netrc_entries),
    ("_netrc", "a `.netrc` file (curl, git, pip and requests log in with it)", netrc_entries),
    (".pgpass", "PostgreSQL's password file", pgpass_entries),
    (".npmrc", "npm's configuration", npmrc_entries),
    (".pypirc", "the configuration twine uploads to PyPI with", ini_entries),
    ("credentials", "a shared credentials file (AWS's `~/.aws/credentials`)", ini_entries),
    (".s3cfg", "s3cmd's configuration", ini_entries),
    (".boto", "boto's configuration", ini_entries),
    ("*.cnf", "a MySQL option file", mysql_option_entries),
    (".git-credentials", "git's credential store", _none),
)
_HTPASSWD = ("*htpasswd", "*htpassword")


class CredentialStoreFile(TextRule):
    """## What it does
    Finds credentials in the files tools keep them in, committed with the project:
    `.netrc` (curl, git, pip and requests send its `password` to the `machine` it
    names), PostgreSQL's `.pgpass` (`host:port:database:user:password`), npm's
    `.npmrc` (`//registry.npmjs.org/:_authToken=...`, `_auth`, `_password`), the
    `.pypirc` twine uploads with, AWS's shared `credentials` file, s3cmd's `.s3cfg`,
    boto's `.boto`, MySQL option files (`.my.cnf`, `[client] password=...`; not an
    OpenSSL configuration's sections, also kept in `.cnf` files) and
    `.git-credentials` (`https://user:token@github.com`): a credential format anywhere
    in them, a URL with a password, or a credential-named value that looks real. The
    password hashes of an `.htpasswd` file (HTTP basic authentication for Apache or
    nginx; also so named without the dot, or `htpassword`) are reported at medium severity, one finding per user, with the hash's
    scheme; one stored as plain text at high severity.

    ## Why is this bad?
    These files exist to hold credentials outside the code, in a user's home folder or
    on the server: committed, they give everyone with the repository the account they
    open (publishing the project's packages to PyPI or npm, the database, the cloud
    account). A hash from an `.htpasswd` file is cracked offline at the attacker's
    leisure: Apache's MD5 and unsalted SHA-1 at billions of guesses a second.

    ## Known problems
    Placeholders and references (`${NPM_TOKEN}`, which npm fills in from the
    environment, `changeme`, `<password>`, an empty or `*` field) are not reported.
    Files that git ignores are not scanned (see `respect-gitignore`), and those under
    test code are reported at low severity, as test code is. Secrets in other
    configuration files are WW243's, and in `.env` files WW244's.

    ## Example
    ```text
    //registry.npmjs.org/:_authToken=npm_4fG7kL2mQ9xR1tV8wZ3bN6cH0jD5sP
    ```

    ## Fix
    ```text
    //registry.npmjs.org/:_authToken=${NPM_TOKEN}
    ```
    Keep the credential in the CI's secret store or the user's home folder, remove the
    file from the repository and its history, and revoke the credential: the committed
    one must be taken as known.

    ## References
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [npm: using private packages in a CI/CD workflow](https://docs.npmjs.com/using-private-packages-in-a-ci-cd-workflow)
    - [PostgreSQL: the password file](https://www.postgresql.org/docs/current/libpq-pgpass.html)
    - [GitHub: removing sensitive data from a repository](https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository)
    """

    code = "WW248"
    name = "credential-store-file"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 798
    message = "{what} in {store}: `{masked}`"
    fix = "keep the credential out of the repository (CI secrets, the home folder) and revoke it"
    example_filename = ".npmrc"
    patterns = CREDENTIAL_STORE_PATTERNS

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        name = file.relpath.rsplit("/", 1)[-1]
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in _HTPASSWD):
            yield from self._hashes(file)
            return
        store = next((s for s in _STORES if fnmatch.fnmatchcase(name, s[0])), None)
        if store is None:
            return
        _, label, reader = store
        for secret, snippet in secrets_with_snippets(file, list(reader(file.text))):
            yield self.make_finding(
                file.location(secret.line, secret.start + 1),
                snippet=snippet,
                what=describe(secret),
                store=label,
                masked=secret.masked,
            )

    def _hashes(self, file: TextFile) -> Iterator[Finding]:
        for entry in htpasswd_entries(file.text):
            hashed = file.lines[entry.line - 1][entry.start : entry.end]
            plain = entry.value == "plain text"
            yield self.make_finding(
                file.location(entry.line, entry.start + 1),
                snippet=mask_known(file.lines[entry.line - 1].replace(hashed, mask(hashed))),
                severity=None if plain else Severity.MEDIUM,
                what=f"`{entry.key}`'s password ({entry.value})",
                store="an `.htpasswd` file",
                masked=mask(hashed),
            )
