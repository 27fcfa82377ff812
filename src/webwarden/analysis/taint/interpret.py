"""Abstract interpretation of one lowered function: statements and expressions.

Flow-sensitive over the structured IR: branches are analysed separately and joined,
guards of a test apply in the arm where they hold (and after an arm that always exits),
loops run until their state stops changing (at most `MAX_LOOP` times). Calls are in
`webwarden.analysis.taint.calls`. The result is the function's `Summary`; flows from real
sources to sinks are reported to the engine as they are found.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.annotated_returns import with_annotation
from webwarden.analysis.taint.calls import DOTLESS, UNROOTED, call
from webwarden.analysis.taint.command_options import OPTIONS, options_added, program_options
from webwarden.analysis.taint.dispatch import NAMESPACE, checked, chosen_by, picked
from webwarden.analysis.taint.django_templates import ENGINE_HANDLERS, engine_alias
from webwarden.analysis.taint.dot_pieces import dotless_piece
from webwarden.analysis.taint.fields import FIELDS_CHECKED, keys_of
from webwarden.analysis.taint.flags import flags_tested
from webwarden.analysis.taint.form_errors import rendered_form_errors
from webwarden.analysis.taint.imported_patterns import imported_pattern_kinds
from webwarden.analysis.taint.json_keys import json_prefix_kinds
from webwarden.analysis.taint.lower_expr import has_query, prefix_of
from webwarden.analysis.taint.not_text import built_text, divides_by_text, not_text_kinds
from webwarden.analysis.taint.own_root import OWN_ROOT_CHECKED, own_root_prefix
from webwarden.analysis.taint.raised import (
    LISTED_VALUES,
    VALUE_LIST,
    caught,
    raised,
    raised_class,
)
from webwarden.analysis.taint.records import attributes_only
from webwarden.analysis.taint.redirect_methods import REDIRECT_METHODS
from webwarden.analysis.taint.render import PLAIN, Names, callee_text, render
from webwarden.analysis.taint.row_keys import row_key_kinds
from webwarden.analysis.taint.saved_models import is_saved
from webwarden.analysis.taint.segments import (
    NOTHING_BESIDE,
    after_folder,
    after_root,
    beside,
    followed,
    holds_text,
    path_joined,
    pinned,
    segment_beside,
)
from webwarden.analysis.taint.shapes import (
    MOUNT_PREFIX,
    QUERY_KINDS,
    UPLOAD_PATHS,
    after_clean_base,
    after_root_segment,
    cleansed,
    closed_text,
    closes,
    continues_closed_url,
    element,
    fixed_host_kinds,
    key_of,
    known_keys,
    position_of,
    upload_name,
)
from webwarden.analysis.taint.sinks import EXACT_RULES, rule_kind
from webwarden.analysis.taint.slash_pieces import slashless
from webwarden.analysis.taint.specs import (
    AUTHORIZATION_CLEANSED,
    AUTHORIZATION_KEYS,
    BARE_PREFIX_CHECK,
    CHECKED_HOST_CLEANSED,
    DJANGO_UPLOAD,
    DJANGO_UPLOAD_LIST,
    DJANGO_UPLOADS,
    ENVIRONMENTS,
    HOST_CHECKED,
    HOST_CLEANSED,
    HOST_HEADER_KEYS,
    HOST_KEYS,
    HTML_CLEANSED,
    JOINED_PATH,
    MAYBE_UPLOAD,
    NO_RETURN,
    NORMALISED_PATHS,
    PATH_CHECKED,
    REFERER_CLEANSED,
    REFERER_KEYS,
    REQUEST_ATTRIBUTES,
    REQUEST_DATA,
    SERVER_KEYS,
    THREAD_LOCAL,
    URL_CHECKED,
    is_extension_key,
    source_cleansed,
)
from webwarden.analysis.taint.sql_quoting import hand_quoted
from webwarden.analysis.taint.state import (
    GIVEN,
    MAYBE_GIVEN,
    REBOUND,
    Env,
    Summary,
    given_object,
    join_env,
    join_envs,
    one_query_method,
    put,
    query_method,
    same_env,
    shallow,
    symbol,
    widen,
    worth_keeping,
)
from webwarden.analysis.taint.stored import (
    DJANGO_SESSION,
    SESSION_KINDS,
    session_item,
    session_key,
)
from webwarden.analysis.taint.unrouted import runs_unrouted
from webwarden.analysis.taint.validated_data import VALIDATED_DATA
from webwarden.analysis.taint.validation_errors import ELEMENT
from webwarden.analysis.taint.values import (
    AFTER_PREFIX,
    AFTER_ROOT,
    ALL_KINDS,
    BEFORE_SUFFIX,
    CLEAN,
    CLOSED_URL,
    DICTS,
    ELEMENTS,
    EMPTY,
    EMPTY_TEXT,
    IN_SEGMENT,
    MAX_PARTS,
    NO_BACKSLASH,
    NO_CONTROL,
    OTHERS,
    SINGLE_SLASH,
    TEXT_SPLITTERS,
    Label,
    Origin,
    Step,
    Taint,
    Trace,
    Value,
    approximate,
    clean_if,
    cleanse,
    closed_if,
    concrete,
    cut_start,
    extend,
    join,
    join_all,
    marked_symbols,
    placed_after_start,
    reaching,
    refined,
    same,
    symbolic,
    tells_apart,
    union,
)

if TYPE_CHECKING:
    from webwarden.analysis.taint.engine import Engine
    from webwarden.analysis.taint.index import Located

MAX_LOOP = 3
_FORMAT_NOTES = {
    "f-string": "formatted into an f-string",
    "%": "formatted with `%`",
    "+": "concatenated with `+`",
}

_ASSIGNED_KEYS = frozenset({"id", "pk"})
"""A saved row's primary key (an auto field the form or serializer does not fill)."""


_SEQUENCES = frozenset({"<list>", "<tuple>"})
_EMPTY_CONTAINERS = frozenset({"<dict>", "<list>"})
"""Kinds of the displays a tuple display keeps when they hold nothing yet."""
_SINGLE_SLASH = frozenset({SINGLE_SLASH})
_NO_BACKSLASH = frozenset({NO_BACKSLASH})
_NO_CONTROL = frozenset({NO_CONTROL})
_AFTER_ROOT = frozenset({AFTER_ROOT})


def _extended(values: list[Value], step: Step) -> Value:
    """`["pdal", "translate", src] + options`: the left sequence's known positions stay
    where they are (a command's program first), and what is added comes after them."""
    first, *rest = values
    added = union(*(value.whole() for value in rest))
    return Value(union(first.taint, extend(added, step)), first.parts, first.kind)


class Interpreter:
    """Runs one function's IR over abstract values."""

    def __init__(
        self,
        engine: Engine,
        function: ir.Function,
        relpath: str,
        initial: Env,
        *,
        entry_route: str = "",
        flask_view: bool = False,
        names: Names = PLAIN,
    ) -> None:
        self.engine = engine
        self.names = names
        self.function = function
        self.relpath = relpath
        self.initial = initial
        self.entry_route = entry_route
        self.flask_view = flask_view
        self.pos: ir.Pos = function.pos
        self.unrouted = runs_unrouted(engine.index, function)
        """A Django middleware's hook: the request's own path is the client's text."""
        self.csrf_checked = engine.entries.csrf_checked(function)
        """A Django view the CSRF check guards: its request's body is its client's own."""
        self.host_checked = engine.entries.host_checked(function)
        """A Django view whose Host header `CommonMiddleware` checked: a host name."""
        self.summary = Summary()
        self.exits: list[Env] = []
        self.loops: list[tuple[list[Env], list[Env]]] = []
        self.free: Env | None = None
        self.chosen: dict[str, tuple[Taint, str, bool]] = {}
        """Kind of a value a lookup chose by request data -> that data, the lookup, and
        whether it looked in a module of `dispatch.RUNNING_MODULES`."""
        self.assumed: list[str] = []
        """The flag parameters the arms being run test on (`if render_link:`)."""
        self.catching: list[list[Taint]] = []
        """What each handler of each enclosing `try` catches quoted (see `raised`)."""
        self.catchers: list[tuple[tuple[str, ...] | None, ...]] = []
        """The classes the handlers of each `try` of `catching` name (see `ir.Try`)."""
        """Per `try` being run that has handlers, the request data the exceptions its body
        may raise hold (see `raised`)."""

    # -- running -----------------------------------------------------------------------

    def run(self) -> Summary:
        """Interpret the body; return the summary."""
        env = dict(self.initial)
        for name, default in self.function.defaults:
            env[name] = join(env.get(name), self.expr(default, env))
        for name in self.function.rebound:
            if name in env:
                env[REBOUND + name] = GIVEN
        end = self.block(self.function.body, env)
        if end is not None:
            implicit = self.engine.implicit_return(self, end)
            if implicit is not None:
                self.returned(implicit, self.pos)
            self.exits.append(end)
        for name, start in self.initial.items():
            if not name.startswith("*"):
                # NOTE: the object the caller passed, not what the name was bound to after
                # (`for tref in request.GET.values()` leaves the caller's `tref` as it was).
                final = join_all(given_object(e, name) for e in self.exits if name in e)
                if self.exits and not same(final, start):
                    self.summary.effects[name] = shallow(final)
        self.summary.ret = with_annotation(self.function.returns, shallow(self.summary.ret))
        return self.summary

    def render(self, node: ir.Expr) -> str:
        """How the module writes an expression (for notes)."""
        return render(node, self.names)

    def callee_text(self, node: ir.Call) -> str:
        """How the module writes what a call calls."""
        return callee_text(node, self.names)

    def reached(
        self,
        rule: str,
        relpath: str,
        pos: ir.Pos,
        text: str,
        taint: Taint,
        needs: frozenset[Label] = frozenset(),
    ) -> None:
        """Report real sources, keep parameters in the summary; those only when a caller
        hands data in one of `needs` at least (`Summary.needs`), if any."""
        taint = reaching(taint, rule_kind(rule))
        if rule in EXACT_RULES:
            taint = {label: trace for label, trace in taint.items() if not trace.approx}
        for label, trace in concrete(taint).items():
            self.engine.report(rule, relpath, pos, text, label, trace)
        params = symbolic(taint)
        if params:
            key = (rule, relpath, pos[0], pos[1])
            previous = self.summary.sinks.get(key)
            merged = params if previous is None else union(previous[1], params)
            self.summary.sinks[key] = (text, merged)
            self._flagged(key, first=previous is None)
            self._needing(key, needs, first=previous is None)

    def _needing(
        self, key: tuple[str, str, int, int], needs: frozenset[Label], *, first: bool
    ) -> None:
        """Keep what the sink needs of its callers: in every arm reaching it, one of them."""
        kept = self.summary.needs.get(key)
        if needs and (first or kept is not None):
            self.summary.needs[key] = needs | (kept or frozenset())
        else:
            self.summary.needs.pop(key, None)

    @contextmanager
    def assuming(self, flags: tuple[str, ...]) -> Iterator[None]:
        """Within: the flag parameters are on (the arm of `if render_link:`)."""
        self.assumed.extend(flags)
        try:
            yield
        finally:
            del self.assumed[len(self.assumed) - len(flags) :]

    def _flagged(self, key: tuple[str, str, int, int], *, first: bool) -> None:
        """Keep the flags on in every arm that reaches the sink."""
        on = frozenset(self.assumed)
        if not first:
            on &= self.summary.flags.get(key, frozenset())
        if on:
            self.summary.flags[key] = on
        else:
            self.summary.flags.pop(key, None)

    def call(self, node: ir.Call, env: Env) -> Value:
        """The value a call returns (see `webwarden.analysis.taint.calls`)."""
        return call(self, node, env)

    def step(self, note: str, pos: ir.Pos | None = None) -> Step:
        """A flow step at `pos` (default: the position being evaluated)."""
        line, column = pos or self.pos
        return Step(self.relpath, line, column, note)

    # -- statements --------------------------------------------------------------------

    def block(self, statements: ir.Block, env: Env | None) -> Env | None:
        """Run statements; None when every path left the block."""
        for statement in statements:
            if env is None:
                return None
            env = self.statement(statement, env)
        return env

    def statement(self, node: ir.Stmt, env: Env) -> Env | None:
        """Run one statement."""
        if self.function.rebound and isinstance(node, ir.Assign | ir.AugAssign | ir.Eval):
            maybe = [(p, env.get(p)) for p in self.function.rebound if MAYBE_GIVEN + p in env]
            if maybe:
                end = self.simple(node, env)
                for param, before in maybe:
                    if MAYBE_GIVEN + param in env and env.get(param) is not before:
                        # NOTE: changed (`d["x"] = ...`) where it may be the caller's object.
                        env[REBOUND + param] = join(env[REBOUND + param], env.get(param))
                return end
        return self.simple(node, env)

    def simple(self, node: ir.Stmt, env: Env) -> Env | None:
        """Run one statement (see `statement`)."""
        match node:
            case ir.Assign(targets=targets, value=value, pos=pos):
                self.pos = pos
                result = self.expr(value, env)
                given = self._unchanged_param(value, result)
                for target in targets:
                    self.assign(target, result, env, given=given)
                if isinstance(value, ir.Call) and (
                    checked := self._kept_checks(value, targets, env)
                ):
                    # NOTE: `policy = self._policy(pk)`: the call returned, so the project
                    # function's checks of its arguments held, whatever it answered.
                    return self.guarded(env, checked)
            case ir.AugAssign(target=target, value=value, pos=pos):
                self.pos = pos
                added = self.expr(value, env)
                current = self.read_target(target, env)
                if current.kind == EMPTY_TEXT and not current.taint:
                    # NOTE: `args = ""`, then `args += "?year=%s" % year`: the string is
                    # what was added, as it starts (a `CLOSED_URL` there stays one).
                    self.assign(target, Value(added.whole(), kind=added.kind), env, rebinds=False)
                    return env
                taint = added.whole()
                prefix = prefix_of(value)
                # NOTE: text starting with `?` or `#` is in the query or fragment of
                # whatever URL (or text) it is appended to; not so of a list's elements.
                url_like = not current.kind or closes(current.kind, "?")
                closed = closes(current.kind, prefix) or (url_like and prefix[:1] in {"?", "#"})
                if closed:
                    taint = cleanse(taint, QUERY_KINDS)
                if taint and not isinstance(value, ir.Fmt):
                    taint = extend(taint, self.step("appended with `+=`", pos))
                result = current.with_taint(taint)
                if closed or (url_like and has_query(value)):
                    # NOTE: `url = reverse("home")`, then `url += "?"`: what is appended
                    # later (`url += f"{key}={value}&"`) cannot change where it leads.
                    result = Value(result.taint, result.parts, CLOSED_URL)
                self.assign(target, result, env, rebinds=False)
            case ir.Eval(value=value):
                self.expr(value, env)
                if isinstance(value, ir.Call) and value.callee in NO_RETURN:
                    return None
                if isinstance(value, ir.Call) and (checked := self._call_checks(value, env)):
                    return self.guarded(env, checked)
            case ir.Return(value=value, pos=pos):
                self.pos = pos
                if isinstance(value, ir.Call) and value.callee in NO_RETURN:
                    # NOTE: `return abort(403)` raises: no value leaves by it, so none
                    # joins (and hides the kind of) what the other paths return.
                    self.expr(value, env)
                    return None
                if value is None:
                    self.returned(self.engine.implicit_return(self, env) or CLEAN, pos)
                else:
                    self.returned(self.expr(value, env), pos)
                self.exits.append(env)
                return None
            case ir.Exit(kind=kind, value=value, pos=pos):
                if value is not None and pos is not None:
                    self.pos = pos
                    raised(self, pos, self.message(value, env), raised_class(value))
                if kind in {"break", "continue"} and self.loops:
                    self.loops[-1][0 if kind == "break" else 1].append(env)
                else:
                    self.exits.append(env)
                return None
            case ir.If():
                return self.branch(node, env)
            case ir.Loop():
                return self.loop(node, env)
            case ir.Try():
                return self.attempt(node, env)
            case ir.With(items=items, body=body):
                for context, bound in items:
                    entered = self.expr(context, env)
                    if bound is not None:
                        self.assign(bound, entered, env)
                return self.block(body, env)
            case ir.Define(name=name, ref=ref):
                self.rebind(name, env)
                env[name] = Value(kind=f"ref:{ref}")
        return env

    def returned(self, value: Value, pos: ir.Pos) -> None:
        """Record a returned value (and judge it when the function is a Flask view)."""
        if value.taint:
            note = f"returned by `{self.function.name}()`"
            value = Value(extend(value.taint, self.step(note, pos)), value.parts, value.kind)
        self.summary.ret = join(self.summary.ret, value) if self.summary.ret is not CLEAN else value
        if self.flask_view:
            self.engine.view_returned(self, value, pos)
        if self.function.kind == "method" and self.function.name in REDIRECT_METHODS:
            self.engine.redirect_target(self, value, pos)

    def branch(self, node: ir.If, env: Env) -> Env | None:
        """Both arms with their guards, joined."""
        self.expr(node.test, env)
        # NOTE: both arms' guards first, while the position is still the test's.
        then_env = self.guarded(env, node.then_guards, node.pos)
        else_env = self.guarded(env, node.else_guards, node.pos)
        with self.assuming(flags_tested(self.function, node)):
            then_end = self.block(node.body, then_env)
        return join_env(then_end, self.block(node.orelse, else_env))

    def guarded(self, env: Env, guards: tuple[ir.Guard, ...], pos: ir.Pos | None = None) -> Env:
        """`env` where the guards hold: the guarded variables are safe for their kinds."""
        env = dict(env)
        for guard in guards:
            owner, _, attr = guard.name.partition(".")
            if attr:
                self._guarded_part(env, guard, owner, f".{attr}")
                continue
            value = env.get(guard.name)
            if value is None:
                continue
            if guard.how == "no_host":
                if value.taint:
                    step = self.step(_NO_HOST_CHECK, pos)
                    env[guard.name] = Value(extend(value.taint, step), value.parts, value.kind)
                continue
            if guard.bare and value.taint and self._normalised_check(guard, value):
                # NOTE: a sibling folder passes the check: the flow says it was made, and
                # is less sure to be an attack on the folder's neighbours alone.
                step = self.step(BARE_PREFIX_CHECK, pos)
                taint = extend(value.taint, step, approx=True)
                env[guard.name] = value = Value(taint, value.parts, value.kind)
            kinds = self.guard_kinds(guard, env)
            if kinds:
                env[guard.name] = checked(cleansed(value, kinds), kinds)
                read = _read_as_is(value) if guard.as_read else None
                if read is not None:
                    _cleanse_derived(env, guard.name, read, kinds)
        return env

    @staticmethod
    def _normalised_check(guard: ir.Guard, value: Value) -> bool:
        """Whether a `contained` guard checks a normalised path (what a prefix ending in
        a separator would keep inside its folder)."""
        return guard.how == "contained" and (
            guard.callee == "normalised" or value.kind in NORMALISED_PATHS
        )

    def _guarded_part(self, env: Env, guard: ir.Guard, owner: str, key: str) -> None:
        """A guard of an attribute of a local (`self.upload_id`, `parts.path` of
        `parts = urlsplit(url)`, `self.object.source_url`): that part is safe, kept apart
        from then on."""
        holder = env.get(owner)
        if holder is None or guard.how == "no_host":
            return
        kinds = self.guard_kinds(guard, env)
        if kinds:
            cleaned = self._cleansed_path(holder, ir.Local(owner), key[1:].split("."), kinds)
            if cleaned is not None:
                env[owner] = cleaned

    def _cleansed_path(
        self, holder: Value, node: ir.Expr, path: list[str], kinds: frozenset[str]
    ) -> Value | None:
        """`holder` with the attribute at `path` safe for `kinds`, each value on the way
        kept as a part of the one holding it; None when a step is not known."""
        attr, rest = path[0], path[1:]
        part = holder.part(f".{attr}")
        readable = (holder.tainted and not holder.parts) or holder.kind.startswith("cls:")
        if part is None and readable:
            # NOTE: an instance's attribute another method set (`self.object` a view's
            # `post` saved) is read as the code reads it, then kept as a part.
            part = self.read_attr(holder, attr, ir.Attr(node, attr))
        if part is None:
            return None
        inner = self._cleansed_path(part, ir.Attr(node, attr), rest, kinds) if rest else None
        if rest and inner is None:
            return None
        return holder.with_part(f".{attr}", inner if inner is not None else cleansed(part, kinds))

    def guard_kinds(self, guard: ir.Guard, env: Env) -> frozenset[str]:
        """The sink kinds a guard makes its variable safe for."""
        if guard.how in {"member", "equal"}:
            # NOTE: equal to (or one of) values the client did not choose: it holds one of
            # them (what is in the database is not request data).
            container = CLEAN if guard.container is None else self.expr(guard.container, env)
            if not container.tainted or self.own_setting(container) or self._configured(container):
                return ALL_KINDS
            # NOTE: `if next == admin_url:` with `admin_url = reverse(...)`: equal to a
            # value made safe for some sinks (a path of the URLconf, whatever its
            # arguments), it is as safe for those.
            whole = container.whole()
            return frozenset(k for k in ALL_KINDS if not reaching(whole, k)) | clean_if(whole)
        if guard.how == "joined":
            return self._predicate_kinds(guard, env) & PATH_CHECKED
        if guard.how == "call" and guard.index:
            return self._predicate_kinds(guard, env)
        if guard.how == "call":
            return (
                self._named_check_kinds(guard)
                or imported_pattern_kinds(self.engine.index, guard.callee)
                or self._predicate_kinds(guard, env)
            )
        if guard.how == "host":
            # NOTE: a host the client chose (Flask's `request.host`, the Host header) is no
            # check of a URL the server requests: the client sends both.
            other = CLEAN if guard.container is None else self.expr(guard.container, env)
            chosen = concrete(other.whole())
            return frozenset(k for k in URL_CHECKED if not reaching(chosen, k))
        if guard.how == "local":
            return URL_CHECKED
        if guard.how == "classes":
            return guard.kinds
        if guard.how == "single_slash":
            return _SINGLE_SLASH
        if guard.how == "no_backslash":
            return _NO_BACKSLASH
        if guard.how == "no_control":
            return _NO_CONTROL
        if guard.how == "public_host":
            return HOST_CHECKED
        if guard.how == "not_text":
            return not_text_kinds(env.get(guard.name), item=guard.callee == "item")
        if guard.how == "response":
            return ALL_KINDS
        if guard.how == "row_key":
            return row_key_kinds(self.engine.index, guard, self.function.owner)
        if guard.how == "contained":
            value = env.get(guard.name)
            normalised = value is not None and value.kind in NORMALISED_PATHS
            checked = guard.callee in {"basename", "normalised", "uuid"} or normalised
            checked = checked and not guard.bare
            pinned = json_prefix_kinds(self.engine.index, guard.container)
            start = guard.container.value if isinstance(guard.container, ir.Const) else None
            if guard.callee == "startswith" and isinstance(start, str):
                # NOTE: `url.startswith("https://example.com/")`, `path.startswith("/a")`
                pinned |= fixed_host_kinds(start)
                if start and not start.startswith("-"):
                    pinned |= _OPTION  # NOTE: it starts with text of the code's, not `-`
                if start:
                    # NOTE: a name checked to start with fixed text picks among the
                    # functions so named, as `getattr(obj, "get_" + name)` does.
                    pinned |= _PREFIXED_NAME
            elif guard.callee == "startswith" and guard.container is not None:
                prefix = self.expr(guard.container, env)
                if own_root_prefix(guard.container, prefix):
                    pinned |= OWN_ROOT_CHECKED
            return (PATH_CHECKED if checked else frozenset()) | pinned
        return ALL_KINDS

    def _host_checked(self, call: ir.Call) -> tuple[ir.Guard, ...]:
        """`check_host(url)` as a statement, where the project's `check_host` raises unless
        the URL leads to a public address, or to a host of an allow-list of its module or
        settings (`lower_stmt.host_check`): past it, `url` does."""
        first = call.args[0] if call.args else None
        checked = self._checked_parameter(call)
        if not isinstance(first, ir.Local) or checked is None:
            return ()
        function, name = checked
        for check in function.predicate:
            if check.name != name:
                continue
            if check.how == "public_host":
                return (ir.Guard(first.name, "public_host"),)
            if check.how == "host" and _global_only(check.container):
                return (dataclasses.replace(check, name=first.name),)
        return ()

    def _call_checks(self, call: ir.Call, env: Env) -> tuple[ir.Guard, ...]:
        """What a call made as a statement of its own establishes past it: a host check
        (`_host_checked`), or the checks of a project validator that raises unless its
        arguments pass them (`validated`)."""
        return self._host_checked(call) + self.validated(call, env)

    def _kept_checks(
        self, call: ir.Call, targets: tuple[ir.Target, ...], env: Env
    ) -> tuple[ir.Guard, ...]:
        """The row-key checks (`row_keys`) a project function's call makes of the
        arguments its answer is not assigned to (`policy = self._policy(pk)`)."""
        bound = self._bound_parameters(call)
        keys = tuple(g for g in bound[0].raises_unless if g.how == "row_key") if bound else ()
        if bound is None or not keys:
            return ()
        assigned = {name for t in targets for name in ir.target_names(t)}
        given = list(zip(bound[1], call.args, strict=False))
        given += [(k, v) for k, v in call.keywords if k is not None]
        found: list[ir.Guard] = []
        for param, arg in given:
            if isinstance(arg, ir.Local) and arg.name not in assigned:
                kinds = self._checks_kinds(keys, param, arg.name, env)
                if kinds:
                    found.append(ir.Guard(arg.name, "classes", kinds=kinds))
        return tuple(found)

    def validated(self, call: ir.Call, env: Env) -> tuple[ir.Guard, ...]:
        """`validate_field(field)` or `self._validate(self.order)`, where the project's
        function raises unless a parameter passes an allow-list, a pattern or a membership
        test (`ir.Function.raises_unless`): past the call, the local (or the attribute of
        one) given for that parameter is safe for what the check makes it safe for."""
        bound = self._bound_parameters(call)
        if bound is None or not bound[0].raises_unless:
            return ()
        function, positional = bound
        given = list(zip(positional, call.args, strict=False))
        given += [(k, v) for k, v in call.keywords if k is not None]
        found: list[ir.Guard] = []
        for param, arg in given:
            name = _argument_name(arg)
            if name is None:
                continue
            kinds = self._checks_kinds(_global_checks(function.raises_unless), param, name, env)
            if kinds:
                found.append(ir.Guard(name, "classes", kinds=kinds))
        return tuple(found)

    def _checked_parameter(self, call: ir.Call) -> tuple[ir.Function, str] | None:
        """The project function a call runs, with the parameter its first argument binds:
        a function's first, or a method's called on the method's own object (`self.check(url)`)
        past that object."""
        bound = self._bound_parameters(call)
        if bound is None or not bound[1]:
            return None
        return bound[0], bound[1][0]

    def _bound_parameters(self, call: ir.Call) -> tuple[ir.Function, list[str]] | None:
        """The project function a call runs, with the positional parameters its
        positional arguments bind, in order (past the method's own object for
        `self.check(url)`); None when not known, or when an argument is spread (`*args`)."""
        if any(isinstance(arg, ir.Star) for arg in call.args):
            return None
        located, bound = None, False
        if call.callee is not None:
            resolved = self.engine.index.resolve(call.callee) or call.callee
            located = self.engine.index.functions.get(resolved)
            if located is None:
                located = self._instance_method(call.callee)
                bound = located is not None
        elif isinstance(call.func, ir.Attr) and self._own_object(call.func.value):
            located = self.engine.index.method(self.function.owner, call.func.attr)
            bound = True
        if located is None:
            return None
        function = located.function
        positional = [p.name for p in function.params if p.kind == "pos"]
        skip = 1 if bound and function.kind in {"method", "classmethod"} else 0
        if not skip and function.kind not in {"function", "staticmethod"}:
            return None
        return function, positional[skip:]

    def _instance_method(self, callee: str) -> Located | None:
        """The method `checker.check` runs, `checker` a module-level object of a project
        class (`checker = Checker()`)."""
        owner, _, attr = callee.rpartition(".")
        kind = self.engine.index.instance_kind(owner) if owner else None
        if kind is None or not kind.startswith("cls:"):
            return None
        return self.engine.index.method(kind.removeprefix("cls:"), attr)

    def _own_object(self, value: ir.Expr) -> bool:
        """The first parameter of the method being run (`self`)."""
        function = self.function
        if function.kind != "method" or not function.owner:
            return False
        positional = [p.name for p in function.params if p.kind == "pos"]
        return bool(positional) and value == ir.Local(positional[0])

    def _configured(self, value: Value) -> bool:
        """Whether a value is only arguments a factory enclosing the function was given
        (`if action in allowed_actions:` in the view a decorator factory makes, `allowed_actions`
        its parameter): a list the program wrote where it applied the factory, not the
        request's."""
        whole = value.whole()
        if not all(label.origin.kind == "free" for label in whole):
            return False
        given = self.engine.factory_params(self.function, self.relpath)
        return all(label.origin.name in given for label in whole)

    def own_setting(self, value: Value) -> bool:
        """Whether a value is only an attribute of the method's own object as its caller
        gives it (`if name in self.rename_fields:`), or made of one (`col.sort_key` of
        each of `self.columns`, in a method building the allowed orderings): a class's
        setting, an allow-list, not the request data a framework keeps on the object
        (`self.request`, `self.kwargs`, a form's or serializer's `self.data`)."""
        function = self.function
        positional = [p.name for p in function.params if p.kind == "pos"]
        if not function.owner or function.kind not in _OWN_KINDS or not positional:
            return False
        return all(
            label.origin.kind == "param"
            and label.origin.name == positional[0]
            and label.origin.path
            and _REQUEST_HELD.isdisjoint(label.origin.path)
            for label in value.whole()
        )

    def _named_check_kinds(self, guard: ir.Guard) -> frozenset[str]:
        """What a check known by its name makes safe (`path_traversal_check(path, root)`),
        less `PATH_CHECKED` when the project's function so named checks the path by a
        prefix a sibling folder passes (`Engine.checks_by_bare_prefix`)."""
        kinds = self.engine.guard_kinds(guard.callee)
        if kinds & PATH_CHECKED and self.engine.checks_by_bare_prefix(guard.container):
            return kinds - PATH_CHECKED
        return kinds

    def _predicate_kinds(self, guard: ir.Guard, env: Env) -> frozenset[str]:
        """A project function that only returns a check of a parameter (`def
        is_known(theme): return theme in theme_choices()`, or true only past a call that
        raises: `try: safe_join(root, path); return True`) guards what it is given there
        as the check does. One level only, and a container only of the module's globals."""
        resolved = self.engine.index.resolve(guard.callee) or guard.callee
        located = self.engine.index.functions.get(resolved)
        if located is None or located.function.kind != "function":
            return frozenset()
        function = located.function
        positional = [p.name for p in function.params if p.kind == "pos"]
        checked = positional[guard.index] if guard.index < len(positional) else None
        if checked is None:
            return frozenset()
        # NOTE: a validator that raises unless its checks hold, then answers (`return
        # True`): where its answer is tested, they hold too.
        return self._checks_kinds(
            function.predicate + _global_checks(function.raises_unless),
            checked,
            guard.name,
            env,
            joined=guard.how == "joined",
        )

    def _checks_kinds(
        self,
        checks: tuple[ir.Guard, ...],
        checked: str,
        name: str,
        env: Env,
        *,
        joined: bool = False,
    ) -> frozenset[str]:
        """What the checks a project function makes of its parameter `checked` make the
        caller's `name` (given for it) safe for: one level only, and a container only of
        the module's globals."""
        # NOTE: the predicate is true only when all its checks hold (`a and b`, or each
        # early `return False` passed): what each makes the parameter safe for adds up.
        kinds: set[str] = set()
        for check in checks:
            if check.name != checked:
                continue
            if joined and check.how not in {"contained", "call"}:
                continue  # NOTE: a joined path known or equal says nothing of its parts
            if check.how == "member" and not _global_only(check.container):
                continue
            if (
                check.how == "equal"
                and check.container is not None
                and not _global_only(check.container)
            ):
                continue
            if check.how == "call" and check.index:
                continue  # NOTE: a later argument of another project function: one level only
            if check.how == "call":
                kinds |= self._named_check_kinds(check)
                kinds |= imported_pattern_kinds(self.engine.index, check.callee)
                continue
            kinds |= self.guard_kinds(dataclasses.replace(check, name=name), env)
        return frozenset(kinds)

    def element(self, iterable: ir.Expr, value: Value, pos: ir.Pos | None = None) -> Value:
        """What iterating over `iterable` (written at `pos`) gives: of the function's own
        `**kwargs`, a dict whatever the caller spread into it, its keys (`for key in
        kwargs:`), read from what the caller passed (`Model(**{"name": name})` names its
        own keys, `Model(**request.json)` the client's); of another parameter as given,
        what iterating over the caller's argument gives (a dict display's keys)."""
        if self._given_param(iterable, value):
            return Value(refined(value.taint, (ELEMENTS,)))
        if not (
            isinstance(iterable, ir.Local)
            and any(p.kind == "kwarg" and p.name == iterable.name for p in self.function.params)
            and value.kind in _MAPPING_KINDS
        ):
            return element(value)
        saved, self.pos = self.pos, pos or self.pos
        try:
            return Value(keys_of(self, iterable, value))
        finally:
            self.pos = saved

    def item(self, iterable: ir.Expr, env: Env, pos: ir.Pos | None = None) -> tuple[Value, bool]:
        """What one pass over `iterable` binds, and whether it is an element of a
        parameter as the caller gave it (`assign`'s `given`). Of `zip(xs, ys)`, a tuple
        whose position `n` is an element of the `n`th list and of no other."""
        lists = _zipped(iterable)
        if lists is not None:
            parts = {
                f"#{position}": self.element(items, self.expr(items, env), pos)
                for position, items in enumerate(lists)
            }
            return Value(parts=parts, kind="<tuple>"), False
        iterated = self.expr(iterable, env)
        return self.element(iterable, iterated, pos), self._unchanged_param(iterable, iterated)

    def _unchanged_param(self, node: ir.Expr, value: Value) -> bool:
        """Whether `node` is a parameter holding what the caller passed, and never bound
        anew (`pairs = pairs[::-1]` holds the same labels, in other positions)."""
        return (
            isinstance(node, ir.Local)
            and node.name not in self.function.rebound
            and self._given_param(node, value)
        )

    def _given_param(self, iterable: ir.Expr, value: Value) -> bool:
        """Whether `iterable` is a positional or keyword parameter holding what the caller
        passed, unchanged."""
        if not isinstance(iterable, ir.Local) or value.parts or value.kind:
            return False
        itself = Origin("param", iterable.name)
        return any(
            p.name == iterable.name and p.kind in _GIVEN_KINDS for p in self.function.params
        ) and all(label.origin == itself and not label.cleansed for label in value.taint)

    def loop(self, node: ir.Loop, env: Env) -> Env | None:
        """Run the body until its state stops changing."""
        state: Env = env
        breaks: list[Env] = []
        for _ in range(MAX_LOOP):
            self.loops.append(([], []))
            current = dict(state)
            if node.target is not None:
                element, given = self.item(node.iterable, current, node.pos)
                self.assign(node.target, element, current, given=given)
            else:
                self.expr(node.iterable, current)
            out = self.block(node.body, current)
            found_breaks, continues = self.loops.pop()
            breaks.extend(found_breaks)
            merged = join_env(join_env(env, out), join_envs(continues))
            if merged is None or same_env(merged, state):
                break
            state = merged
        after = self.block(node.orelse, state)
        return join_env(after, join_envs(breaks))

    def message(self, raised: ir.Expr, env: Env) -> Taint:
        """What the exception a `raise` makes holds: the arguments it is made of
        (`ValueError(f"bad {x}")`, whatever the class is), or the object raised again
        (`raise err`)."""
        if isinstance(raised, ir.Call):
            given = [*raised.args, *(value for _, value in raised.keywords)]
            return union(*(self.expr(arg, env).whole() for arg in given))
        return self.expr(raised, env).whole()

    def attempt(self, node: ir.Try, env: Env) -> Env | None:
        """`try`: handlers start from anything the body may have reached."""
        if node.handlers:
            self.catching.append([EMPTY] * len(node.handlers))
            self.catchers.append(node.catches)
        try:
            body = self.block(node.body, dict(env))
        finally:
            if node.handlers:
                self.catchers.pop()
            quoted = self.catching.pop() if node.handlers else []
        start = join_env(env, body) or env
        handled = []
        for (name, handler), taint in zip(node.handlers, quoted, strict=True):
            handler_env = dict(start)
            if name:
                self.rebind(name, handler_env)
                handler_env[name] = caught(self, taint, name, handler)
            handled.append(self.block(handler, handler_env))
        merged = join_envs([self.block(node.orelse, body), *handled])
        if not node.final:
            return merged
        if merged is None:
            self.block(node.final, dict(start))
            return None
        return self.block(node.final, merged)

    # -- assignment --------------------------------------------------------------------

    def rebind(self, name: str, env: Env) -> None:
        """Before `name` is bound anew: keep the caller's object a parameter so named held
        (see `state.REBOUND`)."""
        if name in self.function.rebound:
            if env.get(REBOUND + name) is GIVEN:
                env[REBOUND + name] = env.get(name, CLEAN)
            env.pop(MAYBE_GIVEN + name, None)

    def assign(
        self,
        target: ir.Target,
        value: Value,
        env: Env,
        *,
        rebinds: bool = True,
        given: bool = False,
    ) -> None:
        """Bind `value` to `target` (`rebinds` False for `+=`, which may change a list in
        place; `given` when `value` is a parameter as the caller gave it, or an element of
        one, which an unpacking reads position by position, see `unpacked`)."""
        if value.fresh:
            value = Value(value.taint, value.parts, value.kind)
        match target:
            case ir.TName(name=name):
                if rebinds:
                    self.rebind(name, env)
                env[name] = value
            case ir.TAttr(value=holder, attr=attr):
                if value.taint:
                    note = f"stored in `{self.render(holder)}.{attr}`"
                    value = Value(extend(value.taint, self.step(note)), value.parts, value.kind)
                if attr == "url" and self.function.name == "get_redirect_url":
                    self.engine.redirect_target(self, value, self.pos)
                self.update(holder, f".{attr}", value, env)
            case ir.TSub(value=holder, index=index):
                key = key_of(index)
                index_value = self.expr(index, env)
                owner = self.expr(holder, env)
                key = key or session_item(owner.kind, index)
                self.engine.header_assigned(self, owner, key, value)
                self.update(holder, key, value, env)
                if not key and owner.kind == "<dict>" and isinstance(holder, ir.Local):
                    # NOTE: the key is the dict's own data, as in a display (`{k: v}`).
                    env[holder.name] = env[holder.name].with_taint(index_value.whole())
            case ir.TSeq(elts=elts, star=star):
                for position, element_target in enumerate(elts):
                    fixed = not (star >= 0 and position >= star)
                    given_here = fixed and given
                    element = self.unpacked(value, position, fixed, given=given_here)
                    self.assign(element_target, element, env, rebinds=rebinds, given=given_here)

    def unpacked(self, value: Value, position: int, fixed: bool, *, given: bool) -> Value:
        """Element `position` of `value` unpacked (`fixed` False past a `*rest` target):
        as `position_of`, but of a parameter as the caller gave it (`given`: `title, raw =
        pair`), its argument's own position, as `pair[0]` reads it. Of anything made of it
        (`pair[::-1]`, `reversed(pairs)`), all it holds."""
        key = f"#{position}"
        if not given or value.part(key) is not None or not value.taint:
            return position_of(value, position, fixed)
        note = f"position {position} unpacked"
        others = [part.whole() for part in (value.parts or {}).values()]
        return Value(union(self.refine(value.taint, key, note), *others))

    def update(self, holder: ir.Expr, key: str, value: Value, env: Env) -> None:
        """Give the variable at the root of `holder` the new part (or taint)."""
        path: list[str] = []
        while isinstance(holder, ir.Attr | ir.Sub):
            path.insert(
                0, f".{holder.attr}" if isinstance(holder, ir.Attr) else key_of(holder.index)
            )
            holder = holder.value
        if not isinstance(holder, ir.Local | ir.Free) or len(path) > 2:
            return
        root = env.get(holder.name) or self.expr(holder, env)
        env[holder.name] = put(root, [*path, key], value)

    def forget_positions(self, holder: ir.Expr, env: Env) -> None:
        """A local list whose elements moved (`cmd.insert(0, x)`): its known positions
        no longer hold (its other parts, a dict's keys, do)."""
        if isinstance(holder, ir.Local | ir.Free) and holder.name in env:
            value = env[holder.name]
            if value.parts and any(key.startswith("#") for key in value.parts):
                moved = [part for key, part in value.parts.items() if key.startswith("#")]
                kept = {key: part for key, part in value.parts.items() if not key.startswith("#")}
                taint = union(value.taint, *(part.whole() for part in moved))
                env[holder.name] = Value(taint, kept or None, value.kind)

    def read_target(self, target: ir.Target, env: Env) -> Value:
        """The current value of an augmented assignment's target."""
        match target:
            case ir.TName(name=name):
                return env.get(name, CLEAN)
            case ir.TAttr(value=holder, attr=attr):
                return self.read_attr(self.expr(holder, env), attr, ir.Attr(holder, attr))
            case ir.TSub(value=holder, index=index):
                return self.read_item(self.expr(holder, env), key_of(index), ir.Sub(holder, index))
        return CLEAN

    # -- expressions -------------------------------------------------------------------

    def expr(self, node: ir.Expr, env: Env) -> Value:
        """The abstract value of an expression."""
        # NOTE: the cases are tried in turn: the most frequent come first (as on Django).
        match node:
            case ir.Local(name=name):
                return env.get(name, CLEAN)
            case ir.Call():
                return self.call(node, env)
            case ir.Const(value=str() as text) if closed_text(text):
                return _CLOSED_TEXT  # NOTE: `url = "/docs/"` or `"?"`, then `url += page`
            case ir.Const(value=""):
                return _EMPTY_TEXT
            case ir.Const():
                return CLEAN
            case ir.Attr(value=value, attr=attr):
                return self.read_attr(self.expr(value, env), attr, node)
            case ir.Clean(parts=parts):
                for part in parts:
                    self.expr(part, env)
                return CLEAN
            case ir.Seq(kind=kind, elts=elts):
                return self.display(kind, elts, env)
            case ir.Global(name=name):
                return self.engine.global_value(self, name, node)
            case ir.Union(values=values, dispatch=True):
                return picked(self.expr(value, env) for value in values)
            case ir.Union(values=values, guards=guards, joined=joined):
                if guards:
                    chosen = zip(values, guards, strict=True)
                    return join_all(self.expr(v, self.guarded(env, g)) for v, g in chosen)
                operands = [self.expr(v, env) for v in values]
                if joined == "/":
                    operands = _path_pieces(operands)
                made = join_all(operands)
                if joined and (
                    made.kind in NORMALISED_PATHS
                    or _any_path(operands)
                    or (joined == "/" and (divides_by_text(operands[-1]) or built_text(values[-1])))
                ):
                    # NOTE: `root.resolve() / name`: the name may lead out of the root
                    # again (`..`), as only the root was resolved. `settings.ROOT /
                    # Path(name)` is a path whatever the root is: `Path.__rtruediv__`.
                    # `project.output_path / name` with request text: no number divides
                    # by a string, so the root is a path (a model's property, say).
                    return Value(made.taint, made.parts, JOINED_PATH)
                return made
            case ir.Sub(value=value, index=index):
                key = self.expr(index, env)
                base = self.expr(value, env)
                if base.kind == NAMESPACE:
                    return chosen_by(self, key, "globals()[...]")
                if (
                    isinstance(value, ir.Global)
                    and value.name in ENGINE_HANDLERS
                    and isinstance(index, ir.Const)
                    and isinstance(index.value, str)
                ):
                    return engine_alias(index.value)  # NOTE: `engines["jinja"]`
                if base.kind == DICTS:
                    # NOTE: `fields[0]` is one of the dicts; a slice (`fields[::-1]`), or
                    # an index not known, is judged as the list.
                    return element(base) if isinstance(index, ir.Const) else base
                if base.kind == DJANGO_UPLOAD_LIST and isinstance(index, ir.Const):
                    return element(base)  # NOTE: one of the uploads sent under a key
                if base.kind in SESSION_KINDS and isinstance(index, ir.Global):
                    stored = session_key(index.name)
                    if stored in self.engine.options.session_keys:
                        return self.stored(node, stored)
                item = self.read_item(base, key_of(index) or session_item(base.kind, index), node)
                if item.taint and dotless_piece(value, index):
                    return Value(item.taint, item.parts, DOTLESS)
                item = slashless(item, value, index)
                if (
                    node.cut
                    and item.taint
                    and (base.kind not in _SEQUENCE_KINDS or _split_pieces(value))
                ):
                    # NOTE: `request.get_full_path()[6:]` of `/en-US//evil.example`.
                    cut = cut_start(item.taint, scheme_only=node.scheme_cut)
                    return Value(cut, item.parts, item.kind)
                return item
            case ir.Fmt():
                return self.formatted(node, env)
            case ir.DictE(keys=keys, values=values):
                return self.dictionary(keys, values, env)
            case ir.Star(value=value):
                return self.expr(value, env)
            case ir.Comp(generators=generators, elt=elt, guards=guards, mapping=mapping):
                inner = dict(env)
                for target, iterable, conditions in generators:
                    bound, given = self.item(iterable, inner)
                    self.assign(target, bound, inner, given=given)
                    for condition in conditions:
                        self.expr(condition, inner)
                inner = self.guarded(inner, guards)
                made = self.expr(elt, inner)
                if mapping:
                    return _comprehended_dict(made)
                if made.kind == "<dict>" and not made.taint:
                    # NOTE: `[{"url": removed(v), "label": v} for v in chosen]`: a list of
                    # dicts with the code's keys, as appending them makes (`calls.
                    # _adds_display`): what is read of an element is what its key held.
                    return (
                        Value(EMPTY, {ELEMENT: made}, DICTS)
                        if made.parts
                        else Value(made.whole(), kind=DICTS)
                    )
                if (
                    made.kind.startswith("cls:")
                    and not made.taint
                    and made.parts
                    and attributes_only(self.engine.index, made.kind[4:])
                ):
                    # NOTE: `[BookmarkItem(context, b) for b in page]` of a class whose
                    # instances show only the attributes `__init__` set (`records`): what
                    # is read of an element is what that attribute held.
                    return Value(EMPTY, {ELEMENT: made}, DICTS)
                if _known_positions(made):
                    # NOTE: `[(f.name, url_for("file", path=f.path)) for f in found]`: a
                    # list of tuples whose positions are known, as appending them makes
                    # (`calls._adds_display`): a loop unpacking them, a template's `{% for
                    # name, link in files %}`, binds each name to its position alone.
                    return Value(EMPTY, {ELEMENT: made}, DICTS)
                return Value(made.whole(), kind="<list>")
            case ir.Free(name=name):
                if self.free is not None and name in self.free:
                    return self.free[name]
                return env.get(name) or symbol("free", name)
            case ir.Walrus(name=name, value=value):
                bound = self.expr(value, env)
                self.rebind(name, env)
                env[name] = bound
                return env[name]

    def formatted(
        self,
        node: ir.Fmt,
        env: Env,
        around: tuple[str, str] = NOTHING_BESIDE,
        opening: bool = True,
    ) -> Value:
        """A string built from parts carries their data (less what a fixed host rules out).
        `around`: the constant text beside it in a string built around it; `opening`:
        nothing comes before it there."""
        saved, self.pos = self.pos, node.pos
        near = beside(node, around)
        values = [
            self.formatted(part, env, at, opening and not position)
            if isinstance(part, ir.Fmt) and part.kind in _ADJOINING
            else self.expr(part, env)
            for position, (part, at) in enumerate(zip(node.parts, near, strict=True))
        ]
        if node.kind == "+" and all(value.kind == DICTS for value in values):
            self.pos = saved
            return Value(union(*(value.whole() for value in values)), kind=DICTS)
        if node.kind == "+" and values[0].kind in _SEQUENCES and values[0].parts:
            step = self.step(_FORMAT_NOTES["+"], node.pos)
            self.pos = saved
            extended = _extended(values, step)
            options = values[0].part(OPTIONS)
            if options is not None and len(values) == 2:
                added = options_added(options, node.parts[1], values[1], one=False)
                return extended.with_part(OPTIONS, added)
            return extended
        parts = [
            cleanse(value.whole(), HTML_CLEANSED) if rendered_form_errors(part) else value.whole()
            for part, value in zip(node.parts, values, strict=True)
        ]
        fixed = fixed_host_kinds(node.prefix)
        if _rooted_path(node, values):
            # NOTE: `"/" + dest.lstrip("/")`: one slash, then no other: a local path (a
            # backslash after it is percent-encoded by Werkzeug and Django alike).
            fixed = QUERY_KINDS
        for position in _after_constant(node, values):
            # NOTE: `"." + name.split(".")[-1]`: an extension after fixed text can neither
            # start the path nor hold `..`, so it cannot lead out of the folder.
            parts[position] = cleanse(parts[position], PATH_CHECKED)
        for position, (before, _) in enumerate(near):
            if _started(node, position, before, opening) and not before.endswith(":"):
                # NOTE: `"https://%s%s" % (host, request.get_full_path())`: the path of a
                # middleware's request after the host; not after a bare scheme (`https:`).
                parts[position] = placed_after_start(parts[position])
        in_segment = segment_beside(node, around)
        for position, (before, following) in enumerate(near):
            if parts[position]:
                marks = _AFTER_PREFIX if position and node.prefix else frozenset()
                if following:
                    marks |= _BEFORE_SUFFIX
                if pinned(*in_segment[position]):
                    marks |= _PINNED
                if following or position < len(parts) - 1:
                    parts[position] = followed(parts[position])
                if before.endswith("/"):
                    parts[position] = after_folder(parts[position])
                if after_root(position, before, opening):
                    marks |= _AFTER_ROOT
                parts[position] = hand_quoted(
                    cleanse(parts[position], marks),
                    values[position].kind,
                    (before, following),
                    lambda note: self.step(note, node.pos),
                )
        after = 1 if continues_closed_url(node, [value.kind for value in values]) else node.query
        rooted = after_root_segment(node, values)
        if rooted and (not after or rooted < after):
            after = rooted
        if after:
            # NOTE: what a URL's query or fragment holds cannot change where it leads.
            parts[after:] = [cleanse(taint, QUERY_KINDS) for taint in parts[after:]]
        elif marks := closed_if(_started_with(node, env)):
            parts[1:] = [marked_symbols(taint, marks) for taint in parts[1:]]
        based = after_clean_base(node, values)
        if based:
            parts[based:] = [cleanse(taint, HOST_CHECKED) for taint in parts[based:]]
        taint = union(*parts)
        self.pos = saved
        kind = CLOSED_URL if fixed or after else ""
        if not taint:
            return Value(kind=kind) if kind else CLEAN
        taint = extend(taint, self.step(_FORMAT_NOTES[node.kind], node.pos))
        return Value(cleanse(taint, fixed), kind=kind)

    def display(self, kind: str, elts: tuple[ir.Expr, ...], env: Env) -> Value:
        """A list/tuple/set display: positions known until the first `*spread`."""
        parts: dict[str, Value] = {}
        spread: list[Taint] = []
        values = [self.expr(elt, env) for elt in elts]
        options = program_options(elts, values) if kind in {"list", "tuple"} else None
        if options is not None:
            parts[OPTIONS] = options  # NOTE: kept clean too: what is added later is read
        for position, (elt, value) in enumerate(zip(elts, values, strict=True)):
            if isinstance(elt, ir.Star) or spread or position >= MAX_PARTS:
                spread.append(value.whole())
            elif (
                worth_keeping(value)
                or (position == 0 and kind in {"list", "tuple"})
                or value.kind in _EMPTY_CONTAINERS
            ):
                # NOTE: the first element is kept even when clean: a command's program
                # (`cmd = ["git", "log"]; cmd.extend(args)`, `("convert", src) + options`)
                # stays known when more is added. So is an empty dict or list made to be
                # filled (`lookups, others = dict(), dict()`): unpacked, each is still a
                # display whose keys are what the code then stores under.
                parts[f"#{position}"] = value
        return Value(union(*spread), parts or None, f"<{kind}>")

    def dictionary(
        self, keys: tuple[ir.Expr | None, ...], values: tuple[ir.Expr, ...], env: Env
    ) -> Value:
        """A dict display: constant keys become known parts; what is under other keys is
        kept apart from those keys (`{name: content}`: the name is not the content)."""
        parts: dict[str, Value] = {}
        loose: list[Taint] = []
        unnamed: list[Taint] = []
        evaluated = [self.expr(item, env) for item in values]
        # NOTE: a dict of a query's methods keeps its other values too, so that reading it
        # by a key not known (`actions[kind](q)`) tells whether each is such a method.
        methods = (
            len(keys) <= MAX_PARTS
            and all(isinstance(k, ir.Const) and isinstance(k.value, str) for k in keys)
            and any(query_method(v) for v in evaluated)
        )
        for key, value in zip(keys, evaluated, strict=True):
            if key is None and known_keys(value) and not value.taint:
                # NOTE: `{**filters(request), "form": form}`: each key of the dict spread
                # keeps its own value, as in the dict itself.
                for name, part in (value.parts or {}).items():
                    if name in parts or len(parts) < MAX_PARTS:
                        parts[name] = part
                    else:
                        loose.append(part.whole())
            elif key is None:
                loose.append(value.whole())
            elif (
                isinstance(key, ir.Const) and isinstance(key.value, str) and len(parts) < MAX_PARTS
            ):
                if worth_keeping(value) or methods:
                    parts[f"[{key.value}]"] = value
            else:
                loose.append(self.expr(key, env).whole())
                unnamed.append(value.whole())
        if any(unnamed):
            parts[OTHERS] = Value(union(*unnamed))
        return Value(union(*loose), parts or None, "<dict>")

    # -- reading attributes and items ---------------------------------------------------

    def source(
        self,
        node: ir.Expr,
        what: str = "",
        cleansed: frozenset[str] = frozenset(),
        kind: str = "",
    ) -> Value:
        """A value read from the request at the current position."""
        text = what or f"`{self.render(node)}`"
        line, column = self.pos
        origin = Origin("source", f"{self.relpath}:{line}:{column}:{text}", text=text)
        trace = Trace((self.step(f"{text} read"),))
        return Value({Label(origin, cleansed): trace}, kind=kind, fresh=True)

    def stored(self, node: ir.Expr, key: str) -> Value:
        """What the session holds under `key`, where the project stores request data
        (see `stored`): request data, read at the current position; approximate when
        the project keeps there only what another object answered when handed it."""
        options = self.engine.options
        read = self.source(
            node,
            f"`{self.render(node)}` (request data the session keeps)",
            cleansed=options.session_cleansed.get(key, frozenset()),
        )
        if key in options.session_relayed:
            return Value(approximate(read.taint), kind=read.kind, fresh=True)
        return read

    def read_attr(self, base: Value, attr: str, node: ir.Expr) -> Value:
        """`base.attr`."""
        if base.kind == "<request>":
            stored = base.part(f".{attr}")
            if stored is not None and attr == "session" and self.engine.options.session_keys:
                # NOTE: the session a view stored into (`request.session[TOKEN] = token`)
                # still holds, under the keys it did not store, what the project keeps
                # there for a later request (`request.session.get(NEXT)`).
                return Value(stored.taint, stored.parts, DJANGO_SESSION)
            if stored is not None:
                return stored  # NOTE: what the code put there (`request.GET = {...}`)
            if attr == "session" and self.engine.options.session_keys:
                return Value(kind=DJANGO_SESSION)
            if attr == "script_root":
                return MOUNTED_AT
            if attr not in REQUEST_ATTRIBUTES:
                return CLEAN
            kind = ENVIRONMENT if attr in ENVIRONMENTS else ""
            kind = REQUEST_HEADERS if attr == "headers" else kind
            kind = DJANGO_UPLOADS if attr == "FILES" else kind
            kind = REQUEST_DATA if attr == "data" else kind
            cleansed = source_cleansed(attr, unrouted=self.unrouted, csrf_checked=self.csrf_checked)
            if attr == "data" and base.part(VALIDATED_DATA) is not None:
                cleansed |= FIELDS_CHECKED  # NOTE: a validator's data, by its fields
            return self.source(node, cleansed=cleansed, kind=kind)
        if base.kind == THREAD_LOCAL and attr == "request":
            # NOTE: `_thread_locals.request`, which a middleware of the project sets to
            # each request it passes on, for code that is handed no request.
            return Value(kind="<request>")
        if base.fresh and base.kind == ENVIRONMENT and attr.isupper():
            # NOTE: `request.META.HTTP_REFERER`, the template language's spelling of the
            # item; in Python it raises, and what the code means is the item.
            return self.read_item(base, f"[{attr}]", node)
        known = base.part(f".{attr}")
        if known is not None and not (attr == "data" and self.engine.is_serializer(base.kind)):
            # NOTE: a serializer keeps the data it was bound to as `.data`, which it reads
            # back as its representation (see `ObjectModel._form`).
            return known
        if is_saved(base.kind) and attr in _ASSIGNED_KEYS:
            return CLEAN  # NOTE: the primary key the database gave the row the form saved
        if attr in UPLOAD_PATHS and (name := upload_name(base)) is not None:
            return name
        special = self.engine.attribute(self, base, attr, node)
        if special is not None:
            return special
        taint = union(self.refine(base.taint, f".{attr}", node), base.unnamed(f".{attr}"))
        return Value(taint, kind=derived_kind(base.kind, attr))

    def read_item(self, base: Value, key: str, node: ir.Expr) -> Value:
        """`base[key]` (key "" when not a constant)."""
        if base.fresh:
            if base.kind == ENVIRONMENT and key.lower() in SERVER_KEYS:
                return MOUNTED_AT if key.lower() == "[script_name]" else CLEAN
            if base.kind == ENVIRONMENT and is_extension_key(key):
                return CLEAN
            widened = widen(base, f"`{self.render(node)}`")
            if base.kind == DJANGO_UPLOADS:
                # NOTE: whatever the key (`request.FILES[f"file{i}"]`), an item is an upload
                widened = Value(widened.taint, kind=DJANGO_UPLOAD, fresh=True)
            if base.kind == REQUEST_DATA:
                widened = Value(widened.taint, kind=MAYBE_UPLOAD, fresh=True)
            if key.lower() in REFERER_KEYS:
                return cleansed(widened, REFERER_CLEANSED)
            if self.host_checked and (base.kind, key.lower()) in CHECKED_HOST_KEYS:
                return cleansed(widened, CHECKED_HOST_CLEANSED)
            if key.lower() in HOST_KEYS or (
                base.kind == REQUEST_HEADERS and key.lower() in HOST_HEADER_KEYS
            ):
                return cleansed(widened, HOST_CLEANSED)
            if key.lower() in AUTHORIZATION_KEYS and base.kind in {REQUEST_HEADERS, ENVIRONMENT}:
                return cleansed(widened, AUTHORIZATION_CLEANSED)
            return widened
        if key:
            known = base.part(key)
            if known is not None:
                return known
            if base.kind in SESSION_KINDS and key[1:-1] in self.engine.options.session_keys:
                return self.stored(node, key[1:-1])
            special = self.engine.item(self, base, key, node)
            if special is not None:
                return special
            kind = VALUE_LIST if base.kind == LISTED_VALUES else ""
            return Value(union(self.refine(base.taint, key, node), base.unnamed(key)), kind=kind)
        if not (base.taint or base.unnamed()) and (method := one_query_method(base.parts)):
            return method
        return Value(union(base.taint, *(p.whole() for p in (base.parts or {}).values())))

    def refine(self, taint: Taint, path: str, node: ir.Expr | str) -> Taint:
        """Reading `path` from a parameter gives that parameter's `path` (one level deep);
        `node` is what was read, or the step's note."""
        if not taint:
            return EMPTY
        refined: dict[Label, Trace] = {}
        step: Step | None = None
        for label, trace in taint.items():
            origin = label.origin
            if origin.kind != "source" and tells_apart((*origin.path, path)):
                if step is None:
                    note = node if isinstance(node, str) else f"`{self.render(node)}` read"
                    step = self.step(note)
                origin = Origin(origin.kind, origin.name, (*origin.path, path))
                label, trace = (
                    Label(origin, label.cleansed),
                    Trace((*trace.steps, step), trace.approx),
                )
            refined[label] = trace
        return refined


_ADJOINING = frozenset({"+", "f-string"})
_SEQUENCE_KINDS = frozenset({"<list>", "<tuple>", DICTS})
"""Kinds of values a slice takes elements of, not text (`rows[1:]`)."""
_MAPPING_KINDS = frozenset({"", "<dict>"})
"""Kinds `**kwargs` may still have: the parameter as given, or a dict the code made."""
"""Strings whose first and last parts adjoin the text around them."""
_PINNED = frozenset({IN_SEGMENT})


def _path_pieces(operands: list[Value]) -> list[Value]:
    """The operands of `a / b` as pieces of a path (`segments.path_joined`)."""
    taints = path_joined([operand.taint for operand in operands])
    return [
        operand
        if taint is operand.taint
        else Value(taint, operand.parts, operand.kind, fresh=operand.fresh)
        for taint, operand in zip(taints, operands, strict=True)
    ]


_CLOSED_TEXT = Value(kind=CLOSED_URL)
"""A constant text a URL cannot leave its scheme and host from (`"/docs/"`)."""
_EMPTY_TEXT = Value(kind=EMPTY_TEXT)
_AFTER_PREFIX = frozenset({AFTER_PREFIX})
_BEFORE_SUFFIX = frozenset({BEFORE_SUFFIX})


def _started(node: ir.Fmt, position: int, before: str, opening: bool) -> bool:
    """Whether something is written before the part at `position` of the string: fixed
    text or another part (a `%` format's items follow the format, in the text's order)."""
    if node.kind == "%":
        return position >= 2 or (position == 1 and before != "")
    return position >= 1 or not opening


_OPTION = frozenset({"option"})
_PREFIXED_NAME = frozenset({"dispatch"})


def _rooted_path(node: ir.Fmt, values: list[Value]) -> bool:
    """`"/" + x.lstrip("/")` or `x.strip("/")` (or the f-string of it)."""
    return (
        node.kind in {"+", "f-string"}
        and len(values) >= 2
        and isinstance(node.parts[0], ir.Const)
        and node.parts[0].value == "/"
        and values[1].kind == UNROOTED
    )


def _split_pieces(node: ir.Expr) -> bool:
    """`s.split(sep)`, `s.partition(sep)` (and their `r` forms): pieces of a text."""
    return (
        isinstance(node, ir.Call)
        and isinstance(node.func, ir.Attr)
        and node.func.attr in TEXT_SPLITTERS
    )


def _after_constant(node: ir.Fmt, values: list[Value]) -> list[int]:
    """Positions of dotless pieces that come after some constant text."""
    found = []
    fixed = False
    for position, (part, value) in enumerate(zip(node.parts, values, strict=True)):
        if fixed and value.kind == DOTLESS:
            found.append(position)
        fixed = fixed or holds_text(part)
    return found


MOUNTED_AT = Value(kind=MOUNT_PREFIX)
_NO_HOST_CHECK = (
    "checked only for an empty host, which `/\\evil.example` passes: browsers go to the"
    " host after the backslash"
)
ENVIRONMENT = "<environ>"
"""The kind of `request.META` and `request.environ` read whole."""
REQUEST_HEADERS = "<request-headers>"
"""Werkzeug's `request.headers`: what the client sent, read by header name."""
CHECKED_HOST_KEYS = frozenset({(ENVIRONMENT, "[http_host]"), (REQUEST_HEADERS, "[host]")})
"""The Host header as a Django view reads it (`request.META["HTTP_HOST"]`,
`request.headers["Host"]`), by the kind of what it is read from and the lower-cased key:
the value `get_host()` checks (`specs.CHECKED_HOST_CLEANSED`)."""


def derived_kind(kind: str, attr: str) -> str:
    """The kind of `x.attr` when `x` was made by an external call (`Session().get`)."""
    if kind and not kind.startswith(("<", "cls:", "ref:")):
        return f"{kind}.{attr}"
    if kind.startswith("<orm"):
        return kind
    return ""


def _global_only(node: ir.Expr | None) -> bool:
    """An expression of constants, globals and calls of them (no local of its function)."""
    match node:
        case ir.Const() | ir.Global():
            return True
        case ir.Attr(value=value):
            return _global_only(value)
        case ir.Call(func=func, args=args, keywords=keywords):
            given = (*args, *(value for _, value in keywords))
            return _global_only(func) and all(_global_only(arg) for arg in given)
        case ir.Seq(elts=elts):
            return all(_global_only(item) for item in elts)
    return False


_OWN_KINDS = frozenset({"method", "classmethod"})
_GIVEN_KINDS = frozenset({"pos", "kwonly"})
_REQUEST_HELD = frozenset(
    {
        ".request",
        ".kwargs",
        ".args",
        ".data",
        ".initial_data",
        ".cleaned_data",
        ".validated_data",
        ".files",
        ".form",
    }
)
"""Attributes through which a view, form or serializer holds the request's data."""


def _comprehended_dict(pair: Value) -> Value:
    """A dict comprehension as a display with keys that are not constants: the keys' data
    is its own, its values' are kept apart (`{FILTERS[k]: v for ...}`: the values choose
    no key)."""
    key, value = position_of(pair, 0), position_of(pair, 1)
    held = value.whole()
    return Value(key.whole(), {OTHERS: Value(held)} if held else None, "<dict>")


def _started_with(node: ir.Fmt, env: Env) -> Value:
    """The variable a string built with `+` or an f-string starts with (`base` in
    `base + "&m=" + mode`), as the function holds it; CLEAN when it starts otherwise."""
    first: ir.Expr = node
    while isinstance(first, ir.Fmt) and first.kind in {"+", "f-string"}:
        first = first.parts[0]
    return env.get(first.name, CLEAN) if isinstance(first, ir.Local) else CLEAN


def _read_as_is(value: Value) -> Origin | None:
    """The one origin of a value that holds the data as it was read (or given), nothing
    made of it: what a guard proves of it, it proves of that read."""
    if value.parts or value.kind or len(value.taint) != 1:
        return None
    ((label, trace),) = value.taint.items()
    return label.origin if len(trace.steps) <= 1 and not label.cleansed else None


def _cleanse_derived(env: Env, guarded: str, origin: Origin, kinds: frozenset[str]) -> None:
    """`folder = join(root, language)` then `suffixes[language]` (or `if language not in
    suffixes: raise`): `language` is one of the code's own values, and so is what
    `folder` holds of it, made before the check."""
    for name, value in list(env.items()):
        if name != guarded and (value.taint or value.parts):
            env[name] = cleansed(value, kinds, origin)


def _any_path(operands: list[Value]) -> bool:
    """Whether a pathlib path is joined: what `/` makes of it is a path."""
    return any(operand.kind.startswith("pathlib.") for operand in operands)


def _known_positions(made: Value) -> bool:
    """A tuple display (of a comprehension's element) whose data is all in its known
    positions, as `calls._adds_display` keeps an appended one."""
    return made.kind == "<tuple>" and bool(made.parts) and not made.taint and not made.unnamed()


def _argument_name(arg: ir.Expr) -> str | None:
    """The local an argument is (`field`), or the attribute of one (`self.order`), as a
    guard names it; None for any other expression."""
    match arg:
        case ir.Local(name=name):
            return name
        case ir.Attr(value=ir.Local(name=owner), attr=attr):
            return f"{owner}.{attr}"
    return None


def _global_checks(checks: tuple[ir.Guard, ...]) -> tuple[ir.Guard, ...]:
    """The checks of a validator against no collection, or one of the module's globals
    (`ALLOWED_HOSTS`, not a parameter `hosts` the caller chooses): what the validator's
    own names mean is known at its caller only for those."""
    return tuple(c for c in checks if c.container is None or _global_only(c.container))


def _zipped(iterable: ir.Expr) -> tuple[ir.Expr, ...] | None:
    """The lists of `zip(xs, ys)` (the builtin's, each list given by position)."""
    if not (
        isinstance(iterable, ir.Call)
        and isinstance(iterable.func, ir.Global)
        and iterable.func.name == "zip"
        and iterable.args
        and all(name == "strict" for name, _ in iterable.keywords)
        and not any(isinstance(arg, ir.Star) for arg in iterable.args)
    ):
        return None
    return iterable.args
