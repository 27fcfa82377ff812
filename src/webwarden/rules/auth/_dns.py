"""Values read back from DNS (WW744): public records, never a client's secret."""

from __future__ import annotations

import ast

from webwarden.model.module import identifier_words, name_of
from webwarden.rules.auth._compare import secret_name
from webwarden.rules.context import FileContext

_DNS_WORDS = frozenset({"dns", "txt"})
_RECORD_WORDS = frozenset({"record", "records", "answer", "answers", "response"})
_DNS_TERMS = frozenset({"rdata", "rrset", "rdataset"})
"""dnspython's own words for the data of an answer, which name nothing else."""
_RESOLVER_MODULES = ("dns.resolver.", "dns.asyncresolver.")
_COMPREHENSIONS = ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp
_SCREEN = ("dns", "txt", "rdata", "rrset")
"""Words of DNS, in any case: looked for in the lowered text (a search ignoring case runs
a character at a time)."""


def dns_answer(ctx: FileContext, node: ast.expr) -> bool:
    """`for txt_record in txt_records: if txt_record == token`: a value read back from
    DNS, named as a DNS record (`txt_record`, `dns_answer`), or an item (or a part, read
    by a method or an attribute not named a secret: `record.content`,
    `answer.to_text()`) of what the code looked up there: dnspython's answers
    (`dns.resolver.resolve(...)`), or a collection named for DNS records
    (`get_dns_records(...)`, `_get_txt_records(...)`, also through a local). DNS answers
    anyone who asks, so what the code expects to find there (ACME's DNS-01 validation
    text, published to prove control of a domain) is public by design, and no client's
    guess is timed."""
    found = ctx.memo.get(_SCREEN)
    if found is None:
        lowered = ctx.text.lower()
        found = ctx.memo[_SCREEN] = any(word in lowered for word in _SCREEN)
    if not found or secret_name(node) is not None:
        return False
    while isinstance(node, ast.Call | ast.Attribute | ast.Subscript):
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Attribute):
                return False
            node = node.func.value  # NOTE: `answer.to_text().strip('"')`: the answer's text
        elif secret_name(node) is not None:
            return False  # NOTE: `record.token`: a record's secret field, not its data
        else:
            node = node.value
    if not isinstance(node, ast.Name):
        return False
    return _names_dns_records(node.id) or _looped_over_answers(ctx, node)


def _names_dns_records(name: str) -> bool:
    words = set(identifier_words(name))
    return bool(words & _DNS_TERMS) or bool(words & _DNS_WORDS and words & _RECORD_WORDS)


def _looped_over_answers(ctx: FileContext, item: ast.Name) -> bool:
    """Whether `item` is the variable of a loop (or a comprehension: `any(txt == token
    for txt in get_dns_records(name))`) around it over DNS answers."""
    for ancestor in ctx.ancestors(item):
        loops: list[tuple[ast.expr, ast.expr]] = []
        if isinstance(ancestor, ast.For | ast.AsyncFor):
            loops = [(ancestor.target, ancestor.iter)]
        elif isinstance(ancestor, _COMPREHENSIONS):
            loops = [(generator.target, generator.iter) for generator in ancestor.generators]
        for target, iterable in loops:
            if isinstance(target, ast.Name) and target.id == item.id:
                return _dns_answers(ctx, iterable)
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
    return False


def _dns_answers(ctx: FileContext, node: ast.expr, depth: int = 0) -> bool:
    """dnspython's answers (`dns.resolver.resolve(...)`), or a call or a local named for
    DNS records (`dnsutil.get_dns_records(...)`, `cur_records = _get_txt_records(...)`)."""
    if depth > 2:
        return False
    if isinstance(node, ast.Name):
        if _names_dns_records(node.id):
            return True
        value = ctx.lookup(node)
        return value is not None and _dns_answers(ctx, value, depth + 1)
    if not isinstance(node, ast.Call):
        return False
    qualified = ctx.call_name(node) or ""
    if qualified.startswith(_RESOLVER_MODULES):
        return True
    called = name_of(node.func)
    return called is not None and _names_dns_records(called)
