"""Functions returning what `random` drew, and secret keys set from calls."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from webwarden.model.facts import Facts
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.project import ModuleSummary, ProjectModel
from webwarden.model.random_makers import (
    RANDOM_MAKER_FACTS,
    RandomMakerFacts,
    extract_random_makers,
    returns_draw,
    secret_key_name,
)


def _context(source: str, module: str) -> FileContext:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    path = module.replace(".", "/") + ".py"
    return FileContext(path, module, tuple(text.splitlines()), tree, NameResolver(tree, module))


def _facts(source: str, module: str = "app.utils") -> RandomMakerFacts | None:
    return extract_random_makers(_context(source, module))


@pytest.mark.parametrize(
    ("source", "makers"),
    [
        pytest.param(
            """
            import random
            def word(n):
                return "".join(random.choice("ab") for _ in range(n))
            """,
            {"word"},
            id="returned-draw",
        ),
        pytest.param(
            """
            from random import getrandbits
            def token():
                bits = getrandbits(64)
                return "%x" % bits
            """,
            {"token"},
            id="through-local",
        ),
        pytest.param(
            """
            from random import SystemRandom
            random = SystemRandom()
            def word(n):
                return "".join(random.choice("ab") for _ in range(n))
            """,
            set(),
            id="system-random-rebound",
        ),
        pytest.param(
            """
            import random
            def shuffle_rows(rows):
                random.shuffle(rows)
                return rows
            """,
            set(),
            id="draw-not-returned",
        ),
    ],
)
def test_makers(source: str, makers: set[str]) -> None:
    facts = _facts(source)
    assert (facts.makers if facts is not None else set()) == makers


def test_keys_set_from_calls() -> None:
    facts = _facts(
        """
        from app.utils import word
        class DevelopmentConfig:
            SECRET_KEY = word(8)
        app.config["JWT_SECRET_KEY"] = local()
        app.secret_key = "literal"
        def local():
            return "x"
        """,
        "app.config",
    )
    assert facts is not None
    assert [(k.key, k.callees, k.holder) for k in facts.keys] == [
        ("SECRET_KEY", ("app.utils.word",), "DevelopmentConfig"),
        ("JWT_SECRET_KEY", ("app.config.local",), ""),
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("SECRET_KEY", True),
        ("secret_key", True),
        ("JWT_SECRET_KEY", True),
        ("SECRET_KEY_FILE", False),
    ],
)
def test_secret_key_name(name: str, expected: bool) -> None:
    assert secret_key_name(name) is expected


def test_returns_draw_across_modules(tmp_path: Path) -> None:
    facts = _facts("import random\ndef word(n):\n    return random.choice('ab') * n\n")
    summary = ModuleSummary(
        "app/utils.py", "app.utils", False, frozenset(), {}, Facts({RANDOM_MAKER_FACTS: facts})
    )
    project = ProjectModel(root=tmp_path, files=[], modules={summary.relpath: summary})
    assert returns_draw(project, "app.utils.word")
    assert not returns_draw(project, "app.utils.other")
    assert not returns_draw(project, "app.missing.word")
