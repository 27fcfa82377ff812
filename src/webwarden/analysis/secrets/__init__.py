"""Recognising secrets in values: credential formats, secret names, placeholders, masks.

Pure functions of strings, shared by the per-file fact extractor and the text-file rules.
"""

from __future__ import annotations

from webwarden.analysis.secrets.formats import TokenMatch as TokenMatch
from webwarden.analysis.secrets.formats import find_tokens as find_tokens
from webwarden.analysis.secrets.formats import first_token as first_token
from webwarden.analysis.secrets.formats import jwt_issuer as jwt_issuer
from webwarden.analysis.secrets.mask import mask as mask
from webwarden.analysis.secrets.mask import mask_columns as mask_columns
from webwarden.analysis.secrets.mask import mask_occurrences as mask_occurrences
from webwarden.analysis.secrets.urls import CredentialUrl as CredentialUrl
from webwarden.analysis.secrets.urls import find_credential_urls as find_credential_urls
from webwarden.analysis.secrets.urls import is_development_host as is_development_host
from webwarden.analysis.secrets.urls import is_local_host as is_local_host
from webwarden.analysis.secrets.urls import local_credential_url as local_credential_url
from webwarden.analysis.secrets.urls import url_host as url_host
from webwarden.analysis.secrets.values import credential_kind as credential_kind
from webwarden.analysis.secrets.values import is_password_name as is_password_name
from webwarden.analysis.secrets.values import is_placeholder as is_placeholder
from webwarden.analysis.secrets.values import looks_like_secret as looks_like_secret
from webwarden.analysis.secrets.values import may_name_credential as may_name_credential
