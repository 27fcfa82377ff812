"""Values a library's template tag binds to the site's configuration."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.model.templates.library_tags import configured_field
from webwarden.model.templates.template_facts import template_facts
from webwarden.parse.templates import ParsedTemplate, TemplateSyntax, parse_template

PROVIDERS = """
    {% load socialaccount %}
    {% get_providers as providers %}
    {% for provider in providers %}{% icon provider.id %}{% endfor %}
"""


def _parsed(text: str) -> ParsedTemplate:
    parsed = parse_template("app/templates/page.html", textwrap.dedent(text), TemplateSyntax())
    assert isinstance(parsed, ParsedTemplate)
    return parsed


@pytest.mark.parametrize(
    ("path", "line", "defined", "configured"),
    [
        pytest.param("providers.id", 4, set(), True, id="provider-id-in-the-loop"),
        pytest.param("providers.name", 4, set(), True, id="provider-name"),
        pytest.param("providers.account.uid", 4, set(), False, id="deeper-attribute"),
        pytest.param("providers", 4, set(), False, id="the-list-itself"),
        pytest.param("providers.id", 2, set(), False, id="read-before-the-tag"),
        pytest.param("providers.id", 4, {"get_providers"}, False, id="project-tag-of-that-name"),
    ],
)
def test_configured_field(path: str, line: int, defined: set[str], configured: bool) -> None:
    facts = template_facts(_parsed(PROVIDERS))
    assert configured_field(facts, defined, path, line) is configured


def test_a_name_another_tag_binds_too_is_not_known() -> None:
    facts = template_facts(
        _parsed(
            """
            {% get_social_accounts user as providers %}
            {% get_providers as providers %}
            {% for provider in providers %}{% icon provider.id %}{% endfor %}
            """
        )
    )
    assert not configured_field(facts, set(), "providers.id", 4)
