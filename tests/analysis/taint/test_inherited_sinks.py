"""Which sink a project class is when made: the library class it inherits its constructor
from, unless the project's classes change what that class does."""

from __future__ import annotations

from typing import cast

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.inherited_sinks import inherited_sink


class _Index:
    """The little of `ProjectIndex` the judgement reads: the project's classes, their
    ancestors, and the re-exports of library names."""

    def __init__(self, *classes: ir.ClassDef, reexports: dict[str, str] | None = None) -> None:
        self.classes = {cls.qualname: cls for cls in classes}
        self._reexports = reexports or {}

    def mro(self, qualname: str) -> list[str]:
        found = [qualname]
        for base in self.classes[qualname].bases if qualname in self.classes else ():
            found += [name for name in self.mro(base) if name not in found]
        return found

    def canonical(self, name: str) -> str:
        return self._reexports.get(name, name)


def _class(
    qualname: str,
    *bases: str,
    methods: tuple[str, ...] = (),
    assigned: tuple[str, ...] = (),
) -> ir.ClassDef:
    given = tuple((name, None) for name in assigned)
    return ir.ClassDef(qualname, bases, methods, (), assigned=given)


_REDIRECT = "django.http.HttpResponseRedirect"


def _sink_of(index: _Index, cls: str) -> str | None:
    found = inherited_sink(cast(IndexView, index), cls)
    return None if found is None else f"{found[0]} {found[1].rule}"


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        pytest.param(
            _Index(_class("app.Temporary", _REDIRECT, assigned=("status_code",))),
            f"{_REDIRECT} WW1109",
            id="status-only",
        ),
        pytest.param(
            _Index(
                _class("app.Base", _REDIRECT),
                _class("app.Temporary", "app.Base", methods=("__repr__",)),
            ),
            f"{_REDIRECT} WW1109",
            id="through-project-class",
        ),
        pytest.param(
            _Index(
                _class("app.Mixin", "object", methods=("describe",)),
                _class("app.Temporary", "app.Mixin", _REDIRECT),
            ),
            f"{_REDIRECT} WW1109",
            id="project-mixin-first",
        ),
        pytest.param(
            _Index(
                _class("app.Temporary", "app.compat.Redirect"),
                reexports={"app.compat.Redirect": _REDIRECT},
            ),
            f"{_REDIRECT} WW1109",
            id="re-exported-base",
        ),
        pytest.param(
            _Index(_class("app.Temporary", "lib.Mixin", _REDIRECT)),
            None,
            id="library-mixin-first",
        ),
        pytest.param(
            _Index(_class("app.Link", "markupsafe.Markup", methods=("__new__",))),
            None,
            id="own-new",
        ),
        pytest.param(
            _Index(_class("app.Restricted", "pickle.Unpickler", methods=("find_class",))),
            None,
            id="decided-by-method",
        ),
        pytest.param(
            _Index(
                _class("app.Json", "flask.Response", assigned=("default_mimetype",)),
                _class("app.Api", "app.Json"),
            ),
            None,
            id="decided-by-ancestor-attribute",
        ),
        pytest.param(
            _Index(_class("app.Page", "flask.Response", assigned=("charset",))),
            "flask.Response WW544",
            id="other-attribute",
        ),
        pytest.param(_Index(_class("app.Fetch", "requests.get")), None, id="fetching-function"),
        pytest.param(_Index(_class("app.Row", "object")), None, id="no-library-class"),
    ],
)
def test_inherited_sink(index: _Index, expected: str | None) -> None:
    leaf = list(index.classes)[-1]
    assert _sink_of(index, leaf) == expected
