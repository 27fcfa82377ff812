"""Settings loaded with `app.config.from_object("settings.Settings")`."""

import os


class Base:
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SECURITY_PASSWORD_HASH = "argon2"


class Settings(Base):
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SECURITY_PASSWORD_SALT = "146585145368132386173505678016728509634"
    SECURITY_REGISTERABLE = True
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SAMESITE = "strict"
