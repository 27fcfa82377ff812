"""WW243: a secret written in a configuration or deploy file."""

from __future__ import annotations

import dataclasses
import fnmatch
import json
import locale
import posixpath
import re
from collections.abc import Iterator
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

from webwarden.analysis.secrets import is_development_host, is_local_host, jwt_issuer
from webwarden.analysis.secrets.ci_jobs import (
    APPVEYOR_FILES,
    appveyor_test_environments,
    container_run_steps,
    is_ci_pipeline,
    service_containers,
    service_values,
    test_step_environments,
    travis_test_environments,
)
from webwarden.analysis.secrets.runner_env import lines_setting_test_runs
from webwarden.discover.files import ENTRYPOINT_SCRIPTS
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.compose_files import is_compose_file
from webwarden.model.config_references import named_by_tests_only
from webwarden.model.container_commands import is_dockerfile
from webwarden.model.django.fixture_rows import minted_by_model, row_label
from webwarden.model.django.fixtures import FIXTURE_SUFFIXES, is_fixture, loaded_by_tests_only
from webwarden.model.module import TextFile, identifier_words, role_words
from webwarden.model.project import ProjectModel
from webwarden.model.realms import development_realm
from webwarden.model.recordings import local_exchange_lines, may_be_recording
from webwarden.model.roles import Role, role_of
from webwarden.parse.keyvalues import YamlProblem, yaml_documents
from webwarden.parse.shell_words import word_expands_after
from webwarden.rules._compose_databases import (
    compose_network_database,
    development_compose_database,
)
from webwarden.rules._compose_mounts import development_mounted
from webwarden.rules._compose_roles import DEV_SERVER, development_compose, laid_out_as_compose
from webwarden.rules.base import TextRule
from webwarden.rules.database._compose import (
    unpublished_services,
)
from webwarden.rules.secrets._api_examples import example_lines
from webwarden.rules.secrets._build_steps import run_step_lines
from webwarden.rules.secrets._container_logins import unpublished_database_logins
from webwarden.rules.secrets._coverage_tokens import coverage_upload_token
from webwarden.rules.secrets._default_fallbacks import default_password_fallbacks
from webwarden.rules.secrets._private_endpoints import private_endpoint_lines
from webwarden.rules.secrets._test_databases import test_database
from webwarden.rules.secrets._text_secrets import (
    BASIC_LOGIN_KIND,
    DATABASE_URL_KIND,
    TextSecret,
    app_signing_key,
    config_entries,
    describe,
    secrets_with_snippets,
)

if TYPE_CHECKING:
    import yaml

_LOCK_FILES = ("*lock.json", "*.lock", "npm-shrinkwrap.json")
"""Lock files: the packages a project resolved (npm's `npm-shrinkwrap.json` is its
`package-lock.json` as published), whose names are no keys of settings (a package
requiring `"parse-passwd": "^1.0.0"`)."""
_SCANNER_CONFIGS = frozenset({".gitleaks.toml", "gitleaks.toml"})
"""A secret scanner's own configuration: the patterns it looks for and the values its
allowlist declares harmless (gitleaks' `[allowlist] regexes`), no credential in use."""
_COMPOSE_REFERENCES = frozenset({"secrets"})
"""Keys of a compose file whose values name secrets rather than hold them: a service's
`secrets:` lists the names the file's top-level `secrets:` defines (`file:`, `external:`)."""
_RUNNER_CONFIGS = (".cfg", ".ini", ".toml")
"""Where pytest and tox read their options (`setup.cfg`, `pytest.ini`, `tox.ini`,
`pyproject.toml`)."""
_CATALOG_FOLDERS = frozenset(
    {
        *("locale", "locales", "i18n", "l10n", "translations", "lc_messages"),
        *("localization", "localizations", "localisation", "localisations"),
    }
)
"""Folders holding a translation catalog, as gettext, Symfony, i18next and Flutter
projects name them (`locales/de/common.json`, `localization/de/_default.json`)."""
_LANGUAGE_TAG = re.compile(
    r"[a-z]{2,3}(?:[-_][a-z]{4})?(?:[-_](?:[a-z]{2,3}|\d{3}))?(?:@[a-z]+)?", re.IGNORECASE
)
"""`de`, `zh-CN`, `pt_BR`, `sr_Latn`, `sr_Latn_RS`, `es_419` (a UN M.49 region: Latin
America), `ca@valencia` (a gettext modifier): a language's folder or file in a catalog."""
_REGIONAL_LOCALE_SUFFIX = re.compile(r"(?:^|[-_.])([a-z]{2,3})[-_]([A-Z]{2})$")
"""A file's stem ending with a language and its region as locales are written (`de-DE`,
`pt_BR`), the language in lower case and the region in upper case."""


class SecretInConfigFile(TextRule):
    """## What it does
    Finds secrets in configuration and deploy files: YAML (docker-compose
    `environment`, Kubernetes and CI files, `app.yaml`, `.ebextensions/*.config`), JSON,
    INI/`cfg`/TOML/`conf` files, `.flaskenv`, `Procfile` and `Dockerfile` (`ENV`,
    `ARG`), systemd units (`Environment="SECRET_KEY=..."`) and shell scripts (`export
    API_TOKEN=...`, `deploy.sh`, a Docker image's `entrypoint` or `docker-entrypoint`
    kept without an extension; also such a line inside a JSON string, past its `\\n`,
    as a package's README kept in registry metadata). It reports credential formats, URLs with a password and
    basic-auth logins (`Authorization: Basic <base64 of user:password>`: an encoding,
    not a protection) wherever they are,
    and values of keys named like a credential (`POSTGRES_PASSWORD`, `api_key`,
    `client_secret`) that look like real ones (a value that is a JSON object or array,
    also as a JSON file's string writes one, `"credentialData": "{\\"hashIterations\\":
    5, ...}"` in a Keycloak realm export, or as a Python literal with single quotes,
    `DB_SECRET="{'username': 'admin', 'password': 'secret'}"`, is judged by its members: reported when a
    member named like a credential, or an item of the array, looks like one; an
    algorithm's name and its parameters are no secret) (not a call such as
    `os.environ.get("API_TOKEN")` in a `cfg` file Flask runs as Python); not the names a compose service's
    `secrets:` lists (`- appDB_password`), which the file's top-level `secrets:` defines
    by a file or as external, nor what a systemd unit's `[Service]` section (or a
    drop-in's) names with `LoadCredential=ID:PATH`, `LoadCredentialEncrypted=` or
    `ImportCredential=`: the file systemd reads the credential from, not its value
    (`SetCredential=ID:VALUE` writes the value, and is reported). A variable's default
    (`SECRET_KEY: ${SECRET_KEY:-...}`, as Compose and shells fill it in, or tox's
    `{env:SECRET_KEY:...}`) is judged as the value: it is what runs whenever the
    variable is unset; so a default that is a well-known password, given to a variable
    named a password (`${ADMIN_PASSWORD:-admin}`, `root`, `123456`; not `changeme`,
    which says to change it), is reported too, although such a word written as the
    value itself reads as a placeholder: it is the password of every install that
    leaves the variable unset (a Docker image's entrypoint making its admin account
    with it), the first one anyone tries. A database URL set under a name that says
    test and naming a database that does too (`DATABASE_TEST_URL =
    postgresql://app:app@$(HOST)/app_test` in a Makefile; `ci` is such a word
    too: `TEST_DATABASE_URI=postgresql://app:app@127.0.0.1/app_ci` in a tox command) is
    reported at low severity:
    the test suite's database, of made-up rows; one only of the two says test (the app's
    `DATABASE_URL` to an `app_test` database) is not lowered. A database URL to this machine, or in a
    compose file to another service of the file that publishes no port on every
    interface (`@db/shop`; also in a YAML file of another name laid out as a compose
    file, a top-level `services:` with `image:` or `build:` and no top-level key the
    Compose specification does not define, as `docker compose -f base.yml -f
    broker.override.yml` stacks them), is reported at medium severity: only
    the machine, or the compose network, reaches that database; so is the login the
    compose file gives such a database container itself (`POSTGRES_PASSWORD: shop`,
    `MYSQL_ROOT_PASSWORD`, in the `environment:` of a service running a `postgres`,
    `mysql`, `mariadb` or `mongo` image that publishes no port on every interface), and
    such a URL in another file (the
    `config.ini` a compose service's image is built with) when it names the service
    with the password the compose file gives its database container (`POSTGRES_PASSWORD:
    shop` beside `postgresql://shop:shop@db/shop`), and at low severity when that
    compose file is a development one (see below): it opens that stack's database
    only, whose login the compose file writes already. A value a test runner exports while the
    suite runs (pytest-env's `env` in `[tool:pytest]`, `[pytest]` or
    `[tool.pytest.ini_options]`, tox's `setenv` of a `[testenv]`) is reported at low
    severity, as test code is: it never reaches a deployment; so is the app's own
    signing key (`SECRET_KEY`, or a secret named only for what the app signs with it:
    `NONCE_SECRET`, `JWT_SECRET_KEY`, `SESSION_SECRET`; not `SLACK_SIGNING_SECRET`,
    another service's) in the `env:` of a GitHub workflow step whose `run:`
    runs the test suite (`pytest`, `manage.py test`, `tox`, `flask test`, `make test`) or checks for
    missing migrations (`manage.py makemigrations --check`), or of the job (or the
    workflow) such a step is part of, which GitHub gives each of its steps, or in the
    `run:` of a step starting a container on the runner (`docker run -e SECRET_KEY=...
    app`, the image the job built started to see it come up), or in the
    `env:` of a Travis CI file whose jobs' `script:` does, or in the `environment:` of an
    AppVeyor file whose `test_script:` does, or given to one `RUN` command of a
    Dockerfile (`RUN SECRET_KEY=... python manage.py collectstatic`, or `export` in the
    step), which the settings need to load: the variable ends with the step and is in no
    container the image starts, unlike `ENV`. So is, in a CI pipeline
    (`.github/workflows/*.yml`, `.gitlab-ci.yml`, Woodpecker's `.woodpecker.yml`,
    `appveyor.yml`, Azure Pipelines' `azure-pipelines.yml` or `.azure-pipelines/*.yml`), a
    database URL to the runner itself or to one of a GitHub job's `services:`
    containers (by its name, from a job run in a container) or to any host of one label (`@postgres:5432`, which only a container
    network the job starts resolves), and what those containers are given, also where a
    step gives the same value again as a password to log in to one (`DB_PASSWORD: ci` beside a service's
    `POSTGRES_PASSWORD: ci`): they live as long as the job. So
    is a secret in a compose file named for development, by its own name or its folder's
    (`docker-compose.dev.yml`, `compose.local.yaml`, `dev/docker-compose.yml`, or in
    the Dev Containers folder `.devcontainer/`; or naming its project so: a top-level
    `name: shop-dev`; or whose first comment lines say it is not for production, `#
    not suitable for production usage`, or that it is for development, `# This
    configuration file is for the development setup`; not `# For development, use
    compose.dev.yaml`; a YAML file of another name laid out
    as one, a top-level `services:` with `image:` or `build:`, by its own name:
    `ci.yml`), or running a framework's development server (`manage.py runserver`,
    `flask run`: so is a secret in a `Procfile` one of whose processes does, which
    honcho or foreman runs on a developer's machine), or keeping a container idle for a
    developer to open a shell in and start the app by hand (`command: sleep infinity`,
    `tail -f /dev/null`, as Dev Containers do), or running the test suite in a service
    (`command: make test`, `pytest`), or running the app in development mode
    (an `environment:` switching its debug mode on, `DEBUG: "true"`, `SHOP_DEBUG: 1`,
    naming a development environment, `FLASK_ENV: development`, `APP_ENV: local`,
    `APP_CHANNEL: local`,
    turning on a switch named for one, `DEV_ENV: "True"`, or one whose whole name
    says development, `LOCAL_DEV: 1`, `IS_DEV`, `LOCALDEV`, or turning on code
    reloading, `HOT_RELOAD: "true"`, `APP_HOTRELOAD: "${APP_HOTRELOAD:-true}"`, or
    a development settings module, `DJANGO_SETTINGS_MODULE: shop.settings.dev`), or
    reading every env file its services name from one named for development (`env_file:
    env.d/development/postgresql`, `.env.dev`), or sending its services' mail to a mail
    catcher it runs, which delivers none (`EMAIL_HOST: mailhog` beside a service of
    `image: mailhog/mailhog`, or Mailpit's, MailDev's), or building every image it builds from
    a Dockerfile named for development or tests (`dockerfile: Dockerfile.development`,
    `docker/dev/Dockerfile`), or from a stage so named (`target: dev`, a multi-stage
    Dockerfile's `FROM base AS dev`), as
    a development settings module is: the containers it starts run on a developer's
    machine; so is a file that only such compose files mount into their containers,
    itself or its folder (`./docker/setup:/app/setup:ro`; not the whole source tree,
    `.:/app`); so is a YAML file beside values files that serve the app under a host
    only the developer's machine answers to (`baseUrl: https://meet.127.0.0.1.nip.io`,
    `shop.localhost`: a helmfile environment of a local kind or minikube cluster, such as
    its `values.secrets.yaml`); so is an `ENV` or `ARG` line of a multi-stage Dockerfile in a stage named
    for development or tests (`FROM production AS test`, `FROM base AS dev`, or a stage
    of no such name built on one), the image a developer or a CI job runs, but not in a
    stage named for building (`AS build`, `AS builder`), whose secrets fetch what the
    deployed image is made of; and one in any other configuration file named for tests by its own name
    (`test_auth.cfg`, `config.testing.json`, not a CI pipeline's), or that the project's
    Python code names only from test modules or under a name said for tests
    (`TEST_AUTH_CONFIG = resource_path("data/example_auth.cfg")`; a name with a folder
    matches the end of the path, a bare file name a file beside the module), as a test
    settings module is; and one in a Django fixture (the list of `model`/`fields` rows
    `loaddata` reads) named for development (`development_applications.yaml`): the rows
    of a developer's database; or one only test cases load (`fixtures =
    ["legacy-data.json"]` in a test module) and no `loaddata` of the project's own code
    names: the rows of a test database; and, in any Django fixture, a row's value of a
    field its model mints itself, the project's model of the row's label declaring it
    with a random `default` (`access_key = models.UUIDField(default=uuid.uuid4)`) or
    setting it in a method to a random value (`self.token = str(uuid4())` in `save()`,
    as django-payments' `BasePayment` does for the `token` of a model deriving from it):
    the key of that row in whatever database loads the fixture, not another service's
    credential; and one in a shell script named for tests, a CI
    service or development (`run-tests.sh`, `jenkins.sh`, `dev-setup.sh`) or for a
    linter or type checker (`run_mypy.sh`, `lint.sh`: the settings they export only let
    the checker import the code), or kept in a
    CI service's folder (`.github/workflows/scripts/before_install.sh`, `.circleci/`),
    which only CI jobs run; and one in a
    Keycloak realm export every absolute URL of which is to a developer's machine
    (`localhost`, a loopback address, a `.local`, `.localhost` or `.test` name), or that
    names no absolute URL at all and sets `"sslRequired": "none"` (plain HTTP accepted
    from every address): the realm a
    compose file imports into a local identity server, whose client secrets open nothing
    else (a realm that also names a public host, an upstream identity provider's or a
    deployed client's, is judged as any file); so is, in any other file, a client
    secret such a realm defines (a setup file's `oidc_rp_client_secret` for the app's
    client of that realm): it logs in to that local server only; and one in a file
    that compose files bind-mount into their containers (or in a folder they mount,
    `./open-zaak/fixtures/:/app/fixtures`), each of them a development one as above
    (also by the networks it declares, each named for development: `networks:
    {shop-dev: {name: shop-dev}}`): the seed data and configuration of a developer's
    containers (not a mount of the compose file's own folder or one above it, nor of
    a folder holding Python modules, the application's code deployments run too).
    A coverage service's upload token (Coveralls' `repo_token` in `.coveralls.yml`,
    Codecov's `codecov: token:` in `codecov.yml`, `COVERALLS_REPO_TOKEN` or
    `CODECOV_TOKEN` in any file) is reported at low severity: its holder can upload
    coverage reports for the repository, no more. A value of a YAML mapping that also
    names an endpoint URL (`endpoint_url: http://minio:9000` beside an object store's
    `access_key` and `secret_key`) on this machine, under a development name or under a
    host name of one label, which only a container network (a compose stack's, a CI
    job's) resolves, is reported at medium severity: it logs in to that container only.

    ## Why is this bad?
    These files are committed with the code and copied into images and deployments:
    every copy carries the secret. Deploy platforms and orchestrators all have a way to
    inject secrets at run time instead (environment, secret stores, `*_FILE` variables).

    ## Known problems
    Placeholders and references are not reported (`${POSTGRES_PASSWORD}`,
    `$POSTGRES_PASSWORD`, `((password))` in a Cloud Foundry, BOSH or Concourse manifest,
    which the deploy fills in, `%{env:ADMIN_SECRET}%` in a Stalwart mail server's
    configuration, which it reads from the environment when it starts, tox's
    `{env:API_PASSWORD}`, read from the environment of whoever runs the tests, `changeme`, `<secret>`, `(generated)`, a key's slot named
    in capitalised words, an acronym first or not (`admin_secret: APIAdminPassword`), a replacement
    field computing the value in a script a CI step runs (`print(f"session_key={secrets.
    token_hex(32)}")`: the key is made afresh each run), the password of a URL
    that only names the credential going there in lower-case words (`mongodb://user:auth_key@host`,
    a sample configuration's slot), a variable a script embedded in the
    file passes to a call: `create_user(password=ADMIN_PASSWORD)`, or an item of one,
    `password=os.environ["ADMIN_PASSWORD"]`, an item of a variable
    the code reading the file looks up: `token: "event[0]['content']"`, a piece of a
    regular expression: `regex: "(?<=password=)[A-F0-9]+"`, a Wappalyzer fingerprint's
    tag: `"up.CompilerPass": "\\;confidence:25"`), nor are values
    tagged as references to where the secret is kept: CloudFormation's
    `MasterUserPassword: !Ref DbPassword` (a parameter given at deploy time), `!GetAtt`,
    `!ImportValue` and `!FindInMap`, and GitLab CI's `!reference`, nor is a `!Join` or
    `!Sub` building a dynamic reference (`!Join ["", ["{{resolve:secretsmanager:", !Ref
    DbSecret, ":SecretString:password}}"]]`), which CloudFormation fills in from Secrets
    Manager or Parameter Store at deploy time; nor is the value of a shell script's
    assignment that expands a variable or a command as the script runs (`sed -e
    "s#^SECRET_KEY=.*#SECRET_KEY=$new_key#"`, or ``PASS=`pwgen 16 1` ``, a command
    substitution in backquotes), also past a quote that seems to end
    it, in the same shell word (`'s#^DB_PASSWORD=#DB_PASSWORD='$DB_PASSWORD'#'`: the
    shell joins the quoted parts and the expanded variable into one argument). Nor is a token named for anti-forgery (`csrf_token`, a link's
    `?SYNCHRONIZER_TOKEN=...`): a nonce a site hands every visitor in its pages. Nor is
    a Sentry DSN of the legacy form (`https://<32 hex>:<32 hex>@sentry.io/<project id>`):
    Sentry documents DSNs as safe to publish, as they only let one submit events, and
    their secret part as deprecated. Nor is jwt.io's sample token (claims issued at
    `1516239022`, `"name": "John Doe"`), or one edited from it: its debugger signs it
    with a key anyone can read. Nor is
    a license's key in a catalogue (a scan's `"spdx_license_key": "GPL-2.0-only"`): words
    and version numbers that name a license, not an activation key. Nor is
    a JSON-LD context's term mapped to its compact IRI (`"privateKeyPem":
    "sec:privateKeyPem"` in a copy of the W3C security vocabulary): the name of a
    property, not a key. Nor is
    a cookie a server set (`Set-Cookie: github_secret=...; path=/; HttpOnly`, as an HTTP
    cassette records it, also with RFC 2109's `Version=1` first, or a signed cookie, a
    JSON Web Token: `KEYCLOAK_IDENTITY=eyJ...; Version=1; Path=/`), nor the same cookie
    sent back (`Cookie: github_secret=...`): the server made it for the recording client;
    a cookie no response set is reported. Nor is, in an HTTP cassette (vcrpy's
    `interactions:`, Ruby VCR's and Betamax's `http_interactions:`, in YAML), a value
    found by its name, a basic-auth login or a JSON Web Token that no public issuer signed (its `iss`
    empty, absent, or a developer's host) in an exchange whose request went to a
    developer's machine (`uri: http://localhost:8080/...`, a `.local`, `.localhost` or
    `.test` name): a server the test suite ran issued or accepted it, and it opens that
    server only; another service's token sent there (`ghp_...`), or a token a public
    identity provider issued, is reported. A language's file in a translation catalog (`locales/de/common.json`,
    `translations/es/LC_MESSAGES/messages.json`, `locale/es_419/LC_MESSAGES/app.json`,
    `localization/de/_default.json`, `translations/messages.de.yaml`), or a file anywhere
    named for a language and its region as a locale the C library knows
    (`zoom-de-DE.json`, `messages_pt_BR.json`: an SDK's strings), or for a language and
    the words it holds (`de-words.yml`, `fr_messages.json`), or a JSON file of a catalog
    folder holding every language's words under its language (`locale/translations.json`
    of `{"de": {...}, "fr": {...}}`), is not read: its values are the
    interface's words (`"password": "Passwort"`), its examples are placeholders.
    A value under an `example`, `examples` or `x-example` key of an OpenAPI (Swagger)
    document (a YAML or JSON file whose top level names `openapi` or `swagger`) is
    reported at low severity, as documentation is: it shows readers of the API's pages
    what a request or response looks like.
    `.env` files are judged by WW244 (are they committed?) and `.env.example`
    files by WW245. A secret scanner's own configuration (gitleaks' `.gitleaks.toml`)
    is not read: it holds the patterns to look for and the values its allowlist
    declares harmless. A YAML file that does not parse is read line by line.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:16
        environment:
          POSTGRES_PASSWORD: "Sup3r-S3cret-2024"
    ```

    ## Fix
    ```yaml
    services:
      db:
        image: postgres:16
        environment:
          POSTGRES_PASSWORD_FILE: /run/secrets/db_password
        secrets:
          - db_password
    secrets:
      db_password:
        external: true
    ```

    ## References
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [Docker: secrets in Compose](https://docs.docker.com/compose/how-tos/use-secrets/)
    - [Flask: .env and .flaskenv](https://flask.palletsprojects.com/en/stable/cli/#environment-variables-from-dotenv)
    """

    code = "WW243"
    name = "secret-in-config-file"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 798
    message = "{what}: `{masked}`"
    fix = "inject it at deploy time (environment, a secret store, a `*_FILE` path) and rotate it"
    example_filename = "docker-compose.yml"
    patterns = (
        ".flaskenv",
        "*.yaml",
        "*.yml",
        "*.json",
        "*.ini",
        "*.cfg",
        "*.toml",
        "*.conf",
        "*.config",
        "Procfile",
        "Dockerfile",
        "*.dockerfile",
        "*.service",
        "*.sh",
        "*.bash",
        *ENTRYPOINT_SCRIPTS,
    )

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low in a Django fixture that only test cases load (`fixtures = ["users.json"]`):
        the rows of a test database, as a test settings module's values are; low
        for a client secret of the project's development identity realm, wherever it
        is given: it logs in to that local server only; and low in a file only
        development compose files mount, itself or its folder (`./docker/setup:/app/setup`,
        see `development_mounted`): the configuration of a developer's containers, as
        the compose file's own values are; and low in a YAML file beside values files
        serving the app under a host only the developer's machine answers to
        (`model.local_clusters`: a helmfile environment of a local kind cluster); and
        low in a file the project's Python code names only from test modules or under
        names said for tests (`TEST_AUTH_CONFIG = "data/example_auth.cfg"`, see
        `named_by_tests_only`): the test suite's values, as a test settings module's are.
        A database URL outside a compose file naming by its service name a container
        a compose file of the project starts, with the password that file gives it, is
        judged as in that file: low when the compose file is a development one, medium
        when the container publishes no port on every interface."""
        if finding.severity is Severity.LOW:
            return finding
        if stack := _compose_stack_database(finding, project):
            return stack
        if project.gives_realm_secret(finding.location.path, finding.location.line):
            return lower_for_context(finding, Severity.LOW, "a development realm's client secret")
        if mounted := development_mounted(project, finding.location.path):
            return lower_for_context(finding, Severity.LOW, mounted)
        path = finding.location.path
        if path.endswith((".yaml", ".yml")) and project.local_environment(posixpath.dirname(path)):
            return lower_for_context(finding, Severity.LOW, _LOCAL_ENVIRONMENT)
        if path.endswith(FIXTURE_SUFFIXES) and loaded_by_tests_only(project, path):
            return lower_for_context(finding, Severity.LOW, "a fixture only tests load")
        if minted := _minted_fixture_field(finding, project):
            return lower_for_context(
                finding, Severity.LOW, f"the key `{minted}` the model mints for its own row"
            )
        if named_by_tests_only(project, path):
            return lower_for_context(finding, Severity.LOW, "a configuration file only tests load")
        return finding

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        name = file.relpath.rsplit("/", 1)[-1]
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in _LOCK_FILES):
            return
        if name in _SCANNER_CONFIGS:
            return
        if translation_catalog(file.relpath) or languages_catalog(file.relpath, file.text):
            return
        internal = _internal_hosts(file, name)
        pipeline = is_ci_pipeline(file.relpath)
        development = (
            development_compose(file.relpath, name, file.text)
            or _development_procfile(name, file.text)
            or _development_script(name)
            or _ci_folder_script(file.relpath, name)
            or ("" if pipeline else _test_configuration(name))
            or _development_fixture(name, file.text)
            or development_realm(name, file.text)
        )
        stages = _development_stages(name, file.text)
        examples: frozenset[int] | None = None
        services: _Pipeline | None = None
        test_runs: frozenset[int] | None = None
        build_steps: frozenset[int] | None = None
        local_exchanges: frozenset[int] | None = frozenset()
        private: frozenset[int] | None = None
        fixture: bool | None = None
        container_logins: frozenset[int] | None = None
        if may_be_recording(name, file.text):
            local_exchanges = None
        script = name.endswith(_SCRIPTS) or name in ENTRYPOINT_SCRIPTS
        found = secrets_with_snippets(file, partial(config_entries, file), shell=script)
        for secret, snippet in chain(found, default_password_fallbacks(file)):
            if script and secret.named and _expanded_in_script(file, secret):
                continue
            if local_exchanges is None:
                local_exchanges = _local_exchanges(file)
            if secret.line in local_exchanges and _local_credential(file, secret):
                continue
            if secret.key in _COMPOSE_REFERENCES and is_compose_file(name):
                continue
            if secret.named and "/" in secret.key:
                # NOTE: a file's path, not a setting's name (Django's `staticfiles.json`
                # maps `admin/js/unusable_password_field.js` to its hashed copy).
                continue
            severity = _severity(secret, internal)
            if secret.kind == _LOGIN_KIND and secret.named and internal:
                if container_logins is None:
                    container_logins = unpublished_database_logins(file.text, internal)
                if secret.line in container_logins:
                    severity = Severity.MEDIUM
            finding = self.make_finding(
                file.location(secret.line, secret.start + 1),
                snippet=snippet,
                severity=severity,
                confidence=Confidence.MEDIUM if secret.named else None,
                what=describe(secret),
                masked=secret.masked,
            )
            if pipeline:
                if services is None:
                    services = _services(file)
                if secret.line in services.lines:
                    finding = lower_for_context(finding, Severity.LOW, "a CI job's service")
                elif secret.kind == _LOGIN_KIND and _value(file, secret) in services.values:
                    finding = lower_for_context(finding, Severity.LOW, "a CI job's service login")
                elif secret.line in services.test_steps and app_signing_key(secret.key):
                    finding = lower_for_context(finding, Severity.LOW, "a CI step's test run")
                elif secret.kind == DATABASE_URL_KIND and (
                    _local(secret.masked, internal | services.names) or _single_label(secret.masked)
                ):
                    finding = lower_for_context(finding, Severity.LOW, "a CI job's database")
            if secret.kind == DATABASE_URL_KIND and test_database(file.text, secret):
                finding = lower_for_context(finding, Severity.LOW, "a test database")
            if name.endswith(_RUNNER_CONFIGS):
                if test_runs is None:
                    test_runs = lines_setting_test_runs(file.text)
                if secret.line in test_runs:
                    finding = lower_for_context(finding, Severity.LOW, "set for test runs only")
            if secret.named and coverage_upload_token(name, secret.key):
                finding = lower_for_context(finding, Severity.LOW, "a coverage upload token")
            if examples is None:
                examples = example_lines(file)  # NOTE: parses the YAML: once a secret is met
            if secret.line in examples:
                finding = lower_for_context(finding, Severity.LOW, "an OpenAPI example")
            elif development:
                finding = lower_for_context(finding, Severity.LOW, development)
            elif stage := _stage_at(stages, secret.line):
                finding = lower_for_context(finding, Severity.LOW, stage)
            elif secret.named and app_signing_key(secret.key):
                if build_steps is None:
                    build_steps = run_step_lines(name, file.text)
                if secret.line in build_steps:
                    finding = lower_for_context(finding, Severity.LOW, _BUILD_STEP)
            if secret.named and fixture is None:
                fixture = name.endswith(FIXTURE_SUFFIXES) and is_fixture(name, file.text)
            if secret.named and fixture:
                finding = _tag_fixture_field(finding, file.text, secret)
            if finding.severity.rank > Severity.MEDIUM.rank and name.endswith(_YAML):
                if private is None:
                    private = private_endpoint_lines(file.text)
                if secret.line in private:
                    finding = lower_for_context(finding, Severity.MEDIUM, _PRIVATE_SERVICE)
            yield finding


_FIXTURE_FIELD = "fixture-field:"
"""Tag of a finding in a Django fixture row: `fixture-field:order.order.token`."""


def _tag_fixture_field(finding: Finding, text: str, secret: TextSecret) -> Finding:
    """The finding tagged with the fixture row's model label and the field the value is
    under, for `reassessed` to ask the model whether it mints that field."""
    label = row_label(text, secret.line, secret.start)
    if label is None:
        return finding
    tag = f"{_FIXTURE_FIELD}{label[0]}.{label[1]}.{secret.key}"
    return dataclasses.replace(finding, tags=(*finding.tags, tag))


def _minted_fixture_field(finding: Finding, project: ProjectModel) -> str:
    """`Order.token` when the finding is a fixture row's value of a field its model
    mints itself (`fixture_rows.minted_by_model`): the row's own random key."""
    for tag in finding.tags:
        if tag.startswith(_FIXTURE_FIELD):
            app, model, field = tag.removeprefix(_FIXTURE_FIELD).split(".", 2)
            return minted_by_model(project, (app, model), field)
    return ""


def _compose_stack_database(finding: Finding, project: ProjectModel) -> Finding | None:
    """The finding lowered when it is a database URL, outside a compose file, to a
    container of a compose file of the project with the login that file gives it (see
    `SecretInConfigFile.reassessed`); None otherwise."""
    path = finding.location.path
    # NOTE: also a message starting with the kind ("A database URL with a password is ...")
    written = DATABASE_URL_KIND.lower() in finding.message.lower()
    if not written or is_compose_file(posixpath.basename(path)):
        return None
    # NOTE: the message ends with the masked URL in backticks (`{what}: `{masked}``).
    url = finding.message.rsplit("`", 2)[-2] if finding.message.endswith("`") else ""
    if not url:
        return None
    if development := development_compose_database(project, url, finding.location):
        return lower_for_context(finding, Severity.LOW, development)
    if network := compose_network_database(project, url, finding.location):
        return lower_for_context(finding, Severity.MEDIUM, network)
    return None


def _local_exchanges(file: TextFile) -> frozenset[int]:
    try:
        return local_exchange_lines(yaml_documents(file.text))
    except YamlProblem:
        return frozenset()


def _local_credential(file: TextFile, secret: TextSecret) -> bool:
    """Whether a secret recorded in an exchange with a developer's machine opens that
    server only: a value found by its name, a basic-auth login, or a JSON Web Token no
    public issuer signed (its `iss` empty, absent, or a developer's host); not another
    service's token (`ghp_...`), which its service accepts wherever it was sent."""
    if secret.named or secret.kind == BASIC_LOGIN_KIND:
        return True
    if secret.kind != _JWT_KIND:
        return False
    issuer = jwt_issuer(_value(file, secret))
    if issuer is None:
        return False
    host = _ISSUER_HOST.match(issuer)
    return not issuer or (host is not None and is_development_host(host[1]))


_JWT_KIND = "a JSON Web Token"
_ISSUER_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(\[[^\]]*\]|[^/:?#\s]*)", re.IGNORECASE)


_LOCAL_ENVIRONMENT = "the values of an environment served on the developer's machine"
_BUILD_STEP = "the environment of one build step"


def _development_procfile(name: str, text: str) -> str:
    """`a Procfile running a development server` for a Procfile one of whose processes
    starts a framework's development server (`web: ./manage.py runserver`), as for a
    compose file doing so: honcho or foreman starting a developer's services; "" for any
    other file."""
    if name != "Procfile" or not DEV_SERVER.search(text):
        return ""
    return "a Procfile running a development server"


_TEST_WORDS = frozenset({"test", "tests", "testing"})


def _test_configuration(name: str) -> str:
    """`a test configuration file` for a file named for tests by its own name
    (`test_auth.cfg`, `config.testing.json`), as a test settings module is: what a test
    suite loads; "" for any other file."""
    stem = name.rpartition(".")[0] or name
    if is_compose_file(name) or not _TEST_WORDS.intersection(identifier_words(stem)):
        return ""
    return "a test configuration file"


_STAGE = re.compile(
    r"^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*(\S+)(?:[ \t]+AS[ \t]+([\w.-]+))?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_BUILD_WORDS = frozenset({"build", "builder", "builds"})


def _development_stages(name: str, text: str) -> list[tuple[int, str]]:
    """For a Dockerfile, the first line of each stage and, for a stage named for
    development or tests (`FROM production AS test`, `FROM base AS dev`), `a test stage
    of a Dockerfile` ("" for any other): what its `ENV` lines set is the environment of
    an image a developer or a CI job runs, as in a compose file running that stage
    (`target: dev`). A stage whose own name says nothing takes its base stage's role
    (`FROM test AS test-tools`). Not a stage named for building (`FROM node AS build`):
    its secrets fetch or build what the deployed image is made of."""
    if not is_dockerfile(name):
        return []
    found: list[tuple[int, str]] = []
    roles: dict[str, Role] = {}
    for match in _STAGE.finditer(text):
        base, stage = match[1].lower(), (match[2] or "").lower()
        words = [word for word in role_words(stage) if word not in _BUILD_WORDS]
        role = role_of("_".join(words)) if words else Role.UNSPECIFIED
        if role is Role.UNSPECIFIED:
            role = roles.get(base, Role.UNSPECIFIED)
        if stage:
            roles[stage] = role
        line = text.count("\n", 0, match.start()) + 1
        found.append((line, f"a {role} stage of a Dockerfile" if role.is_development else ""))
    return found


def _stage_at(stages: list[tuple[int, str]], line: int) -> str:
    """What the stage holding `line` is said to be for ("" when it is for nothing told)."""
    label = ""
    for first, said in stages:
        if first > line:
            break
        label = said
    return label


_SCRIPTS = (".sh", ".bash")


_SHELL_EXPANSION = re.compile(r"(?<!\\)\$(?:[A-Za-z_{(]|\d)|(?<!\\)`")
"""A variable, parameter or command a shell script's value expands as it runs
(`"s#.*SECRET_KEY=.*#$secret_key#"`, `"${KEY_ID}"`, `$(openssl rand -hex 32)`, or the
older backquoted command substitution, `` `openssl rand -hex 32` ``): the value is made at
run time, not written here."""


def _expanded_in_script(file: TextFile, secret: TextSecret) -> bool:
    """Whether a script's value is filled in as it runs: it expands a variable or a
    command itself, or the shell word it is part of does past it
    (`'s#^KEY=#KEY='$KEY'#'`, a sed expression quoted around the variable)."""
    if _SHELL_EXPANSION.search(_value(file, secret)):
        return True
    line = file.lines[secret.line - 1] if 0 < secret.line <= len(file.lines) else ""
    return word_expands_after(line, secret.start)


def _development_script(name: str) -> str:
    """`a test script` for a shell script named for tests, a CI service, a linter or a
    type checker (`run-tests.sh`, `jenkins.sh`, `run_mypy.sh`), `a development script` for one named for development
    (`dev-setup.sh`, `start_local.sh`), as settings modules are named: what it exports
    reaches a test run or a developer's machine; "" for any other file."""
    if not name.endswith(_SCRIPTS):
        return ""
    role = role_of(name.rpartition(".")[0].replace("-", "_").replace(".", "_"))
    return f"a {role} script" if role.is_development else ""


_YAML = (".yml", ".yaml")
_PRIVATE_SERVICE = "a credential of a service on a private network"


_CI_FOLDERS = frozenset({".github", ".circleci"})
"""Folders only a CI service reads: GitHub's (workflows and the scripts their steps run)
and CircleCI's. Nothing a deployment runs is kept there."""


def _ci_folder_script(relpath: str, name: str) -> str:
    """`a CI script` for a shell script kept in a CI service's folder
    (`.github/workflows/scripts/before_install.sh`), as one named for a CI service is: what
    it sets reaches the CI job's runner and the containers the job starts."""
    if not name.endswith(_SCRIPTS):
        return ""
    return "a CI script" if _CI_FOLDERS.intersection(relpath.split("/")[:-1]) else ""


def _development_fixture(name: str, text: str) -> str:
    """`a development fixture` for a Django fixture named for development
    (`development_applications.yaml`, `dev_users.json`), as a development settings module
    is: the rows `loaddata` puts in a developer's database, not a deployment's."""
    role = role_of(name.rpartition(".")[0])
    if not role.is_development or not is_fixture(name, text):
        return ""
    return f"a {role} fixture"


def translation_catalog(relpath: str) -> bool:
    """A language's file in a translation catalog (`locales/de/common.json`,
    `translations/es/LC_MESSAGES/messages.json`, `i18n/pt_BR.json`, and a domain's file
    with the language between its name and the extension, `translations/messages.de.yaml`
    as Symfony and Weblate name them), or a file anywhere whose name ends with a language
    and its region (`zoom-de-DE.json`, `messages_pt_BR.json`, as SDKs ship their strings)
    or starts with a language and says it holds its words (`de-words.yml`): the
    interface's words, whose keys name what they label (`"password": "Passwort"`),
    never a setting."""
    parts = relpath.split("/")
    if _regional_locale_named(parts[-1]) or _language_words_named(parts[-1]):
        return True
    for index, folder in enumerate(parts[:-1]):
        if folder.lower() in _CATALOG_FOLDERS:
            below = [*parts[index + 1 : -1], *parts[-1].split(".")[:-1]]
            return any(_LANGUAGE_TAG.fullmatch(part) for part in below)
    return False


def languages_catalog(relpath: str, text: str) -> bool:
    """A JSON file of a catalog folder holding every language's words at once, each
    under its language (`locale/translations.json`: `{"de": {"Password": "Passwort"},
    "fr": {...}}`, as vue-gettext and easygettext compile them): two languages or more
    the C library knows, and nothing else, at its top level."""
    parts = relpath.split("/")
    if not parts[-1].endswith(".json") or not any(
        folder.lower() in _CATALOG_FOLDERS for folder in parts[:-1]
    ):
        return False
    try:
        document = json.loads(text)
    except ValueError:
        return False
    return (
        isinstance(document, dict)
        and len(document) >= 2
        and all(_known_language(key) and isinstance(v, dict) for key, v in document.items())
    )


def _known_language(tag: str) -> bool:
    """`de`, `pt_BR`, `zh-Hans`: a language tag whose language the C library knows."""
    return bool(_LANGUAGE_TAG.fullmatch(tag)) and (
        re.split(r"[-_@]", tag)[0].lower() in locale.locale_alias
    )


def _regional_locale_named(name: str) -> bool:
    """A file's name ending with a locale the C library knows (`zoom-de-DE.json`,
    `messages_pt_BR.json`): one language's strings wherever the file is (not
    `service-dev_EU.json`, whose letters name no language and region)."""
    match = _REGIONAL_LOCALE_SUFFIX.search(name.rpartition(".")[0])
    return match is not None and f"{match[1]}_{match[2]}".lower() in locale.locale_alias


_LANGUAGE_WORDS_STEM = re.compile(
    r"([a-z]{2,3})(?:[-_][a-z]{2})?[-_](?:words|messages|strings|phrases|translations?)",
    re.IGNORECASE,
)
"""A file's stem naming a language, then what the file holds of it: `de-words`,
`pt-br-words`, `fr_messages`, `es-strings`."""


def _language_words_named(name: str) -> bool:
    """A file named for a language and the interface's words in it (`de-words.yml`,
    `fr_messages.json`): one language's strings wherever the file is (not
    `db-messages.yml`, whose letters name no language)."""
    match = _LANGUAGE_WORDS_STEM.fullmatch(name.rpartition(".")[0])
    return match is not None and match[1].lower() in locale.locale_alias


def _internal_hosts(file: TextFile, name: str) -> frozenset[str]:
    """In a compose file, the services no port of which is published on every interface;
    also in a YAML file of another name laid out as one (`docker/broker.override.yml`,
    which `docker compose -f` stacks on a base file): services with `image:` or
    `build:` and only the Compose specification's top-level keys (not a CI pipeline's
    `steps:` beside its `services:`)."""
    laid_out = name.endswith((".yml", ".yaml")) and laid_out_as_compose(file.text)
    if not (is_compose_file(name) or laid_out):
        return frozenset()
    try:
        documents = yaml_documents(file.text)
    except YamlProblem:
        return frozenset()
    if not is_compose_file(name) and not all(map(_compose_top_level, documents)):
        return frozenset()
    return unpublished_services(documents)


_COMPOSE_KEYS = frozenset(
    {"version", "name", "services", "networks", "volumes", "configs", "secrets", "include"}
)
"""The top-level elements of the Compose specification (besides `x-` extensions)."""


def _compose_top_level(document: yaml.Node) -> bool:
    """Whether every top-level key of a YAML document is one the Compose specification
    defines, or an extension (`x-common: &common`)."""
    import yaml

    if not isinstance(document, yaml.MappingNode):
        return False
    keys = [key.value for key, _ in document.value if isinstance(key, yaml.ScalarNode)]
    return all(key in _COMPOSE_KEYS or key.startswith("x-") for key in keys)


_LOGIN_KIND = "a password"
"""The kind of a step's secret that can log in to a service container (not a deploy
token that happens to repeat its value)."""


class _Pipeline(NamedTuple):
    """What a CI pipeline file says of its jobs' throwaway services and test steps."""

    lines: frozenset[int]
    """The lines of every job's `services:` block."""
    names: frozenset[str]
    """The services' names: the hosts a job run in a container reaches them by."""
    values: frozenset[str]
    """What the services' `env:` gives them (`POSTGRES_PASSWORD: ci`)."""
    test_steps: frozenset[int]
    """The lines of the test steps' `env:` and of the steps starting a container."""


def _services(file: TextFile) -> _Pipeline:
    """A CI pipeline's service lines, names and values, and the lines of its test steps'
    `env:` and of the steps starting a container on the runner."""
    try:
        documents = yaml_documents(file.text)
    except YamlProblem:
        return _Pipeline(frozenset(), frozenset(), frozenset(), frozenset())
    test_runs = test_step_environments(documents) | container_run_steps(documents)
    if file.relpath.rpartition("/")[2] == ".travis.yml":
        test_runs |= travis_test_environments(documents)
    if file.relpath.rpartition("/")[2] in APPVEYOR_FILES:
        test_runs |= appveyor_test_environments(documents)
    lines, names = service_containers(documents)
    return _Pipeline(lines, names, service_values(documents), test_runs)


def _value(file: TextFile, secret: TextSecret) -> str:
    """The secret's text as written, without quotes."""
    line = file.lines[secret.line - 1] if 0 < secret.line <= len(file.lines) else ""
    return line[secret.start : secret.end].strip("'\"")


def _severity(secret: TextSecret, internal: frozenset[str]) -> Severity | None:
    if secret.kind == DATABASE_URL_KIND and _local(secret.masked, internal):
        return Severity.MEDIUM
    if secret.kind == _JWT_KIND:
        return Severity.MEDIUM
    return None


def _local(masked_url: str, internal: frozenset[str]) -> bool:
    host = _host(masked_url)
    return is_local_host(host) or host in internal


def _single_label(masked_url: str) -> bool:
    """A host name of one label (`@postgres:5432`), which only a container network or
    the machine's own hosts file resolves: from a CI job, a container the job starts."""
    host = _host(masked_url)
    return bool(host) and "." not in host and ":" not in host and not host.isdigit()


def _host(masked_url: str) -> str:
    return masked_url.partition("@")[2].split("/", 1)[0].rsplit(":", 1)[0]
