"""The exception tree: one base per layer, all under `WebwardenError`.

The command line maps every `WebwardenError` to exit status 2 and one line on stderr.
Input that cannot be analysed is not an exception but a WW000 finding.
"""

from __future__ import annotations


class WebwardenError(Exception):
    """Base of every error webwarden reports to the user as one line."""


class ConfigError(WebwardenError):
    """The configuration (file or command line) is invalid."""


class SourceError(WebwardenError):
    """A dependency source (requirements, lock file, environment) cannot be read."""


class AdvisoryError(WebwardenError):
    """The advisory store or service cannot answer."""


class ProbeError(WebwardenError):
    """The live probe cannot reach or judge its target."""


class ReportError(WebwardenError):
    """A report cannot be written."""


class BaselineError(WebwardenError):
    """A baseline file cannot be read or written."""
