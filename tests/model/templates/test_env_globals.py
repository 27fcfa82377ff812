"""The Jinja globals a project sets, and whether each holds its configuration."""

from __future__ import annotations

from pathlib import Path

from tests.model.templates.helpers import template_model

SOURCE = """
from flask import Flask, request

import version

app = Flask(__name__)
app.jinja_env.globals["version"] = version.__version__
app.jinja_env.globals["site_name"] = "Newsroom"
app.jinja_env.globals.update(key_fpr=app.config["KEY_FPR"], helper=len)
app.jinja_env.globals.update({"contact": app.config.CONTACT_EMAIL})
app.jinja_env.globals["path"] = request.path
app.jinja_env.globals["lang"] = app.config.default_language
app.jinja_env.globals["site_name"] = load_name()
app.jinja_env.globals["form_id"] = app.config["HUBSPOT"].get("FORM_ID")
app.jinja_env.globals["footer"] = app.config.get("FOOTER", "")
app.jinja_env.globals["theme"] = request.cookies.get("theme")
app.jinja_env.globals["chosen"] = app.config["HUBSPOT"].get(request.args["key"])
"""


def test_config_globals(tmp_path: Path) -> None:
    model = template_model(tmp_path, {"app.py": SOURCE, "templates/page.html": "{{ x }}\n"})
    assert model.config_globals == {
        "version": True,  # a module's dunder attribute
        "site_name": False,  # once a literal, once a call's result
        "key_fpr": True,  # an item of the app's config
        "helper": False,  # a function
        "contact": True,  # an upper-case attribute of a config object
        "path": False,  # the request's own
        "lang": False,  # a lower-case attribute may be anything
        "config": True,  # Flask's own global: the app's config
        "form_id": True,  # an item of a config item, by a literal key
        "footer": True,  # `get()` of the app's config, with a literal default
        "theme": False,  # an item of the request's own state
        "chosen": False,  # an item the request names
    }


FLASK_PROCESSORS = """
from flask import Blueprint, Flask, request

__version__ = "1.0"
app = Flask(__name__)
bp = Blueprint("pages", __name__)


def inject():
    return dict(version=__version__, icon="<svg/>", path=request.path)


@bp.app_context_processor
def inject_banner():
    return {"banner": app.config["BANNER"]}


@app.context_processor
def inject_any():
    return dict(request.args, extra="<b>")


def helper(value):
    return {"helper_value": value}


app.context_processor(inject)
"""


def test_flask_context_processors(tmp_path: Path) -> None:
    model = template_model(
        tmp_path, {"app.py": FLASK_PROCESSORS, "templates/page.html": "{{ x }}\n"}
    )
    assert model.config_globals == {
        "version": True,  # a dunder name: the author's
        "icon": True,  # a literal
        "path": False,  # the request's own
        "banner": True,  # an item of the app's config
        "config": True,  # Flask's own global
        "*": False,  # `dict(request.args, ...)` may hold any key
    }  # `helper` is registered nowhere


HELPER_PROCESSOR = """
from flask import Flask

app = Flask(__name__)


@app.context_processor
def utilities():
    def money(amount):
        shown = f"{amount:.2f} EUR"
        return shown

    return dict(money=money, site="Shop")
"""


def test_flask_processor_defining_a_helper(tmp_path: Path) -> None:
    model = template_model(
        tmp_path, {"app.py": HELPER_PROCESSOR, "templates/page.html": "{{ x }}\n"}
    )
    # The helper's own `return` is not what the processor returns: its names are told.
    assert model.config_globals == {"money": False, "site": True, "config": True}


DJANGO_PROCESSORS = """
from library.settings import *
from library.settings import SENTRY_DSN
from library.views import home as HOME_VIEW


def global_settings(request):
    LOCAL_PORT = request.GET.get("port")
    return {
        "CMS_HOST": CMS_HOST,
        "SENTRY_DSN": SENTRY_DSN,
        "HOME_VIEW": HOME_VIEW,
        "LOCAL_PORT": LOCAL_PORT,
        "lower": cms_host,
    }
"""

OTHER_STARS = """
from library.helpers import *
from library.settings import *


def global_settings(request):
    return {"CMS_HOST": CMS_HOST}
"""


def test_django_processors_read_names_of_the_settings_module(tmp_path: Path) -> None:
    files = {
        "library/__init__.py": "",
        "library/settings.py": "CMS_HOST = 'cms'\nSENTRY_DSN = ''\n",
        "library/context_processors.py": DJANGO_PROCESSORS,
        "library/templates/page.html": "{{ x }}\n",
    }
    assert template_model(tmp_path, files).config_globals == {
        "CMS_HOST": True,  # bound by no scope: from the settings module's star import
        "SENTRY_DSN": True,  # imported by name from the settings module
        "HOME_VIEW": False,  # imported from a module that is no settings module
        "LOCAL_PORT": False,  # the processor's own local, from the request
        "lower": False,  # not named as a setting
    }
    files["library/context_processors.py"] = OTHER_STARS
    other = tmp_path / "other"
    other.mkdir()
    assert template_model(other, files).config_globals == {"CMS_HOST": False}


UPDATED_PROCESSOR = """
from django.conf import settings


def selected_settings(request):
    context = {"VERSION": settings.VERSION, "REFRESH": settings.REFRESH}
    if hasattr(settings, "SSO_URL"):
        context.update({"SSO_URL": settings.SSO_URL})
    context.update({"theme": request.COOKIES.get("theme")})
    return context


def merged(request):
    context = {"SITE": settings.SITE}
    context.update(request.session.get("extra", {}))
    return context
"""


def test_django_processor_updated_with_a_dict_display(tmp_path: Path) -> None:
    files = {
        "site/__init__.py": "",
        "site/context_processors.py": UPDATED_PROCESSOR,
        "site/templates/page.html": "{{ x }}\n",
    }
    assert template_model(tmp_path, files).config_globals == {
        "VERSION": True,
        "REFRESH": True,
        "SSO_URL": True,  # a display's constant key, given a setting
        "theme": False,  # a display's constant key, given a cookie
        "*": False,  # `merged`: `update()` of a mapping the code did not write, any key
    }


DJANGO_JINJA_SETTINGS = """
from site import constants

SITE_URL = "https://example.org"
TEMPLATES = [
    {
        "BACKEND": "django_jinja.backend.Jinja2",
        "OPTIONS": {"constants": {"constants": constants, "SITE_URL": SITE_URL}},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"constants": {"other": constants}},
    },
]
"""


def test_django_jinja_constants_are_configuration(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "site/settings.py": DJANGO_JINJA_SETTINGS,
            "site/templates/page.jinja": "{{ constants.YEAR }}\n",
        },
    )
    assert model.config_globals == {"constants": True, "SITE_URL": True}


PICKING_PROCESSOR = """
from django.conf import settings


def menus(request):
    return {
        "languages": [code for code, _ in settings.LANGUAGES],
        "names": {code: info["name"] for code, info in settings.LANG_INFO.items()},
        "pairs": [(code, "x") for code, _ in settings.LANGUAGES if code != "en"],
        "labels": [name.title() for _, name in settings.LANGUAGES],
        "chosen": [code for code in request.GET.getlist("lang")],
        "mixed": [request.path for code, _ in settings.LANGUAGES],
    }
"""


def test_django_processor_picking_from_settings_in_a_comprehension(tmp_path: Path) -> None:
    files = {
        "site/__init__.py": "",
        "site/context_processors.py": PICKING_PROCESSOR,
        "site/templates/page.html": "{{ x }}\n",
    }
    assert template_model(tmp_path, files).config_globals == {
        "languages": True,
        "names": False,  # `.items()` is a call webwarden does not read as configuration
        "pairs": True,
        "labels": False,  # a method's result
        "chosen": False,
        "mixed": False,
    }


NUMBER_PROCESSOR = """
from site.models import SiteConfiguration


def analytics(request):
    config = SiteConfiguration.get_solo()
    return {"site_id": config.site_id, "name": config.name, "path": request.path}
"""
NUMBER_MODEL = """
from django.db import models


class SiteConfiguration(models.Model):
    site_id = models.PositiveIntegerField()
    name = models.CharField(max_length=20)
"""


def test_django_processor_value_of_a_number_field(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/models.py": NUMBER_MODEL,
            "site/context_processors.py": NUMBER_PROCESSOR,
            "site/templates/page.html": "{{ site_id }}\n",
        },
    )
    assert model.processor_attributes == {"site_id": {"site_id"}, "name": {"name"}, "path": {""}}
    page = next(relpath for relpath in model.files if relpath.endswith("page.html"))
    assert model.number_attribute(page, "site_id")
    assert not model.number_attribute(page, "name")
    assert not model.number_attribute(page, "path")


FACTORY_PROCESSOR = """
from flask import request

import local_info


def setup_views(app):
    @app.context_processor
    def skeleton():
        credits_file = app.config["LOCAL_DIR"] / "credits.html"
        credits = local_info.read_html(credits_file)
        banner = app.config["BANNER_HTML"]
        page = local_info.read_html(app.config["PAGES"] / request.args["page"])
        motd = local_info.read_motd(app.config["LOCAL_DIR"] / "motd.html")
        return dict(credits=credits, banner=banner, page=page, motd=motd, q=request.args)
"""
LOCAL_INFO = """
def read_html(fname):
    markup = None
    if fname.is_file():
        with fname.open() as f:
            markup = f.read().strip()
    return markup


def read_motd(fname):
    return open("/var/lib/site/motd.html").read()
"""


def test_flask_processor_of_a_set_up_function(tmp_path: Path) -> None:
    files = {
        "app.py": FACTORY_PROCESSOR,
        "local_info.py": LOCAL_INFO,
        "templates/page.html": "{{ x }}\n",
    }
    model = template_model(tmp_path, files)
    assert model.config_globals == {
        "credits": True,  # a file a configured path names, read by a function given it
        "banner": True,  # a local bound once to a config item
        "page": False,  # the path is the request's choice
        "motd": False,  # the function reads a file of its own choosing
        "q": False,  # the request's own
    }


KEYED_PROCESSOR = """
from django.conf import settings


def tracking(request):
    return {
        "tracking": {"key": settings.TRACKER_KEY, "visitor": request.session.get("v"), 3: 1},
        "site": {"name": settings.SITE_NAME},
    }
"""


def test_django_processor_dict_keys_judged_one_by_one(tmp_path: Path) -> None:
    files = {
        "site/__init__.py": "",
        "site/context_processors.py": KEYED_PROCESSOR,
        "site/templates/page.html": "{{ x }}\n",
    }
    model = template_model(tmp_path, files)
    assert model.config_globals == {
        "tracking": False,
        "tracking.key": True,  # the setting under a literal key
        "tracking.visitor": False,  # the session's value
        "site": True,  # configuration as a whole: its keys need no entry
    }
    assert model.configuration_global("site/templates/page.html", "tracking.key")
    assert model.configuration_global("site/templates/page.html", "tracking.key.upper")
    assert not model.configuration_global("site/templates/page.html", "tracking.visitor")
    assert not model.configuration_global("site/templates/page.html", "tracking")
    assert model.configuration_global("site/templates/page.html", "site.name")


FUNCTION_PROCESSOR = """
from flask import Flask

from . import text
from .helpers import shout

app = Flask(__name__)


@app.context_processor
def utilities():
    def money(amount):
        return f"{amount:.2f} EUR"

    return {"markdown": text.render, "shout": shout, "money": money, "site": "Shop"}
"""


def test_flask_processor_giving_functions(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "shop/__init__.py": FUNCTION_PROCESSOR,
            "shop/text.py": "def render(source):\n    return source\n",
            "shop/helpers.py": "def shout(word):\n    return word.upper()\n",
            "templates/page.html": "{{ x }}\n",
        },
    )
    assert model.global_functions == {
        "markdown": {"shop.text.render"},
        "shout": {"shop.helpers.shout"},
    }  # `money` is the processor's own local, `site` a literal
