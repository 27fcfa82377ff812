"""The index of the project's modules the Flask model is built from."""

from __future__ import annotations

from webwarden.findings import Location
from webwarden.model.flask.facts import BlueprintFact, FunctionFact
from webwarden.model.flask.index import Index
from webwarden.model.project import ModuleSummary


def _summary(relpath: str, module: str, imports: dict[str, str]) -> ModuleSummary:
    return ModuleSummary(relpath, module, False, frozenset(), imports)


def test_a_module_is_the_package_python_imports_not_a_script_beside_it() -> None:
    # NOTE: `import app` finds the package `app/` before the script `app.py` beside it
    summaries = {
        "app.py": _summary("app.py", "app", {"run": "script.run"}),
        "app/__init__.py": _summary("app/__init__.py", "app", {"create": "app.factory.create"}),
    }
    index = Index.build(summaries)
    assert index.paths == {"app": "app/__init__.py"}
    assert index.imports == {"app": {"create": "app.factory.create"}}


def _method(ref: str, params: tuple[str, ...] = ("self",)) -> FunctionFact:
    return FunctionFact(ref, params, (), ())


def test_handler_is_the_one_method_of_its_name() -> None:
    # NOTE: `user_mod = make_authenticator()`: the class is chosen at run time, so the
    # method is known by its name alone, beside a view (no `self`) sharing it.
    index = Index()
    for fact in (
        _method("sso.auth.Saml.consume"),
        _method("sso.views.consume", ()),
        _method("sso.auth.Saml.log_in"),
        _method("sso.auth.Header.log_in"),
    ):
        index.functions[fact.ref] = fact
    assert index.handler("sso.user_mod.consume") is index.functions["sso.auth.Saml.consume"]
    assert index.handler("sso.views.consume") is index.functions["sso.views.consume"]
    assert index.handler("sso.user_mod.log_in") is None
    assert index.handler("consume") is None


def test_a_package_binding_replaces_its_like_named_submodule() -> None:
    # NOTE: `pkg/views/__init__.py` runs `from .actions import actions`: importing the
    # submodule sets the attribute to the module, then the binding replaces it.
    index = Index()
    blueprint = BlueprintFact("pkg.views.actions.actions", "actions", None, Location("x.py", 1))
    index.blueprints[blueprint.ref] = (blueprint, "pkg/views/actions.py")
    index.module_settings["pkg.views.actions"] = ((), "pkg/views/actions.py")
    index.module_settings["pkg.views.pages"] = ((), "pkg/views/pages.py")
    index.imports["pkg.views"] = {"actions": "pkg.views.actions.actions"}
    assert index.canonical("pkg.views.actions") == "pkg.views.actions.actions"
    assert index.canonical("pkg.views.pages") == "pkg.views.pages"  # NOTE: not rebound
    assert index.canonical("pkg.views.actions.actions") == "pkg.views.actions.actions"
