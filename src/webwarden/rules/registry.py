"""Rule discovery: every concrete rule class under `webwarden.rules`, found by walking it.

There is no central table. Loading checks every invariant: codes unique and well formed,
the code's practice matching the rule's folder and attribute, names unique, kebab-case
and matching the module and class, docstrings with the required sections.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable
from functools import cache

from webwarden.errors import ConfigError
from webwarden.findings import Practice
from webwarden.findings.codes import code_key
from webwarden.rules.base import (
    DependencyRule,
    LogRule,
    NoticeRule,
    ProbeRule,
    ProjectRule,
    PythonRule,
    Rule,
    Status,
    TemplateRule,
    TextRule,
)
from webwarden.rules.django_settings import DjangoSettingRule
from webwarden.rules.docs import parse_sections

PRACTICE_FOLDERS: dict[str, Practice] = {
    "notices": Practice.TOOL,
    "dependencies": Practice.DEPENDENCIES,
    "secrets": Practice.SECRETS,
    "database": Practice.DATABASE,
    "sql_injection": Practice.SQL_INJECTION,
    "xss": Practice.XSS,
    "csrf": Practice.CSRF,
    "auth": Practice.AUTHENTICATION,
    "sessions": Practice.SESSIONS,
    "https": Practice.HTTPS,
    "clickjacking": Practice.CLICKJACKING,
    "auditing": Practice.AUDITING,
}
REDIRECTS: dict[str, str] = {
    # NOTE: renamed when it began reading Flask-WTF, Flask-Limiter and django-axes too.
    "django-suspicious-operation": "WW1199",
}
"""Old code or name -> current code, for renamed rules (codes are never reused)."""

_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DJANGO_CHECK = re.compile(r"\b[a-z][a-z0-9_]*\.[A-Z]\d{3}\b")
"""A Django system check id (`security.W004`), as declared and as a docstring names it."""
_BASES = (
    PythonRule,
    ProjectRule,
    TextRule,
    NoticeRule,
    DependencyRule,
    ProbeRule,
    LogRule,
    TemplateRule,
)


class RegistryError(Exception):
    """A rule breaks an invariant of the registry (a bug in webwarden, not user error)."""


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


def _check_rule(rule: type[Rule], folder: str, module: str) -> None:
    """Every invariant of a rule: its shape (`_check_shape`) and its documentation."""
    _check_shape(rule, folder, module)
    where = f"{rule.__module__}.{rule.__qualname__}"
    try:
        parse_sections(rule.__doc__ or "")
    except ValueError as exc:
        raise RegistryError(f"{where}: docstring: {exc}") from None
    _check_django_checks(rule, where)


def _check_shape(rule: type[Rule], folder: str, module: str) -> None:
    """What discovery checks of each rule it finds: its metadata, names and place.

    NOTE: not the docstring (`_check_rule`), whose parsing costs every scan more than
    the rest of discovery's checks; the test suite checks it of every rule."""
    where = f"{rule.__module__}.{rule.__qualname__}"
    for attribute in ("name", "practice", "severity", "confidence", "cwe", "message", "fix"):
        if not hasattr(rule, attribute):
            raise RegistryError(f"{where}: missing `{attribute}`")
    try:
        practice, _ = code_key(rule.code)
    except ValueError:
        raise RegistryError(
            f"{where}: malformed code {rule.code!r} (WW + practice + 2 digits)"
        ) from None
    if practice != rule.practice.number:
        raise RegistryError(f"{where}: code {rule.code} is not in practice {rule.practice}")
    if PRACTICE_FOLDERS.get(folder) is not rule.practice:
        raise RegistryError(f"{where}: practice {rule.practice} does not match folder {folder}")
    if not _NAME.match(rule.name):
        raise RegistryError(f"{where}: name {rule.name!r} is not kebab-case")
    if module != rule.name.replace("-", "_"):
        raise RegistryError(f"{where}: module should be named {rule.name.replace('-', '_')}.py")
    if rule.__name__ != _pascal(rule.name):
        raise RegistryError(f"{where}: class should be named {_pascal(rule.name)}")
    if not issubclass(rule, _BASES):
        raise RegistryError(f"{where}: must subclass one of the rule bases")
    if "\n" in rule.message or "\n" in rule.fix:
        raise RegistryError(f"{where}: message and fix must be one line each")


def _check_django_checks(rule: type[Rule], where: str) -> None:
    """Declared Django check ids are well-formed, honoured (a settings rule) and the ones
    the docstring names."""
    declared = set(rule.django_checks)
    if any(not _DJANGO_CHECK.fullmatch(check) for check in declared):
        raise RegistryError(f"{where}: malformed id in django_checks {rule.django_checks}")
    if declared and not issubclass(rule, DjangoSettingRule):
        raise RegistryError(f"{where}: only settings rules honour django_checks")
    named = set(_DJANGO_CHECK.findall(rule.__doc__ or ""))
    if named != declared:
        raise RegistryError(
            f"{where}: the docstring names Django checks {sorted(named)},"
            f" django_checks declares {sorted(declared)}"
        )


def _discover() -> list[type[Rule]]:
    import webwarden.rules as package

    found: list[type[Rule]] = []
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        parts = info.name.split(".")
        if len(parts) != 4 or parts[2] not in PRACTICE_FOLDERS or parts[3].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value.is_concrete()
                and value.__module__ == module.__name__
            ):
                _check_shape(value, parts[2], parts[3])
                found.append(value)
    return found


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule, sorted by code; raises `RegistryError` if an invariant is broken."""
    rules = _discover()
    codes: dict[str, type[Rule]] = {}
    names: dict[str, type[Rule]] = {}
    for rule in rules:
        if rule.code in codes:
            raise RegistryError(f"duplicate code {rule.code}: {codes[rule.code]} and {rule}")
        if rule.name in names:
            raise RegistryError(f"duplicate name {rule.name}: {names[rule.name]} and {rule}")
        codes[rule.code] = rule
        names[rule.name] = rule
    return tuple(sorted(rules, key=lambda r: code_key(r.code)))


@cache
def _by_key() -> dict[str, type[Rule]]:
    table: dict[str, type[Rule]] = {}
    for rule in all_rules():
        table[rule.code] = rule
        table[rule.name] = rule
    return table


def get_rule(code_or_name: str) -> type[Rule] | None:
    """The rule with this code or name (following renames), or None."""
    wanted = REDIRECTS.get(code_or_name, code_or_name)
    table = _by_key()
    return table.get(wanted.upper()) or table.get(wanted.lower())


def matching(selector: str) -> list[type[Rule]]:
    """Rules a selector names: a code, a code prefix (`WW11`), a name, or `ALL`."""
    if selector.upper() == "ALL":
        return list(all_rules())
    rule = get_rule(selector)
    if rule is not None:
        return [rule]
    prefix = selector.upper()
    if not prefix.startswith("WW"):
        return []
    return [r for r in all_rules() if r.code.startswith(prefix)]


def _expand(selectors: Iterable[str], key: str) -> set[type[Rule]]:
    chosen: set[type[Rule]] = set()
    for selector in selectors:
        rules = matching(selector)
        if not rules:
            raise ConfigError(f"`{key}`: no rule matches {selector!r} (see `webwarden rules`)")
        chosen.update(rules)
    return chosen


def select_rules(
    select: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> tuple[type[Rule], ...]:
    """The rules a run uses: `select` (default: every rule neither removed nor opt-in),
    plus `extend_select`, minus `ignore`. Notices (WW0xx) always run unless ignored."""
    select = tuple(select)
    base = _expand(select, "select") if select else {r for r in all_rules() if not r.opt_in}
    base |= _expand(extend_select, "extend-select")
    base |= {r for r in all_rules() if r.practice is Practice.TOOL}
    base -= _expand(ignore, "ignore")
    return tuple(r for r in all_rules() if r in base and r.status is not Status.REMOVED)


def validate_codes(selectors: Iterable[str], key: str) -> None:
    """Raise `ConfigError` if any selector names no rule."""
    _expand(selectors, key)
