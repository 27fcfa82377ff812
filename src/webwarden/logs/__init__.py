"""Log monitoring: read access and application logs, find the attacks and abuse in them.

The package reads (plain, compressed, several files, a directory, standard input,
followed files), parses each line into a `LogEvent`, and keeps the windowed counters
that turn runs of evidence into aggregated findings; the rules in `webwarden.rules` that
subclass `LogRule` judge one event at a time. Entry point: `webwarden.logs.monitor`.

NOTE: this module imports nothing on purpose: rules import `webwarden.logs.events`, and
the monitor imports the rules, so an eager import here would be circular.
"""
