"""Reading the authentication facts of a project (non-test modules only)."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.model.auth import AUTH_FACTS, AuthFacts
from webwarden.model.project import ProjectModel


def auth_facts(project: ProjectModel) -> Iterator[AuthFacts]:
    """The authentication facts of every non-test module, in path order."""
    for relpath in sorted(project.modules):
        summary = project.modules[relpath]
        facts = summary.facts.get(AUTH_FACTS)
        if isinstance(facts, AuthFacts) and not summary.is_test:
            yield facts


def protections(project: ProjectModel, family: str) -> list[str]:
    """The evidence of one family (`ratelimit`, `mfa`) found anywhere in the project."""
    prefix = family + ":"
    found = {
        p[len(prefix) :]
        for facts in auth_facts(project)
        for p in facts.protections
        if p.startswith(prefix)
    }
    return sorted(found)
