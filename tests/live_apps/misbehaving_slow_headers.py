"""Misbehaving server: slow_headers (see misbehaving.py)."""

from __future__ import annotations

from functools import partial

from misbehaving import serve as _serve

serve = partial(_serve, "slow_headers")
