"""The e-mails a subclass of Django's password reset view sends, and their context."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

_VIEW = """
from django.contrib.auth.views import PasswordResetView


class ResetView(PasswordResetView):
{body}
"""


@pytest.mark.parametrize(
    ("body", "template"),
    [
        pytest.param(
            '    html_email_template_name = "accounts/reset.html"',
            "accounts/reset.html",
            id="html-body",
        ),
        pytest.param(
            '    template_name = "accounts/form.html"',
            "registration/password_reset_email.html",
            id="django-default-body",
        ),
    ],
)
def test_reset_email_context_is_inert(tmp_path: Path, body: str, template: str) -> None:
    model = template_model(
        tmp_path,
        {
            "accounts/views.py": _VIEW.format(body=body),
            f"templates/{template}": "<p>{{ domain }} {{ user.first_name }}</p>\n",
        },
    )
    relpath = f"templates/{template}"
    assert model.inert(relpath, "domain")
    assert model.inert(relpath, "token")
    assert not model.inert(relpath, "user.first_name")


def test_other_views_send_no_reset_email(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "accounts/views.py": """
            from django.views.generic import TemplateView


            class ResetView(TemplateView):
                email_template_name = "accounts/reset.html"
            """,
            "templates/accounts/reset.html": "<p>{{ domain }}</p>\n",
        },
    )
    assert not model.inert("templates/accounts/reset.html", "domain")
