"""Authentication in a project: login entry points, throttling and MFA, password storage."""

from __future__ import annotations

from webwarden.model.auth.extract import extract_auth
from webwarden.model.auth.facts import AuthFacts as AuthFacts
from webwarden.model.auth.facts import LoginEntry as LoginEntry
from webwarden.model.auth.facts import PasswordField as PasswordField
from webwarden.model.auth.facts import PasswordWrite as PasswordWrite
from webwarden.model.auth.owned_rows import OWNED_ROW_FACTS, extract_owned_rows
from webwarden.model.facts import EXTRACTORS, FactExtractor

AUTH_FACTS = "auth"
EXTRACTORS.append(FactExtractor(AUTH_FACTS, extract_auth, in_tests=False))
EXTRACTORS.append(FactExtractor(OWNED_ROW_FACTS, extract_owned_rows, in_tests=False))
