"""WW1158: a private key or credential file placed in the directory the site serves."""

from __future__ import annotations

import ast
import posixpath
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import identifier_words
from webwarden.rules.auditing._flask_static import served_by_flask
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_SERVED_ROOTS = frozenset({"STATIC_ROOT", "MEDIA_ROOT"})
"""Django's directories served to anyone: `collectstatic`'s output at `STATIC_URL`, the
uploads at `MEDIA_URL`."""
_JOINS = frozenset({"os.path.join", "posixpath.join"})
_KEY_EXTENSIONS = frozenset({".key", ".p12", ".pfx", ".jks", ".keystore", ".ppk", ".kdbx"})
_KEY_NAMES = frozenset(
    {"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".env", ".htpasswd", ".netrc", ".pgpass"}
)
_PEM = frozenset({".pem"})
_KEY_WORDS = frozenset({"key", "private", "secret", "secrets", "credentials"})
_PUBLIC_WORDS = frozenset({"public", "pub", "cert", "certificate", "chain", "ca"})


class KeyFileInServedDirectory(PythonRule):
    """## What it does
    Finds a path to a private key or credential file built under Django's `STATIC_ROOT`
    or `MEDIA_ROOT` (`os.path.join(STATIC_ROOT, "client.key")`, `settings.MEDIA_ROOT /
    "id_rsa"`): a name ending in `.key`, `.p12`, `.pfx`, `.jks`, an SSH key's or `.env`,
    or a `.pem` file whose name, or that of the setting or variable given the path, says
    it holds a key (`CLIENT_PRIVATE_KEY_FILE = os.path.join(STATIC_ROOT, "client.pem")`).

    In a Flask app, the same for a path inside the folder the app serves at `/static`
    (`static` beside the module making `Flask(__name__)`, or its `static_folder`),
    followed in that module through names and `app.config[...]` keys bound once, joins,
    `os.path.dirname(__file__)`, `app.root_path`, and an environment variable's default
    (`os.getenv("DATA_DIR", os.path.join(app.root_path, "static", "data"))`: where the
    file goes when nobody sets the variable).

    ## Why is this bad?
    Everything in `STATIC_ROOT` is served to anyone at `STATIC_URL` (by the web
    server, WhiteNoise or dj-static), and `MEDIA_ROOT` at `MEDIA_URL`; Flask serves
    every file of its `static_folder` at `/static/<path>`. A key the app
    writes there at start-up from its environment, to hand a library a file, is a
    download away: `GET /static/client.key` gives whoever asks the key the app
    authenticates to another service with.

    ## Known problems
    Only paths written as a join of the setting and a file name are seen, not one the
    project builds another way or a key copied there by a deployment script; for Flask,
    only in the module that makes the app. A
    certificate or public key (`.crt`, `.cert`, a `.pem` not named a key, or named a
    public one: `jwt_public_key.pem`) is public and is not reported.

    ## Example
    ```python
    import os

    STATIC_ROOT = "staticfiles"
    PARTNER_TLS_KEY_FILE = os.path.join(STATIC_ROOT, "partner_tls.key")
    ```

    ## Fix
    ```python
    import os

    STATIC_ROOT = "staticfiles"
    PARTNER_TLS_KEY_FILE = os.path.join("/run/secrets", "partner_tls.key")
    ```

    ## References
    - [CWE-552: Files or Directories Accessible to External Parties](https://cwe.mitre.org/data/definitions/552.html)
    - [Django: deploying static files](https://docs.djangoproject.com/en/stable/howto/static-files/deployment/)
    - [Flask: static files](https://flask.palletsprojects.com/en/stable/quickstart/#static-files)
    """

    code = "WW1158"
    name = "key-file-in-served-directory"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 552
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    message = "`{path}` puts {what} in `{root}`, which the site serves to anyone"
    fix = "keep keys outside the served directories (a secrets mount, a temporary directory)"
    calls = _JOINS
    mentions = ((*_SERVED_ROOTS, "Flask"),)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if ctx.call_name(node) not in _JOINS or len(node.args) < 2:
            return
        served = _served_root(node.args[0]) or served_by_flask(ctx, node.args[:-1])
        yield from self._judge(ctx, node, served, node.args[-1])

    def visit_BinOp(self, node: ast.BinOp, ctx: FileContext) -> Iterator[Finding]:
        if isinstance(node.op, ast.Div):
            yield from self._judge(ctx, node, _served_root(node.left), node.right)

    def _judge(
        self, ctx: FileContext, node: ast.expr, served: str | None, name: ast.expr
    ) -> Iterator[Finding]:
        if served is None or not isinstance(name, ast.Constant):
            return
        if not isinstance(name.value, str):
            return
        what = _key_file(name.value, ctx.assigned_name(node) or "")
        if what is not None:
            yield self.finding(ctx, node, path=ast.unparse(node), what=what, root=served)


def _served_root(node: ast.expr) -> str | None:
    """`STATIC_ROOT` in a settings module, `settings.MEDIA_ROOT` elsewhere."""
    if isinstance(node, ast.Name) and node.id in _SERVED_ROOTS:
        return node.id
    if (
        isinstance(node, ast.Attribute)
        and node.attr in _SERVED_ROOTS
        and isinstance(node.value, ast.Name)
        and node.value.id == "settings"
    ):
        return node.attr
    return None


def _key_file(path: str, target: str) -> str | None:
    """What the file named `path` holds, when a key or credentials (`a private key`)."""
    base = posixpath.basename(path.strip())
    stem, extension = posixpath.splitext(base.lower())
    if base.lower() in _KEY_NAMES:
        return "a credential file"
    if extension in _KEY_EXTENSIONS:
        return "a private key file"
    words = {*identifier_words(stem), *identifier_words(target)}
    if extension in _PEM and words & _KEY_WORDS and not words & _PUBLIC_WORDS:
        return "a private key file"
    return None
