"""Names of values that hold how the user wants pages shown (language, theme, time
zone, how a list is sorted): a cookie or a session key so named grants nothing, and
changing it changes nothing but the look of the user's own pages."""

from __future__ import annotations

from webwarden.model.module import identifier_words, sounds_secret

_PREFERENCE_WORDS = frozenset(
    {"language", "lang", "locale", "theme", "timezone", "tz", "collapse", "collapsed"}
    | {"collapsediffs", "sidebar", "layout", "density", "sort", "sorting"}
    | {"accordion", "accordions", "dark", "darkmode", "country", "geoip"}
)
"""Words of names that hold how the user wants pages shown (`accordions`: which of a
page's collapsible panels are open; `dark-mode-enabled`, the dark colour scheme; the
visitor's country as the site or its CDN located them, `geoip_country_name`, a locale
hint a script reads to pick the page's language or region)."""
_FEATURE_FLAG_WORDS = (frozenset({"feature", "features"}), frozenset({"flag", "flags"}))
"""Both words name the optional features a visitor switched on for their own pages
(`FEATURE_FLAG_COOKIE_NAME`, set from `?app_FEATURE_X` in the query string): what any
visitor may choose, no credential (neither word alone: `admin_flag`, `features_seen`;
nor a name that sounds secret: `feature_flag_token`)."""
_CONSENT_WORDS = (frozenset({"consent", "consents"}), frozenset({"cookie", "cookies", "gdpr"}))
"""Both words name the visitor's choice of which cookies the site may set (a consent
banner's `cookie_consent`, `GDPR_CONSENT_COOKIE_NAME`): what any visitor may choose, which
the banner's script may read (neither word alone: `oauth_consent` records a grant to a
client; nor a name that sounds secret: `cookie_consent_token`)."""
_COLOUR_SCHEME_WORDS = (frozenset({"color", "colour"}), frozenset({"scheme", "mode"}))
"""Both words name the colour scheme the visitor picked for their own pages (CSS's
`color-scheme`, a toggle's `color_mode`): light or dark (neither word alone: `mode`,
`scheme` of a URL; nor a name that sounds secret)."""
_VIEW_MODE_WORDS = (frozenset({"view", "display", "show"}), frozenset({"mode"}))
"""Both words name how the user wants a page laid out (`show-mode`, a list's
`view_mode` or `display_mode`: a grid or a table, compact or full): a choice any visitor
may make, no credential (neither word alone: `view_token`, `mode` of an auth flow; nor a
name that sounds secret)."""
_FILTER_WORDS = frozenset({"filter", "filters"})
"""Words of names that hold which rows of a list the user wants shown (`cve_filter`,
`filters`): a choice like the list's sort, unless the name sounds secret too
(`filter_token`)."""
_PREFERENCE_NAMES = frozenset({"order", "ordering"})
"""Whole names that hold how the user wants a list shown (`order_id` is no preference:
the word alone is not enough)."""


def names_preference(name: str) -> bool:
    """Whether `name` is one of a display preference: `django_language`, `theme`,
    `collapsediffs`, `sort_by`, `COOKIE_NAME_THEME`, the list's `order` or `cve_filter`,
    or the features a visitor switched on (`FEATURE_FLAGS`), or the cookies they consent
    to (`cookie_consent`), or the colour scheme they picked (`color_scheme`), or how a
    page is laid out (`view_mode`)."""
    words = set(identifier_words(name))
    for groups in (_FEATURE_FLAG_WORDS, _CONSENT_WORDS, _COLOUR_SCHEME_WORDS, _VIEW_MODE_WORDS):
        if all(group & words for group in groups) and not sounds_secret(name):
            return True
    if _FILTER_WORDS & words and not sounds_secret(name):
        return True
    return name.lower() in _PREFERENCE_NAMES or bool(_PREFERENCE_WORDS & words)
