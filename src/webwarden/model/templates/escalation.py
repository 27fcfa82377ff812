"""Raising a template finding whose variable the rendering view takes from the request.

Used by the engine for escalating `TemplateRule`s and by template project rules: the
finding keeps its code and message, gains one severity level, high confidence, a context
line saying where the value comes from, and the flow from the request to the template.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from webwarden.analysis.taint.specs import PREFILLED_FORM, RENDERED_FORM
from webwarden.findings import Confidence, Finding, FlowStep, Location, Severity
from webwarden.model.templates.build import Feed, TemplateModel, within
from webwarden.model.templates.facts import RAW_FORM_PARTS, OutputFact
from webwarden.model.templates.safe_marking import TRANSLATIONS

_RAISED = {
    Severity.LOW: Severity.MEDIUM,
    Severity.MEDIUM: Severity.HIGH,
    Severity.HIGH: Severity.CRITICAL,
    Severity.CRITICAL: Severity.CRITICAL,
}


def _view(function: str) -> str:
    return function.rsplit(".", 1)[-1]


def feed_steps(feed: Feed) -> tuple[str, list[FlowStep]]:
    """The context line and flow steps that show how request data reaches a template."""
    if feed.link is None or feed.name is None:
        return f"{feed.source} is request data", []
    view = _view(feed.link.render.function)
    # NOTE: a source described in words already quotes its code (`URL parameter `id``,
    # "`SignupForm()` form data"); a bare expression is quoted here.
    source = feed.source if "`" in feed.source else f"`{feed.source}`"
    steps = []
    if feed.location is not None:
        steps.append(FlowStep(feed.location, f"`{view}` reads {source}"))
    steps.append(
        FlowStep(
            feed.link.render.location,
            f"`{view}` passes `{_shown(feed.name.name)}` to `{feed.link.chain[0]}`",
        )
    )
    steps.extend(
        FlowStep(Location(later), f"`{earlier}` extends or includes `{later}`")
        for earlier, later in zip(feed.link.chain, feed.link.chain[1:], strict=False)
    )
    context = f"`{_shown(feed.name.name)}` comes from {source} in view `{view}`"
    return context, steps


def _shown(name: str) -> str:
    """A context name as code reads it: `files.#1`, a position of each tuple of a list
    fed apart (see `template_feeds`), -> `files[i][1]`."""
    return re.sub(r"\.#(\d+)", r"[i][\1]", name)


_FALLBACKS = frozenset({"default", "d", "default_if_none"})
"""Filters whose argument may stand in for the value (`url()|default(next)`)."""


def output_at(model: TemplateModel, where: Location) -> OutputFact | None:
    """The template output a finding is reported at."""
    facts = model.files.get(where.path)
    outputs = facts.outputs if facts is not None else ()
    return next((o for o in outputs if (o.line, o.column) == (where.line, where.column)), None)


def output_paths(
    model: TemplateModel,
    relpath: str,
    line: int,
    column: int,
    *,
    start_only: bool = False,
    marked: frozenset[str] = frozenset(),
) -> list[str]:
    """The variables read at a template position (outputs and filter operands). With
    `start_only`, an output that starts with what a call returns (`profile_url(user)`)
    reads only the call, unless a filter may put its argument in its place (`default`),
    and variables given only to filters that never begin their result with an argument
    (`'#'|urlparams(q=query)`) are not read. At a tag, `marked` names the filters whose
    operands alone count (`safe` of `{% with a = x|safe, b = d|dateformat %}` reads `x`,
    not `d`, which autoescape escapes)."""
    facts = model.files.get(relpath)
    if facts is None:
        return []
    paths: list[str] = []
    read: set[str] = set()  # NOTE: with `start_only`, roots of the names kept ...
    given: set[str] = set()  # ... and of those given only to filters (not kept)
    for output in facts.outputs:
        if (output.line, output.column) != (line, column):
            continue
        if start_only:
            given |= {g.split(".", 1)[0] for g in output.given}
            read |= {n.split(".", 1)[0] for n in output.names if n not in output.given}
        if start_only and output.returned and not _FALLBACKS.intersection(output.filters):
            paths.append(output.path)
        elif start_only:
            # NOTE: `'#'|urlparams(q=query)`: what the filter is given does not decide
            # how its result begins (`default`'s argument does, and is no `given`).
            paths += [output.path, *(n for n in output.names if n not in output.given)]
        else:
            paths += [output.path, *output.names]
    at = [u for u in facts.filters if (u.line, u.column) == (line, column)]
    if marked and not any((o.line, o.column) == (line, column) for o in facts.outputs):
        at = [u for u in at if u.name in marked]
    paths += [u.path for u in at if u.path not in given or u.path in read]
    if not start_only:
        # NOTE: a tag has no output of its own: what a filter's operand reads stands in
        # for its names (`"<a href='mailto:{e}'>".format(e=email)|safe` in a `{% with %}`),
        # and in Django, which records no names, the variables the filters before the
        # marking one are given (`'<a href="'|add:doc.url|add:'">'|safe` reads `doc.url`;
        # those of another operand of the tag applying the same filters too, at worst).
        paths += [name for u in at for name in u.names]
        before = {name for u in at for name in u.before}
        paths += [
            argument
            for u in facts.filters
            if (u.line, u.column) == (line, column) and u.kind == "filter" and u.name in before
            for argument in u.arguments
        ]
    found = [p for p in dict.fromkeys(paths) if p]
    # NOTE: a filter's operand is named by its root (`info` of `info.stats.x()|safe`):
    # what feeds the root feeds the longer path too, unless the view set that item apart.
    return [p for p in found if not any(other.startswith(p + ".") for other in found)]


def built_urls_only(
    model: TemplateModel, relpath: str, line: int, column: int, *, scheme_only: bool = False
) -> bool:
    """Whether the output at a template position reads only methods every class of the
    project defining them returns a URL from that the framework built (`def
    get_absolute_url(self): return reverse(...)`): percent-encoded, and a path or a URL
    of the site's own scheme. With `scheme_only`, also methods returning text that
    begins with the developer's fixing the scheme (`return "+table/" + self.slug`)."""
    paths = output_paths(model, relpath, line, column)
    return bool(paths) and all(
        model.url_attribute(relpath, path, scheme_only=scheme_only) for path in paths
    )


_APP_TEXT = TRANSLATIONS | {"url_for", "_gettext", "_ngettext"}
"""Calls whose result is the app's own text: a translation of the author's literal (also
by Flask-Admin's `_gettext` and `_ngettext`, which its views hand every template they
render), a URL Flask built (with its arguments percent-encoded), judged apart from what
they are given."""


def app_text_only(
    model: TemplateModel, where: Location, marked: frozenset[str] = frozenset()
) -> bool:
    """Whether the output at `where` reads only the app's own text: translations of the
    author's literals, URLs `url_for` built, Jinja globals the project sets to
    configuration and names a simple tag of the project set to configuration (`{%
    docs_link as link %}`), neither of which any render of the template passes, and
    configuration every render passes (`{"settings": settings}`). `marked` as
    `output_paths` takes it."""
    paths = output_paths(model, where.path, where.line, where.column, marked=marked)
    return bool(paths) and all(
        path in _APP_TEXT
        or model.configuration_global(where.path, path)
        or model.configured(where.path, path)
        or model.configuration_tag_output(where.path, where.line, where.column, path)
        for path in paths
    )


def inert_only(model: TemplateModel, where: Location, marked: frozenset[str] = frozenset()) -> bool:
    """Whether the output at `where` reads only values every render of its template passes
    as text holding no markup (`render_template("queue.html", target=1)`, the `token` of
    Django's password reset e-mail; see `ContextName.inert`). `marked` as `output_paths`
    takes it."""
    paths = output_paths(model, where.path, where.line, where.column, marked=marked)
    return bool(paths) and all(model.inert(where.path, path) for path in paths)


_KEEPS_CLEANED = frozenset({"default", "d", "default_if_none"})
"""Filters that hand a cleaned value on as it is, or else their argument."""


def rendered_html_only(model: TemplateModel, where: Location) -> bool:
    """Whether the output at `where`, written through no filter but a `default`, reads
    only values every render of its template passes as HTML the view escaped, cleaned or
    rendered from a template with autoescaping (`contents=render_template(...)`, also
    through a helper of its module returning one; see `TemplateModel.cleaned`): written
    unescaped, it writes what was already made safe for the page."""
    output = output_at(model, where)
    if output is None or not set(output.filters) <= _KEEPS_CLEANED:
        return False
    paths = output_paths(model, where.path, where.line, where.column)
    return bool(paths) and all(model.cleaned(where.path, path) for path in paths)


def cleaned_by_filter(model: TemplateModel, where: Location) -> bool:
    """Whether the output at `where` writes HTML a filter of the project cleaned last
    (`{{ meeting.notes|markdown }}`, where `markdown` returns `bleach.clean(...)`; see
    `TemplateModel.cleaning_filter`), followed by no filter but a `default`, and reads
    nothing else but the app's own text (`{{ notes|markdown or _("No notes") }}`)."""
    facts = model.files.get(where.path)
    output = output_at(model, where)
    if facts is None or output is None or not output.filters:
        return False
    cleaning = [i for i, name in enumerate(output.filters) if model.cleaning_filter(name)]
    if not cleaning or not set(output.filters[cleaning[-1] + 1 :]) <= _KEEPS_CLEANED:
        return False
    cleaned = [
        use.path
        for use in facts.filters
        if (use.line, use.column) == (where.line, where.column)
        and use.path
        and model.cleaning_filter(use.name)
    ]
    return bool(cleaned) and all(
        name in _APP_TEXT or any(within(name, path) for path in cleaned) for name in output.names
    )


def encoded_for_script(model: TemplateModel, where: Location) -> bool:
    """Whether the output at `where` is written last through a filter of the project that
    encodes it for JavaScript (`{{ data|to_js }}`, where `to_js` returns
    `mark_safe('JSON.parse("%s")' % escapejs(...))`; see `TemplateModel.script_safe_filter`)."""
    output = output_at(model, where)
    return (
        output is not None and bool(output.filters) and model.script_safe_filter(output.filters[-1])
    )


def url_encodings(model: TemplateModel, where: Location) -> int:
    """How many percent-encoding filters the output at `where` is written through last
    (`{{ product|htmlEncode|htmlEncode }}`: 2, where the project's `htmlEncode` returns
    `quote_plus(text)`; see `TemplateModel.url_encoding_filter`)."""
    output = output_at(model, where)
    if output is None:
        return 0
    count = 0
    for name in reversed(output.filters):
        if not model.url_encoding_filter(where.path, name):
            break
        count += 1
    return count


def counted_by_filter(model: TemplateModel, where: Location) -> bool:
    """Whether the output at `where` writes the name of a loop over what a filter of the
    project returns, every definition of which returns a sequence of whole numbers (`{%
    for i in page.paginator|proper_paginate:page.number %}`, the filter returning
    `paginator.page_range` or a slice of `range(...)`; see
    `TemplateModel.number_list_filter`)."""
    output = output_at(model, where)
    return (
        output is not None
        and bool(output.loop_filter)
        and model.number_list_filter(output.loop_filter)
    )


def _renders_form_field(path: str, feed: Feed) -> bool:
    """`path` writes a bound form the feed passes (`form`, `form.title`,
    `form.title.label_tag`) as its library renders it, escaped, not its raw data."""
    if RENDERED_FORM not in feed.safe_for or feed.name is None:
        return False
    below = path[len(feed.name.name) :].strip(".").split(".")
    return not RAW_FORM_PARTS.intersection(below)


def _form_instance_rows(path: str, feed: Feed) -> bool:
    """`path` reads what a form the feed passes holds no request data in: the model
    instance of a form passed unbound, the data only prefilling its fields (Django never
    writes what `initial=` gives into `form.instance`), or the rows a relation of a form's
    instance reads from the database (`form.instance.projects.all`: a bound form sets the
    instance's fields, not its saved relations), or a field of the row a relation of the
    instance holds (`form.instance.agreement.text`: a bound form sets the instance's
    foreign key at most, to a row of its field's queryset, never that row's fields). Not
    what text has of its own (`form.instance.title.upper`), nor an item of a list
    (`form.instance.tags.0`): the posted value itself."""
    if RENDERED_FORM not in feed.safe_for or feed.name is None:
        return False
    below = path[len(feed.name.name) :].strip(".").split(".")
    if below[:1] != ["instance"]:
        return False
    return PREFILLED_FORM in feed.safe_for or (len(below) > 2 and _row_read(below[2]))


def _row_read(name: str) -> bool:
    """Whether what a template reads below a relation of a form's instance is the
    database's: a related manager's rows, or a field of the related row."""
    return name in _ROW_READS or not (name.isdigit() or name in _TEXT_ATTRIBUTES)


_TEXT_ATTRIBUTES = frozenset(name for name in dir(str) if not name.startswith("_"))
"""What a template can read of text (`upper`, `title`, `strip`): of a text field the
bound form set, the posted text again."""


def _form_field_name(path: str, feed: Feed) -> bool:
    """`path` reads the name or id of a field of a form the feed passes
    (`form.email.id`, `form.email.name`, Django's `form.email.html_name`): the form class
    gives them, never the data it was bound to."""
    if RENDERED_FORM not in feed.safe_for or feed.name is None:
        return False
    below = path[len(feed.name.name) :].strip(".").split(".")
    return len(below) == 2 and below[1] in _FIELD_NAMES


_FIELD_NAMES = frozenset(
    {"id", "name", "short_name", "type", "html_name", "auto_id", "id_for_label"}
)
"""What a WTForms field (`id`, `name`, `short_name`, `type`) or a Django bound field
(`name`, `html_name`, `auto_id`, `id_for_label`) is called by the form's class."""


_ROW_READS = frozenset({"all", "first", "last"})
"""A related manager's reads a template can call (no arguments): rows of the database."""


def _made_by_call(path: str, feed: Feed) -> bool:
    """`path` reads an attribute (`label.id`, `rows.0.pk`) of what a call webwarden does
    not model made of request data (`labels = store.labels_for(digest)`): the taint engine
    takes the whole result as the request's data, as the call might hand its argument
    back, but an object's key or count below it is the object's own (the row the store
    found, not the digest that found it). The name itself (`item_id =
    normalise(request.GET["item"])`) may be the argument handed back and still counts."""
    return feed.approx and feed.name is not None and path != feed.name.name


_POSTED_BODY = re.compile(
    r"`?(?:self\.)?request\."
    r"(?:form|files|json|get_json|data|get_data|stream|POST|FILES|body)\b"
)
"""The request's body, what a form (or a script) posts, never a link's query string:
Flask's `request.form` and the like, Django's `request.POST`, `request.FILES` and
`request.body` (also `self.request` of a class-based view), REST framework's
`request.data`."""


def _own_post(model: TemplateModel, feed: Feed) -> bool:
    """The feed is the posted body a view reads (`request.form.get("content")`), where
    the view (or the class-based view whose method renders) refuses a POST without the
    app's CSRF token before it runs: another site cannot send it, so the page writes
    back only what the user sent (self-XSS)."""
    if feed.link is None or _POSTED_BODY.match(feed.source) is None:
        return False
    function = feed.link.render.function
    views = model.forge_proof_views
    return function in views or function.rpartition(".")[0] in views


def _script_only(model: TemplateModel, feed: Feed) -> bool:
    """The feed is request data a view reads that answers only a script's request (with
    `X-Requested-With`, see `TemplateModel.script_only_views`): another site's link or
    form cannot make the browser send it, so the page writes back what the site's own
    script sent (self-XSS), as `_own_post` judges a checked form's body."""
    if feed.link is None:
        return False
    function = feed.link.render.function
    views = model.script_only_views
    return function in views or function.rpartition(".")[0] in views


def raise_if_fed(
    finding: Finding,
    model: TemplateModel,
    paths: Iterable[str] | None = None,
    extra: Iterable[FlowStep] = (),
    safe_kinds: frozenset[str] = frozenset(),
    start_only: bool = False,
    form_fields_escaped: bool = False,
    keyed: bool = False,
) -> Finding:
    """`finding` raised when one of `paths` (default: what its position reads, or with
    `start_only` what it starts with) is fed from request data by a view that renders its
    template; data the view made safe for one of `safe_kinds` does not count. With
    `keyed` (a value named as a key or a number the database or the app makes, `label.id`),
    an object fed only through a call webwarden does not model does not feed what is below
    it (see `_made_by_call`). The confidence is raised too unless every feed is such a
    call's result."""
    loc = finding.location
    candidates = (
        output_paths(model, loc.path, loc.line, loc.column, start_only=start_only)
        if paths is None
        else paths
    )
    for path in candidates:
        feeds = [
            feed
            for feed in model.feeds(loc.path, path)
            if not feed.safe_for & safe_kinds
            and not (form_fields_escaped and _renders_form_field(path, feed))
            and not _form_instance_rows(path, feed)
            and not _form_field_name(path, feed)
            and not (keyed and _made_by_call(path, feed))
            and not _own_post(model, feed)
            and not _script_only(model, feed)
        ]
        if feeds:
            # NOTE: data fed only through a call webwarden does not model (a record an
            # API client fetched by the id the URL named) may not be the request's at
            # all: the harm is raised, the confidence stays the rule's own.
            exact = [feed for feed in feeds if not feed.approx]
            context, steps = feed_steps((exact or feeds)[0])
            return dataclasses.replace(
                finding,
                severity=_RAISED[finding.severity],
                confidence=Confidence.HIGH if exact else finding.confidence,
                context=context,
                flow=(*steps, *extra, FlowStep(loc, "written into the page here")),
            )
    return finding
