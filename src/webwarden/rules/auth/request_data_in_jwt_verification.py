"""WW753: request data choosing what a JSON Web Token is verified against."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInJwtVerification(TaintRule):
    """## What it does
    Follows request data into what `jwt.decode` (PyJWT, python-jose) checks a token
    against: the key, the accepted `algorithms`, the expected `audience` or `issuer`.
    The token itself comes from the client and is not reported; what decides whether it
    is genuine must not.

    ## Why is this bad?
    A check whose terms the client writes checks nothing. An `audience` taken from a
    request parameter (an OAuth `state` carrying the client id, a query argument) makes
    the app accept an ID token the identity provider issued for any other application,
    also the attacker's own, whose users the attacker controls: he signs in as whoever
    that token names. A key or an algorithm list from the request lets him sign the
    token himself.

    ## Known problems
    Only flows known step by step are reported: what a call webwarden does not model
    returns when given the token (PyJWT's `PyJWKClient.get_signing_key_from_jwt(token)`,
    the provider's key the token's `kid` names) is not taken for request data. A value
    picked from the app's own mapping by the token's header (`KEYS[header["kid"]]`) is
    the app's.

    ## Example
    ```python
    import jwt
    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/login/callback")
    def callback():
        client_id = request.args["client_id"]
        claims = jwt.decode(request.args["id_token"], PUBLIC_KEY, algorithms=["RS256"], audience=client_id)
        return claims["email"]
    ```

    ## Fix
    ```python
    import jwt
    from flask import Flask, current_app, request

    app = Flask(__name__)

    @app.route("/login/callback")
    def callback():
        client_id = current_app.config["OIDC_CLIENT_ID"]
        claims = jwt.decode(request.args["id_token"], PUBLIC_KEY, algorithms=["RS256"], audience=client_id)
        return claims["email"]
    ```
    Take the key, the algorithms, the audience and the issuer from the app's own
    configuration (or the provider's published keys), never from the request.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)
    - [PyJWT: usage, audience and issuer claims](https://pyjwt.readthedocs.io/en/stable/usage.html)
    - [OpenID Connect Core 1.0: ID token validation](https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation)
    """

    code = "WW753"
    name = "request-data-in-jwt-verification"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 347
    message = "{source} chooses what `{sink}` checks the token against"
    fix = "take the key, algorithms, audience and issuer from the app's configuration"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
