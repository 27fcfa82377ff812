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

from webwarden.findings.model import Finding

FINGERPRINT_VERSION = "webwarden/v1"


def _identity(finding: Finding) -> str:
    return finding.key or " ".join(finding.snippet.split()) or finding.message


def with_fingerprints(findings: Iterable[Finding]) -> list[Finding]:
    """Return `findings`, sorted, each with its fingerprint set."""
    seen: Counter[tuple[str, str, str]] = Counter()
    result = []
    for finding in sorted(findings, key=lambda f: f.sort_key):
        identity = (finding.code, finding.location.path, _identity(finding))
        rank = seen[identity]
        seen[identity] += 1
        digest = hashlib.sha256("\x1f".join((*identity, str(rank))).encode()).hexdigest()
        result.append(dataclasses.replace(finding, fingerprint=digest[:32]))
    return result
