"""Registry invariants, rule documentation, and the docs/rules pages being current."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from webwarden.engine.examples import example_findings
from webwarden.rules.base import Rule
from webwarden.rules.docs import parse_sections, render_index, render_page
from webwarden.rules.registry import (
    REDIRECTS,
    RegistryError,
    _check_rule,
    all_rules,
    get_rule,
    matching,
    select_rules,
)

DOCS = REPO / "docs" / "rules"
RULES = all_rules()


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_every_rule_keeps_the_registry_invariants() -> None:
    """Discovery checks each rule's shape; its documentation is checked here, for every
    rule (a scan does not parse the docstrings)."""
    for rule in RULES:
        _, folder, module = rule.__module__.rsplit(".", 2)
        _check_rule(rule, folder, module)


def test_rules_are_found_by_discovery() -> None:
    codes = {r.code for r in RULES}
    assert {"WW000", "WW1101", "WW1123", "WW540"} <= codes


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_example_produces_the_finding_and_fix_does_not(rule: type[Rule]) -> None:
    if not rule.example_runnable:
        pytest.skip(f"{rule.code}'s example cannot be produced on purpose")
    example = example_findings(rule, "Example")
    assert example, f"{rule.code}: the docs Example gives no {rule.code} finding"
    assert example_findings(rule, "Fix") == [], f"{rule.code}: the docs Fix is still flagged"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docs_page_is_current(rule: type[Rule], update_expected: bool) -> None:
    page = DOCS / f"{rule.code}.md"
    rendered = render_page(rule)
    if update_expected:
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(rendered, encoding="utf-8")
    assert page.exists(), (
        f"{page} missing: run pytest tests/rules/test_registry.py --update-expected"
    )
    assert page.read_text(encoding="utf-8") == rendered, f"{page} is out of date"


def test_docs_index_is_current(update_expected: bool) -> None:
    index = DOCS / "README.md"
    rendered = render_index(list(RULES))
    if update_expected:
        index.write_text(rendered, encoding="utf-8")
    assert index.read_text(encoding="utf-8") == rendered


def test_no_stale_docs_pages() -> None:
    pages = {p.stem for p in DOCS.glob("WW*.md")}
    assert pages == {r.code for r in RULES}


@pytest.mark.parametrize(
    ("docstring", "error"),
    [
        pytest.param("no sections", "no `## What it does`", id="no-sections"),
        pytest.param("## What it does\nx\n## Why is this bad?\ny", "missing section", id="missing"),
        pytest.param(
            "## What it does\nx\n## Why is it bad?\ny", "unknown section", id="misspelled"
        ),
        pytest.param(
            "## Why is this bad?\ny\n## What it does\nx\n## Example\n```python\n1\n```\n"
            "## Fix\n```python\n1\n```\n## References\n- r",
            "out of order",
            id="out-of-order",
        ),
        pytest.param(
            "## What it does\nx\n## Why is this bad?\ny\n## Example\nno code\n"
            "## Fix\n```python\n1\n```\n## References\n- r",
            "no fenced code block",
            id="example-without-code",
        ),
        pytest.param("intro\n## What it does\nx", "text before", id="preamble"),
    ],
)
def test_docstring_sections_are_checked(docstring: str, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        parse_sections(docstring)


def _fake_rule(**overrides: object) -> type[Rule]:
    base = get_rule("WW1181")
    assert base is not None
    attributes = {"code": "WW1199", "name": "tempfile-mktemp", "__doc__": base.__doc__, **overrides}
    return type(str(overrides.get("class_name", "TempfileMktemp")), (base,), attributes)


@pytest.mark.parametrize(
    ("overrides", "folder", "module", "error"),
    [
        pytest.param({"code": "WW11"}, "auditing", "tempfile_mktemp", "malformed", id="bad-code"),
        pytest.param(
            {"code": "WW599"}, "auditing", "tempfile_mktemp", "not in practice", id="practice"
        ),
        pytest.param({}, "xss", "tempfile_mktemp", "does not match folder", id="folder"),
        pytest.param({"name": "Bad_Name"}, "auditing", "bad_name", "kebab", id="name"),
        pytest.param({}, "auditing", "mktemp", "module should be named", id="module"),
        pytest.param(
            {"class_name": "Mktemp"}, "auditing", "tempfile_mktemp", "class should", id="class"
        ),
        pytest.param(
            {"__doc__": "## What it does\nx"}, "auditing", "tempfile_mktemp", "docstring", id="doc"
        ),
        pytest.param(
            {"message": "two\nlines"}, "auditing", "tempfile_mktemp", "one line", id="message"
        ),
        pytest.param(
            {"django_checks": ("security.W4",)},
            "auditing",
            "tempfile_mktemp",
            "malformed id in django_checks",
            id="django-check-id",
        ),
        pytest.param(
            {"django_checks": ("security.W004",)},
            "auditing",
            "tempfile_mktemp",
            "only settings rules",
            id="django-check-not-a-settings-rule",
        ),
    ],
)
def test_registry_rejects_broken_rules(
    overrides: dict[str, object], folder: str, module: str, error: str
) -> None:
    with pytest.raises(RegistryError, match=error):
        _check_rule(_fake_rule(**overrides), folder, module)


def test_declared_django_checks_are_the_ones_the_docstring_names() -> None:
    hsts = get_rule("WW902")
    assert hsts is not None
    assert hsts.django_checks == ("security.W004",)
    attributes = {"django_checks": ("security.W005",), "__doc__": hsts.__doc__}
    drifted = type("DjangoHstsMissing", (hsts,), attributes)
    with pytest.raises(RegistryError, match="docstring names Django checks"):
        _check_rule(drifted, "https", "django_hsts_missing")


def test_selectors() -> None:
    assert [r.code for r in matching("WW1101")] == ["WW1101"]
    assert [r.code for r in matching("subprocess-shell-true")] == ["WW1101"]
    assert {r.code for r in matching("WW11")} >= {"WW1101", "WW1181"}
    assert matching("WW9999") == []
    assert matching("ALL") == list(RULES)
    chosen = {r.code for r in select_rules(["WW11"], ["WW540"], ["WW1101"])}
    assert "WW1101" not in chosen
    assert "WW540" in chosen
    assert "WW000" in chosen


def test_opt_in_rules_run_only_when_a_selector_names_them() -> None:
    opt_in = {r.code for r in RULES if r.opt_in}
    assert "WW546" in opt_in
    assert not opt_in & {r.code for r in select_rules()}
    assert "WW546" in {r.code for r in select_rules(extend_select=["WW546"])}
    assert "WW546" in {r.code for r in select_rules(["WW54"])}
    assert "WW546" in {r.code for r in select_rules(["interpolated-html-marked-safe"])}
    assert "WW546" not in {r.code for r in select_rules(["ALL"], ignore=["WW546"])}
    assert "opt-in" in render_page(get_rule("WW546"))  # type: ignore[arg-type]


def test_renamed_rules_keep_their_old_names() -> None:
    for old, code in REDIRECTS.items():
        rule = get_rule(old)
        assert rule is not None
        assert rule.code == code
        assert old not in {r.name for r in RULES}, "a redirect must not shadow a current name"
    assert [r.code for r in matching("django-suspicious-operation")] == ["WW1199"]
    assert get_rule("WW1199").name == "logged-security-warning"  # type: ignore[union-attr]


def test_docs_directory_exists() -> None:
    assert isinstance(DOCS, Path)
    assert DOCS.is_dir()
