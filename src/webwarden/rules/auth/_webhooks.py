"""Routes that receive webhooks, and URLs that carry the secret their sender was given
(WW762 for Flask, WW763 for Django)."""

from __future__ import annotations

import re

from webwarden.model.module import identifier_words
from webwarden.rules.auth._public import secret_in_url

_HOOK_WORDS = frozenset({"webhook", "webhooks", "hook", "hooks"})
_PATH_SEPARATORS = re.compile(r"[/_\-.<>:^$()?]+")
"""What parts a URL rule's words: Flask's `/hooks/<uuid:key>`, Django's `^hooks/(?P<x>..)$`."""
_UUID_PARAMETER = re.compile(r"<uuid:\w+>")
"""A random UUID in a webhook's URL (`/hooks/<uuid:key>`) is the secret its sender was
given, as in an incoming-webhook URL; it is no record's id that can be counted through."""


def names_webhook(pattern: str, view: str) -> bool:
    """Whether a route's URL (`/stripe/webhook`, `^hooks/github/$`) or its view's own name
    (the last part of `payments.stripe_webhook`) says it receives webhooks."""
    path_words = _PATH_SEPARATORS.split(pattern.lower())
    view_words = identifier_words(view.rpartition(".")[2])
    return bool(_HOOK_WORDS.intersection(path_words) or _HOOK_WORDS.intersection(view_words))


def hook_url_secret(pattern: str) -> bool:
    """A secret in a webhook's URL: a parameter named for one (`/hooks/<token>`) or a
    UUID (`/hooks/<uuid:key>`)."""
    return secret_in_url(pattern) or _UUID_PARAMETER.search(pattern) is not None
