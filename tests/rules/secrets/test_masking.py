"""No output format ever prints a planted secret whole: messages, snippets, fixes,
SARIF, JSON and HTML, for the secret, database and authentication fixtures and the examples."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers import run_cli
from webwarden.analysis.secrets import find_credential_urls, find_tokens, is_placeholder
from webwarden.analysis.secrets.values import is_plainly_not_secret

FIXTURES = REPO / "tests" / "rules" / "fixtures"
TREES = [
    *(p for p in sorted(FIXTURES.iterdir()) if p.name[2:4] in {"20", "22", "24", "30", "32", "34"}),
    FIXTURES / "WW747",
    REPO / "examples",
]
CREDENTIAL_CODES = re.compile(r"^WW(2\d\d|30[12]|320|34[01]|747)$")
_VALUES = re.compile(r"""["']([^"'\n]{8,})["']|=([^\s"'#]{8,})""")


def _check(tree: Path, output: str) -> str:
    result = run_cli(
        ["check", str(tree), "--isolated", "--format", output, "--exit-zero", "--no-color"]
    )
    assert result.status == 0, result.stderr
    if output == "sarif":
        # NOTE: rule help (the documented examples) is webwarden's text, not the project's.
        return json.dumps([run["results"] for run in json.loads(result.stdout)["runs"]])
    return result.stdout


def planted(tree: Path) -> set[str]:
    """The secrets on the source lines the credential rules report: credential formats,
    URL passwords, and the other literals there that are neither placeholders nor
    plainly something else."""
    report = json.loads(_check(tree, "json"))
    found: set[str] = set()
    for finding in report["findings"]:
        if not CREDENTIAL_CODES.match(finding["code"]):
            continue
        path = Path(report.get("root", str(tree))) / finding["location"]["path"]
        if not path.is_file():
            path = tree / finding["location"]["path"]
        text = path.read_text(encoding="utf-8", errors="replace")  # as webwarden reads it
        line = text.splitlines()[finding["location"]["line"] - 1]
        found.update(token.value for token in find_tokens(line))
        # NOTE: a password that is the account's own name (`guest:guest@`) is the server's
        # default login, no secret: the masked URL shows the account, so it shows that too.
        found.update(
            line[u.password_start : u.password_end]
            for u in find_credential_urls(line)
            if not u.default_login
        )
        for match in _VALUES.finditer(line):
            value = match.group(1) or match.group(2)
            if re.match(r"^[A-Za-z_]\w*=", value):
                value = value.partition("=")[2]  # NOTE: `"PASSWORD=..."` (systemd) sets its tail
            if "://" in value or is_placeholder(value) or is_plainly_not_secret(value):
                continue
            if any(not c.isalpha() for c in value) and not re.match(r"^[a-z]+\+\w+$", value):
                found.add(value)
    return found


@pytest.mark.parametrize("tree", TREES, ids=lambda p: p.name)
def test_reports_never_show_a_secret(tree: Path) -> None:
    secrets = planted(tree)
    for output in ("text", "json", "sarif", "html"):
        printed = _check(tree, output)
        assert sorted(secret for secret in secrets if secret in printed) == [], output


def test_secrets_are_planted() -> None:
    # The check above must have something to look for.
    assert len(planted(FIXTURES / "WW240")) >= 10
    assert len(planted(REPO / "examples")) >= 10
