"""WW441: request data in Django raw SQL (`raw()`, `extra()`, `RawSQL`)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInDjangoRawSql(TaintRule):
    """## What it does
    Follows request data into the SQL Django runs as written: `Manager.raw()`,
    `QuerySet.extra(select=, where=, tables=, order_by=)` and `RawSQL(...)` expressions,
    also on the queryset a class-based view inherits `get_queryset()` for (DRF's generic
    views and viewsets, with `filter_queryset(...)`, and Django's generic views, through
    `super().get_queryset()` too).
    ORM lookups (`filter(name=value)`) and the `params` of these calls are parameterised
    and are not reported, nor is a value the view first matched with the code's own
    choices (`if size not in SIZES: raise Http404`, or the labels `[label for key, label
    in SIZES if key == size]` found empty).

    ## Why is this bad?
    `raw()`, `extra()` and `RawSQL` bypass the ORM's quoting: text formatted into them is
    SQL. A value from the request can close the string and add conditions, subqueries or
    `UNION SELECT`s that read other tables.

    ## Example
    ```python
    from django.http import JsonResponse

    from shop.models import Product

    def search(request):
        term = request.GET["q"]
        products = Product.objects.raw(f"SELECT * FROM shop_product WHERE name LIKE '%{term}%'")
        return JsonResponse({"ids": [p.id for p in products]})
    ```

    ## Fix
    ```python
    from django.http import JsonResponse

    from shop.models import Product

    def search(request):
        term = request.GET["q"]
        products = Product.objects.filter(name__icontains=term)
        return JsonResponse({"ids": [p.id for p in products]})
    ```
    Prefer ORM lookups; when raw SQL is needed, pass values through `params`:
    `Product.objects.raw("SELECT * FROM shop_product WHERE name = %s", [term])`.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-89: SQL Injection](https://cwe.mitre.org/data/definitions/89.html)
    - [Django docs: performing raw SQL queries](https://docs.djangoproject.com/en/stable/topics/db/sql/)
    - [Django docs: QuerySet.extra()](https://docs.djangoproject.com/en/stable/ref/models/querysets/#extra)
    """

    code = "WW441"
    name = "request-data-in-django-raw-sql"
    practice = Practice.SQL_INJECTION
    severity = Severity.CRITICAL
    confidence = Confidence.HIGH
    cwe = 89
    message = "{source} reaches the raw SQL of `{sink}`"
    fix = "use ORM lookups, or pass request values in `params` of `raw()`/`extra()`/`RawSQL`"
    frameworks = frozenset({Framework.DJANGO})
    bandit = ("B610", "B611")
    ruff = ("S610", "S611")
