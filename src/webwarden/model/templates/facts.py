"""Per-file facts about templates: small picklable data, never trees.

Python modules say where templates live (template folders, loaders, Django `TEMPLATES`),
how Jinja2 reads them (delimiters), which filters the project defines, and which views
render which template with which context. Each template file says what it outputs and
where, its forms, what it extends and includes. The project step links the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from webwarden.findings import Location
from webwarden.pickling import fast_pickling

if TYPE_CHECKING:
    from webwarden.model.templates.output_parts import OutputSummary

RAW_FORM_PARTS = frozenset(
    {"data", "cleaned_data", "value", "initial", "raw_data", "object_data", "instance"}
)
"""What a bound form or field holds as the request (or the database) gave it."""


@dataclass(frozen=True, slots=True)
class ContextName:
    """A name a view passes into a template's context, and where its value comes from."""

    name: str
    location: Location
    source: str = ""
    """The request data the value is made from (`request.args.get('q')`), "" if none."""
    source_location: Location | None = None
    safe_for: frozenset[str] = frozenset()
    """The sink kinds the value was made safe for on its way (see `TemplateRule.safe_kinds`)."""
    cleaned: bool = False
    """The value is HTML the view escaped or cleaned itself (`bleach.clean(...)`,
    `escape(...)`, `render_to_string(...)`): safe to mark safe in the template."""
    inert: bool = False
    """The value is a number or a boolean (`target=1`, `count=len(items)`), or a string
    literal of letters, digits and `-_./` (`kind="tasks"`), or a list of such values, or
    a URL parameter every route converts to a word (`<slug:board>`), or JSON encoded for a script
    (`htmlsafe_json_dumps(...)`): it writes nothing that could end a string or start
    code, in HTML or in JavaScript."""
    inert_if: tuple[str, ...] = ()
    """The value is inert if each of these functions of the project (qualified names)
    returns only inert values: it is a call of one (`stats.open_issues(project_id)`), or
    made of such calls as `inert` says (see `number_functions`)."""
    configuration: bool = False
    """The value is the operator's or the author's: Django's settings object, a setting
    (`settings.SITE_NAME`), an item of the app's `config`, a constant (see
    `env_globals.configuration`)."""
    configured_if: tuple[str, ...] = ()
    """The value is configuration if each of these functions of the project (qualified
    names) returns only configuration: it is a call of one
    (`json.dumps(get_frontend_settings())`), or made of such calls as `configuration`
    says (see `configured_functions`)."""
    form: bool = False
    """The value is a form the view made (`LoginForm(request.POST)`, a Django or WTForms
    class named `...Form`): its fields write their widgets' HTML, which escapes what they
    hold."""
    built_url: bool = False
    """The value is a URL the framework built (`reverse(...)`, `url_for(...)`, or a local
    every assignment of which is one): percent-encoded, it holds no space or quote."""
    attribute: str = ""
    """The value is an attribute the view reads of an object it holds (`user.restricted`,
    no request data on its way): its name, which the project step judges by the classes
    defining one of that name (`TemplateModel.number_attributes`)."""
    json_text: bool = False
    """The value is JSON the view encoded (`json.dumps(data)`, not marked safe), or a
    local every assignment of which is: autoescaped into a quoted HTML attribute, it is
    decoded back by the browser into a JavaScript literal, nothing more."""
    item: bool = False
    """An item the view sets on a dict it passes (`info["stats"] = Stats()` before
    `render_template(..., info=info)`): its value, not the dict's, is what the template
    reads below it (`info.stats.summary()`)."""
    returns_of: tuple[str, ...] = ()
    """The value is what a method returns (`self.language_link(request)`,
    `Links().language_link(request)`): the qualified `Class.method` names that may run,
    nearest class first; the first the project defines is the one (see
    `TemplateModel.markup_method`)."""
    values_inert: bool = False
    """The value is a local dict every value of which is inert, whatever its keys hold
    (`by_day = defaultdict(int)` stepped with `by_day[day] += 1`, a `Counter` of a list):
    what a template's `{% for day, n in by_day.items() %}` binds `n` to, or a loop over
    `by_day.values()`, is a number."""
    values_inert_if: tuple[str, ...] = ()
    """The project's functions (qualified names) `values_inert` holds only if they
    return only inert values (see `inert_if`)."""
    returned_by: str = ""
    """The value is what a function of the project returns (its qualified name): a call
    of it, or a local bound once to one whose keys the view sets only as constants
    (`feed_params = from_request_get_feed_params(request)`). An item of it the template
    reads (`feed_params.start`) holds what that function sets the key of the dict it
    returns to (see `returned_items`)."""
    parameter: str = ""
    """The value is the view's URL parameter of this name itself, never reassigned
    (`"slug": slug`): once the routes are known, it holds what their converters let
    through (see `typed_parameters`)."""
    quoted_inert: bool = False
    """The value is such a URL parameter itself, and every route naming it lets through
    only characters that neither end a quoted JavaScript string or template literal nor
    start `${` in one (`(?P<image_id>[a-zA-Z0-9\\-_\\.]+)`): text inside a string,
    though `.` and `-` would be code outside one (see `typed_parameters`)."""
    approx: bool = False
    """The value carries request data only as the taint engine over-approximates a call
    it does not model: the call may hand back what it was given (`store.labels_for(digest)`
    with `digest` from the URL). What is below the name (`label.id`) is then the attribute
    of an object the call made, not the request's text."""
    function: str = ""
    """The value is a function of the project itself, not called (`ctx["modify_query"] =
    modify_query`, imported or the module's own): its qualified name. A template calling
    it (`{{ ctx.modify_query(page=2) }}`) writes what that function returns."""
    setting: str = ""
    """The value is the Django setting of this name read whole (`settings.PAGE_SIZE`,
    `getattr(settings, "PAGE_SIZE")`): the project step judges it by the values the
    project's settings modules give it (see `TemplateModel.passed_settings`)."""
    row_class: str = ""
    """The value is one row of a model the view looked up (`get_object_or_404(Event,
    ...)`, `Event.objects.get(...)`, also through a local bound once to it): the model
    class's qualified name as the view's module names it, whose own declaration of an
    attribute the template reads decides it (see `row_classes`)."""


@dataclass(frozen=True, slots=True)
class RenderFact:
    """A view rendering a template: `render_template("x.html", q=q)`, `template_name`."""

    function: str
    """The qualified name of the function (or class) that renders."""
    templates: tuple[str, ...]
    """Template names tried in order (one for most calls)."""
    location: Location
    framework: str
    """`flask`, `django` or `jinja` (a hand-made environment)."""
    context: tuple[ContextName, ...] = ()
    opaque: bool = False
    """The context holds names the source does not show (`**locals()`, a built dict)."""
    themed: bool = False
    """Rendered through a theme (Flask-Themes2): each theme's template of that name."""
    parameters: tuple[str, ...] = ()
    """The positional parameters of the rendering function, which its callers' arguments
    bind when no route serves it (see `helper_renders`)."""
    url_kwargs: bool = False
    """A Django class-based view whose context gets the keywords its `get` is called with
    and the view as `view` (Django's `ContextMixin.get_context_data`, reached by each of
    the class's overrides with its `**kwargs`): a `TemplateView`'s URL parameters (see
    `route_kwargs`)."""
    origin: Location | None = None
    """For a render made from a helper's render once per call of it (see
    `helper_renders`): where the helper renders, where the taint engine's feeds of it are."""
    bound: tuple[str, ...] = ()
    """The context names of such a render holding what the call binds to the helper's
    parameters: their source is the call's, not the helper's."""
    shortcut: bool = False
    """Made by Django's `render`, `render_to_response` or `render_to_string` call: the
    template gets the mapping it is handed and what the context processors add, nothing
    else (see `django_context`)."""
    served: bool = False
    """A Flask view returns the rendered text as its response body, as it is or written
    into a string it returns (`"<pre>%s</pre>" % render_template("report.txt")`): Flask
    sends a returned string as `text/html`, so the page is HTML whatever the template
    holds (see `extract_renders.served_as_page`)."""
    wrapper: str = ""
    """For a render through an imported wrapper of Flask's `render_template`
    (`dmutils.flask.timed_render_template`), its qualified name: one of the project's
    own modules is read as a wrapper instead (`extract_wrappers`), and the render is
    dropped."""


@dataclass(frozen=True, slots=True)
class WrapperFact:
    """A project function that renders the template its caller names: it passes one of
    its parameters on to a renderer as the template name and its `**kwargs` (or a dict
    parameter) as the context (`def render(name, **context): return render_template(name,
    site=SITE, **context)`). Calls of it are renders (see `WrapperCallFact`)."""

    function: str
    template: tuple[int, str]
    """(position, name) of the template parameter."""
    context: tuple[int, str]
    """(position, name) of the parameter holding the context (position -1: keyword-only,
    or `**kwargs` when `spread`)."""
    spread: bool
    """The context is the function's `**kwargs`: a caller's keywords are its names."""
    params: tuple[str, ...]
    """Every parameter but `*args` and `**kwargs`: names a caller's keyword binds there."""
    framework: str
    names: tuple[ContextName, ...] = ()
    """The context names the function adds itself."""
    opaque: bool = False
    themed: bool = False
    """It renders through a theme (Flask-Themes2): every theme's copy of the name."""
    passed: tuple[tuple[str, int, str], ...] = ()
    """(context name, position, parameter) for each parameter it passes as it is under a
    name of its own (`render_template(name, title=title, **context)`)."""
    through: str = ""
    """A project function it hands its `**kwargs` on to instead of a renderer (qualified
    name): a wrapper if that one is (`forwarded_wrappers`); "" for a renderer's wrapper."""
    handed: tuple[tuple[str, int, str], ...] = ()
    """(argument key, position, parameter) of each parameter it hands `through`."""


@dataclass(frozen=True, slots=True)
class CallArgument:
    """An argument of a call that may be a wrapper's (see `WrapperCallFact`)."""

    key: str
    """The position (`"0"`), the keyword, or `"**"` for a `**mapping` spread."""
    templates: tuple[str, ...] = ()
    """The template names it holds, when a constant."""
    value: tuple[ContextName, ...] = ()
    """Its value as context names under its key (what a `**kwargs` wrapper makes of a
    keyword)."""
    names: tuple[ContextName, ...] = ()
    """The keys of the mapping it holds (what a dict parameter makes of it)."""
    opaque: bool = True
    """The mapping holds keys the source does not show (or it is no mapping)."""


@dataclass(frozen=True, slots=True)
class WrapperCallFact:
    """A call passing a constant template name to a project function, which the project
    step makes a render when that function is a wrapper (`WrapperFact`); or handing it
    the view's `request`, which makes the callee's renders the caller's when no route
    serves the callee (`helper_renders`)."""

    callee: str
    function: str
    location: Location
    arguments: tuple[CallArgument, ...]
    parameters: tuple[str, ...] = ()
    """The positional parameters of the calling function: a wrapper's render made in a
    helper (`render_page(request, "list.html", q=q)` in `render_list(request, q)`) is
    bound to what the helper's callers pass, as its own renders are."""


CUSTOM_AUTOESCAPE = "custom"
"""A Flask app's `autoescape` webwarden cannot read: a function of its own, a variable."""


@dataclass(frozen=True, slots=True)
class FolderFact:
    """A place templates are loaded from, relative to the project root."""

    kind: str
    """`flask-app`, `flask-blueprint`, `jinja-loader`, `django-dirs`, `django-jinja2-dirs`."""
    candidates: tuple[str, ...]
    """Possible folders (a relative loader path may be relative to the module or the root)."""
    location: Location
    jinja_options: tuple[tuple[str, object], ...] = ()
    """Delimiters and whitespace control of the environment that reads it; for a Flask
    app also `("autoescape", choice)`: True, False, the file endings escaped, or
    `CUSTOM_AUTOESCAPE`."""
    autoescape: object = True
    """The environment's autoescape (True, False, `UNKNOWN`, or `"select"`)."""
    served: tuple[str, ...] = ()
    """For a Flask app or blueprint, the folders its `static_folder` may be: files there
    are sent as they are, never rendered."""


@dataclass(frozen=True, slots=True)
class FilterDefFact:
    """A template filter (or simple tag) the project defines."""

    name: str
    location: Location
    framework: str
    kind: str = "filter"
    """`filter` or `tag`."""
    marks_safe: bool = False
    """It returns its input marked safe (`mark_safe(value)`, `Markup(f"...{value}")`)."""
    marker: str = ""
    """The call that marks it safe, for messages."""
    params: tuple[str, ...] = ()
    """The parameters a template passes values to, in order (a `takes_context` tag's
    context is not one)."""
    raw: tuple[str, ...] = ()
    """The parameters whose value reaches the marked output unescaped."""
    raw_options: tuple[str, ...] | None = None
    """For a Django filter that escapes or cleans its input unless its argument says
    otherwise (`{{ text|markdown:"safe" }}` skipping the `bleach.clean` of `{{
    text|markdown }}`): the literals of the argument under which it marks the input
    unescaped; None when its argument decides nothing of the kind
    (`model/templates/option_gates`)."""
    clean_options: tuple[str, ...] | None = None
    """For a Django filter that marks its input unescaped unless its argument says
    otherwise (`{{ text|markdown:True }}` escaping what `{{ text|markdown }}` leaves
    raw): the literals of the argument, as Python writes them (`True`, `'escape'`),
    under which it marks nothing unescaped; None when there are none."""
    clean_setting: str = ""
    """A Django setting under which the definition marks nothing unescaped (`if
    settings.MARKDOWN_SANITIZE: html = bleach.clean(html)`); "" when there is none
    (`model/templates/setting_gates`)."""
    escapes_output: bool = False
    """A Django filter whose result Django escapes: registered without `is_safe` or
    `needs_autoescape`, it marks nothing safe and returns no parameter as given, so a
    `|safe` before it (`{{ code|safe|country_name }}`) is undone."""
    cleans_output: bool = False
    """Every value it returns is HTML it cleaned or escaped (`bleach.clean(html)`), or
    `None`: a `|safe` after it (`{{ bio|markdown_clean|safe }}`) marks cleaned HTML."""
    script_safe: bool = False
    """Every value it returns is safe to write into JavaScript: its input encoded with
    `escapejs` inside a quoted string of its own text (`'JSON.parse("%s")' %
    escapejs(data)`), JSON with `<`, `>` and `&` escaped, or only its own literals and
    numbers."""
    url_encodes: bool = False
    """A filter every `return` of which percent-encodes its input with nothing kept as it
    is (`return urllib.parse.quote_plus(text).lower()`: `model/templates/url_filters`)."""
    number_items: bool = False
    """A filter every `return` of which gives a sequence of whole numbers (`return
    paginator.page_range`, `return [n for n in range(a, b)][:size]`): a template's loop
    over its result binds a number (`model/templates/number_lists`)."""
    returns_of: str = ""
    """The qualified function whose result each of its other returns gives
    (`return render_markdown(text)`), judged where that function is defined."""
    builds_url: bool = False
    """A filter every value of which, when it returns one, is a URL the framework built
    (`return reverse(route, args=(obj.pk,))`) or text beginning with a path of this site
    written in the code (`return "/search?q=" + quote(term)`): a path of this site."""
    configuration: bool = False
    """A simple tag every `return` of which gives a constant or configuration
    (`return settings.DOCS_URL`): what its `{% tag as name %}` sets is the operator's or
    the author's text."""
    through: tuple[str, ...] = ()
    """The methods whose results are all it marks safe of its input
    (`mark_safe("".join(admin.get_tree_rows(request, pages)))`): it marks nothing
    unescaped when every method of the project so named returns escaped or rendered
    HTML."""
    renders: tuple[str, ...] = ()
    """For a tag: the templates it renders (an inclusion tag's, or the one a simple tag
    loads by a constant or a parameter's default: `get_template(template)`)."""
    marks_file_of: str = ""
    """The qualified function whose result is all it marks safe (`mark_safe(
    load_icon(name).decode())`): nothing of its input when that function returns a
    file's content (`TemplateModel.file_readers`)."""
    reserialises: bool = False
    """A filter every `return` of which gives its input as it came, or text BeautifulSoup
    wrote of elements parsed from it alone (`" ".join(str(p) for p in soup.find_all("p"))`):
    it adds no markup to what it is given (`model/templates/reserialised`)."""
    returns_given: tuple[str, ...] = ()
    """How it hands its parameters to the function `returns_of` names, as `slot=param`
    (`0=value` for `return markdownit(value)`, `text=value` for a keyword): which of
    them reach that function's marked output when it marks its input safe."""
    marked_in: MarkingFunction | None = None
    """The function of another module whose result it returns, marked safe there
    (`markdownit` returning `Markup(md.render(content))`), when that is how it marks
    its input safe (set with every module read, see `marking_helpers`)."""
    function: str = ""
    """The qualified name of the module-level function registered (for what its
    returned text is made of, see `output_parts`); "" for a nested one."""


@dataclass(frozen=True, slots=True)
class MarkingFunction:
    """A top-level function returning its input marked safe unescaped (`def
    markdownit(content): return Markup(md.render(content))`), which a template filter of
    another module may hand its input to."""

    name: str
    location: Location
    marker: str
    """The call that marks it safe (`Markup(...)`)."""
    params: tuple[str, ...]
    """Its positional parameters, in order."""
    raw: tuple[str, ...]
    """The parameters whose value reaches the marked output unescaped."""


@dataclass(frozen=True, slots=True)
class TemplatesSetting:
    """One entry of a Django `TEMPLATES` setting."""

    backend: str
    location: Location
    dirs: tuple[tuple[str, ...], ...] = ()
    """Each DIRS entry's candidate folders."""
    app_dirs: bool = False
    autoescape: object = True
    autoescape_location: Location | None = None
    context_processors: tuple[str, ...] = ()
    """The dotted names of its `OPTIONS["context_processors"]`, when a list of strings."""
    processors_told: bool = True
    """Whether its `OPTIONS` (a dict display, or none) lists its processors as string
    literals the source shows, or names none."""
    name: str = ""
    """Its `NAME`, when a string literal."""
    environment: str = ""
    """The dotted name its `OPTIONS["environment"]` gives (a Jinja2 backend's), when a string."""

    @property
    def alias(self) -> str:
        """The alias `django.template.engines` knows it by: its `NAME`, else the name of
        its backend's module (`jinja2` for `django.template.backends.jinja2.Jinja2`)."""
        parts = self.backend.rsplit(".", 2)
        return self.name or (parts[-2] if len(parts) > 1 else "")


@dataclass(frozen=True, slots=True)
class ContextClassFact:
    """A class of a module that other modules' class-based views may derive from: the
    names its own `get_context_data` adds, and its bases (qualified names)."""

    cls: str
    bases: tuple[str, ...]
    context: tuple[ContextName, ...] = ()
    opaque: bool = False


@dataclass(frozen=True, slots=True)
class PythonTemplateFacts:
    """What one Python module tells the template model."""

    renders: tuple[RenderFact, ...] = ()
    context_classes: tuple[ContextClassFact, ...] = ()
    """Its classes with a base, for the context a view of another module inherits (see
    `inherited_context`)."""
    folders: tuple[FolderFact, ...] = ()
    filters: tuple[FilterDefFact, ...] = ()
    templates_settings: tuple[TemplatesSetting, ...] = ()
    csrf_middleware: bool | None = None
    """Whether a `MIDDLEWARE` list here includes `CsrfViewMiddleware` (None: no list)."""
    markup_attributes: tuple[tuple[str, bool], ...] = ()
    """Attributes its classes define, each with whether it is HTML their code escaped
    (a property returning `format_html(...)`; see `markup_methods`) or a model field
    that cleans it (`BleachField()`; see `sanitised_fields`)."""
    class_markup: tuple[tuple[str, str, bool], ...] = ()
    """The same, class by class: (class name, attribute, whether it is such HTML)."""
    rich_text_attributes: tuple[str, ...] = ()
    """Those of them that are Mezzanine's rich text field, declared or inherited from its
    `RichText` mixin: cleaned as the `RICHTEXT_FILTER_LEVEL` setting says."""
    cms_text_attributes: tuple[str, ...] = ()
    """Those of them that are django CMS's text fields (`HTMLField()`): cleaned as the
    `TEXT_HTML_SANITIZE` setting says."""
    wrappers: tuple[WrapperFact, ...] = ()
    wrapper_calls: tuple[WrapperCallFact, ...] = ()
    highlight_encoders: tuple[str, ...] = ()
    """The encoder each Elasticsearch highlight set-up here names (see `search_highlights`)."""
    config_globals: tuple[tuple[str, bool], ...] = ()
    """Jinja globals it sets, each with whether the value is configuration (see
    `env_globals`)."""
    html_functions: tuple[str, ...] = ()
    """Its top-level functions every `return` of which gives HTML they cleaned or escaped
    (`return bleach.clean(markdown(text))`)."""
    request_attributes: tuple[tuple[str, bool], ...] = ()
    """Attributes it sets on the request, each with whether the value is one the code
    wrote (see `request_attributes`)."""
    file_readers: tuple[str, ...] = ()
    """Its top-level functions every `return` of which is a file's content read there
    (see `file_globals`)."""
    global_functions: tuple[tuple[str, str], ...] = ()
    """Jinja globals it sets to a function, each with the function's qualified name."""
    layout_templates: tuple[str, ...] = ()
    """Template names it gives django-crispy-forms layout objects (see `layout_objects`)."""
    markup_renderers: tuple[tuple[str, bool], ...] = ()
    """Whether each django-markupfield renderer it sets up cleans its HTML, by the field
    it renders ("": every field without choices of its own; see `markup_renderers`)."""
    number_attributes: tuple[str, ...] = ()
    """Attributes its classes define as model fields holding a number
    (`models.IntegerField()`; see `number_fields`)."""
    other_attributes: tuple[str, ...] = ()
    """The other attributes its classes define (see `number_fields`)."""
    field_classes: tuple[tuple[str, tuple[str, ...], bool, bool], ...] = ()
    """Its top-level classes derived from a class named like a field, with their bases
    (see `field_subclasses`)."""
    field_uses: tuple[tuple[str, str, str], ...] = ()
    """Attributes its classes assign a field class webwarden does not know, which may be
    the project's own subclass of a cleaning field (see `field_subclasses`)."""
    url_attributes: tuple[tuple[str, bool, tuple[str, ...], bool], ...] = ()
    """Attributes named like URLs its classes define, each with whether every value it
    returns is a URL the framework built (`return reverse(...)`) or one of the methods
    it hands on returns, and whether every value it returns begins with text fixing the
    scheme (see `url_methods`)."""
    url_functions: tuple[str, ...] = ()
    """Its top-level functions whose every `return` gives a URL the framework built (see
    `url_methods.url_functions`)."""
    markup_fields: tuple[tuple[str, str, bool | None], ...] = ()
    """The django-markupfield fields its classes declare, as (class, field, whether its
    own renderers clean their HTML; None: it has none, the setting's render it)."""
    digest_functions: tuple[str, ...] = ()
    """Its top-level functions every `return` of which is a digest's hex digits or a
    number (see `digest_globals`)."""
    escaped_functions: tuple[str, ...] = ()
    """Its top-level functions every `return` of which is markup that escaped what it
    was handed, and `name[key]` for the keys of the dicts some return so (see
    `escaped_globals`)."""
    manifest_functions: tuple[str, ...] = ()
    """Its top-level functions every `return` of which is made of their arguments,
    literals, configuration and a file configuration names (see `manifest_globals`)."""
    named_processors: tuple[tuple[str, str, bool], ...] = ()
    """(function, name, configuration) of what its functions would give every template
    as Django context processors a `TEMPLATES` setting names (see
    `named_processor_globals`)."""
    flashes: tuple[bool, ...] = ()
    """For each `flash()` call, whether what it is given is the author's text (see
    `flashed`)."""
    class_methods: tuple[tuple[str, bool], ...] = ()
    """The methods of its top-level classes (`Class.method`), each with whether every
    `return` of it gives HTML safe to mark safe (see `markup_methods.class_methods`)."""
    marking_functions: tuple[MarkingFunction, ...] = ()
    """Its top-level functions returning their input marked safe (see
    `marking_helpers`)."""
    number_functions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Its top-level functions every `return` of which gives an inert value, each with
    the project's functions that holds only if they do too (see `number_functions`)."""
    configured_functions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Its top-level functions every `return` of which gives configuration, each with
    the project's functions that holds only if they do too (see `configured_functions`)."""
    processor_attributes: tuple[tuple[str, str], ...] = ()
    """Names its context processors return, each with the attribute its value reads, ""
    for another value (see `env_globals.context_processor_attributes`)."""
    path_readers: tuple[str, ...] = ()
    """Its top-level functions every `return` of which is `None` or the content of the
    file their parameters name (see `path_readers`)."""
    processor_file_reads: tuple[tuple[str, str], ...] = ()
    """Names its context processors return as what a function of the project gives
    paths of configuration, with that function (see `env_globals`)."""
    gettext_styles: tuple[str, ...] = ()
    """How each install of Jinja's i18n gettext it makes sets the style: newstyle or
    plain (see `gettext_styles`)."""
    output_summaries: tuple[OutputSummary, ...] = ()
    """What the text each of its top-level functions returns is made of, where it is
    made of inert text, parameters and calls of the project's functions (see
    `output_parts`)."""


@dataclass(frozen=True, slots=True)
class OutputFact:
    """One `{{ ... }}` of a template."""

    line: int
    column: int
    path: str
    """The variable it starts with, through loop and `with` aliases (`items.name`)."""
    filters: tuple[str, ...]
    where: str
    """The HTML context (`text`, `attribute`, `script`, ...)."""
    attribute: str = ""
    escape_off: bool = False
    names: tuple[str, ...] = ()
    """Every variable it reads, through aliases (`Markup(bio)` reads `bio`)."""
    returned: bool = False
    """It starts with what a call returns (`profile_url(user)`), not with what the call
    is given."""
    block: str = ""
    """The innermost `{% block %}` it is written in ("" for none): in a template that
    extends another, the base decides where the block's content lands (`blocks`)."""
    given: tuple[str, ...] = ()
    """Variables it reads only as arguments of filters that never begin their result
    with an argument (`'#'|urlparams(q=query)`): they do not decide how it begins."""
    loop_filter: str = ""
    """For a loop's name written alone, the filter the loop is over the result of (`{%
    for i in pages|paginate:number %}`, `ParsedTemplate.loop_filters`)."""
    tag_gates: tuple[str, ...] = ()
    """The tags an `{% if %}` around it requires the Django message it reads to carry
    (`{% if 'safe' in message.tags %}`, see `message_gates`)."""
    built_url: bool = False
    """It is exactly a URL Flask's `url_for` builds, written where Werkzeug's quoting keeps
    it inside (`built_urls.writes_built_url`)."""
    url_fits: bool = False
    """It is written where a URL Flask's `url_for` built stays inside unescaped, whatever
    the output is (`built_urls.built_url_fits`): page text, a double-quoted attribute."""


@dataclass(frozen=True, slots=True)
class FilterUseFact:
    """A filter (or a tag) used in a template, for custom-filter rules."""

    name: str
    line: int
    column: int
    path: str
    kind: str = "filter"
    where: str = "text"
    arguments: tuple[str, ...] = ()
    """Variables passed to it (a Django filter argument, a tag's arguments)."""
    slots: tuple[str, ...] | None = None
    """A Django tag's arguments in order: a variable's path, "" for a literal, and
    `name=path` for a keyword argument (None: not known)."""
    binds: str = ""
    """The variable a Django tag's `as name` ending sets ("" for none)."""
    called: str = ""
    """The name a Jinja filter's operand is exactly a call of (`govukButton` of
    `govukButton({...})|safe`, `forms.field` of `forms.field(f)|safe`), else ""."""
    item_of: tuple[str, str] = ("", "")
    """The name a Jinja filter's operand is a call of, and the key of the item it reads
    of the result (`("button", "display")` of `button(x)["display"]|safe`; `("button",
    "")` of `button(x)|safe`; `("", "")` for anything else)."""
    then: tuple[str, ...] = ()
    """The filters the output applies to its result (`nh3` after `links` in
    `{{ x|links|nh3 }}`)."""
    before: tuple[str, ...] = ()
    """The filters applied to the operand before this one (`escape` and `linebreaksbr`
    in `{{ x|escape|linebreaksbr|mentions }}`)."""
    names: tuple[str, ...] = ()
    """Jinja: every variable the operand reads (`name` of `"<b>{}</b>".format(name)|safe`
    in a `{% with %}`, whose `path` is "": the operand starts with a literal)."""
    constant: str | None = None
    """The literal a Django filter is given, as written (`"safe"` with its quotes, of
    `x|markdown:"safe"`); None when it is given none or a variable."""
    operand: str = ""
    """A filter's whole operand when it is a dotted variable, as `path` reads its root
    (`events.created_on` of `event.created_on|timedate` in a loop over `events`), else ""."""


@dataclass(frozen=True, slots=True)
class FormFact:
    """A `<form>` of a template."""

    line: int
    column: int
    method: str
    """`post`, `get`, or `dynamic` when a template output decides it."""
    action: str | None
    token: bool
    """A CSRF token is written inside (`{% csrf_token %}`, `form.hidden_tag()`, ...)."""
    includes: tuple[str, ...] = ()
    """Templates included inside the form (they may write the token)."""
    macros: tuple[str, ...] = ()
    """Macros or functions called inside the form (`render_form(form)`)."""
    end_line: int = 0
    target: str = ""
    """Where it posts: `path:/orders/1/`, `route:cancel-order` (`{% url %}`),
    `endpoint:notes` (`url_for`), `self` (no action: back to the page's own view), or ""."""
    controls: bool = True
    """It holds a control (`<input>`, `<button>`, `<select>`, `<textarea>`) or something
    that may write one (an output, an include, a block, a tag of a library), or the
    template places a control into a form by its `form` attribute."""
    unsubmittable: bool = False
    """The browser cannot submit it, and a script sends what it holds: a button whose
    click a script takes (`type="button"`), no submit button (each `<button>` is
    `type="button"` or `"reset"`, no `<input type="submit">` or `"image"`), and either no field Enter
    may submit it from or two or more text fields, which keep Enter from submitting a form
    without a submit button (HTML's implicit submission), and nothing inside that may write
    another control, nor one placed into a form by its `form` attribute. A dialog whose
    fields a script reads (`$("#new").find("input[name=url]").val()`) and sends itself."""
    macro_sources: tuple[tuple[str, str], ...] = ()
    """(template as the import names it, "" for this one; macro) of each Jinja macro
    called inside that the template imports or defines (`page_footer` after `{% from
    "components/page-footer.html" import page_footer %}`)."""
    relayed: bool = False
    """It posts to a URL a template output gives whole (`action="{{ payment.url }}"`)
    the fields the view handed it: hidden inputs alone, each named by an output too
    (`{% for key, value in fields.items %}<input type="hidden" name="{{ key }}" ...>`)
    or holding an output whole in a field a sign-on protocol names (`SAMLResponse`),
    and nothing else inside that may write a control (an include, a library tag, an
    output outside those inputs' attributes). A payment gateway's signed request, a
    SAML or OAuth `form_post` response: the view chose where it goes and every field."""


@dataclass(frozen=True, slots=True)
class IncludeSiteFact:
    """A template's `{% include "name" %}` and the names it hands the included template
    as its author's own text (see `include_sites`)."""

    name: str
    line: int
    authored: tuple[str, ...] = ()
    """Names the included template reads as the includer's literals or translations of
    its own messages (`with title="Save"`, a `{% blocktrans asvar text %}` before)."""
    only: bool = False
    """`only`: the included template sees the `with` names alone."""
    given: tuple[str, ...] = ()
    """The names the `with` clause sets."""
    rebound: tuple[str, ...] = ()
    """Names the including template binds itself other than to its author's text."""
    includer: str = ""
    """The including template (set by the project step)."""
    read: bool = True
    """The names it binds were read (False for Jinja's, which `{% set %}` may bind)."""
    loops: tuple[tuple[str, str], ...] = ()
    """Names a Django `{% for %}` around the include binds, which no other tag of the
    includer binds, and the variable each goes over (`resource` -> `resources.values`)."""
    sources: tuple[tuple[str, str], ...] = ()
    """Names the `with` clause sets to a variable of the includer, and that variable as
    the includer's context holds it, through its loops and `with` names (`message` ->
    `messages` of `{% for message in messages %}{% include "alert.html" with
    message=message %}`)."""

    def hands_authored(self, name: str) -> bool:
        """Whether the included template's `name` is the author's text here (a name
        `only` leaves unset writes nothing)."""
        return name in self.authored or (self.only and name not in self.given)

    def hands_through(self, name: str) -> bool:
        """Whether the included template's `name` is what the including template was
        given: neither the include nor the includer binds it."""
        return self.read and not self.only and name not in self.given + self.rebound

    def loop_source(self, name: str) -> str | None:
        """The includer's variable whose items the included template's `name` holds: a
        loop around the include binds it and the include hands it on as it is there."""
        if self.only or name in self.given:
            return None
        return dict(self.loops).get(name)

    def handed_from(self, name: str) -> str | None:
        """The includer's variable the included template's `name` holds an item of, or
        is: the loop's variable it hands on (`loop_source`) or the one its `with` sets
        the name to (`sources`)."""
        return dict(self.sources).get(name) or self.loop_source(name)


@dataclass(frozen=True, slots=True)
class MacroFact:
    """A Jinja macro the template defines: `{% macro focus(location="body") %}`."""

    name: str
    params: tuple[str, ...]
    literal_when_omitted: tuple[str, ...]
    """Parameters a call may leave out and still give a literal: those with a literal
    default, and those with none (Jinja makes them undefined, which writes nothing)."""
    line: int
    end_line: int
    """The line of its `{% endmacro %}`."""
    writes_token: bool = False
    """Its body writes a CSRF token (`<input name="csrf_token" value="{{ csrf_token() }}">`)."""


@dataclass(frozen=True, slots=True)
class MacroCallFact:
    """A call of a macro in the template: `{{ lib.focus(".modal") }}` after `{% import
    "lib.html" as lib %}`, or of one the template defines itself."""

    source: str
    """The template the macro is imported from, as the import names it ("": this one)."""
    macro: str
    literal_positions: tuple[bool, ...] = ()
    """For each positional argument, whether it is a literal (a string, a number,
    `true`, `false` or `none`, or a name the template sets only to a literal, before the
    call: `{% set sep = "<td>" %}`; or a dict, list or tuple of such literals alone)."""
    literal_keywords: tuple[tuple[str, bool], ...] = ()
    unknown: bool = False
    """The arguments could not all be read (`*args`, Jinja-only syntax)."""
    built_urls: tuple[str, ...] = ()
    """The arguments that are a URL the app builds (`url_for(...)`, which percent-encodes
    what it fills in): `#` and the position, or the keyword."""
    macro_outputs: tuple[str, ...] = ()
    """The arguments that are what a macro call returns (`facet_items(item.children)`, or
    a name the template sets only to such calls and literals: `macros.macro_outputs`),
    `Markup` the macro's autoescape rendered: `#` and the position, or the keyword."""
    spread_keywords: bool = False
    """The call spreads a mapping into keywords (`**kwargs`): a parameter it does not
    give by position may come from it."""
    declared_fields: tuple[str, ...] = ()
    """The arguments that are a field a form declares (`form.first_name`, `login_form.
    email`; not a name a loop binds to a subfield): `#` and the position, or the keyword."""


@dataclass(frozen=True, slots=True)
class TemplateFacts:
    """What one template file tells the project step."""

    dialect: str
    is_html: bool
    extends: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()
    """Templates it includes or imports (constant names only)."""
    outputs: tuple[OutputFact, ...] = ()
    filters: tuple[FilterUseFact, ...] = ()
    forms: tuple[FormFact, ...] = ()
    writes_token: bool = False
    """It writes a CSRF token somewhere (an include or macro that forms rely on)."""
    page_token: bool = False
    """It writes a CSRF token outside every form and HTML comment: a token on the page
    for its script to send (Django's way for a script when the token's cookie is not
    readable: `{% csrf_token %}`, then `querySelector("[name=csrfmiddlewaretoken]")`); or
    its script sends a CSRF token header (`headers: {"X-CSRF-Token": getCookie(...)}`)."""
    markup: bool = True
    """It holds HTML tags; a template of plain text (a message's subject, an SMS) none."""
    mail: bool = False
    """It is a mail's body by itself (`mail.mail_document`): kept in a mail folder, or
    carrying Outlook's markup."""
    macros: tuple[MacroFact, ...] = ()
    macro_calls: tuple[MacroCallFact, ...] = ()
    include_sites: tuple[IncludeSiteFact, ...] = ()
    bound: tuple[str, ...] = ()
    """The names its tags may bind themselves (`include_sites.bound_names`)."""
    macro_names: tuple[str, ...] = ()
    """The names it binds to macros: those it defines, each name of a `from ... import`,
    and `lib.*` for `import ... as lib`."""
    blocks: tuple[tuple[str, str], ...] = ()
    """Its `{% block %}` tags: (name, where the block's content lands here: `text`,
    `attribute`, `script`, ...)."""
    external_links: tuple[tuple[int, str], ...] = ()
    """Jinja: (line, the expression or tag) of each `url_for(..., _external=True)`, an
    absolute URL Flask builds on the request's host."""


fast_pickling(globals())
