"""WW1120: pickle-family deserialisation of data that is not a constant."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import identifier_words
from webwarden.rules.auditing._common import from_django_cache, truthiness
from webwarden.rules.auditing._pickle_stores import written_by_module
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_MODULES = ("pickle", "cPickle", "_pickle", "dill", "cloudpickle")
LOADERS = frozenset(
    {
        *(f"{m}.{f}" for m in _MODULES for f in ("load", "loads", "Unpickler")),
        "jsonpickle.decode",
        "jsonpickle.unpickler.decode",
        "joblib.load",
        "pandas.read_pickle",
        "shelve.open",
        "shelve.DbfilenameShelf",
    }
)
_DUMPERS = frozenset(f"{m}.dumps" for m in _MODULES)
_DIGEST_COMPARES = frozenset({"hmac.compare_digest", "secrets.compare_digest"})


class PickleLoad(PythonRule):
    """## What it does
    Finds deserialisation with `pickle` and the libraries built on it (`dill`,
    `cloudpickle`, `jsonpickle`, `joblib.load`, `pandas.read_pickle`, `shelve`) and
    `numpy.load(..., allow_pickle=True)`, when the data is not a constant.

    ## Why is this bad?
    A pickle is a program: loading one can call any function with any arguments, so
    whoever controls the bytes controls your process. Pickles read from requests, caches,
    message queues, uploads or files other people can write are remote code execution.

    ## Known problems
    The rule cannot tell whether the data is trusted (a model file you built yourself);
    its confidence is medium. A load that runs only after an HMAC of the data matched
    (`if not hmac.compare_digest(signature, expected): raise ...`, or a project check
    named for it: `if hmac_verify(sig, data) is False: raise ...`) is not reported, nor
    is an unpickler whose global lookup the code replaces (`unpickler.find_global =
    allowed` for Python 2's cPickle; a subclass overriding `find_class` is no call of
    `Unpickler`), nor one of bytes read back from Django's cache
    (`pickle.loads(cache.get(key))`, or
    `self._backend.get(key)` where the class only ever sets `_backend` from a parameter
    typed `BaseCache` or defaulting to a Django cache), whose backends unpickle every
    value themselves; a raw Redis client's are reported. Nor is a round trip of bytes
    the code has just made (`pickle.loads(pickle.dumps(obj))`, or a local assigned only
    `pickle.dumps(obj)`): they never left the process. Nor is a file the module pickles
    itself at the same path (`pickle.load(f)` from `Path(data_dir() /
    f"{key}.pickle").open("rb")`, where another function opens that same path with
    `"wb"` for `pickle.dump(obj, f)`): the program's own store, which only whoever can
    write its data directory could change; a path in the shared temporary directory
    (`/tmp`, `tempfile.gettempdir()`) still is. Whether the request chooses the key is
    for the taint rules (request data in a file path). Taint
    rules report pickles of request data at high confidence.

    ## Example
    ```python
    import base64
    import pickle

    def load_preferences(cookie_value):
        return pickle.loads(base64.b64decode(cookie_value))
    ```

    ## Fix
    ```python
    import json

    def load_preferences(cookie_value):
        return json.loads(cookie_value)
    ```
    Use a data-only format (JSON, MessagePack) for anything that crosses a trust
    boundary; if you must ship Python objects, sign them (`django.core.signing`,
    `itsdangerous`) and verify before loading.

    ## References
    - [CWE-502: Deserialization of Untrusted Data](https://cwe.mitre.org/data/definitions/502.html)
    - [Python docs: pickle warning](https://docs.python.org/3/library/pickle.html)
    """

    code = "WW1120"
    name = "pickle-load"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 502
    message = "`{call}` deserialises data with pickle, which can run arbitrary code"
    fix = "use JSON for data that crosses a trust boundary, or verify a signature before loading"
    bandit = ("B301",)
    ruff = ("S301",)
    calls = LOADERS | {"numpy.load"}

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name == "numpy.load":
            if truthiness(ctx, ctx.keyword(node, "allow_pickle")):
                yield self.finding(ctx, node, call=name)
            return
        if name not in LOADERS:
            return
        data = ctx.argument(node, 0)
        if data is not None and ctx.is_constant(data) and not name.endswith(("load", "open")):
            return
        if _dumped_here(ctx, data):
            # NOTE: `pickle.loads(pickle.dumps(x))`, a deep copy: the bytes never left.
            return
        if _signature_checked(ctx, node) or from_django_cache(ctx, data):
            return
        if name.endswith(".load") and written_by_module(ctx, data):
            return  # NOTE: a file the module pickles itself, at the same path
        if name.endswith("Unpickler") and _lookup_replaced(ctx, node):
            return
        yield self.finding(ctx, node, call=name)


def _dumped_here(ctx: FileContext, data: ast.expr | None) -> bool:
    """`pickle.dumps(x)` itself, or a local assigned only that (`pickled =
    pickle.dumps(watch)` then `pickle.loads(pickled)`, a round trip in a test)."""
    if isinstance(data, ast.Name):
        data = ctx.lookup(data)
    return isinstance(data, ast.Call) and ctx.call_name(data) in _DUMPERS


def _signature_checked(ctx: FileContext, node: ast.Call) -> bool:
    """The load runs only when an HMAC of the data matched: inside
    `if hmac.compare_digest(...):`, or after `if not hmac.compare_digest(...): raise` (or
    `return`) in the same function."""
    child: ast.AST = node
    parent = ctx.parent(node)
    while parent is not None and not isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef):
        if isinstance(parent, ast.If) and child in parent.body and _compares(ctx, parent.test):
            return True
        child, parent = parent, ctx.parent(parent)
    if parent is None:
        return False
    for statement in ast.walk(parent):
        if (
            isinstance(statement, ast.If)
            and statement.lineno < node.lineno
            and _refuses(ctx, statement.test)
            and isinstance(statement.body[-1], ast.Raise | ast.Return)
        ):
            return True
    return False


_LOOKUPS = frozenset({"find_global", "find_class"})


def _lookup_replaced(ctx: FileContext, node: ast.Call) -> bool:
    """`unpickler = cPickle.Unpickler(f)` then `unpickler.find_global = allowed` in the
    same function: Python 2's cPickle resolves every global through `find_global` (as
    a Python 3 subclass overriding `find_class` does), so the load makes only what
    that function allows."""
    name = ctx.assigned_name(node)
    if name is None:
        return False
    scope = ctx.scopes.enclosing_function(node) or ctx.tree
    return any(
        isinstance(target, ast.Attribute)
        and target.attr in _LOOKUPS
        and isinstance(target.value, ast.Name)
        and target.value.id == name
        for statement in ast.walk(scope)
        if isinstance(statement, ast.Assign)
        for target in statement.targets
    )


def _refuses(ctx: FileContext, test: ast.expr) -> bool:
    """`not check(...)`, `check(...) is False` or `ok == False` of a signature check."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _compares(ctx, test.operand)
    return (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Is | ast.Eq)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is False
        and _compares(ctx, test.left)
    )


def _compares(ctx: FileContext, test: ast.expr) -> bool:
    """`hmac.compare_digest(...)`, a call of a function named for checking a signature
    (`verify_signature(sig, data)`, `hmac_verify(sig, data)`), or a local assigned one."""
    if isinstance(test, ast.Name):
        test = ctx.lookup(test) or test
    if not isinstance(test, ast.Call):
        return False
    name = ctx.call_name(test) or ""
    if name in _DIGEST_COMPARES:
        return True
    words = set(identifier_words(name.rsplit(".", 1)[-1]))
    return bool(words & _CHECK_WORDS and words & _SIGNATURE_WORDS)


_CHECK_WORDS = frozenset({"verify", "verified", "check", "valid", "validate"})
_SIGNATURE_WORDS = frozenset({"hmac", "signature", "signed", "sig"})
