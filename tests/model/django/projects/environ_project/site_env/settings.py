"""Settings read with django-environ; the defaults are what ships without variables."""

import environ

env = environ.Env(DEBUG=(bool, True), ALLOWED_HOSTS=(list, []))

SECRET_KEY = env("SECRET_KEY")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "site_env.urls"
DATABASES = {"default": env.db("DATABASE_URL", default="sqlite://:memory:")}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=0)
SECURE_SSL_REDIRECT = env.bool("SSL_REDIRECT", default=True)
SECURE_REFERRER_POLICY = env.str("REFERRER_POLICY", default="no-referrer-when-downgraded")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-site"
