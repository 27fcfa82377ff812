"""The pipeline end to end: triage, suppressions, accepted risks, rule failures, baselines."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import assert_findings, assert_no_findings, audit
from webwarden import deep_stack
from webwarden.config import load_config
from webwarden.config.model import DEFAULT_TEST_PATHS
from webwarden.discover import FileKind, SourceFile
from webwarden.engine import scan
from webwarden.engine.files import (
    CallFilter,
    FilePlan,
    _dispatch,
    _holds,
    analyse_file,
    is_test_path,
    make_context,
)
from webwarden.engine.triage import lower_for_context
from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.findings.baseline import write_baseline
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source
from webwarden.rules.auditing import tempfile_mktemp
from webwarden.rules.base import PythonRule
from webwarden.rules.registry import all_rules

SHELL = """\
import subprocess

def run(cmd):
    subprocess.run(cmd, shell=True){marker}
"""


def _write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("marker", "suppressed"),
    [
        pytest.param("", False, id="none"),
        pytest.param("  # webwarden: ignore[WW1101]", True, id="code"),
        pytest.param("  # webwarden: ignore", True, id="bare"),
        pytest.param("  # webwarden: ignore[WW1102]", False, id="other-code"),
        pytest.param("  # nosec B602", True, id="bandit"),
        pytest.param("  # noqa: S602", True, id="ruff"),
        pytest.param("  # noqa: E501", False, id="ruff-other"),
    ],
)
def test_inline_suppressions(tmp_path: Path, marker: str, suppressed: bool) -> None:
    source = SHELL.format(marker=marker)
    expected = [] if suppressed else [(4, "WW1101")]
    assert_findings(tmp_path, source, expected, select=["WW1101"])


def test_suppression_on_any_line_of_the_statement(tmp_path: Path) -> None:
    source = """\
    import subprocess

    def run(cmd):
        subprocess.run(
            cmd,
            shell=True,  # webwarden: ignore[WW1101]
        )
    """
    assert_no_findings(tmp_path, source, select=["WW1101"])


@pytest.mark.parametrize(
    ("marker", "codes"),
    [
        pytest.param("", ["WW1102", "WW241"], id="none"),
        pytest.param("  # pragma: allowlist secret", ["WW1102"], id="detect-secrets"),
        pytest.param("  # gitleaks:allow", ["WW1102"], id="gitleaks"),
    ],
)
def test_secret_scanner_markers_silence_secret_rules_only(
    tmp_path: Path, marker: str, codes: list[str]
) -> None:
    assignment = 'API_TOKEN = "q8Zr2LwX9vK4mT7pN3sJ6hB1dF5gY0cE"'
    source = f"import os\n\n{assignment}{marker}\n\ndef run(cmd):\n    os.system(cmd){marker}\n"
    path = _write(tmp_path, "app/jobs.py", source)
    findings = audit([path], tmp_path, ["WW241", "WW1102"])
    assert sorted(f.code for f in findings) == codes


@pytest.mark.parametrize(
    ("marker", "codes"),
    [
        pytest.param("", ["WW220"], id="none"),
        pytest.param("  # nosec", [], id="bandit-bare"),
        pytest.param("  # nosec B105", [], id="bandit-code"),
        pytest.param("  # noqa: S105", [], id="ruff-code"),
        pytest.param("  # nosec B602", ["WW220"], id="bandit-other"),
    ],
)
def test_secret_key_literal_honours_hardcoded_password_markers(
    tmp_path: Path, marker: str, codes: list[str]
) -> None:
    # Bandit's B105 and ruff's S105 flag the same assignment: a reviewed one stays quiet.
    source = (
        "from flask import Flask\n\n\nclass DevelopmentConfig:\n"
        f'    SECRET_KEY = "development key"{marker}\n\n\n'
        "app = Flask(__name__)\napp.config.from_object(DevelopmentConfig)\n"
    )
    path = _write(tmp_path, "app.py", source)
    findings = audit([path], tmp_path, ["WW220"])
    assert [f.code for f in findings] == codes


def test_django_secret_key_literal_honours_nosec(tmp_path: Path) -> None:
    settings = 'INSTALLED_APPS = ["django.contrib.auth"]\nSECRET_KEY = "kq3Zt8vW2pLx9cR4mN7b"{}\n'
    _write(
        tmp_path,
        "manage.py",
        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'settings')\n",
    )
    path = _write(tmp_path, "settings.py", settings.format(""))
    assert [f.code for f in audit([tmp_path], tmp_path, ["WW203"])] == ["WW203"]
    path.write_text(settings.format("  # nosec"), encoding="utf-8")
    assert audit([tmp_path], tmp_path, ["WW203"]) == []


def test_other_tool_markers_can_be_switched_off(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.py", SHELL.format(marker="  # nosec"))
    findings = audit([path], tmp_path, ["WW1101"], **{"other-tool-markers": False})
    assert [f.code for f in findings] == ["WW1101"]


def test_test_code_is_lowered_and_can_be_kept(tmp_path: Path) -> None:
    path = _write(tmp_path, "tests/test_x.py", SHELL.format(marker=""))
    (lowered,) = audit([tmp_path], tmp_path, ["WW1101"], **{"test-severity": "low"})
    assert (lowered.severity, lowered.context) == (Severity.LOW, "test code")
    (kept,) = audit([path], tmp_path, ["WW1101"])
    assert kept.severity is Severity.HIGH


def test_pytest_plugin_outside_the_test_folders_is_test_code(tmp_path: Path) -> None:
    fixture = "import os\nimport pytest\n\n@pytest.fixture\ndef db(name):\n    os.system(name)\n"
    _write(tmp_path, "app/testutils/plugin.py", fixture)
    _write(tmp_path, "app/tasks.py", "import os\n\ndef drop(name):\n    os.system(name)\n")
    findings = audit([tmp_path], tmp_path, ["WW1102"], **{"test-severity": "low"})
    lowered = {f.location.path: (f.severity, f.context) for f in findings}
    assert lowered == {
        "app/testutils/plugin.py": (Severity.LOW, "test code"),
        "app/tasks.py": (Severity.HIGH, ""),
    }


def test_per_file_ignores_and_severity_floors(tmp_path: Path) -> None:
    _write(tmp_path, "scripts/a.py", SHELL.format(marker=""))
    _write(tmp_path, "app/b.py", "import tempfile\ntempfile.mktemp()\n")
    options = {"per-file-ignores": {"scripts/*": ["WW11"]}}
    assert [f.location.path for f in audit([tmp_path], tmp_path, **options)] == ["app/b.py"]
    floors = audit([tmp_path], tmp_path, **{"min-severity": "high"})
    assert [f.code for f in floors] == ["WW1101"]
    confident = audit([tmp_path], tmp_path, **{"min-confidence": "high"})
    assert [f.code for f in confident] == ["WW1181"]


def test_accepted_risks_and_expiry(tmp_path: Path) -> None:
    _write(tmp_path, "scripts/a.py", SHELL.format(marker=""))
    _write(
        tmp_path,
        "pyproject.toml",
        """\
        [[tool.webwarden.ignore]]
        rule = "WW1101"
        path = "scripts/*"
        reason = "run by operators only"
        expires = 2026-06-30
        """,
    )

    def run(today: dt.date) -> list[Finding]:
        config = load_config([tmp_path], overrides={"select": ["WW1101"]})
        return scan([tmp_path], dataclasses.replace(config, today=today)).findings

    assert run(dt.date(2026, 6, 30)) == []
    expired = run(dt.date(2026, 7, 1))
    assert [(f.code, f.location.path, f.location.line) for f in expired] == [
        ("WW002", "pyproject.toml", 5),
        ("WW1101", "scripts/a.py", 4),
    ]


def test_unused_suppressions_are_reported_on_request(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "a.py", "x = 1  # webwarden: ignore[WW1101]\ny = 2  # webwarden: ignore\n"
    )
    assert audit([path], tmp_path, ["WW1101"]) == []
    found = audit([path], tmp_path, ["WW1101"], **{"report-unused-ignores": True})
    assert [(f.code, f.location.line) for f in found] == [("WW001", 1), ("WW001", 2)]


def test_baseline_hides_known_findings(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.py", SHELL.format(marker=""))
    first = audit([path], tmp_path, ["WW1101"])
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, first)
    path.write_text("# a new first line shifts everything\n" + path.read_text(), encoding="utf-8")
    assert audit([path], tmp_path, ["WW1101"], baseline=str(baseline)) == []
    path.write_text(
        path.read_text() + "    subprocess.run(cmd + 'x', shell=True)\n", encoding="utf-8"
    )
    (new,) = audit([path], tmp_path, ["WW1101"], baseline=str(baseline))
    assert new.location.line == 6


def test_a_failing_rule_becomes_a_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(self: object, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        raise RuntimeError("boom")

    monkeypatch.setattr(tempfile_mktemp.TempfileMktemp, "visit_Call", explode)
    from webwarden.engine import files

    files._dispatch.cache_clear()
    try:
        path = _write(tmp_path, "a.py", "import tempfile\ntempfile.mktemp()\nprint(1)\n")
        found = audit([path], tmp_path, ["WW1181"])
    finally:
        files._dispatch.cache_clear()
    assert [(f.code, f.message) for f in found] == [
        ("WW003", "rule WW1181 failed here: RuntimeError: boom")
    ]


def test_discovery_problems_are_findings(tmp_path: Path) -> None:
    (tmp_path / "dangling.py").symlink_to(tmp_path / "missing.py")
    (finding,) = audit([tmp_path], tmp_path)
    assert (finding.code, finding.location.path) == ("WW000", "dangling.py")


def test_lower_for_context() -> None:
    finding = Finding(
        "WW1101", "n", Severity.HIGH, Confidence.HIGH, "m", Location("a.py"), Practice.AUDITING
    )
    lowered = lower_for_context(finding, Severity.LOW, "dev settings")
    assert (lowered.severity, lowered.context) == (Severity.LOW, "dev settings")
    kept = lower_for_context(lowered, Severity.MEDIUM, "other")
    assert (kept.severity, kept.context) == (Severity.LOW, "dev settings")


def test_other_files_are_listed_not_analysed(tmp_path: Path) -> None:
    logo = _write(tmp_path, "logo.png", "x")
    plan = FilePlan((), 1000, frozenset(), ())
    result = analyse_file(SourceFile(str(logo), "logo.png", FileKind.OTHER, 1), plan)
    assert not result.analysed
    env = _write(tmp_path, ".env", "KEY=1")
    assert not analyse_file(SourceFile(str(env), ".env", FileKind.TEXT, 5), plan).analysed


def test_scan_result_counts(tmp_path: Path) -> None:
    _write(tmp_path, "a.py", "x = 1\ny = 2\n")
    _write(tmp_path, "README.md", "hello")
    # NOTE: read, but not Python: the report says "N lines of Python".
    _write(tmp_path, ".env", "DEBUG=1\nPORT=8000\n")
    _write(tmp_path, "templates/page.html", "<p>{{ name }}</p>\n<p>two</p>\n<p>three</p>\n")
    config = load_config([tmp_path], isolated=True)
    result = scan([tmp_path], config)
    assert (result.files_found, result.files_analysed, result.lines) == (4, 3, 2)
    assert result.root == tmp_path.resolve()


def test_paths_through_a_symlinked_tree_stay_relative(tmp_path: Path) -> None:
    real = tmp_path / "real"
    _write(real, "app.py", "import tempfile\ntempfile.mktemp()\n")
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    config = load_config([link], isolated=True)
    (finding,) = scan([link], config).findings
    assert finding.location.path == "app.py"
    assert config.root == link


def test_the_per_file_step_leaves_no_reference_cycles(tmp_path: Path) -> None:
    # NOTE: scans pause the cycle collector; a cycle through a file's context would keep
    # every tree of the scan alive (a Django-sized scan grew to 800 MB that way).
    import gc

    source = "import subprocess\nCMD = 'ls'\n\ndef f(x):\n    subprocess.run(CMD + x, shell=True)\n"
    path = _write(tmp_path, "a.py", source)
    plan = FilePlan(("WW1101", "WW1143", "WW1182"), 10**6, frozenset(), ())
    file = SourceFile(str(path), "a.py", FileKind.PYTHON, path.stat().st_size)
    analyse_file(file, plan)
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            analyse_file(file, plan)
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert unreachable == 0


@pytest.mark.parametrize(
    ("name", "method", "wanted"),
    [
        pytest.param("subprocess.run", "run", True, id="exact-name"),
        pytest.param("subprocess.call", "call", False, id="other-name"),
        pytest.param(None, "extractall", True, id="method-of-an-unnamed-receiver"),
        pytest.param("passlib.hash.md5_crypt", "md5_crypt", True, id="prefix"),
        pytest.param("sqlalchemy.create_engine", "create_engine", True, id="suffix"),
        pytest.param("make_create_engine", None, True, id="suffix-of-a-plain-name"),
        pytest.param("sqlalchemy.create_engine_x", "create_engine_x", False, id="not-a-suffix"),
        pytest.param(None, None, False, id="nothing-known"),
    ],
)
def test_call_filter(name: str | None, method: str | None, wanted: bool) -> None:
    calls = frozenset({"subprocess.run", ".extractall", "passlib.hash.*", "*create_engine"})
    assert CallFilter.of(calls).wants(name, method) is wanted


def test_assignments_and_definitions_reach_only_the_visitors_that_want_them() -> None:
    # WW1140 judges `x.verify = ...` and calls with keyword arguments only; WW603
    # decorated definitions only; WW246 assignments of a string literal, and every call
    # (a password may be given third to Django's `create_user`).
    source = (
        "a = 1\nsession.verify = False\n@csrf_exempt\ndef f(): pass\ndef g(): pass\n"
        "print(1)\nprint(sep='')\nb = 'admin'\nsession.verify = 'ca.pem'\n"
    )
    parsed = parse_source(source)
    assert isinstance(parsed, ParsedPython)
    codes = ("WW246", "WW603", "WW1140")
    ctx = make_context("a.py", parsed, FilePlan(codes, 10**6, frozenset(), ()))
    dispatch = _dispatch(codes)
    wanted = {
        getattr(node, "lineno", 0): [handler[0].code for handler in handlers]
        for kind in (ast.Assign, ast.FunctionDef, ast.Call)
        for node, handlers in dispatch.judged(kind, ctx.by_type[kind], ctx)
    }
    assert wanted == {
        2: ["WW1140"],
        4: ["WW603"],
        6: ["WW246"],
        7: ["WW246", "WW1140"],
        8: ["WW246"],
        9: ["WW246", "WW1140"],
    }


def test_rules_that_never_judge_test_code_are_not_run_on_test_modules() -> None:
    # WW246 (a default password) declares `in_tests = False`: a test user's password is
    # the test database's; WW1140 (TLS verification off) judges test code too.
    parsed = parse_source("session.verify = False\nUser.objects.create_user(password='admin')\n")
    assert isinstance(parsed, ParsedPython)
    codes = ("WW246", "WW1140")
    plan = FilePlan(codes, 10**6, frozenset(), DEFAULT_TEST_PATHS)
    for relpath, expected in (("app.py", ["WW1140", "WW246"]), ("tests/test_app.py", ["WW1140"])):
        ctx = make_context(relpath, parsed, plan)
        run = {h[0].code for hs in _dispatch(codes, ctx.is_test_file).table.values() for h in hs}
        assert sorted(run) == expected


def test_every_rule_that_skips_test_code_judges_python() -> None:
    # NOTE: only the per-file step of Python modules honours `in_tests`.
    skipping = [rule for rule in all_rules() if not rule.__dict__.get("in_tests", True)]
    assert skipping
    assert all(issubclass(rule, PythonRule) for rule in skipping)


def test_a_combination_finding_replaces_its_parts_on_the_same_call(tmp_path: Path) -> None:
    # WW1174 (the debugger on every interface) says what WW1170 and WW1182 say of that call.
    source = """\
from flask import Flask

app = Flask(__name__)
app.config["DEBUG"] = True
app.run(host="0.0.0.0", debug=True)
"""
    codes = ["WW1170", "WW1174", "WW1182"]
    assert_findings(tmp_path, source, [(4, "WW1170"), (5, "WW1174")], select=codes)
    parts = [(4, "WW1170"), (5, "WW1170"), (5, "WW1182")]
    assert_findings(tmp_path, source, parts, select=["WW1170", "WW1182"])


_DEEP_SOURCES = [
    pytest.param(
        "from flask import request\nimport os\n\ndef view():\n    q = request.args['q']\n"
        "    os.system(" + " + ".join(["'a'"] * 600) + " + q)\n",
        id="long-sum",
    ),
    pytest.param(
        "from flask import request\nimport os\n\ndef view():\n    x = request.args['q']\n"
        "    if x == '0':\n        r = 0\n"
        + "".join(f"    elif x == '{i}':\n        r = {i}\n" for i in range(1, 601))
        + "    else:\n        r = x\n    os.system(r)\n",
        id="long-elif",
    ),
    pytest.param(
        "from flask import request\nimport os\n\ndef view():\n"
        "    q = M.objects" + ".filter(a=1)" * 600 + "\n    os.system(request.args['q'])\n",
        id="long-chain",
    ),
]


@pytest.mark.parametrize("source", _DEEP_SOURCES)
def test_a_deeply_nested_module_is_read_in_full(tmp_path: Path, source: str) -> None:
    # CPython compiles these; the readers recurse once per level, past Python's default
    # limit, and run again with room to recurse: the flow through them is found.
    (tmp_path / "generated.py").write_text(source, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW000", "WW1105"])
    assert [(f.code, f.location.path) for f in findings] == [("WW1105", "generated.py")]


@pytest.mark.parametrize("source", _DEEP_SOURCES)
def test_a_module_nested_past_the_second_try_is_a_notice_not_a_failed_scan(
    tmp_path: Path, source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deep_stack, "DEEP_LIMIT", 1000)
    (tmp_path / "generated.py").write_text(source, encoding="utf-8")
    (tmp_path / "app.py").write_text("import os\nos.system(f'ls {x}')\n", encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW000", "WW1102"])
    (notice,) = [f for f in findings if f.code == "WW000"]
    assert notice.location.path == "generated.py"
    assert "too deeply nested to read in full" in notice.message
    assert ("WW1102", "app.py") in [(f.code, f.location.path) for f in findings]


def test_a_deeply_nested_template_is_a_notice(tmp_path: Path) -> None:
    nested = "{% if a %}" * 300 + "x" + "{% endif %}" * 300
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "deep.html").write_text(nested, encoding="utf-8")
    (tmp_path / "templates" / "page.html").write_text("{{ x|safe }}", encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW000", "WW550"])
    by_code = {f.code: f for f in findings}
    assert sorted((f.code, f.location.path) for f in findings) == [
        ("WW000", "templates/deep.html"),
        ("WW550", "templates/page.html"),
    ]
    assert by_code["WW000"].message.endswith("too deeply nested to parse")


def test_a_snippet_of_an_overlong_line_is_cut_around_the_finding(tmp_path: Path) -> None:
    # A minified or generated line: the report shows 400 characters of it, not 200,000.
    (tmp_path / "app.py").write_text("x = 1; " * 30000 + "eval(input())\n", encoding="utf-8")
    (finding,) = audit([tmp_path], tmp_path, select=["WW1103"])
    assert finding.snippet.startswith("...")
    assert finding.snippet.endswith("eval(input())")
    assert len(finding.snippet) == 403


def test_the_debug_server_on_every_interface_replaces_the_env_default_finding(
    tmp_path: Path,
) -> None:
    (tmp_path / "app.py").write_text(
        "import os\nfrom flask import Flask\napp = Flask(__name__)\n"
        'app.run(host="0.0.0.0", debug=os.environ.get("FLASK_DEBUG", "1"))\n',
        encoding="utf-8",
    )
    findings = audit([tmp_path], tmp_path, select=["WW1171", "WW1174"])
    assert [(f.code, f.location.line) for f in findings] == [("WW1174", 4)]


@pytest.mark.parametrize(
    ("relpath", "is_test"),
    [
        ("tests/test_views.py", True),
        # DefectDojo's `unittests/` (its scan reports hold secrets as test data).
        ("unittests/scans/trufflehog/v2_many_vulns.json", True),
        ("timesketch/end_to_end_tests/interface.py", True),
        ("app/unit_tests/helpers.py", True),
        # django CMS's test project (settings, URLs, views) and pretix's test settings.
        ("cms/test_utils/project/nonroot_urls.py", True),
        ("pretix/testutils/settings.py", True),
        ("app/utils/testing_helpers.py", False),
        ("app/utils.py", False),
        # The packages a test run installs (django CMS's test_requirements/ folder).
        ("test_requirements/requirements_base.txt", True),
        ("test-requirements.txt", True),
        ("requirements-test.txt", True),
        ("requirements_tests.txt", True),
        # GOV.UK's services' name for what their test runs install on top of the app's.
        ("requirements_for_test.txt", True),
        ("requirements-for-tests.txt", True),
        ("requirements/test.txt", True),
        ("requirements/testing.txt", True),
        ("requirements/base.txt", False),
        ("requirements.txt", False),
        ("requirements-dev.txt", False),
        ("requirements/latest.txt", False),
        # FitTrackee's end-to-end tests, PowerDNS-Admin's docker/browser-test/ seed script.
        ("e2e/utils.py", True),
        ("docker/browser-test/seed-browser-tests.py", True),
        ("integration-tests/conftest_data.py", True),
        # Ansible Molecule's scenarios and their Testinfra checks (SecureDrop's vars).
        ("molecule/testinfra/vars/staging.yml", True),
        ("roles/web/molecule/default/converge.yml", True),
        ("deploy/testinfra/test_nginx.py", True),
        # badgr-server's sample identity-provider key that its SAML tests sign with.
        ("apps/badgrsocialauth/testfiles/idp-test-key.pem", True),
        ("app/test_files/upload.xml", True),
        ("app/files/idp-key.pem", False),
        # A local identity provider to try single sign-on against, with its signing key.
        ("scripts/test-environments/oidc/config.yml", True),
        ("test_env/keys.yml", True),
        ("environments/staging.yml", False),
        # galaxy_ng's stand-in for GitHub's OAuth routes that its tests log in through.
        ("profiles/community/github_mock/flaskapp.py", True),
        ("mocks/payment_gateway.py", True),
        ("api-mocks/server.py", True),
        ("mockup/views.py", False),
        # galaxy_ng's development environment: compose files, keys, seeding playbooks.
        ("dev/common/ansible-sign.key", True),
        ("dev/galaxy_collection_plays/user.yml", True),
        # Tournesol's: the settings file its development containers start the backend with.
        ("backend/dev-env/settings-example.yaml", True),
        ("dev_env/settings.yaml", True),
        ("dev-environment/docker-compose.yml", True),
        # A bootcamp site's seeding package for a developer's database (sample rows, tokens).
        ("localdev/seed/app_state_api.py", True),
        ("local_dev/fixtures.py", True),
        ("app/localdevice.py", False),
        ("localdevices/views.py", False),
        ("devenv_tools/views.py", False),
        ("app/dev_envelope.py", False),
        ("devices/views.py", False),
        ("app/devtools.py", False),
        ("app/mocking.py", False),
        # Hydroshare's Locust load test, its simulated users' requests to a test server.
        ("locust/locustfile.py", True),
        ("load/locustfiles/browse.py", True),
        ("app/locust_stats.py", False),
        # Hedy's end-to-end tests at the top of the repository.
        ("tests_e2e.py", True),
        ("latest_tests_runner.py", False),
        ("testsuite.py", False),
        # Compose files of the containers a test suite runs against (mathesar's).
        ("docker-compose.test.yml", True),
        ("compose.tests.yaml", True),
        ("ci/docker-compose-test.yml", True),
        # Redash's: the containers its CI job checks the image and the browser tests with.
        ("compose.ci.yaml", True),
        (".ci/compose.cypress.yaml", True),
        ("docker-compose-ci.yml", True),
        # MyTardis's: the database and search containers its CI runs the tests against.
        ("docker-ci/docker-compose.yaml", True),
        ("ci/compose.yaml", True),
        ("deploy/compose_ci/docker-compose.yml", True),
        ("docker-ci/deploy.yml", False),
        ("circle/docker-compose.yml", False),
        ("docker-compose.yml", False),
        (".ci/deploy.yml", False),
        ("docker-compose.prod.yml", False),
        ("latest/views.py", False),
        ("app/views.py", False),
        ("contests/views.py", False),
    ],
)
def test_default_test_paths(relpath: str, is_test: bool) -> None:
    assert is_test_path(relpath, DEFAULT_TEST_PATHS) is is_test


@pytest.mark.parametrize(
    ("folder", "severity"),
    [
        ("docs", Severity.LOW),
        ("documentation", Severity.LOW),
        # OpenStack's API reference: its sample requests and responses hold made-up secrets.
        ("api-ref/source/v3/samples", Severity.LOW),
        # Review Board's sample deployments (`contrib/docker/examples/`).
        ("contrib/docker/examples", Severity.LOW),
        ("example", Severity.LOW),
        ("app/api", Severity.HIGH),
        ("app/examples_api", Severity.HIGH),
    ],
)
def test_default_docs_paths_lower_findings(tmp_path: Path, folder: str, severity: Severity) -> None:
    sample = tmp_path / folder / "credential-create-response.json"
    sample.parent.mkdir(parents=True)
    sample.write_text('{"secret": "rE5kTz0dJq2VbX3mNw8pLa"}\n', encoding="utf-8")
    (finding,) = audit([tmp_path], tmp_path, select=["WW243"])
    assert finding.severity is severity


@pytest.mark.parametrize(
    ("module", "severity"),
    [
        # A Django app named `docs` (pgweb's documentation section) is code.
        ("site/docs/views.py", Severity.HIGH),
        ("site/docs/__init__.py", Severity.HIGH),
        # A Sphinx project's configuration, and an example beside the prose, are not.
        ("docs/conf.py", Severity.LOW),
        ("docs/examples/app.py", Severity.LOW),
    ],
)
def test_modules_of_a_package_named_docs_are_code(
    tmp_path: Path, module: str, severity: Severity
) -> None:
    path = tmp_path / module
    path.parent.mkdir(parents=True, exist_ok=True)
    if module.startswith("site/"):
        (path.parent / "__init__.py").write_text("", encoding="utf-8")
    path.write_text('API_TOKEN = "rE5kTz0dJq2VbX3mNw8pLa"\n', encoding="utf-8")
    (finding,) = audit([tmp_path], tmp_path, select=["WW241"])
    assert finding.severity is severity


@pytest.mark.parametrize(
    ("module", "severity"),
    [
        # An example application shipped beside a library is a package of its own under
        # `examples/` (Flask-AppBuilder's `examples/quickhowto/app/`): documentation.
        ("examples/quickhowto/app/views.py", Severity.LOW),
        ("examples/quickhowto/app/__init__.py", Severity.LOW),
        # A package named by the docs paths itself is the project's code.
        ("examples/__init__.py", Severity.HIGH),
    ],
)
def test_packages_inside_an_examples_folder_are_documentation(
    tmp_path: Path, module: str, severity: Severity
) -> None:
    path = tmp_path / module
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / "__init__.py").write_text("", encoding="utf-8")
    path.write_text('API_TOKEN = "rE5kTz0dJq2VbX3mNw8pLa"\n', encoding="utf-8")
    (finding,) = audit([tmp_path], tmp_path, select=["WW241"])
    assert finding.severity is severity


@pytest.mark.parametrize(
    ("conf", "severity"),
    [
        # Canaille's `doc/` is a package so that Sphinx's `conf.py` can import the app it
        # takes screenshots of (`doc/doc_app.py`): documentation, not code the site runs.
        ('extensions = ["sphinx.ext.autodoc"]\nhtml_theme = "furo"\n', Severity.LOW),
        # A Django app named `docs` with its settings module (django-appconf's
        # `conf.py`) is code.
        ("from appconf import AppConf\n", Severity.HIGH),
        (None, Severity.HIGH),
    ],
)
def test_a_documentation_package_holding_sphinx_conf_is_documentation(
    tmp_path: Path, conf: str | None, severity: Severity
) -> None:
    folder = tmp_path / "doc"
    folder.mkdir()
    (folder / "__init__.py").write_text("", encoding="utf-8")
    if conf is not None:
        (folder / "conf.py").write_text(conf, encoding="utf-8")
    (folder / "doc_app.py").write_text('API_TOKEN = "rE5kTz0dJq2VbX3mNw8pLa"\n', encoding="utf-8")
    (finding,) = audit([tmp_path], tmp_path, select=["WW241"])
    assert finding.severity is severity


@pytest.mark.parametrize(
    ("extra", "severity"),
    [
        # FitTrackee's `db/create_ci_test_db.py`: a workflow step makes the job's test
        # databases with it, in the service container the workflow starts.
        ({}, Severity.LOW),
        # The image runs it too: it sets up a deployment's database.
        (
            {"Dockerfile": "FROM python\nCOPY . /app\nCMD python /app/db/setup_db.py\n"},
            Severity.HIGH,
        ),
        # The app imports it.
        ({"shop/__init__.py": "from db import setup_db\n", "db/__init__.py": ""}, Severity.HIGH),
    ],
)
def test_a_script_only_ci_runs_is_test_code(
    tmp_path: Path, extra: dict[str, str], severity: Severity
) -> None:
    files = {
        ".github/workflows/ci.yml": (
            "jobs:\n  test:\n    steps:\n      - run: python db/setup_db.py\n"
        ),
        "db/setup_db.py": (
            "import psycopg2\n\n"
            'conn = psycopg2.connect(host="postgres", user="app", password="Xk3-s3cr3t-9Lp")\n'
        ),
        **extra,
    }
    for relpath, text in files.items():
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(text, encoding="utf-8")
    (finding,) = audit([tmp_path], tmp_path, select=["WW340"], **{"test-severity": "low"})
    assert finding.severity is severity


def test_a_script_no_ci_runs_is_code(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "setup_db.py").write_text(
        'import psycopg2\n\nconn = psycopg2.connect(user="app", password="Xk3-s3cr3t-9Lp")\n',
        encoding="utf-8",
    )
    (finding,) = audit([tmp_path], tmp_path, select=["WW340"], **{"test-severity": "low"})
    assert finding.severity is Severity.HIGH


@pytest.mark.parametrize(
    ("folder", "conf", "severity"),
    [
        # FitTrackee's Sphinx sources live in `docsrc/source/`, named by no `docs-paths`:
        # its `conf.py` says what the folder is, and the theme templates in `_templates/`
        # are rendered by the documentation build, never by the app.
        ("docsrc/source", 'extensions = ["sphinx.ext.autodoc"]\n', Severity.LOW),
        ("manual", 'html_theme = "furo"\n', Severity.LOW),
        # A `conf.py` of another kind (an app's settings) says nothing of the kind.
        ("portal", 'THEME = "dark"\n', Severity.MEDIUM),
        # One at the top of the tree would make the whole project documentation.
        ("", 'html_theme = "furo"\n', Severity.MEDIUM),
    ],
)
def test_a_sphinx_source_folder_is_documentation(
    tmp_path: Path, folder: str, conf: str, severity: Severity
) -> None:
    source = tmp_path / folder
    (source / "_templates").mkdir(parents=True)
    (source / "conf.py").write_text(conf, encoding="utf-8")
    (source / "_templates" / "selector.html").write_text(
        '<a href="/{{ code }}/" hreflang={{ code }}>{{ code }}</a>\n', encoding="utf-8"
    )
    (finding,) = audit([tmp_path], tmp_path, select=["WW555"])
    assert finding.severity is severity


@pytest.mark.parametrize(
    ("module", "severity"),
    [
        # A sample script beside the project, named as one (knowledge-repo's
        # `scripts/email_client_example.py`, a Flask-Mail tutorial's app).
        ("scripts/email_client_example.py", Severity.LOW),
        ("example_client.py", Severity.LOW),
        # A module of a package so named is code the package imports.
        ("shop/config_example.py", Severity.HIGH),
        # Only the word alone: not a module named for examples.
        ("scripts/examples_api.py", Severity.HIGH),
        ("scripts/counterexample.py", Severity.HIGH),
    ],
)
def test_scripts_named_as_examples_are_documentation(
    tmp_path: Path, module: str, severity: Severity
) -> None:
    path = tmp_path / module
    path.parent.mkdir(parents=True, exist_ok=True)
    if module.startswith("shop/"):
        (path.parent / "__init__.py").write_text("", encoding="utf-8")
    path.write_text('API_TOKEN = "rE5kTz0dJq2VbX3mNw8pLa"\n', encoding="utf-8")
    (finding,) = audit([tmp_path], tmp_path, select=["WW241"])
    assert finding.severity is severity


def test_templates_of_an_application_named_docs_are_not_documentation(tmp_path: Path) -> None:
    page = tmp_path / "templates" / "docs" / "manual.html"
    page.parent.mkdir(parents=True)
    page.write_text("<div>{{ page.body|safe }}</div>\n", encoding="utf-8")
    (tmp_path / "views.py").write_text(
        "from flask import Flask, render_template, request\n\napp = Flask(__name__)\n\n\n"
        '@app.route("/docs")\ndef docs():\n'
        '    return render_template("docs/manual.html", page=request.args)\n',
        encoding="utf-8",
    )
    findings = audit([tmp_path], tmp_path, select=["WW550"])
    assert findings
    assert all(f.severity is not Severity.LOW for f in findings)


def test_a_compose_file_nested_too_deep_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    nested = "[" * 20_000 + "]" * 20_000
    (tmp_path / "docker-compose.yml").write_text(f"services:\n  db:\n    ports: {nested}\n")
    config = load_config([tmp_path], isolated=True, root=tmp_path)
    result = scan([tmp_path], config)
    assert [(f.code, f.location.path) for f in result.findings] == [("WW000", "docker-compose.yml")]
    assert "too deeply nested" in result.findings[0].message


def test_a_project_rule_recursing_deep_runs_again_not_a_failed_rule(tmp_path: Path) -> None:
    # WW680 follows the view's statements one level per `elif`.
    source = (
        "from flask import Flask, request\nimport os\n\napp = Flask(__name__)\n\n"
        "@app.route('/x')\ndef view():\n    x = request.args['q']\n    if x == '0':\n        r = 0\n"
        + "".join(f"    elif x == '{i}':\n        r = {i}\n" for i in range(1, 1001))
        + "    else:\n        r = x\n    os.remove(r)\n    return 'ok'\n"
    )
    (tmp_path / "app.py").write_text(source, encoding="utf-8")
    findings = audit([tmp_path], tmp_path, select=["WW003", "WW680"])
    assert [f.code for f in findings] == ["WW680"]


def test_a_folder_named_to_scan_is_not_documentation_by_the_folders_above_it(
    tmp_path: Path,
) -> None:
    sample = tmp_path / "examples" / "shop" / "config.json"
    sample.parent.mkdir(parents=True)
    sample.write_text('{"secret": "rE5kTz0dJq2VbX3mNw8pLa"}\n', encoding="utf-8")
    (named,) = audit([tmp_path / "examples" / "shop"], tmp_path, select=["WW243"])
    assert named.severity is Severity.HIGH
    (whole,) = audit([tmp_path], tmp_path, select=["WW243"])
    assert whole.severity is Severity.LOW


@pytest.mark.parametrize(
    ("source", "held"),
    [
        ("send_mail(subject, url_for('reset', _external=True))\n", True),
        ("send_mail(subject, request.build_absolute_uri(path))\n", True),
        ("send_mail(subject, body)\n", False),
        ("render(url_for('reset', _external=True))\n", False),
    ],
)
def test_a_mentions_entry_of_words_is_held_by_any(source: str, held: bool) -> None:
    parsed = parse_source(source, "app/mail.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/mail.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    screen = ("mail", ("_external", "build_absolute_uri"))
    assert all(_holds(ctx, entry) for entry in screen) is held


def test_a_line_a_silenced_secret_finding_masks_is_masked_in_other_findings(
    tmp_path: Path,
) -> None:
    # The secret rule's finding is suppressed; the request's finding on the same line
    # still must not print the password the secret rule masks.
    source = tmp_path / "client.py"
    source.write_text(
        "import requests\n\n\ndef search():\n"
        '    return requests.get("https://example.atlassian.net/rest/api/2/search",'
        ' auth=("bot", "J1raB0tPa55!"))  # webwarden: ignore[WW241]\n',
        encoding="utf-8",
    )
    findings = audit([tmp_path], tmp_path, ["WW241", "WW1187"])
    assert [f.code for f in findings] == ["WW1187"]
    assert "J1raB0tPa55!" not in findings[0].snippet
    assert 'auth=("bot", "' in findings[0].snippet


_MARKING_FILTER = """\
from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def bold(value):
    return mark_safe(f"<b>{value}</b>")
"""


@pytest.mark.parametrize(
    ("conditional", "kept"),
    [
        pytest.param(False, ["WW554"], id="kept-finding-supersedes"),
        pytest.param(True, ["WW552"], id="dropped-finding-supersedes-nothing"),
    ],
)
def test_supersession_follows_escalation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, conditional: bool, kept: list[str]
) -> None:
    from webwarden.rules.base import ONLY_WHEN_FED
    from webwarden.rules.xss.template_variable_in_script import TemplateVariableInScript

    original = TemplateVariableInScript.check_template

    def tagged(self: TemplateVariableInScript, template: object) -> Iterator[Finding]:
        for finding in original(self, template):  # type: ignore[arg-type]
            yield dataclasses.replace(finding, tags=(ONLY_WHEN_FED,)) if conditional else finding

    monkeypatch.setattr(TemplateVariableInScript, "check_template", tagged)
    _write(tmp_path, "shop/__init__.py", "")
    _write(tmp_path, "shop/templatetags/__init__.py", "")
    _write(tmp_path, "shop/templatetags/shop_tags.py", _MARKING_FILTER)
    page = _write(
        tmp_path,
        "shop/templates/shop/cart.html",
        "{% load shop_tags %}\n<script>\n  window.TITLE = {{ cart.title|bold }};\n</script>\n",
    )
    found = audit([tmp_path], tmp_path, ["WW552", "WW554"])
    # NOTE: a WW554 finding kept only when a view feeds it request data, and none does,
    # is dropped: WW552's finding at the same output must not go with it.
    assert [f.code for f in found if f.location.path.endswith(page.name)] == kept


_LINE_BREAKS_VIEW = """\
from django.shortcuts import render
from django.utils.safestring import mark_safe


def preview(request):
    bio = request.POST.get("bio", "")
    return render(request, "preview.html", {"bio": mark_safe(bio.replace("\\n", "<br>"))})
"""


def test_request_data_marked_safe_supersedes_line_breaks(tmp_path: Path) -> None:
    _write(tmp_path, "manage.py", "")
    _write(tmp_path, "blog/__init__.py", "")
    _write(tmp_path, "blog/views.py", _LINE_BREAKS_VIEW)
    pattern_only = audit([tmp_path], tmp_path, ["WW567"])
    assert [f.code for f in pattern_only] == ["WW567"]
    # NOTE: the taint finding names the request data and its flow: one danger, one finding.
    both = audit([tmp_path], tmp_path, ["WW542", "WW567"])
    assert [f.code for f in both] == ["WW542"]


_COMPILED_VIEW = """\
from django.http import HttpResponse


def run_script(request):
    code = compile(request.POST["script"], "<script>", "exec")
    exec(code, {})
    return HttpResponse("done")


def run_setup(path):
    with open(path) as handle:
        code = compile(handle.read(), path, "exec")
    exec(code, {})
"""


def test_the_code_compile_made_of_request_data_is_reported_once(tmp_path: Path) -> None:
    # WW1106 reports the request data at the `compile()` that makes the code object;
    # WW1104's `exec()` of that object is the same danger and goes with it. The `exec()`
    # of a file's code compiled the same way, which no request reaches, stays WW1104's.
    _write(tmp_path, "manage.py", "import django\n")
    _write(tmp_path, "scripts/__init__.py", "")
    _write(tmp_path, "scripts/views.py", _COMPILED_VIEW)
    found = audit([tmp_path], tmp_path, ["WW1104", "WW1106"])
    assert [(f.code, f.location.line) for f in found] == [("WW1106", 5), ("WW1104", 13)]
