"""WW000: a file webwarden could not analyse."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import NoticeRule


class FileNotAnalysed(NoticeRule):
    """## What it does
    Reports a file that webwarden found but could not analyse, with the reason: a syntax
    error, Python 2 syntax, a binary or undecodable file, a file above `max-file-size`, a
    broken symlink or a symlink loop, a template or lock file that does not parse.

    ## Why is this bad?
    A file that is not analysed is a file whose vulnerabilities nobody reports. Tools that
    skip such files silently give a clean report for code they never read; webwarden
    says which files it could not judge so that you can fix them or exclude them on
    purpose.

    ## Example
    ```python
    print "Python 2 is not analysed"
    ```

    ## Fix
    ```python
    print("Python 3 code is analysed")
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
