"""The static model of the audited project: names, modules, and (later) Django and Flask.

Nothing here imports or runs the audited code, prints, or touches the network.
"""

from __future__ import annotations

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
"""HTTP methods that change state: what the Django and Flask route models call so."""
