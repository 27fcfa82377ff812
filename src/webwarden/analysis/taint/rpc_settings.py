"""Remote procedures a Django setting registers: kobo's XML-RPC handlers.

    XMLRPC_METHODS = {
        "API": (
            ("app.rpc.users", "User"),        # every public function of the module
            ("app.rpc.misc.ping", "ping"),    # one function
        ),
    }
    urlpatterns = [path("xmlrpc/", XMLRPCHandlerFactory("API"))]

`kobo.django.xmlrpc` registers, for each handler named in `XMLRPC_METHODS`, each function
an entry names, or every function of the module it names whose name does not start with
`_` (those of its `__all__` when it has one), and calls it with the request first and
then the arguments the client put in its request body: strings, numbers, lists and
structs the library checks nothing of but their number.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from webwarden.model.project import ModuleSummary, ProjectModel

_KOBO = "kobo.django.xmlrpc"
_SETTING = "XMLRPC_METHODS"


def kobo_procedures(project: ProjectModel) -> frozenset[str]:
    """The qualified name of each function a kobo XML-RPC handler may call; empty unless
    the project imports kobo's handler."""
    django = project.django
    if django is None or not any(_uses_kobo(m) for m in project.modules.values()):
        return frozenset()
    return frozenset(
        function
        for settings in django.settings.values()
        for possibility in settings.values.get(_SETTING, ())
        for path in _entries(possibility.value)
        for function in _functions(project, path)
    )


def _uses_kobo(module: ModuleSummary) -> bool:
    return any(name == _KOBO or name.startswith(f"{_KOBO}.") for name in module.imports.values())


def _entries(value: object) -> Iterator[str]:
    """The path of each `(path, name)` pair of every handler of the setting's dict."""
    if not isinstance(value, dict):
        return
    for entries in value.values():
        if not isinstance(entries, list | tuple):
            continue
        for entry in entries:
            if (
                isinstance(entry, list | tuple)
                and len(entry) == 2
                and all(isinstance(part, str) for part in entry)
            ):
                yield entry[0]


def _functions(project: ProjectModel, path: str) -> Iterator[str]:
    """A module's public functions, or the one function `path` names (a name no function
    of the project has is looked up by no one)."""
    module = project.modules_named(path)
    if module is None:
        yield path
        return
    names = module.declared_all if module.declared_all is not None else module.exports
    for name in names:
        if not name.startswith("_"):
            yield f"{module.module}.{name}"
