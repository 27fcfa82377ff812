"""WW1125: tar archives extracted without an extraction filter."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.rules.auditing._common import receiver_name
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

TAR_OPENERS = frozenset(
    {
        "tarfile.open",
        "tarfile.TarFile",
        "tarfile.TarFile.open",
        "tarfile.TarFile.taropen",
        "tarfile.TarFile.gzopen",
        "tarfile.TarFile.bz2open",
        "tarfile.TarFile.xzopen",
    }
)


class TarfileUnsafeExtract(PythonRule):
    """## What it does
    Finds `TarFile.extractall()` and `TarFile.extract()` without a `filter=` argument,
    and `shutil.unpack_archive()` without one (of a zip archive it is not reported:
    shutil skips the members whose names are absolute or hold `..`). Nor is any of them in
    an application whose package metadata requires Python 3.14 or later
    (`requires-python = ">=3.14"` in `pyproject.toml`, `python_requires` in `setup.cfg`
    or `setup.py`): from 3.14 tarfile extracts with the `data` filter when none is
    given, and `shutil.unpack_archive` hands tarfile no other.

    ## Why is this bad?
    Tar members can be named `../../etc/cron.d/x` or `/home/app/.ssh/authorized_keys`,
    be symlinks pointing outside the target folder, or device files. Without a filter,
    extracting an uploaded or downloaded archive writes wherever the archive says
    (path traversal, "tar slip"; CVE-2007-4559). Python 3.12 added extraction filters
    (also in 3.8.17+, 3.9.17+, 3.10.12+, 3.11.4+); `filter="data"` refuses all of that.

    ## Example
    ```python
    import tarfile

    def install_theme(path, target):
        with tarfile.open(path) as archive:
            archive.extractall(target)
    ```

    ## Fix
    ```python
    import tarfile

    def install_theme(path, target):
        with tarfile.open(path) as archive:
            archive.extractall(target, filter="data")
    ```

    ## References
    - [CWE-22: Path Traversal](https://cwe.mitre.org/data/definitions/22.html)
    - [Python docs: extraction filters](https://docs.python.org/3/library/tarfile.html#tarfile-extraction-filter)
    - [PEP 706](https://peps.python.org/pep-0706/)
    """

    code = "WW1125"
    name = "tarfile-unsafe-extract"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 22
    message = "`{call}` extracts {what} without an extraction filter"
    fix = 'pass `filter="data"` (Python 3.12+, or a patched 3.8-3.11)'
    bandit = ("B202",)
    ruff = ("S202",)
    calls = frozenset({"shutil.unpack_archive", ".extractall", ".extract"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if ctx.keyword(node, "filter") is not None or ctx.has_kwargs_splat(node):
            return
        name = ctx.call_name(node)
        if name == "shutil.unpack_archive":
            if _zip_format(node, ctx):
                return
            yield self.finding(
                ctx, node, confidence=Confidence.MEDIUM, call=name, what="an archive"
            )
            return
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr not in {"extractall", "extract"}:
            return
        origin = ctx.origin(func.value)
        if origin in TAR_OPENERS:
            yield self.finding(ctx, node, call=f"{origin}(...).{func.attr}", what="a tar archive")
        elif origin is None and _tar_named(func.value) and ctx.names.imports("tarfile"):
            yield self.finding(
                ctx,
                node,
                confidence=Confidence.MEDIUM,
                call=ast.unparse(func),
                what="a tar archive",
            )

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """An application that runs on no Python older than 3.14, whose tarfile applies
        the `data` extraction filter when none is given (PEP 706's planned default)."""
        return project.python_at_least(finding.location.path, _DATA_FILTER_DEFAULT)


_DATA_FILTER_DEFAULT = "3.14"


def _zip_format(call: ast.Call, ctx: FileContext) -> bool:
    """`unpack_archive(..., format="zip")` or of a `*.zip` name: shutil's zip unpacker
    skips members with absolute names or `..` in them."""
    given = ctx.keyword(call, "format")
    if given is None and len(call.args) > 2:
        given = call.args[2]
    if given is not None:
        return ctx.evaluate(given) == "zip"
    filename = ctx.evaluate(ctx.argument(call, 0))
    return isinstance(filename, str) and filename.lower().endswith(".zip")


def _tar_named(receiver: ast.expr) -> bool:
    name = receiver_name(receiver)
    return "tar" in name.lower()
