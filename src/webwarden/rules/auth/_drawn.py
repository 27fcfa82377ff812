"""Comparisons of an item with the object it was drawn from."""

from __future__ import annotations

import ast
import re

from webwarden.model.module import identifier_words
from webwarden.rules.context import FileContext

_Comprehension = ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp


def drawn_from(ctx: FileContext, item: ast.expr, whole: ast.expr) -> bool:
    """`for token in head.subtree: if token != head`: `item` is the variable of a loop
    (or comprehension) around the comparison over a part of `whole` itself (an attribute
    of it, or what a method of it returns). Such a comparison tells a node of a parse
    tree or a graph from the node it was reached from (spaCy's tokens, an AST's
    children), by identity: no string is compared character by character. So is an
    item of the very collection the loop walks (`for sig in self.plugins: if sig ==
    self.plugins[-1]`): a test of the item's place in it, no credential checked."""
    if not isinstance(item, ast.Name):
        return False
    if not isinstance(whole, ast.Name | ast.Subscript):
        return False
    for ancestor in ctx.ancestors(item):
        for target, iterable in _loops(ancestor):
            if isinstance(target, ast.Name) and target.id == item.id:
                if isinstance(whole, ast.Subscript):
                    # NOTE: `for sig in sigs: if sig == sigs[-1]`: is this the last one?
                    return ast.unparse(whole.value) == ast.unparse(iterable)
                return _part_of(iterable, whole.id)
    return False


def _loops(node: ast.AST) -> list[tuple[ast.expr, ast.expr]]:
    if isinstance(node, ast.For | ast.AsyncFor):
        return [(node.target, node.iter)]
    if isinstance(node, _Comprehension):
        return [(g.target, g.iter) for g in node.generators]
    return []


def _part_of(iterable: ast.expr, name: str) -> bool:
    """`head.subtree`, `head.children`, `node.walk()`: an attribute of the variable
    `name`, or a call of one of its methods."""
    if isinstance(iterable, ast.Call):
        iterable = iterable.func
    return (
        isinstance(iterable, ast.Attribute)
        and isinstance(iterable.value, ast.Name)
        and iterable.value.id == name
    )


def pieces_paired(ctx: FileContext, left: ast.expr, right: ast.expr) -> bool:
    """`for request_token, allowed_token in zip(request_tokens, allowed_tokens): if
    request_token != allowed_token`: both sides drawn together from texts cut into
    pieces (`path.split("/")`, also a local or a function of the module returning one),
    a path matched against a URL pattern segment by segment: words of two texts, not a
    credential against its stored value."""
    if not (isinstance(left, ast.Name) and isinstance(right, ast.Name)):
        return False
    for ancestor in ctx.ancestors(left):
        for target, iterable in _loops(ancestor):
            names = [e.id for e in getattr(target, "elts", ()) if isinstance(e, ast.Name)]
            if left.id in names and right.id in names:
                return (
                    isinstance(iterable, ast.Call)
                    and isinstance(iterable.func, ast.Name)
                    and iterable.func.id == "zip"
                    and len(iterable.args) >= 2
                    and all(_split_text(ctx, arg, 0) for arg in iterable.args)
                )
    return False


def _split_text(ctx: FileContext, node: ast.expr, depth: int) -> bool:
    if depth > 3:
        return False
    if isinstance(node, ast.Name):
        value = ctx.lookup(node)
        return value is not None and _split_text(ctx, value, depth + 1)
    if not isinstance(node, ast.Call):
        return False
    if isinstance(node.func, ast.Attribute):
        return node.func.attr in {"split", "rsplit"}
    if isinstance(node.func, ast.Name):
        function = ctx.module_function(node.func.id)
        returned = (
            [n.value for n in ast.walk(function) if isinstance(n, ast.Return) and n.value]
            if function is not None
            else []
        )
        return bool(returned) and all(_split_text(ctx, v, depth + 1) for v in returned)
    return False


def told_apart(ctx: FileContext, item: ast.expr, secret: ast.expr) -> bool:
    """`for send, expect in commands: if send != password` with `commands = [(user,
    "login:"), (password, "$")]`: `item` is the variable of a loop around the comparison
    over a list or tuple the code wrote (in place, or bound once to a local) that holds
    the variable `secret` itself, and nothing read from the request nor another parameter
    of the function (which a caller may have read from it). The comparison tells
    the secret apart from the code's other items (to mask it in a log): no client
    chooses what is compared with it."""
    if not (isinstance(item, ast.Name) and isinstance(secret, ast.Name)):
        return False
    for ancestor in ctx.ancestors(item):
        for target, iterable in _loops(ancestor):
            if item.id in _target_names(target):
                listed = ctx.lookup(iterable) if isinstance(iterable, ast.Name) else iterable
                return _lists(ctx, listed, secret.id)
    return False


def _target_names(target: ast.expr) -> set[str]:
    if isinstance(target, ast.Name):
        return {target.id}
    if isinstance(target, ast.Tuple | ast.List):
        return {e.id for e in target.elts if isinstance(e, ast.Name)}
    return set()


def _lists(ctx: FileContext, listed: ast.expr | None, name: str) -> bool:
    """A list or tuple display holding the variable `name` (or a tuple holding it) and
    no read of the request."""
    if not isinstance(listed, ast.List | ast.Tuple):
        return False
    items = [e for i in listed.elts for e in (i.elts if isinstance(i, ast.Tuple) else [i])]
    if not any(isinstance(e, ast.Name) and e.id == name for e in items):
        return False
    # NOTE: a parameter beside the secret (`for value in (sent, key)`) may be what a
    # caller read from the request.
    given = _parameters(ctx, listed)
    if any(isinstance(e, ast.Name) and e.id != name and e.id in given for e in items):
        return False
    return not any(_reads_request(ctx, node) for node in ast.walk(listed))


def _parameters(ctx: FileContext, node: ast.AST) -> set[str]:
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            arguments = ancestor.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
            every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
            return {a.arg for a in every}
    return set()


def _reads_request(ctx: FileContext, node: ast.AST) -> bool:
    if not isinstance(node, ast.Name):
        return False
    qualified = ctx.qualified(node) or node.id
    return qualified.rsplit(".", 1)[-1] == "request"


_BLOCKLIST_WORDS = frozenset(
    {"leaked", "leak", "leaks", "breached", "breach", "pwned", "compromised", "common",
     "banned", "blocked", "blacklist", "blacklisted", "blocklist", "denylist", "forbidden",
     "weak", "dictionary", "wordlist"}
)  # fmt: skip
"""Words naming a list of passwords known to attackers (`leaked_passwords.txt`, Django's
`common-passwords.txt.gz`, a `banned_passwords` list)."""
_WORD = re.compile(r"[a-z]+")


def blocklisted(ctx: FileContext, item: ast.expr) -> bool:
    """`for p in leaked_file.read().split("\\n"): if password == p`: `item` is the variable
    of a loop (or comprehension) around the comparison over a list its code names as
    passwords known to attackers (`_BLOCKLIST_WORDS`, in a name, an attribute or a path
    the loop's iterable holds, or the value of a local it reads). The check refuses a
    password found there; the list is public, so how long the comparison takes tells an
    attacker nothing they did not know."""
    if not isinstance(item, ast.Name):
        return False
    iterable = walking_iterable(ctx, item)
    return iterable is not None and _names_blocklist(ctx, iterable)


def walking_iterable(ctx: FileContext, name: ast.Name) -> ast.expr | None:
    """The iterable of the innermost loop or comprehension around `name`, in its
    function, whose target binds it (alone or in a tuple); None when none does."""
    for ancestor in ctx.ancestors(name):
        for target, iterable in _loops(ancestor):
            if any(isinstance(n, ast.Name) and n.id == name.id for n in ast.walk(target)):
                return iterable
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return None
    return None


def _names_blocklist(ctx: FileContext, iterable: ast.expr, depth: int = 0) -> bool:
    for node in ast.walk(iterable):
        if isinstance(node, ast.Name):
            words = identifier_words(node.id)
            value = ctx.lookup(node) if depth < 2 else None
            if value is not None and _names_blocklist(ctx, value, depth + 1):
                return True
        elif isinstance(node, ast.Attribute):
            words = identifier_words(node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = _WORD.findall(node.value.lower())
        else:
            continue
        if _BLOCKLIST_WORDS.intersection(words):
            return True
    return False
