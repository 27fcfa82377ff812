"""`[tool.webwarden]`: finding it, validating every key, merging the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from webwarden.config import ConfigError, load_config
from webwarden.findings import Confidence, Severity


def _project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[tool.webwarden]\n{table}\n", encoding="utf-8")
    return tmp_path


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config([tmp_path], isolated=True)
    assert config.root == tmp_path.resolve()
    assert config.config_file is None
    assert config.fail_on is Severity.MEDIUM
    assert config.test_severity is Severity.LOW
    assert config.format == "text"


def test_every_key_is_read(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        """
select = ["WW11"]
extend-select = ["WW540"]
ignore = ["WW1181", {rule = "WW1101", path = "scripts/*", reason = "ops only", expires = 2030-01-01}]
exclude = ["vendor"]
extend-exclude = ["legacy"]
per-file-ignores = {"migrations/*" = ["WW1120"]}
respect-gitignore = false
max-file-size = "512KiB"
fail-on = "high"
min-severity = "medium"
min-confidence = "medium"
format = "json"
output = "report.json"
test-paths = ["spec/"]
test-severity = "keep"
other-tool-markers = false
report-unused-ignores = true
baseline = "baseline.json"
[tool.webwarden.logs]
window = 60
""",
    )
    config = load_config([project])
    assert config.config_file == project / "pyproject.toml"
    assert config.select == ("WW11",)
    assert config.extend_select == ("WW540",)
    assert config.ignore == ("WW1181",)
    (risk,) = config.accepted
    assert (risk.rule, risk.path, risk.reason, risk.expires) == (
        "WW1101",
        "scripts/*",
        "ops only",
        dt.date(2030, 1, 1),
    )
    assert config.exclude == ("vendor",)
    assert config.extend_exclude == ("legacy",)
    assert config.per_file_ignores == (("migrations/*", ("WW1120",)),)
    assert config.respect_gitignore is False
    assert config.max_file_size == 512 * 1024
    assert config.fail_on is Severity.HIGH
    assert config.min_severity is Severity.MEDIUM
    assert config.min_confidence is Confidence.MEDIUM
    assert config.format == "json"
    assert config.output == project / "report.json", "the configuration file's own path"
    assert config.test_paths == ("spec/",)
    assert config.test_severity is None
    assert config.other_tool_markers is False
    assert config.report_unused_ignores is True
    assert config.baseline == project / "baseline.json"
    assert config.extra == {"logs": {"window": 60}}


def test_array_of_tables_for_accepted_risks(tmp_path: Path) -> None:
    project = _project(tmp_path, "")
    (project / "pyproject.toml").write_text(
        '[[tool.webwarden.ignore]]\nrule = "WW1101"\nreason = "reviewed"\n', encoding="utf-8"
    )
    config = load_config([project])
    assert config.accepted[0].rule == "WW1101"
    assert config.accepted[0].expires is None


def test_command_line_wins_and_ignore_adds(tmp_path: Path) -> None:
    project = _project(tmp_path, 'fail-on = "low"\nignore = ["WW1181"]')
    config = load_config([project], overrides={"fail-on": "critical", "ignore": ["WW1101"]})
    assert config.fail_on is Severity.CRITICAL
    assert config.ignore == ("WW1181", "WW1101")


def test_search_goes_up_and_stops_at_repository_root(tmp_path: Path) -> None:
    _project(tmp_path, 'fail-on = "high"')
    nested = tmp_path / "app" / "views"
    nested.mkdir(parents=True)
    assert load_config([nested]).fail_on is Severity.HIGH
    (tmp_path / "app" / ".git").mkdir()
    assert load_config([nested]).config_file is None


def test_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    _project(tmp_path, 'fail-on = "high"')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert load_config([inner]).config_file == tmp_path / "pyproject.toml"


def test_explicit_config_file_with_top_level_keys(tmp_path: Path) -> None:
    file = tmp_path / "webwarden.toml"
    file.write_text('fail-on = "critical"\n', encoding="utf-8")
    assert load_config([tmp_path], config_file=file).fail_on is Severity.CRITICAL


@pytest.mark.parametrize(
    ("table", "message"),
    [
        pytest.param(
            'fail_on = "high"', r"unknown key `fail_on` \(did you mean `fail-on`\?\)", id="typo"
        ),
        pytest.param("colour = true", "unknown key `colour`", id="unknown"),
        pytest.param(
            'fail-on = "severe"',
            "`fail-on` must be one of low, medium, high, critical",
            id="bad-severity",
        ),
        pytest.param("select = 3", "`select` must be a list of strings", id="bad-list"),
        pytest.param('respect-gitignore = "yes"', "must be true or false", id="bad-bool"),
        pytest.param('max-file-size = "huge"', "positive size", id="bad-size"),
        pytest.param("max-file-size = 0", "positive size", id="zero-size"),
        pytest.param(
            'format = "xml"', "`format` must be one of text, json, sarif", id="bad-format"
        ),
        pytest.param('per-file-ignores = ["x"]', "must be a table", id="bad-per-file"),
        pytest.param('ignore = [{rule = "WW1101"}]', "needs a `reason`", id="no-reason"),
        pytest.param('ignore = [{reason = "x"}]', "needs `rule`", id="no-rule"),
        pytest.param(
            'ignore = [{rule = "WW1", reason = "x", until = 1}]', "unknown key", id="bad-risk-key"
        ),
        pytest.param(
            'ignore = [{rule = "WW1", reason = "x", expires = "soon"}]', "YYYY-MM-DD", id="bad-date"
        ),
        pytest.param(
            'ignore = [{rule = "WW1", reason = "x", expires = 5}]',
            "must be a date",
            id="bad-expiry",
        ),
        pytest.param(
            'ignore = [{rule = "WW1", reason = "x", path = 5}]', "glob string", id="bad-path"
        ),
        pytest.param("ignore = [1]", "codes \\(strings\\) or tables", id="bad-ignore-item"),
        pytest.param("ignore = 1", "list of codes or of tables", id="bad-ignore"),
        pytest.param("logs = 1", "`logs` must be a table", id="bad-extra"),
        pytest.param("output = 1", "must be a path", id="bad-path-value"),
        pytest.param(
            'test-severity = "never"',
            "one of low, medium, high, critical, keep",
            id="bad-test-severity",
        ),
    ],
)
def test_invalid_values_are_clear_errors(tmp_path: Path, table: str, message: str) -> None:
    project = _project(tmp_path, table)
    with pytest.raises(ConfigError, match=message):
        load_config([project])


def test_invalid_toml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.webwarden\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config([tmp_path])


def test_table_that_is_not_a_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool]\nwebwarden = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a table"):
        load_config([tmp_path])


def test_missing_explicit_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config([tmp_path], config_file=tmp_path / "nope.toml")


def test_unreadable_config(tmp_path: Path) -> None:
    bad = tmp_path / "pyproject.toml"
    bad.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ConfigError, match="cannot read configuration"):
        load_config([tmp_path])


def test_accepted_risk_expiry(tmp_path: Path) -> None:
    project = _project(
        tmp_path, 'ignore = [{rule = "WW1101", reason = "x", expires = "2020-01-01"}]'
    )
    (risk,) = load_config([project]).accepted
    assert risk.expired(dt.date(2020, 1, 2))
    assert not risk.expired(dt.date(2020, 1, 1))
