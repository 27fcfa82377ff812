"""Judging recordings, and linking probe findings to the static findings they confirm."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from tests.helpers import audit_source
from webwarden.engine.live import confirmed_codes, judge, link
from webwarden.findings import Confidence, Finding
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.transcript import parse_transcript
from webwarden.rules.base import ProbeRule
from webwarden.rules.registry import all_rules, get_rule
from webwarden.rules.sessions.cookie_without_secure import CookieWithoutSecure

TRANSCRIPT = """GET https://shop.example/

HTTP/1.1 200 OK
Content-Type: text/html
Set-Cookie: sessionid=x; HttpOnly; SameSite=Lax
Set-Cookie: theme=dark

<p>x</p>
"""


class SessionCookieProof(CookieWithoutSecure):
    """The cookie rule with a confirmation declared, as issue 3/4 rules will be wired."""

    confirms: ClassVar[dict[str, tuple[str, ...]]] = {"session": ("WW1101",)}


def test_probe_findings_confirm_the_declared_static_codes(tmp_path: Path) -> None:
    static = audit_source(
        tmp_path,
        """
        import subprocess

        def run(command):
            subprocess.run(command, shell=True)
        """,
        select=["WW1101", "WW1181"],
    )
    assert [f.code for f in static] == ["WW1101"]
    assert not static[0].confirmed
    probe = judge(parse_transcript(TRANSCRIPT), [SessionCookieProof])
    assert [(f.code, f.tags) for f in probe] == [
        ("WW860", ("confirms:WW1101",)),
        ("WW860", ()),
    ], "only the session cookie's finding confirms; the theme cookie's does not"
    assert confirmed_codes(probe) == {"WW1101"}
    [linked] = link(static, probe)
    assert linked.confirmed
    assert linked.confidence is Confidence.HIGH
    assert link(static, probe[1:]) == static


class Exploding(ProbeRule):
    code = "WW1159"

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        raise ValueError("boom")


def test_a_failing_probe_rule_becomes_ww003() -> None:
    [finding] = judge(parse_transcript(TRANSCRIPT), [Exploding, get_rule("WW1101")])  # type: ignore[list-item]
    assert (finding.code, finding.location.path) == ("WW003", "https://shop.example/")
    assert finding.message == "rule WW1159 failed here: ValueError: boom"


def test_declared_confirmations_name_existing_static_rules() -> None:
    for rule in all_rules():
        if issubclass(rule, ProbeRule):
            for codes in rule.confirms.values():
                for code in codes:
                    target = get_rule(code)
                    assert target is not None, f"{rule.code} confirms unknown {code}"
                    assert not issubclass(target, ProbeRule), f"{rule.code} confirms a probe rule"


def test_a_form_without_a_token_field_confirms_only_the_template_finding() -> None:
    # A form the page's JavaScript may submit with the token in a header: no field proves
    # the template lacks one (WW640), not that the server takes the post (WW603, WW620).
    transcript = (
        "GET https://shop.example/\n\nHTTP/1.1 200 OK\nContent-Type: text/html\n\n"
        '<form method="post" action="/pay"><input name="card"></form>\n'
    )
    probe = judge(parse_transcript(transcript), [get_rule("WW660")])  # type: ignore[list-item]
    assert confirmed_codes(probe) == {"WW640"}
