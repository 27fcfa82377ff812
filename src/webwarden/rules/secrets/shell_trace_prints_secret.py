"""WW253: a shell script tracing its commands (`set -x`) while it expands a secret."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.analysis.secrets.values import credential_kind
from webwarden.discover.files import ENTRYPOINT_SCRIPTS
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import TextFile, identifier_words
from webwarden.rules.base import TextRule

_TRACE = re.compile(
    r"^\s*(?:\{\s*)?set\s+(?:(?P<on>-[a-zA-Z]*x[a-zA-Z]*|-o\s+xtrace)"
    r"|(?P<off>\+[a-zA-Z]*x[a-zA-Z]*|\+o\s+xtrace))(?=\s|;|$)"
)
"""`set -x`, `set -euxo pipefail`, `set -o xtrace`; `set +x`, also as `{ set +x; } 2>/dev/null`."""
_SHEBANG_TRACE = re.compile(r"^#!\S*(?:\s+\S+)*?\s+-[a-zA-Z]*x[a-zA-Z]*\s*$")
_HEREDOC = re.compile(r"(?<!<)<<(?!<)-?\s*(['\"]?)(?P<word>[A-Za-z_][A-Za-z0-9_]*)\1")
_ASSIGNMENT = re.compile(
    r"^\s*(?:(?:export|local|readonly|declare(?:\s+-\w+)*)\s+)?(?P<name>[A-Za-z_]\w*)=(?P<value>\S)"
)
_DATABASE_URL_WORDS = (frozenset({"db", "database"}), frozenset({"url", "uri", "dsn"}))


_SHELL_DIRECTORIES = frozenset({"PWD", "OLDPWD"})
"""Variables the shell itself keeps: the working directory and the one before it, not a
password abbreviated."""


def _secret_kind(name: str) -> str | None:
    """What a variable's name says it holds, when that is a secret: a credential
    (`DB_PASSWORD`, `API_TOKEN`), or a database URL, whose password it carries
    (`DATABASE_URL`, `DB_URI`, `DBURI`); not the shell's `$PWD` and `$OLDPWD`."""
    if name in _SHELL_DIRECTORIES:
        return None
    kind = credential_kind(name)
    if kind is not None:
        return kind
    words = set(identifier_words(name))
    databases, links = _DATABASE_URL_WORDS
    if words & {"dburi", "dburl", "dsn"} or (words & databases and words & links):
        return "a database URL"
    return None


class ShellTracePrintsSecret(TextRule):
    """## What it does
    Finds shell scripts (`*.sh`, `*.bash`, an image's `entrypoint`) that turn on command
    tracing (`set -x`, `set -ex`, `set -o xtrace`, or `-x` on the `#!` line) and, before
    turning it off again (`set +x`), expand a variable whose name says it holds a secret
    (`$DB_PASSWORD`, `${API_TOKEN}`, `$password`) or a database URL with its password
    (`$DATABASE_URL`, `$DBURI`), or set one from another value (`password=$(...)`,
    `DBURI=$1`; not `$PWD` or `$OLDPWD`, the directories the shell keeps). One finding
    per variable, where it is first traced. Not a value
    written in the script itself (WW243 reports it), nor what a here-document holds
    (the shell traces the command, not the document), nor text in single quotes.

    ## Why is this bad?
    With tracing on, the shell prints every command to stderr after expanding it:
    `+ mysql -u app --password=s3cr3t shop`. That output goes wherever the script's
    errors go: the CI job's log, the container platform's log store, a cron mail. The
    secret is then readable by everyone who can read those logs, and kept as long as
    they are.

    ## Example
    ```bash
    #!/bin/bash
    set -ex
    mysqldump -h "$DB_HOST" -u "$DB_USER" --password="$DB_PASSWORD" shop > backup.sql
    ```

    ## Fix
    ```bash
    #!/bin/bash
    set -e
    export MYSQL_PWD="$DB_PASSWORD"
    set -x
    mysqldump -h "$DB_HOST" -u "$DB_USER" shop > backup.sql
    ```
    Turn tracing off (`set +x`) around the commands that take a secret, or hand the
    secret through the environment or a file the tool reads (`MYSQL_PWD`, `PGPASSFILE`,
    `--password-stdin`) so that no traced command line holds it.

    ## References
    - [CWE-532: Insertion of Sensitive Information into Log File](https://cwe.mitre.org/data/definitions/532.html)
    - [Bash manual: the set builtin (`-x`)](https://www.gnu.org/software/bash/manual/html_node/The-Set-Builtin.html)
    """

    code = "WW253"
    name = "shell-trace-prints-secret"
    practice = Practice.SECRETS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 532
    message = "`{trace}` prints `${variable}` ({kind}) to the log, expanded"
    fix = "turn tracing off (`set +x`) around it, or hand the secret through the environment"
    example_filename = "scripts/backup.sh"
    patterns = ("*.sh", "*.bash", *ENTRYPOINT_SCRIPTS)

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        trace = ""
        if file.lines and _SHEBANG_TRACE.match(file.lines[0]):
            trace = file.lines[0].strip()
        reported: set[str] = set()
        heredoc = ""
        for number, line in enumerate(file.lines, start=1):
            if heredoc:
                heredoc = "" if line.strip() == heredoc else heredoc
                continue
            if (switch := _TRACE.match(line)) is not None:
                shown = line.strip().lstrip("{").split(";")[0]
                trace = "" if switch["off"] else " ".join(shown.split())
                continue
            found = _HEREDOC.search(_unquoted(line))
            heredoc = found["word"] if found else ""
            if not trace or line.lstrip().startswith("#"):
                continue
            for name, column in _traced(line):
                kind = _secret_kind(name)
                if kind is None or name in reported:
                    continue
                reported.add(name)
                yield self.make_finding(
                    file.location(number, column),
                    snippet=line,
                    trace=trace,
                    variable=name,
                    kind=kind,
                )


_EXPANSION = re.compile(r"\$(?:\{(?P<braced>[A-Za-z_]\w*)|(?P<bare>[A-Za-z_]\w*))")


def _traced(line: str) -> Iterator[tuple[str, int]]:
    """The variables whose values the traced line shows, with their 1-based columns: each
    one expanded outside single quotes (not `${#name}`, its length), and the one a line
    sets from an expansion (`password=$(...)`, `DBURI=$1`), traced as `+ DBURI=<value>`."""
    assigned = _ASSIGNMENT.match(line)
    if assigned is not None and "$" in line[assigned.end("name") :]:
        yield assigned["name"], assigned.start("name") + 1
    masked = _unquoted(line)
    for match in _EXPANSION.finditer(masked):
        yield match["braced"] or match["bare"], match.start() + 1


def _unquoted(line: str) -> str:
    """The line with what single quotes hold (outside double quotes) and a trailing
    comment blanked, columns kept: no expansion happens there."""
    out: list[str] = []
    single = double = False
    for index, char in enumerate(line):
        if single:
            single = char != "'"
            out.append(" ")
            continue
        if char == "'" and not double:
            single = True
        elif char == '"' and (index == 0 or line[index - 1] != "\\"):
            double = not double
        elif char == "#" and not double and (index == 0 or line[index - 1] in " \t"):
            out.extend(" " * (len(line) - index))
            break
        out.append(char)
    return "".join(out)
