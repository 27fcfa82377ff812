"""The `RUN` steps of a Dockerfile, whose shell variables end with the step."""

from __future__ import annotations

import re

from webwarden.model.container_commands import is_dockerfile

_RUN = re.compile(r"^[ \t]*RUN\b", re.IGNORECASE)
_CONTINUED = re.compile(r"\\[ \t]*$")


def run_step_lines(name: str, text: str) -> frozenset[int]:
    """The lines (1-based) of a Dockerfile's `RUN` instructions, continued lines too
    (`\\` at a line's end); none for any other file. A variable a `RUN` command sets
    (`SECRET_KEY=... python manage.py collectstatic`, `export KEY=...`) lives in that
    step's shell only: unlike `ENV`, it is in no container the image starts."""
    if not is_dockerfile(name):
        return frozenset()
    found: set[int] = set()
    running = False
    for number, line in enumerate(text.splitlines(), start=1):
        if running or _RUN.match(line):
            found.add(number)
            running = bool(_CONTINUED.search(line))
    return frozenset(found)
