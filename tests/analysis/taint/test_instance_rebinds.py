"""Imported classes a module replaces by the one instance it makes of them."""

from __future__ import annotations

import textwrap

from webwarden.analysis.taint.instance_rebinds import replaced_imports
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source

_MODULE = """
from flask import Flask

from portal.config import Config
from portal.logger import Logger
from portal.mailer import Mailer
from portal.store import Store
from portal.tasks import Tasks

app = Flask(__name__)
Logger = Logger()
with app.app_context():
    Store: Store = Store(app)
Mailer = Config(app)
mailer = Mailer()


def setup():
    Tasks = Tasks()
    return Tasks
"""


def test_imported_classes_bound_again_to_their_instance() -> None:
    parsed = parse_source(textwrap.dedent(_MODULE), "portal/app.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("portal/app.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    assert replaced_imports(ctx) == {"Logger", "Store"}
