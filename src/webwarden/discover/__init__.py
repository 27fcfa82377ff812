"""Discovery: which files of the project webwarden reads."""

from __future__ import annotations

from webwarden.discover.files import FileKind as FileKind
from webwarden.discover.files import Problem as Problem
from webwarden.discover.files import SourceFile as SourceFile
from webwarden.discover.files import classify as classify
from webwarden.discover.walk import Discovery as Discovery
from webwarden.discover.walk import discover as discover
from webwarden.discover.walk import relative as relative
