"""A method called on an object whose class the analysis lost, resolved by its name.

`schema.get_block(block_id)`, where `schema` came from a cached loader webwarden cannot
follow: when exactly one project class defines a method of that name, and the call fits
its parameters, that method is the one called. Without it, the call is one webwarden does
not model, whose result may carry all it was given, and the method's real result (a
block of the loaded schema, a URL built by `url_for`) is lost.

A function the project sets on a class as a method, at the top of a module
(`Org.region_stats = region_stats`, Django's `User.add_to_class("badge", user_badge)`),
counts as that class's method (`ProjectIndex.method_definers`): the object is often a
library's model, reached through a middleware's attribute (`request.org`).

Names that libraries and builtin types also use (`get`, `save`, `execute`, `format`) are
never resolved so: the unknown object is as likely a library's, whose method may hand its
arguments on.

When a few project classes define the name (`MAX_CANDIDATES`) and the arguments hold no
data, the call is read as any of them (`candidate_methods`): its result is what any may
return, each method seeing all the object holds, as an unmodelled call would pass it on
(`bookmark.dashboard_url()` is the URL each model builds, not the form data the object was
made from). Arguments holding data are not handed to such guesses: methods of classes the
object may not be of would take them to sinks no real call reaches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import EMPTY, Label, Taint, Value

if TYPE_CHECKING:
    from webwarden.analysis.taint.index import IndexView, Located

_BUILTIN_TYPES: tuple[type, ...] = (
    object,
    dict,
    list,
    tuple,
    set,
    frozenset,
    str,
    bytes,
    bytearray,
    int,
    float,
    complex,
)
_LIBRARY_NAMES = frozenset(
    {
        # files, streams, sockets, processes
        "read",
        "readline",
        "readlines",
        "write",
        "writelines",
        "open",
        "close",
        "seek",
        "tell",
        "send",
        "sendall",
        "recv",
        "run",
        "call",
        "communicate",
        "wait",
        "kill",
        # serialisers, parsers, codecs, hashes
        "load",
        "loads",
        "dump",
        "dumps",
        "parse",
        "parse_args",
        "compile",
        "match",
        "search",
        "sub",
        "group",
        "groups",
        "groupdict",
        "fullmatch",
        "finditer",
        "findall",
        "hexdigest",
        "digest",
        "sign",
        "unsign",
        "verify",
        "encrypt",
        "decrypt",
        "serialize",
        "deserialize",
        "to_dict",
        "to_json",
        "json",
        "text",
        "content",
        "render",
        "render_to_string",
        "escape",
        "quote",
        "unquote",
        "urlencode",
        "geturl",
        "isoformat",
        "strftime",
        "strptime",
        "normalize",
        "resolve",
        "absolute",
        "relative_to",
        "joinpath",
        # databases and ORMs
        "execute",
        "executemany",
        "executescript",
        "fetchone",
        "fetchall",
        "fetchmany",
        "cursor",
        "commit",
        "rollback",
        "flush",
        "raw",
        "extra",
        "query",
        "filter",
        "filter_by",
        "exclude",
        "all",
        "first",
        "last",
        "one",
        "one_or_none",
        "scalar",
        "scalars",
        "values_list",
        "order_by",
        "annotate",
        "aggregate",
        "using",
        "save",
        "delete",
        "create",
        "get_or_create",
        "update_or_create",
        "bulk_create",
        "refresh",
        "refresh_from_db",
        "exists",
        # HTTP clients, requests, responses
        "get",
        "post",
        "put",
        "patch",
        "head",
        "options",
        "request",
        "urlopen",
        "get_json",
        "get_data",
        "set_cookie",
        "delete_cookie",
        "set_data",
        "raise_for_status",
        "build_absolute_uri",
        "get_full_path",
        "get_host",
        # forms, serializers, validators, templates
        "is_valid",
        "clean",
        "full_clean",
        "validate",
        "to_python",
        "to_representation",
        "to_internal_value",
        "get_context_data",
        "get_queryset",
        "get_object",
        "as_view",
        "dispatch",
        "setup",
        "get_template",
        "from_string",
        "get_form",
        "form_valid",
        "form_invalid",
        "add_error",
        "errors",
        # logging, signals, tasks, caches
        "log",
        "debug",
        "info",
        "warning",
        "warn",
        "error",
        "exception",
        "critical",
        "emit",
        "connect",
        "disconnect",
        "delay",
        "apply_async",
        "submit",
        "start",
        "stop",
        "set",
        "add",
        "incr",
        "decr",
        "reset",
        "build",
        "make",
        "process",
        "handle",
        "value",
        "data",
        "result",
        "results",
    }
)


def _builtin_names() -> frozenset[str]:
    names: set[str] = set()
    for kind in _BUILTIN_TYPES:
        names.update(dir(kind))
    return frozenset(names)


UNRESOLVED_NAMES = _LIBRARY_NAMES | _builtin_names()
"""Method names never resolved by name alone."""


_LOST_CLASS = frozenset({"", "next", "min", "max", "copy.copy", "copy.deepcopy"})
_PROXIES = ("werkzeug.local.LocalProxy", "werkzeug.LocalProxy")


_FLASK_OBJECTS = ("flask.Flask.", "flask.Blueprint.")
_FLASK_ATTRIBUTES = frozenset(
    {"aborter", "blueprints", "cli", "config", "debug", "default_config", "extensions"}
    | {"import_name", "instance_path", "jinja_env", "jinja_loader", "jinja_options", "json"}
    | {"logger", "name", "permanent_session_lifetime", "root_path", "secret_key"}
    | {"session_interface", "static_folder", "static_url_path", "template_folder", "testing"}
    | {"url_map", "view_functions", "deferred_functions", "subdomain", "url_prefix"}
    | {"url_values_defaults", "error_handler_spec", "before_request_funcs"}
    | {"after_request_funcs", "teardown_request_funcs", "template_context_processors"}
    | {"url_value_preprocessors", "url_default_functions", "request_class", "response_class"}
)
"""Attributes Flask's app and blueprint objects have themselves (Flask 3)."""
_FLASK_METHODS = frozenset(
    {"add_app_template_filter", "add_app_template_global", "add_app_template_test"}
    | {"add_template_filter", "add_template_global", "add_template_test", "add_url_rule"}
    | {"after_app_request", "after_request", "app_context", "app_context_processor"}
    | {"app_errorhandler", "app_template_filter", "app_template_global", "app_template_test"}
    | {"app_url_defaults", "app_url_value_preprocessor", "async_to_sync"}
    | {"auto_find_instance_path", "before_app_request", "before_request", "context_processor"}
    | {"create_global_jinja_loader", "create_jinja_environment", "create_url_adapter"}
    | {"delete", "dispatch_request", "do_teardown_appcontext", "do_teardown_request"}
    | {"endpoint", "ensure_sync", "errorhandler", "finalize_request", "full_dispatch_request"}
    | {"get", "get_send_file_max_age", "handle_exception", "handle_http_exception"}
    | {"handle_url_build_error", "handle_user_exception", "has_static_folder"}
    | {"inject_url_defaults", "iter_blueprints", "log_exception", "make_aborter"}
    | {"make_config", "make_default_options_response", "make_response", "make_setup_state"}
    | {"make_shell_context", "open_instance_resource", "open_resource", "patch", "post"}
    | {"preprocess_request", "process_response", "put", "raise_routing_exception", "record"}
    | {"record_once", "redirect", "register", "register_blueprint", "register_error_handler"}
    | {"request_context", "route", "run", "select_jinja_autoescape", "send_static_file"}
    | {"shell_context_processor", "should_ignore_error", "teardown_app_request"}
    | {"teardown_appcontext", "teardown_request", "template_filter", "template_global"}
    | {"template_test", "test_cli_runner", "test_client", "test_request_context"}
    | {"trap_http_exception", "update_template_context", "url_defaults", "url_for"}
    | {"url_value_preprocessor", "wsgi_app", "jinja_environment", "aborter_class"}
    | {"app_ctx_globals_class", "config_class", "json_provider_class", "url_map_class"}
    | {"url_rule_class"}
)
"""Methods and classes of Flask's app and blueprint (Flask 3): `app.app_context()` gives
Flask's own object, whose kind is spelt as an attribute's would be."""
_FLASK_OWN = _FLASK_ATTRIBUTES | _FLASK_METHODS


def lost_class(kind: str) -> bool:
    """Whether a value of this kind is an object whose class is not known: no kind, an
    item a builtin took out of a collection (`next(...)`, `min(...)`) or a copy,
    Werkzeug's `LocalProxy(get_path_finder)` and what its methods give (the proxy
    forwards every call to what the function returns), or an object the project hung on
    its Flask app or blueprint under a name Flask does not use (`blueprint.index_driver =
    config["driver"]`, set when the blueprint is registered): Flask knows nothing of it."""
    return kind in _LOST_CLASS or kind.startswith(_PROXIES) or hung_on_app(kind)


def hung_on_app(kind: str) -> bool:
    """Whether a value of this kind is an object the project stored on its Flask app or
    blueprint under a name Flask does not use (`blueprint.index_driver`, `app.store`)."""
    prefix = next((p for p in _FLASK_OBJECTS if kind.startswith(p)), None)
    if prefix is None:
        return False
    attribute = kind[len(prefix) :]
    return attribute.isidentifier() and attribute not in _FLASK_OWN


def resolvable(name: str) -> bool:
    """Whether a method of this name may be resolved as the one project method so named:
    not a dunder, a test, or a name libraries and builtin types use too."""
    return not name.startswith(("__", "test")) and name not in UNRESOLVED_NAMES


def sole_located(index: IndexView, name: str) -> Located | None:
    """The one project method named `name`, when the name may be resolved so at all
    (`resolvable`) and exactly one project class defines it."""
    if not resolvable(name):
        return None
    owner = index.sole_method(name)
    return None if owner is None else index.method(owner, name)


MAX_CANDIDATES = 3
"""The most project methods of one name a call on an object of lost class is read as any
of (`bookmark.dashboard_url()`, defined by each of three bookmark models): more, and the
name is a convention of the project's, no longer a hint of the object's class."""


def candidate_methods(
    index: IndexView, name: str, positional: int | None, keywords: tuple[str | None, ...]
) -> tuple[Located, ...]:
    """The project methods named `name` a call on an object whose class was lost may be,
    when several unrelated classes (at most `MAX_CANDIDATES`, none deriving from
    another) define one and the call fits them
    (`fits`): `_get_or_create_bookmark(request, bookmark_cls)` made the object from a
    class its callers pass, each of whose models defines `dashboard_url()`. Without it,
    the call is one webwarden does not model, and each method's real result (a URL built
    by `reverse()`) is lost. Empty when the name may not be resolved so (`resolvable`),
    or one class or none defines it (`sole_located` reads one)."""
    if not resolvable(name):
        return ()
    owners = index.method_definers(name)
    if not 1 < len(owners) <= MAX_CANDIDATES or _overridden(index, owners):
        return ()
    found = [index.method(owner, name) for owner in owners]
    located = tuple(
        each for each in found if each is not None and fits(each.function, positional, keywords)
    )
    return located if len(located) == len(owners) else ()


MAX_FITTING = 12
"""The most project classes defining a method's name for a call holding data, on an
object of lost class, to be read as giving what any of the methods it fits returns."""


def fitting_methods(
    index: IndexView, name: str, positional: int | None, keywords: tuple[str | None, ...]
) -> tuple[Located, ...]:
    """Every project method named `name` that a call on an object whose class was lost
    fits (`fits`), when the name may be resolved so (`resolvable`) and at most
    `MAX_FITTING` classes define it: wagtail's `item.render_html(request, query, current)`
    over search areas registered through hooks, each class's method rendering a template.
    The call is read for its result alone, what any of them returns of what it is given
    (a template's autoescaped page, `format_html`'s markup), never for their sinks: a
    method of a class the object is not of would take the arguments to sinks no real
    call reaches. Empty when no method of that name fits the call: then it is one
    webwarden does not model, whose result may carry all it was given."""
    if not resolvable(name):
        return ()
    owners = index.method_definers(name)
    if len(owners) > MAX_FITTING:
        return ()
    found = (index.method(owner, name) for owner in owners)
    return tuple(
        each for each in found if each is not None and fits(each.function, positional, keywords)
    )


MAX_IMPLEMENTATIONS = 4
"""The most classes (the base included) of one hierarchy defining a method's name for a
call on an object of lost class to be read as any of their methods."""


def hierarchy_methods(
    index: IndexView, name: str, positional: int | None, keywords: tuple[str | None, ...]
) -> tuple[Located, ...]:
    """The project methods named `name` that a call on an object whose class was lost may
    be, when the classes defining one are a single hierarchy: one base (an interface
    whose method is often abstract) and its subclasses, each overriding it, at most
    `MAX_IMPLEMENTATIONS` in all; those the call fits (`fits`: an abstract base may
    lag behind its drivers' parameters) are the methods it may run. A service's
    storage driver, made from the app's config (`blueprint.index_driver.ids(...)` with
    two database drivers implementing `IndexDriverABC.ids`): no other class of the
    project defines the name, so the object is one of the hierarchy's, as `sole_located`
    bets for one class, and the call is read as each of them, the arguments handed on
    as for that one. Empty when the name may not be resolved so (`resolvable`), or when
    one class or unrelated classes define it (`sole_located`, `candidate_methods`). The
    caller asks only for an object the project hangs on its app (`hung_on_app`)."""
    if not resolvable(name):
        return ()
    owners = index.method_definers(name)
    if not 1 < len(owners) <= MAX_IMPLEMENTATIONS:
        return ()
    roots = [owner for owner in owners if not _below_another(index, owner, owners)]
    if len(roots) != 1 or not all(roots[0] in index.mro(owner) for owner in owners):
        return ()
    found = (index.method(owner, name) for owner in owners)
    return tuple(
        each for each in found if each is not None and fits(each.function, positional, keywords)
    )


def _below_another(index: IndexView, owner: str, owners: tuple[str, ...]) -> bool:
    ancestors = index.mro(owner)[1:]
    return any(other in ancestors for other in owners if other != owner)


def _overridden(index: IndexView, owners: tuple[str, ...]) -> bool:
    """Whether one of the classes derives from another (`Connection.execute_dict`
    overriding `BaseConnection.execute_dict`): a hierarchy whose base the project
    subclasses, the object as likely of a subclass webwarden cannot tell, and the base's
    method often abstract. Only unrelated classes defining the name (three models each
    with `dashboard_url()`) make a set the object is one of."""
    return any(other in index.mro(owner)[1:] for owner in owners for other in owners)


def fits(function: ir.Function, positional: int | None, keywords: tuple[str | None, ...]) -> bool:
    """Whether a call with `positional` arguments (None: a `*args` spread, any number)
    and these keywords (None for a `**` spread) fits the method's parameters, its first
    (`self`, `cls`) bound to the receiver."""
    if function.kind in {"method", "classmethod"}:
        params = function.params[1:]
    elif function.kind == "staticmethod":
        params = function.params
    else:
        return False
    if positional is None or None in keywords:
        return True
    slots = [p.name for p in params if p.kind == "pos"]
    if positional > len(slots) and not any(p.kind == "vararg" for p in params):
        return False
    named = {p.name for p in params if p.kind in {"pos", "kwonly"}}
    open_keywords = any(p.kind == "kwarg" for p in params)
    taken = set(slots[:positional])
    for keyword in keywords:
        if keyword in taken or (keyword not in named and not open_keywords):
            return False
        taken.add(str(keyword))
    defaulted = {name for name, _ in function.defaults}.union(function.defaulted)
    return all(name in taken or name in defaulted for name in named)


def exact(receiver: Value) -> Value:
    """The receiver as a method resolved by its name sees it: the attributes known to
    hold data (its parts), with what they hold step by step, and no more. The object as a
    whole is not taken to be in every attribute the method reads on `self`: its class
    was lost, so what it holds whole is what an unmodelled call may have handed on
    (`editor = pad.edit(path, alt=alt)`, then `editor.add_attachment(...)`) or what a
    dict's `update()` put in its items (`watch.update(extras)`, then
    `watch.ensure_data_dir()` reading `self.datastore_path`)."""
    return Value(EMPTY, _exact_parts(receiver), receiver.kind)


STEPWISE = "<stepwise>"
"""A label's mark: given to a method resolved by its name alone, it counts only where it
is known step by step. `binding.Substitution` drops what a caller binds to a parameter so
marked only by approximation, and what reaches the method's sinks so, and marks the
caller's own parameters in turn (a summary's call, whose arguments are known later)."""


def stepwise(value: Value) -> Value:
    """`value` less what it holds only by approximation (through an unmodelled call),
    each label marked `STEPWISE`."""
    return value.remade(_stepwise(value.taint), _exact_parts(value), value.kind)


def _stepwise(taint: Taint) -> Taint:
    return {
        Label(label.origin, label.cleansed | _MARK): trace
        for label, trace in taint.items()
        if not trace.approx
    }


_MARK = frozenset({STEPWISE})


def _exact_parts(value: Value) -> dict[str, Value] | None:
    parts = {key: stepwise(part) for key, part in (value.parts or {}).items()}
    return parts or None


def subclass_hooks(
    index: IndexView,
    qualname: str,
    name: str,
    positional: int | None,
    keywords: tuple[str | None, ...],
) -> tuple[Located, ...]:
    """The methods named `name` that the project's subclasses of `qualname` define, when
    neither the class nor a project ancestor does and the name may be resolved so
    (`resolvable`): a base's `self.url_for_single_result(row)` calls the hook each
    subclass supplies, on one of their instances. The call is read for its result
    alone, what any of them returns (a URL `reverse()` built), as for `fitting_methods`.
    Empty when a subclass's method does not fit the call or more than `MAX_FITTING`
    classes define one: then it is one webwarden does not model."""
    if not resolvable(name):
        return ()
    owners = index.subclass_definers(qualname, name)
    if len(owners) > MAX_FITTING:
        return ()
    found = [index.method(owner, name) for owner in owners]
    located = tuple(
        each for each in found if each is not None and fits(each.function, positional, keywords)
    )
    return located if len(located) == len(owners) else ()
