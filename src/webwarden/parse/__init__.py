"""Parsing: Python sources into trees, text files into text, each failure into a reason."""

from __future__ import annotations

from webwarden.parse.guards import Unreadable as Unreadable
from webwarden.parse.guards import read_bytes as read_bytes
from webwarden.parse.guards import read_text as read_text
from webwarden.parse.python import ParsedPython as ParsedPython
from webwarden.parse.python import parse_source as parse_source
from webwarden.parse.python import read_python as read_python
