"""WW552: a template uses a project filter (or Django simple tag) that marks its input safe."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, FlowStep, Location, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.escalation import output_paths, raise_if_fed
from webwarden.model.templates.facts import FilterDefFact, FilterUseFact, TemplateFacts
from webwarden.model.templates.library_tags import configured_field
from webwarden.model.templates.mail import in_mail_folder
from webwarden.model.templates.setting_gates import turned_on
from webwarden.rules.base import Framework, TemplateProjectRule
from webwarden.rules.xss._flatpages import flatpage_markup
from webwarden.rules.xss._marked_output import BUILTIN_MARKERS, marking_definitions, shown_use


class TemplateFilterMarksInputSafe(TemplateProjectRule):
    """## What it does
    Finds templates that use a filter (or a Django `simple_tag`) defined in the project
    (Django's library, also Django's own built-in one the project registers on from any
    module, `from django.template.defaulttags import register`, Flask's `template_filter`, a Jinja environment's `filters`,
    django-jinja's `library.filter`) that returns its input marked safe without escaping
    it: `mark_safe(value)`, `mark_safe(markdown(value))`, `Markup(f"<b>{value}</b>")`.
    `format_html(text)` given no value to fill in escapes nothing and marks `text` safe
    as it is, as `mark_safe` does (`format_html(re.sub(pattern, "<em>\\1</em>", value))`).
    Definitions that escape the input first (`escape`, `conditional_escape`,
    `format_html` and `format_html_join` filling it in, each character looked up in a table of the
    module's that replaces every character HTML gives a meaning to (`"".join(ESCAPES.get(c,
    c) for c in value)`, a copy of `escapejs`),
    `Markup(...).format`, a sanitiser such as `bleach.clean` or `nh3.clean`, Pygments'
    `highlight(code, lexer, HtmlFormatter())`, whose formatter escapes the code, the
    standard library's `difflib.HtmlDiff().make_table(old, new)` (or `make_file`, the
    differ made in the call or bound to a local: `diff = HtmlDiff(tabsize=4)`), which
    escapes `&`, `<` and `>` in the lines it compares (not the `fromdesc` and `todesc`
    headers, written as given), a
    markdown-it-py parser of the module made with raw HTML off (`MarkdownIt("commonmark",
    {"html": False})`, the `zero` and `js-default` presets), or one the definition makes
    so itself and sets up again nowhere (`renderer = MarkdownIt("js-default",
    options).disable([...])`, `options` a dict literal nothing writes to later), whose
    `render()` escapes HTML in the text and drops `javascript:` links, python-markdown2
    named through its module and told to escape raw HTML (`markdown2.markdown(value,
    safe_mode="escape")`, `safe_mode="replace"` or `True`, or `.convert(value)` of a
    `markdown2.Markdown(safe_mode="escape")` made in the definition), which also writes
    a `javascript:` link as `href="#"` (versions before 2.3.2 did not, and those with
    known bypasses are the dependency rules'), or render it
    into a template with autoescaping: `render_to_string(...)`,
    `get_template(...).render(...)`, a Django `Template` made from a source a call loads
    and rendered with a `Context` (`Template(load_source(kind)).render(Context({...}))`;
    not `Template(value)`, whose markup is the input, nor `Context(..., autoescape=False)`),
    Django's form renderer given a template's name and
    a context (`renderer.render(widget.template_name, context)`, as Django's own widgets
    render before `mark_safe`), or, in a `takes_context` tag, an object's
    `.render(context)`, Django's protocol of nodes and UI components), or render Wagtail
    rich text with Wagtail's own renderers imported from it (`richtext(value)`,
    `expand_db_html(value)`, `RichText(value)`: the HTML Wagtail marks safe itself, made
    of the elements the editor lets be stored, also when re-parsed, as with
    BeautifulSoup, to add markup of the author's), or pass it through Django's text
    filters imported from `django.template.defaultfilters` (`linebreaksbr(text)`,
    `urlize(text)`: called from Python, they escape unless told `autoescape=False`), or
    through `django.utils.html`'s `linebreaks` and `urlize` told `autoescape=True` are not
    reported, nor are Django filters registered with `needs_autoescape=True` that read the
    `autoescape` flag Django gives them, which escape their input themselves (one that
    never reads it is judged by what its body escapes), unless they render the escaped text as Markdown before marking
    it (`mark_safe(markdown.markdown(conditional_escape(text)))`: escaping leaves
    `[x](javascript:...)`, which Markdown makes a link) (a Jinja filter given Jinja's own
    object first, `@pass_eval_context`, `@evalcontextfilter`, is judged by the parameters
    after it), nor a filter that marks safe only input already marked so (`if not
    isinstance(value, SafeString): return value`, then `mark_safe(Truncator(value).words(30,
    html=True))`: HTML whoever marked it vouched for, cut as Django's
    `truncatewords_html` does; also a value kept as it is only in the branch taken for
    marked input and escaped in the other, `shown = str(text) if isinstance(text, Markup)
    else escape(text)`, or the same with an `if` statement), nor a filter that marks safe what a function of the project
    returns, every `return` of which is HTML it cleaned or escaped
    (`mark_safe(render_markdown(value))`, `render_markdown` returning
    `Cleaner(...).clean(...)` in another module, or, in a module naming a sanitiser, a
    local only ever assigned such HTML: `cleaned = bleach.clean(html)`, then
    `cleaned = cleaned.replace(key, rendered)` for each placeholder, `rendered` an item
    of a list it only appends templates it rendered to; a simple tag too) or a date it wrote in a format of its
    own (`mark_safe(format_offset(seconds))`, `format_offset` returning
    `moment.strftime("%H:%M:%S")` or `""`), nor one that marks safe only what
    methods of an object return (`mark_safe("".join(admin.get_tree_rows(request,
    pages)))`, the object one of its inputs or made of them, whatever other inputs it
    hands the method: `renderer.render(block, language=context["lang"])`) when every method of the project so named returns escaped HTML, rows
    it rendered from a template (`template.render(context)`) or an item of a table of
    a class or of a module's constant (`Status.colours.get(self.status)`, with no
    default or a literal one), or is Django's `get_<field>_display()` the project does
    not define, the label of one of the field's `choices` (`mark_safe(f'<span
    class="badge bg-{obj.get_status_colour()}">{obj.get_status_display()}</span>')`),
    nor one that marks safe only the answers of a Django signal it sends
    (`mark_safe("".join(html for _, html in extras.send(sender=place, **kwargs)))`: the
    arguments go to the receivers, the answers are what they return) when the project
    connects receivers to that signal with `@receiver(extras)` and every one returns
    escaped or rendered HTML (`render_to_string(...)`, `format_html(...)`, `""`),
    nor one that marks safe
    only what a function of the project returns that gives a file's content
    (`mark_safe(load_icon(name).decode())`, `load_icon` returning `handle.read()` of an
    `open()`: the value names one of the app's files, inlined as an `{% include %}`
    would). Nor is a use whose output a later filter of the chain sanitises
    (`{{ comment|link_mentions|markdown|nh3 }}`, a filter named for cleaning HTML or one
    of the project's that returns cleaned HTML) or escapes (`|force_escape`), nor one
    handed text escaped first: `escape` (not after a `safe`, which it leaves as it is) or
    `force_escape`, then only Django filters keeping it escaped (`{{
    note.text|escape|linebreaksbr|urlize|safe|mentions }}`). Nor is a use
    on a message the template writes itself, translated or not (`_('Hello, {name}')|fe(
    name=user.name)`, where the filter escapes the arguments it fills in and marks safe
    only the author's message). Nor is a use handed a number or a date as it is (no filter
    before it): an attribute every class of the project defining it declares as a number or
    date field (`{{ event.created_on|timedate }}` of `created_on = models.DateTimeField()`;
    a form's or REST framework serializer's date field, a dataclass's `time: datetime`,
    count too), whose digits are what the filter marks safe, not text anyone wrote. Nor is
    a use in a template no browser reads as HTML: a `.txt` template (a
    mail's text body, a message a form shows in a `<textarea>`), or a template of a mail
    folder without HTML tags (a mail's subject).
    The finding is at each use that passes a variable to a parameter the definition
    writes unescaped (`{% label form.name "Name" %}` with only the label text written
    raw is not reported), with the definition in the flow; the values a filter or tag is
    given through `*args` or `**kwargs` count as passed to them. A filter applied to a
    literal, or to a translation of a literal message
    (`{{ _("{name}'s page")|fe(name=user.name) }}`), is given the project's own text, not
    input: only its other arguments are followed, and a definition that escapes each item
    of `*args` or `**kwargs` before formatting them (`for k in kwargs: kwargs[k] =
    escape(kwargs[k])`, or over its items, `for k, v in kwargs.items(): kwargs[k] =
    escape(v)`) writes none of them raw. A Django form field's
    generated names and ids (`field.id_for_label`, `field.html_name`) are not input, nor
    are the `id` and `name` of each provider django-allauth's `{% get_providers as
    providers %}` binds (`{% fa_class provider.id %}` in a loop over them): a provider
    class's own (`google`) or what the site's administrators give a `SocialApp`, unless
    the project defines a tag of that name or another tag binds the name too. Nor
    is a flatpage's `content` or `title` (`{{ flatpage.content|markdown }}` in
    `flatpages/default.html`) in a project installing `django.contrib.flatpages` where no
    view of its own renders the template with a `flatpage`: HTML the site's staff write
    in the admin, which Django's flatpage view marks safe itself. Nor is a use of a
    Django filter that cleans or escapes its input unless its argument is one of a few
    literals (`if mode == "safe": html = rendered`, else `bleach.clean(rendered)`) when
    the template gives it no argument or another literal: `{{ answer|markdown }}` is not
    reported, `{{ page|markdown:"safe" }}` and `{{ page|markdown:mode }}` are. Nor is
    a use of a Django filter that leaves HTML raw unless its argument turns escaping on
    (`if escape_html: html = escape(html)`) given a literal that does
    (`{{ note|markdown:True }}`); `{{ note|markdown }}` and `{{ note|markdown:flag }}`
    are reported. Nor is a use of a Django filter or tag that cleans or escapes its input
    when a setting of the project is on (`if settings.MARKDOWN_SANITIZE: html =
    bleach.clean(html)`, or `getattr(settings, "MARKDOWN_SANITIZE", False)`) in a project
    each judged settings module of which turns it on (a true value as shipped); one left
    unset or off in any of them, or a test reading it beside something else, is reported.

    ## Why is this bad?
    Such a filter is `|safe` under another name: every value passed through it is
    written as raw HTML. Reviewers and tools that look for `|safe` miss it, and a
    filter written for trusted text ends up applied to user input.

    ## Known problems
    A use written into JavaScript that WW554 (`template-variable-in-script`) reports
    (`window.CONF = {{ conf|json }};` in a `<script>`, an `onclick` handler) is reported
    by WW554 alone when both are selected: there the value needs a JavaScript encoding,
    which escaping it for HTML does not give.

    A receiver connected otherwise than with `@receiver` (`extras.connect(handler)`) is
    not seen: a signal some receivers of which are connected so is judged by the others.

    Webwarden follows the input through assignments and calls inside the filter
    function (a name assigned again in the function's body, or earlier in the branch or
    loop body that reads it, holds only its new value, and
    a comprehension's element is what it is made of: `[a.render(context) for a in
    actions]` holds rendered output, not the actions; an item looked up by the input is
    what the container holds, `ICONS[device.type]` or `CAPTIONS.get(device.type)` one of
    the module's own values, but `CAPTIONS.get(device.type, device.type)` may be the
    input),
    and into the functions of the same module it hands the input to; a filter returning
    what a top-level function of another module returns (`def markdown(value): return
    markdownit(value)`, with `markdownit` returning `Markup(md.render(content))` in a
    helpers module) marks the parameters it hands that function where it marks them
    safe unescaped, judged there the same way; such a function named for escaping or
    cleaning (`escapejson`, `sanitize_html`) is taken at its word. A call is known by
    what the module's imports name it (`esc(value)` after `from django.utils.html
    import escape as esc` escapes); JSON escapes nothing however its `dumps` is
    imported (`json.dumps`, `json_dump` after `from json import dumps as json_dump`,
    `simplejson`, Flask's `json`, also given `cls=DjangoJSONEncoder`: `<` and `&` are
    written as they are), unless it is given an encoder class named for escaping
    (`cls=SafeJSONEncoder`), taken at its word too. A call told to
    clean its output (`sanitize=True`, an argument or markdown extension named like a
    cleaner: `LinkifyAndCleanExtension`, `bleach`), a function named for cleaning HTML
    (`clean_html`, `sanitize_html`, wherever it is defined) and a parameter the function
    rejects unless it is a number or a date (`if not isinstance(value, Decimal): raise`,
    or a marked string built only in the branch of `if type(value) is datetime.date:`)
    count as escaping, as does a model's `get_absolute_url()` (Django's convention
    builds it with `reverse()`, which percent-encodes `<`, `>` and `"`), `reverse()`
    itself given a URL name (`reverse("patch-list", kwargs=...)`), an object's primary
    key (`judge.pk`, Django's alias for it, `judge.id`, a `UUIDField`'s `judge.uuid`: a
    number or UUID the database made, also when a helper of the project fills it into
    a URL, `reverse_tournament("judge-record", t, kwargs={"pk": judge.pk})`), and a date's
    `isoformat(timespec=spec)` (digits and separators, whatever precision the argument
    picks) and its `tzname()` (the abbreviation of its time zone), a date formatted by Django's `date` and `time` filters called from Python,
    `date_format`, `time_format`, `dateformat.format` or `strftime`, or by Babel's
    `format_date`, `format_datetime` and `format_time` named through their module
    (`defaultfilters.date(value, fmt)`, `value.strftime(fmt)`,
    `flask_babel.format_date(value, format=fmt)`: the format's text filled
    with the date's digits and names; the format, which is written as it is, still
    counts), and a character's code point (`ord(char)`: an e-mail obfuscator writing
    each character as a numeric reference, `"".join(f"&#{ord(c)};" for c in value)`); a
    sanitiser it
    does not know is treated as passing the input through; a renderer rule or a
    `highlight` function the project gives a markdown-it-py parser is trusted to escape
    what it writes. Escaping the text, stripping its tags or cleaning it with a sanitiser
    before Markdown renders it does not count (`markdown(nh3.clean(text))`): Markdown
    makes a link of `[x](javascript:...)`. A markdown2 renderer made at the module's top
    level, or imported by its bare name (`from markdown2 import markdown`), is not known
    to escape: only the spellings through `markdown2.` count. Django's
    `get_<field>_display()` gives the stored value itself when it is none of the
    `choices` (a row saved without the form's or serializer's check); a table is
    known by its name's case (`BADGES`, `Status.colours`, not a manager's
    `Circuit.objects.get(pk)`), not by what it holds. A renderer imported under
    a name of the module's own (`from markdown import markdown as md`) is followed as
    `markdown` is; one bound otherwise (`render = markdown.markdown`) is not known.

    ## Example
    ```html
    <div>{{ comment.body|bold }}</div>
    ```
    ```python
    # app.py
    from flask import Flask
    from markupsafe import Markup

    app = Flask(__name__)

    @app.template_filter("bold")
    def bold(value):
        return Markup(f"<b>{value}</b>")
    ```

    ## Fix
    ```html
    <div>{{ comment.body|bold }}</div>
    ```
    ```python
    # app.py
    from flask import Flask
    from markupsafe import Markup

    app = Flask(__name__)

    @app.template_filter("bold")
    def bold(value):
        return Markup("<b>{}</b>").format(value)
    ```

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Django: filters and auto-escaping](https://docs.djangoproject.com/en/stable/howto/custom-template-tags/#filters-and-auto-escaping)
    - [Flask: registering filters](https://flask.palletsprojects.com/en/stable/templating/#registering-filters)
    """

    code = "WW552"
    name = "template-filter-marks-input-safe"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 79
    message = (
        "`{use}` returns its input marked safe (`{marker}` in `{where}`): the value is not escaped"
    )
    fix = "escape the input inside the {kind} (`format_html`, `Markup(...).format`, `conditional_escape`)"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        model = project.templates
        if model is None:
            return
        unsafe = marking_definitions(model)
        if not unsafe:
            return
        for relpath, facts in sorted(model.files.items()):
            if not facts.is_html or _plain_text_mail(relpath, facts):
                continue  # NOTE: no browser reads it as HTML: nothing marked safe runs
            for use in facts.filters:
                definition = unsafe.get((use.name, use.kind))
                if definition is None or use.name in BUILTIN_MARKERS:
                    continue
                if use.kind == "filter" and model.cleaning_filter(use.name):
                    continue  # NOTE: it marks safe HTML a sanitiser returned
                if any(f in _FORCE_ESCAPERS or model.cleaning_filter(f) for f in use.then):
                    continue  # NOTE: a sanitiser (or escaper) the output applies after it
                if escaped_before(use.before):
                    continue  # NOTE: it is handed text escaped first
                if _cleaning_option(use, definition, facts.dialect):
                    continue  # NOTE: its argument leaves its cleaning on
                if definition.clean_setting and turned_on(project.django, definition.clean_setting):
                    continue  # NOTE: the project's settings turn its cleaning on
                if model.escaped_methods(definition.through):
                    continue  # NOTE: it marks safe what the project's methods rendered
                if definition.marks_file_of in model.file_readers:
                    continue  # NOTE: it marks safe an app's file the value names
                if definition.marks_file_of in model.html_functions:
                    continue  # NOTE: it marks safe what a project function cleaned
                paths = [
                    path
                    for path in _fed(use, definition, facts.dialect)
                    if not _holds_no_text(model, relpath, use, path)
                    and not configured_field(facts, model.filters, path, use.line)
                ]
                if not paths or _flatpage(project, model, relpath, use):
                    continue  # NOTE: a flatpage's HTML, which Django's view marks safe itself
                steps = _steps(definition)
                finding = self.make_finding(
                    Location(relpath, use.line, use.column),
                    use=shown_use(use),
                    marker=definition.marker,
                    where=definition.location.path,
                    kind=definition.kind,
                    flow=steps,
                )
                yield raise_if_fed(finding, model, paths, steps)


def _flatpage(
    project: ProjectModel, model: TemplateModel, relpath: str, use: FilterUseFact
) -> bool:
    """Whether the filtered value is a flatpage's `content` or `title` that Django's
    flatpage view hands the template (`_flatpages`)."""
    if use.kind != "filter" or use.where != "text":
        return False
    paths = output_paths(model, relpath, use.line, use.column)
    return flatpage_markup(project, model, relpath, paths)


def _holds_no_text(model: TemplateModel, relpath: str, use: FilterUseFact, path: str) -> bool:
    """The variable passed is a number or a date every class of the project declaring
    its attribute so declares (`event.created_on` of `models.DateTimeField()`), handed
    to the filter as it is (no filter before it turns it into text): what the filter
    marks safe is that value's digits, not text anyone wrote."""
    if path == use.path and use.kind == "filter":
        path = "" if use.before else use.operand
    return bool(path) and (
        model.number_attribute(relpath, path) or model.date_attribute(relpath, path)
    )


def _steps(definition: FilterDefFact) -> tuple[FlowStep, ...]:
    """Where the definition marks its input safe: itself, or the function of another
    module whose marked result it returns."""
    step = FlowStep(definition.location, f"`{definition.name}` returns `{definition.marker}`")
    helper = definition.marked_in
    if helper is None:
        return (step,)
    return (step, FlowStep(helper.location, f"`{helper.name}` returns `{helper.marker}`"))


_FORCE_ESCAPERS = frozenset({"force_escape", "forceescape"})
"""Filters escaping text already marked safe (Django's `escape` leaves it as it is)."""


_ESCAPERS = frozenset({"escape", "e"}) | _FORCE_ESCAPERS
_KEEPS_ESCAPED = frozenset({"linebreaks", "linebreaksbr", "urlize", "urlizetrunc", "safe"})
"""Django's filters that write escaped text as escaped (`linebreaksbr` adds `<br>`,
`urlize` links around its URLs) or only mark it safe."""


def escaped_before(before: tuple[str, ...]) -> bool:
    """Whether the filters applied before a use escape the text it is given: an escaper
    (`escape` after no `safe`, which it would leave alone; `force_escape`) followed only
    by filters keeping it escaped (`{{ note|escape|linebreaksbr|urlize|safe|mentions }}`)."""
    for index in range(len(before) - 1, -1, -1):
        name = before[index]
        if name in _ESCAPERS:
            return name in _FORCE_ESCAPERS or "safe" not in before[:index]
        if name not in _KEEPS_ESCAPED:
            return False
    return False


def _cleaning_option(use: FilterUseFact, definition: FilterDefFact, dialect: str) -> bool:
    """A Django filter given no argument, or a literal other than those that turn its
    cleaning off (`raw_options`): `{{ text|markdown }}` of a filter leaving HTML raw only
    for `{{ text|markdown:"safe" }}`; or given a literal that turns its escaping on
    (`clean_options`): `{{ text|markdown:True }}` of one escaping under `if escape_html:`."""
    if dialect != "django" or use.kind != "filter":
        return False
    if definition.clean_options is not None and use.constant is not None:
        return _literal(use.constant) in definition.clean_options
    gate = definition.raw_options
    if gate is None:
        return False
    if use.constant is None:
        return not use.arguments
    given = use.constant
    quoted = len(given) >= 2 and given[0] == given[-1] and given[0] in "\"'"
    # NOTE: a number or `True` is none of the strings that turn the cleaning off
    return not quoted or given[1:-1] not in gate


def _literal(written: str) -> str:
    """A Django template's literal as Python writes it (`"safe"` -> `'safe'`, `True`);
    "" for one Python does not read the same way."""
    try:
        return repr(ast.literal_eval(written))
    except (ValueError, SyntaxError):
        return ""


def _plain_text_mail(relpath: str, facts: TemplateFacts) -> bool:
    """A mail's subject or text body: a template of a mail folder with no HTML tag,
    extending none (whose base could be the HTML body)."""
    return in_mail_folder(relpath) and not facts.markup and not facts.extends


def _fed(use: FilterUseFact, definition: FilterDefFact, dialect: str) -> list[str]:
    """The variables `use` passes to the parameters `definition` marks safe unescaped
    (every variable it passes when which parameter each fills is not known)."""
    everything = [p for p in (use.path, *use.arguments) if p]
    if not definition.params:
        return everything
    raw = set(definition.raw)
    first = definition.params[0]
    if use.kind == "filter":
        fed = [use.path] if first in raw else []
        # NOTE: a Django filter takes one argument; a Jinja filter's arguments are not
        # kept in order, so any of them may fill a marked parameter (its `*args` and
        # `**kwargs` too)
        return [p for p in fed + (list(use.arguments) if raw - {first} else []) if p]
    if use.slots is None or dialect != "django":
        return everything
    # NOTE: an argument no parameter is named for fills `*args` or `**kwargs`
    spread = bool(raw - set(definition.params))
    return [
        path
        for param, path in _bind(use.slots, definition.params)
        if path and (param in raw or (spread and param not in definition.params))
    ]


def _bind(slots: tuple[str, ...], params: tuple[str, ...]) -> list[tuple[str, str]]:
    """(parameter, variable) for a tag's arguments; those past the parameters bind to
    none (a `*args` parameter, which is not followed)."""
    bound: list[tuple[str, str]] = []
    position = 0
    for slot in slots:
        name, equals, path = slot.partition("=")
        if equals:
            bound.append((name, path))
            continue
        bound.append((params[position] if position < len(params) else "", slot))
        position += 1
    return bound
