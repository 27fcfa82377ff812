"""WW1124: how sure a finding is depends on the parser (lxml changed its default in 5.0)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import audit_source
from webwarden.findings import Confidence, Severity

SOURCE = """\
import xml.etree.ElementTree as ET
from lxml import etree


def parse(upload, data, options):
    ET.fromstring(upload.read())
    etree.fromstring(data)
    etree.fromstring(data, etree.XMLParser(resolve_entities=True))
    etree.fromstring(data, etree.XMLParser(resolve_entities=options.entities))
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False))
"""


def test_lxml_default_parser_is_low_confidence_and_xxe_parser_high(tmp_path: Path) -> None:
    findings = audit_source(tmp_path, SOURCE, select=["WW1124"])
    judged = [(f.location.line, f.severity, f.confidence) for f in findings]
    assert judged == [
        (6, Severity.MEDIUM, Confidence.MEDIUM),
        (7, Severity.MEDIUM, Confidence.LOW),
        (8, Severity.HIGH, Confidence.MEDIUM),  # at the parser, not again at the parse
        (9, Severity.MEDIUM, Confidence.LOW),  # computed: as good as the default
    ]
