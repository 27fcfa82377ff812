"""Which modules are scripts an operator or a process manager starts (`is_script`)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.names import NameResolver
from webwarden.model.scripts import declares_inline_script, is_script, starts_server


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


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            import os
            import sys
            def create(email, password):
                os.system(f"make-user {email} {password}")
            if __name__ == "__main__":
                create(sys.argv[1], sys.argv[2])
            """,
            True,
            id="sys-argv-read",
        ),
        pytest.param(
            """
            from sys import argv
            if __name__ == "__main__":
                print(argv[1:])
            """,
            True,
            id="argv-imported-from-sys",
        ),
        pytest.param(
            """
            import sys
            def handler(request):
                return sys.argv
            if __name__ == "__main__":
                handler(None)
            """,
            False,
            id="takes-a-request",
        ),
        pytest.param(
            """
            import sys
            print(sys.argv)
            """,
            True,
            id="no-main-guard-read-at-top",
        ),
        pytest.param(
            """
            import sys
            if __name__ == "__main__":
                sys.exit(main())
            """,
            False,
            id="sys-without-argv",
        ),
        pytest.param(
            """
            import sys
            def check(sent, token):
                return sent == token
            if __name__ == "__main__":
                print(check(sys.argv[1], sys.argv[2]))
            else:
                import server_hooks
            """,
            False,
            id="main-guard-with-import-branch",
        ),
    ],
)
def test_scripts_reading_sys_argv(source: str, expected: bool) -> None:
    assert _script(source) is expected


@pytest.mark.parametrize(
    ("source", "importable", "expected"),
    [
        pytest.param(
            """
            import os
            def main():
                return os.environ["KEY"]
            if __name__ == "__main__":
                main()
            """,
            False,
            True,
            id="hyphen-named-file-under-guard",
        ),
        pytest.param(
            """
            import os
            def main():
                return os.environ["KEY"]
            if __name__ == "__main__":
                main()
            """,
            True,
            False,
            id="importable-module-under-guard-without-command-line",
        ),
        pytest.param(
            """
            def main():
                return 1
            main()
            """,
            False,
            False,
            id="hyphen-named-file-without-guard",
        ),
        pytest.param(
            """
            from flask import Flask
            app = Flask(__name__)
            @app.route("/")
            def index():
                return "hi"
            if __name__ == "__main__":
                app.run()
            """,
            False,
            False,
            id="hyphen-named-file-routing",
        ),
    ],
)
def test_modules_no_import_can_name(source: str, importable: bool, expected: bool) -> None:
    tree = ast.parse(textwrap.dedent(source))
    assert is_script(tree, NameResolver(tree, "run"), importable=importable) is expected


def test_hyphen_named_development_server_is_no_script() -> None:
    source = """
        from flask import Flask
        from views import pages
        app = Flask(__name__)
        app.register_blueprint(pages)
        if __name__ == "__main__":
            app.run(debug=True)
        """
    tree = ast.parse(textwrap.dedent(source))
    assert is_script(tree, NameResolver(tree, "run-dev"), importable=False) is False


@pytest.mark.parametrize(
    "call",
    [
        pytest.param("from waitress import serve\nserve(app)", id="waitress-by-name"),
        pytest.param(
            "from werkzeug.serving import run_simple\nrun_simple('::', 80, app)", id="werkzeug"
        ),
    ],
)
def test_server_started_by_an_imported_name(call: str) -> None:
    source = f"from webapp import app\n{call}\n"
    tree = ast.parse(f"import sys\nif __name__ == '__main__':\n    pass\n{source}")
    assert starts_server(tree, NameResolver(tree, "run-dev")) is True
    assert is_script(tree, NameResolver(tree, "run-dev"), importable=False) is False


@pytest.mark.parametrize(
    ("source", "shebang", "expected"),
    [
        pytest.param(
            """
            from urllib.request import urlopen
            with urlopen("http://localhost:8000/status/") as response:
                assert response.status == 200
            """,
            True,
            True,
            id="program-run-whole",
        ),
        pytest.param(
            """
            from urllib.request import urlopen
            with urlopen("http://localhost:8000/status/") as response:
                assert response.status == 200
            """,
            False,
            False,
            id="no-shebang",
        ),
        pytest.param(
            """
            from urllib.request import urlopen
            def status(request):
                return urlopen("http://backend/status").read()
            """,
            True,
            False,
            id="module-of-functions",
        ),
    ],
)
def test_shebang_program_without_definitions(source: str, shebang: bool, expected: bool) -> None:
    tree = ast.parse(textwrap.dedent(source))
    assert is_script(tree, NameResolver(tree, "run"), shebang=shebang) is expected


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        pytest.param(
            '# /// script\n# dependencies = [\n#   "requests",\n# ]\n# ///\nimport requests\n',
            True,
            id="pep-723-block",
        ),
        pytest.param('# /// script\n# requires-python = ">=3.11"\n# ///\n', True, id="one-line"),
        pytest.param("# /// script\nimport requests\n", False, id="never-closed"),
        pytest.param("# /// pyproject\n# [tool.x]\n# ///\n", False, id="another-type"),
        pytest.param('HELP = """\n    # /// script\n"""\n', False, id="quoted-in-a-string"),
    ],
)
def test_declares_inline_script(text: str, declared: bool) -> None:
    assert declares_inline_script(text) is declared


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            import requests
            def fetch(url):
                return requests.get(url).json()
            if __name__ == "__main__":
                print(fetch(input("URL: ")))
            """,
            True,
            id="guarded-program",
        ),
        pytest.param(
            """
            import requests
            print(requests.get("https://example.com").text)
            """,
            True,
            id="no-guard",
        ),
        pytest.param(
            """
            from flask import Flask
            app = Flask(__name__)
            @app.route("/")
            def index():
                return "ok"
            if __name__ == "__main__":
                app.run()
            """,
            False,
            id="serves-an-app",
        ),
    ],
)
def test_scripts_declaring_inline_metadata(source: str, expected: bool) -> None:
    tree = ast.parse(textwrap.dedent(source))
    assert is_script(tree, NameResolver(tree, "run"), inline_metadata=True) is expected
