"""What a view does with a form it builds, and the query values it picks (`form_reads`)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.view_body import writes_nothing, writes_only_through
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source

_HEAD = """\
from flask import render_template, request
from flask.views import MethodView
from sqlalchemy import asc, desc

from app.forms import SearchForm
from app.models import Post, User


"""


def _view_class(body: str) -> tuple[FileContext, ast.ClassDef]:
    parsed = parse_source(_HEAD + textwrap.dedent(body), "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    cls = ctx.tree.body[-1]
    assert isinstance(cls, ast.ClassDef)
    return ctx, cls


_SEARCH = """
class Search(MethodView):
    form = SearchForm

    def post(self):
        form = self.form()
        if form.validate_on_submit():
            return render_template("r.html", result=form.get_results().paginate(1, 20))
        return render_template("s.html", form=form)
"""


@pytest.mark.parametrize(
    ("body", "nothing", "through"),
    [
        pytest.param(_SEARCH, False, ["app.forms.SearchForm.get_results"], id="form-method"),
        pytest.param(
            _SEARCH.replace("form.get_results().paginate(1, 20)", "form.search_query.data"),
            True,
            [],
            id="form-checked-only",
        ),
        pytest.param(
            _SEARCH.replace("form = self.form()", "form = SearchForm()"),
            False,
            ["app.forms.SearchForm.get_results"],
            id="form-built-by-name",
        ),
        pytest.param(
            _SEARCH.replace("form = SearchForm\n", "form = make_form\n"),
            False,
            [],
            id="attribute-not-a-form-class",
        ),
        pytest.param(
            _SEARCH.replace(
                'return render_template("s.html"',
                'form.populate_obj(User())\n        return render_template("s.html"',
            ),
            False,
            [
                "app.forms.SearchForm.get_results",
                "app.forms.SearchForm.populate_obj",
                "app.models.User",
            ],
            id="form-filling-a-row",
        ),
        pytest.param(
            """
            class Members(MethodView):
                def get(self):
                    order = asc if request.args.get("o") == "asc" else None
                    if request.args.get("o") == "asc":
                        order_func = asc
                    else:
                        order_func = desc
                    return render_template("m.html", users=User.query.order_by(
                        order_func(User.id)).all())
            """,
            True,
            [],
            id="sort-order-picked",
        ),
        pytest.param(
            """
            class Members(MethodView):
                def get(self):
                    order_func = asc if request.args.get("o") == "asc" else desc
                    return render_template("m.html", users=order_func(User.id))
            """,
            False,
            [],
            id="sort-order-not-bound-plainly",
        ),
        pytest.param(
            """
            class Find(MethodView):
                def get(self):
                    actions = {"post": Post.query.whooshee_search, "user": User.query.get}
                    return render_template("f.html", r=actions[request.args["k"]]("q"))
            """,
            True,
            [],
            id="query-read-picked-from-a-dict",
        ),
        pytest.param(
            """
            class Find(MethodView):
                def get(self):
                    actions = {"post": Post.query.whooshee_search, "user": User.query.delete}
                    return render_template("f.html", r=actions[request.args["k"]]("q"))
            """,
            False,
            [],
            id="a-delete-among-the-dict",
        ),
    ],
)
def test_view_class_reads(body: str, nothing: bool, through: list[str]) -> None:
    ctx, cls = _view_class(body)
    assert writes_nothing(ctx, cls) is nothing
    found = writes_only_through(ctx, cls)
    assert [c if isinstance(c, str) else ctx.call_name(c) for c in found] == through
