"""The confirmation e-mails a subclass of allauth's account adapter sends, and their
context."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

_ADAPTER = """
from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
{body}
"""
_TEMPLATE = "templates/account/email/email_confirmation_message.html"


@pytest.mark.parametrize(
    ("body", "plain"),
    [
        pytest.param("    pass", True, id="allauth-builds-all"),
        pytest.param(
            """
    def send_mail(self, template_prefix, email, context):
        context["expire_hours"] = 48
        super().send_mail(template_prefix, email, context)
            """,
            True,
            id="sender-adding-a-name",
        ),
        pytest.param(
            """
    def send_mail(self, template_prefix, email, context):
        context["code"] = email
        super().send_mail(template_prefix, email, context)
            """,
            False,
            id="sender-setting-the-code",
        ),
        pytest.param(
            """
    def send_mail(self, template_prefix, email, context):
        context["current_site"] = self.request.GET
        context["code"] = "1234"
        super().send_mail(template_prefix, email, context)
            """,
            False,
            id="sender-setting-the-site",
        ),
        pytest.param(
            """
    def send_mail(self, template_prefix, email, context):
        context.update(self.extra)
        super().send_mail(template_prefix, email, context)
            """,
            False,
            id="sender-updating-the-context",
        ),
        pytest.param(
            """
    def get_email_confirmation_url(self, request, emailconfirmation):
        return request.GET["next"]
            """,
            False,
            id="adapter-building-the-link",
        ),
    ],
)
def test_confirmation_email_context(tmp_path: Path, body: str, plain: bool) -> None:
    model = template_model(
        tmp_path,
        {
            "accounts/adapter.py": _ADAPTER.format(body=body),
            _TEMPLATE: "<p>{{ activate_url }} {{ code }} {{ user.first_name }}</p>\n",
        },
    )
    assert model.inert(_TEMPLATE, "activate_url") is plain
    assert model.inert(_TEMPLATE, "code") is plain
    assert model.configured(_TEMPLATE, "current_site.domain") is plain
    assert not model.inert(_TEMPLATE, "user.first_name")


def test_other_classes_send_no_confirmation_email(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "accounts/adapter.py": """
            class AccountAdapter:
                pass
            """,
            _TEMPLATE: "<p>{{ activate_url }}</p>\n",
        },
    )
    assert not model.inert(_TEMPLATE, "activate_url")


def test_a_subclass_of_the_projects_adapter_is_one_too(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "accounts/adapter.py": _ADAPTER.format(body="    pass"),
            "shop/adapter.py": """
            from accounts.adapter import AccountAdapter


            class ShopAccountAdapter(AccountAdapter):
                def get_email_confirmation_url(self, request, emailconfirmation):
                    return request.GET["next"]
            """,
            _TEMPLATE: "<p>{{ activate_url }}</p>\n",
        },
    )
    assert not model.inert(_TEMPLATE, "activate_url")
