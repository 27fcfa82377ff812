"""WW250: a Dockerfile that gives an account or a service a well-known default password."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from webwarden.analysis.secrets.mask import mask, mask_columns
from webwarden.analysis.secrets.values import DEFAULT_PASSWORDS, credential_kind
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.module import TextFile
from webwarden.rules.auditing._dev_server import declared_for_development, for_development
from webwarden.rules.auditing.development_server_deployed import DOCKERFILE_PATTERNS
from webwarden.rules.base import TextRule

_INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)\b")
_READ = frozenset({"RUN", "ENV", "ARG"})
_VALUE = r"""(?P<value>'[^'\n]*'|"[^"\n]*"|[^\s;&|'"\\]+)"""
_OPTION = re.compile(r"(?<![\w-])--(?P<name>[A-Za-z][\w-]*)(?:=|[ \t]+)" + _VALUE)
_ASSIGNMENT = re.compile(r"(?<![\w-])(?P<name>[A-Za-z_]\w*)=" + _VALUE)
_ENV_PAIR = re.compile(r"^\s*ENV[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]+" + _VALUE + r"\s*$", re.I)
_CONTINUED = re.compile(r"\\[ \t]*$")
_WANTED_KIND = "a password"


class DockerfileDefaultPassword(TextRule):
    """## What it does
    Finds a Dockerfile that gives a well-known default password (`admin`, `root`,
    `changeme`, `123456`, ...) to an option or a variable named for a password: a `RUN`
    step creating an account (`RUN flask create-admin --password admin`, `RUN
    DJANGO_SUPERUSER_PASSWORD=admin python manage.py createsuperuser --noinput`), or an
    `ENV` or `ARG` default every container of the image starts with (`ENV
    ADMIN_PASSWORD=changeme`). WW246 judges such values in Python code; WW243 leaves
    them out of configuration files, as they do not look like a working secret.

    ## Why is this bad?
    The account is in every image built from the file, and in every container started
    from it, with a password the Dockerfile publishes: the first thing an attacker, or a
    worm, tries on the login form of an exposed container is `admin`/`admin`. Nobody is
    asked to change it, since the image works as built.

    ## Known problems
    A password given by another name (`--secret`, `-p admin`) or inside a script the
    step runs (`python -c "create_superuser('admin', ..., 'admin')"`) is not read. A
    Dockerfile for development (`Dockerfile.dev`, a `.devcontainer/` folder, or one whose
    opening comment says it is for development only) is reported at low severity.

    ## Example
    ```text
    FROM python:3.12-slim
    COPY . /app
    RUN pip install /app && portal adduser --username admin --password admin
    CMD ["gunicorn", "portal:app"]
    ```

    ## Fix
    ```text
    FROM python:3.12-slim
    COPY . /app
    RUN pip install /app
    CMD ["gunicorn", "portal:app"]
    ```
    Create the first account when the container first starts, with a password the
    deployment gives it (a Docker secret, or a variable set at `docker run`), or make the
    application ask for one on the first visit.

    ## References
    - [CWE-1392: Use of Default Credentials](https://cwe.mitre.org/data/definitions/1392.html)
    - [Docker: build secrets](https://docs.docker.com/build/building/secrets/)
    - [OWASP: Secrets Management Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html)
    """

    code = "WW250"
    name = "dockerfile-default-password"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 1392
    message = "`{target}` is given a well-known default password in the image: `{value}`"
    """The value is masked like every secret's (`****`): the line shows where."""
    fix = "let each deployment set the password (a secret given at run time), not the image"
    example_filename = "Dockerfile"
    patterns = DOCKERFILE_PATTERNS

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        development = for_development(file.relpath) or declared_for_development(file.lines)
        for number, line in _instruction_lines(file.lines):
            for target, start, end, value in _defaults(line):
                finding = self.make_finding(
                    file.location(number, start + 1),
                    snippet=mask_columns(line, start, end, value),
                    target=target,
                    value=mask(value),
                )
                if development:
                    reason = f"development Dockerfile {file.relpath}"
                    finding = lower_for_context(finding, Severity.LOW, reason)
                yield finding


def _instruction_lines(lines: Sequence[str]) -> Iterator[tuple[int, str]]:
    """(1-based number, text) of each line of the `RUN`, `ENV` and `ARG` instructions,
    continued lines (`\\` at a line's end) included; comment lines left out."""
    keyword = ""
    continued = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        if not continued:
            match = _INSTRUCTION.match(line)
            keyword = match.group(1).upper() if match else ""
        if keyword in _READ:
            yield number, line
        continued = bool(_CONTINUED.search(line))


def _defaults(line: str) -> Iterator[tuple[str, int, int, str]]:
    """(shown target, start, end, value) of each default password the line gives an
    option (`--password admin`) or a variable (`ADMIN_PASSWORD=admin`, `ENV
    ADMIN_PASSWORD admin`) named for a password."""
    found = [(m, "--{}") for m in _OPTION.finditer(line)]
    found += [(m, "{}") for m in _ASSIGNMENT.finditer(line)]
    found += [(m, "{}") for m in _ENV_PAIR.finditer(line)]
    seen: set[int] = set()
    for match, shown in found:
        name, value = match.group("name"), match.group("value")
        start = match.start("value")
        plain = value.strip("'\"")
        if start in seen or plain.lower() not in DEFAULT_PASSWORDS:
            continue
        if credential_kind(name.replace("-", "_")) != _WANTED_KIND:
            continue
        seen.add(start)
        yield shown.format(name), start, match.end("value"), plain
