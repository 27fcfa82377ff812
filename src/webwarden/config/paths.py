"""Where webwarden keeps its caches."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """webwarden's cache folder: `WEBWARDEN_CACHE_DIR`, else the platform's user cache dir."""
    configured = os.environ.get("WEBWARDEN_CACHE_DIR")
    if configured:
        return Path(configured)
    import platformdirs  # NOTE: here, as a scan given its cache folder never needs it

    return Path(platformdirs.user_cache_dir("webwarden"))
