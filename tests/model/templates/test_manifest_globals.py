"""Functions whose result is made of their arguments, literals, configuration and a
file configuration names (a build's asset manifest)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.templates.manifest_globals import manifest_functions

HEADER = """
import json
import os

from django.conf import settings
from django.utils.html import format_html
"""


def _found(body: str) -> tuple[str, ...]:
    text = textwrap.dedent(HEADER) + textwrap.dedent(body)
    tree = ast.parse(text)
    resolver = NameResolver(tree, "site.assets")
    return manifest_functions(
        FileContext("site/assets.py", "site.assets", tuple(text.splitlines()), tree, resolver)
    )


@pytest.mark.parametrize(
    ("body", "found"),
    [
        pytest.param(
            """
            def tags(path, attrs):
                key = "/static/js/{}".format(path)
                assets = json.load(open(settings.DIST_DIR + "/manifest.json"))
                if key not in assets:
                    return key
                out = ""
                for chunk in assets[key]:
                    out = out + '<script src="{}" {}></script>'.format(chunk, attrs)
                return format_html(out)
            """,
            ("tags",),
            id="manifest-lookup-to-tags",
        ),
        pytest.param(
            """
            def css(name):
                with open(os.path.join(settings.DIST_DIR, "css.json")) as handle:
                    assets = json.load(handle)
                return f'<link href="{assets.get(name, name)}">'
            """,
            ("css",),
            id="with-open-and-get",
        ),
        pytest.param(
            """
            def wrap(name):
                return "<b>" + name + "</b>"
            """,
            (),
            id="no-file-read",
        ),
        pytest.param(
            """
            def chosen(path):
                return json.load(open(path))["main"]
            """,
            (),
            id="path-from-the-caller",
        ),
        pytest.param(
            """
            def with_row(name):
                assets = json.load(open(settings.DIST_DIR + "/manifest.json"))
                return assets[name] + Notice.objects.first().text
            """,
            (),
            id="database-row",
        ),
        pytest.param(
            """
            def unpacked(name):
                assets = json.load(open(settings.DIST_DIR + "/manifest.json"))
                first, second = lookup(name)
                return assets[name] + first
            """,
            (),
            id="tuple-bound-name",
        ),
        pytest.param(
            """
            def lower_setting(name):
                assets = json.load(open(settings.DIST_DIR + "/manifest.json"))
                return assets[name] + settings.user_banner
            """,
            (),
            id="not-a-setting-name",
        ),
    ],
)
def test_manifest_functions(body: str, found: tuple[str, ...]) -> None:
    assert _found(body) == found
