"""WW731: a logged-in view fetches a user's row by the key the request chooses alone."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._object_lookups import owned_models
from webwarden.rules.auth._owned_fetches import (
    DEFAULT_TAG,
    TAG,
    class_fetches,
    function_fetches,
)
from webwarden.rules.auth.django_view_without_login import drf_default_closed
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_FUNCTIONS = ast.FunctionDef | ast.AsyncFunctionDef


class OwnedObjectFetchedByKey(PythonRule):
    """## What it does
    Finds a view that requires a login (`@login_required`, `LoginRequiredMixin`, REST
    framework's `IsAuthenticated`, also as the project's `DEFAULT_PERMISSION_CLASSES` for a
    view that names no `permission_classes` of its own (`permission_classes = ()` opens
    the view to everyone), Flask-Login's `@login_required`) and fetches a row by
    a key the request chooses alone (`Invoice.objects.get(pk=pk)`, `get_object_or_404(
    Invoice, pk=...)`, `Invoice.query.get(id)`, `db.session.get(Invoice, id)`, a
    `DetailView`, `UpdateView` or REST framework viewset whose `queryset` or `model` is
    not narrowed by a `get_queryset`), when the row's model belongs to a user (a foreign
    key or relationship to the user model) and the project itself looks that model up by
    the current user somewhere else (`Invoice.objects.filter(owner=request.user)`,
    `request.user.invoice_set.get(pk=pk)`, `Book.query.filter_by(user_id=current_user.id)`,
    `if invoice.owner != request.user:`; not a search matching part of a user's name,
    `Sale.objects.filter(cashier__name__icontains=user)`, a report across every
    user's rows). A local holding the user counts as the user
    in a lookup (`user = request.user`, or what a model form editing the user saves:
    `form.save()` of `UserForm(data=request.POST, instance=request.user)`, which returns
    that instance). Not when the view relates the row to the user
    itself: tests it in an `if` or `assert`, hands it to a check (`check_owner(request,
    invoice)`, `has_perm("...", invoice)`, a token generator's `check_token(invite,
    token)`: the e-mailed link proves the row was sent to the caller), also through a
    function of its module or a method of its class (`self.ensure_token(invite,
    token)`) making such a check, reads `is_staff`, `is_superuser` or a
    permission, or is restricted by a decorator, base class or permission class named for
    staff, superusers, admins, permissions or owners, or by dry-rest-permissions'
    `DRYPermissions` (it asks the row's own `has_object_read_permission(request)`). A
    model the project never scopes by user is not judged.

    ## Why is this bad?
    A login says who asks, not which rows are theirs: any signed-in user changes the
    number in the URL or the form and reads, changes or deletes another user's row (an
    insecure direct object reference). The project's own lookups by owner show that rows
    of the model are private to their user.

    ## Known problems
    Models are matched by class name. A check made elsewhere (a middleware, a model
    manager limited to the user's rows, a login required by the URLconf or a middleware,
    a decorator whose name says nothing of owners) is not seen.

    ## Example
    ```python
    from django.contrib.auth.decorators import login_required
    from django.db import models
    from django.shortcuts import get_object_or_404, render


    class Invoice(models.Model):
        owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)


    @login_required
    def invoice_list(request):
        invoices = Invoice.objects.filter(owner=request.user)
        return render(request, "invoices.html", {"invoices": invoices})


    @login_required
    def invoice_detail(request, pk):
        invoice = get_object_or_404(Invoice, pk=pk)
        return render(request, "invoice.html", {"invoice": invoice})
    ```

    ## Fix
    ```python
    from django.contrib.auth.decorators import login_required
    from django.db import models
    from django.shortcuts import get_object_or_404, render


    class Invoice(models.Model):
        owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)


    @login_required
    def invoice_list(request):
        invoices = Invoice.objects.filter(owner=request.user)
        return render(request, "invoices.html", {"invoices": invoices})


    @login_required
    def invoice_detail(request, pk):
        invoice = get_object_or_404(Invoice, pk=pk, owner=request.user)
        return render(request, "invoice.html", {"invoice": invoice})
    ```
    Look the row up together with its owner (`owner=request.user`, a `get_queryset` that
    filters by `self.request.user`, `current_user.invoices`), or compare its owner with
    the user and refuse (403 or 404) before using it.

    ## References
    - [CWE-639: Authorization Bypass Through User-Controlled Key](https://cwe.mitre.org/data/definitions/639.html)
    - [Django: `get_queryset` of single object views](https://docs.djangoproject.com/en/stable/ref/class-based-views/mixins-single-object/#django.views.generic.detail.SingleObjectMixin.get_queryset)
    - [Django REST framework: object level permissions](https://www.django-rest-framework.org/api-guide/permissions/#object-level-permissions)
    - [OWASP: Insecure Direct Object Reference Prevention](https://cheatsheetseries.owasp.org/cheatsheets/Insecure_Direct_Object_Reference_Prevention_Cheat_Sheet.html)
    """

    code = "WW731"
    name = "owned-object-fetched-by-key"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 639
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    message = (
        "`{model}` is looked up by its owner in {place} but `{view}` fetches it by `{lookup}` alone"
    )
    fix = "look the row up with its owner (`{model}` of the current user), or check the owner"

    def visit_Module(self, node: ast.Module, ctx: FileContext) -> Iterator[Finding]:
        for definition in ctx.nodes(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            if isinstance(definition, _FUNCTIONS):
                fetches = function_fetches(definition, ctx)
            elif isinstance(definition, ast.ClassDef):
                fetches = class_fetches(definition, ctx)
            else:
                continue
            for fetch in fetches:
                found = self.finding(
                    ctx,
                    fetch.node,
                    severity=Severity.HIGH if fetch.writes else Severity.MEDIUM,
                    model=fetch.model,
                    place="another view",
                    view=fetch.view,
                    lookup=fetch.lookup,
                )
                tags = (f"{TAG}{fetch.model}:{fetch.view}:{fetch.lookup}",)
                yield dataclasses.replace(found, tags=tags + ((DEFAULT_TAG,) * fetch.by_default))

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """Unless the model belongs to a user and the project scopes it by user."""
        model = _tagged(finding)[0]
        if DEFAULT_TAG in finding.tags and (
            project.django is None
            or not drf_default_closed(project.django)
            or _object_level_defaults(project)
        ):
            return True
        return model not in owned_models(project).scoped

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """The finding, naming the place where the project scopes the model by user."""
        model, view, lookup = _tagged(finding)
        scoped = owned_models(project).scoped.get(model)
        if scoped is None:
            return finding
        place = f"{scoped[0]}:{scoped[1]}"
        message = cls.message.format(model=model, place=place, view=view, lookup=lookup)
        return dataclasses.replace(finding, message=message)


_PLAIN_PERMISSIONS = frozenset(
    {"IsAuthenticated", "IsAuthenticatedOrReadOnly", "IsAdminUser", "DjangoModelPermissions"}
)
"""REST framework's own permission classes that judge the view, never the object."""


def _object_level_defaults(project: ProjectModel) -> bool:
    """Whether the project's `DEFAULT_PERMISSION_CLASSES` name a class that may judge the
    object (`has_object_permission`): a project's own (`core.permissions.IsMember`), a
    library's, or REST framework's `DjangoObjectPermissions`. Every view keeping the
    default then asks it about the row it fetched."""
    if project.django is None:
        return False
    for settings in project.django.settings.values():
        for possibility in settings.get("REST_FRAMEWORK"):
            config = possibility.shipped
            classes = config.get("DEFAULT_PERMISSION_CLASSES") if isinstance(config, dict) else None
            names = classes if isinstance(classes, list | tuple) else [classes]
            if any(
                isinstance(name, str)
                and not (
                    name.startswith("rest_framework.")
                    and name.rsplit(".", 1)[-1] in _PLAIN_PERMISSIONS
                )
                for name in names
            ):
                return True
    return False


def _tagged(finding: Finding) -> tuple[str, str, str]:
    for tag in finding.tags:
        if tag.startswith(TAG):
            model, view, lookup = tag.removeprefix(TAG).split(":", 2)
            return model, view, lookup
    return "", "", ""
