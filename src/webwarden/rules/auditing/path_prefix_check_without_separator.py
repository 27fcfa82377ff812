"""WW1129: a path checked to lie in an allowed folder by a prefix without a separator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule

if TYPE_CHECKING:
    from webwarden.analysis.taint.engine import Flow
    from webwarden.model.project import ProjectModel


class PathPrefixCheckWithoutSeparator(TaintRule):
    """## What it does
    Finds a path the client chose, normalised (`os.path.realpath`, `abspath`,
    `normpath`, `Path.resolve()`), checked to lie in an allowed folder by
    `startswith(folder)` where `folder` is not written to end in a path separator:
    request data, or the value a Django REST framework serializer's `validate_<field>()`
    (or `validate()`) is handed, also in a helper it calls (`for allowed in
    settings.ALLOWED_EXPORT_PATHS: if os.path.realpath(value).startswith(allowed):`).
    A prefix that ends in one (`folder + os.sep`, `folder + "/"`, `f"{folder}/"`,
    `os.path.join(folder, "")`, a text or module constant ending in `/`, or a local
    holding one of these, also past an `if` appending one unless it is there: `if not
    folder.endswith(os.sep): folder += os.sep`) is a containment check, and so are `os.path.commonpath([path,
    folder]) == folder` and `Path(path).is_relative_to(folder)`. A path that reaches a
    file operation in the same flow is reported there by WW1107 instead, once.

    ## Why is this bad?
    `/srv/exports-old/secrets` starts with `/srv/exports`: the check lets through every
    sibling folder whose name starts with the allowed folder's (`../exports-old/`,
    `/srv/exports2`), so a value validated as inside the allowed folder may name files
    outside it, which a later task reads or writes.

    ## Known problems
    A folder that a setting or a caller provides with its separator already
    (`ALLOWED_EXPORT_PATHS = ["/srv/exports/"]`) is still reported: the check does not
    say so, and a folder configured without it passes siblings.

    ## Example
    ```python
    import os

    from rest_framework import serializers

    ALLOWED_ROOT = "/srv/exports"

    class ExportSerializer(serializers.Serializer):
        path = serializers.CharField()

        def validate_path(self, value):
            if not os.path.realpath(value).startswith(ALLOWED_ROOT):
                raise serializers.ValidationError("not an allowed path")
            return value
    ```

    ## Fix
    ```python
    import os

    from rest_framework import serializers

    ALLOWED_ROOT = "/srv/exports"

    class ExportSerializer(serializers.Serializer):
        path = serializers.CharField()

        def validate_path(self, value):
            real = os.path.realpath(value)
            if os.path.commonpath([real, ALLOWED_ROOT]) != ALLOWED_ROOT:
                raise serializers.ValidationError("not an allowed path")
            return value
    ```
    Compare whole path components: `os.path.commonpath([path, folder]) == folder`,
    `Path(path).is_relative_to(folder)`, or a prefix ending in the separator,
    `path.startswith(os.path.join(folder, ""))`.

    ## References
    - [CWE-22: Path Traversal](https://cwe.mitre.org/data/definitions/22.html)
    - [Python docs: os.path.commonpath](https://docs.python.org/3/library/os.path.html#os.path.commonpath)
    - [Python docs: PurePath.is_relative_to](https://docs.python.org/3/library/pathlib.html#pathlib.PurePath.is_relative_to)
    """

    code = "WW1129"
    name = "path-prefix-check-without-separator"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 22
    message = "{source} is checked to lie in a folder by `{sink}` with no separator ending it"
    fix = "compare with `os.path.commonpath([path, folder]) == folder` or `is_relative_to(folder)`"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})

    def keeps(self, project: ProjectModel, flow: Flow) -> bool:
        """Not a flow whose read also reaches a file operation (WW1107 reports that one)."""
        from webwarden.analysis.taint import taint_flows

        first = flow.source_step
        read = (first.relpath, first.line, first.column)
        return super().keeps(project, flow) and not any(
            (other.source_step.relpath, other.source_step.line, other.source_step.column) == read
            for other in taint_flows(project)
            if other.rule == "WW1107"
        )
