"""The newest release of each package, from the package index's JSON API (`--outdated`).

`GET {index}/pypi/{name}/json` answers `info.version`, the newest non-yanked final
release. Answers are cached for a day; offline, cached answers of any age are used.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from webwarden.deps.cache import DiskCache

if TYPE_CHECKING:
    import httpx

logger = logging.getLogger(__name__)

INDEX_TTL = 24 * 3600


class PackageIndex:
    """Reads the newest version of packages from a PyPI-compatible JSON API."""

    def __init__(
        self,
        base_url: str,
        cache_dir: Path | None,
        *,
        timeout: float = 10.0,
        offline: bool = False,
        deadline: float = 60.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.cache = DiskCache(cache_dir / "index" if cache_dir else None)
        self.timeout = timeout
        self.offline = offline
        self.deadline = deadline

    def latest_many(self, names: Iterable[str]) -> tuple[dict[str, str], str]:
        """(newest version by name, why some could not be known or "")."""
        found: dict[str, str] = {}
        failure = ""
        started = time.monotonic()
        import httpx  # NOTE: lazily, see osv_api

        with httpx.Client(headers={"User-Agent": "webwarden"}) as client:
            for name in names:
                # NOTE: offline, an answer of any age beats none.
                cached = self.cache.get(name, None if self.offline else INDEX_TTL)
                if isinstance(cached, str):
                    found[name] = cached
                    continue
                if self.offline:
                    failure = "offline: newest versions are known only for packages cached earlier"
                    continue
                if failure:
                    continue
                remaining = self.deadline - (time.monotonic() - started)
                try:
                    version = self._fetch(client, name, max(0.001, min(self.timeout, remaining)))
                except RuntimeError as exc:
                    failure = str(exc)
                    continue
                if version:
                    found[name] = version
                    self.cache.put(name, version)
        return found, failure

    def _fetch(self, client: httpx.Client, name: str, timeout: float) -> str | None:
        import httpx  # NOTE: lazily, see osv_api

        url = f"{self.base_url}/pypi/{name}/json"
        try:
            response = client.get(url, timeout=timeout, follow_redirects=True)
        except httpx.TimeoutException:
            raise RuntimeError(
                f"package index {self.base_url} did not answer within {timeout:g} s"
            ) from None
        except httpx.HTTPError as exc:
            raise RuntimeError(f"package index {self.base_url} is unreachable: {exc}") from None
        if response.status_code == 404:
            return None  # NOTE: a private package the public index does not have.
        if response.status_code != 200:
            raise RuntimeError(
                f"package index {self.base_url} answered HTTP {response.status_code}"
            )
        try:
            version = response.json()["info"]["version"]
        except (ValueError, KeyError, TypeError):
            raise RuntimeError(
                f"package index {self.base_url}: unexpected answer for {name}"
            ) from None
        return str(version) if version else None
