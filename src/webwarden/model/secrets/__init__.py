"""Secrets in Python modules: per-file facts, and which of them a framework model owns."""

from __future__ import annotations

from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.secrets.extract import extract_secrets
from webwarden.model.secrets.facts import Category as Category
from webwarden.model.secrets.facts import Holder as Holder
from webwarden.model.secrets.facts import ModuleSecrets as ModuleSecrets
from webwarden.model.secrets.facts import SecretSite as SecretSite

SECRETS_FACTS = "secrets"
EXTRACTORS.append(FactExtractor(SECRETS_FACTS, extract_secrets))
