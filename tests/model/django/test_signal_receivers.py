"""The functions a module connects to Django signals."""

from __future__ import annotations

import ast
import textwrap

from webwarden.model.django.signal_receivers import extract_signal_receivers
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _context(source: str) -> FileContext:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    return FileContext(
        "app/hooks.py", "app.hooks", tuple(text.splitlines()), tree, NameResolver(tree, "app.hooks")
    )


def test_receivers_by_decorator_and_by_connect() -> None:
    source = """
        from django.db.models.signals import post_save
        from django.dispatch import Signal, receiver

        from app.signals import posted

        local = Signal()

        @receiver(posted)
        def keep(sender, **kwargs): ...

        @receiver([post_save, local], sender="app.Entry")
        def both(sender, **kwargs): ...

        def later(sender, **kwargs): ...

        local.connect(later)
        database.connect(timeout=3)
    """
    assert extract_signal_receivers(_context(source)) == (
        ("app.signals.posted", "app.hooks.keep"),
        ("django.db.models.signals.post_save", "app.hooks.both"),
        ("app.hooks.local", "app.hooks.both"),
        ("app.hooks.local", "app.hooks.later"),
    )


def test_a_module_connecting_nothing_has_no_receivers() -> None:
    assert extract_signal_receivers(_context("def receiver_of(x): return x.connect")) is None
