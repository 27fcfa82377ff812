"""Templates in the engine: the per-file read, escalation by the view, suppressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit, run_cli
from tests.model.templates.helpers import write
from webwarden.findings import Confidence, Severity
from webwarden.parse.templates import ParsedTemplate
from webwarden.rules.xss.template_safe_filter import TemplateSafeFilter

FIXTURES = Path(__file__).resolve().parents[1] / "rules" / "fixtures"


def test_a_view_feeding_request_data_raises_the_finding_with_its_flow() -> None:
    root = FIXTURES / "WW550" / "vulnerable_flask_view"
    findings = {f.location.path: f for f in audit([root], root, select=["WW550"])}
    search = findings["templates/search.html"]
    assert (search.severity, search.confidence) == (Severity.HIGH, Confidence.HIGH)
    assert search.context == "`query` comes from `request.args.get('q', '')` in view `search`"
    assert [(str(s.location), s.note) for s in search.flow] == [
        ("app.py:9:13", "`search` reads `request.args.get('q', '')`"),
        ("app.py:10:12", "`search` passes `query` to `templates/search.html`"),
        ("templates/search.html:2:33", "written into the page here"),
    ]
    layout = findings["templates/layout.html"]
    assert layout.severity is Severity.HIGH
    assert [s.note for s in layout.flow][2] == (
        "`templates/search.html` extends or includes `templates/layout.html`"
    )


def test_a_source_described_in_words_is_not_quoted_twice(tmp_path: Path) -> None:
    view = (
        "from flask import Flask, render_template\n"
        "from flask_wtf import FlaskForm\n"
        "from wtforms import StringField\n"
        "app = Flask(__name__)\n"
        "class NoteForm(FlaskForm):\n"
        "    body = StringField()\n"
        "@app.route('/note', methods=['GET', 'POST'])\n"
        "def note():\n"
        "    form = NoteForm()\n"
        "    return render_template('a.html', form=form)\n"
    )
    write(tmp_path, {"app.py": view, "templates/a.html": "<p>{{ form.body.data|safe }}</p>"})
    (finding,) = audit([tmp_path], tmp_path, select=["WW550"])
    assert finding.context == "`form` comes from `NoteForm()` form data in view `note`"
    assert finding.flow[0].note == "`note` reads `NoteForm()` form data"


def test_a_bound_forms_fields_as_rendered_do_not_raise_it_its_data_does(tmp_path: Path) -> None:
    # Kitsune's Jinja2 templates mark Django form fields safe: the form escapes its widgets.
    view = (
        "from django import forms\n"
        "from django.shortcuts import render\n"
        "class ThreadForm(forms.Form):\n"
        "    title = forms.CharField()\n"
        "def new_thread(request):\n"
        "    form = ThreadForm(request.POST)\n"
        "    return render(request, 'a.html', {'form': form})\n"
    )
    page = (
        "{{ form.title|safe }}{{ form.title.label_tag()|safe }}\n"
        "{% for field in form %}{{ field|safe }}{% endfor %}\n"
        "{{ form.cleaned_data.title|safe }}{{ form.title.value()|safe }}\n"
    )
    write(tmp_path, {"views.py": view, "templates/a.html": page})
    findings = audit([tmp_path], tmp_path, select=["WW550"])
    # NOTE: `label_tag()` is the form's own HTML wherever the form comes from, and a field
    # of the form the view made (by name or as the loop over the form gives it) writes
    # its escaping widget: none is reported.
    assert [(f.location.line, f.severity) for f in findings] == [
        (3, Severity.HIGH),
        (3, Severity.HIGH),
    ]


def test_data_fed_only_through_an_unmodelled_call_raises_the_harm_not_the_confidence(
    tmp_path: Path,
) -> None:
    # A record an API client fetched by the id the query names: the client may hand the id
    # back, or may not; the flow is an approximation.
    view = (
        "from django.shortcuts import render\n"
        "from api import Client\n"
        "def notice(request):\n"
        "    record = Client().get_notice(request.GET['id'])\n"
        "    return render(request, 'a.html', {'body': record})\n"
        "def preview(request):\n"
        "    return render(request, 'a.html', {'body': request.GET['body']})\n"
    )
    write(tmp_path, {"views.py": view, "templates/a.html": "<p>{{ body|safe }}</p>"})
    (finding,) = audit([tmp_path], tmp_path, select=["WW550"])
    assert (finding.severity, finding.confidence) == (Severity.HIGH, Confidence.HIGH)
    write(tmp_path, {"views.py": view.split("def preview")[0]})
    (finding,) = audit([tmp_path], tmp_path, select=["WW550"])
    assert (finding.severity, finding.confidence) == (Severity.HIGH, Confidence.MEDIUM)
    assert finding.flow[0].note == "`notice` reads `request.GET['id']`"


def test_a_forms_field_names_do_not_raise_it_its_data_does(tmp_path: Path) -> None:
    # A field's id and name come from the form class, whatever data the form was bound to;
    # the name written alone is not reported at all (it holds no space).
    view = (
        "from flask import Flask, render_template, request\n"
        "from flask_wtf import FlaskForm\n"
        "from wtforms import StringField\n"
        "app = Flask(__name__)\n"
        "class ContactForm(FlaskForm):\n"
        "    email = StringField()\n"
        "@app.route('/contact', methods=['GET', 'POST'])\n"
        "def contact():\n"
        "    form = ContactForm(request.form)\n"
        "    return render_template('a.html', form=form)\n"
    )
    page = (
        "<a href={{ '#' + form.email.id }}>first error</a>\n"
        "<label for={{ form.email.name }}>Email</label>\n"
        "<input value={{ form.email.data }}>\n"
    )
    write(tmp_path, {"app.py": view, "templates/a.html": page})
    findings = audit([tmp_path], tmp_path, select=["WW555"])
    assert sorted((f.location.line, f.severity) for f in findings) == [
        (1, Severity.MEDIUM),
        (3, Severity.HIGH),
    ]


def test_without_a_feeding_view_the_finding_keeps_its_own_level(tmp_path: Path) -> None:
    write(tmp_path, {"templates/a.html": "<p>{{ bio|safe }}</p>"})
    (finding,) = audit([tmp_path], tmp_path, select=["WW550"])
    assert (finding.severity, finding.confidence, finding.flow) == (
        Severity.MEDIUM,
        Confidence.MEDIUM,
        (),
    )


@pytest.mark.parametrize(
    ("template", "raised"),
    [
        pytest.param("templates/notices/relayed.html", True, id="page"),
        pytest.param("templates/emails/relayed.html", False, id="mail-folder"),
    ],
)
def test_request_data_in_a_mails_body_keeps_the_finding_level(
    tmp_path: Path, template: str, raised: bool
) -> None:
    # A mail relay wraps the HTML of each mail it receives in its own template and sends
    # it on: a mail client shows it and runs no script of it, so no page holds it.
    view = (
        "import json\n"
        "from django.http import HttpResponse\n"
        "from django.template.loader import render_to_string\n"
        "def inbound(request):\n"
        "    message = json.loads(request.body)\n"
        f"    html = render_to_string('{template.removeprefix('templates/')}',"
        " {'body': message['html']})\n"
        "    return HttpResponse(html)\n"
    )
    write(tmp_path, {"views.py": view, template: "<div>{{ body|safe }}</div>"})
    (finding,) = audit([tmp_path], tmp_path, select=["WW550"])
    assert (finding.severity is Severity.HIGH) is raised
    assert bool(finding.flow) is raised


@pytest.mark.parametrize(
    ("page", "posts", "raised"),
    [
        # Werkzeug's `type=int` gives back a number, and the rows of a page are the
        # database's whatever number chose them: neither is request data in the page.
        ("request.args.get('page', 1, type=int)", "[page]", False),
        ("request.args.get('page')", "pagination.items", False),
        ("request.args.get('page', type=str)", "[page]", True),
        ("request.args.get('page')", "[page]", True),
    ],
)
def test_a_number_or_a_page_the_request_chooses_keeps_the_finding_level(
    tmp_path: Path, page: str, posts: str, raised: bool
) -> None:
    view = (
        "from flask import Flask, render_template, request\n"
        "from .models import Post\n"
        "app = Flask(__name__)\n"
        "@app.route('/')\n"
        "def index():\n"
        f"    page = {page}\n"
        "    pagination = Post.query.order_by(Post.id).paginate(page=page, per_page=20)\n"
        f"    return render_template('a.html', posts={posts})\n"
    )
    template = "{% for p in posts %}{{ p|safe }}{% endfor %}"
    write(tmp_path, {"app.py": view, "templates/a.html": template})
    (finding,) = audit([tmp_path], tmp_path, select=["WW550"])
    assert (finding.severity is Severity.HIGH) is raised


_WRAPPERS = (
    "from flask import render_template, request\n"
    "from flask_themes2 import render_theme_template\n"
    "def render(name, **context):\n"
    "    return render_template(name, site='x', **context)\n"
    "def themed(name, **context):\n"
    "    return render_theme_template('default', name, **context)\n"
    "def pair(name, q, **context):\n"
    "    return render_template(name, q=q, **context)\n"
    "def query():\n"
    "    return request.args.get('q', '')\n"
)


@pytest.mark.parametrize(
    ("call", "source"),
    [
        pytest.param("render('a.html', q=request.args['q'])", "request.args['q']", id="wrapper"),
        pytest.param("themed('a.html', q=request.args['q'])", "request.args['q']", id="themes"),
        # Only the taint analysis sees through the helper: it feeds the wrapper's call.
        pytest.param("render('a.html', q=query())", "request.args.get('q', '')", id="helper"),
        # The wrapper passes its own parameter under a name: the caller's argument.
        pytest.param("pair('a.html', query())", "request.args.get('q', '')", id="parameter"),
        # Stored text, not request data: the finding stays at its plain level.
        pytest.param("render('a.html', q=page.body)", None, id="stored"),
    ],
)
def test_a_render_through_the_projects_wrapper_raises_it(
    tmp_path: Path, call: str, source: str | None
) -> None:
    view = (
        "from flask import Flask, request\n"
        "from .helpers import pair, query, render, themed\n"
        "app = Flask(__name__)\n"
        "@app.route('/a')\n"
        "def a():\n"
        f"    return {call}\n"
    )
    files = {
        "app/__init__.py": "",
        "app/helpers.py": _WRAPPERS,
        "app/views.py": view,
        "app/templates/a.html": "<p>{{ q|safe }}</p>",
    }
    write(tmp_path, files)
    (finding,) = audit([tmp_path], tmp_path, select=["WW550"])
    if source is None:
        assert (finding.severity, finding.flow) == (Severity.MEDIUM, ())
        return
    assert finding.severity is Severity.HIGH
    assert finding.context == f"`q` comes from `{source}` in view `a`"
    assert [(str(s.location), s.note) for s in finding.flow][1:] == [
        ("app/views.py:6:12", "`a` passes `q` to `app/templates/a.html`"),
        ("app/templates/a.html:1:4", "written into the page here"),
    ]


@pytest.mark.parametrize(
    ("context", "source"),
    [
        pytest.param("{'n': 1}", "`back` comes from `request.GET.get('back', '')`", id="own-key"),
        # Only the taint analysis sees through the helper: it feeds the wrapper's call.
        pytest.param("{'n': read(request)}", "`n` comes from `request.GET['b']`", id="helper"),
    ],
)
def test_a_django_wrapper_raises_it(tmp_path: Path, context: str, source: str) -> None:
    helpers = (
        "from django.shortcuts import render\n"
        "def render_page(request, template, context):\n"
        "    context['back'] = request.GET.get('back', '')\n"
        "    return render(request, template, context)\n"
        "def read(request):\n"
        "    return request.GET['b']\n"
    )
    view = (
        "from .helpers import read, render_page\n"
        "def page(request):\n"
        f"    return render_page(request, 'shop/a.html', {context})\n"
    )
    files = {
        "shop/__init__.py": "",
        "shop/helpers.py": helpers,
        "shop/views.py": view,
        "shop/templates/shop/a.html": "{{ " + source.split("`")[1] + "|safe }}",
    }
    write(tmp_path, files)
    (finding,) = audit([tmp_path], tmp_path, select=["WW550"])
    assert finding.severity is Severity.HIGH
    assert finding.context == f"{source} in view `page`"


def test_a_request_read_in_the_template_raises_it_too(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "templates/a.html": "{% autoescape false %}<p>{{ request.args.q }}</p>{% endautoescape %}"
        },
    )
    (finding,) = audit([tmp_path], tmp_path, select=["WW551"])
    assert (finding.severity, finding.context) == (
        Severity.HIGH,
        "`request.args.q` in the template is request data",
    )


@pytest.mark.parametrize(
    ("message", "severity"),
    [
        pytest.param("request.args.q", Severity.HIGH, id="the-message-read"),
        pytest.param("titles[request.args.lang]", Severity.LOW, id="a-key-only-chooses"),
    ],
)
def test_a_finding_naming_what_it_reads_is_raised_by_that_alone(
    tmp_path: Path, message: str, severity: Severity
) -> None:
    write(
        tmp_path,
        {
            "app.py": "from flask import Flask\nfrom flask_babel import Babel\n"
            "app = Flask(__name__)\nBabel(app)\n",
            "templates/a.html": f"<p>{{{{ _({message}) }}}}</p>",
        },
    )
    (finding,) = audit([tmp_path], tmp_path, select=["WW566"])
    assert finding.severity is severity


def test_inline_suppressions_in_template_comments(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "templates/a.html": """
                <p>{{ bio|safe }}</p> {# webwarden: ignore[WW550] sanitised on save #}
                <p>{{ other|safe }}</p> <!-- webwarden: ignore[WW551] -->
            """,
        },
    )
    findings = audit(
        [tmp_path], tmp_path, select=["WW550", "WW551"], **{"report-unused-ignores": True}
    )
    assert sorted((f.code, f.location.line) for f in findings) == [("WW001", 2), ("WW550", 2)]


def test_a_failing_template_rule_is_a_ww003_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(self: TemplateSafeFilter, template: ParsedTemplate) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(TemplateSafeFilter, "check_template", explode)
    write(tmp_path, {"templates/a.html": "<p>{{ bio|safe }}</p>"})
    (finding,) = audit([tmp_path], tmp_path, select=["WW550"])
    assert (finding.code, finding.location.path) == ("WW003", "templates/a.html")
    assert "RuntimeError: boom" in finding.message


def test_unreadable_template_is_a_ww000(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "a.html").write_bytes(b"<p>\xff\xfe caf\xe9</p>")
    (finding,) = audit([tmp_path], tmp_path, select=["WW550"])
    assert finding.code == "WW000"
    assert finding.message.startswith("file could not be analysed: not valid utf-8 text")


@pytest.mark.parametrize(
    "folder",
    [
        "app/static/docs",
        "project-static/docs",
        "docs/_build/html",
        "web/assets",
        "app/static_old/views",
        "app/static.dist/views",
    ],
)
def test_html_served_as_it_is_is_not_read_as_a_template(tmp_path: Path, folder: str) -> None:
    # Built documentation that shows template syntax (Nautobot's `project-static/docs`), and
    # a browser app's templates kept with its static files (privacyIDEA's `static_old/`).
    page = "<pre>{% block content %}{{ data['a'] }}</pre>"
    write(tmp_path, {f"{folder}/page.html": page, "templates/a.html": "{{ x|safe }}"})
    (finding,) = audit([tmp_path], tmp_path, select=["WW000", "WW550"])
    assert (finding.code, finding.location.path) == ("WW550", "templates/a.html")


@pytest.mark.parametrize(
    ("name", "page"),
    [
        pytest.param(
            "ui/src/app/list.component.html",
            "<li>{{ item | date: 'short' }}</li>",
            id="component-name",
        ),
        pytest.param(
            "ui/src/app/list.html", '<li *ngFor="let i of items">{{ i?.name }}</li>', id="ng-for"
        ),
        pytest.param(
            "ui/src/app/edit.html", '<input [value]="name" (input)="set()">{{ a ?? b }}', id="bound"
        ),
        pytest.param(
            "ui/src/app/card.html", "@if (doc) {\n  {{ doc.body|safe }}\n}", id="control-flow"
        ),
        pytest.param(
            "ui/v1/src/list/list.tmpl.html",
            '<li ng-repeat="i in ::vm.items">{{ ::i.added | date }}</li>',
            id="angularjs-view",
        ),
        pytest.param(
            "ui/v1/src/card.tmpl.html",
            '<div ng-if="vm.doc">{{ vm.doc.body|safe }}</div>',
            id="angularjs-view-that-parses",
        ),
        pytest.param(
            "ui/src/components/stats/stats.template.html",
            "<td>{{ statsCtrl.size | numeral: '0.0 b' }}</td><td>{{ statsCtrl.body }}</td>",
            id="angularjs-filter-argument",
        ),
        pytest.param(
            "ui/src/components/graph/graph.template.html",
            "<h4>{{ graphCtrl.header || graphCtrl.key }}</h4>",
            id="javascript-operator",
        ),
        pytest.param(
            "frontend/app/index.html",
            '<head>{{content-for "head"}}<link href="{{rootURL}}a.css"></head>{{ x|safe }}',
            id="ember-cli-index",
        ),
    ],
)
def test_an_angular_template_is_not_read_as_a_server_template(
    tmp_path: Path, name: str, page: str
) -> None:
    # Angular's pipes and operators are no Django or Jinja2 syntax (Paperless-ngx's src-ui).
    write(tmp_path, {name: page, "templates/a.html": "{{ x|safe }}"})
    (finding,) = audit([tmp_path], tmp_path, select=["WW000", "WW550"])
    assert (finding.code, finding.location.path) == ("WW550", "templates/a.html")


def test_a_template_mixing_in_angularjs_is_still_read(tmp_path: Path) -> None:
    # A server template that boots an AngularJS app has tags of its own.
    page = '{% block body %}<div ng-app="notes">{{ note|safe }}</div>{% endblock %}'
    write(tmp_path, {"site/pages/note.html": page})
    (finding,) = audit([tmp_path], tmp_path, select=["WW000", "WW550"])
    assert (finding.code, finding.location.path) == ("WW550", "site/pages/note.html")


def test_a_django_filter_argument_is_still_a_template(tmp_path: Path) -> None:
    # Django's `|date:"Y"` writes its argument right after the colon; AngularJS's
    # `| numeral: '0'` (a space beside the colon) is no Django or Jinja2 syntax.
    page = '<p>{{ day|date:"Y" }} {{ note|safe }}</p>'
    write(tmp_path, {"site/pages/note.html": page})
    (finding,) = audit([tmp_path], tmp_path, select=["WW000", "WW550"])
    assert (finding.code, finding.location.path) == ("WW550", "site/pages/note.html")


def test_a_page_with_alpine_bindings_is_still_a_template(tmp_path: Path) -> None:
    # Alpine.js's `@click` and `:class` sit in Django templates; a folder no setting names.
    page = '<div x-data @click="open = true" :class="{ on: open }">{{ note|safe }}</div>'
    write(tmp_path, {"site/pages/note.html": page})
    (finding,) = audit([tmp_path], tmp_path, select=["WW000", "WW550"])
    assert (finding.code, finding.location.path) == ("WW550", "site/pages/note.html")


def test_a_form_posting_to_an_exempt_view_points_at_the_view() -> None:
    root = FIXTURES / "WW640" / "vulnerable_exempt_flask"
    (finding,) = audit([root], root, select=["WW640"])
    assert (finding.severity, finding.confidence) == (Severity.HIGH, Confidence.HIGH)
    assert [(str(s.location), s.note) for s in finding.flow] == [
        ("app.py:15:1", "`delete_account` is exempt")
    ]


def test_webwardens_own_html_report_is_not_read_as_a_template(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("import os\nos.system(f'ls {x}')\n", encoding="utf-8")
    report = run_cli(
        ["check", str(tmp_path), "--isolated", "--no-deps", "--format", "html", "--exit-zero"]
    )
    (tmp_path / "report.html").write_text(report.stdout, encoding="utf-8")
    assert audit([tmp_path], tmp_path, select=["WW55", "WW000"]) == []


def test_an_attribute_set_on_a_page_feeds_only_that_attribute(tmp_path: Path) -> None:
    # Kitsune's paginate() sets `page.url` from the request on a page of database rows:
    # the rows the template loops over hold no request data, the page's URL does.
    view = (
        "from django.core.paginator import Paginator\n"
        "from django.shortcuts import render\n"
        "from .models import Board\n"
        "def paginate(request, rows):\n"
        "    page = Paginator(rows, 20).page(1)\n"
        "    page.url = request.build_absolute_uri(request.path) + '?' + request.GET.urlencode()\n"
        "    return page\n"
        "def boards(request):\n"
        "    return render(request, 'a.html', {'boards': paginate(request, Board.objects.all())})\n"
        "def mixed(request):\n"
        "    page = Paginator(Board.objects.all(), 20).page(1)\n"
        "    page.object_list = [request.GET['q']]\n"
        "    return render(request, 'b.html', {'boards': page})\n"
    )
    loop = "{% for board in boards %}{{ board.description|safe }}{% endfor %}\n"
    write(
        tmp_path,
        {
            "views.py": view,
            "templates/a.html": loop + "{{ boards.url|safe }}\n",
            "templates/b.html": loop,
        },
    )
    findings = audit([tmp_path], tmp_path, select=["WW550"])
    assert sorted((f.location.path, f.location.line, f.severity) for f in findings) == [
        ("templates/a.html", 1, Severity.MEDIUM),
        ("templates/a.html", 2, Severity.HIGH),
        ("templates/b.html", 1, Severity.HIGH),
    ]


def test_an_item_a_view_sets_on_a_dict_of_request_data_is_judged_apart() -> None:
    # lmfdb keeps the query string in `info` and sets its own objects on it
    # (`info["stats"] = Stats()`): their HTML holds no request data; the rest of the dict,
    # and an item set from the request, do.
    root = FIXTURES / "WW550" / "vulnerable_search_info"
    findings = audit([root], root, select=["WW550"])
    assert sorted((f.location.path, f.location.line, f.severity) for f in findings) == [
        ("templates/browse.html", 1, Severity.MEDIUM),
        ("templates/browse.html", 2, Severity.HIGH),
        ("templates/search.html", 1, Severity.MEDIUM),
        ("templates/search.html", 2, Severity.HIGH),
        ("templates/search.html", 3, Severity.HIGH),
    ]


def test_a_helper_no_route_serves_renders_with_what_its_caller_hands_it() -> None:
    root = FIXTURES / "WW550" / "vulnerable_helper_render"
    (finding,) = audit([root], root, select=["WW550"])
    assert (finding.severity, finding.confidence) == (Severity.HIGH, Confidence.HIGH)
    assert finding.context == "`message` comes from `request.GET.get('path', '/')` in view `push`"
    assert [(str(s.location), s.note) for s in finding.flow] == [
        ("pushes/views.py:11:19", "`push` reads `request.GET.get('path', '/')`"),
        ("pushes/views.py:13:12", "`push` passes `message` to `pushes/templates/message.html`"),
        ("pushes/templates/message.html:1:20", "written into the page here"),
    ]


def test_a_routed_view_another_view_calls_keeps_its_url_parameters(tmp_path: Path) -> None:
    views = (
        "from django.shortcuts import render\n"
        "def detail(request, slug):\n"
        "    return render(request, 'a.html', {'slug': slug})\n"
        "def latest(request):\n"
        "    return detail(request, 'latest')\n"
    )
    urls = (
        "from django.urls import path\n"
        "from app import views\n"
        "urlpatterns = [path('<str:slug>/', views.detail), path('', views.latest)]\n"
    )
    settings = "INSTALLED_APPS = ['app']\nROOT_URLCONF = 'app.urls'\n"
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/settings.py": settings,
            "app/urls.py": urls,
            "app/views.py": views,
            "app/templates/a.html": "{{ slug|safe }}",
        },
    )
    (finding,) = audit([tmp_path], tmp_path, select=["WW550"])
    assert finding.context == "`slug` comes from URL parameter `slug` in view `detail`"


def test_a_template_views_url_parameters_reach_its_template() -> None:
    root = FIXTURES / "WW556" / "vulnerable_template_view_kwargs"
    findings = {f.location.path: f for f in audit([root], root, select=["WW556"])}
    given = findings["site/templates/go.html"]
    assert given.context == "`next` comes from URL parameter `next` in view `TemplateView`"
    assert [(str(s.location), s.note) for s in given.flow] == [
        ("site/urls.py:8:5", "`TemplateView` reads URL parameter `next`"),
        ("site/urls.py:8:5", "`TemplateView` passes `next` to `site/templates/go.html`"),
        ("site/templates/go.html:1:10", "written into the page here"),
    ]
    assert sorted(findings) == [
        "site/templates/go.html",
        "site/templates/guide.html",
        "site/templates/topic.html",
        "site/templates/welcome.html",
    ]
