from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from webwarden.deps.advisories.osv import parse_record
from webwarden.deps.audit import (
    audit_dependencies,
    audit_dependency,
    in_range,
    marker_applies,
    merge_aliases,
    smallest_fix,
    target_environment,
)
from webwarden.deps.model import Advisory, Declaration, Dependency, Event, Kind

HERE = Declaration("requirements.txt", 1)


def _advisory(advisory_id: str, *ranges: list[dict[str, str]], **extra: Any) -> Advisory:
    affected = {
        "package": {"name": extra.pop("name", "pkg"), "ecosystem": "PyPI"},
        "ranges": [{"type": "ECOSYSTEM", "events": events} for events in ranges],
        "versions": extra.pop("versions", []),
    }
    return parse_record({"id": advisory_id, "affected": [affected], **extra})


def _pinned(version: str, marker: str = "") -> Dependency:
    return Dependency("pkg", Kind.PINNED, HERE, "requirements", version=version, marker=marker)


def _range(spec: str) -> Dependency:
    specifiers = (SpecifierSet(spec),) if spec else ()
    return Dependency(
        "pkg", Kind.RANGE, HERE, "requirements", specifiers=specifiers, spec_text=spec
    )


@pytest.mark.parametrize(
    ("events", "version", "affected"),
    [
        pytest.param([{"introduced": "0"}, {"fixed": "2.0"}], "1.9", True, id="below-fixed"),
        pytest.param([{"introduced": "0"}, {"fixed": "2.0"}], "2.0", False, id="at-fixed"),
        pytest.param(
            [{"introduced": "1.0"}, {"fixed": "2.0"}], "0.9", False, id="before-introduced"
        ),
        pytest.param([{"introduced": "1.0"}, {"fixed": "2.0"}], "1.0", True, id="at-introduced"),
        pytest.param([{"introduced": "1.0"}, {"fixed": "2.0"}], "2.0rc1", True, id="prerelease"),
        pytest.param(
            [{"introduced": "0"}, {"last_affected": "1.5"}], "1.5", True, id="last-affected"
        ),
        pytest.param(
            [{"introduced": "0"}, {"last_affected": "1.5"}], "1.5.1", False, id="after-last"
        ),
        pytest.param([{"introduced": "1.0"}], "99", True, id="never-fixed"),
        pytest.param(
            [{"fixed": "2.3.2"}, {"introduced": "2.3.0"}, {"fixed": "2.2.5"}, {"introduced": "0"}],
            "2.2.6",
            False,
            id="unsorted-between-ranges",
        ),
        pytest.param(
            [{"introduced": "0"}, {"fixed": "2.2.5"}, {"introduced": "2.3.0"}, {"fixed": "2.3.2"}],
            "2.3.1",
            True,
            id="second-range",
        ),
        pytest.param(
            [{"introduced": "0"}, {"fixed": "not-a-version"}], "5", True, id="bad-event-ignored"
        ),
        pytest.param([{"introduced": "0"}, {"limit": "1.0"}], "5", True, id="limit-is-for-git"),
    ],
)
def test_osv_range_evaluation(events: list[dict[str, str]], version: str, affected: bool) -> None:
    parsed = tuple(Event(kind, value) for event in events for kind, value in event.items())
    assert in_range(Version(version), parsed) is affected


def test_explicit_versions_list_counts_without_ranges() -> None:
    advisory = _advisory("X-1", versions=["1.0", "1.1"])
    assert audit_dependency(_pinned("1.1"), [advisory], {}).vulnerable
    assert not audit_dependency(_pinned("1.2"), [advisory], {}).vulnerable
    # PEP 440 equality: `1.1.0` is `1.1`.
    assert audit_dependency(_pinned("1.1.0"), [advisory], {}).vulnerable


def test_other_packages_entries_do_not_count() -> None:
    advisory = _advisory("X-1", [{"introduced": "0"}], name="other")
    assert not audit_dependency(_pinned("1.0"), [advisory], {}).vulnerable


def test_aliases_merge_transitively_into_one_group() -> None:
    a = _advisory("PYSEC-1", [{"introduced": "0"}], aliases=["CVE-1"])
    b = _advisory("GHSA-1", [{"introduced": "0"}], aliases=["CVE-1", "CVE-2"])
    c = _advisory("OSV-1", [{"introduced": "0"}], aliases=["CVE-2"])
    d = _advisory("PYSEC-2", [{"introduced": "0"}])
    groups = merge_aliases([a, d, b, c])
    assert [g.ids for g in groups] == [
        ("PYSEC-1", "CVE-1", "CVE-2", "GHSA-1", "OSV-1"),
        ("PYSEC-2",),
    ]
    audited = audit_dependency(_pinned("1.0"), [a, b, c, d], {})
    assert len(audited.vulnerable) == 2


def test_smallest_fix_skips_versions_another_advisory_affects() -> None:
    a = _advisory("X-1", [{"introduced": "0"}, {"fixed": "1.1"}])
    b = _advisory("X-2", [{"introduced": "1.1"}, {"fixed": "1.3"}])
    c = _advisory("X-3", [{"introduced": "2.0"}, {"fixed": "2.1"}])
    audited = audit_dependency(_pinned("1.0"), [a, b, c], {})
    assert [g.primary.id for g in audited.vulnerable] == ["X-1"]
    assert audited.smallest_fix == "1.3"
    assert audited.fixed_versions == ("1.1",)
    assert smallest_fix([a, b, c], "pkg", Version("2.0")) == Version("2.1")
    never = _advisory("X-4", [{"introduced": "0"}])
    assert audit_dependency(_pinned("1.0"), [never], {}).smallest_fix is None


def test_severity_is_the_highest_cvss_else_the_word() -> None:
    cvss = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"
    a = _advisory("X-1", [{"introduced": "0"}], severity=[{"type": "CVSS_V3", "score": cvss}])
    b = _advisory("X-2", [{"introduced": "0"}], database_specific={"severity": "CRITICAL"})
    c = _advisory("X-3", [{"introduced": "0"}], database_specific={"severity": "LOW"})
    both = audit_dependency(_pinned("1.0"), [a, b], {})
    assert (both.severity_score, both.severity_word) == (7.5, "CRITICAL")
    words = audit_dependency(_pinned("1.0"), [b, c], {})
    assert (words.severity_score, words.severity_word) == (None, "CRITICAL")


@pytest.mark.parametrize(
    ("spec", "admitted", "fix"),
    [
        pytest.param(">=1.0", ["1.0", "1.1", "1.2"], "2.0", id="lower-bound"),
        pytest.param(">=1.1,<1.2", ["1.1"], "2.0", id="bounded"),
        pytest.param("", ["0.9", "1.1", "1.2"], "2.0", id="any-version"),
        pytest.param("~=1.1", ["1.1", "1.2"], "2.0", id="compatible"),
        pytest.param(">=2.0", [], None, id="safe-range"),
        pytest.param("==1.*", ["1", "1.1", "1.2"], "2.0", id="wildcard"),
        pytest.param(">=2.0rc1", ["2.0rc1"], "2.0", id="prerelease-named"),
    ],
)
def test_ranges_are_audited_for_the_known_versions_they_admit(
    spec: str, admitted: list[str], fix: str | None
) -> None:
    advisory = _advisory(
        "X-1", [{"introduced": "0.9"}, {"fixed": "2.0"}], versions=["1.1", "1.2", "2.0rc1"]
    )
    audited = audit_dependency(_range(spec), [advisory], {})
    assert [v for v, _ in audited.admitted_vulnerable] == admitted
    assert audited.smallest_fix == fix
    if admitted:
        assert audited.admitted_vulnerable[0][1] == ("X-1",)


def test_markers_follow_the_target_python_and_platform() -> None:
    advisory = _advisory("X-1", [{"introduced": "0"}])
    old_python = _pinned("1.0", 'python_version < "3.8"')
    assert not audit_dependency(old_python, [advisory], target_environment("3.11", None)).applies
    assert audit_dependency(old_python, [advisory], target_environment("3.7", None)).vulnerable
    windows = _pinned("1.0", 'sys_platform == "win32"')
    assert not audit_dependency(windows, [advisory], target_environment(None, "linux")).applies
    assert audit_dependency(windows, [advisory], target_environment(None, "windows")).applies


def test_target_environment() -> None:
    environment = target_environment("3.9.7", "darwin")
    assert environment["python_version"] == "3.9"
    assert environment["python_full_version"] == "3.9.7"
    assert (environment["sys_platform"], environment["platform_system"]) == ("darwin", "Darwin")
    assert target_environment("3.12", "freebsd14")["sys_platform"] == "freebsd14"
    assert target_environment("3.12", None)["python_full_version"] == "3.12.0"


def test_unusable_markers_keep_the_dependency() -> None:
    assert marker_applies("", {})
    assert marker_applies("this is not a marker", {})
    assert marker_applies('extra == "docs"', target_environment(None, None)) is False


def test_unauditable_and_non_pep440_pins_have_no_verdict() -> None:
    advisory = _advisory("X-1", [{"introduced": "0"}])
    url = Dependency("pkg", Kind.UNAUDITABLE, HERE, "requirements", spec_text="git+https://x")
    assert audit_dependency(url, [advisory], {}).vulnerable == ()
    assert audit_dependency(_pinned("not.a.version-"), [advisory], {}).vulnerable == ()


def test_a_range_a_lock_file_beside_it_pins_is_marked_locked() -> None:
    # `django>=4.2` in pyproject.toml, django 4.2.16 in the uv.lock beside it: the lock
    # says what is installed (WW101 judges it), so the range is not reported (WW102).
    advisory = _advisory("X-1", [{"introduced": "0"}, {"fixed": "4.2.10"}], versions=["4.2"])
    declared = Dependency(
        "pkg",
        Kind.RANGE,
        Declaration("app/pyproject.toml", 5),
        "pyproject",
        specifiers=(SpecifierSet(">=4.2"),),
        spec_text=">=4.2",
    )
    pinned = Dependency("pkg", Kind.PINNED, Declaration("app/uv.lock", 9), "uv.lock", "4.2.16")
    elsewhere = dataclasses.replace(declared, declared=Declaration("other/pyproject.toml", 5))
    audited = audit_dependencies([declared, pinned, elsewhere], {"pkg": [advisory]}, {})
    assert [a.locked for a in audited] == ["4.2.16", None, None]
    assert audited[0].admitted_vulnerable, "still audited: the lock is what keeps it quiet"


def test_a_workspace_member_range_is_locked_by_the_workspace_lock() -> None:
    # uv locks every member of a workspace in the root's uv.lock: `flask` in
    # `api/pyproject.toml` is installed at the root lock's pin; a folder the lock does
    # not name as a member is not covered by it.
    advisory = _advisory("X-1", [{"introduced": "0"}, {"fixed": "4.2.10"}], versions=["4.2"])
    member = Dependency(
        "pkg",
        Kind.RANGE,
        Declaration("api/pyproject.toml", 5),
        "pyproject",
        specifiers=(SpecifierSet(">=4.2"),),
        spec_text=">=4.2",
    )
    pinned = Dependency("pkg", Kind.PINNED, Declaration("uv.lock", 9), "uv.lock", "4.2.16")
    outsider = dataclasses.replace(member, declared=Declaration("tools/pyproject.toml", 5))
    audited = audit_dependencies([member, pinned, outsider], {"pkg": [advisory]}, {}, {"api": ""})
    assert [a.locked for a in audited] == ["4.2.16", None, None]


def test_a_metadata_range_is_locked_by_a_requirements_pin_beside_it() -> None:
    # `flask` in setup.cfg, `flask==2.3.2` in the requirements.txt beside it: the
    # application deploys the pin. A pin under a marker, or a range in a requirements
    # file, locks nothing; nor does a requirements pin lock another requirements range.
    advisory = _advisory("X-1", [{"introduced": "0"}, {"fixed": "4.2.10"}], versions=["4.2"])
    declared = Dependency(
        "pkg", Kind.RANGE, Declaration("app/setup.cfg", 5), "setup.cfg", spec_text=""
    )
    pinned = Dependency(
        "pkg", Kind.PINNED, Declaration("app/requirements.txt", 2), "requirements", "4.2.16"
    )
    marked = dataclasses.replace(pinned, marker='python_version < "3.8"')
    other = dataclasses.replace(declared, declared=Declaration("app/requirements-dev.txt", 1))
    other = dataclasses.replace(other, source="requirements")
    audited = audit_dependencies([declared, pinned, other], {"pkg": [advisory]}, {})
    assert [a.locked for a in audited] == ["4.2.16", None, None]
    audited = audit_dependencies([declared, marked], {"pkg": [advisory]}, {})
    assert [a.locked for a in audited] == [None, None]
