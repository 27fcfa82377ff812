"""Registers the Django fact extractors (listed in `model.facts.EXTRACTOR_MODULES`)."""

from __future__ import annotations

from webwarden.model.django.admin_urls import ADMIN_URL_FACTS, extract_admin_urls
from webwarden.model.django.app_configs import APP_CONFIG_FACTS, extract_app_configs
from webwarden.model.django.configure_call import CONFIGURE_FACTS, extract_configure
from webwarden.model.django.csrf_switch_offs import (
    CSRF_SWITCH_OFF_FACTS,
    extract_csrf_switch_offs,
)
from webwarden.model.django.entry_points import extract_entry
from webwarden.model.django.extract_settings import extract_settings
from webwarden.model.django.extract_urls import extract_urls
from webwarden.model.django.extract_views import extract_views
from webwarden.model.django.fixtures import FIXTURE_FACTS, loaded_fixtures
from webwarden.model.django.host_urlconfs import HOSTCONF_FACTS, extract_hostconf
from webwarden.model.django.message_tags import MESSAGE_TAG_FACTS, extract_message_tags
from webwarden.model.django.ninja import NINJA_FACTS, extract_ninja
from webwarden.model.django.project import ENTRY_FACTS, SETTINGS_FACTS, URL_FACTS, VIEW_FACTS
from webwarden.model.django.response_decorators import (
    RESPONSE_DECORATORS,
    extract_response_decorators,
)
from webwarden.model.django.runtime_settings import (
    RUNTIME_SETTINGS_FACTS,
    extract_runtime_settings,
)
from webwarden.model.django.serializer_uses import CLASS_USE_FACTS, extract_class_uses
from webwarden.model.django.session_use import SESSION_HELPERS, extract_session_helpers
from webwarden.model.django.signal_receivers import (
    SIGNAL_RECEIVER_FACTS,
    extract_signal_receivers,
)
from webwarden.model.facts import EXTRACTORS, FactExtractor

EXTRACTORS.extend(
    [
        FactExtractor(SETTINGS_FACTS, extract_settings),
        FactExtractor(ENTRY_FACTS, extract_entry),
        FactExtractor(URL_FACTS, extract_urls),
        FactExtractor(HOSTCONF_FACTS, extract_hostconf, in_tests=False),
        FactExtractor(APP_CONFIG_FACTS, extract_app_configs, in_tests=False),
        FactExtractor(ADMIN_URL_FACTS, extract_admin_urls, in_tests=False),
        FactExtractor(VIEW_FACTS, extract_views),
        FactExtractor(NINJA_FACTS, extract_ninja, in_tests=False),
        FactExtractor(CONFIGURE_FACTS, extract_configure, in_tests=False),
        FactExtractor(RUNTIME_SETTINGS_FACTS, extract_runtime_settings, in_tests=False),
        FactExtractor(FIXTURE_FACTS, loaded_fixtures),
        FactExtractor(SESSION_HELPERS, extract_session_helpers),
        FactExtractor(MESSAGE_TAG_FACTS, extract_message_tags),
        FactExtractor(SIGNAL_RECEIVER_FACTS, extract_signal_receivers),
        FactExtractor(CSRF_SWITCH_OFF_FACTS, extract_csrf_switch_offs, in_tests=False),
        FactExtractor(CLASS_USE_FACTS, extract_class_uses, in_tests=False),
        FactExtractor(RESPONSE_DECORATORS, extract_response_decorators),
    ]
)
