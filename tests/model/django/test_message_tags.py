"""The extra tags the project's calls give the Django messages they store."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.message_tags import carries, extract_message_tags
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _context(source: str) -> FileContext:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    return FileContext(
        "app/views.py", "app.views", tuple(text.splitlines()), tree, NameResolver(tree, "app.views")
    )


def test_each_message_call_is_kept_with_the_tags_it_gives() -> None:
    source = """
        from django.contrib import messages
        from django.contrib.messages import add_message

        HTML = "safe"

        def view(request, tags, **options):
            messages.error(request, "plain")
            messages.info(request, "link", extra_tags=HTML)
            messages.success(request, "bold", "safe noicon")
            add_message(request, messages.INFO, "hi", "block")
            messages.warning(request, "chosen", tags)
            messages.debug(request, "passed on", **options)
            self.message_user(request, "done", messages.SUCCESS, "safe")
            notify(request, "other", extra_tags="safe")
            notify(request, "other", "not a message call")
    """
    assert extract_message_tags(_context(source)) == (
        (8, ""),
        (9, "safe"),
        (10, "safe noicon"),
        (11, "block"),
        (12, None),
        (13, None),
        (14, "safe"),
        (15, "safe"),
    )


def test_a_module_storing_no_message_gives_nothing() -> None:
    assert extract_message_tags(_context("def view(request):\n    return 1\n")) is None


@pytest.mark.parametrize(
    ("tags", "gates", "expected"),
    [
        pytest.param("safe noicon", ("safe",), True, id="tagged"),
        pytest.param("noicon", ("safe",), False, id="other-tag"),
        pytest.param("", ("safe",), False, id="untagged"),
        pytest.param(None, ("safe",), True, id="unknown-tags"),
        pytest.param("safe", ("safe", "block"), False, id="every-gate-needed"),
    ],
)
def test_a_message_carries_every_gate_literal(
    tags: str | None, gates: tuple[str, ...], expected: bool
) -> None:
    assert carries(tags, gates) is expected
