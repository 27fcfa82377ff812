"""`rpc_settings`: the functions kobo's XML-RPC handlers serve, read off `XMLRPC_METHODS`."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from webwarden.analysis.taint.entries import Entries
from webwarden.analysis.taint.rpc_settings import kobo_procedures
from webwarden.model.django.settings import Possibility


@dataclass
class _Module:
    module: str
    imports: dict[str, str] = field(default_factory=dict)
    exports: tuple[str, ...] = ()
    declared_all: tuple[str, ...] | None = None


class _Project:
    def __init__(self, setting: object, *modules: _Module) -> None:
        self.modules = {m.module: m for m in modules}
        values = {"XMLRPC_METHODS": (Possibility(setting, None),)}
        self.django = SimpleNamespace(settings={"app/settings.py": SimpleNamespace(values=values)})

    def modules_named(self, dotted: str) -> _Module | None:
        return self.modules.get(dotted)


_URLS = _Module("app.urls", imports={"Factory": "kobo.django.xmlrpc.views.XMLRPCHandlerFactory"})
_SETTING = {"API": (("app.rpc.users", "User"), ("app.rpc.misc.ping", "ping"))}


def test_every_public_function_of_a_module_and_a_named_function() -> None:
    users = _Module("app.rpc.users", exports=("filter", "get", "task__create", "_helper"))
    found = kobo_procedures(_Project(_SETTING, _URLS, users))  # type: ignore[arg-type]
    assert found == {
        "app.rpc.users.filter",
        "app.rpc.users.get",
        "app.rpc.users.task__create",
        "app.rpc.misc.ping",
    }


def test_a_module_all_limits_what_is_registered() -> None:
    users = _Module("app.rpc.users", exports=("filter", "get"), declared_all=("get",))
    found = kobo_procedures(_Project(_SETTING, _URLS, users))  # type: ignore[arg-type]
    assert "app.rpc.users.filter" not in found
    assert "app.rpc.users.get" in found


@pytest.mark.parametrize(
    ("setting", "modules"),
    [
        pytest.param(_SETTING, (), id="kobo-not-imported"),
        pytest.param((("app.rpc.users", "User"),), (_URLS,), id="not-a-dict-of-handlers"),
        pytest.param({"API": ("app.rpc.users",)}, (_URLS,), id="entry-not-a-pair"),
    ],
)
def test_nothing_without_kobo_or_its_setting_shape(setting, modules) -> None:
    assert kobo_procedures(_Project(setting, *modules)) == frozenset()  # type: ignore[arg-type]


def test_procedures_of_analysed_modules_are_kept() -> None:
    entries = Entries(procedures=frozenset({"app.rpc.users.get", "lib.rpc.ping"}))
    kept = entries.within(frozenset({"app.rpc.users"}), frozenset({"app.rpc.users", "lib.rpc"}))
    assert kept.procedures == {"app.rpc.users.get"}
