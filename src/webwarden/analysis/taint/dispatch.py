"""Functions chosen by name: `getattr(obj, name)`, `globals()[name]`, then called.

The name's data is kept beside the looked-up value, under a kind that says where the
lookup was (`CHOSEN` + position); a call of that value in the same function reports it
(WW1116). Reading an attribute so chosen is not reported: only calling it runs code the
request picked. A name built after fixed text (`"do_" + action`, `f"handle_{kind}"`)
or before it (`action + "_value"`, `f"{kind}_handler"`), or one checked to start with
fixed text (`if name.startswith("get_"):`), picks among the functions so
named and is not reported either, nor is a value the
lookup gave once a guard holds of it (`issubclass(found, Plugin)`, `found in ALLOWED`).
A function looked up so in a standard library module of `RUNNING_MODULES`
(`getattr(subprocess, method)`) returns what the library made, as the call by its own
name does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import CLEAN, Taint, Value, extend, join_all, reaching

if TYPE_CHECKING:
    from webwarden.analysis.taint.interpret import Interpreter

RULE = "WW1116"
CHOSEN = "<chosen:"
NAMESPACE = "<namespace>"
"""The kind of `globals()`, `locals()` and `vars()` (no argument): the module's names."""
NAMESPACE_CALLS = frozenset({"globals", "locals", "vars", "builtins.globals", "builtins.vars"})
GETATTR = frozenset({"getattr", "builtins.getattr"})
NAMESPACE_METHODS = frozenset({"get", "pop", "__getitem__"})
RUNNING_MODULES = frozenset({"subprocess", "uuid", "math", "platform", "getpass"})
"""Standard library modules none of whose functions hands back its arguments' text: they
run a program (its output), make an id or a number, or read the machine or the terminal.
Any other module's function may be one that does (`operator.add`, `html.unescape`,
`time.strftime`, `random.choice`, `socket.getfqdn`)."""
STDLIB_FUNCTION = "<stdlib function>"
"""The kind of a function of a `RUNNING_MODULES` module looked up by name
(`getattr(subprocess, method)`), and of what a call of it returns."""


def chosen_by(interp: Interpreter, name: Value, text: str, fallback: Value = CLEAN) -> Value:
    """The value a lookup by `name` gives: `fallback` when no request data chose it,
    else a value that remembers the data for a call of it (and whether `fallback` is a
    `STDLIB_FUNCTION`, whose call returns what the library made all the same)."""
    taint = reaching(name.whole(), "dispatch")
    if not taint:
        return fallback
    line, column = interp.pos
    key = f"{CHOSEN}{line}:{column}>"
    step = interp.step(f"names the function `{text}` looks up")
    interp.chosen[key] = (extend(taint, step), text, fallback.kind == STDLIB_FUNCTION)
    return Value(kind=key)


def checked(value: Value, kinds: frozenset[str]) -> Value:
    """A looked-up value once a guard safe for `RULE`'s kind holds of it (an allow-list
    of the functions themselves, `issubclass(found, Base)`): calling it runs one of
    those the code allowed."""
    if value.kind.startswith(CHOSEN) and "dispatch" in kinds:
        return Value(value.taint, value.parts)
    return value


def call_of_chosen(interp: Interpreter, value: Value, node: ir.Call) -> None:
    """Report a call of a value a lookup chose by request data."""
    found = interp.chosen.get(value.kind)
    if found is None:
        return
    taint, text, _ = found
    reached: Taint = extend(taint, interp.step("called", node.pos))
    interp.reached(RULE, interp.relpath, node.pos, text, reached)


def running_module(held: ir.Expr) -> bool:
    """Whether `getattr(held, name)` looks up a function of a `RUNNING_MODULES` module."""
    return isinstance(held, ir.Global) and held.name in RUNNING_MODULES


def stdlib_call(interp: Interpreter, value: Value) -> bool:
    """Whether `value` is a function of a `RUNNING_MODULES` module looked up by name,
    chosen by request data or not."""
    found = interp.chosen.get(value.kind)
    return value.kind == STDLIB_FUNCTION or (found is not None and found[2])


def picked(values: Iterable[Value]) -> Value:
    """What a call through a table of functions returns (`ir.Union.dispatch`: the lookup,
    then each call): any of the calls' values; when they differ in kind (the form classes
    of `FORMS[kind](request.POST)`), all the data any holds, of no kind and no known
    parts, as a call of an unknown function gives: which one was made is not known, and
    the first's kind would judge what another made."""
    made = list(values)
    joined = join_all(made)
    kinds = {value.kind for value in made[1:]}
    return joined if len(kinds) <= 1 else Value(joined.whole())
