"""OAuthLib's checked authorization requests.

`server.validate_authorization_request(uri, method, body, headers)` (OAuthLib's
`Server`, which django-allauth's and Django OAuth Toolkit's providers wrap) returns
`(scopes, credentials)`: it raises unless the client exists and the `redirect_uri` the
request names is one the client registered (or the client's only one, when the request
names none), so `credentials["redirect_uri"]` is where the client asked to be sent back
to, not a place the request chose. The other credentials (`state`, `nonce`...) are the
request's as sent.

Its answers, `create_authorization_response(...)`, `create_token_response(...)` and the
like, return `(headers, body, status)`: the headers are OAuthLib's own (`Location`: the
checked redirect URI with its parameters URL-encoded; `Content-Type`, `Cache-Control`;
`Access-Control-Allow-Origin` only for an origin the client allows). Django OAuth
Toolkit's wrappers of them, called with the Django request, return `(uri, headers,
body, status)`, `uri` being that `Location`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.taint.values import Taint, Value, cleanse, union

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords

AUTHORIZATION_CHECKS = frozenset({"validate_authorization_request"})
SERVER_ANSWERS = frozenset(
    {
        "create_authorization_response",
        "create_device_authorization_response",
        "create_token_response",
        "create_revocation_response",
        "create_introspect_response",
        "create_userinfo_response",
    }
)

_REGISTERED = frozenset({"redirect", "header"})
"""What a registered redirect URI is safe for: a `Location` the client registered."""
_JSON_ANSWER = frozenset({"html"})
"""What Django OAuth Toolkit's answer body is safe for: the JSON OAuthLib writes of the
tokens it made, the scopes it granted and its own error codes, which the toolkit's views
send with the `Content-Type: application/json` of the headers beside it."""


def checked_authorization(args: Args, keywords: Keywords, receiver: Value) -> Value:
    """`(scopes, credentials)` of `validate_authorization_request(...)`."""
    sent = _sent(args, keywords, receiver)
    registered = Value(cleanse(sent, _REGISTERED))
    credentials = Value(sent, {"[redirect_uri]": registered}, "<dict>")
    return Value(parts={"#0": Value(sent), "#1": credentials}, kind="<tuple>")


def server_answer(args: Args, keywords: Keywords, receiver: Value) -> Value:
    """`(headers, body, status)` of an OAuthLib server's `create_..._response(...)`;
    `(uri, headers, body, status)` of Django OAuth Toolkit's (`OAuthLibCore`, and the
    `OAuthLibMixin` of its views), which take the Django request first and answer with
    the `Location` of the server's headers in front."""
    sent = _sent(args, keywords, receiver)
    headers = Value(cleanse(sent, _REGISTERED))
    if args and args[0][1].kind == "<request>":
        body = Value(cleanse(sent, _JSON_ANSWER))
        return Value(parts={"#0": headers, "#1": headers, "#2": body}, kind="<tuple>")
    return Value(parts={"#0": headers, "#1": Value(sent)}, kind="<tuple>")


def _sent(args: Args, keywords: Keywords, receiver: Value) -> Taint:
    return union(
        receiver.whole(), *(v.whole() for _, v in args), *(v.whole() for _, _, v in keywords)
    )
