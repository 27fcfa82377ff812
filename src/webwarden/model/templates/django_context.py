"""The names a Django template gets beside those its render passes: what the context
processors a `TEMPLATES` setting lists add, and Django's CSRF processor, which every
`RequestContext` runs. A render by Django's shortcuts (`render(request, "page.html",
context)`, `render_to_string`) hands the template that mapping and those names, nothing
else (a class-based view's base classes add their own: `view`, `object`, `page`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from webwarden.model.templates.facts import TemplatesSetting

_ALWAYS = frozenset({"csrf_token"})
"""Django's `_builtin_context_processors`: the CSRF token, in every `RequestContext`."""
_PROCESSOR_NAMES: dict[str, frozenset[str]] = {
    "django.template.context_processors.debug": frozenset({"debug", "sql_queries"}),
    "django.template.context_processors.request": frozenset({"request"}),
    "django.template.context_processors.i18n": frozenset(
        {"LANGUAGES", "LANGUAGE_CODE", "LANGUAGE_BIDI"}
    ),
    "django.template.context_processors.tz": frozenset({"TIME_ZONE"}),
    "django.template.context_processors.static": frozenset({"STATIC_URL"}),
    "django.template.context_processors.media": frozenset({"MEDIA_URL"}),
    "django.template.context_processors.csrf": _ALWAYS,
    "django.contrib.auth.context_processors.auth": frozenset({"user", "perms"}),
    "django.contrib.messages.context_processors.messages": frozenset(
        {"messages", "DEFAULT_MESSAGE_LEVELS"}
    ),
    "social_django.context_processors.backends": frozenset({"backends"}),
    "social_django.context_processors.login_redirect": frozenset(
        {"REDIRECT_FIELD_NAME", "REDIRECT_FIELD_VALUE", "REDIRECT_QUERYSTRING"}
    ),
    "wagtail.contrib.settings.context_processors.settings": frozenset({"settings"}),
    "django_settings_export.settings_export": frozenset({"settings"}),
}
"""The names each context processor of Django and of a few common packages returns
(python-social-auth's `backends` and `login_redirect`, Wagtail's site `settings`,
django-settings-export's `settings`)."""
CONFIGURATION_PROCESSORS: dict[str, frozenset[str]] = {
    "django_settings_export.settings_export": frozenset({"settings"}),
}
"""Context processors of packages whose names hold the deployment's configuration only:
django-settings-export's `settings`, the Django settings `SETTINGS_EXPORT` lists.
NOTE: a project renaming it (`SETTINGS_EXPORT_VARIABLE_NAME`) leaves `settings`
undefined, which Django writes as nothing, and its own name unknown."""
_PROJECT_PROCESSORS = "context_processors"
"""The module (or package) name Django projects give their context processors, whose
names the template model records (`env_globals.context_processor_globals`)."""


def processor_names(
    settings: Iterable[TemplatesSetting],
    modules: Collection[str],
    told_functions: Collection[str],
) -> frozenset[str] | None:
    """The names the context processors of the project's `TEMPLATES` settings add that
    the template model does not record itself, or None when some cannot be told: a
    processor of a package not listed above, a setting whose processors are not a list
    of strings, or no setting at all. A processor of the project (a module of
    `modules`) is told when it lives in a `context_processors` module, whose names the
    model records as Jinja-style globals (a processor returning keys no one can tell is
    recorded as such), or is one of `told_functions` (a processor of another module
    every `return` of which is a dict of literal keys)."""
    entries = list(settings)
    if not entries or not all(entry.processors_told for entry in entries):
        return None
    names = set(_ALWAYS)
    for entry in entries:
        for processor in entry.context_processors:
            known = _PROCESSOR_NAMES.get(processor)
            if known is not None:
                names |= known
                continue
            module, _, _function = processor.rpartition(".")
            own = module in modules and (
                module.rpartition(".")[2] == _PROJECT_PROCESSORS or processor in told_functions
            )
            if not own:
                return None
    return frozenset(names)
