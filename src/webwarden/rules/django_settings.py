"""The base of rules that judge Django settings modules of the project model.

A `DjangoSettingRule` says what is wrong with one settings module (`judge` yields
`Verdict`s); the base turns verdicts into findings the same way for every rule:

- Each judged settings module (`dev.py`, `prod.py`, the only `settings.py`) is judged with
  every value its import chain gives it; a value defined in `base.py` and reached from
  several modules is reported once, from the module where it weighs most (the highest
  severity, then a deployed module before a development one); so is a setting
  left unset by a module and by a judged module it star-imports (see `_unset_at`), or by
  a django-configurations class and a judged one it derives from (`_unset_in_base`).
- **Two possible values** (module-level `if`, `try` and its handlers): each is judged; an
  unsafe one is reported with the branch that gives it ("when `not DEBUG`") at medium
  confidence at most, since the deployment decides which branch runs.
- **Two settings judged together** ("`SecurityMiddleware` is installed and
  `SECURE_SSL_REDIRECT` is off"): each value of the one is paired only with the values
  of the other that may hold beside it (`beside`, `mentions(..., with_value=...)`), not
  with one given in the other arm of the same condition.
- **Deploy-time values** (environment lookups) are judged by the value they have when the
  variable is unset; the message names the variables and that value (masked for secrets).
  So is a module-level `if` on environment variables (`if os.getenv("HTTPS", "false") ==
  "true":`): the arm their defaults take is what ships; when the other arm gives the
  setting a value without the problem, the finding says how a deployment gets it, at the
  same severity ("`SESSION_COOKIE_SECURE` is not set unless $HTTPS is set to true").
- **Set when the apps load**: a setting the settings modules leave unset but the
  project's own code stores into `django.conf.settings` (an `AppConfig.ready()` handing
  it to a helper that reads a configuration file: `model.django.runtime_settings`) has
  an unknown value, not Django's default, and is not reported as missing.
- **Context**: findings about a development or test settings module (by its name:
  dev/local/test/...) are lowered to low severity through `lower_for_context`, or dropped
  for rules with `in_development = False` (e.g. `DEBUG = True` in `dev.py`). The finding's
  `context` names the settings module it is about. A value given only in a development or
  test branch (`if TESTING:`, `if "test" in sys.argv:`, `if any("pytest" in arg for arg
  in sys.argv) or "test" in sys.argv:`, `if DEBUG:`) is lowered the same
  way: a test run or a developer's machine gets it, and a deployment with `DEBUG` on is
  reported for that.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from webwarden.findings import Confidence, Finding, Location, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.django.hosts import any_host_entry
from webwarden.model.django.values import contains, deploy_note, deploy_times, is_known
from webwarden.model.roles import Role, exclusive, role_of_branch
from webwarden.rules.base import Framework, ProjectRule

if TYPE_CHECKING:
    from webwarden.model.django import DjangoProject, Possibility, SettingsModule
    from webwarden.model.project import ProjectModel


@dataclass(frozen=True, slots=True)
class Verdict:
    """One problem with one value of a setting."""

    setting: str
    possibility: Possibility
    fields: Mapping[str, object] = field(default_factory=dict)
    """Placeholders of the rule's message and fix."""
    location: Location | None = None
    """Where to report (default: where the value was set, or the module's first line)."""
    value: object = None
    """The raw value the verdict is about, for the deploy-time note (default: the whole
    setting's value)."""
    message: str | None = None
    fix: str | None = None
    """The fix when it differs from the rule's (its placeholders filled from `fields`)."""
    severity: Severity | None = None
    confidence: Confidence | None = None
    django_checks: frozenset[str] | None = None
    """The ids Django's deploy checks may raise for this case (None: the rule's
    `django_checks`; empty: Django raises none, so none silences it)."""
    unless: str = ""
    """How a deployment gets a value without this problem, from an arm skipped as the code
    ships (`$HTTPS is set to true`; `Possibility.unless`)."""


def _every_branch_alike(settings: SettingsModule, verdicts: list[Verdict]) -> list[Verdict]:
    """The verdicts, those that every branch of a setting gives alike (same place, same
    words) made one without a branch: `MIDDLEWARE` lacks the CSRF middleware whether or
    not `DEBUG` adds the toolbar to it."""
    groups: dict[tuple[object, ...], list[Verdict]] = {}
    for verdict in verdicts:
        where = verdict.location or verdict.possibility.location
        fields = tuple(sorted((k, repr(v)) for k, v in verdict.fields.items()))
        groups.setdefault((verdict.setting, where, verdict.message, fields), []).append(verdict)
    merged: list[Verdict] = []
    for group in groups.values():
        branches = {v.possibility.branch for v in group}
        possible = settings.get(group[0].setting)
        if len(group) > 1 and "" not in branches and len(group) == len(possible):
            first = group[0]
            always = dataclasses.replace(first.possibility, branch="")
            merged.append(dataclasses.replace(first, possibility=always))
        else:
            merged.extend(group)
    return merged


def beside(settings: SettingsModule, name: str, other: Possibility) -> tuple[Possibility, ...]:
    """The values of setting `name` that may hold together with `other`, a value of
    another setting: not those given only under a condition `other`'s branch denies (the
    `MIDDLEWARE` of `if PROXIED:` beside the `SECURE_SSL_REDIRECT = False` of its `else:`)."""
    return tuple(p for p in settings.get(name) if not exclusive(p.branch, other.branch))


def mentions(
    settings: SettingsModule, name: str, item: str, with_value: Possibility | None = None
) -> bool | None:
    """Whether any value of list setting `name` holds `item` (None: cannot be known);
    with `with_value`, a value of another setting, only the values of `name` that may
    hold together with it (`beside`): a rule asking "is X installed and Y set to Z" asks
    it of one arm of a condition, never X of one arm and Z of the other."""
    possible = settings.get(name) if with_value is None else beside(settings, name, with_value)
    answers = [contains(p.shipped, item) for p in possible]
    if True in answers:
        return True
    return None if None in answers else False


def silenced_by(settings: SettingsModule, checks: frozenset[str]) -> str:
    """Why `settings` silence every one of `checks` (empty: they do not, or cannot be known to).

    Django drops a check's message whose id is in `SILENCED_SYSTEM_CHECKS`, compared as
    written (`CheckMessage.is_silenced`), errors included; a list read from the
    environment is not known and silences nothing.
    """
    possible = settings.get("SILENCED_SYSTEM_CHECKS")
    if not checks or any(contains(p.shipped, c) is not True for p in possible for c in checks):
        return ""
    where = next((p.location for p in possible if p.location is not None), None)
    at = f" (list at {where.path}:{where.line})" if where is not None else ""
    return f"silenced by SILENCED_SYSTEM_CHECKS: {', '.join(sorted(checks))}{at}"


_COOKIE_LOGIN_WORDS = ("session", "auth", "login", "cookie")
"""Words of a middleware's name that may keep a login in a cookie: Django's
`SessionMiddleware` and `AuthenticationMiddleware`, their subclasses, other packages'."""


def keeps_no_login(middleware: object, header_logins: frozenset[str] = frozenset()) -> bool:
    """Whether a shipped `MIDDLEWARE` is known to hold nothing that logs a visitor in from
    a cookie (no session middleware, no authentication one but the project's own that
    logs in from a header alone, `header_logins`): an API that reads a token from a
    header, whose pages any site may send requests to or frame as it likes, the browser
    adding no credential."""
    if not isinstance(middleware, list | tuple) or not middleware:
        return False
    if any(not isinstance(entry, str) for entry in middleware):
        return False
    last = [e.rsplit(".", 1)[-1].lower() for e in middleware if e not in header_logins]
    return not any(word in name for name in last for word in _COOKIE_LOGIN_WORDS)


def missing_middleware(
    settings: SettingsModule,
    possibility: Possibility,
    no_login: str,
    lacking: tuple[str, str] = ("", ""),
) -> Verdict:
    """A `MIDDLEWARE` value of `settings` that lacks a middleware: low, with the message
    `no_login`, when it keeps no login in a cookie either (`keeps_no_login`). `lacking`
    is the middleware and the rule's message: when the module's `MIDDLEWARE_CLASSES`
    lists it, the message says that Django ignores that list beside `MIDDLEWARE`."""
    item, message = lacking
    ignored = bool(item) and _only_in_old_list(settings, item, possibility.branch)
    note = " (`MIDDLEWARE_CLASSES` lists it, but Django reads only `MIDDLEWARE`)"
    if keeps_no_login(possibility.shipped, settings.header_logins):
        return Verdict(
            "MIDDLEWARE",
            possibility,
            message=no_login + note if ignored else no_login,
            severity=Severity.LOW,
            confidence=Confidence.MEDIUM,
        )
    return Verdict("MIDDLEWARE", possibility, message=message + note if ignored else None)


def _only_in_old_list(settings: SettingsModule, item: str, branch: str) -> bool:
    """Whether the module sets `MIDDLEWARE_CLASSES` listing `item` beside a `MIDDLEWARE`
    of its own (under `branch`): Django (1.10 on) then reads `MIDDLEWARE` alone. Not a
    list set only in another arm (`if django.VERSION < (1, 10):`), for older releases."""
    return any(
        contains(p.shipped, item) is True and not exclusive(p.branch, branch)
        for p in settings.values.get("MIDDLEWARE_CLASSES", ())
    )


def any_host(possibility: Possibility) -> str | None:
    """The entry of an `ALLOWED_HOSTS` value accepting any host (`"*"`), if one does."""
    return any_host_entry(possibility.shipped)


def not_true(possibility: Possibility) -> bool:
    """Whether a value is known and is not `True` (Django's checks compare `is True`)."""
    value = possibility.shipped
    return is_known(value) and value is not True


class DjangoSettingRule(ProjectRule):
    """Judges every settings module of the project's Django model."""

    frameworks = frozenset({Framework.DJANGO})
    example_filename = "settings.py"
    in_development: ClassVar[bool] = True
    """False: no finding at all in development/test settings modules."""
    masks_values: ClassVar[bool] = False
    """True for secrets: the deploy-time note never shows the default."""
    about_pages: ClassVar[bool] = False
    """True: judges how pages are served (middleware, cookies, headers, hosts); what a
    module under which Django serves none (`SettingsModule.serves_pages`) leaves to
    Django's default is then no finding."""

    def judge(self, settings: SettingsModule) -> Iterable[Verdict]:
        """Yield what is wrong with `settings`."""
        raise NotImplementedError

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        """Judge every judged settings module; report each problem once, where it weighs most."""
        django = project.django
        if django is None:
            return
        # NOTE: keyed by the problem without its branch note: a module judged on its own
        # and through a settings module that imports it in a `try` is one problem.
        # NOTE: a problem that one module silences and another does not is reported.
        kept: dict[
            tuple[str, int, int, str], tuple[Finding, tuple[bool, int, bool, bool, bool, bool]]
        ] = {}
        judged = [(module, self._verdicts(module)) for module in django.judged]
        unset = {
            (module.relpath, module.configuration): {
                self._problem(v) for v in verdicts if _unplaced(v)
            }
            for module, verdicts in judged
        }
        for module, verdicts in judged:
            for found in verdicts:
                verdict, inherited = self._placed(django, module, found, unset)
                finding = self._finding(django, module, verdict)
                if finding is None:
                    continue
                where = finding.location
                key = (where.path, where.line, where.column, self._problem(verdict)[1])
                # NOTE: at equal severity, a deployed module is named over a development
                # one (`base.py`'s value reached from `dev.py` and `production.py`).
                developed = (
                    module.role.is_development
                    or django.role_of_path(where.path).is_development
                    or role_of_branch(verdict.possibility.branch).is_development
                )
                weight = (
                    not finding.suppressed_by,
                    finding.severity.rank,
                    not developed,
                    not verdict.possibility.branch,
                    where.path == module.relpath,
                    not inherited,
                )
                if key not in kept or weight > kept[key][1]:
                    kept[key] = (finding, weight)
        yield from (finding for finding, _ in kept.values())

    def _placed(
        self,
        django: DjangoProject,
        module: SettingsModule,
        verdict: Verdict,
        unset: Mapping[tuple[str, str], set[tuple[str, str]]],
    ) -> tuple[Verdict, bool]:
        """The verdict placed where it is reported, and whether a configuration's lack was
        placed on a base configuration that lacks it too (`_unset_at`, `_unset_in_base`)."""
        if not _unplaced(verdict):
            return verdict, False
        problem = self._problem(verdict)
        if module.anchor is None:
            where = _unset_at(django, module, problem, unset)
            return dataclasses.replace(verdict, location=where), False
        base = _unset_in_base(django, module, problem, unset)
        return dataclasses.replace(verdict, location=base or module.anchor), base is not None

    def _verdicts(self, module: SettingsModule) -> list[Verdict]:
        """What is wrong with `module`, alike branches made one; not what it leaves to
        Django's default about pages, if Django serves none under it."""
        return [
            self._conditional(module, verdict)
            for verdict in _every_branch_alike(module, list(self.judge(module)))
            if not (self.about_pages and not module.serves_pages and _defaulted(verdict))
        ]

    def _conditional(self, module: SettingsModule, verdict: Verdict) -> Verdict:
        """The verdict worded as holding unless a deployment sets the variables of a test
        the module decides by their defaults, when the value the skipped arm gives has no
        such problem (`if os.getenv("HTTPS", "false") == "true": SESSION_COOKIE_SECURE =
        True`): `not set unless $HTTPS is set to true`. A skipped arm giving an unsafe
        value (`if os.getenv("DEV"): DEBUG = True`) changes nothing."""
        possibility = verdict.possibility
        if not possibility.unless or possibility not in module.get(verdict.setting):
            return verdict
        safe = []
        for unless in possibility.unless:
            other = dataclasses.replace(
                possibility, value=unless.value, location=unless.location, unless=()
            )
            values = {**module.values, verdict.setting: (other,)}
            judged = self.judge(dataclasses.replace(module, values=values))
            if not any(v.setting == verdict.setting for v in judged):
                safe.append(unless.when)
        if not safe:
            return verdict
        when = " or ".join(dict.fromkeys(safe))
        problem = verdict.fields.get("problem")
        if isinstance(problem, str) and "{problem}" in (verdict.message or self.message):
            fields = {**verdict.fields, "problem": f"{problem} unless {when}"}
            return dataclasses.replace(verdict, fields=fields)
        return dataclasses.replace(verdict, unless=when)

    def _problem(self, verdict: Verdict) -> tuple[str, str]:
        """The setting and the words of a verdict, without where or in which branch."""
        return verdict.setting, (verdict.message or self.message).format(**verdict.fields)

    def _note(self, value: object) -> str:
        if not self.masks_values:
            return deploy_note(value)
        found = list(deploy_times(value))
        variables = [name for d in found for name in d.shown_names]
        if not variables:
            return ""
        note = f"set at deploy time from {', '.join(dict.fromkeys(variables))}"
        if any(isinstance(d.if_unset, str) and d.if_unset for d in found):
            note += "; if unset: a value written in the code"
        return note

    def _finding(
        self, django: DjangoProject, module: SettingsModule, verdict: Verdict
    ) -> Finding | None:
        possibility = verdict.possibility
        location = (
            verdict.location
            or possibility.location
            or module.anchor
            or Location(module.relpath, 1, 1)
        )
        defined_in = django.role_of_path(location.path)
        if not possibility.branch and location.path in module.chain:
            # NOTE: a value the module always takes from a module of its chain (its base,
            # `from evennia.settings_default import *`) is its own, whatever that module
            # is for elsewhere (a test run or the docs build naming it too).
            defined_in = Role.UNSPECIFIED
        role = defined_in if defined_in.is_development else module.role
        if role.is_development and not self.in_development:
            return None
        confidence = verdict.confidence or self.confidence
        extras = []
        note = self._note(possibility.value if verdict.value is None else verdict.value)
        if note:
            extras.append(note)
        if verdict.unless:
            extras.append(f"unless {verdict.unless}")
        if possibility.branch:
            extras.append(f"when {possibility.branch}")
            if confidence.rank > Confidence.MEDIUM.rank:
                confidence = Confidence.MEDIUM
        message = (verdict.message or self.message).format(**verdict.fields)
        if extras:
            message = f"{message} ({'; '.join(extras)})"
        finding = self.make_finding(
            location,
            message=message.replace("{", "{{").replace("}", "}}"),
            severity=verdict.severity,
            confidence=confidence,
            key=verdict.setting,
        )
        fix = (verdict.fix or self.fix).format(**verdict.fields)
        finding = dataclasses.replace(finding, fix=fix)
        checks = (
            frozenset(self.django_checks)
            if verdict.django_checks is None
            else verdict.django_checks
        )
        finding = dataclasses.replace(finding, suppressed_by=silenced_by(module, checks))
        about = location.path if defined_in.is_development else module.relpath
        context = f"settings module {about}"
        if module.configuration and about == module.relpath:
            context += f", configuration {module.configuration}"
        if role.is_development:
            return lower_for_context(finding, Severity.LOW, f"{context} ({role.value})")
        branch_role = role_of_branch(possibility.branch)
        if branch_role.is_development:
            reason = f"{context}, {branch_role.value} branch"
            return lower_for_context(finding, Severity.LOW, reason)
        return dataclasses.replace(finding, context=context)


def _unplaced(verdict: Verdict) -> bool:
    """A verdict on a setting the module leaves to Django's default, with no place of its own."""
    return verdict.location is None and _defaulted(verdict)


def _unset_at(
    django: DjangoProject,
    module: SettingsModule,
    problem: tuple[str, str],
    unset: Mapping[tuple[str, str], set[tuple[str, str]]],
) -> Location:
    """Where a problem with a setting `module` leaves to Django's default is reported: the
    first line of the furthest module of its chain that is judged on its own as well (no
    development or test module), has the same problem with the setting it leaves unset
    too (`unset`), and passes on every setting it has (a star import, not `from base
    import X`): `docker/settings.py` doing `from shop.settings import *`, each named by an
    entry point, or a `test_settings.py` over the only `settings.py`; one problem, which
    setting it there fixes for both; a development or test module's, also in the
    development module it builds on (`test.py` over `dev.py`). Else the module's own
    first line."""
    alone = {m.relpath: m for m in django.judged if not m.configuration}
    for relpath in reversed(module.chain[1:]):
        base = alone.get(relpath)
        if (
            base is not None
            and problem in unset.get((relpath, ""), ())
            and base.values.keys() <= module.values.keys()
            and (module.role.is_development or not django.role_of_path(relpath).is_development)
        ):
            return Location(relpath, 1, 1)
    return Location(module.relpath, 1, 1)


def _unset_in_base(
    django: DjangoProject,
    configuration: SettingsModule,
    problem: tuple[str, str],
    unset: Mapping[tuple[str, str], set[tuple[str, str]]],
) -> Location | None:
    """Where a problem with a setting a django-configurations class leaves to Django's
    default is reported when a judged configuration it derives from (no development or
    test one) has it too, and the class keeps every setting of that one: the furthest
    such base's line (`class Demo(Production)` changing only `STORAGES`: setting it in
    `Production` fixes both). None when no base has it."""
    bases = {
        m.configuration: m
        for m in django.judged
        if m.relpath == configuration.relpath and m.configuration in configuration.derives_from
    }
    for name in reversed(configuration.derives_from):
        base = bases.get(name)
        if (
            base is not None
            and base.anchor is not None
            and problem in unset.get((base.relpath, name), ())
            and base.values.keys() <= configuration.values.keys()
            and not base.role.is_development
        ):
            return base.anchor
    return None


def _defaulted(verdict: Verdict) -> bool:
    """Whether the verdict is on a value the module leaves to Django's default."""
    return verdict.possibility.location is None
