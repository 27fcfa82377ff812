"""Fields of a pydantic-settings object another module makes, as settings read them."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import NO_DEFAULT, DeployTime
from webwarden.engine.files import FilePlan, make_context
from webwarden.model.module import FileContext
from webwarden.model.settings_objects import settings_field
from webwarden.parse.python import ParsedPython, parse_source

_BASE = """
from pydantic import BaseSettings as V1Settings, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

class Platform(BaseSettings):
    DEBUG: bool = True
    TOKEN: str
    PORT: int = Field(8000, alias="HTTP_PORT")
    HOSTS: list = Field(default_factory=list)

class Prefixed(Platform):
    model_config = SettingsConfigDict(env_prefix="APP_")

class Legacy(V1Settings):
    DEBUG: bool = False

    class Config:
        env_prefix = "OLD_"

class Plain:
    DEBUG: bool = True
"""


def _modules(env: str) -> dict[str, FileContext]:
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    found = {}
    for module, source in (("app.base", _BASE), ("app.env", env)):
        relpath = module.replace(".", "/") + ".py"
        parsed = parse_source(textwrap.dedent(source), relpath)
        assert isinstance(parsed, ParsedPython)
        found[module] = make_context(relpath, parsed, plan)
    return found


def _field(env: str, field: str) -> object:
    return settings_field(_modules(env).get, f"app.env.env.{field}")


def _deploy(value: object) -> tuple[str, object]:
    assert isinstance(value, DeployTime), value
    return value.variables[0], value.if_unset


@pytest.mark.parametrize(
    ("env", "field", "expected"),
    [
        pytest.param("env = Platform()", "DEBUG", ("DEBUG", True), id="default"),
        pytest.param("env = Platform()", "TOKEN", ("TOKEN", NO_DEFAULT), id="required"),
        pytest.param("env = Platform()", "PORT", ("HTTP_PORT", 8000), id="field-alias"),
        pytest.param("env = Prefixed()", "DEBUG", ("APP_DEBUG", True), id="prefix-inherited"),
        pytest.param("env = Legacy()", "DEBUG", ("OLD_DEBUG", False), id="pydantic-1-config"),
        pytest.param(
            "import os\nif os.environ.get('CI'):\n    env = Platform(_env_file='.env.ci')\n"
            "else:\n    env = Platform()",
            "DEBUG",
            ("DEBUG", True),
            id="arms-agree",
        ),
    ],
)
def test_fields_read_from_the_environment(env: str, field: str, expected: object) -> None:
    assert _deploy(_field(f"from app.base import *\n{env}", field)) == expected


@pytest.mark.parametrize(
    ("env", "field"),
    [
        pytest.param("env = Platform()", "HOSTS", id="default-factory"),
        pytest.param("env = Platform()", "MISSING", id="no-such-field"),
        pytest.param("env = Plain()", "DEBUG", id="not-settings"),
        pytest.param("env = Platform(**given)", "DEBUG", id="spread-keywords"),
        pytest.param(
            "import os\nif os.environ.get('CI'):\n    env = Legacy()\nelse:\n    env = Platform()",
            "DEBUG",
            id="arms-differ",
        ),
    ],
)
def test_what_is_not_known(env: str, field: str) -> None:
    assert _field(f"from app.base import *\n{env}", field) is UNKNOWN


def test_a_field_given_when_the_object_is_made_is_that_value() -> None:
    assert _field("from app.base import Platform\nenv = Platform(DEBUG=False)", "DEBUG") is False
