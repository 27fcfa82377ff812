"""Where a URL put together in code starts (WW773's helper)."""

from __future__ import annotations

import ast

import pytest

from webwarden.rules.auth._link_parts import leading_parts


def _leads(source: str) -> list[str]:
    tree = ast.parse(source)
    return sorted({ast.unparse(lead) for _, lead in leading_parts(tree)})


@pytest.mark.parametrize(
    ("source", "lead"),
    [
        ('f"{base}/reset?t={t}"', "base"),
        ('f"Open {base}/reset/{t} now"', "base"),
        ("f\"<a href='{base}?t={t}'>go</a>\"", "base"),
        ('f"https://{host}/reset/{t}"', "host"),
        ('base + "/reset/" + t', "base"),
        ("base + t", "base"),
        ('"https://" + host + "/reset"', "host"),
        ('"Open {}/reset/{}".format(base, t)', "base"),
        ('"{0}?t={1}".format(base, t)', "base"),
        ('"{root}/r".format(root=base)', "base"),
        ('"%s/reset/%s" % (base, t)', "base"),
        ('"Reset at //%s/r" % host', "host"),
        ("urlsplit(base)", "base"),
        ("urljoin(base, path)", "base"),
    ],
)
def test_url_start(source: str, lead: str) -> None:
    assert _leads(source) == [lead]


@pytest.mark.parametrize(
    "source",
    [
        'f"{name} wrote: {message}"',
        'f"Hello {name}"',
        'f"https://example.com/reset/{t}"',
        '"Dear " + name + ", welcome"',
        '"{} wrote {}".format(name, text)',
        '"%(base)s/reset" % values',
        '"{a[0]".format(b)',
    ],
)
def test_no_url_start(source: str) -> None:
    assert _leads(source) == []
