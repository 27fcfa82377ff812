"""`.env` and `.flaskenv`: what the Flask CLI (through python-dotenv) puts in the environment."""

from __future__ import annotations

import re

_LINE = re.compile(r"^\s*(?:export\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(?P<value>.*)$")
ENV_FILE_NAMES = (".env", ".flaskenv")


def parse_env(text: str) -> dict[str, tuple[str, int]]:
    """Variable -> (value, 1-based line), as python-dotenv reads simple files.

    Quoted values keep their content; unquoted values lose a trailing ` # comment`.
    Multi-line quoted values and `${VAR}` expansion are not followed (their first line
    is kept).
    """
    found: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _LINE.match(line)
        if match is None or line.lstrip().startswith("#"):
            continue
        value = match.group("value").strip()
        if value[:1] in {"'", '"'}:
            quote = value[0]
            end = value.find(quote, 1)
            value = value[1:end] if end > 0 else value[1:]
        else:
            value = re.split(r"\s+#", value, maxsplit=1)[0].strip()
        found[match.group("name")] = (value, number)
    return found
