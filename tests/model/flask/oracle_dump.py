"""Run by the oracle test in a subprocess: import a fixture app, print its config and url_map.

Usage: `python oracle_dump.py MODULE:ATTR [FACTORY_ARG] [--dotenv]` in the app's folder.
This is the only place a Flask fixture app is imported; webwarden itself never does.
"""

from __future__ import annotations

import datetime
import importlib
import json
import sys


def jsonable(value: object) -> object:
    """The JSON form both sides of the oracle compare."""
    if isinstance(value, datetime.timedelta):
        return {"timedelta": value.total_seconds()}
    if isinstance(value, bytes):
        return {"bytes": value.decode("latin-1")}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return {"repr": type(value).__name__}


def main(argv: list[str]) -> None:
    target = argv[0]
    dotenv = "--dotenv" in argv
    arguments = [a for a in argv[1:] if a != "--dotenv"]
    if dotenv:
        from flask.cli import load_dotenv

        load_dotenv()
    sys.path.insert(0, ".")
    module_name, _, attribute = target.partition(":")
    made = getattr(importlib.import_module(module_name), attribute)
    app = made(*arguments) if callable(made) and not hasattr(made, "url_map") else made
    config = {key: jsonable(value) for key, value in app.config.items()}
    rules = sorted([r.rule, r.endpoint, sorted(r.methods or ())] for r in app.url_map.iter_rules())
    json.dump({"config": config, "rules": rules}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
