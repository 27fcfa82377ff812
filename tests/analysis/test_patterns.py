"""Tests for `webwarden.analysis.patterns`."""

from __future__ import annotations

import pytest

from webwarden.analysis.patterns import (
    allowed_class,
    drops_separators,
    host_under_domain,
    words_only,
)


@pytest.mark.parametrize(
    ("pattern", "replacement"),
    [
        pytest.param("[^0-9a-zA-Z-]+", "", id="letters-digits-dash"),
        pytest.param(r"[^\w.\-]", "_", id="word-dot-dash-to-underscore"),
        pytest.param("[^a-zA-Z0-9-_.]*", "", id="dash-after-range-is-literal"),
        pytest.param(r"[\/\\\:\*\?\"\'\<\>\|]", "", id="forbidden-file-name-characters"),
        pytest.param(r"[\\/]+", "_", id="separators-to-underscore"),
    ],
)
def test_drops_separators(pattern: str, replacement: str) -> None:
    assert drops_separators(pattern, replacement)


@pytest.mark.parametrize(
    ("pattern", "replacement"),
    [
        pytest.param("[^a-z/]+", "", id="slash-kept"),
        pytest.param(r"[^\w\\]", "", id="backslash-kept"),
        pytest.param(r"[^\w+-/]", "", id="range-spans-slash"),
        pytest.param("[^a-z]", "/", id="replacement-slash"),
        pytest.param("[^a-z]{2}", "", id="counted-repeat"),
        pytest.param("[a-z]+", "", id="class-without-separators"),
        pytest.param(r"[\\:*?]", "", id="class-without-slash"),
        pytest.param(r"[*-0]", "", id="range-spans-slash-only"),
        pytest.param("[^]a]", "", id="bracket-first"),
        pytest.param(r"\.\./", "", id="not-a-class"),
    ],
)
def test_keeps_separators(pattern: str, replacement: str) -> None:
    assert not drops_separators(pattern, replacement)


@pytest.mark.parametrize(
    "pattern",
    [
        pytest.param(r"\d+", id="digits"),
        pytest.param(r"\d+(?:[,-]\d+)*", id="id-list-and-ranges"),
        pytest.param(r"[\d,]+", id="digits-and-commas"),
        pytest.param("[a-z,-]+", id="dash-last-is-literal"),
        pytest.param(r"[\w\-]+", id="escaped-dash-in-class"),
        pytest.param(r"\w+\-\d+", id="escaped-dash-alone"),
    ],
)
def test_words_only(pattern: str) -> None:
    assert words_only(pattern, "fullmatch")


@pytest.mark.parametrize(
    "pattern",
    [
        pytest.param("[0-9,-9]+", id="comma-range-spans-dot-and-slash"),
        pytest.param(r"[\w.]+", id="dot"),
        pytest.param(r"[^/]+", id="negated"),
        pytest.param(r"[\w\-.]+", id="escaped-dash-and-dot"),
        pytest.param(r"[\--z]+", id="range-from-escaped-dash"),
    ],
)
def test_not_words_only(pattern: str) -> None:
    assert not words_only(pattern, "fullmatch")


@pytest.mark.parametrize(
    ("pattern", "allowed"),
    [
        pytest.param(r"[^A-Za-z0-9\-]", r"[A-Za-z0-9\-]", id="escaped-dash"),
        pytest.param(r"[^\w.-]+", r"[\w.-]", id="repeated"),
        pytest.param("[^]a]", None, id="bracket-first-is-literal"),
        pytest.param("[a-z]", None, id="not-negated"),
        pytest.param("[^a-z]x", None, id="more-after-the-class"),
        pytest.param("^[^a-z]", None, id="anchored"),
    ],
)
def test_allowed_class(pattern: str, allowed: str | None) -> None:
    assert allowed_class(pattern) == allowed


@pytest.mark.parametrize(
    ("pattern", "how", "under"),
    [
        pytest.param(r"^[a-z0-9-]+\.myshopify\.com$", "match", True, id="shop-subdomain"),
        pytest.param(r"[a-z0-9.-]+\.example\.org", "fullmatch", True, id="any-depth"),
        pytest.param(r"\A\w+\.example\.co\.uk\Z", "search", True, id="anchored-search"),
        pytest.param(r"^[a-z0-9-]+\.myshopify\.com", "match", False, id="open-end"),
        pytest.param(r"[a-z0-9-]+\.myshopify\.com$", "search", False, id="open-start"),
        pytest.param(r"^.+\.myshopify\.com$", "match", False, id="any-character"),
        pytest.param(r"^[^/]+\.myshopify\.com$", "match", False, id="refused-class"),
        pytest.param(r"^[a-z@:.-]+\.example\.com$", "match", False, id="userinfo-characters"),
        pytest.param(r"^[a-z]+\.com$", "match", False, id="a-top-level-domain"),
        pytest.param(r"^[a-z]+\.example\.com$", "sub", False, id="not-a-match"),
    ],
)
def test_host_under_domain(pattern: str, how: str, under: bool) -> None:
    assert host_under_domain(pattern, how) is under
