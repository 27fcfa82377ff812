"""Jinja macros of a template: the ones it defines, and the calls it makes of macros,
its own or imported (`{% import "lib.html" as lib %}`, `{% from "lib.html" import
focus %}`), with which arguments are literals.

A value a macro writes that is one of its parameters is, across the project, whatever
its calls give: when every call passes a literal (or a name the calling template has set
to one), the template authors wrote it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from webwarden.model.templates.facts import MacroCallFact, MacroFact
from webwarden.parse.templates import Dialect, Node, NodeKind, ParsedTemplate

MacroSources = dict[str, tuple[str, str]]
"""Name called -> (template as the import names it, "" for this one; macro)."""

_LITERAL_NAMES = frozenset({"none", "true", "false", "None", "True", "False"})
"""Jinja's constants, which Python reads as names."""
_URL_BUILDERS = frozenset({"url_for"})


def macro_facts(parsed: ParsedTemplate) -> tuple[tuple[MacroFact, ...], tuple[MacroCallFact, ...]]:
    """The macros `parsed` defines and the macro calls it makes (Jinja templates only)."""
    if parsed.dialect is not Dialect.JINJA:
        return (), ()
    tags = [n for n in parsed.nodes if n.kind is NodeKind.TAG]
    if not any(n.tag in ("macro", "import", "from") for n in tags):
        return (), ()
    macros = _definitions(tags)
    callable_names = _imported(tags)
    callable_names.update({m.name: ("", m.name) for m in macros})
    calling = [
        node
        for node in parsed.nodes
        if node.expression is not None
        and (node.kind is NodeKind.VAR or node.tag in ("call", "set"))
        and any(_target(name, callable_names) for name in node.expression.calls)
    ]
    if not calling:
        return tuple(macros), ()
    constants = template_constants(parsed)
    outputs = macro_outputs(parsed, callable_names)
    urls = built_url_names(parsed)
    spans = macro_spans(parsed) if outputs or urls else []
    calls = [
        call
        for node in calling
        for call in _calls(
            node,
            callable_names,
            constants,
            _rendered(outputs, spans, node),
            _rendered(urls, spans, node),
        )
    ]
    return tuple(macros), tuple(calls)


_BINDING_TAGS = frozenset({"for", "macro", "call", "with", "import", "from"})
"""Tags that may bind a name other than by `set`."""


def template_constants(template: ParsedTemplate) -> dict[str, int]:
    """Names every `{% set %}` of this template binds to a literal reading no variable
    and calling nothing (`{% set icons = {"close": "<svg>...</svg>"} %}`), with where the
    first of them is: a table of the template author's markup."""
    first: dict[str, int] = {}
    varying: set[str] = set()
    for node in template.nodes:
        if node.kind is NodeKind.TAG and node.tag in _BINDING_TAGS:
            varying.update(node.args)  # NOTE: a loop variable or parameter of the same name
        if node.kind is not NodeKind.TAG or node.tag != "set" or node.expression is None:
            continue
        args, expression = node.args, node.expression
        if len(args) < 3 or args[1] != "=" or not args[0].isidentifier():
            continue
        if expression.names == (args[0],) and not expression.calls and not expression.uses:
            first.setdefault(args[0], node.start)
        else:
            varying.add(args[0])
    return {name: start for name, start in first.items() if name not in varying}


MacroOutputs = dict[tuple[int, str], int]
"""(scope, name) -> where the first binding is; the scope is `macro_scope`'s."""


def macro_outputs(template: ParsedTemplate, names: MacroSources) -> MacroOutputs:
    """Names every `{% set %}` of a scope binds to what a call of a macro the template
    can call returns (`{% set subtree = facet_items(item.children) %}`), or to a literal
    (`{% set subtree = '' %}` in the other branch), some of them to a call, with where
    the first binding is: `Markup` the macro's own autoescape rendered, or the author's
    text; what the macro writes is judged in its own template. A scope is the macro the
    binding is written in (a parameter of another macro is another variable)."""
    spans = macro_spans(template)
    first: MacroOutputs = {}
    called: set[tuple[int, str]] = set()
    varying: set[tuple[int, str]] = set()
    for node in template.nodes:
        if node.kind is not NodeKind.TAG:
            continue
        scope = macro_scope(spans, node.start)
        if node.tag in _BINDING_TAGS:
            varying.update((scope, arg) for arg in node.args)
        if node.tag != "set" or node.expression is None:
            continue
        args, expression = node.args, node.expression
        if len(args) < 3 or args[1] != "=" or not args[0].isidentifier():
            continue
        key = (scope, args[0])
        value = expression.text.split("=", 1)[1]
        if expression.names == (args[0],) and not expression.calls and not expression.uses:
            first.setdefault(key, node.start)
        elif _target(called_name(value), names) is not None:
            first.setdefault(key, node.start)
            called.add(key)
        else:
            varying.add(key)
    return {key: start for key, start in first.items() if key in called - varying}


def built_url_names(template: ParsedTemplate) -> MacroOutputs:
    """Names every `{% set %}` of a scope binds to one call of a URL builder (`{% set
    submit_url = url_for(".upload", name=name) %}`), with where the first binding is:
    a URL whose parts `url_for` percent-encoded. A name some other tag binds (a loop's
    variable, a macro's parameter), or one set inside a `for` loop (Jinja keeps it to
    the loop, so a read after the loop is the context's), is not one."""
    spans = macro_spans(template)
    first: MacroOutputs = {}
    varying: set[tuple[int, str]] = set()
    loops = 0
    for node in template.nodes:
        if node.kind is not NodeKind.TAG:
            continue
        if node.tag == "for":
            loops += 1
        elif node.tag == "endfor" and loops:
            loops -= 1
        scope = macro_scope(spans, node.start)
        if node.tag in _BINDING_TAGS:
            varying.update((scope, arg) for arg in node.args)
        if node.tag != "set" or not node.args:
            continue
        args = node.args
        key = (scope, args[0])
        if len(args) < 3 or args[1] != "=" or node.expression is None:
            varying.add(key)  # NOTE: `{% set name %}...{% endset %}`, `{% set a, b = ... %}`
        elif loops or not _built_url(_set_value(node.expression.text)):
            varying.add(key)
        else:
            first.setdefault(key, node.start)
    return {key: start for key, start in first.items() if key not in varying}


def _set_value(text: str) -> ast.expr | None:
    """The value of `name = value`, the text of a `{% set %}`'s expression."""
    try:
        return ast.parse(text.split("=", 1)[1].strip(), mode="eval").body
    except (SyntaxError, ValueError, IndexError):
        return None


def macro_spans(template: ParsedTemplate) -> list[tuple[int, int]]:
    """Where each `{% macro %}` of the template starts and its `{% endmacro %}` does."""
    spans: list[tuple[int, int]] = []
    open_macros: list[int] = []
    for node in template.nodes:
        if node.kind is NodeKind.TAG and node.tag == "macro":
            open_macros.append(node.start)
        elif node.kind is NodeKind.TAG and node.tag == "endmacro" and open_macros:
            spans.append((open_macros.pop(), node.start))
    return spans


def macro_scope(spans: list[tuple[int, int]], position: int) -> int:
    """Where the innermost macro around `position` starts (its own tag included), -1 at
    the template's top level."""
    around = [start for start, end in spans if start <= position <= end]
    return max(around, default=-1)


def _definitions(tags: list[Node]) -> list[MacroFact]:
    made: list[MacroFact] = []
    open_macros: list[tuple[Node, ast.arguments | None]] = []
    for node in tags:
        if node.tag == "macro":
            open_macros.append((node, _signature(node.content)))
        elif node.tag == "endmacro" and open_macros:
            made += _fact(*open_macros.pop(), node.line)
    return made  # NOTE: Jinja reads no template with a macro left open


def _fact(node: Node, signature: ast.arguments | None, end_line: int) -> list[MacroFact]:
    if signature is None or not node.args:
        return []
    params = [a.arg for a in signature.args]
    defaulted = params[len(params) - len(signature.defaults) :]
    defaults = dict(zip(defaulted, signature.defaults, strict=True))
    literal = tuple(p for p in params if p not in defaults or _literal(defaults[p]))
    return [MacroFact(node.args[0], tuple(params), literal, node.line, end_line)]


def _signature(content: str) -> ast.arguments | None:
    """`macro focus(location='body')` read as a Python function's parameters."""
    head = content.removeprefix("macro").strip()
    try:
        tree = ast.parse(f"def {head}:\n    pass\n")
    except (SyntaxError, ValueError):
        return None
    definition = tree.body[0] if len(tree.body) == 1 else None
    return definition.args if isinstance(definition, ast.FunctionDef) else None


def macro_sources(parsed: ParsedTemplate, macros: tuple[MacroFact, ...]) -> MacroSources:
    """Where each name the template may call a macro by is defined: (template as the
    import names it, "" for this one; macro)."""
    if parsed.dialect is not Dialect.JINJA:
        return {}
    names = _imported([n for n in parsed.nodes if n.kind is NodeKind.TAG])
    names.update({m.name: ("", m.name) for m in macros})
    return names


def rebound_parameters(parsed: ParsedTemplate, at: int) -> frozenset[str]:
    """The parameters of the innermost Jinja macro around offset `at` that the macro
    binds again (`MacroScope.rebound`): where read, each holds what a call gave or the
    value bound in their place."""
    around = [m for m in parsed.macro_scopes if m.start < at < m.end]
    return max(around, key=lambda m: m.start).rebound if around else frozenset()


def bound_macros(parsed: ParsedTemplate) -> MacroSources:
    """`macro_sources` of the macros the template defines."""
    if parsed.dialect is not Dialect.JINJA:
        return {}
    return macro_sources(
        parsed, tuple(_definitions([n for n in parsed.nodes if n.kind is NodeKind.TAG]))
    )


def macro_source(called: str, names: MacroSources) -> tuple[str, str] | None:
    """(template, macro) of a call written `called` (`page_footer`, `lib.focus`)."""
    return _target(called, names)


def called_name(operand: str) -> str:
    """The dotted name a Jinja expression is exactly a call of (`govukButton({...})`,
    `lib.field(f)`), else ""."""
    try:
        tree = ast.parse(f"({operand.strip()})", mode="eval")
    except SyntaxError:
        return ""
    call = tree.body
    if not isinstance(call, ast.Call):
        return ""
    name = _dotted(call.func)
    return name if name.count(".") <= 1 else ""


def called_item(operand: str) -> tuple[str, str]:
    """The name a Jinja expression is a call of, and the key of the item it reads of the
    result: `("button", "display")` of `button(x)["display"]` (or `button(x).display`,
    which Jinja reads as an item too), `("button", "")` of `button(x)`; `("", "")` for
    anything else."""
    try:
        tree = ast.parse(f"({operand.strip()})", mode="eval")
    except SyntaxError:
        return "", ""
    node, key = tree.body, ""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        key = str(node.slice.value)
        node = node.value
    elif isinstance(node, ast.Attribute):
        key = node.attr
        node = node.value
    if not isinstance(node, ast.Call):
        return "", ""
    name = _dotted(node.func)
    return (name, key) if name and name.count(".") <= 1 else ("", "")


def _imported(tags: list[Node]) -> dict[str, tuple[str, str]]:
    """Name called -> (template, macro): `lib.` + any macro for `import "lib.html" as
    lib` (as `lib.*`), each name of a `from ... import`."""
    names: dict[str, tuple[str, str]] = {}
    for node in tags:
        args, source = node.args, node.constant_name
        if len(args) < 3 or source is None:
            continue
        if node.tag == "import" and args[1] == "as":
            names[args[2] + ".*"] = (source, "")
        elif node.tag == "from" and args[1] == "import":
            imported = " ".join(args[2:]).split(" with ")[0].split(" without ")[0]
            for item in imported.split(","):
                parts = item.split()
                if len(parts) == 1:
                    names[parts[0]] = (source, parts[0])
                elif len(parts) == 3 and parts[1] == "as":
                    names[parts[2]] = (source, parts[0])
    return names


def _target(called: str, names: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    if called in names:
        return names[called]
    alias, _, macro = called.partition(".")
    if macro and "." not in macro and alias + ".*" in names:
        return names[alias + ".*"][0], macro
    return None


def _rendered(outputs: MacroOutputs, spans: list[tuple[int, int]], node: Node) -> frozenset[str]:
    """The names bound to a macro's output in the scope of `node`, before it."""
    if not outputs:
        return frozenset()
    scope = macro_scope(spans, node.start)
    return frozenset(
        name for (where, name), start in outputs.items() if where == scope and start < node.start
    )


def _calls(
    node: Node,
    names: dict[str, tuple[str, str]],
    constants: dict[str, int],
    rendered: frozenset[str],
    urls: frozenset[str] = frozenset(),
) -> list[MacroCallFact]:
    text = node.content.removeprefix("call").strip() if node.kind is NodeKind.TAG else node.content
    if node.tag == "set":
        # NOTE: `{% set shown = lib.badge(user.bio) %}`: a call whose output the template
        # writes later, as much a call of the macro as one written in an output.
        text = node.content.partition("=")[2].strip()
    if node.kind is NodeKind.TAG and text.startswith("("):
        text = text[_closing(text) + 1 :].strip()  # NOTE: `{% call(user) lib.row(x) %}`
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError):
        tree = None
    bound = frozenset(name for name, start in constants.items() if start < node.start)
    found = [
        _call_fact(target, call, bound, _MacroOutputs(names, rendered), urls)
        for call in (ast.walk(tree) if tree is not None else ())
        if isinstance(call, ast.Call) and (target := _target(_dotted(call.func), names))
    ]
    if found:
        return found
    # NOTE: Jinja syntax Python cannot read (`~`, `is`): the arguments are unknown
    called = node.expression.calls if node.expression else ()
    return [MacroCallFact(*t, unknown=True) for c in called if (t := _target(c, names))]


def _closing(text: str) -> int:
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index
    return len(text) - 1


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


@dataclass(frozen=True, slots=True)
class _MacroOutputs:
    """The macros a template can call, and the names it has set to their output before a
    call (`macro_outputs`)."""

    names: MacroSources
    bound: frozenset[str]

    def given(self, node: ast.expr) -> bool:
        """`facet_items(item.children)` or `subtree` so bound: a macro's output."""
        if isinstance(node, ast.Name):
            return node.id in self.bound
        return isinstance(node, ast.Call) and _target(_dotted(node.func), self.names) is not None


def _call_fact(
    target: tuple[str, str],
    call: ast.Call,
    bound: frozenset[str],
    outputs: _MacroOutputs,
    urls: frozenset[str] = frozenset(),
) -> MacroCallFact:
    """`bound`: the names the template has set to literals before the call; `urls`:
    those it has set to a URL `url_for` built (`built_url_names`)."""
    unknown = any(isinstance(a, ast.Starred) for a in call.args)
    built = [f"#{at}" for at, arg in enumerate(call.args) if _built_url(arg, urls)]
    built += [k.arg for k in call.keywords if k.arg is not None and _built_url(k.value, urls)]
    rendered = [f"#{at}" for at, arg in enumerate(call.args) if outputs.given(arg)]
    rendered += [k.arg for k in call.keywords if k.arg is not None and outputs.given(k.value)]
    fields = [f"#{at}" for at, arg in enumerate(call.args) if _declared_field(arg)]
    fields += [k.arg for k in call.keywords if k.arg is not None and _declared_field(k.value)]
    return MacroCallFact(
        *target,
        tuple(_literal(a, bound) for a in call.args),
        tuple((k.arg, _literal(k.value, bound)) for k in call.keywords if k.arg is not None),
        unknown,
        tuple(built),
        tuple(rendered),
        spread_keywords=any(k.arg is None for k in call.keywords),
        declared_fields=tuple(fields),
    )


_FORM_NAME = re.compile(r"(?:\w+_)?form")
"""A name for a WTForms form (`form`, `login_form`), as views hand it to templates."""


def _declared_field(node: ast.expr) -> bool:
    """`form.first_name`: a field the form's class declares, whose label text is the
    developer's. A subfield a loop binds (`option` of `for option in form.size`) is
    a choice, whose label may be data."""
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and _FORM_NAME.fullmatch(node.value.id) is not None
    )


def _built_url(node: ast.expr | None, urls: frozenset[str] = frozenset()) -> bool:
    """`url_for("routes.new", page=page)`: Flask's URL builder, a Jinja global; or a
    name in `urls`, set to such a call before."""
    if isinstance(node, ast.Name):
        return node.id in urls
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _URL_BUILDERS
    )


def _literal(node: ast.expr, bound: frozenset[str] = frozenset()) -> bool:
    """A constant, a name bound to one, or a dict, list or tuple made of them alone
    (`govukFooter({"copyright": {"text": "Crown copyright"}})`: a component macro's
    `params`, every item of which the template's author wrote)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.List | ast.Tuple):
        return all(_literal(e, bound) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(isinstance(k, ast.Constant) for k in node.keys) and all(
            _literal(v, bound) for v in node.values
        )
    return isinstance(node, ast.Name) and (node.id in _LITERAL_NAMES or node.id in bound)
