"""Compose files that start containers on a developer's machine or a CI runner, not a
deployment: named for development or tests, or running a framework's development
server, an idle container, the app in development mode, or images built for
development (see `development_compose`)."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from webwarden.analysis.secrets.ci_jobs import TEST_RUN
from webwarden.model.compose_env_files import env_file_paths
from webwarden.model.compose_files import is_compose_file
from webwarden.model.module import role_words
from webwarden.model.roles import Role, role_of
from webwarden.parse.keyvalues import YamlProblem, yaml_documents
from webwarden.parse.yaml_nodes import node_get, node_mapping, node_text
from webwarden.rules.database._compose import (
    Build,
    built_dockerfiles,
    compose_services,
    environment_entries,
    service_commands,
)
from webwarden.rules.secrets._development_mode import development_mode

if TYPE_CHECKING:
    import yaml

DEV_SERVER = re.compile(
    r"(?:\bmanage\.py|\bdjango-admin)[ \t]+run(?:ssl)?server(?:_plus)?\b"
    r"|\bflask(?:[ \t]+\S+)*?[ \t]+run\b"
)
"""Django's and Flask's development servers started by a service's `command` (also
django-sslserver's `runsslserver` and django-extensions' `runserver_plus`)."""
_TEST_FOLDER_WORDS = frozenset({"test", "tests", "testing", "e2e"})
"""Words naming a folder of tests (`tests/`, `test_project/`, `e2e/`): a compose file
there starts what the test suite talks to, on a developer's machine or a CI runner."""


def _in_test_folder(relpath: str) -> bool:
    return any(
        _TEST_FOLDER_WORDS.intersection(role_words(folder)) for folder in relpath.split("/")[:-1]
    )


_PROJECT_NAME = re.compile(r"""^name:[ \t]*["']?(?P<name>[\w.-]+)["']?[ \t]*(?:#.*)?$""", re.M)
"""A compose file's top-level `name:`, the project its containers are grouped under
(`name: shop-dev`): named for development or tests, as a file can be."""
_IDLE = re.compile(
    r"(?:(?:/bin/)?(?:ba)?sh[ \t]+-c[ \t]+)?([\"']?)"
    r"(?:(?:/usr)?(?:/bin/)?tail[ \t]+-f[ \t]+/dev/null"
    r"|(?:/usr)?(?:/bin/)?sleep[ \t]+infinity"
    r"|while[ \t]+sleep[ \t]+\d+;[ \t]*do[ \t]+:;[ \t]*done)\1"
)
"""A command that only keeps its container running (`sleep infinity`, `tail -f
/dev/null`, Dev Containers' `while sleep 1000; do :; done`): nothing is served until a
developer opens a shell in it and starts the app by hand."""


@functools.lru_cache(maxsize=64)
def development_compose(relpath: str, name: str, text: str) -> str:
    """`a development compose file` for a compose file named for development or tests,
    itself or by its folder (`docker-compose.dev.yml`, `compose.ci.yaml`,
    `dev/docker-compose.yml`; also a folder of tests anywhere above it,
    `test_project/docker-compose.yml`) or by the project it names (`name: shop-dev`), or
    declaring only networks so named (`networks: {shop-dev: {name: shop-dev}}`, the
    network a developer's containers share), as settings modules are, or one that runs a framework's
    development server (`manage.py runserver`, `flask run`), which no deployment serves
    with, or keeps a container idle (`sleep infinity`), or runs the test suite in a
    service (`command: make test`, `pytest`), which no deployment does, or
    whose services read their environment from env files each named for development,
    by itself or its folder (`env_file: env.d/development/postgresql`, `.env.dev`), the
    values a developer's containers run with, or that hands its services' mail to a mail
    catcher it runs (`EMAIL_HOST=mailhog` beside `image: mailhog/mailhog`), which
    delivers none: it starts containers on a developer's machine or a CI runner; "" for any other
    file. A YAML file of another name is taken as a compose file by its content (a
    top-level `services:` whose entries have an `image:` or a `build:`), named for
    development or tests by its own name only (`ci.yml` that a CI job starts with
    `docker compose -f ci.yml`; not `dev/app.yaml`)."""
    if is_compose_file(name):
        role = role_of(name.rpartition(".")[0], relpath=relpath)
    elif name.endswith((".yml", ".yaml")) and laid_out_as_compose(text):
        role = role_of(name.rpartition(".")[0])
    else:
        return ""
    if role.is_development:
        return f"a {role} compose file"
    if is_compose_file(name) and _in_test_folder(relpath):
        return "a compose file of a test folder"
    project = _PROJECT_NAME.search(text)
    named = role_of(project["name"], documentation=False) if project else Role.UNSPECIFIED
    if named.is_development:
        return f"a {named} compose project"
    network = _network_role(text)
    if network is not None:
        return f"a compose file on a {network} network"
    if DEV_SERVER.search(text):
        return "a compose file running a development server"
    if kept_out_of_production(text):
        return "a compose file its comments keep out of production"
    if _idles(text):
        return "a compose file keeping a container idle for a developer's shell"
    if _runs_tests(text):
        return "a compose file running the test suite"
    if development_mode(text):
        return "a compose file running the app in development mode"
    if _development_env_files(text):
        return "a compose file configuring its services from development env files"
    if _mails_to_catcher(text):
        return "a compose file sending its services' mail to a mail catcher"
    image = _image_role(text)
    return f"a compose file building {image} images" if image else ""


_HEADER_COMMENT = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n)+")
_NOT_FOR_PRODUCTION = re.compile(
    r"\bnot\s+(?:\w+\s+){0,2}?(?:suitable|intended|meant|safe|ready|designed|fit|recommended)"
    r"(?:\s+to\s+be\s+(?:used|run|deployed))?\s+(?:for|in)\s+(?:\w+\s+)?production\b"
    r"|\b(?:do\s+not|don't|never)\s+(?:use|deploy|run)\s+(?:\w+\s+){0,3}?(?:in|for|to)\s+production\b"
    r"|\bnot\s+for\s+production\b",
    re.IGNORECASE,
)
"""A comment saying the file is not for production (`not suitable for production
usage`, `do not use this file in production`, `NOT FOR PRODUCTION`)."""
_FOR_DEVELOPMENT = re.compile(
    r"\bthis\s+(?:[\w-]+\s+){0,3}?is\s+(?:only\s+|meant\s+|intended\s+|used\s+)*for\s+"
    r"(?:the\s+|a\s+|your\s+)?(?:local\s+)?development\b"
    r"|\b(?:for|in)\s+(?:local\s+)?development\s+(?:(?:use|purposes)\s+)?only\b"
    r"|\bonly\s+for\s+(?:local\s+)?development\b",
    re.IGNORECASE,
)
"""A comment saying the file itself is for development (`This configuration file is for
the **development** setup`, `for local development only`); not one pointing elsewhere
for it (`for development, use compose.dev.yaml`)."""


def kept_out_of_production(text: str) -> bool:
    """Whether the comment lines a file starts with say it is not for production (`#
    intended for trying out the project locally and absolutely not suitable for production
    usage`) or that it is for development (`# This configuration file is for the
    **development** setup.`): its authors keep it to a developer's machine, as a file
    named for development is."""
    header = _HEADER_COMMENT.match(text)
    if header is None:
        return False
    words = " ".join(line.lstrip(" \t#") for line in header[0].splitlines())
    words = words.replace("*", "").replace("`", "")  # NOTE: Markdown emphasis, `**development**`
    return any(pattern.search(words) for pattern in (_NOT_FOR_PRODUCTION, _FOR_DEVELOPMENT))


def _network_role(text: str) -> Role | None:
    """The role of the networks a compose file declares at its top level, when each is
    named for development or tests, by its key or its `name:` (`open-forms-dev`, the
    network a project's development containers share); None otherwise."""
    documents = _parsed(text)
    if documents is None:
        return None
    names = [
        node_text(node_get(network, "name")) or key
        for document in documents
        for key, network in (node_mapping(node_get(document, "networks")) or {}).items()
    ]
    roles = {role_of(name.replace("-", "_")) for name in names}
    if not roles or not all(role.is_development for role in roles):
        return None
    return Role.DEVELOPMENT if Role.DEVELOPMENT in roles else Role.TEST


def _development_env_files(text: str) -> bool:
    """Whether the services of a compose file name env files, each named for development
    or tests by its name or a folder (`env.d/development/common`, `.env.dev`)."""
    if "env_file" not in text:
        return False
    documents = _parsed(text)
    paths = env_file_paths(documents) if documents is not None else set()
    return bool(paths) and all(role_of(_module_of(path)).is_development for path in paths)


_MAIL_CATCHERS = frozenset(
    {"mailhog", "mailpit", "maildev", "mailcatcher", "smtp4dev", "mailcrab", "inbucket"}
)
"""Images of SMTP servers that keep every mail for a developer to read in a web page,
and deliver none."""
_MAIL_SERVER_KEY = re.compile(r"(?:MAIL|SMTP).*(?:HOST|SERVER|URL)", re.IGNORECASE)


def _mails_to_catcher(text: str) -> bool:
    """Whether a service's environment names, as its mail server (`EMAIL_HOST=mailhog`,
    `SMTP_SERVER: mailpit`, `EMAIL_URL=smtp://mailpit:1025`), another service of the
    file running a mail catcher (`image: mailhog/mailhog`): mail the app sends is never
    delivered, which no deployment wants; a developer reads it in the catcher's page."""
    if "mail" not in text.lower():
        return False
    for document in _parsed(text) or []:
        services = dict(compose_services(document))
        catchers = {
            name
            for name, service in services.items()
            if _image_name(node_text(node_get(service, "image"))) in _MAIL_CATCHERS
        }
        for name, service in services.items() if catchers else ():
            if name not in catchers and any(
                _MAIL_SERVER_KEY.search(key) and _host_of(value) in catchers
                for key, value, _ in environment_entries(service)
            ):
                return True
    return False


def _image_name(image: str) -> str:
    """The repository's last segment, without registry, tag or digest
    (`docker.io/axllent/mailpit:v1.20` -> `mailpit`)."""
    name = image.strip().lower().partition("@")[0].rpartition("/")[2]
    return name.partition(":")[0]


def _host_of(value: str) -> str:
    """The host a mail server setting names (`mailhog`, `mailhog:1025`, `smtp://mailpit:1025`)."""
    value = value.strip().strip("\"'")
    if "://" in value:
        value = value.partition("://")[2].rpartition("@")[2]
    return value.partition("/")[0].partition(":")[0]


def _idles(text: str) -> bool:
    """A service whose command or entrypoint only keeps its container running (`command:
    tail -f /dev/null`, also after a wrapper's entrypoint such as `dockerize -wait`)."""
    documents = _parsed(text)
    commands = service_commands(documents) if documents is not None else []
    return any(_IDLE.fullmatch(command.strip()) for command in commands)


def _runs_tests(text: str) -> bool:
    """A service whose command runs the test suite (`command: make test`, `pytest`,
    `python manage.py test`): a stack started to test the app, on a developer's machine
    or a CI runner; no deployment runs its tests in a container beside its database."""
    documents = _parsed(text)
    commands = service_commands(documents) if documents is not None else []
    return any(TEST_RUN.search(command) for command in commands)


def _image_role(text: str) -> str:
    """`development` when every image a compose file builds comes from a Dockerfile named
    for development or tests (`dockerfile: ./Dockerfile.development`, `docker/dev/Dockerfile`,
    `Dockerfile.test`), or from a stage of one so named (`target: dev`, a multi-stage
    Dockerfile's `FROM base AS dev`), as settings modules are named: the file starts what
    a developer works in; "" when it builds none, or one from another (`build: .`,
    `Dockerfile.prod`, `target: production`)."""
    documents = _parsed(text)
    builds = built_dockerfiles(documents) if documents is not None else []
    roles = {_build_role(build) for build in builds}
    if not roles or not all(role.is_development for role in roles):
        return ""
    return "development" if Role.DEVELOPMENT in roles else "test"


@functools.lru_cache(maxsize=8)
def _parsed(text: str) -> list[yaml.Node] | None:
    """The YAML documents of a compose file's text, parsed once for the questions above;
    None when it does not parse."""
    try:
        return yaml_documents(text)
    except YamlProblem:
        return None


def _build_role(build: Build) -> Role:
    """The role of the stage a build names, when its name says one (`target: dev`), else
    of its Dockerfile (`Dockerfile.test`): the stage is the image the service runs."""
    stage = role_of(build.target.replace("-", "_")) if build.target else Role.UNSPECIFIED
    return stage if stage is not Role.UNSPECIFIED else role_of(_module_of(build.dockerfile))


def _module_of(path: str) -> str:
    """A Dockerfile's path as a dotted name whose parts are its folders and its name
    (`docker/dev/Dockerfile` -> `docker.dev.Dockerfile`, `Dockerfile.dev` ->
    `Dockerfile_dev`), for `role_of`."""
    parts = [part.replace(".", "_") for part in path.split("/") if part not in {"", ".", ".."}]
    return ".".join(parts)


_SERVICES = re.compile(r"^services:[ \t]*(?:#.*)?$", re.MULTILINE)
_CONTAINER = re.compile(r"^[ \t]+(?:image|build):", re.MULTILINE)


def laid_out_as_compose(text: str) -> bool:
    """A YAML text laid out as a compose file: a top-level `services:` key and services
    with an `image:` or `build:` (a CI workflow's `services:` is under a job, indented)."""
    return _SERVICES.search(text) is not None and _CONTAINER.search(text) is not None
