"""Shared by the Flask debug rules: what a `run()` call and the DEBUG setting amount to."""

from __future__ import annotations

from webwarden.model.flask import FlaskApp
from webwarden.rules.auditing.server_bind_all_interfaces import ALL_INTERFACES
from webwarden.rules.flask_base import in_effect


def truthy(value: object) -> bool:
    """True for a value that is truthy as a constant or when its variables are unset."""
    return bool(in_effect(value))  # NOTE: UNKNOWN is falsy.


def werkzeug_run(options: dict[str, object]) -> bool:
    """Whether the run is Werkzeug's `run_simple(host, port, application, ...)`, which
    reads no `DEBUG` setting: only its own `use_debugger` serves the console."""
    return "application" in options


def debug_of_run(app: FlaskApp, options: dict[str, object]) -> object:
    """`debug=` of the call, else what `DEBUG` is in the app's config (every variant);
    for `run_simple`, its `use_debugger`."""
    if werkzeug_run(options):
        return options.get("use_debugger", False)
    if "debug" in options:
        return options["debug"]
    values = [judged.value for judged in app.judge("DEBUG") if judged.setting is not None]
    return next((v for v in values if truthy(v)), False)


def all_interfaces(value: object) -> bool:
    """`"0.0.0.0"`, `"::"`... as a constant or a deploy-time default."""
    return in_effect(value) in ALL_INTERFACES
