"""The Content-Security-Policy a module's own code writes into a response header.

Read from a string the module spells out (`"default-src 'self'; script-src 'self'"`), or
from a dict of directives to source lists the function builds and joins into the
header (`policy = {"script-src": ["'self'", "'unsafe-inline'"]}`, then
`"".join(f"{d} {' '.join(s)}; " for d, s in policy.items())`), following the sources
the function appends to it. A source not written as a literal (a nonce the request
makes) leaves the directive open: what it holds cannot be told.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from webwarden.probe.judging import parse_directives
from webwarden.rules.context import FileContext

_ADDERS = frozenset({"append", "extend", "insert"})
WILDCARDS = frozenset({"*", "http:", "https:", "data:", "blob:"})
"""Script sources that let a script of any host (the attacker's) run."""
SCHEMES = frozenset({"http:", "https:", "*"})
"""Sources CSP3 browsers ignore beside `'strict-dynamic'` and a nonce or hash."""
PINS = ("'nonce-", "'sha256-", "'sha384-", "'sha512-")


@dataclass(slots=True)
class Policy:
    """Directives (lower-case) with the literal sources known, and those left open."""

    sources: dict[str, list[str]] = field(default_factory=dict)
    open: set[str] = field(default_factory=set)


def written_policy(ctx: FileContext, value: ast.expr) -> Policy | None:
    """The policy the header value `value` holds, or None when it cannot be read."""
    text = ctx.evaluate(value)
    if isinstance(text, str):
        return Policy(parse_directives(text))
    scope = ctx.scopes.enclosing_function(value) or ctx.tree
    if (joined := _joined(ctx, scope, value)) is not None:
        return joined
    names = {n.id for n in ast.walk(value) if isinstance(n, ast.Name)}
    policies = [p for name in sorted(names) if (p := _built(ctx, scope, name)) is not None]
    return policies[0] if len(policies) == 1 else None


def _assigned_once(scope: ast.AST, name: str) -> ast.expr | None:
    """The value of the one assignment to `name` in `scope`; None if not exactly one."""
    values = [
        node.value
        for node in ast.walk(scope)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    ]
    return values[0] if len(values) == 1 else None


def _joined(ctx: FileContext, scope: ast.AST, value: ast.expr) -> Policy | None:
    """The policy of a list of directive strings joined into the header (`"; ".join(
    DIRECTIVES)`, or a local assigned that join), the list a module-level or local
    display of literals. Items the module appends to it that are no literal (a
    `report-uri` built from `reverse()`) come after: a browser keeps the first of two
    directives of one name, so the script directives the literals give are still judged;
    without them the policy is not read. None for anything else."""
    if isinstance(value, ast.Name):
        value = _assigned_once(scope, value.id) or value
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "join"
        and len(value.args) == 1
        and isinstance(listed := value.args[0], ast.Name)
        and isinstance(separator := ctx.evaluate(value.func.value), str)
    ):
        return None
    display = _assigned_once(scope, listed.id) or _assigned_once(ctx.tree, listed.id)
    if not isinstance(display, ast.List | ast.Tuple):
        return None
    items = [ctx.evaluate(element) for element in display.elts]
    appended_open = False
    for node in ast.walk(ctx.tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and _names(node.func.value, listed.id)
        ):
            if node.func.attr not in {"append", "extend"}:
                return None  # NOTE: `insert(0, ...)`, `remove()`: not followed
            added = ctx.evaluate(node.args[0]) if len(node.args) == 1 else None
            if node.func.attr == "append" and isinstance(added, str):
                items.append(added)
            elif isinstance(added, list | tuple) and all(isinstance(a, str) for a in added):
                items.extend(added)
            else:
                appended_open = True
    if not all(isinstance(item, str) for item in items):
        return None
    policy = Policy(parse_directives(separator.join(str(item) for item in items)))
    if appended_open and "script-src" not in policy.sources:
        return None
    return policy


def _built(ctx: FileContext, scope: ast.AST, name: str) -> Policy | None:
    """The policy of a local dict display of directives, assigned once, with the
    sources the scope adds to its lists; None when it is changed any other way."""
    assigned = [
        node
        for node in ast.walk(scope)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    ]
    if len(assigned) != 1 or not isinstance(display := assigned[0].value, ast.Dict):
        return None
    policy = Policy()
    for key, held in zip(display.keys, display.values, strict=True):
        directive = ctx.evaluate(key) if key is not None else None
        if not isinstance(directive, str) or "-" not in directive:
            return None
        _add(ctx, policy, directive.lower(), held)
    for node in ast.walk(scope):
        if not _changes(ctx, policy, name, node):
            return None
    return policy


def _changes(ctx: FileContext, policy: Policy, name: str, node: ast.AST) -> bool:
    """Follow one node's change of the dict `name`; False when it changes it in a way
    not followed (a key not spelt out, `update()`, a call it is handed to)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        holder = node.func.value
        added_to = _item_of(ctx, holder, name)
        if added_to is not None:
            if node.func.attr not in _ADDERS:
                return False  # NOTE: `policy["script-src"].remove(...)`: not followed
            for argument in node.args[-1:]:
                _add(ctx, policy, added_to, argument, one=node.func.attr != "extend")
            return True
        if isinstance(holder, ast.Name) and holder.id == name:
            return node.func.attr in {"items", "get", "keys", "values"}
    if isinstance(node, ast.Call):
        return not any(isinstance(a, ast.Name) and a.id == name for a in node.args)
    if isinstance(node, ast.AugAssign | ast.Assign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if isinstance(target, ast.Subscript) and _names(target.value, name):
                directive = _item_of(ctx, target, name)
                if directive is None:
                    return False
                if isinstance(node, ast.Assign):
                    policy.sources[directive] = []
                    policy.open.discard(directive)
                _add(ctx, policy, directive, node.value)
    return True


def _names(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _item_of(ctx: FileContext, node: ast.expr, name: str) -> str | None:
    """The directive of `name["script-src"]`, lower-case; None for anything else."""
    if not (isinstance(node, ast.Subscript) and _names(node.value, name)):
        return None
    key = ctx.evaluate(node.slice)
    return key.lower() if isinstance(key, str) else None


def _add(
    ctx: FileContext, policy: Policy, directive: str, value: ast.expr, *, one: bool = False
) -> None:
    """Add the sources `value` holds (a literal, or a list of them) to a directive."""
    sources = policy.sources.setdefault(directive, [])
    elements = [value] if one or not isinstance(value, ast.List | ast.Tuple) else value.elts
    for element in elements:
        text = ctx.evaluate(element)
        if isinstance(text, str):
            sources.extend(text.split())
        else:
            policy.open.add(directive)


def weak_sources(policy: Policy, directive: str, *, nonce: bool = False) -> list[str]:
    """The sources of `directive` that let an injected script run; `nonce`: the server
    adds a nonce of its own to the directive (Talisman's `content_security_policy_nonce_in`),
    beside which browsers ignore `'unsafe-inline'`."""
    sources = [source.lower() for source in policy.sources.get(directive, [])]
    opened = directive in policy.open
    hashed = nonce or any(s.startswith(PINS) for s in sources)
    pinned = opened or hashed or "'strict-dynamic'" in sources
    strict = opened or ("'strict-dynamic'" in sources and hashed)
    found = []
    if "'unsafe-inline'" in sources and not pinned:
        found.append("`'unsafe-inline'`")
    if "'unsafe-eval'" in sources:
        found.append("`'unsafe-eval'`")
    found += [
        f"`{s}`" for s in dict.fromkeys(sources) if s in WILDCARDS and not (strict and s in SCHEMES)
    ]
    return found


def given_policy(value: object) -> Policy | None:
    """The policy an option holds as a value (Flask-Talisman's `content_security_policy`):
    the header's text, or a dict of directives to a source string or a list of them; a
    source that is not text leaves its directive open. None when it is neither."""
    if isinstance(value, str):
        return Policy(parse_directives(value))
    if not isinstance(value, dict):
        return None
    policy = Policy()
    for directive, held in value.items():
        if not isinstance(directive, str):
            return None
        sources = policy.sources.setdefault(directive.lower(), [])
        for item in held if isinstance(held, list | tuple) else [held]:
            if isinstance(item, str):
                sources.extend(item.split())
            else:
                policy.open.add(directive.lower())
    return policy


def script_directives(policy: Policy) -> list[str]:
    """The directives that decide which scripts run: `script-src-elem` for `<script>`
    elements and `script-src-attr` for event handlers when the policy has them, else
    `script-src`, else `default-src`."""
    base = "script-src" if "script-src" in policy.sources else "default-src"
    return list(
        dict.fromkeys(
            name if name in policy.sources else base
            for name in ("script-src-elem", "script-src-attr")
        )
    )
