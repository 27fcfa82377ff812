"""`python -m webwarden`: the same as the `webwarden` command."""

from __future__ import annotations

from webwarden.entry import run

run()
