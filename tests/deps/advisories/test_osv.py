from __future__ import annotations

import pytest

from webwarden.deps.advisories.osv import RecordError, credit_for, cvss3_score, parse_record
from webwarden.deps.model import Event


def test_record_keeps_pypi_ecosystem_ranges_and_versions() -> None:
    advisory = parse_record(
        {
            "id": "GHSA-xxxx",
            "aliases": ["CVE-1"],
            "summary": "Bad thing",
            "modified": "2024-01-01T00:00:00Z",
            "affected": [
                {
                    "package": {"name": "Flask_Login", "ecosystem": "PyPI"},
                    "ranges": [
                        {"type": "GIT", "repo": "x", "events": [{"introduced": "abc"}]},
                        {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0"}]},
                    ],
                    "versions": ["0.9"],
                },
                {"package": {"name": "flask-login", "ecosystem": "npm"}, "versions": ["1"]},
                {"package": {"ecosystem": "PyPI"}},
                "not a mapping",
            ],
            "references": [{"type": "WEB", "url": "https://x"}, {"type": "WEB"}],
            "database_specific": {"severity": "moderate"},
        }
    )
    assert advisory.id == "GHSA-xxxx"
    assert advisory.names == {"GHSA-xxxx", "CVE-1"}
    [affected] = advisory.affected
    assert affected.name == "flask-login"
    assert affected.ranges == ((Event("introduced", "0"), Event("fixed", "1.0")),)
    assert affected.versions == ("0.9",)
    assert advisory.references == ("https://x",)
    assert advisory.severity == "MODERATE"
    assert advisory.credit == "GitHub Advisory Database (CC-BY 4.0)"


def test_highest_cvss_vector_is_kept() -> None:
    advisory = parse_record(
        {
            "id": "PYSEC-1",
            "severity": [
                {"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"},
                {"type": "CVSS_V4", "score": "CVSS:4.0/AV:N"},
            ],
            "affected": [
                {
                    "package": {"name": "a", "ecosystem": "PyPI"},
                    "severity": [
                        {"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}
                    ],
                }
            ],
        }
    )
    assert advisory.severity == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
    assert advisory.credit == "PyPA advisory database (CC-BY 4.0)"


@pytest.mark.parametrize("record", [None, [], {"id": 5}, {"summary": "no id"}])
def test_not_a_record(record: object) -> None:
    with pytest.raises(RecordError, match="not an OSV record"):
        parse_record(record)


@pytest.mark.parametrize(
    ("vector", "score"),
    [
        pytest.param("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5, id="dos"),
        pytest.param("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, id="critical"),
        pytest.param("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, id="xss-scope-changed"),
        pytest.param("CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.8, id="low"),
        pytest.param("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 9.1, id="admin-changed"),
        pytest.param("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, id="no-impact"),
        pytest.param("AV:N/AC:L/Au:N/C:P/I:P/A:P", None, id="cvss2"),
        pytest.param("CVSS:3.1/AV:N", None, id="incomplete"),
    ],
)
def test_cvss3_base_scores(vector: str, score: float | None) -> None:
    assert cvss3_score(vector) == score


def test_credits_by_database() -> None:
    assert credit_for("PYSEC-2021-66") == "PyPA advisory database (CC-BY 4.0)"
    assert credit_for("OSV-2020-1") == "OSV.dev"
