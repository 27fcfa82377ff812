"""WW1131: an access, ID or refresh token written to a log or the console."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.tree import item_read
from webwarden.rules.auditing._logs import LOG_CALLS, carried_parts, writes_log
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words

_KINDS = frozenset({"access", "id", "refresh", "bearer", "auth", "api", "session"})
"""Words that, before a last word `token`, name a credential: who holds the token is
let in (`access_token`, `id_token`, `refreshToken`, `API_TOKEN`); not a `csrf_token`,
a `next_page_token` or a `token_type`."""


class AuthTokenLogged(PythonRule):
    """## What it does
    Finds a bearer credential written to a log or the console: a local, attribute or
    dictionary item named for an access, ID, refresh, bearer, auth, API or session
    token (`access_token`, `tokens["id_token"]`, `self.refresh_token`), given to a
    logger's `debug()` ... `critical()`, to `print()` or to
    `sentry_sdk.capture_message()`, as an argument or inside the message built for it
    (an f-string, `%` or `+`, `.format()`, `str()`, a tuple, list or dict). In a method
    of an authentication class (REST framework's `BaseAuthentication` and the classes
    named like it, simplejwt's `JWTAuthentication`) any token is the one the request
    presented to be let in, whatever it is called (`raw_token`, `token`), but a form's
    `csrf_token` or a page's `next_page_token`.

    ## Why is this bad?
    Whoever holds such a token is let in as the user it was issued to, until it
    expires (a refresh token: for weeks), without knowing any password. Logs are kept
    for months, shipped to log stores and error trackers and read by people who must
    never act as the users: a token written there is a session handed to each of them.
    An ID token an app accepts to sign users in (an OpenID Connect callback taking it
    from the request) is replayed as it is.

    ## Known problems
    Only the names say what a value is: a token held under another name (`creds`,
    `result["token"]`) is not reported, nor a whole token response logged as a
    dictionary. Test code is not judged.

    ## Example
    ```python
    import logging

    import requests

    logger = logging.getLogger(__name__)


    def exchange(code):
        tokens = requests.post(TOKEN_URL, data={"code": code}, timeout=10).json()
        logger.debug("token response: %s", tokens["access_token"])
        return tokens
    ```

    ## Fix
    ```python
    import logging

    import requests

    logger = logging.getLogger(__name__)


    def exchange(code):
        tokens = requests.post(TOKEN_URL, data={"code": code}, timeout=10).json()
        logger.debug("token response received, expires in %s s", tokens["expires_in"])
        return tokens
    ```
    Log what the token is about (its expiry, the user id it names), never the token.

    ## References
    - [CWE-532: Insertion of Sensitive Information into Log File](https://cwe.mitre.org/data/definitions/532.html)
    - [OWASP Logging Cheat Sheet: data to exclude](https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude)
    - [RFC 6750: OAuth 2.0 Bearer Token Usage, 5.3](https://www.rfc-editor.org/rfc/rfc6750#section-5.3)
    """

    code = "WW1131"
    name = "auth-token-logged"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 532
    message = "the token `{read}` is written in clear text to `{call}()`"
    fix = "leave the token out of the message; log its expiry or the user it names"
    calls = LOG_CALLS

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if not writes_log(ctx, node):
            return
        call = ast.unparse(node.func)[:40]
        presented = _in_authentication_class(ctx, node)
        for argument in (*node.args, *(k.value for k in node.keywords)):
            for part in carried_parts(argument):
                if _token_named(ctx, part, presented=presented):
                    yield self.finding(ctx, part, read=ast.unparse(part)[:60], call=call)
                    return


def _token_named(ctx: FileContext, node: ast.expr, *, presented: bool) -> bool:
    """`access_token`, `self.id_token`, `tokens["refresh_token"]`, `data.get("idToken")`;
    with `presented`, any token but a form's or a page's (`raw_token`, `token`)."""
    if isinstance(node, ast.Name):
        return _credential_name(node.id, presented=presented)
    if isinstance(node, ast.Attribute):
        return _credential_name(node.attr, presented=presented)
    read = item_read(node)
    if read is None:
        return False
    key = ctx.evaluate(read[1])
    return isinstance(key, str) and _credential_name(key, presented=presented)


def _credential_name(name: str, *, presented: bool) -> bool:
    words = identifier_words(name)
    if not words or words[-1] != "token":
        return False
    if presented:
        return len(words) == 1 or words[-2] not in _NOT_CREDENTIALS
    return len(words) >= 2 and words[-2] in _KINDS


_NOT_CREDENTIALS = frozenset({"csrf", "xsrf", "page", "next", "type"})
"""Words before `token` naming what lets no one in: a form's anti-forgery token, a
paging cursor, the kind of a token."""


def _in_authentication_class(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` is in a method of an authentication class (REST framework's
    `BaseAuthentication` and the classes named like it: `TokenAuthentication`,
    simplejwt's `JWTAuthentication`), whose tokens are what the request presented to
    be let in (simplejwt's `raw_token`)."""
    function = ctx.scopes.enclosing_function(node)
    owner = ctx.parent(function) if function is not None else None
    if not isinstance(owner, ast.ClassDef):
        return False
    named = [ctx.qualified(base) or ast.unparse(base) for base in owner.bases]
    return any(name.rsplit(".", 1)[-1].endswith("Authentication") for name in named)
