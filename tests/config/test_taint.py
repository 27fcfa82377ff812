"""`[tool.webwarden.taint]`: validated when the configuration is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.config import load_config
from webwarden.config.taint import TaintOptions, parse_taint, taint_options
from webwarden.errors import ConfigError


def test_a_full_table_is_parsed() -> None:
    options = parse_taint(
        {
            "sources": ["app.http.param"],
            "sanitisers": ["app.security.clean"],
            "sanitisers-for": {"app.sql.quote": ["sql"]},
            "guards": ["app.security.allowed"],
            "guards-for": {"app.urls.is_local": ["redirect", "url"]},
        }
    )
    assert options.sources == frozenset({"app.http.param"})
    assert options.sanitisers["app.sql.quote"] == frozenset({"sql"})
    assert "html" in options.sanitisers["app.security.clean"]
    assert options.guards["app.urls.is_local"] == frozenset({"redirect", "url"})
    assert "command" in options.guards["app.security.allowed"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        pytest.param(
            {"source": []}, r"unknown key `source` \(did you mean `sources`\?\)", id="typo"
        ),
        pytest.param({"colour": []}, r"unknown key `colour`$", id="unknown"),
        pytest.param({"sources": "app.x"}, r"`sources` must be a list", id="not-a-list"),
        pytest.param({"guards": ["app x"]}, r"'app x' is not a dotted Python name", id="bad-name"),
        pytest.param(
            {"sanitisers-for": ["x"]}, r"`sanitisers-for` must be a table", id="not-a-table"
        ),
        pytest.param(
            {"guards-for": {"a.b": []}}, r"`guards-for.a.b` must be a non-empty list", id="no-kinds"
        ),
        pytest.param(
            {"sanitisers-for": {"a.b": ["xss"]}}, r"unknown sink kind 'xss'", id="unknown-kind"
        ),
    ],
)
def test_bad_tables_are_errors(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_taint(table)


def test_the_loader_validates_and_keeps_the_parsed_table(tmp_path: Path) -> None:
    config_file = tmp_path / "pyproject.toml"
    config_file.write_text('[tool.webwarden.taint]\nsources = ["app.param"]\n', encoding="utf-8")
    config = load_config([tmp_path], config_file=config_file)
    assert taint_options(config.extra).sources == frozenset({"app.param"})
    config_file.write_text('[tool.webwarden.taint]\nsinks = ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject.toml: \[tool.webwarden.taint\]: unknown key"):
        load_config([tmp_path], config_file=config_file)


def test_missing_or_raw_tables() -> None:
    assert taint_options({}) == TaintOptions()
    assert taint_options({"taint": {"sources": ["a.b"]}}).sources == frozenset({"a.b"})
