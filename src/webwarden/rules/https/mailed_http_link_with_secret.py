"""WW910: a link with `http://` that the code writes into an e-mail with a secret in it."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.tree import own_nodes, summands
from webwarden.rules.auth._mail import sends_mail
from webwarden.rules.auth._mailed_links import carried_secret, holding, mail_text, mailed
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_HTTP = re.compile(r"http://", re.IGNORECASE)
_END = re.compile(r"""[\s"'<>]""")
_LOCAL = re.compile(r"(?:localhost|127\.0\.0\.1|\[::1\])(?:[:/]|$)", re.IGNORECASE)
_PERCENT = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<kind>[a-zA-Z%])"
)

_Link = tuple[ast.Constant, str, list[ast.expr], ast.expr]
"""The literal holding `http://`, the link's text up to its first value, the values
written into the link, and the whole expression that builds the text."""


class MailedHttpLinkWithSecret(PythonRule):
    """## What it does
    Finds a link written in the code with a literal `http://` whose rest holds a
    secret (a value named for a token or key: `user.reset_key`, `token`,
    `activation_code`, or one made by `secrets.token_urlsafe()` and the like), in text
    that the same function sends by e-mail: formatted with `%`, `str.format` or an
    f-string, or joined with `+`, then handed, directly or through the locals it is
    written into (`msg = MIMEText(body)`), to a call that sends or builds a mail
    (`smtplib.SMTP.sendmail`, Django's `send_mail`, Flask-Mail's `Message`). A link to
    `localhost`, and a value written outside the link (`"your code: %s"`), are not
    reported. WW909 judges the same in mail templates.

    ## Why is this bad?
    The password-reset key or confirmation token in the link is what proves the reader
    owns the account. With `http://` the mail client opens the link in plain text:
    anyone on the network between the reader and the site reads the token from the
    first request, before any redirect to HTTPS, and uses it to take the account over.
    HSTS only helps a browser that has already seen the site.

    ## Example
    ```python
    from django.core.mail import send_mail

    def send_reset(user, token):
        body = "Reset your password: http://example.com/reset?token=%s" % token
        send_mail("Password reset", body, None, [user.email])
    ```

    ## Fix
    ```python
    from django.core.mail import send_mail

    def send_reset(user, token):
        body = "Reset your password: https://example.com/reset?token=%s" % token
        send_mail("Password reset", body, None, [user.email])
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [OWASP: Forgot Password Cheat Sheet, URL tokens](https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html#url-tokens)
    """

    code = "WW910"
    name = "mailed-http-link-with-secret"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 319
    message = "the link `{link}...` mailed by `{mail}` carries `{secret}` in clear text"
    fix = "write the link with `https://` (or build it from a setting that holds `https`)"
    mentions = ("http://", "mail")

    def visit_FunctionDef(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        if not _mails(ctx):
            return
        mails = [
            call for call in own_nodes(node) if isinstance(call, ast.Call) and sends_mail(ctx, call)
        ]
        if not mails:
            return
        for lead, text, values, whole in _links(node):
            secret = next(
                (s for s in (carried_secret(node, set(), v, set()) for v in values) if s), None
            )
            if secret is None:
                continue
            held = holding(ctx, node, whole)
            mail = next((m for m in mails if mailed(m, held, whole)), None)
            if mail is not None:
                yield self.finding(ctx, lead, link=text, mail=mail_text(ctx, mail), secret=secret)

    visit_AsyncFunctionDef = visit_FunctionDef


def _mails(ctx: FileContext) -> bool:
    """Whether some call of the module sends mail, worked out once per module: most
    modules that mention mail send none, and walking each function for its calls is the
    rule's cost."""
    found = ctx.memo.get(_mails)
    if found is None:
        found = ctx.memo[_mails] = any(
            isinstance(call, ast.Call) and sends_mail(ctx, call) for call in ctx.nodes(ast.Call)
        )
    return bool(found)


def _links(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[_Link]:
    """Each link with `http://` that `function` writes values into."""
    inner: set[int] = set()  # NOTE: the `a + b` inside `a + b + c`, judged with the whole
    for node in own_nodes(function):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            lead = _literal(node.left)
            if lead is not None:
                yield from _percent(node, lead)
        elif isinstance(node, ast.JoinedStr):
            yield from _joined(node, list(node.values))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            if isinstance(node.left, ast.BinOp) and isinstance(node.left.op, ast.Add):
                inner.add(id(node.left))
            if id(node) not in inner:
                yield from _joined(node, summands(node))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
        ):
            lead = _literal(node.func.value)
            if lead is not None:
                yield from _format(node, lead)


def _literal(node: ast.expr) -> ast.Constant | None:
    """`node` when it is a string literal."""
    return node if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _text(node: ast.expr) -> str | None:
    literal = _literal(node)
    return str(literal.value) if literal is not None else None


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """The start and end of each link with `http://` in `text`, not to `localhost`."""
    for match in _HTTP.finditer(text):
        if _LOCAL.match(text, match.end()):
            continue
        end = _END.search(text, match.end())
        yield match.start(), end.start() if end else len(text)


def _percent(node: ast.BinOp, lead: ast.Constant) -> Iterator[_Link]:
    """`"http://site/reset?key=%s" % key`: the arguments of the specifiers in the link."""
    text = str(lead.value)
    specs = [m for m in _PERCENT.finditer(text) if m.group("kind") != "%"]
    for start, end in _spans(text):
        values: list[ast.expr] = []
        for index, spec in enumerate(specs):
            if not start <= spec.start() < end:
                continue
            key = spec.group("key")
            if key is not None and isinstance(node.right, ast.Dict):
                values.extend(
                    v for k, v in zip(node.right.keys, node.right.values, strict=True)
                    if k is not None and _text(k) == key
                )  # fmt: skip
            elif isinstance(node.right, ast.Tuple) and index < len(node.right.elts):
                values.append(node.right.elts[index])
            elif index == 0 and not isinstance(node.right, ast.Tuple | ast.Dict):
                values.append(node.right)
        if values:
            yield lead, _shown(text, start, end), values, node


def _format(node: ast.Call, lead: ast.Constant) -> Iterator[_Link]:
    """`"http://site/reset/{}".format(token)`: the arguments of the fields in the link."""
    text = str(lead.value)
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return
    keywords = {k.arg: k.value for k in node.keywords if k.arg is not None}
    for start, end in _spans(text):
        values: list[ast.expr] = []
        offset, automatic = 0, 0
        for literal, field, spec, conversion in fields:
            offset += len(literal)
            if field is None:
                continue
            name = field.split(".", 1)[0].split("[", 1)[0]
            position = automatic if name == "" else int(name) if name.isdigit() else None
            automatic += name == ""
            if start <= offset < end:
                if position is not None and position < len(node.args):
                    values.append(node.args[position])
                elif name in keywords:
                    values.append(keywords[name])
            # NOTE: past `{field!conversion:spec}`; an escaped `{{` before it shifts this by one
            offset += len(field) + 2 + (len(conversion) + 1 if conversion else 0)
            offset += len(spec) + 1 if spec else 0
        if values:
            yield lead, _shown(text, start, end), values, node


def _joined(whole: ast.expr, parts: list[ast.expr]) -> Iterator[_Link]:
    """An f-string's parts or the summands of `+`: the values after a literal with
    `http://` up to the literal that ends the link."""
    for index, part in enumerate(parts):
        literal = _literal(part)
        if literal is None:
            continue
        text = str(literal.value)
        for start, end in _spans(text):
            if end < len(text):
                continue  # NOTE: the link ends in its own literal: no value in it
            values: list[ast.expr] = []
            for later in parts[index + 1 :]:
                later_text = _text(later)
                if later_text is not None:
                    if _END.search(later_text):
                        break
                    continue
                values.append(later.value if isinstance(later, ast.FormattedValue) else later)
            if values:
                yield literal, _shown(text, start, end), values, whole


def _shown(text: str, start: int, end: int) -> str:
    """The link up to its first value, at most 60 characters."""
    link = text[start:end]
    first = re.search(r"[%{]", link)
    return (link[: first.start()] if first else link)[:60]
