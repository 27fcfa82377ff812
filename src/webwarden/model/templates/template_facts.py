"""The per-file facts of a parsed template, and what counts as writing a CSRF token."""

from __future__ import annotations

import re
from dataclasses import replace

from webwarden.model.templates.built_urls import built_url_fits, writes_built_url
from webwarden.model.templates.cancelled_submit import cancels_submission
from webwarden.model.templates.facts import (
    FilterUseFact,
    FormFact,
    MacroFact,
    OutputFact,
    TemplateFacts,
)
from webwarden.model.templates.include_sites import bound_names, include_sites
from webwarden.model.templates.macros import (
    MacroSources,
    called_item,
    called_name,
    macro_facts,
    macro_source,
    macro_sources,
)
from webwarden.model.templates.mail import mail_document
from webwarden.model.templates.message_gates import tag_gates
from webwarden.parse.templates import Dialect, FilterUse, Node, NodeKind, ParsedTemplate
from webwarden.parse.templates.django import parse_variable
from webwarden.parse.templates.html import DYNAMIC, FormSpan, StartTag, Where

_ACTION = re.compile(
    r"""\baction\s*=\s*(?:"(?P<dq>(?:\{%.*?%\}|\{\{.*?\}\}|[^"])*)"|'(?P<sq>(?:\{%.*?%\}|\{\{.*?\}\}|[^'])*)'|(?P<bare>[^\s>]+))""",
    re.I,
)
"""A form's `action`, its value quoted or bare. A template tag or output in a quoted value
may hold the same quote (`action="{% url "login" "github" %}"`): the template engine
replaces it before any browser reads the attribute, so it does not end the value."""
_URL_TAG = re.compile(r"""\{%-?\s*url\s+["'](?P<name>[^"']+)["']""")
_OUTPUT = re.compile(r"\{\{.*?\}\}")
"""A template output (`{{ user.id }}`) written into an attribute value."""
_URL_FOR = re.compile(r"""url_for\(\s*["'](?P<name>[^"']+)["']""")
_KEYWORD_BIT = re.compile(r"^(\w+)=")
_EXTERNAL_URL_FOR = re.compile(r"\burl_for\(.*\b_external\s*=\s*True\b", re.DOTALL)
_TOKEN_WORD = re.compile(r"csrf|xsrf", re.IGNORECASE)
_TOKEN_FIELD = re.compile(r"csrf|xsrf|authenticity_token|^_token$", re.IGNORECASE)
_SCRIPT_TOKEN_HEADER = re.compile(r"""["']x-?[cx]srf-?token["']\s*[:,]""", re.IGNORECASE)
"""A script of the page naming a CSRF token header it sends (`headers: {"X-CSRFToken":
...}`, `xhr.setRequestHeader("X-CSRF-Token", ...)`), the token read from a cookie or
the page."""
_HELPERS = frozenset(
    {"url_for", "static", "url", "gettext", "ngettext", "_", "range", "len", "config.get"}
)
_DJANGO_BUILTIN_TAGS = frozenset(
    {
        "if", "elif", "else", "endif", "for", "empty", "endfor", "with", "endwith", "url",
        "static", "trans", "translate", "blocktrans", "blocktranslate", "endblocktrans",
        "endblocktranslate", "load", "comment", "endcomment", "cycle", "firstof", "now",
        "spaceless", "endspaceless", "block", "endblock", "ifchanged", "endifchanged",
        "include", "csrf_token", "autoescape", "endautoescape", "filter", "endfilter",
        "verbatim", "endverbatim", "widthratio", "templatetag", "regroup", "lorem",
        "querystring", "resetcycle", "localize", "endlocalize", "get_current_language",
        "plural", "set", "endset", "macro", "endmacro", "call", "endcall", "import", "from",
        "extends", "do", "break", "continue", "raw", "endraw", "endtrans",
        "pluralize",
    }
)  # fmt: skip


def _tag_slots(parsed: ParsedTemplate, node: Node) -> tuple[str, ...] | None:
    """A Django tag's arguments as `FilterUseFact.slots` (a simple tag's `as name` ending
    names a variable to set, not an argument); None when one is not a variable or literal."""
    bits = node.args
    if len(bits) >= 2 and bits[-2] == "as":
        bits = bits[:-2]
    slots: list[str] = []
    for bit in bits:
        keyword = _KEYWORD_BIT.match(bit)
        try:
            expression = parse_variable(bit[keyword.end() :] if keyword else bit)
        except ValueError:
            return None
        path = parsed.source_path(expression.path, node.start) if expression.path else ""
        slots.append(f"{keyword[1]}={path}" if keyword else path)
    return tuple(slots)


def writes_token(node: Node, *, surely: bool = False) -> bool:
    """Whether a node writes a CSRF token (`{% csrf_token %}`, `form.hidden_tag()`, a
    project's `{% fb_csrf_token %}`...).

    django-crispy-forms' `{% crispy form %}` writes `{% csrf_token %}` for a helper whose
    `form_method` is POST (its default) unless the helper sets `disable_csrf`, whether
    it writes the <form> tag or not; the template cannot tell which, so it may write a
    token (`surely`: only what certainly does). So may a Jinja macro's `{{ caller() }}`,
    whose `{% call %}` blocks give the form its fields."""
    if node.kind is NodeKind.TAG:
        # NOTE: also a project's own tag named for the token (django-filebrowser's
        # `{% fb_csrf_token %}`), as `{{ csrf_input }}` is judged by its name.
        tag = node.tag or ""
        return bool(_TOKEN_WORD.search(tag)) or (tag == "crispy" and not surely)
    if node.kind is NodeKind.VAR and node.expression is not None:
        names = (*node.expression.names, *node.expression.calls)
        if not surely and "caller" in node.expression.calls:
            return True  # NOTE: a Jinja macro's `{{ caller() }}`: each caller fills the form
        return any(_TOKEN_WORD.search(name) or name.endswith("hidden_tag") for name in names)
    return False


def token_field(tag: StartTag) -> bool:
    """An `<input>` whose name is a CSRF token field."""
    name = tag.get("name") or ""
    return tag.name == "input" and bool(_TOKEN_FIELD.search(name.replace(DYNAMIC, "")))


def form_has_token(form: FormSpan, *, surely: bool = False) -> bool:
    """A token is written inside the form (by the template itself); `surely`: see
    `writes_token`, and a field named for a token counts only when its value may be the
    application's (see `_another_sites_token`)."""
    return any(writes_token(n, surely=surely) for n in form.inside) or any(
        token_field(t) and not (surely and _another_sites_token(form, t)) for t in form.input_tags
    )


_CONFIGURATION_ROOTS = frozenset({"settings", "config"})


def _another_sites_token(form: FormSpan, tag: StartTag) -> bool:
    """Whether a token field's value is fixed for every visitor, so not the per-user token
    of this application's CSRF protection but one another site gave it: a literal
    (`value="a1b2c3"`) or the deployment's configuration
    (`value="{{ settings.GOVDELIVERY_TOKEN }}"`, Flask's `config`), the form posting to
    that site's own form handler (a Rails app's `authenticity_token`)."""
    value = tag.get("value")
    if not value:
        return False  # NOTE: none or empty: a script may fill in the cookie's token
    if DYNAMIC not in value:
        return True
    written = [
        node
        for node in form.inside
        if node.kind is NodeKind.VAR and tag.start <= node.start < tag.end
    ]
    return bool(written) and all(
        node.expression is not None
        and node.expression.names
        and all(name.split(".")[0] in _CONFIGURATION_ROOTS for name in node.expression.names)
        for node in written
    )


def form_delegates(form: FormSpan) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(templates included, macros or custom tags called) inside the form."""
    includes: list[str] = []
    macros: list[str] = []
    for node in form.inside:
        if node.kind is NodeKind.TAG and node.tag == "include":
            name = node.constant_name
            includes.append(name if name is not None else "?")
        elif node.kind is NodeKind.TAG and node.tag == "call" and node.expression is not None:
            macros.extend(node.expression.calls)
        elif node.kind is NodeKind.TAG and node.tag and node.tag not in _DJANGO_BUILTIN_TAGS:
            macros.append(node.tag)
        elif node.kind is NodeKind.VAR and node.expression is not None:
            macros.extend(c for c in node.expression.calls if c.split(".")[-1] not in _HELPERS)
    return tuple(includes), tuple(macros)


def _applied_after(chain: tuple[str, ...], use: FilterUse) -> tuple[str, ...]:
    """The filters of an output's chain applied after `use` (`nh3` after `links` in
    `x|links|nh3`); none for a filter outside the chain (inside an argument)."""
    at = len(use.after)
    if chain[:at] == use.after and chain[at : at + 1] == (use.name,):
        return chain[at + 1 :]
    return ()


_HTMX_ATTRIBUTES = tuple(
    f"{prefix}hx-{verb}" for prefix in ("", "data-") for verb in ("post", "put", "patch", "delete")
)


_NG_SUBMIT = ("ng-submit", "data-ng-submit", "x-ng-submit", "ng:submit")
_NG_ACTIONS = ("action", "data-action", "x-action")
"""AngularJS's `ngSubmit` prevents the browser's own submission of a form with none of
these attributes: the handler it names sends what it sends."""


def form_method(tag: StartTag) -> str:
    """`post`, `get` (the default), `dynamic`, `htmx` for a form htmx sends itself
    (`hx-post`: the request and where its token goes are htmx's, not the form's, whose
    `method="post"` beside it only says how a browser without script would send it), or
    `script` for one a script framework keeps the browser from submitting: AngularJS's
    `ng-submit` on a form with no `action`, Vue's `@submit.prevent`, an inline
    `onsubmit` handler ending in `return false` (the handler's request, with its
    `X-CSRFToken` header, is not in the template)."""
    if any(tag.get(name) is not None for name in _HTMX_ATTRIBUTES):
        return "htmx"
    if _script_submitted(tag):
        return "script"
    method = tag.get("method")
    if method is None or not method.strip():
        return "get"
    if DYNAMIC in method:
        return "dynamic"
    return method.strip().lower()


def _submit_control(tag: StartTag) -> bool:
    kind = (tag.get("type") or "").strip().lower()
    return (tag.name == "button" and kind in ("", "submit")) or kind in ("submit", "image")


_HANDS_EVENT = re.compile(r"\(\s*(?:[^()]*,\s*)?event\s*[,)]")
"""A call handed the click's event (`sendAsEmail(event, this)`), which it may cancel."""


def _script_takes_click(tag: StartTag) -> bool:
    """A button whose inline `onclick` handler returns false or hands the click's event
    to the page's script (`onclick="send(event, this)"`), which takes the submission
    over; implicit submission (Enter in a field) clicks the default button too."""
    handler = tag.get("onclick")
    return handler is not None and (
        cancels_submission(handler) or _HANDS_EVENT.search(handler) is not None
    )


def submits_by_get(form: FormSpan) -> bool:
    """Whether a browser sends the form with GET, its fields in the URL: `method="get"`, or
    no `method` with an `action` and a submit button. A form with neither `method` nor one
    of those is one that scripts read or submit themselves (`<form class="comment-form"
    data-url="...">`): it says neither how nor where it would go on its own; so is one
    whose action is a placeholder naming no page (`action="#"`,
    `action="javascript:void(0)"`), which a script posts (a modal's password form), and
    one without `method` whose every submit button hands its click to a script
    (`_script_takes_click`). An empty action or one naming the page with a query
    (`action="?step=2"`) is a real GET to the page itself."""
    if form_method(form.tag) != "get":
        return False
    if form.tag.get("method") is not None:
        return True
    action = form.tag.get("action")
    if action is None or _placeholder_action(action):
        return False
    return any(_submit_control(t) and not _script_takes_click(t) for t in form.input_tags)


def _placeholder_action(action: str) -> bool:
    """`#` or a `javascript:` URL: an action that names no page to submit to."""
    written = action.strip()
    return written == "#" or written.lower().startswith("javascript:")


def _script_submitted(tag: StartTag) -> bool:
    if any(tag.get(name) is not None for name in _NG_SUBMIT):
        return all(tag.get(name) is None for name in _NG_ACTIONS)
    for name, _ in tag.attributes:
        event, _, modifiers = name.partition(".")
        if event in ("@submit", "v-on:submit") and "prevent" in modifiers.split("."):
            return True
    handler = tag.get("onsubmit")
    return handler is not None and cancels_submission(handler)


def form_action(tag: StartTag) -> str | None:
    """The action as written (DYNAMIC marks template outputs), None when absent."""
    return tag.get("action")


def form_target(source: str) -> str:
    """Where a `<form ...>` tag (its source) posts, as `FormFact.target` spells it."""
    match = _ACTION.search(source)
    if match is None:
        return "self"
    value = (match["dq"] if match["dq"] is not None else match["sq"] or match["bare"] or "").strip()
    if not value:
        return "self"
    if route := _URL_TAG.search(value):
        return f"route:{route['name']}"
    if endpoint := _URL_FOR.search(value):
        return f"endpoint:{endpoint['name']}"
    if value.startswith("/"):
        # NOTE: an output inside the path (`/profile/{{ user.id }}`) most often writes an
        # id: "1" stands for it, which the usual converters and `\d+`, `[^/]+`, `[-\w]+`
        # groups accept. A route no id reaches is missed, as before.
        path = _OUTPUT.sub("1", value.split("?", 1)[0].split("#", 1)[0])
        return "" if "{" in path else "path:" + path
    return ""


_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.\w+)*")
"""A variable's path (`event.created_on`), not an expression (`(a or b).c`, `x[0]`)."""


def template_facts(parsed: ParsedTemplate) -> TemplateFacts:
    """The facts the project step needs from one template."""
    extends: list[str] = []
    includes: list[str] = []
    outputs: list[OutputFact] = []
    filters: list[FilterUseFact] = []
    blocks: list[tuple[str, str]] = []
    open_blocks: list[str] = []
    for node in parsed.nodes:
        if node.kind is NodeKind.TAG and node.tag == "block" and node.args:
            open_blocks.append(node.args[0])
            placed = parsed.html.blocks.get(node.start)
            blocks.append((node.args[0], placed.where if placed is not None else "text"))
        elif node.kind is NodeKind.TAG and node.tag == "endblock" and open_blocks:
            open_blocks.pop()
        if node.kind is NodeKind.TAG:
            name = node.constant_name
            if node.tag == "extends" and name:
                extends.append(name)
            elif node.tag in ("include", "import", "from") and name:
                includes.append(name)
            if parsed.dialect == "django" and node.tag not in _DJANGO_BUILTIN_TAGS:
                names = (
                    tuple(parsed.source_path(n, node.start) for n in node.expression.names)
                    if node.expression
                    else ()
                )
                path = names[0] if names else ""
                slots = _tag_slots(parsed, node)
                binds = node.args[-1] if node.args[-2:-1] == ("as",) else ""
                filters.append(
                    FilterUseFact(
                        node.tag,
                        node.line,
                        node.column,
                        path,
                        "tag",
                        "tag",
                        names[1:],
                        slots,
                        binds,
                    )
                )
        if node.kind is NodeKind.VAR and node.expression is not None:
            placement = parsed.placement(node)
            path = parsed.source_path(node.expression.path, node.start)
            outputs.append(
                OutputFact(
                    node.line,
                    node.column,
                    path,
                    node.expression.filters,
                    placement.where,
                    placement.attribute,
                    node.start in parsed.escape_off,
                    tuple(parsed.source_path(n, node.start) for n in node.expression.names),
                    returned=node.expression.path in node.expression.calls,
                    block=open_blocks[-1] if open_blocks else "",
                    given=tuple(parsed.source_path(n, node.start) for n in node.expression.given),
                    loop_filter=parsed.loop_filters.get(node.start, ""),
                    # NOTE: only the outputs of a message are judged by their tags: the
                    # messages' own, or a name an include hands one (a component).
                    tag_gates=tag_gates(parsed, node, node.expression.path.split(".", 1)[0]),
                    built_url=node.expression.path in node.expression.calls
                    and writes_built_url(node, placement),
                    url_fits=built_url_fits(placement),
                )
            )
        if node.kind in (NodeKind.VAR, NodeKind.TAG) and node.expression is not None:
            where = parsed.placement(node).where if node.kind is NodeKind.VAR else "tag"
            for use in node.expression.uses:
                # NOTE: a literal, or a translation of a literal message (`_("{name}'s
                # page")|fe(name=...)`), is text of the project's, not a variable.
                path = (
                    parsed.source_path(use.root, node.start) if use.root and not use.literal else ""
                )
                arguments = tuple(parsed.source_path(a, node.start) for a in use.arguments)
                jinja = parsed.dialect is Dialect.JINJA
                called = called_name(use.operand) if jinja else ""
                filters.append(
                    FilterUseFact(
                        use.name,
                        node.line,
                        node.column,
                        path,
                        "filter",
                        where,
                        arguments,
                        called=called,
                        item_of=called_item(use.operand) if jinja else ("", ""),
                        then=_applied_after(node.expression.filters, use),
                        before=use.after,
                        names=tuple(parsed.source_path(n, node.start) for n in use.names),
                        constant=use.constant,
                        operand=(
                            parsed.source_path(use.operand, node.start)
                            if path and _DOTTED.fullmatch(use.operand)
                            else ""
                        ),
                    )
                )
    owned = parsed.html.form_attribute
    macros, macro_calls = macro_facts(parsed)
    macros = tuple(_with_token(macro, parsed) for macro in macros)
    sources = macro_sources(parsed, macros)
    forms = [
        replace(
            _form_fact(form, parsed.text[form.tag.start : form.tag.end], owned, sources),
            relayed=_relayed(form, parsed),
        )
        for form in parsed.html.forms
    ]
    return TemplateFacts(
        parsed.dialect,
        parsed.is_html,
        tuple(extends),
        tuple(includes),
        tuple(outputs),
        tuple(filters),
        tuple(forms),
        writes_token=any(writes_token(n) for n in parsed.nodes),
        page_token=any(writes_token(n, surely=True) for n in parsed.html.outside_forms)
        or _SCRIPT_TOKEN_HEADER.search(parsed.text) is not None,
        markup=parsed.html.has_markup,
        mail=mail_document(parsed),
        macros=macros,
        macro_calls=macro_calls,
        include_sites=include_sites(parsed),
        bound=bound_names(parsed),
        macro_names=tuple(sources),
        blocks=tuple(blocks),
        external_links=_external_links(parsed),
    )


def _external_links(parsed: ParsedTemplate) -> tuple[tuple[int, str], ...]:
    """Each Jinja output or tag calling `url_for(..., _external=True)`."""
    if parsed.dialect is not Dialect.JINJA or "_external" not in parsed.text:
        return ()
    return tuple(
        (node.line, node.content)
        for node in parsed.nodes
        if node.kind in (NodeKind.VAR, NodeKind.TAG) and _EXTERNAL_URL_FOR.search(node.content)
    )


def _with_token(macro: MacroFact, parsed: ParsedTemplate) -> MacroFact:
    """The macro, marked when its body writes a CSRF token."""
    body = (n for n in parsed.nodes if macro.line <= n.line <= macro.end_line)
    return replace(macro, writes_token=any(writes_token(n, surely=True) for n in body))


def _form_fact(form: FormSpan, source: str, owned: bool, sources: MacroSources) -> FormFact:
    includes, macros = form_delegates(form)
    defined = tuple(dict.fromkeys(t for m in macros if (t := macro_source(m, sources))))
    return FormFact(
        form.tag.line,
        form.tag.column,
        form_method(form.tag),
        form_action(form.tag),
        form_has_token(form),
        includes,
        macros,
        form.end_line,
        form_target(source),
        controls=owned or bool(form.input_tags) or any(map(_may_write_control, form.inside)),
        unsubmittable=not owned and _unsubmittable(form),
        macro_sources=defined,
    )


_NO_FIELD_TYPES = frozenset({"hidden", "button", "reset"})
_BLOCKING_TYPES = frozenset(
    {"", "text", "search", "url", "tel", "email", "password", "date", "month", "week", "time"}
    | {"datetime-local", "number"}
)
"""The `<input>` types HTML's implicit submission counts: a form without a submit
button is submitted by Enter in its one such field, and by none when it has more."""


def _unsubmittable(form: FormSpan) -> bool:
    """Whether the browser cannot submit the form itself (see `FormFact.unsubmittable`)."""
    if any(map(_may_write_control, form.inside)):
        return False
    if any(_submit_control(t) or DYNAMIC in (t.get("type") or "") for t in form.input_tags):
        return False
    if not any((t.get("type") or "").strip().lower() == "button" for t in form.input_tags):
        return False  # NOTE: no button a script takes the click of: a script may not send it
    kinds = [(t.get("type") or "").strip().lower() for t in form.input_tags if t.name == "input"]
    fields = [kind for kind in kinds if kind not in _NO_FIELD_TYPES]
    return not fields or sum(kind in _BLOCKING_TYPES for kind in fields) >= 2


def _relayed(form: FormSpan, parsed: ParsedTemplate) -> bool:
    """Whether the form relays what the view built (see `FormFact.relayed`): its whole
    `action` one output, its controls hidden inputs named by outputs, and inside it
    only those inputs' attribute outputs and tags that write no control."""
    action = (form.tag.get("action") or "").strip()
    if action != DYNAMIC or not form.input_tags or any(map(_free_input, form.input_tags)):
        return False
    for node in form.inside:
        if node.kind is NodeKind.VAR and parsed.placement(node).where is not Where.ATTRIBUTE:
            return False
        if node.kind is NodeKind.TAG and _may_write_control(node):
            return False
    return True


_PROTOCOL_FIELDS = frozenset(
    {
        "SAMLResponse", "SAMLRequest", "RelayState", "SigAlg", "Signature", "JWT",
        "id_token", "code", "state", "access_token", "token_type", "expires_in",
        "error", "error_description", "wa", "wresult", "wctx",
    }
)  # fmt: skip
"""The fields a single sign-on answer is posted back in by the browser, each named by its
standard: SAML's HTTP-POST binding, an LTI deep-linking response (`JWT`), OAuth 2's and
OpenID Connect's `form_post` response mode, WS-Federation's sign-in answer."""


def _free_input(tag: StartTag) -> bool:
    """A control a user may fill or that the template names itself: anything but an
    `<input type="hidden">` whose name an output writes whole, or which carries an
    output whole in a field a sign-on protocol names (`name="SAMLResponse"
    value="{{ response }}"`): the answer the view built, relayed where it chose."""
    kind = (tag.get("type") or "").strip().lower()
    name = (tag.get("name") or "").strip()
    if tag.name != "input" or kind != "hidden":
        return True
    if name in _PROTOCOL_FIELDS:
        return (tag.get("value") or "").strip() != DYNAMIC
    return name != DYNAMIC


_WRITE_NO_CONTROL = frozenset(
    {
        "if", "elif", "else", "endif", "for", "empty", "endfor", "with", "endwith", "url",
        "static", "trans", "translate", "blocktrans", "blocktranslate", "endblocktrans",
        "endblocktranslate", "endtrans", "plural", "pluralize", "load", "comment",
        "endcomment", "csrf_token", "spaceless", "endspaceless", "now", "localize",
        "endlocalize", "get_current_language", "set", "endset",
    }
)  # fmt: skip
"""Built-in tags that write text, a URL or nothing: no form control. (`block` is not
here: a template extending this one may fill it with fields.)"""


def _may_write_control(node: Node) -> bool:
    """Whether a node inside a form may write a control: any output (`{{ form }}`
    renders its fields), include or tag but the built-ins that write text alone."""
    if node.kind is NodeKind.VAR:
        return True
    return node.kind is NodeKind.TAG and (node.tag or "") not in _WRITE_NO_CONTROL
