"""Helpers shared by the auditing (dangerous call) rules."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import FlowStep, Severity
from webwarden.model.scopes import CHANGED_BINDING, UNKNOWN_BINDING
from webwarden.rules.auditing._allow_lists import (
    chosen_from_constants,
    looped_over_constants,
    refused_unless_listed,
)
from webwarden.rules.context import (
    COMMAND_DECORATORS,
    COMMAND_LIBRARIES,
    FileContext,
    identifier_words,
    sounds_secret,
)

HTTP_METHODS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "send"}
)
"""Methods of HTTP clients (requests' functions and sessions, httpx) that send a request."""
REQUESTS_SESSIONS = frozenset({"requests.Session", "requests.session", "requests.sessions.Session"})
SUBPROCESS_FUNCTIONS = frozenset(
    f"subprocess.{name}" for name in ("call", "run", "Popen", "check_call", "check_output")
)


def describe(ctx: FileContext, node: ast.expr) -> str:
    """A short phrase for where a non-constant value comes from, for messages."""
    if isinstance(node, ast.JoinedStr):
        return "an f-string with non-constant parts"
    if isinstance(node, ast.BinOp):
        operator = "%" if isinstance(node.op, ast.Mod) else "+"
        return f"non-constant values joined with `{operator}`"
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"format", "join"}
    ):
        return f"non-constant values passed to `.{node.func.attr}()`"
    if isinstance(node, ast.Name):
        return f"the variable `{node.id}`"
    if isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        text = ast.unparse(node)
        return f"`{text}`" if len(text) <= 40 else "a non-constant expression"
    return "a non-constant expression"


COMPILERS = frozenset({"compile", "builtins.compile"})


def compiled_here(ctx: FileContext, code: ast.expr) -> tuple[FlowStep, ...]:
    """`exec(code)` after `code = compile(text, path, "exec")` (or `exec(compile(...))`):
    a step at the `compile()` that made the code object run, so that a finding of the
    text compiled there (WW1106's, with the request data's flow) stands for this one."""
    if isinstance(code, ast.Name):
        code = ctx.lookup(code) or code
    if not isinstance(code, ast.Call) or ctx.call_name(code) not in COMPILERS:
        return ()
    return (FlowStep(ctx.location(code), "`compile()` makes the code object run here"),)


def is_built_string(node: ast.expr) -> bool:
    """Whether `node` builds a string from parts (f-string, `+`, `%`, `.format`, `.join`)."""
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"format", "join"}
    )


def receiver_name(receiver: ast.expr) -> str:
    """The name a method's receiver is known by (`session` for `session.get` and for
    `self.session.get`), "" for anything else."""
    if isinstance(receiver, ast.Name):
        return receiver.id
    return receiver.attr if isinstance(receiver, ast.Attribute) else ""


def truthiness(ctx: FileContext, node: ast.expr | None) -> bool | None:
    """True/False when `node` is a constant, None when unknown or absent."""
    if node is None:
        return None
    value = ctx.evaluate(node)
    return None if value is UNKNOWN else bool(value)


def _target_names(target: ast.AST) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Attribute):
        return [target.attr]
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        return [str(target.slice.value)]
    if isinstance(target, ast.Tuple | ast.List):
        return [n for elt in target.elts for n in _target_names(elt)]
    return []


def secret_purpose(ctx: FileContext, node: ast.AST, *, follow_local: bool = False) -> str | None:
    """The secret-sounding name `node`'s value ends up in, if any.

    Looks outward from `node` to the statement that uses it: an assignment target
    (`token = ...`), a keyword argument (`api_key=...`), a dict key (`{"nonce": ...}`),
    or a `return` in a function whose name sounds secret (`def make_reset_code()`), the
    return of a local it is assigned to included (`bits = ...; return "%032x" % bits`).
    With `follow_local`, also where a local it is assigned to is handed on as it is or
    written out as text: a secret-sounding keyword argument, attribute or name, or dict
    key (`code = random.choice(...)`, then `Device.objects.create(verification_code=code)`).
    """
    child: ast.AST = node
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.keyword) and holder.arg and sounds_secret(holder.arg):
            return holder.arg
        if isinstance(holder, ast.Dict) and (key := _secret_key_of(holder, child)) is not None:
            return key
        if isinstance(holder, ast.Assign | ast.AnnAssign | ast.AugAssign | ast.NamedExpr):
            targets = holder.targets if isinstance(holder, ast.Assign) else [holder.target]
            names = [n for t in targets for n in _target_names(t)]
            named = next((n for n in names if sounds_secret(n)), None)
            named = named or next(filter(None, map(_session_nonce, targets)), None)
            if named is None and len(targets) == 1 and isinstance(targets[0], ast.Name):
                local = targets[0].id
                returned = _secret_function_returning(ctx, holder, local)
                if returned is None and follow_local:
                    return _secret_use_of_local(ctx, holder, local)
                return returned
            if named is None and len(targets) == 1 and isinstance(targets[0], ast.Attribute):
                return _secret_function_returning_field(ctx, holder, targets[0])
            return named
        if isinstance(holder, ast.Return):
            function = ctx.scopes.enclosing_function(holder)
            if function is not None and _makes_secret(ctx, function.name):
                return f"{function.name}()"
            return None
        if isinstance(holder, ast.stmt):
            return None
        child = holder
    return None


_MAKING_WORDS = frozenset({"gen", "generate", "make", "new", "create"})
_MADE_SECRETS = frozenset({"key", "code"})
"""What a function named for making it alone makes as a credential: a key, or a code (the
one-time code `generate_code()` makes for an e-mail or SMS to carry)."""
_SHAPE_WORDS = frozenset(
    {"short", "long", "random", "rand", "secure", "numeric", "alphanumeric", "digit",
     "digits", "one", "time", "onetime", "temp", "temporary"}
)  # fmt: skip
"""Words saying only what a made key or code looks like (`make_short_key`,
`generate_random_code`, `new_one_time_code`), not what it is for."""


def _makes_secret(ctx: FileContext, function: str) -> bool:
    """A function named for a secret (`make_reset_code`), or for making a key or a code,
    of a shape perhaps (`keygen`, `generate_key`, `generate_code`, `make_short_key`): a key alone may be a dict's or a cache's
    (`make_cache_key` is no secret, nor `generate_colour_code`), one a function is named
    for making is a credential, unless the module
    only looks things up by what it makes (`key = self._generate_key(...)`, then
    `key in self._inputs`, `self._counts[key] += 1`)."""
    words = [w for w in identifier_words(function) if w]
    if sounds_secret(function) or "keygen" in words:
        return True
    making = (
        len(words) >= 2
        and words[0] in _MAKING_WORDS
        and words[-1] in _MADE_SECRETS
        and all(w in _SHAPE_WORDS for w in words[1:-1])
    )
    return making and not _lookup_keys(ctx, function)


def _lookup_keys(ctx: FileContext, function: str) -> bool:
    """Whether the module calls `function` (or a method so named), and each call's value
    is a local used only to index or to test membership."""
    calls = [
        call
        for call in ctx.by_type.get(ast.Call, ())
        if isinstance(call, ast.Call)
        and (getattr(call.func, "attr", None) or getattr(call.func, "id", None)) == function
    ]
    return bool(calls) and all(_indexes_only(ctx, call) for call in calls)


def _indexes_only(ctx: FileContext, call: ast.Call) -> bool:
    holder = ctx.parent(call)
    if holder is None or ctx.scopes.enclosing_function(holder) is None:
        return False
    reads = ctx.scopes.reads_of_assigned(holder)
    return bool(reads) and all(_looks_up(ctx, read) for read in reads)


def _looks_up(ctx: FileContext, read: ast.Name) -> bool:
    """`table[key]`, `key in table`, `key not in table`."""
    parent = ctx.parent(read)
    if isinstance(parent, ast.Subscript):
        return parent.slice is read
    return (
        isinstance(parent, ast.Compare)
        and parent.left is read
        and all(isinstance(op, ast.In | ast.NotIn) for op in parent.ops)
    )


def _secret_function_returning(ctx: FileContext, assignment: ast.AST, local: str) -> str | None:
    """`def create_session_id(): bits = random.getrandbits(128); return "%032x" % bits`:
    the secret-sounding function (as `name()`) that returns the local, as it is or
    written out as text."""
    function = ctx.scopes.enclosing_function(assignment)
    if function is None or not _makes_secret(ctx, function.name):
        return None
    derived = _derived_locals(ctx, function, local)
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Return)
            and node.value is not None
            and ctx.scopes.enclosing_function(node) is function
            and any(_carried(ctx, node.value, name, derived) for name in derived)
        ):
            return f"{function.name}()"
    return None


_DIGESTS = frozenset({"digest", "hexdigest"})


def _derived_locals(ctx: FileContext, function: ast.AST, local: str) -> set[str]:
    """`local` and the locals of `function` made of it (`_carried`: `salt =
    hashlib.sha1(drawn).hexdigest()`, then `hash_input = (salt + email).encode()`), none
    of whose values names a secret beside it (`settings.SECRET_KEY + drawn`; a `salt`
    made of the local is none)."""
    derived = {local}
    assignments = [
        (node.targets[0].id, node.value)
        for node in ast.walk(function)
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
    ]
    changed = True
    while changed:
        changed = False
        for name, value in assignments:
            if (
                name not in derived
                and not _names_secret(value, derived)
                and any(_carried(ctx, value, held, derived) for held in derived)
            ):
                derived.add(name)
                changed = True
    return derived


def _carried(ctx: FileContext, node: ast.expr, local: str, derived: set[str]) -> bool:
    """Whether `node` is the local, text made of it (`_written_out`), a slice of such
    text, or a digest of it with nothing secret hashed beside it
    (`hashlib.sha1(drawn).hexdigest()[:8]`; the `derived` locals are none): whoever
    predicts the local computes it."""
    while isinstance(node, ast.Subscript):
        node = node.value
    if _written_out(node, local):
        return True
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _DIGESTS
        and isinstance(hashed := node.func.value, ast.Call)
        and (ctx.call_name(hashed) or "").startswith("hashlib.")
    ):
        return False
    fed = [*hashed.args, *(k.value for k in hashed.keywords)]
    return not any(_names_secret(part, derived) for part in fed) and any(
        _carried(ctx, part, local, derived) for part in fed
    )


def _names_secret(node: ast.expr, derived: set[str]) -> bool:
    """Whether `node` reads a name or attribute named for a secret (`settings.SECRET_KEY`)
    other than the `derived` locals."""
    for part in ast.walk(node):
        if isinstance(part, ast.Name):
            name = "" if part.id in derived else part.id
        else:
            name = part.attr if isinstance(part, ast.Attribute) else ""
        if name and sounds_secret(name):
            return True
    return False


def _secret_function_returning_field(
    ctx: FileContext, assignment: ast.AST, field: ast.Attribute
) -> str | None:
    """`def generate_code(self): self.code = str(random.randint(...)); ...; return
    self.code`: a model's method named for making a code keeps it in a field of the
    instance and returns that field (alone or in a tuple, `return self.login_code,
    self.login_code_created_at`), so the field holds what the function makes."""
    function = ctx.scopes.enclosing_function(assignment)
    if function is None or not _makes_secret(ctx, function.name):
        return None
    wanted = ast.unparse(field.value), field.attr
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Return)
            and node.value is not None
            and ctx.scopes.enclosing_function(node) is function
        ):
            values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            if any(
                isinstance(value, ast.Attribute)
                and (ast.unparse(value.value), value.attr) == wanted
                for value in values
            ):
                return f"{function.name}()"
    return None


def _secret_use_of_local(ctx: FileContext, assignment: ast.AST, local: str) -> str | None:
    """The secret-sounding name a read of the local (bound by `assignment`) is handed to,
    as it is or written out as text (`_written_out`): a keyword argument
    (`verification_code=code`), an assignment's target (`device.otp = str(code)`) or a
    dict key (`{"reset_code": code}`)."""
    for read in ctx.scopes.reads_of_assigned(assignment):
        child: ast.AST = read
        holder = ctx.parent(read)
        while isinstance(holder, ast.expr) and _written_out(holder, local):
            child, holder = holder, ctx.parent(holder)
        if isinstance(holder, ast.keyword) and holder.arg and sounds_secret(holder.arg):
            return holder.arg
        if isinstance(holder, ast.Assign) and holder.value is child:
            named = [n for t in holder.targets for n in _target_names(t) if sounds_secret(n)]
            named += [n for n in map(_session_nonce, holder.targets) if n]
            if named:
                return named[0]
        if isinstance(holder, ast.Dict) and (key := _secret_key_of(holder, child)) is not None:
            return key
    return None


_NONCE_WORDS = frozenset({"state"})
"""A word naming, in a session key (`session["oauth_state"]`), the nonce an OAuth
sign-in sends with the user to the provider and checks when the user comes back: its
defence against a forged callback (RFC 6749, section 10.12), as good as it is hard to
guess."""


def _session_nonce(target: ast.AST) -> str | None:
    """`session['state']` for a target keeping a value in the session under a key named
    for an OAuth state (`session["state"]`, `flask.session["oauth_state"]`,
    `request.session["hid_state"]`), else None."""
    if not (
        isinstance(target, ast.Subscript)
        and isinstance(target.slice, ast.Constant)
        and isinstance(target.slice.value, str)
        and _NONCE_WORDS.intersection(identifier_words(target.slice.value))
    ):
        return None
    owner = target.value
    name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
    return f"session[{target.slice.value!r}]" if name == "session" else None


def _secret_key_of(holder: ast.Dict, child: ast.AST) -> str | None:
    """The key, named for a secret, under which a dict display holds `child`
    (`{"api_token": value}`)."""
    for key, value in zip(holder.keys, holder.values, strict=True):
        if (
            value is child
            and isinstance(key, ast.Constant)
            and isinstance(key.value, str)
            and sounds_secret(key.value)
        ):
            return key.value
    return None


_TEXT_CALLS = frozenset({"str", "hex", "format", "bytes"})
_TEXT_METHODS = frozenset({"format", "join", "encode", "decode", "hex"})


def _written_out(node: ast.expr, local: str) -> bool:
    """Whether `node` is the local itself or text made of it (`%`/`+`, an f-string,
    `str()`, `hex()`, `.format()`, `.join()`, `.encode()`): not a value it only
    shapes, such as a length (`secrets.token_hex(size)`)."""
    if isinstance(node, ast.Name):
        return node.id == local
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        operands = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        return any(_written_out(part, local) for part in (node.left, *operands))
    if isinstance(node, ast.JoinedStr):
        return any(
            _written_out(part.value, local)
            for part in node.values
            if isinstance(part, ast.FormattedValue)
        )
    if not isinstance(node, ast.Call):
        return False
    if isinstance(node.func, ast.Name) and node.func.id in _TEXT_CALLS:
        return any(_written_out(arg, local) for arg in node.args[:1])
    if isinstance(node.func, ast.Attribute) and node.func.attr in _TEXT_METHODS:
        parts = [node.func.value, *node.args, *(k.value for k in node.keywords)]
        return any(_written_out(part, local) for part in parts)
    return False


_QUOTING = frozenset({"shlex.quote", "shlex.join", "pipes.quote"})
_UNKNOWABLE = (UNKNOWN_BINDING, CHANGED_BINDING)
_NUMBERS = frozenset(
    {"int", "float", "len", "builtins.int", "builtins.float", "builtins.len"}
    | {f"os.{name}" for name in ("getpid", "getppid", "getuid", "geteuid", "getgid", "getegid")}
    | {f"time.{name}" for name in ("time", "monotonic", "perf_counter", "time_ns")}
)
"""Calls whose result is a number (also the process's ids and the clock's readings),
which the shell reads as one word of digits."""
Given = Callable[[ast.Name | ast.Attribute], ast.expr | None]
"""What a name read in a function is given by one call of it (None: not a parameter),
or what the project step is to judge of an imported name (`_imported_parts`)."""
_PATH_CALLS = frozenset(
    f"os.path.{name}" for name in ("join", "dirname", "abspath", "realpath", "normpath")
) | frozenset({"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "str"})
_PATH_PARTS = frozenset({"parent", "name", "stem", "suffix"})
"""Attributes of a pathlib path made of its own text (`Path(__file__).parent`)."""
_PATH_METHODS = frozenset({"resolve", "absolute", "joinpath", "with_name", "with_suffix"})
"""Methods of a pathlib path whose result is made of its text and their arguments."""
"""Path functions whose result is made of their arguments only: the program's own path
when those are `__file__` and constants."""
_SPLITTING_PATH_CALLS = frozenset({"os.path.split", "os.path.splitext"})
"""Path functions giving a pair of parts of their argument: the program's own path when
it is (`here, _ = os.path.split(__file__)`)."""
_DATE_NUMBERS = re.compile(r"(?:[^%]|%[dmyYHIMSfjUWwGuVz%])*")
"""A `strftime` format whose directives write only digits (and the sign of `%z`)."""
_CONVERSION = re.compile(r"%(\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.)")
_NUMERIC = frozenset("diouxXeEfFgG")
"""`%`-conversions that write a number or raise: digits, a sign, a point, an exponent,
`inf` or `nan`, never a character the shell reads."""
_NUMBER_SPEC = re.compile(r"[<>=^+\- #0-9,_.z]*[bdoxXeEfFgGn%]")
"""A standard format spec of a number type (`:d`, `:08.3f`), not a `datetime`'s."""


def _numeric_conversions(template: ast.expr, count: int) -> list[bool]:
    """For each of the `count` values a constant `%` template formats, whether it is
    formatted as a number (`"ps -p %d" % pid`); all False when that cannot be told (a
    mapping key, a `*` width, a template that takes another number of values)."""
    unknown = [False] * count
    if not (isinstance(template, ast.Constant) and isinstance(template.value, str)):
        return unknown
    numeric = []
    for match in _CONVERSION.finditer(template.value):
        key, width, precision, conversion = match.groups()
        if conversion == "%":
            continue
        if key is not None or "*" in (width, precision):
            return unknown
        numeric.append(conversion in _NUMERIC)
    return numeric if len(numeric) == count else unknown


def _numeric_spec(part: ast.FormattedValue) -> bool:
    """`f"ps -p {pid:d}"`: a format type that takes only numbers."""
    spec = part.format_spec
    if part.conversion != -1 or not isinstance(spec, ast.JoinedStr) or len(spec.values) != 1:
        return False
    text = spec.values[0]
    return (
        isinstance(text, ast.Constant)
        and isinstance(text.value, str)
        and _NUMBER_SPEC.fullmatch(text.value) is not None
    )


def quoted_command(
    ctx: FileContext, node: ast.expr, depth: int = 0, given: Given | None = None
) -> bool:
    """A command of constant text and `shlex.quote()`d values only (`"du -sh " +
    shlex.quote(d)`, its f-string or `%`/`.format` spelling, or a name bound to one):
    the shell reads each outside value as one word. A choice between such commands
    (`"cls" if os.name == "nt" else "clear"`) is one of them whichever is taken, and a
    list of them (`[script]`, whose first item the shell runs) is too. A path of the
    program's own files (`os.path.join(os.path.dirname(__file__), "version.sh")`, or
    with pathlib: `Path(__file__).resolve().parent / "version.sh"`) is
    where the code is installed, and `sys.executable` the interpreter running it: no
    outside value. A name assigned several times is one when each value is (`exe =
    "python"` / `else: exe = sys.executable`), and so is a part of the program's path
    unpacked from `os.path.split` (`here, _ = os.path.split(__file__)`), a choice of such
    values (`here or "."`), a date formatted as digits (`now.strftime("%Y%m%d")`), a
    number (`int(name)`, `len(items)`), or a name held to a literal collection of words
    where it is read (inside `if action in ["start", "stop"]:`, or after `if action not in
    ACTIONS: return ...` turned every other value away), or a part of constant text split
    at a constant (`VERSION.split(".")[0]`). `given` tells what a parameter is given, for
    judging a function's command as each of its callers makes it, or what to judge of a
    name or module attribute imported from another module (`_imported_parts`)."""
    if depth > 8:
        return False
    if isinstance(node, ast.Constant):
        # NOTE: `None` formats as the word "None" (a value not yet read: `pid = None`).
        return node.value is None or isinstance(node.value, str | int | float)
    if isinstance(node, ast.Name):
        argument = given(node) if given is not None else None
        if argument is not None:
            return quoted_command(ctx, argument, depth + 1)
        bound = ctx.lookup(node) or ctx.reaching_value(node)
        if bound is None:
            values = ctx.scopes.values_of(node) or []
            if len(values) > 1 and not any(v in _UNKNOWABLE for v in values):
                return all(quoted_command(ctx, v, depth + 1, given) for v in values)
            if node.id == "__file__" or looped_over_constants(ctx, node, commands=True):
                return True
            if chosen_from_constants(ctx, node, node) or refused_unless_listed(ctx, node, node):
                return True  # NOTE: one of the developer's words, which the shell reads as such
            unpacked = _unpacked_path(ctx, node)
            return unpacked is not None and quoted_command(ctx, unpacked, depth + 1, given)
        return quoted_command(ctx, bound, depth + 1, given)
    if isinstance(node, ast.Attribute):
        argument = given(node) if given is not None else None
        if argument is not None:
            return quoted_command(ctx, argument, depth + 1)
        if node.attr in _PATH_PARTS:
            return quoted_command(ctx, node.value, depth + 1, given)
        return ctx.qualified(node) == "sys.executable"
    if isinstance(node, ast.List | ast.Tuple):
        return all(quoted_command(ctx, part, depth + 1, given) for part in node.elts)
    if isinstance(node, ast.Subscript) and (receiver := _split_text(node)) is not None:
        return _constant_text(ctx, receiver, given)
    if isinstance(node, ast.JoinedStr):
        return all(
            _numeric_spec(part) or quoted_command(ctx, part.value, depth + 1, given)
            if isinstance(part, ast.FormattedValue)
            else quoted_command(ctx, part, depth + 1, given)
            for part in node.values
        )
    if isinstance(node, ast.BoolOp):
        return all(quoted_command(ctx, part, depth + 1, given) for part in node.values)
    if isinstance(node, ast.IfExp):
        return all(quoted_command(ctx, part, depth + 1, given) for part in (node.body, node.orelse))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        right = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        numeric = _numeric_conversions(node.left, len(right))
        return quoted_command(ctx, node.left, depth + 1, given) and all(
            is_number or quoted_command(ctx, part, depth + 1, given)
            for part, is_number in zip(right, numeric, strict=True)
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Div):
        # NOTE: `/` joins pathlib paths (`Path(__file__).parent / "build.sh"`).
        return all(quoted_command(ctx, part, depth + 1, given) for part in (node.left, node.right))
    if isinstance(node, ast.Call):
        if ctx.call_name(node) in _QUOTING or ctx.call_name(node) in _NUMBERS:
            return True  # NOTE: `int(name)` is digits whatever `name` held
        if ctx.call_name(node) in _PATH_CALLS and not node.keywords:
            return all(quoted_command(ctx, part, depth + 1, given) for part in node.args)
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _PATH_METHODS and not node.keywords:
            parts = (func.value, *node.args)
            return all(quoted_command(ctx, part, depth + 1, given) for part in parts)
        if isinstance(func, ast.Attribute) and func.attr == "format":
            if any(k.arg is None for k in node.keywords):
                return False
            parts = (func.value, *node.args, *(k.value for k in node.keywords))
            return all(quoted_command(ctx, part, depth + 1, given) for part in parts)
        if _numeric_date(node):
            return True
        if _joined_with_constant(node):
            return _quoted_words(ctx, node.args[0], depth + 1, given)
    return False


_SPLITS = frozenset({"split", "rsplit", "partition", "rpartition"})


def _split_text(node: ast.Subscript) -> ast.expr | None:
    """The text of which `node` takes one part at a constant separator
    (`VERSION.split(".")[0]`, `name.rpartition("-")[2]`), None for any other subscript."""
    call = node.value
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in _SPLITS
        and all(
            isinstance(a, ast.Constant) for a in (*call.args, *(k.value for k in call.keywords))
        )
        and isinstance(node.slice, ast.Constant)
        and isinstance(node.slice.value, int)
    ):
        return None
    return call.func.value


def _constant_text(ctx: FileContext, node: ast.expr, given: Given | None) -> bool:
    """Text the source fixes: a constant, or a name a caller gives a constant or that
    another module of the project binds (judged there, `_imported_parts`). Not a quoted
    value: a part of `'a;b'` may have lost its quotes."""
    if ctx.is_constant(node):
        return True
    if not isinstance(node, ast.Name | ast.Attribute) or given is None:
        return False
    return isinstance(given(node), ast.Constant)


def _joined_with_constant(node: ast.Call) -> bool:
    """`" ".join(words)`: a constant separator between the words of one argument."""
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "join"
        and isinstance(func.value, ast.Constant)
        and isinstance(func.value.value, str)
        and len(node.args) == 1
        and not node.keywords
    )


def _quoted_words(ctx: FileContext, words: ast.expr, depth: int, given: Given | None) -> bool:
    """Words each quoted for the shell, as `shlex.join` would write them: a comprehension
    whose element is (`quote(d) for d in downloads`), `map(shlex.quote, args)`, or a
    display of such parts."""
    if isinstance(words, ast.GeneratorExp | ast.ListComp):
        return quoted_command(ctx, words.elt, depth, given)
    if isinstance(words, ast.List | ast.Tuple):
        return all(quoted_command(ctx, part, depth, given) for part in words.elts)
    return (
        isinstance(words, ast.Call)
        and ctx.call_name(words) == "map"
        and len(words.args) == 2
        and ctx.qualified(words.args[0]) in _QUOTING
    )


_CLI_LIBRARIES = tuple(f"{library}." for library in COMMAND_LIBRARIES)


def operator_severity(ctx: FileContext, node: ast.AST) -> Severity | None:
    """Low for a dangerous call in a command an operator runs (`run_by_operator`), else
    the rule's own severity (None)."""
    return Severity.LOW if run_by_operator(ctx, node) else None


def run_by_operator(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` runs in a command an operator starts from a shell: a Django
    management command, or a function a Click, Typer or Flask CLI decorator makes a
    command (`@click.command()`, `@app.cli.command()`, `@translate.command()` under a
    `@bp.cli.group()`). Its arguments are typed by whoever may run the app's code
    already; no request reaches it. So is a command-line script (`ctx.is_script`)."""
    if ctx.is_management_command or ctx.is_script:
        return True
    functions = {
        n.name: n for n in ctx.tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    return any(
        isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef) and _cli_command(ctx, a, functions)
        for a in ctx.ancestors(node)
    )


def _cli_command(
    ctx: FileContext,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef],
    depth: int = 0,
) -> bool:
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = ctx.qualified(target) or ""
        if name.startswith(_CLI_LIBRARIES):
            return True
        if not (isinstance(target, ast.Attribute) and target.attr in COMMAND_DECORATORS):
            continue
        base = target.value
        if isinstance(base, ast.Attribute) and base.attr == "cli":
            return True  # NOTE: Flask's `app.cli.command()`, a blueprint's `bp.cli.group()`
        group = functions.get(base.id) if isinstance(base, ast.Name) else None
        if group is not None and depth < 3 and _cli_command(ctx, group, functions, depth + 1):
            return True
    return False


_DJANGO_CACHES = frozenset({"django.core.cache.cache", "django.core.cache.caches"})
_BASE_CACHES = frozenset(
    {"django.core.cache.backends.base.BaseCache", "django.core.cache.BaseCache"}
)


def from_django_cache(ctx: FileContext, data: ast.expr | None) -> bool:
    """`pickle.loads(cache.get(key))`, or of a local assigned so: bytes read back from
    Django's cache (`cache`, `caches["name"]`, or a module's name for one), whose
    backends unpickle every value they hold themselves: whoever can write the cache
    server runs code through `cache.get` already."""
    if isinstance(data, ast.Name):
        data = ctx.lookup(data)
    if not (
        isinstance(data, ast.Call)
        and isinstance(data.func, ast.Attribute)
        and data.func.attr == "get"
    ):
        return False
    return _django_cache(ctx, data.func.value, data)


def _django_cache(ctx: FileContext, backend: ast.expr | ast.arg, at: ast.AST) -> bool:
    """`cache`, `caches["name"]`, a module's name for one, or `self._backend` that the
    class sets only from a parameter typed `BaseCache` or defaulting to a Django cache."""
    if (
        isinstance(backend, ast.Attribute)
        and isinstance(backend.value, ast.Name)
        and backend.value.id == "self"
    ):
        values = _set_from(ctx, backend.attr, at)
        return bool(values) and all(_django_cache(ctx, v, at) for v in values)
    if isinstance(backend, ast.arg):
        hint = backend.annotation
        return hint is not None and ctx.names.qualified(hint) in _BASE_CACHES
    if isinstance(backend, ast.Name):
        backend = ctx.lookup(backend) or backend
    if isinstance(backend, ast.Subscript):
        backend = backend.value
    return ctx.names.qualified(backend) in _DJANGO_CACHES


def _set_from(ctx: FileContext, attribute: str, at: ast.AST) -> list[ast.expr | ast.arg]:
    """What the class's methods set `self.<attribute>` to, a parameter of the method
    standing for itself (its type or its default); [] when some value is not a name."""
    cls = next((a for a in ctx.ancestors(at) if isinstance(a, ast.ClassDef)), None)
    if cls is None:
        return []
    found: list[ast.expr | ast.arg] = []
    for method in (n for n in cls.body if isinstance(n, ast.FunctionDef)):
        positional = [*method.args.posonlyargs, *method.args.args]
        defaults = dict(zip(reversed(positional), reversed(method.args.defaults), strict=False))
        params = {a.arg: a for a in positional + method.args.kwonlyargs}
        for node in ast.walk(method):
            if not isinstance(node, ast.Assign) or not any(
                isinstance(t, ast.Attribute) and t.attr == attribute for t in node.targets
            ):
                continue
            value = node.value
            if not (isinstance(value, ast.Name) and value.id in params):
                return []
            param = params[value.id]
            found.append(param if param.annotation is not None else defaults.get(param, value))
    return found


_VERIFY_WORDS = frozenset(
    {"verify", "verification", "ssl", "tls", "insecure", "cert", "certs", "certificate"}
)
"""Words of an option that says whether to verify certificates (`verify`, `VERIFY_SSL`,
`insecure`)."""


_CHECKING_WORDS = _VERIFY_WORDS - {"ssl", "tls"}
"""Words of an option about checking certificates, not about using TLS at all (`if
use_ssl:` is where a client's TLS options are set, whatever they are)."""


def under_verify_option(
    ctx: FileContext,
    node: ast.AST,
    *,
    strings: bool = False,
    words: frozenset[str] | None = None,
) -> bool:
    """Whether `node` runs only under an `if` (in its function) testing a name of a
    verification option (`if not verify:`, `if self.insecure:`), or (`strings`) an
    environment variable's (`if not env_bool("REDIS_VERIFY_SSL", True):`), then of an
    option about checking certificates only (not `if use_ssl:`). `words`, when given,
    are the words such a name must hold instead."""
    if words is None:
        words = _CHECKING_WORDS if strings else _VERIFY_WORDS
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
        if isinstance(holder, ast.If) and any(
            words.intersection(identifier_words(name))
            for name in _names(holder.test, strings=strings)
        ):
            return True
    return False


def _names(test: ast.expr, *, strings: bool) -> list[str]:
    """The names and attribute names a test reads (and its strings, if asked)."""
    found: list[str] = []
    for part in ast.walk(test):
        if isinstance(part, ast.Name):
            found.append(part.id)
        elif isinstance(part, ast.Attribute):
            found.append(part.attr)
        elif strings and isinstance(part, ast.Constant) and isinstance(part.value, str):
            found.append(part.value)
    return found


def _numeric_date(node: ast.Call) -> bool:
    """`stamp.strftime("%Y_%m_%d_%H%M")`: a format of constant text and directives that
    write digits only (`%Y`, `%m`, `%H`...), not a month's or a day's name."""
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "strftime"
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
        and _DATE_NUMBERS.fullmatch(node.args[0].value) is not None
    )


def _unpacked_path(ctx: FileContext, name: ast.Name) -> ast.expr | None:
    """The path split when `name`'s one binding unpacks `os.path.split(path)` (`here, _ =
    os.path.split(__file__)`): each part is made of that path's text."""
    values = ctx.scopes.values_of(name)
    scope = ctx.scopes.binding_scope(name)
    if values is None or len(values) != 1 or scope is None:
        return None
    for statement in ast.walk(scope):
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
            continue
        if ctx.scopes.enclosing_scope(statement) is not scope:
            continue
        target, value = statement.targets[0], statement.value
        if not (
            isinstance(target, ast.Tuple)
            and any(isinstance(e, ast.Name) and e.id == name.id for e in target.elts)
        ):
            continue
        if (
            isinstance(value, ast.Call)
            and ctx.call_name(value) in _SPLITTING_PATH_CALLS
            and len(value.args) == 1
            and not value.keywords
        ):
            return value.args[0]
    return None
