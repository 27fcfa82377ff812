"""The taint engine on small snippets: propagation, calls, classes, control flow, bounds."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.rules.base import TaintRule
from webwarden.rules.registry import all_rules

TAINT = [rule.code for rule in all_rules() if issubclass(rule, TaintRule)]


def findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str, str]]:
    """(file, line, code, confidence) of the taint findings on the given files."""
    for name, source in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(source), encoding="utf-8")
    found = audit([tmp_path], tmp_path, select=TAINT)
    return [(f.location.path, f.location.line, f.code, f.confidence.value) for f in found]


FLASK = "from flask import Flask, request\nimport os, subprocess, sqlite3\napp = Flask(__name__)\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            """
            def helper(*args, **kwargs):
                os.system(args[0] + kwargs["suffix"])
            def view():
                helper(request.args["a"], suffix="x")
            """,
            [6],
            id="varargs-and-kwargs",
        ),
        pytest.param(
            """
            def helper(first, second):
                os.system(second)
            def view():
                values = [request.args["a"], "x"]
                helper(*values)
            """,
            [6],
            id="star-arguments-approximate",
        ),
        pytest.param(
            """
            def helper(req):
                return req.args["cmd"]
            def view():
                os.system(helper(request))
            """,
            [8],
            id="request-object-passed-to-a-helper",
        ),
        pytest.param(
            """
            def helper(req):
                return req.get_json()
            def view():
                os.system(helper(request))
            """,
            [8],
            id="request-method-through-a-parameter",
        ),
        pytest.param(
            """
            def view():
                commands = []
                for name in request.args.getlist("n"):
                    if not name:
                        continue
                    commands.append("touch " + name)
                    if len(commands) > 3:
                        break
                os.system(";".join(commands))
            """,
            [13],
            id="loop-with-break-and-continue",
        ),
        pytest.param(
            """
            def view():
                value = ""
                while not value:
                    value = request.args["v"]
                try:
                    os.system(value)
                except OSError as error:
                    os.system(str(error))
                finally:
                    pass
            """,
            [10],
            id="while-and-try",
        ),
        pytest.param(
            """
            def view():
                if (cmd := request.args.get("cmd")):
                    os.system(cmd)
                match request.args["mode"]:
                    case "fast":
                        os.system("echo fast")
                    case other:
                        os.system(other)
            """,
            [7, 12],
            id="walrus-and-match",
        ),
        pytest.param(
            """
            def view():
                mapping = {k: v for k, v in request.args.items()}
                quoted = {k: int(v) for k, v in request.args.items()}
                os.system(mapping["x"])
                os.system(str(quoted["x"]))
            """,
            [8, 9],
            id="dict-comprehensions-are-container-insensitive",
        ),
        pytest.param(
            """
            def view():
                run = lambda command: os.system(command)
                run(request.args["c"])
                def inner():
                    os.system(request.args["d"] + suffix)
                suffix = request.args["s"]
                inner()
            """,
            [6, 9],
            id="lambdas-and-closures",
        ),
        pytest.param(
            """
            def view():
                def run(command=request.args["c"]):
                    os.system(command)
                run()
            """,
            [7],
            id="default-argument",
        ),
        pytest.param(
            """
            def walk(path, depth):
                if depth:
                    return walk(path + "/x", depth - 1)
                os.system("ls " + path)
                return path
            def view():
                walk(request.args["p"], 3)
            """,
            [8],
            id="recursion-terminates",
        ),
        pytest.param(
            """
            def ping(host):
                return pong(host)
            def pong(host):
                if len(host) > 1:
                    return ping(host[1:])
                os.system(host)
            def view():
                ping(request.args["h"])
            """,
            [10],
            id="mutual-recursion",
        ),
        pytest.param(
            """
            class Book:
                def __init__(self, path):
                    self.path = path
                    self.a0 = 'x'
                    self.a1 = 'x'
                    self.a2 = 'x'
                    self.a3 = 'x'
                    self.a4 = 'x'
                    self.a5 = 'x'
                    self.a6 = 'x'
                    self.a7 = 'x'
                    self.a8 = 'x'
                    self.a9 = 'x'
                    self.a10 = 'x'
            def view():
                book = Book("fixed")
                book.data.append(request.form["notes"])
                os.system(book.path)
                os.system(str(book.id))
                os.system(book.data[0])
            """,
            [24],
            id="a-part-beyond-the-bound-is-read-by-its-name-only",
        ),
        pytest.param(
            """
            class Book:
                def __init__(self, path):
                    self.path = path
                    self.a0 = 'x'
                    self.a1 = 'x'
                    self.a2 = 'x'
                    self.a3 = 'x'
                    self.a4 = 'x'
                    self.a5 = 'x'
                    self.a6 = 'x'
                    self.a7 = 'x'
                    self.a8 = 'x'
                    self.a9 = 'x'
                    self.a10 = 'x'
            def make():
                book = Book("fixed")
                book.data.append(request.form["notes"])
                return book
            def view():
                book = make() if request.args else Book("other")
                os.system(str(book.id))
                os.system(book.data[0])
            """,
            [26],
            id="parts-beyond-the-bound-returned-and-joined",
        ),
        pytest.param(
            """
            class Book:
                def __init__(self, title, path):
                    self.title = title
                    self.path = path
            class Item:
                def __init__(self, owner):
                    self.owner = owner
            def make(meta):
                book = Book(meta.title, "a/b")
                book.item = Item(Item("x"))
                return book, 1
            def view():
                book, count = make(request.files["f"])
                os.system(book.path)
                os.system(str(book.id))
                os.system(book.title)
            """,
            [20],
            id="an-object-too-deep-keeps-its-attributes-apart",
        ),
        pytest.param(
            """
            class Book:
                def __init__(self, path):
                    self.path = path
                    self.a0 = 'x'
                    self.a1 = 'x'
                    self.a2 = 'x'
                    self.a3 = 'x'
                    self.a4 = 'x'
                    self.a5 = 'x'
                    self.a6 = 'x'
                    self.a7 = 'x'
                    self.a8 = 'x'
                    self.a9 = 'x'
                    self.a10 = 'x'
            def tag(book, tags):
                book.tags.append(tags)
            def make(meta):
                book = Book("a/b")
                tag(book, meta.tags)
                book.data.append(meta.title)
                return book, 1
            def view():
                book, count = make(request.files["f"])
                os.system(str(book.id))
                os.system(book.data[0])
                os.system(book.tags[0])
            """,
            [29, 30],
            id="parts-beyond-the-bound-returned-in-a-tuple",
        ),
        pytest.param(
            """
            def write_all(files):
                for name, content in files.items():
                    os.system(name)
            def upload():
                content = request.files["doc"].read()
                name = "fixed.po"
                write_all({name: content})
                write_all({"fixed.po": content})
            """,
            [],
            id="dict-items-keys-are-not-the-values",
        ),
        pytest.param(
            """
            def by_keys(files):
                for name in files.keys():
                    os.system(name)
            def by_items(files):
                for name, content in files.items():
                    os.system(content)
            def upload():
                content = request.files["doc"].read()
                by_keys({"fixed.po": content})
                by_items({"fixed.po": content})
                for name in {"fixed.po": content}:
                    os.system(name)
                for name in {"fixed.po": content}.values():
                    os.system(name)
            """,
            [10, 18],
            id="dict-keys-values-and-iteration",
        ),
        pytest.param(
            """
            def write_all(files):
                for name, content in files.items():
                    os.system(name)
            def by_keys(files):
                for name in files:
                    os.system(name)
            def each(form):
                for name, content in form.items():
                    os.system(name)
            def upload():
                write_all({request.form["name"]: "x"})
                by_keys({"fixed.po": request.form["content"]})
                each(request.form)
            """,
            [7, 13],
            id="dict-keys-from-the-request-or-unknown",
        ),
        pytest.param(
            """
            def run_each(commands):
                for command in commands:
                    os.system(command)
            def run_keys(commands):
                for command in commands:
                    os.system(command)
            def relay(commands):
                run_keys(commands)
            def view():
                run_each([request.form["a"], "ls"])
                relay({"ls": request.form["b"]})
            """,
            [7],
            id="iterated-parameter-gives-the-argument-elements",
        ),
        pytest.param(
            """
            from flask import redirect, url_for
            def view():
                url = url_for("index")
                url += "?"
                url += "q=" + request.args["q"]
                opened = redirect(url)
                rest = url_for("index")
                rest += "/"
                rest += request.args["q"]
                return redirect(rest), opened
            """,
            [14],
            id="separator-appended-closes-the-url",
        ),
        pytest.param(
            """
            import stripe
            def helper():
                return stripe
            def view():
                event = helper().Webhook.construct_event(request.data, "sig", "whsec")
                os.system(event.type)
                os.system(stripe.Webhook.construct_event(request.data, "s", "w").id)
                os.system(json_event(request.data))
            def json_event(body):
                return body.decode()
            """,
            [12],
            id="signed-webhook-event-is-the-providers",
        ),
        pytest.param(
            """
            from flask import redirect
            from onelogin.saml2.auth import OneLogin_Saml2_Auth
            class Backend:
                def __init__(self, data):
                    self.auth = OneLogin_Saml2_Auth(data, {})
                def sso(self, target):
                    return self.auth.login(return_to=target)
                def relay(self, target):
                    return self.auth.redirect_to(target)
            def view():
                backend = Backend({"get_data": dict(request.args)})
                sent = redirect(backend.sso(request.args["next"]))
                return sent, redirect(backend.relay(request.args["next"]))
            """,
            [17],
            id="saml-object-kept-by-a-project-class",
        ),
        pytest.param(
            """
            from django.core.files.storage import FileSystemStorage
            files = FileSystemStorage(location="/srv/files")
            def view():
                open(files.path(request.args["a"]))
                open(files.get_available_name(name=request.args["b"]))
                os.system(files.path(request.args["c"]))
                open(files.location + request.args["d"])
            """,
            [10, 11],
            id="django-storage-path-stays-below-its-folder",
        ),
        pytest.param(
            """
            import requests
            CATALOG = "https://catalog.example.org/items/"
            LOOSE = "https://catalog.example.org"
            def view():
                url = request.args["u"]
                if url.startswith(CATALOG):
                    requests.get(url)
                if url.startswith(LOOSE):
                    requests.get(url)
            """,
            [13],
            id="prefix-checked-against-a-module-constant",
        ),
        pytest.param(
            """
            class Runner:
                class Step:
                    def __init__(self, command):
                        os.system(command)
                def go(self, command):
                    return self.Step(command)
            def view():
                Runner().go(request.args["c"])
            """,
            [8],
            id="nested-class-made-through-self",
        ),
        pytest.param(
            """
            def view():
                hook = os.environ["HOOK"].split(" ")
                hook.append(request.args["path"])
                subprocess.run(hook)
                chosen = request.args["tool"].split(" ")
                chosen.append("--version")
                subprocess.run(chosen)
            """,
            [11],
            id="split-text-keeps-its-first-element-as-the-program",
        ),
        pytest.param(
            """
            from flask_sqlalchemy import SQLAlchemy
            from sqlalchemy.dialects.postgresql import insert
            db = SQLAlchemy(app)
            @app.post("/v")
            def view():
                value = request.form["value"]
                upsert = insert(db.Model).values(value=value)
                db.session.execute(upsert.on_conflict_do_update(set_={"value": value}))
                db.session.execute(upsert.on_conflict_do_nothing(index_where=f"v = '{value}'"))
            """,
            [13],
            id="upsert-binds-its-values-not-its-criterion",
        ),
        pytest.param(
            """
            from flask import redirect
            from saml2.server import Server
            def answer(idp: Server, issuer, relay):
                where = idp.pick_binding("assertion_consumer_service", entity_id=issuer)[1]
                sent = redirect(idp.apply_binding("b", "art", where, relay_state=relay)["url"])
                return sent, redirect(idp.apply_binding("b", "art", destination=relay)["url"])
            def view():
                return answer(Server(config={}), request.args["i"], request.args["r"])
            """,
            [10],
            id="pysaml2-entity-routes-to-the-metadata-endpoint",
        ),
        pytest.param(
            """
            def show(pair):
                program, argument = pair
                os.system(program)
                subprocess.run(["echo", argument])
                os.system(argument)
            def view():
                show(("ls", request.args["q"]))
            """,
            [9],
            id="tuple-parameter-unpacked-position-by-position",
        ),
        pytest.param(
            """
            def run_all(pairs):
                for program, argument in pairs:
                    os.system(program)
                    os.system(argument)
            def view():
                run_all([("ls", q) for q in request.args.getlist("q")])
            """,
            [8],
            id="pairs-parameter-unpacked-in-a-loop",
        ),
        pytest.param(
            """
            def first(values):
                program, *rest = values
                os.system(program)
                last, *others = values[::-1]
                os.system(last)
            def view():
                first(("ls", request.args["q"]))
            """,
            [9],
            id="starred-unpacking-of-a-parameter",
        ),
        pytest.param(
            """
            def pick(rows):
                os.system(rows[1][1])
                first, second = rows
                os.system(second[0])
                os.system(second[1])
            def view():
                pick([("ls", q) for q in request.args.getlist("q")])
            """,
            [6, 9],
            id="element-of-a-list-of-tuples-parameter",
        ),
        pytest.param(
            """
            def swapped(pair):
                argument, program = pair[::-1]
                os.system(program)
                for argument, program in reversed(pair):
                    os.system(argument)
            def view():
                swapped(("ls", request.args["q"]))
            """,
            [7, 9],
            id="parameter-reordered-before-unpacking",
        ),
        pytest.param(
            """
            db = sqlite3.connect("app.db")
            def build(name):
                return "SELECT id FROM t WHERE name = ?", (name,)
            def build_raw(name):
                return "SELECT id FROM t WHERE name = '%s'" % name, ()
            def view():
                db.execute(*build(request.args["q"]))
                db.execute(*build_raw(request.args["q"]))
            """,
            [12],
            id="query-and-parameters-spread-into-execute",
        ),
    ],
)
def test_flows(tmp_path: Path, body: str, expected: list[int]) -> None:
    found = findings(tmp_path, {"app.py": FLASK + textwrap.dedent(body)})
    assert [line for _, line, _, _ in found] == expected


def test_return_abort_leaves_no_value_to_join(tmp_path: Path) -> None:
    # NOTE: `return abort(403)` raises; were its value joined with the other path's,
    # the JSON response that path makes would lose its kind and read as a page.
    body = """
    def respond(data):
        return flask.Response(response=data, mimetype="application/json")
    def finish(user):
        if user is None:
            return flask.abort(403)
        return respond(request.args["next"])
    def page(user):
        if user is None:
            return flask.abort(403)
        return "<p>%s</p>" % request.args["next"]
    @app.route("/a")
    def a():
        return finish(None)
    @app.route("/b")
    def b():
        return page(None)
    """
    found = findings(tmp_path, {"app.py": FLASK + "import flask\n" + textwrap.dedent(body)})
    assert [(line, code) for _, line, code, _ in found] == [(21, "WW544")]


def test_confidence_is_medium_through_unmodelled_calls(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        {
            "app.py": FLASK
            + "import markdown\ndef view():\n"
            + "    os.system(markdown.render(request.args['a']))\n"
            + "    os.system(request.args['b'])\n"
        },
    )
    assert [(line, confidence) for _, line, _, confidence in found] == [
        (6, "medium"),
        (7, "high"),
    ]


def test_class_methods_properties_super_and_dataclasses(tmp_path: Path) -> None:
    source = FLASK + textwrap.dedent(
        """
        from dataclasses import dataclass

        class Base:
            def run(self, command):
                os.system(command)

        class Child(Base):
            def __init__(self, command):
                self.command = command

            @property
            def full(self):
                return self.command + " --verbose"

            @classmethod
            def make(cls, command):
                return cls(command)

            @staticmethod
            def shout(text):
                os.system("echo " + text)

            def run(self, command):
                super().run(self.full)

        @dataclass
        class Job:
            name: str
            args: str

        def view():
            Child.make(request.args["a"]).run("ignored")
            Child.shout(request.args["b"])
            job = Job("ls", request.args["c"])
            os.system(job.name)
            os.system(job.args)
        """
    )
    found = findings(tmp_path, {"app.py": source})
    assert [line for _, line, _, _ in found] == [9, 25, 40]


def test_module_level_instances_and_reexports(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        {
            "pkg/__init__.py": "from .tools import runner, quote_it\n",
            "pkg/tools.py": (
                "import os, shlex\n"
                "class Runner:\n"
                "    def go(self, cmd):\n"
                "        os.system(cmd)\n"
                "runner = Runner()\n"
                "quote_it = shlex.quote\n"
            ),
            "app.py": FLASK
            + "from pkg import runner\n"
            + "def view():\n"
            + "    runner.go(request.args['a'])\n",
        },
    )
    assert found == [("pkg/tools.py", 4, "WW1105", "high")]


def test_objects_flask_g_holds(tmp_path: Path) -> None:
    # `g.runner` made in another module's hook is followed; `g.other` is set to objects of
    # two classes in two modules, so neither is taken for it.
    found = findings(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/tools.py": (
                "import os\n"
                "class Runner:\n"
                "    def go(self, cmd):\n"
                "        os.system(cmd)\n"
                "class Other:\n"
                "    def go(self, cmd):\n"
                "        os.system(cmd)\n"
                "class Quiet:\n"
                "    def go(self, cmd):\n"
                "        return cmd\n"
            ),
            "pkg/a_hooks.py": (
                "from flask import g\n"
                "from pkg.tools import Quiet\n"
                "def elsewhere():\n"
                "    g.other = Quiet()\n"
            ),
            "pkg/hooks.py": (
                "from flask import g\n"
                "from pkg.tools import Other, Runner\n"
                "def before():\n"
                "    if True:\n"
                "        g.runner = Runner()\n"
                "    g.other = Other()\n"
            ),
            "app.py": FLASK
            + "from flask import g\n"
            + "def view():\n"
            + "    g.runner.go(request.args['a'])\n"
            + "def other():\n"
            + "    g.other.go(request.args['a'])\n",
        },
    )
    assert found == [("pkg/tools.py", 4, "WW1105", "high")]


def test_wtforms_and_django_forms(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        {
            "forms.py": (
                "from flask_wtf import FlaskForm\n"
                "from wtforms import IntegerField, StringField\n"
                "class Search(FlaskForm):\n"
                "    query = StringField()\n"
                "    page = IntegerField()\n"
            ),
            "app.py": FLASK
            + "from forms import Search\n"
            + "def view():\n"
            + "    form = Search()\n"
            + "    os.system(form.query.data)\n"
            + "    os.system(str(form.page.data))\n",
        },
    )
    assert [(path, line) for path, line, _, _ in found] == [("app.py", 7)]


def test_a_views_form_clean_gives_the_cleaned_data(tmp_path: Path) -> None:
    """`form.clean()` called by a view on a form defining none is Django's, which returns
    `form.cleaned_data`: a `SlugField` holds a slug, a `CharField` the text as sent. A
    form's own `clean()` is followed as it is written."""
    files = {
        "app/__init__.py": "",
        "app/forms.py": """
            from django import forms

            class Export(forms.Form):
                slug = forms.SlugField()
                title = forms.CharField()

            class Renamed(forms.Form):
                slug = forms.SlugField()

                def clean(self):
                    return {"slug": self.data["raw"]}
            """,
        "app/views.py": """
            import os

            from app.forms import Export, Renamed

            def export(request):
                form = Export(data=request.POST)
                form.is_valid()
                cleaned = form.clean()
                os.system("echo " + cleaned["slug"])
                os.system("echo " + cleaned["title"])

            def renamed(request):
                form = Renamed(request.POST)
                form.is_valid()
                os.system("echo " + form.clean()["slug"])
            """,
        "app/urls.py": """
            from django.urls import path
            from app import views

            urlpatterns = [path("e/", views.export), path("r/", views.renamed)]
            """,
    }
    assert [(path, line) for path, line, _, _ in findings(tmp_path, files)] == [
        ("app/views.py", 11),
        ("app/views.py", 16),
    ]


def test_a_serializers_validate_gives_the_validated_data(tmp_path: Path) -> None:
    """DRF keeps what a serializer's `validate(attrs)` returns as `validated_data`: values
    it looks up itself are not the client's; what it hands back of `attrs` is the data the
    serializer was bound to (the request's here, clean data there), not a source of its
    own."""
    files = {
        "app/__init__.py": "",
        "app/serializers.py": """
            from rest_framework import serializers

            from app.models import Item

            class Lookup(serializers.Serializer):
                name = serializers.CharField()

                def validate(self, attrs):
                    attrs["path"] = Item.objects.get(name=attrs["name"]).path
                    return attrs
            """,
        "app/views.py": """
            import os

            from rest_framework.views import APIView

            from app.serializers import Lookup

            class Items(APIView):
                def post(self, request):
                    checked = Lookup(data=request.data)
                    checked.is_valid(raise_exception=True)
                    os.system("ls " + checked.validated_data["path"])
                    os.system("ls " + checked.validated_data["name"])

                def put(self, request):
                    checked = Lookup(data={"name": "fixed"})
                    checked.is_valid(raise_exception=True)
                    os.system("ls " + checked.validated_data["name"])
            """,
        "app/urls.py": """
            from django.urls import path
            from app import views

            urlpatterns = [path("i/", views.Items.as_view())]
            """,
    }
    assert [(path, line) for path, line, _, _ in findings(tmp_path, files)] == [
        ("app/views.py", 13),
    ]


def test_deep_values_stay_bounded(tmp_path: Path) -> None:
    lines = ["def view():", "    value = {'a': request.args['x']}"]
    lines += [f"    value = {{'k{i}': value, 'j{i}': [value, value]}}" for i in range(40)]
    lines += ["    os.system(str(value))"]
    found = findings(tmp_path, {"app.py": FLASK + "\n".join(lines) + "\n"})
    assert [line for _, line, _, _ in found] == [46]


def test_migrations_are_not_analysed(tmp_path: Path) -> None:
    # NOTE: a migration runs from the command line; no request reaches it, and its module
    # name (`0002_...`) cannot even be imported by application code.
    flow = FLASK + "def view():\n    os.system(request.args['a'])\n"
    found = findings(
        tmp_path,
        {
            "shop/views.py": flow,
            "shop/migrations/__init__.py": "",
            "shop/migrations/0002_data.py": flow,
            "migrations/versions/ae1027a6acf_add_notes.py": flow,
            "shop/migrations/helpers.py": flow,
        },
    )
    assert [path for path, _, _, _ in found] == ["shop/migrations/helpers.py", "shop/views.py"]


@pytest.mark.parametrize(
    ("helper", "expected"),
    [
        pytest.param("return urlencode(params)", [], id="sanitised-whole"),
        pytest.param("return params", [10], id="returned-whole"),
        pytest.param(
            "return urlencode(params) if len(params) > 1 else params",
            [10],
            id="least-safe-wins",
        ),
    ],
)
def test_a_sanitised_parameter_keeps_no_raw_parts(
    tmp_path: Path, helper: str, expected: list[int]
) -> None:
    # NOTE: the caller passes a dict display, whose items the callee's return keeps when
    # it returns the parameter itself, but not once a sanitiser has made it safe.
    source = f"""
        from urllib.parse import urlencode
        from django.shortcuts import redirect

        def query(params):
            {helper}

        def view(request):
            found = query({{"next": request.GET["next"]}})
            return redirect(found["next"])
    """
    found = findings(tmp_path, {"views.py": source})
    assert [line for _, line, _, _ in found] == expected


_BOOK = """
    from flask import Flask, request
    from .db import get_book
    app = Flask(__name__)

    def rename(book, title):
        book.title = title.strip()

    def touch(book, meta):
        {touch}

    @app.post("/edit/<int:book_id>")
    def edit(book_id):
        book = get_book(book_id)
        meta = {{"path": request.form["path"]}}
        rename(book, request.form["title"])
        touch(book, meta)
        open("/srv/" + {read})
"""


@pytest.mark.parametrize(
    ("touch", "read", "expected"),
    [
        pytest.param("book.stamp = 1", "book.path", [], id="other-part-changed"),
        pytest.param("book.stamp = 1", "book.title", [18], id="stored-part-kept"),
        pytest.param("book.path = book.title", "book.path", [18], id="part-copied-to-part"),
        pytest.param(
            "book.path = request.form['to']", "book.path", [18], id="request-stored-by-callee"
        ),
        pytest.param("book.path = meta['path']", "book.path", [18], id="argument-stored"),
        pytest.param("book.update(meta)", "book.path", [18], id="argument-merged-whole"),
        pytest.param("book.update(request.form)", "book.path", [18], id="request-merged-whole"),
        pytest.param("book.stamp = str(book)", "book.stamp", [18], id="whole-read-into-part"),
    ],
)
def test_a_changed_parameter_keeps_its_parts_apart(
    tmp_path: Path, touch: str, read: str, expected: list[int]
) -> None:
    # NOTE: Calibre-Web's edit view: a helper that changes the book it is given leaves
    # the book the caller holds; the title the caller stored on it before stays the
    # title's, so the folder read from another attribute does not carry it.
    files = {
        "shop/__init__.py": "",
        "shop/db.py": "def get_book(book_id):\n    return Book.query.get(book_id)\n",
        "shop/app.py": _BOOK.format(touch=touch, read=read),
    }
    found = findings(tmp_path, files)
    assert [line for _, line, _, _ in found] == expected


_PANELS = """
    from django.shortcuts import redirect

    def panels(request, state):
        {body}

    def view(request):
        state = {{"next": "/home/"}}
        panels(request, state)
        return redirect(state["next"])
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("state = dict(request.GET)", False, id="bound-anew"),
        pytest.param("for state in request.GET.values(): pass", False, id="loop-target"),
        pytest.param(
            "try: int(request.GET['n'])\n        except ValueError as state: pass",
            False,
            id="except-target",
        ),
        pytest.param("if (state := request.GET.get('s')): pass", False, id="walrus"),
        pytest.param("state['next'] = request.GET['next']", True, id="changed"),
        pytest.param(
            "state['next'] = request.GET['next']\n        state = {}", True, id="changed-then-bound"
        ),
        pytest.param(
            "if request.GET.get('fresh'): state = {}\n        state['next'] = request.GET['next']",
            True,
            id="bound-on-one-path-then-changed",
        ),
        pytest.param(
            "for key in request.GET: state = {}\n        state['next'] = request.GET['next']",
            True,
            id="loop-run-no-time-then-changed",
        ),
        pytest.param(
            "for state in [{}]: state['next'] = request.GET['next']", False, id="loop-item-changed"
        ),
        pytest.param("state += [request.GET['next']]", True, id="added-in-place"),
    ],
)
def test_a_parameter_bound_anew_leaves_the_callers_object(
    tmp_path: Path, body: str, expected: bool
) -> None:
    # NOTE: Sefaria's reader: a helper loops over the query's panels with the name of the
    # parameter it was given (`for panel, tref in refs.items()`); the caller's `tref` is
    # not the query's data for that.
    found = findings(tmp_path, {"views.py": _PANELS.format(body=body)})
    assert bool(found) is expected


def test_library_view_handler_through_super_gives_a_response(tmp_path: Path) -> None:
    """`super().dispatch(request, key)` of a library's view (also from a mixin of no base
    wrapping `dispatch`) answers with the library's response, not the URL's data; a
    `super().get(key)` of a class that is no view still hands its argument back."""
    files = {
        "app/__init__.py": "",
        "app/mixins.py": """
            class HeaderMixin:
                def dispatch(self, *args, **kwargs):
                    response = super().dispatch(*args, **kwargs)
                    response["X-Robots-Tag"] = "noindex"
                    return response
            """,
        "app/views.py": """
            from django.shortcuts import redirect
            from library.views import LibraryView
            from app.mixins import HeaderMixin

            class Lookup(dict):
                def get(self, key, default=None):
                    return super().get(key, default)

            class Mixed(HeaderMixin, LibraryView):
                def dispatch(self, request, key):
                    return redirect(super().dispatch(request, key).url)

            class Plain(LibraryView):
                def get(self, request, key):
                    return redirect(super().get(request, key).url)

            class Looked(LibraryView):
                def get(self, request, key):
                    return redirect(Lookup().get(key, key))
            """,
        "app/urls.py": """
            from django.urls import path
            from app import views

            urlpatterns = [
                path("a/<path:key>/", views.Mixed.as_view()),
                path("b/<path:key>/", views.Plain.as_view()),
                path("c/<path:key>/", views.Looked.as_view()),
            ]
            """,
    }
    assert findings(tmp_path, files) == [("app/views.py", 20, "WW1109", "high")]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        pytest.param("store.get(1, 2, request.args['k'])", [], id="lookup-by-several-keys"),
        pytest.param("store.get(request.args['k'], 2, 3, 4)", [], id="lookup-key-first"),
        pytest.param("store.get('k', request.args['d'])", [7], id="mapping-default"),
        pytest.param("request.args.get('k', request.args['d'], str)", [7], id="werkzeug-default"),
        pytest.param("request.form.get('k', 'x', str)", [7], id="werkzeug-read"),
    ],
)
def test_what_a_get_hands_back(tmp_path: Path, call: str, expected: list[int]) -> None:
    # A mapping's `get(key, default)` gives the default back, as Werkzeug's `get(key,
    # default, type)` does; a `get` of another object taking three arguments or more
    # looks up by several keys, and gives what the object holds under them.
    source = (
        FLASK + f"from store import store\n@app.post('/x')\ndef view():\n    os.system({call})\n"
    )
    found = findings(tmp_path, {"app.py": source, "store.py": "store = object()\n"})
    assert [line for _, line, _, _ in found] == expected


def test_super_in_a_project_manager_is_djangos_query(tmp_path: Path) -> None:
    """`super().filter(*args, **kwargs)` in a project's `Manager` (or `QuerySet`) subclass
    is Django's own method: the rows a lookup by the request's key finds hold what the
    database holds, not the key; Django's sinks (`super().raw(sql)`) are judged there."""
    files = {
        "app/__init__.py": "",
        "app/managers.py": """
            from django.db import models

            class TenantManager(models.Manager):
                def filter(self, *args, **kwargs):
                    rows = super().filter(*args, **kwargs)
                    return rows

                def named(self, name):
                    return super().raw("SELECT * FROM app_page WHERE name = '%s'" % name)
            """,
        "app/models.py": """
            from django.db import models
            from app.managers import TenantManager

            class Page(models.Model):
                body = models.TextField()
                objects = TenantManager()
            """,
        "app/views.py": """
            from django import template
            from django.http import HttpResponse
            from app.models import Page

            def preview(request):
                page = Page.objects.filter(id=request.POST["id"]).first()
                return HttpResponse(template.Template(page.body).render(template.Context()))

            def search(request):
                return HttpResponse(str(list(Page.objects.named(request.GET["name"]))))
            """,
        "app/urls.py": """
            from django.urls import path
            from app import views

            urlpatterns = [path("p/", views.preview), path("s/", views.search)]
            """,
    }
    assert findings(tmp_path, files) == [("app/managers.py", 10, "WW441", "high")]


@pytest.mark.parametrize(
    ("grouped", "expected"),
    [
        pytest.param("queryset.values_list(field, flat=True)", [], id="values-list"),
        pytest.param("queryset.values(field)", [], id="values-of-fields"),
        pytest.param(
            "queryset.model._meta.get_field(field).related_model.objects.all()",
            [],
            id="related-model-of-a-field",
        ),
        pytest.param("queryset.annotate(key=Lower(field))", [], id="annotation-of-a-field"),
        pytest.param("queryset.annotate(key=Value(field))", [12], id="annotation-of-a-value"),
        pytest.param("{'rows': field}.values()", [12], id="dict-values"),
    ],
)
def test_rows_grouped_by_a_field_the_request_names(
    tmp_path: Path, grouped: str, expected: list[int]
) -> None:
    """A helper handed a queryset and a field name the request sent: the rows it picks,
    the field's values and its related model are the database's."""
    source = f"""
        from django.db.models import Value
        from django.db.models.functions import Lower
        from django.http import HttpResponse
        from app.models import Letter

        def grouped(queryset, field):
            return {grouped}

        def letters(request):
            rows = grouped(Letter.objects.filter(archived=False), request.GET["field"])
            return HttpResponse(str(list(rows)))
        """
    files = {
        "app/__init__.py": "",
        "app/views.py": source,
        "app/urls.py": """
            from django.urls import path
            from app import views

            urlpatterns = [path("l/", views.letters)]
            """,
    }
    assert [line for _, line, _, _ in findings(tmp_path, files)] == expected


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        pytest.param('getattr(request, "args")["cmd"]', [6], id="request-attribute"),
        pytest.param('getattr(holder, "cmd", "ls")', [6], id="tainted-attribute-or-default"),
        pytest.param('getattr(holder, "safe", request.args["d"])', [6], id="tainted-default"),
        pytest.param('getattr(holder, "safe", "ls")', [], id="clean-attribute"),
    ],
)
def test_getattr_of_a_constant_name_reads_the_attribute(
    tmp_path: Path, call: str, expected: list[int]
) -> None:
    body = f"""
        class Holder:
            pass
        def view():
            holder = Holder(); holder.cmd = request.args["c"]; holder.safe = "ls"
            os.system({call})
        """
    assert [
        line for _, line, _, _ in findings(tmp_path, {"app.py": FLASK + textwrap.dedent(body)})
    ] == [line + 3 for line in expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            'return redirect("https://" + request.headers["Host"] + "/x")',
            [],
            id="host-header-is-own-host",
        ),
        pytest.param(
            'return redirect("https://" + request.headers.get("host") + "/x")',
            [],
            id="host-header-get-any-case",
        ),
        pytest.param(
            'return redirect("https://" + request.form["host"] + "/x")',
            [7],
            id="form-field-named-host-is-chosen",
        ),
        pytest.param(
            'return os.popen("echo " + request.headers["Host"]).read()',
            [7],
            id="host-header-still-data-for-commands",
        ),
    ],
)
def test_host_header_in_redirects(tmp_path: Path, body: str, expected: list[int]) -> None:
    source = f"from flask import redirect\n{FLASK}@app.route('/')\ndef view():\n    {body}\n"
    found = findings(tmp_path, {"app.py": source})
    assert [line for _, line, _, _ in found] == expected


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        pytest.param("wagtail.api.v2.views.PagesAPIViewSet", [8], id="pages-api"),
        pytest.param("wagtail.documents.api.v2.views.DocumentsAPIViewSet", [8], id="documents"),
        pytest.param("wagtail.admin.views.generic.IndexView", [], id="admin-view-unmodelled"),
    ],
)
def test_wagtail_api_viewsets_are_drf_views(tmp_path: Path, base: str, expected: list[int]) -> None:
    # Wagtail's API viewsets derive from DRF's `GenericViewSet`, whose source a project's
    # tree lacks: in a subclass `self.request` is the request, and `super().get_queryset()`
    # the queryset the endpoint lists.
    module, _, name = base.rpartition(".")
    source = (
        f"from {module} import {name}\n\n"
        f"class Listing({name}):\n"
        "    def get_queryset(self):\n"
        "        queryset = super().get_queryset()\n"
        "        where = self.request.GET['where']\n"
        "        queryset = queryset.order_by('id')\n"
        "        return queryset.extra(where=[where])\n"
    )
    found = findings(tmp_path, {"views.py": source})
    assert [line for _, line, _, _ in found] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            """
            from letters import LetterAction
            def send(record, form_url=None):
                LetterAction(form_url=form_url).save(record)
            def view():
                send({"name": request.form["name"]}, form_url="letter")
            """,
            [],
            id="receiver-made-from-a-callers-constant",
        ),
        pytest.param(
            """
            def keep(upload, name):
                upload.save(os.path.join("/srv", name))
            def view():
                keep(request.files["file"], request.form["name"])
            """,
            [6],
            id="receiver-a-callers-upload",
        ),
        pytest.param(
            """
            def keep(upload, name):
                upload.save(os.path.join("/srv", name))
            def mixed():
                keep(open("/tmp/x", "rb"), request.form["name"])
            def view():
                keep(request.files["file"], "fixed")
                return mixed()
            """,
            [],
            id="no-caller-hands-both",
        ),
    ],
)
def test_a_saved_path_needs_an_upload_from_the_caller(
    tmp_path: Path, body: str, expected: list[int]
) -> None:
    found = findings(tmp_path, {"app.py": FLASK + textwrap.dedent(body)})
    assert [line for _, line, code, _ in found if code == "WW1107"] == expected


@pytest.mark.parametrize(
    ("checked", "expected"),
    [
        pytest.param("url", [], id="rebound-by-its-own-verdict"),
        pytest.param("other", [10], id="rebound-by-another-values-verdict"),
    ],
)
def test_a_name_rebound_by_a_verdict_keeps_it(
    tmp_path: Path, checked: str, expected: list[int]
) -> None:
    source = f"""\
        from django.http import HttpResponseRedirect
        from django.utils.http import url_has_allowed_host_and_scheme

        def view(request):
            url = request.GET["next"]
            other = request.GET["back"]
            ok = url_has_allowed_host_and_scheme({checked}, allowed_hosts=None)
            url = url if ok else "/"
            other = "/"
            return HttpResponseRedirect(url)
        """
    found = findings(tmp_path, {"views.py": source})
    assert [line for _, line, _, _ in found] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("return gzip.GzipFile(fileobj=upload).read()", [6], id="gzip-file-whole"),
        pytest.param("return gzip.GzipFile(fileobj=upload).read(100)", [], id="gzip-file-sized"),
        pytest.param("return bz2.BZ2File(upload).read()", [6], id="bz2-file-whole"),
        pytest.param("return upload.read()", [], id="plain-file-read"),
    ],
)
def test_a_decompressing_file_reads_the_file_it_wraps(
    tmp_path: Path, body: str, expected: list[int]
) -> None:
    # A decompressing file made of a parameter holds what the caller's upload holds, and
    # its `read()` is the file's, not a request's read: the helper's sink is summarised.
    source = (
        FLASK
        + "import bz2, gzip\n"
        + f"def unpack(upload):\n    {body}\n"
        + "@app.post('/x')\ndef view():\n    return unpack(request.files['f'])\n"
    )
    found = findings(tmp_path, {"app.py": source})
    assert [line for _, line, code, _ in found if code == "WW11106"] == expected
