"""Values a library's template tag binds (`{% tag ... as name %}`) to the site's own
configuration: no visitor writes them."""

from __future__ import annotations

from collections.abc import Container

from webwarden.model.templates.facts import TemplateFacts

CONFIGURED_FIELDS = {"get_providers": frozenset({"id", "name"})}
"""django-allauth's `{% get_providers as providers %}` (its `socialaccount` library) ->
the attributes of each provider that are configuration: a provider's `id` and `name` are
its class's own (`google`, `Google`) or those the site's administrators give a
`SocialApp` or `SOCIALACCOUNT_PROVIDERS` entry (an OpenID Connect app's `provider_id`)."""


def configured_field(facts: TemplateFacts, defined: Container[str], path: str, line: int) -> bool:
    """Whether `path`, read at `line`, is a configured attribute of what a library tag
    bound earlier in the template (`provider.id` in `{% for provider in providers %}`
    after `{% get_providers as providers %}`, as paths read a loop's root:
    `providers.id`). A tag the project defines itself (`defined`: the names of its
    filters and tags) is its own, not the library's; a name another tag binds too is not
    known."""
    root, dot, attribute = path.partition(".")
    if not dot or "." in attribute:
        return False
    binders = [use for use in facts.filters if use.kind == "tag" and use.binds == root]
    return bool(binders) and all(
        use.name not in defined
        and attribute in CONFIGURED_FIELDS.get(use.name, frozenset())
        and use.line < line
        for use in binders
    )
