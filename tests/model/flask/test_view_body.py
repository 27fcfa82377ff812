"""Whether a view turns the anonymous away itself, and whether it provably writes nothing."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.view_body import (
    admits_anonymous,
    refuses_anonymous,
    validates_own_form,
    wraps_writing_nothing,
    writes_nothing,
    writes_only_through,
)
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source

IMPORTS = "from flask import abort, current_app, g, jsonify, redirect, render_template, request\n"
IMPORTS += "from flask import session\n"
IMPORTS += "from flask_login import current_user, login_fresh\n"


def _view(body: str) -> tuple[FileContext, ast.FunctionDef]:
    source = IMPORTS + "def view():\n" + textwrap.indent(textwrap.dedent(body), "    ")
    parsed = parse_source(source, "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    return ctx, function


@pytest.mark.parametrize(
    ("body", "refuses"),
    [
        pytest.param(
            'if "uid" not in session:\n    return redirect("/")\nsave()', True, id="not-in-session"
        ),
        pytest.param('if not session.get("uid"):\n    abort(401)', True, id="session-get"),
        pytest.param(
            'uid = session.get("uid")\nif uid is None:\n    raise KeyError',
            True,
            id="local-is-none",
        ),
        pytest.param("if g.user is None:\n    return redirect('/')", True, id="g-user"),
        pytest.param("if not g.user_id:\n    return redirect('/')", True, id="g-user-id"),
        pytest.param(
            "if not g.users_online:\n    return redirect('/')", False, id="g-not-the-user"
        ),
        pytest.param(
            "if current_user.is_anonymous or not current_user.admin:\n    return 'no', 403",
            True,
            id="anonymous-or-other",
        ),
        pytest.param(
            "if current_user.is_authenticated():\n    save()\nelse:\n    abort(401)",
            True,
            id="refusal-in-else",
        ),
        pytest.param(
            '"""Doc."""\nif "uid" not in session:\n    return redirect("/")', True, id="docstring"
        ),
        pytest.param(
            'if "uid" in session:\n    return redirect("/")', False, id="turns-away-known"
        ),
        pytest.param(
            'if "uid" not in session:\n    log("anonymous")\nsave()', False, id="only-logs"
        ),
        pytest.param(
            'if request.method == "GET":\n    return redirect("/")', False, id="not-login-state"
        ),
        pytest.param(
            'if "uid" not in session and request.form.get("x"):\n    return redirect("/")',
            False,
            id="anonymous-and-other",
        ),
        pytest.param(
            'save()\nif "uid" not in session:\n    return redirect("/")', False, id="after-a-call"
        ),
        pytest.param(
            'x = record()\nif "uid" not in session:\n    return redirect("/")',
            False,
            id="after-an-assigned-call",
        ),
        pytest.param(
            'if "uid" not in session:\n    return render_template("x.html")',
            False,
            id="renders-a-page",
        ),
        pytest.param(
            'if session.get("uid", 1) is None:\n    abort(401)', False, id="get-with-default"
        ),
        pytest.param(
            'if not utils.user_has_permission("edit"):\n    return redirect("/")',
            True,
            id="lacks-permission",
        ),
        pytest.param(
            'if not current_user.has_role("admin"):\n    return redirect("/")',
            True,
            id="lacks-role",
        ),
        pytest.param(
            'if utils.user_has_permission("edit"):\n    return redirect("/")',
            False,
            id="turns-away-permitted",
        ),
        pytest.param(
            'if not check_file_permissions(path):\n    return redirect("/")',
            False,
            id="permission-of-a-file",
        ),
        pytest.param(
            'if not set_user_role(uid, "admin"):\n    return redirect("/")',
            False,
            id="sets-a-role",
        ),
        pytest.param(
            "if not login_fresh():\n    return current_app.login_manager.needs_refresh()",
            True,
            id="login-not-fresh",
        ),
        pytest.param(
            "if not login_fresh():\n    return token.needs_refresh()",
            False,
            id="needs-refresh-of-a-token",
        ),
        pytest.param(
            "if not current_user.is_authenticated:\n    return login_manager.needs_refresh()",
            True,
            id="needs-refresh-of-login-manager",
        ),
        pytest.param(
            "if not current_user.is_admin():\n    abort(404)\nsave()", True, id="staff-method"
        ),
        pytest.param(
            "if not current_user.is_staff:\n    return redirect('/')", True, id="staff-property"
        ),
        pytest.param("if current_user.is_admin():\n    abort(404)", False, id="refuses-the-staff"),
        pytest.param("if not owner.is_admin():\n    abort(404)", False, id="staff-role-of-another"),
    ],
)
def test_refuses_anonymous(body: str, refuses: bool) -> None:
    assert refuses_anonymous(*_view(body)) is refuses


@pytest.mark.parametrize(
    ("body", "admits"),
    [
        pytest.param(
            "if current_user.is_authenticated:\n"
            "    current_user.ping()\n"
            "    if not current_user.confirmed:\n"
            "        return redirect('/unconfirmed')",
            True,
            id="refuses-unconfirmed-account",
        ),
        pytest.param(
            "if current_user.is_anonymous:\n    pass\nelse:\n    abort(403)",
            True,
            id="refuses-in-else-of-anonymous",
        ),
        pytest.param(
            "if current_user.is_authenticated:\n"
            "    for role in roles:\n"
            "        if role.blocked:\n"
            "            raise Blocked()",
            True,
            id="refuses-in-loop-of-signed-in",
        ),
        pytest.param(
            "if current_user.is_authenticated:\n"
            "    current_user.ping()\n"
            "elif request.blueprint != 'auth':\n"
            "    return redirect('/login')",
            False,
            id="refuses-anonymous-in-elif",
        ),
        pytest.param(
            "if not current_user.is_authenticated:\n    return redirect('/login')",
            False,
            id="refuses-anonymous",
        ),
        pytest.param(
            "if current_user.is_authenticated:\n"
            "    return redirect('/unconfirmed')\n"
            "if request.path.startswith('/admin'):\n"
            "    abort(401)",
            False,
            id="refuses-elsewhere-too",
        ),
        pytest.param("g.user = current_user.is_authenticated", False, id="refuses-nothing"),
        pytest.param(
            "if current_user.is_authenticated and not login_fresh():\n"
            "    return current_app.login_manager.needs_refresh()",
            True,
            id="refreshes-signed-in-only",
        ),
    ],
)
def test_admits_anonymous(body: str, admits: bool) -> None:
    assert admits_anonymous(*_view(body)) is admits


@pytest.mark.parametrize(
    ("body", "anonymous_falsy", "refuses"),
    [
        pytest.param(
            "if not current_user:\n    return redirect('/login')", True, True, id="not-user"
        ),
        pytest.param(
            "if not current_user:\n    return redirect('/login')",
            False,
            False,
            id="not-user-anonymous-true",
        ),
        pytest.param(
            "if not current_user or current_user.confirmation:\n    abort(401)",
            True,
            True,
            id="not-user-or-unconfirmed",
        ),
        pytest.param("if current_user is None:\n    abort(403)", True, True, id="user-is-none"),
        pytest.param(
            "if current_user and current_user.admin:\n    save()\nelse:\n    abort(403)",
            True,
            True,
            id="refusal-in-else",
        ),
        pytest.param(
            "if current_user:\n    return redirect('/')\nsave()",
            True,
            False,
            id="sends-the-signed-in-on",
        ),
    ],
)
def test_refuses_falsy_user(body: str, anonymous_falsy: bool, refuses: bool) -> None:
    assert refuses_anonymous(*_view(body), falsy_user=anonymous_falsy) is refuses


@pytest.mark.parametrize(
    ("body", "nothing"),
    [
        pytest.param(
            'return render_template("ip.html", ip=request.environ.get("REMOTE_ADDR"))',
            True,
            id="renders-the-request",
        ),
        pytest.param('q = request.args.get("q")\nreturn jsonify(q=q)', True, id="binds-a-local"),
        pytest.param('return "ok"', False, id="calls-nothing"),
        pytest.param(
            "row = Row.query.filter_by(id=1).one()\nrow.url = row.path\n"
            'return render_template("row.html", row=row)',
            True,
            id="sets-a-loaded-row-for-the-page",
        ),
        pytest.param(
            "row = Row.query.get(1)\nrow.url = request.form['url']\ndb.session.commit()\n"
            'return render_template("row.html", row=row)',
            False,
            id="commits-a-loaded-row",
        ),
        pytest.param(
            'row = load_row(1)\nrow.url = row.path\nreturn render_template("row.html", row=row)',
            False,
            id="sets-a-row-of-unknown-origin",
        ),
        pytest.param(
            "form = KindForm()\nform.kind.choices = [1, 2]\n"
            'return render_template("form.html", form=form)',
            True,
            id="fills-a-form-it-built",
        ),
        pytest.param(
            'session[KEY_LANGUAGE] = request.form.get("code")\nreturn jsonify()',
            False,
            id="preference-key-of-unknown-origin",
        ),
        pytest.param(
            'if current_app.config.get("AUTH") == "oidc":\n    return redirect("/oidc")\n'
            'return render_template("login.html")',
            True,
            id="reads-config",
        ),
        pytest.param(
            'current_app.config.update(AUTH=request.args.get("a"))\nreturn jsonify()',
            False,
            id="config-update",
        ),
        pytest.param(
            'return render_template("s.html", form=forms.TokenForm())', True, id="builds-a-form"
        ),
        pytest.param(
            "form = TokenForm()\nform.populate_obj(g.user)\nreturn jsonify()",
            False,
            id="form-saved",
        ),
        pytest.param('return render_template("x.html", f=Form())', False, id="bare-form-name"),
        pytest.param('return render_template("x.html", r=lookup())', False, id="unknown-call"),
        pytest.param('request.files["f"].save("/tmp/f")\nreturn jsonify()', False, id="save"),
        pytest.param('CACHE["k"] = request.args.get("k")\nreturn jsonify()', False, id="store"),
        pytest.param("g.user = request.args.get('u')\nreturn jsonify()", False, id="attribute"),
        pytest.param("global X\nX = request.args.get('x')\nreturn jsonify()", False, id="global"),
        pytest.param('session.pop("uid")\nreturn jsonify()', False, id="session-write"),
        pytest.param(
            'user = User.query.get(request.args.get("u")) or abort(404)\n'
            'return render_template("u.html", user=user)',
            True,
            id="model-query-get",
        ),
        pytest.param(
            "notes = Note.query.filter_by(owner=1).order_by(Note.id).all()\n"
            'return render_template("n.html", notes=notes)',
            True,
            id="model-query-chain",
        ),
        pytest.param(
            "Note.query.filter_by(owner=1).delete()\nreturn jsonify()",
            False,
            id="model-query-delete",
        ),
        pytest.param(
            "Note.query.with_for_update().first()\nreturn jsonify()",
            False,
            id="model-query-locks",
        ),
        pytest.param("return jsonify(n=cache.get('n'))", False, id="other-get"),
        pytest.param(
            'data = request.get_data().decode("utf-8")\n'
            'return jsonify(n=len(data), xml=data.strip().startswith("<"))',
            True,
            id="computes-values",
        ),
        pytest.param(
            'names = request.form.getlist("n")\nreturn jsonify(n=len(store(names)))',
            False,
            id="computes-from-a-write",
        ),
        pytest.param(
            'out = {}\nout["q"] = request.args.get("q")\nreturn jsonify(out)',
            True,
            id="fills-own-dict",
        ),
        pytest.param(
            "headers = dict(request.headers.items())\ndel headers['Cookie']\n"
            "return jsonify(headers)",
            True,
            id="deletes-from-own-copy",
        ),
        pytest.param(
            'r = jsonify()\nr.status_code = 302\nr.headers["Location"] = "/"\nreturn r',
            True,
            id="own-response",
        ),
        pytest.param(
            'r = current_app.make_response("")\nr.data += b"x"\nreturn r',
            True,
            id="app-made-response",
        ),
        pytest.param(
            'r = jsonify()\nr.headers["Set-Cookie"] = "a=1"\nreturn r',
            False,
            id="own-response-sets-cookie",
        ),
        pytest.param(
            'r = jsonify()\nr.set_cookie("a", "1")\nreturn r', False, id="own-response-set-cookie"
        ),
        pytest.param(
            'out = g.cache\nout["q"] = request.args.get("q")\nreturn jsonify(out)',
            False,
            id="fills-a-shared-dict",
        ),
        pytest.param(
            'out = {}\nout = g.cache\nout["q"] = 1\nreturn jsonify(out)',
            False,
            id="rebound-to-a-shared-dict",
        ),
        pytest.param(
            'form = request.form.to_dict()\nform["k"] = form.get("k", "").strip()\n'
            "return jsonify(form)",
            True,
            id="to-dict-copy",
        ),
        pytest.param(
            'rows = g.db.cves.find({"v": 1}).sort("date").limit(5)\nreturn jsonify(list(rows))',
            True,
            id="document-cursor-read",
        ),
        pytest.param(
            'rows = g.db.cves.aggregate([{"$match": {"v": 1}}, {"$group": {"_id": "$v"}}])\n'
            "return jsonify(list(rows))",
            True,
            id="document-aggregate-read",
        ),
        pytest.param(
            'g.db.cves.aggregate([{"$match": {"v": 1}}, {"$out": "copy"}])\nreturn jsonify()',
            False,
            id="document-aggregate-out",
        ),
        pytest.param(
            'g.db.cves.delete_many({"v": 1})\nreturn jsonify()', False, id="document-delete"
        ),
        pytest.param(
            "if not current_user.is_admin():\n    abort(403)\nreturn redirect('/x')",
            True,
            id="staff-test-of-the-user",
        ),
        pytest.param(
            "current_user.is_admin(grant=True)\nreturn redirect('/x')",
            False,
            id="staff-method-given-arguments",
        ),
    ],
)
def test_writes_nothing(body: str, nothing: bool) -> None:
    assert writes_nothing(*_view(body)) is nothing


@pytest.mark.parametrize(
    ("body", "nothing"),
    [
        pytest.param(
            "import random\nreturn jsonify(p=[random.uniform(0, 1) for _ in range(3)])",
            True,
            id="random-draws",
        ),
        pytest.param(
            "import secrets, uuid\nreturn jsonify(t=secrets.token_hex(8), i=str(uuid.uuid4()))",
            True,
            id="tokens-and-ids",
        ),
        pytest.param(
            "import random\nrandom.shuffle(g.deck)\nreturn jsonify(d=g.deck)",
            False,
            id="shuffles-in-place",
        ),
    ],
)
def test_random_draws_write_nothing(body: str, nothing: bool) -> None:
    assert writes_nothing(*_view(body)) is nothing


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            "rows = Mod.query.filter(Mod.id.in_(request.form.getlist('id'))).all()\n"
            "return jsonify(rows=len(rows))",
            id="column-in",
        ),
        pytest.param(
            "return jsonify(rows=Mod.query.filter(Mod.name.ilike('x')).with_entities(Mod.id)"
            ".all())",
            id="with-entities",
        ),
    ],
)
def test_column_operators_write_nothing(body: str) -> None:
    assert writes_nothing(*_view(body)) is True


@pytest.mark.parametrize(
    ("body", "nothing"),
    [
        pytest.param(
            "from itsdangerous import TimedJSONWebSignatureSerializer as Serializer\n"
            "s = Serializer(current_app.config['SECRET_KEY'], expires_in=3600)\n"
            "return jsonify(token=s.dumps({'id': g.user.id}).decode('utf-8'))",
            True,
            id="serializer-local-dumps",
        ),
        pytest.param(
            "import itsdangerous\n"
            "key = current_app.config['SECRET_KEY']\n"
            "return jsonify(link=itsdangerous.URLSafeTimedSerializer(key).dumps(g.user.email))",
            True,
            id="serializer-chained-dumps",
        ),
        pytest.param(
            "from itsdangerous import URLSafeSerializer\n"
            "s = URLSafeSerializer('key')\n"
            "g.user.token = s.dumps(g.user.id)\n"
            "return jsonify()",
            False,
            id="signed-then-stored",
        ),
        pytest.param(
            "s = make_serializer()\nreturn jsonify(token=s.dumps(1))",
            False,
            id="project-object-dumps",
        ),
    ],
)
def test_signing_writes_nothing(body: str, nothing: bool) -> None:
    assert writes_nothing(*_view(body)) is nothing


_DECORATORS = """
import json
from functools import wraps

from flask import Response, render_template

from app.models import db


def json_response(obj, status=None):
    return Response(json.dumps(obj), status=status, mimetype="application/json")


def json_output(f):
    @wraps(f)
    def wrapper(*args, **kwargs):
        result = f(*args, **kwargs)
        return json_response(*result) if isinstance(result, tuple) else result

    return wrapper


def templated(template=None):
    def decorator(f):
        @wraps(f)
        def decorated(*args, **kwargs):
            return render_template(template, **(f(*args, **kwargs) or {}))

        return decorated

    return decorator


def with_session(f):
    @wraps(f)
    def go(*args, **kwargs):
        ret = f(*args, **kwargs)
        db.commit()
        return ret

    return go


def calls_other(f):
    @wraps(f)
    def wrapper(*args, **kwargs):
        return args[0](*args, **kwargs)

    return wrapper
"""


@pytest.mark.parametrize(
    ("name", "inert"),
    [
        pytest.param("json_output", True, id="answers-as-json"),
        pytest.param("templated", True, id="factory-rendering"),
        pytest.param("with_session", False, id="commits"),
        pytest.param("calls_other", False, id="calls-what-it-is-given"),
        pytest.param("json_response", False, id="no-decorator"),
    ],
)
def test_wraps_writing_nothing(name: str, inert: bool) -> None:
    parsed = parse_source(_DECORATORS, "app/common.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/common.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.module_function(name)
    assert wraps_writing_nothing(ctx, function) is inert


@pytest.mark.parametrize(
    ("body", "nothing"),
    [
        pytest.param(
            'query = "SELECT version_num FROM alembic_version"\n'
            "row = db.session.execute(text(query)).fetchone()\nreturn jsonify(v=row[0])",
            True,
            id="text-select-in-a-local",
        ),
        pytest.param(
            'db.session.execute("SELECT 1")\nreturn jsonify(ok=True)', True, id="select-one"
        ),
        pytest.param(
            'db.session.execute(text("UPDATE jobs SET seen = true"))\nreturn jsonify()',
            False,
            id="text-update",
        ),
        pytest.param(
            'db.session.execute(text("SELECT * FROM jobs FOR UPDATE"))\nreturn jsonify()',
            False,
            id="select-locking-rows",
        ),
        pytest.param(
            "db.session.execute(text(\"SELECT nextval('ids')\"))\nreturn jsonify()",
            False,
            id="select-advancing-a-sequence",
        ),
        pytest.param(
            'db.session.execute(text(request.args["sql"]))\nreturn jsonify()',
            False,
            id="sql-not-constant",
        ),
        pytest.param(
            "user = db.session.get(User, 1)\nreturn jsonify(user=user)",
            True,
            id="session-get-by-key",
        ),
        pytest.param(
            "user = db.session.scalars(db.select(User).filter_by(id=1)).one_or_none()\n"
            "return jsonify(user=user)",
            True,
            id="session-runs-a-select",
        ),
        pytest.param(
            "db.session.execute(db.update(User).values(seen=True))\nreturn jsonify()",
            False,
            id="session-runs-an-update",
        ),
        pytest.param(
            "user = db.session.scalars(db.select(User).with_for_update()).one()\n"
            "return jsonify(user=user)",
            False,
            id="select-locking-rows-through-the-session",
        ),
        pytest.param(
            'page = self.session.get("https://example.com", 5)\nreturn jsonify(page=page)',
            False,
            id="an-http-clients-session",
        ),
        pytest.param(
            "rows = db.session.query(Job, Task).outerjoin(Task).filter(Job.id > 1).all()\n"
            "return jsonify(rows=rows)",
            True,
            id="session-legacy-query",
        ),
        pytest.param(
            "db.session.query(Job).filter_by(id=1).delete()\nreturn jsonify()",
            False,
            id="session-legacy-query-deleting",
        ),
        pytest.param(
            "db.session.query(Job).update({Job.seen: True})\nreturn jsonify()",
            False,
            id="session-legacy-query-updating",
        ),
        pytest.param(
            "jobs = Job.query.order_by(Job.created.desc()).all()\nreturn jsonify(jobs=jobs)",
            True,
            id="column-sort-order",
        ),
        pytest.param(
            "jobs = Job.query.filter(exists().where(Task.job_id == Job.id)).all()\n"
            "return jsonify(jobs=jobs)",
            True,
            id="exists-subquery",
        ),
        pytest.param(
            "jobs = Job.query.order_by(Job.created.desc()).all()\njobs[0].seen = True\n"
            "return jsonify()",
            False,
            id="sorted-then-stored",
        ),
        pytest.param(
            "score = sum([case((Job.name.ilike('%a%'), 1), else_=0)]).label('score')\n"
            "rows = db_session.query(Job, score).filter(Job.done.is_(False)).all()\n"
            "return jsonify(rows=rows)",
            True,
            id="scoped-session-query-with-expressions",
        ),
        pytest.param(
            "db_session.query(Job).filter(Job.name.like('a%')).delete()\nreturn jsonify()",
            False,
            id="scoped-session-query-deleting",
        ),
        pytest.param("db_session.add(Job())\nreturn jsonify()", False, id="scoped-session-add"),
        pytest.param(
            "if not readers.can():\n    return jsonify()\nreturn jsonify(n=Job.query.count())",
            True,
            id="permission-test",
        ),
    ],
)
def test_writes_nothing_running_a_select(body: str, nothing: bool) -> None:
    source = "from sqlalchemy import case, exists, text\nfrom app import db\n" + textwrap.dedent(
        "def view():\n" + textwrap.indent(body, "    ")
    )
    assert writes_nothing(*_module_view(source)) is nothing


def _module_view(source: str) -> tuple[FileContext, ast.FunctionDef]:
    parsed = parse_source(IMPORTS + textwrap.dedent(source), "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    return ctx, function


@pytest.mark.parametrize(
    ("helpers", "nothing"),
    [
        pytest.param(
            "def back(url):\n    targets = []\n    targets.append(url)\n"
            "    return redirect(targets[0])\n",
            True,
            id="helper-redirects-growing-its-own-list",
        ),
        pytest.param(
            "SEEN = []\ndef back(url):\n    SEEN.append(url)\n    return redirect(url)\n",
            False,
            id="helper-grows-a-module-list",
        ),
        pytest.param("def back(url):\n    return url\n", False, id="helper-calls-nothing"),
        pytest.param("def back(url):\n    return back(url)\n", False, id="helper-recurses"),
        pytest.param(
            "def back(url):\n    return redirect(url)\nfrom app.utils import back\n",
            False,
            id="helper-rebound-by-import",
        ),
    ],
)
def test_writes_nothing_follows_module_helpers(helpers: str, nothing: bool) -> None:
    view = 'def view():\n    return back(request.args.get("next"))\n'
    assert writes_nothing(*_module_view(helpers + view)) is nothing


@pytest.mark.parametrize(
    ("source", "nothing"),
    [
        pytest.param(
            "from dmutils.flask import timed_render_template as render_template\n"
            "def view():\n    return render_template('x.html'), 200\n",
            True,
            id="library-wrapper-aliased",
        ),
        pytest.param(
            "from app import utils\n"
            "def view():\n    return utils.cached_render_template('x.html')\n",
            True,
            id="module-attribute-wrapper",
        ),
        pytest.param(
            "def view():\n    return self.render_template('x.html')\n",
            False,
            id="method-not-imported",
        ),
        pytest.param(
            "from app.pages import render_template_and_save\n"
            "def view():\n    return render_template_and_save('x.html')\n",
            False,
            id="other-name",
        ),
    ],
)
def test_writes_nothing_imported_renderer(source: str, nothing: bool) -> None:
    assert writes_nothing(*_module_view(source)) is nothing


@pytest.mark.parametrize(
    ("body", "through"),
    [
        pytest.param(
            'return redirect(helpers.current_url(page=request.form["page"]))',
            ["helpers.current_url"],
            id="imported-module-helper",
        ),
        pytest.param(
            "return redirect(page_url(request.args.to_dict()))",
            ["app.urls.page_url"],
            id="from-import",
        ),
        pytest.param("return redirect(request.path)", [], id="writes-nothing-itself"),
        pytest.param(
            'helpers.current_url()\nsession["n"] = 1\nreturn redirect("/")', [], id="writes-itself"
        ),
        pytest.param("return redirect(finder().current_url())", [], id="method-of-a-made-object"),
        pytest.param(
            'args = {}\nargs.update(request.args)\nreturn redirect("{}?{}".format("/", args))',
            [],
            id="grows-its-own-dict",
        ),
    ],
)
def test_writes_only_through(body: str, through: list[str]) -> None:
    imports = "import helpers\nfrom app.urls import page_url\n"
    source = imports + "def view():\n" + textwrap.indent(textwrap.dedent(body), "    ")
    ctx, function = _module_view(source)
    assert [ctx.call_name(call) for call in writes_only_through(ctx, function)] == through


@pytest.mark.parametrize(
    ("method", "validates"),
    [
        pytest.param(
            "def validate_or_flash(self):\n    if self.validate_on_submit():\n        return True\n"
            "    flash('invalid')\n    return False",
            True,
            id="validate-on-submit",
        ),
        pytest.param("def check(form):\n    return form.validate()", True, id="validate"),
        pytest.param(
            "def validate(self):\n    return self.validate_on_submit()", False, id="override"
        ),
        pytest.param("def values(self):\n    return dict(self.data)", False, id="reads-data"),
        pytest.param("def check(self, other):\n    return other.validate()", False, id="other"),
        pytest.param("def check():\n    return form.validate()", False, id="no-self"),
    ],
)
def test_validates_own_form(method: str, validates: bool) -> None:
    function = ast.parse(method).body[0]
    assert isinstance(function, ast.FunctionDef)
    assert validates_own_form(function) is validates


@pytest.mark.parametrize(
    ("body", "nothing"),
    [
        pytest.param(
            "import os\nreturn jsonify(a=os.getenv('A'), b=os.environ.get('B', '1'))",
            True,
            id="environment-reads",
        ),
        pytest.param(
            "import urllib.parse as up\n"
            "q = up.unquote_plus(request.get_data().decode().replace('q=', ''))\n"
            "return jsonify(up.urlparse(up.quote_plus(q.removeprefix('!').title())).path)",
            True,
            id="url-and-string-functions",
        ),
        pytest.param(
            "from pathlib import Path\nPath(request.form['a']).replace('b')\nreturn jsonify()",
            False,
            id="path-replace-renames",
        ),
    ],
)
def test_standard_library_reads_write_nothing(body: str, nothing: bool) -> None:
    assert writes_nothing(*_view(body)) is nothing


SESSION_SCOPE = """\
from contextlib import contextmanager
from models import Session, Hit

@contextmanager
def session_scope():
    session = Session()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
"""


@pytest.mark.parametrize(
    ("body", "nothing"),
    [
        pytest.param(
            "with session_scope() as s:\n    return jsonify(len(s.query(Hit).filter_by(a=1).all()))",
            True,
            id="queries-through-scope",
        ),
        pytest.param(
            "with session_scope() as s:\n    return jsonify(s.get(Hit, request.args['id']).a)",
            True,
            id="gets-row-through-scope",
        ),
        pytest.param(
            "with session_scope() as s:\n    s.add(Hit())\nreturn jsonify()",
            False,
            id="adds-through-scope",
        ),
        pytest.param(
            "with session_scope() as s:\n    s.merge(Hit())\nreturn jsonify()",
            False,
            id="merges-through-scope",
        ),
        pytest.param(
            "with session_scope() as s:\n    hit = s.query(Hit).one()\n    hit.a = 2\n"
            "return jsonify()",
            False,
            id="edits-row-loaded-through-scope",
        ),
        pytest.param(
            "with open_file() as s:\n    return jsonify(s.query(Hit).all())",
            False,
            id="not-a-session-scope",
        ),
    ],
)
def test_session_scope_commits_what_the_body_changed(body: str, nothing: bool) -> None:
    source = IMPORTS + SESSION_SCOPE + "\ndef open_file():\n    return open('x')\n\n"
    source += "def view():\n" + textwrap.indent(body, "    ")
    parsed = parse_source(source, "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    assert writes_nothing(ctx, function) is nothing


def test_session_scope_adding_in_scope_writes() -> None:
    scope = SESSION_SCOPE.replace(
        "session.commit()", "session.add(Hit())\n        session.commit()"
    )
    source = IMPORTS + scope + "\ndef view():\n    with session_scope() as s:\n"
    source += "        return jsonify(s.query(Hit).all())\n"
    parsed = parse_source(source, "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    assert writes_nothing(ctx, function) is False
