"""The `AdvisoryService` interface: which OSV records concern a package."""

from __future__ import annotations

import abc
from collections.abc import Iterable

from webwarden.deps.model import Advisory
from webwarden.errors import AdvisoryError


class AdvisoryServiceError(AdvisoryError):
    """The service cannot answer now (no data, no network, a timeout); the audit goes on."""


class AdvisoryStoreCorrupt(AdvisoryError):
    """The local store exists but cannot be read; `webwarden db import|update` rebuilds it."""


class AdvisoryService(abc.ABC):
    """Answers with every non-withdrawn advisory whose `affected` names a package.

    Matching versions against the records is the audit's job (`deps.audit`), so every
    service is held to the same OSV semantics.
    """

    description: str = "advisory service"
    """How messages name the service (`local store at ...`, `OSV API at ...`)."""

    @abc.abstractmethod
    def query(self, name: str) -> list[Advisory]:
        """The advisories of one package (PEP 503 normalised name)."""

    def query_many(self, names: Iterable[str]) -> dict[str, list[Advisory]]:
        """The advisories of several packages at once, by normalised name."""
        return {name: self.query(name) for name in dict.fromkeys(names)}

    def close(self) -> None:  # noqa: B027 - optional hook, most services hold nothing
        """Release connections and files."""
