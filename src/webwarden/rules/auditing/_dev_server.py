"""Command lines that start a framework's development server, and the deployment files
that hold them: a Dockerfile's `CMD`/`ENTRYPOINT` of the stage it builds by default, a
Procfile's `web:` process, a compose service's `command:`/`entrypoint:`.

`flask run`, `python -m flask run`, `python manage.py runserver`, `django-admin
runserver`, `python -m django runserver` (and django-extensions' `runserver_plus`),
written bare, after `&&` or `;`, behind `exec`, `env`, `VAR=value`, a runner
(`uv run`, `poetry run`, `pipenv run`) or inside `sh -c "..."`.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

_SEPARATORS = frozenset({"&&", "||", ";", "|", "&"})
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh"})
_PREFIXES = frozenset({"exec", "env", "nohup", "time", "command"})
_RUNNERS = frozenset({"uv", "poetry", "pipenv", "pdm", "hatch", "rye"})
_PYTHON = re.compile(r"python[\d.]*$")
_FLASK_VALUED = frozenset({"--app", "-A", "-e", "--env-file"})
_DJANGO_SERVERS = frozenset({"runserver", "runserver_plus"})
TRUE_WORDS = frozenset({"1", "true", "yes", "on", "t", "y"})
"""How an environment variable is switched on (`FLASK_DEBUG=1`, `DEBUG=True`)."""
_DEBUG_VARIABLES = {
    "flask": ("FLASK_DEBUG",),
    "django": ("DEBUG", "DJANGO_DEBUG"),
    "manage.py": ("DEBUG", "DJANGO_DEBUG", "FLASK_DEBUG"),
}
_ASSIGNMENT = re.compile(r"^([A-Za-z_]\w*)=(.*)$", re.DOTALL)
_DEVELOPMENT_WORDS = frozenset(
    {
        "dev",
        "devel",
        "develop",
        "development",
        "devcontainer",
        "local",
        "override",
        "test",
        "tests",
        "testing",
        "ci",
        "e2e",
        "debug",
        "example",
        "examples",
        "sample",
        "demo",
        "tutorial",
    }
)
"""Words of a file's path, a build stage's or a service's name that say it is meant
for a developer's machine, tests or a demonstration (`Dockerfile.dev`,
`docker-compose.override.yml`, `.devcontainer/Dockerfile`, a stage `AS development`)."""
_WORD = re.compile(r"[a-z0-9]+")


_CI_FOLDERS = frozenset({".github", ".gitlab", ".circleci", ".buildkite", ".woodpecker"})
"""Folders of a CI service's configuration: a compose file or a Dockerfile there
(`.github/docker-compose-github.yml`) starts the services a workflow's tests run against."""


def for_development(name: str) -> bool:
    """Whether a path or a name says it is meant for development, tests or a demo, or a
    path lies in a CI service's folder."""
    if any(part in _CI_FOLDERS for part in name.lower().split("/")[:-1]):
        return True
    return any(word in _DEVELOPMENT_WORDS for word in _WORD.findall(name.lower()))


@dataclass(frozen=True, slots=True)
class DevServer:
    """A development server a command line starts."""

    framework: str
    """`flask`, `django`, or `manage.py`: a `runserver` command that Django's
    `manage.py` has, and Flask-Script's too."""
    command: str
    """The command that starts it, as written (`flask run --host 0.0.0.0`)."""
    debug: bool
    """`--debug` or `FLASK_DEBUG=1`/`DEBUG=1` on the command line itself."""
    debug_variables: tuple[str, ...] = field(default=())
    """The variables whose truthy value in the environment puts it in debug mode."""


def split_words(command: str) -> list[str]:
    """A shell command's words; on unbalanced quotes, the whitespace-separated words."""
    try:
        return shlex.split(command, comments=True)
    except ValueError:
        return command.split()


def dev_server(words: Sequence[str]) -> DevServer | None:
    """The development server the command (its words, as an exec-form list or split
    from a shell line) starts, if any."""
    for segment in _segments(words):
        found = _segment_server(segment)
        if found is not None:
            return found
    return None


def starts_compose(words: Sequence[str]) -> bool:
    """Whether the command runs Docker Compose (`docker-compose up db`, `docker compose
    --profile db up`, `podman-compose`): a Procfile that does is run by a process manager
    (foreman, honcho, overmind) on a developer's machine, as a platform gives each process
    a container of its own with no engine to start others."""
    for segment in _segments(words):
        found, _ = _unwrapped(segment)
        head = found[0].rsplit("/", 1)[-1] if found else ""
        if head in {"docker-compose", "podman-compose"}:
            return True
        if head in {"docker", "podman"}:
            rest = [word for word in found[1:] if not word.startswith("-")]
            if rest[:1] == ["compose"]:
                return True
    return False


def _segments(words: Sequence[str]) -> Iterator[list[str]]:
    current: list[str] = []
    for word in words:
        if word in _SEPARATORS:
            yield current
            current = []
        elif word.endswith(";") and len(word) > 1:
            current.append(word[:-1])
            yield current
            current = []
        else:
            current.append(word)
    yield current


def _segment_server(segment: list[str]) -> DevServer | None:
    words, environment = _unwrapped(segment)
    if not words:
        return None
    head = words[0].rsplit("/", 1)[-1]
    if head in _SHELLS:
        script = _shell_script(words[1:])
        return dev_server(split_words(script)) if script is not None else None
    rest = words[1:]
    framework = ""
    if _PYTHON.match(head):
        while rest and rest[0].startswith("-") and rest[0] != "-m":
            rest = rest[1:]
        if len(rest) >= 2 and rest[0] == "-m" and rest[1] in {"flask", "django"}:
            framework, rest = rest[1], rest[2:]
        elif rest and rest[0].rsplit("/", 1)[-1] == "manage.py":
            framework, rest = "manage.py", rest[1:]
    elif head == "flask":
        framework = "flask"
    elif head == "manage.py":
        framework = "manage.py"
    elif head in {"django-admin", "django-admin.py"}:
        framework = "django"
    if not framework or not _starts_server(framework, rest):
        return None
    variables = _DEBUG_VARIABLES[framework]
    debug = "--debug" in rest if framework == "flask" else False
    debug = debug or any(environment.get(v, "").strip().lower() in TRUE_WORDS for v in variables)
    return DevServer(framework, " ".join(words), debug, variables)


def _unwrapped(segment: list[str]) -> tuple[list[str], dict[str, str]]:
    """The segment without its leading `VAR=value`s, `exec`/`env` and runners, with the
    variables it sets."""
    words = list(segment)
    environment: dict[str, str] = {}
    while words:
        assignment = _ASSIGNMENT.match(words[0])
        if assignment is not None:
            environment[assignment.group(1)] = assignment.group(2)
            words = words[1:]
        elif words[0] in _PREFIXES:
            words = words[1:]
        elif words[0] in _RUNNERS and len(words) > 1 and words[1] == "run":
            words = words[2:]
            while words and words[0].startswith("-"):
                words = words[1:]
        else:
            break
    return words, environment


def _shell_script(arguments: list[str]) -> str | None:
    """The script of `sh -c SCRIPT` (`-ec`, `-xc` too)."""
    for index, word in enumerate(arguments):
        if word.startswith("-") and not word.startswith("--") and "c" in word[1:]:
            return arguments[index + 1] if index + 1 < len(arguments) else None
        if not word.startswith("-"):
            return None
    return None


def _starts_server(framework: str, rest: list[str]) -> bool:
    """Whether the framework's command, given these arguments, runs its server."""
    index = 0
    while index < len(rest) and rest[index].startswith("-"):
        valued = framework == "flask" and rest[index] in _FLASK_VALUED
        index += 2 if valued else 1
    if index >= len(rest):
        return False
    if framework == "flask":
        return rest[index] == "run"
    return rest[index] in _DJANGO_SERVERS


@dataclass(frozen=True, slots=True)
class Instruction:
    """A Dockerfile's `CMD` or `ENTRYPOINT`: its words and the line it starts on."""

    words: tuple[str, ...]
    line: int
    exec_form: bool


@dataclass(slots=True)
class Stage:
    """One `FROM` of a Dockerfile, with what it sets and what it inherits."""

    name: str
    cmd: Instruction | None = None
    entrypoint: Instruction | None = None
    environment: dict[str, str] = field(default_factory=dict)
    environment_lines: dict[str, int] = field(default_factory=dict)
    """The line of the `ENV` instruction that set each variable last."""


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(first line, text) of each instruction, continuation lines joined; comments and
    blank lines dropped."""
    start, parts = 0, list[str]()
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not parts):
            continue
        if not parts:
            start = number
        if stripped.endswith("\\"):
            parts.append(stripped[:-1])
            continue
        parts.append(stripped)
        yield start, " ".join(parts)
        parts = []
    if parts:
        yield start, " ".join(parts)


def final_stage(text: str) -> Stage | None:
    """The stage `docker build` builds without `--target`, with the `CMD`, `ENTRYPOINT`
    and `ENV` it sets or inherits from an earlier stage it is built `FROM`."""
    stages: dict[str, Stage] = {}
    stage: Stage | None = None
    for line, instruction in logical_lines(text):
        keyword, _, value = instruction.partition(" ")
        keyword = keyword.upper()
        value = value.strip()
        if keyword == "FROM":
            stage = _new_stage(value, stages)
        elif stage is None:
            continue
        elif keyword in {"CMD", "ENTRYPOINT"}:
            parsed = _instruction(value, line)
            if keyword == "CMD":
                stage.cmd = parsed
            else:
                stage.entrypoint, stage.cmd = parsed, None
        elif keyword == "ENV":
            pairs = _env_pairs(value)
            stage.environment.update(pairs)
            stage.environment_lines.update(dict.fromkeys(pairs, line))
    return stage


def _new_stage(value: str, stages: dict[str, Stage]) -> Stage:
    words = [w for w in value.split() if not w.startswith("--")]
    name = words[2] if len(words) >= 3 and words[1].lower() == "as" else ""
    base = stages.get(words[0].lower()) if words else None
    stage = Stage(name)
    if base is not None:
        stage.cmd, stage.entrypoint = base.cmd, base.entrypoint
        stage.environment = dict(base.environment)
        stage.environment_lines = dict(base.environment_lines)
    if name:
        stages[name.lower()] = stage
    return stage


def _instruction(value: str, line: int) -> Instruction:
    if value.startswith("["):
        try:
            loaded = json.loads(value)
        except ValueError:
            loaded = None
        if isinstance(loaded, list) and all(isinstance(item, str) for item in loaded):
            return Instruction(tuple(loaded), line, exec_form=True)
    return Instruction(tuple(split_words(value)), line, exec_form=False)


def _env_pairs(value: str) -> dict[str, str]:
    words = split_words(value)
    if words and "=" not in words[0]:
        return {words[0]: " ".join(words[1:])}
    pairs = (_ASSIGNMENT.match(word) for word in words)
    return {match.group(1): match.group(2) for match in pairs if match is not None}


def stage_server(stage: Stage) -> tuple[DevServer, Instruction] | None:
    """The development server the stage's container starts, and the instruction that
    names it: its `ENTRYPOINT`, its `CMD` (run by an entrypoint script's `exec "$@"`),
    or the two together in exec form (`ENTRYPOINT ["flask"]` + `CMD ["run"]`)."""
    entrypoint, cmd = stage.entrypoint, stage.cmd
    for instruction in (entrypoint, cmd):
        if instruction is not None:
            found = dev_server(instruction.words)
            if found is not None:
                return found, instruction
    if entrypoint is not None and cmd is not None and entrypoint.exec_form:
        found = dev_server((*entrypoint.words, *cmd.words))
        if found is not None:
            return found, cmd
    return None


def debug_in(environment: dict[str, str], server: DevServer) -> bool:
    """Whether the environment given turns the server's debug mode on."""
    return any(switched_on(environment.get(v, "")) for v in server.debug_variables)


def switched_on(value: str) -> bool:
    """Whether a variable's value, quoted or not, switches it on (`1`, `"true"`)."""
    return unquoted(value).lower() in TRUE_WORDS


def unquoted(value: str) -> str:
    """A variable's value as a deployment file writes it, without blanks and quotes
    (`"true"` -> `true`)."""
    return value.strip().strip("\"'")


_HEADER_CLAIMS = (
    re.compile(r"\b(?:only|solely|exclusively)\b.{0,40}\b(?:development|testing)\b"),
    re.compile(r"\b(?:development|testing)\s+(?:purposes\s+)?only\b"),
    re.compile(r"\bnot\b.{0,30}\b(?:for|in)\b.{0,20}\bproduction\b"),
)
"""What a file's header comment says of the file when it is for a developer's machine
only: `intended solely for local development`, `for development only`, `not for use in
production`."""
_DIRECTIVE = re.compile(r"#\s*(?:syntax|escape|check)\s*=", re.IGNORECASE)


def declared_for_development(lines: Sequence[str]) -> bool:
    """Whether the comment lines opening a file (before its first instruction or key;
    not a Dockerfile's parser directives, `# syntax=...`) say that the file is meant for
    development only."""
    header: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        if not _DIRECTIVE.match(stripped):
            header.append(stripped.lstrip("#").strip())
    text = " ".join(header).lower()
    return any(
        claim.search(sentence) for sentence in re.split(r"[.!?;]", text) for claim in _HEADER_CLAIMS
    )
