"""Calls: sources, sinks, sanitisers, the project's own functions (through their summaries)
and everything else (propagated, and marked approximate)."""

from __future__ import annotations

import builtins
import itertools
import sys
from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.annotated_returns import ANNOTATED_JSON
from webwarden.analysis.taint.annotations import shaped_rows
from webwarden.analysis.taint.binding import CLEANED_DATA, instantiate, tuple_items
from webwarden.analysis.taint.ckan_actions import action_answer, action_function
from webwarden.analysis.taint.command_options import ENDED, OPTIONS, options_added
from webwarden.analysis.taint.dispatch import (
    CHOSEN,
    GETATTR,
    NAMESPACE,
    NAMESPACE_CALLS,
    NAMESPACE_METHODS,
    STDLIB_FUNCTION,
    call_of_chosen,
    chosen_by,
    running_module,
    stdlib_call,
)
from webwarden.analysis.taint.django_templates import django_template_sink
from webwarden.analysis.taint.dot_pieces import KEPT_POSITIONS, dotless_position, split_on_dots
from webwarden.analysis.taint.fields import (
    LOOKUP_FUNCTIONS,
    MODEL_LOADERS,
    ORM_LOOKUP_METHODS,
    ORM_SPREAD_METHODS,
    check_lookup,
    check_setattr,
    check_spread,
    keys_of,
)
from webwarden.analysis.taint.form_errors import iterated_error_dict, rendered_form_errors
from webwarden.analysis.taint.key_value_reads import KEY_VALUE_READS
from webwarden.analysis.taint.last_segments import BASENAMES, last_segment, with_last_segment
from webwarden.analysis.taint.library import (
    HTML_DIFFERS,
    PAGE_METHODS,
    PAGINATORS,
    SIGNED_URL_STORES,
    SIGNED_WEBHOOK_EVENTS,
    compiled,
    compiled_query,
    html_diff,
    library_call,
    mogrified,
    presigned_url,
    replaced,
    signed_store_url,
    stored_object,
)
from webwarden.analysis.taint.markdown import ESCAPING_MARKDOWN, rendered
from webwarden.analysis.taint.merged_values import values_merged
from webwarden.analysis.taint.mongo_operators import json_conditions, whole_filter
from webwarden.analysis.taint.oauth_requests import (
    AUTHORIZATION_CHECKS,
    SERVER_ANSWERS,
    checked_authorization,
    server_answer,
)
from webwarden.analysis.taint.opened import opened, opens_named_file
from webwarden.analysis.taint.parsed_models import (
    PARSERS,
    is_pydantic_model,
    model_parameter,
    parsed_marked,
)
from webwarden.analysis.taint.parsed_models import parsed as parsed_model
from webwarden.analysis.taint.parser_arguments import parsed
from webwarden.analysis.taint.raised import LISTED_VALUES, QUOTING_PARSERS, listed, parse_failed
from webwarden.analysis.taint.regex_calls import (
    BACKTRACKING,
    REGEX_FUNCTIONS,
    SEARCHED_AT,
    check_regex_lookups,
    compiled_search,
    regex_call,
)
from webwarden.analysis.taint.regex_matches import (
    MATCH,
    MATCH_METHODS,
    compiled_text,
    match_method,
    method_match,
)
from webwarden.analysis.taint.replaced import const_text, string_replaced
from webwarden.analysis.taint.response_types import (
    markup_type,
    not_a_page,
    positional_types,
    script_type,
)
from webwarden.analysis.taint.sandboxed_templates import sandboxed_template_sink
from webwarden.analysis.taint.saved_models import (
    SAVED_MODEL,
    is_saved,
    saved_fields,
    saved_instance_kind,
)
from webwarden.analysis.taint.segments import followed, path_joined, pinned
from webwarden.analysis.taint.shapes import (
    PAIRS,
    QUERY_KINDS,
    TRIMMED_SITE_URL,
    cleansed,
    dict_displays,
    dicts_appended,
    formatted_url,
    inline_constants,
    key_of,
    known_keys,
    position_of,
    site_url_kind,
    without_attributes,
)
from webwarden.analysis.taint.signed_loads import signed_loads
from webwarden.analysis.taint.sinks import (
    DECOMPRESSING_FILES,
    FUNCTION_SINKS,
    GATEWAY_CLIENTS,
    HTTP_CLIENTS,
    PROGRAM_CLIENTS,
    SAFE_YAML_LOADERS,
    SCRIPT_RESPONSE,
    SELF,
    TEMPLATE_ENVIRONMENTS,
    Sink,
    method_sinks,
    receiver_matches,
)
from webwarden.analysis.taint.specs import (
    ARCHIVE_LOOKUPS,
    ARCHIVES,
    AUTHENTICATION_FORMS,
    BARE_PREFIX,
    BARE_PREFIX_CHECK,
    CLEAN_CALLS,
    CLEAN_METHODS,
    COLUMN_ONLY_METHODS,
    CONTAINER_METHODS,
    CONTROL_STRIPPERS,
    DJANGO_REVERSE,
    DJANGO_UPLOAD_LIST,
    DJANGO_UPLOADS,
    FILE_OBJECTS,
    FILENAME_CLEANER_NAME,
    GOOGLE_FLOWS,
    HOST_PATTERN_CLEANSED,
    HTML_CLEANERS,
    HTML_CLEANSED,
    LOCATED_URI_READ,
    MARKUP_KINDS,
    MAYBE_UPLOAD,
    METHOD_SANITISERS,
    MUTATORS,
    NO_RETURN,
    OAUTH_CLIENT_REQUESTS,
    OAUTH_SESSIONS,
    OBJECT_OR_404,
    PATH_CHECK_NAME,
    PATH_CHECKED,
    PROPAGATOR_NOTES,
    PROPAGATORS,
    REDIRECT_CHECK_NAME,
    RENDERERS,
    REQUEST_DATA,
    REQUEST_METHODS,
    REQUEST_PARSERS,
    RESOLVED_PATH,
    SEEKED_FILE,
    SLASH_WRITERS,
    SQL_CLEANSED,
    SQL_EXPRESSION_METHODS,
    SQL_ROW_COUNT_METHODS,
    SQL_STATEMENT_METHODS,
    SQL_UPSERT_CLAUSES,
    SQL_UPSERT_METHODS,
    SQLALCHEMY_QUERY,
    STRING_METHODS,
    URL_CHECKED,
    XML_FEEDS,
    absolute_uri_cleansed,
    iri_encoded,
    is_sql_expression_function,
    source_cleansed,
)
from webwarden.analysis.taint.sql_quoting import doubled_kind, format_fields, hand_quoted
from webwarden.analysis.taint.state import query_method, widen
from webwarden.analysis.taint.stored import SESSION_KINDS, SESSION_READS, session_item, session_key
from webwarden.analysis.taint.template_feeds import (
    LOADED_RENDER,
    LOADED_TEMPLATES,
    fed,
    loaded_fed,
)
from webwarden.analysis.taint.url_adapters import url_adapter_call
from webwarden.analysis.taint.url_components import (
    composed,
    furl_changed,
    furl_query_part,
    is_parsed_url,
    params_added,
)
from webwarden.analysis.taint.validation_errors import ELEMENT, copied_errors, iter_errors
from webwarden.analysis.taint.values import (
    ALL_KINDS,
    ANSWERED,
    CLEAN,
    CLOSED_URL,
    DICTS,
    EMPTY,
    IN_SEGMENT,
    MAX_PARTS,
    NO_CONTROL,
    OTHERS,
    SCHEME_START,
    START_MARKS,
    Label,
    Taint,
    Value,
    answered_to_chooser,
    cleanse,
    extend,
    given_taint,
    has_source,
    join,
    marked_symbols,
    reaching,
    refined,
    reopened,
    symbolic,
    union,
)
from webwarden.model.module import identifier_words
from webwarden.model.templates.extract_renders import VIEW_METHOD_RENDERERS

if TYPE_CHECKING:
    from webwarden.analysis.taint.interpret import Interpreter
    from webwarden.analysis.taint.state import Env

_STDLIB = frozenset(sys.stdlib_module_names) | frozenset(dir(builtins))
_COMPILED_PATTERNS = frozenset({"re.compile", "regex.compile"})
Args = list[tuple[ir.Expr, Value]]
Keywords = list[tuple[str | None, ir.Expr, Value]]
ORM_COMPILED_SQL = frozenset({"as_sql", "sql_with_params"})
"""Django's compiler API: the SQL text (and params) the ORM builds from a query."""
_RENDERS = frozenset({"render", "render_async", "generate", "stream"})
_QUERY_RUNS = frozenset({"execute", "executemany"})
_NO_CONTROL = frozenset({NO_CONTROL})
_SHAPED_DISPLAYS = frozenset({"<dict>", "<tuple>"})
_REORDERS = frozenset({"insert", "appendleft", "extendleft", "remove", "sort", "reverse"})
UNROOTED = "<unrooted>"
"""The kind of `s.lstrip("/")` (or `s.strip("/")`): a string that does not start with `/`."""
DOTLESS = "<dotless>"
"""The kind of a piece of `s.split(".")` (an extension): it holds no `.`, so no `..`."""
_CASE_METHODS = frozenset(
    {"lower", "upper", "casefold", "title", "capitalize", "strip", "lstrip", "rstrip"}
)
COLUMN_EXPRESSION = "sqlalchemy.sql.expression.ColumnElement"
"""The kind of a value built by a column operator (the `built_string` check skips it)."""
_JOINERS = {
    "format": "formatted with `.format()`",
    "join": "joined with `.join()`",
    "format_map": "formatted with `.format_map()`",
}


_PATH_JOINS = frozenset(
    {
        "os.path.join",
        "posixpath.join",
        *(f"pathlib.{cls}" for cls in ("Path", "PurePath", "PosixPath", "PurePosixPath")),
    }
)
"""Calls that join their arguments into one path, in order (see `segments.path_joined`)."""
_STRING_JOINS = frozenset({"os.path.join", "posixpath.join"})
"""Those of `_PATH_JOINS` that make a string, whose basename is its last piece."""


def _path_pieces(args: Args) -> Args:
    """The arguments of a path join as its pieces; after a `*spread`, each is followed by
    what may come after it."""
    if any(isinstance(arg, ir.Star) for arg, _ in args):
        return [(arg, _followed(value)) for arg, value in args]
    first = args[0][0] if args else None
    empty = isinstance(first, ir.Const) and not first.value  # NOTE: `os.path.join("", name)`
    taints = path_joined([value.whole() for _, value in args], led=not empty)
    return [
        (arg, value if taint is value.whole() else Value(taint, kind=value.kind))
        for (arg, value), taint in zip(args, taints, strict=True)
    ]


def _followed(value: Value) -> Value:
    """`value` with more written after it (`.join()`, `.format()`)."""
    whole = value.whole()
    if followed(whole) is whole:
        return value
    parts = {key: _followed(part) for key, part in (value.parts or {}).items()}
    return Value(followed(value.taint), parts, value.kind, fresh=value.fresh)


def call(interp: Interpreter, node: ir.Call, env: Env) -> Value:
    """The value a call returns, reporting the sinks it reaches."""
    saved, interp.pos = interp.pos, node.pos
    args = [(a, interp.expr(a, env)) for a in node.args]
    keywords = [(k, v, interp.expr(v, env)) for k, v in node.keywords]
    interp.pos = node.pos
    try:
        if node.callee is not None:
            base, _, method = node.callee.rpartition(".")
            stored = _session_read(interp, node, base, method, args)
            if stored is not None:
                return stored
            return call_global(interp, node, node.callee, args, keywords, env)
        if isinstance(node.func, ir.Attr):
            receiver = interp.expr(node.func.value, env)
            return call_method(
                interp, node, node.func.attr, receiver, node.func.value, args, keywords, env
            )
        called = interp.expr(node.func, env)
        if (answered := action_answer(called)) is not None:
            return answered
        if _spread(keywords) and _loaded_model(interp, called.kind):
            check_spread(interp, node, keywords)  # NOTE: `self.model(**data)`, a loaded model
        if called.kind.startswith(CHOSEN):
            call_of_chosen(interp, called, node)
        if stdlib_call(interp, called):
            return Value(kind=STDLIB_FUNCTION)  # NOTE: as `name.split(".")[0] in _STDLIB` below
        if _custom_operator(node.func):
            # NOTE: the operand is bound; the operator's own text stays in `called`.
            return Value(union(column_expression(args, keywords).whole(), called.whole()))
        if called.kind == ESCAPING_MARKDOWN:
            return rendered(args, keywords)
        if called.kind.startswith("cls:"):
            # NOTE: `receive = Receive(project)`, then `receive(**data)`: calling an
            # instance runs its class's `__call__`, not `__init__` once more.
            found = interp.engine.call_method(
                interp, node, "__call__", called, node.func, args, keywords, env
            )
            if found is not None:
                return found
        elif called.kind.startswith("ref:"):
            found = interp.engine.call_ref(interp, node, called.kind[4:], args, keywords, env)
            if found is not None:
                return found
        if query_method(called):
            # NOTE: `search = Post.query.whooshee_search` kept in a dict, then `search(q)`:
            # the same call as `Post.query.whooshee_search(q)`, rows of the database.
            return call_global(interp, node, called.kind, args, keywords, env)
        return unknown(interp, node, "", CLEAN, args, keywords)
    finally:
        interp.pos = saved


def _session_read(
    interp: Interpreter, node: ir.Call, kind: str, method: str, args: Args
) -> Value | None:
    """`session.get("next")`, `session.pop("next")` of Flask's session (`kind` its name)
    or of a Django request's, where the project keeps request data under that key (see
    `stored`)."""
    if method not in SESSION_READS or kind not in SESSION_KINDS or not args:
        return None
    key = args[0][0]
    if isinstance(key, ir.Const) and key.value in interp.engine.options.session_keys:
        return interp.stored(node, key.value)
    if isinstance(key, ir.Global) and session_key(key.name) in interp.engine.options.session_keys:
        return interp.stored(node, session_key(key.name))
    return None


def _spread(keywords: Keywords) -> bool:
    """Whether a `**mapping` is among the call's keywords."""
    return any(key is None for key, _, _ in keywords)


def _loaded_model(interp: Interpreter, kind: str) -> bool:
    """Whether a value of `kind` is a model class loaded by name: the loader's result, or
    a module-level name assigned it (`Device = load_model("config", "Device")`)."""
    return kind in MODEL_LOADERS or (
        bool(kind) and interp.engine.index.instance_kind(kind) in MODEL_LOADERS
    )


_CUSTOM_OPERATORS = frozenset({"op", "bool_op"})
_SETATTR = frozenset({"setattr", "builtins.setattr"})


def _custom_operator(func: ir.Expr) -> bool:
    """`Domain.name.op("~")`: SQLAlchemy's `Operators.op(opstring)` makes a function that
    builds the column expression `column ~ :param`, with its operand a bound parameter."""
    if not isinstance(func, ir.Call) or len(func.args) != 1:
        return False
    method = func.func.attr if isinstance(func.func, ir.Attr) else ""
    return (func.callee or method).rsplit(".", 1)[-1] in _CUSTOM_OPERATORS


_TASK_CALLS = frozenset({"delay", "apply_async"})
"""Celery's ways to run a task later with arguments (`archive.delay(owner)`): the task
function gets them, in a worker, as surely as if it were called."""


def _queued(method: str, args: Args, keywords: Keywords) -> tuple[Args, Keywords]:
    """The arguments the task function is called with: `delay`'s own, or `apply_async`'s
    `args=` and `kwargs=` displays."""
    if method == "delay":
        return args, keywords
    given = {k: (node, value) for k, node, value in keywords if k}
    positional: Args = []
    named: Keywords = []
    if "args" in given:
        node, value = given["args"]
        parts = value.parts or {}
        count = 1 + max((int(k[1:]) for k in parts if k[1:].isdigit()), default=-1)
        positional = [(node, parts.get(f"#{i}", CLEAN)) for i in range(count)]
    if "kwargs" in given:
        node, value = given["kwargs"]
        parts = value.parts or {}
        named = [(key[1:-1], node, part) for key, part in parts.items() if key.startswith("[")]
    return positional, named


def _bound_task(function: ir.Function) -> bool:
    """A task made with `@app.task(bind=True)`: Celery passes the task itself first, so a
    function (not a method) whose first parameter is `self` gets `delay`'s arguments from
    its second on."""
    params = function.params
    return function.owner == "" and bool(params) and params[0].name == "self"


def call_global(
    interp: Interpreter, node: ir.Call, name: str, args: Args, keywords: Keywords, env: Env
) -> Value:
    """A call of a qualified name (a function, a class, or a method of a global)."""
    name = interp.engine.index.canonical(name)
    if name in _PATH_JOINS and not keywords:
        args = _path_pieces(args)
        if name in _STRING_JOINS and args and not isinstance(args[-1][0], ir.Star):
            made = _call_global(interp, node, name, args, keywords, env)
            return with_last_segment(made, args[-1][1].whole())
    return _call_global(interp, node, name, args, keywords, env)


def _call_global(
    interp: Interpreter, node: ir.Call, name: str, args: Args, keywords: Keywords, env: Env
) -> Value:
    base, _, method = name.rpartition(".")
    if method in _TASK_CALLS and base in interp.engine.index.functions:
        positional, named = _queued(method, args, keywords)
        if _bound_task(interp.engine.index.functions[base].function):
            positional = [(ir.Const(None), CLEAN), *positional]
        found = interp.engine.call_ref(interp, node, base, positional, named, env)
        if found is not None:
            return found
    if _spread(keywords) and _loaded_model(interp, name):
        check_spread(interp, node, keywords)  # NOTE: `Device(**data)` of a loaded model
    if is_sql_expression_function(name):
        # NOTE: before the receiver: `db.func` of a project's own Flask-SQLAlchemy
        # subclass is still SQLAlchemy's `func`.
        return column_expression(args, keywords)
    if method in PARSERS and args and base:
        model = interp.engine.index.resolve(base) or base
        if is_pydantic_model(interp.engine.index, model):
            # NOTE: `FrameQuery.model_validate(request.get_json())`: each field as its type
            # converts it (raising otherwise).
            step = interp.step(f"parsed by `{interp.callee_text(node)}()`")
            return parsed_model(interp.engine.index, model, args[0][1].whole(), step)
    if base and method in SEARCHED_AT:
        compiled_search(interp, node, method, args, keywords, None, base)
    if method in MATCH_METHODS and base and (pattern := compiled_text(interp, base)) is not None:
        return method_match(interp, method, pattern, args, keywords)
    receiver = interp.engine.global_receiver(interp, base) if base else None
    if receiver is not None:
        return call_method(interp, node, method, receiver, ir.Global(base), args, keywords, env)
    if method == "query" and base.endswith(".session"):
        # NOTE: `db.session.query(Model)` on a session webwarden cannot tell the kind of.
        return Value(kind=SQLALCHEMY_QUERY)
    if interp.engine.is_source_call(name):
        return interp.source(node)
    sink = FUNCTION_SINKS.get(name)
    if sink is not None:
        check_sink(interp, sink, node, args, keywords, None)
        if sink.kind == "template" and name.endswith(".Template"):
            return compiled(interp, name.rsplit(".", 1)[-1], args, keywords)
        if sink.answered:
            return answer(interp, node, sink, args, keywords, None, name)
        if sink.kind == "redirect":
            # NOTE: a redirect response: the sink judged its Location, and its body
            # (Werkzeug's, which escapes the target; Django's, empty) writes nothing else.
            return redirect_response(name, args[0][1] if args else None)
    if name in REGEX_FUNCTIONS:
        backtracking = regex_call(interp, node, name, args, keywords)
        if backtracking is not None:
            return backtracking
    if name == "super":
        return Value(kind=f"super:{interp.function.owner}")
    if name in GETATTR and len(args) > 1:
        running = len(args) == 2 and running_module(args[0][0])
        fallback = args[2][1] if len(args) > 2 else Value(kind=STDLIB_FUNCTION if running else name)
        (held, obj), (attribute, _) = args[0], args[1]
        if isinstance(attribute, ir.Const) and isinstance(attribute.value, str) and attribute.value:
            # NOTE: `getattr(_thread_locals, "request", None)`: the attribute, or the
            # default when the object has none.
            read = interp.read_attr(obj, attribute.value, ir.Attr(held, attribute.value))
            return join(read, args[2][1]) if len(args) > 2 else read
        return chosen_by(interp, args[1][1], "getattr()", fallback)
    if name in NAMESPACE_CALLS and not args and not keywords:
        return Value(kind=NAMESPACE)
    if name in _SETATTR and len(args) > 1:
        check_setattr(interp, node, args[1][1], args[0])
    if name in LOOKUP_FUNCTIONS:
        check_lookup(interp, node, keywords)
        check_regex_lookups(interp, node, keywords)
    modelled = library_call(interp, name, args, keywords)
    if modelled is None:
        modelled = action_function(name, args, keywords)
    if modelled is not None:
        return modelled
    if method == "url" and _storage("", base):
        return Value(cleanse(_all(args, keywords), URL_CHECKED), kind=name)  # `default_storage`
    if method in _CONFINING_STORAGE_METHODS and (args or keywords) and _storage("", base):
        return Value(cleanse(_all(args, keywords), PATH_CHECKED), kind=name)  # see `call_method`
    if name in QUOTING_PARSERS and args:
        parse_failed(interp, node, name, args[0][1])
    kinds = interp.engine.sanitiser_kinds(name)
    if kinds is not None and name in BASENAMES and len(args) == 1 and not keywords:
        last_piece = last_segment(interp.function, args[0][0], args[0][1])
        return Value(cleanse(last_piece, kinds))
    if kinds is not None:
        kind = site_url_kind(name, [arg for arg, _ in args], [k for k, _, _ in keywords])
        return Value(cleanse(_all(args, keywords), kinds), kind=kind)
    if name in RENDERERS:
        fed(interp, node, name, args, keywords)
    if name in CLEAN_CALLS or name in NO_RETURN:
        return Value(kind=name)
    if name == "map" and len(args) > 1 and isinstance(args[0][0], ir.Global):
        mapped = interp.engine.sanitiser_kinds(args[0][0].name)
        if mapped is not None:
            return Value(cleanse(union(*(v.whole() for _, v in args[1:])), mapped), kind=name)
    if name in _PAIR_KEEPERS and len(args) == 1 and args[0][1].kind == PAIRS:
        # NOTE: `list(d.items())`, `sorted(d.items(), key=...)`: the same key and value
        # pairs, which a loop still unpacks apart (`for key, value in ...`).
        return args[0][1]
    if name in PROPAGATORS:
        errors = copied_errors(name, args, keywords)
        if errors is not None:
            return errors
        if name == "str" and len(args) == 1 and not keywords and rendered_form_errors(args[0][0]):
            # NOTE: `str(form.errors)` is the `<ul class="errorlist">` Django renders,
            # the messages escaped, as `"%s" % form.errors` is (see `rendered_form_errors`).
            return Value(cleanse(args[0][1].whole(), HTML_CLEANSED), kind=name)
        taint = _all(args, keywords)
        if name in SLASH_WRITERS:
            taint = reopened(taint)
        elif name in CONTROL_STRIPPERS:
            taint = cleanse(taint, _NO_CONTROL)
        if taint and name in PROPAGATOR_NOTES:
            taint = extend(taint, interp.step(PROPAGATOR_NOTES[name]))
        return Value(taint, kind=name)
    # NOTE: what webwarden knows of a name (a sink, a clean call) wins over the code of a
    # library that happens to be scanned with the project (auditing Django itself).
    found = None if sink else interp.engine.call_ref(interp, node, name, args, keywords, env)
    last = name.rsplit(".", 1)[-1].lower()
    checks_path = PATH_CHECK_NAME.search(last) is not None or (
        FILENAME_CLEANER_NAME.fullmatch(last) is not None
    )
    if found is not None:
        # NOTE: a path check that returns the path it checked (`validate_path_is_safe`)
        # raises when it does not hold, which a summary cannot say; unless its code
        # checks by a prefix a sibling folder passes (`commonprefix([root, path])`).
        keep = checks_path and not _bare_prefix_checked(found)
        return cleansed(found, PATH_CHECKED) if keep else found
    if base and (stored := stored_object(method, args, keywords, Value(kind=base))) is not None:
        return stored  # NOTE: `default_storage.connection.meta.client.get_object(...)`
    if sink is None and base and (method_sinks(method) or method in _NAMED_RESULTS):
        # NOTE: an object imported from elsewhere (`from .db import users`): its method
        # sinks and results still apply, judged by the method's name.
        return call_method(
            interp, node, method, Value(kind=base), ir.Global(base), args, keywords, env
        )
    if name in DECOMPRESSING_FILES:
        # NOTE: `gzip.GzipFile(fileobj=upload)` reads what the file object it wraps holds.
        return Value(_all(args, keywords), kind=name)
    if name.split(".")[0] in _STDLIB:
        return Value(kind=name)
    if base and method in SQL_EXPRESSION_METHODS:
        # NOTE: an operator of a model's column (`Topic.id.in_(ids)`).
        return column_expression(args, keywords)
    if REDIRECT_CHECK_NAME.search(name.rsplit(".", 1)[-1].lower()):
        # NOTE: a library's `get_safe_redirect(url)` (the project's own is followed).
        return Value(cleanse(_all(args, keywords), URL_CHECKED), kind=name)
    if checks_path:
        return Value(cleanse(_all(args, keywords), PATH_CHECKED), kind=name)
    return unknown(interp, node, name, CLEAN, args, keywords)


def _bare_prefix_checked(value: Value) -> bool:
    """Whether what a function returns went through a containment check by a prefix not
    ended by a separator (its step says so): the function's code, not its name, tells
    what the check lets through."""
    return any(
        step.note == BARE_PREFIX_CHECK for trace in value.whole().values() for step in trace.steps
    )


def _runs_no_sql(method: str, kind: str) -> bool:
    """Whether `method` of a value of `kind` is known to be no cursor's. A Django model row
    (`get_object_or_404(Hook, pk=pk)`, `Hook.objects.get(...)`), manager or queryset has
    no cursor's `execute()`, so a method of that name is one its model defines (a
    webhook's `hook.execute(user)`); a payment gateway's client sends an API request; a
    program's client (PyExifTool's) hands the program its arguments."""
    return method in _QUERY_RUNS and (
        kind in OBJECT_OR_404
        or kind.startswith(("<orm:django", *GATEWAY_CLIENTS, *PROGRAM_CLIENTS))
    )


def _forced(args: Args, keywords: Keywords) -> bool:
    """`get_json(force=...)` (also by position) with anything but a constant false: the
    body is parsed whatever its content type."""
    given = [expr for name, expr, _ in keywords if name == "force"] or [a for a, _ in args[:1]]
    return any(not (isinstance(expr, ir.Const) and not expr.value) for expr in given)


_SIGNATURE_CHECKS = frozenset({"unsign", "unsign_object"})
"""Methods that answer a value only when its signature is the server's own."""


def call_method(
    interp: Interpreter,
    node: ir.Call,
    method: str,
    receiver: Value,
    receiver_node: ir.Expr,
    args: Args,
    keywords: Keywords,
    env: Env,
) -> Value:
    """`receiver.method(...)`."""
    if method == "joinpath" and not keywords:
        pieces = _path_pieces([(receiver_node, receiver), *args])
        receiver, args = pieces[0][1], pieces[1:]
    elif method in _JOINERS:
        receiver, args = _followed(receiver), [(arg, _followed(value)) for arg, value in args]
    if receiver.kind == "<request>":
        if method not in REQUEST_METHODS:
            return CLEAN
        if method == "build_absolute_uri" and (args or keywords):
            # NOTE: the host is the request's own (checked); the path is the argument.
            fixed = interp.engine.entries.fixed_hosts
            host_safe = absolute_uri_cleansed(fixed_hosts=fixed)
            if _rooted_location(args, keywords):
                host_safe |= HOST_PATTERN_CLEANSED
            read = interp.source(node, cleansed=host_safe)
            return read.with_taint(iri_encoded(_all(args, keywords)))
        if method == "get_json" and _forced(args, keywords):
            return interp.source(node)
        made_safe = source_cleansed(
            method, unrouted=interp.unrouted, fixed_hosts=interp.engine.entries.fixed_hosts
        )
        return interp.source(node, cleansed=made_safe)
    if receiver.kind == MATCH and (group := match_method(method, args, receiver)) is not None:
        return group
    if receiver.kind in _COMPILED_PATTERNS and method in MATCH_METHODS:
        return method_match(interp, method, None, args, keywords)
    if (stored := _session_read(interp, node, receiver.kind, method, args)) is not None:
        return stored
    if method == "construct_event" and f"{receiver.kind}.{method}" in SIGNED_WEBHOOK_EVENTS:
        # NOTE: `stripe = get_stripe()`, then `stripe.Webhook.construct_event(...)`: the
        # module a helper configured and returned (see `library_call`).
        return Value(kind=f"{receiver.kind}.{method}")
    if receiver.kind == NAMESPACE and method in NAMESPACE_METHODS and args:
        return chosen_by(interp, args[0][1], f"globals().{method}()")
    if method == "parse_args" and receiver.kind in REQUEST_PARSERS:
        # NOTE: its keys are the arguments the parser declares (an undeclared one is
        # dropped, or refused with `strict=True`): no key the client chose, as a form's
        # cleaned data has none; the values are the client's.
        made = parsed(interp, receiver_node, interp.source(node))
        return Value(made.taint, made.parts, CLEANED_DATA, fresh=made.fresh)
    if (
        method in REQUEST_METHODS
        and symbolic(receiver.taint)
        and not _known(interp, receiver, method)
    ):
        located = method == "build_absolute_uri" and bool(args or keywords)
        key = LOCATED_URI_READ if located else f".{method}()"
        read = Value(interp.refine(symbolic(receiver.taint), key, node))
        if method == "build_absolute_uri":
            location = iri_encoded(_all(args, keywords), symbolic(receiver.taint))
            return read.with_taint(location)  # NOTE: the location
        return read
    if method == "_replace" and not args and keywords and all(k for k, _, _ in keywords):
        return replaced(receiver, keywords)
    if method == "geturl" and not args and not keywords and is_parsed_url(receiver):
        return composed(receiver)
    if (changed := furl_changed(receiver, method, args, keywords)) is not None:
        if isinstance(receiver_node, ir.Local):
            env[receiver_node.name] = changed  # NOTE: changed in place, and returned
        return changed
    if method == "sql_with_params" and not args and not keywords:
        return compiled_query(receiver)
    if method == "get_user" and not args and _authentication_form(interp, receiver.kind):
        # NOTE: Django's `AuthenticationForm.get_user()` gives the user `authenticate()`
        # found for the credentials: a row of the database, not the data sent.
        return Value(kind="<orm:django>")
    if receiver.kind in (HEADERS, REDIRECT_HEADERS) and method in HEADER_SETTERS and len(args) >= 2:
        # NOTE: Werkzeug's `response.headers.add(name, value)` (or `set`, `setdefault`)
        # as `response.headers[name] = value`; a name the client chose is its data too.
        (name_node, name), (_, value) = args[0], args[1]
        key = key_of(name_node)
        chosen = value if key else Value(union(name.whole(), value.whole()))
        interp.engine.header_assigned(interp, receiver, key, chosen)
    if (adapted := url_adapter_call(method, receiver, interp.render(receiver_node))) is not None:
        return adapted
    found = interp.engine.call_method(
        interp, node, method, receiver, receiver_node, args, keywords, env
    )
    if found is not None:
        if method in _SIGNATURE_CHECKS:
            # NOTE: the project's own signer (Django's `Signer` when its tree is read):
            # what it answers carries the server's signature, as the library's would.
            return cleansed(found, METHOD_SANITISERS[method])
        return found
    if method == "seek" and not receiver.kind and isinstance(receiver_node, ir.Local):
        # NOTE: `_file.seek(0)` before `return _file`: a path (`str`, `pathlib`) has no
        # `seek`, so what the local holds is a file object, whatever made it.
        env[receiver_node.name] = Value(receiver.taint, receiver.parts, SEEKED_FILE)
        return CLEAN
    if method == "render" and receiver.kind in LOADED_TEMPLATES:
        loaded_fed(interp, node, args, keywords)
        return Value(kind=LOADED_RENDER)
    if _view_renders(method, receiver, receiver_node, args):
        # NOTE: Flask-AppBuilder's `self.render_template("x.html", **context)` and
        # Flask-Admin's `self.render("x.html", **context)` call `flask.render_template`.
        fed(interp, node, "flask.render_template", args[1:], keywords)
        return Value(kind="flask.render_template")
    orm = interp.engine.orm_kind(receiver.kind)
    if orm is not None:
        # NOTE: `self.raw(...)` in a project's manager: Django's method, Django's sink.
        receiver = Value(receiver.taint, receiver.parts, orm)
    if receiver.kind.startswith("<orm:django"):
        if method in ORM_SPREAD_METHODS:
            check_spread(interp, node, keywords)
        elif method in ORM_LOOKUP_METHODS:
            check_lookup(interp, node, keywords)
            check_regex_lookups(interp, node, keywords)
    elif method == "update" and args and _sqlalchemy_query(receiver, receiver_node):
        check_spread(interp, node, keywords, args[0])
    if receiver.kind == BACKTRACKING:
        compiled_search(interp, node, method, args, keywords, receiver)
    if method in ARCHIVE_LOOKUPS and receiver.kind in ARCHIVES:
        # NOTE: `zf.open(zf.getinfo(name)).read()`: a name the request chose finds a member
        # of the archive, whose name, size and content are the archive's, not the request's.
        return Value(receiver.whole())
    sinks = () if _runs_no_sql(method, receiver.kind) else method_sinks(method)
    text = interp.render(receiver_node) if sinks else ""
    for sink in sinks:
        if receiver_matches(sink, receiver.kind, text):
            check_sink(interp, sink, node, args, keywords, receiver)
            if sink.kind == "template":
                return compiled(interp, f".{method}", args, keywords)
            if sink.answered:
                kind = method_kind(receiver.kind, method)
                return answer(interp, node, sink, args, keywords, receiver, kind)
            if not sink.and_next:
                break
    if method in _QUERY_RUNS and len(args) >= 2 and not keywords:
        # NOTE: DB-API `cursor.execute(sql, params)`: the parameters are bound, they only
        # choose rows; what the rows hold (sqlite3 returns the cursor) is the database's.
        return Value(union(args[0][1].whole(), receiver.whole()))
    if method in METHOD_SANITISERS:
        return Value(cleanse(_all(args, keywords, receiver), METHOD_SANITISERS[method]))
    if method == "loads" and signed_loads(receiver.kind):
        # NOTE: itsdangerous' `loads()` raises `BadSignature` unless the server signed
        # the value with its key: what it answers is what the server serialised.
        return Value(cleanse(_all(args, keywords, receiver), ALL_KINDS))
    if (method == "url" or method in _CONFINING_STORAGE_METHODS) and _storage(
        receiver.kind, text or interp.render(receiver_node)
    ):
        if method == "url":
            # NOTE: Django's `Storage.url(name)`: the storage's own base URL (`MEDIA_URL`,
            # a bucket's host) with the name percent-encoded after it, `:` included, so
            # the name chooses a file under it, never the scheme or the host.
            return Value(cleanse(_all(args, keywords, receiver), URL_CHECKED))
        if args or keywords:
            return Value(cleanse(_all(args, keywords, receiver), PATH_CHECKED))
    if method in OAUTH_CLIENT_REQUESTS:
        endpoint_url = params_added(args, keywords, receiver)
        if endpoint_url is not None:
            return endpoint_url
    if method in SAML_REDIRECTS and receiver.kind == SAML_AUTH:
        # NOTE: python3-saml's `login()`, `logout()` and `process_slo()` return the URL of
        # the identity provider's service, from the settings, with the request's data
        # (and `return_to`) encoded in its query: it cannot choose the scheme or host.
        return Value(cleanse(_all(args, keywords, receiver), URL_CHECKED))
    if method in PYSAML2_REDIRECTS and receiver.kind in PYSAML2_CLIENTS:
        # NOTE: pysaml2's `prepare_for_authenticate()`, `handle_logout_request()` and the
        # like give the HTTP binding's info (`Location` header or form action) for the
        # identity provider's endpoint found in the metadata (an entity id or issuer not
        # in it raises): the request's message and `relay_state` fill only its query.
        return Value(cleanse(_all(args, keywords, receiver), URL_CHECKED))
    if receiver.kind in PYSAML2_ENTITIES and method in _PYSAML2_ROUTING:
        return _pysaml2_routed(method, args, keywords, receiver)
    if method == "authorization_url" and receiver.kind.startswith(GOOGLE_FLOWS):
        # NOTE: the client configuration's `auth_uri`, with the flow's `redirect_uri` and
        # the keyword arguments in its query.
        return Value(cleanse(_all(args, keywords, receiver), URL_CHECKED))
    if args and OAUTH_SESSIONS.get(receiver.kind) == method:
        # NOTE: the endpoint given first, with the session's `redirect_uri` and the other
        # arguments in its query.
        others = cleanse(_all(args[1:], keywords, receiver), URL_CHECKED)
        return Value(union(args[0][1].whole(), others))
    if method == "get_errors" and receiver.kind == SAML_AUTH:
        return CLEAN  # NOTE: python3-saml's error codes (`invalid_response`), its own words
    if receiver.kind in LTI_LOGINS and method in LTI_CHAINED:
        return receiver  # NOTE: pylti1p3's `enable_check_cookies()` and the like return `self`
    if receiver.kind in LTI_LOGINS and method in LTI_REDIRECTS:
        # NOTE: pylti1p3's OIDC login initiation redirects to the platform's
        # authorization URL, from the tool's configuration; the launch URL and the
        # request's hints are parameters of its query.
        return Value(cleanse(_all(args, keywords, receiver), URL_CHECKED))
    if method in PAGE_METHODS and receiver.kind in PAGINATORS:
        # NOTE: Django's `Paginator.page(number)` takes the number as an int (or raises
        # `PageNotAnInteger`): the page holds the paginated objects, not the number.
        return Value(receiver.whole())
    if method == "paginate":
        # NOTE: Flask-SQLAlchemy's `query.paginate(page=n, per_page=m)` and
        # `db.paginate(select, page=n)`: the numbers choose a page of the rows, which hold
        # what the query (the receiver, or the select given first) holds.
        return Value(union(receiver.whole(), *(value.whole() for _, value in args[:1])))
    if method == "clean" and receiver.kind in HTML_CLEANERS:
        return Value(cleanse(_all(args, keywords), HTML_CLEANSED))
    if method == "writeString" and receiver.kind in XML_FEEDS:
        return Value(cleanse(_all(args, keywords, receiver), HTML_CLEANSED))
    if receiver.kind.startswith("<orm"):
        return Value(kind=receiver.kind)
    if receiver.kind in OBJECT_OR_404:
        # NOTE: a method of the row `get_object_or_404(Org, slug=slug)` found, as of one
        # `Org.objects.get(slug=slug)` found (above): the model's own, over the row's
        # fields (`org.get_staff_url()` building `reverse(...)`), what the database holds.
        return Value(kind="<orm:django>")
    if method == "get_field" and interp.render(receiver_node).endswith("._meta"):
        # NOTE: Django's `model._meta.get_field(name)`: the model's field of that name (or
        # `FieldDoesNotExist`), whose class, name and related model are the code's.
        return CLEAN
    if method in _ORDERINGS:
        # NOTE: `books.order_by(F(sort).desc())` on a parameter of a helper: the rows are
        # ordered by the request's choice, and still hold what the receiver held.
        return Value(receiver.whole(), receiver.parts, receiver.kind)
    if _criteria_only(method, args, keywords):
        # NOTE: `query.filter(Bill.title.ilike(f"%{q}%"))` on a query a project method
        # built: SQLAlchemy binds the criterion's operands, so the request's value only
        # chooses rows, which hold what the query held.
        return Value(receiver.whole(), receiver.parts, receiver.kind)
    lookup = _lookup(method, args, keywords)
    if lookup == "named":
        # NOTE: `exports.filter(export_type=kind).first()`: the request's value only
        # chooses rows (as a bound parameter); what the rows hold is the database's.
        return Value(receiver.whole(), kind="<orm:django>")
    if lookup == "spread":
        # NOTE: the mapping's values choose rows of the receiver, which is what it was
        # (its keys, when the request's, are WW443's to judge on a known queryset).
        return Value(receiver.whole(), receiver.parts, receiver.kind)
    if (
        method in QUERYSET_ONLY_METHODS or _field_values(method, args, keywords)
    ) and receiver.tainted:
        # NOTE: `queryset.annotate(lower=Lower(sort))` on a helper's parameter: the
        # arguments name fields, and add to the rows only what a `Value(...)` holds.
        return shaped_rows(receiver, args, keywords)
    if not receiver.tainted and (
        method in QUERYSET_ONLY_METHODS or (method in _ALL_ROWS and not args and not keywords)
    ):
        # NOTE: `event.orders.filter().select_related("event")`: only a Django QuerySet has
        # these methods (or a bare `filter()`), so what its own methods return next
        # (`.get_by_code(code=...)`) are rows of the database, as for `Order.objects`.
        return Value(kind="<orm:django>")
    if method in _RENDERS and receiver.tainted:
        # NOTE: a template compiled from request data writes that data into its output
        # (what it is given to render is escaped, as any template's context is). An
        # object an unmodelled call made of request data (`Report(request, locale=...)`,
        # a widget) is no such template: the data is what its own template is given.
        source = {label: t for label, t in receiver.whole().items() if not t.approx}
        return Value(extend(source, interp.step("rendered by `.render()`")))
    if method in CLEAN_METHODS:
        return CLEAN
    if method in STORED_LOOKUPS or keyed_lookup(method):
        # NOTE: pymongo's `find_one({"id": x})` gives a stored document (at most one whose
        # field equals x), not the filter it was handed; Redis's `hget(f"item:{x}",
        # "path")` what it keeps under the key; so does a lookup by a key
        # (libvirt's `conn.storagePoolLookupByName(name)`, `find_by_email(email)`): the
        # object kept under it, or an error when none is.
        return Value(receiver.whole())
    if method == "iter_errors" and args:
        return iter_errors(interp, args, keywords)
    if method in {"format", "join"} and receiver.kind in MARKUP_KINDS:
        # NOTE: `Markup(...).format()` and `.join()` escape what they are given.
        return Value(cleanse(_all(args, keywords, receiver), HTML_CLEANSED), kind=receiver.kind)
    if method in _PATH_RENAMES and receiver.kind.startswith("pathlib."):
        # NOTE: `page.with_suffix(".md")`: the same folder, the name changed: still a path,
        # holding what the path and the new name held.
        return Value(_all(args, keywords, receiver), kind=receiver.kind)
    if method in STRING_METHODS:
        return string_method(interp, node, method, receiver, receiver_node, args, keywords)
    if reordered(method, node.args):
        # NOTE: what was first may no longer be: the known positions are forgotten.
        interp.forget_positions(receiver_node, env)
    if method in CONTAINER_METHODS:
        read = container_method(interp, node, method, receiver, args)
        if method == "to_dict" and listed(keywords):
            return Value(read.taint, read.parts, LISTED_VALUES)
        return _converted(interp, method, read, keywords)
    if method == "update" and not keywords and _keyed_update(interp, receiver_node, args, env):
        return CLEAN
    if (
        method == "update"
        and not keywords
        and _values_update(interp, receiver, receiver_node, args, env)
    ):
        return CLEAN
    if method == "append" and _adds_display(receiver, receiver_node, args):
        assert isinstance(receiver_node, ir.Local)  # noqa: S101 - checked by `_adds_display`
        step = interp.step("added with `.append()`")
        env[receiver_node.name] = dicts_appended(receiver, args[0][1], step)
        return CLEAN
    options = receiver.part(OPTIONS) if method in _LIST_ADDERS and len(args) == 1 else None
    if options is not None:
        # NOTE: `cmd = ["git", "log"]; cmd.append(rev)`: what the program may read as options.
        grown = options_added(options, args[0][0], args[0][1], one=method == "append")
        interp.update(receiver_node, OPTIONS, grown, env)
    if method in MUTATORS and _puts_in(
        interp, method, receiver, receiver_node, args, keywords, env
    ):
        added = _all(args, keywords)
        if added:
            step = interp.step(f"added with `.{method}()`")
            if method in _FILE_WRITES and receiver.kind in FILE_OBJECTS:
                # NOTE: what is written is the file's content, which reading it gives
                # back; its `.name` stays the path it was opened or made at.
                held = receiver.part(WRITTEN)
                written = union(held.whole() if held else EMPTY, extend(added, step))
                interp.update(receiver_node, WRITTEN, Value(written), env)
            else:
                if furl_query_part(receiver_node, lambda n: interp.expr(n, env)):
                    added = cleanse(added, QUERY_KINDS)
                interp.update(receiver_node, "", Value(extend(added, step)), env)
        return CLEAN
    if method in SQL_EXPRESSION_METHODS or (
        method in COLUMN_ONLY_METHODS and receiver.kind == COLUMN_EXPRESSION
    ):
        return column_expression(args, keywords, receiver)
    if method == "mogrify":
        return mogrified(args, keywords)
    if method == "generate_presigned_url":
        return presigned_url(args, keywords, receiver)
    if method == "get_signed_url" and receiver.kind in SIGNED_URL_STORES:
        return signed_store_url(args, keywords, receiver)
    if method in AUTHORIZATION_CHECKS and args:
        return checked_authorization(args, keywords, receiver)
    if method in SERVER_ANSWERS and args:
        return server_answer(args, keywords, receiver)
    if (stored := stored_object(method, args, keywords, receiver)) is not None:
        return stored
    if method in {"make_table", "make_file"} and receiver.kind in HTML_DIFFERS:
        return html_diff(args, keywords, receiver)
    if method in SQL_STATEMENT_METHODS and not receiver.kind.startswith("sqlalchemy"):
        # NOTE: what the receiver held is bound in the statement it builds; an argument
        # is judged as given (SQLAlchemy 1.x took a string criterion as SQL text).
        given = _all(args, keywords)
        if method in SQL_ROW_COUNT_METHODS:
            given = cleanse(given, SQL_CLEANSED)
        return Value(union(cleanse(receiver.whole(), SQL_CLEANSED), given))
    if method in SQL_UPSERT_METHODS and not receiver.kind.startswith("sqlalchemy"):
        # NOTE: the values an upsert sets are bound as `insert().values()` binds its own;
        # only a criterion (`where="..."`) may be SQL text, judged as given.
        criteria: Keywords = [(k, e, v) for k, e, v in keywords if k in SQL_UPSERT_CLAUSES]
        values: Keywords = [(k, e, v) for k, e, v in keywords if k not in SQL_UPSERT_CLAUSES]
        bound = cleanse(_all(args, values, receiver), SQL_CLEANSED)
        return Value(union(bound, _all([], criteria)))
    if method in ORM_COMPILED_SQL:
        # NOTE: `qs.query.where.as_sql(compiler, connection)`: Django compiles lookups to
        # placeholders with separate params; request data can only enter its text
        # through `extra()` or `RawSQL`, which WW441 judges where it enters.
        return Value(cleanse(_all(args, keywords, receiver), SQL_CLEANSED))
    if receiver.tainted and opens_named_file(method, receiver.kind):
        receiver = Value(opened(receiver.whole()), kind=receiver.kind)
    return unknown(interp, node, method, receiver, args, keywords)


def _puts_in(
    interp: Interpreter,
    method: str,
    receiver: Value,
    receiver_node: ir.Expr,
    args: Args,
    keywords: Keywords,
    env: Env,
) -> bool:
    """Whether a `MUTATORS` call puts its arguments in the receiver. A set's `add(item)`
    takes one item; `add(key, value)` or `add(..., category=...)` is a multi-valued
    mapping's (Werkzeug's `MultiDict`, a `furl`'s query) only on such a receiver, and
    otherwise some manager's own method (evennia's `obj.attributes.add(key, value)`,
    which stores in the database), not modelled."""
    if method != "add" or (len(args) == 1 and not keywords):
        return True
    if receiver.kind.startswith(_MULTI_VALUED_MAPPINGS):
        return True
    return furl_query_part(receiver_node, lambda n: interp.expr(n, env))


_MULTI_VALUED_MAPPINGS = ("werkzeug.datastructures.",)
_FILE_WRITES = frozenset({"write", "writelines"})
WRITTEN = "<written>"
"""The part of a file object holding what the code wrote into it."""


def _authentication_form(interp: Interpreter, kind: str) -> bool:
    """An instance of Django's `AuthenticationForm`, or of a project's subclass of it
    that keeps Django's `get_user()`."""
    if kind in AUTHENTICATION_FORMS:
        return True
    index = interp.engine.index
    return (
        kind.startswith("cls:")
        and index.inherits(kind[4:], AUTHENTICATION_FORMS)
        and index.method(kind[4:], "get_user") is None
    )


_PATH_RENAMES = frozenset({"with_suffix", "with_name", "with_stem", "absolute", "expanduser"})
"""`pathlib` methods giving the path with its name (or form) changed, not normalised."""


def _known(interp: Interpreter, receiver: Value, method: str) -> bool:
    """Whether what the method does is known from the receiver's kind, not a request
    method read from a parameter: an HTTP client's `get(url)` fetches the URL, a project
    class's own `get()` is followed (`self.client.get(url)`, `self.client = Client()`),
    a decompressing file's `read()` reads the file object it wraps."""
    kind = receiver.kind
    if kind.startswith("cls:"):
        return interp.engine.index.method(kind[4:], method) is not None
    return kind.startswith(HTTP_CLIENTS) or kind in DECOMPRESSING_FILES


def _sqlalchemy_query(receiver: Value, node: ir.Expr) -> bool:
    """A SQLAlchemy query as written where it is used (`User.query.filter_by(id=1)`): not
    a row, nor a row's JSON column (`source.options.update(...)`), which share its kind."""
    if not receiver.kind.startswith("<orm:sqlalchemy"):
        return False
    return isinstance(node, ir.Call) or (isinstance(node, ir.Attr) and node.attr == "query")


def _keyed_update(interp: Interpreter, receiver_node: ir.Expr, args: Args, env: Env) -> bool:
    """`context.update({"scan": f, "scan_type": kind})`: each key gets its own value as its
    part, as `context["scan"] = f` would, so a later `context.get("scan_type")` reads that
    value alone, and a value with keys of its own keeps them. So does a mapping whose keys are all known, such as the dict display a
    project function returns (`headers.update(error_headers(message))`). False (nothing
    done) for any other argument: a mapping of unknown keys merges whole (and
    `qs.update(field=value)` is no dict's)."""
    if len(args) != 1:
        return False
    shown = args[0][1]
    if not (isinstance(args[0][0], ir.DictE) or known_keys(shown)):
        return False
    if shown.taint or OTHERS in (shown.parts or {}):
        return False
    step = interp.step("added with `.update()`")
    for key, value in (shown.parts or {}).items():
        if value.tainted:
            # NOTE: the value keeps its own keys, as an item assignment's would
            # (`{"alerts": helper(request)}`: its constant `help_url` is not its `type`).
            added = Value(extend(value.taint, step), value.parts, kind=value.kind)
            interp.update(receiver_node, key, added, env)
    return True


def _values_update(
    interp: Interpreter, receiver: Value, receiver_node: ir.Expr, args: Args, env: Env
) -> bool:
    """`kwargs.update(found)`, `found` a dict display whose keys the code wrote and whose
    values hold request data (`merged_values`): the receiver, a local, gains those values
    apart from its keys. False (nothing done) for any other merge."""
    if len(args) != 1 or not isinstance(receiver_node, ir.Local):
        return False
    merged = values_merged(receiver, args[0][1], interp.step("added with `.update()`"))
    if merged is None:
        return False
    env[receiver_node.name] = merged
    return True


_VIEW_RENDERERS = frozenset(VIEW_METHOD_RENDERERS)
"""Flask-AppBuilder's and Flask-Admin's view-class render methods (the template model's)."""


def _view_renders(method: str, receiver: Value, receiver_node: ir.Expr, args: Args) -> bool:
    """`self.render_template("page.html", ...)` in a view class (a template by name), or a
    project's override passing its arguments on to `super().render_template(...)`."""
    if method not in _VIEW_RENDERERS:
        return False
    if receiver.kind.startswith("super:"):
        return method == "render_template"
    template = args[0][0] if args else None
    return (
        isinstance(receiver_node, ir.Local)
        and receiver_node.name == "self"
        and isinstance(template, ir.Const)
        and isinstance(template.value, str)
        and "." in template.value
    )


def reordered(method: str, args: tuple[ir.Expr, ...]) -> bool:
    """Whether the call moves a list's elements: `insert`, `sort`, `remove`, and `pop`
    of any position but the last (a dict's `pop("key")` moves nothing)."""
    if method in _REORDERS:
        return True
    if method != "pop" or not args:
        return False
    index = args[0]
    return not (isinstance(index, ir.Const) and (isinstance(index.value, str) or index.value == -1))


_LOOKUPS = frozenset({"filter", "exclude", "filter_by", "get"})
_ALL_ROWS = frozenset({"filter", "exclude", "all"})
_ORDERINGS = frozenset({"order_by"})
"""An ORM query's ordering (Django's `QuerySet`, SQLAlchemy's `Query` and `Select`): a
SQL sink judged it (`text()` in SQLAlchemy's) before; what it returns holds the rows."""
QUERYSET_ONLY_METHODS = frozenset(
    {
        "select_related",
        "prefetch_related",
        "select_for_update",
        "only",
        "defer",
        "annotate",
        "alias",
        "values_list",
    }
)
"""Methods no type but a Django `QuerySet` (or manager) has."""


_CRITERIA = frozenset({"filter", "where", "having"})


def _field_values(method: str, args: Args, keywords: Keywords) -> bool:
    """`queryset.values("name", field)`: a dict's `values()` takes no argument."""
    return method == "values" and bool(args or keywords)


def _criteria_only(method: str, args: Args, keywords: Keywords) -> bool:
    """A SQLAlchemy query's `filter`, `where` or `having` whose every argument that holds
    data is a column expression (`Bill.what.ilike(...)`, `Bill.id.in_(ids)`)."""
    if method not in _CRITERIA or keywords:
        return False
    held = [value for _, value in args if value.tainted]
    return bool(held) and all(value.kind == COLUMN_EXPRESSION for value in held)


def _lookup(method: str, args: Args, keywords: Keywords) -> str:
    """How an ORM query picks its rows by keywords only (a dict's `get` takes its key
    positionally): `named` fields (`.filter(field=value)`, `.get(pk=value)`,
    `.filter_by(name=value)`), lookups `spread` from a mapping, some or all
    (`.filter(**{f"{prefix}__in": ids})`), or "" when it is no such query."""
    if method not in _LOOKUPS or args or not keywords:
        return ""
    if any(key is not None and key.startswith("_") for key, _, _ in keywords):
        return ""
    return "spread" if any(key is None for key, _, _ in keywords) else "named"


def column_expression(args: Args, keywords: Keywords, receiver: Value | None = None) -> Value:
    """What a SQLAlchemy column operator builds: an expression whose operands are bound
    parameters, on a column whose name SQLAlchemy quotes, so neither can change the SQL
    (the data may still reach other sinks). String methods of the same names
    (`startswith`) return booleans."""
    taint = _all(args, keywords, receiver)
    return Value(cleanse(taint, SQL_CLEANSED), kind=COLUMN_EXPRESSION)


_SLASH_METHODS = frozenset({"replace", "translate", "decode"})
_START_CUTTERS = frozenset({"removeprefix", "lstrip", "strip"})
"""String methods that, given what to take out, may take out the string's start."""


def _may_cut_start(method: str, taken: ir.Expr, held: Taint) -> bool:
    """Whether `s.<method>(taken)` may take out the `/` a path starts with, or the scheme
    a URL does: a prefix may; stripped characters may unless they are constant and hold
    no `/` nor letter (`strip(" ")` of a path takes nothing from its start), or no letter
    when every source the string holds is the request's own absolute URL
    (`request.host_url.strip("/")`: it starts with `http`)."""
    if method == "removeprefix" or not isinstance(taken, ir.Const):
        return True
    chars = taken.value
    if not isinstance(chars, str) or any(c.isalpha() for c in chars):
        return True
    schemed = bool(held) and all(SCHEME_START in label.cleansed for label in held)
    return "/" in chars and not schemed


"""String methods whose result may hold a `/` the string did not."""


def string_method(
    interp: Interpreter,
    node: ir.Call,
    method: str,
    receiver: Value,
    receiver_node: ir.Expr,
    args: Args,
    keywords: Keywords,
) -> Value:
    """`s.strip()`, `"...".format(x)`, `", ".join(parts)`."""
    if method == "format" and isinstance(receiver_node, ir.Const):
        args, keywords = _formatted_args(interp, receiver_node.value, args, keywords)
    if method in _ARGUMENTS_LEFT_OUT:
        added = union()
    elif method == "replace":
        # NOTE: `url.replace(request.path, "")`: what is replaced is taken out.
        added = _all(args[1:], keywords)
    else:
        added = _all(args, keywords)
    # NOTE: a date's `strftime()` writes digits and month names, whatever the date: only
    # the format given carries text through (as `isoformat()` carries none).
    held = reopened(receiver.whole()) if method in _SLASH_METHODS else receiver.whole()
    if method in _START_CUTTERS and args and _may_cut_start(method, args[0][0], held):
        # NOTE: `request.path.removeprefix("/en-US")` of `/en-US//evil.example`.
        held = reopened(held, START_MARKS)
    kind = (
        "<list>" if method in {"split", "rsplit", "splitlines", "partition", "rpartition"} else ""
    )
    if method == "replace" and len(args) == 2 and not keywords:
        held, dotless = string_replaced(receiver, receiver.kind == DOTLESS, args[0][0], args[1][0])
        kind = DOTLESS if dotless else doubled_kind(args[0][0], args[1][0])
    taint = added if method == "strftime" else union(held, added)
    if method in {"lstrip", "strip"} and args and isinstance(args[0][0], ir.Const):
        stripped = args[0][0].value
        if isinstance(stripped, str) and "/" in stripped:
            kind = UNROOTED
    if receiver.kind in DJANGO_REVERSE and method in {"rstrip", "removesuffix"}:
        kind = TRIMMED_SITE_URL
    if receiver.kind == DOTLESS and method in _CASE_METHODS:
        kind = DOTLESS
    if (
        method == "format"
        and isinstance(receiver_node, ir.Const)
        and isinstance(receiver_node.value, str)
        and all(not isinstance(arg, ir.Star) for arg, _ in args)
        and all(name for name, _, _ in keywords)
    ):
        named = {str(name): value for name, _, value in keywords}
        texts = {str(at): text for at, (arg, _) in enumerate(args) if (text := const_text(arg))}
        texts |= {str(name): text for name, arg, _ in keywords if (text := const_text(arg))}
        template = inline_constants(receiver_node.value, texts)
        found = formatted_url(template, [value for _, value in args], named)
        if found is not None:
            taint, closed = found
            kind = CLOSED_URL if closed else ""
    elif method == "format" and receiver.kind == CLOSED_URL:
        # NOTE: a template whose text is known elsewhere to start with a fixed scheme
        # and host (`API.ITEM.format(id=...)`, `ITEM = "https://api.example.org/{id}"` in
        # a config module): every field of it is past the host.
        taint, kind = union(held, cleanse(added, QUERY_KINDS)), CLOSED_URL
    joined = _joined_url(receiver_node, method, args)
    if joined is not None:
        taint, closed = joined
        kind = CLOSED_URL if closed else ""
    if added and method in _JOINERS:
        taint = extend(taint, interp.step(_JOINERS[method]))
    if method in _FIRST_KEPT and kind == "<list>":
        # NOTE: `COMMAND.split(" ")` has a first element, cut from the start of the text:
        # it stays the program when more is added (`cmd.append(path)`), as a display's.
        return Value(taint, {"#0": Value(held)} | _dotless_parts(node, held), kind)
    if not taint:
        return Value(kind=kind) if kind else CLEAN
    return Value(taint, kind=kind)


def _dotless_parts(call_node: ir.Expr, held: Taint) -> dict[str, Value]:
    """The leading pieces of a split on dots that hold none, as parts, so that one read
    from a local holding the list (`parts = name.rsplit(".", 1)`, `parts[1]`) is known
    to hold no dot as one read from the call itself is."""
    found = split_on_dots(call_node)
    if found is None:
        return {}
    method, limit = found
    return {
        f"#{at}": Value(held, kind=DOTLESS)
        for at in range(KEPT_POSITIONS)
        if dotless_position(method, limit, at)
    }


_FIRST_KEPT = frozenset({"split", "rsplit"})
"""String methods giving a list whose first element holds the start of the text: never
empty with a separator given (`"".split(" ")` is `[""]`); without one, a blank text
gives none, and a command so configured runs nothing the client chose either."""


def _formatted_args(
    interp: Interpreter, template: object, args: Args, keywords: Keywords
) -> tuple[Args, Keywords]:
    """The arguments of `template.format(...)`, each judged by the text beside its field
    (quoted for SQL by hand, `sql_quoting`; kept in one path segment by fixed text beside
    it, `"{}_{}.json".format(a, b)`, as an f-string's parts are)."""
    fields = format_fields(template) if isinstance(template, str) else {}
    if not fields or any(isinstance(arg, ir.Star) for arg, _ in args):
        return args, keywords

    def judged(key: int | str | None, value: Value) -> Value:
        beside = fields.get(key) if key is not None else None
        if beside is None or not value.tainted:
            return value
        taint = cleanse(value.whole(), _PINNED) if pinned(*beside) else value.whole()
        # NOTE: the kind stays: it says what the string starts with (`closes`).
        return Value(hand_quoted(taint, value.kind, beside, interp.step), kind=value.kind)

    return (
        [(arg, judged(at, value)) for at, (arg, value) in enumerate(args)],
        [(name, arg, judged(name, value)) for name, arg, value in keywords],
    )


def _joined_url(receiver_node: ir.Expr, method: str, args: Args) -> tuple[Taint, bool] | None:
    """`"?".join([url, request.META["QUERY_STRING"]])`: a constant separator joining a
    display is the template `"{}?{}"`, which `formatted_url` judges (the items after a
    `?` fill the query string only); None for any other join."""
    if method != "join" or len(args) != 1 or not isinstance(receiver_node, ir.Const):
        return None
    separator, (items, value) = receiver_node.value, args[0]
    if not isinstance(separator, str) or not isinstance(items, ir.Seq):
        return None
    if any(isinstance(item, ir.Star) for item in items.elts) or len(items.elts) > MAX_PARTS:
        return None
    values = [value.part(f"#{index}") or CLEAN for index in range(len(items.elts))]
    escaped = separator.replace("{", "{{").replace("}", "}}")
    return formatted_url(escaped.join("{}" for _ in values), values, {})


_PINNED = frozenset({IN_SEGMENT})


_ARGUMENTS_LEFT_OUT = frozenset(
    {"strip", "lstrip", "rstrip", "removeprefix", "removesuffix", "split", "rsplit"}
    | {"splitlines", "encode", "decode", "expandtabs", "zfill"}
)
"""String methods whose arguments say what to take out or how, and are not in the result
(`partition` gives its separator back, `center` its fill character)."""


def container_method(
    interp: Interpreter, node: ir.Call, method: str, receiver: Value, args: Args
) -> Value:
    """`d.get("k", default)`, `qs.getlist("k")`, `d.items()`, `f.read()`."""
    if method in {"get", "getlist", "pop", "__getitem__", "setdefault", "getone"} and args:
        first, _ = args[0]
        key = key_of(first) or session_item(receiver.kind, first)
        uploads = receiver.fresh and receiver.kind == DJANGO_UPLOADS
        defaults = union(*(v.whole() for _, v in _defaults(receiver, args)))
        if uploads and method in {"getlist", "pop"}:
            # NOTE: a `MultiValueDict` keeps a list for each key, which these give whole
            listed = widen(receiver, f"`{interp.render(node)}`")
            return Value(union(listed.taint, defaults), kind=DJANGO_UPLOAD_LIST)
        read = interp.read_item(receiver, key, node) if key or uploads else Value(receiver.whole())
        return read.with_taint(defaults) if defaults else read
    if receiver.fresh and method in {"get_json", "to_dict", "dict"}:
        return receiver
    if method == "copy" and not args:
        return receiver  # NOTE: the same keys holding the same values
    if method in {"keys", "items"} and not args:
        keys = keys_of(interp, node, receiver)
        if method == "keys":
            return Value(keys)
        pair = {"#0": Value(keys), "#1": Value(receiver.whole())}
        return Value(parts={key: part for key, part in pair.items() if part.taint}, kind=PAIRS)
    return Value(receiver.whole())


def _defaults(receiver: Value, args: Args) -> Args:
    """The default of `get(key, default)` (and `pop`, `setdefault`), which comes back when
    the key is missing; of Werkzeug's `get(key, default, type)` on request data too, whose
    third argument converts. A `get` of another object taking three arguments or more is
    no mapping's but a lookup by several keys (`store.get(service_id, document_id, key)`):
    as a mapping's item, what it gives is what the object holds under them."""
    if len(args) == 2 or (len(args) == 3 and receiver.tainted):
        return args[1:2]
    return []


def _converted(interp: Interpreter, method: str, read: Value, keywords: Keywords) -> Value:
    """A read through Werkzeug's `MultiDict.get(key, default, type=int)` (and `getlist`):
    what it gives back is the converter's result (an int, a float), or the default when
    the conversion fails, never the text sent."""
    if method not in {"get", "getlist"} or not read.tainted:
        return read
    for name, expr, _ in keywords:
        if name == "type" and isinstance(expr, ir.Global):
            kinds = interp.engine.sanitiser_kinds(expr.name)
            if kinds:
                return Value(cleanse(read.whole(), kinds), kind=read.kind)
    return read


def unknown(
    interp: Interpreter, node: ir.Call, name: str, receiver: Value, args: Args, keywords: Keywords
) -> Value:
    """A call webwarden does not model: its result may carry its inputs' data. A method
    called on a parameter of the function summarised whose kind is not known here
    (`context.details(item.id)` in a helper) gives what that method returns on the
    object each caller passes, read there (`binding.method_result`): a project class's
    method, followed, may return less than the whole object."""
    given = [value for _, value in args] + [value for _, _, value in keywords]
    result = result_of_parameter(interp, node, name, receiver)
    if result is None:
        given.append(receiver)
    taint = union(*(_handed_on(value) for value in given))
    model = model_parameter(receiver) if name in PARSERS and result is not None else None
    if model is not None and taint:
        # NOTE: `schema_class.model_validate(payload)` in a helper given the class: the
        # caller's class decides what the fields hold (see `parsed_models`).
        taint = parsed_marked(taint, model)
    kind = name if "." in name else ""
    if receiver.kind and not receiver.kind.startswith(("<", "cls:", "ref:", "super:")):
        kind = method_kind(receiver.kind, name)
    if name == "execute" and receiver.kind.startswith(DISCOVERY_CLIENTS):
        # NOTE: the answer of a Google API (`api.videos().list(id=video_id).execute()`):
        # the service's own records, not the parameters the request was sent with.
        return Value(kind=kind)
    typed: dict[str, Value] = {}
    if receiver is not CLEAN and not args and (name == "save" or (name == "create" and keywords)):
        # NOTE: `form.save()`, `serializer.save()`: the object saved (a storage's
        # `save(name, content)`, which returns the name, takes arguments); a manager's
        # `create(**fields)`, the row the database made: its key is the database's.
        kind = SAVED_MODEL
    if taint:
        shown = f".{name}()" if receiver is not CLEAN else f"{interp.callee_text(node)}()"
        step = interp.step(f"passed through `{shown}`, which webwarden does not model")
        taint = extend(taint, step, approx=True)
    whole = union(taint, result or EMPTY)
    if kind == SAVED_MODEL and name == "save":
        typed = saved_fields(interp.engine.index, receiver, whole)
        kind = saved_instance_kind(interp.engine.index, receiver)
    return Value(whole, typed or None, kind=kind)


def result_of_parameter(
    interp: Interpreter, node: ir.Call, name: str, receiver: Value
) -> Taint | None:
    """The method's result as the parameter's symbol read at `.name()`, when the receiver
    is a parameter (or its attribute) of unknown kind: each caller reads it on what it
    passed. None for any other receiver, a dunder, or a request method (read as before)."""
    if receiver.kind or receiver.parts or not receiver.taint or name.startswith("__"):
        return None
    if name in REQUEST_METHODS:
        return None
    if any(label.origin.kind != "param" for label in receiver.taint):
        return None
    result = interp.refine(receiver.taint, f".{name}()", node)
    return result if all(label.origin.path[-1:] == (f".{name}()",) for label in result) else None


def _handed_on(value: Value) -> Taint:
    """What an unmodelled call may give back of a value it is given: all of it, but of the
    framework's request object nothing. Such a call could read any of the request's data
    (`request.GET` too), which is not taken as passed on; what the code stored on it
    (`request.session["device"] = {"agent": ...}`, read back as the server's own
    session) is no more so (Plane's `base_host(request=request)` after `user_login`)."""
    return EMPTY if value.kind == "<request>" else value.whole()


def method_kind(receiver: str, method: str) -> str:
    """The kind of what `method` of an object made by an external call gives
    (`Session().get()`: `requests.Session.get`). A pathlib path's `resolve()` gives a
    resolved path whichever path it was: one joined from a resolved root
    (`(root.resolve() / name).resolve()`, timesketch's upload path) too."""
    if method == "resolve" and receiver.startswith("pathlib."):
        return RESOLVED_PATH
    return f"{receiver}.{method}"


DISCOVERY_CLIENTS = ("googleapiclient.discovery.build.", "apiclient.discovery.build.")
"""Objects of a Google API client made by `build(...)` (`apiclient` is its old name):
their methods make requests to the service, whose `execute()` gives its answer."""
_URL_KINDS = frozenset({"url"})
_ANSWERED = frozenset({ANSWERED})
_PAIR_KEEPERS = frozenset({"list", "tuple", "sorted", "reversed", "iter"})
SAML_AUTH = "onelogin.saml2.auth.OneLogin_Saml2_Auth"
STORED_LOOKUPS = frozenset({"find_one", "find_one_and_delete", "distinct", *KEY_VALUE_READS})
"""Lookups of a document store (pymongo's collections) or a key-value store (Redis's
`hget`, `smembers`, `zrange`) answering with what it holds."""
_NAMED_RESULTS = STORED_LOOKUPS | OAUTH_CLIENT_REQUESTS
_LOOKUP_VERBS = frozenset({"lookup", "find", "get", "fetch"})


def keyed_lookup(method: str) -> bool:
    """Whether a method's name says it looks an object up by a key (`lookupByName`,
    `storagePoolLookupByUUIDString`, `find_by_email`, `get_by_natural_key`)."""
    words = identifier_words(method)
    return any(verb in _LOOKUP_VERBS and by == "by" for verb, by in itertools.pairwise(words))


"""Methods whose result `call_method` knows by their name alone."""
SAML_REDIRECTS = frozenset({"login", "logout", "process_slo"})
PYSAML2_CLIENTS = frozenset({"saml2.client.Saml2Client"})
PYSAML2_REDIRECTS = frozenset(
    {
        "prepare_for_authenticate",
        "prepare_for_negotiated_authenticate",
        "handle_logout_request",
        "global_logout",
    }
)
"""pysaml2 service-provider methods answering with where to send the browser: an endpoint
of an identity provider from the metadata, not one the arguments name (unlike
`apply_binding(binding, message, destination)`)."""
PYSAML2_ENTITIES = frozenset({*PYSAML2_CLIENTS, "saml2.server.Server", "saml2.entity.Entity"})
"""pysaml2's entities, a service provider's client or an identity provider's server: both
pick the partner's endpoints from the metadata (`pick_binding`) and bind messages to them
(`apply_binding`)."""
_PYSAML2_ROUTING = frozenset({"pick_binding", "apply_binding"})
_DESTINATION_POSITION = 2
"""`apply_binding(binding, msg_str, destination, ...)`."""


def _pysaml2_routed(method: str, args: Args, keywords: Keywords, receiver: Value) -> Value:
    """pysaml2's `pick_binding(service, bindings, descr_type, entity_id=...)` answers with
    the binding and location of the service the metadata lists for the entity (an entity
    not in it raises): the arguments choose among the partner's registered endpoints,
    never the URL. `apply_binding(binding, message, destination)` sends the message to
    `destination`: the answer's URL or form action is that destination's, the message
    and relay state only its query or fields."""
    if method == "pick_binding":
        return Value(cleanse(_all(args, keywords, receiver), URL_CHECKED))
    destination = _keyword(keywords, "destination")
    if destination is None and len(args) > _DESTINATION_POSITION:
        destination = args[_DESTINATION_POSITION]
    others = [a for a in args if a is not destination]
    rest = cleanse(
        _all(others, [k for k in keywords if k[0] != "destination"], receiver), URL_CHECKED
    )
    return Value(rest if destination is None else union(destination[1].whole(), rest))


SSO_CLIENTS = frozenset({SAML_AUTH, *PYSAML2_CLIENTS})
"""The SAML libraries' objects whose methods above answer with an identity provider's
URL: an instance attribute made of one keeps its kind (see `ObjectModel`)."""
LTI_LOGINS = frozenset(
    {
        "pylti1p3.oidc_login.OIDCLogin",
        "pylti1p3.contrib.django.DjangoOIDCLogin",
        "pylti1p3.contrib.django.oidc_login.DjangoOIDCLogin",
        "pylti1p3.contrib.flask.FlaskOIDCLogin",
        "pylti1p3.contrib.flask.oidc_login.FlaskOIDCLogin",
    }
)
LTI_CHAINED = frozenset({"enable_check_cookies", "disable_check_cookies", "pass_params_to_launch"})
LTI_REDIRECTS = frozenset({"redirect", "get_redirect", "get_redirect_object"})


def answer(
    interp: Interpreter,
    node: ir.Call,
    sink: Sink,
    args: Args,
    keywords: Keywords,
    receiver: Value | None,
    kind: str,
) -> Value:
    """What an outbound request returns: the server's answer, which holds what the server
    chose to send. Data the URL holds after a fixed or checked host, and what the other
    arguments carry (headers, auth, query parameters, the body, the client's settings),
    choose none of it. Data that could choose the server (the URL's, not yet safe for
    URLs) stays in it, made safe for URLs (a request to a URL the answer gives is the
    forgery the first request is reported for), and approximate: the answer is the
    client's to choose only if the client runs the server it named, and what the code
    makes of it (`.json()`, a dict sent as JSON) is not known."""
    found = _argument(sink, args, keywords, receiver)
    chosen = reaching(found[1].whole(), "url") if found is not None else {}
    if not chosen:
        return Value(kind=kind)
    step = interp.step(f"answered by the server `{interp.callee_text(node)}()` requested")
    answered = marked_symbols(answered_to_chooser(cleanse(chosen, _URL_KINDS)), _ANSWERED)
    return Value(extend(answered, step, approx=True), kind=kind)


# -- sinks ---------------------------------------------------------------------------


def check_sink(
    interp: Interpreter,
    sink: Sink,
    node: ir.Call,
    args: Args,
    keywords: Keywords,
    receiver: Value | None,
) -> None:
    """Report (or summarise) the data reaching a sink's dangerous arguments."""
    found = _argument(sink, args, keywords, receiver)
    if found is None:
        return
    argument_node, argument = found
    sink = django_template_sink(sink, node, receiver, interp.engine.index)
    sink = sandboxed_template_sink(sink, receiver, interp.engine.index)
    if sink.check == "html_type" and any(
        isinstance(given, ir.Const) and script_type(str(given.value))
        for given, _ in _given_types(node, args, keywords, interp.function)
    ):
        sink = SCRIPT_RESPONSE
    if sink.check == "shell":
        check_options(interp, node, argument, keywords)
    kept, approx = judged(interp, sink, node, argument_node, argument, args, keywords, receiver)
    if kept is None:
        return
    taint = reaching(cleanse(kept.whole(), sink.escapes), sink.kind)
    if not taint:
        return
    text = interp.callee_text(node) + "()"
    taint = extend(taint, interp.step(f"{sink.action} by `{text}`"), approx=approx)
    interp.reached(
        sink.rule, interp.relpath, node.pos, text, taint, _receiver_needed(sink, receiver)
    )


def _receiver_needed(sink: Sink, receiver: Value | None) -> frozenset[Label]:
    """For a sink judged only on a receiver carrying request data (`upload.save(path)`)
    whose data, if any, comes only from the function's parameters: those, one of which
    a caller must hand such data in (an `action.save(data)` made of a caller's constant
    is no upload, whatever data reaches it)."""
    if sink.check != "tainted_receiver" or receiver is None or has_source(receiver.taint):
        return frozenset()
    return frozenset(symbolic(receiver.taint))


_LIST_ADDERS = frozenset({"append", "extend"})


def check_options(interp: Interpreter, node: ir.Call, argv: Value, keywords: Keywords) -> None:
    """Request data where the program of an argument list run without a shell reads
    options (see `command_options`)."""
    options = argv.part(OPTIONS)
    if options is None or not _shell_off(_keyword(keywords, "shell")):
        return
    taint = reaching(options.whole(), "option")
    if not taint:
        return
    text = interp.callee_text(node) + "()"
    program = options.kind.removesuffix(ENDED) or "the program"
    note = f"placed where `{program}` reads options, run by `{text}`"
    interp.reached("WW1117", interp.relpath, node.pos, text, extend(taint, interp.step(note)))


def judged(
    interp: Interpreter,
    sink: Sink,
    node: ir.Call,
    argument: ir.Expr | None,
    value: Value,
    args: Args,
    keywords: Keywords,
    receiver: Value | None,
) -> tuple[Value | None, bool]:
    """The part of the argument that matters after the sink's check, and whether the
    judgement approximated (None: the call is safe)."""
    if sink.kind == "sql" and value.kind.startswith("cls:"):
        return None, False  # NOTE: an object of the project's (a context, a model), not SQL text
    if sink.rule == "WW440" and value.kind == "<dict>":
        # NOTE: a mapping is no statement (a payment SDK's `payment.execute({"payer_id":
        # ...})`); `.extra(select={...})`, whose values are SQL, is WW441's.
        return None, False
    if sink.kind == "nosql" and receiver is not None and has_source(receiver.taint):
        # NOTE: the receiver is the client's data itself, a string (`key.find(name) != -1`
        # over the keys of `request.POST`): no collection is made of request data.
        return None, False
    check = sink.check
    if check == "html_object":
        return _html_method(interp, argument, value), False
    if check == "shell":
        shell = _keyword(keywords, "shell")
        if shell is None or _shell_off(shell):
            if value.kind in {"<list>", "<tuple>"}:
                first = position_of(value, 0)
                known = first.tainted or not value.taint or value.part("#0") is not None
                return (first, False) if known else (value, True)
            # NOTE: a parameter's element 0: a caller's `["tool", *args]` runs its tool,
            # a caller's string runs as a whole (`read_path` gives all of it).
            return Value(refined(value.whole(), ("#0",))), False
        return value, not isinstance(shell[0], ir.Const)
    if check == "yaml":
        loader = _keyword(keywords, "Loader") or (args[1] if len(args) > 1 else None)
        if loader is not None and _last(loader[0]) in SAFE_YAML_LOADERS:
            return None, False
        return value, False
    if check == "numpy":
        allow = _keyword(keywords, "allow_pickle")
        return (
            (value, False)
            if allow and isinstance(allow[0], ir.Const) and allow[0].value
            else (None, False)
        )
    if check == "html_type":
        given = _given_types(node, args, keywords, interp.function)
        if any(_not_html(interp, *found) for found in given):
            return None, False
        if _plain_by_default(node, args, keywords, given):
            return None, False
        if iterated_error_dict(node.callee, argument):
            return None, False  # NOTE: the form's field names, not its messages
        if value.kind in ANNOTATED_JSON and (node.callee or "").endswith(".make_response"):
            return None, False  # NOTE: Flask sends a list or a dict as JSON
        return (None, False) if not_a_page(value.kind) else (value, False)
    if check == "not_model":
        if is_saved(value.kind) or value.kind in OBJECT_OR_404:
            return None, False  # NOTE: Django redirects to the instance's get_absolute_url()
        return without_attributes(value), False
    if check == "file_object" and (
        value.kind in FILE_OBJECTS or _project_stream(interp, value.kind)
    ):
        return None, False  # NOTE: `send_file(BytesIO(data))` sends the object, not a path
    if check == "built_string":
        strings = value.kind in {CLOSED_URL, REQUEST_DATA, MAYBE_UPLOAD}
        built = strings or not value.kind.startswith(("sqlalchemy", "<"))
        return (value, False) if built else (None, False)
    if check == "where":
        return _where(value), False
    if check == "operator":
        return json_conditions(value), False
    if check == "whole_filter":
        return whole_filter(value), False
    if check == "environment":
        named = receiver.kind.rsplit(".", 1)[-1] if receiver is not None else ""
        if receiver is not None and _project_environment(interp, receiver.kind):
            return value, False
        if named[:1].isupper() and named not in TEMPLATE_ENVIRONMENTS:
            return None, False
        if receiver is not None and _top_level_module(receiver.kind):
            return None, False
        return value, False
    if check == "bare_prefix":
        # NOTE: only a prefix not written to end in a separator (`lower_expr`).
        bare = any(name == BARE_PREFIX for name, _, _ in keywords)
        return (value, False) if bare else (None, False)
    if check == "whole_read":
        # NOTE: `read(size)` stops at `size`; `read()` and `read(-1)` read to the end.
        size = args[0] if args else _keyword(keywords, "size")
        whole = size is None or (isinstance(size[0], ir.Const) and size[0].value in (-1, None))
        return (value, False) if whole else (None, False)
    if check == "no_max_length":
        limit = args[1] if len(args) > 1 else _keyword(keywords, "max_length")
        return (value, False) if limit is None else (None, False)
    if check == "tainted_receiver":
        if _content(args, keywords):
            # NOTE: Django's `Storage.save(name, content)`: it rejects absolute names and
            # `..` itself (Werkzeug's `FileStorage.save(dst)` is the upload saving itself).
            return None, False
        if receiver is None or _form_like(interp.callee_text(node), receiver):
            return None, False
        if _project_stream(interp, value.kind):
            # NOTE: `task_repo.save(Task(project_id=pid))`: an object of the project's
            # that is no path (a model a repository stores) names no file.
            return None, False
        # NOTE: the upload is request data itself (`request.files["f"]`, or made from it);
        # an object the view made and then set request data on (`prefix = Prefix();
        # prefix.node = request.json["node"]`) saves itself, through its own API.
        return (value, False) if receiver.taint else (None, False)
    return value, False


def _project_environment(interp: Interpreter, kind: str) -> bool:
    """An instance of a project class derived from a template environment of Jinja2 or
    Django (`class ReportEnvironment(SandboxedEnvironment)`), whose `from_string`
    compiles a template whatever the class is named."""
    if not kind.startswith("cls:"):
        return False
    return any(
        base.startswith(_ENVIRONMENT_LIBRARIES) and base.rsplit(".", 1)[-1] in TEMPLATE_ENVIRONMENTS
        for base in interp.engine.index.mro(kind[4:])[1:]
    )


_ENVIRONMENT_LIBRARIES = ("jinja2.", "django.template.")


def _top_level_module(kind: str) -> bool:
    """A receiver named by one lowercase name without a dot: only `import opml` binds
    such a qualified name (a module's own globals carry its dotted name), and a module's
    `from_string` is its own function (OPML, XML or YAML text parsed), not an
    environment's method."""
    return kind.isidentifier() and kind[:1].islower()


_PATH_BASES = ("str", "builtins.str", "os.PathLike", "pathlib.")


def _project_stream(interp: Interpreter, kind: str) -> bool:
    """An instance of a project class that is no path (no `__fspath__`, no `str` or
    `pathlib` base): `send_file(GzipInputStream(stream))` sends the object it reads."""
    if not kind.startswith("cls:"):
        return False
    index = interp.engine.index
    cls = kind[4:]
    return index.method(cls, "__fspath__") is None and not index.inherits(cls, _PATH_BASES)


def _html_method(interp: Interpreter, argument: ir.Expr | None, value: Value) -> Value:
    """What `Markup(obj)` marks: for an instance of a project class with an `__html__`
    method (its own or inherited), what that method returns (Lookyloo's
    `SafeMiddleEllipsisString`, whose `__html__` escapes what it holds)."""
    if not value.kind.startswith("cls:") or argument is None:
        return value
    found = interp.engine.index.method(value.kind[4:], "__html__")
    if found is None:
        return value
    call = ir.Call(ir.Attr(argument, "__html__"), None, (), (), interp.pos)
    return instantiate(interp.engine, interp, call, found, [], [], (argument, value), {})[0]


_CONFINING_STORAGE_METHODS = frozenset({"save", "path", "get_available_name"})
"""A Django storage's methods whose result names a file below the storage's folder.
`Storage.save(name, content)` returns the name it stored the file under, which it checked
before and after choosing it (`validate_file_name`): no absolute path and no `..` part, so
joined to the storage's root it stays below. `FileSystemStorage.path(name)` joins the name
to the storage's folder with `safe_join`, which raises for a path leaving it; its
`get_available_name(name)` refuses a `..` part and asks `exists(name)`, which goes through
`path()`. A project's own `path()` is followed before these are looked at."""


def storage_name(name: str) -> bool:
    """Whether a receiver's last name `name` is a Django file storage's:
    `default_storage`, `staticfiles_storage`, `self.storage`, `storages["media"]`."""
    return name.lower().endswith("storage") or name == "storages"


def _storage(kind: str, text: str) -> bool:
    """A Django file storage (`default_storage`, `self.storage`, `storages["media"]`,
    `FileSystemStorage(...)`) that webwarden does not otherwise model."""
    last = text.rstrip("]").rsplit(".", 1)[-1].rsplit("[", 1)[0]
    return "storage" in kind.lower() or storage_name(last)


def _not_html(interp: Interpreter, node: ir.Expr, value: Value) -> bool:
    """A content type that is not HTML: a constant naming another type, or one an object
    or a call gives (`content_type=exporter.content_type`, though the exporter was made
    from request data), as a type set on the response after making it is judged. One
    read from the request may be `text/html`, and so may a variable of the function
    (`html_type = "text/html"`), whose text is not kept. `None` is no type (Django's
    default is `text/html`), and browsers sniff a body sent with an empty type."""
    if isinstance(node, ir.Const):
        return bool(node.value) and not markup_type(str(node.value))
    if isinstance(node, ir.Local | ir.Free):
        return False
    if isinstance(node, ir.Attr):
        return interp.render(node.value).rsplit(".", 1)[-1] != "request"
    return not value.tainted


_PLAIN_BY_DEFAULT = frozenset(
    {"werkzeug.Response", "werkzeug.wrappers.Response", "werkzeug.wrappers.response.Response"}
)
"""Werkzeug's own response class, whose `default_mimetype` is `text/plain` (Flask's
subclass sends `text/html`)."""


def _plain_by_default(
    node: ir.Call, args: Args, keywords: Keywords, given: list[tuple[ir.Expr, Value]]
) -> bool:
    """A Werkzeug response given no type but `None` and no headers: it goes out as
    `text/plain`, which browsers do not render as a page. Unpacked arguments (`*args`,
    `**options`) may give either."""
    if node.callee not in _PLAIN_BY_DEFAULT or len(args) > 2:
        return False
    if any(key is None or key == "headers" for key, _, _ in keywords):
        return False
    if any(isinstance(expr, ir.Star) for expr, _ in args):
        return False
    return all(isinstance(expr, ir.Const) and expr.value is None for expr, _ in given)


def _form_like(callee: str, receiver: Value) -> bool:
    """A project object or a form (`form.save(apply_to)`, `formset.save(False)`), not an
    upload: a model form's `save()` takes options, however much request data it holds.
    So is a serializer (`items_serializer.save(rows)`) and a field of a form's or a
    serializer's `fields` (`self.fields["items"].save(rows)`: a nested serializer
    writing its rows); the `fields` mapping holds the declared fields, never an upload."""
    if receiver.kind.startswith(("cls:", "<form>")):
        return True
    named = callee.rpartition(".")[0].rpartition(".")[2].split("[", 1)[0]
    words = [word for word in identifier_words(named) if not word.isdigit()]
    return bool(words) and words[-1] in _FORM_NAMES


_FORM_NAMES = frozenset(
    {"form", "forms", "formset", "formsets", "serializer", "serializers", "fields"}
)


def _content(args: Args, keywords: Keywords) -> bool:
    """What to save is passed (`storage.save(name, content)`), not a buffer size."""
    if _keyword(keywords, "content") is not None:
        return True
    return len(args) > 1 and not isinstance(args[1][0], ir.Const)


def _rooted_location(args: Args, keywords: Keywords) -> bool:
    """Whether `build_absolute_uri(location)` is given text starting from the site's root
    or naming a whole URL (`"/"`, `"/teaching/"`): Django then puts only the scheme and
    the checked host before it, joining no part of the request's own path, as it does
    a relative location (`"menu/"`)."""
    given = [expr for expr, _ in args[:1]]
    given += [expr for name, expr, _ in keywords if name == "location"]
    return any(
        isinstance(expr, ir.Const)
        and isinstance(expr.value, str)
        and (expr.value.startswith("/") or "://" in expr.value)
        for expr in given
    )


def _all(args: Args, keywords: Keywords, receiver: Value | None = None) -> Taint:
    given = given_taint(args, keywords)
    return given if receiver is None else union(given, receiver.whole())


def _shell_off(shell: tuple[ir.Expr, Value] | None) -> bool:
    """Whether a `shell=` keyword given so (or none given) runs no shell: `shell=False`."""
    return shell is None or (isinstance(shell[0], ir.Const) and not shell[0].value)


def _given_types(
    node: ir.Call, args: Args, keywords: Keywords, function: ir.Function | None = None
) -> list[tuple[ir.Expr, Value]]:
    """The content types a response maker is given (`mimetype=`, `content_type=`, or by
    position), or the default the calling function puts in the keywords it hands on
    (`kwargs.setdefault("content_type", "application/json")`, then `**kwargs`: a JSON
    response class of the project's, made as Django's own `JsonResponse` is)."""
    given = [found for key in ("content_type", "mimetype") if (found := _keyword(keywords, key))]
    if not any(isinstance(expr, ir.Star) for expr, _ in args):
        given += [args[at] for at in positional_types(node.callee) if at < len(args)]
    if not given and function is not None:
        spread = [
            expr.value.name
            for key, expr, _ in keywords
            if key is None and isinstance(expr, ir.Star) and isinstance(expr.value, ir.Local)
        ]
        given += [(default, CLEAN) for name in spread if (default := _type_default(function, name))]
    return given


def _type_default(function: ir.Function, name: str) -> ir.Const | None:
    """The constant content type a statement of the function's body sets as the default
    of the dict `name` (`kwargs.setdefault("content_type", "application/json")`)."""
    for statement in function.body:
        call = statement.value if isinstance(statement, ir.Eval) else None
        if (
            isinstance(call, ir.Call)
            and isinstance(call.func, ir.Attr)
            and call.func.attr == "setdefault"
            and call.func.value == ir.Local(name)
            and len(call.args) == 2
            and isinstance(call.args[0], ir.Const)
            and call.args[0].value in {"content_type", "mimetype"}
            and isinstance(call.args[1], ir.Const)
        ):
            return call.args[1]
    return None


def _keyword(keywords: Keywords, name: str) -> tuple[ir.Expr, Value] | None:
    for key, node, value in keywords:
        if key == name:
            return node, value
    return None


def _last(node: ir.Expr) -> str:
    if isinstance(node, ir.Global):
        return node.name.rsplit(".", 1)[-1]
    if isinstance(node, ir.Attr):
        return node.attr
    return ""


def _argument(
    sink: Sink, args: Args, keywords: Keywords, receiver: Value | None
) -> tuple[ir.Expr | None, Value] | None:
    """The first dangerous argument the call passes."""
    starred = next((i for i, (a, _) in enumerate(args) if isinstance(a, ir.Star)), len(args))
    # NOTE: `cursor.execute(*build(query))` of a tuple whose items are known (`return
    # "... WHERE name = %s", (name,)`): each parameter gets its own item, as in `bind`.
    items = tuple_items(args[starred][1]) if starred == len(args) - 1 else None
    values: list[tuple[ir.Expr | None, Value]] = []
    for position, keyword in sink.args:
        if position == SELF:
            if receiver is not None:
                values.append((None, receiver))
            continue
        given = _keyword(keywords, keyword) if keyword else None
        if given is not None:
            values.append(given)
        elif 0 <= position < starred:
            values.append(args[position])
        elif position >= starred and starred < len(args):
            if items is None:
                values.append(args[starred])
            elif position - starred < len(items):
                values.append((args[starred][0], items[position - starred]))
    if not values:
        return None
    if all(v is values[0][1] for _, v in values):
        return values[0]  # NOTE: one argument under several names (`sql`, `query`)
    merged = Value(union(*(v.whole() for _, v in values)))
    return values[0][0], merged


def _where(value: Value, depth: int = 0) -> Value | None:
    """The JavaScript a MongoDB query runs: its `$where` or `$function` parts."""
    if depth > 3 or not value.parts:
        return None
    for key, part in value.parts.items():
        if key in {"[$where]", "[$function]", "[$accumulator]"}:
            return part
        inner = _where(part, depth + 1)
        if inner is not None:
            return inner
    return None


def _adds_display(receiver: Value, receiver_node: ir.Expr, args: Args) -> bool:
    """`filters.append({field.name: value})`, `results.append((path, row, ok))` on a local
    list holding no data or only such displays of the same kind: the list stays one of
    dicts with the code's keys, or of tuples whose positions are known."""
    if len(args) != 1 or not isinstance(receiver_node, ir.Local):
        return False
    given = args[0][1]
    if given.kind not in _SHAPED_DISPLAYS or given.taint:
        return False
    if given.kind == "<tuple>" and given.unnamed():
        return False
    if given.kind == "<dict>" and receiver.kind == "<list>" and dict_displays(receiver) is not None:
        return True  # NOTE: a display of such dicts (`[{"url": home, "title": title}]`)
    if receiver.kind == DICTS:
        kept = receiver.part(ELEMENT)
        return kept is None or (kept.kind == "<tuple>") == (given.kind == "<tuple>")
    return receiver.kind == "<list>" and not receiver.whole()


HEADERS = "<headers>"
"""A response's headers (`response.headers`)."""
REDIRECT_HEADERS = "<redirect headers>"
"""The headers of a response a redirect call made (`flask.redirect(url)`), whose
`Location` the browser follows."""


def redirect_response(name: str, target: Value | None) -> Value:
    """The response of the redirect call `name`: its headers (`.headers`, Django's items)
    hold the `Location` the call set, as a target already judged, by its kind alone (a
    URL of this site `url_for()` built stays one when the code appends to it), never its
    taint, which the call's sink reported."""
    location = {"[Location]": Value(kind=target.kind)} if target is not None else {}
    headers = Value(parts=location or None, kind=REDIRECT_HEADERS)
    return Value(parts={".headers": headers, **location}, kind=name)


HEADER_SETTERS = frozenset({"add", "set", "setdefault", "add_header"})
"""Werkzeug's `Headers` methods setting a header by its name and value."""
