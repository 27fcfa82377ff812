"""Tokens a coverage service gives a repository for uploading its reports."""

from __future__ import annotations

_SERVICE_CONFIGS = {
    ".coveralls.yml": frozenset({"repo_token"}),
    **dict.fromkeys(
        ("codecov.yml", ".codecov.yml", "codecov.yaml", ".codecov.yaml"), frozenset({"token"})
    ),
}
"""A coverage service's configuration file and the keys its upload token goes in:
Coveralls' `repo_token`, Codecov's `codecov: token:`."""
_NAMED_TOKENS = frozenset({"coveralls_repo_token", "codecov_token"})
"""The variables the services' uploaders read the token from, wherever they are set."""


def coverage_upload_token(filename: str, key: str) -> bool:
    """Whether `key` of the file `filename` holds a coverage service's upload token: it
    lets its holder upload coverage reports for the repository (the worst a leaked one
    does is forge the coverage shown), not read the code or act for anyone."""
    key = key.lower()
    return key in _NAMED_TOKENS or key in _SERVICE_CONFIGS.get(filename, frozenset())
