"""The base of the rules that report literal secrets found in Python modules.

Not a rule module (the registry only looks in the practice folders). The per-file
extractor (`webwarden.model.secrets`) records every secret site of a module; a
`SecretSiteRule` reports the sites of its categories that no framework model owns
(`webwarden.model.secrets.ownership`), with the masked snippet the extractor made, so the
engine never fills the snippet from the source line.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from webwarden.findings import Finding, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.project import ProjectModel
from webwarden.model.secrets import SECRETS_FACTS, Category, ModuleSecrets, SecretSite
from webwarden.model.secrets.ownership import Ownership
from webwarden.rules.base import ProjectRule


def secret_sites(project: ProjectModel, *categories: Category) -> Iterator[SecretSite]:
    """The sites of these categories in the project that no framework model owns."""
    ownership = Ownership(project)
    for relpath in sorted(project.modules):
        facts = project.modules[relpath].facts.get(SECRETS_FACTS)
        if not isinstance(facts, ModuleSecrets):
            continue
        for site in facts.sites:
            if site.category in categories and ownership.owner(site) is None:
                yield site


class SecretSiteRule(ProjectRule):
    """Reports the secret sites of `categories`; `judge` turns one site into a finding."""

    categories: ClassVar[tuple[Category, ...]] = ()

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        """Report every site of `categories` that no framework model owns."""
        for site in secret_sites(project, *self.categories):
            finding = self.judge(site)
            if finding is not None and site.docstring:
                # NOTE: a credential in a docstring is usually an example; still shown.
                finding = lower_for_context(finding, Severity.LOW, "docstring")
            if finding is not None:
                yield finding

    def judge(self, site: SecretSite) -> Finding | None:
        """The finding for one site (None: not this rule's)."""
        raise NotImplementedError
