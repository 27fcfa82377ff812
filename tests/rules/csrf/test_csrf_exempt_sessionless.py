"""WW603: an exempt view that reads no user or session is reported at low severity and
confidence (also one checking posted credentials under `@ratelimit`, or handing the
request to its own methods and `get_current_site`, or an exempted `dispatch` passing
them on to Django's `View`, which calls only the class's handlers); one that may (a
login, a helper given the request, a project decorator, its own method reading the
user) as before."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import audit
from webwarden.findings import Confidence, Severity

FIXTURE = Path(__file__).parents[1] / "fixtures" / "WW603" / "vulnerable_sessionless.py"


def test_sessionless_views_are_low() -> None:
    findings = audit([FIXTURE], FIXTURE.parent, select=["WW603"])
    judged = {f.location.line: (f.severity, f.confidence) for f in findings}
    low = (Severity.LOW, Confidence.LOW)
    medium = (Severity.MEDIUM, Confidence.MEDIUM)
    assert judged == {
        **dict.fromkeys((20, 26, 32, 39, 80, 85, 110, 120), low),
        **dict.fromkeys((49, 57, 72, 98), medium),
    }


def test_exempted_dispatch_is_judged_with_its_views_handlers() -> None:
    fixture = FIXTURE.parent / "vulnerable_exempt_dispatch.py"
    findings = audit([fixture], FIXTURE.parent, select=["WW603"])
    judged = {f.location.line: (f.severity, f.confidence) for f in findings}
    assert judged == {15: (Severity.LOW, Confidence.LOW), 30: (Severity.MEDIUM, Confidence.MEDIUM)}


def test_helpers_of_other_modules_are_judged_by_their_bodies() -> None:
    project = FIXTURE.parent / "vulnerable_imported_helpers"
    findings = audit([project], project, select=["WW603"])
    judged = {f.location.line: (f.severity, f.confidence) for f in findings}
    low = (Severity.LOW, Confidence.LOW)
    medium = (Severity.MEDIUM, Confidence.MEDIUM)
    # NOTE: helpers reading the posted key and headers (low); a helper reading the user
    # through its module, one of a third module reading the session, a library's (medium).
    assert judged == {16: low, 25: low, 36: medium, 45: medium, 52: medium}


def test_a_mixin_is_judged_with_the_classes_mixing_it_in() -> None:
    project = FIXTURE.parent / "vulnerable_authorization_header_mixin"
    findings = audit([project], project, select=["WW603"])
    judged = {f.location.line: (f.severity, f.confidence) for f in findings}
    # NOTE: a mixin only this module's view mixes in (low); one a view of another module
    # reading the user mixes in, and a view reading the user itself (medium).
    assert judged == {
        19: (Severity.LOW, Confidence.LOW),
        38: (Severity.MEDIUM, Confidence.MEDIUM),
        44: (Severity.MEDIUM, Confidence.MEDIUM),
    }
