"""WW451: request data naming the fields a Django query orders by or returns (ORM leak)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestChosenQueryFields(TaintRule):
    """## What it does
    Follows request data to the field names a Django queryset orders its rows by or
    returns: the arguments of `order_by()`, `values()` and `values_list()` on a manager or
    queryset (`Model.objects...`, a generic view's `get_queryset()`), one by one or spread
    (`order_by(*sort.split(","))`), and the name given to an `F()` expression (ordered
    by, annotated, compared), through helpers and modules too. A name tested against an allow-list (`if sort not in SORTS:`;
    or a cut of it then used as cut, `if sort[1:] in FIELDS:` before `F(sort[1:])`),
    looked up in a mapping of the code's own (`SORTS.get(key, "-created")`), or past
    `Model._meta.get_field(name)` (a field of the model itself, following no relation) is
    safe; so is a form's or serializer's cleaned value, and a URL path parameter. An
    `order_by()` that a later `order_by()` of the same Django chain replaces is no sink
    (`qs.order_by(sort).prefetch_related("tags").order_by("-created")`): Django clears
    the ordering set before, so the client's names never reach the SQL.

    ## Why is this bad?
    A field name may follow relations: `order_by("owner__password")` sorts the rows by
    each owner's password hash. A client who names the ordering can ask for
    `?sort=author__password` and, from the order the rows come back in, with rows it
    created itself as markers, read the hash (or a reset token, an API key, any field the
    model reaches) one character at a time: an "ORM leak". No SQL is injected, so SQL
    injection checks do not see it, and Django accepts the name as a valid field path.
    `values("owner__password")` does not even need the guessing: the rows carry the field.

    ## Known problems
    Only a queryset webwarden knows as one is a sink (`Model.objects`, a manager's or a
    generic view's queryset, Django's, DRF's or a Wagtail API viewset's
    `super().get_queryset()`, what their methods return); a queryset a helper receives as a
    parameter of unknown type is not. Django REST framework's `OrderingFilter` checks the
    name against `ordering_fields` itself and is not a sink.

    ## Example
    ```python
    from django.http import JsonResponse

    from shop.models import Order

    def orders(request):
        rows = Order.objects.order_by(request.GET.get("sort", "created"))
        return JsonResponse({"ids": [o.pk for o in rows]})
    ```

    ## Fix
    ```python
    from django.http import JsonResponse

    from shop.models import Order

    SORTS = {"new": "-created", "old": "created", "total": "-total"}

    def orders(request):
        rows = Order.objects.order_by(SORTS.get(request.GET.get("sort"), "-created"))
        return JsonResponse({"ids": [o.pk for o in rows]})
    ```

    Map the sort a client may ask for to the field names it stands for, or test it
    against the fields the page offers, and fall back to a default.

    ## References
    - [CWE-943: Improper Neutralization of Special Elements in Data Query Logic](https://cwe.mitre.org/data/definitions/943.html)
    - [elttam: plORMbing your Django ORM](https://www.elttam.com/blog/plormbing-your-django-orm/)
    - [Django docs: QuerySet.order_by()](https://docs.djangoproject.com/en/stable/ref/models/querysets/#order-by)
    """

    code = "WW451"
    name = "request-chosen-query-fields"
    practice = Practice.SQL_INJECTION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 943
    message = "{source} names the fields of the query `{sink}`"
    fix = "map what a client may sort by or ask for to fixed field names (an allow-list)"
    frameworks = frozenset({Framework.DJANGO})
