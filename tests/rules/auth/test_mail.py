"""Calls that send an e-mail."""

from __future__ import annotations

import ast
import textwrap

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.rules.auth._mail import sends_mail


def _calls(source: str) -> tuple[FileContext, list[ast.Call]]:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext("m.py", "m", tuple(text.splitlines()), tree, NameResolver(tree, "m"))
    calls = [s.value for s in tree.body if isinstance(s, ast.Expr)]
    return ctx, [c for c in calls if isinstance(c, ast.Call)]


def test_an_adapted_callee_is_judged_by_its_own_name_each_time() -> None:
    # NOTE: the callee of one adapted call once stood for the next one's (a throwaway
    # node's cached name, read back by the next node at the same address).
    ctx, calls = _calls(
        """
        from asgiref.sync import async_to_sync
        from django.core.mail import send_mail
        async_to_sync(send_mail)("Hi", body, None, [to])
        async_to_sync(update_counts)(1)
        async_to_sync(send_mail)("Hi", body, None, [to])
        async_to_sync(refresh)(2)
        """
    )
    assert [sends_mail(ctx, call) for call in calls] == [True, False, True, False]
