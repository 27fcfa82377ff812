"""What the probe reads in HTML pages: links, forms and the resources a page loads.

A forgiving `html.parser` pass; pages are never rendered and scripts never run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

CSRF_FIELD_WORDS = ("csrf", "xsrf", "authenticity_token", "_token", "nonce")
"""Hidden-field names that carry an anti-CSRF token (Django `csrfmiddlewaretoken`,
Flask-WTF `csrf_token`, Rails-style `authenticity_token`, Laravel `_token`, ...)."""

# (tag, attribute) pairs whose URL the browser loads without a click, for mixed content.
_RESOURCES = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("audio", "src"),
    ("video", "src"),
    ("source", "src"),
    ("track", "src"),
    ("input", "src"),
}


@dataclass(slots=True)
class Form:
    """One `<form>`: where and how it submits, and its fields."""

    method: str
    action: str
    """Absolute URL the form submits to."""
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    """(name, type, value) of each named input, select and textarea."""

    @property
    def token_fields(self) -> list[str]:
        """Names of fields that look like an anti-CSRF token."""
        return [
            name
            for name, kind, _ in self.fields
            if kind == "hidden" and any(word in name.lower() for word in CSRF_FIELD_WORDS)
        ]


@dataclass(slots=True)
class PageContent:
    """The parts of a page the probe and its rules use."""

    links: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    resources: list[tuple[str, str]] = field(default_factory=list)
    """(tag, absolute URL) of everything the page loads by itself."""
    unpinned_scripts: list[str] = field(default_factory=list)
    """The absolute URLs of its external scripts that have no `integrity` attribute."""


class _Parser(HTMLParser):
    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.content = PageContent()
        self.form: Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "base" and values.get("href"):
            self.base = urljoin(self.base, values["href"])
        if tag == "a" and values.get("href"):
            self.content.links.append(urljoin(self.base, values["href"].strip()))
        if tag == "link" and values.get("href"):
            rel = values.get("rel", "").lower().split()
            if "stylesheet" in rel or "icon" in rel or "preload" in rel:
                self.content.resources.append((tag, urljoin(self.base, values["href"].strip())))
        if (tag, "src") in _RESOURCES or (tag, "data") in _RESOURCES:
            url = values.get("src") or values.get("data")
            if url:
                self.content.resources.append((tag, urljoin(self.base, url.strip())))
                if tag == "script" and "integrity" not in values:
                    self.content.unpinned_scripts.append(urljoin(self.base, url.strip()))
        if tag == "form":
            action = urljoin(self.base, values.get("action", "").strip() or self.base)
            self.form = Form(values.get("method", "get").strip().lower() or "get", action)
            self.content.forms.append(self.form)
        if tag in {"input", "select", "textarea", "button"} and self.form is not None:
            name = values.get("name")
            if name:
                kind = values.get("type", "text" if tag == "input" else tag).lower()
                self.form.fields.append((name, kind, values.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None


def parse_page(html: str, url: str) -> PageContent:
    """Links, forms and loaded resources of the page at `url`, as absolute URLs."""
    parser = _Parser(url)
    parser.feed(html)
    parser.close()
    return parser.content
