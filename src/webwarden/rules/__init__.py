"""Rules: one module and one class per rule, in one folder per practice.

Codes are `WW` + practice number + two digits. Inside practices 2-10 the two digits
follow one plan, so that work on each framework or subsystem never collides:
01-19 Django project rules, 20-39 Flask app rules, 40-59 framework-neutral static rules
(secrets, taint sinks, templates), 60-79 live-probe rules, 90-99 attacks seen in logs.
Practice 1 (dependencies) uses its whole range; practice 11 has its own families (see
`webwarden.rules.auditing`); WW0xx are the tool's own notices. Codes are never reused.
A two-digit practice whose hundred codes are all taken goes on with three digits, from 100
(practice 11 did: WW11100); practices 1-9 keep two digits, so no code reads two ways.
"""

from __future__ import annotations
