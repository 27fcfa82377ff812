"""WW763: a Django webhook view that changes state without verifying who sent the event."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.writes import StateChanges, state_changes
from webwarden.analysis.writes.calls import Write
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model import STATE_CHANGING
from webwarden.model.django.views import View
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._webhooks import hook_url_secret, names_webhook
from webwarden.rules.auth.django_view_without_login import drf_default_closed, opened
from webwarden.rules.base import ProjectRule

_WRITING_HANDLERS = ("post", "put", "patch", "delete")


class DjangoWebhookUnverified(ProjectRule):
    """## What it does
    Finds Django views that receive webhooks (their URL or view named `webhook` or
    `hook`: `stripe/webhook/`, `hooks/github/`), that another server can post to without
    a session (exempt from CSRF checks with `csrf_exempt`, or a REST framework view
    whose `permission_classes` are `AllowAny` or empty, or that sets none in a project
    whose settings set no closed `DEFAULT_PERMISSION_CLASSES`: REST framework's default
    is `AllowAny`) and that change state (themselves or through the project's functions
    they call, also the receivers of a signal they send, `entry_received.send(...)`
    running a `@receiver(entry_received)` function, and a model's custom manager's
    methods, `Entry.objects.create_from_entry(...)`), while
    nothing checks who sent the request. A check is one of: the view's first act refuses
    a request without a credential a browser never sends by itself (a signature checked
    with `hmac.compare_digest` against the webhook secret, `stripe.Webhook.construct_event`
    in a `try` whose handlers return, a header compared with a setting, a keyed JSON Web
    Token, a parameter of the query string equal to a secret setting, or to any setting
    compared in constant time: `compare_digest(request.GET.get("key", ""),
    settings.HOOK_KEY)`), also as the test
    of what a helper of the view's class or module, or one the view defines in its own
    body, named for checking returns when handed the request (`if not
    self._validate_token(request): return HttpResponseForbidden()`,
    `_validate_token` returning `request.GET.get("token") == settings.HOOK_SECRET` or
    `hmac.compare_digest(...)` of a header), a decorator of the project doing so, a login
    or permission check, or a secret in the URL (`hooks/<token>/`, `hooks/<uuid:key>/`).

    ## Why is this bad?
    A webhook URL is public: anyone who finds it can post to it. Without a signature
    check, a forged `checkout.session.completed` marks an order paid, a forged push
    event runs a deployment, a forged "subscription renewed" grants a plan. The
    providers sign every delivery (Stripe's `Stripe-Signature`, GitHub's
    `X-Hub-Signature-256`) for exactly this reason.

    ## Known problems
    A check made later in the view, after it has acted on part of the body, or in a
    helper whose name says nothing of checking, is not seen. A view that re-reads the
    event from the provider's API by its id instead of trusting the body is safe, and
    reported; say so with a suppression.

    ## Example
    ```python
    # views.py
    import json

    from django.http import HttpResponse
    from django.views.decorators.csrf import csrf_exempt

    from shop.models import Order


    @csrf_exempt
    def stripe_webhook(request):
        event = json.loads(request.body)
        Order.objects.filter(session=event["data"]["object"]["id"]).update(paid=True)
        return HttpResponse()
    ```

    ```python
    # urls.py
    from django.urls import path

    import views

    urlpatterns = [path("stripe/webhook/", views.stripe_webhook)]
    ```

    ## Fix
    ```python
    # views.py
    import stripe
    from django.conf import settings
    from django.http import HttpResponse
    from django.views.decorators.csrf import csrf_exempt

    from shop.models import Order


    @csrf_exempt
    def stripe_webhook(request):
        try:
            event = stripe.Webhook.construct_event(
                request.body, request.headers.get("Stripe-Signature"), settings.STRIPE_SECRET
            )
        except (ValueError, stripe.error.SignatureVerificationError):
            return HttpResponse(status=400)
        Order.objects.filter(session=event["data"]["object"]["id"]).update(paid=True)
        return HttpResponse()
    ```

    ```python
    # urls.py
    from django.urls import path

    import views

    urlpatterns = [path("stripe/webhook/", views.stripe_webhook)]
    ```

    ## References
    - [CWE-345: Insufficient Verification of Data Authenticity](https://cwe.mitre.org/data/definitions/345.html)
    - [Stripe: check the webhook signatures](https://docs.stripe.com/webhooks#verify-events)
    - [GitHub: validating webhook deliveries](https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries)
    """

    code = "WW763"
    name = "django-webhook-unverified"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 345
    message = (
        "webhook view `{view}` (`{rule}`) changes state on any caller's word: it checks no "
        "signature or shared secret of the sender"
    )
    fix = (
        "verify the provider's signature of the body first (`stripe.Webhook.construct_event`, "
        "`hmac.compare_digest` with the webhook secret) and answer 400 when it does not match"
    )

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        django = project.django
        if django is None:
            return
        changes: StateChanges | None = None
        closed: bool | None = None
        seen: set[str] = set()
        for route in django.routes:
            view = route.view
            if view is None or view.location is None or view.target in seen:
                continue
            summary = project.modules.get(view.location.path)
            if summary is None or summary.is_test or route.debug_only:
                continue
            if not names_webhook(route.pattern or "", view.target):
                continue
            if view.is_drf and view.permission_classes is None and closed is None:
                closed = drf_default_closed(django)
            if not _open_to_servers(view, default_open=not closed):
                continue
            if _checked(view, route.pattern or ""):
                continue
            changes = changes or state_changes(project)
            writes = _writes(changes, view)
            if not writes:
                continue
            seen.add(view.target)
            yield self.make_finding(
                view.location,
                key=view.target,
                view=view.target.rpartition(".")[2],
                rule=route.pattern or "/",
            )


def _open_to_servers(view: View, *, default_open: bool) -> bool:
    """Whether a server without the user's session can post to it: exempt from CSRF
    checks, or a REST framework view open to anyone by its own permission classes or,
    setting none, by the project's defaults (`default_open`: no settings module sets
    `DEFAULT_PERMISSION_CLASSES` to closed ones, so REST framework's `AllowAny` holds)."""
    if view.methods is not None and not STATE_CHANGING & set(view.methods):
        return False
    if view.csrf_exempt:
        return True
    if not view.is_drf:
        return False
    return default_open if view.permission_classes is None else opened(view)


def _checked(view: View, pattern: str) -> bool:
    if view.verifies_caller or view.requires_login or view.checks_user:
        return True
    if view.takes_sso_answer or view.gated_by:
        return True
    return hook_url_secret(pattern)


def _writes(changes: StateChanges, view: View) -> list[Write]:
    if view.kind in {"function", "action"}:
        handlers = [view.target]
    else:
        found = (changes.method(view.target, name) for name in _WRITING_HANDLERS)
        handlers = [m.function.qualname for m in found if m is not None]
    return [w for h in handlers for w in changes.writes(h) if w.clear]
