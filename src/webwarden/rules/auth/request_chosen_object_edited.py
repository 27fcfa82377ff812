"""WW716: a view edits a row the request picks by key, outside the scope other lookups keep."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._object_lookups import (
    KEYS,
    changed,
    checked,
    from_request,
    lookup,
    parent_scoped,
    reads_rows,
)
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_FUNCTIONS = ast.FunctionDef | ast.AsyncFunctionDef
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
        scoped = parent_scoped(ctx)
        if not scoped:
            return
        for function in ctx.nodes(ast.FunctionDef, ast.AsyncFunctionDef):
            assert isinstance(function, _FUNCTIONS)  # noqa: S101 - asked by type
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
                if from_request(assign.value, chosen) and not reads_rows(assign.value):
                    chosen.update(t.id for t in assign.targets if isinstance(t, ast.Name))
        view = f"{owner.name}.{function.name}" if isinstance(owner, ast.ClassDef) else function.name
        for assign in assigns:
            found = lookup(assign.value) if isinstance(assign.value, ast.Call) else None
            target = assign.targets[0] if len(assign.targets) == 1 else None
            if found is None or not isinstance(target, ast.Name) or found[0] not in scoped:
                continue
            model, keywords = found
            if not keywords or any(k.arg not in KEYS for k in keywords):
                continue
            if not any(from_request(k.value, chosen) for k in keywords):
                continue
            if changed(function, target.id) and not checked(function, target.id):
                yield self.finding(
                    ctx,
                    assign,
                    view=f"{view}()",
                    model=model,
                    lookup=keywords[0].arg,
                    scope=scoped[model],
                )
