"""Stored passwords the code reads back to log in elsewhere."""

from __future__ import annotations

import textwrap

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.facts import SentPassword
from webwarden.model.auth.sent_passwords import sent_passwords
from webwarden.parse.python import ParsedPython, parse_source


def _sent(source: str) -> list[SentPassword]:
    parsed = parse_source(textwrap.dedent(source), "app/clients.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    return list(sent_passwords(make_context("app/clients.py", parsed, plan)))


def test_logins_elsewhere_are_found() -> None:
    assert set(
        _sent(
            """
        import jenkins
        import requests
        from requests.auth import HTTPBasicAuth

        jenkins.Jenkins(cfg.url, username=cfg.user, password=cfg.jenkins_pass)
        requests.get(url, auth=(hook.user, hook.password))
        requests.post(url, auth=HTTPBasicAuth(relay.user, relay.smtp_password))
        """
        )
    ) == {
        SentPassword("jenkins_pass", "jenkins.Jenkins"),
        SentPassword("password", "requests.get"),
        SentPassword("smtp_password", "requests.auth.HTTPBasicAuth"),
    }


def test_checks_storage_and_plain_values_are_not_logins() -> None:
    assert not _sent(
        """
        from django.contrib.auth import authenticate

        authenticate(request, username=u.username, password=u.password)
        Account.objects.create(password=u.password)
        Account.objects.get(password=u.password)
        User.query.filter_by(password=u.password)
        client.login(password=form_password)
        connect(password="literal")
        """
    )
