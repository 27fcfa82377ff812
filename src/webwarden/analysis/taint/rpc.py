"""Remote procedures: functions a JSON-RPC or XML-RPC library calls with the arguments
the client put in its request body.

    @rpc_method(name="Case.filter")        # django-modern-rpc 1.x
    def filter(query=None): ...

    server = RpcServer()                   # django-modern-rpc 2.x (and its namespaces)
    @server.register_procedure
    def add(a, b): ...

    jsonrpc = JSONRPC(app, "/api")         # Flask-JSONRPC (and its blueprints)
    @jsonrpc.method("App.greet")
    def greet(name: str) -> str: ...

    handler = XMLRPCHandler("api")         # Flask-XML-RPC (`flask_xmlrpcre`, `flaskext.xmlrpc`)
    @handler.register
    def checkin(data): ...

    @xmlrpc_func(returns="string", args=["string"])   # django-xmlrpc
    def ping(source): ...

Every parameter the client fills is its data: an XML-RPC or JSON-RPC request names the
procedure and gives its arguments, strings, numbers, lists and structs, and these
libraries check nothing of them but their number. Flask-JSONRPC alone checks each
argument against its annotation, so there a parameter annotated `int`, `bool`, `UUID`
or a date holds no text. The extra keyword arguments django-modern-rpc passes
(`kwargs[REQUEST_KEY]`, the request) are the server's, not the client's.
"""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView, of_library

_PROCEDURE_DECORATORS = {
    "modernrpc.core.rpc_method": "modernrpc.",
    "modernrpc.rpc_method": "modernrpc.",
    "django_xmlrpc.decorators.xmlrpc_func": "django_xmlrpc.",
}
"""Decorators that mark a function as a procedure by themselves, and their library:
django-xmlrpc's `xmlrpc_func` gives the signature of a function its dispatcher calls
with the client's arguments (registered by the `XMLRPC_METHODS` setting or the apps'
`xmlrpc` modules)."""
_REGISTRIES = {
    "modernrpc.": frozenset({"register_procedure"}),
    "flask_jsonrpc.": frozenset({"method"}),
    "flask_xmlrpcre.": frozenset({"register"}),
    "flaskext.xmlrpc.": frozenset({"register"}),
}
"""A library's objects, by the prefix of their class's name, and the methods of theirs
that register the function they decorate as a procedure."""
_CHECKS_ANNOTATIONS = ("flask_jsonrpc.",)
_FILLED = frozenset({"pos", "kwonly"})
"""The kinds of parameter a client's argument fills."""


def procedure(
    index: IndexView, function: ir.Function, registered: frozenset[str] = frozenset()
) -> tuple[str, ...] | None:
    """The parameters of a remote procedure that hold the client's arguments (without
    those its library checks against a type holding no text), or None when `function`
    is no procedure. `registered` are the functions a setting registers
    (`rpc_settings`), called with the request first: the parameters after it."""
    if function.kind != "function":
        return None
    params = function.params
    if registered_procedure(function, registered):
        return tuple(p.name for p in params[1:] if p.kind in _FILLED)
    library = next((found for d in function.decorators if (found := _library(index, d))), None)
    if library is None:
        return None
    plain = function.plain_params if library.startswith(_CHECKS_ANNOTATIONS) else ()
    return tuple(p.name for p in params if p.kind in _FILLED and p.name not in plain)


def registered_procedure(function: ir.Function, registered: frozenset[str]) -> bool:
    """Whether `function` is one of the `registered` procedures (a setting's: kobo's
    XML-RPC handlers, see `rpc_settings`), which take the request first."""
    params = function.params
    return (
        function.kind == "function"
        and function.qualname in registered
        and bool(params)
        and params[0].kind == "pos"
    )


def _library(index: IndexView, decorator: str) -> str | None:
    """The library prefix of the registry `decorator` registers procedures with."""
    if decorator in _PROCEDURE_DECORATORS:
        return _PROCEDURE_DECORATORS[decorator]
    holder, _, method = decorator.rpartition(".")
    if not holder:
        return None
    kind = index.instance_kind(holder)
    if kind is None:
        return None
    for prefix, methods in _REGISTRIES.items():
        if method in methods and of_library(index, kind, (prefix,)):
            return prefix
    return None
