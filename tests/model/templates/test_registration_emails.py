"""The e-mails django-rest-registration sends from the templates its setting names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

_SETTINGS = """
INSTALLED_APPS = ["rest_registration"]
TEMPLATES = [{{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": ["templates"]}}]
REST_REGISTRATION = {{
{entries}
}}
"""
_BODY = '<a href="{{ verification_url|safe }}">{{ user.username }} {{ email }}</a>\n'


@pytest.mark.parametrize(
    ("entries", "template"),
    [
        pytest.param(
            '    "RESET_PASSWORD_VERIFICATION_EMAIL_TEMPLATES": '
            '{"subject": "mail/subject.txt", "html_body": "mail/reset.html"},',
            "mail/reset.html",
            id="named-html-body",
        ),
        pytest.param(
            '    "REGISTER_VERIFICATION_URL": "https://example.org/verify/",',
            "rest_registration/register/body.txt",
            id="library-default-body",
        ),
    ],
)
def test_verification_url_is_a_built_link(tmp_path: Path, entries: str, template: str) -> None:
    model = template_model(
        tmp_path,
        {"settings.py": _SETTINGS.format(entries=entries), f"templates/{template}": _BODY},
    )
    relpath = f"templates/{template}"
    assert model.cleaned(relpath, "verification_url")
    assert model.built_url(relpath, "verification_url")
    assert not model.cleaned(relpath, "email")
    assert not model.cleaned(relpath, "user.username")


@pytest.mark.parametrize(
    "entries",
    [
        pytest.param(
            '    "VERIFICATION_URL_BUILDER": "accounts.links.build",\n'
            '    "REGISTER_VERIFICATION_EMAIL_TEMPLATES": {"subject": "s.txt", "body": "mail/reg.html"},',
            id="own-link-builder",
        ),
        pytest.param(
            "    **BASE,\n"
            '    "REGISTER_VERIFICATION_EMAIL_TEMPLATES": {"subject": "s.txt", "body": "mail/reg.html"},',
            id="spread-settings",
        ),
    ],
)
def test_own_builders_leave_the_link_unknown(tmp_path: Path, entries: str) -> None:
    model = template_model(
        tmp_path,
        {
            "settings.py": "BASE = {}\n" + _SETTINGS.format(entries=entries),
            "templates/mail/reg.html": _BODY,
        },
    )
    assert not model.cleaned("templates/mail/reg.html", "verification_url")
