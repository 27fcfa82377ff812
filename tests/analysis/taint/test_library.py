"""Library models: what a known library call's result keeps of its arguments' taint."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.library import library_call, presigned_url
from webwarden.analysis.taint.url_components import params_added
from webwarden.analysis.taint.values import CLEAN, OTHERS, Label, Origin, Trace, Value, reaching

_DATA = Value({Label(Origin("source", "q")): Trace(())})
_NAME = ir.Const(None)


def _signed(params: Value) -> Value:
    return presigned_url([(_NAME, Value()), (_NAME, params)], [], CLEAN)


@pytest.mark.parametrize(
    "part",
    [
        pytest.param("[Key]", id="key-in-path"),
        pytest.param("[VersionId]", id="version-in-query"),
        pytest.param("[ResponseContentDisposition]", id="override-in-query"),
    ],
)
def test_a_percent_encoded_parameter_chooses_no_site_and_breaks_no_header(part: str) -> None:
    url = _signed(Value(parts={"[Bucket]": Value(), part: _DATA}))
    for kind in ("redirect", "url", "header"):
        assert not reaching(url.whole(), kind)
    # NOTE: what the URL holds is still the request's data for any other sink.
    assert reaching(url.whole(), "html")


@pytest.mark.parametrize(
    "params",
    [
        pytest.param(Value(parts={"[Bucket]": _DATA, "[Key]": Value()}), id="bucket"),
        pytest.param(Value(_DATA.taint), id="params-of-unknown-keys"),
        pytest.param(Value(parts={OTHERS: Value(_DATA.taint)}), id="spread-of-unknown-keys"),
    ],
)
def test_the_bucket_or_an_unknown_parameter_keeps_the_host_chosen(params: Value) -> None:
    assert reaching(_signed(params).whole(), "redirect")


def test_parameters_added_to_a_uri_choose_no_site() -> None:
    url = params_added([(_NAME, Value()), (_NAME, _DATA)], [("fragment", _NAME, Value())])
    assert url is not None
    for kind in ("redirect", "url", "header", "html"):
        assert not reaching(url.whole(), kind)


def test_the_uri_parameters_are_added_to_keeps_its_data() -> None:
    url = params_added([(_NAME, _DATA), (_NAME, Value())], [])
    assert url is not None
    assert reaching(url.whole(), "redirect")
    assert params_added([], [("uri", _NAME, _DATA)]) is None


def test_what_pillow_says_of_an_opened_image_is_none_of_the_file() -> None:
    # The decoder names the format, mode and size; metadata the file holds stays.
    image = library_call(None, "PIL.Image.open", [(_NAME, _DATA)], [])  # type: ignore[arg-type]
    assert image is not None
    for fact in (".format", ".mode", ".size", ".width"):
        known = image.part(fact)
        assert known is not None
        assert not reaching(known.whole(), "path")
    assert image.part(".info") is None, "read as an attribute of what it was given"
    assert reaching(image.taint, "path")
