"""Credential defaults a Django settings module gives through an environment helper.

Settings modules often read the environment through a function of the project, their
own or one they import (`from app.envs import get_string`):

    ADMIN_API_PASSWORD = get_string("ADMIN_API_PASSWORD", "s3rvice-pass-2024")

The per-file extractor cannot tell such a call from any other: the helper's body may be
in another module. The Django model follows it (`env_helpers`, `env_imported`) and gives
the setting as a `DeployTime` whose value when unset is the literal. `helper_default_sites`
turns those values back into secret sites of the settings module, placed on the literal
the call is handed, judged as the extractor judges a lookup's default (the variable's
name, or the setting's with a value that looks like a secret; plain words, numbers and
fail-closed test secrets left out). A direct lookup (`os.getenv(...)`) is the per-file
extractor's and is not made again; values the Django rules judge themselves
(`SECRET_KEY`, `DATABASES`) are left to them.
"""

from __future__ import annotations

import ast

from webwarden.analysis.environment import DeployTime, EnvLookup, env_lookup
from webwarden.analysis.secrets import credential_kind, looks_like_secret, mask
from webwarden.analysis.secrets.values import (
    fails_closed,
    is_placeholder,
    is_setting_word,
    names_stand_in,
    plainly_not_secret_default,
)
from webwarden.findings import Location
from webwarden.model.django import Possibility
from webwarden.model.module import FileContext
from webwarden.model.project import ProjectModel
from webwarden.model.secrets import SECRETS_FACTS
from webwarden.model.secrets.account_defaults import default_credential
from webwarden.model.secrets.facts import Category, Holder, ModuleSecrets, SecretSite
from webwarden.model.secrets.ownership import django_owns_setting
from webwarden.model.secrets.snippets import masked_line


def helper_default_sites(project: ProjectModel) -> list[SecretSite]:
    """The credential defaults the judged Django settings modules give through a helper
    function of the project, one site per literal."""
    django = project.django
    if django is None or project.read_module is None:
        return []
    found: dict[tuple[str, int, int], SecretSite] = {}
    for module in django.judged:
        for name, possibilities in module.values.items():
            if django_owns_setting(name):
                continue
            for possibility in possibilities:
                site = _site(project, name, possibility)
                if site is None or _known(project, site.location):
                    continue
                where = site.location
                found.setdefault((where.path, where.line, where.column), site)
    return [found[key] for key in sorted(found)]


def _site(project: ProjectModel, setting: str, possibility: Possibility) -> SecretSite | None:
    value, where = possibility.value, possibility.location
    if not isinstance(value, DeployTime) or not isinstance(value.if_unset, str):
        return None
    text = value.if_unset
    lookup = next((found for found in value.lookups if found.default == text), None)
    if lookup is None or not text.strip() or where is None:
        return None
    ctx = _module(project, where.path)
    call = _helper_call(ctx, where.line) if ctx is not None else None
    if ctx is None or call is None:
        return None
    literal = _literal(call, text)
    kind = _kind(ctx, setting, lookup, text)
    if literal is None or kind is None:
        return None
    word = _word(ctx, kind, setting, lookup, text)
    plain = plainly_not_secret_default(text) and not word
    location = ctx.location(literal)
    line = ctx.lines[location.line - 1]
    end = location.end_column if location.end_line == location.line else len(line) + 1
    snippet = masked_line(line, [(location.column - 1, (end or len(line) + 1) - 1, mask(text))])
    return SecretSite(
        Category.DEFAULT,
        kind,
        f'{ast.unparse(call.func)}("{lookup.variable}")',
        location,
        mask(text),
        snippet,
        Holder.MODULE,
        setting,
        ctx.call_name(call) or "",
        placeholder=plain or is_placeholder(text) or names_stand_in(text),
        word=word,
    )


def _module(project: ProjectModel, relpath: str) -> FileContext | None:
    summary = project.modules.get(relpath)
    if summary is None or project.read_module is None:
        return None
    return project.read_module(summary.module)


def _helper_call(ctx: FileContext, line: int) -> ast.Call | None:
    """The call a module-level assignment on `line` is given, when it is no environment
    lookup the per-file extractor knows (`os.getenv`, a django-environ reader the module
    makes, decouple...)."""
    for node in ctx.nodes(ast.Assign, ast.AnnAssign):
        assert isinstance(node, ast.Assign | ast.AnnAssign)  # noqa: S101 - nodes() of those
        if node.lineno != line or ctx.scopes.enclosing_function(node) is not None:
            continue
        call = node.value
        if isinstance(call, ast.Call) and _named(call.func):
            return None if env_lookup(ctx, call) is not None else call
    return None


def _named(func: ast.expr) -> bool:
    """A function called by its name (`get_string`), or a method of a name (`env.str`:
    a reader another module makes)."""
    return isinstance(func, ast.Name) or (
        isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
    )


def _literal(call: ast.Call, text: str) -> ast.Constant | None:
    """The string argument of `call` that is the default (`text`), after the name."""
    given = [*call.args[1:], *(keyword.value for keyword in call.keywords)]
    for node in given:
        if isinstance(node, ast.Constant) and node.value == text:
            return node
    return None


def _kind(ctx: FileContext, setting: str, lookup: EnvLookup, text: str) -> str | None:
    """What the default is a default of (`a password`), as the extractor says of a
    lookup's default; None for no credential or a value that is none."""
    kind = credential_kind(lookup.variable)
    if kind is None:
        named = credential_kind(setting)
        kind = named if named is not None and looks_like_secret(text, named) else None
    if kind is None or fails_closed(text):
        return None
    if _word(ctx, kind, setting, lookup, text):
        return kind
    plain = plainly_not_secret_default(text)
    if plain and not default_credential(ctx, kind, lookup.variable, text):
        return None
    return kind


def _word(ctx: FileContext, kind: str, setting: str, lookup: EnvLookup, text: str) -> bool:
    """Whether the default is a plain word (`is_setting_word`) a credential-named setting
    ships with (`REDIS_PASSWORD = get_string("REDIS_PASSWORD", "ralph_ng")`), as the
    per-file extractor judges a direct lookup's (`site.word`)."""
    return (
        plainly_not_secret_default(text)
        and not default_credential(ctx, kind, lookup.variable, text)
        and credential_kind(setting) is not None
        and credential_kind(lookup.variable) is not None
        and is_setting_word(text)
    )


def _known(project: ProjectModel, where: Location) -> bool:
    """Whether the per-file extractor recorded a site at `where` already."""
    summary = project.modules.get(where.path)
    facts = summary.facts.get(SECRETS_FACTS) if summary is not None else None
    if not isinstance(facts, ModuleSecrets):
        return False
    return any(
        site.location.line == where.line and site.location.column == where.column
        for site in facts.sites
    )
