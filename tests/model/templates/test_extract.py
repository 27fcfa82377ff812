"""Per-file template facts of Python modules: renders, folders, settings, filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model
from webwarden.analysis.constants import UNKNOWN
from webwarden.model.templates.facts import CUSTOM_AUTOESCAPE


def test_flask_renders_with_their_context_and_request_sources(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "app.py": """
                from flask import Flask, render_template, request

                app = Flask(__name__)

                @app.route("/u/<name>")
                def profile(name):
                    q = request.args.get("q", "")
                    extra = {"note": f"hi {q}"}
                    return render_template(["profile.html", "base.html"], name=name, q=q, n=1, **extra)
            """,
        },
    )
    (render,) = model.renders
    assert render.function == "app.profile"
    assert render.templates == ("profile.html", "base.html")
    assert render.framework == "flask"
    sources = {c.name: c.source for c in render.context}
    assert sources == {
        "name": "URL parameter `name`",
        "q": "request.args.get('q', '')",
        "n": "",
        "note": "request.args.get('q', '')",
    }
    assert not render.opaque


def test_imported_wrapper_of_render_template_renders_with_an_untold_context(
    tmp_path: Path,
) -> None:
    model = template_model(
        tmp_path,
        {
            "app.py": """
                from flask import Flask, request
                from marketlib.flask import timed_render_template as render_template
                from marketlib import views

                app = Flask(__name__)

                @app.route("/")
                def index():
                    return render_template("index.html", q=request.args.get("q", ""))

                @app.route("/about")
                def about():
                    return views.page_render_template("about.html", n=1)

                def render_page(name):
                    return name

                @app.route("/help")
                def help_page():
                    return render_page("help.html")
            """,
        },
    )
    renders = {render.function: render for render in model.renders}
    assert set(renders) == {"app.index", "app.about"}
    assert renders["app.index"].templates == ("index.html",)
    assert renders["app.index"].framework == "flask"
    assert {c.name: c.source for c in renders["app.index"].context} == {
        "q": "request.args.get('q', '')"
    }
    # NOTE: the wrapper may add names of its own, so none is taken as left undefined.
    assert all(render.opaque for render in renders.values())


def test_renders_kept_in_a_project_whose_root_is_a_package(tmp_path: Path) -> None:
    # NOTE: a root `__init__.py` makes the root module's name "", which a render made
    # through no wrapper (`RenderFact.wrapper == ""`) must not be taken to name.
    model = template_model(
        tmp_path,
        {
            "__init__.py": "",
            "shop/__init__.py": "",
            "shop/views.py": """
                from django.shortcuts import render

                def home(request):
                    return render(request, "home.html", {"n": 1})
            """,
            "shop/templates/home.html": "{{ n }}\n",
        },
    )
    assert [render.function for render in model.renders] == ["shop.views.home"]
    assert list(model.links) == ["shop/templates/home.html"]


def test_django_renders_class_views_and_loaders(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/views.py": """
                from django.shortcuts import render
                from django.template import loader
                from django.template.response import TemplateResponse
                from django.utils.safestring import mark_safe
                from django.views.generic import DetailView

                def search(request):
                    term = request.GET.get("q", "")
                    context = {"term": mark_safe(term)}
                    context["hits"] = find(term)
                    return render(request, "shop/search.html", context)

                def receipt(request, number):
                    return TemplateResponse(request, "shop/receipt.html", {"number": number})

                def email(request):
                    template = loader.get_template("shop/email.html")
                    return template.render({"name": request.POST["name"]}, request)

                def opaque(request):
                    return render(request, "shop/opaque.html", locals())

                class ProductView(DetailView):
                    template_name = "shop/product.html"
                    extra_context = {"title": "Product"}

                    def get_context_data(self, **kwargs):
                        context = super().get_context_data(**kwargs)
                        context["ref"] = self.request.GET.get("ref")
                        context["slug"] = self.kwargs["slug"]
                        return context

                def find(term):
                    return []
            """,
        },
    )
    by_template = {r.templates[0]: r for r in model.renders}
    assert set(by_template) == {
        "shop/search.html",
        "shop/receipt.html",
        "shop/email.html",
        "shop/opaque.html",
        "shop/product.html",
    }
    search = {c.name: c.source for c in by_template["shop/search.html"].context}
    assert search == {"term": "request.GET.get('q', '')", "hits": ""}
    assert by_template["shop/receipt.html"].context[0].source == "URL parameter `number`"
    assert by_template["shop/email.html"].framework == "django"
    assert by_template["shop/email.html"].context[0].source == "request.POST['name']"
    assert by_template["shop/opaque.html"].opaque
    product = by_template["shop/product.html"]
    assert product.function == "shop.views.ProductView"
    assert {c.name: c.source for c in product.context} == {
        "title": "",
        "ref": "self.request.GET.get('ref')",
        "slug": "URL parameter `self.kwargs['slug']`",
    }


def test_folders_loaders_and_syntax(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "site/__init__.py": """
                import os
                from flask import Blueprint, Flask
                from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader

                app = Flask(__name__, template_folder="views")
                app.jinja_options = {"variable_start_string": "[[", "variable_end_string": "]]"}
                admin = Blueprint("admin", __name__, template_folder="admin_templates")
                plain = Blueprint("plain", __name__)
                HERE = os.path.dirname(os.path.abspath(__file__))
                env = Environment(
                    loader=ChoiceLoader(
                        [FileSystemLoader(os.path.join(HERE, "mail")), PackageLoader("site", "emails")]
                    ),
                    autoescape=False,
                    trim_blocks=True,
                )
                none = Flask("x", template_folder=None)
            """,
        },
    )
    folders = {f.kind + ":" + ",".join(f.candidates): f for f in model.folders}
    assert set(folders) == {
        "flask-app:site/views",
        "flask-blueprint:site/admin_templates",
        "jinja-loader:site/mail,site/emails,src/site/emails",
    }
    app = folders["flask-app:site/views"]
    assert dict(app.jinja_options) == {"variable_start_string": "[[", "variable_end_string": "]]"}
    loader = folders["jinja-loader:site/mail,site/emails,src/site/emails"]
    assert (loader.autoescape, dict(loader.jinja_options)) == (False, {"trim_blocks": True})


@pytest.mark.parametrize(
    ("setup", "choice"),
    [
        pytest.param("app.jinja_env.autoescape = True", True, id="constant"),
        pytest.param(
            'app.jinja_options = {"autoescape": select_autoescape()}',
            (".html", ".htm", ".xml"),
            id="select-default-extensions",
        ),
        pytest.param(
            'app.jinja_env.autoescape = select_autoescape([".HTML", "jinja2"])',
            (".html", ".jinja2"),
            id="select-extensions-lowercased",
        ),
        pytest.param(
            "ESCAPE = select_autoescape(default=True)\napp.jinja_env.autoescape = ESCAPE",
            True,
            id="select-default-true-through-a-name",
        ),
        pytest.param(
            'app.jinja_env.autoescape = select_autoescape(disabled_extensions=("txt",), default=True)',
            CUSTOM_AUTOESCAPE,
            id="select-default-true-with-exceptions",
        ),
        pytest.param("app.jinja_env.autoescape = settings.ESCAPE", CUSTOM_AUTOESCAPE, id="variable"),
        pytest.param("app.jinja_env.autoescape = lambda name: True", CUSTOM_AUTOESCAPE, id="lambda"),
        pytest.param(
            "from baseframe import baseframe\nbaseframe.init_app(app, theme='mui')",
            (".html", ".htm", ".xml", ".xhtml", ".html.jinja", ".html.jinja2", ".xml.jinja",
             ".xml.jinja2", ".xhtml.jinja", ".xhtml.jinja2"),
            id="baseframe-init-app",
        ),
    ],
)  # fmt: skip
def test_flask_autoescape_choice(tmp_path: Path, setup: str, choice: object) -> None:
    source = "from flask import Flask\nfrom jinja2 import select_autoescape\n"
    source += "import settings\napp = Flask(__name__)\n" + setup + "\n"
    model = template_model(tmp_path, {"app.py": source})
    (app,) = model.folders
    assert dict(app.jinja_options) == {"autoescape": choice}


@pytest.mark.parametrize(
    ("made", "kind"),
    [
        pytest.param(
            "class WalletFlask(Flask):\n    pass\napp = WalletFlask(__name__)",
            "flask-app",
            id="subclass-of-the-module",
        ),
        pytest.param(
            "class Base(Flask):\n    pass\nclass App(Base):\n    pass\napp = App('site')",
            "flask-app",
            id="subclass-of-a-subclass",
        ),
        pytest.param(
            "from corelib import CoreFlask\napp = CoreFlask(__name__)",
            "flask-app",
            id="imported-class-named-for-flask",
        ),
        pytest.param("from apiflask import APIFlask\napp = APIFlask(__name__)", "flask-app", id="apiflask"),
        pytest.param(
            "from corelib import CoreFlask\napp = CoreFlask(settings)",
            None,
            id="named-for-flask-without-import-name",
        ),
        pytest.param("class Store:\n    pass\napp = Store(__name__)", None, id="other-class"),
    ],
)  # fmt: skip
def test_flask_app_of_a_subclass_takes_the_autoescape(
    tmp_path: Path, made: str, kind: str | None
) -> None:
    source = "from flask import Flask, render_template\nimport settings\n" + made + "\n"
    source += "app.jinja_env.autoescape = True\n"
    source += "def page():\n    return render_template('page.html')\n"
    model = template_model(tmp_path, {"app.py": source})
    found = [(f.kind, dict(f.jinja_options)) for f in model.folders]
    assert found == ([(kind, {"autoescape": True})] if kind else [])


def test_other_init_app_leaves_autoescape_alone(tmp_path: Path) -> None:
    source = "from flask import Flask\nfrom mylib import baseframe\n"
    source += "app = Flask(__name__)\nbaseframe.init_app(app)\n"
    model = template_model(tmp_path, {"app.py": source})
    (app,) = model.folders
    assert app.jinja_options == ()


def test_django_settings_dirs_autoescape_and_middleware(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "mysite/settings.py": """
                import os
                from pathlib import Path

                BASE_DIR = Path(__file__).resolve().parent.parent
                MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
                MIDDLEWARE += ["django.middleware.csrf.CsrfViewMiddleware"]
                TEMPLATES = [
                    {
                        "BACKEND": "django.template.backends.django.DjangoTemplates",
                        "DIRS": [BASE_DIR / "templates", os.path.join(BASE_DIR, "shared", "t"), get()],
                        "APP_DIRS": True,
                        "OPTIONS": {"autoescape": flag()},
                    },
                    {"BACKEND": "django.template.backends.jinja2.Jinja2", "DIRS": ["jinja"]},
                ]
            """,
        },
    )
    django, jinja = model.settings
    assert django.dirs == (("templates",), ("shared/t",))
    assert (django.app_dirs, django.autoescape) == (True, UNKNOWN)
    assert jinja.backend.endswith("Jinja2")
    assert jinja.dirs == (("mysite/jinja", "jinja"),)
    assert model.csrf_middleware is True


def test_filters_that_mark_input_safe(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "blog/templatetags/tags.py": """
                from django import template
                from django.utils.html import escape, format_html
                from django.utils.safestring import mark_safe

                register = template.Library()

                @register.filter(name="shout")
                def loud(value):
                    text = value.upper()
                    return mark_safe("<b>" + text + "</b>")

                @register.filter
                def quiet(value):
                    return mark_safe("<i>%s</i>" % escape(value))

                @register.filter(needs_autoescape=True)
                def careful(value, autoescape=True):
                    return mark_safe(escape(value) if autoescape else value)

                @register.filter(needs_autoescape=True)
                def careless(value, autoescape=True):
                    # The flag Django gives it is never read: nothing escapes the value.
                    return mark_safe(value)

                @register.filter
                def bolded(value):
                    # `format_html` with nothing to fill in marks its text safe as it is.
                    return format_html("<b>" + value + "</b>")

                @register.filter
                def badge(value):
                    return format_html("<b>{}</b>", value)

                @register.simple_tag
                def icon(name):
                    return mark_safe(f'<svg class="{name}"></svg>')
            """,
            "app.py": """
                from flask import Flask
                from markupsafe import Markup

                app = Flask(__name__)

                def nl2br(value):
                    return Markup(value.replace("\\n", "<br>"))

                app.add_template_filter(nl2br)
                app.jinja_env.filters["plain"] = str
            """,
        },
    )
    marked = {
        (name, d.kind, d.framework, d.marker)
        for name, defs in model.filters.items()
        for d in defs
        if d.marks_safe
    }
    assert marked == {
        ("shout", "filter", "django", "mark_safe(...)"),
        ("icon", "tag", "django", "mark_safe(...)"),
        ("nl2br", "filter", "flask", "Markup(...)"),
        ("careless", "filter", "django", "mark_safe(...)"),
        ("bolded", "filter", "django", "format_html(...)"),
    }
    assert {"quiet", "careful", "badge"} <= set(model.filters)


def test_url_parameter_rebound_before_the_render(tmp_path: Path) -> None:
    # Pontoon's `teams.views.ajax_info`: the URL parameter only chooses the row that the
    # name holds from then on; what the template writes is the database's.
    model = template_model(
        tmp_path,
        {
            "teams/__init__.py": "",
            "teams/views.py": """
                from django.shortcuts import get_object_or_404, render

                def info(request, locale):
                    locale = get_object_or_404(Locale, code=locale)
                    return render(request, "teams/info.html", {"locale": locale})

                def stripped(request, slug):
                    slug = slug.strip()
                    return render(request, "teams/stripped.html", {"slug": slug})

                def defaulted(request, code):
                    if not code:
                        code = "en"
                    return render(request, "teams/defaulted.html", {"code": code})

                def titled(request, code):
                    title = f"Team {code}"
                    code = get_object_or_404(Locale, code=code)
                    return render(request, "teams/titled.html", {"title": title, "code": code})
            """,
        },
    )
    sources = {
        (render.templates[0], c.name): c.source for render in model.renders for c in render.context
    }
    assert sources == {
        ("teams/info.html", "locale"): "",
        # Near misses: a value made from the parameter, a rebinding that may not happen,
        # and a value taken before the rebinding all still carry the URL parameter.
        ("teams/stripped.html", "slug"): "URL parameter `slug`",
        ("teams/defaulted.html", "code"): "URL parameter `code`",
        ("teams/titled.html", "title"): "URL parameter `code`",
        ("teams/titled.html", "code"): "",
    }


def test_class_view_handlers_add_the_names_they_render_with(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "notes/__init__.py": "",
            "notes/views.py": """
                from django.views.generic import TemplateView

                from notes.forms import NoteForm

                class Edit(TemplateView):
                    template_name = "edit.html"

                    def get(self, request, *args, **kwargs):
                        context = self.get_context_data(form=NoteForm(), **kwargs)
                        context.update({"q": request.GET.get("q", "")})
                        context["title"] = "<b>Edit</b>"
                        return self.render_to_response(context)

                    def post(self, request, *args, **kwargs):
                        form = NoteForm(request.POST)
                        return self.render_to_response(self.get_context_data(form=form))

                class Show(TemplateView):
                    template_name = "show.html"

                    def get(self, request, *args, **kwargs):
                        return self.render_to_response({"body": request.GET["b"]})
            """,
        },
    )
    renders = {r.function: r for r in model.renders}
    edit = renders["notes.views.Edit"]
    assert sorted(c.name for c in edit.context) == ["form", "form", "q", "title"]
    assert not edit.opaque
    assert {c.name: c.source for c in edit.context}["q"] == "request.GET.get('q', '')"
    assert {c.name: c.cleaned for c in edit.context}["title"]
    show = renders["notes.views.Show"]
    assert [(c.name, c.source) for c in show.context] == [("body", "request.GET['b']")]


def test_context_dict_bound_anew_in_each_branch(tmp_path: Path) -> None:
    # healthchecks' PagerDuty view: each branch binds `ctx` to its own dict and renders
    # it; each render reads the dict bound last on the straight path to it.
    model = template_model(
        tmp_path,
        {
            "alerts/__init__.py": "",
            "alerts/views.py": """
                from django.shortcuts import render

                def add(request, simple):
                    if simple:
                        ctx = {"install_url": "https://example.com/install"}
                        return render(request, "simple.html", ctx)
                    ctx = {"form": request.GET.get("form")}
                    return render(request, "form.html", ctx)

                def unsure(request):
                    ctx = {"title": "Help"}
                    if request.GET.get("custom"):
                        ctx = {"title": request.GET["custom"]}
                    return render(request, "unsure.html", ctx)
            """,
        },
    )
    names = {
        render.templates[0]: (sorted(c.name for c in render.context), render.opaque)
        for render in model.renders
    }
    assert names == {
        "simple.html": (["install_url"], False),
        "form.html": (["form"], False),
        # Near miss: no straight path tells which dict the render reads.
        "unsure.html": ([], True),
    }
