"""WW1116: request data names the function that is called (unsafe reflection)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataChoosesFunction(TaintRule):
    """## What it does
    Follows request data into the name a function is looked up by, when what the lookup
    gives is then called in the same function: `getattr(obj, name)(...)`,
    `globals()[name](...)`, `handler = globals().get(name)` and later `handler(request)`
    (also `locals()` and `vars()`). Reading an attribute so named is not reported, nor is
    a name written after fixed text (`getattr(self, "do_" + action)`,
    `f"handle_{event}"`, `"handle_{}".format(event)`) or checked to start with it
    (`if not name.startswith("get_"): continue`), which picks only among the
    functions that start so, or before fixed text (`getattr(run, action + "_tag")`,
    `f"{event}_handler"`), which picks only among those that end so, nor a name checked against a list the program made
    (`if name in HANDLERS`), also one a decorator factory was given where it is applied
    (`@actions(Article, ["delete", "publish"])` with `def actions(model, allowed): def
    decorator(view): ...` whose view checks `if name in allowed:`), nor a class the lookup gave that is checked to derive from
    one of the program's (`if not issubclass(found, Plugin): raise ...`): the request
    picks among that family only. Nor is the value of a form's or serializer's choice
    field (`verb = serializers.ChoiceField(choices=["get", "post"])`, also in a
    serializer class nested in the view and made as `self.InputSerializer(data=...)`):
    it is one of the code's choices. Nor is Flask-REST-JSONAPI's parsed `sort` parameter
    (`QueryStringManager(request.args, schema).sorting`): each field is one the schema
    declares, each order `"asc"` or `"desc"` (`getattr(column, sort["order"])()`); the
    query string it keeps as sent (`.qs`) is still the client's.

    ## Why is this bad?
    The request picks any function the module or object has: every function the module
    imports too (`globals()["system"]` after `from os import system`), every method of
    the object (`delete`, `set_password`), every builtin through `getattr(builtins, ...)`.
    The caller then runs it with the arguments the view passes: at best a crash, at worst
    an action no route was meant to offer.

    ## Known problems
    Only a lookup and a call of its result in one function are followed: a helper that
    returns the function looked up is not.

    ## Example
    ```python
    from django.shortcuts import render

    def forward(request):
        view = globals().get(request.GET["to"])
        if view:
            return view(request)
        return render(request, "missing.html")
    ```

    ## Fix
    ```python
    from django.shortcuts import render

    FORWARDS = {"profile": profile, "settings": settings_page}

    def forward(request):
        view = FORWARDS.get(request.GET["to"])
        if view:
            return view(request)
        return render(request, "missing.html")
    ```
    Map the names a request may use to the functions in a dict of your own, or check the
    name against such a list before the lookup.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README;
    the sink kind is `dispatch`).

    ## References
    - [CWE-470: Use of Externally-Controlled Input to Select Classes or Code ('Unsafe Reflection')](https://cwe.mitre.org/data/definitions/470.html)
    - [OWASP: Unvalidated Redirects and Forwards Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html)
    """

    code = "WW1116"
    name = "request-data-chooses-function"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 470
    message = "{source} names the function `{sink}` looks up, which is then called"
    fix = "map allowed names to functions in a dict of your own, or check the name first"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
