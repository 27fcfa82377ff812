"""Fingerprints that identify a finding across edits that only move it.

A fingerprint hashes the rule code, the file, what was flagged (the whitespace-normalised
source line, or the rule's `key`) and the finding's rank among identical ones in that file.
Line numbers are left out on purpose, so inserting code above a finding keeps its
fingerprint, which is what baselines and SARIF `partialFingerprints` need.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Iterable

from webwarden.findings.model import Finding, Location

FINGERPRINT_VERSION = "webwarden/v1"


def _identity(finding: Finding) -> str:
    return finding.key or " ".join(finding.snippet.split()) or finding.message


def with_fingerprints(findings: Iterable[Finding]) -> list[Finding]:
    """Return `findings`, sorted, each with its fingerprint set; a finding identical to
    another in rule, place, key and message is left out (a blueprint two app factories
    register gives each project rule two apps to judge it in)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    kept: set[tuple[str, Location, str, str]] = set()
    result = []
    for finding in sorted(findings, key=lambda f: f.sort_key):
        same = (finding.code, finding.location, finding.key, finding.message)
        if same in kept:
            continue
        kept.add(same)
        identity = (finding.code, finding.location.path, _identity(finding))
        rank = seen[identity]
        seen[identity] += 1
        digest = hashlib.sha256("\x1f".join((*identity, str(rank))).encode()).hexdigest()
        result.append(dataclasses.replace(finding, fingerprint=digest[:32]))
    return result
