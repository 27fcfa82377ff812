"""Which template language a file is written in, when the project does not say.

The project step knows most templates' language from who renders them (a Flask app's
template folder is Jinja2, a Django app's `templates/` is Django unless a Jinja2 backend
reads it). For the others the file tells: its extension, a `jinja2/` folder (where
Django's Jinja2 backend looks), then constructs only one language has.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from webwarden.parse.templates.nodes import Dialect

_JINJA_SUFFIXES = frozenset({".jinja", ".jinja2", ".j2"})
_DJANGO_SUFFIXES = frozenset({".djhtml"})
_DJANGO_ONLY = re.compile(
    r"\{%-?\s*(?:load|csrf_token|url|static|empty|comment|verbatim|blocktrans|blocktranslate"
    r"|translate|ifequal|ifnotequal|firstof|cycle|now|widthratio|templatetag|spaceless"
    r"|lorem|querystring|regroup|resetcycle|ifchanged|localize|localtime|timezone"
    r"|get_current_language|get_available_languages|autoescape\s+(?:on|off))\b"
    r"|\{%\s*trans\s+[\"'_]"
    r"|\{\{[^}]*\|\s*\w+:"
)
_JINJA_ONLY = re.compile(
    r"\{%-?\s*(?:set|macro|call|raw|import|from|do|break|continue|autoescape\s+(?:true|false)"
    r"|endmacro|endcall|endset)\b"
    r"|\{%-|-%\}|\{\{-|-\}\}|\{%\+"
    r"|\{\{[^}]*(?:\w\w|[^\W_])\s*\("
    r"|\{%[^%]*(?:\w\w|[^\W_])\s*\("
    r"|\|\s*\w+\s*\("
    r"|\bloop\.(?:index|first|last|length|revindex)"
    r"|\{\{[^}]*\bif\b[^}]*\belse\b"
    r"|\{\{[^}]*\w\["
)
"""Also an item read with brackets (`{{ urls[0] }}`): Django's variables have no `[`. A call
of a bare `_` is no sign: Django marks text for translation so too (`{% button
text=_("Open") %}`, `{{ _("Search") }}`)."""


def dialect_from_suffix(relpath: str) -> Dialect | None:
    """The language a file's extension names (`.j2`, `.djhtml`), if any: it outweighs the
    folder's (a Django app's `templates/` may hold a `.j2` file another tool renders)."""
    suffix = PurePosixPath(relpath).suffix.lower()
    if suffix in _JINJA_SUFFIXES:
        return Dialect.JINJA
    if suffix in _DJANGO_SUFFIXES:
        return Dialect.DJANGO
    return None


def dialect_from_path(relpath: str) -> Dialect | None:
    """The language a file's name or folder says (`.j2`, `jinja2/`), if any."""
    path = PurePosixPath(relpath)
    suffix = path.suffix.lower()
    if suffix in _JINJA_SUFFIXES or "jinja2" in path.parts[:-1]:
        return Dialect.JINJA
    if suffix in _DJANGO_SUFFIXES:
        return Dialect.DJANGO
    return None


def dialect_from_text(text: str) -> Dialect | None:
    """The language whose own constructs the text uses more, None when it uses neither."""
    django = len(_DJANGO_ONLY.findall(text))
    jinja = len(_JINJA_ONLY.findall(text))
    if django > jinja:
        return Dialect.DJANGO
    if jinja > django:
        return Dialect.JINJA
    return None
