"""WW909: a mail template's link written with `http://` that carries a secret."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import identifier_words, sounds_secret
from webwarden.model.templates.mail import mail_document
from webwarden.parse.templates import Node, NodeKind, ParsedTemplate
from webwarden.rules.base import TemplateRule

_HTTP = re.compile(r"http://", re.IGNORECASE)
_END = re.compile(r"""[\s"'<>]""")
"""What ends a URL written in text or in an attribute."""
_LOCAL = re.compile(r"(?:localhost|127\.0\.0\.1|\[::1\])(?:[:/]|$)", re.IGNORECASE)
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_STRING = re.compile(r""""[^"]*"|'[^']*'""")
_TOKEN_LINKS = frozenset(
    {"verify", "verification", "reset", "activation", "activate", "confirm",
     "confirmation", "magic", "invite", "invitation", "recovery", "recover"}
)  # fmt: skip
"""First words of a link's name that say it carries the account's token (`verify_url`,
`password_reset_link`, `activation_url`), not where the site is (`login_url`)."""
_LINK_LAST = frozenset({"url", "uri", "link", "href"})


class MailedSecretLinkOverHttp(TemplateRule):
    """## What it does
    Finds a link in an e-mail template (a template of a mail folder, `email/`,
    `emails/`, `registration/...email/`, or an HTML mail told by its markup for Outlook)
    written with a literal `http://` whose rest holds a secret: a `{% url %}` given a
    token or key (`{% url "password_reset_confirm" uidb64=uid token=token %}`), a value
    named for one (`{{ token }}`, `{{ activation_key }}`), or a link named for the
    token it carries (`{{ verify_url }}`, `{{ password_reset_link }}`,
    `{{ activation_url }}`). A link to `localhost` is not reported.

    ## Why is this bad?
    The password-reset token, the sign-up confirmation key or the invitation code in
    the link is what proves the reader owns the account. With `http://` the mail client
    opens the link in plain text: anyone on the network between the reader and the
    site (a café's Wi-Fi, a proxy) reads the token from the first request, before any
    redirect to HTTPS, and uses it to take the account over. HSTS only helps a browser
    that has already seen the site.

    ## Example
    ```html
    <a href="http://{{ domain }}{% url "password_reset_confirm" uidb64=uid token=token %}">Reset</a>
    ```

    ## Fix
    ```html
    <a href="https://{{ domain }}{% url "password_reset_confirm" uidb64=uid token=token %}">Reset</a>
    ```
    Django's own reset mail writes `{{ protocol }}://`, which `PasswordResetView` sets
    to `https` when given `use_https=True`.

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Django: PasswordResetView (`use_https`)](https://docs.djangoproject.com/en/stable/topics/auth/default/#django.contrib.auth.views.PasswordResetView)
    - [OWASP: Forgot Password Cheat Sheet, URL tokens](https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html#url-tokens)
    """

    code = "WW909"
    name = "mailed-secret-link-over-http"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 319
    example_filename = "templates/email/password_reset.html"
    message = "the mailed link `http://...` carries `{secret}` in clear text"
    fix = "write the link with `https://` (or a protocol the view sets to `https`)"

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        if not mail_document(template):
            return
        nodes = template.nodes
        reported: set[int] = set()
        for index, node in enumerate(nodes):
            if node.kind is not NodeKind.TEXT:
                continue
            for match in _HTTP.finditer(node.content):
                rest = node.content[match.end() :]
                if _LOCAL.match(rest):
                    continue
                secret = _carried(rest, nodes[index + 1 :])
                where = _at(node, match.start())
                if secret is not None and where.line not in reported:
                    reported.add(where.line)  # NOTE: the link's text repeating its `href`
                    yield self.at(template, where, secret=secret)


def _carried(rest: str, following: Sequence[Node]) -> str | None:
    """The secret the link holds: `rest` is the text after `http://` in its node, and
    the link goes on into `following` when that text does not end it."""
    if _END.search(rest):
        return None
    for node in following:
        if node.kind is NodeKind.TEXT:
            if _END.search(node.content):
                return None
            continue
        if node.kind is NodeKind.COMMENT:
            continue
        found = _secret_of(node)
        if found is not None:
            return found
    return None


def _at(node: Node, offset: int) -> Node:
    """The text node `node` placed where its character `offset` is."""
    before = node.content[:offset]
    lines = before.count("\n")
    column = offset - before.rfind("\n") if lines else node.column + offset
    return dataclasses.replace(node, line=node.line + lines, column=column)


def _secret_of(node: Node) -> str | None:
    """The secret an output or a `{% url %}` in the link writes, named as written (not
    a string literal in it: the URL name `"password_reset_confirm"` is no secret)."""
    if node.kind is NodeKind.TAG and node.tag != "url":
        return None
    for name in _IDENTIFIER.findall(_STRING.sub("", node.content)):
        words = identifier_words(name)
        if sounds_secret(name) or (
            len(words) >= 2 and words[-1] in _LINK_LAST and _TOKEN_LINKS.intersection(words)
        ):
            return node.content if node.kind is NodeKind.VAR else name
    return None
