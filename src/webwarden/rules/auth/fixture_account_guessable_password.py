"""WW714: a Django fixture row logging in with a password anyone can guess."""

from __future__ import annotations

import base64
import dataclasses
import fnmatch
import hashlib
import hmac
import json
import posixpath
import re
from collections.abc import Iterator, Mapping

from webwarden.analysis.secrets.values import DEFAULT_PASSWORDS
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.django.fixtures import FIXTURE_SUFFIXES, is_fixture, loaded_by_tests_only
from webwarden.model.module import TextFile
from webwarden.model.project import ProjectModel
from webwarden.model.roles import Role, role_of
from webwarden.parse.yaml_nodes import node_get, node_items, node_text
from webwarden.rules.auditing._dev_server import for_development
from webwarden.rules.auditing.development_server_deployed import service_for_development
from webwarden.rules.base import Framework, TextRule
from webwarden.rules.database._compose import compose_services

_BUDGET = 1_000_000
"""The PBKDF2 rounds one file may cost (about half a second here): a fixture of a few
accounts hashed with an old Django's 10,000 or 36,000 rounds is tried in full, one with
today's rounds (870,000 and more) only for its first guesses."""
_SALTED = frozenset({"sha1", "md5"})
_LOADDATA = re.compile(r"\bloaddata((?:\s+[^\s&;|'\"]+)+)")
_PRIVILEGED = "privileged"


class FixtureAccountGuessablePassword(TextRule):
    """## What it does
    Finds rows of a Django fixture (the `model`/`fields` list `loaddata` reads, JSON or
    YAML) whose `password` is a Django password hash (`pbkdf2_sha256`, `pbkdf2_sha1`,
    salted `sha1` or `md5`) of the row's own username, the local part of its e-mail
    address, `password`, or a well-known default (`admin`, `changeme`, `123456`): the
    hash is computed for each guess, within a budget of rounds per file. High for a
    superuser or staff row, medium for another; an inactive row is left alone. Low in a
    fixture named for development (`dev_users.json`), unless a compose service for no
    development runs `loaddata` on it (`command: sh -c "manage.py loaddata
    fixtures/*.json && ..."`), and in one only test cases load (`fixtures =
    ["users.json"]`). A fixture of test code (named for tests, `test.json`, or in a
    tests folder) is not read: its accounts are made for a test run, with passwords
    meant to be known (Wagtail's test fixtures give every account `password`).

    ## Why is this bad?
    `loaddata` puts the row in the database as it is: every site that loads the fixture
    (a start-up script, a quick-start compose file, a migration) has that account, and
    whoever reads the repository, or tries the usual guesses, logs in with it.

    ## Example
    ```json
    [{"model": "auth.user", "pk": 1, "fields": {"username": "admin", "is_superuser": true,
      "password": "pbkdf2_sha256$10000$pepper$UWKCPLz4AIbS68ZvDsCrlTtwhsQ0TM7bXieDTcyWupQ="}}]
    ```

    ## Fix
    ```json
    [{"model": "auth.user", "pk": 1, "fields": {"username": "admin", "is_superuser": true,
      "password": "!unusable"}}]
    ```

    ## References
    - [CWE-1392: Use of Default Credentials](https://cwe.mitre.org/data/definitions/1392.html)
    - [Django: providing initial data with fixtures](https://docs.djangoproject.com/en/stable/howto/initial-data/)
    """

    code = "WW714"
    name = "fixture-account-guessable-password"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 1392
    frameworks = frozenset({Framework.DJANGO})
    message = "fixture account `{account}` logs in with {guess}"
    fix = "give fixture accounts an unusable password (`!`) and create real ones with `createsuperuser`"
    example_filename = "fixtures/users.json"
    patterns = tuple(f"*{suffix}" for suffix in FIXTURE_SUFFIXES)

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low in a fixture only test cases load: the rows of a test database; a
        development fixture's as high as another's when a deployment loads it."""
        path = finding.location.path
        if loaded_by_tests_only(project, path):
            return lower_for_context(finding, Severity.LOW, "a fixture only tests load")
        if finding.severity is Severity.LOW and (compose := _deployment_loading(project, path)):
            raised = Severity.HIGH if _PRIVILEGED in finding.tags else Severity.MEDIUM
            context = f"a fixture `{compose}` loads"
            return dataclasses.replace(finding, severity=raised, context=context)
        return finding

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        name = file.relpath.rsplit("/", 1)[-1]
        if not is_fixture(name, file.text) or "password" not in file.text:
            return
        role = role_of(name.rpartition(".")[0])
        if _for_tests(file.relpath):
            return
        budget = [_BUDGET]
        written = _Positions(file.text)
        for fields in _rows(name, file.text):
            encoded = fields.get("password")
            if not isinstance(encoded, str) or fields.get("is_active") is False:
                continue
            line = written.next_line(encoded)
            guess = _guessed(encoded, fields, budget)
            if guess is None:
                continue
            account = str(fields.get("username") or fields.get("email") or "?")
            privileged = fields.get("is_superuser") is True or fields.get("is_staff") is True
            finding = self.make_finding(
                file.location(line, 1),
                severity=Severity.HIGH if privileged else Severity.MEDIUM,
                account=account,
                guess=guess,
            )
            if privileged:
                finding = dataclasses.replace(finding, tags=(_PRIVILEGED,))
            if role.is_development:
                finding = lower_for_context(finding, Severity.LOW, f"a {role} fixture")
            yield finding


def _rows(name: str, text: str) -> Iterator[Mapping[str, object]]:
    """The `fields` of each row of the fixture."""
    import yaml

    try:
        data = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError):
        return
    for row in data if isinstance(data, list) else ():
        fields = row.get("fields") if isinstance(row, dict) else None
        if isinstance(fields, dict):
            yield fields


def _guessed(encoded: str, fields: Mapping[str, object], budget: list[int]) -> str | None:
    """How the hash's password is guessed (`its username`), or None."""
    username = fields.get("username")
    email = fields.get("email")
    guesses: dict[str, str] = {}
    if isinstance(username, str) and username:
        guesses[username] = "its username as password"
    if isinstance(email, str) and "@" in email:
        guesses.setdefault(email.partition("@")[0], "its e-mail's name as password")
    for default in ("password", *sorted(DEFAULT_PASSWORDS)):
        guesses.setdefault(default, "a well-known default password")
    for password, said in guesses.items():
        if _matches(encoded, password, budget):
            return said
    return None


def _matches(encoded: str, password: str, budget: list[int]) -> bool:
    """Whether Django's `encoded` hash is that of `password` (False when its algorithm
    is not one read here, or the budget of rounds is spent)."""
    algorithm, _, rest = encoded.partition("$")
    parts = rest.split("$")
    if algorithm in {"pbkdf2_sha256", "pbkdf2_sha1"} and len(parts) == 3:
        rounds, salt, digest = parts
        if not rounds.isdigit() or int(rounds) > budget[0]:
            return False
        budget[0] -= int(rounds)
        made = hashlib.pbkdf2_hmac(
            algorithm.removeprefix("pbkdf2_"), password.encode(), salt.encode(), int(rounds)
        )
        return hmac.compare_digest(base64.b64encode(made).decode("ascii"), digest)
    if algorithm in _SALTED and len(parts) == 2:
        salt, digest = parts
        made_hex = hashlib.new(algorithm, (salt + password).encode(), usedforsecurity=False)
        return hmac.compare_digest(made_hex.hexdigest(), digest)
    return False


def _for_tests(relpath: str) -> bool:
    """A fixture of test code (`test.json`, `tests/fixtures/users.json`): accounts made
    for a test run, whose passwords are meant to be known."""
    stem = relpath.rpartition(".")[0]
    return any(role_of(part) is Role.TEST for part in stem.split("/"))


class _Positions:
    """Where each row's hash is written: rows are read in the order they are written, so
    the n-th row with a hash is at its n-th occurrence (test fixtures give many accounts
    the same hash)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.after: dict[str, int] = {}

    def next_line(self, value: str) -> int:
        """The 1-based line of `value`'s next occurrence (its last one when none is left)."""
        found = self.text.find(value, self.after.get(value, 0))
        if found < 0:
            found = max(self.text.rfind(value), 0)
        self.after[value] = found + len(value)
        return self.text.count("\n", 0, found) + 1


def _deployment_loading(project: ProjectModel, relpath: str) -> str:
    """The compose file one of whose services for no development runs `loaddata` with a
    label naming the fixture at `relpath` (a glob, a path, a name with or without its
    extension); "" when none does."""
    for compose in project.compose_files():
        if for_development(compose.relpath):
            continue
        for document in compose.documents:
            for service_name, service in compose_services(document):
                if for_development(service_name) or service_for_development(service):
                    continue
                for key in ("entrypoint", "command"):
                    value = node_get(service, key)
                    text = " ".join([node_text(value), *map(node_text, node_items(value))])
                    if any(_names(label, relpath) for label in _labels(text)):
                        return compose.relpath
    return ""


def _labels(command: str) -> Iterator[str]:
    for match in _LOADDATA.finditer(command):
        yield from (word for word in match.group(1).split() if not word.startswith("-"))


def _names(label: str, relpath: str) -> bool:
    """Whether a `loaddata` label names the fixture at `relpath`."""
    name = posixpath.basename(relpath)
    if "/" in label:
        return fnmatch.fnmatchcase(relpath, label) or fnmatch.fnmatchcase(relpath, f"*/{label}")
    return fnmatch.fnmatchcase(name, label) or name.partition(".")[0] == label
