"""What the interpreter asks the project about: globals, the project's functions, classes
and their methods, properties, forms, URL keyword arguments, views and responses."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.annotated_returns import ANNOTATED_JSON
from webwarden.analysis.taint.binding import CLEANED_DATA, instantiate, result_only, store
from webwarden.analysis.taint.calls import (
    PYSAML2_ENTITIES,
    REDIRECT_HEADERS,
    SSO_CLIENTS,
    check_sink,
    redirect_response,
    result_of_parameter,
)
from webwarden.analysis.taint.entries import Entries
from webwarden.analysis.taint.fields import FIELDS_CHECKED, check_spread, is_model
from webwarden.analysis.taint.form_hooks import FORM_HOOKS, edit_view, form_hook_result
from webwarden.analysis.taint.graphql import Argument, Resolver, resolver
from webwarden.analysis.taint.handed_data import NEEDS as HANDED_NEEDS
from webwarden.analysis.taint.handed_data import POSITIONAL as HANDED_POSITION
from webwarden.analysis.taint.index import IndexView, Located
from webwarden.analysis.taint.inherited_sinks import inherited_sink
from webwarden.analysis.taint.library import PAGE_METHODS, PAGINATORS, own_paginator_page
from webwarden.analysis.taint.ninja import operation
from webwarden.analysis.taint.parsed_kwargs import PARSING_DECORATORS
from webwarden.analysis.taint.parsed_models import PARSERS, is_pydantic_model, parsed
from webwarden.analysis.taint.raised import FORM_RUN
from webwarden.analysis.taint.redirect_methods import redirecting_framework
from webwarden.analysis.taint.redirect_status import answers_redirect
from webwarden.analysis.taint.response_types import is_response, not_a_page
from webwarden.analysis.taint.rpc import procedure, registered_procedure
from webwarden.analysis.taint.saved_models import is_saved, saved_class, saved_kind, typed_fields
from webwarden.analysis.taint.serializer_fields import typed_validated_keys
from webwarden.analysis.taint.settled import GLOBAL
from webwarden.analysis.taint.shapes import (
    keyword_attributes,
    position_of,
    spread_symbols,
    symbolic_spread,
)
from webwarden.analysis.taint.sinks import (
    ESCAPED_LOCATION,
    FUNCTION_SINKS,
    HEADER_SINK,
    HTTP_CLIENTS,
)
from webwarden.analysis.taint.sole_methods import (
    candidate_methods,
    exact,
    fits,
    fitting_methods,
    hierarchy_methods,
    hung_on_app,
    lost_class,
    sole_located,
    stepwise,
    subclass_hooks,
)
from webwarden.analysis.taint.specs import (
    DJANGO_FORM_FIELDS,
    DJANGO_ORM_CLASSES,
    DJANGO_UPLOAD,
    FILTER_BACKENDS,
    FILTERSETS,
    FORM_BASES,
    HTML_CLEANSED,
    JSON_BODY_CLEANSED,
    KEPT_REQUEST,
    ORM_ATTRIBUTES,
    PATH_CHECKED,
    QUERYSET_VIEWS,
    REQUEST_OBJECTS,
    REQUEST_PARSERS,
    RESTRICTED_FIELD,
    RESTRICTED_FIELD_SAFE,
    RESTX_APIS,
    SCHEMA_BASES,
    SCHEMA_SCALARS,
    SELF_BINDING_FORMS,
    SERIALIZERS,
    SQLALCHEMY_QUERY,
    TEXT_FIELDS,
    VIEW_BASE_PREFIXES,
    VIEW_OBJECT,
    VIEW_QUERYSET_METHODS,
    WTFORMS,
    XML_FEEDS,
)
from webwarden.analysis.taint.state import symbol
from webwarden.analysis.taint.validated_data import VALIDATED_DATA
from webwarden.analysis.taint.values import (
    AT_END,
    CLEAN,
    CLOSED_URL,
    EMPTY,
    ONE_SEGMENT,
    SPREAD,
    WEB_SCHEME,
    Label,
    Origin,
    Step,
    Taint,
    Trace,
    Value,
    approximate,
    cleanse,
    concrete,
    extend,
    given_taint,
    join_all,
    reaching,
    refined,
    same,
    union,
)
from webwarden.analysis.taint.view_state import EARLY_METHODS, kept
from webwarden.analysis.taint.websockets import socket_handler
from webwarden.analysis.taint.wrappers import decorator_function
from webwarden.model.django.routes import POSITIONAL

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords
    from webwarden.analysis.taint.interpret import Interpreter
    from webwarden.analysis.taint.memo import Recorder
    from webwarden.analysis.taint.state import Env, Summary

_DJANGO_FORMS = tuple(base for base in FORM_BASES if base.startswith("django."))
_FORM_BINDING_KEYWORDS = frozenset({"data", "files", "initial"})
"""The keywords of Django's `BaseForm.__init__` that bind (or prefill) its fields."""
_FIELD_INPUT_METHODS = frozenset({"to_python", "clean", "validate", "compress"})
_BOUND_KINDS = frozenset({"method", "staticmethod"})
"""Methods called on the object that are handed the arguments as they are given."""
_VALIDATED_DICTS = frozenset({"validate", "create", "update"})
"""A DRF serializer's methods handed the dict of the fields it validated (not
`validate_<field>(value)`, handed one field's value)."""
"""The methods of a Django form field that `Form.full_clean()` hands the submitted value."""
REQUEST = Value(kind="<request>")
URL_KWARGS = "<urlkwargs:"
"""The kind of a class-based view's `self.kwargs` starts so (`<urlkwargs:app.View>`):
its items are URL parameters."""
_NAMED_TUPLES = ("typing.NamedTuple",)
"""A class-style named tuple (`class Cover(NamedTuple)`) keeps each annotated field apart,
in order, as a dataclass does."""
_REQUEST_PREFIXES = tuple(f"{name}." for name in REQUEST_OBJECTS)
_DJANGO_VIEWS = tuple(p for p in VIEW_BASE_PREFIXES if not p.startswith("flask"))


@dataclass(frozen=True, slots=True)
class _FormKind:
    """What a view hook is handed: a form (`form_valid`) or a serializer (DRF's
    `perform_create`), named by the view's attribute for its class."""

    class_attribute: str
    noun: str
    checked: str
    """Where the checked data is read (`.cleaned_data`, `.validated_data`)."""


_DJANGO_FORM = _FormKind("form_class", "form", ".cleaned_data")
_SERIALIZER_FORM = _FormKind("serializer_class", "serializer", ".validated_data")
_BOUND_HOOKS = {
    "form_valid": _DJANGO_FORM,
    "form_invalid": _DJANGO_FORM,
    "perform_create": _SERIALIZER_FORM,
    "perform_update": _SERIALIZER_FORM,
}
"""View hooks handed what the request bound: a form view's form, a DRF generic view's
serializer."""
_HANDLERS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "dispatch"})
_DRF_GENERIC_VIEWS = tuple(p for p in QUERYSET_VIEWS if p.startswith("rest_framework."))
"""DRF's generic views and viewsets, whose `get_serializer()` makes the view's
`serializer_class` (see `ObjectModel._view_serializer`)."""
_VIEWSET_ACTIONS = frozenset({"list", "retrieve", "create", "update", "partial_update", "destroy"})
_ACTION_DECORATORS = frozenset(
    {"rest_framework.decorators.action", "rest_framework.decorators.detail_route"}
)


def _viewset_action(function: ir.Function) -> bool:
    """A DRF viewset's action (`retrieve(self, request, pk)`, an `@action` method): the
    router passes it the URL parameters of its route, as Django passes a handler."""
    return function.name in _VIEWSET_ACTIONS or any(
        decorator in _ACTION_DECORATORS for decorator in function.decorators
    )


_PATH_CLASSES = frozenset(
    f"pathlib.{name}" for name in ("Path", "PurePath", "PosixPath", "PurePosixPath")
)
_PATH_EXTENSIONS = frozenset({"suffix", "suffixes"})
_QUERY_STRING_MANAGERS = frozenset({"flask_rest_jsonapi.querystring.QueryStringManager"})
"""Flask-REST-JSONAPI's reader of the query string (`QSManager(request.args, schema)`)."""


def _request_parser(decorators: tuple[str, ...]) -> str:
    """The name of the decorator that parses the request for the view ("" for none)."""
    for decorator in decorators:
        name = decorator.rpartition(".")[2]
        if name in PARSING_DECORATORS:
            return name
    return ""


_SERIALISING_DECORATORS = frozenset({"response", "output", "marshal_with", "marshal_list_with"})
"""Decorators that serialise what the view returns (flask-smorest's `@blp.response`,
APIFlask's `@app.output`, flask-apispec's and Flask-RESTX's `marshal_with`): JSON."""


def serialises(decorators: tuple[str, ...]) -> bool:
    """Whether a decorator sends what the view returns through a schema, not as HTML."""
    return any(d.rpartition(".")[2] in _SERIALISING_DECORATORS for d in decorators)


_ONE_SEGMENT = frozenset({ONE_SEGMENT, AT_END})


def url_source(
    relpath: str,
    pos: ir.Pos,
    name: str,
    route: str,
    *,
    approx: bool = False,
    what: str = "URL parameter",
    segment: bool = False,
    plain: bool = False,
    inert: frozenset[str] = frozenset(),
) -> Value:
    """A URL parameter (or another request parameter a view is passed) as request data.
    A path segment is one value: it names no set of fields (a request parameter may be a
    whole body). `segment`: the router matched it without a `/`; `plain`: nor a `.`, so
    it is one name in a folder; `inert`: the sink kinds its pattern's characters cannot
    attack."""
    where = f" of `{route}`" if route else ""
    cleansed = FIELDS_CHECKED if what == "URL parameter" else frozenset()
    cleansed |= inert
    if segment:
        cleansed |= _ONE_SEGMENT
    if plain:
        cleansed |= PATH_CHECKED
    return _parameter_source(relpath, pos, name, f"{what} `{name}`", where, approx, cleansed)


def request_parameter(relpath: str, pos: ir.Pos, name: str) -> Value:
    """A parameter the framework fills from the path, the query string or the body (a
    Django Ninja operation's)."""
    return _parameter_source(relpath, pos, name, f"request parameter `{name}`")


def rpc_argument(relpath: str, pos: ir.Pos, name: str) -> Value:
    """A parameter a JSON-RPC or XML-RPC library fills with the client's argument."""
    return _parameter_source(relpath, pos, name, f"RPC argument `{name}`")


def socket_message(relpath: str, pos: ir.Pos, name: str) -> Value:
    """A parameter a WebSocket framework fills with the message the client sent."""
    return _parameter_source(relpath, pos, name, f"WebSocket message `{name}`")


def graphql_source(relpath: str, pos: ir.Pos, name: str, argument: Argument) -> Value:
    """A GraphQL argument as request data: none for one that holds no text, and under
    keys the schema declares (an input object's, a resolver's `**kwargs`) not a choice of
    fields, each key holding what the schema says."""
    if not argument.carries:
        return CLEAN
    if argument.keys is None:
        return _parameter_source(relpath, pos, name, f"GraphQL argument `{name}`")
    text = f"GraphQL argument `{name}`"
    keyed = _parameter_source(relpath, pos, name, text, cleansed=FIELDS_CHECKED)
    parts = {f"[{key}]": graphql_source(relpath, pos, key, held) for key, held in argument.keys}
    return Value(keyed.taint, parts, "<dict>")


def _parameter_source(
    relpath: str,
    pos: ir.Pos,
    name: str,
    text: str,
    where: str = "",
    approx: bool = False,
    cleansed: frozenset[str] = frozenset(),
) -> Value:
    """A parameter `name` of the function at `pos` that the framework fills with request
    data, described as `text` (and `where` in its step)."""
    origin = Origin("source", f"{relpath}:{pos[0]}:{pos[1]}:{name}", text=text)
    step = Step(relpath, pos[0], pos[1], f"{text}{where} read")
    return Value({Label(origin, cleansed): Trace((step,), approx)})


def _django_form(kind: str, args: Args, keywords: Keywords) -> Value:
    """Django's `Form(data, files, ..., initial=...)`: what it is bound to (and what else
    it is given) stays in `.data`; what `initial=` gives only prefills its fields, kept as
    `.initial`."""
    data = union(
        *(v.whole() for _, v in args), *(v.whole() for k, _, v in keywords if k != "initial")
    )
    parts = {".data": Value(data)} if data else {}
    initial = union(*(v.whole() for k, _, v in keywords if k == "initial"))
    if initial:
        parts[".initial"] = Value(initial)
    return Value(parts=parts or None, kind=kind)


class ObjectModel:
    """Project knowledge for the interpreter (the engine's base)."""

    def __init__(self, index: IndexView, entries: Entries) -> None:
        self.index = index
        self.entries = entries
        self.recorder: Recorder | None = None
        """Set when the analysis is recorded for the next scan (see `memo`)."""
        self._globals: dict[str, tuple[Value, frozenset[int]]] = {}
        self._views: dict[str, tuple[bool, frozenset[int]]] = {}
        self._instances: dict[str, tuple[tuple[list[str], str] | None, frozenset[int]]] = {}
        self._selves: dict[tuple[str, str], tuple[Value, frozenset[int]]] = {}

    @contextlib.contextmanager
    def _asked(self) -> Iterator[set[int]]:
        """The index questions asked inside the block (to count them again when an answer
        derived from them is reused: the memo below is shared by all functions)."""
        if self.recorder is None:
            yield set()
        else:
            with self.recorder.capture() as asked:
                yield asked

    def _reused(self, asked: frozenset[int]) -> None:
        if self.recorder is not None and asked:
            self.recorder.repeat(asked)

    def summary_of(self, located: Located) -> Summary:
        """The callee's summary (the engine computes it)."""
        raise NotImplementedError

    # -- entry ---------------------------------------------------------------------------

    def is_view_class(self, qualname: str) -> bool:
        """A class-based view: `self.request` is the request in its methods."""
        known = self._views.get(qualname)
        if known is not None:
            self._reused(known[1])
            return known[0]
        with self._asked() as asked:
            found = self.entries.framework(qualname) == "django" or self.index.inherits(
                qualname, _DJANGO_VIEWS
            )
        self._views[qualname] = (found, frozenset(asked))
        return found

    def _library_handler(self, owner: str, method: str) -> bool:
        """Whether `super().<method>()` in `owner` is a handler of a library's view: the
        owner is a class-based view, a mixin of one of Django's or DRF's views, or a
        mixin of no base at all wrapping `dispatch()`, the entry every Django view has
        (`class NoIndexMixin:` whose `dispatch` sets a header on `super().dispatch()`)."""
        if self.is_view_class(owner) or self.index.mixed_into(owner, _DJANGO_VIEWS):
            return True
        definition = self.index.classes.get(owner)
        return method == "dispatch" and definition is not None and not definition.bases

    def _filter_backend(self, function: ir.Function, owner: str, rest: list[str]) -> bool:
        """Whether `function` is the `filter_queryset(self, request, queryset, view)` of a
        DRF filter backend (not a FilterSet's `filter_queryset(self, queryset)`)."""
        return (
            function.name == "filter_queryset"
            and function.kind == "method"
            and len(rest) == 3
            and bool(owner)
            and self.index.inherits(owner, FILTER_BACKENDS)
        )

    def initial_env(self, function: ir.Function, relpath: str) -> Env:
        """Parameters as symbols; the request and URL parameters of views as sources."""
        env: Env = {}
        positional = [p.name for p in function.params if p.kind == "pos"]
        first = 0
        owner = function.owner
        if function.kind in {"method", "property"} and positional:
            env[positional[0]] = self._self(owner, positional[0])
            first = 1
            if function.name == "clean" and self.index.inherits(owner, _DJANGO_FORMS):
                cleaned = self._cleaned_data(owner, positional[0])
                env[positional[0]] = env[positional[0]].with_part(".cleaned_data", cleaned)
        elif function.kind == "classmethod" and positional:
            env[positional[0]] = Value(kind=f"ref:{owner}")
            first = 1
        annotated = dict(function.typed_params)
        for param in function.params:
            if param.name not in env:
                env[param.name] = symbol("param", param.name)
                if param.name in annotated:
                    env[param.name] = self._typed(param.name, annotated[param.name])
        rest = positional[first:]
        hook = _BOUND_HOOKS.get(function.name)
        if owner and hook is not None and len(rest) > 0 and self.is_view_class(owner):
            # NOTE: a Django form view binds the form to the body (`request.POST`, `FILES`:
            # `FormMixin.get_form_kwargs`), which the CSRF check guards as it does those.
            posted = hook is _DJANGO_FORM and self.entries.csrf_checked(function)
            checked = JSON_BODY_CLEANSED if posted else frozenset()
            env[rest[0]] = self._bound_form(owner, relpath, function.pos, hook, checked)
        given = self._serializer_input_param(function, rest)
        if given is not None:
            env[given] = _serializer_input(function, given, relpath)
            if function.name in _VALIDATED_DICTS and self.index.inherits(owner, SERIALIZERS):
                typed = typed_validated_keys(self.index, owner)
                if typed:
                    env[given] = Value(env[given].taint, typed)
        given = self._field_input_param(function, rest)
        if given is not None:
            env[given] = _serializer_input(function, given, relpath, "form field input")
        is_django_view = self.entries.framework(function.qualname) == "django" or (
            owner and function.name in _HANDLERS and self.is_view_class(owner)
        )
        helper = function.qualname in self.entries.helpers
        if rest and ((rest[0] == "request" and not helper) or is_django_view):
            env[rest[0]] = REQUEST
        if self._filter_backend(function, owner, rest):
            # NOTE: DRF calls `filter_queryset(request, queryset, view)` of each of a
            # view's `filter_backends` with the request, the view's QuerySet and the view,
            # whose attributes are its code's (`view.search_fields`) but for its request.
            env[rest[0]], env[rest[1]] = REQUEST, Value(kind="<orm:django>")
            env[rest[2]] = Value(parts={".request": REQUEST})
        if is_django_view:
            self._url_kwargs(env, function)
        found = resolver(self.index, function)
        if found is not None:
            self._client_arguments(env, found, relpath, function.pos)
        sent = operation(self.index, function)
        if sent is not None and rest:
            env[rest[0]] = REQUEST
            for name in sent:
                plain = name in function.plain_params
                env[name] = CLEAN if plain else request_parameter(relpath, function.pos, name)
        if registered_procedure(function, self.entries.procedures):
            env[rest[0]] = REQUEST  # NOTE: kobo passes the request first, then the client's
        for name in procedure(self.index, function, self.entries.procedures) or ():
            env[name] = rpc_argument(relpath, function.pos, name)
        for name in socket_handler(self.index, function) or ():
            env[name] = socket_message(relpath, function.pos, name)
        target = function.qualname
        params = self.entries.params(target)
        if not params and owner and (function.name in _HANDLERS or _viewset_action(function)):
            target = owner
            params = self.entries.params(target)
        for key, (tainted, route) in params.items():
            name = key
            if key.startswith(POSITIONAL) and rest and env.get(rest[0]) is REQUEST:
                # NOTE: a regex route's unnamed groups follow the request (`#0` first).
                index = 1 + int(key[len(POSITIONAL) :])
                name = rest[index] if index < len(rest) else ""
            if name in env and env[name] is not REQUEST:
                env[name] = (
                    self._route_parameter(relpath, function.pos, target, name, route, key)
                    if tainted
                    else CLEAN
                )
        for name, (tainted, route) in self.entries.arguments(function.qualname).items():
            if name in env and env[name] is not REQUEST:
                source = url_source(relpath, function.pos, name, route, what="request parameter")
                env[name] = source if tainted else CLEAN
        is_view = self._is_view(function)
        validated = bool(rest) and env.get(rest[0]) is REQUEST
        decorated = (
            [
                wrapper
                for decorator in function.decorators
                if (wrapper := decorator_function(self.index, decorator)) is not None
            ]
            if is_view or validated
            else []
        )
        if is_view:
            self._request_parameters(env, function, first, positional, params, relpath, decorated)
        # NOTE: last: the checks above ask whether a parameter is the request itself.
        if validated and any(wrapper.validates_data for wrapper in decorated):
            env[rest[0]] = REQUEST.with_part(VALIDATED_DATA, CLEAN)
        return env

    def _typed(self, name: str, annotated: str) -> Value:
        """A parameter annotated with a class of the project's (`entity: Entity`): an object
        of that class, as `self` is of its own (see `annotated_params`); also one of
        pysaml2's entities (`idp: saml2.server.Server`), whose methods are modelled by
        the object's kind, as a local made by the class is; another library's class or
        a name the project does not define leaves it a plain parameter."""
        plain = symbol("param", name)
        if annotated in PYSAML2_ENTITIES:
            return Value(plain.taint, None, annotated)
        cls = self.index.resolve(annotated)
        if cls is None or cls not in self.index.classes:
            return plain
        return Value(plain.taint, None, f"cls:{cls}")

    def _request_parameters(
        self,
        env: Env,
        function: ir.Function,
        first: int,
        positional: list[str],
        routed: Mapping[str, object],
        relpath: str,
        decorated: list[ir.Function],
    ) -> None:
        """The parameters of a view filled with what was read of the request: by
        webargs' `@use_args(...)` (see `_request_parser`) or by a decorator of the project
        (`@validate_args(Schema)` calling `func(arguments, *args, **kwargs)`, see
        `handed_data`), as webargs hands it."""
        kinds: dict[str, str] = {}
        parser = _request_parser(function.decorators)
        if parser:
            # NOTE: all but `use_kwargs` pass what they parsed as one dict.
            kind = "" if parser == "use_kwargs" else "<dict>"
            for param in function.params[first:]:
                name = param.name
                if param.kind not in {"pos", "kwonly"} or name in routed:
                    continue
                if function.parsed_kwargs is not None and name not in function.parsed_kwargs:
                    continue  # NOTE: another decorator's (`@signin_required()`'s `user`)
                kinds[name] = kind
        names = {p.name for p in function.params if p.kind in {"pos", "kwonly"}}
        for found in decorated:
            for entry in found.handed:
                handed, *needed = entry.split(HANDED_NEEDS)
                if not all(is_request(request_name(self.index, n)) for n in needed):
                    continue  # NOTE: read of a project name that is not Flask's request
                if handed.startswith(HANDED_POSITION):
                    index = int(handed[len(HANDED_POSITION) :])
                    name = positional[index] if index < len(positional) else ""
                else:
                    name = handed if handed in names else ""
                if name and name not in routed:
                    kinds[name] = ""
        if not kinds:
            return
        route = self.entries.route(function.qualname) or self.entries.route(function.owner)
        for name, kind in kinds.items():
            if env.get(name) is not REQUEST:
                source = url_source(relpath, function.pos, name, route, what="request parameter")
                env[name] = Value(source.taint, source.parts, kind)

    def _url_kwargs(self, env: Env, function: ir.Function) -> None:
        """A Django view's `**kwargs` holds the URL parameters its route matched
        (`View.dispatch` hands them to the handler as `self.kwargs` too), read as
        `kwargs["slug"]` or `kwargs.get("slug")`."""
        kwarg = next((p.name for p in function.params if p.kind == "kwarg"), None)
        if kwarg is None:
            return
        owner = function.owner
        routed = owner if owner and function.name in _HANDLERS else function.qualname
        env[kwarg] = Value(kind=f"{URL_KWARGS}{routed}>")

    def _is_view(self, function: ir.Function) -> bool:
        """Whether a route leads to the function, or to the view class it handles for."""
        if self.entries.framework(function.qualname):
            return True
        owner = function.owner
        return bool(owner) and function.name in _HANDLERS and bool(self.entries.framework(owner))

    @staticmethod
    def _client_arguments(env: Env, found: Resolver, relpath: str, pos: ir.Pos) -> None:
        """A GraphQL resolver's arguments as sources (or clean: a number's), and its
        `info.context` as the request."""
        if found.info in env:
            env[found.info] = Value(parts={".context": REQUEST}, kind="<graphql-info>")
        for name, argument in found.arguments:
            env[name] = graphql_source(relpath, pos, name, argument)

    def _serializer_input_param(self, function: ir.Function, rest: list[str]) -> str | None:
        """The parameter of a DRF serializer's method that DRF hands the data the
        serializer was bound to (which its generic views bind to the request's body):
        `validate_<field>(value)` and `validate(attrs)` from `is_valid()`,
        `create(validated_data)` and `update(instance, validated_data)` from `save()`; in
        the serializer's own methods or a mixin's of the project's serializers."""
        name, owner = function.name, function.owner
        if name == "validate" or name.startswith("validate_") or name == "create":
            position = 0
        elif name == "update":
            position = 1
        else:
            return None
        # NOTE: DRF calls `self.validate_<field>(value)`: a static method is handed the
        # value as its first parameter.
        if not owner or function.kind not in _BOUND_KINDS or len(rest) <= position:
            return None
        if self.index.inherits(owner, SERIALIZERS) or self.index.mixed_into(owner, SERIALIZERS):
            return rest[position]
        return None

    def _field_input_param(self, function: ir.Function, rest: list[str]) -> str | None:
        """The parameter of a Django form field's method that the form hands the submitted
        value (`to_python(value)`, `clean(value)`, `validate(value)`, a
        `MultiValueField`'s `compress(data_list)`), in a field class of the project."""
        owner = function.owner
        if function.name not in _FIELD_INPUT_METHODS or function.kind != "method" or not rest:
            return None
        if owner and self.index.inherits(owner, DJANGO_FORM_FIELDS):
            return rest[0]
        return None

    def _bound_form(
        self,
        owner: str,
        relpath: str,
        pos: ir.Pos,
        form: _FormKind,
        checked: frozenset[str] = frozenset(),
    ) -> Value:
        """The form a form view's `form_valid(form)` receives, or the serializer a DRF
        view's `perform_create(serializer)` does: bound to request data, safe for the
        sinks `checked` names (a body the CSRF check guards: `CSRF_CHECKED_BODY`)."""
        form_class = self.index.class_ref(owner, form.class_attribute)
        kind = f"cls:{form_class}" if form_class in self.index.classes else ""
        text = f"{form.noun} data (`{form.noun}` bound to the request)"
        origin = Origin("source", f"{relpath}:{pos[0]}:{pos[1]}:{form.noun}", text=text)
        step = Step(relpath, pos[0], pos[1], f"{text} read")
        if kind:
            # NOTE: what the view reads of the form (its cleaned data, what its methods
            # work out) is keyed by its fields (a mapping of the request spread into a
            # model from here is `form.data`, seldom written in `form_valid`).
            bound = {Label(origin, FIELDS_CHECKED | checked): Trace((step,))}
            return Value(parts={".data": Value(bound)}, kind=kind)
        # NOTE: a form class webwarden cannot see may validate its fields: approximate.
        data = Value({Label(origin, checked): Trace((step,), approx=True)})
        parts = {".data": data, form.checked: data}
        model = self.index.class_ref(owner, "model")
        if (
            form is _DJANGO_FORM
            and form_class is None
            and model is not None
            and model in self.index.classes
            and self.index.method(owner, "get_form_class") is None
        ):
            # NOTE: the model form Django builds from the view's `model` and `fields`.
            typed = typed_fields(self.index, model, data.taint)
            parts[".instance"] = Value(data.taint, typed, saved_kind(model))
        return Value(parts=parts, kind="<form>")

    def _view_serializer(self, interp: Interpreter, owner: str) -> str | None:
        """The project serializer class DRF's `GenericAPIView.get_serializer(...)` makes
        in a view of `owner`: `self.get_serializer_class()(*args, **kwargs)`, the view's
        `serializer_class`, unless the project overrides `get_serializer_class`, or the
        method running is an `@action`, which may give its own `serializer_class=`."""
        if not self.index.inherits(owner, _DRF_GENERIC_VIEWS):
            return None
        if self.index.method(owner, "get_serializer_class") is not None:
            return None
        if any(d in _ACTION_DECORATORS for d in interp.function.decorators):
            return None
        held = self.index.class_ref(owner, "serializer_class")
        if held is None or held not in self.index.classes:
            return None
        return held if self.index.inherits(held, SERIALIZERS) else None

    def _runs_on_view(self, cls: str) -> bool:
        """A class-based view, or a mixin of the project's views: its methods run on a view."""
        return self.is_view_class(cls) or self.index.mixed_into(cls, _DJANGO_VIEWS)

    def _self(self, owner: str, name: str) -> Value:
        """The first parameter of a method of `owner` (the same for all its methods, and
        asked for every method of the project when the call graph is built)."""
        known = self._selves.get((owner, name))
        if known is not None:
            self._reused(known[1])
            return known[0]
        parts = None
        with self._asked() as asked:
            # NOTE: a mixin of the project's views (`class EditMixin:` of `class
            # EditView(EditMixin, UpdateView)`) runs its methods on the view: its
            # `self.request` is the request too. What its handlers are given
            # (`form_valid(form)`) is judged where a view of its own handles it.
            if self._runs_on_view(owner):
                kwargs = Value(kind=f"{URL_KWARGS}{owner}>")
                parts = {".request": REQUEST, ".kwargs": kwargs, ".args": kwargs}
            elif self.index.member_callee(owner, "request") == KEPT_REQUEST:
                # NOTE: an object made with the view's request, which its `__init__` keeps
                # (`self.request = request`): its methods read that request.
                parts = {".request": REQUEST}
        value = Value(symbol("param", name).taint, parts, f"cls:{owner}")
        self._selves[(owner, name)] = (value, frozenset(asked))
        return value

    # -- globals -------------------------------------------------------------------------

    def global_value(self, interp: Interpreter, name: str, node: ir.Expr) -> Value:
        """The value of a qualified name."""
        name = request_name(self.index, name)
        if is_request(name):
            return self._request_value(interp, name, node)
        if interp.engine.is_source_call(name):
            return interp.source(node)
        cached = self._globals.get(name)
        if cached is not None:
            self._reused(cached[1])
            return cached[0]
        with self._asked() as asked:
            instance = self._instance(interp, name, node)
            resolved = self.index.resolve(name) if instance is None else None
        if instance is not None:
            return instance
        constant = self._class_constant(interp, name, node) if resolved is None else None
        if constant is not None:
            return constant
        if resolved is not None:
            value = Value(kind=f"ref:{resolved}")
        elif self._model_manager(name):
            model, _, attr = name.rpartition(".")
            value = self._manager(self.index.resolve(model), attr)
        else:
            value = Value(kind=name)
        self._globals[name] = (value, frozenset(asked))
        return value

    def _class_constant(
        self, interp: Interpreter, name: str, node: ir.Expr, *, text_only: bool = False
    ) -> Value | None:
        """An attribute read through a project class itself (`Config.API_URL`, the class
        imported from a config module): what the project only ever gives that attribute,
        as an instance's read of it gives (`settled_member`); None when that is not
        settled, or `name` is no class's attribute; with `text_only`, None too when it
        holds another global rather than text."""
        owner, _, attr = name.rpartition(".")
        if not owner or attr in ORM_ATTRIBUTES:
            return None
        with self._asked() as asked:
            cls = self.index.resolve(owner)
            settled = (
                self.index.settled_member(cls, attr)
                if cls is not None and cls in self.index.classes
                else None
            )
        if settled is None or (text_only and settled.startswith(GLOBAL)):
            return None
        value = self._settled(interp, settled, node)
        self._globals[name] = (value, frozenset(asked))
        return value

    def _request_value(self, interp: Interpreter, name: str, node: ir.Expr) -> Value:
        """The request object, or an attribute of it (`flask.request.args`)."""
        if name in REQUEST_OBJECTS:
            return REQUEST
        request = next(r for r in REQUEST_OBJECTS if name.startswith(r + "."))
        value = REQUEST
        for attr in name[len(request) + 1 :].split("."):
            value = interp.read_attr(value, attr, node)
        return value

    def _instance(self, interp: Interpreter, name: str, node: ir.Expr) -> Value | None:
        found = self._instance_kind(name)
        if found is None:
            return None
        attrs, kind = found
        value = Value(kind=kind)
        for attr in attrs:
            value = interp.read_attr(value, attr, node)
        return value

    def _instance_kind(self, name: str) -> tuple[list[str], str] | None:
        """The longest prefix of `name` that is a module-level object: the attributes
        read from it, and its kind."""
        known = self._instances.get(name)
        if known is not None:
            self._reused(known[1])
            return known[0]
        found = None
        parts = name.split(".")
        with self._asked() as asked:
            for cut in range(len(parts), 0, -1):
                kind = self.index.instance_kind(".".join(parts[:cut]))
                if kind is not None:
                    found = (parts[cut:], kind)
                    break
        self._instances[name] = (found, frozenset(asked))
        return found

    def global_receiver(self, interp: Interpreter, base: str) -> Value | None:
        """The object a dotted callee's prefix names, when it is one (not a module)."""
        base = request_name(self.index, base)
        node = ir.Global(base)
        if is_request(base):
            return self.global_value(interp, base, node)
        if self._model_manager(base):
            model, _, attr = base.rpartition(".")
            return self._manager(self.index.resolve(model), attr)
        instance = self._instance(interp, base, node)
        if instance is not None:
            return instance
        # NOTE: `Config.ENDPOINT.format(...)`: a method of the text a class constant holds.
        return self._class_constant(interp, base, node, text_only=True)

    def _model_manager(self, name: str) -> bool:
        """`Product.objects`, `User.query`: a model's manager or query, not a module that
        has such a name (the project's `shop.query`, whose classes are its own; Django's
        `django.db.models.query`), nor anything else a module holds: a model is a class,
        and what a module holds under that name is no class's attribute."""
        owner, _, attr = name.rpartition(".")
        if attr not in ORM_ATTRIBUTES and not self._managed(name):
            return False
        return not (self.index.is_module(name) or (owner and self.index.is_module(owner)))

    def _managed(self, name: str) -> bool:
        """`shop.models.Product.catalogue`: a manager the project's model sets."""
        model, _, attr = name.rpartition(".")
        return self.index.manager_class(self.index.resolve(model), attr) is not None

    def _manager(self, model: str | None, attr: str) -> Value:
        """`Model.objects`: the ORM's manager, or the project's own (see `ProjectIndex.manager_class`)."""
        own = self.index.manager_class(model, attr)
        return Value(kind=f"<orm:django:{own}>") if own is not None else _orm(attr)

    def orm_kind(self, kind: str) -> str | None:
        """The ORM kind of a project manager or queryset (`cls:...` inheriting Django's,
        or `super()` in one of its methods), whose inherited methods are Django's: None
        for other kinds."""
        if not kind.startswith(("cls:", "super:")):
            return None
        if self.index.inherits(kind.partition(":")[2], DJANGO_ORM_CLASSES):
            return "<orm:django>"
        return None

    # -- calls -----------------------------------------------------------------------------

    def call_ref(
        self,
        interp: Interpreter,
        node: ir.Call,
        name: str,
        args: Args,
        keywords: Keywords,
        env: Env,
    ) -> Value | None:
        """A call of a project function or class (None: not the project's)."""
        resolved = self.index.resolve(name)
        located = self.index.functions.get(resolved) if resolved is not None else None
        owner = located.function.owner if located is not None else ""
        if resolved is None:
            # NOTE: `SavedDAO.find_by_id(pk)`: a method the class inherits from a project
            # class, run with `cls` the class it is called on.
            owner, _, attr = name.rpartition(".")
            cls = self.index.resolve(owner) if owner else None
            if cls is None or cls not in self.index.classes:
                return None
            located, owner = self.index.method(cls, attr), cls
            if located is None:
                return None
        if located is not None:
            receiver = None
            if owner and located.function.kind == "classmethod":
                receiver = (ir.Global(owner), Value(kind=f"ref:{owner}"))
            return instantiate(self, interp, node, located, args, keywords, receiver, env)[0]
        assert resolved is not None  # noqa: S101 - set whenever nothing was located
        return self.construct(interp, node, resolved, args, keywords, env)

    def construct(
        self, interp: Interpreter, node: ir.Call, cls: str, args: Args, keywords: Keywords, env: Env
    ) -> Value:
        """A new instance of a project class."""
        obj = Value(kind=f"cls:{cls}")
        if keywords and is_model(self.index, cls):
            check_spread(interp, node, keywords)
        init = self.index.method(cls, "__init__")
        if init is not None:
            receiver = (ir.Local("<new>"), obj)
            _, updated = instantiate(self, interp, node, init, args, keywords, receiver, env)
            updated = updated or obj
            if updated.part(".data") is None and self.index.inherits(cls, _DJANGO_FORMS):
                # NOTE: the project's `__init__` hands Django's the data it binds
                # (`super().__init__(*args, **kwargs)` once its own keywords are popped).
                handed = [item for item in keywords if item[0] in _FORM_BINDING_KEYWORDS]
                made = _django_form(obj.kind, args, handed)
                if made.parts:
                    updated = Value(
                        updated.taint,
                        {**(updated.parts or {}), **made.parts},
                        updated.kind or obj.kind,
                    )
            return updated
        inherited = inherited_sink(self.index, cls)
        if inherited is not None:
            # NOTE: Django's `__init__` (or Flask's) makes it: `class
            # HttpResponseTemporaryRedirect(HttpResponseRedirect): status_code = 307`.
            library, sink = inherited
            check_sink(interp, sink, replace(node, callee=library), args, keywords, None)
            if sink.kind == "redirect":
                return redirect_response(obj.kind, args[0][1] if args else None)
        passed = given_taint(args, keywords)
        definition = self.index.classes[cls]
        if definition.annotations and (
            any(d.endswith("dataclass") for d in definition.decorators)
            or self.index.inherits(cls, _NAMED_TUPLES)
        ):
            named = dict(zip(definition.annotations, (v for _, v in args), strict=False))
            named.update((k, v) for k, _, v in keywords if k)
            for key, given, value in keywords:
                if key is None:
                    # NOTE: `Record(**data)`: each field is the item of its name.
                    for name in definition.annotations:
                        if name not in named:
                            named[name] = interp.read_item(value, f"[{name}]", given)
            return Value(parts={f".{k}": v for k, v in named.items()}, kind=obj.kind)
        if self.index.inherits(cls, SELF_BINDING_FORMS) and not args:
            shown = f"`{interp.render(node)}` form data"
            read = interp.source(node, shown).taint
            return Value(parts={".data": Value(cleanse(read, FIELDS_CHECKED))}, kind=obj.kind)
        if self.index.inherits(cls, SERIALIZERS):
            # NOTE: DRF binds only `data=`; a first positional argument is the instance.
            data = next((v for k, _, v in keywords if k == "data"), None)
            return Value(parts={".data": data} if data else None, kind=obj.kind)
        if self.index.inherits(cls, FORM_BASES):
            # NOTE: the data a form is bound to stays in `.data`; the form object itself
            # (its `instance`, what `save()` returns) is not request data.
            if self.index.inherits(cls, WTFORMS):
                passed = cleanse(passed, FIELDS_CHECKED)  # NOTE: its `.data` is by field
                return Value(parts={".data": Value(passed)} if passed else None, kind=obj.kind)
            return _django_form(obj.kind, args, keywords)
        if self.index.inherits(cls, FILTERSETS):
            # NOTE: the request data chooses the rows of `.qs`, not what they hold.
            bound = {".data": Value(passed), ".form": Value(passed)}
            return Value(parts=bound if passed else None, kind=obj.kind)
        if not passed:
            return obj
        attributes = None if args else keyword_attributes(keywords)
        if attributes is not None:
            # NOTE: no `__init__` of the project's and only keywords (a dict of known keys
            # spread too): the constructor of a model (SQLAlchemy's, Django's), an attrs
            # or pydantic class, sets attributes of those names.
            return Value(parts=attributes, kind=obj.kind)
        if not args and symbolic_spread(keywords):
            # NOTE: `cls(**kwargs)` in a summary: each attribute is the item of its name
            # of what the caller passes (`SPREAD`), the other keywords as above.
            keyword_parts = keyword_attributes([item for item in keywords if item[0]])
            spread = [refined(spread_symbols(v), (SPREAD,)) for k, _, v in keywords if k is None]
            return Value(union(*spread), keyword_parts or None, obj.kind)
        step = interp.step(
            f"passed to `{cls.rsplit('.', 1)[-1]}()`, which webwarden does not model"
        )
        return Value(extend(passed, step, approx=True), kind=obj.kind)

    def call_method(
        self,
        interp: Interpreter,
        node: ir.Call,
        method: str,
        receiver: Value,
        receiver_node: ir.Expr,
        args: Args,
        keywords: Keywords,
        env: Env,
    ) -> Value | None:
        """A method of a project class, a class method, `super()`, or an ORM query."""
        kind = receiver.kind
        located: Located | None = None
        bound: tuple[ir.Expr, Value] | None = (receiver_node, receiver)
        if kind.startswith("cls:"):
            located = self.index.method(kind[4:], method)
            if (
                located is None
                and method == "add_error"
                and args
                and self.index.inherits(kind[4:], _DJANGO_FORMS)
            ):
                _error_added(interp, receiver_node, args[0][0], env)
                return CLEAN
            if (
                located is None
                and method == "clean"
                and not args
                and not keywords
                and self.index.inherits(kind[4:], _DJANGO_FORMS)
            ):
                # NOTE: a view's `form.clean()` of a form defining none: Django's
                # `Form.clean()` returns `form.cleaned_data`, each field as its class
                # checked it, not the data the form was bound to.
                read = ir.Attr(receiver_node, "cleaned_data")
                return interp.read_attr(receiver, "cleaned_data", read)
            if located is None and self._paginates(kind[4:], method):
                return own_paginator_page(interp, receiver, receiver_node)
            if located is None and self._writes_feed(kind[4:], method):
                given = [value.whole() for _, value in args] + [v.whole() for _, _, v in keywords]
                return Value(cleanse(union(receiver.whole(), *given), HTML_CLEANSED))
            if (
                located is None
                and method in _SCHEMA_LOADS
                and args
                and self.index.inherits(kind[4:], SCHEMA_BASES)
            ):
                return self._schema_load(interp, node, kind[4:], receiver, args, keywords)
            if located is None and method == "get_serializer":
                held = self._view_serializer(interp, kind[4:])
                if held is not None:
                    return self.construct(interp, node, held, args, keywords, env)
            if located is None:
                held = self.index.class_ref(kind[4:], method)
                if held is not None and held in self.index.classes:
                    # NOTE: `self.login_form_class(data)`: a class a class attribute holds.
                    return self.construct(interp, node, held, args, keywords, env)
                if held is None and (held := self._subclass_filterset(kind[4:], method)):
                    # NOTE: `self.filterset(request.GET, qs)`: a filter set each subclass
                    # names, made as one of them (django-filter binds them all alike).
                    return self.construct(interp, node, held, args, keywords, env)
                if held is None and keywords and self._subclass_model(kind[4:], method):
                    # NOTE: a base service's `self.__model__(**kwargs)`, where each
                    # subclass names its own model in `__model__`.
                    check_spread(interp, node, keywords)
        elif kind.startswith("ref:") and kind[4:] in self.index.classes:
            located = self.index.method(kind[4:], method)
            if (
                located is None
                and method in PARSERS
                and args
                and is_pydantic_model(self.index, kind[4:])
            ):
                # NOTE: `FrameQuery.model_validate(request.get_json())`: each field as its
                # type converts it (raising otherwise).
                step = interp.step(f"parsed by `{interp.callee_text(node)}()`")
                return parsed(self.index, kind[4:], args[0][1].whole(), step)
            if located is not None and located.function.kind != "classmethod":
                bound = None
        elif kind.startswith("super:") and kind[6:]:
            located = self.index.method(kind[6:], method, skip_first=True)
            positional = [p.name for p in interp.function.params if p.kind == "pos"]
            self_name = positional[0] if positional else "self"
            bound = (ir.Local(self_name), env.get(self_name, CLEAN))
            if located is None and self._paginates(kind[6:], method):
                return own_paginator_page(interp, bound[1], bound[0])
            if located is None and method in _HANDLERS and self._library_handler(kind[6:], method):
                # NOTE: the library view's own handler (`super().dispatch(request, key)`):
                # the response it answers with (a page its template escapes, a redirect to
                # a URL of its own making); what the project's handlers do with the URL's
                # parameters is judged where they read them.
                return CLEAN
            if located is None and method == "__init__":
                self._sink_constructed(interp, node, kind[6:], args, keywords)
            if (
                located is None
                and method == "clean"
                and not args
                and self.index.inherits(kind[6:], _DJANGO_FORMS)
            ):
                # NOTE: Django's `Form.clean()` returns `self.cleaned_data`.
                read = ir.Attr(ir.Local(self_name), "cleaned_data")
                return interp.read_attr(bound[1], "cleaned_data", read)
        elif (model := saved_class(kind)) is not None:
            # NOTE: `guest = form.save()`, then `guest.confirmation_url()`: the model's own
            # method, run on the instance the form filled in (its text fields the client's).
            located = self.index.method(model, method)
        elif kind.startswith("<orm:django:"):
            manager = kind[len("<orm:django:") : -1]
            located = self.index.method(manager, method)
            bound = (receiver_node, Value(kind=f"cls:{manager}"))
        elif method == "query" and (
            kind.startswith(("sqlalchemy", "flask_sqlalchemy"))
            or interp.render(receiver_node).endswith("session")
        ):
            return _orm("query")
        elif method in _ROW_BY_KEY and len(args) == 2 and self._is_class(args[0][1].kind):
            # NOTE: SQLAlchemy's `session.get(Model, key)` (and Flask-SQLAlchemy's
            # `db.get_or_404(Model, key)`): the key only chooses the row, bound as a
            # parameter; what the row holds is the database's, as for `.get(pk=key)`.
            return _orm("query")
        if (
            located is None
            and bound is not None
            and method in FORM_HOOKS
            and edit_view(self.index, kind)
        ):
            # NOTE: Django's own hook: a redirect or a template's page, not the form's data
            return form_hook_result(interp, self.index, method, bound[0], node.pos, env)
        if located is None and method == "get_object" and not args and self._generic(kind):
            # NOTE: the row the view's lookup found (its keys the URL's), the database's.
            return Value(kind=VIEW_OBJECT)
        if located is None and self._view_queryset(kind, method):
            # NOTE: the view's QuerySet (a project's override is `located` instead): what
            # its rows hold is the database's; `filter_queryset(qs)` narrows the one given.
            return Value(union(*(value.whole() for _, value in args[:1])), kind="<orm:django>")
        if located is None and lost_class(kind):
            located = self._sole_method(method, args, keywords)
            if located is not None:
                return self._call_sole(
                    interp, node, located, receiver, receiver_node, args, keywords, env
                )
            implementations = (
                hierarchy_methods(self.index, method, *_call_shape(args, keywords))
                if hung_on_app(kind)
                else ()
            )
            if implementations:
                # NOTE: one hierarchy alone defines the name (an interface and the drivers
                # implementing it): the object is one of its classes, as for a sole method.
                # Only for an object the project hangs on its app: it stores a service
                # there, chosen by config; any other object of lost class may be a
                # library's whose method merely shares the name.
                return join_all(
                    self._call_sole(
                        interp, node, each, receiver, receiver_node, args, keywords, env
                    )
                    for each in implementations
                )
            handed = any(value.tainted for _, value in args) or any(
                value.tainted for _, _, value in keywords
            )
            candidates = () if handed else self._candidate_methods(method, args, keywords)
            if candidates:
                # NOTE: the object is one of a few project classes' (see `sole_methods`),
                # whose methods see all it holds, as the unmodelled call would pass on.
                # Only for arguments holding no data: handed to methods of classes the
                # object may not be of, they would reach sinks no call reaches.
                bound = (receiver_node, receiver)
                return join_all(
                    instantiate(self, interp, node, each, args, keywords, bound, env)[0]
                    for each in candidates
                )
            fitting = self._fitting_methods(method, args, keywords) if handed else ()
            if fitting:
                return self._fitting_result(interp, node, fitting, receiver, args, keywords)
        if located is None and kind.startswith("cls:"):
            hooks = subclass_hooks(self.index, kind[4:], method, *_call_shape(args, keywords))
            if hooks:
                return self._fitting_result(interp, node, hooks, receiver, args, keywords)
        if located is None:
            return None
        return instantiate(self, interp, node, located, args, keywords, bound, env)[0]

    def _call_sole(
        self,
        interp: Interpreter,
        node: ir.Call,
        located: Located,
        receiver: Value,
        receiver_node: ir.Expr,
        args: Args,
        keywords: Keywords,
        env: Env,
    ) -> Value:
        """The call of a method resolved by its name alone, on the receiver's exact data
        (`sole_methods.exact`). What the method did to `self` is kept, but not as the
        class's object: the class was guessed by a name, and an object of a known class
        binds all its data to `self` (a loop's second pass would). The arguments are given
        as known step by step (`sole_methods.stepwise`): the method is a guess, and data
        an unmodelled call may have handed on, passed to a guess, makes findings no
        reviewer would follow."""
        bound = (receiver_node, exact(receiver))
        given = [(expr, stepwise(value)) for expr, value in args]
        named = [(name, expr, stepwise(value)) for name, expr, value in keywords]
        result, updated = instantiate(self, interp, node, located, given, named, bound, env)
        deferred = result_of_parameter(interp, node, located.function.name, receiver)
        if deferred:
            # NOTE: a parameter's method (`listing.details(item_id)` in a helper): each
            # caller reads it on the object it passes (`binding.method_result`), which a
            # caller knowing its class follows with that object's data.
            result = Value(union(result.taint, deferred), result.parts, result.kind)
        if updated is not None:
            kept = Value(union(receiver.taint, updated.taint), updated.parts, receiver.kind)
            store(interp, receiver_node, kept, env)
        return result

    def _candidate_methods(
        self, method: str, args: Args, keywords: Keywords
    ) -> tuple[Located, ...]:
        """The few project methods named `method` that the call fits, for a receiver
        whose class is lost, when several classes define one (see `sole_methods`)."""
        return candidate_methods(self.index, method, *_call_shape(args, keywords))

    def _fitting_methods(self, method: str, args: Args, keywords: Keywords) -> tuple[Located, ...]:
        """The project methods named `method` that a call holding data fits, for a
        receiver whose class is lost (see `sole_methods.fitting_methods`)."""
        return fitting_methods(self.index, method, *_call_shape(args, keywords))

    def _fitting_result(
        self,
        interp: Interpreter,
        node: ir.Call,
        fitting: tuple[Located, ...],
        receiver: Value,
        args: Args,
        keywords: Keywords,
    ) -> Value:
        """What any of the methods the call may be returns, on all the object holds, as
        the unmodelled call would pass it on; with, for a receiver that is a parameter
        of the function summarised, what each caller reads of the object it passes
        (`calls.result_of_parameter`)."""
        result = join_all(
            result_only(self, interp, node, each, args, keywords, receiver) for each in fitting
        )
        deferred = result_of_parameter(interp, node, fitting[0].function.name, receiver)
        if deferred:
            return Value(union(result.taint, deferred), result.parts, result.kind)
        return result

    def _sole_method(self, method: str, args: Args, keywords: Keywords) -> Located | None:
        """The one project method named `method` that the call fits, for a receiver whose
        class is lost (see `sole_methods`)."""
        found = sole_located(self.index, method)
        if found is None:
            return None
        return found if fits(found.function, *_call_shape(args, keywords)) else None

    def _sink_constructed(
        self, interp: Interpreter, node: ir.Call, cls: str, args: Args, keywords: Keywords
    ) -> None:
        """`super().__init__(url)` in a project's subclass of a class that is a sink when
        made (`class CodeRedirect(HttpResponseRedirect)`): judged as that class's call."""
        inherited = inherited_sink(self.index, cls)
        if inherited is not None:
            library, sink = inherited
            check_sink(interp, sink, replace(node, callee=library), args, keywords, None)

    def _paginates(self, cls: str, method: str) -> bool:
        """`get_page(n)` or `page(n)` that a project class inherits from Django's
        `Paginator`."""
        return method in PAGE_METHODS and self.index.inherits(cls, tuple(PAGINATORS))

    def _writes_feed(self, cls: str, method: str) -> bool:
        """`feed.writeString(encoding)` that a project class inherits from one of Django's
        feed generators (`class RelatedLinksFeed(Atom1Feed)`): `SimplerXMLGenerator`
        escapes every value the feed and its items hold, whatever elements an override of
        `add_item_elements()` adds with it; not when the project overrides `write()`, which
        may write to the file as it likes."""
        return (
            method == "writeString"
            and self.index.inherits(cls, tuple(XML_FEEDS))
            and self.index.method(cls, "write") is None
        )

    def _view_queryset(self, kind: str, method: str) -> bool:
        """`self.get_queryset()` (or `super().get_queryset()`) in a DRF generic view or a
        Django generic view, or in a mixin of one, that inherits the method."""
        return method in VIEW_QUERYSET_METHODS and self._generic(kind)

    def _generic(self, kind: str) -> bool:
        """Whether `kind` is `self` (or `super()`) in a DRF generic view or a Django
        generic view, or in a mixin of one."""
        if not kind.startswith(("cls:", "super:")):
            return False
        cls = kind.partition(":")[2]
        return self.index.inherits(cls, QUERYSET_VIEWS) or self.index.mixed_into(
            cls, QUERYSET_VIEWS
        )

    def _is_class(self, kind: str) -> bool:
        """Whether a value of `kind` is a project class (`Note`, or `cls` in its methods)."""
        return kind.startswith("cls:") or (
            kind.startswith("ref:") and kind[4:] in self.index.classes
        )

    def _schema_load(
        self,
        interp: Interpreter,
        node: ir.Call,
        cls: str,
        schema: Value,
        args: Args,
        keywords: Keywords,
    ) -> Value:
        """`schema.load(data)` of a marshmallow schema: a dict of the fields it declares,
        each holding the data given (a number, date or UUID field none of it); its
        `@post_load` method, when it has one, makes the result of that dict."""
        fields = self._declared_fields(cls)
        taint = args[0][1].whole()
        step = interp.step(f"loaded by `{interp.callee_text(node)}()`")
        data = extend(taint, step)
        # NOTE: a field's value, whatever the dict is copied into later, names no field.
        held = Value(cleanse(data, FIELDS_CHECKED))
        parts = {
            f"[{name}]": CLEAN if callee.rsplit(".", 1)[-1] in SCHEMA_SCALARS else held
            for name, callee in fields.items()
            if not callee.rsplit(".", 1)[-1][:1].islower()
        }
        # NOTE: a schema whose fields webwarden cannot see (made from a model) may load
        # any of the data.
        loaded = Value(EMPTY if parts else approximate(data), parts or None, "<dict>")
        if any(k == "many" and not _false(n) for k, n, _ in keywords):
            loaded = Value(loaded.whole(), kind="<list>")
        hook = self._post_load(cls)
        if hook is None:
            return loaded
        call = ir.Call(ir.Attr(ir.Local("<schema>"), hook.function.name), None, (), (), node.pos)
        given: list[tuple[ir.Expr, Value]] = [(ir.Local("<data>"), loaded)]
        receiver = (ir.Local("<schema>"), schema)
        return instantiate(self, interp, call, hook, given, [], receiver, {})[0]

    def _post_load(self, cls: str) -> Located | None:
        """The schema's `@post_load` method (its own or inherited)."""
        for ancestor in self.index.mro(cls):
            definition = self.index.classes.get(ancestor)
            for name in definition.methods if definition is not None else ():
                found = self.index.functions.get(f"{ancestor}.{name}")
                if found is not None and any(
                    decorator.endswith("post_load") for decorator in found.function.decorators
                ):
                    return found
        return None

    # -- attributes and items --------------------------------------------------------------

    def attribute(self, interp: Interpreter, base: Value, attr: str, node: ir.Expr) -> Value | None:
        """Special attribute reads: ORM managers, properties, form data, response headers."""
        if attr == "_meta":
            # NOTE: Django's model (and ModelForm) options: what the class declares
            # (`verbose_name`, `fields`), whichever row or queryset of the request reads it.
            return CLEAN
        kind = base.kind
        model = kind[4:] if kind.startswith("ref:") else None
        if attr in ORM_ATTRIBUTES and attr != "query" and not base.tainted:
            return self._manager(model, attr)
        if model is not None and self.index.manager_class(model, attr) is not None:
            return self._manager(model, attr)
        if attr == "query" and kind.startswith("ref:"):
            return _orm(attr)
        if kind.startswith("cls:"):
            cls = kind[4:]
            found = self.index.method(cls, attr)
            if (
                found is not None
                and found.function.kind == "property"
                and isinstance(node, ir.Attr)
            ):
                call = ir.Call(node, None, (), (), interp.pos)
                return instantiate(self, interp, call, found, [], [], (node.value, base), {})[0]
            early = self._set_early(interp, cls, attr, base, node)
            if early is not None:
                return early
            if attr == "queryset" and self._generic(kind):
                # NOTE: `self.queryset` of a DRF or Django generic view: the class's
                # `queryset = Model.objects...`, a QuerySet of its model.
                return _orm(attr)
            if self.index.inherits(cls, FORM_BASES + SERIALIZERS):
                return self._form(interp, cls, base, attr, node)
            held = self.index.member_class(cls, attr)
            if held is not None:
                # NOTE: `self.repo.find(q)`: the repository's methods are followed.
                return Value(interp.refine(base.taint, f".{attr}", node), kind=f"cls:{held}")
            made_by = self.index.member_callee(cls, attr)
            if made_by == KEPT_REQUEST:
                return REQUEST  # NOTE: `self.request`, the request the object was made with
            if made_by in REQUEST_PARSERS:
                return Value(kind=made_by)
            if made_by in HTTP_CLIENTS or made_by in SSO_CLIENTS:
                # NOTE: `self._client = httpx.Client()`: its `get(url)` fetches the URL;
                # `self.auth = OneLogin_Saml2_Auth(...)`: its `login()` is the IdP's URL.
                return Value(interp.refine(base.taint, f".{attr}", node), kind=made_by)
            target = self.index.class_ref(cls, attr)
            if target is not None:
                return Value(kind=f"ref:{target}" if target in self.index.classes else target)
            settled = self.index.settled_member(cls, attr)
            if settled is not None:
                return self._settled(interp, settled, node)
        if attr in _PATH_EXTENSIONS and kind in _PATH_CLASSES:
            # NOTE: `Path(upload.name).suffix`: the last name's extension, which holds no
            # separator and is never `..` (`.stem` and `.name` may be).
            return Value(cleanse(base.whole(), PATH_CHECKED))
        if attr == "sorting" and kind in _QUERY_STRING_MANAGERS:
            # NOTE: Flask-REST-JSONAPI's parsed `sort` parameter: each field is checked
            # against the schema's declared fields (an unknown one raises `InvalidSort`)
            # and mapped to its model attribute, each order is "asc" or "desc".
            return CLEAN
        if attr == "payload" and self._restx_api(kind):
            return interp.source(node)
        if attr == "headers" and self._response(kind):
            return Value(kind="<headers>")
        return None

    def _made_by_redirect(self, kind: str) -> bool:
        """Whether a value of this kind is a redirect response: made by a redirect sink, or
        an instance of a project class inheriting one (`inherited_sinks`)."""
        made_by = FUNCTION_SINKS.get(kind)
        if made_by is None and kind.startswith("cls:"):
            inherited = inherited_sink(self.index, kind[4:])
            made_by = inherited[1] if inherited is not None else None
        return made_by is not None and made_by.kind == "redirect"

    def _response(self, kind: str) -> bool:
        """Whether a value of this kind is a response: by its own name, or an instance of
        a project class deriving from one (`class _ClientRedirect(HttpResponse)`, whose
        `__init__` sets `self["Location"]`)."""
        if is_response(kind):
            return True
        cls = kind[4:] if kind.startswith("cls:") else ""
        return bool(cls) and any(is_response(base) for base in self.index.mro(cls)[1:])

    def _subclass_filterset(self, cls: str, attr: str) -> str | None:
        """The first of the django-filter filter sets that the project subclasses of `cls`
        name in a class attribute `attr` it leaves unset (or `None`), when every one they
        name is a filter set (a base list view's `filterset = None`, set by each view):
        bound to request data, they all keep it in `.data` and `.form` and give rows in
        `.qs`, so one stands for all. None when any of them is something else."""
        held = self.index.subclass_refs(cls, attr)
        if held and all(
            target in self.index.classes and self.index.inherits(target, FILTERSETS)
            for target in held
        ):
            return held[0]
        return None

    def _subclass_model(self, cls: str, attr: str) -> bool:
        """Whether a class attribute `attr` that `cls` leaves unset (or `None`) names a
        model in every project subclass of `cls` that sets it. The method's summary is one
        for all of them: a hierarchy mixing models with other classes is not judged."""
        held = self.index.subclass_refs(cls, attr)
        return bool(held) and all(is_model(self.index, target) for target in held)

    def _set_early(
        self, interp: Interpreter, cls: str, attr: str, base: Value, node: ir.Expr
    ) -> Value | None:
        """`self.location` in a view's `get_context_data`, as its `dispatch` (or another
        method run before, see `view_state`) set it; None when none of them does."""
        if not isinstance(node, ir.Attr) or not self._runs_on_view(cls):
            return None
        found: list[Value] = []
        for name in EARLY_METHODS:
            located = self.index.method(cls, name)
            if located is None or located.function.qualname == interp.function.qualname:
                continue
            part = kept(self.summary_of(located), located.function, attr)
            if part is not None:
                found.append(part)
        return join_all(found) if found else None

    def _settled(self, interp: Interpreter, settled: str, node: ir.Expr) -> Value:
        """The value of an attribute the project only gives settled values."""
        if settled.startswith(GLOBAL):
            return self.global_value(interp, settled.removeprefix(GLOBAL), node)
        return Value(kind=settled) if settled else CLEAN

    def is_serializer(self, kind: str) -> bool:
        """Whether `kind` is an instance of a DRF serializer class of the project."""
        return kind.startswith("cls:") and self.index.inherits(kind[4:], SERIALIZERS)

    def _restx_api(self, kind: str) -> bool:
        """A Flask-RESTX `Api` or `Namespace`, or a project's class deriving from one."""
        if kind.startswith("cls:"):
            return self.index.inherits(kind[4:], tuple(RESTX_APIS))
        return kind in RESTX_APIS

    def _form(
        self, interp: Interpreter, cls: str, form: Value, attr: str, node: ir.Expr
    ) -> Value | None:
        """Form data: text fields carry the data the form was bound to; a field with a
        `clean_<field>()` method (a serializer's `validate_<field>()`) holds what that
        method returns."""
        fields = self._declared_fields(cls)
        data = form.part(".data")
        # NOTE: a form given as a parameter (`self` in its own methods): the data it was
        # bound to is its `.data` (the caller's form answers that path), not all of it.
        taint = data.whole() if data is not None else interp.refine(form.taint, ".data", node)
        if attr == "initial_data":
            return Value(taint)
        if attr == "data" and self.index.inherits(cls, SERIALIZERS):
            # NOTE: a DRF serializer's `data` is its representation (of `validated_data`,
            # or of the bound data's declared fields when invalid): the values are the
            # client's, the keys the serializer's fields. A form's `data` is as bound.
            attr = "validated_data"
        if attr in {"cleaned_data", "validated_data"}:
            raw = {f"[{name}]": self._field_value(callee, taint) for name, callee in fields.items()}
            bound = Value(parts={f".{attr}": Value(parts=raw or None)}, kind=form.kind)
            parts = {}
            for key, value in raw.items():
                prefix = "validate_" if attr == "validated_data" else "clean_"
                cleaner = self.index.method(cls, f"{prefix}{key[1:-1]}")
                if cleaner is not None and cleaner.function.qualname == interp.function.qualname:
                    # NOTE: inside `clean_<field>()` itself, `self.cleaned_data[field]` is
                    # the field's data as bound (read as that path of the form, so that a
                    # caller's bound form answers it), not a call of the method itself.
                    refined = interp.refine(interp.refine(form.taint, f".{attr}", node), key, node)
                    value, cleaner = Value(refined), None
                if cleaner is not None and value.taint:
                    # NOTE: a serializer's `validate_<field>(value)` is given the value; a
                    # form's `clean_<field>()` reads it from `self.cleaned_data`.
                    given: list[tuple[ir.Expr, Value]] = []
                    if attr == "validated_data":
                        given = [(ir.Local("<value>"), value)]
                    call = ir.Call(
                        ir.Attr(ir.Local("self"), cleaner.function.name),
                        None,
                        tuple(node for node, _ in given),
                        (),
                        interp.pos,
                    )
                    receiver = (FORM_RUN, bound)
                    value = instantiate(self, interp, call, cleaner, given, [], receiver, {})[0]
                parts[key] = value
            cleaned = Value(approximate(taint), parts or None, "<dict>")
            if attr == "cleaned_data":
                return self._form_cleaned(interp, cls, form, cleaned, node)
            return self._serializer_validated(interp, cls, form, cleaned)
        if attr in fields:
            value = self._field_value(fields[attr], taint)
            return Value(parts={".data": value}, kind="<field>")
        return None

    def bind_cleaned_data(
        self, interp: Interpreter, binding: dict[str, Value], node: ir.Expr, callee: ir.Function
    ) -> None:
        """Give a bound Django form of the project, passed to a function other than its own
        methods, the `cleaned_data` its fields hold (`get_next_url(form)` returning
        `form.cleaned_data["next_url"]`): the callee reads that path of its parameter, which
        the form, bound to the request's data as `.data`, would not answer."""
        for param, value in binding.items():
            cls = value.kind[4:] if value.kind.startswith("cls:") else ""
            if (
                not cls
                or value.part(".data") is None
                or value.part(".cleaned_data") is not None
                or callee.owner in self.index.mro(cls)
                or not self.index.inherits(cls, _DJANGO_FORMS)
            ):
                continue
            cleaned = self._form(interp, cls, value, "cleaned_data", node)
            if cleaned is not None:
                binding[param] = value.with_part(".cleaned_data", cleaned)

    def _field_value(self, callee: str, taint: Taint) -> Value:
        """What a form field made by `callee` holds (see `_field_value`); a field class of
        the project's own holds what the Django field it derives from does
        (`class NextUrlField(forms.CharField)`), approximately when one of its classes
        overrides a method the submitted value is handed to (`validate(value)`,
        `to_python(value)`): a check there is not followed."""
        if callee not in self.index.classes or not self.index.inherits(callee, DJANGO_FORM_FIELDS):
            return _field_value(callee, taint)
        own = [cls for cls in self.index.mro(callee) if cls in self.index.classes]
        base = next((cls for cls in self.index.mro(callee) if cls not in self.index.classes), "")
        value = _field_value(base, taint)
        if value.taint and any(
            self.index.functions.get(f"{cls}.{name}") is not None
            for cls in own
            for name in _FIELD_INPUT_METHODS
        ):
            return Value(approximate(value.taint), value.parts, value.kind)
        return value

    def _form_cleaned(
        self, interp: Interpreter, cls: str, form: Value, fields: Value, node: ir.Expr
    ) -> Value:
        """A Django form's `cleaned_data` after its form-wide `clean()` (the project's own),
        which Django runs once the fields are cleaned: what it returns replaces
        `cleaned_data`; when it returns None, `cleaned_data` is as it left it (see
        `implicit_return`)."""
        bound = form.with_part(".cleaned_data", fields)
        ran = self._form_wide_hook(interp, cls, _DJANGO_FORMS, "clean", bound, None)
        if ran is None:
            return fields
        returned, _ = ran
        return Value(returned.taint, returned.parts, "<dict>")

    def _serializer_validated(
        self, interp: Interpreter, cls: str, serializer: Value, fields: Value
    ) -> Value:
        """A DRF serializer's `validated_data` after its object-level `validate(attrs)`
        (the project's own), which DRF hands the checked fields once each is validated:
        what it returns is `validated_data`, values it looked up itself (a stored image
        found by the URL's ids) included, not the client's."""
        ran = self._form_wide_hook(interp, cls, SERIALIZERS, "validate", serializer, fields)
        if ran is None:
            return fields
        returned, attrs = ran
        # NOTE: the summary reads `attrs` as a source of its own (the method is also an
        # entry, see `_serializer_input_param`); what of it comes back is what this
        # serializer was bound to: the fields as the caller has them.
        seed = Origin("source", "", text=_input_text("serializer input", attrs, "validate"))
        swapped = _given_back(returned, seed, fields.whole())
        if not any(_seeded(label.origin, seed) for label in returned.taint):
            return Value(swapped.taint, swapped.parts, "<dict>")
        parts = dict(fields.parts or {})
        parts.update(swapped.parts or {})
        return Value(union(swapped.taint, fields.taint), parts or None, "<dict>")

    def _form_wide_hook(
        self,
        interp: Interpreter,
        cls: str,
        bases: tuple[str, ...],
        name: str,
        receiver: Value,
        attrs: Value | None,
    ) -> tuple[Value, str] | None:
        """What the project's own form-wide hook `name` of `cls` (a class of `bases`)
        returns, run on `receiver` after the fields are checked (`attrs` handed to it
        when given), with the name of the parameter taking `attrs`: a Django form's
        `clean()`, a DRF serializer's `validate(attrs)`. None when there is no such hook,
        inside one of the class's own hooks of that name, when it takes no `attrs`, or
        when it is not summarised (a call cycle) or returns nothing."""
        located = self.index.method(cls, name)
        function = interp.function
        if (
            located is None
            or not self.index.inherits(cls, bases)
            or (function.name.startswith(name) and function.owner in self.index.mro(cls))
        ):
            # NOTE: a field's `clean_<field>()` runs before `clean()`, which reads its own
            # `self.cleaned_data` (see `initial_env`).
            return None
        positional = [p.name for p in located.function.params if p.kind == "pos"]
        if attrs is not None and len(positional) < 2:
            return None
        given: list[tuple[ir.Expr, Value]] = [] if attrs is None else [(ir.Local("<attrs>"), attrs)]
        call = ir.Call(
            ir.Attr(ir.Local("self"), name),
            None,
            tuple(expr for expr, _ in given),
            (),
            interp.pos,
        )
        returned = instantiate(self, interp, call, located, given, [], (FORM_RUN, receiver), {})[0]
        if not (returned.tainted or returned.parts or returned.kind):
            return None
        return returned, positional[1] if attrs is not None else ""

    def _declared_fields(self, *classes: str) -> dict[str, str]:
        """The fields the classes and their ancestors declare (name -> field class), an
        ancestor's first so that a class's own declaration wins; each ancestor read once."""
        fields: dict[str, str] = {}
        seen: set[str] = set()
        for cls in classes:
            for ancestor in reversed(self.index.mro(cls)):
                definition = self.index.classes.get(ancestor)
                if definition is not None and ancestor not in seen:
                    fields.update(definition.fields)
                seen.add(ancestor)
        return fields

    def _cleaned_data(self, owner: str, name: str) -> Value:
        """`self.cleaned_data` as the form-wide `clean()` starts: what cleaning the fields
        left, field by field (the paths of the form its caller answers). The fields are
        those of the class and of its subclasses: a base form's `clean()` runs on their
        forms too (`data = super().clean()` in theirs), and gives back their fields."""
        fields = self._declared_fields(owner, *self.index.subclasses(owner))
        known = {
            f"[{field}]": symbol("param", name, (".cleaned_data", f"[{field}]")) for field in fields
        }
        whole = approximate(symbol("param", name, (".cleaned_data",)).taint)
        return Value(whole, known or None, CLEANED_DATA)

    def implicit_return(self, interp: Interpreter, env: Env) -> Value | None:
        """What a function returning None gives its caller, when not None: a Django form's
        `clean()` that returns None leaves `cleaned_data` as it changed it, through
        `self.cleaned_data` or a variable holding the same dict (`cleaned_data =
        super().clean()`)."""
        function = interp.function
        if function.name != "clean" or function.kind != "method" or not function.owner:
            return None
        positional = [p.name for p in function.params if p.kind == "pos"]
        start = interp.initial.get(positional[0]) if positional else None
        initial = start.part(".cleaned_data") if start is not None else None
        if initial is None or initial.kind != CLEANED_DATA:
            return None
        own = env.get(positional[0], CLEAN).part(".cleaned_data")
        held = [value for name, value in env.items() if value.kind == CLEANED_DATA]
        if own is not None:
            held.append(own)
        changed = [value for value in held if not same(value, initial)]
        return join_all(changed) if changed else initial

    def item(self, interp: Interpreter, base: Value, key: str, node: ir.Expr) -> Value | None:
        """`self.kwargs["slug"]` in a class-based view."""
        if not base.kind.startswith(URL_KWARGS) or not key.startswith("["):
            return None
        owner, name = base.kind[len(URL_KWARGS) : -1], key[1:-1]
        params = self.entries.params(owner)
        if not params:
            return url_source(interp.relpath, interp.pos, name, "", approx=True)
        tainted, route = params.get(name, (False, ""))
        if not tainted:
            return CLEAN
        return self._route_parameter(interp.relpath, interp.pos, owner, name, route)

    def _route_parameter(
        self, relpath: str, pos: ir.Pos, target: str, name: str, route: str, key: str = ""
    ) -> Value:
        """URL parameter `name` of the routes to `target` as request data, marked one path
        segment or one plain name when every such route's converter says so, and safe for
        the sink kinds no route's pattern lets it attack. `key`: the routes' name for it,
        when not `name` (`#3`, a regex group the view takes by position)."""
        segment, plain, inert = self.entries.path_shape(target, key or name)
        return url_source(relpath, pos, name, route, segment=segment, plain=plain, inert=inert)

    # -- judging views and responses -------------------------------------------------------

    def view_returned(self, interp: Interpreter, value: Value, pos: ir.Pos) -> None:
        """A Flask view returning a string built from request data sends it as HTML."""
        if value.kind == "<tuple>":
            # NOTE: `(body, status, headers)`: only the body is the page (a display keeps
            # no clean position, so a missing first part is a clean body).
            value = position_of(value, 0)
        kind = value.kind
        if not_a_page(kind) or kind in ANNOTATED_JSON or kind.startswith(("cls:", "ref:")):
            return
        taint = {
            label: trace
            for label, trace in reaching(concrete(value.whole()), "html").items()
            if not trace.approx
        }
        if taint:
            route = interp.entry_route or interp.function.name
            step = interp.step(f"sent as the HTML response of `{route}`", pos)
            interp.reached(
                "WW544",
                interp.relpath,
                pos,
                "return",
                extend(taint, step),
            )

    def redirect_target(self, interp: Interpreter, value: Value, pos: ir.Pos) -> None:
        """A framework's redirect target: what a class-based view's `get_success_url()`
        or `get_redirect_url()` returns, or what the latter stores in `self.url`, is where
        Django sends the client; what an allauth adapter's `get_login_redirect_url()` (and
        the like) returns, where allauth does (see `redirect_methods`).

        NOTE: only request data the method reads itself (`self.request.GET`): what its
        callers pass in is not followed, since Django, not they, redirects to the result.
        """
        if value.kind == CLOSED_URL or is_saved(value.kind) or is_response(value.kind):
            return
        framework = redirecting_framework(self.index, interp.function)
        if not framework:
            return
        taint = reaching(cleanse(concrete(value.whole()), ESCAPED_LOCATION), "redirect")
        if not taint:
            return
        step = interp.step(f"sent as the redirect target by {framework}", pos)
        text = f"{interp.function.name}()"
        interp.reached("WW1109", interp.relpath, pos, text, extend(taint, step))

    def header_assigned(self, interp: Interpreter, owner: Value, key: str, value: Value) -> None:
        """`response["X-..."] = value` and `response.headers[...] = value` (`key` the part
        key of a constant header name, `[Name]`)."""
        redirecting = owner.kind == REDIRECT_HEADERS or self._made_by_redirect(owner.kind)
        if owner.kind != "<headers>" and not redirecting and not self._response(owner.kind):
            return
        if key.lower() in _PREFLIGHT_ANSWERS:
            # NOTE: which methods and headers a cross-origin request may use, echoed from
            # the preflight: they let only an origin `Access-Control-Allow-Origin`
            # admits send them, and name no origin, URL or file.
            return
        if key.lower() == _LOCATION and (redirecting or answers_redirect(interp.function)):
            # NOTE: the browser goes where a redirect's `Location` says and shows nothing
            # of it; a checked target (the client's registered URI) is harmless there.
            self._location_assigned(interp, value, "Location")
            return
        if key.lower() in _CLIENT_REDIRECTS:
            self._location_assigned(interp, value, _CLIENT_REDIRECTS[key.lower()])
            return
        taint = reaching(value.whole(), HEADER_SINK.kind)
        if taint:
            step = interp.step(HEADER_SINK.action)
            interp.reached(
                HEADER_SINK.rule, interp.relpath, interp.pos, "response header", extend(taint, step)
            )

    def _location_assigned(self, interp: Interpreter, value: Value, header: str) -> None:
        """`response.headers["Location"] = url` (or Django's `response["Location"]`): the
        browser follows a redirect response to it, so it is judged as a redirect target
        and reported as one (WW1109), not as a header's value. Neither Werkzeug's headers
        nor Django's `__setitem__` percent-encode it as Django's redirect classes do.
        Only in a function answering with a status a browser follows (`302`): the
        `Location` of a `201 Created` or `202 Accepted` moves no browser, and is judged
        as any header's value."""
        if value.kind == CLOSED_URL or is_saved(value.kind) or is_response(value.kind):
            return
        taint = reaching(value.whole(), "redirect")
        if taint:
            step = interp.step(f"set as the `{header}` header", interp.pos)
            interp.reached("WW1109", interp.relpath, interp.pos, header, extend(taint, step))


def _error_added(interp: Interpreter, form: ir.Expr, field: ir.Expr, env: Env) -> None:
    """`self.add_error("uri", error)` in a Django form's `clean()`: Django deletes the field
    from `cleaned_data` and the form is invalid, so what a `try` meant to replace there
    (`cleaned_data["uri"] = checked(uri)`, the error caught) is not left as it was sent."""
    if not (isinstance(field, ir.Const) and isinstance(field.value, str)):
        return
    key = f"[{field.value}]"
    for name, value in list(env.items()):
        if value.kind == CLEANED_DATA and value.part(key) is not None:
            interp.update(ir.Local(name), key, CLEAN, env)
    held = (
        env[form.name].part(".cleaned_data")
        if isinstance(form, ir.Local) and form.name in env
        else None
    )
    if held is not None and held.part(key) is not None:
        interp.update(ir.Attr(form, "cleaned_data"), key, CLEAN, env)


def _call_shape(args: Args, keywords: Keywords) -> tuple[int | None, tuple[str | None, ...]]:
    """How many positional arguments a call gives (None when it spreads some: `*rest`)
    and its keywords' names, which a method resolved by its name must fit (`fits`)."""
    spread = any(isinstance(expr, ir.Star) for expr, _ in args)
    return None if spread else len(args), tuple(name for name, _, _ in keywords)


_LOCATION = "[location]"
_CLIENT_REDIRECTS = {"[hx-redirect]": "HX-Redirect"}
"""Response headers a client library follows as a redirect, whatever the status: htmx
sets `window.location.href` to `HX-Redirect`'s URL (a `javascript:` one would run, which
every check a redirect's target passes refuses). Judged as a redirect's target, not as
a header's value."""
_PREFLIGHT_ANSWERS = frozenset({"[access-control-allow-headers]", "[access-control-allow-methods]"})


def is_request(name: str) -> bool:
    """Whether a qualified name is the request object or an attribute of it."""
    return name in REQUEST_OBJECTS or name.startswith(_REQUEST_PREFIXES)


def request_name(index: IndexView, name: str) -> str:
    """`name` as the request object's name when it reads that object through a project
    module re-exporting it (`myapp.common.request.args` after `from flask import request`
    in `myapp/common.py` -> `flask.request.args`), or through a module-level proxy of it
    (CKAN's `request = CKANRequest(_get_request)`, see `outline._proxied_request`, also
    re-exported: `toolkit.request`); otherwise `name` as it is.

    NOTE: only names that mention `request` are followed: a re-export under another
    name is rare, and the screen keeps the index out of every other global read."""
    if "request" not in name or is_request(name):
        return name
    canonical = index.canonical(name)
    if is_request(canonical):
        return canonical
    parts = canonical.split(".")
    cut = next((i for i, part in enumerate(parts) if "request" in part), 0) + 1
    kind = index.instance_kind(".".join(parts[:cut])) if cut > 1 else None
    if kind is None or kind not in REQUEST_OBJECTS:
        return name
    return ".".join([kind, *parts[cut:]])


_ROW_BY_KEY = frozenset({"get", "get_one", "get_or_404"})


def _orm(attr: str) -> Value:
    return Value(kind=SQLALCHEMY_QUERY if attr == "query" else "<orm:django>")


_SCHEMA_LOADS = frozenset({"load", "loads"})


def _false(node: ir.Expr) -> bool:
    return isinstance(node, ir.Const) and not node.value


_DJANGO_UPLOAD_FIELDS = frozenset({"FileField", "ImageField"})
"""Django form fields whose cleaned value is the `UploadedFile` itself; also Django REST
framework's, whose `to_internal_value` refuses a value without `.name` and `.size`, so
what it keeps is an upload Django's parser made (its name cut to the last segment)."""
_UPLOAD_FIELD_MODULES = ("django.forms", "rest_framework.serializers", "rest_framework.fields")


def _field_value(callee: str, taint: Taint) -> Value:
    """What a form field made by `callee` holds of the data the form was bound to: a
    Django (or DRF serializer) file field's, the upload (whose `.name` Django sanitised); a Django
    `URLField`'s, a URL of a web scheme (`WEB_SCHEME`)."""
    module, _, name = callee.rpartition(".")
    if module.startswith(_UPLOAD_FIELD_MODULES) and name in _DJANGO_UPLOAD_FIELDS:
        return Value(cleanse(taint, FIELDS_CHECKED), kind=DJANGO_UPLOAD)
    if module.startswith("django.forms") and name == "URLField":
        # NOTE: its `URLValidator` runs whatever `validators=` adds: only web schemes.
        return Value(cleanse(taint, FIELDS_CHECKED | {WEB_SCHEME}))
    if callee == RESTRICTED_FIELD:
        return Value(cleanse(taint, RESTRICTED_FIELD_SAFE | FIELDS_CHECKED))
    if callee.rsplit(".", 1)[-1] in TEXT_FIELDS:
        return Value(cleanse(taint, FIELDS_CHECKED))  # NOTE: a field's value, not a key
    return CLEAN


def _seeded(origin: Origin, seed: Origin) -> bool:
    """Whether `origin` is the source `seed` describes (by its kind and text)."""
    return origin.kind == seed.kind and origin.text == seed.text


def _given_back(value: Value, seed: Origin, given: Taint) -> Value:
    """`value` with the data of the source `seed` (a parameter read as a source in its
    method's summary) replaced by `given`, what the caller handed that parameter."""
    kept = {label: trace for label, trace in value.taint.items() if not _seeded(label.origin, seed)}
    taint: Taint = union(kept, approximate(given)) if len(kept) < len(value.taint) else kept
    parts = {key: _given_back(part, seed, given) for key, part in (value.parts or {}).items()}
    return Value(taint, parts or None, value.kind)


def _input_text(noun: str, name: str, function: str) -> str:
    """How the source of what DRF or Django hands a validation method reads."""
    return f"{noun} (`{name}` given to `{function}()`)"


def _serializer_input(
    function: ir.Function, name: str, relpath: str, noun: str = "serializer input"
) -> Value:
    """What a serializer's validation method is given: request data (see
    `ObjectModel._serializer_input_param`); so is what a form field's is (`noun`)."""
    text = _input_text(noun, name, function.name)
    pos = function.pos
    origin = Origin("source", f"{relpath}:{pos[0]}:{pos[1]}:{name}", text=text)
    trace = Trace((Step(relpath, pos[0], pos[1], f"{text} read"),))
    return Value({Label(origin, FIELDS_CHECKED): trace})
