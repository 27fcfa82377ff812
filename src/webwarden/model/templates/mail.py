"""Which templates are parts of a mail: read in the reader's mail client, never in a tab
of the site."""

from __future__ import annotations

import re

from webwarden.model.module import identifier_words
from webwarden.parse.templates import ParsedTemplate

_MAIL_WORDS = frozenset({"email", "emails"})
_FOLDER_TAILS = frozenset({"template", "templates"})


def in_mail_folder(relpath: str) -> bool:
    """A template in a folder named for mails: `email/`, `emails/`, or a name whose last
    word says so (`email_templates/`, a mail plugin's `notify_email/`): a part of a mail
    (its subject, its text or HTML body), read in the reader's mail client, never in a
    tab of the site. Not `email_settings/`, named for what it does about mail."""
    return any(_names_mail(part) for part in relpath.split("/")[:-1])


_OUTLOOK_MARKUP = re.compile(
    r"<!--\[if\s[^\]]*\bmso\b|urn:schemas-microsoft-com:office:office", re.IGNORECASE
)
"""Markup for Outlook's Word-based renderer: a conditional comment naming `mso`
(`<!--[if mso | IE]>`, `<!--[if !mso]><!-->`) or the Office namespace on `<html>`. Web
pages never need it; HTML mails (MJML's output, mail frameworks) carry it to lay out in
Outlook. Not `<!--[if lt IE 9]>`, an old browser's."""


def mail_document(template: ParsedTemplate) -> bool:
    """A mail's body: a template of a mail folder (`in_mail_folder`), or an HTML mail
    wherever it is kept, told by its markup for Outlook (`_OUTLOOK_MARKUP`)."""
    return in_mail_folder(template.relpath) or _OUTLOOK_MARKUP.search(template.text) is not None


def _names_mail(folder: str) -> bool:
    words = identifier_words(folder)
    while len(words) > 1 and words[-1] in _FOLDER_TAILS:
        words = words[:-1]
    return bool(words) and words[-1] in _MAIL_WORDS
