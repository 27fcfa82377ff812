"""WW443: request data choosing the field lookups of a Django query (ORM leak)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInOrmLookup(TaintRule):
    """## What it does
    Follows request data whose *keys* become the field lookups of a Django query:
    `**mapping` given to `filter()`, `exclude()` or `get()` of a manager or queryset, to
    `Q()` or a conditional expression's `When()` (which makes `Q(**lookups)` of its
    keywords), or to `get_object_or_404()`/`get_list_or_404()`, through helpers and modules
    too. A dict display names its own lookups (`filter(**{"title__icontains": q})` is not
    reported), and so does each of a list of them (`[{f"{f}__icontains": q} for f in
    FIELDS]`, joined with `+` or sliced, then `Q(**e) for e in entries`), as do a form's `cleaned_data`, a serializer's `validated_data` and a graphene input object; a
    graphene enum's value is one of the schema's, never the client's text; a key
    tested against an allow-list (`if key in FILTERABLE:`) is safe, as are the keys of a
    mapping refused unless the list a loop fills with the keys outside the allow-list is
    empty (`for key, v in data.items(): if key not in FILTERABLE: unknown.append(key)`,
    then `if unknown: return error`), past a loop that returns or raises at the first
    key outside it, or where `all(key in FILTERABLE for key in data)` holds, and so is a name
    past `Model._meta.get_field(name)` (in an `if`'s test too), which raises unless it is
    one of the model's own fields: the lookup built of it (`f"{name}__icontains"`)
    follows no relation. So is a key a regular expression matched whole (`re.fullmatch`, or
    `re.match` ending in `$`) takes apart into literal text, groups of literal alternatives
    and groups each checked against an allow-list (`m = re.match(r"^(.+)__(lt|gt)$", key)`,
    then `if m.group(1) in FIELDS:`), and `key.replace(m.group(1), name, 1)`, which is
    `name` followed by the pattern's operator. So is a name past a call, as a statement of its own, of a
    project function or method that raises unless it is in an allow-list, or unless each
    part of it a loop walks is (`for part in name.split("__"): if part not in ALLOWED:
    raise ...`, an administrator let past). So is a key past `if key.startswith("extra__"):` when `extra`
    is declared only as a `JSONField` (or `HStoreField`) in the project's models: what
    follows names keys of the stored document, never a relation. A mapping merged into
    another with `update()` brings its keys: request data merged into a dict display
    (`lookups = {"archived": False}`, then `lookups.update(request.GET.dict())`) names
    lookups, a display whose keys the code wrote (`found[field] = params[field]` for
    each `field` of the view's `filterset_fields`) names none, whatever its values.

    ## Why is this bad?
    The ORM lets a lookup follow relations and compare in many ways. A client who chooses
    the keys is not limited to the filters the page offers: it can send
    `created_by__password__startswith=pbkdf2_sha256$600000$a` and watch whether rows
    come back, then guess the next character, reading password hashes, tokens or any
    other field reachable from the model (an "ORM leak"). No SQL is injected, so SQL
    injection checks do not see it.

    ## Known problems
    As WW1114 (mass assignment), with which it shares the reading of keys: a URL path
    parameter, a form field's value and what `form_valid(form)` reads of its form are
    keyed by fields; only flows known step by step are reported. django-filter's
    `FilterSet` declares its filters and is not a sink.

    ## Example
    ```python
    from django.http import JsonResponse

    from blog.models import Article

    def articles(request):
        found = Article.objects.filter(**request.GET.dict())
        return JsonResponse({"titles": [a.title for a in found]})
    ```

    ## Fix
    ```python
    from django.http import JsonResponse

    from blog.models import Article

    FILTERS = {"author": "author__username", "tag": "tags__name"}

    def articles(request):
        lookups = {FILTERS[k]: v for k, v in request.GET.items() if k in FILTERS}
        found = Article.objects.filter(**lookups)
        return JsonResponse({"titles": [a.title for a in found]})
    ```
    Map the parameters a client may filter by to the lookups they stand for, or use a
    filter set (django-filter) that declares its fields.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (kind `fields`).

    ## References
    - [CWE-943: Improper Neutralization of Special Elements in Data Query Logic](https://cwe.mitre.org/data/definitions/943.html)
    - [elttam: plORMbing your Django ORM](https://www.elttam.com/blog/plormbing-your-django-orm/)
    - [Django docs: field lookups](https://docs.djangoproject.com/en/stable/ref/models/querysets/#field-lookups)
    """

    code = "WW443"
    name = "request-data-in-orm-lookup"
    practice = Practice.SQL_INJECTION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 943
    message = "{source} chooses the field lookups of `{sink}`"
    fix = "map the parameters a client may filter by to fixed lookups (an allow-list)"
    frameworks = frozenset({Framework.DJANGO})
