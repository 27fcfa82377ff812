"""WW772: an e-mail address or host name checked by a domain suffix without its boundary."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words

_DOMAIN = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,63}")
"""A domain name written whole: labels joined by dots, starting with a label (not `.` or
`@`, which would anchor the match at the boundary) and ending with an alphabetic TLD."""
_ADDRESS_WORDS = frozenset(
    {"email", "emails", "mail", "domain", "domains", "host", "hostname", "netloc", "origin"}
)
"""Words of a name holding an e-mail address or a host: the value a domain check judges."""
_OTHER_HEADS = frozenset(
    {"path", "paths", "file", "files", "filename", "filepath", "dir", "directory", "folder"}
    | {"template", "module", "extension"}
)
"""Last words of a name saying the value is something else than an address or a host:
`origin_path`, `host_file`, `email_template` (the last word of a name is what it holds)."""
_THROUGH = frozenset({"lower", "casefold", "strip", "rstrip"})
"""String methods a value is read through without changing which domain it names."""


class UnanchoredDomainSuffix(PythonRule):
    """## What it does
    Finds an e-mail address or a host name checked with `str.endswith()` against a domain
    written without the boundary before it: `email.endswith("example.org")`,
    `netloc.endswith("example.com")`, also with a tuple of such domains, where the value
    is named for an address or a host (`email`, `user.email`, `details.get("email")`,
    `host`, `hostname`, `urlparse(url).netloc`, `request.get_host()`, `origin`, read
    through `.lower()` or `.strip()`), unless the name ends with a word saying it holds
    something else (`origin_path`, `host_file`, `email_template`: a file). A suffix starting with `@` or `.`
    (`email.endswith("@example.org")`, `host.endswith(".example.com")`) is anchored
    and not reported. Nor is a suffix whose check only refuses (`if
    email.endswith("spam.example"): raise ValidationError(...)`, with no `else`): too
    loose, it refuses more addresses than meant and lets none in.

    ## Why is this bad?
    Without the `@` or the `.` before it, the suffix matches any domain that ends with
    the same letters: `someone@notexample.org` and `attacker-example.com` pass a check
    meant for `example.org` and `example.com`. Whoever registers such a domain (or signs
    up with an address there, at an identity provider accepting any e-mail) is treated
    as one of the organisation's users, or as a trusted host for redirects and CORS.

    ## Known problems
    Beyond such a refusal, the rule does not know what the check decides: a host
    compared to pick a configuration (`if host.endswith("herokuapp.com")`) is reported
    too, though a wrong match there only picks another configuration.

    ## Example
    ```python
    def may_sign_up(email):
        return email.lower().endswith("example.org")
    ```

    ## Fix
    ```python
    def may_sign_up(email):
        return email.lower().endswith("@example.org")
    ```
    Compare the whole domain (`email.rpartition("@")[2] == "example.org"`), or anchor
    the suffix with `@` (an address) or `.` (a subdomain of a host, besides an equality
    check of the domain itself).

    ## References
    - [CWE-697: Incorrect Comparison](https://cwe.mitre.org/data/definitions/697.html)
    - [OWASP: Unvalidated Redirects and Forwards Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html)
    """

    code = "WW772"
    name = "unanchored-domain-suffix"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 697
    message = "`{value}` is checked to end with `{suffix}`: any domain ending so passes"
    fix = 'anchor the suffix (`"@example.org"`, `".example.com"`) or compare the whole domain'
    calls = frozenset({".endswith"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "endswith" and node.args):
            return
        suffixes = _constants(node.args[0])
        loose = [s for s in suffixes if _DOMAIN.fullmatch(s)]
        if not loose or not _names_address(func.value) or _refuses(node, ctx):
            return
        value = ast.unparse(func.value)
        yield self.finding(ctx, node, value=value, suffix=loose[0])


def _refuses(check: ast.Call, ctx: FileContext) -> bool:
    """`if email.endswith("spam.example"): raise ...` with no other arm: a domain refused.
    A suffix too loose there refuses more addresses than meant and lets none in."""
    branch = ctx.parent(check)
    return (
        isinstance(branch, ast.If)
        and branch.test is check
        and not branch.orelse
        and isinstance(branch.body[-1], ast.Raise)
    )


def _constants(node: ast.expr) -> list[str]:
    """The text of a string constant, or of each string constant of a tuple."""
    items = node.elts if isinstance(node, ast.Tuple) else [node]
    return [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]


def _names_address(node: ast.expr) -> bool:
    """Whether the value is named for an e-mail address or a host."""
    while (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _THROUGH
    ):
        node = node.func.value
    name = ""
    if isinstance(node, ast.Name):
        name = node.id
    elif isinstance(node, ast.Attribute):
        name = node.attr
    elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        name = str(node.slice.value)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        name = _called_name(node.func, node.args)
    words = identifier_words(name)
    return bool(_ADDRESS_WORDS & set(words)) and words[-1] not in _OTHER_HEADS


def _called_name(func: ast.Attribute, args: list[ast.expr]) -> str:
    """`details.get("email")`: the key read; `request.get_host()`: the method's name."""
    if func.attr == "get" and args and isinstance(args[0], ast.Constant):
        return str(args[0].value)
    return func.attr
