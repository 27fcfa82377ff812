"""`Scopes`: the assignment written last before a read, on a straight path; the reads of what an assignment binds."""

from __future__ import annotations

import ast

import pytest

from webwarden.model.scopes import CHANGED_BINDING, UNKNOWN_BINDING, Scopes, bindings_of


def _reaching(source: str) -> str | None:
    """The reaching value of the last `run(cmd)`'s argument, as source."""
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    scopes = Scopes(tree, lambda node: parents.get(id(node)))
    reads = [
        n.args[0]
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "run"
    ]
    read = max(reads, key=lambda n: n.lineno)
    assert isinstance(read, ast.Name)
    value = scopes.reaching_value(read)
    return None if value is None else ast.unparse(value)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("cmd = 'a'\ncmd = 'b'\nrun(cmd)\n", "'b'"),
        ("if w:\n    cmd = ['x', q]\n    run(cmd)\nelse:\n    cmd = 'ps'\n    run(cmd)\n", "'ps'"),
        ("cmd = 'a'\nif w:\n    cmd = q\nwith o:\n    run(cmd)\n", None),
        ("cmd = 'a'\nwith o:\n    x = 1\n    run(cmd)\ncmd = q\n", "'a'"),
        ("def f(q):\n    cmd = 'a'\n    if w:\n        run(cmd)\n    cmd = q\n", "'a'"),
        # a loop's body may be reached again after a later statement of it rebinds
        ("cmd = 'a'\nfor q in qs:\n    run(cmd)\n    cmd = q\n", None),
        ("for q in qs:\n    cmd = 'a ' + q\n    run(cmd)\n    cmd = q\n", "'a ' + q"),
        # a handler starts wherever the `try` body raised
        ("cmd = 'a'\ntry:\n    cmd = q\nexcept E:\n    run(cmd)\n", None),
        ("cmd = 'a'\n(cmd := q)\nrun(cmd)\n", None),
        ("cmd, x = q, 1\nrun(cmd)\n", None),
        ("cmd = 'a'\nrun(cmd, cmd := q)\n", None),
        ("cmd = cmd + q\nrun(cmd)\n", "cmd + q"),
        ("def f(cmd):\n    run(cmd)\n", None),
    ],
)
def test_reaching_value(source: str, expected: str | None) -> None:
    assert _reaching(source) == expected


def _before(source: str) -> str | None:
    """The value `value_before` gives the last read of `DEBUG`, as source."""
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    scopes = Scopes(tree, lambda node: parents.get(id(node)))
    reads = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Name) and n.id == "DEBUG" and isinstance(n.ctx, ast.Load)
    ]
    read = max(reads, key=lambda n: (n.lineno, n.col_offset))
    value = scopes.value_before(read)
    return None if value is None else ast.unparse(value)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("DEBUG = True\nDEBUG = get('debug', DEBUG)\n", "True", id="rebinding"),
        pytest.param(
            "DEBUG = True\nif found:\n    DEBUG = get('debug', DEBUG)\n", "True", id="in-an-if"
        ),
        pytest.param(
            "DEBUG = True\nif a:\n    DEBUG = False\nDEBUG = get('debug', DEBUG)\n",
            None,
            id="path-not-straight",
        ),
        pytest.param("DEBUG = True\nX = get('debug', DEBUG)\n", "True", id="other-target"),
        pytest.param("DEBUG = True\nDEBUG = f(DEBUG := g(), DEBUG)\n", None, id="walrus"),
        pytest.param("DEBUG = True\nDEBUG += f(DEBUG)\n", None, id="augmented"),
        pytest.param("DEBUG = True\nrun(DEBUG)\n", None, id="no-assignment"),
    ],
)
def test_value_before(source: str, expected: str | None) -> None:
    assert _before(source) == expected


def test_reads_of_assigned_are_those_of_its_function() -> None:
    source = (
        "token = 'module'\n"
        "def view():\n"
        "    token = make()\n"
        "    log(token)\n"
        "    other = token[:5]\n"
        "    a, b = pair()\n"
        "print(token)\n"
    )
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    scopes = Scopes(tree, lambda node: parents.get(id(node)))
    function = tree.body[1]
    assert isinstance(function, ast.FunctionDef)
    inner, _, _, unpacked = function.body
    assert [n.lineno for n in scopes.reads_of_assigned(inner)] == [4, 5]
    assert [n.lineno for n in scopes.reads_of_assigned(tree.body[0])] == [7]
    assert scopes.reads_of_assigned(unpacked) == []
    assert scopes.reads_of_assigned(None) == []


def _made_by(source: str, *, past_none: bool) -> str | None:
    """What made the value of the last `run(cmd)`'s argument, as source."""
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    scopes = Scopes(tree, lambda node: parents.get(id(node)))
    read = [
        n.args[0]
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "run"
    ][-1]
    assert isinstance(read, ast.Name)
    value = scopes.made_by(read, past_none=past_none)
    return None if value is None else ast.unparse(value)


@pytest.mark.parametrize(
    ("source", "past_none", "expected"),
    [
        pytest.param("s = Session()\ns = None\nrun(s)\n", False, None, id="none-counts"),
        pytest.param("s = Session()\ns = None\nrun(s)\n", True, "Session()", id="past-none"),
        pytest.param("s = None\nrun(s)\n", True, "None", id="only-none"),
        pytest.param("s = A()\ns = B()\ns = None\nrun(s)\n", True, None, id="two-made"),
    ],
)
def test_made_by_past_none(source: str, past_none: bool, expected: str | None) -> None:
    assert _made_by(source, past_none=past_none) == expected


def test_a_defs_header_is_read_in_the_scope_around_it() -> None:
    # `@user.route(...)` and `config=config.Base` are evaluated before the body binds
    # its own `user` and `config`: they read the module's.
    source = (
        "user = Blueprint()\nconfig = load()\n"
        "@user.route('/x')\ndef view(config=config.Base) -> config.Kind:\n"
        "    user = find()\n    return user\n"
    )
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    scopes = Scopes(tree, lambda node: parents.get(id(node)))
    view = tree.body[2]
    assert isinstance(view, ast.FunctionDef)
    reads = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id in {"user", "config"}]
    read_in = {
        (n.id, n.lineno, n.col_offset): scopes.binding_scope(n)
        for n in reads
        if isinstance(n.ctx, ast.Load)
    }
    assert read_in == {
        ("user", 3, 1): tree,
        ("config", 4, 16): tree,
        ("config", 4, 32): tree,
        ("user", 6, 11): view,
    }


def test_a_class_body_reads_its_own_names_and_its_methods_do_not() -> None:
    # `TALISMAN = {"force_https": FORCE}` in a config class reads the class's `FORCE`;
    # a method reading `FORCE` gets the module's, as Python skips class scopes there.
    source = (
        "FORCE = True\n"
        "class Config:\n"
        "    FORCE = False\n"
        "    TALISMAN = {'force_https': FORCE}\n"
        "    def options(self):\n"
        "        return FORCE\n"
    )
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    scopes = Scopes(tree, lambda node: parents.get(id(node)))
    config = tree.body[1]
    reads = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]
    read_in = {n.lineno: scopes.binding_scope(n) for n in reads if n.id == "FORCE"}
    assert read_in == {4: config, 6: tree}
    (in_class,) = [n for n in reads if n.id == "FORCE" and n.lineno == 4]
    value = scopes.single_value(in_class)
    assert isinstance(value, ast.Constant)
    assert value.value is False


def test_a_class_body_reads_what_it_bound_a_name_last() -> None:
    # A class body runs once, top to bottom: `FORCE` bound twice holds the later value at
    # the read; one bound again after the read (or in an `if`) is not known there.
    source = (
        "class Config:\n"
        "    FORCE = True\n"
        "    FORCE = False\n"
        "    TALISMAN = {'force_https': FORCE}\n"
        "    if DEBUG:\n"
        "        LEVEL = 1\n"
        "    LEVEL = 2\n"
        "    LOGGING = {'level': LEVEL}\n"
        "    LATE = 1\n"
        "    SHOWN = LATE\n"
        "    if DEBUG:\n"
        "        LATE = 2\n"
    )
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    scopes = Scopes(tree, lambda node: parents.get(id(node)))
    reads = {
        n.id: n for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }
    values = {name: scopes.single_value(reads[name]) for name in ("FORCE", "LEVEL", "LATE")}
    assert {k: v.value if isinstance(v, ast.Constant) else v for k, v in values.items()} == {
        "FORCE": False,
        "LEVEL": 2,
        "LATE": 1,
    }


def _entered(source: str) -> str | None:
    """What the `with` around the last `run(f)` binds its argument to, as source."""
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    scopes = Scopes(tree, lambda node: parents.get(id(node)))
    reads = [
        n.args[0]
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "run"
    ]
    read = max(reads, key=lambda n: n.lineno)
    assert isinstance(read, ast.Name)
    value = scopes.entered_value(read)
    return None if value is None else ast.unparse(value)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "with open('v.py') as f:\n    run(f)\nwith open('README') as f:\n    x = 1\n",
            "open('v.py')",
            id="name-reused-by-a-later-with",
        ),
        pytest.param(
            "with a() as g, open('v.py') as f:\n    if x:\n        run(f)\n",
            "open('v.py')",
            id="second-item-nested-block",
        ),
        pytest.param(
            "with open('v.py') as f:\n    f = other()\n    run(f)\n",
            None,
            id="rebound-in-body",
        ),
        pytest.param(
            "with open('v.py') as f:\n    def g(f):\n        run(f)\n",
            None,
            id="parameter-of-nested-function",
        ),
        pytest.param("f = open('v.py')\nrun(f)\n", None, id="no-with"),
        pytest.param("with open('v.py') as (f, g):\n    run(f)\n", None, id="unpacked-target"),
    ],
)
def test_entered_value(source: str, expected: str | None) -> None:
    assert _entered(source) == expected


def test_a_name_a_function_declares_global_is_the_modules() -> None:
    # `global APP` makes every read and assignment of `APP` in the function the module's
    # (a singleton factory's app); `nonlocal` makes `count` the enclosing function's.
    source = (
        "APP = None\n"
        "def get_app():\n"
        "    global APP\n"
        "    if APP is None:\n"
        "        APP = make()\n"
        "    return APP\n"
        "def outer():\n"
        "    count = 0\n"
        "    def inner():\n"
        "        nonlocal count\n"
        "        count += 1\n"
        "        return count\n"
    )
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    scopes = Scopes(tree, lambda node: parents.get(id(node)), frozenset({"APP"}))
    outer = tree.body[2]
    reads = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]
    read_in = {(n.id, n.lineno): scopes.binding_scope(n) for n in reads if n.id != "make"}
    assert read_in == {("APP", 4): tree, ("APP", 6): tree, ("count", 12): outer}


@pytest.mark.parametrize(
    ("source", "changed"),
    [
        ("def f(d, k):\n    d[k] = 1\n", {"d"}),
        ("def f(a, k):\n    a.b[k].c = 1\n", {"a"}),
        ("def f(session, name):\n    session[name] = 1\n", {"session"}),
        # the object a call answered may be one a name holds
        ("def f(x, k):\n    lookup(x).b[k] = 1\n", {"x"}),
        # a name the function only changes is the module's, no variable of its own
        ("def f(k):\n    CONFIG[k] = 1\n    app.config.x = 2\n", set()),
    ],
)
def test_an_item_or_attribute_assignment_changes_only_the_object_it_writes_into(
    source: str, changed: set[str]
) -> None:
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    found = bindings_of(function)
    assert {name for name, values in found.items() if CHANGED_BINDING in values} == changed


def _single(source: str) -> str | None:
    """The single value of the last `use(X)`'s argument, as source."""
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    scopes = Scopes(tree, lambda node: parents.get(id(node)))
    reads = [
        n.args[0]
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "use"
    ]
    read = max(reads, key=lambda n: n.lineno)
    assert isinstance(read, ast.Name)
    value = scopes.single_value(read)
    return None if value is None else ast.unparse(value)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("X = []\nuse(X)\n", "[]", id="never-changed"),
        pytest.param("X = []\nX.append(a)\nuse(X)\n", None, id="append"),
        pytest.param("X = []\nX.extend(a)\nuse(X)\n", None, id="extend"),
        pytest.param("X = []\nX.insert(0, a)\nuse(X)\n", None, id="insert"),
        pytest.param("X = ['*']\nX.remove('*')\nuse(X)\n", None, id="remove"),
        pytest.param("X = ['*']\nX.pop()\nuse(X)\n", None, id="pop"),
        pytest.param("X = ['*']\nX.clear()\nuse(X)\n", None, id="clear"),
        pytest.param("X = []\nX += [a]\nuse(X)\n", None, id="augmented"),
        pytest.param("X = [None]\nX[0] = a\nuse(X)\n", None, id="item"),
        pytest.param("X = []\nX[:] = a\nuse(X)\n", None, id="slice"),
        pytest.param("X = ['*']\ndel X[0]\nuse(X)\n", None, id="del-item"),
        pytest.param("X = {}\nX['k'] = a\nuse(X)\n", None, id="key"),
        pytest.param("X = {}\nX.update(a)\nuse(X)\n", None, id="update"),
        pytest.param("X = {}\nX.setdefault('k', a)\nuse(X)\n", None, id="setdefault"),
        pytest.param("X = set()\nX.add(a)\nuse(X)\n", None, id="set-add"),
        pytest.param("X = {'k': []}\nX['k'].append(a)\nuse(X)\n", None, id="inner-list"),
        pytest.param("X = {'k': {}}\nX['k']['j'] = a\nuse(X)\n", None, id="inner-key"),
        pytest.param("X = []\nfor a in b:\n    X.append(a)\nuse(X)\n", None, id="in-a-loop"),
        pytest.param("X = []\nif DEBUG:\n    X.append(a)\nuse(X)\n", None, id="under-an-if"),
        pytest.param("X = []\ndef setup():\n    X.append(a)\nuse(X)\n", None, id="by-a-function"),
        pytest.param(
            "X = {}\ndef setup():\n    X['k'] = a\nuse(X)\n", None, id="key-by-a-function"
        ),
        pytest.param(
            "X = []\nclass C:\n    def m(self):\n        X.append(a)\nuse(X)\n",
            None,
            id="by-a-method",
        ),
        pytest.param("X = []\nY = X\nY.append(a)\nuse(X)\n", None, id="through-an-alias"),
        pytest.param(
            "X = []\nY: list = X\nZ = Y\nZ.append(a)\nuse(X)\n", None, id="through-two-aliases"
        ),
        pytest.param(
            "X = []\ndef f():\n    y = X\n    y.append(a)\nuse(X)\n",
            None,
            id="through-a-functions-alias",
        ),
        pytest.param(
            "X = {'k': []}\nY = X['k']\nY.append(a)\nuse(X)\n", None, id="through-an-item"
        ),
        pytest.param(
            "def f(a):\n    X = []\n    X.append(a)\n    use(X)\n", None, id="in-a-function"
        ),
        # a different variable of the same name is the one changed
        pytest.param(
            "X = []\ndef f():\n    X = []\n    X.append(a)\nuse(X)\n",
            "[]",
            id="local-of-a-function",
        ),
        pytest.param(
            "X = []\ndef f(X):\n    X.append(a)\nuse(X)\n", "[]", id="parameter-of-a-function"
        ),
        pytest.param("X = []\nY = list(X)\nY.append(a)\nuse(X)\n", "[]", id="a-copy-changed"),
        pytest.param("X = ['a']\nX.count(a)\nX.index(a)\nuse(X)\n", "['a']", id="only-read"),
        # an object that is no container keeps the call that made it
        pytest.param("h = md5()\nh.update(a)\nuse(h)\n", "md5()", id="not-a-container"),
        pytest.param("class C:\n    X = []\n    X.append(a)\n    use(X)\n", None, id="class-body"),
        # a class body reads the list it bound last; the list is changed after the read,
        # but the object read is the one changed
        pytest.param(
            "class C:\n    X = ['a']\n    X = []\n    use(X)\n    X.append(a)\n",
            None,
            id="class-body-changed-after-the-read",
        ),
        pytest.param(
            "class C:\n    X = ['a']\n    X = []\n    X.append(a)\n    use(X)\n",
            None,
            id="class-body-rebound-then-changed",
        ),
        pytest.param(
            "class C:\n    X = ['a']\n    X = []\n    X[0:0] = a\n    use(X)\n",
            None,
            id="class-body-rebound-then-slice",
        ),
        # a method's `X` is the module's, not the class body's
        pytest.param(
            "X = []\nclass C:\n    X = ['a']\n    def m(self):\n        X.append(a)\n    use(X)\n",
            "['a']",
            id="class-body-and-a-methods-module-name",
        ),
    ],
)
def test_a_container_changed_in_place_has_no_single_value(
    source: str, expected: str | None
) -> None:
    assert _single(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("cmd = ['ls']\ncmd.append(q)\nrun(cmd)\n", None, id="changed-before"),
        pytest.param(
            "cmd = ['ls']\nif w:\n    cmd.append(q)\nrun(cmd)\n", None, id="changed-in-an-if"
        ),
        pytest.param(
            "cmd = 'a'\ncmd = ['ls']\nwith o:\n    cmd[0] = q\n    run(cmd)\n",
            None,
            id="changed-in-the-block-of-the-read",
        ),
        # run once the command is built: what is done to it afterwards is not run
        pytest.param("cmd = ['ls']\nrun(cmd)\ncmd.append(q)\n", "['ls']", id="changed-after"),
    ],
)
def test_the_reaching_value_of_a_container_changed_on_the_way(
    source: str, expected: str | None
) -> None:
    assert _reaching(source) == expected


def _scopes_of(source: str) -> tuple[ast.Module, Scopes, ast.Name]:
    """The module, its scopes (with the names its functions declare `global` and its
    `nonlocal` statements, as `FileContext` gives them) and the last `use(X)`'s argument."""
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    rebound = frozenset(
        name for node in ast.walk(tree) if isinstance(node, ast.Global) for name in node.names
    )
    nonlocals = tuple(node for node in ast.walk(tree) if isinstance(node, ast.Nonlocal))
    scopes = Scopes(tree, lambda node: parents.get(id(node)), rebound, nonlocals)
    read = [
        n.args[0]
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "use"
    ][-1]
    assert isinstance(read, ast.Name)
    return tree, scopes, read


def _binding_of(source: str) -> tuple[str | None, list[str] | None]:
    """The scope binding the last `use(X)`'s argument (`<module>` or a def's or class's
    name) and the values it may have there, as source (`?` unknown, `changed`)."""
    tree, scopes, read = _scopes_of(source)
    scope = scopes.binding_scope(read)
    values = scopes.values_of(read)
    where = None if scope is None else "<module>" if scope is tree else getattr(scope, "name", "")
    shown = {id(UNKNOWN_BINDING): "?", id(CHANGED_BINDING): "changed"}
    return where, None if values is None else [shown.get(id(v)) or ast.unparse(v) for v in values]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "CONFIG = {}\ndef f():\n    CONFIG['debug'] = True\n    use(CONFIG)\n",
            ("<module>", ["{}", "changed"]),
            id="item-set-in-a-function",
        ),
        pytest.param(
            "app = Flask()\ndef f(key):\n    app.config['SECRET_KEY'] = key\n    use(app)\n",
            ("<module>", ["Flask()", "changed"]),
            id="attribute-item-set-in-a-function",
        ),
        pytest.param(
            "app = Flask()\ndef f(key):\n    app.secret_key = key\n    use(app)\n",
            ("<module>", ["Flask()", "changed"]),
            id="attribute-set-in-a-function",
        ),
        pytest.param(
            "COUNTS = {}\ndef f():\n    COUNTS['k'] += 1\n    use(COUNTS)\n",
            ("<module>", ["{}", "changed"]),
            id="augmented-item",
        ),
        pytest.param(
            "CACHE = {}\ndef f(k):\n    del CACHE[k]\n    use(CACHE)\n",
            ("<module>", ["{}", "changed"]),
            id="item-deleted",
        ),
        pytest.param(
            "STATE = {}\ndef f(items):\n    for STATE['last'] in items:\n        use(STATE)\n",
            ("<module>", ["{}", "changed"]),
            id="item-as-a-loop-target",
        ),
        # the function reading it changes nothing (a container's single value is
        # withheld all the same: `changed_in_place`)
        pytest.param(
            "CONFIG = {}\ndef f():\n    CONFIG['k'] = 1\ndef g():\n    use(CONFIG)\n",
            ("<module>", ["{}"]),
            id="changed-by-another-function",
        ),
        pytest.param(
            "CONFIG = {}\ndef f():\n    CONFIG = {}\n    CONFIG['k'] = 1\n    use(CONFIG)\n",
            ("f", ["changed", "{}"]),
            id="a-bare-name-bound-is-local",
        ),
        pytest.param(
            "CONFIG = {}\ndef f(CONFIG):\n    CONFIG['k'] = 1\n    use(CONFIG)\n",
            ("f", ["?", "changed"]),
            id="a-parameter",
        ),
        pytest.param(
            "CONFIG = {}\ndef f():\n    CONFIG['k'] = 1\n    del CONFIG\n    use(CONFIG)\n",
            ("f", ["?", "changed"]),
            id="a-name-deleted-is-local",
        ),
        pytest.param(
            "def outer():\n    opts = {}\n    def inner():\n        opts['k'] = 1\n"
            "        use(opts)\n",
            ("outer", ["{}", "changed"]),
            id="nested-function-changes-the-enclosing-functions",
        ),
        pytest.param(
            "CONFIG = {}\ndef outer():\n    CONFIG['k'] = 1\n    def inner():\n"
            "        use(CONFIG)\n",
            ("<module>", ["{}", "changed"]),
            id="nested-function-in-a-function-changing-the-modules",
        ),
        pytest.param(
            "CONFIG = {}\nclass C:\n    CONFIG['k'] = 1\n    use(CONFIG)\n",
            ("<module>", ["{}", "changed"]),
            id="class-body-changes-the-modules",
        ),
        pytest.param(
            "class C:\n    OPTS = {}\n    def m(self):\n        OPTS['k'] = 1\n        use(OPTS)\n",
            (None, None),
            id="a-method-does-not-read-its-class-bodys",
        ),
        pytest.param(
            "OPTS = []\nclass C:\n    OPTS = {}\n    def m(self):\n        OPTS['k'] = 1\n"
            "        use(OPTS)\n",
            ("<module>", ["[]", "changed"]),
            id="a-method-reads-the-modules",
        ),
        pytest.param(
            "CONFIG = {}\ndef f(keys):\n    CONFIG['k'] = 1\n    return [use(CONFIG) for k in keys]\n",
            ("<module>", ["{}", "changed"]),
            id="read-in-a-comprehension",
        ),
        pytest.param(
            "CONFIG = {}\ndef f(items):\n    [(CONFIG := i) for i in items]\n    use(CONFIG)\n",
            ("f", ["i"]),
            id="a-walrus-in-a-comprehension-binds-in-the-function",
        ),
        pytest.param(
            "CONFIG = {}\ndef f():\n    global CONFIG\n    CONFIG['k'] = 1\n    use(CONFIG)\n",
            ("<module>", ["{}", "?", "changed"]),
            id="global-changed",
        ),
        pytest.param(
            "CONFIG = {}\ndef f():\n    global CONFIG\n    CONFIG = {'k': 1}\n    use(CONFIG)\n",
            ("<module>", ["{}", "?"]),
            id="global-rebound",
        ),
        pytest.param(
            "def outer():\n    opts = {}\n    def inner():\n        nonlocal opts\n"
            "        opts['k'] = 1\n        use(opts)\n",
            ("outer", ["{}", "?", "changed"]),
            id="nonlocal-changed",
        ),
        pytest.param(
            "def f():\n    environ['k'] = 1\n    use(environ)\n", (None, None), id="bound-nowhere"
        ),
        pytest.param(
            "CONFIG = {}\ndef f(x):\n    match x:\n        case {'k': CONFIG}:\n"
            "            use(CONFIG)\n",
            ("f", ["?"]),
            id="a-match-capture-is-local",
        ),
        pytest.param(
            "CONFIG = {}\ndef f(x):\n    match x:\n        case {**CONFIG}:\n"
            "            use(CONFIG)\n",
            ("f", ["?"]),
            id="a-match-rest-is-local",
        ),
    ],
)
def test_only_a_bare_name_bound_makes_it_the_scopes(
    source: str, expected: tuple[str | None, list[str] | None]
) -> None:
    assert _binding_of(source) == expected


def test_what_a_function_changes_of_the_modules_object_is_still_that_object() -> None:
    source = "parser = YAML(typ='unsafe')\ndef f(s):\n    parser.allow = True\n    use(parser)\n"
    tree, scopes, read = _scopes_of(source)
    made = scopes.made_by(read)
    assert made is not None
    assert ast.unparse(made) == "YAML(typ='unsafe')"
    assert scopes.single_value(read) is None
    assert [n.lineno for n in scopes.reads_of_assigned(tree.body[0])] == [3, 4]


def test_a_comprehension_variable_is_no_variable_of_the_scope_around_it() -> None:
    source = (
        "x = 1\n"
        "def f(items):\n"
        "    x = 2\n"
        "    a = [x.upper() for x in items if x]\n"
        "    b = {x: y for x, y in pairs(x)}\n"
        "    c = [x for _ in range(3)]\n"
        "    return x\n"
        "d = [x for x in x]\n"
    )
    tree = ast.parse(source)
    parents = {id(c): p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
    scopes = Scopes(tree, lambda node: parents.get(id(node)))
    function = tree.body[1]
    loads = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Name) and n.id == "x" and isinstance(n.ctx, ast.Load)
    ]
    by_line: dict[int, list[object]] = {}
    for load in loads:
        by_line.setdefault(load.lineno, []).append(scopes.binding_scope(load))
    # NOTE: the comprehension's own `x`, read in its element and its test: no scope's.
    assert by_line[4] == [None, None]
    # NOTE: `pairs(x)`, the first iterable, is read in the function; the key is the loop's.
    assert by_line[5] == [None, function]
    assert by_line[6] == [function]  # NOTE: no loop binds `x` here: the function's
    assert by_line[7] == [function]
    # NOTE: at module level, `x` the first iterable is the module's.
    assert by_line[8] == [None, tree]
