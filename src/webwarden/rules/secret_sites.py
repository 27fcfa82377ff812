"""The base of the rules that report literal secrets found in Python modules.

Not a rule module (the registry only looks in the practice folders). The per-file
extractor (`webwarden.model.secrets`) records every secret site of a module; a
`SecretSiteRule` reports the sites of its categories that no framework model owns
(`webwarden.model.secrets.ownership`), with the masked snippet the extractor made, so the
engine never fills the snippet from the source line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain, pairwise
from typing import ClassVar

from webwarden.findings import Finding, Location, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.django.replaced_values import replacing_modules
from webwarden.model.module import identifier_words, is_settings_path
from webwarden.model.project import ProjectModel
from webwarden.model.roles import Role, role_of
from webwarden.model.secrets import SECRETS_FACTS, Category, Holder, ModuleSecrets, SecretSite
from webwarden.model.secrets.ownership import Ownership
from webwarden.rules._compose_databases import development_compose_database
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


def settings_role(project: ProjectModel, relpath: str) -> Role:
    """The role of the settings module at `relpath` by its name (`settings/ci.py`: test),
    also of one the Django model does not read (settings written as class attributes),
    and of a module named for its role before the word settings or config
    (`dev_settings.py`, `test_config.py`; not `local_settings.py`, the overlay a server
    often keeps its production values in)."""
    role = Role.UNSPECIFIED if project.django is None else project.django.role_of_path(relpath)
    summary = project.modules.get(relpath)
    if role is not Role.UNSPECIFIED or summary is None:
        return role
    if is_settings_path(relpath):
        return role_of(summary.module, relpath=relpath)
    return role_named(relpath)


def role_named(relpath: str) -> Role:
    """The development or test role of a module named for it before the word settings or
    config (`dev_settings.py`, `test_config.py`; not `local_settings.py`, the overlay a
    server often keeps its production values in); else unspecified."""
    named = _ROLE_NAMED.search(relpath)
    if named is None or "local" in identifier_words(named.group("role")):
        return Role.UNSPECIFIED
    found = role_of(named.group("role"))
    return found if found.is_development else Role.UNSPECIFIED


_ROLE_NAMED = re.compile(r"(?:^|/)(?P<role>[a-z][a-z0-9]*)_(?:settings|config)\.py$")


_STAND_IN_FIRST = frozenset({"test", "testing", "dummy", "fake", "mock", "sample", "example"})


def named_as_stand_in(target: str) -> bool:
    """Whether what receives the secret is named first as a stand-in for a real one
    (`test_otp_secret`, `DUMMY_API_KEY`, `fake_password=`): a value made for tests or
    examples, as one in test code is. Only the first word counts: `latest_token` and
    `STRIPE_TEST_KEY` name no stand-in."""
    words = identifier_words(target)
    return bool(words) and words[0] in _STAND_IN_FIRST


def made_for_tests(function: str) -> bool:
    """Whether the function a secret is written in is named for making stand-ins
    (`create_test_database_connect_strings`, `make_fake_user`): a helper of the tests
    outside the test folders, its values made for them as test code's are."""
    return bool(_STAND_IN_FIRST.intersection(identifier_words(function)))


_CASE_WORDS = frozenset({"cases", "vectors", "samples", "inputs"})


def named_for_test_cases(target: str) -> bool:
    """Whether what holds the secret is named as a table of test cases (`URL_TESTS`,
    `PARSER_TEST_CASES`, `test_vectors`): inputs a module checks itself against, made
    up for that, as test code's are. A single test value (`STRIPE_TEST_KEY`, a
    test-mode credential of a real account) is not."""
    words = identifier_words(target)
    if "tests" in words:
        return True
    return any(a == "test" and b in _CASE_WORDS for a, b in pairwise(words))


def development_config(project: ProjectModel, site: SecretSite) -> str:
    """The name of the config class the secret is written in when only development or
    tests run it: a django-configurations class judged as development or test settings
    (`class Build(Base)`, `class Test(Base)`), or a Flask config class every app loads
    (or a class derived from it) only as a development or test config (`configs =
    {"development": Development, "test": Test}`, `Test(Development)`): a developer's
    value, as in a development settings module. "" when some config the app may run
    with in production is that class or derives from it."""
    return development_config_at(project, site.location)


def development_config_at(project: ProjectModel, location: Location) -> str:
    """`development_config` of whatever is written at `location`."""
    return _development_configuration(project, location) or _flask_development_config(
        project, location
    )


def _development_configuration(project: ProjectModel, location: Location) -> str:
    """The django-configurations class holding the site, judged as development or test
    settings (a base of others is judged through them, and holds no such verdict)."""
    if project.django is None:
        return ""
    for module in project.django.judged:
        anchor = module.anchor
        if (
            module.configuration
            and module.role.is_development
            and anchor is not None
            and _covers(anchor, location)
        ):
            return module.configuration
    return ""


def _flask_development_config(project: ProjectModel, location: Location) -> str:
    if project.flask is None:
        return ""
    holders = []
    for app in project.flask.apps:
        for variant in app.variants:
            if variant.ref and _covers(variant.location, location):
                users = [v for v in app.variants if variant.name in (v.name, *v.ancestors)]
                holders.append((variant.name, all(v.is_development for v in users)))
    if not holders or not all(development for _, development in holders):
        return ""
    return holders[0][0]


def _covers(where: Location, site: Location) -> bool:
    return where.path == site.path and where.line <= site.line <= where.last_line


def _debug_only_view(project: ProjectModel, site: SecretSite) -> str:
    """The name of the Django view whose body holds the site when every route to it is
    added only with `DEBUG` on (see `DjangoProject.debug_only_view`); else ""."""
    if project.django is None:
        return ""
    return project.django.debug_only_view(site.location.path, site.location.line)


def _replaced_when_deployed(project: ProjectModel, site: SecretSite) -> tuple[str, ...]:
    """The deployed settings modules that replace the setting a settings module's top
    level gives the site (`API_KEY = "..."` in `settings/base.py`, read from the
    environment in `settings/production.py`); empty when one may keep it."""
    if project.django is None or site.function or not site.setting or site.target != site.setting:
        return ()
    return replacing_modules(project.django, site.setting, site.location)


def _development_command(project: ProjectModel, site: SecretSite) -> str:
    """The name of the Django management command holding the site when its `help` says
    it is made for development or tests (`ModuleSecrets.development_command`), else ""."""
    summary = project.modules.get(site.location.path)
    facts = summary.facts.get(SECRETS_FACTS) if summary is not None else None
    return facts.development_command if isinstance(facts, ModuleSecrets) else ""


def framework_setting(project: ProjectModel, site: SecretSite) -> bool:
    """Whether the site is written in a setting the project model reads: a top-level
    setting of a Django settings module it judges (or of any module of its chain), or a
    Django configuration class's, or a key of a Flask app's config (a config class or
    module the app loads, `app.config[...]`)."""
    where, name = site.location, site.setting
    if not name:
        return False
    if project.django is not None:
        for module in project.django.judged:
            if site.holder is Holder.MODULE and where.path in module.chain:
                return True  # NOTE: also a setting whose value the model leaves unknown
            for possibility in module.get(name):
                places = [possibility.location, *(at for _, at in possibility.parts)]
                if any(at is not None and _covers(at, where) for at in places):
                    return True
    if project.flask is not None:
        for app in project.flask.apps:
            for layer in app.layers:
                setting = layer.settings.get(name)
                if setting is not None and _covers(setting.location, where):
                    return True
    return False


def _in_tests(project: ProjectModel, site: SecretSite) -> bool:
    summary = project.modules.get(site.location.path)
    return summary is not None and summary.is_test


class SecretSiteRule(ProjectRule):
    """Reports the secret sites of `categories`; `judge` turns one site into a finding."""

    categories: ClassVar[tuple[Category, ...]] = ()

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        """Report every site of `categories` that no framework model owns, and the
        rule's `more_sites`."""
        for site in chain(secret_sites(project, *self.categories), self.more_sites(project)):
            if self.spared_in_tests(site) and _in_tests(project, site):
                continue
            if site.word and not framework_setting(project, site):
                continue  # NOTE: a plain word ships as a credential only as a setting's
            finding = self.judge(site)
            if finding is None:
                continue
            if site.docstring:
                # NOTE: a credential in a docstring is usually an example; still shown.
                finding = lower_for_context(finding, Severity.LOW, "docstring")
            elif (role := settings_role(project, site.location.path)).is_development:
                # NOTE: as the Django rules lower their own settings there (`settings/ci.py`).
                reason = f"settings module {site.location.path} ({role.value})"
                finding = lower_for_context(finding, Severity.LOW, reason)
            elif replacers := _replaced_when_deployed(project, site):
                # NOTE: a base module's value the deployed settings each replace is what
                # only the development and test settings built on it run with.
                reason = (
                    f"development value: `{site.setting}` is replaced in {', '.join(replacers)}"
                )
                finding = lower_for_context(finding, Severity.LOW, reason)
            elif config := development_config(project, site):
                # NOTE: as the settings rules lower what only development configs set.
                finding = lower_for_context(finding, Severity.LOW, f"development config `{config}`")
            elif named_as_stand_in(site.target) and not _in_tests(project, site):
                # NOTE: as in test code: a seeding script's `test_otp_secret` (SecureDrop).
                # In test code the engine says so itself, the more general reason.
                reason = f"`{site.target}` is named as a stand-in"
                finding = lower_for_context(finding, Severity.LOW, reason)
            elif command := _development_command(project, site):
                # NOTE: a seeding command's password for the accounts it makes (`dev_db`).
                reason = f"management command `{command}`, made for development or tests"
                finding = lower_for_context(finding, Severity.LOW, reason)
            elif made_for_tests(site.function) and not _in_tests(project, site):
                reason = f"written in `{site.function}()`, named for tests"
                finding = lower_for_context(finding, Severity.LOW, reason)
            elif named_for_test_cases(site.target) and not _in_tests(project, site):
                reason = f"`{site.target}` is named as a table of test cases"
                finding = lower_for_context(finding, Severity.LOW, reason)
            elif site.category is Category.URL and (
                compose := development_compose_database(project, site.masked, site.location)
            ):
                finding = lower_for_context(finding, Severity.LOW, compose)
            elif view := _debug_only_view(project, site):
                # NOTE: a sample the development server's page shows (an e-mail layout
                # preview's made-up password): not served where the project is deployed.
                reason = f"in `{view}`, a view served only with `DEBUG` on"
                finding = lower_for_context(finding, Severity.LOW, reason)
            yield finding

    def more_sites(self, project: ProjectModel) -> Iterable[SecretSite]:
        """Sites the project model gives beside the per-file ones (default: none)."""
        return ()

    def spared_in_tests(self, site: SecretSite) -> bool:
        """Whether the site is not reported at all when it is in test code (default: it is
        reported, at the test-code severity)."""
        return False

    def judge(self, site: SecretSite) -> Finding | None:
        """The finding for one site (None: not this rule's)."""
        raise NotImplementedError
