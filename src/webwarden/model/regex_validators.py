"""The constant patterns of form and serializer fields' regular expression validators.

Django's `RegexValidator(regex)` (and a subclass's `regex = ...` class attribute), Django's
`forms.RegexField(regex)` and Django REST framework's `serializers.RegexField(regex)`
run their pattern's `search` on what the client submits. The pattern is read where it
is written: a string, or a name bound once to a string or to `re.compile(...)` of one.
Read by the per-file step (cached, in the workers): a project pass re-reading the modules
that import a validator costs every check and edit a parse of most of a Django project.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from webwarden.analysis.regex_groups import REGEX_FLAGS
from webwarden.findings import Location
from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext
from webwarden.model.project import ProjectModel

REGEX_VALIDATOR_FACTS = "regex_validators"

VALIDATORS = frozenset(
    {
        "django.core.validators.RegexValidator",
        "django.forms.RegexField",
        "django.forms.fields.RegexField",
        "rest_framework.serializers.RegexField",
        "rest_framework.fields.RegexField",
    }
)
_COMPILES = ("compile",)


@dataclass(frozen=True, slots=True)
class ValidatorPattern:
    """Where a validator's pattern is written, its source line(s), the validator as the
    code writes it (`forms.RegexField()`, `SlugValidator.regex`), the text, the flags."""

    location: Location
    snippet: str
    validator: str
    pattern: str
    flags: int


def validator_patterns(project: ProjectModel) -> Iterator[ValidatorPattern]:
    """Each validator's pattern in the project's modules other than tests."""
    for summary in project.modules.values():
        found = summary.facts.get(REGEX_VALIDATOR_FACTS)
        if not summary.is_test and isinstance(found, tuple):
            yield from found


def extract_regex_validators(ctx: FileContext) -> tuple[ValidatorPattern, ...] | None:
    """The validators' patterns written in the module."""
    if not ctx.mentions("Regex"):
        return None
    found = tuple(
        ValidatorPattern(ctx.location(node), ctx.snippet(node), validator, text, flags)
        for node, validator, text, flags in _in_module(ctx)
    )
    return found or None


_Found = tuple[ast.AST, str, str, int]


def _in_module(ctx: FileContext) -> Iterator[_Found]:
    for node in ctx.nodes(ast.Call, ast.ClassDef):
        if isinstance(node, ast.Call) and ctx.call_name(node) in VALIDATORS:
            given = ctx.argument(node, 0, "regex")
            flags = _flags(ctx, ctx.argument(node, 3, "flags"))
            found = _pattern(ctx, given) if given is not None else None
            if found is not None:
                yield given or node, f"{ast.unparse(node.func)}()", found[0], found[1] | flags
        elif isinstance(node, ast.ClassDef) and any(
            ctx.qualified(base) in VALIDATORS for base in node.bases
        ):
            yield from _class_pattern(ctx, node)


def _class_pattern(ctx: FileContext, node: ast.ClassDef) -> Iterator[_Found]:
    """`class SlugValidator(RegexValidator): regex = r"..."` (and `flags = ...`)."""
    values: dict[str, ast.expr] = {}
    for statement in node.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                values[target.id] = statement.value
    regex = values.get("regex")
    found = _pattern(ctx, regex) if regex is not None else None
    if regex is not None and found is not None:
        flags = found[1] | _flags(ctx, values.get("flags"))
        yield regex, f"{node.name}.regex", found[0], flags


def _pattern(ctx: FileContext, node: ast.expr) -> tuple[str, int] | None:
    """The text (and flags) of a pattern: a constant, or `re.compile(constant, flags)`,
    written there or bound once to the name given."""
    if isinstance(node, ast.Name):
        bound = ctx.lookup(node)
        if bound is not None and not isinstance(bound, ast.Name):
            node = bound
    if isinstance(node, ast.Call) and node.args:
        name = ctx.call_name(node) or ""
        if not name.rsplit(".", 1)[-1].endswith(_COMPILES):
            return None
        text = ctx.evaluate(node.args[0])
        flags = _flags(ctx, node.args[1] if len(node.args) > 1 else ctx.keyword(node, "flags"))
        return (text, flags) if isinstance(text, str) else None
    text = ctx.evaluate(node)
    return (text, 0) if isinstance(text, str) else None


def _flags(ctx: FileContext, node: ast.expr | None) -> int:
    """The flags named in `node` (`re.I | re.X`), as far as they show."""
    flags = 0
    for part in ast.walk(node) if node is not None else ():
        if isinstance(part, ast.Attribute | ast.Name):
            name = ctx.qualified(part) or ""
            flags |= REGEX_FLAGS.get(name.rsplit(".", 1)[-1], 0)
    return flags


EXTRACTORS.append(FactExtractor(REGEX_VALIDATOR_FACTS, extract_regex_validators, in_tests=False))
