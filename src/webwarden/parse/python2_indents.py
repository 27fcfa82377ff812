"""Python 2's indentation by tabs and spaces mixed, read as Python 2 reads it.

Python 2 counts a tab in a line's indentation as the step to the next multiple of
eight columns, whatever spaces other lines use; Python 3 refuses a file whose blocks
depend on that width (`TabError`). A module of a Python 2 app indented so is otherwise
often Python 3, and reading its indentation Python 2's way keeps it analysed.
"""

from __future__ import annotations

TAB_MIXTURE = "inconsistent use of tabs and spaces in indentation"
"""Python 3's message for an indentation whose meaning depends on the width of a tab."""
_PYTHON2_TAB_WIDTH = 8


def expand_indentation(source: str) -> str | None:
    """`source` with the tabs of every line's indentation expanded to the next multiple of
    eight columns, as Python 2's tokenizer counts them (lines and what follows their
    indentation unchanged); None when no line is indented with a tab."""
    lines = source.splitlines(keepends=True)
    changed = False
    for number, line in enumerate(lines):
        body = line.lstrip(" \t")
        indentation = line[: len(line) - len(body)]
        if "\t" in indentation:
            lines[number] = indentation.expandtabs(_PYTHON2_TAB_WIDTH) + body
            changed = True
    return "".join(lines) if changed else None
