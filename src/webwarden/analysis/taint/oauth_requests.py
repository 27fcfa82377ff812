"""OAuthLib's checked authorization requests.

`server.validate_authorization_request(uri, method, body, headers)` (OAuthLib's
`Server`, which django-allauth's and Django OAuth Toolkit's providers wrap) returns
`(scopes, credentials)`: it raises unless the client exists and the `redirect_uri` the
request names is one the client registered (or the client's only one, when the request
names none), so `credentials["redirect_uri"]` is where the client asked to be sent back
to, not a place the request chose. The other credentials (`state`, `nonce`...) are the
request's as sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.taint.values import Value, cleanse, union

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords

AUTHORIZATION_CHECKS = frozenset({"validate_authorization_request"})

_REGISTERED = frozenset({"redirect", "header"})
"""What a registered redirect URI is safe for: a `Location` the client registered."""


def checked_authorization(args: Args, keywords: Keywords, receiver: Value) -> Value:
    """`(scopes, credentials)` of `validate_authorization_request(...)`."""
    sent = union(
        receiver.whole(), *(v.whole() for _, v in args), *(v.whole() for _, _, v in keywords)
    )
    registered = Value(cleanse(sent, _REGISTERED))
    credentials = Value(sent, {"[redirect_uri]": registered}, "<dict>")
    return Value(parts={"#0": Value(sent), "#1": credentials}, kind="<tuple>")
