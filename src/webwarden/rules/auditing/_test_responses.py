"""Responses a test client got from the application under test.

A test sends its request to the application in the same process (Django's
`self.client.get(url)`, DRF's `APIClient`, Flask's `app.test_client()`) and reads what
the application answered: the program's own output, not a document from outside it.
"""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext, identifier_words

_BODIES = frozenset({"content", "data", "text", "body"})
_READERS = frozenset({"get_data", "decode", "encode", "getvalue"})
"""Reads of a body, and re-codings of what they read (`response.get_data(as_text=True)
.encode("utf-8")`), which keep it the same document."""
_REQUESTS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "generic"})
_TEST_CLIENTS = frozenset(
    {
        "django.test.Client",
        "django.test.client.Client",
        "rest_framework.test.APIClient",
        "werkzeug.test.Client",
        "flask.testing.FlaskClient",
    }
)


def from_test_client(ctx: FileContext, document: ast.expr) -> bool:
    """Whether `document` is the body of a response a test client got (`response.content`,
    `response.get_data()`, `response.content.decode()`, text encoded back to bytes:
    `response.get_data(as_text=True).encode()`), the response bound in the
    function to `client.get(url)` or the call itself."""
    response: ast.expr | None = document
    while isinstance(response, ast.Call) and isinstance(response.func, ast.Attribute):
        if response.func.attr not in _READERS:
            return False
        response = response.func.value
    if isinstance(response, ast.Attribute) and response.attr in _BODIES:
        response = response.value
    if isinstance(response, ast.Name):
        response = ctx.reaching_value(response) or ctx.lookup(response)
    return (
        isinstance(response, ast.Call)
        and isinstance(response.func, ast.Attribute)
        and response.func.attr in _REQUESTS
        and _test_client(ctx, response.func.value)
    )


def _test_client(ctx: FileContext, receiver: ast.expr) -> bool:
    """A test client: made by a test client class or `app.test_client()`, or, in test
    code, a name or attribute ending in `client` (Django's `self.client`, a pytest
    `client` fixture)."""
    if isinstance(receiver, ast.Name):
        made = ctx.scopes.made_by(receiver)
        if isinstance(made, ast.Call) and (
            ctx.call_name(made) in _TEST_CLIENTS
            or (isinstance(made.func, ast.Attribute) and made.func.attr == "test_client")
        ):
            return True
        name = receiver.id
    elif isinstance(receiver, ast.Attribute):
        name = receiver.attr
    else:
        return False
    words = identifier_words(name)
    return ctx.is_test_file and bool(words) and words[-1] == "client"
