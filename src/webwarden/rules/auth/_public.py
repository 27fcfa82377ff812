"""Views that are public by nature, by the names of their function, route or URL."""

from __future__ import annotations

import re

PUBLIC_VIEW = re.compile(
    r"login|logout|signin|sign_in|signup|sign_up|register|reset|forgot|recover|password|token|"
    r"webhook|callback|oauth|sso|confirm|verify|activate|unsubscribe|contact|feedback|health|"
    r"(set|switch|change|select|choose)_?(language|lang|locale|currency|theme|timezone)|setlang",
    re.IGNORECASE,
)
"""Login and single sign-on, registration, password recovery, webhooks and callbacks,
contact forms, switches of the visitor's own language, currency, theme or time zone: views
anyone must reach, or that other servers call."""
