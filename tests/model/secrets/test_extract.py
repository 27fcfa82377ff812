from __future__ import annotations

from pathlib import Path

from tests.helpers import audit_source
from webwarden.findings import Severity


def test_docstring_examples_are_lowered(tmp_path: Path) -> None:
    source = '''\
        """Connect like this: create_engine("postgresql://shop:Shop-2024!@db.example.com/shop")."""

        DSN = "postgresql://shop:Shop-2024!@db.example.com/shop"
        '''
    findings = audit_source(tmp_path, source, select=["WW341"])
    assert [(f.location.line, f.severity, f.context) for f in findings] == [
        (1, Severity.LOW, "docstring"),
        (3, Severity.HIGH, ""),
    ]


def test_every_secret_on_a_line_is_masked(tmp_path: Path) -> None:
    source = """\
        client = Client(api_key="9f86d081884c7d659a2feaa0c55ad015", password="Pa55word!2024")
        """
    findings = audit_source(tmp_path, source, select=["WW241"])
    assert {f.snippet for f in findings} == {
        'client = Client(api_key="9f86****", password="Pa****")'
    }


def test_placeholder_documentation_passwords(tmp_path: Path) -> None:
    source = """\
        engine = create_engine("postgresql://scott:tiger@localhost/test")
        """
    assert audit_source(tmp_path, source, select=["WW341"]) == []


def test_attribute_docstring_examples_are_lowered(tmp_path: Path) -> None:
    source = '''\
        import environ

        env = environ.Env()
        DATABASE_URL = env.db("DATABASE_URL")
        """
        URL to connect to the database. Example:
        ``postgresql://shop:Shop-2024!@db.example.com/shop``
        """
        REPLICA_URL = "postgresql://shop:Shop-2024!@replica.example.com/shop"
        '''
    findings = audit_source(tmp_path, source, select=["WW341"])
    assert [(f.location.line, f.severity, f.context) for f in findings] == [
        (7, Severity.LOW, "docstring"),
        (9, Severity.HIGH, ""),
    ]


def test_values_of_a_dict_named_for_template_ids_are_no_credentials(tmp_path: Path) -> None:
    source = """\
        NOTIFY_TEMPLATES = {"reset_password": "4f1c2b7e-9a3d-4e5f-8b6a-1c2d3e4f5a6b"}
        client = Mailer(template_ids={"change_password": "Q7v-Lp2x-Rt9k-Mw4z-Bn8c"})
        CONFIG = {"mail": {"templates": {"new_password": "Q7v-Lp2x-Rt9k-Mw4z-Bn8c"}}}
        PASSWORDS = {"reset_password": "Q7v-Lp2x-Rt9k-Mw4z-Bn8c"}
        MAIL = {"reset_password": "Q7v-Lp2x-Rt9k-Mw4z-Bn8c"}
        """
    findings = audit_source(tmp_path, source, select=["WW241"])
    assert [f.location.line for f in findings] == [4, 5]


def test_a_dict_named_for_ids_alone_still_holds_credentials(tmp_path: Path) -> None:
    source = """\
        PROVIDER_IDS = {"client_secret": "Q7v-Lp2x-Rt9k-Mw4z-Bn8c"}
        """
    findings = audit_source(tmp_path, source, select=["WW241"])
    assert [f.location.line for f in findings] == [1]


def test_the_second_of_a_credential_pair_is_a_password(tmp_path: Path) -> None:
    source = """\
        ADMIN_CREDENTIALS = ("admin", "pa$$word")
        API_CREDENTIALS = ("pa$$word", "admin", "x")
        """
    findings = audit_source(tmp_path, source, select=["WW241"])
    assert [(f.location.line, f.location.column) for f in findings] == [(1, 31)]
