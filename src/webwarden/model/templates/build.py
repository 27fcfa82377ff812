"""The template model of a project: folders, templates, the views that render them.

Built in the project step from per-file facts only. A view's render is linked to the
template file its name resolves to (the nearest of the project's template folders),
then through `{% extends %}` and `{% include %}` to every template that render also
writes, so a variable used in `base.html` is known to come from the view that renders
`page.html`.
"""

from __future__ import annotations

import dataclasses
import functools
import posixpath
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from webwarden.analysis.taint.specs import SERVER_KEYS
from webwarden.findings import Location
from webwarden.model.project import ModuleSummary
from webwarden.model.templates.class_tables import display_method
from webwarden.model.templates.django_context import CONFIGURATION_PROCESSORS, processor_names
from webwarden.model.templates.env_globals import FLASK_CONTEXT, UNTOLD_GLOBALS
from webwarden.model.templates.extract import FACTS
from webwarden.model.templates.extract_wrappers import forwarded_wrappers, wrapped_renders
from webwarden.model.templates.facts import (
    RAW_FORM_PARTS,
    ContextClassFact,
    ContextName,
    FilterDefFact,
    FolderFact,
    MacroCallFact,
    MacroFact,
    MarkingFunction,
    OutputFact,
    PythonTemplateFacts,
    RenderFact,
    TemplateFacts,
    TemplatesSetting,
    WrapperCallFact,
    WrapperFact,
)
from webwarden.model.templates.feeds import DJANGO_DATA, FLASK_DATA, PAGE_HEADERS
from webwarden.model.templates.field_subclasses import FieldUse, sanitising_attributes
from webwarden.model.templates.gettext_styles import NEWSTYLE
from webwarden.model.templates.includes import IncludeGraph
from webwarden.model.templates.inherited_context import inherited_contexts
from webwarden.model.templates.layout_objects import layout_markup, markup_in, matches
from webwarden.model.templates.macros import macro_source
from webwarden.model.templates.marking_helpers import resolve_marking
from webwarden.model.templates.method_index import ModuleMethods
from webwarden.model.templates.name_patterns import MAX_MATCHES, is_pattern, matched_tail
from webwarden.model.templates.number_fields import (
    DATE_MARK,
    POINT_COORDINATES,
    POINT_MARK,
    number_field_attributes,
)
from webwarden.model.templates.number_functions import settle
from webwarden.model.templates.output_parts import OutputSummary, raw_parameters
from webwarden.model.templates.returned_items import returned_item
from webwarden.model.templates.safe_marking import SANITISER_NAME
from webwarden.parse.templates import Dialect

_MAX_CHAIN = 12
_MAX_REEXPORTS = 4


@dataclass(frozen=True, slots=True)
class Link:
    """A render that writes a template, directly or through extends/include."""

    render: RenderFact
    template: str
    chain: tuple[str, ...]
    """Template paths from the one rendered to this one (itself last)."""


@dataclass(frozen=True, slots=True)
class Feed:
    """An output's variable fed from request data."""

    source: str
    location: Location | None
    link: Link | None = None
    name: ContextName | None = None
    safe_for: frozenset[str] = frozenset()
    """The sink kinds the value is safe for (the context name's, or a request URL's)."""
    approx: bool = False
    """Fed only through a call webwarden does not model (see `ContextName.approx`)."""


_PAGE_PATHS = frozenset(
    {"path", "path_info", "get_full_path", "full_path", "referrer", "build_absolute_uri"}
)
_URL_KINDS = frozenset({"url"})


def _page_url(attribute: str, key: str) -> bool:
    """`request.path`, `request.get_full_path`, the `Referer` a browser sends (or htmx's
    `HX-Current-URL`): this site's own path, or the page the user came from or is on;
    never a `javascript:` URL. So is
    `{{ request.build_absolute_uri }}`, which a Django template calls with no location:
    the page's own URL after the request's scheme and host."""
    if attribute in ("META", "environ", "headers"):
        return key.lower().replace("-", "_") in PAGE_HEADERS
    return attribute in _PAGE_PATHS


@dataclass(slots=True)
class TemplateModel:
    """Every template of the project and how views reach them."""

    files: dict[str, TemplateFacts] = field(default_factory=dict)
    folders: list[FolderFact] = field(default_factory=list)
    renders: list[RenderFact] = field(default_factory=list)
    filters: dict[str, list[FilterDefFact]] = field(default_factory=dict)
    settings: list[TemplatesSetting] = field(default_factory=list)
    csrf_middleware: bool | None = None
    forge_proof_views: frozenset[str] = frozenset()
    """Views (qualified names of functions, and of Django's class-based views) that refuse
    a POST without the app's CSRF token before they run (see `model.flask.forged_posts`
    and `model.django.forged_posts`): what they read from the posted body is the
    visitor's own input, which another site cannot send."""
    script_only_views: frozenset[str] = frozenset()
    """Django views that refuse first every request without a header only a script sends
    (`X-Requested-With`, a token `Authorization`; see `model.django.forged_posts`): what
    they read from the request is what the site's own script sent, and the page they
    render is not one another site can make the browser show."""
    markup_attributes: dict[str, bool] = field(default_factory=dict)
    """Attribute name -> whether every class attribute so named is HTML its code escaped."""
    class_markup: dict[str, dict[str, bool]] = field(default_factory=dict)
    """Qualified class name -> attribute -> whether the class's attribute is such HTML."""
    class_origins: dict[str, str] = field(default_factory=dict)
    """`module.name` -> what the module imports under that name, when some view hands a
    template a row of a model (see `row_markup`)."""
    untyped_attributes: set[str] = field(default_factory=set)
    """Attribute names a class's own verdict does not settle: library fields whose
    settings turn their cleaning off (see `rich_text_level`), and fields of a class of
    the project's, judged over every use of the name (see `field_subclasses`)."""
    rich_text_attributes: set[str] = field(default_factory=set)
    """Attribute names some class declares as Mezzanine's rich text field, cleaned only
    at the filter levels of its settings (see `rich_text_level`)."""
    cms_text_attributes: set[str] = field(default_factory=set)
    """Attribute names some class declares as django CMS's text field, cleaned only
    when its settings leave its sanitiser on (see `rich_text_level`)."""
    number_attributes: dict[str, bool] = field(default_factory=dict)
    """Attribute name -> whether every class attribute so named is a number model field
    (only those that are: absent is not)."""
    number_functions: frozenset[str] = frozenset()
    """The project's functions (qualified names) that return only inert values (see
    `number_functions`)."""
    configured_functions: frozenset[str] = frozenset()
    """The project's functions (qualified names) that return only configuration (see
    `configured_functions`)."""
    point_attributes: dict[str, bool] = field(default_factory=dict)
    """Attribute name -> whether every class attribute so named is a GeoDjango
    `PointField` (see `number_fields.POINT_MARK`)."""
    date_attributes: dict[str, bool] = field(default_factory=dict)
    """Attribute name -> whether every class attribute so named holds a date (see
    `number_fields.DATE_MARK`)."""
    url_attributes: dict[str, bool] = field(default_factory=dict)
    """Attribute name (one named like a URL) -> whether every class attribute so named is
    a method returning a URL the framework built."""
    fixed_scheme_attributes: dict[str, bool] = field(default_factory=dict)
    """Attribute name (one named like a URL) -> whether every class attribute so named is
    a method returning a URL whose scheme the developer's text fixes (a built one too)."""
    highlight_encoders: set[str] = field(default_factory=set)
    """The encoders the project's Elasticsearch (and Whoosh) highlight set-ups name."""
    processor_attributes: dict[str, set[str]] = field(default_factory=dict)
    """Context processor name -> the attributes its values read ("" for another value)."""
    config_globals: dict[str, bool] = field(default_factory=dict)
    """Jinja global name -> whether every value the project sets it to is configuration
    (for Flask-Menu's `current_menu`: every entry text it registers is fixed at set-up)."""
    url_functions: set[str] = field(default_factory=set)
    """Qualified top-level functions of the project whose every `return` gives a URL the
    framework built (see `url_methods.url_functions`)."""
    html_functions: set[str] = field(default_factory=set)
    """Qualified top-level functions of the project that return cleaned or escaped HTML."""
    class_methods: ModuleMethods = field(default_factory=ModuleMethods)
    """Qualified `Class.method` of the project's top-level classes -> whether every
    `return` of it gives HTML safe to mark safe."""
    markup_renderers: dict[str, bool] = field(default_factory=dict)
    """Field name ("": the `MARKUP_FIELD_TYPES` setting) -> whether every
    django-markupfield renderer the project gives it cleans its HTML."""
    markup_fields: dict[tuple[str, str], set[bool | None]] = field(default_factory=dict)
    """(field name, its model's name in lower case) -> whether the field's own renderers
    clean their HTML (None: it has none, the setting's render it), for each declaration."""
    request_attributes: dict[str, bool] = field(default_factory=dict)
    """Attribute set on the request -> whether every value the project sets it to is one
    its code wrote."""
    file_readers: set[str] = field(default_factory=set)
    manifest_functions: set[str] = field(default_factory=set)
    """Qualified top-level functions of the project whose result is made of their
    arguments, literals, configuration and a file it names (see `manifest_globals`)."""
    digest_functions: set[str] = field(default_factory=set)
    """Qualified top-level functions of the project that return a file's content."""
    escaped_functions: set[str] = field(default_factory=set)
    """Qualified top-level functions of the project whose result is markup that escaped
    what it was handed, and `function[key]` for a dict's escaped item (see
    `escaped_globals`)."""
    flashes: list[bool] = field(default_factory=list)
    """For each `flash()` call of the project, whether what it is given is the author's
    text (see `flashed`)."""
    global_functions: dict[str, set[str]] = field(default_factory=dict)
    """Jinja global name -> the qualified functions the project sets it to."""
    django_context: frozenset[str] | None = None
    """The names Django's context processors add to every template its shortcuts render,
    beyond those `config_globals` records (None: some processor's cannot be told)."""
    layout_templates: set[str] = field(default_factory=set)
    """Template names the project gives django-crispy-forms layout objects."""
    gettext_styles: set[str] = field(default_factory=set)
    """How the project's installs of Jinja's i18n gettext set its style (see
    `gettext_styles`)."""
    output_summaries: dict[str, OutputSummary] = field(default_factory=dict)
    """Qualified top-level function -> what the text its `return`s give is made of (see
    `output_parts`)."""
    calls: list[WrapperCallFact] = field(default_factory=list)
    """Calls that may reach a wrapper or a helper rendering for its caller."""
    links: dict[str, list[Link]] = field(default_factory=dict)
    unresolved: list[tuple[RenderFact, str]] = field(default_factory=list)
    _named: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)
    """File name -> the template paths ending in it (built on first use)."""
    _named_count: int = field(default=-1, repr=False, compare=False)
    _matching: dict[str, tuple[int, list[str]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Name pattern -> (the number of files then, the templates it matched): `relink`
    links every render again after each fed name the engine marks."""
    _referenced: set[str] | None = field(default=None, repr=False, compare=False)
    """Templates some template of the project extends or includes (built on first use)."""
    _macro_calls: dict[tuple[str, str], list[MacroCallFact]] | None = field(
        default=None, repr=False, compare=False
    )
    """(template, macro) -> the project's calls of it (built on first use)."""
    _includes: IncludeGraph | None = field(default=None, repr=False, compare=False)
    """The project's includes of each template (built on first use)."""

    def resolve(self, name: str, near: str = "") -> str | None:
        """The template file a name loads, seen from the module at `near`. A name
        starting `./` or `../` in a template (Django's relative `{% extends
        "../base_form.html" %}`) is the file beside the template `near`."""
        if name.startswith(("./", "../")) and near:
            relative = posixpath.normpath(posixpath.join(posixpath.dirname(near), name))
            if relative in self.files:
                return relative
        name = name.lstrip("/")
        if self._named_count != len(self.files):
            self._named = {}
            for path in self.files:
                self._named.setdefault(path.rsplit("/", 1)[-1], []).append(path)
            self._named_count = len(self.files)
        candidates = self._named.get(name.rsplit("/", 1)[-1], ())
        found = [p for p in candidates if p == name or p.endswith("/" + name)]
        if not found:
            return None
        in_folders = [p for p in found if self._in_folder(p, name)]
        options = in_folders or found
        return max(options, key=lambda p: (_shared(p, near), -len(p)))

    def themes(self, name: str) -> list[str]:
        """Every template folder's file of that name: one per theme, for a themed render
        (which theme is in use is the app's setting)."""
        self.resolve(name)
        name = name.lstrip("/")
        candidates = self._named.get(name.rsplit("/", 1)[-1], ())
        return [p for p in candidates if p.endswith("/" + name) and self._in_folder(p, name)]

    def matching(self, pattern: str) -> list[str]:
        """The templates a name pattern may load (`letters/*.html`): those in a template
        folder whose path there fits it; none when more than `MAX_MATCHES` do."""
        known = self._matching.get(pattern)
        if known is not None and known[0] == len(self.files):
            return known[1]
        found = [
            relpath
            for relpath in self.files
            if (name := matched_tail(pattern, relpath)) and self._in_folder(relpath, name)
        ]
        matched = sorted(found) if len(found) <= MAX_MATCHES else []
        self._matching[pattern] = (len(self.files), matched)
        return matched

    def _in_folder(self, relpath: str, name: str) -> bool:
        base = relpath[: -len(name)].rstrip("/")
        return any(base in f.candidates for f in self.folders) or base.endswith(
            ("templates", "jinja2")
        )

    def feeds(self, relpath: str, path: str) -> list[Feed]:
        """Where the variable `path` of template `relpath` comes from request data."""
        if not path:
            return []
        root, _, rest = path.partition(".")
        attribute, _, key = rest.partition(".")
        if root == "request" and attribute in FLASK_DATA | DJANGO_DATA:
            if attribute in ("META", "environ") and f"[{key.lower()}]" in SERVER_KEYS:
                return []
            safe = _URL_KINDS if _page_url(attribute, key) else frozenset()
            return [Feed(f"`{path}` in the template", None, safe_for=safe)]
        return [
            Feed(name.source, name.source_location, link, name, name.safe_for, name.approx)
            for link in self.links.get(relpath, ())
            for name in _holders(link.render.context, path)
            if name.source
        ]

    def mark_fed(
        self,
        render_at: Location,
        name: str,
        source: str,
        source_location: Location | None,
        *,
        relink: bool = True,
        safe_for: frozenset[str] = frozenset(),
        approx: bool = False,
    ) -> bool:
        """Record that context `name` of the render at `render_at` carries request data,
        made safe for the sink kinds `safe_for` on its way.

        The hook for the taint engine (issue 5): a flow that reaches a render call's
        context argument marks the name here, beside the local one-function check that
        `extract_renders` does. That check names the source first when it sees one; the
        engine, which follows guards and sanitisers, says what the data is safe for, and
        whether the data got there only through a call it does not model (`approx`).
        Returns whether a render at that location has the name.
        """
        found = False
        at = (render_at.path, render_at.line, render_at.column)
        for index, render in enumerate(self.renders):
            if render.origin is not None and _position(render.origin) == at:
                self.renders[index] = _refined(render, name, safe_for)
                continue
            if _position(render.location) != at:
                continue
            context = tuple(
                c
                if not within(c.name, name) or (c.item and c.name != name)
                else dataclasses.replace(c, safe_for=safe_for, approx=c.approx and approx)
                if c.source
                else dataclasses.replace(
                    c,
                    source=source,
                    source_location=source_location,
                    safe_for=safe_for,
                    approx=approx,
                )
                for c in render.context
            )
            if not any(within(c.name, name) for c in context):
                context = context + _attribute_fed(
                    context, name, source, source_location, safe_for, approx
                )
            found = found or any(within(c.name, name) for c in context)
            self.renders[index] = dataclasses.replace(render, context=context)
        if found and relink:
            self.relink()
        return found

    def relink(self) -> None:
        """Link renders to templates again (after `mark_fed(..., relink=False)` calls)."""
        self.links.clear()
        self.unresolved.clear()
        _link(self)

    def cleaned(self, relpath: str, path: str) -> bool:
        """Whether every render that writes template `relpath` passes the variable `path`
        as HTML the view escaped or cleaned itself (and some render writes it), reaching
        it only through `extends` and Django includes handing the name on as given: an
        `include` may bind the name to another value (`{% include "x.html" with
        body=note.text %}`), and so may the includer (`{% with body=note.text %}`); a loop
        around the include (`{% for body in notes %}`) hands on an item of its variable,
        judged as that variable (`notes`)."""
        return self._passed_as(
            relpath, path, lambda name, _: name.cleaned or self.markup_method(name.returns_of)
        )

    def markup_method(self, candidates: tuple[str, ...]) -> bool:
        """Whether the method that runs of `candidates` (`Class.method` names, nearest
        class first: the first the project defines) returns HTML safe to mark safe."""
        for candidate in candidates:
            markup = self.class_methods.get(candidate)
            if markup is not None:
                return markup
        return False

    def inert(self, relpath: str, path: str) -> bool:
        """Whether every render that writes template `relpath` passes the variable `path`
        as a number, a boolean or a plain word (`render_template("queue.html", target=1)`,
        `kind="tasks"`, or an attribute every class of the project defining it declares a
        number model field: `"restricted": user.restricted`), reaching it as `cleaned`
        asks."""
        return self._passed_as(
            relpath,
            path,
            lambda name, at: (
                self.inert_name(name)
                or (at == name.name and self.number_attributes.get(name.attribute, False))
                or self._inert_returned_item(name, at)
                or self._inert_dict_value(name, at)
            ),
        )

    def quoted_inert(self, relpath: str, path: str) -> bool:
        """Whether every render that writes template `relpath` passes the variable `path`
        itself as a URL parameter that is text inside a quoted JavaScript string
        (`ContextName.quoted_inert`), or as an inert value."""
        return self._passed_as(
            relpath,
            path,
            lambda name, at: at == name.name and (name.quoted_inert or self.inert_name(name)),
        )

    def json_text(self, relpath: str, path: str) -> bool:
        """Whether every render that writes template `relpath` passes the variable `path`
        itself as JSON the view encoded (`"providers": json.dumps(providers)`)."""
        return self._passed_as(relpath, path, lambda name, at: name.json_text and at == name.name)

    def passed_settings(self, relpath: str, path: str) -> frozenset[str]:
        """The Django settings every render that writes template `relpath` passes as the
        variable `path` itself (`"limit": settings.PAGE_SIZE`), reaching it as `cleaned`
        asks; empty when some render passes anything else."""
        found: set[str] = set()

        def setting(name: ContextName, at: str) -> bool:
            found.add(name.setting)
            return bool(name.setting) and at == name.name

        return frozenset(found) if self._passed_as(relpath, path, setting) else frozenset()

    def inert_name(self, name: ContextName) -> bool:
        """Whether the context name holds an inert value: so judged where it was passed,
        or made of calls of the project's functions that return only such values."""
        return name.inert or (
            bool(name.inert_if) and all(f in self.number_functions for f in name.inert_if)
        )

    def _inert_returned_item(self, name: ContextName, at: str) -> bool:
        """Whether `at` reads one key of what a function of the project returns, which
        that function sets only to inert values (`feed_params.start` of `feed_params =
        from_request_get_feed_params(request)`, whose dict holds `int(...)` there)."""
        prefix = f"{name.name}."
        if not name.returned_by or not at.startswith(prefix):
            return False
        key = at.removeprefix(prefix)
        return key.isidentifier() and returned_item(name.returned_by, key) in self.number_functions

    def _inert_dict_value(self, name: ContextName, at: str) -> bool:
        """Whether `at` reads a value of a dict every value of which is inert, as a
        template's loop binds it (`n` of `{% for day, n in by_day.items() %}`, read as
        `by_day.items.#1`, or of `{% for n in by_day.values() %}`), or an item of one
        (`v[0]` of a list of counts), or one key the template names (`by_level.high`; not
        a name of the dict's own methods, `by_level.keys`, which a template may call)."""
        bound = (f"{name.name}.items.#1", f"{name.name}.values")
        key = at.removeprefix(f"{name.name}.") if at.startswith(f"{name.name}.") else ""
        read = key.isidentifier() and not hasattr(dict, key)
        if not read and not any(at == each or at.startswith(f"{each}.") for each in bound):
            return False
        return name.values_inert or (
            bool(name.values_inert_if)
            and all(f in self.number_functions for f in name.values_inert_if)
        )

    def configured(self, relpath: str, path: str) -> bool:
        """Whether every render that writes template `relpath` passes the variable `path`
        as the deployment's configuration (`{"settings": settings}`, so
        `{{ settings.MAIN_DOMAIN }}`), reaching it as `cleaned` asks."""
        return self._passed_as(relpath, path, lambda name, _: self.configured_name(name))

    def configured_name(self, name: ContextName) -> bool:
        """Whether the context name holds configuration: so judged where it was passed,
        or made of calls of the project's functions that return only configuration."""
        return name.configuration or (
            bool(name.configured_if)
            and all(f in self.configured_functions for f in name.configured_if)
        )

    def built_url(self, relpath: str, path: str) -> bool:
        """Whether every render that writes template `relpath` passes the variable `path`
        itself as a URL the framework built (`context["api_url"] = reverse(...)`),
        reaching it as `cleaned` asks."""
        return self._passed_as(relpath, path, lambda name, at: name.built_url and name.name == at)

    def url_builder(self, relpath: str, path: str) -> bool:
        """Whether every render that writes template `relpath` passes the variable `path`
        as a function of the project, uncalled, whose every `return` gives a URL the
        framework built (`ctx["modify_query"] = modify_query`, returning `url_for(...)`):
        what a call of it in the template writes is percent-encoded."""
        return self._passed_as(
            relpath, path, lambda name, at: name.name == at and name.function in self.url_functions
        )

    def renders_form(self, relpath: str, path: str) -> bool:
        """Whether every render that writes template `relpath` passes the variable `path`
        within a form the view made, read as the form renders it (`form`,
        `form.title`, `form.title.errors`), not as the data it holds (`form.title.value`,
        `form.cleaned_data`), reaching it as `cleaned` asks."""
        return self._passed_as(
            relpath,
            path,
            lambda name, at: (
                name.form and not RAW_FORM_PARTS.intersection(at[len(name.name) :].split("."))
            ),
        )

    def _passed_as(self, relpath: str, path: str, kind: Callable[[ContextName, str], bool]) -> bool:
        """Whether every render that writes template `relpath` passes what `path` reads
        as `kind` says (given each name and the path as the rendered template reads it,
        `_path_at_render`), judged by the names holding it (`_holders`: below an item the
        view sets on a dict, `stamps["start"] = int(...)`, that item alone, not the dict
        it was set on)."""
        links = self.links.get(relpath, ())
        if not path or not links:
            return False
        passed = False
        for link in links:
            at = self._path_at_render(link.chain, path)
            if at is None:
                return False
            names = _holders(link.render.context, at)
            if not names and self._left_undefined(link, at.split(".", 1)[0]):
                continue
            if not names or not all(kind(name, at) for name in names):
                return False
            passed = True
        return passed

    def left_unset(self, relpath: str, path: str) -> bool:
        """Whether some render writes template `relpath` and none gives the variable `path`
        a value: each leaves its root undefined (`_left_undefined`), which Jinja and
        Django write as nothing (`{{ banner|safe }}` in a page copied from the login
        page, whose views pass no `banner`), and no tag of the template binds it (a
        macro's parameter, a `{% set %}`, a loop's variable). Every render must be a
        Flask route returning the page it renders."""
        links = self.links.get(relpath, ())
        facts = self.files.get(relpath)
        root = path.split(".", 1)[0]
        if not path or not links or facts is None or root in facts.bound:
            return False
        for link in links:
            # NOTE: only a route's own `return render_template(...)`: a class naming the
            # template (`template_name = ...`) may be rendered with a context it builds.
            if not link.render.served:
                return False
            at = self._path_at_render(link.chain, path)
            if at is None or _holders(link.render.context, at):
                return False
            if not self._left_undefined(link, at.split(".", 1)[0]):
                return False
        return True

    def _left_undefined(self, link: Link, root: str) -> bool:
        """Whether a Flask render that passes no value named `root` leaves it undefined,
        which Jinja writes as nothing (`render_template("login.html")` beside
        `render_template("login.html", msg="Wrong password")`): it renders the template
        itself, showing every name it passes, and nothing else of the project gives one
        so named, neither a Jinja global nor a context processor (none of which returns
        keys no one can tell), nor Flask and its extensions (`request`, `current_user`).
        Likewise a Django shortcut's render (`render(request, "index.html", context)`
        beside another view's render of it passing `flags`), when the names every
        context processor the settings list adds can be told and `root` is none of them
        (see `django_context`): Django writes an unknown variable as nothing."""
        render = link.render
        if (
            render.opaque
            or len(link.chain) != 1
            or root in self.config_globals
            or UNTOLD_GLOBALS in self.config_globals
            or root in self.global_functions
        ):
            return False
        if render.framework == "flask":
            return root not in FLASK_CONTEXT
        return (
            render.framework == "django"
            and render.shortcut
            and self.django_context is not None
            and root not in self.django_context
        )

    def _path_at_render(self, chain: tuple[str, ...], path: str) -> str | None:
        """The variable `path` of the chain's last template as the rendered one (the
        first) holds it, or `None`: each template of the chain is the base the one before
        it extends, or one it includes handing the name on as it was given (a Django `{%
        include %}` whose `with` does not set it, without `only`, in a template that binds
        it nowhere itself: `{% for %}`, `{% with %}`, `as`, gives the included template
        the includer's whole context), or as an item of a variable the includer loops
        over around every include of it (`{% for resource in resources %}{% include
        "box.html" %}`: the box's `resource.title` reads `resources.title`)."""
        for earlier, later in reversed(list(pairwise(chain))):
            facts = self.files.get(earlier)
            if facts is None:
                return None
            if any(self.resolve(n, earlier) == later for n in facts.extends):
                continue
            root, dot, rest = path.partition(".")
            sites = [s for s in facts.include_sites if self.resolve(s.name, earlier) == later]
            if sites and all(site.hands_through(root) for site in sites):
                continue
            sources = {site.loop_source(root) for site in sites}
            source = sources.pop() if len(sources) == 1 else None
            if source is None:
                return None
            path = source + dot + rest
        return path

    @property
    def highlights_escaped(self) -> bool:
        """Whether every Elasticsearch highlight the project sets up has the `html`
        encoder (one at least), Whoosh's with its escaping `HtmlFormatter` counted as one:
        its fragments are escaped text around the project's tags."""
        return self.highlight_encoders == {"html"}

    def markup_rendered_clean(self, field: str, holder: str = "") -> bool:
        """Whether django-markupfield renders the field (by name) with renderers that
        each clean the HTML they make: the field's own `markup_choices=` wherever a field
        of the name has them, else the `MARKUP_FIELD_TYPES` setting, when the project
        sets it. The model of a template's variable is known only by its name: the
        field of a variable named for a model declaring it (`story.content` of `Story`,
        `job_offer.body` of `JobOffer`: Django's `DetailView` names its object after its
        model) is judged by that model's declarations; else a name one field gives raw
        renderers keeps every field of that name raw."""
        renderers = self.markup_renderers
        setting = renderers.get("", False)
        declared = self.markup_fields.get((field, holder.replace("_", "").lower()))
        if holder and declared:
            return all(setting if own is None else own for own in declared)
        return renderers.get(field, setting)

    def escaped_attribute(self, relpath: str, path: str) -> bool:
        """Whether the variable `path` of template `relpath` reads an attribute
        (`image.attribution_link`) that every class of the project defining it builds as
        escaped HTML, and no view rendering the template passes a dict with that key
        (`{"image": {"attribution_link": text}}`)."""
        if self._class_attribute(relpath, path, self.markup_attributes):
            return True
        return self.row_markup(relpath, path)

    def row_markup(self, relpath: str, path: str) -> bool:
        """Whether the variable `path` of template `relpath` reads an attribute of a
        name every view rendering it passes as one row of a model (`{{ event.text }}`
        with `event = get_object_or_404(Event, ...)`) whose class declares it as
        escaped or cleaned HTML (`text = ProseEditorField(sanitize=True)`), whatever
        other classes declare under that name. Not a name some render passes otherwise,
        nor one a render whose context is not known may pass."""
        root, dot, attribute = path.partition(".")
        if not dot or "." in attribute or attribute in self.untyped_attributes:
            return False
        holders: list[str] = []
        for link in self.links.get(relpath, ()):
            given = [name for name in link.render.context if within(name.name, root)]
            if not given and link.render.opaque:
                return False
            if any(name.name != root or not name.row_class for name in given):
                return False
            holders += [name.row_class for name in given]
        return bool(holders) and all(
            self.class_markup.get(_reexported(self.class_origins, each), {}).get(attribute, False)
            for each in holders
        )

    def number_attribute(self, relpath: str, path: str) -> bool:
        """Whether the variable `path` of template `relpath` reads an attribute
        (`settings.default_deposit`) that every class of the project defining it declares
        as a number model field (`models.IntegerField()`) or a method returning only
        counts (`return self.voter_set.count()`), as `escaped_attribute` asks, also as
        the value of a context processor's name (`_number_processor_value`); or a
        coordinate (`place.location.y`) of one every class defining it declares as a
        GeoDjango `PointField`."""
        if self._class_attribute(relpath, path, self.number_attributes):
            return True
        if self._number_processor_value(relpath, path):
            return True
        holder, dot, coordinate = path.rpartition(".")
        if not dot or coordinate not in POINT_COORDINATES:
            return False
        return self._class_attribute(relpath, holder, self.point_attributes)

    def date_attribute(self, relpath: str, path: str) -> bool:
        """Whether the variable `path` of template `relpath` reads an attribute
        (`event.created_on`) that every class of the project defining it declares as a
        date field (`models.DateTimeField()`) or annotates as a date (`time: datetime`),
        as `escaped_attribute` asks: a filter given it gets a date, no text."""
        return self._class_attribute(relpath, path, self.date_attributes)

    def url_attribute(self, relpath: str, path: str, *, scheme_only: bool = False) -> bool:
        """Whether the variable `path` of template `relpath` reads a method
        (`project.get_absolute_url`) every class of the project defining it returns a URL
        the framework built from (`reverse(...)`, `url_for(...)`), percent-encoded; with
        `scheme_only`, or one beginning with text of the developer's that fixes its scheme
        (`"+table/" + self.slug`), which may still hold a space."""
        attributes = self.fixed_scheme_attributes if scheme_only else self.url_attributes
        return self._class_attribute(relpath, path, attributes)

    def _number_processor_value(self, relpath: str, path: str) -> bool:
        """Whether `path` is a name only context processors give, every one of them an
        attribute every class defining it declares a number field (`"site_id":
        config.site_id`), every processor's names are known, and no render passes it."""
        attributes = self.processor_attributes.get(path)
        if not attributes or "" in attributes or UNTOLD_GLOBALS in self.config_globals:
            return False
        if not all(self.number_attributes.get(a, False) for a in attributes):
            return False
        return not self._passed(relpath, path)

    def _class_attribute(self, relpath: str, path: str, attributes: dict[str, bool]) -> bool:
        _, dot, attribute = path.rpartition(".")
        if not (dot and attributes.get(attribute, False)):
            return False
        return not any(
            "." in name.name and within(path, name.name)
            for link in self.links.get(relpath, ())
            for name in link.render.context
        )

    def url_filter(self, name: str) -> bool:
        """Whether the project defines a filter of the name and every definition returns
        a URL the framework built (`FilterDefFact.builds_url`: `{{ obj|admin_change_url
        }}` over `return reverse(...)`)."""
        definitions = self.filters.get(name, [])
        return bool(definitions) and all(d.kind == "filter" and d.builds_url for d in definitions)

    def inert_filter(self, name: str, given: Mapping[str, bool]) -> bool:
        """Whether every filter the project defines under the name returns text made
        only of inert parts and of the arguments the template gives it as literals
        (`given`: each argument by position, `"1"` on, or keyword, with whether it is a
        literal): `{{ email|avatar(16, css_class="round")|safe }}` over a filter writing
        `'<img class="%s" src="%s">' % (css_class, avatar_url(email, size))`, the URL a
        helper builds of a digest of the address; never its input as it came (see
        `output_parts`)."""
        definitions = self.filters.get(name, [])
        return bool(definitions) and all(
            d.kind == "filter" and self._inert_definition(d, given) for d in definitions
        )

    def _inert_definition(self, definition: FilterDefFact, given: Mapping[str, bool]) -> bool:
        summary = self.output_summaries.get(definition.function)
        params = definition.params
        if summary is None or not params:
            return False
        literal: dict[str, bool] = {}
        for key, is_literal in given.items():
            if key.isdigit() and int(key) >= len(params):
                return False  # NOTE: handed to `*args`, which no summary follows
            literal[params[int(key)] if key.isdigit() else key] = is_literal
        # NOTE: the parameters before those a template fills are the engine's (a Jinja
        # context): given, but not as literals.
        engine = [p for p in summary.params if p not in params]
        raw = raw_parameters(
            self.output_summaries, definition.function, {*literal, params[0], *engine}
        )
        if raw is None:
            return False
        return all(
            literal.get(p, False) if p in literal else p != params[0] and p in summary.defaults
            for p in raw
        )

    def cleaning_filter(self, name: str) -> bool:
        """Whether every filter the project defines under the name returns cleaned or
        escaped HTML, itself or through the one function of the project it returns the
        result of (`return to_markdown(text)`, where `to_markdown` returns
        `bleach.clean(...)`), or, when the project defines no filter of the name, it is
        named for cleaning HTML (`sanitize_html`, `bleach_clean`): a library's filter
        (the framework's extension registers it), taken at its word."""
        definitions = self.filters.get(name, [])
        if not definitions:
            return SANITISER_NAME.search(name.lower()) is not None
        return all(d.cleans_output or d.returns_of in self.html_functions for d in definitions)

    def escaped_methods(self, names: tuple[str, ...]) -> bool:
        """Whether the project defines methods of each name, and every one returns
        escaped or rendered HTML (`markup_attributes`), or, for a name it does not
        define, Django generates it to return a choice's label (`get_status_display()`:
        the text of the field's `choices`, which the code's author wrote)."""
        return bool(names) and all(
            self.markup_attributes.get(name, display_method(name)) for name in names
        )

    def script_safe_filter(self, name: str) -> bool:
        """Whether the project defines a filter of the name and every definition returns
        text safe to write into JavaScript (`FilterDefFact.script_safe`)."""
        definitions = self.filters.get(name, [])
        return bool(definitions) and all(d.script_safe for d in definitions)

    def url_encoding_filter(self, relpath: str, name: str) -> bool:
        """Whether filter `name` of template `relpath` percent-encodes: Jinja's
        `urlencode` (which takes no characters to keep; Django's may be given some), or
        a filter the project defines every definition of which percent-encodes
        (`FilterDefFact.url_encodes`)."""
        definitions = self.filters.get(name, [])
        if definitions:
            return all(d.url_encodes for d in definitions)
        facts = self.files.get(relpath)
        return name == "urlencode" and facts is not None and facts.dialect == "jinja"

    def number_list_filter(self, name: str) -> bool:
        """Whether the project defines a filter of the name and every definition returns
        a sequence of whole numbers (`FilterDefFact.number_items`)."""
        definitions = self.filters.get(name, [])
        return bool(definitions) and all(d.number_items for d in definitions)

    def configuration_global(self, relpath: str, path: str) -> bool:
        """Whether the variable `path` of template `relpath` reads a Jinja global the
        project sets only to configuration (`app.jinja_env.globals["version"] =
        version.__version__`) and no render of the template passes a value of that name."""
        root = path.split(".", 1)[0]
        return self._configured_global(path) and not self._passed(relpath, root)

    def _configured_global(self, path: str) -> bool:
        """Whether the longest start of the dotted `path` that a global or a context
        processor sets (`analytics.api_key` of a processor's dict, else `analytics`) is
        configuration."""
        parts = path.split(".")
        for end in range(len(parts), 0, -1):
            known = self.config_globals.get(".".join(parts[:end]))
            if known is not None:
                return known
        return False

    def configured_by_includers(self, relpath: str, path: str) -> bool:
        """Whether every `{% include %}` of template `relpath` in the project sets the
        root of `path` in its `with` clause to a variable of the includer that is
        configuration there (`configuration_global`: `{% include "tag.html" with
        key=analytics.api_key %}` where a context processor gives `{"analytics":
        {"api_key": settings.ANALYTICS_KEY}}`), and no render of the template passes a
        value of that name."""
        root, dot, rest = path.partition(".")
        sites = self._include_graph().sites(relpath)
        if not sites or self._passed(relpath, root):
            return False
        for site in sites:
            source = dict(site.sources).get(root)
            if source is None or not self.configuration_global(site.includer, source + dot + rest):
                return False
        return True

    def app_file_call(self, relpath: str, output: OutputFact) -> bool:
        """Whether the output of template `relpath` is what a Jinja global returns, called
        with literal arguments only (`{{ inline_svg("icons/close.svg") }}` reads no other
        variable), every function the project sets the global to returns a file's content
        (see `file_globals`) or text made of its arguments, literals, configuration and a
        file it names (a build's manifest, see `manifest_globals`), and no render of the
        template passes a value of that name."""
        root = output.path.split(".", 1)[0]
        functions = self.global_functions.get(root)
        if not (output.returned and functions and set(output.names) <= {root}):
            return False
        own = self.file_readers | self.manifest_functions
        return functions <= own and not self._passed(relpath, root)

    def digest_call(self, relpath: str, name: str) -> bool:
        """Whether `name` is a Jinja global every function the project sets it to returns
        a digest's hex digits or a number (see `digest_globals`), and no render of
        template `relpath` passes a value of that name."""
        functions = self.global_functions.get(name, set())
        return (
            bool(functions)
            and functions <= self.digest_functions
            and not self._passed(relpath, name)
        )

    def escaped_call(self, relpath: str, name: str, key: str) -> bool:
        """Whether `name` is a Jinja global every function the project sets it to returns
        markup that escaped what it was handed, or with `key`, a dict whose item `key` is
        such markup (see `escaped_globals`), and no render of template `relpath` passes a
        value of that name."""
        functions = self.global_functions.get(name, set())
        return (
            bool(functions)
            and all(
                f in self.escaped_functions or (key and f"{f}[{key}]" in self.escaped_functions)
                for f in functions
            )
            and not self._passed(relpath, name)
        )

    def _passed(self, relpath: str, root: str) -> bool:
        """Whether some render of the template passes a value named `root` that is not
        configuration (a view's `{"settings": settings}` is what the global holds)."""
        return any(
            within(name.name, root) and not self.configured_name(name)
            for link in self.links.get(relpath, ())
            for name in link.render.context
        )

    def configuration_tag_output(self, relpath: str, line: int, column: int, path: str) -> bool:
        """Whether the variable `path` read at (`line`, `column`) of template `relpath` is
        one the template set before with a simple tag of the project (`{% docs_link as
        link %}`), every definition of which returns configuration or a constant, and no
        render of the template passes a value of that name."""
        facts = self.files.get(relpath)
        root = path.split(".", 1)[0]
        tags = [
            use.name
            for use in (facts.filters if facts else ())
            if use.kind == "tag" and use.binds == root and (use.line, use.column) < (line, column)
        ]
        if not tags or not all(self._configuration_tag(name) for name in tags):
            return False
        return not any(
            within(name.name, root)
            for link in self.links.get(relpath, ())
            for name in link.render.context
        )

    def _configuration_tag(self, name: str) -> bool:
        definitions = self.filters.get(name, [])
        return bool(definitions) and all(d.kind == "tag" and d.configuration for d in definitions)

    def code_written_request_attribute(self, relpath: str, path: str) -> bool:
        """Whether the variable `path` of template `relpath` is an attribute the project
        sets on the request (`request.theme`, by a middleware) or on Flask's `g`
        (`g.locale`, by a `before_request` hook) only ever to a value its code wrote, and
        no render of the template passes a `request` (or `g`) of its own."""
        root, _, rest = path.partition(".")
        attribute = rest.split(".", 1)[0]
        if not self.request_attributes.get(f"{root}.{attribute}", False):
            return False
        return not any(
            within(name.name, root)
            for link in self.links.get(relpath, ())
            for name in link.render.context
        )

    def flashes_authored(self) -> bool:
        """Whether the project flashes messages and every `flash()` call is given the
        author's text (see `flashed`): what `get_flashed_messages()` lists."""
        return bool(self.flashes) and all(self.flashes)

    def literal_argument(self, relpath: str, line: int, path: str) -> bool:
        """Whether the variable `path` read at `line` of the template is a parameter of
        the Jinja macro written around that line, and every call of that macro in the
        project gives it a literal (or leaves it out, its default being one): text the
        templates' authors wrote."""
        root = path.split(".", 1)[0]
        return self._every_call_gives(relpath, line, root, _gives_literal)

    def field_label_argument(self, relpath: str, line: int, path: str) -> bool:
        """Whether the variable `path` read at `line` of the template is the label text of
        a parameter of the Jinja macro written around that line (`field.label.text`), and
        every call of that macro in the project gives it a field a form declares
        (`render_field(form.first_name)`): the label the developer wrote for the field."""
        root, dot, rest = path.partition(".")
        if not dot or rest != "label.text":
            return False
        return self._every_call_gives(
            relpath, line, root, lambda call, _, index, name: _gives_field(call, index, name)
        )

    def url_argument(self, relpath: str, line: int, name: str) -> bool:
        """Whether the variable `name` read at `line` of the template is a parameter of
        the Jinja macro written around that line, and every call of that macro in the
        project gives it a URL the app builds (`url_for(...)`), or leaves it out, its
        default being a literal."""
        return self._every_call_gives(relpath, line, name, _gives_url)

    def macro_output_argument(self, relpath: str, line: int, name: str) -> bool:
        """Whether the variable `name` read at `line` of the template is a parameter of
        the Jinja macro written around that line, and every call of that macro in the
        project gives it what a macro call returns (`facet_item(item, subtree)` after `{%
        set subtree = facet_items(item.children) %}`) or a literal, or leaves it to a
        literal default: `Markup` a macro's own autoescape rendered, or the author's
        text."""
        return self._every_call_gives(relpath, line, name, _gives_macro_output)

    def _every_call_gives(
        self,
        relpath: str,
        line: int,
        name: str,
        gives: Callable[[MacroCallFact, MacroFact, int, str], bool],
    ) -> bool:
        """Whether `name` is a parameter of the Jinja macro written around `line` of the
        template, and every call of that macro in the project gives it what `gives`
        accepts (the call, the macro, the parameter's position and name)."""
        facts = self.files.get(relpath)
        around = [m for m in facts.macros if m.line <= line <= m.end_line] if facts else []
        macro = max(around, key=lambda m: m.line, default=None)
        if macro is None or name not in macro.params:
            return False
        calls = self._calls_of(relpath, macro.name)
        index = macro.params.index(name)
        return bool(calls) and all(gives(c, macro, index, name) for c in calls)

    def macro_bound(self, relpath: str, called: str) -> bool:
        """Whether the template, or a base it extends, binds `called` to a macro
        (`{% macro %}`, `{% from "button.njk" import govukButton %}`, `{% import "forms.html"
        as forms %}` for `forms.field`): a base's top-level imports are seen by the
        blocks of the templates extending it."""
        seen: set[str] = set()
        current: str | None = relpath
        while current is not None and current not in seen and len(seen) < _MAX_CHAIN:
            seen.add(current)
            facts = self.files.get(current)
            if facts is None:
                return False
            if macro_source(called, dict.fromkeys(facts.macro_names, ("", ""))) is not None:
                return True
            bases = [self.resolve(name, current) for name in facts.extends]
            current = bases[0] if len(bases) == 1 else None
        return False

    def in_mail(self, relpath: str) -> bool:
        """Whether the template is a mail's body, or extends one (`{% extends
        "email_base.html" %}`, the layout carrying Outlook's markup): what it writes lands
        in the base's document, which a mail client shows, not a page of the site."""
        seen: set[str] = set()
        current: str | None = relpath
        while current is not None and current not in seen and len(seen) < _MAX_CHAIN:
            seen.add(current)
            facts = self.files.get(current)
            if facts is None:
                return False
            if facts.mail:
                return True
            bases = [self.resolve(name, current) for name in facts.extends]
            current = bases[0] if len(bases) == 1 else None
        return False

    def includer_paths(self, relpath: str, path: str) -> set[str]:
        """The variables of the templates including `relpath` that its variable `path`
        holds, or an item of, where an include hands it one (see `IncludeGraph.handed`)."""
        return self._include_graph().handed(relpath, path)

    def _include_graph(self) -> IncludeGraph:
        if self._includes is None:
            self._includes = IncludeGraph(self.files, self.links, self.resolve)
        return self._includes

    def authored_by_includers(self, relpath: str, path: str) -> bool:
        """Whether the variable `path` of template `relpath` is the author's own text at
        some `{% include %}` of the template in the project and nothing else at any
        other (see `IncludeGraph.authored`)."""
        return self._include_graph().authored(relpath, path.split(".", 1)[0])

    def _calls_of(self, relpath: str, macro: str) -> list[MacroCallFact]:
        if self._macro_calls is None:
            self._macro_calls = {}
            for path, facts in self.files.items():
                for call in facts.macro_calls:
                    target = self.resolve(call.source, path) if call.source else path
                    if target is not None:
                        self._macro_calls.setdefault((target, call.macro), []).append(call)
        return self._macro_calls.get((relpath, macro), [])

    def layout_markup(self, relpath: str, path: str) -> bool:
        """Whether template `relpath` is one a django-crispy-forms layout object of the
        project renders, which no view renders, and its variable `path` is markup the
        layout hands it (`fields`, `links`, `content`, `flat_attrs`: see
        `layout_objects`)."""
        return (
            layout_markup(path)
            and not self.rendered_by(relpath)
            and any(
                matches(name, relpath) and markup_in(name, path) for name in self.layout_templates
            )
        )

    def newstyle_gettext(self, relpath: str, names: Iterable[str]) -> bool:
        """Whether each i18n function of `names` (`_`, `gettext`, `ngettext` ...) that the
        Jinja template `relpath` calls is the extension's, installed newstyle: the project
        installs it so and never plainly (see `gettext_styles`), no Jinja global or
        context processor of the project is given the name (nor `gettext`, which `_`
        calls), and no hand-made `Environment` renders the template (its own installs
        are not tied to the templates it renders)."""
        facts = self.files.get(relpath)
        if self.gettext_styles != {NEWSTYLE} or facts is None or facts.dialect != Dialect.JINJA:
            return False
        for name in names:
            if {name, "gettext" if name == "_" else name} & self.config_globals.keys():
                return False
        return all(link.render.framework != "jinja" for link in self.links.get(relpath, ()))

    def rendered_by(self, relpath: str) -> list[Link]:
        """The renders that write this template."""
        return self.links.get(relpath, [])

    def referenced(self, relpath: str) -> bool:
        """Whether some template of the project extends or includes this one."""
        if self._referenced is None:
            self._referenced = {
                target
                for path, facts in self.files.items()
                for name in (*facts.extends, *facts.includes)
                if (target := self.resolve(name, path)) is not None
            }
        return relpath in self._referenced


def _gives_literal(call: MacroCallFact, macro: MacroFact, index: int, name: str) -> bool:
    if call.unknown:
        return False
    if index < len(call.literal_positions):
        return call.literal_positions[index]
    if name in dict(call.literal_keywords):
        return dict(call.literal_keywords)[name]
    # NOTE: a parameter given by no position nor keyword may come from `**kwargs`.
    return not call.spread_keywords and name in macro.literal_when_omitted


def _gives_field(call: MacroCallFact, index: int, name: str) -> bool:
    """The call gives the parameter a field a form declares, by position or keyword."""
    if call.unknown:
        return False
    return f"#{index}" in call.declared_fields or name in call.declared_fields


def _gives_url(call: MacroCallFact, macro: MacroFact, index: int, name: str) -> bool:
    if call.unknown:
        return False
    if f"#{index}" in call.built_urls or name in call.built_urls:
        return True
    return _left_to_literal(call, macro, index, name)


def _gives_macro_output(call: MacroCallFact, macro: MacroFact, index: int, name: str) -> bool:
    """The call gives the parameter what a macro returns, or a literal, or leaves it to
    a literal default."""
    if call.unknown:
        return False
    if f"#{index}" in call.macro_outputs or name in call.macro_outputs:
        return True
    return _gives_literal(call, macro, index, name)


def _left_to_literal(call: MacroCallFact, macro: MacroFact, index: int, name: str) -> bool:
    """The call gives the parameter nothing, by position, keyword or spread keywords,
    and its default is a literal."""
    given = index < len(call.literal_positions) or name in dict(call.literal_keywords)
    return not given and not call.spread_keywords and name in macro.literal_when_omitted


def _holders(context: tuple[ContextName, ...], path: str) -> list[ContextName]:
    """The context names holding what the variable `path` reads: those it is within, and
    the keys of a dict display it reads whole (`_key_of`), but where the view set an item
    of a dict it passes (`info["stats"] = ...`), that item alone for what is below it
    (`info.stats.summary()`)."""
    indexed = _indexed(path)
    found = [
        c
        for c in context
        if within(path, c.name)
        or within(indexed, c.name)
        or _position_of(c.name, path)
        or _key_of(c, path)
    ]
    items = [c for c in found if c.item]
    if not items:
        return found
    longest = max(len(c.name) for c in items)
    return [c for c in found if len(c.name) >= longest]


def _attribute_fed(
    context: tuple[ContextName, ...],
    name: str,
    source: str,
    source_location: Location | None,
    safe_for: frozenset[str],
    approx: bool,
) -> tuple[ContextName, ...]:
    """A name below a context name the view passes (`page.url` of `page`), fed alone:
    the request data is in that attribute, not in the rest of the value, so what is below
    it is read from it alone, as from an item the view sets (`form.cleaned_data.url` of
    a bound `form`, whose other fields and raw data the form's own feed carries)."""
    holder = next((c for c in context if within(name, c.name)), None)
    if holder is None:
        return ()
    return (
        ContextName(
            name, holder.location, source, source_location, safe_for, item=True, approx=approx
        ),
    )


def _position(location: Location) -> tuple[str, int, int]:
    return location.path, location.line, location.column


def _refined(render: RenderFact, name: str, safe_for: frozenset[str]) -> RenderFact:
    """A render made from a helper's render once per call (`helper_renders`), given what
    the engine found of the helper's: the sink kinds the data held under `name` is safe
    for. Only names the helper fed itself change; a name the call binds keeps what the
    call gave it, and a name found clean stays so."""
    context = tuple(
        dataclasses.replace(c, safe_for=safe_for)
        if c.source
        and within(c.name, name)
        and not (c.item and c.name != name)
        and c.name not in render.bound
        else c
        for c in render.context
    )
    return dataclasses.replace(render, context=context)


def _position_of(name: str, path: str) -> bool:
    """Whether the context name is one position of the tuples `path` holds (`files.#1`
    of `files`): reading them whole (`{% for row in files %}{{ row }}`) reads it too."""
    return name.startswith(path + ".#")


def _key_of(name: ContextName, path: str) -> bool:
    """Whether the context name is a key of a dict display the view passes as `path`
    (`context_vars.sort` of `{"context_vars": {"sort": sort}}`, the display split into
    its keys): reading it whole (`{{ context_vars|to_json|safe }}`) writes each key's
    value. Not an item set on a value (`info["stats"] = ...`, `page.url = ...`), whose
    holder is passed too and is judged itself."""
    return not name.item and name.name.startswith(path + ".")


def _indexed(path: str) -> str:
    """`files.1` (`{{ row[1] }}`, Django's `{{ row.1 }}` of a loop over `files`) ->
    `files.#1`, how a position of a list of tuples is fed."""
    return ".".join(f"#{part}" if part.isdigit() else part for part in path.split("."))


def within(path: str, name: str) -> bool:
    """Whether the variable `path` reads what the context name `name` holds: the name
    itself or below it (`book.parent_work.id` of `book.parent_work`, and of `book`)."""
    return path == name or path.startswith(name + ".")


def _shared(first: str, second: str) -> int:
    count = 0
    for a, b in zip(first.split("/")[:-1], second.split("/")[:-1], strict=False):
        if a != b:
            break
        count += 1
    return count


def _resolve_url_delegates(built: dict[str, bool], delegates: dict[str, set[str]]) -> None:
    """A URL method handing on another's result (`return self.get_url("change")`) returns
    a built URL only if every definition of that other name does: vetoes spread until
    none changes (each pass vetoes a name or stops, so at most one pass per name)."""
    changed = True
    while changed:
        changed = False
        for name, handed_on in delegates.items():
            if built.get(name) and not all(built.get(other, False) for other in handed_on):
                built[name] = False
                changed = True


def build_templates(
    modules: dict[str, ModuleSummary],
    templates: dict[str, TemplateFacts],
    served: Callable[[str], str] | None = None,
) -> TemplateModel | None:
    """The template model, or None when the project has neither templates nor renders.
    `served` tells the framework of a view class whose module did not say (see
    `served_frameworks`)."""
    model = TemplateModel(files=dict(templates))
    project_modules = {summary.module for summary in modules.values()}
    wrappers: dict[str, WrapperFact] = {}
    calls: list[WrapperCallFact] = []
    field_classes: dict[str, tuple[tuple[str, ...], bool]] = {}
    value_classes: dict[str, tuple[tuple[str, ...], bool]] = {}
    uses: list[FieldUse] = []
    delegates: dict[str, set[str]] = {}
    processors: list[tuple[str, str, bool]] = []
    path_readers: set[str] = set()
    file_reads: list[tuple[str, str]] = []
    marking: dict[str, MarkingFunction] = {}
    counting: list[tuple[str, tuple[str, ...]]] = []
    configuring: list[tuple[str, tuple[str, ...]]] = []
    classes: dict[str, ContextClassFact] = {}
    numbers: set[str] = set()
    others: set[str] = set()
    for summary in modules.values():
        facts = summary.facts.get(FACTS)
        if not isinstance(facts, PythonTemplateFacts):
            continue
        for render in facts.renders:
            if not render.framework and served is not None:
                render = dataclasses.replace(render, framework=served(render.function))
            if not render.wrapper or render.wrapper.rpartition(".")[0] not in project_modules:
                model.renders.append(render)
        classes.update((fact.cls, fact) for fact in facts.context_classes)
        for wrapper in facts.wrappers:
            wrappers.setdefault(wrapper.function, wrapper)
        calls.extend(facts.wrapper_calls)
        model.calls.extend(facts.wrapper_calls)
        model.folders.extend(facts.folders)
        model.settings.extend(facts.templates_settings)
        for definition in facts.filters:
            model.filters.setdefault(definition.name, []).append(definition)
        for name, markup in facts.markup_attributes:
            model.markup_attributes[name] = model.markup_attributes.get(name, True) and markup
        for cls, name, markup in facts.class_markup:
            held = model.class_markup.setdefault(f"{summary.module}.{cls}", {})
            held[name] = held.get(name, True) and markup
        model.rich_text_attributes.update(facts.rich_text_attributes)
        model.cms_text_attributes.update(facts.cms_text_attributes)
        for name, bases, keeps, keeps_value in facts.field_classes:
            field_classes[name] = (bases, keeps)
            value_classes[name] = (bases, keeps_value)
        uses.extend(facts.field_uses)
        model.untyped_attributes.update(attribute for attribute, _, _ in facts.field_uses)
        numbers.update(facts.number_attributes)
        others.update(facts.other_attributes)
        counting.extend(
            (f"{summary.module}.{name}", needs) for name, needs in facts.number_functions
        )
        configuring.extend(
            (f"{summary.module}.{name}", needs) for name, needs in facts.configured_functions
        )
        for name, built, handed_on, fixed in facts.url_attributes:
            model.url_attributes[name] = model.url_attributes.get(name, True) and built
            fixed_before = model.fixed_scheme_attributes.get(name, True)
            model.fixed_scheme_attributes[name] = fixed_before and fixed
            delegates.setdefault(name, set()).update(handed_on)
        model.highlight_encoders.update(facts.highlight_encoders)
        model.html_functions.update(f"{summary.module}.{name}" for name in facts.html_functions)
        model.url_functions.update(f"{summary.module}.{name}" for name in facts.url_functions)
        if not summary.is_test:
            marking.update((f"{summary.module}.{f.name}", f) for f in facts.marking_functions)
        model.class_methods.add(summary.module, facts.class_methods)
        for name, cleans in facts.markup_renderers:
            model.markup_renderers[name] = model.markup_renderers.get(name, True) and cleans
        for owner, name, own in facts.markup_fields:
            model.markup_fields.setdefault((name, owner.lower()), set()).add(own)
        for name, configuration in facts.config_globals:
            model.config_globals[name] = model.config_globals.get(name, True) and configuration
        for name, attribute in facts.processor_attributes:
            model.processor_attributes.setdefault(name, set()).add(attribute)
        processors.extend(
            (f"{summary.module}.{function}", name, configuration)
            for function, name, configuration in facts.named_processors
        )
        for name, written in facts.request_attributes:
            model.request_attributes[name] = model.request_attributes.get(name, True) and written
        model.file_readers.update(f"{summary.module}.{name}" for name in facts.file_readers)
        path_readers.update(f"{summary.module}.{name}" for name in facts.path_readers)
        file_reads.extend(facts.processor_file_reads)
        model.digest_functions.update(f"{summary.module}.{name}" for name in facts.digest_functions)
        model.escaped_functions.update(
            f"{summary.module}.{name}" for name in facts.escaped_functions
        )
        model.manifest_functions.update(
            f"{summary.module}.{name}" for name in facts.manifest_functions
        )
        for name, function in facts.global_functions:
            model.global_functions.setdefault(name, set()).add(function)
        model.layout_templates.update(facts.layout_templates)
        model.output_summaries.update(
            (f"{summary.module}.{each.name}", each) for each in facts.output_summaries
        )
        if not summary.is_test:
            model.flashes.extend(facts.flashes)
            model.gettext_styles.update(facts.gettext_styles)
        if facts.csrf_middleware is not None:
            model.csrf_middleware = bool(model.csrf_middleware) or facts.csrf_middleware
    for name in numbers - others:
        held, attribute = _held_by_kind(model, name)
        held[attribute] = True
    # NOTE: what a processor gives as the content of a file its configured path names.
    for name, function in file_reads:
        read = function in path_readers
        model.config_globals[name] = model.config_globals.get(name, True) and read
    # NOTE: a context processor the settings name in a module of any name (`site.tcp.x`).
    named = {p for setting in model.settings for p in setting.context_processors}
    for function, name, configuration in processors:
        if function in named:
            model.config_globals[name] = model.config_globals.get(name, True) and configuration
    for processor in named:
        for name in CONFIGURATION_PROCESSORS.get(processor, ()):
            model.config_globals[name] = model.config_globals.get(name, True)
    model.number_functions = settle(counting)
    model.configured_functions = settle(configuring)
    model.django_context = processor_names(
        model.settings,
        {summary.module for summary in modules.values()},
        {function for function, _, _ in processors},
    )
    _resolve_url_delegates(model.url_attributes, delegates)
    _resolve_url_delegates(model.fixed_scheme_attributes, delegates)
    unresolved = {
        d.returns_of
        for definitions in model.filters.values()
        for d in definitions
        if d.returns_of and d.returns_of not in model.html_functions
    }
    reexports: dict[str, str] | None = None
    if (
        (wrappers and calls)
        or (unresolved and (model.html_functions or marking))
        or model.global_functions
        or uses
    ):
        reexports = _reexports(modules)
        for name, functions in model.global_functions.items():
            model.global_functions[name] = {_reexported(reexports, f) for f in functions}
        for name in unresolved:
            if _reexported(reexports, name) in model.html_functions:
                model.html_functions.add(name)
        origin = functools.partial(_reexported, reexports)
        if unresolved and marking:
            resolve_marking(model.filters, marking, origin)
        for name, cleans in sanitising_attributes(uses, field_classes, origin).items():
            model.markup_attributes[name] = model.markup_attributes.get(name, True) and cleans
        for name, number in number_field_attributes(uses, value_classes, origin).items():
            # NOTE: the map holds only numbers: a name some module defines otherwise
            # (`others`) is none, whatever the project's field class is.
            if number and name not in others:
                model.number_attributes[name] = True
            else:
                model.number_attributes.pop(name, None)
        if wrappers and calls:
            forwarded_wrappers(wrappers, origin)
            for name in list(reexports):
                target = _reexported(reexports, name)
                if target in wrappers:
                    wrappers[name] = wrappers[target]
            model.renders.extend(wrapped_renders(wrappers, calls))
    if any(fact.context for fact in classes.values()):
        known = _reexports(modules) if reexports is None else reexports
        inherited_contexts(model.renders, classes, functools.partial(_reexported, known))
    if any(name.row_class for render in model.renders for name in render.context):
        model.class_origins = _reexports(modules) if reexports is None else reexports
    if not (model.files or model.renders or model.settings or model.folders or model.filters):
        return None
    _link(model)
    return model


def _held_by_kind(model: TemplateModel, name: str) -> tuple[dict[str, bool], str]:
    """The map of `model` an entry of `number_attributes` belongs in, and its attribute:
    `location@point` a point field's, `created_on@date` a date's, else a number's."""
    for mark, held in ((POINT_MARK, model.point_attributes), (DATE_MARK, model.date_attributes)):
        if name.endswith(mark):
            return held, name.removesuffix(mark)
    return model.number_attributes, name


def _reexports(modules: dict[str, ModuleSummary]) -> dict[str, str]:
    """`module.name` -> what the module imports under that name, for every module."""
    return {
        f"{summary.module}.{name}": target
        for summary in modules.values()
        for name, target in summary.imports.items()
    }


def _reexported(reexports: dict[str, str], name: str) -> str:
    """What a module's name is imported from (`pkg.render` -> `pkg.rendering.render`),
    through a few re-exports."""
    for _ in range(_MAX_REEXPORTS):
        if name not in reexports:
            break
        name = reexports[name]
    return name


def _link(model: TemplateModel) -> None:
    for render in model.renders:
        near = render.location.path
        for name in render.templates:
            if is_pattern(name):
                found = model.matching(name)
                model.unresolved.extend([] if found else [(render, name)])
                for each in found:
                    _follow(model, Link(render, each, (each,)))
                continue
            found = model.themes(name) if render.themed else []
            relpath = model.resolve(name, near)
            if relpath is None:
                model.unresolved.append((render, name))
                continue
            for each in found or [relpath]:
                _follow(model, Link(render, each, (each,)))


def _follow(model: TemplateModel, start: Link) -> None:
    queue = deque([start])
    seen: set[str] = set()
    while queue:
        link = queue.popleft()
        if link.template in seen or len(link.chain) > _MAX_CHAIN:
            continue
        seen.add(link.template)
        model.links.setdefault(link.template, []).append(link)
        facts = model.files.get(link.template)
        if facts is None:
            continue
        for name in (*facts.extends, *facts.includes):
            target = model.resolve(name, link.template)
            if target is not None and target not in seen:
                queue.append(Link(link.render, target, (*link.chain, target)))


def template_dirs(files: Iterable[str]) -> set[str]:
    """Every folder that holds a file (for checking candidate folders)."""
    dirs: set[str] = set()
    for relpath in files:
        # NOTE: `rpartition` is `posixpath.dirname` for the normalised relative paths
        # discovery makes, at a third of the cost over every file of a scan.
        parent = relpath.rpartition("/")[0]
        while parent and parent not in dirs:
            dirs.add(parent)
            parent = parent.rpartition("/")[0]
    return dirs
