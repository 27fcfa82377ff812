"""Links, forms and resources read from pages."""

from __future__ import annotations

from webwarden.probe.html import parse_page


def test_links_forms_and_resources_are_absolute() -> None:
    page = parse_page(
        '<base href="/app/"><a href="page">p</a><a>none</a>'
        '<link rel="stylesheet" href="s.css"><link rel="canonical" href="c">'
        '<object data="http://x.example/o"></object><img src="i.png">'
        '<form method="POST"><input type="hidden" name="csrf_token" value="t">'
        '<input name="q"><select name="s"></select><textarea name="t"></textarea>'
        '<input type="submit"></form>'
        '<input name="outside">',
        "https://a.example/start",
    )
    assert page.links == ["https://a.example/app/page"]
    assert page.resources == [
        ("link", "https://a.example/app/s.css"),
        ("object", "http://x.example/o"),
        ("img", "https://a.example/app/i.png"),
    ]
    [form] = page.forms
    assert (form.method, form.action) == ("post", "https://a.example/app/")
    assert form.fields == [
        ("csrf_token", "hidden", "t"),
        ("q", "text", ""),
        ("s", "select", ""),
        ("t", "textarea", ""),
    ]
    assert form.token_fields == ["csrf_token"]
