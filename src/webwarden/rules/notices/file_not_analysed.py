"""WW000: a file webwarden could not analyse."""

from __future__ import annotations

from collections.abc import Mapping

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import NoticeRule

_REMEDIES = (
    ("max-file-size", "raise `max-file-size` if the file is code you run, or exclude it"),
    ("broken symlink", "point the symlink at a file that exists, or remove it"),
    ("symlink loop", "break the symlink loop, or exclude the path with `extend-exclude`"),
    ("binary file", "exclude it with `extend-exclude`: it is not source code"),
    ("Python 2", "port the file to Python 3, or exclude it if nothing runs it"),
    ("encoding", "declare the encoding (`# -*- coding: latin-1 -*-`) or convert to UTF-8"),
    # NOTE: before the undecodable text's "not valid": a YAML error is no encoding's.
    (
        "not valid YAML",
        "fix the YAML, or exclude the file with `extend-exclude` if it is a template that "
        "renders YAML (Jinja, Helm)",
    ),
    ("not valid", "declare the encoding (`# -*- coding: latin-1 -*-`) or convert to UTF-8"),
    ("cannot read", "make it readable to the user running webwarden, or exclude it"),
    ("not a regular file", "exclude the path with `extend-exclude`"),
)
"""What to do, by a word of the reason (the first that matches)."""


class FileNotAnalysed(NoticeRule):
    """## What it does
    Reports a file that webwarden found but could not analyse, with the reason: a syntax
    error, Python 2 syntax (but for `print x` statements and `except E, e:` clauses,
    which are read as Python 3 writes them), a binary or undecodable file, a file above `max-file-size`, a
    broken symlink or a symlink loop, a template or lock file that does not parse; and a
    line of a requirements list that is no requirement (`"toml<1" "pytz"`, two strings
    run together in `setup.py`), skipped while the file's other requirements are audited.

    ## Why is this bad?
    A file that is not analysed is a file whose vulnerabilities nobody reports. Tools that
    skip such files silently give a clean report for code they never read; webwarden
    says which files it could not judge so that you can fix them or exclude them on
    purpose.

    ## Example
    ```python
    label = `count` + " items"  # Python 2's backquotes
    ```

    ## Fix
    ```python
    label = repr(count) + " items"
    ```
    Port the file to Python 3, fix the syntax error or encoding, raise `max-file-size`,
    or exclude the path with `extend-exclude` if it is not part of your application.

    ## References
    - [CWE-1164: Irrelevant Code](https://cwe.mitre.org/data/definitions/1164.html)
    - [PEP 263: source code encodings](https://peps.python.org/pep-0263/)
    """

    code = "WW000"
    name = "file-not-analysed"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "file could not be analysed: {reason}"
    fix = "fix the file so that it parses, or exclude it with `extend-exclude`"

    @classmethod
    def fix_for(cls, fields: Mapping[str, object]) -> str:
        """What to do for this reason: a file too large is not fixed by making it parse."""
        reason = str(fields.get("reason", ""))
        return next((fix for word, fix in _REMEDIES if word in reason), cls.fix)
