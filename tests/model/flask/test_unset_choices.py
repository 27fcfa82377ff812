"""A config mapping's entry chosen while the selecting environment variable is unset."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.findings import Severity

CONFIG = """\
    class DevelopmentConfig:
        SECRET_KEY = "dev"

    class ProductionConfig:
        SESSION_COOKIE_SECURE = True

    configs = {"development": DevelopmentConfig, "production": ProductionConfig}
"""

FACTORY = """\
    import os
    from flask import Flask
    from config import configs

    def create_app(name):
        app = Flask(__name__)
        app.config.from_object(configs[name])
        return app
"""

REASSIGNED = """\
    import os
    from flask import Flask
    from config import configs

    def create_app(name=None):
        if name is None:
            name = os.environ.get("APP_ENV", "{default}")
        app = Flask(__name__)
        app.config.from_object(configs[name])
        return app
"""

DEFAULTED = """\
    import os
    from flask import Flask
    from config import configs

    def create_app(name=os.getenv("APP_ENV", "{default}")):
        app = Flask(__name__)
        app.config.from_object(configs[name])
        return app
"""

GIVEN_OR_READ = """\
    import os
    from flask import Flask
    from config import configs

    def create_app(name=None):
        app = Flask(__name__)
        app.config.from_object(configs[name or os.environ.get("APP_ENV", "{default}")])
        return app
"""

SERVE = "import os\nfrom app import create_app\napp = create_app({} 'development')\n"

DIRECT = """\
    import os
    from flask import Flask
    from config import configs

    app = Flask(__name__)
    app.config.from_object(configs[os.getenv("APP_ENV", "{default}")])
"""


def _secret_key_finding(root: Path, files: dict[str, str]) -> tuple[Severity, str]:
    for name, text in {"config.py": CONFIG, **files}.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
    (finding,) = audit([root], root, select=["WW220"])
    return finding.severity, finding.context


UNSET = "development config `DevelopmentConfig`, loaded when `APP_ENV` is unset"
CHOSEN = "development config `DevelopmentConfig`"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"app/__init__.py": FACTORY, "wsgi.py": SERVE.format("os.getenv('APP_ENV') or")},
            (Severity.HIGH, UNSET),
        ),
        (
            {"app/__init__.py": FACTORY, "wsgi.py": SERVE.format("name=os.getenv('APP_ENV') or")},
            (Severity.HIGH, UNSET),
        ),
        ({"app/__init__.py": REASSIGNED.format(default="development")}, (Severity.HIGH, UNSET)),
        ({"app.py": DIRECT.format(default="development")}, (Severity.HIGH, UNSET)),
        ({"app.py": DEFAULTED.format(default="development")}, (Severity.HIGH, UNSET)),
        ({"app.py": GIVEN_OR_READ.format(default="development")}, (Severity.HIGH, UNSET)),
        ({"app.py": DEFAULTED.format(default="production")}, (Severity.LOW, CHOSEN)),
        ({"app.py": GIVEN_OR_READ.format(default="production")}, (Severity.LOW, CHOSEN)),
        # The variable picks production when unset: development is chosen on purpose.
        ({"app/__init__.py": REASSIGNED.format(default="production")}, (Severity.LOW, CHOSEN)),
        ({"app.py": DIRECT.format(default="production")}, (Severity.LOW, CHOSEN)),
        (
            {
                "app/__init__.py": FACTORY,
                "wsgi.py": "import os\nfrom app import create_app\n"
                "app = create_app(os.environ['APP_ENV'])\n",
            },
            (Severity.LOW, CHOSEN),
        ),
    ],
)
def test_the_config_a_missing_variable_selects_is_judged_as_deployed(
    tmp_path: Path, files: dict[str, str], expected: tuple[Severity, str]
) -> None:
    assert _secret_key_finding(tmp_path, files) == expected
