"""The functions of Django's messages framework, and the tags of its levels.

Kept apart from `model.django` so that the template model and the taint analysis can
read it without importing the Django model."""

from __future__ import annotations

LEVEL_TAGS = ("debug", "info", "success", "warning", "error")
"""The tags Django gives each message for its level (`MESSAGE_TAGS` may rename them),
also the names of the functions storing a message of that level."""
MESSAGE_MODULES = ("django.contrib.messages", "django.contrib.messages.api")
"""Where the functions are defined (`api`) and re-exported."""
LEVEL_FUNCTIONS = tuple(f"{module}.{level}" for module in MESSAGE_MODULES for level in LEVEL_TAGS)
"""`messages.info(request, message, extra_tags="", fail_silently=False)` and its kin."""
ADD_MESSAGE_FUNCTIONS = tuple(f"{module}.add_message" for module in MESSAGE_MODULES)
"""`messages.add_message(request, level, message, extra_tags="", fail_silently=False)`."""
MESSAGE_FUNCTIONS = frozenset(LEVEL_FUNCTIONS + ADD_MESSAGE_FUNCTIONS)
"""Every function storing a message for the next page."""
