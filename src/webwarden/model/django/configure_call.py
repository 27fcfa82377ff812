"""Settings a script hands Django itself through `settings.configure(...)`.

A project may load its settings module as plain Python and build the values Django runs
with in its own `manage.py` or `asgi.py` (`MIDDLEWARE = BASE_MIDDLEWARE + MIDDLEWARE`,
then `settings.configure(MIDDLEWARE=middleware)`): the value the settings module writes
for such a setting is then only a part of the one Django runs with.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from webwarden.analysis.constants import UNKNOWN
from webwarden.model.django.settings import Possibility, SettingsModule, State
from webwarden.model.module import FileContext

CONFIGURE = "django.conf.settings.configure"
CONFIGURED = "django.conf.settings.configured"
CONFIGURE_FACTS = "django.configure"


@dataclass(frozen=True, slots=True)
class ConfigureFacts:
    """The settings one module's `settings.configure(...)` call gives Django, each with
    the settings of that name or ending in `_<name>` (`BASE_MIDDLEWARE`) the module reads
    (`settings.BASE_MIDDLEWARE`, `values["BASE_MIDDLEWARE"]`): those it is built from."""

    given: tuple[tuple[str, tuple[str, ...]], ...]


def extract_configure(ctx: FileContext) -> ConfigureFacts | None:
    """What the module's `django.conf.settings.configure(...)` calls set, if any."""
    if not ctx.mentions("configure"):
        return None
    calls = [
        node
        for node in ctx.nodes(ast.Call)
        if isinstance(node, ast.Call) and ctx.call_name(node) == CONFIGURE
    ]
    if not calls:
        return None
    stored, read = _keys(ctx.tree)
    given: set[str] = set()
    for call in calls:
        for keyword in call.keywords:
            if keyword.arg is None and isinstance(keyword.value, ast.Name):
                given.update(stored.get(keyword.value.id, ()))
            elif (
                keyword.arg is not None
                and keyword.arg.isupper()
                and not isinstance(keyword.value, ast.List | ast.Tuple | ast.Constant)
            ):
                # NOTE: a literal (a test runner's `MIDDLEWARE=[...]`) is not built
                # from the settings module, and is left to that module's value.
                given.add(keyword.arg)
    joined = (
        (name, tuple(sorted(r for r in read if r == name or r.endswith(f"_{name}"))))
        for name in sorted(given)
    )
    # NOTE: a setting given from values of no settings module part (a test runner's
    # `INSTALLED_APPS=INSTALLED_APPS + ["tests"]`) tells nothing of what is deployed.
    return ConfigureFacts(tuple((name, parts) for name, parts in joined if parts))


def _keys(tree: ast.Module) -> tuple[dict[str, set[str]], set[str]]:
    """The constant keys stored into each dict name (`values["MIDDLEWARE"] = ...`), and
    the upper-case names read as attributes or constant keys."""
    stored: dict[str, set[str]] = {}
    read: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            if node.attr.isupper():
                read.add(node.attr)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            key = node.slice.value
            if not isinstance(key, str) or not key.isupper():
                continue
            if isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name):
                stored.setdefault(node.value.id, set()).add(key)
            elif isinstance(node.ctx, ast.Load):
                read.add(key)
    return stored, read


def apply_configure(module: SettingsModule, given: Iterable[ConfigureFacts]) -> None:
    """Give `module` (a settings module the configuring scripts import) the values Django
    runs with: each setting given is its parts joined in the order the module writes them
    (`BASE_MIDDLEWARE`, then `MIDDLEWARE`), or unknown when a part is not a single list.
    Each script (`manage.py`, `asgi.py`) gives one of the values the setting may have."""
    written = dict(module.values)
    joined: dict[str, list[Possibility]] = {}
    for facts in given:
        for name, parts in facts.given:
            found = joined.setdefault(name, [])
            if (value := _joined(written, name, parts)) not in found:
                found.append(value)
    for name, values in joined.items():
        module.values[name] = tuple(values)


def _joined(written: State, name: str, parts: tuple[str, ...]) -> Possibility:
    found = [(part, written[part]) for part in parts if part in written]
    items: list[object] = []
    for _, possibilities in sorted(found, key=lambda pair: _order(pair, name)):
        value = possibilities[0].value
        if len(possibilities) > 1 or not isinstance(value, list | tuple):
            return Possibility(UNKNOWN, None)
        items.extend(value)
    if not found:
        return Possibility(UNKNOWN, None)
    first = min(found, key=lambda pair: _order(pair, name))
    return Possibility(items, first[1][0].location)


def _order(pair: tuple[str, tuple[Possibility, ...]], name: str) -> tuple[bool, int]:
    """The setting itself last (a deployment's additions), the others as written."""
    location = pair[1][0].location
    return pair[0] == name, location.line if location is not None else 0


_APPLICATIONS = frozenset(
    {"django.core.wsgi.get_wsgi_application", "django.core.asgi.get_asgi_application"}
)


def served_configuration(ctx: FileContext) -> tuple[ast.Call, ...]:
    """The `settings.configure(...)` calls of a module that is itself the site: it makes
    the WSGI or ASGI application (`get_wsgi_application()`) after handing Django its
    settings as values written there (`settings.configure(DEBUG=True, ...)`, also
    spread from a dict display, `**{"SECRET_KEY": "..."}`), not built from a settings
    module it reads (those are `extract_configure`'s) nor laid over one
    (`default_settings=`). A test runner's configure call (`runtests.py`) makes no
    application and is no site's."""
    if not ctx.mentions("configure") or not any(ctx.mentions(n) for n in ("wsgi", "asgi")):
        return ()
    calls = [node for node in ctx.nodes(ast.Call) if isinstance(node, ast.Call)]
    if not any(ctx.call_name(call) in _APPLICATIONS for call in calls):
        return ()
    configures = tuple(
        call
        for call in calls
        if ctx.call_name(call) == CONFIGURE
        # NOTE: `configure(default_settings=base)` starts from another module's values.
        and not call.args
        and not any(k.arg == "default_settings" for k in call.keywords)
        and any(configured_values(call))
    )
    if not configures or ((built := extract_configure(ctx)) is not None and built.given):
        return ()
    return configures


def configured_values(call: ast.Call) -> Iterator[tuple[str, ast.expr, ast.AST]]:
    """Each setting a `settings.configure(...)` call gives as a keyword (`DEBUG=True`) or
    as a constant key of a dict display it spreads (`**{"DEBUG": True}`): its name, its
    value, and where it is written."""
    for keyword in call.keywords:
        if keyword.arg is not None:
            if keyword.arg.isupper():
                yield keyword.arg, keyword.value, keyword
        elif isinstance(keyword.value, ast.Dict):
            for key, value in zip(keyword.value.keys, keyword.value.values, strict=True):
                if isinstance(key, ast.Constant) and str(key.value).isupper():
                    yield str(key.value), value, key
