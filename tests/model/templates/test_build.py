"""The project step: template names resolved, renders linked through extends/include."""

from __future__ import annotations

from pathlib import Path

from tests.model.templates.helpers import template_model
from webwarden.findings import Location


def test_names_resolve_to_the_nearest_template_folder(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/views.py": """
                from django.shortcuts import render

                def index(request):
                    return render(request, "index.html", {"q": request.GET["q"]})

                def missing(request):
                    return render(request, "nowhere.html")
            """,
            "shop/templates/index.html": "{% include 'parts/row.html' %}{{ q }}",
            "blog/templates/index.html": "{{ q }}",
            "shop/templates/parts/row.html": "{% extends 'layout.html' %}",
            "templates/layout.html": "{{ q|safe }}",
        },
    )
    assert model.resolve("index.html", "shop/views.py") == "shop/templates/index.html"
    assert model.resolve("index.html", "blog/models.py") == "blog/templates/index.html"
    assert model.resolve("/parts/row.html") == "shop/templates/parts/row.html"
    assert [name for _, name in model.unresolved] == ["nowhere.html"]
    chains = {path: [link.chain for link in links] for path, links in model.links.items()}
    assert chains == {
        "shop/templates/index.html": [("shop/templates/index.html",)],
        "shop/templates/parts/row.html": [
            ("shop/templates/index.html", "shop/templates/parts/row.html")
        ],
        "templates/layout.html": [
            ("shop/templates/index.html", "shop/templates/parts/row.html", "templates/layout.html")
        ],
    }
    (feed,) = model.feeds("templates/layout.html", "q")
    assert feed.source == "request.GET['q']"
    assert model.feeds("templates/layout.html", "other") == []
    assert model.feeds("blog/templates/index.html", "q") == [], "no view renders the blog's page"


def test_relative_names_resolve_beside_the_template(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/views.py": """
                from django.shortcuts import render

                def company(request):
                    return render(request, "cases/app/company.html", {"q": request.GET["q"]})
            """,
            "shop/templates/cases/app/company.html": "{% extends '../base.html' %}",
            "shop/templates/cases/base.html": "{% include './row.html' %}",
            "shop/templates/cases/row.html": "{{ q|safe }}",
            "shop/templates/row.html": "{{ q }}",
        },
    )
    near = "shop/templates/cases/app/company.html"
    assert model.resolve("../base.html", near) == "shop/templates/cases/base.html"
    assert model.resolve("./row.html", "shop/templates/cases/base.html") == (
        "shop/templates/cases/row.html"
    )
    assert model.resolve("../missing.html", near) is None
    (feed,) = model.feeds("shop/templates/cases/row.html", "q")
    assert feed.source == "request.GET['q']"


def test_request_read_in_the_template_is_fed_without_a_view(tmp_path: Path) -> None:
    model = template_model(tmp_path, {"templates/a.html": "<a href='{{ request.GET.next }}'>"})
    (feed,) = model.feeds("templates/a.html", "request.GET.next")
    assert (feed.source, feed.link) == ("`request.GET.next` in the template", None)
    assert model.feeds("templates/a.html", "request.user.name") == []


def test_template_facts_are_small_and_picklable(tmp_path: Path) -> None:
    import pickle

    model = template_model(
        tmp_path,
        {
            "templates/a.html": """
                {% extends "base.html" %}{% import "m.html" as m %}
                {% for row in rows %}<td>{{ row.cell|upper }}</td>{% endfor %}
                <form method="post" action="https://x.example/">{% include "t.html" %}{{ m.field(f) }}</form>
            """,
        },
    )
    facts = model.files["templates/a.html"]
    assert pickle.loads(pickle.dumps(facts)) == facts  # noqa: S301  # our own data
    assert (facts.dialect, facts.extends, facts.includes) == (
        "jinja",
        ("base.html",),
        ("m.html", "t.html"),
    )
    (output,) = [o for o in facts.outputs if o.path == "rows.cell"]
    assert (output.line, output.column, output.filters, output.where) == (2, 26, ("upper",), "text")
    (form,) = facts.forms
    assert (form.method, form.action, form.token) == ("post", "https://x.example/", False)
    assert (form.includes, form.macros) == (("t.html",), ("m.field",))


def test_the_taint_engine_can_mark_a_context_name_fed(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "app.py": """
                from flask import Flask, render_template
                from helpers import current_query

                app = Flask(__name__)

                @app.route("/")
                def index():
                    return render_template("index.html", q=current_query())
            """,
            "templates/index.html": "<p>{{ q|safe }}</p>",
        },
    )
    assert model.feeds("templates/index.html", "q") == [], "a helper the local check cannot follow"
    (render,) = model.renders
    source_at = Location("helpers.py", 3, 12)
    assert model.mark_fed(render.location, "q", "request.args['q']", source_at)
    assert not model.mark_fed(render.location, "other", "x", None)
    (feed,) = model.feeds("templates/index.html", "q")
    assert (feed.source, feed.location) == ("request.args['q']", source_at)


def test_a_mixin_method_returning_literals_is_markup_wherever_it_is_defined(
    tmp_path: Path,
) -> None:
    model = template_model(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/mixins.py": """
                from django.conf import settings

                class Links:
                    def switch(self, request):
                        if request.COOKIES.get("lang") == "cy":
                            return "<a lang='en'>English</a>"
                        return "<a lang='cy'>Cymraeg</a>"

                    def echo(self, request):
                        return request.GET.get("q", "")
            """,
            "site/views.py": """
                from django.shortcuts import render
                from django.views.generic import TemplateView

                from site.mixins import Links

                class Page(Links, TemplateView):
                    template_name = "page.html"

                    def get(self, request, *args, **kwargs):
                        context = self.get_context_data(**kwargs)
                        context.update({"switch": self.switch(request), "echo": self.echo(request)})
                        return self.render_to_response(context)

                class Own(Links, TemplateView):
                    template_name = "own.html"

                    def switch(self, request):
                        return request.GET.get("lang", "")

                    def get(self, request, *args, **kwargs):
                        context = self.get_context_data(**kwargs)
                        context["switch"] = self.switch(request)
                        return self.render_to_response(context)

                def missing(request, exception):
                    link = Links().switch(request)
                    return render(request, "page.html", {"switch": link, "echo": ""})
            """,
            "site/templates/page.html": "{{ switch|safe }}{{ echo|safe }}",
            "site/templates/own.html": "{{ switch|safe }}",
        },
    )
    assert model.class_methods.get("site.mixins.Links.switch") is True
    assert model.class_methods.get("site.mixins.Links.echo") is False
    page = {r.function: r for r in model.renders}["site.views.Page"]
    switch = next(c for c in page.context if c.name == "switch")
    assert switch.returns_of[:2] == ("site.views.Page.switch", "site.mixins.Links.switch")
    assert model.cleaned("site/templates/page.html", "switch")
    assert not model.cleaned("site/templates/page.html", "echo")
    # NOTE: the view's own `switch` comes first and returns the request's text.
    assert not model.cleaned("site/templates/own.html", "switch")


def test_a_dict_display_read_whole_is_fed_by_each_key(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/views.py": """
                from django.shortcuts import render

                def search(request):
                    page_vars = {"kind": "orders", "sort": request.GET.get("sort", "")}
                    return render(request, "search.html", {"page_vars": page_vars})

                def stats(request):
                    return render(request, "stats.html", {"box": {"n": 1}})
            """,
            "shop/templates/search.html": "{{ page_vars|to_json|safe }}",
            "shop/templates/stats.html": "{{ box|safe }}",
        },
    )
    (feed,) = model.feeds("shop/templates/search.html", "page_vars")
    assert feed.name is not None
    assert feed.name.name == "page_vars.sort"
    assert feed.source == "request.GET.get('sort', '')"
    assert model.feeds("shop/templates/search.html", "page_vars.kind") == []
    assert model.feeds("shop/templates/stats.html", "box") == []
    assert model.inert("shop/templates/stats.html", "box"), "every key of the display is a number"


def test_a_loop_around_an_include_hands_on_an_item_of_its_variable(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/views.py": """
                from django.conf import settings
                from django.shortcuts import render

                def index(request):
                    return render(
                        request,
                        "index.html",
                        {"links": settings.FOOTER_LINKS, "notes": request.GET.getlist("n")},
                    )
            """,
            "site/templates/index.html": (
                "{% for link in links %}{% include 'link.html' %}{% endfor %}"
                "{% for link2 in notes %}{% include 'note.html' %}{% endfor %}"
            ),
            "site/templates/link.html": "{{ link.html|safe }}",
            "site/templates/note.html": "{{ link2|safe }}",
        },
    )
    assert model.configured("site/templates/link.html", "link.html")
    assert not model.configured("site/templates/note.html", "link2")
    assert not model.configured("site/templates/link.html", "other")


def test_a_template_extending_a_mail_layout_is_in_a_mail(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/templates/mail_base.html": (
                "<html><!--[if mso]><table><![endif]-->{% block body %}{% endblock %}</html>"
            ),
            "app/templates/page_base.html": "<html>{% block body %}{% endblock %}</html>",
            "app/templates/app/notice.html": "{% extends 'mail_base.html' %}",
            "app/templates/app/reminder.html": "{% extends 'app/notice.html' %}",
            "app/templates/app/page.html": "{% extends 'page_base.html' %}",
            "app/templates/emails/welcome.html": "<p>{{ name }}</p>",
            "app/templates/app/loop.html": "{% extends 'app/loop.html' %}",
        },
    )
    assert model.in_mail("app/templates/mail_base.html")
    assert model.in_mail("app/templates/app/notice.html")
    assert model.in_mail("app/templates/app/reminder.html"), "through a base extending one"
    assert model.in_mail("app/templates/emails/welcome.html"), "by its folder"
    assert not model.in_mail("app/templates/app/page.html")
    assert not model.in_mail("app/templates/app/loop.html"), "a cycle ends the walk"
    assert not model.in_mail("app/templates/nowhere.html")


def test_a_label_is_the_developers_when_every_call_gives_a_declared_field(
    tmp_path: Path,
) -> None:
    macro = "{% macro row(field) %}\n<label>{{ field.label.text|safe }}</label>\n{% endmacro %}\n"
    model = template_model(
        tmp_path,
        {
            "templates/forms.html": macro,
            "templates/page.html": (
                '{% from "forms.html" import row %}{{ row(form.email) }}{{ row(field=form.name) }}'
            ),
            "templates/choices.html": macro
            + "{% for option in form.size %}{{ row(option) }}{% endfor %}",
        },
    )
    assert model.field_label_argument("templates/forms.html", 2, "field.label.text")
    assert not model.field_label_argument("templates/forms.html", 2, "field.description")
    assert not model.field_label_argument("templates/choices.html", 2, "field.label.text")


def test_a_display_given_only_constant_keys_later_keeps_its_keys(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/urls.py": """
                from flask import url_for

                def page_url(page):
                    return url_for("orders", page=page)
            """,
            "shop/views.py": """
                from flask import render_template, request

                from shop.urls import page_url

                def orders():
                    ctx = {"page_url": page_url, "kind": "orders"}
                    if request.args.get("all"):
                        ctx["sort"] = request.args.get("sort")
                    return render_template("orders.html", ctx=ctx)

                def refunds():
                    ctx = {"page_url": page_url}
                    ctx.update(request.args)
                    return render_template("refunds.html", ctx=ctx)
            """,
            "shop/templates/orders.html": "{{ ctx.page_url(2) }}{{ ctx.kind }}{{ ctx.sort }}",
            "shop/templates/refunds.html": "{{ ctx.page_url(2) }}",
        },
    )
    assert model.url_builder("shop/templates/orders.html", "ctx.page_url")
    assert model.feeds("shop/templates/orders.html", "ctx.kind") == []
    (feed,) = model.feeds("shop/templates/orders.html", "ctx.sort")
    assert feed.source == "request.args.get('sort')"
    assert not model.url_builder("shop/templates/refunds.html", "ctx.page_url"), "updated after"


def test_json_of_a_built_list_is_inert_only_when_each_addition_is(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/views.py": """
                import json

                from flask import render_template, request

                def week():
                    rows = []
                    for day in range(7):
                        rows.append({"day": day})
                    return render_template("week.html", data=json.dumps(rows))

                def labels():
                    rows = []
                    rows.append({"label": request.args.get("label")})
                    return render_template("labels.html", data=json.dumps(rows))

                def names():
                    names = {"all": "All"}
                    names[request.args.get("key", "x")] = "Named"
                    return render_template("names.html", data=json.dumps(names))
            """,
            "shop/templates/week.html": "{{ data|safe }}",
            "shop/templates/labels.html": "{{ data|safe }}",
            "shop/templates/names.html": "{{ data|safe }}",
        },
    )
    assert model.inert("shop/templates/week.html", "data")
    assert not model.inert("shop/templates/labels.html", "data"), "appends the request's text"
    assert not model.inert("shop/templates/names.html", "data"), "a key the request names"
