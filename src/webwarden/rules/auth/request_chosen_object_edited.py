"""WW716: a view edits a row the request picks by key, outside the scope other lookups keep."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_FUNCTIONS = ast.FunctionDef | ast.AsyncFunctionDef
_KEYS = frozenset({"pk", "id"})
_REQUEST_DATA = frozenset({"GET", "POST", "data", "query_params", "body", "COOKIES", "FILES"})
_CHANGES = frozenset({"save", "delete"})
_QUIET_METHODS = _CHANGES | {"full_clean", "refresh_from_db"}
"""Methods of the row that change or reload it and check nothing."""
_GUARD_WORDS = ("permission", "staff", "superuser", "admin", "passes_test", "owner")


class RequestChosenObjectEdited(PythonRule):
    """## What it does
    Finds a Django view that looks a row up by its key alone (`get_object_or_404(Note,
    pk=...)`, `Note.objects.get(id=...)`), the key taken from the request (its URL
    parameters, `request.POST`, `request.GET`, REST framework's `request.data`), and then
    changes or deletes it (`note.save()`, `note.delete()`, `note.text = ...`), where the
    same module looks rows of that model up by key *and* by a parent elsewhere
    (`get_object_or_404(Note, pk=pk, board=board)`): the code shows rows of the model
    belong to a parent, and this lookup drops it. Not when the view checks the row it
    found (the row in an `if` or `assert` test, `if not note.can_edit(request.user):`,
    handed to a function, `check_owner(request, note)`), nor when a decorator or base
    class of the view is named for a permission, staff, superuser, admin or owner check.

    ## Why is this bad?
    The view checks that the visitor may edit the parent (their own board, poll or
    project) and then acts on whatever row the request names: changing the number in the
    form edits or deletes a row of someone else's parent (an insecure direct object
    reference). The scoped lookup beside it shows the rule the code meant to keep.

    ## Known problems
    A check made elsewhere (a middleware, a model manager limited to the user's rows, a
    signal refusing the save) is not seen; a model looked up with a parent nowhere in the
    module is not judged.

    ## Example
    ```python
    from django.shortcuts import get_object_or_404, redirect

    from notes.models import Board, Note


    def delete_note(request, slug):
        board = get_object_or_404(Board, slug=slug, owner=request.user)
        note = get_object_or_404(Note, pk=request.POST["note"])
        note.delete()
        return redirect("board", board.slug)


    def edit_note(request, slug):
        board = get_object_or_404(Board, slug=slug, owner=request.user)
        note = get_object_or_404(Note, pk=request.POST["note"], board=board)
        note.text = request.POST["text"]
        note.save()
        return redirect("board", board.slug)
    ```

    ## Fix
    ```python
    from django.shortcuts import get_object_or_404, redirect

    from notes.models import Board, Note


    def delete_note(request, slug):
        board = get_object_or_404(Board, slug=slug, owner=request.user)
        note = get_object_or_404(Note, pk=request.POST["note"], board=board)
        note.delete()
        return redirect("board", board.slug)


    def edit_note(request, slug):
        board = get_object_or_404(Board, slug=slug, owner=request.user)
        note = get_object_or_404(Note, pk=request.POST["note"], board=board)
        note.text = request.POST["text"]
        note.save()
        return redirect("board", board.slug)
    ```
    Look the row up through the parent the view checked (`board=board`, or
    `board.note_set.get(pk=...)`), or check the row itself before changing it.

    ## References
    - [CWE-639: Authorization Bypass Through User-Controlled Key](https://cwe.mitre.org/data/definitions/639.html)
    - [Django: `get_object_or_404`](https://docs.djangoproject.com/en/stable/topics/http/shortcuts/#get-object-or-404)
    - [OWASP: Insecure Direct Object Reference Prevention](https://cheatsheetseries.owasp.org/cheatsheets/Insecure_Direct_Object_Reference_Prevention_Cheat_Sheet.html)
    """

    code = "WW716"
    name = "request-chosen-object-edited"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 639
    frameworks = frozenset({Framework.DJANGO})
    message = (
        "`{view}` changes the `{model}` whose `{lookup}` the request chooses, looked up without "
        "the `{scope}` its other lookups are limited to"
    )
    fix = "look the row up through the parent the view checked (`{scope}=...`), or check the row"

    def visit_Module(self, node: ast.Module, ctx: FileContext) -> Iterator[Finding]:
        scoped: dict[str, str] = {}
        for call in ast.walk(node):
            found = _lookup(call) if isinstance(call, ast.Call) else None
            if found is not None:
                args = [k.arg for k in found[1]]
                scope = next((a for a in args if a is not None and a not in _KEYS), None)
                if scope is not None and not _KEYS.isdisjoint(args):
                    scoped.setdefault(found[0], scope)
        if not scoped:
            return
        for function in ast.walk(node):
            if isinstance(function, _FUNCTIONS):
                yield from self._judge(function, ctx, scoped)

    def _judge(
        self,
        function: ast.FunctionDef | ast.AsyncFunctionDef,
        ctx: FileContext,
        scoped: dict[str, str],
    ) -> Iterator[Finding]:
        owner = ctx.parent(function)
        params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
        if isinstance(owner, ast.Module) and params[:1] == ["request"]:
            chosen = set(params[1:])
        elif isinstance(owner, ast.ClassDef) and params[:2] == ["self", "request"]:
            chosen = set(params[2:])
        else:
            return
        marks = [*function.decorator_list]
        if isinstance(owner, ast.ClassDef):
            marks += [*owner.bases, *owner.decorator_list]
        if any(word in ast.unparse(m).lower() for m in marks for word in _GUARD_WORDS):
            return
        assigns = [n for n in ast.walk(function) if isinstance(n, ast.Assign)]
        for _ in range(2):
            for assign in assigns:
                if _from_request(assign.value, chosen) and not _reads_rows(assign.value):
                    chosen.update(t.id for t in assign.targets if isinstance(t, ast.Name))
        view = f"{owner.name}.{function.name}" if isinstance(owner, ast.ClassDef) else function.name
        for assign in assigns:
            found = _lookup(assign.value) if isinstance(assign.value, ast.Call) else None
            target = assign.targets[0] if len(assign.targets) == 1 else None
            if found is None or not isinstance(target, ast.Name) or found[0] not in scoped:
                continue
            model, keywords = found
            if not keywords or any(k.arg not in _KEYS for k in keywords):
                continue
            if not any(_from_request(k.value, chosen) for k in keywords):
                continue
            if _changed(function, target.id) and not _checked(function, target.id):
                yield self.finding(
                    ctx,
                    assign,
                    view=f"{view}()",
                    model=model,
                    lookup=keywords[0].arg,
                    scope=scoped[model],
                )


def _lookup(call: ast.Call) -> tuple[str, list[ast.keyword]] | None:
    """(the model, the keywords) of `get_object_or_404(Model, ...)` or
    `Model.objects.get(...)`; None for another call, or one with more positional arguments."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    if name == "get_object_or_404" and len(call.args) == 1 and isinstance(call.args[0], ast.Name):
        return call.args[0].id, call.keywords
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "get"
        and not call.args
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "objects"
        and isinstance(func.value.value, ast.Name)
    ):
        return func.value.value.id, call.keywords
    return None


def _reads_rows(expression: ast.expr) -> bool:
    """Whether the expression looks rows up (`get_object_or_404(...)`, `X.objects...`):
    a row found by the request's key is the database's, and its fields are no request data."""
    return any(
        (isinstance(n, ast.Call) and _lookup(n) is not None)
        or (isinstance(n, ast.Attribute) and n.attr == "objects")
        for n in ast.walk(expression)
    )


def _from_request(expression: ast.expr, chosen: set[str]) -> bool:
    """Whether the expression reads request data (`request.POST[...]`) or a name holding some."""
    for node in ast.walk(expression):
        if isinstance(node, ast.Name) and node.id in chosen:
            return True
        if (
            isinstance(node, ast.Attribute)
            and node.attr in _REQUEST_DATA
            and isinstance(node.value, ast.Name)
            and node.value.id == "request"
        ):
            return True
    return False


def _changed(function: ast.AST, name: str) -> bool:
    """Whether the function saves or deletes the row, or sets one of its fields."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            holder = node.func.value
            if node.func.attr in _CHANGES and isinstance(holder, ast.Name) and holder.id == name:
                return True
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == name
                ):
                    return True
    return False


def _checked(function: ast.AST, name: str) -> bool:
    """Whether the function tests the row (in an `if`, `while`, `assert` or conditional
    expression), hands it to a call, or calls a method of it that may check it."""
    for node in ast.walk(function):
        if isinstance(node, ast.If | ast.While | ast.IfExp | ast.Assert) and any(
            isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.test)
        ):
            return True
        if isinstance(node, ast.Call):
            given = [*node.args, *(k.value for k in node.keywords)]
            if any(isinstance(g, ast.Name) and g.id == name for g in given):
                return True
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == name
                and func.attr not in _QUIET_METHODS
            ):
                return True
    return False
