"""Extensions made without an app, bound in `register_extensions(app)`."""

from flask_login import LoginManager
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
talisman = Talisman()


def register_extensions(app):
    csrf.init_app(app)
    login_manager.init_app(app)
    talisman.init_app(app, content_security_policy=None)
