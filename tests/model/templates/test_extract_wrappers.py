"""Project functions that render the template their caller names, and their calls."""

from __future__ import annotations

from pathlib import Path

from tests.model.templates.helpers import template_model

_FLASK_HELPERS = """
    import flask_themes2
    from flask import render_template, request

    def render(name, title="", **context):
        return render_template(name, site="x", **context)

    def themed(name, **context):
        return flask_themes2.render_theme_template("default", name, **context)

    def renamed(name, **context):
        name = "admin/" + name
        return render_template(name, **context)

    def titled(name, title, **context):
        return render_template(name, title=title, **context)

    def dropped(name, **context):
        return render_template(name)

    class Views:
        def render(self, name, **context):
            return render_template(name, **context)
"""


def test_a_flask_wrapper_in_another_module_renders_its_callers_template(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/helpers.py": _FLASK_HELPERS,
            "app/views.py": """
                from flask import request
                from .helpers import dropped, render, renamed, themed, titled

                def page():
                    return render("a.html", q=request.args["q"], title=request.args["t"])

                def spread():
                    return render("b.html", **{"q": request.args["q"]})

                def skin():
                    return themed("c.html", q="x")

                def heading():
                    return titled("f.html", request.args["t"], q=1)

                def others():
                    renamed("d.html", q=request.args["q"])
                    return dropped("e.html", q=request.args["q"])
            """,
            "app/templates/a.html": "{{ q }}",
        },
    )
    renders = {r.templates: r for r in model.renders}
    assert set(renders) == {("a.html",), ("b.html",), ("c.html",), ("f.html",)}
    assert {c.name: c.source for c in renders["f.html",].context} == {
        "q": "",
        "title": "request.args['t']",
    }
    page = renders["a.html",]
    assert (page.function, page.framework, page.themed) == ("app.views.page", "flask", False)
    # `title` binds the wrapper's own parameter: it is not in the context.
    assert {c.name: c.source for c in page.context} == {"q": "request.args['q']", "site": ""}
    assert page.location.path == "app/views.py"
    assert {c.name for c in renders["b.html",].context} == {"q", "site"}
    assert renders["c.html",].themed
    assert model.rendered_by("app/templates/a.html")[0].render is page


def test_a_django_wrapper_forwards_its_dict_parameter(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/rendering.py": """
                from django.shortcuts import render
                from django.template.loader import render_to_string

                def render_page(request, template, context):
                    context["back"] = request.GET.get("back")
                    return render(request, template, context)

                def render_card(template, context=None):
                    return render_to_string(template, {**context, "section": "shop"})
            """,
            "shop/views.py": """
                from .rendering import render_card, render_page

                def search(request):
                    return render_page(request, "shop/search.html", {"term": request.GET["q"]})

                def card(request):
                    return render_card(context={"link": "/"}, template="shop/card.html")
            """,
        },
    )
    renders = {r.templates: r for r in model.renders}
    search = renders["shop/search.html",]
    assert search.framework == "django"
    assert {c.name: c.source for c in search.context} == {
        "term": "request.GET['q']",
        "back": "request.GET.get('back')",
    }
    assert {c.name for c in renders["shop/card.html",].context} == {"link", "section"}


def test_a_same_module_wrapper_and_every_themes_copy(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "app.py": """
                from flask import Flask, request
                from flask_themes2 import render_theme_template

                app = Flask(__name__)

                def themed(name, **context):
                    return render_theme_template("default", name, **context)

                @app.route("/")
                def index():
                    return themed("index.html", q=request.args["q"])
            """,
            "themes/light/templates/index.html": "{{ q }}",
            "themes/dark/templates/index.html": "{{ q }}",
        },
    )
    (render,) = model.renders
    assert render.function == "app.index"
    assert model.rendered_by("themes/light/templates/index.html")
    assert model.rendered_by("themes/dark/templates/index.html")


def test_a_wrapper_re_exported_by_its_package(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/utils/__init__.py": "from .rendering import render\n",
            "app/utils/rendering.py": """
                from flask import render_template

                def render(name, **context):
                    return render_template(name, **context)
            """,
            "app/views.py": """
                from flask import request
                from app.utils import render

                def page():
                    return render("a.html", q=request.args["q"])
            """,
        },
    )
    (render,) = model.renders
    assert (render.function, render.templates) == ("app.views.page", ("a.html",))


def test_a_wrapper_rendering_through_its_own_environment(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "hub/__init__.py": "",
            "hub/rendering.py": """
                from jinja2 import Environment, FileSystemLoader

                env = Environment(loader=FileSystemLoader("templates"), autoescape=True)

                def render_template(template_name, **context):
                    template = env.get_template(template_name)
                    return template.render(context, brand="x")

                def render_mapping(name, values):
                    return env.get_template(name).render(**values)

                def render_fixed(name, **context):
                    return env.get_template(name).render(title=context.get("title"))
            """,
            "hub/views.py": """
                from .rendering import render_fixed, render_mapping, render_template

                def queue(request):
                    render_fixed("c.html", title=request.args["t"])
                    render_mapping("b.html", {"term": request.args["q"]})
                    return render_template("a.html", page=int(request.args["p"]))
            """,
        },
    )
    renders = {r.templates: r for r in model.renders}
    # `render_fixed` forwards no parameter as its context: it is no wrapper.
    assert set(renders) == {("a.html",), ("b.html",)}
    assert renders["a.html",].framework == "jinja"
    assert {c.name for c in renders["a.html",].context} == {"page", "brand"}
    assert {c.name for c in renders["b.html",].context} == {"term"}


def test_a_call_through_a_local_bound_to_a_project_function(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "hub/__init__.py": "",
            "hub/rendering.py": """
                from django.shortcuts import render

                def page_controller(request, title=None):
                    return render(request, "page.html", {"title": title})
            """,
            "hub/routing.py": """
                from django.contrib.auth.decorators import login_required

                from .rendering import page_controller

                def page(title, handler=None, other=None):
                    def wrapper(request, **kwargs):
                        controller = handler or page_controller
                        controller = login_required()(controller)
                        return controller(request, title=title)

                    def either(request):
                        chosen = other if title else page_controller
                        return chosen(request, title=title)

                    def unknown(request):
                        maker = handler or other
                        return maker(request, title=title)

                    return wrapper, either, unknown
            """,
            "hub/views.py": """
                from django.http import HttpResponse

                def home(request):
                    return HttpResponse("home")
            """,
            "hub/urls.py": """
                from django.urls import path

                from . import views

                urlpatterns = [path("", views.home)]
            """,
        },
    )
    made_in = {
        render.function.rpartition(".")[2]
        for render in model.renders
        if render.templates == ("page.html",)
    }
    # NOTE: the helper's render is made in each caller that names it through a local
    assert made_in == {"wrapper", "either"}


def test_a_wrapper_of_a_wrapper_taking_the_name_from_args(tmp_path: Path) -> None:
    # calibre-web's shape: `render_title_template(*args, **kwargs)` hands `args[0]` and
    # its keywords to `themed_render`, which renders through Flask-Themes2.
    model = template_model(
        tmp_path,
        {
            "cps/__init__.py": "",
            "cps/render_template.py": """
                from flask import abort
                from flask_themes2 import render_theme_template

                def themed_render(template_name, **kwargs):
                    return render_theme_template("standard", template_name, **kwargs)

                def render_title_template(*args, **kwargs):
                    return themed_render(args[0], instance="Calibre", **kwargs)
            """,
            "cps/web.py": """
                from .render_template import render_title_template

                def books():
                    return render_title_template("list.html", title="Books")
            """,
            "cps/themes/standard/templates/list.html": "{{ title }}",
        },
    )
    (render,) = model.renders
    assert (render.function, render.templates) == ("cps.web.books", ("list.html",))
    assert {n.name for n in render.context} == {"title", "instance"}
    assert model.rendered_by("cps/themes/standard/templates/list.html")


def test_a_star_args_wrapper_and_calls_that_hand_on_no_template(tmp_path: Path) -> None:
    # `render_template(*args, **kwargs)` takes the caller's first argument as the name;
    # a function handing its keywords to one that is no wrapper, or handing the wrapper
    # no parameter of its own as the name, makes no render of its callers' templates.
    model = template_model(
        tmp_path,
        {
            "app.py": """
                from flask import render_template

                def render_title_template(*args, **kwargs):
                    return render_template(sidebar=True, *args, **kwargs)

                def log(*args, **kwargs):
                    print(*args, **kwargs)

                def logged(name, **kwargs):
                    return log(name, **kwargs)

                def fixed(name, **kwargs):
                    return render_title_template("other.html", **kwargs)

                def index():
                    return render_title_template("index.html", q=1)

                def other():
                    return logged("a.html", q=1) or fixed("b.html", q=1)
            """,
        },
    )
    found = {(r.function, r.templates) for r in model.renders}
    assert ("app.index", ("index.html",)) in found
    assert not {t for _, templates in found for t in templates} & {"a.html", "b.html"}
