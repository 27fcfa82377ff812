"""A Flask app whose views are the labelled cases of the taint corpus (see cases.toml).

Each case is the function (and helpers) whose name starts with its id.
"""

import ast
import base64
import functools
import os
import pickle
import shlex
import sqlite3
import subprocess

import httpx
import ldap
import requests
import yaml
from flask import Flask, Response, abort, make_response, redirect, render_template_string
from flask import request, send_from_directory, url_for
from flask.views import MethodView
from ldap.filter import escape_filter_chars
from markupsafe import Markup, escape
from pymongo import MongoClient
from sqlalchemy import text
from flask_sqlalchemy import SQLAlchemy
from werkzeug.utils import secure_filename

import db
import helpers
from services.search import C10Search, C64Search

app = Flask(__name__)
database = SQLAlchemy(app)
users = MongoClient().app.users
ALLOWED_SORTS = {"title", "created"}
REPORTS = "/srv/reports"


def cursor():
    return sqlite3.connect("notes.db").cursor()


@app.route("/c01")
def c01_search():
    # Request data formatted straight into the SQL text.
    q = request.args.get("q", "")
    cursor().execute(f"SELECT id FROM notes WHERE title = '{q}'")
    return "ok"


@app.route("/c02")
def c02_search():
    # The same query with a placeholder: the value is sent as data.
    q = request.args.get("q", "")
    cursor().execute("SELECT id FROM notes WHERE title = ?", (q,))
    return "ok"


@app.route("/c03")
def c03_search():
    # The SQL is built in a helper of another module and executed here.
    sql = helpers.c03_where(request.args["q"])
    cursor().execute(sql)
    return "ok"


@app.route("/c04")
def c04_search():
    # Two helpers between the view and the sink, across two modules.
    return {"rows": helpers.c04_filter(request.form["term"])}


@app.route("/c05")
def c05_note():
    # int() makes the value a number: formatting it into SQL cannot inject.
    note_id = int(request.args["id"])
    cursor().execute(f"SELECT body FROM notes WHERE id = {note_id}")
    return "ok"


@app.route("/c06")
def c06_orders():
    # SQLAlchemy text() of an f-string with request data.
    status = request.args["status"]
    rows = database.session.execute(text(f"SELECT id FROM orders WHERE status = '{status}'"))
    return {"ids": [row.id for row in rows]}


@app.route("/c07")
def c07_orders():
    # text() with a bound parameter, and an ORM lookup: both parameterised.
    status = request.args["status"]
    rows = database.session.execute(text("SELECT id FROM orders WHERE status = :s"), {"s": status})
    same = Order.query.filter_by(status=status).all()
    return {"ids": [row.id for row in rows], "same": len(same)}


@app.route("/c08")
def c08_orders():
    # A plain string built from request data handed to Session.execute.
    name = request.args["name"]
    database.session.execute("SELECT id FROM orders WHERE customer = '" + name + "'")
    return "ok"


@app.route("/c09")
def c09_sorted():
    # An ORDER BY column can't be a parameter: the allow-list check makes it safe.
    sort = request.args.get("sort", "title")
    if sort not in ALLOWED_SORTS:
        abort(400)
    cursor().execute(f"SELECT id FROM notes ORDER BY {sort}")
    return "ok"


@app.route("/c10")
def c10_search():
    # The term travels through a class: constructor, attribute, method.
    return {"rows": C10Search(request.args["q"]).run()}


@app.route("/c11")
def c11_filter():
    # Values stored in a dict, joined into a WHERE clause by a generator.
    filters = {"title": request.args["title"], "owner": "me"}
    where = " AND ".join(f"{key} = '{value}'" for key, value in filters.items())
    cursor().execute("SELECT id FROM notes WHERE " + where)
    return "ok"


@app.route("/c12")
def c12_filter():
    # A list holding request data passed as the parameters, not the SQL.
    params = [request.args["title"]]
    cursor().execute("SELECT id FROM notes WHERE title = ?", params)
    return "ok"


@app.route("/c13", methods=["POST"])
def c13_import():
    # A JSON body read into a dict, one value formatted into a script.
    data = request.get_json()
    name = data["name"]
    sqlite3.connect("notes.db").executescript(f"INSERT INTO tags (name) VALUES ('{name}');")
    return "ok"


@app.route("/c14")
def c14_recent():
    # An f-string SQL built only from constants: nothing to inject.
    limit = 10
    cursor().execute(f"SELECT id FROM notes ORDER BY created DESC LIMIT {limit}")
    return "ok"


@app.route("/c15")
def c15_greet():
    # Request data in the template source: server-side template injection.
    name = request.args.get("name", "world")
    return render_template_string(f"<h1>Hello {name}</h1>")


@app.route("/c16")
def c16_greet():
    # Request data as a template variable: escaped by Jinja2.
    name = request.args.get("name", "world")
    return render_template_string("<h1>Hello {{ name }}</h1>", name=name)


@app.route("/c17")
def c17_badge():
    # Request data marked safe: Jinja2 will not escape it.
    label = request.args["label"]
    return render_template_string("{{ badge }}", badge=Markup(f"<b>{label}</b>"))


@app.route("/c18")
def c18_badge():
    # Markup.format() escapes its arguments; escape() does too.
    label = request.args["label"]
    badge = Markup("<b>{}</b>").format(label)
    return render_template_string("{{ a }}{{ b }}", a=badge, b=Markup(escape(label)))


@app.route("/c19")
def c19_results():
    # A view returning an f-string of request data: sent as text/html.
    q = request.args.get("q", "")
    return f"<p>No results for {q}</p>"


@app.route("/c20")
def c20_results():
    # The same page with the value escaped first.
    q = request.args.get("q", "")
    return f"<p>No results for {escape(q)}</p>"


@app.route("/c21")
def c21_hello():
    # The HTML is built in a helper of another module, sent with make_response.
    return make_response(helpers.c21_page(request.args["name"]))


@app.route("/c22")
def c22_plain():
    # The same text sent as text/plain is not HTML.
    q = request.args.get("q", "")
    return Response(f"No results for {q}", mimetype="text/plain")


@app.route("/c23")
def c23_json():
    # A dict is sent as JSON, not HTML.
    return {"q": request.args.get("q", "")}


@app.route("/c24/<name>")
def c24_profile(name):
    # A string URL parameter returned in HTML.
    return f"<h1>{name}</h1>"


@app.route("/c25/<int:page>")
def c25_page(page):
    # An int URL parameter cannot carry markup.
    return f"<h1>Page {page}</h1>"


@app.route("/c26")
def c26_ping():
    # Request data in a shell command.
    host = request.args["host"]
    subprocess.run(f"ping -c 1 {host}", shell=True)
    return "ok"


@app.route("/c27")
def c27_ping():
    # An argument list without a shell: the value is one argument, not the program.
    host = request.args["host"]
    subprocess.run(["ping", "-c", "1", host])
    return "ok"


@app.route("/c28")
def c28_ping():
    # shlex.quote makes the value one shell word.
    host = shlex.quote(request.args["host"])
    subprocess.run(f"ping -c 1 {host}", shell=True)
    return "ok"


@app.route("/c29")
def c29_archive():
    # The shell command is run by a helper in another module.
    helpers.c29_archive(request.form["folder"])
    return "ok"


@app.route("/c30", methods=["POST"])
def c30_calculate():
    # eval() of request data.
    return {"result": eval(request.form["expr"])}


@app.route("/c31", methods=["POST"])
def c31_calculate():
    # ast.literal_eval only reads literals.
    return {"result": ast.literal_eval(request.form["expr"])}


@app.route("/c32")
def c32_report():
    # A file path joined from request data: ../ escapes the directory.
    name = request.args["file"]
    with open(os.path.join(REPORTS, name)) as handle:
        return handle.read()


@app.route("/c33")
def c33_report():
    # send_from_directory refuses paths outside the directory.
    return send_from_directory(REPORTS, request.args["file"])


@app.route("/c34", methods=["POST"])
def c34_upload():
    # secure_filename strips directories from an upload's name.
    upload = request.files["file"]
    upload.save(os.path.join("/srv/uploads", secure_filename(upload.filename)))
    return "ok"


@app.route("/c35", methods=["POST"])
def c35_upload():
    # The upload's own name chooses where it is written.
    upload = request.files["file"]
    upload.save(os.path.join("/srv/uploads", upload.filename))
    return "ok"


@app.route("/c36")
def c36_preview():
    # The client chooses the URL the server fetches (SSRF).
    return {"size": len(requests.get(request.args["url"], timeout=5).content)}


@app.route("/c37")
def c37_item():
    # Scheme and host are fixed; the client chooses only the path.
    item = request.args["item"]
    return requests.get(f"https://api.example.com/items/{item}", timeout=5).json()


@app.route("/c38")
def c38_status():
    # The base URL comes from the request, through a helper, to an httpx client.
    client = httpx.Client()
    return client.get(helpers.c38_fetch_url(request.args["base"])).json()


@app.route("/c39")
def c39_next():
    # Redirect to wherever the query string says.
    return redirect(request.args.get("next", "/"))


@app.route("/c40")
def c40_home():
    # A redirect to a route built by url_for.
    return redirect(url_for("c39_next"))


@app.route("/c41")
def c41_next():
    # The project's own guard (declared in pyproject.toml) checks the target.
    target = request.args.get("next", "/")
    if not helpers.is_local_url(target):
        target = url_for("c40_home")
    return redirect(target)


@app.route("/c42")
def c42_item():
    # A constant local path prefix keeps the redirect on this site.
    return redirect(f"/items/{request.args['id']}")


@app.route("/c43")
def c43_cart():
    # A pickle from a cookie: the client sends the code it wants run.
    cart = pickle.loads(base64.b64decode(request.cookies["cart"]))
    return {"items": len(cart)}


@app.route("/c44", methods=["POST"])
def c44_settings():
    # safe_load and SafeLoader build plain data only.
    first = yaml.safe_load(request.data)
    second = yaml.load(request.data, Loader=yaml.SafeLoader)
    return {"keys": len(first) + len(second)}


@app.route("/c45", methods=["POST"])
def c45_settings():
    # An upload loaded by a helper with the full YAML loader.
    return {"keys": len(helpers.c45_load(request.files["config"].read()))}


@app.route("/c46")
def c46_tag():
    # A response header set from request data.
    response = make_response("ok")
    response.headers["X-Tag"] = request.args["tag"]
    return response


@app.route("/c47")
def c47_count():
    # A header holding a number computed from the request.
    response = make_response("ok")
    response.headers["X-Count"] = str(len(request.args))
    return response


@app.route("/c48")
def c48_people():
    # Request data in an LDAP filter.
    connection = ldap.initialize("ldap://directory.example.com")
    name = request.args["name"]
    return {"n": len(connection.search_s("dc=example", ldap.SCOPE_SUBTREE, f"(uid={name})"))}


@app.route("/c49")
def c49_people():
    # The value is escaped for LDAP filters first.
    connection = ldap.initialize("ldap://directory.example.com")
    name = escape_filter_chars(request.args["name"])
    return {"n": len(connection.search_s("dc=example", ldap.SCOPE_SUBTREE, f"(uid={name})"))}


@app.route("/c50")
def c50_users():
    # Request data in MongoDB $where JavaScript.
    name = request.args["name"]
    return {"n": len(list(users.find({"$where": f"this.name == '{name}'"})))}


@app.route("/c51")
def c51_users():
    # A plain field condition: MongoDB compares the value as data.
    return {"n": len(list(users.find({"name": request.args["name"]})))}


@app.route("/c52")
def c52_search():
    # Three helpers deep (helpers -> helpers -> db) before the SQL runs.
    return {"rows": helpers.c52_first(request.args["title"])}


@app.route("/c53")
def c53_ping():
    # Unpacking a tuple: the request value lands in `host`.
    host, count = request.args["host"], 3
    os.system(f"ping -c {count} {host}")
    return "ok"


@app.route("/c54")
def c54_ping():
    # Unpacking a tuple: the request value lands in `count`, the command uses `host`.
    count, host = request.args["count"], "example.com"
    os.system(f"ping -c 1 {host}")
    return {"count": count}


@app.route("/c55")
def c55_tagged():
    # A comprehension strips each value; the values are quoted into an IN list.
    names = [name.strip() for name in request.args["names"].split(",")]
    quoted = ",".join(f"'{name}'" for name in names)
    cursor().execute(f"SELECT id FROM tags WHERE name IN ({quoted})")
    return "ok"


@app.route("/c56")
def c56_tagged():
    # The safe dynamic IN list: one placeholder per value, values as parameters.
    names = [name.strip() for name in request.args["names"].split(",")]
    placeholders = ",".join("?" for _ in names)
    cursor().execute(f"SELECT id FROM tags WHERE name IN ({placeholders})", names)
    return "ok"


@app.route("/c57")
def c57_search():
    # SQL grown with += from request data.
    sql = "SELECT id FROM notes WHERE 1 = 1"
    sql += " AND owner = '" + request.args["owner"] + "'"
    cursor().execute(sql)
    return "ok"


def c58_audited(view):
    # A project decorator wrapping views: the wrapped view is still analysed.
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)

    return wrapper


@app.route("/c58")
@c58_audited
def c58_search():
    q = request.args["q"]
    cursor().execute("SELECT id FROM notes WHERE title = '" + q + "'")
    return "ok"


@app.route("/c59")
def c59_column():
    # The project's sanitiser (declared in pyproject.toml) cleans the column name.
    column = helpers.clean_identifier(request.args["column"])
    cursor().execute(f"SELECT {column} FROM notes")
    return "ok"


@app.route("/c60")
def c60_search():
    # The project's own source (declared in pyproject.toml).
    title = helpers.get_param("title")
    cursor().execute(f"SELECT id FROM notes WHERE title = '{title}'")
    return "ok"


class C61Return(MethodView):
    # The target is kept on self by one method and used by another.
    def get(self):
        self.target = request.args.get("to", "/")
        return self.go()

    def go(self):
        return redirect(self.target)


app.add_url_rule("/c61", view_func=C61Return.as_view("c61"))


@app.route("/c62")
def c62_page():
    # isdigit() guarantees digits before the value is formatted into SQL.
    page = request.args.get("page", "1")
    if not page.isdigit():
        abort(400)
    cursor().execute(f"SELECT id FROM notes LIMIT 10 OFFSET {page}")
    return "ok"


@app.route("/c63")
def c63_status():
    # The helper fixes scheme and host; the client picks the item only.
    return requests.get(helpers.c63_status_url(request.args["item"]), timeout=5).json()


@app.route("/c64")
def c64_search():
    # The class look-alike of c10 with a parameterised query.
    return {"rows": C64Search(request.args["q"]).run()}


@app.route("/c65")
def c65_rows():
    # Request data only in the parameters of a helper that runs constant SQL.
    return {"rows": db.fetch("SELECT id FROM notes WHERE owner = ?", (request.args["owner"],))}


@app.route("/c66")
def c66_note():
    # %-formatting of a value already made an int.
    cursor().execute("SELECT body FROM notes WHERE id = %d" % int(request.args["id"]))
    return "ok"


@app.route("/c67")
def c67_history():
    # The program is fixed; the request picks a path argument after `--`.
    return subprocess.check_output(["git", "log", "--oneline", "--", request.args["path"]])


@app.route("/c68")
def c68_cleanup():
    # A constant shell command (Bandit flags shell use regardless).
    os.system("rm -rf /tmp/notes-cache")
    return "ok"


@app.route("/c69")
def c69_model():
    # A pickle the server wrote itself, read from a constant path.
    with open("/srv/model.pkl", "rb") as handle:
        model = pickle.load(handle)
    return {"version": model.version}


@app.route("/c70")
def c70_total():
    # eval() of a constant expression.
    return {"total": eval("2 * 21")}


@app.route("/c71")
def c71_health():
    # A constant URL fetched by the server.
    return requests.get("https://status.example.com/health", timeout=5).json()


@app.route("/c72")
def c72_reload():
    # Redirecting to the URL of the current request keeps the client where it is.
    return redirect(request.url)


@app.route("/c73")
def c73_admin():
    # An equality check pins the value to a constant.
    role = request.args["role"]
    if role == "admin":
        cursor().execute(f"SELECT id FROM users WHERE role = '{role}'")
    return "ok"


class Order(database.Model):
    id = database.Column(database.Integer, primary_key=True)
    status = database.Column(database.String(20))
