"""The OSV web API: `POST /v1/querybatch` for the ids, then `GET /v1/vulns/{id}` for each.

Answers are cached on disk: a package's id list for `query_ttl` seconds, and each record
for as long as its `modified` stamp is the one the batch query reports. Every request
is bounded by `timeout` and the whole query by `deadline`, so a server that hangs
costs at most that long and becomes an `AdvisoryServiceError` (a WW010 notice).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from webwarden.deps.advisories.interface import AdvisoryService, AdvisoryServiceError
from webwarden.deps.advisories.osv import ECOSYSTEM, RecordError, parse_record
from webwarden.deps.cache import DiskCache
from webwarden.deps.model import Advisory

if TYPE_CHECKING:
    import httpx

logger = logging.getLogger(__name__)

OSV_API_URL = "https://api.osv.dev"
_BATCH = 1000


class OsvApi(AdvisoryService):
    """Queries the OSV API at `base_url`, caching under `cache_dir`."""

    def __init__(
        self,
        base_url: str = OSV_API_URL,
        cache_dir: Path | None = None,
        *,
        timeout: float = 10.0,
        deadline: float = 60.0,
        query_ttl: float = 6 * 3600,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.description = f"OSV API at {self.base_url}"
        self.cache = DiskCache(cache_dir / "osv" if cache_dir else None)
        self.timeout = timeout
        self.deadline = deadline
        self.query_ttl = query_ttl
        self.requests = 0
        self._started = 0.0
        self._client: httpx.Client | None = None

    def query(self, name: str) -> list[Advisory]:
        """The advisories of one package."""
        return self.query_many([name])[name]

    def query_many(self, names: Iterable[str]) -> dict[str, list[Advisory]]:
        """Batch-query the ids of every package, then fetch the records not cached."""
        self._started = time.monotonic()
        wanted = list(dict.fromkeys(names))
        ids: dict[str, list[tuple[str, str]]] = {}
        missing = []
        for name in wanted:
            cached = self.cache.get(f"query/{_safe(name)}", self.query_ttl)
            if isinstance(cached, list):
                ids[name] = [(str(i), str(m)) for i, m in cached]
            else:
                missing.append(name)
        for start in range(0, len(missing), _BATCH):
            found = self._batch(missing[start : start + _BATCH])
            for name, entries in found.items():
                ids[name] = entries
                self.cache.put(f"query/{_safe(name)}", entries)
        records: dict[str, Advisory] = {}
        result: dict[str, list[Advisory]] = {}
        for name in wanted:
            result[name] = []
            for advisory_id, modified in ids.get(name, []):
                if advisory_id not in records:
                    records[advisory_id] = self._record(advisory_id, modified)
                advisory = records[advisory_id]
                if not advisory.withdrawn:
                    result[name].append(advisory)
        return result

    def _batch(self, names: list[str]) -> dict[str, list[tuple[str, str]]]:
        found: dict[str, list[tuple[str, str]]] = {name: [] for name in names}
        pending: dict[str, str | None] = dict.fromkeys(names)
        while pending:
            queries = []
            for name, token in pending.items():
                query: dict[str, Any] = {"package": {"name": name, "ecosystem": ECOSYSTEM}}
                if token:
                    query["page_token"] = token
                queries.append(query)
            answer = self._request("POST", "/v1/querybatch", {"queries": queries})
            results = answer.get("results") if isinstance(answer, dict) else None
            if not isinstance(results, list) or len(results) != len(queries):
                raise AdvisoryServiceError(f"{self.description}: unexpected querybatch answer")
            next_pending: dict[str, str | None] = {}
            for name, entry in zip(pending, results, strict=True):
                entry = entry if isinstance(entry, dict) else {}
                for vuln in entry.get("vulns") or ():
                    if isinstance(vuln, dict) and isinstance(vuln.get("id"), str):
                        found[name].append((vuln["id"], str(vuln.get("modified", ""))))
                if token := entry.get("next_page_token"):
                    next_pending[name] = str(token)
            pending = next_pending
        return found

    def _record(self, advisory_id: str, modified: str) -> Advisory:
        key = f"vulns/{_safe(advisory_id)}"
        cached = self.cache.get(key, None)
        if not (isinstance(cached, dict) and (not modified or cached.get("modified") == modified)):
            cached = self._request("GET", f"/v1/vulns/{advisory_id}", None)
            self.cache.put(key, cached)
        try:
            return parse_record(cached)
        except RecordError as exc:
            raise AdvisoryServiceError(f"{self.description}: {advisory_id}: {exc}") from None

    def _request(self, method: str, path: str, body: Any) -> Any:
        remaining = self.deadline - (time.monotonic() - self._started)
        if remaining <= 0:
            raise AdvisoryServiceError(
                f"{self.description}: no complete answer within {self.deadline:g} s"
            )
        limit = min(self.timeout, remaining)
        # NOTE: imported here, not at the top: httpx takes longer to import than a warm
        # scan that never asks the API takes to run.
        import httpx

        if self._client is None:
            self._client = httpx.Client(headers={"User-Agent": "webwarden"})
        self.requests += 1
        try:
            response = self._client.request(method, self.base_url + path, json=body, timeout=limit)
        except httpx.TimeoutException:
            raise AdvisoryServiceError(
                f"{self.description} did not answer within {limit:g} s"
            ) from None
        except httpx.HTTPError as exc:
            raise AdvisoryServiceError(f"{self.description} is unreachable: {exc}") from None
        if response.status_code != 200:
            raise AdvisoryServiceError(
                f"{self.description} answered HTTP {response.status_code} to {method} {path}"
            )
        try:
            return response.json()
        except ValueError:
            raise AdvisoryServiceError(f"{self.description}: answer is not JSON") from None

    def close(self) -> None:
        """Close the HTTP connection pool."""
        if self._client is not None:
            self._client.close()
            self._client = None


def _safe(name: str) -> str:
    """A file-name-safe cache key for any id or name."""
    if name.replace("-", "").replace(".", "").replace("_", "").isalnum():
        return name
    return hashlib.sha256(name.encode()).hexdigest()
