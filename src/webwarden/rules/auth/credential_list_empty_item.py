"""WW779: a list of accepted credentials that holds an empty one when its variable is unset."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.env_guards import variables_set_at
from webwarden.analysis.environment import DeployTime, evaluate_setting
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import sounds_secret
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class CredentialListEmptyItem(PythonRule):
    """## What it does
    Finds a module-level list (or tuple, or set) of accepted credentials, named for
    tokens, keys or passwords, made by splitting an environment variable whose default
    is empty text: `API_TOKENS = os.environ.get("API_TOKENS", "").split(",")`, also
    cleaned item by item (`[t.strip() for t in ...split(",")]`). With the variable unset
    (or set with a trailing comma) the list is `[""]`. Not a split that runs only when
    an `if` finds the variable set: `if os.getenv("API_TOKENS"):`, or a module-level
    name bound once to the lookup, `tokens = os.getenv("API_TOKENS", "")` then `if
    tokens:` (its `else` arm still counts).

    ## Why is this bad?
    `"".split(",")` is `[""]`, not `[]`. A check written `if token in API_TOKENS:`
    then accepts the empty credential: a request sending an empty header, or none when
    the code reads a missing one as `""` (`request.headers.get("Authorization", "")`),
    is let in, with whatever rights the list grants, on every deployment that leaves
    the variable unset: a fresh install, a staging copy, a test environment exposed to
    the internet.

    ## Known problems
    The use of the list is not followed: a check refusing an empty credential first
    (`if token and token in API_TOKENS`) is safe, and is still reported here.

    ## Example
    ```python
    import os

    API_TOKENS = [t.strip() for t in os.environ.get("API_TOKENS", "").split(",")]
    ```

    ## Fix
    ```python
    import os

    API_TOKENS = [t.strip() for t in os.environ.get("API_TOKENS", "").split(",") if t.strip()]
    ```

    ## References
    - [CWE-1390: Weak Authentication](https://cwe.mitre.org/data/definitions/1390.html)
    - [Python: str.split](https://docs.python.org/3/library/stdtypes.html#str.split)
    """

    code = "WW779"
    name = "credential-list-empty-item"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 1390
    message = (
        '`{target}` is `[""]` when `{variables}` is unset: a membership test accepts an'
        " empty credential"
    )
    fix = 'drop empty items (`[t for t in value.split(",") if t.strip()]`)'
    mentions = ("split",)

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        if ctx.scopes.enclosing_function(node) is not None or len(node.targets) != 1:
            return
        target = node.targets[0]
        if not isinstance(target, ast.Name) or not _names_credentials(target.id):
            return
        value = evaluate_setting(ctx, node.value, variables_set_at(ctx, node.value))
        if not isinstance(value, DeployTime):
            return
        unset = value.if_unset
        if isinstance(unset, list | tuple | set | frozenset) and "" in unset:
            yield self.finding(ctx, node, target=target.id, variables=", ".join(value.variables))


def _names_credentials(name: str) -> bool:
    """`API_TOKENS`, `ALLOWED_KEYS`: named for secrets, as a plural or a list."""
    single = name.removesuffix("S").removesuffix("s")
    return sounds_secret(single) or sounds_secret(name)
