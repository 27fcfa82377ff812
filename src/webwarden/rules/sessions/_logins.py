"""Shared by WW806 and WW827: the logins that keep the session id they found."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.model.auth.facts import SessionLogin
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._project import auth_facts_by_path


def unrotated_logins(project: ProjectModel, framework: str) -> Iterator[SessionLogin]:
    """The session logins of `framework` (`django`, `flask`) in the project's application
    code (test code has none), in path order."""
    for _, facts in auth_facts_by_path(project):
        for login in facts.session_logins:
            if login.framework == framework:
                yield login
