"""Login checks a view hands the credentials they prove, rather than the request."""

from __future__ import annotations

import ast
import re

from webwarden.model.module import FileContext

AUTH_CHECK = re.compile(
    r"verify_jwt_in_request|authenticate(_user|_request)?|authori[sz]e_request|"
    r"(verify|check|require|ensure|validate)_(\w+_)?(auth|login|logged_in|jwt|credentials|api_?key)"
    r"(_\w+)?"
)
"""A call that checks who the user is: Flask-JWT-Extended's `verify_jwt_in_request`, or a
project's own `verify_auth_token`, `check_auth`, `require_login`, `authenticate`,
`authorize_request`."""

_REQUEST = "flask.request"


def handed_check(ctx: FileContext, call: ast.Call, name: str) -> bool | None:
    """Whether a login check (`AUTH_CHECK`, by the last part of `name`) is handed the
    credentials it proves, a record's id or a username and password the view took
    (`LoginSession.authenticate(buid=sessionid)`), and not Flask's `request`, whose cookie
    it might read; None when the call is no login check. A check given nothing
    (`verify_jwt_in_request()`) finds the credentials itself, the cookie among them."""
    if not AUTH_CHECK.fullmatch(name.rsplit(".", 1)[-1]):
        return None
    given = [*call.args, *(k.value for k in call.keywords)]
    if not given or any(k.arg is None for k in call.keywords):
        return False
    return not any(
        isinstance(node, ast.Starred) or ctx.qualified(node) == _REQUEST for node in given
    )
