"""What a settings module's docstring, or its settings classes' docstrings, say it is for."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.described_roles import described_role, module_described_role
from webwarden.model.roles import Role


@pytest.mark.parametrize(
    ("docstring", "expected"),
    [
        pytest.param("Settings for local development with Docker.", Role.DEVELOPMENT, id="for"),
        pytest.param("Development settings.", Role.DEVELOPMENT, id="development-settings"),
        pytest.param("Local dev config for the shop.", Role.DEVELOPMENT, id="dev-config"),
        pytest.param(
            "Configuration used for development\nin a container.", Role.DEVELOPMENT, id="wrapped"
        ),
        pytest.param(
            "Compose settings. Do not use this docker-compose setup in production.",
            Role.DEVELOPMENT,
            id="do-not-use-in-production",
        ),
        pytest.param("Not for production use.", Role.DEVELOPMENT, id="not-for-production"),
        pytest.param(
            "Settings for development and production.", Role.UNSPECIFIED, id="also-production"
        ),
        pytest.param("Settings for the web servers.", Role.UNSPECIFIED, id="servers"),
        pytest.param(
            "Settings of the cloud; not for local development.", Role.UNSPECIFIED, id="negated"
        ),
        pytest.param(
            "Base settings.\n\nSettings for local development live in dev.py.",
            Role.UNSPECIFIED,
            id="second-paragraph",
        ),
        pytest.param("", Role.UNSPECIFIED, id="empty"),
        pytest.param(None, Role.UNSPECIFIED, id="none"),
    ],
)
def test_described_role(docstring: str | None, expected: Role) -> None:
    assert described_role(docstring) is expected


def _module_role(source: str, exported: str | None = None) -> Role:
    tree = ast.parse(textwrap.dedent(source))
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    return module_described_role(tree, classes, exported)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            '''
            """Settings for local development."""
            DEBUG = True
            ''',
            Role.DEVELOPMENT,
            id="module-docstring",
        ),
        pytest.param(
            '''
            class Docker(Base):
                """Settings for local development with Docker."""
                DEBUG = True
            ''',
            Role.DEVELOPMENT,
            id="sole-class",
        ),
        pytest.param(
            '''
            class Docker(Base):
                """Settings for local development with Docker."""

            class Cloud(Base):
                """Settings the cloud servers run."""
            ''',
            Role.UNSPECIFIED,
            id="classes-differ",
        ),
        pytest.param("DEBUG = False\n", Role.UNSPECIFIED, id="no-docstring"),
    ],
)
def test_module_described_role(source: str, expected: Role) -> None:
    assert _module_role(source) is expected


@pytest.mark.parametrize(
    ("exported", "expected"),
    [
        pytest.param("WebDevSettings", Role.DEVELOPMENT, id="dev"),
        pytest.param("CommunityTestSettings", Role.TEST, id="test"),
        pytest.param("ProductionSettings", Role.UNSPECIFIED, id="production-not-taken"),
        pytest.param("WebSettings", Role.UNSPECIFIED, id="plain"),
    ],
)
def test_exported_class_name(exported: str, expected: Role) -> None:
    source = f"class {exported}(Base):\n    DEBUG = True\n\n{exported}.load_settings(__name__)\n"
    assert _module_role(source, exported) is expected
