"""Which `encoder` a module gives Elasticsearch's highlighting.

Elasticsearch returns a highlighted fragment as the stored text with the highlight tags
around each match. With `"encoder": "html"` it escapes the text first: the fragment is
HTML whose only markup is the project's own tags, safe to mark safe in a template
(`{{ hit.highlight.title.0|safe }}`). With the default encoder the text comes back as
stored, markup included.

Read from `Search.highlight_options(encoder="html")` (elasticsearch-dsl), a query body's
`"highlight": {...}` and an options dict that names an encoder beside the highlight
options (`{"encoder": "html", "pre_tags": ["<em>"], ...}`, spread into a call later).

Whoosh's `hit.highlights("content")` formats its fragments with `HtmlFormatter` unless
the project sets another formatter (`results.formatter = ...`, `formatter=`): that one
escapes the stored text and adds only its `<strong class="match">` tags, so a module
highlighting with it counts as one naming the `html` encoder; a formatter of any other
class (a project's own, which may leave the text as is) counts as unknown.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

DEFAULT = ""
"""A highlight set up without an encoder: Elasticsearch's default, which escapes nothing."""
_OPTIONS = "highlight_options"
_OPTION_KEYS = frozenset(
    {"pre_tags", "post_tags", "tags_schema", "fields", "number_of_fragments", "fragment_size"}
)


def highlight_encoders(ctx: FileContext) -> tuple[str, ...]:
    """The encoder of each highlight set-up in the module (`DEFAULT` for none, `?` for one
    not known statically); a set-up that takes its options from a mapping (`**options`)
    is told by the mapping's own display."""
    if not ctx.mentions("highlight"):
        return ()
    found: list[str] = list(_whoosh_encoders(ctx))
    chained = _chained_to_options(ctx)
    for node in ctx.nodes(ast.Call):
        assert isinstance(node, ast.Call)  # noqa: S101 - nodes() of that type
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr not in {"highlight", _OPTIONS}:
            continue
        if (ctx.call_name(node) or "").startswith(("pygments.", _WHOOSH)):
            continue  # NOTE: Pygments' `highlight(code, lexer, formatter)` escapes its input
        keywords = {k.arg: k.value for k in node.keywords}
        if "encoder" in keywords:
            found.append(_encoder(ctx, keywords["encoder"]))
        elif None not in keywords and not (func.attr == "highlight" and id(node) in chained):
            found.append(DEFAULT)
    displays = [node for node in ctx.nodes(ast.Dict) if isinstance(node, ast.Dict)]
    bodies = {
        id(value)
        for node in displays
        for key, value in zip(node.keys, node.values, strict=True)
        if _text(key) == "highlight"
    }
    for node in displays:
        encoder = _display_encoder(ctx, node, id(node) in bodies)
        if encoder is not None:
            found.append(encoder)
    return tuple(found)


_WHOOSH = "whoosh."
_WHOOSH_ESCAPING = "whoosh.highlight.HtmlFormatter"
_WHOOSH_FORMATTER_POSITION = 4
"""`whoosh.highlight.highlight(text, terms, analyzer, fragmenter, formatter)`."""


def _whoosh_encoders(ctx: FileContext) -> tuple[str, ...]:
    """`html` for each Whoosh `.highlights(...)` call of a module importing Whoosh whose
    formatters, if it sets any, are all Whoosh's `HtmlFormatter`; `?` for each that is
    not; none when the module highlights nothing with Whoosh."""
    if not ctx.names.imports("whoosh"):
        return ()
    formatters: list[ast.expr] = []
    highlighting = 0
    for node in ctx.nodes(ast.Call):
        assert isinstance(node, ast.Call)  # noqa: S101 - nodes() of that type
        name = ctx.call_name(node) or ""
        if isinstance(node.func, ast.Attribute) and node.func.attr == "highlights":
            highlighting += 1
        elif name == "whoosh.highlight.highlight":
            highlighting += 1
            if len(node.args) > _WHOOSH_FORMATTER_POSITION:
                formatters.append(node.args[_WHOOSH_FORMATTER_POSITION])
        formatters.extend(k.value for k in node.keywords if k.arg == "formatter")
    for node in ctx.nodes(ast.Assign):
        assert isinstance(node, ast.Assign)  # noqa: S101 - nodes() of that type
        if any(isinstance(t, ast.Attribute) and t.attr == "formatter" for t in node.targets):
            formatters.append(node.value)
    escaping = all(_whoosh_escaping(ctx, value) for value in formatters)
    return ("html" if escaping else "?",) * highlighting


def _whoosh_escaping(ctx: FileContext, value: ast.expr) -> bool:
    """`HtmlFormatter(tagname="mark")` (or the class itself, which Whoosh instantiates)."""
    made = value.func if isinstance(value, ast.Call) else value
    return ctx.names.qualified(made) == _WHOOSH_ESCAPING


def _display_encoder(ctx: FileContext, node: ast.Dict, body: bool) -> str | None:
    """The encoder a display of highlight options names: a query's `"highlight"` body
    (`body`), or options beside an encoder; `DEFAULT` for a body that names none and
    spreads no other mapping; None for any other display."""
    keys = {_text(k): v for k, v in zip(node.keys, node.values, strict=True)}
    if "encoder" in keys and (body or not _OPTION_KEYS.isdisjoint(keys)):
        return _encoder(ctx, keys["encoder"])
    return DEFAULT if body and None not in node.keys and "encoder" not in keys else None


def _chained_to_options(ctx: FileContext) -> set[int]:
    """The `highlight(...)` calls of a chain that also sets `highlight_options(...)`
    (`search.highlight("title").highlight_options(encoder="html")`): the options call
    names the encoder for both."""
    chained: set[int] = set()
    for node in ctx.nodes(ast.Call):
        func = getattr(node, "func", None)
        if not (isinstance(func, ast.Attribute) and func.attr in {"highlight", _OPTIONS}):
            continue
        other = "highlight" if func.attr == _OPTIONS else _OPTIONS
        receiver = func.value
        if (
            isinstance(receiver, ast.Call)
            and isinstance(receiver.func, ast.Attribute)
            and receiver.func.attr == other
        ):
            chained.add(id(receiver) if other == "highlight" else id(node))
    return chained


def _encoder(ctx: FileContext, node: ast.expr) -> str:
    value = ctx.evaluate(node)
    return value.lower() if isinstance(value, str) else "?"


def _text(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
