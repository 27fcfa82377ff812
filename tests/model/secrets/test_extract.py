from __future__ import annotations

import textwrap
from pathlib import Path

from tests.helpers import audit_source
from webwarden.engine.files import FilePlan, make_context
from webwarden.findings import Severity
from webwarden.model.secrets.extract import extract_secrets
from webwarden.parse.python import ParsedPython, parse_source


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


def _settings(source: str) -> dict[int, tuple[str, str]]:
    parsed = parse_source(textwrap.dedent(source), "site/settings.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("site/settings.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    found = extract_secrets(ctx)
    assert found is not None
    return {site.location.line: (site.holder.value, site.setting) for site in found.sites}


def test_a_setting_given_in_a_handler_or_a_with_block_is_the_modules() -> None:
    # NOTE: the Django model reads these blocks as the module's statements, so the
    # framework rules own what they give (Distro Tracker's key in `except IOError:`).
    source = """\
        try:
            with open("/var/lib/site/key") as key_file:
                SECRET_KEY = key_file.read()
        except OSError:
            SECRET_KEY = "etu2#5lv=!0(g9l31mw=cpwhioy!egg60lb5o3_67d83#(wu-u"
        with open("/etc/site/db") as db_file:
            DATABASES = {"default": {"PASSWORD": "Site-Db-2024!x"}}
        class Config:
            if True:
                API_TOKEN = "Zt3Lm9Xw2Kv7Np4Hd6Bs1Gf5Jc0Ry8T"
        def configure():
            if True:
                API_TOKEN = "Zt3Lm9Xw2Kv7Np4Hd6Bs1Gf5Jc0Ry8T"
        """
    assert _settings(source) == {
        5: ("module", "SECRET_KEY"),
        7: ("module", "DATABASES"),
        10: ("class", "API_TOKEN"),
        13: ("other", ""),
    }
