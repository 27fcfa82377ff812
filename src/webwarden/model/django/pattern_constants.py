"""The text of a URL pattern another module of the project defines as a constant."""

from __future__ import annotations

import ast

from webwarden.model.django.extract_urls import partial_pattern
from webwarden.model.imported import Modules, string_constant


def pattern_constant(modules: Modules, ref: str) -> str | None:
    """The text the module-level name `ref` (`courses.urls.RE_COURSE_URI`) is bound to
    once: a string known without running the code, or else the pattern built from
    values partly unknown as a URLconf of that module would read it (`RE_COURSE_URI =
    r"^" + re_semester_slug + r"/(?P<course_slug>[-\\w]+)/"`, its groups and what they
    match kept, the unknown parts shown as `{name}`); None otherwise."""
    text = string_constant(modules, ref)
    if text is not None:
        return text
    module, _, name = ref.rpartition(".")
    ctx = modules(module) if module else None
    if ctx is None:
        return None
    targets = [
        target
        for statement in ctx.tree.body
        if isinstance(statement, ast.Assign)
        for target in statement.targets
        if isinstance(target, ast.Name) and target.id == name
    ]
    if len(targets) != 1:
        return None
    bound = ctx.lookup(targets[0])
    return None if bound is None else partial_pattern(ctx, bound)
