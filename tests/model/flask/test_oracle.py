"""Oracle: Flask itself. Each fixture app is imported in a subprocess (webwarden never
imports it) and its runtime `app.config` and `app.url_map` are compared with the model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.model.flask.model_helpers import ASSETS, flask_model
from tests.model.flask.oracle_dump import jsonable
from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import NO_DEFAULT, DeployTime
from webwarden.model.flask import FLASK_DEFAULTS, FlaskApp, Variant

DUMP = Path(__file__).with_name("oracle_dump.py")


@dataclass(frozen=True)
class Case:
    folder: str
    target: str
    env: dict[str, str] = field(default_factory=dict)
    dotenv: bool = False
    extension_endpoints: tuple[str, ...] = ()
    """Endpoints extensions register at run time (not in the source)."""
    minimum_compared: int = 5


CASES = [
    Case("insecure_single", "app:app"),
    Case("hardened", "app:app", env={"NOTES_SECRET_KEY": "x" * 40}),
    Case("factory", "shop:create_app"),
    Case("envconfig", "app:app", dotenv=True),
    Case("api_only", "api:app", env={"API_SECRET_KEY": "y" * 40}),
    Case("security_too", "app:app", extension_endpoints=("security.", "static")),
    Case("subclass", "portal.app:create_app"),
    Case("self_made", "wiki.app:create_app"),
]


def runtime(case: Case, argument: str | None) -> dict[str, object]:
    folder = ASSETS / case.folder
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(folder), **case.env}
    command = [sys.executable, str(DUMP), case.target]
    if argument is not None:
        command.append(argument)
    if case.dotenv:
        command.append("--dotenv")
    done = subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def modelled(value: object) -> object:
    """The value the app has at run time when every deploy-time variable is unset."""
    if isinstance(value, DeployTime):
        value = value.if_unset
    if value is UNKNOWN or value is NO_DEFAULT:
        return UNKNOWN
    return jsonable(value)


def compare_config(app: FlaskApp, variant: Variant | None, config: dict[str, object]) -> int:
    keys = {key for layer in app.layers for key in layer.settings} | set(FLASK_DEFAULTS)
    compared = 0
    for key in sorted(keys):
        setting = app.effective(key, variant, env_files=True)
        if setting is None and key not in FLASK_DEFAULTS:
            continue
        value = FLASK_DEFAULTS[key] if setting is None else setting.value
        expected = modelled(value)
        if expected is UNKNOWN:
            continue
        assert config.get(key) == expected, (
            f"{key}: model {expected!r} != Flask {config.get(key)!r}"
        )
        compared += 1
    return compared


def compare_routes(app: FlaskApp, rules: list[list[object]], case: Case) -> None:
    model = sorted([r.rule, r.endpoint, sorted(r.methods)] for r in app.routes)
    real = [
        rule
        for rule in rules
        if not str(rule[1]).startswith(case.extension_endpoints) or not case.extension_endpoints
    ]
    if case.extension_endpoints:
        model = [r for r in model if not str(r[1]).startswith(case.extension_endpoints)]
    assert model == sorted(real)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.folder)
def test_model_matches_flask(case: Case) -> None:
    model = flask_model(ASSETS / case.folder)
    assert len(model.apps) == 1
    app = model.apps[0]
    variants: list[Variant | None] = list(app.variants) or [None]
    for variant in variants:
        argument = variant.keys[0] if variant is not None else None
        seen = runtime(case, argument)
        compared = compare_config(app, variant, seen["config"])  # type: ignore[arg-type]
        assert compared >= case.minimum_compared
        compare_routes(app, seen["rules"], case)  # type: ignore[arg-type]
