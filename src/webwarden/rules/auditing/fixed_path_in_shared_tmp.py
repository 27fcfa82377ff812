"""WW11100: a file the app writes or keeps at a fixed name in `/tmp` (or `/var/tmp`, `/dev/shm`)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.rules.auditing._shared_tmp import TmpPath, tmp_path
from webwarden.rules.auditing._shared_tmp_sinks import (
    SINK_CALLS,
    store_entries,
    store_setting,
    written_path,
)
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.secret_sites import settings_role

if TYPE_CHECKING:
    from webwarden.model.project import ProjectModel


class FixedPathInSharedTmp(PythonRule):
    """## What it does
    Finds a fixed path in a folder every user of the machine can write (`/tmp`,
    `/var/tmp`, `/dev/shm`, `tempfile.gettempdir()`) that the app writes or keeps data
    in: `open(path, "w")` (and `"a"`, `"wb"`, `"r+"`; `os.open` without `O_EXCL`),
    logging file handlers and `logging.basicConfig(filename=...)`, `sqlite3.connect`,
    `shelve.open`, an SQLite URL (`create_engine`, `SQLALCHEMY_DATABASE_URI`),
    `os.mkfifo`, a Unix socket's `bind`, the target of `shutil.copy`/`move`/`os.rename`,
    `Path.write_text`/`write_bytes`/`touch`, `.save(path)` of an upload or image,
    `FileSystemStorage` and file caches; and the settings that name such a store:
    `DATABASES` `NAME`, a `FileBasedCache` `LOCATION`, `SESSION_FILE_PATH`,
    Flask-Session's `SESSION_FILE_DIR`, Flask-Caching's `CACHE_DIR`, `MEDIA_ROOT`,
    `UPLOAD_FOLDER`, a logging config's `"filename"`, and (at medium confidence, by
    their names) `LOG_FILE` and `PID_FILE`. A path is fixed when the name directly
    in the shared folder is: `/tmp/app.log`, `/tmp/exports/{name}` (medium
    confidence), `/tmp/app-{os.getpid()}.pid` (medium: process ids and times can be
    created beforehand); the default of an environment variable
    (`os.environ.get("LOG_FILE", "/tmp/app.log")`, `os.getenv("LOG_FILE") or
    "/tmp/app.log"`) is what ships when it is unset (medium confidence).
    Not reported: a random name there (`uuid4()`, `secrets`, `tempfile.mkstemp`,
    `mkdtemp`, `NamedTemporaryFile`), a name the code cannot read, reading a fixed
    path, `open(path, "x")`, `FILE_UPLOAD_TEMP_DIR` (Django makes randomly named files
    there, exclusively), test code. A development or test settings module's findings
    are low.

    ## Why is this bad?
    Another account on the host can create that name first: a symlink makes the app
    write through it into any file the app's user can write, a folder or file of its
    own lets it read the logs, database or uploads the app leaves there, or plant
    cache or session files the app then loads (file caches unpickle their entries).
    The severity is medium: the attack needs a local account or a process sharing
    `/tmp` (another container or service), but then it corrupts or reads app data.

    ## Known problems
    Reading a fixed path is not reported (a file another program leaves there is read
    by design), though a pickle or config loaded from one is as planted as a cache
    entry. A path kept in an attribute (`self.folder`) or read from another module's
    config is not followed; a constant named `LOG_FILE` and the handler opening it are
    both reported.

    ## Example
    ```python
    import logging
    from logging.handlers import RotatingFileHandler

    handler = RotatingFileHandler("/tmp/shop.log", "a", 10_000_000, 5)
    logging.getLogger("shop").addHandler(handler)
    ```

    ## Fix
    ```python
    import logging
    from logging.handlers import RotatingFileHandler

    handler = RotatingFileHandler("/var/log/shop/shop.log", "a", 10_000_000, 5)
    logging.getLogger("shop").addHandler(handler)
    ```

    ## References
    - [CWE-377: Insecure Temporary File](https://cwe.mitre.org/data/definitions/377.html)
    - [Python docs: tempfile](https://docs.python.org/3/library/tempfile.html)
    - [Django docs: SESSION_FILE_PATH](https://docs.djangoproject.com/en/stable/ref/settings/#session-file-path)
    """

    code = "WW11100"
    name = "fixed-path-in-shared-tmp"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 377
    message = (
        "`{what}` uses `{path}`, a fixed name in a folder every user of the machine can "
        "write: another user can create it first{note}"
    )
    fix = (
        "keep it in a folder only the app's user can write (`/var/lib/<app>`, the instance "
        "folder), or make it with `tempfile.mkstemp`/`TemporaryDirectory`"
    )
    bandit = ("B108",)
    ruff = ("S108",)
    calls = SINK_CALLS
    mentions = (("tmp", "shm", "gettempdir"),)

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        for what, path_node, named in written_path(ctx, node):
            yield from self._report(ctx, path_node, what, named=named)

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        if len(node.targets) != 1:
            return
        target = node.targets[0]
        key = ctx.evaluate(target.slice) if isinstance(target, ast.Subscript) else None
        setting = target.id if isinstance(target, ast.Name) else key
        named = store_setting(setting) if isinstance(setting, str) else None
        if named is not None:
            yield from self._report(ctx, node.value, str(setting), named=named)

    def visit_Dict(self, node: ast.Dict, ctx: FileContext) -> Iterator[Finding]:
        for what, value, named in store_entries(ctx, node):
            yield from self._report(ctx, value, what, named=named)

    def _report(
        self, ctx: FileContext, node: ast.expr, what: str, *, named: bool
    ) -> Iterator[Finding]:
        found = tmp_path(ctx, node)
        if found is None:
            return
        weaker = named or found.folder_only or found.predictable or bool(found.default_of)
        yield self.finding(
            ctx,
            node,
            confidence=Confidence.MEDIUM if weaker else None,
            what=what,
            path=found.shown,
            note=_note(found),
        )

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low in a development or test settings module (by its name)."""
        role = settings_role(project, finding.location.path)
        if role.is_development:
            return lower_for_context(finding, Severity.LOW, f"{role.value} settings")
        return finding


def _note(found: TmpPath) -> str:
    notes = []
    if found.default_of:
        notes.append(f"the default of ${found.default_of}")
    if found.folder_only:
        notes.append("the folder is fixed")
    if found.predictable:
        notes.append("a process id or time is no secret")
    return f" ({'; '.join(notes)})" if notes else ""
