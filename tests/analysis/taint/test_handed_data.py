from __future__ import annotations

import textwrap

import pytest

from webwarden.analysis.taint.handed_data import handing_functions
from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.analysis.taint.wrappers import by_qualname
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source


def _handing(source: str) -> dict[str, tuple[str, ...]]:
    parsed = parse_source(textwrap.dedent(source), "shop/helpers.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("shop/helpers.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    found = handing_functions(by_qualname(Lowering(ctx).module_ir().functions))
    return {name.partition(".")[2]: handed for name, handed in found.items()}


FACTORY = """
    from functools import wraps

    from flask import request

    def validate_args(schema_cls):
        def validate(func):
            @wraps(func)
            def wrapper(*args, **kwargs):
                if request.method == "GET":
                    data = request.args
                    load = schema_cls().load
                else:
                    data = request.data.decode("utf-8")
                    load = schema_cls().loads
                arguments = load(data)
                return func(arguments, *args, **kwargs)
            return wrapper
        return validate
"""


def test_a_factory_handing_the_parsed_request_hands_it_first() -> None:
    assert _handing(FACTORY) == {"validate_args": ("#0",), "validate_args.validate": ("#0",)}


@pytest.mark.parametrize(
    ("source", "handed"),
    [
        pytest.param(
            "from flask import request\n"
            "def with_json(view):\n"
            "    def wrapper(*args, **kwargs):\n"
            "        return view(*args, payload=request.get_json(), **kwargs)\n"
            "    return wrapper\n",
            ("payload",),
            id="keyword",
        ),
        pytest.param(
            "import json\n"
            "from flask import request\n"
            "def body(view):\n"
            "    def wrapper(self, *args):\n"
            "        data = json.loads(request.get_data())\n"
            "        return view(self, data['item'], *args)\n"
            "    return wrapper\n",
            ("#1",),
            id="method-after-self",
        ),
        pytest.param(
            "from flask import request\n"
            "from webargs.flaskparser import parser\n"
            "def parsed(schema):\n"
            "    def decorate(view):\n"
            "        def wrapper(**kwargs):\n"
            "            return view(parser.parse(schema, request), **kwargs)\n"
            "        return wrapper\n"
            "    return decorate\n",
            ("#0",),
            id="parser-given-the-request",
        ),
    ],
)
def test_other_ways_of_handing(source: str, handed: tuple[str, ...]) -> None:
    assert set(_handing(source).values()) == {handed}


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            FACTORY.replace("arguments = load(data)", "arguments = lookup(data)"),
            id="looked-up-not-parsed",
        ),
        pytest.param(
            FACTORY.replace("func(arguments, *args", "func(*args"),
            id="request-read-but-not-handed",
        ),
        pytest.param(
            FACTORY.replace("return func(arguments,", "return notify(arguments) or func("),
            id="handed-to-another-function",
        ),
        pytest.param(
            "from flask import request\n"
            "def signed_in(view):\n"
            "    def wrapper(*args, **kwargs):\n"
            "        user = find_user(request.headers['Authorization'])\n"
            "        return view(user, *args, **kwargs)\n"
            "    return wrapper\n",
            id="account-found-by-header",
        ),
    ],
)
def test_other_decorators_hand_nothing(source: str) -> None:
    assert not _handing(source)


def test_reexported_request_is_handed_on_condition() -> None:
    """Read through a name of the project that may be Flask's request re-exported, what
    is handed names it: the project step confirms it."""
    source = """
        from functools import wraps

        from shop.common import request

        def with_args(func):
            @wraps(func)
            def wrapper(*args, **kwargs):
                return func(dict(request.args), *args, **kwargs)
            return wrapper
        """
    parsed = parse_source(textwrap.dedent(source), "shop/helpers.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("shop/helpers.py", parsed, FilePlan((), 1 << 20, frozenset({"shop"}), ()))
    found = handing_functions(by_qualname(Lowering(ctx).module_ir().functions), "shop")
    assert found == {"shop.helpers.with_args": ("#0?shop.common.request",)}
