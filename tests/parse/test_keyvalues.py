from __future__ import annotations

import pytest

from webwarden.parse.keyvalues import (
    Entry,
    YamlProblem,
    assignment_entries,
    dotenv_entries,
    ini_entries,
    json_entries,
    yaml_documents,
    yaml_entries,
)


def test_dotenv() -> None:
    text = '# comment\nexport API_KEY="abc def"\nPLAIN=value # trailing\nEMPTY=\nnot a line\n'
    assert list(dotenv_entries(text)) == [
        Entry("API_KEY", "abc def", 2, 16, 23),
        Entry("PLAIN", "value", 3, 6, 11),
        Entry("EMPTY", "", 4, 6, 6),
    ]


def test_ini_and_toml() -> None:
    text = '[section]\npassword = s3cret ; note\n"token" = "abc"\n; comment\n'
    entries = list(ini_entries(text))
    assert [(e.key, e.value, e.line) for e in entries] == [
        ("password", "s3cret", 2),
        ("token", "abc", 3),
    ]
    assert text.splitlines()[1][entries[0].start : entries[0].end] == "s3cret"


@pytest.mark.parametrize(
    "line",
    [
        pytest.param('    "shop-credentials==2.1",', id="quoted-requirement-in-an-array"),
        pytest.param("    shop-credentials==2.1", id="requirement-in-install-requires"),
        pytest.param("    'api-token' == 'x'", id="comparison"),
    ],
)
def test_ini_reads_no_requirement_pin(line: str) -> None:
    assert list(ini_entries(line)) == []
    assert list(assignment_entries(line)) == []


def test_json() -> None:
    (entry,) = json_entries('{\n  "client_secret": "Gk4\\"Tz9"\n}')
    assert (entry.key, entry.value, entry.line) == ("client_secret", 'Gk4\\"Tz9', 2)


def test_assignments_in_deploy_files() -> None:
    text = "web: API_TOKEN=abc gunicorn app\nENV GITHUB_TOKEN ghp_x\n# X=skipped\nARG A='q q'\n"
    assert [(e.key, e.value, e.line) for e in assignment_entries(text)] == [
        ("API_TOKEN", "abc", 1),
        ("GITHUB_TOKEN", "ghp_x", 2),
        ("A", "q q", 4),
    ]


def test_yaml_mappings_lists_and_aliases() -> None:
    text = (
        "base: &base\n  password: 'p@ss w0rd'\n"
        "prod:\n  <<: *base\n  environment:\n    - API_KEY=abc123\n    - PLAIN\n"
    )
    entries = list(yaml_entries(yaml_documents(text)))
    found = sorted((e.key, e.value, e.line) for e in entries)
    # A list item keeps its list's key unless it is `KEY=value` (compose `environment`).
    assert found == [
        ("API_KEY", "abc123", 6),
        ("environment", "PLAIN", 7),
        ("password", "p@ss w0rd", 2),
    ]
    password = next(e for e in entries if e.key == "password")
    assert text.splitlines()[1][password.start : password.end] == "p@ss w0rd"


def test_yaml_references_to_other_values_are_not_entries() -> None:
    text = (
        "Password: !Ref DbPassword\nOther: !GetAtt Secret.Password\n"
        "Mapped: !FindInMap [Creds, prod, Name]\nSub: !Sub 'x-${Host}'\n"
    )
    entries = list(yaml_entries(yaml_documents(text)))
    # `!Sub` writes its literal text out: still judged.
    assert [(e.key, e.value) for e in entries] == [("Sub", "x-${Host}")]


def test_yaml_join_building_a_dynamic_reference_is_no_entry() -> None:
    text = (
        "Password: !Join ['', ['{{resolve:secretsmanager:', !Ref Db, ':SecretString:password}}']]\n"
        "Sub: !Sub '{{resolve:ssm-secure:${Name}}}'\n"
        "Joined: !Join ['', [Zq8vR2mT, 6wLx9Pk3]]\n"
    )
    entries = list(yaml_entries(yaml_documents(text)))
    assert sorted((e.key, e.value) for e in entries) == [
        ("Joined", ""),
        ("Joined", "6wLx9Pk3"),
        ("Joined", "Zq8vR2mT"),
    ]


def test_yaml_problem_has_a_line() -> None:
    with pytest.raises(YamlProblem, match="not valid YAML") as problem:
        yaml_documents("a: [1,\nb: 2\n")
    assert problem.value.line >= 1


def test_empty_yaml() -> None:
    assert yaml_documents("") == []


def test_yaml_nested_past_the_recursion_limit_is_a_problem_not_a_crash() -> None:
    # A data file of deeply nested lists: both PyYAML loaders recurse per level.
    with pytest.raises(YamlProblem, match="too deeply nested"):
        yaml_documents("a: " + "[" * 20_000 + "]" * 20_000 + "\n")


def test_assignment_passing_a_variable_to_a_call() -> None:
    text = "create(email=ADMIN_EMAIL, password=ADMIN_PASSWORD)\nlogin(token=s3cr3t-x)\n"
    assert list(assignment_entries(text)) == [
        Entry("email", "ADMIN_EMAIL", 1, 13, 24),
        Entry("password", "ADMIN_PASSWORD", 1, 35, 49),
        Entry("token", "s3cr3t-x)", 2, 12, 21),
    ]


def test_assignment_passing_an_item_of_a_variable() -> None:
    text = (
        'create(password=os.environ["ADMIN_PASSWORD"],\n'
        "    token=env['API_TOKEN'])\n"
        'KEY=abc["x"]y\n'
    )
    assert [(e.key, e.value) for e in assignment_entries(text)] == [
        ("password", 'os.environ["ADMIN_PASSWORD"]'),
        ("token", "env['API_TOKEN']"),
        ("KEY", 'abc["x"]y'),
    ]


def test_ini_line_ending_a_call() -> None:
    assert list(ini_entries("    password=ADMIN_PASSWORD)\n")) == [
        Entry("password", "ADMIN_PASSWORD", 1, 13, 27)
    ]


def test_assignments_in_an_escaped_string() -> None:
    # A README kept in a JSON document: `\n` is two characters there, the name starts
    # past it and an unquoted value ends at the next one.
    text = r'"readme": "Set\n\nAPP_SECRET=abcdef\n```\nPATH=C:\\bin DEBUG=1\t"'
    assert [(e.key, e.value) for e in assignment_entries(text)] == [
        ("APP_SECRET", "abcdef"),
        ("PATH", "C:\\\\bin"),
        ("DEBUG", "1"),
    ]
