"""Where webwarden keeps its caches."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def cache_dir() -> Path:
    """webwarden's cache folder: `WEBWARDEN_CACHE_DIR`, else the platform's user cache dir."""
    configured = os.environ.get("WEBWARDEN_CACHE_DIR")
    return Path(configured) if configured else Path(platformdirs.user_cache_dir("webwarden"))
