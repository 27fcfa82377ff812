"""What a settings module's own docstring says it is for.

```python
class DockerSettings(BaseSettings):
    'Settings for local development with Docker.'
```

A module whose name says nothing of its role (`settings/docker.py`, `settings/compose.py`)
is judged as production; when its docstring, or that of every class of settings it
defines, opens by saying it is a developer's (`Settings for local development`,
`Development settings`, `Not for production use`), its authors keep it off the
production server, as they would by naming it `dev.py`. So too when the class of
settings it exports (`WebDevSettings.load_settings(__name__)`, which copies the class's
settings into the module) is named for development or tests.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence

from webwarden.model.roles import Role, role_of

_FOR_DEVELOPMENT = re.compile(
    r"^(?:(?:the|django|our)\s+)*(?:settings|configuration|config)\s+"
    r"(?:(?:used|meant|intended|only)\s+)*(?:for|in)\s+(?:(?:a|the|your)\s+)?"
    r"(?:local\s+)?(?:development|developers?|dev)\b"
    r"|^(?:(?:the|django)\s+)*(?:local\s+)?(?:development|dev)\s+(?:settings|configuration|config)\b"
    r"|^(?:(?:the|django)\s+)*local\s+(?:settings|configuration|config)\s+for\s+development\b",
    re.IGNORECASE,
)
"""An opening sentence naming the module a developer's: `Settings for local development
with Docker`, `Development settings`, `Configuration used for development`."""
_NOT_FOR_PRODUCTION = re.compile(
    r"\bnot\s+(?:[\w-]+\s+){0,2}?(?:suitable|intended|meant|safe|ready|designed|fit|recommended)"
    r"(?:\s+to\s+be\s+(?:used|run|deployed))?\s+(?:for|in)\s+(?:[\w-]+\s+)?production\b"
    r"|\b(?:do\s+not|don't|never)\s+(?:use|deploy|run)\s+(?:[\w-]+\s+){0,3}?(?:in|for|on|to)\s+"
    r"production\b"
    r"|\bnot\s+for\s+production\b",
    re.IGNORECASE,
)
"""A sentence keeping it out of production: `Not for production use`, `Do not use these
settings in production`."""
_ALSO_PRODUCTION = re.compile(r"\b(?:and|or|&|,)\s+(?:[\w-]+\s+)?production\b", re.IGNORECASE)
"""`Settings for development and production`: shared by both, so a deployment's too."""


def described_role(docstring: str | None) -> Role:
    """Development when the first paragraph of `docstring` says the module is for
    development (see the module) and names no production use beside it; else unspecified."""
    if not docstring:
        return Role.UNSPECIFIED
    paragraph = " ".join(docstring.strip().split("\n\n", 1)[0].split())
    if _ALSO_PRODUCTION.search(paragraph):
        return Role.UNSPECIFIED
    if _FOR_DEVELOPMENT.search(paragraph) or _NOT_FOR_PRODUCTION.search(paragraph):
        return Role.DEVELOPMENT
    return Role.UNSPECIFIED


def module_described_role(
    tree: ast.Module, classes: Sequence[ast.ClassDef], exported: str | None = None
) -> Role:
    """The development or test role the name of the class of settings the module
    exports gives it (`CeleryDevSettings.load_settings(__name__)`: the module's
    settings are that class's), or else its docstring's, or else the one the docstrings
    of its classes of settings all give (`classes`: one class with another's docstring
    says nothing of the module)."""
    if exported is not None and (named := role_of(exported)).is_development:
        return named
    own = described_role(ast.get_docstring(tree))
    if own is not Role.UNSPECIFIED or not classes:
        return own
    roles = {described_role(ast.get_docstring(node)) for node in classes}
    return roles.pop() if len(roles) == 1 else Role.UNSPECIFIED
