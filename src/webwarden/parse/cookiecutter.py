"""Cookiecutter's placeholders in a project template, read as the names they stand for.

A cookiecutter template (cookiecutter-flask, cookiecutter-django) is a project whose
folders and modules hold `{{cookiecutter.app_name}}` where the generator writes the
name chosen for the project: `from {{cookiecutter.app_name}}.user.models import User`.
Read with the variable's own name in the placeholder's place (`app_name`), the module is
the Python the template generates, and its imports name the package the folder
`{{cookiecutter.app_name}}` becomes. Control blocks (`{% if cookiecutter.use_heroku %}`)
choose lines and are not rendered: such a file stays unread.
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"\{\{\s*cookiecutter\.(\w+)\s*\}\}")
_MARK = "cookiecutter."


def with_stand_ins(text: str) -> str | None:
    """`text` with each `{{ cookiecutter.NAME }}` replaced by `NAME`; None when it holds
    none (columns after a placeholder on its line shift by the difference)."""
    if _MARK not in text:
        return None
    replaced, count = _PLACEHOLDER.subn(r"\1", text)
    return replaced if count else None


_FOLDER_MARKS = ("{{cookiecutter.", "{{ cookiecutter.")
_OPENING_RAW = re.compile(r"\A\s*(\{%-?\s*raw\s*-?%\})")
_CLOSING_RAW = re.compile(r"(\{%-?\s*endraw\s*-?%\})\s*\Z")
_ENDRAW = re.compile(r"\{%-?\s*endraw\s*-?%\}")


def unwrapped_template(relpath: str, text: str) -> str | None:
    """The template a cookiecutter template generates from `text`, when the file lies in
    a placeholder folder and is wrapped whole in `{% raw %}...{% endraw %}` (so that the
    generator copies the project's own Jinja template as it is): those two tags blanked
    out, lines and columns kept. None otherwise."""
    if not any(mark in relpath for mark in _FOLDER_MARKS):
        return None
    opening = _OPENING_RAW.match(text)
    closing = _CLOSING_RAW.search(text)
    if opening is None or closing is None or len(_ENDRAW.findall(text)) != 1:
        return None
    start, end = opening.span(1)
    close_start, close_end = closing.span(1)
    return (
        text[:start]
        + " " * (end - start)
        + text[end:close_start]
        + " " * (close_end - close_start)
        + text[close_end:]
    )
