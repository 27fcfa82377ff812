"""WW1114: request data choosing which fields of a model are set (mass assignment)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInModelFields(TaintRule):
    """## What it does
    Follows request data whose *keys* name the fields a model gets: `**mapping` in the
    constructor of a Django or SQLAlchemy model (`Order(**request.POST)`), in Django's
    `objects.create()`, `get_or_create()`, `update_or_create()` (and their `defaults=`)
    or a queryset's `update()`, a mapping given to SQLAlchemy's `query.update()`, and the
    attribute name of `setattr(obj, name, value)`, through helpers and modules too (a
    helper's `**kwargs` handed `**request.POST.dict()` holds the client's keys, and so
    does a constructor's looping `for key in kwargs: setattr(self, key, kwargs[key])`;
    handed `**dict(name=value)` it holds the caller's own keys). An attribute name
    writing the data beside fixed text (`f"draft_{key}"`, a cache key kept on `g` such
    as `"{0}#{1}".format(server_id, conn_id)`) names only attributes carrying that text,
    not the model's fields, and is not reported. A model
    class loaded by name (`Device = load_model("config", "Device")` of swapper,
    `apps.get_model(...)`, `get_user_model()`, or a view's `model` attribute set to one)
    sets fields as the class does, and so does a class attribute a base class leaves
    `None` and each of its subclasses sets to a model (a base service's
    `self.__model__(**kwargs)`, with `__model__ = Product` in `ProductService`). A
    dict display names its own keys (`Order(**{"note": request.POST["note"]})` is not
    reported), as do a form's `cleaned_data`, a WTForms form's `data` and a serializer's
    `validated_data` and `data` (not its `initial_data`), an attribute bag's attributes
    (`setattr()` on an instance of a class deriving from `types.SimpleNamespace` or
    `argparse.Namespace`, or on `self` in its methods: it has no fields), also the `request.data` of a
    view whose decorator of the project rebinds it so (`@validate_serializer(S)`, whose
    wrapper binds `s = S(data=request.data)` and, `if s.is_valid():`, sets `request.data
    = s.data` before calling the view), what a Flask-RESTful (or Flask-RESTX)
    `RequestParser`'s `parse_args()` gives (the arguments it declares; it drops any other
    one), also iterated by a function it is handed (`for key in args: setattr(self, key,
    args[key])`; not Flask-RESTX's `api.payload`, the JSON body as sent), a graphene input object (the
    fields its class declares) and a resolver's `**kwargs` (the arguments its field
    declares); a key tested against an allow-list (`if key in EDITABLE:`, `if key in self.editable_fields:`,
    or looked up in a mapping named for fields, `field = obj.__write_fields__.get(key)`
    then `if field is not None:`) is safe, also once the
    items so chosen are copied into a dict (`data[key] = value`) spread into a helper's
    `**kwargs` (their values stay values there, not keys), and so is a mapping refused unless the set
    of its keys less an allow-list is empty (`if set(updates) - EDITABLE: return
    error`, `extra = updates.keys() - EDITABLE`, `set(updates).difference(EDITABLE)`), or unless the list a loop fills with the keys
    outside it is empty (`for key in updates: if key not in EDITABLE: refused.append(key)`
    then `if refused: return error`); so past a loop that returns or raises at the first
    key outside it, and where `all(key in EDITABLE for key in updates)` holds (or `any(key
    not in EDITABLE ...)` fails). Only flows known step by step are reported: what
    a call webwarden does not model returns (a schema's `load()`) may not keep the keys
    it was given, nor may what the session keeps of another object's answer (`session["user"]
    = api.login(email, password)["user"]`, a service's record of the user).

    ## Why is this bad?
    The client chooses every key of what it sends. Handing all of it to the model sets
    the fields the form shows and any other the model has: `is_staff=1`, `owner_id=7`,
    `price=0`, `email_verified=true` (mass assignment, OWASP API6). Nothing in the page
    shows the extra fields, and nothing in the code refuses them.

    ## Known problems
    A path parameter of the URL, a form field's value, a field of a graphene input
    object that its class does not declare in its body (one a metaclass adds) and what a
    form view's `form_valid(form)` reads of its form are taken as keyed by fields, never as a set of
    keys the client chose: one decoded into a mapping (`json.loads(form.cleaned_data["payload"])`)
    and spread into a model is not reported. A single item of the request used as an
    attribute name (`setattr(obj, request.POST["field"], value)`) is. A base class's
    `self.__model__(**data)` is judged once for all its subclasses: when one of them
    sets the attribute to a class that is not a model, none is reported. Semgrep's
    `mass-assignment` rule reports `Model.objects.create(**request.POST)` and
    `.update(**request.POST)` written in the view itself; this rule follows the data
    through helpers and copies, and into `setattr` loops and SQLAlchemy models.

    ## Example
    ```python
    from django.http import JsonResponse

    from shop.models import Profile

    def update_profile(request):
        Profile.objects.filter(user=request.user).update(**request.POST.dict())
        return JsonResponse({"ok": True})
    ```

    ## Fix
    ```python
    from django import forms
    from django.http import JsonResponse

    from shop.models import Profile

    class ProfileForm(forms.ModelForm):
        class Meta:
            model = Profile
            fields = ["display_name", "bio"]

    def update_profile(request):
        form = ProfileForm(request.POST, instance=request.user.profile)
        if form.is_valid():
            form.save()
        return JsonResponse({"ok": form.is_valid()})
    ```
    Name the fields a request may set: a `ModelForm` or serializer with explicit
    `fields`, or the keys copied one by one from an allow-list.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (kind `fields`).

    ## References
    - [CWE-915: Improperly Controlled Modification of Dynamically-Determined Object Attributes](https://cwe.mitre.org/data/definitions/915.html)
    - [OWASP: Mass Assignment Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html)
    - [Django docs: selecting the fields to use in a ModelForm](https://docs.djangoproject.com/en/stable/topics/forms/modelforms/#selecting-the-fields-to-use)
    """

    code = "WW1114"
    name = "request-data-in-model-fields"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 915
    message = "{source} chooses which fields `{sink}` sets"
    fix = "set only fields from an allow-list (a form or serializer with explicit `fields`)"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
