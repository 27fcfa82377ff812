"""WW343: a database port published on every interface in docker-compose."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.compose_files import COMPOSE_PATTERNS
from webwarden.model.module import TextFile
from webwarden.parse.keyvalues import YamlProblem, yaml_documents
from webwarden.rules._compose_roles import development_compose
from webwarden.rules.base import TextRule
from webwarden.rules.database._compose import (
    database_port,
    exposed,
    published_ports,
)
from webwarden.rules.database._open_services import passwordless_services
from webwarden.rules.notices.file_not_analysed import FileNotAnalysed


class DatabasePortPublished(TextRule):
    """## What it does
    Finds docker-compose services that publish a database port (PostgreSQL 5432, MySQL
    3306, MongoDB 27017, Redis 6379, SQL Server, Oracle, Elasticsearch, Memcached, ...)
    on every network interface of the host: `"5432:5432"`, `"5432"`,
    `"0.0.0.0:5432:5432"`, or the long syntax without `host_ip`. A variable with a
    default is read as its default (`"${DB_PORT:-5432}:5432"`), what runs when it is
    unset. A range of ports publishes a database's port when it starts at it
    (`"6379-6384:6379-6384"`) or the service's image is that database's; one that merely
    spans it (`"6080-6580:6080-6580"` of the app's own image) does not. A compose file
    that is not valid YAML is reported as WW000.

    ## Why is this bad?
    "Disable remote access to your database." A published port is reachable from every
    network the host is on: the office network, a cloud provider's, or the internet.
    Docker writes its own firewall rules, so a host firewall such as `ufw` does not stop
    it. Databases in containers are then one weak password away from being dumped.

    ## Known problems
    Other services reach the database over the compose network without any published
    port; publishing on `127.0.0.1` keeps it reachable from the host alone. In a compose
    file for development (named so, `docker-compose.dev.yml`, or kept in a folder of
    tests, `test_project/docker-compose.yml`, declaring only networks
    so named, `networks: {shop-dev: {name: shop-dev}}`, running the framework's
    development server, the test suite (`command: make test`, `pytest`) or the app in
    debug mode or with a switch named for development on, `LOCAL_DEV: 1`, or code
    reloading on, `HOT_RELOAD: "true"`, configuring
    every service that reads
    an env file from ones named for development, `env_file: env.d/development/common`,
    or saying in its first comment lines that it is not for production or that it is
    for development, `# This configuration file is for the development setup`) the
    finding is low: the port is open
    on a developer's machine, on whatever network it joins, not on a server.
    Elsewhere it is high when the database lets every client in without a password:
    the official `redis` image (protected mode off) and `memcached` image started
    without a password, ACL or configuration file of their own (`--requirepass`,
    `-S`), or a PostgreSQL image told `POSTGRES_HOST_AUTH_METHOD=trust`; another
    publisher's image (`bitnami/redis`) may set one from its variables and is judged
    as medium.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:16
        ports:
          - "5432:5432"
    ```

    ## Fix
    ```yaml
    services:
      db:
        image: postgres:16
        ports:
          - "127.0.0.1:5432:5432"
    ```

    ## References
    - [CWE-668: Exposure of Resource to Wrong Sphere](https://cwe.mitre.org/data/definitions/668.html)
    - [Docker: published ports](https://docs.docker.com/engine/network/#published-ports)
    - [Docker: packet filtering and firewalls](https://docs.docker.com/engine/network/packet-filtering-firewalls/)
    """

    code = "WW343"
    name = "database-port-published"
    practice = Practice.DATABASE
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 668
    message = (
        "service `{service}` publishes its {database} port {port} on every interface (`{text}`)"
    )
    fix = 'bind it to the loopback interface (`"127.0.0.1:{port}:{port}"`) or drop `ports`'
    example_filename = "docker-compose.yml"
    patterns = COMPOSE_PATTERNS

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        try:
            documents = yaml_documents(file.text)
        except YamlProblem as problem:
            line = max(1, min(problem.line, len(file.lines)))
            yield FileNotAnalysed.make_finding(
                Location(file.relpath, line), reason=problem.reason, key=problem.reason
            )
            return
        development: str | None = None
        passwordless: dict[str, str] | None = None
        for published in published_ports(documents):
            found = database_port(published)
            if found is None or not exposed(published):
                continue
            port, database = found
            finding = self.make_finding(
                file.location(published.line, published.column),
                snippet=file.lines[published.line - 1],
                service=published.service,
                database=database,
                port=port,
                text=published.text,
            )
            if passwordless is None:
                passwordless = passwordless_services(documents)
            if reason := passwordless.get(published.service):
                message = f"{finding.message}, and {reason}"
                finding = dataclasses.replace(finding, severity=Severity.HIGH, message=message)
            if development is None:
                name = file.relpath.rsplit("/", 1)[-1]
                development = development_compose(file.relpath, name, file.text)
            yield lower_for_context(finding, Severity.LOW, development) if development else finding
