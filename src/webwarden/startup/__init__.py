"""What every command compiles as it starts, kept between runs.

Importing webwarden creates about 350 dataclasses, whose generated methods are compiled
from source text, and compiles about a thousand regular expressions: together about a
third of a small project's check. Both depend only on their text, so both are kept
beside webwarden's own bytecode and served from there on the next run.
"""

from __future__ import annotations

from webwarden.startup import dataclass_code, regex_programs


def install() -> None:
    """Serve dataclass methods and regular expressions from the kept files from now on."""
    dataclass_code.install()
    regex_programs.install()
