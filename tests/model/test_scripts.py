"""Which modules are scripts an operator or a process manager starts (`is_script`)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.names import NameResolver
from webwarden.model.scripts import is_script


def _script(source: str) -> bool:
    tree = ast.parse(textwrap.dedent(source))
    return is_script(tree, NameResolver(tree, "run"))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            import django
            django.setup()
            from django.conf import settings
            def command():
                return settings.QUEUE_URL
            """,
            True,
            id="standalone-django-program",
        ),
        pytest.param(
            """
            import django
            if __name__ == "__main__":
                django.setup()
            """,
            True,
            id="setup-under-main-guard",
        ),
        pytest.param(
            """
            from django import setup
            setup()
            """,
            True,
            id="setup-imported-by-name",
        ),
        pytest.param(
            """
            import django
            from channels.routing import ProtocolTypeRouter
            django.setup()
            application = ProtocolTypeRouter({})
            """,
            False,
            id="asgi-entry-point",
        ),
        pytest.param(
            """
            import django
            from celery import shared_task
            django.setup()
            @shared_task
            def work(name):
                return name
            """,
            False,
            id="registers-tasks",
        ),
        pytest.param(
            """
            import django
            django.setup()
            def view(request):
                return request.GET
            """,
            False,
            id="takes-a-request",
        ),
        pytest.param(
            """
            import django
            def start():
                django.setup()
            """,
            False,
            id="setup-inside-a-function",
        ),
    ],
)
def test_standalone_django_programs(source: str, expected: bool) -> None:
    assert _script(source) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            import subprocess
            import sys
            def deploy(image):
                subprocess.run("deploy --image " + image, shell=True)
            environment = sys.argv[1]
            deploy(sys.argv[2])
            """,
            True,
            id="argv-read-at-top-level",
        ),
        pytest.param(
            """
            from sys import argv
            if len(argv) > 1:
                target = argv[1]
            """,
            True,
            id="argv-imported-by-name",
        ),
        pytest.param(
            """
            import sys
            def main():
                return sys.argv[1]
            """,
            False,
            id="argv-read-only-in-a-function",
        ),
        pytest.param(
            """
            import sys
            from flask import request
            mode = sys.argv[-1]
            """,
            False,
            id="module-using-the-request",
        ),
        pytest.param(
            """
            import sys
            from app import bp
            debug = "--debug" in sys.argv
            @bp.route("/run")
            def run():
                return "ok"
            """,
            False,
            id="module-routing-urls",
        ),
    ],
)
def test_scripts_reading_argv(source: str, expected: bool) -> None:
    assert _script(source) is expected


def test_argv_read_only_under_the_main_guard_is_no_script() -> None:
    # Run as a script only under its guard, the module may be imported by a server too.
    source = """
        import sys
        def check(sent, token):
            return sent == token
        if __name__ == "__main__":
            print(check(sys.argv[1], sys.argv[2]))
        """
    assert _script(source) is False
