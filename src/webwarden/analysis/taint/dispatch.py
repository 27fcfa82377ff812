"""Functions chosen by name: `getattr(obj, name)`, `globals()[name]`, then called.

The name's data is kept beside the looked-up value, under a kind that says where the
lookup was (`CHOSEN` + position); a call of that value in the same function reports it
(WW1116). Reading an attribute so chosen is not reported: only calling it runs code the
request picked. A name built after fixed text (`"do_" + action`, `f"handle_{kind}"`)
or before it (`action + "_value"`, `f"{kind}_handler"`) picks among the functions so
named and is not reported either, nor is a value the
lookup gave once a guard holds of it (`issubclass(found, Plugin)`, `found in ALLOWED`).
A function of a standard library module looked up so (`getattr(subprocess, method)`)
returns what the library made, as the call by its own name does.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import PROPAGATORS
from webwarden.analysis.taint.values import CLEAN, Taint, Value, extend, reaching

if TYPE_CHECKING:
    from webwarden.analysis.taint.interpret import Interpreter

RULE = "WW1116"
CHOSEN = "<chosen:"
NAMESPACE = "<namespace>"
"""The kind of `globals()`, `locals()` and `vars()` (no argument): the module's names."""
NAMESPACE_CALLS = frozenset({"globals", "locals", "vars", "builtins.globals", "builtins.vars"})
GETATTR = frozenset({"getattr", "builtins.getattr"})
NAMESPACE_METHODS = frozenset({"get", "pop", "__getitem__"})
STDLIB_MEMBER = "<stdlib member:"
"""The kind (or the end of the `CHOSEN` kind) of a function of a standard library module
looked up by name (`getattr(subprocess, method)`)."""


def chosen_by(
    interp: Interpreter, name: Value, text: str, fallback: Value = CLEAN, member: str = ""
) -> Value:
    """The value a lookup by `name` gives: `fallback` when no request data chose it,
    else a value that remembers the data for a call of it (and `member`, the kind
    `stdlib_member` gives the object looked in, if any)."""
    taint = reaching(name.whole(), "dispatch")
    if not taint:
        return fallback
    line, column = interp.pos
    key = f"{CHOSEN}{line}:{column}>{member}"
    step = interp.step(f"names the function `{text}` looks up")
    interp.chosen[key] = (extend(taint, step), text)
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
    taint, text = found
    reached: Taint = extend(taint, interp.step("called", node.pos))
    interp.reached(RULE, interp.relpath, node.pos, text, reached)


def stdlib_member(held: ir.Expr) -> str:
    """What `getattr(module, name)` gives of a module of the standard library none of whose
    functions webwarden knows to hand its arguments on (`subprocess`): a call of it
    returns what the library made (a program's output), as calling the function by its
    own name does; "" for any other object."""
    if not isinstance(held, ir.Global) or held.name.split(".")[0] not in sys.stdlib_module_names:
        return ""
    prefix = held.name + "."
    if any(name.startswith(prefix) for name in PROPAGATORS):
        return ""  # NOTE: `getattr(os.path, "join")` may be one that hands its text on
    return f"{STDLIB_MEMBER}{held.name}>"


def stdlib_call(value: Value) -> bool:
    """Whether `value` is a function `stdlib_member` found, chosen by request data or not."""
    return STDLIB_MEMBER in value.kind
