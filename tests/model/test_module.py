"""`FileContext.mentions`: the cheap text screen some extractors ask before costlier work."""

from __future__ import annotations

import ast

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.module import sounds_secret
from webwarden.parse.python import ParsedPython, parse_source


@pytest.mark.parametrize(
    ("source", "mentioned"),
    [
        pytest.param("import decouple\n", True, id="named"),
        pytest.param("import os\n", False, id="not-named"),
        pytest.param("x = 'decouple'\n", True, id="in-a-string"),
        pytest.param("import \uff44ecouple\n", True, id="full-width-letter-normalised"),
        pytest.param("é = \uff44ecouple.AutoConfig()\n", True, id="full-width-name-used"),
        pytest.param("é = 1\n", False, id="not-named-in-non-ascii-text"),
    ],
)
def test_mentions(source: str, mentioned: bool) -> None:
    parsed = parse_source(source, "m.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("m.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    assert ctx.mentions("decouple") is mentioned
    assert ctx.names.imports("decouple") is (source.startswith("import") and mentioned)
    if "AutoConfig" in source:
        call = ctx.nodes(ast.Call)[0]
        assert isinstance(call, ast.Call)
        assert ctx.call_name(call) == "decouple.AutoConfig"


@pytest.mark.parametrize(
    ("relpath", "source", "is_command"),
    [
        pytest.param(
            "app/cli.py",
            "import click\n\n@click.group()\ndef cli():\n    pass\n\n"
            "@cli.command('check')\ndef check():\n    assert True\n",
            True,
            id="click-group-commands",
        ),
        pytest.param(
            "app/manage.py",
            "from flask_script import Manager\nmanager = Manager()\n\n"
            "@manager.command\ndef seed():\n    pass\n",
            True,
            id="flask-script-command",
        ),
        pytest.param(
            "app/views.py",
            "import click\nfrom flask import request\n\n@click.command()\ndef run():\n    pass\n",
            False,
            id="imports-the-request",
        ),
        pytest.param(
            "app/helpers.py",
            "import click\n\ndef show(request):\n    click.echo(request.path)\n",
            False,
            id="no-command-and-a-request-parameter",
        ),
        pytest.param(
            "app/options.py",
            "import functools\nimport click\n\ndef token_option(func):\n"
            "    @click.option('--token')\n    @functools.wraps(func)\n"
            "    def wrapper(*args, **kwargs):\n        return func(*args, **kwargs)\n\n"
            "    return wrapper\n",
            True,
            id="click-option-decorators",
        ),
        pytest.param(
            "app/options.py",
            "import functools\nimport click\n\ndef token_option(func):\n"
            "    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n"
            "        return func(*args, **kwargs)\n\n    return wrapper\n",
            False,
            id="click-imported-no-command-decorator",
        ),
        pytest.param("shop/management/commands/restore.py", "x = 1\n", True, id="django-command"),
        pytest.param(
            "package.py",
            "import argparse\n\ndef main():\n    argparse.ArgumentParser().parse_args()\n\n"
            "if __name__ == '__main__':\n    main()\n",
            True,
            id="argparse-script",
        ),
        pytest.param(
            "tools/report.py",
            "from optparse import OptionParser\n\nif __name__ == '__main__':\n"
            "    OptionParser().parse_args()\n",
            True,
            id="optparse-script",
        ),
        pytest.param(
            "app/util.py",
            "import argparse\n\ndef main():\n    argparse.ArgumentParser().parse_args()\n",
            False,
            id="argparse-without-main-guard",
        ),
        pytest.param(
            "app/server.py",
            "import argparse\nfrom flask import Flask\napp = Flask(__name__)\n\n"
            "@app.route('/')\ndef index():\n    return 'hi'\n\n"
            "if __name__ == '__main__':\n    argparse.ArgumentParser().parse_args()\n",
            False,
            id="argparse-main-of-a-routing-module",
        ),
    ],
)
def test_is_command_module(relpath: str, source: str, is_command: bool) -> None:
    parsed = parse_source(source, relpath)
    assert isinstance(parsed, ParsedPython)
    ctx = make_context(relpath, parsed, FilePlan((), 1 << 20, frozenset(), ()))
    assert ctx.is_command_module is is_command


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        pytest.param("api_key", True, id="pair"),
        pytest.param("csrfToken", True, id="camel-case"),
        pytest.param("hotp_secret", True, id="secret-word"),
        pytest.param("cache_key", False, id="key-alone"),
        pytest.param("token_length", False, id="its-length"),
        pytest.param("hotp_counter", False, id="its-counter"),
        pytest.param("session_max_age", False, id="its-age"),
        pytest.param("token_pos", False, id="a-place-among-words"),
        pytest.param("password_index", False, id="a-place-in-a-list"),
        pytest.param("counter_token", True, id="measure-word-first"),
        pytest.param("consistency_token", False, id="concurrency-marker"),
        pytest.param("next_page_token", False, id="paging-marker"),
        pytest.param("next_secret_key", True, id="marker-word-on-a-key"),
        pytest.param("page_csrf_token", True, id="marker-word-on-a-csrf-token"),
        pytest.param("confirm_code", True, id="confirmation-code-shortened"),
        pytest.param("reset_key", True, id="password-reset-key"),
        pytest.param("backup_code", True, id="mfa-backup-code"),
        pytest.param("two_factor_code", True, id="second-factor-code"),
        pytest.param("verify_code", False, id="ssl-verify-result-code"),
        pytest.param("recovery_code_count", False, id="a-measure-of-recovery-codes"),
        pytest.param("generate_task_signature", False, id="celery-task-signature"),
        pytest.param("method_signature", False, id="parameter-list"),
        pytest.param("webhook_signature", True, id="webhook-signature"),
        pytest.param("task_call_signature", True, id="signed-call"),
    ],
)
def test_sounds_secret(name: str, secret: bool) -> None:
    assert sounds_secret(name) is secret


@pytest.mark.parametrize(
    ("source", "expression", "qualified"),
    [
        pytest.param(
            "from .api_auth import token_required\ndef codelists(request): ...\n",
            "token_required",
            "codelists.api_auth.token_required",
            id="import-whose-package-a-function-shares-a-name-with",
        ),
        pytest.param(
            "from codelists.models import Item\ndef codelists(request): ...\n",
            "Item",
            "codelists.models.Item",
            id="absolute-import-same-head",
        ),
        pytest.param(
            "def codelists(request): ...\n",
            "codelists",
            "codelists.api.codelists",
            id="own-function",
        ),
        pytest.param(
            "class Base: ...\n", "Base.as_view", "codelists.api.Base.as_view", id="own-class-attr"
        ),
    ],
)
def test_qualified_here(source: str, expression: str, qualified: str) -> None:
    """Names the module defines are named with the module; names it imports are not, even
    when the imported module's package shares its name with one the module defines."""
    parsed = parse_source(source, "codelists/api.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset({"codelists"}), ())
    ctx = make_context("codelists/api.py", parsed, plan)
    node = ast.parse(expression, mode="eval").body
    assert ctx.qualified_here(node) == qualified


@pytest.mark.parametrize(
    ("source", "keys"),
    [
        pytest.param("f(**{'a': 1, 'b': 2})\n", {"a", "b"}, id="literal"),
        pytest.param(
            "def v():\n    o = {'a': 1}\n    o['b'] = 2\n    f(**o)\n",
            {"a", "b"},
            id="keys-set-later",
        ),
        pytest.param(
            "def v(s):\n    o = {'a': 1}\n    o.update(s)\n    f(**o)\n", None, id="updated"
        ),
        pytest.param(
            "def v(k):\n    o = {'a': 1}\n    o[k] = 2\n    f(**o)\n", None, id="key-not-literal"
        ),
        pytest.param("def v(s):\n    o = dict(s)\n    f(**o)\n", None, id="not-a-literal"),
        pytest.param(
            "def v():\n    o = {'a': 1}\n    del o['a']\n    f(**o)\n", None, id="deleted"
        ),
    ],
)
def test_splat_entries(source: str, keys: set[str] | None) -> None:
    parsed = parse_source(source, "m.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("m.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    call = next(
        c
        for c in ctx.nodes(ast.Call)
        if isinstance(c, ast.Call) and c.keywords and c.keywords[0].arg is None
    )
    assert isinstance(call, ast.Call)
    entries = ctx.splat_entries(call.keywords[0].value)
    assert (None if entries is None else set(entries)) == keys
    assert ctx.has_kwargs_splat(call) is (keys is None)


@pytest.mark.parametrize(
    ("source", "line"),
    [
        pytest.param(
            "def check(r): ...\ndef view(r):\n    def check(r): ...\n    check(r)\n",
            3,
            id="defined-in-the-caller",
        ),
        pytest.param(
            "def check(r): ...\ndef view(r):\n    def inner():\n        check(r)\n    inner()\n",
            1,
            id="module-function",
        ),
        pytest.param(
            "def view(r):\n    def check(r): ...\n    def inner():\n        check(r)\n",
            2,
            id="defined-in-an-outer-function",
        ),
        pytest.param("def view(r):\n    check(r)\n", None, id="not-defined"),
        pytest.param(
            "def check(r): ...\ndef view(r):\n    if r:\n        def check(r): ...\n    check(r)\n",
            4,
            id="defined-under-an-if",
        ),
        pytest.param(
            "def check(r): ...\ndef view(r):\n    check = make()\n    check(r)\n",
            None,
            id="rebound-by-an-assignment",
        ),
        pytest.param(
            "def view(r):\n    try:\n        pass\n    except ValueError:\n"
            "        def check(r): ...\n    check(r)\n",
            5,
            id="defined-in-a-handler",
        ),
    ],
)
def test_called_function(source: str, line: int | None) -> None:
    parsed = parse_source(source, "m.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("m.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    call = next(
        n
        for n in ast.walk(ctx.tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "check"
    )
    assert isinstance(call.func, ast.Name)
    found = ctx.called_function(call.func)
    assert (found.lineno if found else None) == line
