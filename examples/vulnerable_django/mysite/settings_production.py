"""Production overrides of the example shop: HTTPS and headers half configured."""

import dj_database_url

from mysite.settings import *  # noqa: F403

INSTALLED_APPS += ["rest_framework", "corsheaders"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
X_FRAME_OPTIONS = "SAMEORIGIN"

SECRET_KEY_FALLBACKS = ["old-key"]
DATABASES["analytics"] = dj_database_url.config(
    env="ANALYTICS_DATABASE_URL", default="postgres://analytics:an4lyt1cs@db.internal.example.com/analytics"
)
DEBUG_PROPAGATE_EXCEPTIONS = True

SECURE_HSTS_SECONDS = 3600
SECURE_CONTENT_TYPE_NOSNIFF = False
SECURE_REFERRER_POLICY = "unsafe-url"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-site"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_HOST", "https")
SECURE_CSP = "default-src 'self'"
CSRF_TRUSTED_ORIGINS = ["https://*"]

SESSION_COOKIE_HTTPONLY = False
SESSION_COOKIE_SAMESITE = "None"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 365

CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True
