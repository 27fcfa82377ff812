"""WW244: a `.env` file with secrets that is committed, or not ignored by git."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from webwarden.analysis.secrets import credential_kind, is_placeholder, mask
from webwarden.analysis.secrets.values import names_managed_key
from webwarden.discover.repository import EnvFileState, Repository
from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.module import TextFile
from webwarden.model.project import ProjectModel
from webwarden.parse.keyvalues import Entry, dotenv_entries
from webwarden.rules._compose_roles import development_compose
from webwarden.rules.base import ProjectRule
from webwarden.rules.secrets._development_mode import development_env
from webwarden.rules.secrets._text_secrets import TextSecret, find_text_secrets, masked_lines


def _secrets(text: str) -> list[TextSecret]:
    """Credential formats, URL passwords, and every non-placeholder value of a
    credential-named variable (in a real `.env`, `DB_PASSWORD=postgres` is a password)
    but a KMS key's name (`AUTH_KEY=alias/authnz-production`)."""
    entries = list(dotenv_entries(text))
    found = find_text_secrets(text, entries)
    spans = {(s.line, s.start) for s in found}
    for entry in entries:
        kind = credential_kind(entry.key)
        real = kind and entry.value.strip() and not is_placeholder(entry.value)
        if real and names_managed_key(entry.value):
            continue  # NOTE: a KMS key's alias or ARN: the key stays in the key service
        if kind and real and (entry.line, entry.start) not in spans:
            found.append(_plain(entry, kind))
    return sorted(found, key=lambda s: (s.line, s.start))


def _compose_development(project: ProjectModel, relpath: str) -> str:
    """`an env file of development compose files` when compose files hand the file to
    their services (`env_file:`) and every one of them starts a developer's containers
    (`development_compose`: running `manage.py runserver`, named for development)."""
    readers = project.compose_env_readers(relpath)
    if not readers or not all(
        development_compose(path, posixpath.basename(path), text) for path, text in readers
    ):
        return ""
    return "an env file of development compose files"


def _plain(entry: Entry, kind: str) -> TextSecret:
    return TextSecret(kind, entry.key, entry.line, entry.start, entry.end, mask(entry.value), True)


class EnvFileCommitted(ProjectRule):
    """## What it does
    Finds dotenv files (`.env`, `.env.production`, `prod.env`, `.env_local`, Docker's
    `env.list` and names such as `docker_env` that end in `_env` without an extension)
    holding secrets that are committed to git, or that git does not ignore (so `git add .` commits them). It asks
    git itself (`git ls-files`, `git check-ignore`), so a `.env` that was committed
    before it was added to `.gitignore` is found too; outside a git checkout it reads the
    `.gitignore` files. Example files (`.env.example`) are judged by WW245 and
    `.flaskenv` (public Flask CLI settings) by WW243.

    ## Why is this bad?
    A `.env` file is where the tutorial tells you to put the secrets *instead of* the
    code; committed, it is the same leak as a secret in the code, in every clone, fork
    and backup, for as long as the history exists.

    ## Known problems
    Files holding no secret (only `FLASK_APP=app.py`, `PORT=8000`, or the names of keys
    AWS KMS keeps, `AUTH_KEY=alias/authnz-production` or a key's ARN: the key material
    never leaves the key service) are not reported.
    A file named for development or tests, by its own name or its folder's (`dev.env`,
    `.env.development`, `.env.test`, `dev/.env`), or one running the app in development
    mode (a debug switch on, `DEBUG=True`, `FLASK_DEBUG=1`; an environment named for
    development, `FLASK_ENV=development`, `APP_ENV=local`; a development settings module),
    or one only compose files starting a developer's containers hand their services
    (`env_file: .docker-compose.env` beside a service running `manage.py runserver`),
    is reported at low severity, as a development settings module or compose file is:
    the values of a developer's machine or a test run, which no deployment reads.
    Run `git rm --cached .env` and rotate the values: removing the file in a new commit
    does not remove it from the history.

    ## Example
    ```bash
    SECRET_KEY=mysecurekey123-9f86d081884c
    DATABASE_URL=postgres://shop:Shop-2024!@db.internal/shop
    ```

    ## Fix
    ```bash
    # .env is listed in .gitignore; this file is .env.example
    SECRET_KEY=
    DATABASE_URL=
    ```

    ## Options
    `[tool.webwarden.secrets] git = false` stops webwarden from running git; only
    `.gitignore` files are then read.

    ## References
    - [CWE-538: Insertion of Sensitive Information into Externally-Accessible File or Directory](https://cwe.mitre.org/data/definitions/538.html)
    - [Flask: environment variables from dotenv](https://flask.palletsprojects.com/en/stable/cli/#environment-variables-from-dotenv)
    - [GitHub: removing sensitive data from a repository](https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository)
    """

    code = "WW244"
    name = "env-file-committed"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 538
    message = "`{path}` {status} and sets {count}: {names}"
    fix = "add it to `.gitignore` (and `git rm --cached` it if committed), then rotate the values"
    example_filename = ".env"
    needs_repository = True

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        repository = project.repository
        if repository is None:
            return
        for state in repository.env_files:
            finding = self._judge(project, repository, state)
            if finding is not None:
                yield finding

    def _judge(
        self, project: ProjectModel, repository: Repository, state: EnvFileState
    ) -> Finding | None:
        if state.ignored and not state.tracked:
            return None
        secrets = _secrets(state.text)
        if not secrets:
            return None
        if state.tracked:
            status, severity, confidence = "is committed to git", None, None
        elif repository.git:
            status, severity, confidence = "is not ignored by git", Severity.MEDIUM, None
        else:
            status, severity = "is not covered by any .gitignore", Severity.MEDIUM
            confidence = Confidence.MEDIUM
        first = secrets[0]
        snippet = masked_lines(TextFile.from_text(state.relpath, state.text), secrets)
        names = list(dict.fromkeys(s.key or s.kind for s in secrets))
        shown = ", ".join(f"`{n}`" for n in names[:4]) + (", ..." if len(names) > 4 else "")
        count = f"{len(secrets)} secret" + ("s" if len(secrets) > 1 else "")
        finding = self.make_finding(
            Location(state.relpath, first.line, first.start + 1),
            snippet=snippet[first.line],
            severity=severity,
            confidence=confidence,
            key=state.relpath,
            path=state.relpath.rsplit("/", 1)[-1],
            status=status,
            count=count,
            names=shown,
        )
        development = development_env(state.relpath, state.text) or _compose_development(
            project, state.relpath
        )
        return lower_for_context(finding, Severity.LOW, development) if development else finding
