"""WW762: a Flask webhook that changes state without verifying who sent the event."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel, Route
from webwarden.model.module import identifier_words
from webwarden.rules.auth._webhooks import hook_url_secret, names_webhook
from webwarden.rules.flask_base import FlaskRule

_CHECK_WORDS = frozenset(
    {"verify", "verified", "signature", "signed", "hmac", "secret", "token", "webhook", "hook"}
)
"""Words of a decorator that may check the sender (`@verify_slack_signature`,
`@webhook_secret_required`, `@github_hook`): its wrapper is not judged, so it is trusted."""


class FlaskWebhookUnverified(FlaskRule):
    """## What it does
    Finds Flask routes that receive webhooks (their URL or view named `webhook` or
    `hook`: `/stripe/webhook`, `/hooks/github`) and change state without first checking
    who sent the request. A check is one of: the view's first act refuses a request whose
    signature or shared secret does not match (`hmac.compare_digest(...)`, a
    `verify_signature(...)` helper, a predicate of the project's, in any module, true only
    once a constant-time comparison held (`if not is_github_hook(request): return ...`
    where it returns `False` or `hmac.compare_digest(...)`, itself or through a function
    of its module; after statements that change nothing, such as the site's config read,
    `hook_branch = _cfg("hook_branch")`, and a branch answering `"ignored"` when it is
    unset, also inside a `try` whose handlers leave the view), Stripe's `stripe.Webhook.construct_event(payload,
    signature, secret)` in a `try` whose handlers return, a header compared with the
    app's secret), a login or permission decorator, a decorator named for checking a
    signature, secret or token, a secret in the URL (`/hooks/<token>`, `/hooks/<uuid:key>`)
    or an nginx location only the server's own subrequests reach. A view that provably
    writes nothing is not reported.

    ## Why is this bad?
    A webhook URL is public: anyone who finds it (it is in the provider's dashboard, the
    project's docs, the app's JavaScript, or guessed: `/stripe/webhook`) can post to it.
    Without a signature check, a forged `checkout.session.completed` marks an order
    paid, a forged push event deploys another branch, a forged "subscription renewed"
    grants a plan. The providers sign every delivery (Stripe's `Stripe-Signature`,
    GitHub's `X-Hub-Signature-256`, Slack's `X-Slack-Signature`) for exactly this reason.

    ## Known problems
    A check in a helper of another module whose name says nothing of checking
    (`handle(request)` that verifies first, then does the work) is not seen, and the
    view is reported; nor is a predicate comparing the signature with `==`.
    A view that re-reads the event from the provider's API by its id (`stripe.Event.retrieve(event_id)`)
    instead of trusting the body is safe, and reported; say so with a suppression.

    ## Example
    ```python
    import json

    from flask import Flask, request

    from models import Order, db

    app = Flask(__name__)


    @app.post("/stripe/webhook")
    def stripe_webhook():
        event = json.loads(request.data)
        if event["type"] == "checkout.session.completed":
            Order.query.filter_by(session=event["data"]["object"]["id"]).update({"paid": True})
            db.session.commit()
        return "", 200
    ```

    ## Fix
    ```python
    import stripe
    from flask import Flask, request

    from models import Order, db

    app = Flask(__name__)


    @app.post("/stripe/webhook")
    def stripe_webhook():
        try:
            event = stripe.Webhook.construct_event(
                request.data, request.headers.get("Stripe-Signature"), app.config["STRIPE_SECRET"]
            )
        except (ValueError, stripe.error.SignatureVerificationError):
            return "", 400
        if event["type"] == "checkout.session.completed":
            Order.query.filter_by(session=event["data"]["object"]["id"]).update({"paid": True})
            db.session.commit()
        return "", 200
    ```

    ## References
    - [CWE-345: Insufficient Verification of Data Authenticity](https://cwe.mitre.org/data/definitions/345.html)
    - [Stripe: check the webhook signatures](https://docs.stripe.com/webhooks#verify-events)
    - [GitHub: validating webhook deliveries](https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries)
    """

    code = "WW762"
    name = "flask-webhook-unverified"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 345
    message = (
        "webhook `{route}` (`{endpoint}`) changes state on any caller's word: it checks no "
        "signature or shared secret of the sender"
    )
    fix = (
        "verify the provider's signature of the body first (`stripe.Webhook.construct_event`, "
        "`hmac.compare_digest` with the webhook secret) and answer 400 when it does not match"
    )

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        for route in app.routes:
            if (
                not route.state_changing
                or not route.view_found
                or not names_webhook(route.rule or "", route.endpoint)
            ):
                continue
            if app.writes_nothing(route) or _checked(app, route) or model.internal_only(route):
                continue
            yield self.at(
                route.location, key=route.endpoint, route=route.display, endpoint=route.endpoint
            )


def _checked(app: FlaskApp, route: Route) -> bool:
    """Whether something checks the sender before the view acts."""
    body = route.body
    if body.verifies_caller or body.denies or body.refuses_anonymous:
        return True
    if app.protected_by_login(route):
        return True
    if hook_url_secret(route.rule or ""):
        return True
    for decorator in (*route.decorators, *route.outer_decorators):
        if app.guards_access(decorator):
            return True
        tail = decorator.name.rsplit(".", 1)[-1]
        if _CHECK_WORDS.intersection(identifier_words(tail)):
            return True
    return False
