"""The encoders a project's Elasticsearch highlight set-ups name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model


@pytest.mark.parametrize(
    ("source", "encoders", "escaped"),
    [
        pytest.param(
            """
            def find(search):
                return search.highlight("title").highlight_options(encoder="html")
            """,
            {"html"},
            True,
            id="chained-options",
        ),
        pytest.param(
            """
            OPTIONS = {"encoder": "html", "pre_tags": ["<em>"]}

            def find(search, options):
                return search.highlight_options(**options)
            """,
            {"html"},
            True,
            id="options-display-spread",
        ),
        pytest.param(
            """
            def find(search):
                return search.highlight("title", fragment_size=80)
            """,
            {""},
            False,
            id="default-encoder",
        ),
        pytest.param(
            """
            BODY = {"query": {"match_all": {}}, "highlight": {"fields": {"body": {}}}}
            ESCAPED = {"highlight": {"encoder": "html", "fields": {"body": {}}}}
            """,
            {"", "html"},
            False,
            id="query-bodies-one-unencoded",
        ),
        pytest.param(
            """
            import pygments
            from pygments import highlight

            def show(code, lexer, formatter):
                return highlight(code, lexer, formatter) + pygments.highlight(code, lexer, formatter)
            """,
            set(),
            False,
            id="pygments-is-no-search",
        ),
        pytest.param(
            """
            def find(search, encoder):
                return search.highlight_options(encoder=encoder)
            """,
            {"?"},
            False,
            id="encoder-unknown",
        ),
    ],
)
def test_highlight_encoders(tmp_path: Path, source: str, encoders: set[str], escaped: bool) -> None:
    model = template_model(tmp_path, {"search.py": source, "templates/results.html": "{{ hit }}\n"})
    assert model.highlight_encoders == encoders
    assert model.highlights_escaped is escaped
