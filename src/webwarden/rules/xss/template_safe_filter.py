"""WW550: `|safe` on a template value that is not a literal."""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Callable, Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.django.message_tags import carries, given_tags
from webwarden.model.project import ProjectModel
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.escalation import (
    app_text_only,
    inert_only,
    output_at,
    output_paths,
)
from webwarden.model.templates.facts import FilterDefFact, FilterUseFact, OutputFact
from webwarden.model.templates.include_sites import authored_translations
from webwarden.model.templates.macros import (
    MacroOutputs,
    MacroSources,
    bound_macros,
    called_name,
    macro_outputs,
    macro_scope,
    macro_source,
    macro_spans,
    rebound_parameters,
    template_constants,
)
from webwarden.model.templates.message_gates import MESSAGE_PATHS
from webwarden.model.templates.translations import (
    escaped_translation,
    escaping_translation,
    parsed_expression,
)
from webwarden.parse.templates import Dialect, Expression, FilterUse, NodeKind, ParsedTemplate
from webwarden.rules.base import IN_MAIL, Framework, TemplateRule
from webwarden.rules.xss._authored_markup import authored_markup
from webwarden.rules.xss._branch_tests import numbers_tested
from webwarden.rules.xss._flashed import TAG as FLASHED_TAG
from webwarden.rules.xss._flashed import flashed_bindings
from webwarden.rules.xss._flatpages import flatpage_markup, flatpage_text, listed_flatpages
from webwarden.rules.xss._form_fields import bound_field, developer_text, rendered_field
from webwarden.rules.xss._inert_names import (
    Spans,
    encoded_query,
    inert_at,
    inert_bindings,
    language_bindings,
)
from webwarden.rules.xss._markdown_deux import (
    FILTER as DEUX_FILTER,
)
from webwarden.rules.xss._markdown_deux import (
    TAG as DEUX_TAG,
)
from webwarden.rules.xss._markdown_deux import (
    lands_in_text,
    loads_markdown_deux,
    styles_escape,
)
from webwarden.rules.xss._own_filters import given_arguments, inert_filter_output
from webwarden.rules.xss._script import database_key, loop_number, measure_name
from webwarden.rules.xss._script_fix import script_fix
from webwarden.rules.xss._template import (
    HTML_ESCAPERS,
    SAFE_MARKERS,
    by_dialect,
    loads_filter,
    mail_document,
    plain_text_mail,
    quoted_url_fits,
    translated,
)

_FORM_RENDERING = re.compile(
    r"\s*(?:(?:\((?:[^()]|\([^()]*\))*\)|[A-Za-z_]\w*)"
    r"(?:\s*\.\s*\w+|\[[^\[\]]*\]|\([^()]*\))*\.)?"
    r"(?:label_tag|as_widget|as_hidden|as_text|as_textarea|as_p"
    r"|as_table|as_ul|as_div|hidden_fields|visible_fields|non_field_errors)\s*(?:\([^()]*\))?"
    r"\s*(?:\|\s*join(?:\([^()]*\))?\s*)?$"
)
"""A Django form or bound field rendered by its own methods (`field.label_tag()`,
`form.as_p`, `form.hidden_fields()|join`), also one reached by an item or through a
filter (`form.forms["general"].as_table()`, `(field|add_class("x")).as_widget()`): HTML
the form escaped, whatever it holds."""
_URL_FOR = re.compile(r"(?:[A-Za-z_]\w*\.)*url_for\s*\(.*\)\s*$", re.DOTALL)
"""Flask's `url_for(...)`, or a model's `url_for` method (coaster's `UrlForMixin`:
`post.url_for("edit")` returns what `flask.url_for` builds for the object's route)."""
_AUTOESCAPING = frozenset({"linebreaks", "linebreaksbr", "urlize", "urlizetrunc"})
"""Filters that escape their input when autoescape is on and mark their output safe
(`{{ bio|linebreaks|safe }}`: the `|safe` changes nothing)."""
_DJANGO_JOIN = "join"
"""Django's `join`, which under autoescape `conditional_escape`s each item and the
separator (a string literal of the template is a safe string, kept as written) and marks
the result safe: `{{ tags|join:"<br>"|safe }}` changes nothing. Jinja's `join` escapes
nothing unless an item is `Markup`, so there `|safe` keeps the items' markup."""
_RICH_TEXT = "richtext"
_WAGTAIL_LIBRARY = "wagtailcore_tags"
RICH_TEXT_TAG = "wagtail-rich-text"
"""A `|safe` after Wagtail's `richtext` filter (`{% load wagtailcore_tags %}`), which
writes a rich text field's stored HTML (the elements the editor's features allow) and
marks it safe itself: `{{ page.body|richtext|safe }}` changes nothing, nor does a filter
of the project between them that only re-serialises it (`FilterDefFact.reserialises`)."""
_JS_ESCAPER = "escapejs"
"""Django's `escapejs`, which writes `\\`, quotes, `<`, `>`, `&`, `=`, `-`, `;`, the
backtick and control characters as `\\uXXXX` escapes: what it gives starts no tag,
entity or attribute, whatever `|safe` before it let through."""
_URL_KEEPING = frozenset({"safe"})
"""The filters an output of a URL every render passes as `url_for(...)` may go through
and still write the URL as Werkzeug quoted it."""
_PLAIN_TEXT = "striptags"
"""Jinja's `striptags`: its result is plain text, not `Markup` (Django's keeps `|safe`)."""
_SANITISING = frozenset({"bleach", "bleach_linkify"})
"""django-bleach's filters (`{% load bleach_tags %}`): they clean the value with bleach,
keeping only the tags and attributes of its settings, and mark the result safe."""
_ADMIN_FIELDSET = re.compile(r"(?:^|/)admin/.*fieldset[^/]*$")
"""Django admin's fieldset template (`admin/includes/fieldset.html`, or a project's copy):
its `fieldset.description` is the `ModelAdmin.fieldsets` option, which Django documents
as written unescaped so that it may hold the developer's HTML."""
_ADMIN_READONLY = re.compile(r"(?:^|/)admin/(?:.*fieldset[^/]*|(?:.*/)?edit_inline/[^/]+)$")
"""Django admin's fieldset and inline templates (or a project's copies): their
`field.contents` is a read-only field's `AdminReadonlyField.contents()`, which
`conditional_escape`s what it returns."""
_API_DOCS_CONFIGURATION = (
    (
        re.compile(r"(?:^|/)drf_spectacular/[^/]+$"),
        frozenset({"settings", "schema_auth_names", "oauth2_config", "script_url"}),
    ),
    (
        re.compile(r"(?:^|/)drf-yasg/[^/]+$"),
        frozenset({"swagger_settings", "redoc_settings", "oauth2_config"}),
    ),
    (re.compile(r"(?:^|/)rest_framework_swagger/[^/]+$"), frozenset({"drs_settings", "spec"})),
)
"""The templates of an API documentation package's pages, or a project's copy of one
overriding it (`templates/drf_spectacular/swagger_ui.html`, `templates/drf-yasg/
redoc.html`), which its views render, with the values those views give them as JSON or
a URL made from the project's configuration (drf-spectacular's `SPECTACULAR_SETTINGS`,
drf-yasg's `SWAGGER_SETTINGS` and `REDOC_SETTINGS`, django-rest-swagger's
`SWAGGER_SETTINGS` and the OpenAPI document its renderer generates from the project's
views, whose host Django checked against `ALLOWED_HOSTS`), which the package's own
templates write with `|safe`."""
_COMPRESSOR_INLINE = re.compile(r"(?:^|/)compressor/(?:css|js)_inline\.html$")
"""django-compressor's templates for inline output, or a project's copy overriding one:
`{% compress js inline %}` renders it with the compressed code of the block (what the
page's template rendered, escaped, and the site's own files) as `compressed.content`
(`content` before version 2), which its own templates write with `|safe`."""
_COMPRESSED_CONTENT = frozenset({"compressed.content", "content"})
_PATH = re.compile(r"\s*[A-Za-z_][\w.]*\s*$")
"""A variable, or an attribute path from one."""
_CONSTANT_INDEX = re.compile(r"\s*\[\s*(\d+)\s*\]")
"""`pager.current[0]`: an item at a constant index, a path as `pager.current.0` is."""
_LITERAL = r"(?:\"[^\"]*\"|'[^']*'|\d+)"
_CONSTANT_LOOKUP = re.compile(
    rf"\s*(?P<root>[A-Za-z_]\w*)(?:\s*\[\s*(?:[A-Za-z_][\w.]*|{_LITERAL})\s*\]|\s*\.\s*\w+)*"
    rf"(?:\s*\|\s*(?:replace|trim|upper|lower|title|capitalize)"
    rf"(?:\s*\(\s*(?:{_LITERAL}(?:\s*,\s*{_LITERAL})*)?\s*\))?)*\s*$"
)
"""An item of a variable (`catalog[action]`, `icons.close`), through string filters given
literal arguments only (`|replace("__class__", "icon")`): when the template binds the
variable to a literal, the output is one of the literal's strings, whatever the key."""
_TESTING_TAGS = frozenset({"if", "elif"})
"""Tags whose expression is only tested: what it holds is never written into the page."""
_STRING_LITERAL = re.compile(r"\"[^\"]*\"|'[^']*'")
_CSRF_TOKEN = re.compile(r"\s*csrf_token\s*(?:\(\s*\))?\s*$")
"""The CSRF token: Django's context variable (letters and digits) or Flask-WTF's
`csrf_token()` (letters, digits and the signature's `.`, `-`, `_`)."""


TRANSLATION_TAG = "escaping-translation:"
"""Tags a finding on a Jinja translation that, installed newstyle, escapes every value
put into it (`_('{actor} joined').format(actor=name)|safe`), with the i18n functions it
calls: refuted when the project installs them so."""
ITEM_ATTRIBUTE_TAG = "item-attribute:"
"""Tags a finding on an attribute read on an item of a container (`feeds[key].title`),
with the path it reads once the key is left out (`feeds.title`): the key only picks the
item, and the attribute is judged as `escaped_attribute` judges one."""
_ITEM_ATTRIBUTE = re.compile(
    r"\s*(?P<root>[A-Za-z_]\w*)\s*\[[^\[\]]+\]\s*(?P<rest>(?:\.\s*\w+\s*)+)$"
)
"""`feeds[feed.id].title`: an attribute path from an item of a variable, at any key."""
REBOUND_TAG = "rebound-parameter:"
"""Tags a finding on a macro parameter the macro binds again, with the parameter's name:
what the calls give it is judged too."""


class TemplateSafeFilter(TemplateRule):
    """## What it does
    Finds the `safe` filter (and Django's `safeseq`) applied to a template variable, in
    Jinja2 and Django templates: `{{ comment.body|safe }}`. A literal
    (`{{ "<br>"|safe }}`, also in parentheses: `('&laquo;')|safe`, or a Jinja group whose
    variables only choose among literals: `(mine and 'data-own="1"' or '')|safe`, as the
    value of `a and b` is `b` or the falsy `a`, and a test gives a boolean; not one a variable is
    added to, `"<b>"|add:name|safe`, or given by a filter: `"%s&hellip;"|format(name)|safe`),
    a value escaped first (`{{ bio|escape|safe }}`, also by Django's `join`, which escapes
    each item and the separator under autoescape: `{{ tags|join:"<br>"|safe }}`) and JSON made
    safe for HTML (Jinja's `{{ data|tojson|safe }}`, where `|safe` changes nothing) are
    not reported, nor is a WTForms field rendered (`{{ field(**kwargs)|safe }}`, as in
    Flask's form macro: the widget escapes the values it writes) or a field of a form
    every view rendering the template makes (`{{ form.email|safe }}` after `form =
    LoginForm(request.POST)`, a Django or WTForms class named `...Form`, also as the
    fallback of a parameter, `form or LoginForm()`, or from a function of the view's
    module returning one: the field writes its widget, which escapes its value; not
    `form.email.value`), a value cleaned by
    django-bleach's filters first (`{{ note|bleach|safe }}`), or rendered by
    django-markdown-deux's `markdown` filter in a template loading `markdown_deux_tags`
    (`{{ talk.abstract|markdown|safe }}`: markdown2 escapes the raw HTML under the
    library's default style, `safe_mode="escape"`; not when a settings module sets
    `MARKDOWN_DEUX_STYLES` with a style lacking an escaping `safe_mode`, nor when the
    project defines a `markdown` filter of its own), or by Wagtail's `richtext` filter
    in a template loading `wagtailcore_tags` (`{{ page.body|richtext|safe }}`: Wagtail
    marks the rich text's HTML safe itself, so `|safe` changes nothing; also through
    filters of the project that only re-serialise their input, `{{
    caption|richtext|unwrap|safe }}`, `unwrap` returning its input or `str()` of
    elements BeautifulSoup parsed from it alone; not when the project defines a
    `richtext` filter of its own), or by a filter of the
    project that returns HTML it cleaned (`{{ bio|as_markdown|safe }}`, the filter
    returning `nh3.clean(...)`, also trimmed of white space (`.strip()`), or
    `bleach.linkify()` of what it cleaned first, or Pygments' `highlight(code, lexer,
    formatter)` with `formatter = HtmlFormatter(...)`, which escapes the code, an empty
    input handed back as it came (`if data is None: return data`) aside, or a number it wrote with a numeric
    format beside its own markup, `format(float(area), ".2f") + " m<sup>2</sup>"`, or its
    input escaped with icons of its module's string constants added (`text =
    escape(text)` before any `return` of it, then `f"{YES_ICON}&nbsp;{text[3:]}"`), also
    through a function of its module it returns the result of; or what
    a function of the project that returns so gives: `return render_markdown(text)`,
    or by a filter named for cleaning HTML that the project does not define, an
    extension's: `{{ record.description|sanitize_html()|safe }}`; only a `default` with a
    literal between it and `|safe`, or in a Django template `striptags`, which drops the
    cleaned HTML's tags and keeps its entities: `{{ title|html_sanitize|striptags|safe
    }}`; Jinja's unescapes them; and only in the page's text: inside an attribute value,
    which a `"` the sanitiser keeps in text ends, it is still reported, also inside a
    `{% block %}` a base template places in one, `<meta content="{% block description
    %}{% endblock %}">`), a form field's
    `help_text` (the developer's text, which Django's own form rendering does not escape
    either) or a WTForms field's `description` (`{{ field.description|safe }}` in a form
    macro, `form.email.description`: the text given as the field's `description=`) or
    a form's declared field's label text (`form.size.label.text`; a subfield's, the label
    of a choice, is still reported), also in a form macro every call of which gives its
    field a field a form declares (`{{ label|safe }}` after `{% if not label %}{% set
    label=field.label.text %}{% endif %}`, called as `render_field(form.first_name)`,
    each call giving `label` a literal or nothing) or
    a Django admin fieldset's (`{{ fieldset.description|safe }}` in a copy of the admin's
    `admin/includes/fieldset.html`: the `ModelAdmin.fieldsets` option; its
    `{{ field.contents|safe }}`, there or in an `admin/edit_inline/` copy, is a read-only
    field's value the admin escaped already), the
    configuration drf-spectacular's documentation views hand its templates (`{{
    settings|safe }}`, `schema_auth_names`, `oauth2_config` and `script_url` in a
    project's copy of `drf_spectacular/swagger_ui.html`: JSON of the
    `SPECTACULAR_SETTINGS` the project wrote, which the library's own templates write
    so; likewise `swagger_settings`, `redoc_settings` and `oauth2_config` in a copy of
    drf-yasg's `drf-yasg/redoc.html` or `swagger-ui.html`, JSON of its `SWAGGER_SETTINGS`
    and `REDOC_SETTINGS`, and `drs_settings` and `spec` in a copy of django-rest-swagger's
    `rest_framework_swagger/index.html`, JSON of its settings and the OpenAPI document
    it generates from the project's views), the
    code django-compressor hands its inline templates (`{{ compressed.content|safe }}` in
    a project's copy of `compressor/js_inline.html` or `css_inline.html`: the scripts and
    styles of a `{% compress %}` block, which the page's template rendered, escaping its
    outputs, and the site's own files), the
    CSRF token (`{{ csrf_token|safe }}`: letters and digits), a query string a Django
    template writes with `QueryDict`'s `urlencode` (`?{{ request.GET.urlencode|safe }}`:
    Django calls it, and it percent-encodes all but letters, digits and `_.-~`; Jinja
    would write the bound method, whose text holds the values as sent), a URL Flask's `url_for(...)`
    (or an object's `url_for` method, coaster's `post.url_for("edit")`, which calls it)
    builds written in page text, a double-quoted attribute or a JavaScript string in
    double quotes or backticks (Werkzeug percent-encodes `<`, `>`, `"` and `\\`; not a
    single-quoted one, as it leaves `'` in the query), also one every render of a
    Jinja template passes so built (`<a href="{{ confirm_url|safe }}">` in a mail's template
    that each sender renders with `confirm_url=url_for(".confirm", token=token,
    _external=True)`, or a local bound only to such a call), or string literals joined with
    `+` or `~` to links `url_for` builds from literals alone (`('<a href="' +
    url_for(".support") + '">contact us</a>')|safe`, also in a tag's list: the app's own
    path), a literal or its translation `%`-formatted or `.format()`ed with numbers
    only (also values named for a number or a database key, as each is judged written
    alone: `"kept for {} days".format(limit_days)`), or with such links (`("<a href='%s'>" % url_for("item.form"))|safe`), or
    with such text (`(_('%s projects') % ('<span>%d</span>' %
    group.project_count))|safe`: `%d` writes digits), the numbers being also values an
    `{% if %}` around the output orders against a number or tests with `is number`
    (`{% if brief.missing > 0 %}{{ "{} missing<br>".format(brief.missing)|safe }}`: on
    Python 3 a string or `None` would raise there), a translation of a literal
    message in a Jinja template whose i18n functions the project installs "newstyle"
    (Flask-Babel's or Flask-BabelEx's `init_app`, django-jinja's backend,
    `env.install_gettext_callables(..., newstyle=True)`): they return `Markup` that
    escapes every value put into it, by keyword, `.format()`, `%` or `~` (`{{ _('{actor}
    updated {group}').format(actor=h.actor(activity), group=group.title)|safe }}`, `{{
    gettext('%(name)s wrote', name=user.name)|safe }}`), so `|safe` changes nothing
    (`Markup` a helper returns is its own question); not when a value put in is
    marked safe in the template (`body=comment.body|safe`, `Markup(body)`), nor where
    the project installs them plainly (Jinja's default: a plain `str` that `.format()`
    fills unescaped), gives `_` or `gettext` a Jinja global of its own, or a hand-made
    `Environment` renders the template; however they are installed, also a translation
    every value put into which is escaped in the template, a constant, a URL `url_for`
    builds of literals or markup the template rendered itself (`{{ _('%(icon)s Install',
    icon=menu_icon)|safe }}` after `{% set menu_icon %}<i></i>{% endset %}`, `model=
    name|e`), a Jinja macro's `caller()` (the `{% call %}` block, which autoescape rendered
    as `Markup` already) or a call of a macro the template or a base it extends defines
    or imports (`govukButton({"text": "Publish"})|safe` under a layout's `{% from
    "govuk/components/button/macro.njk" import govukButton %}`: `Markup` the macro's own
    autoescape rendered; what it writes is judged in its template; not when another
    value of the same tag is marked safe), also through a name the same macro (or the
    template's top level) sets only to such calls and literals (`{% set subtree =
    facet_items(item.children) %}`, else `{% set subtree = '' %}`) or through a parameter
    of a macro every call of which gives it one, by position or keyword (`facet_item(item,
    subtree, **kwargs)`: spread keywords cannot give a parameter passed by position), a
    key the database made
    (`{{ object.pk|safe }}`) or a value named as a number the app computed
    (`{{ info.left_pct|safe }}`, `{{ stats.open_count|safe }}`, a date's `{{
    entry.created.day|safe }}`, also written out for the reader's locale, `{{
    item.count_formatted|safe }}`, or read at a constant index,
    `pager.current[0].page_num_formatted`) or the loop's own
    counter or flag (`{{ forloop.counter|safe }}`, Jinja's `{{ loop.index|safe }}`), nor is
    a value an `{% if %}` or `{% elif %}` only tests (`{% if forloop.counter|safe ==
    request.GET.o %}`: it writes nothing), or markup
    the template rendered into a variable itself (`{% capture as name %}`, `{% captureas
    name %}`, Jinja's block
    `{% set name %}`, or a Jinja `{% set %}` of a translation of the author's message
    whose values are escaped, `{% set hello = _("Hello") ~ " " ~ name|e %}`: in Jinja a
    filter binds tighter than `~`, so `|e` escapes `name` alone; a name set to a
    translation of a variable holds that variable's text, which gettext hands back
    untranslated: `{% set notice = _(msg) %}` then `{{ notice|safe }}` is judged as `{{
    msg|safe }}`), `{% translate "..." as name %}`, a message whose values Django
    escapes, `{% blocktranslate with url=link asvar name %}`, bound to nothing else in
    the template, or one of two such names a
    conditional expression chooses: `(icon_a if done else icon_b)`) or bound to string literals
    (`{% cycle '' '</tr><tr>' as row silent %}`), or the language data Django's i18n
    tags give (`{{ lang.name_local|safe }}` after `{% get_language_info for code as lang
    %}`, or in a `{% for %}` over what `{% get_language_info_list %}` or
    `{% get_available_languages %}` binds: Django's own table of language names and the
    `LANGUAGES` setting, whatever code is looked up), or such names and string literals
    joined by Django's `add` (`{{ note|add:"<b>"|add:label|add:"</b>"|safe }}`, each
    name so bound, or led by a literal, which may also join a URL `{% url ... as name %}`
    set or a name a `{% with %}` around it binds to a value a numeric or escaping filter
    ends, `day_iso=event.start|date:"Y-m-d"`, or to the loop's counter made text,
    `n=forloop.counter|stringformat:"s"`; a variable added in, `|add:event.title`,
    is still reported), or such a name written alone (`{{ day_iso|safe }}`, also one
    bound to a query string `QueryDict.urlencode` percent-encoded, joined by `add` to a
    literal or a fixed word: `{% with request.GET|yesno:'?,'|add:request.GET.urlencode
    as params %}`), or an
    item of a literal the template binds itself (`{{ icons[name]|replace("__class__",
    "icon")|safe }}` after `{% set icons = {"close": "<svg>...</svg>"} %}`), or a
    parameter of a Jinja macro to which every call of the macro in the project's templates
    gives a literal or leaves a literal default (`{% macro cell(label, sep="<td>") %}`
    writing `{{ sep|safe }}`, called as `cell(name)`, `cell(name, sep="<th>")` or
    `cell(name, sep)` after `{% set sep = "<td>" %}`; also an item of a component's
    `params` dict each call writes of literals alone: `{{ params.html|safe }}` in a
    footer macro called as `footer({"licence": {"text": "..."}})`), nor, in a Django template that
    other templates include, a name some `{% include %}` hands it as the includer's own
    text and no other way into it sets: bound by the includer to the translation of its
    message (`{% blocktrans with name=round.name asvar message %}...{% endblocktrans %}`,
    whose values Django escapes, or `{% trans "..." as message %}`, before the include
    in the same block or in every branch of an `{% if %}` with an `{% else %}`, outside
    `{% autoescape off %}`, and bound to nothing else in that template), or to markup
    the includer captured itself in the same block (`{% captureas edit_link %}{% url
    "post-edit" %}?post={{ post.pk }}{% endcaptureas %}` in the loop that includes the
    post's partial: autoescape escaped what the body writes; not a body under `{%
    autoescape off %}`), or given a
    literal by its `with`, or left unset by an `only` include; an include that leaves the
    name alone hands on what its includer holds, which is judged the same way, and a
    view that renders the template (or a page including it) must show its context and
    not pass the name, nor an attribute the project
    sets on the request only ever to a value its code wrote (`{{ request.theme|safe }}`,
    a middleware's `request.theme = theme` after `if theme not in THEMES: theme =
    "light"`; or on Flask's `g`, also to Flask-Babel's locale, `g.locale =
    str(get_locale())`), nor the `url`, `uid` or `token` of a djoser email's template (a class
    deriving from `djoser.email`'s, naming it by `template_name`: djoser formats the
    `ACTIVATION_URL` setting with the user's URL-safe id and token, and writes `{{
    url|safe }}` in its own templates), nor the `verification_url` of a
    django-rest-registration e-mail's template (one the `REST_REGISTRATION` setting
    names under `REGISTER_VERIFICATION_EMAIL_TEMPLATES` and the like: the library appends
    the signed data to the configured URL as a query string `urlencode` percent-encodes;
    not when the setting names a builder of the link or the context, or a renderer, of
    the project's own; `email` is the address the visitor typed), nor a flatpage's
    `content` or `title` (`{{
    flatpage.content|safe }}`) in a project installing `django.contrib.flatpages` where
    no view of its own renders the template with a `flatpage`: Django's flatpage view
    marks both safe itself, HTML the site's staff write in the admin (so too of the
    pages Django's `{% get_flatpages ... as pages %}` tag lists: `{{
    pages.0.content|safe }}`, `page.content` in a `{% for page in pages %}`), nor, in a
    Jinja template, a message Flask's `get_flashed_messages()` lists (`{{ msg|safe }}` in
    a `{% for category, msg in messages %}` over `{% with messages =
    get_flashed_messages(with_categories=True) %}`) when every `flash()` call of the
    project is given the developer's text (a string literal, a translation of one given
    nothing to fill in, `Markup` of one) and no extension flashing user data is used
    (Flask-Security, Flask-User, Flask-Admin, Flask-AppBuilder), nor a Django message
    written only for a tag (`{% if 'safe' in message.tags %}{{ message|safe }}{% else
    %}{{ message }}{% endif %}`) when no call of the project stores a message with that
    tag (`messages.info(request, text, extra_tags="safe")`), so the branch writes none,
    nor a mail's
    subject or text body: a
    template in an `email/` or `emails/` folder (or one whose name ends in the word,
    `notify_email/`) that has no HTML tag and extends no other
    (`emails/alert-subject.html`), which no browser renders. A mail's HTML body (a
    template of such a folder, or one with Outlook's conditional markup, or one extending
    such a template, `{% extends "email_base.html" %}` in `manage/_email_approval.html`,
    whose output lands in the mail's layout) is reported at
    the rule's own level even when a view passes it request data (a relay wrapping the
    HTML of each mail it receives): a mail client shows it and runs no script of it,
    so it is markup injected into a mail, not into a page of the site. Nor, in a Django
    template, a `|safe` followed by a filter of the project whose result Django escapes
    (`{{ code|safe|country_name }}`, the filter registered without `is_safe`, returning a
    new string it does not mark safe) or by Django's `escapejs`
    (`{{ name|safe|escapejs }}` in a script's string: it writes `<`, `&`, quotes and `=`
    as `\\u` escapes, so no tag or attribute can start), or a `|safe` right after
    `escapejs` (`'{{ context|escapejs|safe }}'`: what `escapejs` writes holds nothing
    HTML escaping would change); nor, in a Jinja template, a `|safe` followed by Jinja's
    `striptags` (`{{ label|safe|striptags }}`: it returns plain text, not `Markup`,
    which autoescape escapes); nor a `|safe` followed by a filter that cleans or
    escapes whatever it is given, marked or not (`{{ finding.title|safe|bleach }}`,
    django-bleach's `bleach`; `force_escape`, `forceescape`, `urlencode`; not
    `escape`, which leaves a marked value as it is). When the view that renders the
    template (a Wagtail page's `get_context` for the page's `template`, or Wagtail's
    default `<app_label>/<class_name>.html`, counts as one)
    passes a value made from request data (or a dict it builds with such a value under
    one of its keys, read whole: `{{ context_vars|to_json|safe }}` after
    `{"context_vars": {"sort": request.GET.get("sort")}}`), the finding is raised to high
    severity and confidence, with the flow (the confidence stays medium when the value
    is request data only through a call webwarden does not model, a record an API
    client fetched by an id the request gave; not for a URL parameter it passes only in
    the body of an `if` requiring it to equal a value the request did not choose, `if
    app.name == name:` in a loop over the app's registered pages: it holds that value; nor
    for the posted body of a view that refuses a POST without the CSRF token before it
    runs: `request.form` or `request.files` of a Flask view that Flask-WTF's
    `CSRFProtect` does not exempt or a `before_request` hook of the project checks the
    token for; `request.POST`, `request.FILES` or `request.body` (or the form a form
    view's `form_valid(form)` is handed, which Django's `FormMixin` binds to them) of a Django view that
    `CsrfViewMiddleware`, in the `MIDDLEWARE` of every settings module judged, checks
    (no module of the project turning the check off, `request._dont_enforce_csrf_checks
    = True`; not `@csrf_exempt`, not REST framework's, whose session authentication checks the
    token of a logged-in session only); another site cannot send that body, so the page
    shows the user only what they sent themselves; nor for any request data of a Django
    view every route to which refuses first every request without a header only a
    script sends, or acts only for one: `if request.is_ajax():` as its whole body, with
    no `else`, jQuery's `X-Requested-With`, a token `Authorization`: another site's link
    or form cannot make the browser send it, and the page it renders is the answer to the
    site's own script). A function taking `request` first that no
    route serves but views call (`render_message(request, text)`, also through a local
    of the caller bound to it, `controller = handler or render_page`, then wrapped,
    `controller = login_required()(controller)`, and called) is a helper, not a
    view: its parameters are what each caller hands it, not URL parameters. A Flask
    view renders also through an imported wrapper of `render_template` named for it
    (`from dmutils.flask import timed_render_template as render_template`), whose
    context is taken to hold names the call does not show. In a tag (`{% with note =
    "<a href='mailto:{a}'>{a}</a>".format(a=address)|safe, day = row.day|dateformat %}`)
    only what the marked operand reads is judged (`address`, the configuration the view
    passes: not reported; in Django, the variables its `add` filters join, `guide.url`
    of `'<a href="'|add:guide.url|add:'">'|safe` in a `{% blocktrans with %}`), not the
    tag's other values, which autoescape writes.

    ## Why is this bad?
    `safe` switches autoescaping off for that value: whatever HTML it holds is written
    into the page as is. If any part of it comes from a user (a comment, a profile
    field, a query parameter), that user can run script in other users' browsers
    (cross-site scripting) and act as them.

    ## Known problems
    HTML that the application builds itself or cleans with an HTML sanitiser (`bleach`,
    `nh3`) is safe to mark; webwarden cannot see that from the template, so the finding
    has medium confidence unless the value comes from the request. Suppress it with
    `{# webwarden: ignore[WW550] sanitised in a pre_save handler #}` on the same line. A value
    that every view rendering the template passes as HTML it cleaned or escaped itself
    (`context["body"] = bleach.clean(text)`, `escape(...)`, `render_to_string(...)`,
    such HTML with its URLs made links, `urlize(nh3.clean(text))` or `bleach.linkify(...)`, not
    a template of a Jinja `Environment(...)` made there without `autoescape`, a
    function named for cleaning HTML, a function of the view's module every `return`
    of which gives such HTML, `exports_inline(request)` returning
    `render_to_string(...)`, PyOTP's percent-encoded `provisioning_uri(...)`,
    a URL `reverse()` fills with literals only, `reverse("admin:help", args=["org_id"])`)
    or passes as a number, a boolean or a plain word, or JSON of such values under
    fixed keys (`json.dumps({"can_edit": user.has_perm("notes.change_note")})`, also a
    list the view builds of such dicts, `rows = []` then `rows.append({"day": day})`;
    not when anything it appends, or a key it sets on such a dict, is another value),
    or wrote itself (a local every assignment of which is a string literal, `None`, a
    number or a translated string, `_("<b>Note:</b> ...")`, or such parts
    joined: `"https://example.com/install?" + urlencode(params)`, or filled into a
    literal with `%` or `.format()`: `'<a href="%s">admin</a>' % admin_url`, a local
    assigned such a `reverse()`, or Markdown of the author's text rendered to HTML:
    `markdown(SearchEngine.__doc__)`, a docstring or a literal, or what a method every
    `return` of which gives such text returns: `self.language_link(request)`, the method
    of the view's class or of the first of its bases, in any module, defining it, or
    `Links().language_link(request)`) or took from the
    deployment's configuration (`context["notice"] = settings.NOTICE_HTML`, an item of
    a setting by a literal key, `settings.HUBSPOT.get("FORM_ID")`, the JSON of a dict of
    such values and tests of them, `json.dumps({"OTP": "otp" in settings.INSTALLED_APPS})`,
    by any library's `dumps` or the project's wrapper of one, also of what a function
    of the project, in any module, returns when every `return` of it gives such a value
    or the result of another such function, `json.dumps(client_settings())`, Django's
    settings object itself, `{"settings": settings}` read as `settings.WELCOME_HTML`, a Flask
    app's `app.config["FOOTER_HTML"]`, or the content of a file whose path is made of
    such items and literals only, `(Path(app.config["USER_DIR"]) /
    app.config["JS_EXTENSION"]).open().read()`, also through a local holding the path or
    the file a `with` opened, `path = settings.BASE_DIR / "docs/intro.html"` then `with
    path.open() as f: content = f.read()`: the operator's text as a context processor's
    is) or from a Django app's `AppConfig` the view looks up by a literal
    label (`apps.get_app_config("timeline").entries`, or its `json.dumps(...)`: what the
    class or its `ready()` set once at start-up, entries loaded from the app's own files)
    is not reported (a class-based view's names are those its `get_context_data` adds, a
    Django form widget's those its `get_context` sets for its `template_name`, items of
    the `widget` dict included: `context["widget"]["script"] = self.render_script(name)`
    of a method returning `render_to_string(...)`,
    or that of a base class of the project in any module, and those its `get` or `post`
    adds to the context it hands
    `self.render_to_response(context)`; a Jinja `{% include %}` hands the included
    template every name its includer binds nowhere, by `set`, `for`, `with`, a macro's
    parameters or an import; a Django `{% include %}` inside the includer's `{% for
    resource in resources.values %}` hands it an item of that variable, so the included
    template's `{{ resource.description|safe }}` is judged as the includer's
    `resources`, when the loop's name is bound by no other tag of the includer and the
    loop goes over a variable with no filter), also when some Flask view renders the template
    itself passing no value of that name, which Jinja writes as nothing
    (`render_template("login.html")` beside `render_template("login.html", msg="Wrong
    password")`; unless a Jinja global or a context processor, or one returning keys no
    one can tell, may give one), or some Django view renders it with `render(request,
    "index.html", context)` (or `render_to_string`) passing none, which Django writes as
    nothing too, when every context processor the `TEMPLATES` setting lists is Django's,
    python-social-auth's, Wagtail's `settings` or the project's own, none giving one (not
    a `TemplateResponse`, whose context a middleware may still fill) (a model admin's `change_form_template` and its
    other template options count as rendered by the admin, given the `extra_context` its
    view overrides build, themselves or by a method of the class they call, or a dict
    display the class body binds and no method changes: `extra_context["guide"] =
    self.guide`, each key holding its value); nor is a
    name that every render of the template so leaves undefined (`{{ banner|safe }}` in a
    second-factor page copied from the login page, whose views pass no `banner`), nor is
    an attribute that every class
    of the project defining one of that name builds as escaped HTML (a model's property
    returning `format_html(...)`, also through a function it defines and calls, or kept in
    a cache that gives back what the method stored (`hit = cache.get(key)`, `fresh =
    build()`, `cache.set(key, fresh)`), a method returning an item of a table of a class or
    of a module's constant, `Status.colours.get(self.status)`, or `to_table()` returning
    `render_to_string(...)` in each subclass of a base declaring it abstract: `@abstractmethod`, or a body that only
    raises `NotImplementedError`, which gives nothing a template reads; in a Flask
    module rendering templates, also a member its methods set on `self` only to escaped
    HTML: `self.detailed_msg = ""`, then `self.detailed_msg = render_template_string(
    "<td>{{ name }}</td>", name=...)`, a template in the code Flask autoescapes; a value
    code outside the class writes into the member is not followed) or declares as a model field that cleans the HTML it
    holds (django-bleach's `BleachField()`, django-prose-editor's
    `SanitizedProseEditorField()` or `ProseEditorField(sanitize=True)`, Wagtail's
    `RichTextField()` or a StreamField block's `RichTextBlock()` not given an `editor=`
    of the project's settings (its editor widget builds the HTML it stores with only the
    elements and link schemes of the editor's features: `{{ page.bio|safe }}` leaves
    internal links unexpanded, no more), Mezzanine's `RichTextField()`, which cleans
    what a form validates with bleach, also the `content` a model inherits from
    Mezzanine's `RichText` mixin or `RichTextPage` (`{{ page.category.content|safe }}`,
    `{{ product.content|richtext_filters|safe }}`; not where a settings module sets
    `RICHTEXT_FILTER_LEVEL` to Mezzanine's "no filtering", `3`, or to a value not
    known, nor in a model declaring its own `content`), django CMS's text field
    (djangocms-text-ckeditor's or djangocms-text's `HTMLField()`, which cleans what a
    form validates with html5lib's sanitiser; not where a settings module sets
    `TEXT_HTML_SANITIZE` to anything but `True`), also read through django-parler's
    `TranslatedField()`, which leaves the verdict to the translations model's field of
    the same name (`{{ product.caption|safe }}` over `caption = HTMLField()` there), or the project's
    own subclass of one, wherever it is defined, that keeps its parent's `pre_save`:
    `class RichTextField(BleachField)` only changing its form field; a factory_boy
    factory's `answer = factory.Faker("text")` defines no attribute a template reads), or a SQLAlchemy
    column a `@validates("content")` method of its model cleans (each value it returns
    is sanitised, or the value given when that is empty: `if value: return
    sanitize_html(value)`, then `return value`; a bulk `query.update()` skipping the
    validator is not followed), or a column a SQLAlchemy `"set"` listener on another
    column of the model fills (`db.event.listen(Post.body, "set", Post.on_changed_body)`
    or `@event.listens_for(Post.body, "set")`, the listener setting `target.body_html =
    bleach.clean(markdown(value), ...)` in its body's own statements and nowhere
    else to anything but cleaned HTML; code setting the column itself is not looked
    for), also read on an item of a container (`{{ feeds[feed.id].title|safe }}`: the
    key only picks the row, and is not written); such an attribute of a name every view
    rendering the template passes as a row it looked up (`event =
    get_object_or_404(Event, slug=slug)`, `Event.objects.filter(...).get(...)`) is
    judged on that model's own declaration alone, also through a package re-exporting
    the model, whatever other classes declare under the name (a mail log's plain
    `text = models.TextField()`); a value some
    view passes as is, one an included
    template is handed by its `with` or bound by its includer (an `{% include ... with
    %}`, a `{% for %}` around it; a plain Django `{% include %}` hands on the value the
    view passed, which is judged as above), an attribute
    named like a field or like a method of another class that does not escape, or a key of a
    dict a view passes in its place, still is. Nor is a field the model's own `save()`
    sets, in its body's own statements before the one that saves, to HTML it cleaned
    (`self.body_html = sanitize_markdown(self.body)`, or a method of the class every
    `return` of which gives such HTML: Pygments' `highlight(code, lexer,
    HtmlFormatter())`, which escapes the code), whatever a form set it to before; one
    set under an `if`, or after `super().save()`, still is (a bulk `QuerySet.update()`,
    which skips `save()`, is not followed). Nor is an output made only of the app's own text: translations of the author's
    literals (also by Flask-Admin's `_gettext` and `_ngettext`, which its views hand the
    templates they render), URLs `url_for` built, and Jinja globals or Django or Flask context
    processors' names the project sets to configuration or its own literals
    (`app.jinja_env.globals["version"] = version.__version__`, `return {"BANNER":
    settings.BANNER}` in `context_processors.py`, or its `json.dumps(...)`, a function
    under `@app.context_processor` returning `dict(icon="<svg>...</svg>")`, also one an
    app factory or a set-up function defines in its body, a local of it bound once
    counting as its value, and the content of a file whose path is made of
    configuration and literals that a function of the project it hands the path to
    reads and returns (`credits = local_info.read_html(app.config["LOCAL_DIR"] /
    "credits.html")`, `read_html(fname)` returning the file's stripped text or `None`;
    not one reading a path of its own choosing); Flask's own
    `config` global, the app's configuration, also when the app is made from a
    project's own subclass of `Flask` or of a library's app class deriving from it
    (`class NewsApp(eve.Eve)`, `APIFlask`); Flask-Webpack's `javascript_tag(...)` and
    `stylesheet_tag(...)` in a project importing `flask_webpack`, the tags for the
    paths its build's manifest gives the names handed to them (which are judged as
    outputs of their own: `javascript_tag(bundle)` of a `bundle` the request names is
    still reported); the entries of Flask-Menu's
    `current_menu` when every text the project registers for one is fixed when the app is
    set up, `.register("index", text=_("<i class='home icon'></i> Home"))`, not a
    `lambda` or the request's data) that
    no view passes but as configuration too (`{"settings": settings}`)
    (`{{ gettext("Powered by <b>{v}</b>").format(v=version)|safe }}`, `{{ BANNER|safe }}`),
    or a name the template set before with a simple tag of the project every `return` of
    which is a setting or a constant (`{% docs_link as link %}` then `{{ link|safe }}`,
    the tag returning `settings.DOCS_URL`, or the setting its argument names, `return
    getattr(settings, name)`, also of an object a settings module of the project defines:
    an app's settings with their defaults, `from shop.settings import shop_settings`),
    nor a Jinja global of the project given
    literal arguments only that returns the content of the file they name (`{{
    inline_svg("icons/close.svg")|safe }}`, `inline_svg(name)` returning
    `open(os.path.join(app.static_folder, name)).read()`): a file of the app, as an
    `{% include %}` would write it, or that builds its result only from those
    arguments, literals, settings and a file whose path is made of settings and
    literals (`{{ tags_for_js_chunks("app.js", "")|safe }}`, a django-jinja
    `@library.global_function` looking the bundle up in
    `json.load(open(settings.DIST_DIR + "/manifest.json"))` and returning
    `format_html(...)` of `<script>` tags: the app's build output, as Flask-Webpack's
    tags; a database row or the request mixed in, or a path the caller names, still
    is reported); nor a call of a Jinja global of the project
    (`app.add_template_global(hash_string, "hash")`, `@app.template_global()`, or a
    function a context processor returns: `{"markdown": text.render}`) every
    function of which returns a digest's `hexdigest()` or a number, whatever it is
    handed (`{{ hash(session["user"])|safe }}`: hex digits), or markup that escaped
    what it was handed (`{{ user_link(name)|safe }}` with `user_link` returning
    `Markup('<a href="/u/{0}">{0}</a>').format(name)`, `Markup("...") % value` or
    `escape(value)`), or HTML misaka's `SaferHtmlRenderer` (or a subclass that writes
    no raw HTML and whose `check_url` does not accept every URL) rendered through a
    module-level `misaka.Markdown`: it drops or escapes raw tags and writes only the
    links `check_url` accepts; or a dict whose item the template reads is such markup (`{{
    button(x)["display"]|safe }}`; an item given as it was handed still is reported).
    Nor a `|safe` right after a filter of the project every `return` of which gives text
    made only of parts no user chooses (`{{ user.email|avatar(16, css_class="round")|safe
    }}` over `'<img class="%s" src="%s">' % (class_string, avatar_url(email, size))`):
    literals, numbers, tests, a digest's `hexdigest()` or a UUID, a date written out
    (`strftime()`, `isoformat()`, arrow's `humanize()`), a value escaped (`escape(x)`,
    `Markup("...").format(x)` or `Markup("...") % x`) or percent-encoded (`urlencode`,
    `quote`), a module constant or configuration, an item a module constant table of such
    values gives (`CLASSES.get(state, "other")`, not with the input as the default), a parameter the template gives a
    literal or leaves at its literal default (`css_class="round"`), and what a function
    of the project (of its module or another, followed up to four calls deep) makes of
    such parts; a `return` under `if flag:` of a parameter with a falsy default
    (`dns=False`) counts only where a caller gives the flag. A filter writing its input,
    or a parameter the template fills with a variable, as it came (`author.name`,
    `css_class=user.theme`), or a database row's text or a library's answer
    (`account.display_name`), is still reported.
    Nor, in a template that a django-crispy-forms layout object of the project renders
    and no view does (`TabHolder(..., template="tab.html")`, `template="%s/layout/
    pills.html"` with the pack's place, a subclass's `template = "switch.html"`, a
    layout slice's `helper["assignments"].wrap(Field, template="field.html")`, or the
    project's copy of a pack's own template, `bootstrap5/layout/div.html`, in a project
    using crispy, also of a pack the project names itself: `CRISPY_TEMPLATE_PACK`,
    `CRISPY_ALLOWED_TEMPLATE_PACKS` or a form helper's `template_pack = "house"` make
    `house/layout/div.html` one), is the markup the layout hands it: the fields it
    rendered (`{{ fields|safe }}`, a button holder's `fields_output`), a tab holder's
    `links` and `content`, a fieldset's `legend`, an alert's `content` and a button's
    `button.content` (the developer's markup) and the attributes `flatatt()` wrote with
    their values escaped (`{{ div.flat_attrs|safe }}`, also the field's or the form's
    `flat_attrs` in a copy of one of the pack's field or form templates,
    `bootstrap4/layout/radioselect.html`, `bootstrap4/field.html`), as crispy's own
    templates write them; the field's `label` and its value are still reported.
    A bound form (Django's or WTForms') a view passes does not raise the finding: its
    fields render as widgets the form library escapes (`{{ form.title|safe }}`,
    `{{ field.label_tag()|safe }}` in Jinja2), though its `cleaned_data` or a field's
    `value()` is the request's text; those stay at medium. A Django form or bound field
    rendered by its own methods (`field.label_tag()`, `form.as_p`,
    `form.hidden_fields()|join`, also reached by an item or through a filter of the
    project: `form.forms["general"].as_table()`, `(field|add_class("x")).as_widget()`),
    a bound field a loop over a Django form's `hidden_fields()` or `visible_fields()`,
    or over a formset's `management_form`, binds (`{% for fld in form.hidden_fields()
    %}{{ fld|safe }}`: it writes its widget; not its `value()` or `data`), or a WTForms
    field or subfield called
    (`form.email(class_="x")`, also one a loop over a form or a field binds:
    `{% for option in form.size %}{{ option()|safe }}`), is not reported at all: that HTML
    is the form's, escaped.
    Nor do the rows of a database query the request only chose
    (`for doc in Document.objects.filter(...)`, the rows' own methods) raise it, nor the
    rest of a value on which the view set request data as an attribute
    (`page.url = build_url(request)` on a page of rows raises `{{ page.url|safe }}`, not
    the rows the template loops over), nor an item the view sets on a dict of request
    data it passes (`info = dict(request.args)`, then `info["stats"] = Stats()`: `{{
    info.stats.summary()|safe }}` reads the item, not the query string).
    A search hit's highlighted fragments (`{{ hit.meta.highlight.title.0|safe }}`,
    `result.highlights.body`) are not reported when every Elasticsearch highlight the
    project sets up has `encoder="html"`: Elasticsearch then escapes the text and adds
    only the project's highlight tags. One set up with the default encoder, which hands
    the stored text back as is, keeps them all reported. Whoosh's `hit.highlights(...)`
    counts as such an escaping set-up when the project leaves its formatter at Whoosh's
    `HtmlFormatter` (which escapes the text), not when it sets one of its own.
    A django-markupfield field's rendered HTML (`{{ post.body.rendered|safe }}`, no
    filter before `|safe`) is not reported when every renderer the project gives
    the field cleans the HTML it makes: those of its `markup_choices=` if a field of that
    name has them, else those of the `MARKUP_FIELD_TYPES` setting (`lambda text:
    nh3.clean(markdown(text))`, a function of the module returning such HTML, or a
    factory wrapping each default renderer, `[(name, _sanitizing(render), *rest) for
    name, render, *rest in DEFAULT_MARKUP_TYPES]`). Without the setting, markupfield's
    own renderers keep the author's HTML: still reported, as is every field of a name
    some field renders with a raw renderer (`markup_choices=RENDERERS` holding
    `cmarkgfm.github_flavored_markdown_to_html`), unless the variable holding it is
    named for a model declaring the field (`{{ story.content.rendered|safe }}` with
    `class Story` declaring `content = MarkupField()`, as Django's `DetailView` names its
    object): that model's renderers decide.
    Jinja2's `{% filter safe %}` block is not reported: with autoescaping on, the block's
    content is escaped before the filter runs. Django rejects `{% filter safe %}`
    itself (a WW000 syntax error).
    A template of plain text (no HTML tag, extending, including or importing none: a
    macro writes HTML) that no view renders and no
    template extends or includes, in a project whose other renders webwarden sees, is
    not reported: it is a message's text a notifier renders (`render_to_string(
    "sms_message.html", ctx)` for an SMS, a chat or a push), not a page.

    ## Example
    ```html
    <h1>Results for {{ query|safe }}</h1>
    ```

    ## Fix
    ```html
    <h1>Results for {{ query }}</h1>
    ```
    Data a `<script>` reads is written with Django's `json_script` or Jinja's `|tojson`
    (and, in a JavaScript string, Django's `|escapejs`), which escape `<`, `>` and `&`:
    the finding's fix says which where the value lands in a script.

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Django: the safe filter](https://docs.djangoproject.com/en/stable/ref/templates/builtins/#safe)
    - [Jinja2: working with automatic escaping](https://jinja.palletsprojects.com/en/stable/templates/#working-with-automatic-escaping)
    - [Flask: Jinja setup and autoescaping](https://flask.palletsprojects.com/en/stable/templating/#controlling-autoescaping)
    """

    code = "WW550"
    name = "template-safe-filter"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 79
    message = "`{operand}|{filter}` writes `{operand}` into the page without HTML escaping"
    fix = "drop `|{filter}`, or clean the HTML with a sanitiser ({how}) before marking it safe"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    escalates = True
    safe_kinds = frozenset({"html"})
    form_fields_escaped = True

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        if not template.is_html or plain_text_mail(template):
            return  # NOTE: `|safe` keeps `&` and quotes as written in a text mail
        how = by_dialect(template, "`nh3.clean` then `Markup`", "`nh3.clean` then `mark_safe`")
        mail = mail_document(template)
        # NOTE: Jinja's `tojson` and Django's `json_script` escape `<`, `>` and `&`, and
        # their output is marked safe already: a `|safe` after them changes nothing.
        json_filter = (by_dialect(template, "tojson", "json_script"),)
        captured = _captured(template)
        inert: Spans | None = None  # NOTE: worked out only when a Django output needs it
        languages: Spans | None = None  # NOTE: likewise
        constants = template_constants(template)
        macros = bound_macros(template)
        flatpages = listed_flatpages(template) if template.dialect is Dialect.DJANGO else []
        deux: bool | None = None  # NOTE: worked out only when a `markdown` filter is marked
        wagtail: bool | None = None  # NOTE: likewise, for a `richtext` filter
        flashed: Spans | None = None  # NOTE: likewise, for a Jinja output of a name alone
        rendered: _MacroRendered | None = None  # NOTE: likewise, for names set to macro calls
        for node in template.nodes:
            if node.kind not in (NodeKind.VAR, NodeKind.TAG) or node.expression is None:
                continue
            if node.kind is NodeKind.TAG and node.tag in _TESTING_TAGS:
                continue  # NOTE: `{% if x|safe == y %}` tests the value, writes nothing
            for use in node.expression.uses:
                if use.name not in SAFE_MARKERS or use.literal:
                    continue
                if set(use.after) & (HTML_ESCAPERS | _SANITISING) or use.after[-1:] == json_filter:
                    continue
                if template.dialect is Dialect.DJANGO and (
                    _js_escaped_last(node.expression) or use.after[-1:] == (_JS_ESCAPER,)
                ):
                    continue  # NOTE: no `<`, `&`, quote or `=` is left to start markup
                if use.after and use.after[-1] in _AUTOESCAPING:
                    continue  # NOTE: escaped its input already (autoescape is on here)
                if (
                    template.dialect is Dialect.DJANGO
                    and use.after[-1:] == (_DJANGO_JOIN,)
                    and node.start not in template.escape_off
                ):
                    continue  # NOTE: each item and the separator escaped, the result marked safe
                if template.dialect is Dialect.JINJA and _plain_text_last(node.expression):
                    continue  # NOTE: the output is a plain `str` again, which Jinja escapes
                if _cleaned_last(node.expression):
                    continue  # NOTE: `x|safe|bleach`: cleaned or escaped after the marking
                if (
                    template.dialect is Dialect.JINJA
                    and not use.after
                    and rendered_field(template, use.operand, node.start)
                ):
                    continue
                if set(use.after) <= {"join"} and _FORM_RENDERING.match(use.operand):
                    continue
                if not use.after and bound_field(template, use.operand, node.start):
                    continue  # NOTE: a bound field writes its widget, escaped
                if not use.after and use.operand.endswith(".help_text"):
                    continue  # NOTE: a form field's help text, written by the developer
                if (
                    template.dialect is Dialect.JINJA
                    and not use.after
                    and developer_text(use.operand)
                ):
                    continue
                if (
                    template.dialect is Dialect.DJANGO
                    and not use.after
                    and use.operand.strip() == "fieldset.description"
                    and _ADMIN_FIELDSET.search(template.relpath)
                ):
                    continue
                if (
                    template.dialect is Dialect.DJANGO
                    and not use.after
                    and use.operand.strip() == "field.contents"
                    and _ADMIN_READONLY.search(template.relpath)
                ):
                    continue  # NOTE: escaped by the admin already: `|safe` changes nothing
                if (
                    template.dialect is Dialect.DJANGO
                    and not use.after
                    and _api_docs_configuration(template.relpath, use.operand)
                ):
                    continue  # NOTE: the deployment's configuration, as the package writes it
                if (
                    template.dialect is Dialect.DJANGO
                    and not use.after
                    and use.operand.strip() in _COMPRESSED_CONTENT
                    and _COMPRESSOR_INLINE.search(template.relpath)
                ):
                    continue  # NOTE: the page's own scripts and styles, compressed
                if (
                    not use.after
                    and _PATH.match(_CONSTANT_INDEX.sub(r".\1", use.operand))
                    and (
                        database_key(use.operand)
                        or measure_name(use.operand)
                        or loop_number(template.dialect, use.operand)
                    )
                ):
                    continue  # NOTE: a key the database made, a count, a loop's counter: a number
                if not use.after and _CSRF_TOKEN.match(use.operand):
                    continue
                if (
                    flatpages
                    and not use.after
                    and flatpage_text(use.operand, flatpages, node.start)
                ):
                    continue  # NOTE: staff-written page HTML, as the flatpage view renders it
                if (
                    template.dialect is Dialect.JINJA
                    and not use.after
                    and authored_markup(use.operand, numbers_tested(template, node))
                ):
                    continue  # NOTE: escaped by Jinja, or the author's markup and routes
                if template.dialect is Dialect.JINJA and escaped_translation(use.operand, captured):
                    continue  # NOTE: the author's message given escaped values or its own
                if (
                    not use.after
                    and _URL_FOR.match(use.operand)
                    and quoted_url_fits(template, node)
                ):
                    continue  # NOTE: Werkzeug percent-encodes `<`, `>`, `"` and `\\` it builds
                if (
                    template.dialect is Dialect.JINJA
                    and not use.after
                    and macro_source(called_name(use.operand), macros) is not None
                ):
                    continue  # NOTE: a macro's output, `Markup` its own autoescape rendered
                if not use.after and (
                    use.operand in captured or _chosen_among(use.operand, captured)
                ):
                    continue  # NOTE: markup this template rendered itself, its outputs escaped
                if template.dialect is Dialect.JINJA and not use.after and use.root:
                    if rendered is None:
                        rendered = _MacroRendered.of(template, macros)
                    if rendered.holds(use.operand.strip(), node.start):
                        continue  # NOTE: a macro's output, `Markup` its autoescape rendered
                if _constant_item(use.operand, constants, node.start):
                    continue
                if _joined_from(use, node.expression.uses, captured):
                    continue
                if (
                    template.dialect is Dialect.DJANGO
                    and not use.after
                    and encoded_query(use.operand)
                ):
                    continue  # NOTE: Django calls `QueryDict.urlencode()`: percent-encoded text
                if template.dialect is Dialect.DJANGO and (use.root is None or not use.after):
                    if inert is None:
                        inert = inert_bindings(template)
                    here = captured | inert_at(inert, node.start)
                    if not use.after and use.operand.strip() in here:
                        continue  # NOTE: a name a `{% with %}` around it binds to plain text
                    if use.root is None and _joined_from(use, node.expression.uses, here):
                        continue
                if template.dialect is Dialect.DJANGO and _PATH.match(use.operand):
                    if languages is None:
                        languages = language_bindings(template)
                    if use.operand.split(".")[0].strip() in inert_at(languages, node.start):
                        continue  # NOTE: Django's table of languages or the `LANGUAGES` setting
                operand = " ".join(use.operand.split()).replace(" . ", ".")
                finding = self.at(template, node, operand=operand, filter=use.name, how=how)
                advice = script_fix(template, node, operand, use.name)
                if advice is not None:
                    finding = dataclasses.replace(finding, fix=advice)
                if mail:
                    finding = dataclasses.replace(finding, tags=(*finding.tags, IN_MAIL))
                if template.dialect is Dialect.DJANGO and DEUX_FILTER in use.after:
                    if deux is None:
                        deux = loads_markdown_deux(template)
                    if deux:
                        finding = dataclasses.replace(finding, tags=(*finding.tags, DEUX_TAG))
                if template.dialect is Dialect.DJANGO and _RICH_TEXT in use.after:
                    if wagtail is None:
                        wagtail = loads_filter(template, _WAGTAIL_LIBRARY, _RICH_TEXT)
                    if wagtail:
                        finding = dataclasses.replace(finding, tags=(*finding.tags, RICH_TEXT_TAG))
                called = (
                    escaping_translation(use.operand)
                    if template.dialect is Dialect.JINJA and node.start not in template.escape_off
                    else frozenset()
                )
                if called:
                    tag = TRANSLATION_TAG + ",".join(sorted(called))
                    finding = dataclasses.replace(finding, tags=(*finding.tags, tag))
                if template.dialect is Dialect.JINJA and not use.after and _PATH.match(operand):
                    if flashed is None:
                        flashed = flashed_bindings(template)
                    if operand in inert_at(flashed, node.start):
                        finding = dataclasses.replace(finding, tags=(*finding.tags, FLASHED_TAG))
                    if operand in rebound_parameters(template, node.start):
                        tag = REBOUND_TAG + operand
                        finding = dataclasses.replace(finding, tags=(*finding.tags, tag))
                item = _ITEM_ATTRIBUTE.match(use.operand)
                if item is not None:
                    path = item["root"] + "".join(item["rest"].split())
                    finding = dataclasses.replace(
                        finding, tags=(*finding.tags, ITEM_ATTRIBUTE_TAG + path)
                    )
                own = given_arguments(template, use, node.expression.uses)
                if own is not None:
                    finding = dataclasses.replace(finding, tags=(*finding.tags, own))
                yield finding

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """Every view rendering the template passes the marked value as HTML it escaped or
        cleaned itself (`context["body"] = bleach.clean(text)`) or within a form it made
        (`{{ form.email|safe }}`, `form = LoginForm()`), the value is an
        attribute every class of the project builds so (`return format_html(...)`), or
        every view passes it as a number, a boolean, a plain word or JSON of such flags
        (`json.dumps({"can_edit": user.has_perm(...)})`), or
        it is a search hit's highlighted fragments and the project has Elasticsearch
        escape them (`encoder="html"` wherever it sets up highlighting), or it is markup
        a django-crispy-forms layout object of the project hands the template it renders
        (`{{ fields|safe }}` in the `template=` of an `AccordionGroup`), or a
        django-markupfield field's `rendered` HTML whose renderers all clean it, or the
        page `django.contrib.flatpages` renders (`flatpage.content`), marked safe by
        Django already."""
        model, where = project.templates, finding.location
        if model is None:
            return False
        if _escaped_again(model, where) or _unreached_text(model, where.path):
            return True
        if _newstyle_translation(model, finding):
            return True
        if _cleaned_first(model, where):
            return True
        if DEUX_TAG in finding.tags and _markdown_deux_first(project, model, where):
            return True
        if RICH_TEXT_TAG in finding.tags and _rich_text_first(model, where):
            return True
        if FLASHED_TAG in finding.tags and model.flashes_authored():
            return True
        if _escaped_item_attribute(model, finding):
            return True
        if _untagged_message(project, model, where):
            return True
        if app_text_only(model, where, SAFE_MARKERS) or inert_only(model, where, SAFE_MARKERS):
            return True
        output = output_at(model, where)
        if output is not None and model.app_file_call(where.path, output):
            return True
        paths = output_paths(model, where.path, where.line, where.column, marked=SAFE_MARKERS)
        if paths and all(model.literal_argument(where.path, where.line, p) for p in paths):
            return True
        if _macro_output_argument(model, where, paths):
            return True
        if _field_label_default(model, finding, paths):
            return True
        if paths and all(model.code_written_request_attribute(where.path, p) for p in paths):
            return True
        if paths and all(model.authored_by_includers(where.path, p) for p in paths):
            return True
        if flatpage_markup(project, model, where.path, paths):
            return True
        if model.highlights_escaped and _covered(paths, [p for p in paths if _search_highlight(p)]):
            return True
        if _markup_rendered(model, where, paths):
            return True
        if _macro_output(model, where) or _digest_output(model, where):
            return True
        if _escaped_output(model, where) or inert_filter_output(model, finding):
            return True
        # NOTE: a global called (`javascript_tag("app")`) that no render passes is given
        # by something webwarden does not see; a plain name may just be left undefined.
        unset = output is not None and not output.returned
        url_fits = _writes_flask_url(model, where, output)
        escaped = [
            path
            for path in paths
            if model.cleaned(where.path, path)
            or (url_fits and model.built_url(where.path, path))
            or (unset and model.left_unset(where.path, path))
            or model.escaped_attribute(where.path, path)
            or model.renders_form(where.path, path)
            or model.layout_markup(where.path, path)
        ]
        return _covered(paths, escaped)


def _writes_flask_url(model: TemplateModel, where: Location, output: OutputFact | None) -> bool:
    """Whether a Jinja template's output marked safe and nothing else is written where a
    URL Flask's `url_for` built stays inside (Werkzeug's quoting, `built_url_fits`)."""
    facts = model.files.get(where.path)
    return (
        facts is not None
        and facts.dialect == Dialect.JINJA
        and output is not None
        and output.url_fits
        and set(output.filters) <= _URL_KEEPING
    )


def _escaped_item_attribute(model: TemplateModel, finding: Finding) -> bool:
    """`{{ feeds[feed.id].title|safe }}` (the finding's tag) where every class of the
    project defining `title` builds or stores it as escaped HTML: the key picks an item,
    the attribute of which is written."""
    paths = [
        tag.removeprefix(ITEM_ATTRIBUTE_TAG)
        for tag in finding.tags
        if tag.startswith(ITEM_ATTRIBUTE_TAG)
    ]
    return bool(paths) and model.escaped_attribute(finding.location.path, paths[0])


def _newstyle_translation(model: TemplateModel, finding: Finding) -> bool:
    """`_('{actor} joined').format(actor=name)|safe` (the finding's tag) in a Jinja
    template whose i18n functions the project installs newstyle: the translation is
    `Markup` that escaped every value put into it, so `|safe` changes nothing."""
    called = [
        tag.removeprefix(TRANSLATION_TAG) for tag in finding.tags if tag.startswith(TRANSLATION_TAG)
    ]
    return bool(called) and model.newstyle_gettext(finding.location.path, called[0].split(","))


def _field_label_default(model: TemplateModel, finding: Finding, paths: list[str]) -> bool:
    """`{{ label|safe }}` in a form macro that sets `label` to its field's label text
    when a call gives none (`{% if not label %}{% set label=field.label.text %}{%
    endif %}`): every call gives the field a field a form declares, and the label a
    literal or nothing (`render_field(form.first_name)`): the developer's text."""
    where = finding.location
    if not paths or not all(model.field_label_argument(where.path, where.line, p) for p in paths):
        return False
    rebound = [tag.removeprefix(REBOUND_TAG) for tag in finding.tags if tag.startswith(REBOUND_TAG)]
    return all(model.literal_argument(where.path, where.line, name) for name in rebound)


def _untagged_message(project: ProjectModel, model: TemplateModel, where: Location) -> bool:
    """`{{ message|safe }}` inside `{% if 'safe' in message.tags %}`, where no call of
    the project stores a Django message with that tag (`extra_tags="safe"`): the branch
    writes none of the messages, which the other branch escapes."""
    output = output_at(model, where)
    if output is None or output.path not in MESSAGE_PATHS or not output.tag_gates:
        return False
    return not any(carries(tags, output.tag_gates) for _, _, tags in given_tags(project))


def _macro_output(model: TemplateModel, where: Location) -> bool:
    """`govukButton({...})|safe`, `forms.field(f)|safe`: what a Jinja macro returns, the
    template or a base it extends importing or defining it, is `Markup` its own autoescape
    rendered, so `|safe` changes nothing (what the macro writes is judged in its own
    template)."""
    marked = _marked_at(model, where)
    return bool(marked) and all(
        use.called and model.macro_bound(where.path, use.called) for use in marked
    )


@dataclasses.dataclass(frozen=True, slots=True)
class _MacroRendered:
    """The names a Jinja template sets to nothing but macro calls and literals, by scope
    (`macro_outputs`): `{{ rendered|safe }}` after `{% set rendered = facet_item(item) %}`
    in the same macro writes `Markup` the macro's own autoescape rendered."""

    outputs: MacroOutputs
    spans: list[tuple[int, int]]

    @classmethod
    def of(cls, template: ParsedTemplate, macros: MacroSources) -> _MacroRendered:
        outputs = macro_outputs(template, macros) if macros and template.tags("set") else {}
        return cls(outputs, macro_spans(template) if outputs else [])

    def holds(self, name: str, position: int) -> bool:
        """Whether `name` read at `position` is so bound before it, in its scope."""
        if not self.outputs:
            return False
        scope = macro_scope(self.spans, position)
        return self.outputs.get((scope, name), position) < position


def _macro_output_argument(model: TemplateModel, where: Location, paths: list[str]) -> bool:
    """`{{ subtree|safe }}` in a macro every call of which gives `subtree` what a macro
    call returns (or a literal): `Markup` the macro's own autoescape rendered, which
    `|safe` does not change (what that macro writes is judged in its own template)."""
    output = output_at(model, where)
    marked = _marked_safe(output) if output is not None else []
    return (
        bool(paths)
        and marked[:1] == [0]
        and all(model.macro_output_argument(where.path, where.line, p) for p in paths)
    )


def _digest_output(model: TemplateModel, where: Location) -> bool:
    """`hash(session["user"])|safe`: a call of a Jinja global of the project whose every
    function returns a digest's hex digits or a number, whatever it is handed."""
    marked = _marked_at(model, where)
    return bool(marked) and all(
        use.called and model.digest_call(where.path, use.called) for use in marked
    )


def _escaped_output(model: TemplateModel, where: Location) -> bool:
    """`user_link(name)|safe`, `button(x)["display"]|safe`: a call of a Jinja global of
    the project whose every function returns markup that escaped its arguments
    (`Markup("<a>{}</a>").format(name)`), or a dict whose item read is such markup."""
    marked = _marked_at(model, where)
    return bool(marked) and all(
        use.item_of[0] and model.escaped_call(where.path, *use.item_of) for use in marked
    )


def _marked_at(model: TemplateModel, where: Location) -> list[FilterUseFact]:
    """The `|safe` uses at the finding's position: all of them, as a finding does not say
    which of a tag's `|safe` it is."""
    facts = model.files.get(where.path)
    return [
        use
        for use in (facts.filters if facts is not None else ())
        if (use.line, use.column) == (where.line, where.column) and use.name in SAFE_MARKERS
    ]


def _unreached_text(model: TemplateModel, relpath: str) -> bool:
    """A template of plain text (no HTML tag, extending, including or importing none: a
    macro's page parts are HTML) that no view of the project
    renders and no template extends or includes, where other templates' renders are seen:
    a message's text the code renders for a chat, an SMS or a push notification
    (`render_to_string("sms_message.html", ctx)` in a notifier), where `|safe` keeps `&`
    and quotes as written; a page would be rendered by a view or included in one."""
    facts = model.files.get(relpath)
    return (
        facts is not None
        and not facts.markup
        and not facts.extends
        and not facts.includes
        and bool(model.links)
        and not model.rendered_by(relpath)
        and not model.referenced(relpath)
    )


def _covered(paths: list[str], escaped: list[str]) -> bool:
    """Whether some path is escaped and every other one is, or is read only on the way to
    one (`photo.attribution` also reads `photo`, which is no output of its own)."""
    return bool(escaped) and all(
        any(path == e or e.startswith(path + ".") for e in escaped) for path in paths
    )


_HIGHLIGHTS = frozenset({"highlight", "highlights"})


def _markup_rendered(model: TemplateModel, where: Location, paths: list[str]) -> bool:
    """`{{ post.body.rendered|safe }}`: a django-markupfield field's rendered HTML, marked
    safe as read (no filter before `|safe`), of a field whose renderers clean their HTML,
    where no class of the project defines a `rendered` of its own that is not escaped."""
    output = output_at(model, where)
    marked = _marked_safe(output) if output is not None else []
    if not marked or marked[0] != 0 or not model.markup_attributes.get("rendered", True):
        return False
    return bool(paths) and all(_rendered_clean(model, path.split(".")) for path in paths)


def _rendered_clean(model: TemplateModel, parts: list[str]) -> bool:
    """`story.content.rendered`: the `rendered` HTML of a field (`content`) whose
    renderers clean it, judged by the model its holder (`story`) is named for."""
    if len(parts) < 2 or parts[-1] != "rendered":
        return False
    holder = parts[-3] if len(parts) >= 3 else ""
    return model.markup_rendered_clean(parts[-2], holder)


def _search_highlight(path: str) -> bool:
    """`hit.meta.highlight.title`, `result.highlights.content.0`: a search hit's
    highlighted fragments."""
    return not _HIGHLIGHTS.isdisjoint(path.split("."))


def _js_escaped_last(expression: Expression) -> bool:
    """`{{ name|safe|escapejs }}`: Django's `escapejs` after the last `|safe`."""
    return _JS_ESCAPER in _after_last_safe(expression.filters)


_CLEANING_LAST = (HTML_ESCAPERS - {"escape", "e"}) | {"bleach"}
"""Filters that clean or escape whatever they are given, marked safe or not:
django-bleach's `bleach` (it hands the value to `bleach.clean`), Django's `force_escape`
and Jinja's `forceescape`, and `urlencode`; unlike `escape`, which leaves a marked value
as it is, or `bleach_linkify`, which only adds links."""


def _cleaned_last(expression: Expression) -> bool:
    """`{{ finding.title|safe|bleach }}`: a filter of `_CLEANING_LAST` after the last
    `|safe`, so what the page gets is cleaned or escaped whatever the marking let through."""
    return not _CLEANING_LAST.isdisjoint(_after_last_safe(expression.filters))


def _plain_text_last(expression: Expression) -> bool:
    """`{{ label|safe|striptags }}` in a Jinja template: Jinja's `striptags` after the last
    `|safe` returns `Markup.striptags()`, a plain `str`, which autoescape escapes."""
    return _PLAIN_TEXT in _after_last_safe(expression.filters)


def _after_last_safe(filters: tuple[str, ...]) -> tuple[str, ...]:
    """The filters after the last `|safe` (or `safeseq`); none when there is no such."""
    marked = [i for i, name in enumerate(filters) if name in SAFE_MARKERS]
    return filters[marked[-1] + 1 :] if marked else ()


def _escaped_again(model: TemplateModel, where: Location) -> bool:
    """`{{ code|safe|country_name }}` in a Django template, where a filter of the project
    after the last `|safe` returns a new string it does not mark safe: Django escapes
    that result, so the `|safe` protects nothing from escaping."""
    facts = model.files.get(where.path)
    output = output_at(model, where)
    if facts is None or facts.dialect != Dialect.DJANGO or output is None:
        return False
    later = _after_last_safe(output.filters)
    return any(_escapes_output(model.filters.get(name, [])) for name in later)


def _marked_safe(output: OutputFact) -> list[int]:
    """Where among the output's filters `|safe` (or `safeseq`) is."""
    return [i for i, name in enumerate(output.filters) if name in SAFE_MARKERS]


_KEEPS_CLEANED = frozenset({"default", "default_if_none"})
"""Filters that hand a cleaned value on as it is, or else their argument (a literal: the
output reads no other variable)."""
_DJANGO_KEEPS_CLEANED = frozenset({"striptags"})
"""Django's `striptags` after a sanitiser: it drops the tags of HTML whose text holds no
`<` but as `&lt;`, and keeps entities as written. (Jinja's unescapes them first.)"""


def _cleaned_first(
    model: TemplateModel, where: Location, cleans: Callable[[str], bool] | None = None
) -> bool:
    """`{{ user.bio|to_markdown|safe }}`, where the project's `to_markdown` filter returns
    HTML it cleaned with a sanitiser (itself, or through the function of the project it
    returns the result of), and what follows it before `|safe` is a `default` with a
    literal, or in a Django template `striptags`; written as the page's text, not into
    an attribute or a script (nor in a block a base template places there). `cleans`
    names the cleaning filters instead (default: `TemplateModel.cleaning_filter`)."""
    output = output_at(model, where)
    if output is None or not lands_in_text(model, where.path, output):
        # NOTE: a sanitiser escapes `<` and `&` in the text it keeps, not `"`: inside an
        # attribute value (`href="...?title={{ t|clean|safe }}"`) a quote ends it.
        return False
    marked = _marked_safe(output)
    before = output.filters[: marked[0]] if marked else ()
    cleaning = [i for i, name in enumerate(before) if (cleans or model.cleaning_filter)(name)]
    if not cleaning:
        return False
    rest = before[cleaning[-1] + 1 :]
    root = output.path.split(".", 1)[0]
    facts = model.files.get(where.path)
    if facts is not None and facts.dialect == Dialect.DJANGO:
        rest = tuple(name for name in rest if name not in _DJANGO_KEEPS_CLEANED)
    return set(rest) <= _KEEPS_CLEANED and (
        not rest or all(name.split(".", 1)[0] == root for name in output.names)
    )


def _markdown_deux_first(project: ProjectModel, model: TemplateModel, where: Location) -> bool:
    """`{{ talk.abstract|markdown|safe }}` in a template loading django-markdown-deux's
    filter (the finding's tag), which the project does not define a filter of the same
    name over, and whose styles all escape raw HTML (see `_markdown_deux`): cleaned as
    `_cleaned_first` asks of a sanitising filter."""
    if model.filters.get(DEUX_FILTER) or not styles_escape(project):
        return False
    return _cleaned_first(model, where, lambda name: name == DEUX_FILTER)


def _rich_text_first(model: TemplateModel, where: Location) -> bool:
    """`{{ block.caption|richtext|safe }}` in a template loading Wagtail's filter (the
    finding's tag), which the project does not define a filter of the same name over:
    Wagtail marked the HTML safe already, and each filter of the project between it and
    `|safe` only re-serialises what it is given (`{{ caption|richtext|unwrap|safe }}`,
    `unwrap` returning `str()` of elements BeautifulSoup parsed from its input)."""
    output = output_at(model, where)
    if output is None or model.filters.get(_RICH_TEXT):
        return False
    marked = _marked_safe(output)
    before = output.filters[: marked[0]] if marked else ()
    if _RICH_TEXT not in before:
        return False
    rest = before[len(before) - before[::-1].index(_RICH_TEXT) :]
    return all(
        model.filters.get(name) and all(d.reserialises for d in model.filters[name])
        for name in rest
    )


def _escapes_output(definitions: list[FilterDefFact]) -> bool:
    """Every filter the project defines under the name is a Django one whose result
    Django escapes."""
    return bool(definitions) and all(
        d.framework == "django" and d.escapes_output for d in definitions
    )


def _chosen_among(operand: str, captured: frozenset[str]) -> bool:
    """`(icon_a if item.kind == "a" else icon_b)`: a conditional expression each branch of
    which is a name this template bound to markup it rendered itself (or a string
    literal): the test chooses one of them, and writes none of its own data."""
    tree = parsed_expression(operand)
    if not isinstance(tree, ast.IfExp):
        return False
    return all(
        (isinstance(branch, ast.Name) and branch.id in captured)
        or (isinstance(branch, ast.Constant) and isinstance(branch.value, str))
        for branch in (tree.body, tree.orelse)
    )


def _joined_from(use: FilterUse, uses: tuple[FilterUse, ...], captured: frozenset[str]) -> bool:
    """`{{ notice|add:"<a href='/save'>"|add:save_label|add:"</a>"|safe }}` in a Django
    template: `|add:` joins names this template bound to its own text (translated
    messages, see `_captured`) and string literals written in it, and nothing else
    (`{{ "<b>"|add:label|add:"</b>"|safe }}` starts with one)."""
    if not use.after or set(use.after) != {"add"}:
        return False
    head = use.operand.split("|", 1)[0].strip()
    if use.root is None:
        if _STRING_LITERAL.fullmatch(head) is None:
            return False
    elif head != use.root or use.root not in captured:
        return False
    # NOTE: the filters of one expression come just before its last one; a tag's other
    # expressions (`{% blocktrans with a=... b=... %}`) may start with the same text.
    at = next(index for index, other in enumerate(uses) if other is use)
    joined = uses[max(at - len(use.after), 0) : at]
    return len(joined) == len(use.after) and all(
        u.name == "add" and use.operand.startswith(u.operand + "|") and set(u.arguments) <= captured
        for u in joined
    )


def _captured(template: ParsedTemplate) -> frozenset[str]:
    """Names this template binds to markup it renders itself: `{% capture as name %}...
    {% endcapture %}` (django-capture-tag, Misago), `{% captureas name %}...{%
    endcaptureas %}` (the djangosnippets tag projects copy), Jinja's block `{% set name %}...
    {% endset %}`, translated text (`{% translate "..." as name %}`, or a message with
    its values escaped: `{% blocktranslate with url=link asvar name %}`), and literals
    taken in turn (`{% cycle '' '</tr><tr>' as row silent %}`)."""
    names = set(translated(template)) | authored_translations(template)
    names |= _translated_sets(template)
    for node in template.nodes:
        if node.kind is not NodeKind.TAG:
            continue
        args = node.args
        if node.tag == "capture" and len(args) >= 2 and args[-2] == "as":
            names.add(args[-1])
        elif node.tag in {"captureas", "set"} and len(args) == 1 and args[0].isidentifier():
            names.add(args[0])  # NOTE: the block forms only: `{% set x = ... %}` has more args
        elif node.tag == "cycle" and "as" in args and args.index("as") + 1 < len(args):
            # NOTE: Django's `{% cycle '' '</tr><tr>' as row silent %}` binds `row` to
            # each value in turn; string literals in a Django template are safe strings.
            values = args[: args.index("as")]
            if values and all(v[:1] in "\"'" and v[-1:] == v[:1] for v in values):
                names.add(args[args.index("as") + 1])
    return frozenset(names)


_REBINDING_TAGS = frozenset({"for", "with", "macro", "call", "import", "from"})


def _translated_sets(template: ParsedTemplate) -> frozenset[str]:
    """Names every `{% set %}` of a Jinja template binds to a translation of the author's
    message whose values are escaped or constants (`{% set saved = _("<b>Saved</b>") %}`,
    `{% set hello = _("Hello") ~ " " ~ name|e %}`: see `escaped_translation`), and no
    other tag binds: the author's markup, as a block `{% set %}` renders it."""
    if template.dialect is not Dialect.JINJA:
        return frozenset()
    found: set[str] = set()
    varying: set[str] = set()
    for node in template.tags("set", *_REBINDING_TAGS):
        args = node.args
        if node.tag != "set" or len(args) < 3 or args[1] != "=" or not args[0].isidentifier():
            bound = args[: args.index("in")] if node.tag == "for" and "in" in args else args
            varying.update(a.strip(",()") for a in bound)
            continue
        value = node.content.partition("=")[2]
        (found if escaped_translation(value) else varying).add(args[0])
    return frozenset(found - varying)


def _constant_item(operand: str, constants: dict[str, int], start: int) -> bool:
    """`catalog[action]|replace("x", "y")` after `{% set catalog = {...} %}`: one of the
    literal's own strings, whatever key the output looks up."""
    found = _CONSTANT_LOOKUP.match(operand)
    if found is None:
        return False
    bound = constants.get(found.group("root"))
    return bound is not None and bound < start


def _api_docs_configuration(relpath: str, operand: str) -> bool:
    """A value an API documentation package's views give its template as JSON of the
    project's configuration (`_API_DOCS_CONFIGURATION`)."""
    name = operand.strip()
    return any(
        name in names and template.search(relpath) for template, names in _API_DOCS_CONFIGURATION
    )
